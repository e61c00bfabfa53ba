/**
 * The workbook port over an .xlsx file (exceljs): what the CLI writes where the add-on would write to
 * Google Sheets. Rows and columns are 0-based here, 1-based in exceljs.
 *
 * Two exceljs habits shape the code below:
 * - cells read from a file share their style objects (one per style id), so a style is never changed in
 *   place: every change assigns a fresh `cell.style`;
 * - writing a value into a merged cell that is not the top-left one writes into the top-left one, so
 *   values are not written into such cells (Sheets ignores them too).
 */
import { createWriteStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { Grid } from '../core/results';
import type { CellValue } from '../core/text';
import {
  checkWithinSheet,
  type CellRef,
  type ChartSpec,
  type ConditionalRule,
  LISTS_SHEET,
  noProtectionChanges,
  type Protection,
  type ProtectionChanges,
  type Range,
  type SheetLayout,
  type Validation,
  type Workbook,
} from './port';
import { wrappedLineCount } from './text-lines';
import { type SparklineSource, sparklineSource, textSparkline } from '../core/sparkline';
import { parseRange, plainGrid, plainValue, worksheetGrid } from './xlsx-values';
import { addCharts, figureOf } from './xlsx-charts';

type CfEntry = ExcelJS.ConditionalFormattingOptions;

/** Worksheet parts exceljs keeps but does not declare in its types. */
interface WorksheetParts {
  conditionalFormattings: CfEntry[];
  dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> };
  _rows: unknown[];
  _merges: Record<string, unknown>;
}

function parts(ws: ExcelJS.Worksheet): WorksheetParts {
  const p = ws as unknown as WorksheetParts;
  if (!Array.isArray(p.conditionalFormattings)) p.conditionalFormattings = [];
  return p;
}

/** `#rrggbb` (or `#rgb`) → exceljs ARGB `FFRRGGBB`. */
export function toArgb(color: string): string {
  let hex = color.trim().replace(/^#/, '');
  if (hex.length === 3) hex = [...hex].map((ch) => ch + ch).join('');
  if (hex.length === 8) return hex.toUpperCase();
  return `FF${hex.toUpperCase()}`;
}

/** exceljs ARGB → `#rrggbb`; undefined for theme or indexed colours. */
export function fromArgb(argb: string | undefined): string | undefined {
  if (typeof argb !== 'string' || !/^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(argb)) return undefined;
  return `#${argb.slice(-6).toLowerCase()}`;
}

/** A 0-based column's letters: 0 → A, 26 → AA. */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A 0-based range → `A1:B2` (or `A1` for one cell). */
export function rangeRef(r: Range): string {
  const a = `${columnLetters(r.col)}${r.row + 1}`;
  if (r.rows <= 1 && r.cols <= 1) return a;
  return `${a}:${columnLetters(r.col + Math.max(1, r.cols) - 1)}${r.row + Math.max(1, r.rows)}`;
}

const HYPERLINK = /^=HYPERLINK\([^;,]+[;,]\s*"((?:[^"]|"")*)"\)$/i;

/** A cell that is part of a merge but not its top-left cell. */
function isMergeSlave(cell: { readonly isMerged: boolean; readonly master: unknown }): boolean {
  return cell.isMerged && cell.master !== cell;
}

type Style = Partial<ExcelJS.Style>;

function isEmptyStyle(style: Style): boolean {
  for (const key in style) if (key) return false;
  return true;
}

/**
 * Styles given to cells by this book's calls. A changed style is shared by the cells that look alike: a
 * region's tab colours hundreds of thousands of cells with a handful of styles, and one object per cell would
 * hold the memory of the whole table again. And each change, once made to a style, is remembered with its
 * result, so that the same change over a table's cells (which share a few styles) costs a lookup a cell.
 */
class StyleCache {
  private readonly byContent = new Map<string, Style>();
  /** The result of each change (by its key) of a style met before; of the empty style (each new cell has its own). */
  private readonly changed = new WeakMap<Style, Map<string, Style>>();
  private readonly changedEmpty = new Map<string, Style>();

  /**
   * Changes a cell's style without touching the style object it may share with other cells: `change` makes
   * the new style from the old one, and `key` names the change (the same key, the same change of a style).
   */
  restyle(cell: { style: Style }, key: string, change: (style: Style) => Style): void {
    const from = cell.style;
    let results = isEmptyStyle(from) ? this.changedEmpty : this.changed.get(from);
    let to = results?.get(key);
    if (!to) {
      const style = change(from);
      const content = JSON.stringify(style);
      to = this.byContent.get(content) ?? style;
      this.byContent.set(content, to);
      if (!results) this.changed.set(from, (results = new Map()));
      results.set(key, to);
    }
    cell.style = to;
  }
}

/** A style with a patch over it (and some of its parts removed). */
function patched(patch: Style, remove: (keyof ExcelJS.Style)[] = []): (style: Style) => Style {
  return (style) => {
    const out: Style = { ...style, ...patch };
    for (const key of remove) delete out[key];
    return out;
  };
}

/** A style with its text wrapped (at the top of the cell) or not. */
function wrapped(wrap: boolean): (style: Style) => Style {
  return (style) => ({ ...style, alignment: { ...style.alignment, wrapText: wrap, vertical: wrap ? 'top' : style.alignment?.vertical } });
}

function removeNote(cell: ExcelJS.Cell): void {
  // exceljs has no way to remove a note; the note lives in the cell's `_comment`.
  (cell as unknown as { _comment?: unknown })._comment = undefined;
}

/**
 * Values of a tab put in as a grid (a CSV's table): kept as the grid's rows, not as exceljs cells, which
 * take some hundreds of bytes each. exceljs cells of such a tab hold only formats and notes (their values
 * stay null); the values are joined with them when the book is read or written.
 */
type PlainValues = ExcelJS.CellValue[][];

function plainWidth(plain: PlainValues): number {
  return plain.reduce((w, row) => Math.max(w, row.length), 0);
}

/** The style of a cell of a packed tab that has none (one object for them all, never changed). */
const NO_STYLE: Style = Object.freeze({});

/** A merge of a packed tab, as exceljs keeps one: 1-based ends, written to the file as its reference. */
class PackedMerge {
  constructor(
    readonly top: number,
    readonly left: number,
    readonly bottom: number,
    readonly right: number,
  ) {}

  toString(): string {
    return `${columnLetters(this.left - 1)}${this.top}:${columnLetters(this.right - 1)}${this.bottom}`;
  }
}

/**
 * A tab this book created, kept packed: per row, an array of the cells' values and an array of their styles
 * (shared objects, see StyleCache), not an exceljs Cell per cell — a region's «ШНОР: итоги» and
 * «Показатели ОО» are more than a million cells, some hundreds of bytes each as exceljs cells. A cell
 * exists where exceljs would have made one (its style is set, NO_STYLE when it has none); a merge is kept
 * as exceljs keeps it (its other cells take the top-left cell's style and hold no value). The calls that
 * write a report (values, formulas, formats, merges) work on the packed tab; any other call first makes it
 * the exceljs cells it stands for (unpack), and the tab goes on as any tab.
 */
class PackedTab {
  readonly values: ExcelJS.CellValue[][] = [];
  readonly styles: (Style | undefined)[][] = [];
  /** Merges by the top-left cell's address, and by each of their other cells (row * 16384 + col, 0-based). */
  readonly merges = new Map<string, PackedMerge>();
  readonly slaves = new Map<number, PackedMerge>();
  /** Row heights in points (0-based rows), as prepareForPaper sets them. */
  readonly heights: number[] = [];

  /** Makes the cell (0-based) exist, as exceljs' getCell does. */
  touch(r: number, c: number): void {
    const row = (this.styles[r] ??= []);
    if (row[c] === undefined) row[c] = NO_STYLE;
  }

  isSlave(r: number, c: number): boolean {
    return this.slaves.has(r * 16384 + c);
  }

  isMerged(r: number, c: number): boolean {
    return this.isSlave(r, c) || this.merges.has(rangeRef({ row: r, col: c, rows: 1, cols: 1 }));
  }

  /** A cell's value as exceljs gives it: a merged cell's is its top-left cell's. */
  value(r: number, c: number): ExcelJS.CellValue {
    const m = this.slaves.get(r * 16384 + c);
    if (m) return this.values[m.top - 1]?.[m.left - 1] ?? null;
    return this.values[r]?.[c] ?? null;
  }

  setValue(r: number, c: number, v: ExcelJS.CellValue): void {
    const row = (this.values[r] ??= []);
    if (v === null && c >= row.length) return;
    row[c] = v;
  }

  /** The merge whose top-left cell (0-based) is given, undone: its other cells lose their style. */
  unmerge(r: number, c: number): void {
    const m = this.merges.get(rangeRef({ row: r, col: c, rows: 1, cols: 1 }));
    if (!m) return;
    for (let i = m.top - 1; i < m.bottom; i++)
      for (let j = m.left - 1; j < m.right; j++) {
        this.touch(i, j);
        if (!this.slaves.delete(i * 16384 + j)) continue;
        (this.styles[i] as Style[])[j] = NO_STYLE;
      }
    this.merges.delete(rangeRef({ row: r, col: c, rows: 1, cols: 1 }));
  }

  /** Merges a row's cells (0-based, the range's cells exist and are not merged): exceljs' mergeCells. */
  merge(r: number, c: number, cols: number): void {
    const m = new PackedMerge(r + 1, c + 1, r + 1, c + cols);
    const style = (this.styles[r] as Style[])[c] as Style;
    for (let j = c + 1; j < c + cols; j++) {
      this.setValue(r, j, null);
      (this.styles[r] as Style[])[j] = style;
      this.slaves.set(r * 16384 + j, m);
    }
    this.merges.set(rangeRef({ row: r, col: c, rows: 1, cols: 1 }), m);
  }

