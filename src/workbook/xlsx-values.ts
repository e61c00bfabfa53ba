/** Reading sheets of an .xlsx file (exceljs) as grids the core understands: values and merged ranges. */
import type ExcelJS from 'exceljs';
import type { Grid, Merge } from '../core/results';
import type { CellValue } from '../core/text';

/** A plain value of an exceljs cell: rich text joined, formulas as their result, links as their text. */
export function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return plainValue((v.result ?? null) as ExcelJS.CellValue);
    // A formula whose value was never computed (saved by a program that does not compute): nothing to read.
    if ('formula' in v || 'sharedFormula' in v) return null;
    if ('text' in v) return typeof v.text === 'string' ? v.text : plainValue(v.text as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** `D2:E2` → a 0-based merge. */
export function parseRange(range: string): Merge | null {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range.replace(/\$/g, ''));
  if (!m) return null;
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r1 = Number(m[2]) - 1;
  const c1 = col(m[1] as string);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? col(m[3]) : c1;
  return { row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 };
}

/** A formula cell without a computed value. */
export function isUncomputed(v: ExcelJS.CellValue): boolean {
  return (
    v !== null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v) && (v as { result?: unknown }).result === undefined
  );
}

/** More empty rows or columns than this between a cell and the table: the cell is a stray, not data. */
export const STRAY_GAP_ROWS = 1000;
export const STRAY_GAP_COLS = 200;

/**
 * A sheet as a grid of its used range: a cell separated from the table by more than STRAY_GAP_ROWS empty
 * rows or STRAY_GAP_COLS empty columns (a stray mark in B1048576 or XFD1) is left out and listed in
 * `stray`, so that memory and the columns the add-on writes follow the data, not the sheet's last address.
 */
export function worksheetGrid(ws: ExcelJS.Worksheet): Grid {
  const values: CellValue[][] = [];
  const uncomputed: Array<{ row: number; col: number }> = [];
  const stray: NonNullable<Grid['stray']> = [];
  let lastRow = 0;
  let strayFrom = Number.POSITIVE_INFINITY;
  ws.eachRow((row, rowNumber) => {
    if (rowNumber > strayFrom || (lastRow > 0 && rowNumber - lastRow > STRAY_GAP_ROWS)) {
      strayFrom = Math.min(strayFrom, rowNumber);
      row.eachCell((cell, colNumber) => {
        stray.push({ row: rowNumber - 1, col: colNumber - 1, value: plainValue(cell.value) });
      });
      return;
    }
    const out: CellValue[] = [];
    let lastCol = 0;
    let any = false;
    row.eachCell((cell, colNumber) => {
      const v = cell.isMerged && cell.master !== cell ? null : plainValue(cell.value);
      if (lastCol > 0 && colNumber - lastCol > STRAY_GAP_COLS) {
        stray.push({ row: rowNumber - 1, col: colNumber - 1, value: v });
        return;
      }
      if (lastCol === 0 && colNumber > STRAY_GAP_COLS) {
        stray.push({ row: rowNumber - 1, col: colNumber - 1, value: v });
        return;
      }
      // A cell under a merge reads empty, as in Sheets; the merge itself is reported by the parser.
      out[colNumber - 1] = v;
      if (isUncomputed(cell.value)) uncomputed.push({ row: rowNumber - 1, col: colNumber - 1 });
      lastCol = colNumber;
      any = true;
    });
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    values[rowNumber - 1] = out;
    if (any) lastRow = rowNumber;
  });
  for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = [];
  // Trailing rows without a value (formatting only) are not part of the table.
  while (values.length > 0 && (values[values.length - 1] as CellValue[]).every((v) => v === null || v === undefined || v === ''))
    values.pop();
  return finishGrid(ws, values, uncomputed, stray);
}

/** The merged ranges of a sheet (read from its merges, not from `ws.model`, which renders every row). */
function sheetMerges(ws: ExcelJS.Worksheet): Merge[] {
  const merges = (ws as unknown as { _merges: Record<string, { range: string }> })._merges;
  return Object.values(merges)
    .map((m) => parseRange(m.range))
    .filter((m): m is Merge => m !== null);
}

function finishGrid(
  ws: ExcelJS.Worksheet,
  values: CellValue[][],
  uncomputed: Array<{ row: number; col: number }>,
  stray: NonNullable<Grid['stray']>,
  merges: Merge[] = sheetMerges(ws),
): Grid {
  const grid: Grid = { sheet: ws.name, values, merges: merges.filter((m) => m.row < values.length) };
  if (ws.state !== undefined && ws.state !== 'visible') grid.hidden = true;
  if (uncomputed.length > 0) grid.uncomputed = uncomputed;
  if (stray.length > 0) grid.stray = stray;
  return grid;
}

/**
 * A tab whose values are kept as a grid beside the sheet (a CSV's table, see XlsxWorkbook.putValues), read
 * as worksheetGrid reads a sheet: plain values, a cell under a merge empty, trailing empty rows left out.
 */
export function plainGrid(ws: ExcelJS.Worksheet, plain: readonly ExcelJS.CellValue[][]): Grid {
  const merges = sheetMerges(ws);
  const uncomputed: Array<{ row: number; col: number }> = [];
  const values = plain.map((line, r) =>
    line.map((v, c) => {
      if (isUncomputed(v)) uncomputed.push({ row: r, col: c });
      return plainValue(v);
    }),
  );
  for (const m of merges)
    for (let r = m.row; r < m.row + m.rows; r++)
      for (let c = m.col; c < m.col + m.cols; c++) {
        const line = values[r];
        if (line && (r > m.row || c > m.col) && c < line.length) line[c] = null;
      }
  while (values.length > 0 && (values[values.length - 1] as CellValue[]).every((v) => v === null || v === undefined || v === ''))
    values.pop();
  return finishGrid(ws, values, uncomputed, [], merges);
}
