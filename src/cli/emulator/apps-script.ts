/**
 * An emulator of the Apps Script services the add-on's bundle touches (SpreadsheetApp, HtmlService,
 * LockService, Session, PropertiesService, Charts), strict where Google is strict. The local preview runs
 * the bundle on it, and so do the bundle tests (through test/support), so there is one model of Sheets.
 *
 * Where it lives: under src/cli because the preview ships in the CLI; tests import it from here.
 * What it keeps: the cells in a MemoryWorkbook (the model the preview draws and snapshots), the grid sizes,
 * sheet ids, properties, the identities (owner, the person running, groups, accounts whose e-mail Google
 * does not give), the document lock, a log of every service call and an execution clock (./cost.ts) that
 * stops a run past 6 minutes as Google does.
 *
 * Each rule cites the reference page it follows; REF is https://developers.google.com/apps-script/reference.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import type { CellValue } from '../../core/text';
import type { MemorySheet, MemoryWorkbook, StoredChart } from '../../workbook/memory';
import type { ConditionalRule, Protection, Range, Validation } from '../../workbook/port';
import { columnRuns } from '../../workbook/runs';
import { ExceededTime, ExecutionClock } from './cost';

/** What the page (or a test) is asked to show. */
export interface UiHost {
  menu(items: Array<{ title: string; handler: string } | 'separator'>, title: string): void;
  /** A message with only an OK button; returns at once. */
  alert(title: string, text: string): void;
  /** A question (prompt, or an alert with more than one button): the answer, or it throws to stop the run. */
  ask(kind: 'prompt' | 'confirm', title: string, text: string, buttons: string): { button: string; text: string };
  showSidebar(html: HtmlOutputData): void;
  showDialog(html: HtmlOutputData, title: string, modal: boolean): void;
  toast(text: string, title: string): void;
}

export interface HtmlOutputData {
  html: string;
  title: string;
  width: number | null;
  height: number | null;
  /** The file it was made from ('' for createHtmlOutput). */
  file: string;
}

/** Grid sizes, stable sheet ids and the property stores, kept beside the workbook. */
export interface EmulatorState {
  wb: MemoryWorkbook;
  sizes: Map<string, { rows: number; cols: number }>;
  ids: Map<string, number>;
  properties: Record<string, Map<string, string>>;
}
export type PreviewState = EmulatorState;

/** Who is who, beyond the e-mails the MemoryWorkbook keeps (wb.user runs the script, wb.owner owns the file). */
export interface Identity {
  /**
   * Session gives '' for the person at the menu: «If security policies do not allow access to the user's
   * identity, User.getEmail() returns a blank string» (REF/base/session#getActiveUser, REF/base/user#getEmail),
   * as for a consumer account using a file another consumer account owns.
   */
  hideUser: boolean;
  /** The owner's User gives '' (the same rule of REF/base/user#getEmail). */
  hideOwner: boolean;
  /** A file on a shared drive has no owner: getOwner() «returns null» (REF/spreadsheet/spreadsheet#getOwner). */
  sharedDrive: boolean;
  /** Google groups: the group's e-mail → its members; a group in a protection's editors lets its members edit. */
  groups: Map<string, string[]>;
  /**
   * Whom the file is shared with for editing (people and groups) besides the owner. A new protection
   * starts with these as editors («the permissions mirror those of the spreadsheet itself»,
   * REF/spreadsheet/range#protect); when empty, the person running is the one editor besides the owner.
   */
  sharedWith: string[];
  /**
   * The Google Workspace domain that owns the file (null: a consumer account's file, as gmail.com's). Only a
   * domain's file has domain editing: «Throws an exception if the spreadsheet does not belong to a Google
   * Workspace domain (that is, if it is owned by a gmail.com account)» (REF/spreadsheet/protection#setDomainEdit(Boolean)).
   */
  domain: string | null;
  /**
   * The file is shared for editing with everyone in its domain: a new protection mirrors that («the
   * permissions mirror those of the spreadsheet itself», REF/spreadsheet/range#protect), so it starts with
   * canDomainEdit() true.
   */
  domainShared: boolean;
}

/** Who runs the add-on in the preview and owns its workbook, unless a test says otherwise. */
export const PREVIEW_USER = 'metodist@preview.local';

/** Sheets' limit on a spreadsheet: «up to 10 million cells» (Google Drive help, «Files you can store»). */
export const CELL_LIMIT = 10_000_000;
/** A new tab's grid: 1000 rows × 26 columns (what Spreadsheet.insertSheet creates). */
export const NEW_SHEET = { rows: 1000, cols: 26 };

/**
 * «Your input contains more than the maximum of 50000 characters in a single cell» — Sheets' message for a
 * longer text, typed or written by a script (Google Sheets' limits: 50,000 characters in a cell).
 */
export const CELL_TEXT_LIMIT = 50_000;
/**
 * A dropdown written as a list holds at most 500 items: Sheets refuses more with «The data validation rule
 * has more items than the limit of 500. Use the "List from a range" criteria instead.» (Google's own error
 * text, quoted by Apps Script projects that met it, e.g. Chromebook Getter's notes and a dependent-dropdown
 * tutorial; REF/spreadsheet/data-validation-builder#requireValueInList(String) has no word on it). A range
 * (requireValueInRange) is the way out.
 */
export const LIST_ITEM_LIMIT = 500;

const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';
const NO_PERMISSION = 'You do not have permission to perform that action.';

/** One service call as the emulator saw it. */
export interface CallRecord {
  call: string;
  sheet: string | null;
  args: unknown[];
}

export function emulatorState(wb: MemoryWorkbook): EmulatorState {
  const state: EmulatorState = {
    wb,
    sizes: new Map(),
    ids: new Map(),
    properties: { document: new Map(), user: new Map(), script: new Map() },
  };
  for (const name of wb.sheets.keys()) sheetId(state, name);
  return state;
}

/** The preview's state: the person at the preview is the workbook's owner, a methodologist of the district. */
export function previewState(wb: MemoryWorkbook): EmulatorState {
  wb.user ??= PREVIEW_USER;
  wb.owner ??= PREVIEW_USER;
  return emulatorState(wb);
}

function sheetId(state: EmulatorState, name: string): number {
  let id = state.ids.get(name);
  if (id === undefined) {
    id = state.ids.size === 0 ? 0 : 1_000_000 + state.ids.size * 7919;
    state.ids.set(name, id);
  }
  return id;
}

