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

export function worksheetGrid(ws: ExcelJS.Worksheet): Grid {
  const values: CellValue[][] = [];
  const uncomputed: Array<{ row: number; col: number }> = [];
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const out: CellValue[] = [];
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      // A cell under a merge reads empty, as in Sheets; the merge itself is reported by the parser.
      out[colNumber - 1] = cell.isMerged && cell.master !== cell ? null : plainValue(cell.value);
      if (isUncomputed(cell.value)) uncomputed.push({ row: rowNumber - 1, col: colNumber - 1 });
    });
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    values[rowNumber - 1] = out;
  });
  for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = [];
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).map(parseRange).filter((m): m is Merge => m !== null);
  const grid: Grid = { sheet: ws.name, values, merges };
  if (ws.state !== undefined && ws.state !== 'visible') grid.hidden = true;
  if (uncomputed.length > 0) grid.uncomputed = uncomputed;
  return grid;
}