  /** Whether a row (0-based) holds a value, as exceljs' hasValues (a merged cell counts). */
  hasValues(r: number): boolean {
    if ((this.values[r] ?? []).some((v) => v !== null && v !== undefined)) return true;
    const styles = this.styles[r] ?? [];
    for (let c = 0; c < styles.length; c++) if (styles[c] !== undefined && this.isSlave(r, c)) return true;
    return false;
  }

  /** The tab's width as exceljs' columnCount: the longest row of those holding a value. */
  columnCount(): number {
    let n = 0;
    this.styles.forEach((row, r) => {
      if (row.length > n && this.hasValues(r)) n = row.length;
    });
    return n;
  }

  /** The last row (1-based) holding a value; 0 when none does. */
  lastValueRow(): number {
    for (let r = this.styles.length - 1; r >= 0; r--) if (this.hasValues(r)) return r + 1;
    return 0;
  }
}

/** A cell of a packed tab, as the calls that write one see it (made for the call, not kept). */
class PackedCell {
  constructor(
    private readonly tab: PackedTab,
    private readonly r: number,
    private readonly c: number,
  ) {
    tab.touch(r, c);
  }

  get style(): Style {
    return (this.tab.styles[this.r] as Style[])[this.c] as Style;
  }

  set style(style: Style) {
    (this.tab.styles[this.r] as Style[])[this.c] = style;
  }

  get value(): ExcelJS.CellValue {
    return this.tab.value(this.r, this.c);
  }

  set value(v: ExcelJS.CellValue) {
    this.tab.setValue(this.r, this.c, v);
  }

  get isMerged(): boolean {
    return this.tab.isMerged(this.r, this.c);
  }

  /** Itself, unless it is a merged cell other than the top-left one. */
  get master(): unknown {
    return this.tab.isSlave(this.r, this.c) ? null : this;
  }
}

/** A cell as the calls that write one see it: an exceljs cell or a packed tab's. */
interface WrittenCell {
  readonly isMerged: boolean;
  readonly master: unknown;
  style: Style;
  value: ExcelJS.CellValue;
}

/** Every cell a row holds, with a value or not (exceljs' eachCell skips the empty ones; includeEmpty makes new ones). */
function eachCellIn(row: ExcelJS.Row, fn: (cell: ExcelJS.Cell, col: number) => void): void {
  const cells = (row as unknown as { _cells: (ExcelJS.Cell | undefined)[] })._cells;
  cells.forEach((cell, i) => {
    if (cell) fn(cell, i + 1);
  });
}

/** A block of rows at (row, col) lies inside the sheet's limits (its widest row counts). */
function checkBlockWithinSheet(ws: ExcelJS.Worksheet, row: number, col: number, block: readonly (readonly unknown[])[]): void {
  checkWithinSheet(
    ws.name,
    row,
    col,
    block.length,
    block.reduce((w, line) => Math.max(w, line.length), 0),
  );
}

/** A formula the row writer renders itself: not shared, not an array, its result (if any) a plain value. */
interface PlainFormula {
  formula: string;
  result?: string | number | boolean | null;
}

function plainFormula(v: ExcelJS.CellValue): PlainFormula | null {
  if (v === null || typeof v !== 'object' || v instanceof Date) return null;
  const f = v as { formula?: unknown; result?: unknown; shareType?: unknown; sharedFormula?: unknown };
  if (typeof f.formula !== 'string' || f.formula === '' || f.shareType || f.sharedFormula) return null;
  const r = f.result;
  return r === undefined || r === null || typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean'
    ? (f as PlainFormula)
    : null;
}

/** A cell value the row writer renders itself: no link, rich text, error, or shared or array formula. */
function simpleValue(v: ExcelJS.CellValue): boolean {
  return (
    v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date || plainFormula(v) !== null
  );
}

/**
 * A cell's value for the row writer: a formula's own model, whose result 0 or '' is kept (exceljs' `value`
 * leaves such a result out).
 */
function writtenValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
  if (cell.type === ExcelJS.ValueType.Formula) return (cell as unknown as { _value: { model: ExcelJS.CellValue } })._value.model;
  return cell.value;
}

const VALUE_TYPE = { null: 0, number: 2, string: 3, date: 4, boolean: 9 } as const;

function valueType(v: ExcelJS.CellValue): number {
  if (v === null || v === undefined) return VALUE_TYPE.null;
  if (typeof v === 'number') return VALUE_TYPE.number;
  if (typeof v === 'string') return VALUE_TYPE.string;
  if (typeof v === 'boolean') return VALUE_TYPE.boolean;
  return VALUE_TYPE.date;
}

// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** Text in XML as exceljs writes it: the five entities, control characters XML cannot hold left out. */
export function xmlText(text: string): string {
  return text.replace(XML_SPECIAL, (ch) => XML_ENTITIES[ch] ?? '');
}

/**
 * Rows of plain values rendered straight to the streaming writer's XML, as exceljs renders them (style ids
 * from its styles, strings into its shared strings), without a Row and a Cell object per cell: a region's
 * table is millions of cells, and exceljs' objects made writing most of the run's time. A row holding a
 * link, rich text, an error, a shared or array formula or a note is left to exceljs (returns false).
 */
class RowWriter {
  private readonly letters: string[] = [];
  private readonly styles: { addStyleModel(style: Partial<ExcelJS.Style>, type: number): number };
  private readonly strings: { add(text: string): number };
  private readonly sheet: {
    startedData: boolean;
    _writeColumns(): void;
    _writeOpenSheetData(): void;
    stream: { write(text: string): void };
  };

  constructor(
    out: ExcelJS.stream.xlsx.WorkbookWriter,
    w: ExcelJS.Worksheet,
    private readonly emptyStyle: (cell: { type: ExcelJS.ValueType; style: Partial<ExcelJS.Style> }) => Partial<ExcelJS.Style>,
  ) {
    const book = out as unknown as { styles: RowWriter['styles']; sharedStrings: RowWriter['strings'] };
    this.styles = book.styles;
    this.strings = book.sharedStrings;
    this.sheet = w as unknown as RowWriter['sheet'];
  }

  private letter(c: number): string {
    return (this.letters[c] ??= columnLetters(c - 1));
  }

  private cell(r: number, c: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style> | undefined): string {
    const formula = plainFormula(value);
    if (formula) return this.formulaCell(r, c, formula, style);
    const type = valueType(value);
    const id = this.styles.addStyleModel(
      style && Object.keys(style).length > 0 ? style : this.emptyStyle({ type: type as ExcelJS.ValueType, style: {} }),
      type,
    );
    if (type === VALUE_TYPE.null && !id) return '';
    const s = id ? ` s="${id}"` : '';
    const at = `<c r="${this.letter(c)}${r}"${s}`;
    if (type === VALUE_TYPE.null) return `${at}/>`;
    if (type === VALUE_TYPE.number) return `${at}><v>${String(value)}</v></c>`;
    if (type === VALUE_TYPE.string) return `${at} t="s"><v>${this.strings.add(value as string)}</v></c>`;
    if (type === VALUE_TYPE.boolean) return `${at} t="b"><v>${value ? '1' : '0'}</v></c>`;
    return `${at}><v>${25569 + (value as Date).getTime() / (24 * 3600 * 1000)}</v></c>`;
  }

  /** A formula's cell as exceljs renders it: the result's type for the style, a text result inline (not shared). */
  private formulaCell(r: number, c: number, value: PlainFormula, style: Partial<ExcelJS.Style> | undefined): string {
    const result = value.result ?? null;
    const type = valueType(result);
    const id = this.styles.addStyleModel(
      style && Object.keys(style).length > 0 ? style : this.emptyStyle({ type: ExcelJS.ValueType.Formula, style: {} }),
      type,
    );
    const at = `<c r="${this.letter(c)}${r}"${id ? ` s="${id}"` : ''}`;
    const f = `<f>${xmlText(value.formula)}</f>`;
    if (type === VALUE_TYPE.string) return `${at} t="str">${f}<v>${xmlText(result as string)}</v></c>`;
    if (type === VALUE_TYPE.number) return `${at}>${f}<v>${String(result)}</v></c>`;
    if (type === VALUE_TYPE.boolean) return `${at} t="b">${f}<v>${result ? '1' : '0'}</v></c>`;
    return `${at}>${f}</c>`;
  }

  /** Writes row `r` (from its cells `src` and a plain tab's `values`), or returns false when exceljs must. */
  row(r: number, src: ExcelJS.Row | undefined, values: ExcelJS.CellValue[] | undefined, plain: boolean): boolean {
    const cells: Array<[number, ExcelJS.Cell]> = [];
    let simple = true;
    if (src)
      eachCellIn(src, (cell, c) => {
        cells.push([c, cell]);
        if ((cell as unknown as { _comment?: unknown })._comment || (!plain && !simpleValue(writtenValue(cell)))) simple = false;
      });
    if (!simple || (values && !values.every(simpleValue))) return false;
    let xml = '';
    let v = 0;
    const own = (c: number) => (values && c <= values.length ? (values[c - 1] ?? null) : null);
    // The grid's values and the cells' formats, column by column (both in column order).
    for (const [c, cell] of cells) {
      if (values)
        for (; v < Math.min(c - 1, values.length); v++) if (values[v] !== null) xml += this.cell(r, v + 1, values[v] ?? null, undefined);
      v = Math.max(v, c);
      const value = isMergeSlave(cell) ? null : plain ? own(c) : writtenValue(cell);
      xml += this.cell(r, c, value, cell.style);
    }
    if (values) for (; v < values.length; v++) if (values[v] !== null) xml += this.cell(r, v + 1, values[v] ?? null, undefined);
    this.emit(r, xml, src?.height, src?.hidden, src?.outlineLevel);
    return true;
  }

