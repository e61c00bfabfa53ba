/**
 * The command line reads the district's «Шкалы отметок ВПР» from the input book as Sheets does
 * (core/scales.ts): a book holding a Ф1 sheet (scripts/pupil-files.ts, the real file's layout) and the
 * district's scale tab gives «Задания» the district's boundaries in the written .xlsx.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/actions/analyze';
import { run } from '../../src/cli/main';
import { SCALES_HEADER, SCALES_SHEET } from '../../src/core/scales';
import { TASKS_SHEET } from '../../src/core/tasks-tab';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { districtSchools, rng, taskDistrictSheet } from '../support/task-district';

const f1 = taskDistrictSheet(41, districtSchools(rng(31), 25));
const scales = [['Шкалы перевода первичных баллов ВПР в отметки'], [...SCALES_HEADER], ['ВПР МА 5', 2026, 20, 8, 11, 15, 'письмо ЦОКО']];
const line = (values: unknown[][]) => {
  const at = values.findIndex((r) => String(r?.[0] ?? '').startsWith('Границы отметок'));
  return values
    .slice(at, at + 3)
    .map((r) => String(r?.[0] ?? ''))
    .join(' ');
};

describe('shnor analyze -o: the district’s mark scales from the input book', () => {
  it('«Задания» names the district’s scale and the pupils who contradict it, as Sheets does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shnor-scales-'));
    const input = join(dir, 'район.xlsx');
    const book = new ExcelJS.Workbook();
    for (const g of [f1, { sheet: SCALES_SHEET, values: scales }]) {
      const ws = book.addWorksheet(g.sheet);
      g.values.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && (ws.getCell(r + 1, c + 1).value = v as never)));
    }
    await book.xlsx.writeFile(input);
    const output = join(dir, 'итоги.xlsx');
    const code = await run(['analyze', input, '-o', output], { out: () => undefined, err: () => undefined });
    expect(code).toBe(0);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(output);
    const ws = out.getWorksheet(TASKS_SHEET)!;
    const values: unknown[][] = [];
    ws.eachRow((row, r) => (values[r - 1] = (row.values as unknown[]).slice(1)));
    const cli = line(values);
    expect(cli).toMatch(
      /Взяты по файлу — участники противоречат шкале \(шкала района \(лист «Шкалы отметок ВПР», строка 3: письмо ЦОКО\)\): отметку «3» получили участники с 7 баллами/,
    );

    // The same book in Sheets.
    const wb = new MemoryWorkbook([f1, { sheet: SCALES_SHEET, values: scales }]);
    const done = analyze(wb);
    expect(done.kind).toBe('done');
    expect(line(wb.sheet(TASKS_SHEET).values)).toBe(cli);
  }, 120_000);
});
