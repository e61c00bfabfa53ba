/**
 * A tab of the in-memory workbook as the page draws it: text as Sheets shows it (decimal comma, dates,
 * percent formats), backgrounds with the conditional formats evaluated on top, bold, font colour, notes,
 * validation marks, wrapping, merges, frozen panes, column widths, hidden columns, and the data of each chart.
 */
import type { CellValue } from '../../core/text';
import type { Figure, FigureSeries, SeriesRole } from '../../core/chart';
import type { MemorySheet, StoredChart } from '../../workbook/memory';
import { figureSvg, ROLE_STYLES } from '../../workbook/figure-svg';
import type { Range } from '../../workbook/port';
import { sparklineSource } from '../../core/sparkline';
import { conditionalLook, sparklinePath } from './formula';

export interface CellView {
  /** Text shown. */
  t: string;
  bg?: string;
  fc?: string;
  b?: true;
  note?: string;
  /** Validation: a dropdown list, a checkbox, a number range. */
  dv?: 'list' | 'checkbox' | 'number' | 'formula';
  /** A link to another tab of the book (from =HYPERLINK("#gid=…&range=A5", …)). */
  link?: { sheet: string; row: number };
  num?: true;
  /** A SPARKLINE's line (an SVG path in SPARK_BOX), drawn over the cell instead of a value. */
  spark?: string;
  /** The text wraps inside the cell (Range.setWrap) and the row grows to fit it; otherwise it overflows or is cut. */
  wrap?: true;
}

export interface ChartView {
  title: string;
  anchor: { row: number; col: number };
  series: string[];
  categories: string[];
  values: (number | null)[][];
  /** The chart drawn (figure-svg) where its figure is known: its own, or read back from the options Sheets was given. */
  svg?: string;
}

export interface SheetView {
  name: string;
  rows: number;
  cols: number;
  widths: number[];
  /** Columns hidden by Sheet.hideColumns (0-based), not drawn. */
  hidden: number[];
  frozen: { rows: number; cols: number };
  cells: (CellView | null)[][];
  merges: Range[];
  charts: ChartView[];
  /** Rows or columns beyond what the page draws. */
  truncated: boolean;
}

