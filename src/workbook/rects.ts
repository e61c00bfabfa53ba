import type { Range } from './port';

/**
 * The rectangles of non-null cells of a block: runs of non-null cells in each row, with a run merged
 * into the one just above when both span the same columns. A block without nulls is one rectangle.
 * What a writer that cannot skip a cell (Sheets' setValues, setFormulas) writes, one call per rectangle.
 */
export function nonNullRects(block: readonly (readonly unknown[])[]): Range[] {
  const rects: Range[] = [];
  let above = new Map<string, Range>();
  block.forEach((line, row) => {
    const here = new Map<string, Range>();
    let start = -1;
    for (let col = 0; col <= line.length; col++) {
      const filled = col < line.length && line[col] !== null && line[col] !== undefined;
      if (filled && start < 0) start = col;
      if (!filled && start >= 0) {
        const key = `${start}:${col}`;
        const prev = above.get(key);
        if (prev) {
          prev.rows += 1;
          here.set(key, prev);
        } else {
          const rect = { row, col: start, rows: 1, cols: col - start };
          rects.push(rect);
          here.set(key, rect);
        }
        start = -1;
      }
    }
    above = here;
  });
  return rects;
}
