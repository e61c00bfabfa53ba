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
  it('are written as Excel sparklines of the row, the cell empty; exceljs reopens the book; a cleared tab loses them', async () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('ШНОР: итоги');
    wb.writeBlock('ШНОР: итоги', 0, 0, [
      ['ОО', 'Ход', 2024, 2025, 2026],
      ['СОШ № 1', null, 12.5, null, 31],
    ]);
    wb.writeFormulas('ШНОР: итоги', 1, 1, [[sparklineFormula({ row: 1, col: 2, rows: 1, cols: 3 })]]);
    expect(wb.sparklinesOf('ШНОР: итоги')).toEqual([{ row: 1, col: 1, source: { row: 1, col: 2, rows: 1, cols: 3 } }]);
    const path = join(dir, 'spark.xlsx');
    await wb.save(path);
    const zip = await JSZip.loadAsync(readFileSync(path));
    const xml = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    expect(xml).toMatch(/<extLst><ext uri="\{05C60535-1F16-4fd2-B633-F4F36F0B64E0\}"[^>]*><x14:sparklineGroups /);
    expect(xml).toContain("<x14:sparkline><xm:f>'ШНОР — итоги'!C2:E2</xm:f><xm:sqref>B2</xm:sqref></x14:sparkline>");
    // The extension is the worksheet's last element.
    expect(xml.endsWith('</extLst></worksheet>')).toBe(true);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    const ws = back.getWorksheet('ШНОР — итоги')!;
    expect(ws.getCell('B2').value).toBeNull();
    expect(ws.getCell('E2').value).toBe(31);
    // Written again (a re-run clears its tab first): no sparkline is left over.
    wb.clearSheet('ШНОР: итоги');
    expect(wb.sparklinesOf('ШНОР: итоги')).toEqual([]);
  });
});
