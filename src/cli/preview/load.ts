/** The preview's workbook: a .xlsx or .csv read into memory (the file itself is never written). */
import { basename, extname } from 'node:path';
import type { Grid } from '../../core/results';
import { MemoryWorkbook } from '../../workbook/memory';
import { XlsxWorkbook } from '../../workbook/xlsx';
import { readGrids } from '../input';
import { expandInputs } from '../inputs';

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

/**
 * Several files or a folder, as Sheets' File → Import → «Insert new sheets» brings them into one book:
 * a tab per CSV and per sheet of a workbook, a workbook's only sheet named after its file, names cut to
 * Sheets' 100 characters and kept unique. Nothing is combined here: «Проверить школы…» does that.
 */
export async function loadPreviewInputs(paths: readonly string[]): Promise<MemoryWorkbook> {
  const files = await expandInputs(paths);
  if (paths.length === 1 && files[0] === paths[0]) return loadPreviewWorkbook(paths[0] as string);
  const tabs: Grid[] = [];
  const taken = new Set<string>();
  const unique = (name: string) => {
    let n = name.slice(0, 100);
    for (let i = 2; taken.has(n); i++) n = `${name.slice(0, 95)} (${i})`;
    taken.add(n);
    return n;
  };
  for (const file of files) {
    const grids = await readGrids(file);
    const base = basename(file).replace(/\.(xlsx|xlsm|csv)$/i, '');
    for (const g of grids) tabs.push({ ...g, sheet: unique(grids.length === 1 ? base : g.sheet) });
  }
  const wb = new MemoryWorkbook(tabs);
  wb.resetCalls();
  return wb;
}
