/** The preview's workbook: a .xlsx or .csv read into memory (the file itself is never written). */
import { extname } from 'node:path';
import { MemoryWorkbook } from '../../workbook/memory';
import { XlsxWorkbook } from '../../workbook/xlsx';
import { readGrids } from '../input';

export async function loadPreviewWorkbook(path: string): Promise<MemoryWorkbook> {
  const grids = await readGrids(path);
  const wb = new MemoryWorkbook(grids);
  if (/^\.xlsx$/i.test(extname(path))) {
    // A book the CLI wrote keeps its colours: its conditional rules come along with the values.
    const book = await XlsxWorkbook.load(path);
    for (const name of wb.sheets.keys()) wb.sheet(name).rules = book.conditionalRules(name);
    const active = book.activeSheetName();
    if (active !== null && wb.sheets.has(active)) wb.active = active;
  }
  wb.resetCalls();
  return wb;
}
