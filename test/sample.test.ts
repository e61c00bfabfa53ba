import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeSampleDistrict, sampleCsv, YEARS } from '../scripts/make-sample';
import { worksheetGrid } from '../src/workbook/xlsx-values';

const root = join(import.meta.dirname, '..');

describe('the bundled sample district', () => {
  const d = makeSampleDistrict();

  it('is generated deterministically: the committed files are what the script makes', async () => {
    expect(JSON.stringify(makeSampleDistrict())).toBe(JSON.stringify(d));
    const csv = readFileSync(join(root, 'sample/district.csv'), 'utf8');
    expect(csv).toBe(sampleCsv(d));
    expect(csv.startsWith('\ufeffПроцедура;Год;Класс;Предмет;Муниципалитет;Логин;ОО;Кол-во участников;2;3;4;5')).toBe(true);
    const lines = csv.trim().split('\r\n').length - 1;
    expect(lines).toBe(d.results.flat(2).filter((m) => m !== null).length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(root, 'sample/district.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Результаты', 'Школы', 'Сравнение с журналом']);
    const journal = worksheetGrid(wb.getWorksheet('Сравнение с журналом') as ExcelJS.Worksheet);
    expect(journal.values.length - 1).toBe(d.journal.length);
    const results = worksheetGrid(wb.getWorksheet('Результаты') as ExcelJS.Worksheet);
    const first = results.values[3] ?? [];
    expect(first.slice(0, 3)).toEqual([d.schools[0]?.territory, d.schools[0]?.name, d.schools[0]?.login]);
    // The latest year comes first; this cell is written with a decimal comma on purpose.
    expect([Number(String(first[3]).replace(',', '.')), first[4]]).toEqual([
      d.results[0]?.[0]?.[2]?.marks[0],
      d.results[0]?.[0]?.[2]?.marks[3],
    ]);
  });

  it('has the variety of a real district', () => {
    expect(d.schools.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(d.schools.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['ООШ', 'СОШ', 'гимназия', 'лицей', 'филиал']);
    expect(YEARS).toHaveLength(3);
    const labels = d.procedures.map((p) => p.label);
    for (const l of ['ВПР РУ 4', 'ВПР МА 8', 'ОГЭ МА', 'ОГЭ РУ', 'ЕГЭ МА база', 'ЕГЭ МА проф', 'ЕГЭ РУ']) expect(labels).toContain(l);
    // A basic school has no ЕГЭ.
    const oosh = d.schools.findIndex((s) => s.kind === 'ООШ');
    const ege = d.procedures.findIndex((p) => p.exam === 'ЕГЭ');
    expect(d.results[oosh]?.[ege]).toEqual([null, null, null]);
    expect(d.schools.every((s) => s.context.length === 6 && s.login.startsWith('sch'))).toBe(true);
  });

  it('carries the mess of real files in the .xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(root, 'sample/district.xlsx'));
    const g = worksheetGrid(wb.getWorksheet('Результаты') as ExcelJS.Worksheet);
    const header = g.values[1]?.map(String) ?? [];
    expect(header.some((h) => h.startsWith('ВПр'))).toBe(true);
    expect(header.some((h) => h.includes(' Мат '))).toBe(true);
    expect(g.values[2]?.[3]).toBe('" % 2"');
    expect(g.merges?.length).toBe(d.procedures.length * YEARS.length);
    const cells = g.values.flat();
    expect(cells).toContain('-');
    expect(cells.some((c) => typeof c === 'string' && /^\d+,\d+$/.test(c))).toBe(true);
    expect(cells.some((c) => typeof c === 'string' && /%$/.test(c) && /\d/.test(c))).toBe(true);
  });
});