  /** Writes row `r` of a packed tab: its cells in column order, a merged cell's other cells with no value. */
  packedRow(r: number, tab: PackedTab): void {
    const styles = tab.styles[r - 1];
    let xml = '';
    if (styles) {
      const values = tab.values[r - 1] ?? [];
      for (let c = 0; c < styles.length; c++) {
        const style = styles[c];
        if (style === undefined) continue;
        xml += this.cell(r, c + 1, tab.isSlave(r - 1, c) ? null : (values[c] ?? null), style);
      }
    }
    this.emit(r, xml, tab.heights[r - 1]);
  }

  private emit(r: number, xml: string, height?: number, hidden?: boolean, outlineLevel?: number): void {
    if (xml === '' && !height) return;
    let attrs = `r="${r}"`;
    if (height) attrs += ` ht="${height}" customHeight="1"`;
    if (hidden) attrs += ' hidden="1"';
    if (outlineLevel) attrs += ` outlineLevel="${outlineLevel}"`;
    const sheet = this.sheet;
    if (!sheet.startedData) {
      sheet._writeColumns();
      sheet._writeOpenSheetData();
      sheet.startedData = true;
    }
    sheet.stream.write(`<row ${attrs}>${xml}</row>`);
  }
}

/** Writes values into a plain grid, as writeBlock writes cells: a cell under a merge keeps nothing. */
function writePlain(ws: ExcelJS.Worksheet, plain: PlainValues, row: number, col: number, block: ExcelJS.CellValue[][]): void {
  checkBlockWithinSheet(ws, row, col, block);
  block.forEach((line, i) => {
    const r = row + i;
    while (plain.length <= r) plain.push([]);
    const target = plain[r] as ExcelJS.CellValue[];
    const wsRow = ws.findRow(r + 1);
    line.forEach((v, j) => {
      const c = col + j;
      const cell = wsRow?.findCell(c + 1);
      if (cell && isMergeSlave(cell)) return;
      while (target.length < c) target.push(null);
      target[c] = v;
    });
  });
}

/** A tab as the calls that write it see it: its worksheet, and its packed cells if it is packed. */
interface Tab {
  ws: ExcelJS.Worksheet;
  packed?: PackedTab;
}

/**
 * A merge made without exceljs' check that it overlaps no other merge, for a merge known to overlap none:
 * the check compares the new merge with every merge of the tab (minutes for a region's справка).
 */
function mergeUnchecked(ws: ExcelJS.Worksheet, merge: () => void): void {
  const p = parts(ws);
  const merges = p._merges;
  p._merges = {};
  try {
    merge();
  } finally {
    p._merges = Object.assign(merges, p._merges);
  }
}

function eachCellOf({ ws, packed }: Tab, range: Range, fn: (cell: WrittenCell) => void): void {
  checkWithinSheet(ws.name, range.row, range.col, range.rows, range.cols);
  for (let r = range.row; r < range.row + range.rows; r++) {
    if (packed) {
      for (let c = range.col; c < range.col + range.cols; c++) fn(new PackedCell(packed, r, c));
      continue;
    }
    const row = ws.getRow(r + 1);
    for (let c = range.col; c < range.col + range.cols; c++) fn(row.getCell(c + 1));
  }
}

function eachBlockCell<T>({ ws, packed }: Tab, row: number, col: number, block: T[][], fn: (cell: WrittenCell, v: T) => void): void {
  checkBlockWithinSheet(ws, row, col, block);
  block.forEach((line, i) => {
    if (packed) {
      line.forEach((v, j) => fn(new PackedCell(packed, row + i, col + j), v));
      return;
    }
    const wsRow = ws.getRow(row + i + 1);
    line.forEach((v, j) => fn(wsRow.getCell(col + j + 1), v));
  });
}

function excelValidation(rule: Validation): ExcelJS.DataValidation {
  switch (rule.kind) {
    case 'list':
      return {
        type: 'list',
        allowBlank: true,
        formulae: [`"${rule.values.map((v) => v.replace(/"/g, '""')).join(',')}"`],
        showErrorMessage: true,
        errorStyle: rule.strict ? 'stop' : 'warning',
      };
    case 'number':
      return {
        type: rule.integer ? 'whole' : 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [rule.min, rule.max],
        showErrorMessage: true,
      };
    case 'checkbox':
      return { type: 'list', allowBlank: true, formulae: ['"TRUE,FALSE"'], showErrorMessage: true };
    case 'formula':
      return {
        type: 'custom',
        allowBlank: true,
        formulae: [rule.formula.replace(/^=/, '')],
        showErrorMessage: true,
        errorStyle: rule.strict ? 'stop' : 'warning',
        showInputMessage: true,
        prompt: rule.help,
      };
  }
}

/**
 * LISTS_SHEET holds the dropdown lists Excel cannot take inline: an inline list is at most 255 characters
 * and splits its values at commas (Excel then «repairs» the file, dropping the validation).
 */
export { LISTS_SHEET };
const LIST_REF = /^'?([^'!]+)'?!\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/;

/** Whether Excel takes the list inline: 255 characters at most between the quotes, no value with a comma. */
export function fitsInline(values: readonly string[]): boolean {
  return values.join(',').length <= 255 && !values.some((v) => v.includes(','));
}

/** An exceljs validation in the port's terms (the inverse of excelValidation); `list` reads a range's values. */
function fromExcelValidation(
  dv: ExcelJS.DataValidation | undefined,
  list: (ref: string) => string[] | null = () => null,
): Validation | { kind: 'other' } | null {
  if (!dv) return null;
  const strict = dv.errorStyle === undefined || dv.errorStyle === 'stop';
  const first = dv.formulae?.[0];
  if (dv.type === 'list' && typeof first === 'string' && LIST_REF.test(first)) {
    const values = list(first);
    if (values) return { kind: 'list', values, strict };
  }
  if (dv.type === 'list' && typeof first === 'string' && /^".*"$/.test(first)) {
    const values = first.slice(1, -1).replace(/""/g, '"').split(',');
    if (first === '"TRUE,FALSE"') return { kind: 'checkbox' };
    return { kind: 'list', values, strict };
  }
  if ((dv.type === 'whole' || dv.type === 'decimal') && dv.operator === 'between') {
    const rule: Validation = { kind: 'number', min: Number(first), max: Number(dv.formulae[1]) };
    if (dv.type === 'whole') rule.integer = true;
    return rule;
  }
  if (dv.type === 'custom' && first !== undefined) return { kind: 'formula', formula: `=${String(first)}`, help: dv.prompt ?? '', strict };
  return { kind: 'other' };
}

function noteText(note: ExcelJS.Cell['note']): string {
  if (note === undefined || note === null) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

function ruleFormulae(rule: ExcelJS.ConditionalFormattingRule): string[] {
  const f = (rule as { formulae?: unknown[] }).formulae;
  return Array.isArray(f) ? f.filter((x): x is string => typeof x === 'string') : [];
}

function maxPriority(entries: CfEntry[]): number {
  return entries.reduce((p, cf) => Math.max(p, ...cf.rules.map((r) => r.priority || 0)), 0);
}

/** exceljs pattern fill colour (dxf fills carry it in bgColor, cell fills in fgColor). */
function fillColor(fill: ExcelJS.Fill | undefined): string | undefined {
  if (!fill || fill.type !== 'pattern') return undefined;
  return fromArgb(fill.bgColor?.argb) ?? fromArgb(fill.fgColor?.argb);
}

/**
 * Excel forbids `: \\ / ? * [ ]` in sheet names and allows 31 characters, Sheets does not: «ШНОР: итоги»
 * is stored as «ШНОР — итоги» in an .xlsx file.
 */
export function excelSheetName(name: string): string {
  let excel = name
    .replace(/\s*:\s*/g, ' — ')
    .replace(/[\\/?*[\]]/g, '-')
    // Control and invisible characters are not allowed either, nor an apostrophe at either end.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '')
    .slice(0, 31)
    .replace(/^'+|'+$/g, '')
    .trim();
  if (excel === '') excel = 'Лист';
  // «History» is reserved by Excel for its change log.
  if (excel.toLowerCase() === 'history') excel = 'History 1';
  return excel;
}

/** Pixels of a column: Sheets' 100 px by default, 7 px an Excel width unit. */
function columnPixels(ws: ExcelJS.Worksheet, col: number): number {
  const w = ws.getColumn(col).width;
  return typeof w === 'number' && w > 0 ? w * 7 : 64;
}

/** The widest text a cell takes in pixels: its column, or the columns of the merge it starts. */
function cellPixels(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell, col: number, columnPx: (col: number) => number): number {
  // exceljs keeps a merge under the address of its top-left cell.
  const merge = cell.isMerged ? (parts(ws)._merges[cell.address] as { left: number; right: number } | undefined) : undefined;
  if (!merge) return columnPx(col);
  let px = 0;
  for (let c = merge.left; c <= merge.right; c++) px += columnPx(c);
  return px;
}

/**
 * The book's default font, as exceljs writes it for unstyled cells: a cell made bold keeps it. A font with
 * only «bold» and no name falls back to the reader's choice (LibreOffice takes a serif one).
 */
const BOOK_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11, family: 2, scheme: 'minor', color: { theme: 1 } };

/** Points of a line of the 11-point default font: Excel's row of one line (LibreOffice's lines are shorter, 11.1 pt). */
const LINE_PT = 15;
/**
 * Pixels of a cell's width its text does not take: Excel's margins and grid line (LibreOffice's are
 * narrower, and its columns wider: 7.4 px a width unit, not 7) — the safety margin of the estimate.
 */
const CELL_PADDING_PX = 6;

