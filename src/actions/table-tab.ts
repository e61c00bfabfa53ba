/**
 * A report tab of the add-on's own: a bold title, lines of text merged across the table's width, a colour
 * legend, then one or more tables (bold grey headers) whose rows are coloured by the text of a key column
 * through conditional rules (so that colours follow the rows when people sort or filter), the first table
 * with the tab's filter on it. Re-running replaces the tab. A fixed number of port calls, whatever the rows.
 */
import type { CellValue } from '../core/text';
import type { Range, Workbook } from '../workbook/port';
import { rectangular, RULE_MARKER, rulesByKeyText } from './analyze';

export interface TabTable {
  /** A bold line above the table; none for the first. */
  title?: string;
  header: string[];
  rows: CellValue[][];
  /** Formulas per row (null leaves the value): the first column's links. */
  links?: (string | null)[];
  /** Columns holding dates (shown дд.мм.гггг). */
  dateCols?: number[];
  /** Number formats of columns: [column, format]. */
  formats?: Array<[number, string]>;
}

export interface TabSpec {
  sheet: string;
  title: string;
  lines: string[];
  /** Column widths in pixels; the tables' width. */
  widths: number[];
  /** Colours of the key column's texts, and the legend's label. */
  colors: Record<string, string>;
  keyCol: number;
  legend: string;
  tables: TabTable[];
  /** Columns the text lines are merged across (from the first). */
  textCols: number;
}

const HEADER_FILL = '#e8eaed';

/** Where each table's header and rows landed (0-based rows). */
export interface TabLayout {
  headers: number[];
  bodies: Range[];
}

export function writeTableTab(wb: Workbook, spec: TabSpec): TabLayout {
  const width = spec.widths.length;
  const rows: CellValue[][] = [[spec.title], ...spec.lines.map((l) => [l])];
  const legendRow = rows.length;
  const states = Object.keys(spec.colors);
  rows.push([spec.legend, ...states]);
  const headers: number[] = [];
  const bodies: Range[] = [];
  const bold = new Set<number>([0, legendRow]);
  const formulas: Array<{ row: number; col: number; f: string }> = [];
  const formats: Array<{ range: Range; format: string }> = [];
  const titles: number[] = [];
  spec.tables.forEach((t, i) => {
    if (i > 0) rows.push([]);
    if (t.title) {
      bold.add(rows.length);
      titles.push(rows.length);
      rows.push([t.title]);
    }
    headers.push(rows.length);
    rows.push(t.header);
    const first = rows.length;
    t.rows.forEach((r, k) => {
      const f = t.links?.[k];
      if (f) formulas.push({ row: first + k, col: 0, f });
      rows.push(r);
    });
    bodies.push({ row: first, col: 0, rows: t.rows.length, cols: width });
    if (t.rows.length > 0)
      for (const [c, format] of [...(t.dateCols ?? []).map((c): [number, string] => [c, 'dd.mm.yyyy']), ...(t.formats ?? [])])
        formats.push({ range: { row: first, col: c, rows: t.rows.length, cols: 1 }, format });
  });
  const block = rectangular(rows, width);
  const { created } = wb.ensureSheet(spec.sheet);
  if (!created) wb.clearSheet(spec.sheet);
  wb.writeBlock(spec.sheet, 0, 0, block);
  if (formulas.length > 0) {
    const top = Math.min(...formulas.map((x) => x.row));
    const bottom = Math.max(...formulas.map((x) => x.row));
    const grid: (string | null)[][] = Array.from({ length: bottom - top + 1 }, () => [null]);
    for (const x of formulas) (grid[x.row - top] as (string | null)[])[0] = x.f;
    wb.writeFormulas(spec.sheet, top, 0, grid);
  }
  const isHeader = new Set(headers);
  wb.setFontWeights(
    spec.sheet,
    0,
    0,
    block.map((_, r) => new Array<'bold' | 'normal'>(width).fill(bold.has(r) || isHeader.has(r) ? 'bold' : 'normal')),
  );
  wb.setBackgrounds(
    spec.sheet,
    legendRow,
    0,
    block.slice(legendRow).map((_, k) => {
      const r = legendRow + k;
      if (r === legendRow)
        return Array.from({ length: width }, (_, c) =>
          c >= 1 && c <= states.length ? (spec.colors[states[c - 1] as string] ?? null) : null,
        );
      return new Array<string | null>(width).fill(isHeader.has(r) ? HEADER_FILL : null);
    }),
  );
  wb.setColumnWidths(spec.sheet, 0, spec.widths);
  const across = Math.min(spec.textCols, width);
  wb.mergeAcross(spec.sheet, { row: 0, col: 0, rows: legendRow, cols: across });
  for (const r of titles) wb.mergeAcross(spec.sheet, { row: r, col: 0, rows: 1, cols: across });
  wb.setWrap(spec.sheet, { row: 0, col: 0, rows: block.length, cols: width }, true);
  for (const f of formats) wb.setNumberFormat(spec.sheet, f.range, f.format);
  const filled = bodies.filter((b) => b.rows > 0);
  wb.replaceConditionalRules(
    spec.sheet,
    RULE_MARKER,
    filled.length > 0 ? rulesByKeyText(spec.colors, filled, spec.keyCol, (filled[0] as Range).row) : [],
  );
  const first = bodies[0];
  if (first && headers[0] !== undefined) {
    wb.freeze(spec.sheet, headers[0] + 1, 0);
    wb.setFilter(spec.sheet, { row: headers[0], col: 0, rows: first.rows + 1, cols: width });
  }
  return { headers, bodies };
}