export const MAX_ROWS = 1000;
export const MAX_COLS = 150;
const MIN_ROWS = 30;
const MIN_COLS = 12;

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** A number as a Russian Sheets shows it under a format (only the common ones). */
export function displayNumber(n: number, format?: string): string {
  const comma = (s: string) => s.replace('.', ',');
  if (format) {
    const pct = /^0(?:\.(0+))?%$/.exec(format);
    if (pct) return `${comma((n * 100).toFixed(pct[1]?.length ?? 0))}%`;
    const fixed = /^[#0,]*0(?:\.(0+))?$/.exec(format);
    if (fixed) return comma(n.toFixed(fixed[1]?.length ?? 0));
  }
  if (Number.isInteger(n)) return String(n);
  return comma(String(Math.round(n * 1e10) / 1e10));
}

/** A Date of this realm or of the bundle's (node:vm), which is not `instanceof` this realm's Date. */
const isDate = (v: unknown): v is Date => v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';

export function displayValue(v: CellValue, format?: string): string {
  if (v === null || v === undefined) return '';
  if (isDate(v)) {
    const d = `${two(v.getUTCDate())}.${two(v.getUTCMonth() + 1)}.${v.getUTCFullYear()}`;
    return v.getUTCHours() || v.getUTCMinutes() ? `${d} ${two(v.getUTCHours())}:${two(v.getUTCMinutes())}` : d;
  }
  if (typeof v === 'number') return displayNumber(v, format);
  if (typeof v === 'boolean') return v ? 'ИСТИНА' : 'ЛОЖЬ';
  return v;
}

const inside = (r: Range, row: number, col: number) => row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;

export function sheetView(s: MemorySheet, sheetsById: Map<number, string>): SheetView {
  const dataRows = Math.max(s.values.length, s.backgrounds.length, s.notes.length);
  const widest = (grid: unknown[][]) => grid.reduce((w, r) => Math.max(w, r.length), 0);
  const dataCols = Math.max(widest(s.values), widest(s.backgrounds));
  const rows = Math.min(MAX_ROWS, Math.max(MIN_ROWS, dataRows + 5));
  const cols = Math.min(MAX_COLS, Math.max(MIN_COLS, dataCols + 2));
  const cell = (r: number, c: number) => s.values[r]?.[c] ?? null;
  const look = conditionalLook(s.rules, cell);
  const formats = [...s.numberFormats].map(([key, format]) => {
    const [row, col, nr, nc] = key.split(':').map(Number) as [number, number, number, number];
    return { range: { row, col, rows: nr, cols: nc }, format };
  });
  const cells: (CellView | null)[][] = [];
  for (let r = 0; r < Math.min(rows, dataRows); r++) {
    const line: (CellView | null)[] = [];
    for (let c = 0; c < Math.min(cols, dataCols); c++) {
      const v = cell(r, c);
      const format = [...formats].reverse().find((f) => inside(f.range, r, c))?.format;
      const view: CellView = { t: displayValue(v, format) };
      if (typeof v === 'number') view.num = true;
      if (s.wraps[r]?.[c] === true && view.t !== '') view.wrap = true;
      const l = look(r, c);
      const bg = l.background ?? s.backgrounds[r]?.[c] ?? undefined;
      if (bg) view.bg = bg;
      if (l.fontColor) view.fc = l.fontColor;
      if ((l.bold ?? s.weights[r]?.[c] === 'bold') === true) view.b = true;
      const note = s.notes[r]?.[c];
      if (note) view.note = note;
      const dv = s.validations.find((x) => inside(x.range, r, c))?.rule;
      if (dv) {
        view.dv = dv.kind === 'list' ? 'list' : dv.kind;
        if (dv.kind === 'checkbox') view.t = v === true ? '☑' : '☐';
      }
      const f = s.formulas[r]?.[c];
      const spark = f ? sparklineSource(f) : null;
      if (spark) {
        const values: CellValue[] = [];
        for (let i = 0; i < spark.rows; i++) for (let j = 0; j < spark.cols; j++) values.push(cell(spark.row + i, spark.col + j));
        view.spark = sparklinePath(values);
      }
      const target = f ? /^=HYPERLINK\("#gid=(\d+)&range=[A-Z]+(\d+)"/i.exec(f) : null;
      if (target) {
        const sheet = sheetsById.get(Number(target[1]));
        if (sheet !== undefined) view.link = { sheet, row: Number(target[2]) - 1 };
      }
      line.push(view.t === '' && Object.keys(view).length === 1 ? null : view);
    }
    cells.push(line);
  }
  const widths = Array.from({ length: cols }, (_, c) => s.widths.get(c) ?? 100);
  const charts = s.charts.map((ch) => {
    const at = (r: number, c: number) => cell(ch.range.row + r, ch.range.col + c);
    const series = Array.from({ length: ch.range.cols - 1 }, (_, j) => displayValue(at(0, j + 1)));
    const categories = Array.from({ length: ch.range.rows - 1 }, (_, i) => displayValue(at(i + 1, 0)));
    const values = categories.map((_, i) =>
      series.map((__, j) => {
        const v = at(i + 1, j + 1);
        return typeof v === 'number' ? v : null;
      }),
    );
    const figure = chartFigure(ch, series, categories, values);
    const view: ChartView = { title: ch.title, anchor: ch.anchor, series, categories, values };
    if (figure) view.svg = figureSvg(figure);
    return view;
  });
  return {
    name: s.name,
    rows,
    cols,
    widths,
    hidden: [...s.hiddenColumns].filter((c) => c < cols).sort((a, b) => a - b),
    frozen: s.frozen,
    cells,
    merges: s.merges.filter((m) => m.row < rows && m.col < cols),
    charts,
    truncated: dataRows > MAX_ROWS || dataCols > MAX_COLS,
  };
}

/** A role by the colour Sheets was given for a series (chart-options takes them from ROLE_STYLES); else a part. */
function roleOf(color: unknown): SeriesRole {
  for (const [role, style] of Object.entries(ROLE_STYLES)) if (color === style.color || color === style.fill) return role as SeriesRole;
  return 'part';
}

/**
 * The figure a chart shows: the one the port was given (the in-memory workbook), or, for a chart the Apps
 * Script adapter built (the emulator keeps its type and options), the figure read back from them and from
 * the cells it draws — what Sheets would show; a histogram's mark boundaries are only in its axis title there.
 */
export function chartFigure(ch: StoredChart, names: string[], categories: string[], values: (number | null)[][]): Figure | null {
  if (ch.figure) return ch.figure;
  if (!ch.native) return null;
  const o = ch.native.options as Record<string, Record<string, unknown> | undefined> & Record<string, unknown>;
  const type = ch.native.type;
  const stacked = type === 'BAR';
  const kind: Figure['kind'] =
    type === 'LINE'
      ? 'line'
      : stacked
        ? 'stacked-bar'
        : (o.bar as { groupWidth?: string } | undefined)?.groupWidth === '95%'
          ? 'histogram'
          : 'column';
  const axis = ((stacked ? o.hAxis : o.vAxis) ?? {}) as { title?: string; format?: string; viewWindow?: { min?: number; max?: number } };
  const seriesOptions = (o.series ?? {}) as Record<string, { color?: string }>;
  const series: FigureSeries[] = names.map((name, j) => ({
    name,
    role: roleOf(seriesOptions[j]?.color),
    values: values.map((row) => row[j] ?? null),
  }));
  const figure: Figure = {
    kind,
    title: String(o.title ?? ch.title),
    categories,
    series,
    axis: { title: axis.title ?? '', percent: /%/.test(axis.format ?? '') },
    size: { width: Number(o.width) || 600, height: Number(o.height) || 320 },
  };
  if (axis.viewWindow?.min !== undefined) figure.axis.min = axis.viewWindow.min;
  if (axis.viewWindow?.max !== undefined) figure.axis.max = axis.viewWindow.max;
  return figure;
}
