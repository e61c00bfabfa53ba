/**
 * The one narrow port for what the product does to a spreadsheet. Every method is one batched call to
 * the spreadsheet (getValues, setValues, setBackgrounds, setConditionalFormatRules, …), never per cell.
 * Rows and columns are 0-based here; implementations translate.
 */
import type { Figure } from '../core/chart';
import type { Grid } from '../core/results';
import type { CellValue } from '../core/text';

export interface Range {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** A conditional-format rule with a custom formula (written for the top-left cell of the first range). */
export interface ConditionalRule {
  ranges: Range[];
  formula: string;
  background?: string;
  fontColor?: string;
  bold?: boolean;
}

export type Validation =
  | { kind: 'list'; values: string[]; strict: boolean }
  | { kind: 'number'; min: number; max: number; integer?: boolean }
  | { kind: 'checkbox' }
  /** A custom formula written for the top-left cell of the range (`=REGEXMATCH(A2;"^sch\d{6}$")`); `help` is the hint. */
  | { kind: 'formula'; formula: string; help: string; strict: boolean };

/**
 * An embedded chart of a block whose first row names the series and first column the categories (the block
 * core/chart figureBlock writes).
 */
export interface ChartSpec {
  /** Also how the add-on finds its chart again. */
  title: string;
  range: Range;
  /** Top-left cell of the chart (0-based). */
  anchor: { row: number; col: number };
  /** How to draw it (kind, series roles, axis, size); absent: a plain column chart of the block. */
  figure?: Figure;
}

/** What set-up compares before it repairs: the sheet's frozen rows and columns and the formats of a block. */
export interface SheetLayout {
  frozen: { rows: number; cols: number };
  /** Notes of the block ('' where none). */
  notes: string[][];
  /** Number formats of the block ('' where the spreadsheet's default applies). */
  numberFormats: string[][];
  /** Validation of each cell of the block; `{ kind: 'other' }` for a rule the port cannot express. */
  validations: (Validation | { kind: 'other' } | null)[][];
}

/** A protected tab (range null) or block, and who may edit it besides the owner. */
export interface Protection {
  sheet: string;
  range: Range | null;
  /** How the add-on finds its own protections again: it starts with the marker. */
  description: string;
  /** Lower-case e-mails. */
  editors: string[];
  /** Anyone may edit after a warning (editors then do not apply). */
  warningOnly?: boolean;
  /**
   * The person running may not change this protection (Sheets' canEdit() is false): its editors cannot be
   * read, and it cannot be replaced or removed by them — only by its editors or the owner.
   */
  locked?: boolean;
}

/** What replaceProtections did. */
export interface ProtectionChanges {
  /** Wanted protections not in place yet (`stop` said so): the next run goes on from there. */
  left: number;
  /** Wanted protections that were in place already. */
  kept: number;
  /** Made, or changed in place, in this run. */
  made: Protection[];
  /** The add-on's protections removed in this run (no longer wanted); editors not read. */
  removed: Protection[];
  /** The add-on's protections changed in place in this run (into one of `made`), as they were before. */
  replaced: Protection[];
  /** The add-on's protections that are not as wanted and that the person running may not change (`locked`). */
  locked: Protection[];
  /** Sheets protected as a whole by a protection of someone's own: the add-on's whole-sheet protection is left out there. */
  people: string[];
}

export const noProtectionChanges = (): ProtectionChanges => ({
  left: 0,
  kept: 0,
  made: [],
  removed: [],
  replaced: [],
  locked: [],
  people: [],
});

export interface Workbook {
  /** Sheet names in tab order. */
  sheetNames(): string[];
  /** The sheet the user is looking at, when there is one. */
  activeSheetName(): string | null;
  /** All values of a sheet with its merged ranges; missing cells are null. */
  readSheet(name: string): Grid;
  /** Finds a tab or creates it (at the end); says which. */
  ensureSheet(name: string): { created: boolean };
  /** Clears values, formats, notes, validation and conditional rules of a tab the add-on owns. */
  clearSheet(name: string): void;
  /** Writes a rectangular block of values; text is stored as text, never as a formula. */
  writeBlock(name: string, row: number, col: number, values: CellValue[][]): void;
  /** Writes formulas (`=HYPERLINK(…)`) into a block; null leaves a cell as it is. */
  writeFormulas(name: string, row: number, col: number, formulas: (string | null)[][]): void;
  /** Clears the values of a block (formats stay). */
  clearBlock(name: string, range: Range): void;
  setBackgrounds(name: string, row: number, col: number, colors: (string | null)[][]): void;
  setFontWeights(name: string, row: number, col: number, weights: ('bold' | 'normal')[][]): void;
  setNumberFormat(name: string, range: Range, format: string): void;
  /** A number format per cell of a block (Range.setNumberFormats): one call, whatever the formats. */
  setNumberFormats(name: string, row: number, col: number, formats: string[][]): void;
  setNotes(name: string, row: number, col: number, notes: string[][]): void;
  setValidation(name: string, range: Range, rule: Validation | null): void;
  /**
   * A validation per cell of a block, null where a cell has none (its validation is removed); one call
   * (Range.setDataValidations), whatever the rules. Pass the same object for cells that share a rule.
   */
  setValidations(name: string, row: number, col: number, rules: (Validation | null)[][]): void;
  setColumnWidths(name: string, col: number, widths: number[]): void;
  /** Text of the range wraps inside its cells (true) or overflows (false); one call for the range. */
  setWrap(name: string, range: Range, wrap: boolean): void;
  /** Wrapping per cell of a block (Range.setWraps): one call, whatever the cells. */
  setWraps(name: string, row: number, col: number, wraps: boolean[][]): void;
  /**
   * On paper, only the first `count` columns (the print area); the others are details a reader of the
   * printout does without. Sheets has no print settings for a script (its print dialog chooses), so only
   * a file keeps it; no call in Sheets.
   */
  setPrintColumns(name: string, count: number): void;
  /**
   * Hides `count` columns from `col` (Sheet.hideColumns): service columns the add-on reads by header but a
   * reader need not see. They stay readable (readSheet gives them); one call.
   */
  hideColumns(name: string, col: number, count: number): void;
  /** Merges each row of the range across its columns (Range.mergeAcross), so that wrapped text takes their width. */
  mergeAcross(name: string, range: Range): void;
  freeze(name: string, rows: number, cols: number): void;
  /**
   * The tab's filter (the sort and filter buttons on the header row) over this range, replacing the tab's
   * filter if it has one; null removes it. A tab has one filter at most (Range.createFilter).
   */
  setFilter(name: string, range: Range | null): void;
  /** The sheet's rules whose formula contains `marker` are replaced by `rules`; every other rule stays, first. */
  replaceConditionalRules(name: string, marker: string, rules: ConditionalRule[]): void;
  /** Only the rules (for tests and for the local preview). */
  conditionalRules(name: string): ConditionalRule[];
  /** Replaces the sheet's chart with the same title by this one (none when `chart` is null). */
  replaceChart(name: string, title: string, chart: ChartSpec | null): void;
  /**
   * The tab's charts become these, each drawn from its data block as its figure says (kind, series by role,
   * axis, size): every chart on the tab is removed first, so call it only on a tab the add-on owns and
   * rewrites (clearSheet clears its values the same way). One read of the tab's charts, one removal per chart
   * there, one insertion per chart; in a file, the charts (or their pictures) are written when it is saved.
   */
  replaceCharts(name: string, charts: ChartSpec[]): void;
  /** What a HYPERLINK to a cell of the sheet starts with; the A1 reference is appended (`#gid=0&range=` in Sheets). */
  linkPrefix(name: string): string;
  /** A short message in the corner while an action works (a no-op outside Sheets). */
  toast(message: string, title?: string): void;
  /** Frozen rows and columns, notes, number formats and validation of a block: one batched read of each. */
  readLayout(name: string, range: Range): SheetLayout;
  /** Writes rows after the last row holding a value (one call for the last row, one write); returns that 0-based row. */
  appendRows(name: string, values: CellValue[][]): number;
  /** The add-on's protections: those whose description starts with `marker` (each read whole: for tests and tools). */
  readProtections(marker: string): Protection[];
  /**
   * Makes the add-on's protections (description starting with `marker`) these; people's own protections stay,
   * and a sheet a person protected as a whole keeps theirs. A marked protection whose description is a
   * wanted one's is that one and stays untouched, its range and editors unread: the caller's descriptions
   * name what they protect and for whom (core/roles ends them with a fingerprint). With `stop`, asked
   * before each change, it stops when that says so (a time budget); running it again goes on from there.
   */
  replaceProtections(marker: string, protections: Protection[], stop?: () => boolean): ProtectionChanges;
  /** The value of each cell (null past a tab's grid or on a missing tab): one small read per cell, never the whole tab. */
  readCells(cells: readonly CellRef[]): CellValue[];
  /**
   * Shrinks a tab the add-on has just filled to the rows and columns it wrote (Sheets gives a new tab
   * 1000 × 26, and a spreadsheet holds 10 million cells at most); nothing where grids have no fixed size.
   */
  fitSheet(name: string): void;
  /** The protections on these sheets that the person running may not edit (warning-only ones are no bar). */
  lockedProtections(sheets: string[]): Protection[];
  /** The e-mail of the person running the add-on, lower case; null where the spreadsheet does not say (a file). */
  currentUser(): string | null;
  /** The owner's e-mail, lower case; null where there is none to know (a file, a shared drive). */
  ownerEmail(): string | null;
  /**
   * Inserts `count` empty rows so that the first of them is row `before`; the rows from `before` on move
   * down with their values, formats, notes, validation and rules' ranges (a range across the seam grows).
   * Past the sheet's last row it does nothing: there is nothing to move.
   */
  insertRows(name: string, before: number, count: number): void;
  /** The selected cell (the top-left cell of the selection) and its sheet; null when nothing is selected. */
  activeCell(): CellRef | null;
}

/**
 * The hidden tab an adapter keeps the items of long dropdown lists in (no one's tab): Excel takes at most
 * 255 characters of a list inline, Sheets at most 500 items; longer lists are a column there and the
 * validation refers to it.
 */
export const LISTS_SHEET = 'Списки';

/** Rows a tab fitted to its content (fitSheet) keeps below its last value, for people to add to. */
export const FIT_SPARE_ROWS = 50;

/**
 * The last column and row a sheet has: XFD and 1,048,576 in Excel (Sheets allows up to column ZZZ but
 * 10 million cells; a book that goes to Excel must fit the smaller). Nothing is written past them.
 */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;

/** A write that would go past the last column or row of a sheet: refused with a message naming the sheet. */
export class SheetLimitError extends Error {
  constructor(sheet: string, what: 'column' | 'row', at: number) {
    super(
      what === 'column'
        ? `Лист «${sheet}»: не хватает столбцов — нужно записать в ${at + 1}-й столбец, а их в листе ${MAX_COLUMNS.toLocaleString('ru-RU')} (последний — XFD). Ничего за пределами листа не записано.`
        : `Лист «${sheet}»: не хватает строк — нужно записать в строку ${at + 1}, а их в листе ${MAX_ROWS.toLocaleString('ru-RU')}. Ничего за пределами листа не записано.`,
    );
  }
}

/** Throws SheetLimitError when a block at 0-based (row, col) of `rows` × `cols` would leave the sheet. */
export function checkWithinSheet(sheet: string, row: number, col: number, rows: number, cols: number): void {
  if (cols > 0 && col + cols > MAX_COLUMNS) throw new SheetLimitError(sheet, 'column', col + cols - 1);
  if (rows > 0 && row + rows > MAX_ROWS) throw new SheetLimitError(sheet, 'row', row + rows - 1);
}

/** A cell of a sheet, 0-based. */
export interface CellRef {
  sheet: string;
  row: number;
  col: number;
}
