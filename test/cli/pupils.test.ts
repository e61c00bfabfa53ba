/** The command line on Ф1 «Индивидуальные результаты» files: analyze, report, compare and roadmap take a folder of them. */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeReportXlsx } from '../../scripts/fisoko-reports';
import { run } from '../../src/cli/main';
import { loadInputs } from '../../src/cli/inputs';
import { pupilAt } from '../../src/core/pupils';
import { parsePupilSummaryRows, PUPILS_SHEET } from '../../src/core/pupils-tab';
import { worksheetGrid } from '../../src/workbook/xlsx-values';
import { pupilDistrict } from '../support/pupil-district';

const dir = join(mkdtempSync(join(tmpdir(), 'shnor-cli-f1-')), 'Ф1');
const district = pupilDistrict(16, 7);

async function shnor(...args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  for (const [i, g] of district.f1.entries()) {
    const values = g.values.map((r) => [...r]);
    // One bad cell in the first file: a mark of 6 (row 10, column of «Отметка»).
    if (i === 0) {
      const header = values[7] as unknown[];
      (values[9] as unknown[])[header.indexOf('Отметка')] = 6;
    }
    await writeReportXlsx(join(dir, `Ф1 ${String(i + 1).padStart(2, '0')}.xlsx`), g.sheet, { values: values as never, merges: [] });
  }
});

describe('shnor on a folder of Ф1 files', () => {
  it('analyze: every file read, the bad cell named by sheet, row and column, exit code 1; the book has «Результаты участников»', async () => {
    const out = join(dir, '..', 'книга.xlsx');
    const r = await shnor('analyze', dir, '-o', out);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Прочитано файлов с результатами: 8 из 8;/);
    expect(r.out).toContain(
      '[ошибка] Лист «Ф1 01.xlsx / МА 5 2025 Индивидуальные», строка 10, столбец X: «6» — Отметка должна быть от 2 до 5; не учитывается.',
    );
    expect(r.out).toMatch(/Ф1 01\.xlsx — индивидуальные результаты: ВПР МА 5, 2025 — 16 ОО, участников \d+ \(из: заголовок\)/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const tab = parsePupilSummaryRows(worksheetGrid(book.getWorksheet(PUPILS_SHEET) as ExcelJS.Worksheet).values);
    expect(tab.skipped).toEqual([]);
    expect(tab.summaries).toHaveLength(16 * 8);
  }, 120_000);

  it('report, compare and roadmap read the same folder', async () => {
    const report = await shnor('report', dir);
    expect(report.out).toMatch(/^Аналитическая справка/);
    expect(report.out).toMatch(/отнесено \d+ школ/);
    const compare = await shnor('compare', dir, '--a', 'novokuznetsk-2020', '--b', 'rosobrnadzor-2025-or');
    expect(compare.out).toMatch(/ШНОР по A: \d+, по B: \d+/);
    const roadmap = await shnor('roadmap', dir, '-o', join(dir, '..', 'карты.xlsx'));
    expect(roadmap.out).toMatch(/Книга записана/);
  }, 120_000);

  it('keeps every pupil for the analyses of tasks and scores', async () => {
    const inputs = await loadInputs([dir]);
    expect(inputs.pupils).toHaveLength(8);
    const first = inputs.pupils[0];
    if (!first) throw new Error('no pupils');
    expect(first.tasks.length).toBeGreaterThan(10);
    const p = pupilAt(first, 0);
    expect(p.scores).toHaveLength(first.tasks.length);
    expect(p.school.login).toMatch(/^sch77\d{4}$/);
  }, 120_000);
});
