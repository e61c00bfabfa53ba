/** The preview's workbook: a .xlsx or .csv read into memory (the file itself is never written). */
import { basename, extname } from 'node:path';
import type ExcelJS from 'exceljs';
import type { Grid } from '../../core/results';
import { type MemorySheet, MemoryWorkbook } from '../../workbook/memory';
import { XlsxWorkbook } from '../../workbook/xlsx';
import { readGrids } from '../input';
import { expandInputs } from '../inputs';

/**
 * What Sheets keeps of an .xlsx it opens, as the preview draws it: column widths (an Excel width unit is
 * about 7 pixels, as XlsxWorkbook writes them), hidden columns, frozen panes, wrapped text, bold and solid
 * fills. Row heights set in the file are not kept: the rows fit their text, as the add-on's tabs do.
 */
function fileLook(s: MemorySheet, ws: ExcelJS.Worksheet): void {
  for (let c = 1; c <= ws.columnCount; c++) {
    const column = ws.getColumn(c);
    if (typeof column.width === 'number' && column.width > 0) s.widths.set(c - 1, Math.round(column.width * 7));
    if (column.hidden) s.hiddenColumns.add(c - 1);
  }
  const view = (ws.views ?? [])[0] as Partial<{ state: string; xSplit: number; ySplit: number }> | undefined;
  if (view?.state === 'frozen') s.frozen = { rows: view.ySplit ?? 0, cols: view.xSplit ?? 0 };
  const put = <T>(grid: (T | null)[][], r: number, c: number, v: T) => {
    while (grid.length <= r) grid.push([]);
    (grid[r] as (T | null)[])[c] = v;
  };
  ws.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      if (cell.alignment?.wrapText) put(s.wraps, r - 1, c - 1, true);
      if (cell.font?.bold) put(s.weights, r - 1, c - 1, 'bold');
      const fill = cell.fill;
      const argb = fill?.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
      if (argb && /^[0-9a-f]{8}$/i.test(argb)) put(s.backgrounds, r - 1, c - 1, `#${argb.slice(2).toLowerCase()}`);
    }),
  );
}

export async function loadPreviewWorkbook(path: string): Promise<MemoryWorkbook> {
  const grids = await readGrids(path);
  const wb = new MemoryWorkbook(grids);
  if (/^\.xlsx$/i.test(extname(path))) {
    // A book the CLI wrote keeps its colours: its conditional rules come along with the values.
    const book = await XlsxWorkbook.load(path);
    for (const name of wb.sheets.keys()) {
      wb.sheet(name).rules = book.conditionalRules(name);
      fileLook(wb.sheet(name), book.worksheet(name));
    }
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
