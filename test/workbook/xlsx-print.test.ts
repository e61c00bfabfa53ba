/**
 * Print settings and sparklines of the .xlsx adapter read back from the saved file: a print area of an
 * input book keeps its «$» when the book is saved again (the catalogue «Справочник мероприятий» with its
 * «Источники» tab, loaded by the monitor, printed cut before), and the x14 sparklines exceljs cannot write.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { sparklineFormula } from '../../src/core/sparkline';
import { XlsxWorkbook } from '../../src/workbook/xlsx';

const dir = mkdtempSync(join(tmpdir(), 'shnor-xlsx-print-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The workbook part's defined names, as the file has them. */
async function definedNames(path: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const xml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<definedName [^>]*>([^<]*)<\/definedName>/g)].map((m) => (m[1] as string).replace(/&apos;/g, "'"));
}

describe('print areas of an input book', () => {
  it('are saved again absolute ($A$1:$G$12), as Excel and LibreOffice need them', async () => {
    // An input book as another program saved it: a print area and repeated rows on a tab of its own.
    const input = new ExcelJS.Workbook();
    const ws = input.addWorksheet('Источники');
    for (let r = 1; r <= 12; r++) ws.getRow(r).values = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    ws.pageSetup.printArea = 'A$1:G$12';
    ws.pageSetup.printTitlesRow = '1:1';
    const inPath = join(dir, 'input.xlsx');
    await input.xlsx.writeFile(inPath);
    expect(await definedNames(inPath)).toEqual(["'Источники'!$A$1:$G$12", "'Источники'!$1:$1"]);
    // Loaded and saved by the product, its other tabs written.
    const wb = await XlsxWorkbook.load(inPath);
    wb.ensureSheet('Итоги');
    wb.writeBlock('Итоги', 0, 0, [['x']]);
    const outPath = join(dir, 'output.xlsx');
    await wb.save(outPath);
    expect(await definedNames(outPath)).toEqual(["'Источники'!$A$1:$G$12", "'Источники'!$1:$1"]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(outPath);
    expect(back.getWorksheet('Источники')?.pageSetup.printArea).toBe('A1:G12');
  });
});

describe('sparklines', () => {
  it('are written as the trend in characters of the values the row holds (0 to the row’s largest); exceljs reads them back', async () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('ШНОР: итоги');
    wb.writeBlock('ШНОР: итоги', 0, 0, [
      ['ОО', 'Ход', 2023, 2024, 2025, 2026],
      ['СОШ № 1', null, 12.5, null, 31, 40],
      ['СОШ № 2', null, null, null, null, null],
    ]);
    const line = (row: number) => [sparklineFormula({ row, col: 2, rows: 1, cols: 4 })];
    wb.writeFormulas('ШНОР: итоги', 1, 1, [line(1), line(2)]);
    const path = join(dir, 'spark.xlsx');
    await wb.save(path);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    const ws = back.getWorksheet('ШНОР — итоги')!;
    // 12,5 of 40 is the third of eight heights, no value in 2024, 31 the seventh, 40 the top.
    expect(ws.getCell('B2').value).toBe('▃ · ▇ █');
    expect(ws.getCell('B3').value).toBe('');
    expect(ws.getCell('F2').value).toBe(40);
  });
});