/** The last row holding a value (rows formatted ahead of the data are not printed). */
function lastValueRow(ws: ExcelJS.Worksheet): number {
  let last = 0;
  ws.eachRow((row, r) => {
    if (row.hasValues) last = r;
  });
  return last;
}

/** The width of an A4 page between the margins below (257 mm landscape, 170 mm portrait), in pixels at 96 dpi. */
export const PAGE_PX = { landscape: 971, portrait: 643 } as const;
/**
 * The smallest scale a printout is fitted to: 75 % of the 11-point default font is 8 points, the least a
 * table is read at. A wider table is printed at this scale in bands of columns, one after another down
 * the pages, its frozen columns (the names) repeated at the left of each band.
 */
export const MIN_PRINT_SCALE = 75;

/**
 * Page set-up and row heights of a tab the add-on wrote, applied when the book is written:
 * - A4, portrait when the printed columns fit a portrait page, landscape otherwise; margins of an office
 *   document (30 / 10 / 20 / 20 mm);
 * - fitted to the page width when that keeps the text at MIN_PRINT_SCALE or larger; else printed at that
 *   scale, the columns that do not fit going to the following pages (down, then over) with the frozen
 *   columns repeated; never the 3-point text of a wide table squeezed onto one page width;
 * - `printColumns`: only so many columns from the left are printed (the print area), the others are
 *   details left out of the printout, and the rows are as tall as the printed columns need;
 * - the last frozen row (the table's header) repeats on every printed page;
 * - a row with wrapped text is made tall enough for it: spreadsheet programs do not fit the height of
 *   merged cells, and Excel does not fit any row on opening a file. Its lines are counted with the font's
 *   own widths, wrapped as Excel and LibreOffice wrap (text-lines.ts), in the cell's or merge's width.
 */
export function prepareForPaper(ws: ExcelJS.Worksheet, plain?: PlainValues, printColumns?: number, packed?: PackedTab): void {
  let width = 0;
  const columns = printColumns ?? (packed ? packed.columnCount() : Math.max(ws.columnCount, plain ? plainWidth(plain) : 0));
  for (let c = 1; c <= columns; c++) width += columnPixels(ws, c);
  const view = ((ws.views ?? [])[0] ?? {}) as Partial<{ state: string; ySplit: number; xSplit: number }>;
  const frozen = view.state === 'frozen' ? (view.ySplit ?? 0) : 0;
  const frozenCols = view.state === 'frozen' ? (view.xSplit ?? 0) : 0;
  const orientation = width <= PAGE_PX.portrait ? 'portrait' : 'landscape';
  const fits = width * MIN_PRINT_SCALE <= PAGE_PX[orientation] * 100;
  const letter = (c: number) => ws.getColumn(c).letter;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation,
    fitToPage: fits,
    fitToWidth: fits ? 1 : undefined,
    fitToHeight: fits ? 0 : undefined,
    scale: fits ? 100 : MIN_PRINT_SCALE,
    pageOrder: 'downThenOver',
    margins: { left: 1.18, right: 0.39, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
    printTitlesRow: frozen > 0 ? `${frozen}:${frozen}` : undefined,
    printTitlesColumn: !fits && frozenCols > 0 ? `A:${letter(frozenCols)}` : undefined,
    // exceljs puts a «$» before each end: «A$1:G$548» is written as the absolute $A$1:$G$548.
    printArea: printColumns
      ? `A$1:${letter(printColumns)}$${Math.max(1, plain ? plain.length : packed ? packed.lastValueRow() : lastValueRow(ws))}`
      : undefined,
  } as Partial<ExcelJS.PageSetup>;
  // Each column's pixels, looked up once (a region's tab asks for them a million times).
  const pixels: number[] = [];
  const columnPx = (col: number) => (pixels[col] ??= columnPixels(ws, col));
  if (packed) return packedHeights(ws, packed, columnPx, printColumns);
  ws.eachRow((row, r) => {
    let lines = 1;
    eachCellIn(row, (cell, c) => {
      // With a print area, its columns set the heights: a detail left off the paper does not stretch the pages.
      if (!cell.alignment?.wrapText || isMergeSlave(cell) || (printColumns !== undefined && c > printColumns)) return;
      const value = plain ? (plain[r - 1]?.[c - 1] ?? null) : cell.value;
      // A date or number shows as its short formatted value, not as the long text exceljs gives for it.
      if (value === null || value instanceof Date || typeof value === 'number' || typeof value === 'boolean') return;
      const text = typeof value === 'string' ? value : plain ? String(plainValue(value) ?? '') : cell.text;
      if (!text) return;
      lines = Math.max(
        lines,
        wrappedLineCount(String(text), cellPixels(ws, cell, c, columnPx) - CELL_PADDING_PX, cell.font?.bold === true),
      );
    });
    if (lines > 1) row.height = lines * LINE_PT;
  });
}

/** prepareForPaper's row heights of a packed tab: the same heights, from its arrays. */
function packedHeights(ws: ExcelJS.Worksheet, tab: PackedTab, columnPx: (col: number) => number, printColumns?: number): void {
  tab.styles.forEach((styles, r) => {
    let lines = 1;
    const values = tab.values[r] ?? [];
    for (let i = 0; i < styles.length; i++) {
      const style = styles[i];
      const c = i + 1;
      if (!style?.alignment?.wrapText || tab.isSlave(r, i) || (printColumns !== undefined && c > printColumns)) continue;
      const value = values[i] ?? null;
      if (value === null || value instanceof Date || typeof value === 'number' || typeof value === 'boolean') continue;
      // A formula shows its result (exceljs' text of a formula cell).
      const result = typeof value === 'string' ? undefined : (value as { result?: unknown }).result;
      const text = typeof value === 'string' ? value : result ? String(result) : '';
      if (!text) continue;
      const merge = tab.merges.get(rangeRef({ row: r, col: i, rows: 1, cols: 1 }));
      let px = 0;
      if (merge) for (let k = merge.left; k <= merge.right; k++) px += columnPx(k);
      else px = columnPx(c);
      lines = Math.max(lines, wrappedLineCount(text, px - CELL_PADDING_PX, style.font?.bold === true));
    }
    if (lines > 1) tab.heights[r] = lines * LINE_PT;
  });
}

/** The numbers of a block of a tab, row by row (null where a cell holds no number). */
function blockNumbers({ ws, packed }: Tab, b: SparklineSource): (number | null)[] {
  const out: (number | null)[] = [];
  for (let r = b.row; r < b.row + b.rows; r++)
    for (let c = b.col; c < b.col + b.cols; c++) {
      const v = packed ? new PackedCell(packed, r, c).value : ws.getRow(r + 1).getCell(c + 1).value;
      out.push(typeof v === 'number' ? v : null);
    }
  return out;
}

/**
 * A print area as Excel and LibreOffice need it, absolute at both ends. exceljs reads a file's
 * `$A$1:$G$12` as `A1:G12` and writes a print area back with a «$» before the columns only
 * (`$A1:$G12`, relative rows: LibreOffice prints the tab cut, Excel moves the area): each row gets its
 * «$» again (`A$1:G$12`, which exceljs writes as `$A$1:$G$12`). Areas joined by «&&» each.
 */
export function absolutePrintArea(ws: ExcelJS.Worksheet): void {
  const area = ws.pageSetup?.printArea;
  if (!area) return;
  ws.pageSetup.printArea = area
    .split('&&')
    .map((part) => part.replace(/\$?([A-Za-z]{1,3})\$?(\d+)/g, '$1$$$2'))
    .join('&&');
}

/** Points of an A4 page's height between the margins prepareForPaper sets (257 mm portrait, 170 mm landscape). */
const PAGE_HEIGHT_PT = { portrait: (257 / 25.4) * 72, landscape: (170 / 25.4) * 72 } as const;

/**
 * A page break before a chart that would otherwise be cut by the end of a printed page: the rows' heights
 * (as prepareForPaper set them, 15 pt where it did not) are laid down the pages at the print scale, and a
 * chart whose height does not fit what is left of its page starts the next one. A chart taller than a page
 * is left where it is.
 */
export function keepChartsOnPages(ws: ExcelJS.Worksheet, charts: readonly ChartSpec[]): void {
  const setup = ws.pageSetup as Partial<ExcelJS.PageSetup>;
  const orientation = setup.orientation === 'landscape' ? 'landscape' : 'portrait';
  let width = 0;
  for (let c = 1; c <= ws.columnCount; c++) width += columnPixels(ws, c);
  const scale = setup.fitToPage ? Math.min(1, PAGE_PX[orientation] / Math.max(1, width)) : (setup.scale ?? 100) / 100;
  const page = PAGE_HEIGHT_PT[orientation];
  const at = new Map(charts.map((c) => [c.anchor.row + 1, ((c.figure?.size.height ?? 320) * 0.75 + 2) * scale]));
  const last = Math.max(ws.rowCount, ...at.keys());
  let used = 0;
  for (let r = 1; r <= last; r++) {
    const chart = at.get(r);
    if (chart !== undefined && used > 0 && used + chart > page && chart <= page) {
      ws.getRow(r - 1).addPageBreak();
      used = 0;
    }
    const h = (ws.findRow(r)?.height ?? LINE_PT) * scale;
    used = used + h > page ? h : used + h;
  }
}

/** Bytes of a tab's XML the writer may hold before the zip has taken them. */
const HELD_XML_BYTES = 8 << 20;

/**
 * Waits until the zip has taken the tab's XML but for HELD_XML_BYTES: exceljs' writer keeps what the zip has
 * not reached yet (it is packing an earlier part) and hands the rest to the compressor without waiting for
 * it, so a region's table written in one go would be held whole, twice.
 */
