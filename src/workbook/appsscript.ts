/**
 * The workbook port over a real Google spreadsheet (Apps Script's SpreadsheetApp). Every port method is
 * one batched call on a Range or a Sheet (getValues, setValues, setBackgrounds, …), never a loop of
 * per-cell calls; the few extra calls are the sheet lookup (cached per instance), growing the grid
 * before a write that goes past its edge, and per-rule / per-column work where Apps Script has no
 * batched form.
 *
 * Rows and columns are 0-based in the port and 1-based in Apps Script; `cell()` translates.
 * Nothing here touches an Apps Script global at load time: the module is bundled into Code.js and
 * evaluated outside Sheets by the build.
 */
import type { Grid, Merge } from '../core/results';
import { capCellText, CELL_TEXT_LIMIT, type CellValue } from '../core/text';
import {
  type CellRef,
  type ChartSpec,
  type ConditionalRule,
  FIT_SPARE_ROWS,
  LISTS_SHEET,
  noProtectionChanges,
  type Protection,
  type ProtectionChanges,
  type Range,
  type SheetLayout,
  type Validation,
  type Workbook,
} from './port';
import { nonNullRects } from './rects';
import { nativeChart } from './chart-options';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasRange = GoogleAppsScript.Spreadsheet.Range;
type GasRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/** A value Apps Script's setValues accepts. */
type GasValue = string | number | boolean | Date;

