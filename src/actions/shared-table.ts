/**
 * The result table parsed once per run. The command line's `analyze -o` runs six actions on one book and
 * each starts by reading the result sheet: a region's table takes seconds and hundreds of megabytes to
 * parse each time. A parse is kept with the grid it was made from, per workbook; an action that reads the
 * sheet again gets the same table back when every cell the parser would see is the same (compared value by
 * value, far cheaper than parsing), and parses again otherwise — a changed sheet is never read stale.
 */
import type { Grid, ResultTable } from '../core/results';
import type { CellValue } from '../core/text';
import type { Workbook } from '../workbook/port';

interface Kept {
  grid: Grid;
  table: ResultTable | null;
}

const kept = new WeakMap<Workbook, Map<string, Kept>>();

/** A copy the caller may add notes to without changing the kept table. */
const copy = (t: ResultTable | null): ResultTable | null => (t === null ? null : { ...t, problems: [...t.problems] });

function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (a === b) return true;
  const x = a ?? null;
  const y = b ?? null;
  if (x instanceof Date && y instanceof Date) return x.getTime() === y.getTime();
  return x === y;
}

function sameRow(a: readonly CellValue[] | undefined, b: readonly CellValue[] | undefined): boolean {
  if (a === b) return true;
  const x = a ?? [];
  const y = b ?? [];
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) if (!sameValue(x[i], y[i])) return false;
  return true;
}

/** Everything of two grids a parse reads: the values, merges, formats, hidden state and left-out cells. */
export function sameGrid(a: Grid, b: Grid): boolean {
  if (a === b) return true;
  if (a.sheet !== b.sheet || a.values.length !== b.values.length || !!a.hidden !== !!b.hidden) return false;
  const small = (g: Grid) => JSON.stringify([g.merges ?? [], g.percent ?? [], g.uncomputed ?? [], g.stray ?? []]);
  if (small(a) !== small(b)) return false;
  for (let r = 0; r < a.values.length; r++) if (!sameRow(a.values[r], b.values[r])) return false;
  return true;
}

/**
 * The table of `grid` (already cleared of the add-on's own columns): the kept one when the grid is the
 * same as the one it was parsed from, else `parse(grid)`, kept for the next action.
 */
export function sharedParse(wb: Workbook, grid: Grid, parse: (g: Grid) => ResultTable | null): ResultTable | null {
  let book = kept.get(wb);
  if (!book) kept.set(wb, (book = new Map()));
  const before = book.get(grid.sheet);
  if (before && sameGrid(before.grid, grid)) return copy(before.table);
  book.delete(grid.sheet);
  const table = parse(grid);
  book.set(grid.sheet, { grid, table: copy(table) });
  return table;
}

/**
 * Hands a parse made before the book was opened (the command line reads its input first) to the actions
 * that will run on `wb`: kept as if an action had made it. `table` must be the parse of `grid` as it was
 * (before any note was added to it).
 */
export function shareParse(wb: Workbook, grid: Grid, table: ResultTable): void {
  let book = kept.get(wb);
  if (!book) kept.set(wb, (book = new Map()));
  book.set(grid.sheet, { grid, table: copy(table) });
}

/** Lets go of the parses kept for `wb` (before a book is written, when no action will read it again). */
export function forgetParses(wb: Workbook): void {
  kept.delete(wb);
}