async function zipTakes(w: ExcelJS.Worksheet): Promise<void> {
  const sheet = w as unknown as {
    startedData: boolean;
    stream: { buffers: { length: number }[]; pipes: { _writableState?: { length: number } }[] };
  };
  if (!sheet.startedData) return;
  const stream = sheet.stream;
  const held = () =>
    stream.buffers.reduce((n, b) => n + b.length, 0) + stream.pipes.reduce((n, p) => n + (p._writableState?.length ?? 0), 0);
  while (held() > HELD_XML_BYTES) await new Promise((resolve) => setTimeout(resolve, 1));
}

export class XlsxWorkbook implements Workbook {
  private readonly book: ExcelJS.Workbook;

  constructor(wb: ExcelJS.Workbook) {
    this.book = wb;
  }

  /** The exceljs workbook, every tab as exceljs cells (packed tabs are unpacked first). */
  get wb(): ExcelJS.Workbook {
    for (const ws of [...this.packed.keys()]) this.unpack(ws);
    return this.book;
  }

  /** The tabs this book created, kept packed until a call needs their exceljs cells (see PackedTab). */
  private readonly packed = new Map<ExcelJS.Worksheet, PackedTab>();

  /** A packed tab as the exceljs cells it stands for: values, styles, merges and row heights. */
  private unpack(ws: ExcelJS.Worksheet): void {
    const tab = this.packed.get(ws);
    if (!tab) return;
    this.packed.delete(ws);
    tab.styles.forEach((styles, r) => {
      const row = ws.getRow(r + 1);
      const values = tab.values[r] ?? [];
      styles.forEach((style, c) => {
        if (style === undefined) return;
        const cell = row.getCell(c + 1);
        const value = values[c] ?? null;
        if (value !== null && !tab.isSlave(r, c)) cell.value = value;
        if (style !== NO_STYLE) cell.style = style;
      });
    });
    // The packed merges do not overlap (a new one replaced those it met).
    for (const m of tab.merges.values()) mergeUnchecked(ws, () => ws.mergeCellsWithoutStyle(m.top, m.left, m.bottom, m.right));
    tab.heights.forEach((height, r) => {
      ws.getRow(r + 1).height = height;
    });
  }

  /** The tabs the add-on created or replaced: their print settings are set when the book is written. */
  private readonly written = new Set<string>();

  /** Styles given by this book's calls, shared by the cells that look alike (see restyle). */
  private readonly styles = new StyleCache();

  /** The tabs whose values are kept as a grid (putValues), not as cells. */
  protected readonly plain = new Map<ExcelJS.Worksheet, PlainValues>();

  private prepareWritten(): void {
    for (const name of this.written) {
      const ws = this.book.getWorksheet(this.excelName(name));
      const charts = ws ? this.charts.get(ws.name) : undefined;
      // A tab with charts is laid down the pages as exceljs cells (its rows' heights, its page breaks).
      if (ws && charts) this.unpack(ws);
      if (ws) prepareForPaper(ws, this.plain.get(ws), this.printColumns.get(ws), this.packed.get(ws));
      if (ws && charts) keepChartsOnPages(ws, charts);
    }
  }

  /**
   * A new tab holding a table as it was read (a CSV): its values are kept as the grid's rows, not as
   * cells, so that a region's table takes the memory of its values; everything else works as on any tab.
   */
  putValues(name: string, values: readonly CellValue[][]): void {
    this.ensureSheet(name);
    const ws = this.worksheet(name);
    if (ws.rowCount > 0 || this.plain.has(ws)) throw new Error(`Лист «${name}» уже заполнен`);
    // A table wider or longer than a sheet (a CSV may be) is refused before anything is written.
    checkBlockWithinSheet(ws, 0, 0, values);
    this.plain.set(
      ws,
      values.map((row) => row.map((v) => (v === undefined ? null : v))),
    );
  }

  /** A plain tab's values as cells, for what needs the whole tab in exceljs (moving it to another book). */
  private materialise(ws: ExcelJS.Worksheet): void {
    const plain = this.plain.get(ws);
    if (!plain) return;
    this.plain.delete(ws);
    plain.forEach((line, r) => {
      const row = ws.getRow(r + 1);
      line.forEach((v, c) => {
        if (v === null) return;
        const cell = row.getCell(c + 1);
        if (!isMergeSlave(cell)) cell.value = v;
      });
    });
  }

