/**
 * «Результаты участников» written before the column «Расходятся с журналом на 2 и более, чел.»: a new upload
 * keeps the other files' rows under the right headers (matched by name, the new column empty for them), and
 * the tab still reads — the count unknown for the old rows, known for the new.
 */
import { describe, expect, it } from 'vitest';
import { uploadRows } from '../../src/actions/upload';
import { parsePupilSummaryRows, PUPILS_HEADER, PUPILS_SHEET, pupilSummaryRows } from '../../src/core/pupils-tab';
import { combineFiles, readSource } from '../../src/core/sources';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { districtSchools, rng, taskDistrictSheet } from '../support/task-district';

const FAR = PUPILS_HEADER.indexOf('Расходятся с журналом на 2 и более, чел.');
const rowsOf = (file: string, seed: number, year: number) =>
  pupilSummaryRows(combineFiles([readSource(file, [taskDistrictSheet(seed, districtSchools(rng(seed), 4), { year })])]).summaries);

describe('an older «Результаты участников»', () => {
  it('keeps its rows aligned by header when a new load adds the column', () => {
    const old = rowsOf('Ф1 2025.xlsx', 5, 2025).map((r) => r.filter((_, i) => i !== FAR));
    const wb = new MemoryWorkbook([{ sheet: PUPILS_SHEET, values: old }]);
    const fresh = rowsOf('Ф1 2026.xlsx', 6, 2026);
    const out = uploadRows(wb, { files: ['Ф1 2026.xlsx'], first: true, results: [], comparison: [], pupils: fresh.slice(1) });
    expect(out).toMatchObject({ ok: true });
    const tab = wb.sheet(PUPILS_SHEET).values;
    expect(tab[0]).toEqual([...PUPILS_HEADER]);
    const back = parsePupilSummaryRows(tab);
    expect(back.skipped).toEqual([]);
    expect(back.summaries.map((s) => [s.year, s.journal.far === null])).toEqual([
      ...old.slice(1).map(() => [2025, true]),
      ...fresh.slice(1).map(() => [2026, false]),
    ]);
    // The old rows' maximum, tasks and file stand in their own columns.
    const max = PUPILS_HEADER.indexOf('Макс. первичный балл');
    expect(tab.slice(1, old.length).map((r) => [r[max], r[FAR]])).toEqual(old.slice(1).map(() => [20, null]));
    expect(parsePupilSummaryRows(old).summaries).toEqual(back.summaries.slice(0, old.length - 1));
  });
});
