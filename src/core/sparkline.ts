/**
 * A small line chart in one cell, of the numbers of a block of the same sheet: written as Sheets' SPARKLINE
 * formula (support.google.com/docs/answer/3093289: `SPARKLINE(data, {option, value; …})`, options
 * «charttype», «ymin», «color», «linewidth», «empty»), which the preview draws as a line. In an .xlsx file
 * the cell gets the same trend as text, one block character per year (textSparkline): Excel's own
 * sparklines are an x14 extension that LibreOffice 7.4 opens without repair but prints as stray dots (lines)
 * or as bars running over the neighbouring rows (columns) — seen with render-xlsx.sh —, and other office
 * suites do not draw at all; characters print the same everywhere, in black and white too.
 */
import { columnLetter } from './text';

export interface SparklineSource {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** The line's colour: dark grey, which prints as such on a black-and-white printer. */
export const SPARKLINE_COLOR = '#3c4043';

/**
 * `=SPARKLINE(K7:O7,{"charttype","line";"ymin",0;…})`: a line from 0 up (a small change looks small), gaps
 * where a year has no value. Apps Script takes formulas in English syntax, commas between arguments
 * (REF/spreadsheet/range#setFormulas).
 */
export function sparklineFormula(source: SparklineSource): string {
  const a1 = (r: number, c: number) => `${columnLetter(c)}${r + 1}`;
  const range = `${a1(source.row, source.col)}:${a1(source.row + source.rows - 1, source.col + source.cols - 1)}`;
  return `=SPARKLINE(${range},{"charttype","line";"ymin",0;"color","${SPARKLINE_COLOR}";"linewidth",1.5;"empty","ignore"})`;
}

const A1 = /^([A-Z]{1,3})(\d+)$/;

function cell(ref: string): { row: number; col: number } | null {
  const m = A1.exec(ref.replace(/\$/g, ''));
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** The block a SPARKLINE formula of this sheet draws (its first argument), or null for any other formula. */
export function sparklineSource(formula: string): SparklineSource | null {
  const m = /^=\s*SPARKLINE\(\s*(\$?[A-Z]{1,3}\$?\d+):(\$?[A-Z]{1,3}\$?\d+)\s*[,)]/i.exec(formula);
  if (!m) return null;
  const a = cell((m[1] as string).toUpperCase());
  const b = cell((m[2] as string).toUpperCase());
  if (!a || !b) return null;
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return { row, col, rows: Math.abs(a.row - b.row) + 1, cols: Math.abs(a.col - b.col) + 1 };
}

/** Eight heights, lowest to highest (Unicode block elements, in DejaVu Sans and the usual office fonts). */
const BLOCKS = '▁▂▃▄▅▆▇█';
/** A year without a value: a dot on the base line. */
const GAP = '·';

/**
 * The trend as text: one block per value, its height from 0 (as the SPARKLINE's «ymin» 0) to the largest
 * value of the block, `·` where there is none, a space between (side by side the blocks print as one black
 * bar). '' when there is no value at all.
 */
export function textSparkline(values: readonly (number | null)[]): string {
  const max = Math.max(0, ...values.map((v) => v ?? 0));
  if (values.every((v) => v === null)) return '';
  return values
    .map((v) => {
      if (v === null) return GAP;
      if (max <= 0) return BLOCKS[0];
      return BLOCKS[Math.min(BLOCKS.length - 1, Math.max(0, Math.ceil((v / max) * BLOCKS.length) - 1))];
    })
    .join(' ');
}