  static async load(path: string): Promise<XlsxWorkbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    return new XlsxWorkbook(wb);
  }

  static async fromBuffer(buf: ArrayBuffer | Uint8Array): Promise<XlsxWorkbook> {
    const wb = new ExcelJS.Workbook();
    const data = buf instanceof Uint8Array ? Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) : Buffer.from(buf);
    await wb.xlsx.load(data as unknown as Parameters<typeof wb.xlsx.load>[0]);
    return new XlsxWorkbook(wb);
  }

  static empty(): XlsxWorkbook {
    return new XlsxWorkbook(new ExcelJS.Workbook());
  }

  /**
   * Writes the workbook to a new file. `last`: the book is not used after this (the CLI's book, saved when
   * its actions are done): each tab's cells and values are let go as soon as the tab is written, so that the
   * heap shrinks while the file grows; the book refuses any further call.
   */
  async save(path: string, { last = false } = {}): Promise<void> {
    this.releaseWritten = last;
    await this.write({ filename: path });
  }

  /** Each tab's rows are let go once written (save's `last`); after that the book has none to give. */
  private releaseWritten = false;
  private released = false;

  /**
   * Moves one tab into a book of its own (everything the tab holds: values, styles, merges, rules,
   * validations, widths, views, page setup) and removes it from this book, so that writing hundreds of
   * tabs one book each keeps memory at one tab.
   */
  takeSheet(name: string): XlsxWorkbook {
    const src = this.worksheet(name);
    this.materialise(src);
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet(src.name);
    // exceljs gives a tab's merged ranges as `merges` and takes them back only as `mergeCells`.
    const model = src.model as ExcelJS.WorksheetModel & { merges: string[] };
    ws.model = { ...model, mergeCells: model.merges, id: ws.id, name: src.name } as ExcelJS.WorksheetModel;
    // The tab's long dropdown lists point into the hidden «Списки» tab: it goes along (a copy).
    const lists = this.book.getWorksheet(LISTS_SHEET);
    if (lists) {
      const copy = book.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
      lists.eachRow((row, r) => {
        copy.getRow(r).values = row.values as ExcelJS.CellValue[];
      });
    }
    this.book.removeWorksheet(src.id);
    const out = new XlsxWorkbook(book);
    const charts = this.charts.get(src.name);
    if (charts) {
      out.charts.set(src.name, charts);
      this.charts.delete(src.name);
    }
    const alias = this.aliases.get(src.name);
    if (alias !== undefined) out.aliases.set(src.name, alias);
    for (const name of [src.name, alias]) if (name !== undefined && this.written.delete(name)) out.written.add(name);
    return out;
  }

  async toBuffer(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await this.write({ stream: sink });
    return Buffer.concat(chunks);
  }

  /**
   * Writes the book as a stream: tab by tab, row by row, each row rendered, compressed and written as it
   * is reached, so that no tab's XML, nor the whole file, is ever held in memory — only the book's own
   * cells (and a plain tab's grid). Everything a tab holds goes along: values, styles, notes, merges,
   * widths and hidden columns, frozen panes, conditional formats, validations, page set-up and print titles,
   * the tab's state. A book holding what the streaming writer cannot write (pictures, tables — a user's
   * .xlsx may) is written whole, as exceljs writes it.
   */
  private async write(target: { filename: string } | { stream: Writable }): Promise<void> {
    if (this.charts.size === 0) return this.writeBook(target);
    // The charts go into the package exceljs wrote (it writes none): the package in memory, then the file
    // (its parts the charts leave alone copied as they are).
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await this.writeBook({ stream: sink });
    const written = Buffer.concat(chunks);
    chunks.length = 0;
    const { pieces } = addCharts(written, this.charts);
    await pipeline(Readable.from(pieces), 'filename' in target ? createWriteStream(target.filename) : target.stream);
  }

  private async writeBook(target: { filename: string } | { stream: Writable }): Promise<void> {
    this.prepareWritten();
    for (const ws of this.book.worksheets) absolutePrintArea(ws);
    // The fastest deflate level: a region's book is written several times faster and is barely larger.
    const zip = { zlib: { level: 1 } };
    if (!this.streamable()) {
      for (const ws of this.plain.keys()) this.materialise(ws);
      for (const ws of [...this.packed.keys()]) this.unpack(ws);
      const options = { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as ExcelJS.XlsxWriteOptions;
      if ('filename' in target) await this.book.xlsx.writeFile(target.filename, options);
      else await this.book.xlsx.write(target.stream, options);
      return;
    }
    const out = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useStyles: true, useSharedStrings: true, zip });
    out.views = this.book.views;
    const names = (this.book as unknown as { definedNames: { model: unknown } }).definedNames.model;
    (out as unknown as { _definedNames: { model: unknown } })._definedNames.model = names;
    for (const ws of this.book.worksheets) {
      await this.writeSheet(out, ws);
      if (this.releaseWritten) {
        this.released = true;
        parts(ws)._rows = [];
        this.plain.delete(ws);
        this.packed.delete(ws);
      }
    }
    await out.commit();
  }

  /** What exceljs' streaming writer leaves out: pictures, tables, a background, any medium. */
  protected streamable(): boolean {
    if ((this.book as unknown as { media: unknown[] }).media.length > 0) return false;
    return this.book.worksheets.every((ws) => ws.getImages().length === 0 && ws.getTables().length === 0);
  }

  private async writeSheet(out: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet): Promise<void> {
    // exceljs finds a style's id by rendering it to XML, unless it has met the same object before: a cell
    // without a format (most of a table) gets one shared empty style per kind of value.
    const empty = new Map<ExcelJS.ValueType, Partial<ExcelJS.Style>>();
    const sharedStyle = (cell: { type: ExcelJS.ValueType; style: Partial<ExcelJS.Style> }): Partial<ExcelJS.Style> => {
      const style = cell.style;
      if (Object.keys(style).length > 0) return style;
      let one = empty.get(cell.type);
      if (!one) empty.set(cell.type, (one = {}));
      return one;
    };
    const w = out.addWorksheet(ws.name, {
      state: ws.state,
      views: ws.views,
      pageSetup: ws.pageSetup,
      properties: ws.properties,
      headerFooter: ws.headerFooter,
      autoFilter: ws.autoFilter,
    } as Partial<ExcelJS.AddWorksheetOptions>);
    const columns = (ws.columns ?? []).map((c) => {
      const { header: _header, key: _key, ...defn } = c.defn as Partial<ExcelJS.Column>;
      return defn;
    });
    if (columns.length > 0) w.columns = columns;
    const writer = w as unknown as {
      _merges: unknown[];
      dataValidations: { model: unknown };
      conditionalFormatting: unknown[];
      sheetProtection: unknown;
      rowBreaks: unknown[];
    };
    // Merges are written as the sheet's list, top to bottom (the cells under a merge's top-left one hold
    // formats only).
    const packedMerges = this.packed.get(ws)?.merges;
    const merges = (packedMerges ? [...packedMerges.values()] : Object.values(parts(ws)._merges)) as Array<{ top: number; left: number }>;
    writer._merges.push(...merges.sort((a, b) => a.top - b.top || a.left - b.left));
    writer.dataValidations.model = parts(ws).dataValidations.model;
    writer.conditionalFormatting = parts(ws).conditionalFormattings;
    writer.sheetProtection = (ws as unknown as { sheetProtection: unknown }).sheetProtection;
    writer.rowBreaks = (ws as unknown as { rowBreaks: unknown[] }).rowBreaks ?? [];
    if (await this.writeRowsElsewhere(out, w, ws)) {
      w.commit();
      return;
    }
    const fast = new RowWriter(out, w, sharedStyle);
    const packed = this.packed.get(ws);
    if (packed) {
      for (let r = 1; r <= packed.styles.length; r++) {
        if (r % 500 === 0) await zipTakes(w);
        fast.packedRow(r, packed);
      }
      w.commit();
      return;
    }
    const plain = this.plain.get(ws);
    const rows = parts(ws)._rows as (ExcelJS.Row | undefined)[];
    const count = Math.max(rows.length, plain?.length ?? 0);
    for (let r = 1; r <= count; r++) {
      const src = rows[r - 1];
      const values = plain?.[r - 1];
      if (!src && !values?.some((v) => v !== null)) continue;
      // Every row before is committed: the writer starts at this one. (Left to itself it keeps a slot for
      // each row between, and commits them one shift of that array at a time — a stray cell in row
      // 1,048,576 would take hours.)
      const pending = w as unknown as { _rows: unknown[]; _rowZero: number };
      if (pending._rows.length === 0) pending._rowZero = r;
      // Now and then the zip takes what is written, so that the tab's XML never piles up in memory.
      if (r % 500 === 0) await zipTakes(w);
      if (fast.row(r, src, values, plain !== undefined)) continue;
      const row = w.getRow(r);
      if (src) {
        if (src.height) row.height = src.height;
        if (src.hidden) row.hidden = true;
        if (src.outlineLevel) row.outlineLevel = src.outlineLevel;
        // A row of formatted empty cells (a coloured legend, a blank line of a document) is written too:
        // the streaming writer would leave out a row without a value.
        if (src.cellCount > 0) Object.defineProperty(row, 'hasValues', { value: true });
        eachCellIn(src, (cell, c) => {
          const to = row.getCell(c);
          // A plain tab's value is in its grid; a cell under a merge keeps none.
          const value = plain ? (values?.[c - 1] ?? null) : writtenValue(cell);
          if (value !== null && !isMergeSlave(cell)) to.value = value;
          to.style = cell.style;
          to.style = sharedStyle(to);
          const note = (cell as unknown as { _comment?: { note: ExcelJS.Comment } })._comment;
          if (note) to.note = cell.note as ExcelJS.Comment;
        });
      }
      values?.forEach((v, c) => {
        if (v === null || src?.findCell(c + 1)) return;
        const to = row.getCell(c + 1);
        to.value = v;
        to.style = sharedStyle(to);
      });
      row.commit();
    }
    w.commit();
  }

  /**
   * Writes a tab's rows (its sheetData) some other way: a book opened from a large .xlsx (cli/stream-book)
   * copies them from the input file. False: they are written from this book's cells, as for any tab.
   */
  protected writeRowsElsewhere(_out: ExcelJS.stream.xlsx.WorkbookWriter, _w: ExcelJS.Worksheet, _ws: ExcelJS.Worksheet): Promise<boolean> {
    return Promise.resolve(false);
  }

  /** Names as the add-on asked for them, by the name Excel allows. */
  private readonly aliases = new Map<string, string>();

  private excelName(name: string): string {
    const excel = excelSheetName(name);
    if (excel !== name) this.aliases.set(excel, name);
    return excel;
  }

  /** A tab as exceljs cells (a packed tab is unpacked). */
  worksheet(name: string): ExcelJS.Worksheet {
    const { ws } = this.tab(name);
    this.unpack(ws);
    return ws;
  }

  /** A tab for the calls that write a report: packed or not. */
  private tab(name: string): Tab {
    if (this.released) throw new Error('Книга уже записана в файл, её листы отпущены');
    const ws = this.book.getWorksheet(this.excelName(name));
    if (!ws) throw new Error(`Нет листа «${name}»`);
    return { ws, packed: this.packed.get(ws) };
  }

  /** The tabs, without the (very) hidden «Списки» this adapter keeps for long dropdown lists (no one's tab). */
  sheetNames(): string[] {
    return this.book.worksheets
      .filter((ws) => !(ws.name === LISTS_SHEET && (ws.state === 'hidden' || ws.state === 'veryHidden')))
      .map((ws) => this.aliases.get(ws.name) ?? ws.name);
  }

  activeSheetName(): string | null {
    const sheets = this.book.worksheets;
    const views = (this.book.views ?? []) as Partial<ExcelJS.WorkbookView>[];
    const tab = views[0]?.activeTab;
    const active = typeof tab === 'number' ? sheets[tab] : undefined;
    if (active && active.state === 'visible') return this.aliases.get(active.name) ?? active.name;
    const visible = sheets.find((ws) => ws.state === undefined || ws.state === 'visible');
    return visible ? (this.aliases.get(visible.name) ?? visible.name) : null;
  }

  readSheet(name: string): Grid {
    // A formula without a computed result (one written here, or saved by a program that does not
    // compute) has no value yet: plainValue reads it as empty, as the spreadsheet shows it until computed.
    const ws = this.worksheet(name);
    const plain = this.plain.get(ws);
    return plain ? plainGrid(ws, plain) : worksheetGrid(ws);
  }

  ensureSheet(name: string): { created: boolean } {
    const excel = this.excelName(name);
    if (this.book.getWorksheet(excel)) return { created: false };
    this.packed.set(this.book.addWorksheet(excel), new PackedTab());
    this.written.add(name);
    return { created: true };
  }

  clearSheet(name: string): void {
    const { ws, packed } = this.tab(name);
    this.written.add(name);
    this.plain.delete(ws);
    if (packed) this.packed.set(ws, new PackedTab());
    const p = parts(ws);
    // Rows hold the cells with their values, styles and notes; column widths stay.
    p._rows = [];
    p._merges = {};
    p.dataValidations.model = {};
    p.conditionalFormattings = [];
    this.freeze(name, 0, 0);
  }

  writeBlock(name: string, row: number, col: number, values: CellValue[][]): void {
    const tab = this.tab(name);
    const plain = this.plain.get(tab.ws);
    if (plain) return writePlain(tab.ws, plain, row, col, values);
    eachBlockCell(tab, row, col, values, (cell, v) => {
      if (isMergeSlave(cell)) return;
      // Plain strings stay strings: exceljs makes a formula only from `{ formula }`.
      cell.value = v === undefined ? null : v;
    });
  }

  writeFormulas(name: string, row: number, col: number, formulas: (string | null)[][]): void {
    const tab = this.tab(name);
    const ws = tab.ws;
    const value = (f: string): ExcelJS.CellValue => {
      const formula = f.replace(/^=/, '');
      // A link shows its label; Excel would compute the same, and the file then reads back as it shows.
      const label = HYPERLINK.exec(f)?.[1]?.replace(/""/g, '"');
      return label === undefined ? { formula, date1904: false } : { formula, result: label, date1904: false };
    };
    const plain = this.plain.get(ws);
    if (plain) {
      formulas.forEach((line, i) =>
        line.forEach((f, j) => {
          if (f !== null) writePlain(ws, plain, row + i, col + j, [[value(f)]]);
        }),
      );
      return;
    }
    eachBlockCell(tab, row, col, formulas, (cell, f) => {
      if (f === null || isMergeSlave(cell)) return;
      const source = sparklineSource(f);
      // A SPARKLINE: its trend as text (see core/sparkline textSparkline), of the values the block holds now.
      cell.value = source ? textSparkline(blockNumbers(tab, source)) : value(f);
    });
  }

  clearBlock(name: string, range: Range): void {
    const ws = this.worksheet(name);
    const plain = this.plain.get(ws);
    if (plain) {
      for (let r = range.row; r < Math.min(plain.length, range.row + range.rows); r++) {
        const line = plain[r] as ExcelJS.CellValue[];
        for (let c = range.col; c < Math.min(line.length, range.col + range.cols); c++) line[c] = null;
      }
      return;
    }
    for (let r = range.row; r < range.row + range.rows; r++) {
      const row = ws.findRow(r + 1);
      if (!row) continue;
      for (let c = range.col; c < range.col + range.cols; c++) {
        const cell = row.findCell(c + 1);
        if (cell && !isMergeSlave(cell)) cell.value = null;
      }
    }
  }

  setBackgrounds(name: string, row: number, col: number, colors: (string | null)[][]): void {
    eachBlockCell(this.tab(name), row, col, colors, (cell, color) => {
      if (color === null || color === '') this.styles.restyle(cell, 'no fill', patched({}, ['fill']));
      else {
        const argb = toArgb(color);
        this.styles.restyle(
          cell,
          `fill ${argb}`,
          patched({ fill: { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } } }),
        );
      }
    });
  }

  setFontWeights(name: string, row: number, col: number, weights: ('bold' | 'normal')[][]): void {
    eachBlockCell(this.tab(name), row, col, weights, (cell, w) => {
      this.styles.restyle(cell, w, (style) => ({ ...style, font: { ...(style.font ?? BOOK_FONT), bold: w === 'bold' } }));
    });
  }

  setNumberFormat(name: string, range: Range, format: string): void {
    const change = patched({ numFmt: format });
    eachCellOf(this.tab(name), range, (cell) => this.styles.restyle(cell, `format ${format}`, change));
  }

  setNumberFormats(name: string, row: number, col: number, formats: string[][]): void {
    eachBlockCell(this.tab(name), row, col, formats, (cell, format) =>
      this.styles.restyle(cell, `format ${format}`, patched({ numFmt: format })),
    );
  }

  setNotes(name: string, row: number, col: number, notes: string[][]): void {
    const ws = this.worksheet(name);
    eachBlockCell({ ws }, row, col, notes, (written, note) => {
      const cell = written as ExcelJS.Cell;
      if (note) cell.note = note;
      else removeNote(cell);
    });
  }

  setValidation(name: string, range: Range, rule: Validation | null): void {
    const ws = this.worksheet(name);
    const model = parts(ws).dataValidations.model;
    const dv = rule ? excelValidation(rule) : null;
    if (dv && rule?.kind === 'list' && !fitsInline(rule.values)) dv.formulae = [this.listRange(rule.values)];
    eachCellOf({ ws }, range, (written) => {
      const cell = written as ExcelJS.Cell;
      // Each cell gets its own copy: exceljs compares them when it joins cells into ranges on save.
      if (dv) model[cell.address] = { ...dv, formulae: [...dv.formulae] };
      else delete model[cell.address];
    });
  }

  /** A cell's validation per cell of the block (null removes it); one Excel validation per distinct rule. */
  setValidations(name: string, row: number, col: number, rules: (Validation | null)[][]): void {
    const ws = this.worksheet(name);
    const model = parts(ws).dataValidations.model;
    const built = new Map<Validation, ExcelJS.DataValidation>();
    const excel = (rule: Validation): ExcelJS.DataValidation => {
      let dv = built.get(rule);
      if (!dv) {
        dv = excelValidation(rule);
        if (rule.kind === 'list' && !fitsInline(rule.values)) dv.formulae = [this.listRange(rule.values)];
        built.set(rule, dv);
      }
      return dv;
    };
    eachBlockCell({ ws }, row, col, rules, (written, rule) => {
      const cell = written as ExcelJS.Cell;
      if (!rule) {
        delete model[cell.address];
        return;
      }
      const dv = excel(rule);
      model[cell.address] = { ...dv, formulae: [...dv.formulae] };
    });
  }

  /**
   * A list Excel cannot take inline, as a column of the very hidden «Списки» tab (created on first use; the
   * same list is written once): the range reference for the validation.
   */
  private listRange(values: readonly string[]): string {
    // Very hidden: no one's tab to unhide, and LibreOffice prints a merely hidden sheet as pages.
    const ws = this.book.getWorksheet(LISTS_SHEET) ?? this.book.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
    const letter = (c: number) => ws.getColumn(c).letter;
    const ref = (c: number) => `'${LISTS_SHEET}'!$${letter(c)}$1:$${letter(c)}$${values.length}`;
    const columns = ws.actualColumnCount;
    for (let c = 1; c <= columns; c++) {
      const have = (ws.getColumn(c).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
      if (have.length === values.length && have.every((v, i) => v === values[i])) return ref(c);
    }
    const c = columns + 1;
    values.forEach((v, i) => {
      ws.getCell(i + 1, c).value = v;
    });
    return ref(c);
  }

  /** The values of a range reference of a list validation («'Списки'!$A$1:$A$12»), or null. */
  private listValues(reference: string): string[] | null {
    const m = LIST_REF.exec(reference);
    const ws = m ? this.book.getWorksheet(m[1]) : undefined;
    if (!m || !ws) return null;
    const out: string[] = [];
    for (let r = Number(m[3]); r <= Number(m[5]); r++) {
      const v = ws.getCell(`${m[2]}${r}`).value;
      out.push(v === null || v === undefined ? '' : String(v));
    }
    return out;
  }

  setColumnWidths(name: string, col: number, widths: number[]): void {
    const { ws } = this.tab(name);
    // Sheets measures in pixels; an Excel width unit is about 7 pixels of the default font.
    widths.forEach((px, i) => {
      ws.getColumn(col + i + 1).width = Math.round((px / 7) * 100) / 100;
    });
  }

  setWrap(name: string, range: Range, wrap: boolean): void {
    eachCellOf(this.tab(name), range, (cell) => {
      if (isMergeSlave(cell)) return;
      this.styles.restyle(cell, wrap ? 'wrap' : 'no wrap', wrapped(wrap));
    });
  }

  setWraps(name: string, row: number, col: number, wraps: boolean[][]): void {
    eachBlockCell(this.tab(name), row, col, wraps, (cell, wrap) => {
      if (isMergeSlave(cell)) return;
      this.styles.restyle(cell, wrap ? 'wrap' : 'no wrap', wrapped(wrap));
    });
  }

  /** The print area's columns of a tab, applied with its page set-up when the book is written. */
  private readonly printColumns = new Map<ExcelJS.Worksheet, number>();

  setPrintColumns(name: string, count: number): void {
    this.printColumns.set(this.tab(name).ws, count);
  }

  /** A hidden column in the file (`<col hidden="1">`): Excel and LibreOffice neither show nor print it. */
  hideColumns(name: string, col: number, count: number): void {
    const { ws } = this.tab(name);
    for (let c = col; c < col + count; c++) ws.getColumn(c + 1).hidden = true;
  }

  mergeAcross(name: string, range: Range): void {
    const { ws, packed } = this.tab(name);
    if (range.cols < 2) return;
    if (packed) {
      for (let r = range.row; r < range.row + range.rows; r++) {
        // Like Sheets (and as below), a new merge replaces the merges it overlaps.
        for (let c = range.col; c < range.col + range.cols; c++) {
          packed.touch(r, c);
          const m = packed.slaves.get(r * 16384 + c);
          if (m) packed.unmerge(m.top - 1, m.left - 1);
          else packed.unmerge(r, c);
        }
        packed.merge(r, range.col, range.cols);
      }
      return;
    }
    for (let r = range.row; r < range.row + range.rows; r++) {
      const ref = rangeRef({ row: r, col: range.col, rows: 1, cols: range.cols });
      // Like Sheets, a new merge replaces the merges it overlaps.
      for (let c = range.col; c < range.col + range.cols; c++) {
        const cell = ws.getRow(r + 1).getCell(c + 1);
        if (cell.isMerged) ws.unMergeCells(cell.master.address);
      }
      // No cell of the range is merged now, so no merge overlaps it.
      mergeUnchecked(ws, () => ws.mergeCells(ref));
    }
  }

  /** Excel's AutoFilter over the range (one per worksheet, as in Sheets). */
  setFilter(name: string, range: Range | null): void {
    const { ws } = this.tab(name);
    if (!range || range.rows <= 0 || range.cols <= 0) {
      ws.autoFilter = undefined;
      return;
    }
    ws.autoFilter = {
      from: { row: range.row + 1, column: range.col + 1 },
      to: { row: range.row + range.rows, column: range.col + range.cols },
    };
  }

  freeze(name: string, rows: number, cols: number): void {
    const { ws } = this.tab(name);
    const old = ((ws.views ?? [])[0] ?? {}) as Record<string, unknown>;
    const common: Record<string, unknown> = {};
    for (const key of [
      'workbookViewId',
      'rightToLeft',
      'tabSelected',
      'showRuler',
      'showRowColHeaders',
      'showGridLines',
      'zoomScale',
      'zoomScaleNormal',
    ]) {
      if (old[key] !== undefined) common[key] = old[key];
    }
    const view = rows > 0 || cols > 0 ? { ...common, state: 'frozen', xSplit: cols, ySplit: rows } : { ...common, state: 'normal' };
    ws.views = [view as Partial<ExcelJS.WorksheetView>];
  }

  replaceConditionalRules(name: string, marker: string, rules: ConditionalRule[]): void {
    const p = parts(this.tab(name).ws);
    const marked = (rule: ExcelJS.ConditionalFormattingRule) => ruleFormulae(rule).some((f) => `=${f}`.includes(marker));
    const kept: CfEntry[] = [];
    for (const cf of p.conditionalFormattings) {
      const left = cf.rules.filter((rule) => !marked(rule));
      if (left.length === cf.rules.length) kept.push(cf);
      else if (left.length > 0) kept.push({ ...cf, rules: left });
    }
    // Excel applies the lowest priority first; Sheets the first rule: the rules that stay come first.
    let priority = maxPriority(kept);
    for (const rule of rules) {
      const font: Partial<ExcelJS.Font> = {};
      if (rule.fontColor) font.color = { argb: toArgb(rule.fontColor) };
      if (rule.bold !== undefined) font.bold = rule.bold;
      const style: Partial<ExcelJS.Style> = {};
      if (rule.background) {
        const argb = toArgb(rule.background);
        style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } };
      }
      if (Object.keys(font).length > 0) style.font = font;
      kept.push({
        ref: rule.ranges.map(rangeRef).join(' '),
        rules: [{ type: 'expression', formulae: [rule.formula.replace(/^=/, '')], style, priority: ++priority }],
      });
    }
    p.conditionalFormattings = kept;
  }

  conditionalRules(name: string): ConditionalRule[] {
    const found: { priority: number; rule: ConditionalRule }[] = [];
    for (const cf of parts(this.tab(name).ws).conditionalFormattings) {
      const ranges = String(cf.ref ?? '')
        .split(/\s+/)
        .map(parseRange)
        .filter((r): r is Range => r !== null);
      for (const rule of cf.rules) {
        const formula = ruleFormulae(rule)[0];
        if (rule.type !== 'expression' || formula === undefined) continue;
        const r: ConditionalRule = { ranges: ranges.map((x) => ({ ...x })), formula: `=${formula}` };
        const background = fillColor(rule.style?.fill);
        if (background) r.background = background;
        const fontColor = fromArgb(rule.style?.font?.color?.argb);
        if (fontColor) r.fontColor = fontColor;
        if (rule.style?.font?.bold !== undefined) r.bold = rule.style.font.bold;
        found.push({ priority: rule.priority || 0, rule: r });
      }
    }
    // In the order they apply (a stable sort keeps the sheet's order among equal priorities).
    return found.sort((a, b) => a.priority - b.priority).map((x) => x.rule);
  }

  /** exceljs cannot write charts: the chart's data block is written by the action, the chart itself is not. */
  replaceChart(name: string, _title: string, _chart: ChartSpec | null): void {
    this.tab(name);
  }

  /** Charts by the tab's name in the file: written as native charts when the book is saved (xlsx-charts). */
  private readonly charts = new Map<string, ChartSpec[]>();

  /** Kept until the book is saved; a chart without a figure draws the block as it is now (a column chart). */
  replaceCharts(name: string, charts: ChartSpec[]): void {
    const { ws } = this.tab(name);
    const values = charts.every((c) => c.figure) ? [] : this.readSheet(name).values;
    const list = charts.map((c) => {
      if (c.figure) return { ...c };
      const block = Array.from({ length: c.range.rows }, (_, r) =>
        Array.from({ length: c.range.cols }, (__, k) => {
          const v = values[c.range.row + r]?.[c.range.col + k];
          return typeof v === 'number' || typeof v === 'string' ? v : null;
        }),
      );
      return { ...c, figure: figureOf(c, block) };
    });
    if (list.length > 0) this.charts.set(ws.name, list);
    else this.charts.delete(ws.name);
  }

  /** Excel links to a cell of the workbook with `#'Sheet'!A1` (quotes doubled for the formula's string). */

  linkPrefix(name: string): string {
    const { ws } = this.tab(name);
    return `#'${ws.name.replace(/'/g, "''")}'!`.replace(/"/g, '""');
  }

  toast(_message: string, _title?: string): void {
    // Nothing to show outside Sheets.
  }

  readLayout(name: string, range: Range): SheetLayout {
    const ws = this.worksheet(name);
    const view = ((ws.views ?? [])[0] ?? {}) as Partial<{ state: string; xSplit: number; ySplit: number }>;
    const frozen = view.state === 'frozen' ? { rows: view.ySplit ?? 0, cols: view.xSplit ?? 0 } : { rows: 0, cols: 0 };
    const model = parts(ws).dataValidations.model;
    const layout: SheetLayout = { frozen, notes: [], numberFormats: [], validations: [] };
    for (let r = range.row; r < range.row + range.rows; r++) {
      const row = ws.getRow(r + 1);
      const notes: string[] = [];
      const formats: string[] = [];
      const validations: SheetLayout['validations'][number] = [];
      for (let c = range.col; c < range.col + range.cols; c++) {
        const cell = row.getCell(c + 1);
        notes.push(noteText(cell.note));
        formats.push(cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : '');
        validations.push(fromExcelValidation(model[cell.address], (ref) => this.listValues(ref)));
      }
      layout.notes.push(notes);
      layout.numberFormats.push(formats);
      layout.validations.push(validations);
    }
    return layout;
  }

  appendRows(name: string, values: CellValue[][]): number {
    const ws = this.worksheet(name);
    const plain = this.plain.get(ws);
    if (plain) {
      let last = plain.length;
      while (last > 0 && !(plain[last - 1] as ExcelJS.CellValue[]).some((v) => v !== null && v !== '')) last--;
      this.writeBlock(name, last, 0, values);
      return last;
    }
    let last = ws.rowCount;
    const filled = (n: number) => {
      let any = false;
      ws.findRow(n)?.eachCell((cell) => {
        if (cell.value !== null && cell.value !== undefined && cell.value !== '') any = true;
      });
      return any;
    };
    while (last > 0 && !filled(last)) last--;
    this.writeBlock(name, last, 0, values);
    return last;
  }

  /**
   * An .xlsx file has no Google accounts to name as editors: protection is applied in Google Sheets
   * («Обновить защиту листов»), so a file holds none of the add-on's and this writes nothing.
   */
  readProtections(_marker: string): Protection[] {
    return [];
  }

  replaceProtections(_marker: string, protections: Protection[]): ProtectionChanges {
    for (const p of protections) this.tab(p.sheet);
    return noProtectionChanges();
  }

  /** Each cell as readSheet would give it, read by itself (a region's tab is not read whole for one cell). */
  readCells(cells: readonly CellRef[]): CellValue[] {
    const names = this.sheetNames();
    return cells.map((c) => {
      if (!names.includes(c.sheet)) return null;
      const { ws, packed } = this.tab(c.sheet);
      if (packed) {
        if (packed.isSlave(c.row, c.col)) return null;
        const v = packed.values[c.row]?.[c.col] ?? null;
        // A formula reads as exceljs gives it: its result, when it has one that is not empty.
        if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
          const result = (v as { result?: ExcelJS.CellValue }).result;
          return result ? plainValue(result) : null;
        }
        return plainValue(v);
      }
      const cell = ws.findRow(c.row + 1)?.findCell(c.col + 1);
      if (cell && isMergeSlave(cell)) return null;
      const plain = this.plain.get(ws);
      return plainValue(plain ? (plain[c.row]?.[c.col] ?? null) : (cell?.value ?? null));
    });
  }

  /** A worksheet of a file is as big as what it holds. */
  fitSheet(name: string): void {
    this.tab(name);
  }

  /** A file keeps no protections of Google accounts: nothing bars a write. */
  lockedProtections(_sheets: string[]): Protection[] {
    return [];
  }

  /** A file has no signed-in user. */
  currentUser(): string | null {
    return null;
  }

  ownerEmail(): string | null {
    return null;
  }

  /**
   * exceljs' spliceRows moves values and cell styles; notes, data validation (kept per cell address) and
   * conditional formatting ranges are moved here, the way Sheets moves them.
   */
  insertRows(name: string, before: number, count: number): void {
    const ws = this.worksheet(name);
    const plain = this.plain.get(ws);
    if (count <= 0 || before + 1 > Math.max(ws.rowCount, plain?.length ?? 0)) return;
    if (plain && before < plain.length) plain.splice(before, 0, ...Array.from({ length: count }, (): ExcelJS.CellValue[] => []));
    const p = parts(ws);
    const notes: Array<{ row: number; col: number; note: ExcelJS.Cell['note'] }> = [];
    ws.eachRow((row, r) => {
      if (r < before + 1) return;
      row.eachCell((cell, c) => {
        if (cell.note) notes.push({ row: r, col: c, note: cell.note });
      });
    });
    ws.spliceRows(before + 1, 0, ...Array.from({ length: count }, () => []));
    for (const n of notes) removeNote(ws.getRow(n.row).getCell(n.col));
    for (const n of notes) ws.getRow(n.row + count).getCell(n.col).note = n.note;
    const shift = (r: Range): Range => {
      if (r.row >= before) return { ...r, row: r.row + count };
      if (r.row + r.rows > before) return { ...r, rows: r.rows + count };
      return r;
    };
    const moved: Record<string, ExcelJS.DataValidation | undefined> = {};
    for (const [address, dv] of Object.entries(p.dataValidations.model)) {
      const r = parseRange(address);
      if (!r) continue;
      const at = r.row >= before ? { ...r, row: r.row + count } : r;
      moved[rangeRef({ ...at, rows: 1, cols: 1 })] = dv;
      // A cell of the row above the seam lends its validation to the new rows, as in Sheets.
      if (dv && r.row === before - 1) {
        for (let i = 0; i < count; i++)
          moved[rangeRef({ row: before + i, col: r.col, rows: 1, cols: 1 })] = { ...dv, formulae: [...dv.formulae] };
      }
    }
    p.dataValidations.model = moved;
    for (const cf of p.conditionalFormattings) {
      const ranges = String(cf.ref ?? '')
        .split(/\s+/)
        .map(parseRange)
        .filter((r): r is Range => r !== null);
      if (ranges.length > 0) cf.ref = ranges.map((r) => rangeRef(shift(r))).join(' ');
    }
  }

  /** The active cell of the active sheet's view, when the file keeps one. */
  activeCell(): CellRef | null {
    const name = this.activeSheetName();
    if (!name) return null;
    const view = ((this.tab(name).ws.views ?? [])[0] ?? {}) as Partial<ExcelJS.WorksheetView>;
    const r = typeof view.activeCell === 'string' ? parseRange(view.activeCell) : null;
    return r ? { sheet: name, row: r.row, col: r.col } : null;
  }
}
