/**
 * The pupils whose ВПР mark differs from the journal's by 2 or more, in Sheets as on the command line: the
 * per-school summaries of «Результаты участников» carry the count, so the built bundle on the emulator
 * (upload as the sidebar sends it, then «Проверить школы…») and `shnor analyze --json` on the same Ф1 file
 * give the same markers and the same numbers. Ф1 in the real file's layout (scripts/pupil-files.ts).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReportXlsx } from '../../scripts/fisoko-reports';
import type { UploadBatch } from '../../src/actions/upload';
import { run } from '../../src/cli/main';
import { combinedRows, comparisonRows } from '../../src/core/combine';
import { parsePupilSummaryRows, PUPILS_HEADER, PUPILS_SHEET, pupilSummaryRows } from '../../src/core/pupils-tab';
import { parsePupilSheet, type PupilSheet } from '../../src/core/pupils';
import { combineFiles, readSource } from '../../src/core/sources';
import { journalGaps } from '../../src/core/tasks';
import { callGlobal, loadBundle } from '../support/gas';
import { stubSpreadsheetApp, stubSpreadsheetOf } from '../support/sheets-stub';
import { districtSchools, rng, type SchoolSpec, taskDistrictSheet } from '../support/task-district';

const OWNER = 'boss@district.example';
const schools = districtSchools(rng(31), 25);
Object.assign(schools[0] as SchoolSpec, { level: -0.6, pupils: 70, lift: 3 });
const grid = taskDistrictSheet(41, schools);

interface JsonSchool {
  login: string;
  markers: Array<{ kind: string; text: string }>;
  journal: Array<{ procedure: string; year: number; compared: number; differBy2: number | null }>;
}

describe('pupils two marks apart from the journal: Sheets and the command line alike', () => {
  it('the same markers and the same counts, the counts those of every pupil', async () => {
    // Sheets: the rows the upload sidebar sends, then the check.
    const reading = readSource('Ф1 МА 5.xlsx', [grid]);
    const combined = combineFiles([reading]);
    const pupils = pupilSummaryRows(combined.summaries).slice(1);
    expect(pupils[0]).toHaveLength(PUPILS_HEADER.length);
    const ss = stubSpreadsheetOf([{ sheet: 'Лист1', values: [] }]);
    ss.owner = OWNER;
    const { context } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: OWNER });
    const batch: UploadBatch = {
      files: [reading.file],
      first: true,
      results: combinedRows(combined.records).slice(1),
      comparison: comparisonRows(combined.comparison).slice(1),
      pupils,
    };
    const up = callGlobal(context, 'apiUploadResults', JSON.parse(JSON.stringify(batch))) as { ok: boolean; message?: string };
    expect(up, up.message).toMatchObject({ ok: true });
    callGlobal(context, 'menuCheckSchools');
    const sheetsFar = new Map(
      parsePupilSummaryRows(ss.em.wb.sheet(PUPILS_SHEET).values).summaries.map((s) => [s.key, s.journal.far] as const),
    );
    const summary = ss.em.wb.sheet('ШНОР: итоги').values;
    const head = summary.findIndex((r) => r.includes('Признаки необъективности'));
    const col = (summary[head] as unknown[]).indexOf('Признаки необъективности');

    // The command line on the same file.
    const dir = join(mkdtempSync(join(tmpdir(), 'shnor-far-')), 'Ф1');
    mkdirSync(dir, { recursive: true });
    await writeReportXlsx(join(dir, 'Ф1 МА 5.xlsx'), grid.sheet, { values: grid.values as never, merges: [] });
    let out = '';
    const code = await run(['analyze', dir, '--json'], { out: (t) => (out += t), err: () => undefined });
    expect(code).toBe(0);
    const doc = JSON.parse(out) as { schools: JsonSchool[] };

    // Every pupil, counted directly.
    const every = new Map(journalGaps(parsePupilSheet(grid) as PupilSheet).map((g) => [g.key, g.far]));
    expect([...every.values()].some((n) => n > 0)).toBe(true);
    let markers = 0;
    for (const s of doc.schools) {
      expect(s.journal.map((j) => j.differBy2)).toEqual([every.get(s.login)]);
      expect(sheetsFar.get(s.login)).toBe(every.get(s.login));
      const cell = String((summary.find((r) => r.includes(s.login)) ?? [])[col] ?? '');
      for (const m of s.markers) expect(cell).toContain(m.text);
      if (s.markers.length === 0) expect(cell).toBe('');
      markers += s.markers.length;
    }
    expect(markers).toBeGreaterThan(0);

    // The справка in Sheets says it for the district, with the numbers of every pupil.
    callGlobal(context, 'menuReport');
    const total = [...every.values()].reduce((a, b) => a + b, 0);
    const said = ss.em.wb
      .sheet('Аналитическая справка')
      .values.flat()
      .find((v) => typeof v === 'string' && v.startsWith('Отметка ВПР расходится с отметкой по журналу на 2 и более'));
    expect(String(said)).toMatch(new RegExp(`: ${total} из \\d+ сравненных участников`));
  }, 120_000);
});
