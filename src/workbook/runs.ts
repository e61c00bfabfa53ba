/**
 * A block of per-cell settings (formats, validations) as the ranges it is made of: per column, the runs of
 * rows that hold the same value (the same object for rules), top to bottom. Implementations without a
 * per-cell batched call (the in-memory and .xlsx workbooks, the emulator's model) keep them as ranges.
 */
import type { Range } from './port';

export function columnRuns<T>(row: number, col: number, block: readonly (readonly T[])[]): Array<{ range: Range; value: T }> {
  const out: Array<{ range: Range; value: T }> = [];
  const cols = block[0]?.length ?? 0;
  for (let c = 0; c < cols; c++) {
    let start = 0;
    for (let r = 1; r <= block.length; r++) {
      if (r < block.length && block[r]?.[c] === block[start]?.[c]) continue;
      out.push({ range: { row: row + start, col: col + c, rows: r - start, cols: 1 }, value: block[start]?.[c] as T });
      start = r;
    }
  }
  return out;
}