/** A sheet's grid: a tab the workbook came with is at least 1000 × 26 and holds its data. */
function size(state: EmulatorState, s: MemorySheet): { rows: number; cols: number } {
  let z = state.sizes.get(s.name);
  if (!z) {
    const width = s.values.reduce((w, r) => Math.max(w, r.length), 0);
    z = { rows: Math.max(NEW_SHEET.rows, s.values.length), cols: Math.max(NEW_SHEET.cols, width) };
    state.sizes.set(s.name, z);
  }
  return z;
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

const overlaps = (a: Range, b: Range) =>
  a.row < b.row + b.rows && a.row + a.rows > b.row && a.col < b.col + b.cols && a.col + a.cols > b.col;
const inside = (r: Range, row: number, col: number) => row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;

export function letters(col1: number): string {
  let s = '';
  for (let n = col1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** MemorySheet keeps number formats by "row:col:rows:cols". */
/**
 * A string written by setValues/setValue is read as if a person typed it into the cell: «strings may be
 * converted to numbers, dates, etc. following the same rules that are applied when entering text into a
 * cell via the Google Sheets UI» (ValueInputOption USER_ENTERED, which is what Apps Script's setValues does:
 * https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption). The rules of a ru_RU
 * spreadsheet, the add-on's users' locale: «25» and «0,5» are numbers, «15 %» a share, «ИСТИНА»/«TRUE» a
 * boolean, «1.5» or «01.05.2026» a date (day first). A cell formatted as plain text ('@') keeps the text
 * («Format → Number → Plain text»: https://support.google.com/docs/answer/56470).
 */
export function asTyped(text: string, format: string, year = new Date().getUTCFullYear()): CellValue {
  if (format === '@') return text;
  const t = text.trim();
  let m = /^([+-]?\d+)(?:,(\d+))?$/.exec(t);
  if (m) return Number(`${m[1]}.${m[2] ?? '0'}`);
  m = /^([+-]?\d+)(?:,(\d+))?\s?%$/.exec(t);
  if (m) return Number(`${m[1]}.${m[2] ?? '0'}`) / 100;
  if (/^(true|истина)$/i.test(t)) return true;
  if (/^(false|ложь)$/i.test(t)) return false;
  m = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?$/.exec(t);
  if (m) {
    const [d, mo] = [Number(m[1]), Number(m[2])];
    const y = m[3] === undefined ? year : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return date;
  }
  return text;
}

function rangeOfKey(k: string): Range {
  const [row, col, rows, cols] = k.split(':').map(Number) as [number, number, number, number];
  return { row, col, rows, cols };
}

/**
 * A conditional-format formula as Sheets accepts it from a script: function names in English, arguments
 * separated by commas, and no reference to another sheet («Conditional formatting formulas can only
 * reference the same sheet, … use INDIRECT» — Sheets help, «Use conditional formatting rules»; the
 * formula is given «in English» per REF/spreadsheet/conditional-format-rule-builder#whenFormulaSatisfied
 * examples). Text inside quotes (an INDIRECT argument) is not looked at.
 */
export function conditionalFormulaProblem(formula: string): string | null {
  if (!formula.startsWith('=')) return 'формула должна начинаться с «=»';
  const bare = formula.replace(/"(?:[^"]|"")*"/g, '""');
  if (bare.includes(';')) return 'разделитель аргументов — запятая, а не «;»';
  if (/[!]/.test(bare)) return 'ссылка на другой лист (возможна только через INDIRECT)';
  if (/[А-Яа-яЁё][А-Яа-яЁё.]*\s*\(/.test(bare)) return 'имена функций — по-английски';
  return null;
}

export class AppsScriptEmulator {
  readonly state: EmulatorState;
  readonly identity: Identity = {
    hideUser: false,
    hideOwner: false,
    sharedDrive: false,
    groups: new Map(),
    sharedWith: [],
    domain: null,
    domainShared: false,
  };
  /** Protections that every user of the domain may edit (REF/spreadsheet/protection#canDomainEdit). */
  readonly domainEdit = new WeakSet<Protection>();
  /** Calls by name, for the tests that hold the port to batched calls. */
  readonly calls = new Map<string, number>();
  /** Every service call, in order. */
  readonly log: CallRecord[] = [];
  readonly clock = new ExecutionClock();
  /** The document lock: held by another execution (tryLock fails), and how often this one acquired it. */
  readonly lock = { heldByOther: false, acquired: 0, held: false };
  /** A block the user selected (0-based), beyond the one cell the MemoryWorkbook's selection keeps. */
  selectedBlock: (Range & { sheet: string }) | null = null;
  /** Hooks a test support may add (a shared call counter). */
  onCall: ((name: string) => void) | null = null;
  /** The Date of the realm the bundle runs in, so that getValues gives it Dates it recognises. */
  private RealmDate: DateConstructor = Date;

  constructor(wb: MemoryWorkbook | EmulatorState) {
    this.state = 'wb' in wb ? wb : emulatorState(wb);
  }

  get wb(): MemoryWorkbook {
    return this.state.wb;
  }

  /**
   * Dates read back are made in this vm context's realm (a bundle's `instanceof Date` must hold), and the
   * realm's Date.now() runs on the execution clock: a script that watches its own time (a batch under a
   * time budget) sees the time the cost model charges, as it would see Google's in Sheets.
   */
  useRealm(context: vm.Context): void {
    this.RealmDate = vm.runInContext('Date', context) as DateConstructor;
    const started = Date.now();
    this.RealmDate.now = () => started + Math.round(this.clock.seconds * 1000);
  }

  /** A new execution (a menu click, a google.script.run call): the clock starts again, the lock is free. */
  beginExecution(): void {
    this.clock.reset();
    this.lock.held = false;
  }

  /** Records a call and charges its time; throws «Exceeded maximum execution time» past the limit. */
  charge(call: string, sheet: string | null, args: unknown[] = [], written = 0, read = 0): void {
    this.calls.set(call, (this.calls.get(call) ?? 0) + 1);
    this.log.push({ call, sheet, args });
    this.onCall?.(call);
    this.clock.charge(call, written, read);
  }

  /** The person running the script, whatever Session tells the script. */
  get me(): string | null {
    return this.wb.user;
  }

  /** Whether `email` is an account of the file's Workspace domain. */
  inDomain(email: string): boolean {
    const d = this.identity.domain;
    return d !== null && email.toLowerCase().endsWith(`@${d.toLowerCase()}`);
  }

  /** Whether `email` is among `editors`, directly or through a group. */
  private listed(editors: readonly string[], email: string): boolean {
    return editors.some((e) => e === email || (this.identity.groups.get(e) ?? []).includes(email));
  }

  /**
   * «Determines whether the user has permission to edit the protected range or sheet. The owner of the
   * spreadsheet is always able to edit protected ranges and sheets.» (REF/spreadsheet/protection#canEdit)
   * A warning-only protection lets everyone edit (REF/spreadsheet/protection#setWarningOnly).
   */
  canEdit(p: Protection): boolean {
    const me = this.me;
    if (p.warningOnly) return true;
    if (!me) return false;
    if (me === this.wb.owner) return true;
    if (this.domainEdit.has(p) && this.inDomain(me)) return true;
    return this.listed(p.editors, me);
  }

  /**
   * Edits of a protected area by someone who may not edit it fail (REF/spreadsheet/protection: «a protected
   * range can protect either a static range of cells…»; a sheet protection covers the whole sheet).
   * `range` null: an edit of the whole sheet's structure or format, blocked by a sheet protection only;
   * 'all': an edit of every cell (Sheet.clear), blocked by any protection on the sheet.
   */
  guard(sheet: string, range: Range | null | 'all'): void {
    for (const p of this.wb.protections) {
      if (p.sheet !== sheet || this.canEdit(p)) continue;
      const hit = p.range === null || range === 'all' || (range !== null && overlaps(p.range, range));
      if (hit) throw new Error(`Exception: ${PROTECTED_MESSAGE}`);
    }
  }

  /** All cells of all grids, for Sheets' 10-million-cell limit. */
  totalCells(): number {
    let n = 0;
    for (const s of this.wb.sheets.values()) {
      const z = size(this.state, s);
      n += z.rows * z.cols;
    }
    return n;
  }

  /** «This action would increase the number of cells in the workbook above the limit of 10000000 cells.» */
  ensureRoom(more: number): void {
    if (this.totalCells() + more > CELL_LIMIT) {
      throw new Error(`Exception: This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`);
    }
  }

  /** A value as the bundle reads it: '' for blank, Dates of its realm. */
  out(v: unknown): unknown {
    if (v === null || v === undefined) return '';
    if (isDate(v)) return new this.RealmDate(v.getTime());
    return v;
  }

  /** The active spreadsheet, as SpreadsheetApp.getActiveSpreadsheet() gives it. */
  spreadsheet(ui: UiHost | null = null, title = 'ШНОР'): EmSpreadsheet {
    return new EmSpreadsheet(this, ui, title);
  }

  /** The globals of a vm context in which dist/Code.js runs against this spreadsheet. */
  globals(ui: UiHost, options: { dist: string; title: string }): Record<string, unknown> {
    return emulatorGlobals(this, ui, options);
  }

  /** The size of a tab's grid. */
  gridSize(name: string): { rows: number; cols: number } {
    return { ...size(this.state, this.wb.sheet(name)) };
  }

  /** Sets a tab's grid size (a test's book, made bigger or smaller than the default). */
  setGridSize(name: string, rows: number, cols: number): void {
    this.state.sizes.set(name, { rows, cols });
  }
}

class EmRange {
  constructor(
    private readonly em: AppsScriptEmulator,
    readonly sheetName: string,
    readonly row: number,
    readonly col: number,
    readonly rows: number,
    readonly cols: number,
  ) {}
  private get s(): MemorySheet {
    return this.em.wb.sheet(this.sheetName);
  }
  get zero(): Range {
    return { row: this.row - 1, col: this.col - 1, rows: this.rows, cols: this.cols };
  }
  private charge(call: string, args: unknown[] = [], written = 0, read = 0) {
    this.em.charge(call, this.sheetName, args, written, read);
  }
  /** A write: charged, and refused on a protected area the user may not edit. */
  private write(call: string, args: unknown[], cells = this.rows * this.cols) {
    this.charge(call, args, cells);
    this.em.guard(this.sheetName, this.zero);
  }
  /**
   * «The size of the two-dimensional array must match the size of the range» (REF/spreadsheet/range#setValues,
   * and the same for setFormulas, setBackgrounds, setFontWeights, setNotes, setNumberFormats): Sheets says
   * «The number of rows in the data does not match the number of rows in the range. The data has X but the
   * range has Y.», and the same of columns.
   */
  private fit(block: unknown, what: string): unknown[][] {
    if (!Array.isArray(block) || block.some((l) => !Array.isArray(l))) {
      throw new Error(`Exception: The parameters (${typeof block}) don't match the method signature for SpreadsheetApp.Range.${what}.`);
    }
    const rows = block as unknown[][];
    if (rows.length !== this.rows) {
      throw new Error(
        `Exception: The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${this.rows}.`,
      );
    }
    for (const line of rows) {
      if (line.length !== this.cols) {
        throw new Error(
          `Exception: The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this.cols}.`,
        );
      }
    }
    return rows;
  }
  private grid<T>(grid: T[][], block: T[][]): void {
    block.forEach((line, i) => {
      const r = this.row - 1 + i;
      while (grid.length <= r) grid.push([]);
      line.forEach((v, j) => ((grid[r] as T[])[this.col - 1 + j] = v));
    });
  }
  /** A block of the range, cell by cell, with 0-based sheet coordinates. */
  private cells<T>(fn: (row: number, col: number) => T): T[][] {
    return Array.from({ length: this.rows }, (_, i) => Array.from({ length: this.cols }, (_, j) => fn(this.row - 1 + i, this.col - 1 + j)));
  }
  private fill<T>(v: T): T[][] {
    return Array.from({ length: this.rows }, () => Array.from({ length: this.cols }, () => v));
  }
  getRow() {
    return this.row;
  }
  getColumn() {
    return this.col;
  }
  getNumRows() {
    return this.rows;
  }
  getNumColumns() {
    return this.cols;
  }
  getLastRow() {
    return this.row + this.rows - 1;
  }
  getLastColumn() {
    return this.col + this.cols - 1;
  }
  getSheet() {
    return new EmSheet(this.em, this.sheetName);
  }
  getA1Notation(): string {
    const a = (r: number, c: number) => `${letters(c)}${r}`;
    const tl = a(this.row, this.col);
    return this.rows === 1 && this.cols === 1 ? tl : `${tl}:${a(this.row + this.rows - 1, this.col + this.cols - 1)}`;
  }
  /**
   * «Returns the rectangular grid of values … Values may be of type Number, Boolean, Date, or String,
   * depending on the value of the cell. Empty cells are represented by an empty string.»
   * (REF/spreadsheet/range#getValues)
   */
  getValues(): unknown[][] {
    this.charge('Range.getValues', [], 0, this.rows * this.cols);
    const s = this.s;
    return this.cells((r, c) => this.em.out(s.values[r]?.[c]));
  }
  /** Displayed text; dates as a Russian reader sees them (the spreadsheet's locale, ru_RU). */
  getDisplayValues(): string[][] {
    this.charge('Range.getDisplayValues', [], 0, this.rows * this.cols);
    const s = this.s;
    return this.cells((r, c) => {
      const v = s.values[r]?.[c];
      if (v === null || v === undefined) return '';
      if (isDate(v)) return v.toLocaleDateString('ru-RU', { timeZone: 'UTC' });
      return typeof v === 'number' ? String(v).replace('.', ',') : String(v);
    });
  }
  getValue(): unknown {
    return this.getValues()[0]?.[0] ?? '';
  }
  getFormulas(): string[][] {
    this.charge('Range.getFormulas', [], 0, this.rows * this.cols);
    return this.cells((r, c) => this.s.formulas[r]?.[c] ?? '');
  }
  /**
   * setValues: numbers, booleans, Dates and strings; a leading apostrophe keeps the rest as text, a
   * string starting with '=' is a formula (REF/spreadsheet/range#setValues, #setValue); objects are refused.
   */
  setValues(block: unknown[][]) {
    const rows = this.fit(block, 'setValues');
    this.write('Range.setValues', [block]);
    const formatAt = this.formatsOfSheet('');
    const r0 = this.row - 1;
    const c0 = this.col - 1;
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    for (const line of rows) {
      const v: CellValue[] = [];
      const f: (string | null)[] = [];
      for (const x of line) {
        let value: CellValue = null;
        let formula: string | null = null;
        if (typeof x === 'string' && x.length > CELL_TEXT_LIMIT + (x.startsWith("'") ? 1 : 0))
          throw new Error(`Exception: Your input contains more than the maximum of ${CELL_TEXT_LIMIT} characters in a single cell.`);
        if (typeof x === 'string' && x.startsWith("'")) value = x.slice(1);
        else if (typeof x === 'string' && x.startsWith('=') && x.length > 1) formula = x;
        else if (typeof x === 'string' && x !== '') value = asTyped(x, formatAt(r0 + values.length, c0 + v.length));
        else if (x === '' || x === null || x === undefined) value = null;
        else if (isDate(x)) value = new Date(x.getTime());
        else if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') value = x;
        else
          throw new Error(`Exception: The parameters (${typeof x}) don't match the method signature for SpreadsheetApp.Range.setValues.`);
        v.push(value);
        f.push(formula);
      }
      values.push(v);
      formulas.push(f);
    }
    // A value replaces the formula that was there (writeBlock clears it); formulas go in after.
    this.em.wb.writeBlock(this.sheetName, this.row - 1, this.col - 1, values);
    if (formulas.some((l) => l.some((f) => f !== null))) this.em.wb.writeFormulas(this.sheetName, this.row - 1, this.col - 1, formulas);
    return this;
  }
  setValue(v: unknown) {
    return this.setValues([[v]]);
  }
  setFormulas(block: string[][]) {
    this.fit(block, 'setFormulas');
    this.write('Range.setFormulas', [block]);
    this.em.wb.writeFormulas(this.sheetName, this.row - 1, this.col - 1, block);
    return this;
  }
  setFormula(f: string) {
    return this.setFormulas([[f]]);
  }
  setBackgrounds(block: (string | null)[][]) {
    this.fit(block, 'setBackgrounds');
    this.write('Range.setBackgrounds', [block]);
    this.grid(this.s.backgrounds, block);
    return this;
  }
  setBackground(color: string | null) {
    this.write('Range.setBackground', [color]);
    this.grid(this.s.backgrounds, this.fill(color));
    return this;
  }
  setFontWeights(block: ('bold' | 'normal' | null)[][]) {
    this.fit(block, 'setFontWeights');
    this.write('Range.setFontWeights', [block]);
    this.grid(this.s.weights, block);
    return this;
  }
  setFontWeight(w: 'bold' | 'normal' | null) {
    this.write('Range.setFontWeight', [w]);
    this.grid(this.s.weights, this.fill(w));
    return this;
  }
  setNotes(block: (string | null)[][]) {
    this.fit(block, 'setNotes');
    this.write('Range.setNotes', [block]);
    this.grid(
      this.s.notes,
      block.map((l) => l.map((n) => (n === '' ? null : n))),
    );
    return this;
  }
  setNote(n: string | null) {
    this.write('Range.setNote', [n]);
    this.grid(this.s.notes, this.fill(n === '' ? null : n));
    return this;
  }
  setNumberFormat(format: string) {
    this.write('Range.setNumberFormat', [format]);
    this.em.wb.setNumberFormat(this.sheetName, this.zero, format);
    return this;
  }
  /**
   * One format per cell (REF/spreadsheet/range#setNumberFormats(Object): «the dimensions of the array must
   * match the range»); each must be a string. Runs of one format down a column are kept as one range.
   */
  setNumberFormats(block: string[][]) {
    const rows = this.fit(block, 'setNumberFormats');
    if (rows.some((l) => l.some((f) => typeof f !== 'string')))
      throw new Error("Exception: The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setNumberFormats.");
    this.write('Range.setNumberFormats', [block]);
    for (const { range, value } of columnRuns(this.row - 1, this.col - 1, block)) this.em.wb.setNumberFormat(this.sheetName, range, value);
    return this;
  }
  setDataValidation(rule: EmValidationRule | null) {
    this.write('Range.setDataValidation', [rule]);
    const z = this.zero;
    this.s.validations = this.s.validations.filter((v) => !overlaps(v.range, z));
    if (rule) this.s.validations.push({ range: z, rule: rule.port });
    return this;
  }
  /**
   * «Sets the data validation rules for all cells in the range. This method takes a two-dimensional array of
   * data validations, indexed by row then by column. The array's dimensions must correspond to the range
   * dimensions»; a null removes a cell's validation (REF/spreadsheet/range#setDataValidations(DataValidation);
   * the parameter is typed DataValidation[][] with null allowed). Anything but a built rule or null is refused
   * as a signature mismatch. Kept per run of one rule down a column.
   */
  setDataValidations(block: (EmValidationRule | null)[][]) {
    const rows = this.fit(block, 'setDataValidations');
    if (rows.some((l) => l.some((v) => v !== null && !(typeof v === 'object' && 'port' in v))))
      throw new Error(
        "Exception: The parameters (Object[][]) don't match the method signature for SpreadsheetApp.Range.setDataValidations.",
      );
    this.write('Range.setDataValidations', [block]);
    const z = this.zero;
    this.s.validations = this.s.validations.filter((v) => !overlaps(v.range, z));
    for (const { range, value } of columnRuns(z.row, z.col, rows as (EmValidationRule | null)[][]))
      if (value) this.s.validations.push({ range, rule: value.port });
    return this;
  }
  /**
   * copyTo(destination, copyPasteType, transposed) (REF/spreadsheet/range#copyTo(Range,CopyPasteType,Boolean)):
   * the destination must be a Range of the same spreadsheet. Only PASTE_COLUMN_WIDTHS is emulated («Paste the
   * column widths only», REF/spreadsheet/copy-paste-type): the source columns' widths go to as many columns
   * from the destination's first; transposing widths is refused. Other types throw «not emulated» so that
   * a use of them is noticed here before it reaches Sheets untested.
   */
  copyTo(destination: EmRange, type?: string, transposed = false) {
    this.charge('Range.copyTo', [destination, type, transposed]);
    if (!(destination instanceof EmRange))
      throw new Error("Exception: The parameters don't match the method signature for SpreadsheetApp.Range.copyTo.");
    if (type !== COPY_PASTE_TYPES.PASTE_COLUMN_WIDTHS)
      throw new Error(`Эмулятор: Range.copyTo с типом ${String(type)} не воспроизводится.`);
    if (transposed) throw new Error('Exception: Column widths cannot be transposed.');
    this.em.guard(destination.sheetName, null);
    const to = this.em.wb.sheet(destination.sheetName);
    for (let i = 0; i < this.cols; i++) {
      const w = this.s.widths.get(this.col - 1 + i);
      if (w === undefined) to.widths.delete(destination.col - 1 + i);
      else to.widths.set(destination.col - 1 + i, w);
    }
    return this;
  }
  clearDataValidations() {
    this.write('Range.clearDataValidations', []);
    const z = this.zero;
    this.s.validations = this.s.validations.filter((v) => !overlaps(v.range, z));
    return this;
  }
  clearContent() {
    this.write('Range.clearContent', []);
    this.em.wb.clearBlock(this.sheetName, this.zero);
    return this;
  }
  clear() {
    this.write('Range.clear', []);
    this.em.wb.clearBlock(this.sheetName, this.zero);
    this.grid(this.s.backgrounds, this.fill(null));
    this.grid(this.s.weights, this.fill(null));
    return this;
  }
  breakApart() {
    this.write('Range.breakApart', []);
    const z = this.zero;
    this.s.merges = this.s.merges.filter((m) => !overlaps(m, z));
    return this;
  }
  merge() {
    this.write('Range.merge', []);
    const z = this.zero;
    this.s.merges = this.s.merges.filter((m) => !overlaps(m, z));
    this.s.merges.push(z);
    return this;
  }
  /**
   * «Merges the cells in the range across the columns of the range» — one merge per row
   * (REF/spreadsheet/range#mergeAcross). Sheets refuses a merge that crosses the frozen columns' edge:
   * «You can't merge frozen and non-frozen columns» (the Sheets editor's message for the same operation).
   */
  /**
   * «Creates a filter applied to the range. You can only create one filter on a sheet»; an existing one is
   * reached with Sheet.getFilter() and removed with Filter.remove() first (REF/spreadsheet/range#createFilter(),
   * REF/spreadsheet/filter). Sheets refuses a second filter.
   */
  createFilter() {
    this.write('Range.createFilter', [], 0);
    if (this.s.filter) throw new Error("Exception: You can't create a filter in a sheet that already has a filter.");
    this.s.filter = this.zero;
    return new EmFilter(this.em, this.sheetName);
  }
  mergeAcross() {
    this.write('Range.mergeAcross', []);
    const z = this.zero;
    const frozen = this.s.frozen.cols;
    if (frozen > z.col && frozen < z.col + z.cols) throw new Error("Exception: You can't merge frozen and non-frozen columns.");
    this.s.merges = this.s.merges.filter((m) => !overlaps(m, z));
    if (z.cols > 1) for (let r = 0; r < z.rows; r++) this.s.merges.push({ row: z.row + r, col: z.col, rows: 1, cols: z.cols });
    return this;
  }
  /** «Sets the cell wrap of the cells in the range» (REF/spreadsheet/range#setWrap(Boolean)). */
  setWrap(wrap: boolean) {
    this.write('Range.setWrap', [wrap]);
    this.em.wb.setWrap(this.sheetName, this.zero, wrap);
    return this;
  }
  /**
   * «Set the vertical (top to bottom) alignment for the given range (top/middle/bottom)»; the alignment is
   * «either 'top', 'middle' or 'bottom'; a null value resets the alignment»
   * (REF/spreadsheet/range#setVerticalAlignment(String)). Anything else is refused.
   */
  setVerticalAlignment(alignment: string | null) {
    if (alignment !== null && !['top', 'middle', 'bottom'].includes(String(alignment).toLowerCase()))
      throw new Error(`Exception: Invalid argument: ${String(alignment)}`);
    this.write('Range.setVerticalAlignment', [alignment]);
    return this;
  }
  /**
   * «Sets the text wrapping policy for the cells in the range… the dimensions must match the range»
   * (REF/spreadsheet/range#setWraps(Object)); each a boolean. Kept per run down a column.
   */
  setWraps(block: boolean[][]) {
    const rows = this.fit(block, 'setWraps');
    if (rows.some((l) => l.some((w) => typeof w !== 'boolean')))
      throw new Error("Exception: The parameters (Object[][]) don't match the method signature for SpreadsheetApp.Range.setWraps.");
    this.write('Range.setWraps', [block]);
    for (const { range, value } of columnRuns(this.row - 1, this.col - 1, block)) this.em.wb.setWrap(this.sheetName, range, value);
    return this;
  }
  getMergedRanges(): EmRange[] {
    this.charge('Range.getMergedRanges');
    const z = this.zero;
    return this.s.merges
      .filter((m) => overlaps(m, z))
      .map((m) => new EmRange(this.em, this.sheetName, m.row + 1, m.col + 1, m.rows, m.cols));
  }
  activate() {
    this.charge('Range.activate');
    this.em.wb.active = this.sheetName;
    this.em.wb.selection = { sheet: this.sheetName, row: this.row - 1, col: this.col - 1 };
    return this;
  }
  getNotes(): string[][] {
    this.charge('Range.getNotes', [], 0, this.rows * this.cols);
    return this.cells((r, c) => this.s.notes[r]?.[c] ?? '');
  }
  /**
   * «Returns the number or date formats for the cells in the range» (REF/spreadsheet/range#getNumberFormats);
   * a cell never formatted reads back as Sheets' automatic format, '0.###############'.
   */
  getNumberFormats(): string[][] {
    this.charge('Range.getNumberFormats', [], 0, this.rows * this.cols);
    return this.cells(this.formatsOfSheet('0.###############'));
  }
  /** Each cell's number format on this sheet (the last one set over it), `unset` where none was. */
  private formatsOfSheet(unset: string): (row: number, col: number) => string {
    const formats = [...this.s.numberFormats].map(([k, format]) => ({ range: rangeOfKey(k), format }));
    return (r, c) => formats.filter((f) => inside(f.range, r, c)).at(-1)?.format ?? unset;
  }
  getDataValidations(): (EmValidation | null)[][] {
    this.charge('Range.getDataValidations', [], 0, this.rows * this.cols);
    return this.cells((r, c) => {
      const v = this.s.validations.filter((x) => inside(x.range, r, c)).at(-1);
      return v ? new EmValidation(v.rule) : null;
    });
  }
  /**
   * «Creates an object that can protect the range from being edited except by users who have permission.
   * Until the script actually changes the list of editors …, the permissions mirror those of the spreadsheet
   * itself» (REF/spreadsheet/range#protect): a new protection lists the owner and the person running.
   */
  protect(): EmProtection {
    this.charge('Range.protect');
    return newProtection(this.em, { sheet: this.sheetName, range: this.zero, description: '', editors: [] });
  }
}

/** REF/spreadsheet/copy-paste-type: the special paste types of Range.copyTo. */
const COPY_PASTE_TYPES = {
  PASTE_NORMAL: 'PASTE_NORMAL',
  PASTE_NO_BORDERS: 'PASTE_NO_BORDERS',
  PASTE_FORMAT: 'PASTE_FORMAT',
  PASTE_FORMULA: 'PASTE_FORMULA',
  PASTE_DATA_VALIDATION: 'PASTE_DATA_VALIDATION',
  PASTE_VALUES: 'PASTE_VALUES',
  PASTE_CONDITIONAL_FORMATTING: 'PASTE_CONDITIONAL_FORMATTING',
  PASTE_COLUMN_WIDTHS: 'PASTE_COLUMN_WIDTHS',
} as const;

const CRITERIA = {
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  CHECKBOX: 'CHECKBOX',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
};
const ruNumber = (n: number) => String(n).replace('.', ',');

/**
 * Rules made from a range (requireValueInRange): the MemoryWorkbook keeps their items as a list (what the
 * preview draws), and this map where the items come from, so that the rule reads back as Sheets gives it.
 */
const fromRange = new WeakMap<Validation, EmRange>();

/** The items of a «list from a range»: the range's non-empty cells, as text, row by row. */
function rangeItems(em: AppsScriptEmulator, r: EmRange): string[] {
  const values = em.wb.sheet(r.sheetName).values;
  const items: string[] = [];
  for (let i = 0; i < r.rows; i++)
    for (let j = 0; j < r.cols; j++) {
      const v = values[r.row - 1 + i]?.[r.col - 1 + j];
      if (v !== null && v !== undefined && v !== '') items.push(isDate(v) ? v.toISOString() : String(v));
    }
  return items;
}

/** A cell's data validation as Apps Script reads it back (REF/spreadsheet/data-validation). */
class EmValidation {
  constructor(private readonly rule: Validation) {}
  getCriteriaType(): string {
    if (fromRange.has(this.rule)) return CRITERIA.VALUE_IN_RANGE;
    return { list: CRITERIA.VALUE_IN_LIST, number: CRITERIA.NUMBER_BETWEEN, checkbox: CRITERIA.CHECKBOX, formula: CRITERIA.CUSTOM_FORMULA }[
      this.rule.kind
    ];
  }
  getCriteriaValues(): unknown[] {
    const r = this.rule;
    const range = fromRange.get(r);
    if (range) return [range, true];
    if (r.kind === 'list') return [[...r.values], true];
    if (r.kind === 'number') return [r.min, r.max];
    if (r.kind === 'formula') return [r.formula];
    return [];
  }
  getAllowInvalid(): boolean {
    const r = this.rule;
    return r.kind === 'list' || r.kind === 'formula' ? !r.strict : true;
  }
  getHelpText(): string {
    const r = this.rule;
    if (r.kind === 'number') return `${r.integer ? 'Целое число' : 'Число'} от ${ruNumber(r.min)} до ${ruNumber(r.max)}`;
    if (r.kind === 'formula') return r.help;
    return '';
  }
}

/** A built validation rule: what the script asked for, and the port's terms of it. */
export interface EmValidationRule {
  criteria: string;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
  port: Validation;
}

class EmValidationBuilder {
  private v: Omit<EmValidationRule, 'port'> = { criteria: '', args: [], allowInvalid: true, helpText: null };
  constructor(private readonly em: AppsScriptEmulator) {}
  /** REF/spreadsheet/data-validation-builder#requireValueInList(String,Boolean); at most LIST_ITEM_LIMIT items. */
  requireValueInList(values: string[], dropdown = true) {
    if (values.length > LIST_ITEM_LIMIT)
      throw new Error(
        `Exception: The data validation rule has more items than the limit of ${LIST_ITEM_LIMIT}. Use the "List from a range" criteria instead.`,
      );
    this.v.criteria = CRITERIA.VALUE_IN_LIST;
    this.v.args = [[...values], dropdown];
    return this;
  }
  /**
   * «Sets the data validation rule to require that the input is equal to a value in the given range»
   * (REF/spreadsheet/data-validation-builder#requireValueInRange(Range,Boolean)): a Range of this spreadsheet.
   */
  requireValueInRange(range: EmRange, dropdown = true) {
    if (!(range instanceof EmRange))
      throw new Error(
        "Exception: The parameters don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInRange.",
      );
    this.v.criteria = CRITERIA.VALUE_IN_RANGE;
    this.v.args = [range, dropdown];
    return this;
  }
  requireNumberBetween(min: number, max: number) {
    this.v.criteria = CRITERIA.NUMBER_BETWEEN;
    this.v.args = [min, max];
    return this;
  }
  requireCheckbox() {
    this.v.criteria = CRITERIA.CHECKBOX;
    this.v.args = [];
    return this;
  }
  requireFormulaSatisfied(formula: string) {
    this.v.criteria = CRITERIA.CUSTOM_FORMULA;
    this.v.args = [formula];
    return this;
  }
  setAllowInvalid(allow: boolean) {
    this.v.allowInvalid = allow;
    return this;
  }
  setHelpText(text: string) {
    this.v.helpText = String(text ?? '');
    return this;
  }
  /** REF/spreadsheet/data-validation-builder#build: a rule needs a criterion. */
  build(): EmValidationRule {
    const v = this.v;
    const help = v.helpText ?? '';
    let port: Validation;
    if (v.criteria === CRITERIA.VALUE_IN_LIST)
      port = { kind: 'list', values: (v.args[0] as string[]).map(String), strict: !v.allowInvalid };
    else if (v.criteria === CRITERIA.VALUE_IN_RANGE) {
      const range = v.args[0] as EmRange;
      port = { kind: 'list', values: rangeItems(this.em, range), strict: !v.allowInvalid };
      fromRange.set(port, range);
    } else if (v.criteria === CRITERIA.NUMBER_BETWEEN) {
      port = { kind: 'number', min: Number(v.args[0]), max: Number(v.args[1]) };
      if (/^Целое/.test(help)) port.integer = true;
    } else if (v.criteria === CRITERIA.CHECKBOX) port = { kind: 'checkbox' };
    else if (v.criteria === CRITERIA.CUSTOM_FORMULA) port = { kind: 'formula', formula: String(v.args[0]), help, strict: !v.allowInvalid };
    else throw new Error('Exception: A data validation rule needs a criterion.');
    return { ...v, args: [...v.args], port };
  }
}

/**
 * A protection (REF/spreadsheet/protection): an entry of the MemoryWorkbook's `protections`, changed in
 * place, so that what the bundle protects is what the workbook holds. Everything but canEdit and the
 * getters of what anyone sees needs edit permission on the protection.
 */
class EmProtection {
  constructor(
    private readonly em: AppsScriptEmulator,
    readonly p: Protection,
  ) {}
  private charge(call: string, args: unknown[] = []) {
    this.em.charge(call, this.p.sheet, args);
  }
  /** «…throws an exception if the user does not have permission to edit the protected range or sheet.» */
  private mustEdit(): void {
    if (!this.em.canEdit(this.p)) throw new Error(`Exception: ${NO_PERMISSION}`);
  }
  canEdit(): boolean {
    this.charge('Protection.canEdit');
    return this.em.canEdit(this.p);
  }
  getProtectionType(): string {
    return this.p.range ? 'RANGE' : 'SHEET';
  }
  getRange(): EmRange {
    this.charge('Protection.getRange');
    const r = this.p.range;
    if (r) return new EmRange(this.em, this.p.sheet, r.row + 1, r.col + 1, r.rows, r.cols);
    const z = size(this.em.state, this.em.wb.sheet(this.p.sheet));
    return new EmRange(this.em, this.p.sheet, 1, 1, z.rows, z.cols);
  }
  getDescription() {
    this.charge('Protection.getDescription');
    return this.p.description;
  }
  setDescription(d: string) {
    this.charge('Protection.setDescription', [d]);
    this.mustEdit();
    this.p.description = String(d);
    return this;
  }
  /**
   * «Gets the list of editors for the protected range or sheet. Throws an exception if the user does not
   * have permission to edit the protected range or sheet.» (REF/spreadsheet/protection#getEditors)
   */
  getEditors() {
    this.charge('Protection.getEditors');
    this.mustEdit();
    return this.p.editors.map((email) => ({ getEmail: () => email }));
  }
  addEditors(emails: Array<string | { getEmail(): string }>) {
    this.charge('Protection.addEditors', [emails]);
    this.mustEdit();
    for (const e of emails.map((x) => (typeof x === 'string' ? x : x.getEmail()).toLowerCase()))
      if (e && !this.p.editors.includes(e)) this.p.editors.push(e);
    return this;
  }
  addEditor(email: string | { getEmail(): string }) {
    return this.addEditors([email]);
  }
  /**
   * «Neither the owner of the spreadsheet nor the current user can be removed.»
   * (REF/spreadsheet/protection#removeEditors) And, from the same page's sample: «Ensure the current user is
   * an editor before removing others. Otherwise, if the user's edit permission comes from a group, the
   * script throws an exception upon removing the group.»
   */
  removeEditors(users: Array<string | { getEmail(): string }>) {
    this.charge('Protection.removeEditors', [users]);
    this.mustEdit();
    const me = this.em.me;
    const owner = this.em.wb.owner;
    const gone = users.map((u) => (typeof u === 'string' ? u : u.getEmail()).toLowerCase()).filter((e) => e !== owner && e !== me);
    const left = this.p.editors.filter((e) => !gone.includes(e));
    if (me && me !== owner && !this.p.editors.includes(me) && !this.em.canEdit({ ...this.p, editors: left })) {
      throw new Error('Exception: You cannot remove yourself as an editor of this protected range or sheet.');
    }
    this.p.editors = left;
    return this;
  }
  removeEditor(user: string | { getEmail(): string }) {
    return this.removeEditors([user]);
  }
  /**
   * «Determines whether all users in the domain that owns the spreadsheet have permission to edit the
   * protected range or sheet. Throws an exception if the user does not have permission to edit the protected
   * range or sheet.» (REF/spreadsheet/protection#canDomainEdit()) False for a file outside a domain.
   */
  canDomainEdit() {
    this.charge('Protection.canDomainEdit');
    this.mustEdit();
    return this.em.domainEdit.has(this.p);
  }
  /**
   * «Sets whether all users in the Google Workspace domain that owns the spreadsheet have permission to edit
   * the protected range or sheet. … Throws an exception if the spreadsheet does not belong to a Google
   * Workspace domain (that is, if it is owned by a gmail.com account).» (REF/spreadsheet/protection#setDomainEdit(Boolean))
   * — whichever value is given.
   */
  setDomainEdit(v: boolean) {
    this.charge('Protection.setDomainEdit', [v]);
    this.mustEdit();
    if (this.em.identity.domain === null) throw new Error('Exception: The spreadsheet does not belong to a Google Workspace domain.');
    if (v) this.em.domainEdit.add(this.p);
    else this.em.domainEdit.delete(this.p);
    return this;
  }
  isWarningOnly() {
    this.charge('Protection.isWarningOnly');
    return !!this.p.warningOnly;
  }
  /**
   * «Warning-based protection means that every user can edit data in the area, except editing prompts a
   * warning… To change to warning state, the executing user must have edit access» (REF/spreadsheet/protection#setWarningOnly).
   */
  setWarningOnly(v: boolean) {
    this.charge('Protection.setWarningOnly', [v]);
    this.mustEdit();
    if (v) {
      this.p.warningOnly = true;
      this.p.editors = [];
    } else delete this.p.warningOnly;
    return this;
  }
  remove() {
    this.charge('Protection.remove');
    this.mustEdit();
    this.em.wb.protections = this.em.wb.protections.filter((x) => x !== this.p);
  }
}

function newProtection(em: AppsScriptEmulator, p: Protection): EmProtection {
  const shared = em.identity.sharedWith;
  for (const e of [em.wb.owner, ...(shared.length > 0 ? shared : [em.me])]) if (e && !p.editors.includes(e)) p.editors.push(e);
  if (em.identity.domain !== null && em.identity.domainShared) em.domainEdit.add(p);
  em.wb.protections.push(p);
  return new EmProtection(em, p);
}

/** A conditional-format rule as the bundle sees it (REF/spreadsheet/conditional-format-rule). */
class EmRule {
  constructor(
    readonly rule: ConditionalRule,
    private readonly em: AppsScriptEmulator,
    private readonly sheetName: string,
  ) {}
  getRanges(): EmRange[] {
    return this.rule.ranges.map((r) => new EmRange(this.em, this.sheetName, r.row + 1, r.col + 1, r.rows, r.cols));
  }
  /**
   * REF/spreadsheet/boolean-condition: the colours come as Color objects (getBackgroundObject,
   * getFontColorObject: «null if not set»); the string getters getBackground()/getFontColor() are deprecated
   * there and are not offered here, so the bundle cannot lean on them.
   */
  getBooleanCondition() {
    const r = this.rule;
    return {
      getCriteriaType: () => (r.formula ? 'CUSTOM_FORMULA' : 'OTHER'),
      getCriteriaValues: () => (r.formula ? [r.formula] : []),
      getBackgroundObject: () => (r.background ? rgbColor(r.background) : null),
      getFontColorObject: () => (r.fontColor ? rgbColor(r.fontColor) : null),
      getBold: () => r.bold ?? null,
    };
  }
  getGradientCondition() {
    return null;
  }
  copy() {
    return new EmRuleBuilder(this.em, { ...this.rule });
  }
}

/** REF/base/color-type. */
const COLOR_TYPES = { UNSUPPORTED: 'UNSUPPORTED', RGB: 'RGB', THEME: 'THEME' } as const;

/**
 * A colour set as '#rrggbb' (REF/spreadsheet/color): an RGB one; asRgbColor().asHexString() gives «a
 * CSS-style 7 character hexadecimal string (#rrggbb)» (REF/spreadsheet/rgb-color#asHexString()), lower case;
 * asThemeColor() of an RGB colour throws.
 */
function rgbColor(hex: string) {
  const h = hex.toLowerCase();
  return {
    getColorType: () => COLOR_TYPES.RGB,
    asRgbColor: () => ({
      getColorType: () => COLOR_TYPES.RGB,
      asHexString: () => h,
      getRed: () => parseInt(h.slice(1, 3), 16),
      getGreen: () => parseInt(h.slice(3, 5), 16),
      getBlue: () => parseInt(h.slice(5, 7), 16),
    }),
    asThemeColor: () => {
      throw new Error('Exception: Object is not of type ThemeColor.');
    },
  };
}

class EmRuleBuilder {
  private sheet: string | null = null;
  constructor(
    private readonly em: AppsScriptEmulator,
    private readonly rule: ConditionalRule = { ranges: [], formula: '' },
  ) {}
  whenFormulaSatisfied(formula: string) {
    this.rule.formula = formula;
    return this;
  }
  setRanges(ranges: EmRange[]) {
    this.rule.ranges = ranges.map((r) => r.zero);
    this.sheet = ranges[0]?.getSheet().name ?? null;
    return this;
  }
  setBackground(color: string | null) {
    if (color === null) delete this.rule.background;
    else this.rule.background = color;
    return this;
  }
  setFontColor(color: string | null) {
    if (color === null) delete this.rule.fontColor;
    else this.rule.fontColor = color;
    return this;
  }
  setBold(bold: boolean | null) {
    if (bold === null) delete this.rule.bold;
    else this.rule.bold = bold;
    return this;
  }
  build(): EmRule {
    const problem = this.rule.formula ? conditionalFormulaProblem(this.rule.formula) : null;
    if (problem) throw new Error(`Exception: Invalid formula «${this.rule.formula}»: ${problem}.`);
    return new EmRule({ ...this.rule, ranges: this.rule.ranges.map((r) => ({ ...r })) }, this.em, this.sheet ?? '');
  }
}

interface ChartObject {
  spec: StoredChart;
  getOptions(): { get(key: string): unknown };
  getChartId(): number;
}

/** The members of Charts.ChartType (REF/charts/chart-type). */
const CHART_TYPES = [
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TIMELINE',
  'TREEMAP',
  'WATERFALL',
] as const;

/** An option's value by a dotted path («vAxis.title»), as ChartOptions.get reads it (REF/spreadsheet/chart-options#get(String)). */
function optionAt(options: Record<string, unknown>, key: string): unknown {
  let at: unknown = options;
  for (const part of key.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  return at ?? null;
}

let chartIds = 0;
const chartObject = (spec: StoredChart, id: number): ChartObject => ({
  spec,
  getOptions: () => ({ get: (k: string) => optionAt(spec.native?.options ?? { title: spec.title }, k) }),
  getChartId: () => id,
});

/** A tab's filter (REF/spreadsheet/filter): its range, and remove(). */
class EmFilter {
  constructor(
    private readonly em: AppsScriptEmulator,
    readonly sheetName: string,
  ) {}
  getRange() {
    const f = this.em.wb.sheet(this.sheetName).filter;
    if (!f) throw new Error('Exception: The filter has been removed.');
    return new EmRange(this.em, this.sheetName, f.row + 1, f.col + 1, f.rows, f.cols);
  }
  /** «Removes this filter» (REF/spreadsheet/filter#remove()). */
  remove() {
    this.em.charge('Filter.remove', this.sheetName, [], 0);
    this.em.guard(this.sheetName, 'all');
    this.em.wb.sheet(this.sheetName).filter = null;
  }
}

export class EmSheet {
  constructor(
    private readonly em: AppsScriptEmulator,
    readonly name: string,
  ) {}
  private get s(): MemorySheet {
    return this.em.wb.sheet(this.name);
  }
  private charge(call: string, args: unknown[] = [], written = 0) {
    this.em.charge(call, this.name, args, written);
  }
  private size() {
    return size(this.em.state, this.s);
  }
  /** A round trip like any getter of the service (REF/spreadsheet/sheet#getName): counted, see cost.ts UNTIMED. */
  getName() {
    this.charge('Sheet.getName');
    return this.name;
  }
  getSheetId() {
    this.charge('Sheet.getSheetId');
    return sheetId(this.em.state, this.name);
  }
  getIndex() {
    return [...this.em.wb.sheets.keys()].indexOf(this.name) + 1;
  }
  activate() {
    this.charge('Sheet.activate');
    this.em.wb.active = this.name;
    return this;
  }
  /** «Returns true if the sheet is currently hidden» (REF/spreadsheet/sheet#isSheetHidden()). */
  isSheetHidden() {
    this.charge('Sheet.isSheetHidden');
    return !!this.s.hidden;
  }
  /**
   * «Hides this sheet. Has no effect if the sheet is already hidden. If this method is called on the only
   * visible sheet, it throws an exception» (REF/spreadsheet/sheet#hideSheet()).
   */
  hideSheet() {
    this.charge('Sheet.hideSheet');
    if (this.s.hidden) return this;
    const visible = [...this.em.wb.sheets.values()].filter((s) => !s.hidden);
    if (visible.length <= 1) throw new Error("Exception: You can't hide all the sheets in a document.");
    this.s.hidden = true;
    return this;
  }
  /** «Makes the sheet visible. Has no effect if the sheet is already visible» (REF/spreadsheet/sheet#showSheet()). */
  showSheet() {
    this.charge('Sheet.showSheet');
    this.s.hidden = false;
    return this;
  }
  getMaxRows() {
    this.charge('Sheet.getMaxRows');
    return this.size().rows;
  }
  getMaxColumns() {
    this.charge('Sheet.getMaxColumns');
    return this.size().cols;
  }
  /** «Returns the position of the last row that has content» (REF/spreadsheet/sheet#getLastRow). */
  getLastRow() {
    this.charge('Sheet.getLastRow');
    const v = this.s.values;
    let last = v.length;
    while (last > 0 && !(v[last - 1] ?? []).some((x) => x !== null && x !== undefined && x !== '')) last--;
    return last;
  }
  getLastColumn() {
    this.charge('Sheet.getLastColumn');
    let last = 0;
    for (const r of this.s.values) r.forEach((x, c) => x !== null && x !== undefined && x !== '' && (last = Math.max(last, c + 1)));
    return last;
  }
  /** REF/spreadsheet/sheet#insertRowsAfter: the grid grows, within the 10-million-cell limit. */
  insertRowsAfter(after: number, n: number) {
    this.charge('Sheet.insertRowsAfter', [after, n]);
    const z = this.size();
    if (after < 1 || after > z.rows || n < 1) throw new Error('Exception: Those rows are out of bounds.');
    this.em.guard(this.name, null);
    this.em.ensureRoom(n * z.cols);
    if (after < z.rows) this.em.wb.insertRows(this.name, after, n);
    z.rows += n;
    return this;
  }
  insertColumnsAfter(after: number, n: number) {
    this.charge('Sheet.insertColumnsAfter', [after, n]);
    const z = this.size();
    if (after < 1 || after > z.cols || n < 1) throw new Error('Exception: Those columns are out of bounds.');
    this.em.guard(this.name, null);
    this.em.ensureRoom(n * z.rows);
    z.cols += n;
    return this;
  }
  /** Rows from `position` move down with everything on them; protected blocks move (or grow) too. */
  insertRowsBefore(position: number, n: number) {
    this.charge('Sheet.insertRowsBefore', [position, n]);
    const z = this.size();
    if (position < 1 || position > z.rows || n < 1) throw new Error('Exception: Those rows are out of bounds.');
    this.em.guard(this.name, null);
    this.em.ensureRoom(n * z.cols);
    const before = position - 1;
    this.em.wb.insertRows(this.name, before, n);
    z.rows += n;
    for (const p of this.em.wb.protections) {
      const r = p.range;
      if (p.sheet !== this.name || !r) continue;
      if (r.row >= before) r.row += n;
      else if (r.row + r.rows > before) r.rows += n;
    }
    return this;
  }
  /**
   * REF/spreadsheet/sheet#deleteRows(Integer,Integer). Sheets keeps at least one row below the frozen ones:
   * deleting every non-frozen row is refused with «Sorry, it is not possible to delete all non-frozen rows.»
   */
  deleteRows(position: number, n: number) {
    this.charge('Sheet.deleteRows', [position, n]);
    const z = this.size();
    if (position < 1 || n < 1 || position + n - 1 > z.rows) throw new Error('Exception: Those rows are out of bounds.');
    if (position + n - 1 >= z.rows && position <= this.s.frozen.rows + 1)
      throw new Error('Exception: Sorry, it is not possible to delete all non-frozen rows.');
    this.em.guard(this.name, null);
    const s = this.s;
    for (const grid of [s.values, s.formulas, s.backgrounds, s.weights, s.notes] as unknown[][][]) grid.splice(position - 1, n);
    z.rows -= n;
    return this;
  }
  /**
   * REF/spreadsheet/sheet#deleteColumns(Integer,Integer). Sheets keeps at least one column right of the
   * frozen ones: deleting every non-frozen column is refused with «Sorry, it is not possible to delete all
   * non-frozen columns.», as for rows.
   */
  deleteColumns(position: number, n: number) {
    this.charge('Sheet.deleteColumns', [position, n]);
    const z = this.size();
    if (position < 1 || n < 1 || position + n - 1 > z.cols) throw new Error('Exception: Those columns are out of bounds.');
    if (position + n - 1 >= z.cols && position <= this.s.frozen.cols + 1)
      throw new Error('Exception: Sorry, it is not possible to delete all non-frozen columns.');
    this.em.guard(this.name, null);
    const s = this.s;
    for (const grid of [s.values, s.formulas, s.backgrounds, s.weights, s.notes] as unknown[][][])
      for (const line of grid) line.splice(position - 1, n);
    z.cols -= n;
    return this;
  }
  /**
   * «Creates an object that can protect the sheet from being edited except by users who have permission.
   * … If the sheet is already protected, this method returns an object representing its existing
   * protection settings.» (REF/spreadsheet/sheet#protect)
   */
  protect(): EmProtection {
    this.charge('Sheet.protect');
    const existing = this.em.wb.protections.find((p) => p.sheet === this.name && p.range === null);
    if (existing) return new EmProtection(this.em, existing);
    return newProtection(this.em, { sheet: this.name, range: null, description: '', editors: [] });
  }
  /** The sheet's protections of the type, whoever may edit them (REF/spreadsheet/sheet#getProtections). */
  getProtections(type: string): EmProtection[] {
    this.charge('Sheet.getProtections', [type]);
    return this.em.wb.protections
      .filter((p) => p.sheet === this.name && (type === 'SHEET' ? p.range === null : p.range !== null))
      .map((p) => new EmProtection(this.em, p));
  }
  /** getRange(row, column[, numRows[, numColumns]]) or getRange(a1Notation) (REF/spreadsheet/sheet#getRange). */
  getRange(a: number | string, b?: number, c = 1, d = 1): EmRange {
    this.charge('Sheet.getRange', [a, b, c, d]);
    let row: number;
    let col: number;
    let rows = c;
    let cols = d;
    if (typeof a === 'string') {
      const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(a.replace(/\$/g, ''));
      if (!m) throw new Error(`Exception: Range not found`);
      const colOf = (l: string) => [...l.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      row = Number(m[2]);
      col = colOf(m[1] as string);
      rows = m[4] ? Number(m[4]) - row + 1 : 1;
      cols = m[3] ? colOf(m[3]) - col + 1 : 1;
    } else {
      row = a;
      col = b ?? 1;
    }
    const z = this.size();
    if (![row, col, rows, cols].every(Number.isInteger)) throw new Error('Exception: The coordinates of the range are not integers.');
    if (rows < 1 || cols < 1) throw new Error('Exception: The number of rows in the range must be at least 1.');
    if (row < 1 || col < 1 || row + rows - 1 > z.rows || col + cols - 1 > z.cols) {
      throw new Error('Exception: Those rows are out of bounds.');
    }
    return new EmRange(this.em, this.name, row, col, rows, cols);
  }
  /**
   * «Returns the rectangular grid of values for this range starting at the given coordinates. A -1 value
   * given as the row or column position is equivalent to getting the very last row or column that has data
   * in the sheet.» Its sample: getSheetValues(1, 1, 3, 3) and getRange(1, 1, 3, 3).getValues() «produce the
   * same output» (REF/spreadsheet/sheet#getSheetValues): the same values, and the same refusals of
   * coordinates past the grid — in one call.
   */
  getSheetValues(row: number, col: number, rows: number, cols: number): unknown[][] {
    const cells = Number.isInteger(rows) && Number.isInteger(cols) ? Math.max(0, rows) * Math.max(0, cols) : 0;
    this.em.charge('Sheet.getSheetValues', this.name, [row, col, rows, cols], 0, cells);
    const data = (row === -1 || col === -1) && this.lastData();
    const r = row === -1 ? (data ? data.rows : 1) : row;
    const c = col === -1 ? (data ? data.cols : 1) : col;
    const z = this.size();
    if (![r, c, rows, cols].every(Number.isInteger)) throw new Error('Exception: The coordinates of the range are not integers.');
    if (rows < 1 || cols < 1) throw new Error('Exception: The number of rows in the range must be at least 1.');
    if (r < 1 || c < 1 || r + rows - 1 > z.rows || c + cols - 1 > z.cols) throw new Error('Exception: Those rows are out of bounds.');
    const s = this.s;
    return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => this.em.out(s.values[r - 1 + i]?.[c - 1 + j])));
  }
  /** The last row and column holding a value (1-based; 0 when the sheet is empty). */
  private lastData(): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    this.s.values.forEach((line, r) =>
      line.forEach((x, c) => {
        if (x === null || x === undefined || x === '') return;
        rows = Math.max(rows, r + 1);
        cols = Math.max(cols, c + 1);
      }),
    );
    return { rows, cols };
  }
  /** «…the dimensions in which data is present»; an empty sheet's data range is A1 (REF/spreadsheet/sheet#getDataRange). */
  getDataRange(): EmRange {
    this.charge('Sheet.getDataRange');
    const { rows, cols } = this.lastData();
    return new EmRange(this.em, this.name, 1, 1, Math.max(rows, 1), Math.max(cols, 1));
  }
  clear() {
    this.charge('Sheet.clear');
    this.em.guard(this.name, 'all');
    const s = this.s;
    s.values = [];
    s.formulas = [];
    s.backgrounds = [];
    s.weights = [];
    s.numberFormats.clear();
    return this;
  }
  clearContents() {
    this.charge('Sheet.clearContents');
    this.em.guard(this.name, 'all');
    this.s.values = [];
    this.s.formulas = [];
    return this;
  }
  /** «Returns the filter in this sheet, or null if there is no filter» (REF/spreadsheet/sheet#getFilter()). */
  getFilter() {
    this.charge('Sheet.getFilter');
    return this.s.filter ? new EmFilter(this.em, this.name) : null;
  }
  clearNotes() {
    this.charge('Sheet.clearNotes');
    this.em.guard(this.name, 'all');
    this.s.notes = [];
    return this;
  }
  getConditionalFormatRules(): EmRule[] {
    this.charge('Sheet.getConditionalFormatRules');
    return this.s.rules.map((r) => new EmRule(r, this.em, this.name));
  }
  /** «Replaces all currently existing conditional format rules in the sheet» (REF/spreadsheet/sheet#setConditionalFormatRules). */
  setConditionalFormatRules(rules: EmRule[]) {
    this.charge('Sheet.setConditionalFormatRules', [rules]);
    this.em.guard(this.name, null);
    this.s.rules = rules.map((r) => ({ ...r.rule, ranges: r.rule.ranges.map((x) => ({ ...x })) }));
  }
  setColumnWidth(col: number, width: number) {
    this.charge('Sheet.setColumnWidth', [col, width]);
    this.em.guard(this.name, null);
    this.s.widths.set(col - 1, width);
    return this;
  }
  setColumnWidths(col: number, n: number, width: number) {
    this.charge('Sheet.setColumnWidths', [col, n, width]);
    this.em.guard(this.name, null);
    for (let i = 0; i < n; i++) this.s.widths.set(col - 1 + i, width);
    return this;
  }
  /**
   * «Hides one or more consecutive columns starting at the given index. Use 1-index for this method»
   * (REF/spreadsheet/sheet#hideColumns(Integer,Integer)); columns past the grid do not exist, so they are
   * refused as Sheets refuses them, like deleteColumns above.
   */
  hideColumns(col: number, n: number) {
    this.charge('Sheet.hideColumns', [col, n]);
    const z = this.size();
    if (!Number.isInteger(col) || !Number.isInteger(n) || col < 1 || n < 1 || col + n - 1 > z.cols)
      throw new Error('Exception: Those columns are out of bounds.');
    this.em.guard(this.name, null);
    for (let i = 0; i < n; i++) this.s.hiddenColumns.add(col - 1 + i);
    return this;
  }
  setFrozenRows(rows: number) {
    this.charge('Sheet.setFrozenRows', [rows]);
    this.em.guard(this.name, null);
    this.s.frozen = { ...this.s.frozen, rows };
  }
  /**
   * The frozen edge may not cut a merged cell: Sheets says «Sorry, it is not possible to freeze columns
   * which contain only part of a merged cell» (the editor's message; REF/spreadsheet/sheet#setFrozenColumns(Integer)).
   */
  setFrozenColumns(cols: number) {
    this.charge('Sheet.setFrozenColumns', [cols]);
    this.em.guard(this.name, null);
    if (this.s.merges.some((m) => m.col < cols && cols < m.col + m.cols))
      throw new Error('Exception: Sorry, it is not possible to freeze columns which contain only part of a merged cell.');
    this.s.frozen = { ...this.s.frozen, cols };
  }
  getFrozenRows() {
    this.charge('Sheet.getFrozenRows');
    return this.s.frozen.rows;
  }
  getFrozenColumns() {
    this.charge('Sheet.getFrozenColumns');
    return this.s.frozen.cols;
  }
  getCharts(): ChartObject[] {
    this.charge('Sheet.getCharts');
    return this.s.charts.map((spec, i) => chartObject(spec, i + 1));
  }
  /** «Removes a chart from the parent sheet» (REF/spreadsheet/sheet#removeChart(EmbeddedChart)): that chart, by identity. */
  removeChart(chart: ChartObject) {
    this.charge('Sheet.removeChart');
    this.em.guard(this.name, null);
    this.s.charts = this.s.charts.filter((c) => c !== chart.spec);
  }
  /** «Adds a new chart to this sheet» (REF/spreadsheet/sheet#insertChart(EmbeddedChart)). */
  insertChart(chart: ChartObject) {
    this.charge('Sheet.insertChart');
    this.em.guard(this.name, null);
    this.s.charts.push(chart.spec);
  }
  /**
   * REF/spreadsheet/embedded-chart-builder: setChartType takes a member of Charts.ChartType (REF/charts/chart-type)
   * and nothing else; addRange adds a range once («If the range has already been added to the chart, it is not
   * added again»); setPosition anchors the chart's top-left corner in a row and column of the sheet, so they
   * must be on the sheet (1-based, within its grid); setOption keeps any option (dotted paths set nested ones);
   * build() does not draw: only insertChart puts the chart on the sheet.
   */
  newChart() {
    const spec: StoredChart = { title: '', range: { row: 0, col: 0, rows: 0, cols: 0 }, anchor: { row: 0, col: 0 } };
    const native: { type: string; options: Record<string, unknown> } = { type: '', options: {} };
    const ranges: Range[] = [];
    const builder = {
      setChartType: (type: unknown) => {
        if (typeof type !== 'string' || !(CHART_TYPES as readonly string[]).includes(type))
          throw new Error(`Exception: Invalid argument: type (${String(type)} is not a Charts.ChartType).`);
        native.type = type;
        return builder;
      },
      addRange: (r: EmRange) => {
        const z = r.zero;
        if (!ranges.some((x) => x.row === z.row && x.col === z.col && x.rows === z.rows && x.cols === z.cols)) ranges.push(z);
        return builder;
      },
      setNumHeaders: (n: number) => ((native.options.numHeaders = n), builder),
      setPosition: (row: number, col: number, offsetX: number, offsetY: number) => {
        const size = this.size();
        if (!Number.isInteger(row) || row < 1 || row > size.rows) throw new Error('Exception: Those rows are out of bounds.');
        if (!Number.isInteger(col) || col < 1 || col > size.cols) throw new Error('Exception: Those columns are out of bounds.');
        if (!Number.isInteger(offsetX) || !Number.isInteger(offsetY)) throw new Error('Exception: Invalid argument: offset.');
        spec.anchor = { row: row - 1, col: col - 1 };
        return builder;
      },
      setOption: (key: string, value: unknown) => {
        const parts = key.split('.');
        let at = native.options;
        for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
        at[parts[parts.length - 1] as string] = JSON.parse(JSON.stringify(value)) as unknown;
        return builder;
      },
      build: (): ChartObject => {
        spec.range = ranges[0] ?? spec.range;
        spec.title = String(native.options.title ?? '');
        spec.native = { type: native.type || 'COLUMN', options: native.options };
        return chartObject(spec, ++chartIds);
      },
    };
    return builder;
  }
}

export class EmSpreadsheet {
  constructor(
    private readonly em: AppsScriptEmulator,
    private readonly ui: UiHost | null,
    private readonly title: string,
  ) {}
  private charge(call: string, args: unknown[] = []) {
    this.em.charge(call, null, args);
  }
  getName() {
    return this.title;
  }
  getId() {
    return 'emulated';
  }
  getSheets() {
    this.charge('Spreadsheet.getSheets');
    return [...this.em.wb.sheets.keys()].map((n) => new EmSheet(this.em, n));
  }
  getNumSheets() {
    this.charge('Spreadsheet.getNumSheets');
    return this.em.wb.sheets.size;
  }
  getSheetByName(name: string) {
    this.charge('Spreadsheet.getSheetByName', [name]);
    return this.em.wb.sheets.has(name) ? new EmSheet(this.em, name) : null;
  }
  getActiveSheet() {
    this.charge('Spreadsheet.getActiveSheet');
    const a = this.em.wb.active;
    return a !== null && this.em.wb.sheets.has(a) ? new EmSheet(this.em, a) : null;
  }
  setActiveSheet(sheet: EmSheet) {
    this.charge('Spreadsheet.setActiveSheet');
    this.em.wb.active = sheet.name;
    return sheet;
  }
  /**
   * «Inserts a new sheet into the spreadsheet at the given index», and makes it active
   * (REF/spreadsheet/spreadsheet#insertSheet(String,Integer)); the new grid is 1000 × 26, and it counts
   * against the 10-million-cell limit. A name already taken is refused.
   */
  insertSheet(name: string, index?: number) {
    this.charge('Spreadsheet.insertSheet', [name, index]);
    const wb = this.em.wb;
    if (wb.sheets.has(name)) {
      throw new Error(`Exception: A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this.em.ensureRoom(NEW_SHEET.rows * NEW_SHEET.cols);
    wb.ensureSheet(name);
    this.em.state.sizes.set(name, { ...NEW_SHEET });
    if (index !== undefined && index < wb.sheets.size - 1) {
      const entries = [...wb.sheets.entries()];
      const created = entries.pop() as [string, MemorySheet];
      entries.splice(index, 0, created);
      wb.sheets.clear();
      for (const [k, v] of entries) wb.sheets.set(k, v);
    }
    sheetId(this.em.state, name);
    wb.active = name;
    return new EmSheet(this.em, name);
  }
  /** «Returns the owner of the document, or null for a document in a shared drive.» (REF/spreadsheet/spreadsheet#getOwner) */
  getOwner() {
    this.charge('Spreadsheet.getOwner');
    const owner = this.em.wb.owner;
    if (this.em.identity.sharedDrive || !owner) return null;
    const email = this.em.identity.hideOwner ? '' : owner;
    return { getEmail: () => email };
  }
  /** REF/spreadsheet/spreadsheet#getProtections: every protection of the type, whoever may edit it. */
  getProtections(type: string): EmProtection[] {
    this.charge('Spreadsheet.getProtections', [type]);
    return this.em.wb.protections
      .filter((p) => (type === 'SHEET' ? p.range === null : p.range !== null) && this.em.wb.sheets.has(p.sheet))
      .map((p) => new EmProtection(this.em, p));
  }
  /**
   * The user's selection on the active sheet (REF/spreadsheet/spreadsheet#getActiveRange): a block a test
   * selected, the cell clicked, or A1 — Sheets always has a current cell on the active sheet.
   */
  getActiveRange(): EmRange | null {
    this.charge('Spreadsheet.getActiveRange');
    const wb = this.em.wb;
    if (wb.active === null || !wb.sheets.has(wb.active)) return null;
    const block = this.em.selectedBlock;
    if (block && block.sheet === wb.active) return new EmRange(this.em, block.sheet, block.row + 1, block.col + 1, block.rows, block.cols);
    const sel = wb.selection;
    if (sel && sel.sheet === wb.active) return new EmRange(this.em, sel.sheet, sel.row + 1, sel.col + 1, 1, 1);
    return new EmRange(this.em, wb.active, 1, 1, 1, 1);
  }
  getCurrentCell(): EmRange | null {
    const r = this.getActiveRange();
    return r ? new EmRange(this.em, r.getSheet().name, r.row, r.col, 1, 1) : null;
  }
  toast(message: string, title?: string, seconds?: number) {
    this.charge('Spreadsheet.toast', [message, title, seconds]);
    this.em.wb.toast(message);
    this.ui?.toast(message, title ?? '');
  }
}

function htmlOutput(html: string, file = ''): HtmlOutputData & Record<string, unknown> {
  const out = {
    html,
    file,
    title: '',
    width: null as number | null,
    height: null as number | null,
    setTitle: (t: string) => ((out.title = t), out),
    getTitle: () => out.title,
    setWidth: (w: number) => ((out.width = w), out),
    setHeight: (h: number) => ((out.height = h), out),
    getContent: () => out.html,
    setContent: (html: string) => ((out.html = html), out),
    append: (more: string) => ((out.html += more), out),
    setSandboxMode: () => out,
    setXFrameOptionsMode: () => out,
    addMetaTag: () => out,
    setFaviconUrl: () => out,
  };
  return out;
}

const BUTTONS = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
const BUTTON = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
/**
 * The buttons each set shows (REF/base/button-set: OK «a single "OK" button», OK_CANCEL, YES_NO, YES_NO_CANCEL),
 * in the order Sheets lays them out, right to left from the default; Sheets labels them in the user's
 * language («ОК», «Отмена», «Да», «Нет»). Every dialog also has the close button of its title bar, which
 * «is not explicitly added to a dialog, and it cannot be removed» (REF/base/button#CLOSE): an answer is one
 * of the set's buttons or CLOSE, nothing else.
 */
export const BUTTON_SET_BUTTONS: Record<string, readonly string[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

/** What the person answered, if the dialog could have offered it; else the host (page or test) is wrong. */
function answered(buttons: string, button: string): string {
  if (button !== BUTTON.CLOSE && !BUTTON_SET_BUTTONS[buttons]?.includes(button))
    throw new Error(`Эмулятор: ответ «${button}» — не кнопка набора ${buttons} и не «×» (REF/base/button-set).`);
  return button;
}

/** The globals of a vm context in which dist/Code.js runs against the emulator. */
export function emulatorGlobals(em: AppsScriptEmulator, ui: UiHost, options: { dist: string; title: string }): Record<string, unknown> {
  const spreadsheet = em.spreadsheet(ui, options.title);
  const menuBuilder = (title: string) => {
    const items: Array<{ title: string; handler: string } | 'separator'> = [];
    const api = {
      addItem: (t: string, handler: string) => (items.push({ title: t, handler }), api),
      addSeparator: () => (items.push('separator'), api),
      addSubMenu: () => api,
      addToUi: () => ui.menu(items, title),
    };
    return api;
  };
  // alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons) (REF/base/ui#alert).
  const parse = (a: string, b?: string, c?: string): [string, string, string] => {
    const out: [string, string, string] =
      c !== undefined ? [a, b ?? '', c] : b !== undefined && b in BUTTONS ? ['', a, b] : b !== undefined ? [a, b, 'OK'] : ['', a, 'OK'];
    // A button set that is not a ButtonSet: the call matches none of the method's signatures.
    if (!(out[2] in BUTTONS))
      throw new Error(`Exception: The parameters (String,String,${typeof c}) don't match the method signature for Ui.alert.`);
    return out;
  };
  const uiApi = {
    ButtonSet: BUTTONS,
    Button: BUTTON,
    createAddonMenu: () => menuBuilder('ШНОР'),
    createMenu: (title: string) => menuBuilder(title),
    alert(a: string, b?: string, c?: string) {
      const [title, text, buttons] = parse(a, b, c);
      if (buttons === 'OK') {
        ui.alert(title, text);
        return BUTTON.OK;
      }
      return answered(buttons, ui.ask('confirm', title, text, buttons).button);
    },
    prompt(a: string, b?: string, c?: string) {
      const [title, text, buttons] = parse(a, b, c);
      const answer = ui.ask('prompt', title, text, buttons);
      const button = answered(buttons, answer.button);
      return { getSelectedButton: () => button, getResponseText: () => answer.text };
    },
    showSidebar: (html: HtmlOutputData) => ui.showSidebar(html),
    // A dialog shows the HtmlOutput with the title given; a modal one blocks the spreadsheet until it is
    // closed, and the script that opened it carries on at once (REF/base/ui#showModalDialog(Object,String)).
    showModalDialog: (html: HtmlOutputData, title: string) => ui.showDialog(html, title, true),
    showModelessDialog: (html: HtmlOutputData, title: string) => ui.showDialog(html, title, false),
  };
  const SpreadsheetApp = {
    BooleanCriteria: { CUSTOM_FORMULA: 'CUSTOM_FORMULA' },
    ColorType: COLOR_TYPES,
    DataValidationCriteria: CRITERIA,
    ProtectionType: { SHEET: 'SHEET', RANGE: 'RANGE' },
    CopyPasteType: COPY_PASTE_TYPES,
    getUi: () => uiApi,
    getActiveSpreadsheet: () => spreadsheet,
    getActive: () => spreadsheet,
    getActiveSheet: () => spreadsheet.getActiveSheet(),
    getActiveRange: () => spreadsheet.getActiveRange(),
    newConditionalFormatRule: () => new EmRuleBuilder(em),
    newDataValidation: () => new EmValidationBuilder(em),
    flush: () => em.charge('SpreadsheetApp.flush', null),
  };
  const HtmlService = {
    createHtmlOutput: (html = '') => htmlOutput(html),
    createHtmlOutputFromFile(name: string) {
      const file = name.replace(/\.html$/, '');
      let html: string;
      try {
        html = readFileSync(join(options.dist, `${file}.html`), 'utf8');
      } catch {
        throw new Error(`Exception: No HTML file named ${name} was found.`);
      }
      return htmlOutput(html, file);
    },
    createTemplateFromFile(name: string) {
      return { evaluate: () => HtmlService.createHtmlOutputFromFile(name) };
    },
    SandboxMode: { IFRAME: 'IFRAME' },
    XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
  };
  /**
   * «Gets a lock that prevents any user of the current document from concurrently running a section of
   * code» (REF/lock/lock-service#getDocumentLock); tryLock «returns false» when the lock is not had within
   * the timeout, waitLock throws, releaseLock frees it (REF/lock/lock).
   */
  const lock = {
    tryLock: () => {
      em.charge('Lock.tryLock', null);
      if (em.lock.heldByOther) return false;
      em.lock.held = true;
      em.lock.acquired++;
      return true;
    },
    waitLock: () => {
      if (!lock.tryLock()) throw new Error('Exception: Lock timeout: another process was holding the lock for too long.');
    },
    releaseLock: () => {
      em.lock.held = false;
    },
    hasLock: () => em.lock.held,
  };
  const LockService = { getDocumentLock: () => lock, getScriptLock: () => lock, getUserLock: () => lock };
  /** REF/base/session: getActiveUser and getEffectiveUser are the person at the menu, or '' when Google does not say. */
  const user = { getEmail: () => (em.identity.hideUser ? '' : (em.wb.user ?? '')) };
  const Session = {
    getActiveUser: () => user,
    getEffectiveUser: () => user,
    getScriptTimeZone: () => 'Europe/Moscow',
    getActiveUserLocale: () => 'ru',
  };
  const properties = (store: Map<string, string>) => {
    const api = {
      getProperty: (k: string) => (em.charge('Properties.getProperty', null), store.get(k) ?? null),
      setProperty(k: string, v: string) {
        em.charge('Properties.setProperty', null);
        store.set(k, String(v));
        return api;
      },
      deleteProperty(k: string) {
        em.charge('Properties.deleteProperty', null);
        store.delete(k);
        return api;
      },
      getProperties: () => (em.charge('Properties.getProperties', null), Object.fromEntries(store)),
      setProperties(values: Record<string, string>) {
        em.charge('Properties.setProperties', null);
        for (const [k, v] of Object.entries(values)) store.set(k, String(v));
        return api;
      },
    };
    return api;
  };
  const p = em.state.properties;
  const PropertiesService = {
    getDocumentProperties: () => properties(p.document as Map<string, string>),
    getUserProperties: () => properties(p.user as Map<string, string>),
    getScriptProperties: () => properties(p.script as Map<string, string>),
  };
  const Charts = { ChartType: Object.fromEntries(CHART_TYPES.map((t) => [t, t])) };
  return { SpreadsheetApp, HtmlService, LockService, Session, PropertiesService, Charts, console };
}

/** Whether an error is Google stopping the run for time (a real execution cannot catch it). */
export function isExceededTime(e: unknown): boolean {
  return e instanceof ExceededTime || (e instanceof Error && e.message === 'Exceeded maximum execution time');
}
