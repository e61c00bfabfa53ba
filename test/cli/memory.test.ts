/**
 * Bounded memory and time said before a long run: the estimate of a run's processor time (analyze,
 * report, compare, roadmap), the refusal of an input too large for the memory (compare, roadmap, an
 * .xlsx), and the user's sheets of an .xlsx input kept through `-o` now that the input is read as a stream.
 * The region-sized runs themselves (40,000 and 300,000 schools) are measured by `npm run bench`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { type InputWeight, runEstimate } from '../../src/cli/inputs';
import { run } from '../../src/cli/main';
import { hugeCsv } from '../support/hostile';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'shnor-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function shnor(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  Object.assign(process.env, env);
  try {
    const code = await run(args, { out: (t) => (out += t), err: (t) => (err += `${t}\n`) });
    return { code, out, err };
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
  }
}

const MB = 1024 ** 2;
const weight = (csv: number, xlsx = 0): InputWeight => ({ size: csv + xlsx, xlsx: xlsx > 0, bytes: { csv, xlsx } });

describe('the estimate of a long run', () => {
  it('says the processor time of a region before the work, and nothing for a district', () => {
    // The 40,000 schools' CSV of the bench: 23 MB.
    expect(runEstimate(['район.csv'], weight(23 * MB), 'book')).toBe(
      'Файл район.csv (23 МБ): это займёт около 30 с работы процессора (на занятом компьютере дольше).',
    );
    expect(runEstimate(['район.csv'], weight(170 * MB), 'book')).toMatch(/около 4 мин работы процессора/);
    expect(runEstimate(['район.csv'], weight(23 * MB), 'compare')).toBeNull(); // 7 s
    expect(runEstimate(['район.csv'], weight(40 * MB), 'roadmap')).toMatch(/около 15 с/);
    expect(runEstimate(['a.xlsx', 'b.csv'], weight(10 * MB, 300 * MB), 'json')).toBe(
      'Входные файлы (310 МБ): это займёт около 15 с работы процессора (на занятом компьютере дольше).',
    );
    expect(runEstimate(['район.csv'], weight(1 * MB), 'book')).toBeNull();
  });

  it('is printed on stderr by analyze, report, compare and roadmap; stdout stays the document', { timeout: 120_000 }, async () => {
    const csv = join(root, 'sample', 'district.csv');
    const env = { SHNOR_LONG_RUN_SECONDS: '0' };
    const said = /^Файл .*district\.csv \(1 МБ\): это займёт около 1 с работы процессора \(на занятом компьютере дольше\)\.$/m;
    const json = await shnor(['analyze', csv, '--json'], env);
    expect(json.err).toMatch(said);
    expect(() => JSON.parse(json.out) as unknown).not.toThrow();
    expect((await shnor(['report', csv], env)).err).toMatch(said);
    expect((await shnor(['compare', csv, '--a', 'novokuznetsk-2020', '--b', 'rosobrnadzor-2025-or'], env)).err).toMatch(said);
    const roadmap = await shnor(['roadmap', csv, '--district', '-o', join(dir, 'карта.xlsx')], env);
    expect(roadmap.code).toBe(0);
    expect(roadmap.err).toMatch(said);
    // Without the lowered bound a district's run says nothing of the kind.
    expect((await shnor(['analyze', csv, '--json'])).err).not.toMatch(/займёт/);
  });
});

describe('an input too large for the memory', () => {
  const region = join(dir, 'регион-300000.csv');
  writeFileSync(region, hugeCsv(300_000));
  const small = { SHNOR_MEMORY_MB: '256' };

  it('is refused by compare and roadmap before work starts, naming the size and the way out', async () => {
    const compare = await shnor(['compare', region, '--a', 'novokuznetsk-2020', '--b', 'rosobrnadzor-2025-or'], small);
    expect(compare.code).toBe(2);
    expect(compare.err.trim().split('\n')).toHaveLength(1);
    expect(compare.err).toMatch(
      /^Файл .*регион-300000\.csv \(\d+ МБ\) слишком велик для памяти этого компьютера: сравнению нужно около [\d,]+ ГБ, а доступно 0,3 ГБ\. Работа не начата\. Что сделать: .*разделите таблицу на части/,
    );
    const roadmap = await shnor(['roadmap', region, '--district', '-o', join(dir, 'карты.xlsx')], small);
    expect(roadmap.code).toBe(2);
    expect(roadmap.err).toMatch(/книге \(-o\) нужно около .* Работа не начата\. Что сделать: .*разделите таблицу на части/);
    expect(roadmap.err).not.toMatch(/--json/);
    expect(roadmap.err).not.toMatch(/\n\s+at |Error/);
  });

  it('an .xlsx is refused with CSV as the way out', { timeout: 120_000 }, async () => {
    const book = join(dir, 'регион.xlsx');
    const out = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: book, useSharedStrings: true });
    const ws = out.addWorksheet('Результаты');
    for (const line of hugeCsv(40_000).trimEnd().split('\n')) ws.addRow(line.split(';')).commit();
    ws.commit();
    await out.commit();
    const r = await shnor(['analyze', book, '-o', join(dir, 'книга.xlsx')], { SHNOR_MEMORY_MB: '48' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/слишком велик для памяти .* Работа не начата\. Что сделать: .*сохраните таблицу как CSV UTF-8/);
  });
});

describe('the user’s sheets of an .xlsx input through -o', () => {
  it('keep values, number formats, merges, widths and formulas', { timeout: 120_000 }, async () => {
    const input = join(dir, 'своя.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Результаты');
    // The layout of a district's table: two header rows, each procedure's year over two merged columns.
    ws.getRow(1).values = ['Логин', 'ОО', 'ВПР МА 5 2025', '', 'ВПР МА 5 2026', ''];
    ws.getRow(2).values = ['', '', '% 2', '% выс.', '% 2', '% выс.'];
    ws.mergeCells('C1:D1');
    ws.mergeCells('E1:F1');
    const rows: Array<[string, string, number, number, number, number]> = [
      ['sch000001', 'МБОУ «СОШ № 1»', 0.452, 0.05, 0.481, 0.04],
      ['sch000002', 'МБОУ «СОШ № 2»', 0.05, 0.3, 0.061, 0.28],
      ['sch000003', 'МБОУ «СОШ № 3»', 0.12, 0.2, 0.35, 0.1],
    ];
    rows.forEach((r, i) => {
      ws.getRow(i + 3).values = r;
      for (const c of [3, 4, 5, 6]) ws.getRow(i + 3).getCell(c).numFmt = '0.0%';
    });
    ws.getColumn(2).width = 31.5;
    ws.getColumn(1).width = 12;
    const notes = wb.addWorksheet('Пояснения');
    notes.getCell('A1').value = 'Сводка района';
    notes.mergeCells('A1:C1');
    notes.getCell('A2').value = new Date(Date.UTC(2026, 3, 15));
    notes.getCell('A2').numFmt = 'dd.mm.yyyy';
    notes.getCell('B2').value = 1234.5;
    notes.getCell('B2').numFmt = '# ##0,00';
    notes.getCell('C2').value = { formula: 'B2*2', result: 2469 };
    notes.getCell('A3').value = { richText: [{ text: 'жирный ', font: { bold: true } }, { text: 'и обычный' }] };
    notes.getColumn(1).width = 20;
    notes.getColumn(3).width = 9.5;
    await wb.xlsx.writeFile(input);

    const output = join(dir, 'своя-итог.xlsx');
    const r = await shnor(['analyze', input, '-o', output]);
    expect(r.code, r.err).toBe(0);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(output);
    const results = back.getWorksheet('Результаты') as ExcelJS.Worksheet;
    rows.forEach((line, i) =>
      line.forEach((v, c) => {
        expect(results.getRow(i + 3).getCell(c + 1).value).toBe(v);
        if (c >= 2) expect(results.getRow(i + 3).getCell(c + 1).numFmt).toBe('0.0%');
      }),
    );
    expect(results.getCell('C1').value).toBe('ВПР МА 5 2025');
    expect(results.getCell('D1').isMerged).toBe(true);
    expect(results.getCell('F1').isMerged).toBe(true);
    expect(results.getColumn(2).width).toBe(31.5);
    expect(results.getColumn(1).width).toBe(12);
    const kept = back.getWorksheet('Пояснения') as ExcelJS.Worksheet;
    expect(kept.getCell('A1').value).toBe('Сводка района');
    expect(kept.getCell('C1').isMerged).toBe(true);
    expect(kept.getCell('A2').value).toEqual(new Date(Date.UTC(2026, 3, 15)));
    expect(kept.getCell('A2').numFmt).toBe('dd.mm.yyyy');
    expect(kept.getCell('B2').value).toBe(1234.5);
    expect(kept.getCell('B2').numFmt).toBe('# ##0,00');
    expect(kept.getCell('C2').value).toEqual({ formula: 'B2*2', result: 2469 });
    expect(kept.getCell('A3').text).toBe('жирный и обычный');
    expect((kept.getCell('A3').value as ExcelJS.CellRichTextValue).richText[0]?.font?.bold).toBe(true);
    expect(kept.getColumn(1).width).toBe(20);
    expect(kept.getColumn(3).width).toBe(9.5);
    // The verdicts come from the streamed reading: school 1 is low in both years.
    const summary = back.worksheets.find((s) => /итоги/.test(s.name)) as ExcelJS.Worksheet;
    const texts: string[] = [];
    summary.eachRow((row) => texts.push(row.values.toString()));
    expect(texts.join('\n')).toMatch(/sch000001[^\n]*ШНОР|ШНОР[^\n]*sch000001/);
  });
});