/** Text that Sheets would read as a formula (or strip, for `'`) unless it is written with a leading apostrophe. */
const FORMULA_START = /^[=+\-@']/;

const TOAST_TITLE = 'ШНОР';

/** Rows a fitted tab keeps below its last value (defined by the port: a new roadmap tab is formatted that far). */
export { FIT_SPARE_ROWS };
const TOAST_SECONDS = 5;
/** Range objects kept for reuse (the blocks of the last few port calls). */
const RANGES_KEPT = 32;

/** Rows and columns of a block; callers pass rectangular blocks, anything else is a bug and throws. */
function blockSize(block: readonly (readonly unknown[])[]): { rows: number; cols: number } {
  const rows = block.length;
  const cols = block[0]?.length ?? 0;
  block.forEach((line, i) => {
    if (line.length !== cols) {
      throw new Error(`Блок не прямоугольный: в строке ${i + 1} ячеек ${line.length}, а в первой ${cols}`);
    }
  });
  return { rows, cols };
}

/** A value as the port writes it: blanks become '', text that looks like a formula stays text. */
function toCell(value: CellValue): GasValue {
  if (value === null || value === undefined) return '';
  // Sheets refuses a cell of more than 50,000 characters (and the whole block with it): cut, and said so.
  if (typeof value === 'string' && value.length > CELL_TEXT_LIMIT) value = capCellText(value);
  if (typeof value === 'string' && FORMULA_START.test(value)) return `'${value}`;
  return value;
}

/** A value as the port reads it: Sheets' '' is the core's blank (null); Dates stay Dates. */
function fromCell(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  return String(value);
}

/** An Apps Script range in the port's 0-based terms. */
function toRange(r: GasRange): Range {
  return { row: r.getRow() - 1, col: r.getColumn() - 1, rows: r.getNumRows(), cols: r.getNumColumns() };
}

/** A number the way a Russian reader writes it (decimal comma). */
function ruNumber(n: number): string {
  return String(n).replace('.', ',');
}

export class AppsScriptWorkbook implements Workbook {
  private readonly sheets = new Map<string, Sheet>();
  /** Grid sizes as last read or changed by this object: one getMaxRows and getMaxColumns per tab. */
  private readonly sizes = new Map<string, { rows: number; cols: number }>();
  /** How far this object's writes reach on each tab (rows, columns), for fitSheet. */
  private readonly extent = new Map<string, { rows: number; cols: number }>();
  /** Tabs this object inserted: they start with no frozen rows or columns and no conditional rules. */
  private readonly created = new Set<string>();
  /** Frozen rows and columns as this object set them. */
  private readonly frozen = new Map<string, { rows: number; cols: number }>();
  /** How many rows this object's values (not formats) reach on each tab. */
  private readonly valueRows = new Map<string, number>();

  constructor(private readonly spreadsheet: Spreadsheet) {}

  /** The name of each Sheet object this object holds: a Sheet.getName() is a server call, asked once per tab at most. */
  private readonly nameOfSheet = new WeakMap<Sheet, string>();

  private keep(name: string, sheet: Sheet): void {
    this.sheets.set(name, sheet);
    this.nameOfSheet.set(sheet, name);
  }

  private nameOf(sheet: Sheet): string {
    let name = this.nameOfSheet.get(sheet);
    if (name === undefined) {
      name = sheet.getName();
      this.nameOfSheet.set(sheet, name);
    }
    return name;
  }

  /** The tab by name; the lookup is cached for the life of this object (one server call). */
  private sheet(name: string): Sheet {
    const cached = this.sheets.get(name);
    if (cached) return cached;
    const found = this.spreadsheet.getSheetByName(name);
    if (!found) throw new Error(`Нет листа «${name}»`);
    this.keep(name, found);
    return found;
  }

  /**
   * Range objects this object fetched, by tab and coordinates: writing values, weights, backgrounds and
   * notes of one block fetches its Range once. Forgotten for a tab whose rows change (insert, delete, clear).
   */
  private readonly ranges = new Map<string, { sheet: string; at: Range; range: GasRange }>();

  /** The Apps Script range for 0-based coordinates: one getRange per block, then the same object again. */
  private range(sheet: Sheet, row: number, col: number, rows: number, cols: number): GasRange {
    const name = this.nameOf(sheet);
    const key = `${name}\u0000${row}:${col}:${rows}:${cols}`;
    const known = this.ranges.get(key);
    if (known) return known.range;
    const range = sheet.getRange(row + 1, col + 1, rows, cols);
    this.ranges.set(key, { sheet: name, at: { row, col, rows, cols }, range });
    if (this.ranges.size > RANGES_KEPT) this.ranges.delete(this.ranges.keys().next().value as string);
    return range;
  }

  /** The tab's rows moved (or, with `within`, those past it went): its Range objects (past it) are fetched again. */
  private forgetRanges(name: string, within?: { rows: number; cols: number }): void {
    for (const [key, r] of this.ranges) {
      if (r.sheet !== name) continue;
      if (!within || r.at.row + r.at.rows > within.rows || r.at.col + r.at.cols > within.cols) this.ranges.delete(key);
    }
  }

  /** The tab's grid size, read once per tab (getMaxRows, getMaxColumns) and kept current after. */
  private size(sheet: Sheet): { rows: number; cols: number } {
    const name = this.nameOf(sheet);
    let z = this.sizes.get(name);
    if (!z) {
      z = { rows: sheet.getMaxRows(), cols: sheet.getMaxColumns() };
      this.sizes.set(name, z);
    }
    return z;
  }

  /** Notes that a write reaches `rows` rows and `cols` columns of the tab. */
  private reach(name: string, rows: number, cols: number): void {
    const e = this.extent.get(name) ?? { rows: 0, cols: 0 };
    this.extent.set(name, { rows: Math.max(e.rows, rows), cols: Math.max(e.cols, cols) });
  }

  /** Adds rows and columns at the end so that `rowsNeeded` rows and `colsNeeded` columns exist. */
  private ensureSize(sheet: Sheet, rowsNeeded: number, colsNeeded: number): void {
    this.reach(this.nameOf(sheet), rowsNeeded, colsNeeded);
    const z = this.size(sheet);
    if (rowsNeeded > z.rows) {
      sheet.insertRowsAfter(z.rows, rowsNeeded - z.rows);
      z.rows = rowsNeeded;
    }
    if (colsNeeded > z.cols) {
      sheet.insertColumnsAfter(z.cols, colsNeeded - z.cols);
      z.cols = colsNeeded;
    }
  }

  private reachValues(name: string, rows: number): void {
    this.valueRows.set(name, Math.max(this.valueRows.get(name) ?? 0, rows));
  }

  /**
   * One deleteRows and one deleteColumns: the columns past what this object wrote on the tab, the rows
   * past its values and FIT_SPARE_ROWS more (formats and validation set ahead for rows people add go
   * no further; Sheets refuses to delete every row or column, so at least one of each stays).
   */
  fitSheet(name: string): void {
    const sheet = this.sheet(name);
    const z = this.size(sheet);
    const e = this.extent.get(name) ?? { rows: 0, cols: 0 };
    const frozen = this.frozen.get(name)?.rows ?? sheet.getFrozenRows();
    const rows = Math.max(Math.min(e.rows, (this.valueRows.get(name) ?? 0) + FIT_SPARE_ROWS), frozen + 1, 1);
    const cols = Math.max(e.cols, 1);
    this.forgetRanges(name, { rows, cols });
    if (z.rows > rows) {
      sheet.deleteRows(rows + 1, z.rows - rows);
      z.rows = rows;
    }
    if (z.cols > cols) {
      sheet.deleteColumns(cols + 1, z.cols - cols);
      z.cols = cols;
    }
  }

  /** The tabs as the last sheetNames() read them, with the ones this object inserted since. */
  private names: string[] | null = null;

  /**
   * One getSheets and a getName per tab, once for the life of this object (one action): the tabs are kept,
   * with the ones this object inserts, for the calls that follow (no getSheetByName for them). An action
   * that asks for the names again — several steps each reading them — costs nothing more. The hidden
   * «Списки» of long dropdown lists is no one's tab and is left out, as the .xlsx adapter leaves it out.
   */
  sheetNames(): string[] {
    this.names ??= this.spreadsheet.getSheets().map((s) => {
      const name = s.getName();
      this.keep(name, s);
      return name;
    });
    const lists = this.names.includes(LISTS_SHEET) ? this.sheets.get(LISTS_SHEET) : undefined;
    return this.names.filter((n) => n !== LISTS_SHEET || !lists?.isSheetHidden());
  }

  activeSheetName(): string | null {
    const sheet = this.spreadsheet.getActiveSheet() as Sheet | null;
    return sheet ? sheet.getName() : null;
  }

  readSheet(name: string): Grid {
    const data = this.sheet(name).getDataRange();
    const raw = data.getValues() as unknown[][];
    const merges: Merge[] = data.getMergedRanges().map(toRange);
    // An empty sheet's data range is A1 alone, holding ''.
    const empty = raw.length === 1 && raw[0]?.length === 1 && raw[0][0] === '';
    const values = empty ? [] : raw.map((line) => line.map(fromCell));
    const grid: Grid = { sheet: name, values, merges };
    const sheet = this.sheet(name);
    // Whether the tab is hidden, read (one isSheetHidden) only when the choice of the result sheet asks.
    let hidden: boolean | undefined;
    Object.defineProperty(grid, 'hidden', { enumerable: false, get: () => (hidden ??= sheet.isSheetHidden()) });
    // The columns' percent formats, read (one getNumberFormats of the same range) only when a parser asks.
    let percent: Array<boolean | null> | undefined;
    Object.defineProperty(grid, 'percent', {
      enumerable: false,
      get: () => (percent ??= percentColumns(values, data.getNumberFormats() as string[][])),
    });
    return grid;
  }

  /** Without a lookup when this object has read the tab names (sheetNames) and kept them current. */
  ensureSheet(name: string): { created: boolean } {
    if (this.sheets.has(name)) return { created: false };
    if (this.names ? this.names.includes(name) : this.spreadsheet.getSheetByName(name)) return { created: false };
    const sheet = this.spreadsheet.insertSheet(name, this.names ? this.names.length : this.spreadsheet.getNumSheets());
    this.names?.push(name);
    this.keep(name, sheet);
    // Spreadsheet.insertSheet makes a 1000 × 26 grid, nothing frozen, no rules.
    this.sizes.set(name, { rows: 1000, cols: 26 });
    this.created.add(name);
    this.frozen.set(name, { rows: 0, cols: 0 });
    return { created: true };
  }

  clearSheet(name: string): void {
    const sheet = this.sheet(name);
    this.frozen.delete(name);
    this.forgetRanges(name);
    // Validation and merges may lie beyond the data range (on empty cells): clear them on the whole grid.
    const z = this.size(sheet);
    const all = sheet.getRange(1, 1, z.rows, z.cols);
    all.clearDataValidations();
    all.breakApart();
    sheet.clear();
    sheet.clearNotes();
    sheet.setConditionalFormatRules([]);
  }

  /**
   * Writes a rectangular block with one setValues. Text starting with =, +, -, @ (or ') is written with
   * a leading apostrophe so that Sheets keeps it as text; numbers, booleans and Dates are written as
   * they are; null and undefined clear the cell. The grid grows first if the block goes past its edge.
   */
  writeBlock(name: string, row: number, col: number, values: CellValue[][]): void {
    const { rows, cols } = blockSize(values);
    if (rows === 0 || cols === 0) return;
    const sheet = this.sheet(name);
    this.ensureSize(sheet, row + rows, col + cols);
    this.reachValues(name, row + rows);
    this.range(sheet, row, col, rows, cols).setValues(values.map((line) => line.map(toCell)));
  }

  /**
   * Writes formulas. A block without nulls is one setFormulas; setFormulas cannot skip a cell, so with
   * nulls each rectangle of non-null cells (runs in a row, merged down while they span the same
   * columns) gets its own setFormulas and the null cells are left untouched, values included.
   */
  writeFormulas(name: string, row: number, col: number, formulas: (string | null)[][]): void {
    const { rows, cols } = blockSize(formulas);
    const rects = nonNullRects(formulas);
    if (rows === 0 || cols === 0 || rects.length === 0) return;
    const sheet = this.sheet(name);
    this.ensureSize(sheet, row + rows, col + cols);
    this.reachValues(name, row + rows);
    for (const r of rects) {
      const part = formulas.slice(r.row, r.row + r.rows).map((line) => line.slice(r.col, r.col + r.cols) as string[]);
      this.range(sheet, row + r.row, col + r.col, r.rows, r.cols).setFormulas(part);
    }
  }

  clearBlock(name: string, range: Range): void {
    if (range.rows <= 0 || range.cols <= 0) return;
    const sheet = this.sheet(name);
    this.range(sheet, range.row, range.col, range.rows, range.cols).clearContent();
  }

  setBackgrounds(name: string, row: number, col: number, colors: (string | null)[][]): void {
    const { rows, cols } = blockSize(colors);
    if (rows === 0 || cols === 0) return;
    this.reach(name, row + rows, col + cols);
    this.range(this.sheet(name), row, col, rows, cols).setBackgrounds(colors);
  }

  setFontWeights(name: string, row: number, col: number, weights: ('bold' | 'normal')[][]): void {
    const { rows, cols } = blockSize(weights);
    if (rows === 0 || cols === 0) return;
    this.reach(name, row + rows, col + cols);
    this.range(this.sheet(name), row, col, rows, cols).setFontWeights(weights);
  }

  setNumberFormat(name: string, range: Range, format: string): void {
    if (range.rows <= 0 || range.cols <= 0) return;
    const sheet = this.sheet(name);
    // Formats and validation may be set ahead of the data (a registry's empty rows): the grid grows to fit.
    this.ensureSize(sheet, range.row + range.rows, range.col + range.cols);
    this.range(sheet, range.row, range.col, range.rows, range.cols).setNumberFormat(format);
  }

  setNotes(name: string, row: number, col: number, notes: string[][]): void {
    const { rows, cols } = blockSize(notes);
    if (rows === 0 || cols === 0) return;
    this.reach(name, row + rows, col + cols);
    this.range(this.sheet(name), row, col, rows, cols).setNotes(notes);
  }

  setValidation(name: string, range: Range, rule: Validation | null): void {
    if (range.rows <= 0 || range.cols <= 0) return;
    const sheet = this.sheet(name);
    if (rule !== null) this.ensureSize(sheet, range.row + range.rows, range.col + range.cols);
    const target = this.range(sheet, range.row, range.col, range.rows, range.cols);
    if (rule === null) {
      target.clearDataValidations();
      return;
    }
    target.setDataValidation(this.gasValidation(rule));
  }

  /**
   * A port rule as an Apps Script rule (built, not yet set). A list longer than Sheets takes inline
   * (LIST_ITEMS_INLINE) becomes a «list from a range» over a column of the hidden «Списки» tab: Sheets
   * refuses more items with «The data validation rule has more items than the limit of 500. Use the "List
   * from a range" criteria instead.» (reference: DataValidationBuilder.requireValueInRange).
   */
  private gasValidation(rule: Validation): GoogleAppsScript.Spreadsheet.DataValidation {
    if (rule.kind !== 'list' || rule.values.length <= LIST_ITEMS_INLINE) return gasValidation(rule);
    return SpreadsheetApp.newDataValidation().requireValueInRange(this.listRange(rule.values), true).setAllowInvalid(!rule.strict).build();
  }

  /** The columns of «Списки» as this object read or wrote them (null: not read yet). */
  private lists: string[][] | null = null;

  /**
   * The range of «Списки» that holds `values`, one per row of a column: a column already holding the same
   * list is used again (a rerun adds nothing); else the next column gets them — plain text first, so that
   * «1.1» stays text — in one setNumberFormat and one setValues. The tab is made hidden when new.
   */
  private listRange(values: readonly string[]): GasRange {
    const { created } = this.ensureSheet(LISTS_SHEET);
    const sheet = this.sheet(LISTS_SHEET);
    if (created) sheet.hideSheet();
    if (!this.lists) {
      const grid = created ? [] : (sheet.getDataRange().getValues() as unknown[][]);
      const width = grid.reduce((w, line) => Math.max(w, line.length), 0);
      this.lists = Array.from({ length: width }, (_, c) =>
        grid.map((line) => line[c]).map((v) => (v === null || v === undefined ? '' : String(v))),
      ).map((column) =>
        column.slice(
          0,
          column.reduce((n, v, i) => (v === '' ? n : i + 1), 0),
        ),
      );
    }
    const same = this.lists.findIndex((column) => column.length === values.length && column.every((v, i) => v === values[i]));
    if (same >= 0) return this.range(sheet, 0, same, values.length, 1);
    const col = this.lists.length;
    this.lists.push([...values]);
    this.ensureSize(sheet, values.length, col + 1);
    const range = this.range(sheet, 0, col, values.length, 1);
    range.setNumberFormat('@');
    range.setValues(values.map((v) => [v]));
    return range;
  }

  /**
   * One setDataValidations over the block: a rule built once per distinct port rule, null where a cell
   * has none. The grid grows first, like formats set ahead of the data.
   */
  setValidations(name: string, row: number, col: number, rules: (Validation | null)[][]): void {
    const { rows, cols } = blockSize(rules);
    if (rows === 0 || cols === 0) return;
    const sheet = this.sheet(name);
    this.ensureSize(sheet, row + rows, col + cols);
    const built = new Map<Validation, GoogleAppsScript.Spreadsheet.DataValidation>();
    const gas = (rule: Validation) => {
      let v = built.get(rule);
      if (!v) built.set(rule, (v = this.gasValidation(rule)));
      return v;
    };
    this.range(sheet, row, col, rows, cols).setDataValidations(rules.map((line) => line.map((r) => (r ? gas(r) : null))));
  }

  /** One setNumberFormats over the block; the grid grows first. */
  setNumberFormats(name: string, row: number, col: number, formats: string[][]): void {
    const { rows, cols } = blockSize(formats);
    if (rows === 0 || cols === 0) return;
    const sheet = this.sheet(name);
    this.ensureSize(sheet, row + rows, col + cols);
    this.range(sheet, row, col, rows, cols).setNumberFormats(formats);
  }

  /**
   * Widths this object last set, and on which tab: the same widths on another tab are copied from there
   * (Range.copyTo with PASTE_COLUMN_WIDTHS), one call instead of one per run of equal widths.
   */
  private lastWidths: { sheet: string; col: number; widths: number[] } | null = null;

  /**
   * One setColumnWidths per run of equal widths (one call when all are equal); widths this object has
   * just set on another tab are copied from it in one copyTo.
   */
  setColumnWidths(name: string, col: number, widths: number[]): void {
    if (widths.length === 0) return;
    const sheet = this.sheet(name);
    const last = this.lastWidths;
    const runs = widths.filter((w, i) => i === 0 || w !== widths[i - 1]).length;
    if (runs > 2 && last && last.sheet !== name && last.col === col && sameNumbers(last.widths, widths) && this.sheets.has(last.sheet)) {
      const from = this.blockOver(this.sheet(last.sheet), col, widths.length);
      const to = this.blockOver(sheet, col, widths.length);
      from.copyTo(to, SpreadsheetApp.CopyPasteType.PASTE_COLUMN_WIDTHS, false);
      this.lastWidths = { sheet: name, col, widths: [...widths] };
      return;
    }
    let start = 0;
    for (let i = 1; i <= widths.length; i++) {
      if (i < widths.length && widths[i] === widths[start]) continue;
      const width = widths[start] as number;
      if (i - start === 1) sheet.setColumnWidth(col + start + 1, width);
      else sheet.setColumnWidths(col + start + 1, i - start, width);
      start = i;
    }
    this.lastWidths = { sheet: name, col, widths: [...widths] };
  }

  /** A Range of the tab spanning exactly these columns: one already fetched when there is one, else its first row. */
  private blockOver(sheet: Sheet, col: number, cols: number): GasRange {
    const name = this.nameOf(sheet);
    for (const r of this.ranges.values()) if (r.sheet === name && r.at.col === col && r.at.cols === cols) return r.range;
    return this.range(sheet, 0, col, 1, cols);
  }

  /**
   * Nothing to call: Apps Script has no print settings (the reference's Sheet and Spreadsheet classes have
   * none; Sheets' print dialog chooses the area, the scale and the repeated rows when someone prints).
   */
  setPrintColumns(): void {}

  /**
   * Range.setWrap: Sheets then fits each row's height to its text (there are no print settings to set).
   * Wrapped text starts at the top of its cell (Range.setVerticalAlignment), as the .xlsx writes it: in a
   * row made tall by one long cell the others are read from the top, not found at the bottom.
   */
  setWrap(name: string, range: Range, wrap: boolean): void {
    if (range.rows <= 0 || range.cols <= 0) return;
    const sheet = this.sheet(name);
    // Like formats, wrapping may be set ahead of the data: the grid grows to fit.
    this.ensureSize(sheet, range.row + range.rows, range.col + range.cols);
    const cells = this.range(sheet, range.row, range.col, range.rows, range.cols).setWrap(wrap);
    if (wrap) cells.setVerticalAlignment('top');
  }

  /** One setWraps over the block; like formats, wrapping may be set ahead of the data (the grid grows). */
  setWraps(name: string, row: number, col: number, wraps: boolean[][]): void {
    const { rows, cols } = blockSize(wraps);
    if (rows === 0 || cols === 0) return;
    const sheet = this.sheet(name);
    this.ensureSize(sheet, row + rows, col + cols);
    this.range(sheet, row, col, rows, cols).setWraps(wraps);
  }

  /** Sheet.hideColumns: one call for the run of columns. */
  hideColumns(name: string, col: number, count: number): void {
    if (count <= 0) return;
    const sheet = this.sheet(name);
    this.ensureSize(sheet, 1, col + count);
    sheet.hideColumns(col + 1, count);
  }

  /** Range.mergeAcross: one merge per row of the range. */
  mergeAcross(name: string, range: Range): void {
    if (range.cols < 2) return;
    this.sheet(name)
      .getRange(range.row + 1, range.col + 1, range.rows, range.cols)
      .mergeAcross();
  }

  /** setFrozenRows and setFrozenColumns, each skipped when this object knows it is already so. */
  /** Sheet.getFilter, its remove() when there is one, and Range.createFilter: two or three calls. */
  setFilter(name: string, range: Range | null): void {
    const sheet = this.sheet(name);
    sheet.getFilter()?.remove();
    if (range && range.rows > 0 && range.cols > 0) this.range(sheet, range.row, range.col, range.rows, range.cols).createFilter();
  }

  freeze(name: string, rows: number, cols: number): void {
    const sheet = this.sheet(name);
    const known = this.frozen.get(name);
    if (known?.rows !== rows) sheet.setFrozenRows(rows);
    if (known?.cols !== cols) sheet.setFrozenColumns(cols);
    this.frozen.set(name, { rows, cols });
  }

  /**
   * Drops the sheet's custom-formula rules whose formula contains `marker`; every other rule (the user's,
   * of any kind) is kept as it is, first and in order; then the new rules; one setConditionalFormatRules.
   */
  replaceConditionalRules(name: string, marker: string, rules: ConditionalRule[]): void {
    const sheet = this.sheet(name);
    // A tab this object inserted has no rules of anyone's yet: nothing to keep, nothing to read.
    const existing = this.created.has(name) ? [] : sheet.getConditionalFormatRules();
    const kept = existing.filter((r) => {
      const formula = customFormula(r);
      return formula === null || !formula.includes(marker);
    });
    const added = rules.map((rule) => {
      const builder = SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(rule.formula)
        .setRanges(rule.ranges.map((r) => this.range(sheet, r.row, r.col, r.rows, r.cols)));
      if (rule.background !== undefined) builder.setBackground(rule.background);
      if (rule.fontColor !== undefined) builder.setFontColor(rule.fontColor);
      if (rule.bold !== undefined) builder.setBold(rule.bold);
      return builder.build();
    });
    sheet.setConditionalFormatRules([...kept, ...added]);
  }

  /** The sheet's rules in neutral terms; rules without a custom formula get formula ''. */
  conditionalRules(name: string): ConditionalRule[] {
    return this.sheet(name)
      .getConditionalFormatRules()
      .map((r) => {
        const rule: ConditionalRule = { ranges: r.getRanges().map(toRange), formula: customFormula(r) ?? '' };
        const condition = r.getBooleanCondition() as BooleanCondition | null;
        if (condition) {
          const background = hexOf(condition.getBackgroundObject());
          const fontColor = hexOf(condition.getFontColorObject());
          const bold = condition.getBold();
          if (background !== null) rule.background = background;
          if (fontColor !== null) rule.fontColor = fontColor;
          if (bold !== null) rule.bold = bold;
        }
        return rule;
      });
  }

  /** Sheets links to a cell of the same spreadsheet with `#gid=<sheet id>&range=A1`. */
  replaceChart(name: string, title: string, chart: ChartSpec | null): void {
    const sheet = this.sheet(name);
    for (const existing of sheet.getCharts()) {
      if (existing.getOptions().get('title') === title) sheet.removeChart(existing);
    }
    if (chart) this.insertChart(sheet, { ...chart, title });
  }

  /** getCharts, a removeChart per chart on the tab, an insertChart per chart (EmbeddedChartBuilder: no calls until inserted). */
  replaceCharts(name: string, charts: ChartSpec[]): void {
    const sheet = this.sheet(name);
    for (const existing of sheet.getCharts()) sheet.removeChart(existing);
    for (const chart of charts) this.insertChart(sheet, chart);
  }

  /** One chart, drawn as its figure says (chart-options); without a figure, a column chart of the block. */
  private insertChart(sheet: Sheet, chart: ChartSpec): void {
    const r = chart.range;
    const native = chart.figure ? nativeChart(chart.figure) : { type: 'COLUMN' as const, options: { title: chart.title } };
    let builder = sheet
      .newChart()
      .setChartType(Charts.ChartType[native.type])
      .addRange(sheet.getRange(r.row + 1, r.col + 1, r.rows, r.cols))
      .setNumHeaders(1)
      .setPosition(chart.anchor.row + 1, chart.anchor.col + 1, 0, 0);
    for (const [key, value] of Object.entries({ ...native.options, title: chart.title })) builder = builder.setOption(key, value);
    sheet.insertChart(builder.build());
  }

  linkPrefix(name: string): string {
    return `#gid=${this.sheet(name).getSheetId()}&range=`;
  }

  toast(message: string, title?: string): void {
    this.spreadsheet.toast(message, title ?? TOAST_TITLE, TOAST_SECONDS);
  }

  /** getFrozenRows, getFrozenColumns, getNotes, getNumberFormats, getDataValidations: five calls, whatever the block. */
  readLayout(name: string, range: Range): SheetLayout {
    const sheet = this.sheet(name);
    const frozen = { rows: sheet.getFrozenRows(), cols: sheet.getFrozenColumns() };
    if (range.rows <= 0 || range.cols <= 0) return { frozen, notes: [], numberFormats: [], validations: [] };
    this.ensureSize(sheet, range.row + range.rows, range.col + range.cols);
    const target = this.range(sheet, range.row, range.col, range.rows, range.cols);
    return {
      frozen,
      notes: target.getNotes().map((line) => line.map((n) => String(n ?? ''))),
      numberFormats: target.getNumberFormats().map((line) => line.map((f) => (DEFAULT_FORMATS.has(f) ? '' : f))),
      validations: target.getDataValidations().map((line) => line.map(fromGasValidation)),
    };
  }

  /** getLastRow and one setValues. */
  appendRows(name: string, values: CellValue[][]): number {
    const sheet = this.sheet(name);
    const row = sheet.getLastRow();
    const { rows, cols } = blockSize(values);
    if (rows === 0 || cols === 0) return row;
    this.ensureSize(sheet, row + rows, cols);
    this.reachValues(name, row + rows);
    this.range(sheet, row, 0, rows, cols).setValues(values.map((line) => line.map(toCell)));
    return row;
  }

  /**
   * Two calls (the document's sheet and range protections), then the getters of each protection. One the
   * person running may not edit (canEdit() false) comes back `locked`, without editors: Sheets throws on
   * getEditors() of such a protection (reference: Protection.getEditors).
   */
  readProtections(marker: string): Protection[] {
    return this.gasProtections()
      .filter((p) => p.getDescription().startsWith(marker))
      .map(fromGasProtection);
  }

  private gasProtections(): GasProtection[] {
    const T = SpreadsheetApp.ProtectionType;
    return [...this.spreadsheet.getProtections(T.SHEET), ...this.spreadsheet.getProtections(T.RANGE)];
  }

  /** Per sheet: the sheet's two getProtections and a canEdit per protection; the document's other tabs are not read. */
  lockedProtections(sheets: string[]): Protection[] {
    const T = SpreadsheetApp.ProtectionType;
    const out: Protection[] = [];
    for (const name of sheets) {
      if (!this.sheets.has(name) && !this.spreadsheet.getSheetByName(name)) continue;
      const sheet = this.sheet(name);
      for (const p of [...sheet.getProtections(T.SHEET), ...sheet.getProtections(T.RANGE)]) {
        if (p.canEdit()) continue;
        out.push({
          sheet: name,
          range: p.getProtectionType() === T.SHEET ? null : toRange(p.getRange()),
          description: p.getDescription(),
          editors: [],
          locked: true,
        });
      }
    }
    return out;
  }

  /**
   * Two calls list the document's protections and one per protection reads its description; a marked one
   * whose description is a wanted one's stays as it is, unread further (several with one description —
   * a tab copied with its protections — are told apart by where they stand). Every other marked one is
   * located (getRange) and, if the person running may edit it (canEdit), changed in place into the wanted
   * protection of the same sheet and range, or removed; one they may not edit is left and reported. Then
   * what is still wanted is protected: description, editors (the owner and the person running stay
   * editors, as Sheets requires), no editing for the whole domain. People's own protections are not
   * touched, and a sheet a person protected as a whole gets no protection of the add-on's.
   *
   * The person running is made an editor before anyone is removed: when their access comes from a group,
   * removing the group first would throw (the reference's own sample for Protection says so).
   */
  replaceProtections(marker: string, protections: Protection[], stop?: () => boolean): ProtectionChanges {
    const T = SpreadsheetApp.ProtectionType;
    const me = this.currentUser();
    const out = noProtectionChanges();
    const found = [
      ...this.spreadsheet.getProtections(T.SHEET).map((gas) => ({ gas, whole: true })),
      ...this.spreadsheet.getProtections(T.RANGE).map((gas) => ({ gas, whole: false })),
    ].map((x) => ({ ...x, description: x.gas.getDescription(), at: null as { sheet: string; range: Range | null } | null }));
    const where = (x: (typeof found)[number]) => {
      if (!x.at) {
        const range = x.gas.getRange();
        x.at = { sheet: range.getSheet().getName(), range: x.whole ? null : toRange(range) };
      }
      return x.at;
    };
    const people = new Set(found.filter((x) => x.whole && !x.description.startsWith(marker)).map((x) => where(x).sheet));
    out.people = [...people];
    const marked = found.filter((x) => x.description.startsWith(marker));
    const kept = new Set<(typeof found)[number]>();
    let todo = protections.filter((w) => !(w.range === null && people.has(w.sheet)));
    todo = todo.filter((w) => {
      const same = marked.filter((x) => !kept.has(x) && x.description === w.description && x.whole === (w.range === null));
      const at = (x: (typeof found)[number]) => where(x).sheet === w.sheet && sameRange(where(x).range, w.range);
      const keep = same.length === 1 && marked.filter((x) => x.description === w.description).length === 1 ? same[0] : same.find(at);
      if (!keep) return true;
      kept.add(keep);
      out.kept++;
      return false;
    });
    for (const x of marked) {
      if (kept.has(x)) continue;
      if (stop?.()) {
        out.left = todo.length;
        return out;
      }
      const { sheet, range } = where(x);
      const read: Protection = { sheet, range, description: x.description, editors: [] };
      if (!x.gas.canEdit()) {
        out.locked.push({ ...read, locked: true });
        // Sheet.protect() would give this very protection back: the sheet keeps it.
        if (x.whole) todo = todo.filter((w) => !(w.range === null && w.sheet === sheet));
        continue;
      }
      const i = todo.findIndex((w) => w.sheet === sheet && sameRange(w.range, range));
      if (i < 0) {
        x.gas.remove();
        out.removed.push(read);
        continue;
      }
      const w = todo[i] as Protection;
      out.replaced.push({ ...read, editors: this.configure(x.gas, w, me, false) });
      out.made.push(w);
      todo.splice(i, 1);
    }
    for (const [i, w] of todo.entries()) {
      if (stop?.()) {
        out.left = todo.length - i;
        return out;
      }
      const sheet = this.sheet(w.sheet);
      const p = w.range ? this.range(sheet, w.range.row, w.range.col, w.range.rows, w.range.cols).protect() : sheet.protect();
      this.configure(p, w, me, true);
      out.made.push(w);
    }
    return out;
  }

  /**
   * Gives a protection the wanted description, kind and editors (the person running stays one, and is
   * added before anyone is removed); returns the editors it had (none for a warning-only one).
   */
  private configure(p: GasProtection, w: Protection, me: string | null, fresh: boolean): string[] {
    const warned = !fresh && p.isWarningOnly();
    const before = fresh || warned ? [] : p.getEditors().map((u) => u.getEmail().toLowerCase());
    p.setDescription(w.description);
    if (w.warningOnly) {
      if (!warned) p.setWarningOnly(true);
      return before;
    }
    if (warned) p.setWarningOnly(false);
    const want = me && !w.editors.includes(me) ? [me, ...w.editors] : w.editors;
    const add = fresh ? want : want.filter((m) => !before.includes(m));
    if (add.length > 0) p.addEditors(add);
    const drop = (fresh ? p.getEditors().map((u) => u.getEmail().toLowerCase()) : before).filter((m) => m !== me && !w.editors.includes(m));
    if (drop.length > 0) p.removeEditors(drop);
    // Whether a new protection lets the whole domain edit is the file's (a Workspace domain's or none):
    // once a new one says no, the next new ones of this run are not asked again.
    if (fresh && this.newDomainEdit === false) return before;
    const domain = p.canDomainEdit();
    if (fresh) this.newDomainEdit = domain;
    if (domain) p.setDomainEdit(false);
    return before;
  }

  /** What canDomainEdit() said of the last protection this object made. */
  private newDomainEdit: boolean | undefined;

  /**
   * One Sheet.getSheetValues per cell («the same output» as getRange(…).getValues(), one call instead of
   * two — reference: Sheet.getSheetValues), on the tabs sheetNames() already holds.
   */
  readCells(cells: readonly CellRef[]): CellValue[] {
    return cells.map((c) => {
      const sheet = this.sheets.get(c.sheet) ?? this.spreadsheet.getSheetByName(c.sheet);
      if (!sheet) return null;
      this.keep(c.sheet, sheet);
      const z = this.sizes.get(c.sheet);
      if (z && (c.row >= z.rows || c.col >= z.cols)) return null;
      const v = sheet.getSheetValues(c.row + 1, c.col + 1, 1, 1)[0]?.[0] as unknown;
      return fromCell(v);
    });
  }

  /** The effective user (the one the script runs as: the person at the menu); the active user where it is empty. */
  currentUser(): string | null {
    const email = Session.getEffectiveUser().getEmail() || Session.getActiveUser().getEmail();
    return email ? email.toLowerCase() : null;
  }

  ownerEmail(): string | null {
    const owner = this.spreadsheet.getOwner() as GoogleAppsScript.Base.User | null;
    const email = owner ? owner.getEmail() : '';
    return email ? email.toLowerCase() : null;
  }

  /**
   * One insertRowsBefore: Sheets moves the rows below with their formats and notes, and stretches the
   * validation and conditional rules that span the seam. Past the last row there is nothing to move.
   */
  insertRows(name: string, before: number, count: number): void {
    if (count <= 0) return;
    const sheet = this.sheet(name);
    const z = this.size(sheet);
    if (before >= z.rows) return;
    this.forgetRanges(name);
    sheet.insertRowsBefore(before + 1, count);
    z.rows += count;
  }

  /** The current cell of the user's selection (getActiveRange's top-left cell). */
  activeCell(): CellRef | null {
    const range = this.spreadsheet.getActiveRange() as GasRange | null;
    if (!range) return null;
    const sheet = range.getSheet();
    const name = sheet.getName();
    this.keep(name, sheet);
    return { sheet: name, row: range.getRow() - 1, col: range.getColumn() - 1 };
  }
}

/**
 * Per column: true when every number in it has a percent format, false when every number has an explicit
 * format without %, null when Sheets formats it automatically or the formats differ.
 */
export function percentColumns(values: readonly (readonly CellValue[])[], formats: readonly (readonly string[])[]): Array<boolean | null> {
  const width = values.reduce((w, l) => Math.max(w, l.length), 0);
  return Array.from({ length: width }, (_, c) => {
    let told: boolean | null | undefined;
    for (let r = 0; r < values.length; r++) {
      if (typeof values[r]?.[c] !== 'number') continue;
      const f = formats[r]?.[c] ?? '';
      const here = DEFAULT_FORMATS.has(f) ? null : f.includes('%');
      if (told === undefined) told = here;
      else if (told !== here) return null;
    }
    return told ?? null;
  });
}

/** Sheets' automatic number format reads back as one of these: the port calls it ''. */
const DEFAULT_FORMATS = new Set(['', 'General', '0.###############']);

/** The most items Sheets takes in a dropdown written as a list (requireValueInList). */
export const LIST_ITEMS_INLINE = 500;

/** A port validation as an Apps Script rule (built, not yet set: no service call). */
function gasValidation(rule: Validation): GoogleAppsScript.Spreadsheet.DataValidation {
  const builder = SpreadsheetApp.newDataValidation();
  switch (rule.kind) {
    case 'list':
      builder.requireValueInList(rule.values, true).setAllowInvalid(!rule.strict);
      break;
    case 'number':
      // Apps Script has no "integer between" criterion; `integer` only changes the hint.
      builder
        .requireNumberBetween(rule.min, rule.max)
        .setHelpText(`${rule.integer ? 'Целое число' : 'Число'} от ${ruNumber(rule.min)} до ${ruNumber(rule.max)}`);
      break;
    case 'checkbox':
      builder.requireCheckbox();
      break;
    case 'formula':
      builder.requireFormulaSatisfied(rule.formula).setAllowInvalid(!rule.strict).setHelpText(rule.help);
      break;
  }
  return builder.build();
}

const sameNumbers = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A cell's data validation in the port's terms. */
function fromGasValidation(v: GoogleAppsScript.Spreadsheet.DataValidation | null): Validation | { kind: 'other' } | null {
  if (!v) return null;
  const type = v.getCriteriaType();
  const args = v.getCriteriaValues();
  const C = SpreadsheetApp.DataValidationCriteria;
  if (type === C.VALUE_IN_LIST) return { kind: 'list', values: (args[0] as unknown[]).map(String), strict: !v.getAllowInvalid() };
  if (type === C.NUMBER_BETWEEN) {
    const rule: Validation = { kind: 'number', min: Number(args[0]), max: Number(args[1]) };
    if (/^Целое/.test(v.getHelpText() ?? '')) rule.integer = true;
    return rule;
  }
  if (type === C.CHECKBOX) return { kind: 'checkbox' };
  if (type === C.CUSTOM_FORMULA)
    return { kind: 'formula', formula: String(args[0]), help: v.getHelpText() ?? '', strict: !v.getAllowInvalid() };
  return { kind: 'other' };
}

/**
 * A boolean condition as the reference has it (reference: BooleanCondition): its colours are Color objects,
 * getBackground()/getFontColor() being deprecated (@types/google-apps-script still lists only those).
 */
type BooleanCondition = GoogleAppsScript.Spreadsheet.BooleanCondition & {
  getBackgroundObject(): GoogleAppsScript.Spreadsheet.Color | null;
  getFontColorObject(): GoogleAppsScript.Spreadsheet.Color | null;
};

/** '#rrggbb' of an RGB colour (reference: Color.asRgbColor, RgbColor.asHexString); null when unset or a theme colour. */
function hexOf(color: GoogleAppsScript.Spreadsheet.Color | null): string | null {
  if (!color || color.getColorType() !== SpreadsheetApp.ColorType.RGB) return null;
  return color.asRgbColor().asHexString();
}

/** The formula of a custom-formula rule; null for every other kind of rule. */
function customFormula(rule: GasRule): string | null {
  const condition = rule.getBooleanCondition();
  if (!condition || condition.getCriteriaType() !== SpreadsheetApp.BooleanCriteria.CUSTOM_FORMULA) return null;
  const value: unknown = condition.getCriteriaValues()[0];
  return typeof value === 'string' ? value : String(value ?? '');
}

type GasProtection = GoogleAppsScript.Spreadsheet.Protection;

/** A protection of Sheets in the port's terms (its editors lower case; none read when it is not the user's to edit). */
function fromGasProtection(p: GasProtection): Protection {
  const range = p.getRange();
  const whole = p.getProtectionType() === SpreadsheetApp.ProtectionType.SHEET;
  const out: Protection = {
    sheet: range.getSheet().getName(),
    range: whole ? null : toRange(range),
    description: p.getDescription(),
    editors: [],
  };
  if (!p.canEdit()) {
    out.locked = true;
    return out;
  }
  if (p.isWarningOnly()) out.warningOnly = true;
  else out.editors = p.getEditors().map((u) => u.getEmail().toLowerCase());
  return out;
}

const sameRange = (a: Range | null, b: Range | null) =>
  a === b || (!!a && !!b && a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols);

/** The workbook of the spreadsheet the add-on runs in. Call it inside a handler, never at load time. */
export function activeWorkbook(): AppsScriptWorkbook {
  return new AppsScriptWorkbook(SpreadsheetApp.getActiveSpreadsheet());
}
