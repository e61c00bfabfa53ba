/**
 * The Apps Script globals the add-on's bundle touches (SpreadsheetApp, HtmlService, LockService, Session,
 * PropertiesService, Charts), implemented over a MemoryWorkbook for the local preview.
 *
 * Why an adapter over MemoryWorkbook rather than a second spreadsheet model: the preview then keeps its
 * state in the same in-memory workbook the tests and the CLI use, so what the page draws (values,
 * backgrounds, bold, notes, validation, conditional rules, charts) is read from one well-known model, a
 * snapshot for rolling back a handler is a structured clone of it, and the bundle's real Apps Script
 * port (AppsScriptWorkbook) runs unchanged on top. Each Apps Script call here maps to plain edits of the
 * MemorySheet it names; nothing is per-cell in the bundle's eyes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CellValue } from '../../core/text';
import type { ConditionalRule, Protection, Range, Validation } from '../../workbook/port';
import type { MemorySheet, MemoryWorkbook } from '../../workbook/memory';

/** What the page is asked to show; the session turns these into events for the browser. */
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
}

/** Grid size (Sheets has 1000 × 26 on a new tab) and stable sheet ids, kept beside the workbook. */
export interface PreviewState {
  wb: MemoryWorkbook;
  sizes: Map<string, { rows: number; cols: number }>;
  ids: Map<string, number>;
  properties: Record<string, Map<string, string>>;
}

export function previewState(wb: MemoryWorkbook): PreviewState {
  const state: PreviewState = {
    wb,
    sizes: new Map(),
    ids: new Map(),
    properties: { document: new Map(), user: new Map(), script: new Map() },
  };
  for (const name of wb.sheets.keys()) sheetId(state, name);
  // The person at the preview is the workbook's owner, a methodologist of the district office.
  wb.user ??= PREVIEW_USER;
  wb.owner ??= PREVIEW_USER;
  return state;
}

/** Who runs the add-on in the preview and owns its workbook, unless a test says otherwise. */
export const PREVIEW_USER = 'metodist@preview.local';

function sheetId(state: PreviewState, name: string): number {
  let id = state.ids.get(name);
  if (id === undefined) {
    id = state.ids.size === 0 ? 0 : 1_000_000 + state.ids.size * 7919;
    state.ids.set(name, id);
  }
  return id;
}

function size(state: PreviewState, s: MemorySheet): { rows: number; cols: number } {
  let z = state.sizes.get(s.name);
  if (!z) {
    const width = s.values.reduce((w, r) => Math.max(w, r.length), 0);
    z = { rows: Math.max(1000, s.values.length), cols: Math.max(26, width) };
    state.sizes.set(s.name, z);
  }
  return z;
}

const FORMULA = /^=/;

class PreviewRange {
  constructor(
    private readonly state: PreviewState,
    private readonly sheetName: string,
    readonly row: number,
    readonly col: number,
    readonly rows: number,
    readonly cols: number,
  ) {}
  private get s(): MemorySheet {
    return this.state.wb.sheet(this.sheetName);
  }
  private get zero(): Range {
    return { row: this.row - 1, col: this.col - 1, rows: this.rows, cols: this.cols };
  }
  private fit(block: unknown[][], what: string): void {
    if (block.length !== this.rows || block.some((l) => l.length !== this.cols)) {
      throw new Error(
        `Exception: The number of rows or columns in the data does not match the range (${what}: ${block.length}×${block[0]?.length ?? 0}, диапазон ${this.rows}×${this.cols}).`,
      );
    }
  }
  private grid<T>(grid: T[][], block: T[][]): void {
    block.forEach((line, i) => {
      const r = this.row - 1 + i;
      while (grid.length <= r) grid.push([]);
      line.forEach((v, j) => ((grid[r] as T[])[this.col - 1 + j] = v));
    });
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
    return new PreviewSheet(this.state, this.sheetName);
  }
  getA1Notation(): string {
    const a = (r: number, c: number) => `${letters(c)}${r}`;
    const tl = a(this.row, this.col);
    return this.rows === 1 && this.cols === 1 ? tl : `${tl}:${a(this.row + this.rows - 1, this.col + this.cols - 1)}`;
  }
  getValues(): unknown[][] {
    const s = this.s;
    return Array.from({ length: this.rows }, (_, i) =>
      Array.from({ length: this.cols }, (_, j) => {
        const v = s.values[this.row - 1 + i]?.[this.col - 1 + j];
        return v === null || v === undefined ? '' : v;
      }),
    );
  }
  getDisplayValues(): string[][] {
    return this.getValues().map((l) => l.map((v) => (v instanceof Date ? v.toISOString() : String(v))));
  }
  getValue(): unknown {
    return this.getValues()[0]?.[0] ?? '';
  }
  getFormulas(): string[][] {
    return Array.from({ length: this.rows }, (_, i) =>
      Array.from({ length: this.cols }, (_, j) => this.s.formulas[this.row - 1 + i]?.[this.col - 1 + j] ?? ''),
    );
  }
  setValues(block: unknown[][]) {
    this.fit(block, 'setValues');
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    let anyFormula = false;
    for (const line of block) {
      values.push(
        line.map((v) => {
          if (typeof v === 'string' && v.startsWith("'")) return v.slice(1);
          if (typeof v === 'string' && FORMULA.test(v)) return null;
          return v === '' ? null : (v as CellValue);
        }),
      );
      formulas.push(
        line.map((v) => {
          const f = typeof v === 'string' && FORMULA.test(v) ? v : null;
          if (f) anyFormula = true;
          return f;
        }),
      );
    }
    this.state.wb.writeBlock(this.sheetName, this.row - 1, this.col - 1, values);
    if (anyFormula) this.state.wb.writeFormulas(this.sheetName, this.row - 1, this.col - 1, formulas);
    return this;
  }
  setValue(v: unknown) {
    return this.setValues([[v]]);
  }
  setFormulas(block: string[][]) {
    this.fit(block, 'setFormulas');
    this.state.wb.writeFormulas(this.sheetName, this.row - 1, this.col - 1, block);
    return this;
  }
  setFormula(f: string) {
    return this.setFormulas([[f]]);
  }
  setBackgrounds(block: (string | null)[][]) {
    this.fit(block, 'setBackgrounds');
    this.grid(this.s.backgrounds, block);
    return this;
  }
  setBackground(color: string | null) {
    return this.setBackgrounds(this.fill(color));
  }
  setFontWeights(block: ('bold' | 'normal' | null)[][]) {
    this.fit(block, 'setFontWeights');
    this.grid(this.s.weights, block);
    return this;
  }
  setFontWeight(w: 'bold' | 'normal' | null) {
    return this.setFontWeights(this.fill(w));
  }
  setNotes(block: (string | null)[][]) {
    this.fit(block, 'setNotes');
    this.grid(
      this.s.notes,
      block.map((l) => l.map((n) => (n === '' ? null : n))),
    );
    return this;
  }
  setNote(n: string | null) {
    return this.setNotes(this.fill(n));
  }
  setNumberFormat(format: string) {
    this.state.wb.setNumberFormat(this.sheetName, this.zero, format);
    return this;
  }
  setDataValidation(rule: Validation | null) {
    this.clearDataValidations();
    if (rule) this.s.validations.push({ range: this.zero, rule });
    return this;
  }
  clearDataValidations() {
    const z = this.zero;
    this.s.validations = this.s.validations.filter((v) => !overlaps(v.range, z));
    return this;
  }
  clearContent() {
    this.state.wb.clearBlock(this.sheetName, this.zero);
    return this;
  }
  clear() {
    this.clearContent();
    const blank = <T>(g: T[][]) => this.grid(g, this.fill(null as T));
    blank(this.s.backgrounds);
    blank(this.s.weights);
    return this;
  }
  breakApart() {
    const z = this.zero;
    this.s.merges = this.s.merges.filter((m) => !overlaps(m, z));
    return this;
  }
  merge() {
    this.breakApart();
    this.s.merges.push(this.zero);
    return this;
  }
  getMergedRanges(): PreviewRange[] {
    const z = this.zero;
    return this.s.merges
      .filter((m) => overlaps(m, z))
      .map((m) => new PreviewRange(this.state, this.sheetName, m.row + 1, m.col + 1, m.rows, m.cols));
  }
  activate() {
    this.state.wb.active = this.sheetName;
    this.state.wb.selection = { sheet: this.sheetName, row: this.row - 1, col: this.col - 1 };
    return this;
  }
  getNotes(): string[][] {
    return this.cells((r, c) => this.s.notes[r]?.[c] ?? '');
  }
  /** Sheets reads its automatic format back as '0.###############'. */
  getNumberFormats(): string[][] {
    const formats = [...this.s.numberFormats].map(([k, format]) => ({ range: rangeOfKey(k), format }));
    return this.cells((r, c) => formats.filter((f) => inside(f.range, r, c)).at(-1)?.format ?? '0.###############');
  }
  getDataValidations(): (PreviewValidation | null)[][] {
    return this.cells((r, c) => {
      const v = this.s.validations.filter((x) => inside(x.range, r, c)).at(-1);
      return v ? new PreviewValidation(v.rule) : null;
    });
  }
  /** A new range protection, kept in the workbook's list; the owner and the person protecting are editors. */
  protect(): PreviewProtection {
    return newProtection(this.state, { sheet: this.sheetName, range: this.zero, description: '', editors: [] });
  }
  /** A block of the range, cell by cell, with 0-based sheet coordinates. */
  private cells<T>(fn: (row: number, col: number) => T): T[][] {
    return Array.from({ length: this.rows }, (_, i) => Array.from({ length: this.cols }, (_, j) => fn(this.row - 1 + i, this.col - 1 + j)));
  }
  private fill<T>(v: T): T[][] {
    return Array.from({ length: this.rows }, () => Array.from({ length: this.cols }, () => v));
  }
}

const inside = (r: Range, row: number, col: number) => row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;

/** MemorySheet keeps number formats by "row:col:rows:cols". */
function rangeOfKey(k: string): Range {
  const [row, col, rows, cols] = k.split(':').map(Number) as [number, number, number, number];
  return { row, col, rows, cols };
}

const CRITERIA = {
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  CHECKBOX: 'CHECKBOX',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
};
const ruNumber = (n: number) => String(n).replace('.', ',');

/** A cell's data validation as Apps Script reads it back. */
class PreviewValidation {
  constructor(private readonly rule: Validation) {}
  getCriteriaType(): string {
    return { list: CRITERIA.VALUE_IN_LIST, number: CRITERIA.NUMBER_BETWEEN, checkbox: CRITERIA.CHECKBOX, formula: CRITERIA.CUSTOM_FORMULA }[
      this.rule.kind
    ];
  }
  getCriteriaValues(): unknown[] {
    const r = this.rule;
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

/**
 * A protection of the preview: an entry of the MemoryWorkbook's `protections` (the port's terms),
 * changed in place by the setters, so that what the bundle protects is what the workbook holds.
 */
class PreviewProtection {
  constructor(
    private readonly state: PreviewState,
    readonly p: Protection,
  ) {}
  getProtectionType(): string {
    return this.p.range ? 'RANGE' : 'SHEET';
  }
  getRange(): PreviewRange {
    const r = this.p.range;
    if (r) return new PreviewRange(this.state, this.p.sheet, r.row + 1, r.col + 1, r.rows, r.cols);
    const z = size(this.state, this.state.wb.sheet(this.p.sheet));
    return new PreviewRange(this.state, this.p.sheet, 1, 1, z.rows, z.cols);
  }
  getDescription() {
    return this.p.description;
  }
  setDescription(d: string) {
    this.p.description = String(d);
    return this;
  }
  getEditors() {
    return this.p.editors.map((email) => ({ getEmail: () => email }));
  }
  addEditors(emails: string[]) {
    for (const e of emails.map((x) => x.toLowerCase())) if (!this.p.editors.includes(e)) this.p.editors.push(e);
    return this;
  }
  /** As in Sheets, the owner and the person running stay editors. */
  removeEditors(users: Array<string | { getEmail(): string }>) {
    const keep = [this.state.wb.owner, this.state.wb.user];
    const gone = users.map((u) => (typeof u === 'string' ? u : u.getEmail()).toLowerCase()).filter((e) => !keep.includes(e));
    this.p.editors = this.p.editors.filter((e) => !gone.includes(e));
    return this;
  }
  /** Nobody else in the domain edits a protection of the preview: there is no domain. */
  canDomainEdit() {
    return false;
  }
  setDomainEdit() {
    return this;
  }
  isWarningOnly() {
    return !!this.p.warningOnly;
  }
  setWarningOnly(v: boolean) {
    if (v) {
      this.p.warningOnly = true;
      this.p.editors = [];
    } else delete this.p.warningOnly;
    return this;
  }
  remove() {
    this.state.wb.protections = this.state.wb.protections.filter((x) => x !== this.p);
  }
}

function newProtection(state: PreviewState, p: Protection): PreviewProtection {
  for (const e of [state.wb.owner, state.wb.user]) if (e && !p.editors.includes(e)) p.editors.push(e);
  state.wb.protections.push(p);
  return new PreviewProtection(state, p);
}

function overlaps(a: Range, b: Range): boolean {
  return a.row < b.row + b.rows && a.row + a.rows > b.row && a.col < b.col + b.cols && a.col + a.cols > b.col;
}

export function letters(col1: number): string {
  let s = '';
  for (let n = col1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A conditional-format rule as the bundle sees it: only custom-formula rules exist in the preview. */
class PreviewRule {
  constructor(
    readonly rule: ConditionalRule,
    private readonly state: PreviewState,
    private readonly sheetName: string,
  ) {}
  getRanges(): PreviewRange[] {
    return this.rule.ranges.map((r) => new PreviewRange(this.state, this.sheetName, r.row + 1, r.col + 1, r.rows, r.cols));
  }
  getBooleanCondition() {
    const r = this.rule;
    return {
      getCriteriaType: () => (r.formula ? 'CUSTOM_FORMULA' : 'OTHER'),
      getCriteriaValues: () => (r.formula ? [r.formula] : []),
      getBackground: () => r.background ?? null,
      getFontColor: () => r.fontColor ?? null,
      getBold: () => r.bold ?? null,
    };
  }
  getGradientCondition() {
    return null;
  }
  copy() {
    return new PreviewRuleBuilder(this.state, this.sheetName, { ...this.rule });
  }
}

class PreviewRuleBuilder {
  constructor(
    private readonly state: PreviewState | null,
    private readonly sheetName: string,
    private readonly rule: ConditionalRule = { ranges: [], formula: '' },
  ) {}
  whenFormulaSatisfied(formula: string) {
    this.rule.formula = formula;
    return this;
  }
  setRanges(ranges: PreviewRange[]) {
    this.rule.ranges = ranges.map((r) => ({ row: r.row - 1, col: r.col - 1, rows: r.rows, cols: r.cols }));
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
  build(): { rule: ConditionalRule } {
    return { rule: { ...this.rule, ranges: this.rule.ranges.map((r) => ({ ...r })) } };
  }
}

class PreviewValidationBuilder {
  private rule: Validation | null = null;
  private allowInvalid = true;
  private help = '';
  requireValueInList(values: string[]) {
    this.rule = { kind: 'list', values: [...values], strict: false };
    return this;
  }
  requireNumberBetween(min: number, max: number) {
    this.rule = { kind: 'number', min, max };
    return this;
  }
  requireCheckbox() {
    this.rule = { kind: 'checkbox' };
    return this;
  }
  requireFormulaSatisfied(formula: string) {
    this.rule = { kind: 'formula', formula, help: '', strict: false };
    return this;
  }
  setAllowInvalid(allow: boolean) {
    this.allowInvalid = allow;
    return this;
  }
  setHelpText(text: string) {
    this.help = String(text ?? '');
    return this;
  }
  /** The rule in the port's terms; an integer range is told by its hint, as AppsScriptWorkbook reads it back. */
  build(): Validation {
    const r = this.rule;
    if (!r) throw new Error('Предпросмотр: правило проверки данных без условия');
    if (r.kind === 'list') return { ...r, strict: !this.allowInvalid };
    if (r.kind === 'formula') return { ...r, help: this.help, strict: !this.allowInvalid };
    if (r.kind === 'number' && /^Целое/.test(this.help)) return { ...r, integer: true };
    return { ...r };
  }
}

interface ChartObject {
  spec: { title: string; range: Range; anchor: { row: number; col: number } };
  getOptions(): { get(key: string): unknown };
}

class PreviewSheet {
  constructor(
    private readonly state: PreviewState,
    readonly name: string,
  ) {}
  private get s(): MemorySheet {
    return this.state.wb.sheet(this.name);
  }
  getName() {
    return this.name;
  }
  getSheetId() {
    return sheetId(this.state, this.name);
  }
  getIndex() {
    return [...this.state.wb.sheets.keys()].indexOf(this.name) + 1;
  }
  activate() {
    this.state.wb.active = this.name;
    return this;
  }
  getMaxRows() {
    return size(this.state, this.s).rows;
  }
  getMaxColumns() {
    return size(this.state, this.s).cols;
  }
  /** The last row holding a value, as in Sheets (rows emptied by clearing do not count). */
  getLastRow() {
    const v = this.s.values;
    let last = v.length;
    while (last > 0 && !(v[last - 1] ?? []).some((x) => x !== null && x !== undefined && x !== '')) last--;
    return last;
  }
  getLastColumn() {
    return this.s.values.reduce((w, r) => Math.max(w, r.length), 0);
  }
  insertRowsAfter(_after: number, n: number) {
    size(this.state, this.s).rows += n;
    return this;
  }
  insertColumnsAfter(_after: number, n: number) {
    size(this.state, this.s).cols += n;
    return this;
  }
  /** Rows from `position` move down with everything on them; protected blocks move (or grow) too. */
  insertRowsBefore(position: number, n: number) {
    const z = size(this.state, this.s);
    if (position < 1 || position > z.rows || n < 1) throw new Error('Exception: Those rows are out of bounds.');
    const before = position - 1;
    this.state.wb.insertRows(this.name, before, n);
    z.rows += n;
    for (const p of this.state.wb.protections) {
      const r = p.range;
      if (p.sheet !== this.name || !r) continue;
      if (r.row >= before) r.row += n;
      else if (r.row + r.rows > before) r.rows += n;
    }
    return this;
  }
  /** A sheet has one sheet protection at most: protecting it again gives that one back. */
  protect(): PreviewProtection {
    const existing = this.state.wb.protections.find((p) => p.sheet === this.name && p.range === null);
    if (existing) return new PreviewProtection(this.state, existing);
    return newProtection(this.state, { sheet: this.name, range: null, description: '', editors: [] });
  }
  getRange(a: number | string, b?: number, c = 1, d = 1): PreviewRange {
    let row: number;
    let col: number;
    let rows = c;
    let cols = d;
    if (typeof a === 'string') {
      const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(a.replace(/\$/g, ''));
      if (!m) throw new Error(`Предпросмотр: не понять диапазон «${a}»`);
      const colOf = (l: string) => [...l.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      row = Number(m[2]);
      col = colOf(m[1] as string);
      rows = m[4] ? Number(m[4]) - row + 1 : 1;
      cols = m[3] ? colOf(m[3]) - col + 1 : 1;
    } else {
      row = a;
      col = b ?? 1;
    }
    const z = size(this.state, this.s);
    if (row < 1 || col < 1 || rows < 1 || cols < 1 || row + rows - 1 > z.rows || col + cols - 1 > z.cols) {
      throw new Error('Exception: Those rows are out of bounds.');
    }
    return new PreviewRange(this.state, this.name, row, col, rows, cols);
  }
  getDataRange(): PreviewRange {
    const rows = this.s.values.length;
    const cols = this.getLastColumn();
    return new PreviewRange(this.state, this.name, 1, 1, Math.max(rows, 1), Math.max(cols, 1));
  }
  clear() {
    const s = this.s;
    s.values = [];
    s.formulas = [];
    s.backgrounds = [];
    s.weights = [];
    s.numberFormats.clear();
    return this;
  }
  clearContents() {
    this.s.values = [];
    this.s.formulas = [];
    return this;
  }
  clearNotes() {
    this.s.notes = [];
    return this;
  }
  getConditionalFormatRules(): PreviewRule[] {
    return this.s.rules.map((r) => new PreviewRule(r, this.state, this.name));
  }
  setConditionalFormatRules(rules: Array<{ rule: ConditionalRule }>) {
    this.s.rules = rules.map((r) => ({ ...r.rule, ranges: r.rule.ranges.map((x) => ({ ...x })) }));
  }
  setColumnWidth(col: number, width: number) {
    this.s.widths.set(col - 1, width);
    return this;
  }
  setColumnWidths(col: number, n: number, width: number) {
    for (let i = 0; i < n; i++) this.s.widths.set(col - 1 + i, width);
    return this;
  }
  setFrozenRows(rows: number) {
    this.s.frozen = { ...this.s.frozen, rows };
  }
  setFrozenColumns(cols: number) {
    this.s.frozen = { ...this.s.frozen, cols };
  }
  getFrozenRows() {
    return this.s.frozen.rows;
  }
  getFrozenColumns() {
    return this.s.frozen.cols;
  }
  getCharts(): ChartObject[] {
    return this.s.charts.map((spec) => ({ spec, getOptions: () => ({ get: (k: string) => (k === 'title' ? spec.title : undefined) }) }));
  }
  removeChart(chart: ChartObject) {
    this.s.charts = this.s.charts.filter((c) => c.title !== chart.spec.title);
  }
  insertChart(chart: ChartObject) {
    this.s.charts.push(chart.spec);
  }
  newChart() {
    const spec: ChartObject['spec'] = { title: '', range: { row: 0, col: 0, rows: 0, cols: 0 }, anchor: { row: 0, col: 0 } };
    const builder = {
      setChartType: () => builder,
      addRange: (r: PreviewRange) => ((spec.range = { row: r.row - 1, col: r.col - 1, rows: r.rows, cols: r.cols }), builder),
      setNumHeaders: () => builder,
      setPosition: (row: number, col: number) => ((spec.anchor = { row: row - 1, col: col - 1 }), builder),
      setOption: (k: string, v: unknown) => (k === 'title' ? (spec.title = String(v)) : undefined, builder),
      build: (): ChartObject => ({ spec, getOptions: () => ({ get: (k: string) => (k === 'title' ? spec.title : undefined) }) }),
    };
    return builder;
  }
}

class PreviewSpreadsheet {
  constructor(
    private readonly state: PreviewState,
    private readonly ui: UiHost,
    private readonly title: string,
  ) {}
  getName() {
    return this.title;
  }
  getId() {
    return 'preview';
  }
  getSheets() {
    return [...this.state.wb.sheets.keys()].map((n) => new PreviewSheet(this.state, n));
  }
  getNumSheets() {
    return this.state.wb.sheets.size;
  }
  getSheetByName(name: string) {
    return this.state.wb.sheets.has(name) ? new PreviewSheet(this.state, name) : null;
  }
  getActiveSheet() {
    const a = this.state.wb.active;
    return a !== null && this.state.wb.sheets.has(a) ? new PreviewSheet(this.state, a) : null;
  }
  setActiveSheet(sheet: PreviewSheet) {
    this.state.wb.active = sheet.name;
    return sheet;
  }
  /** Sheets puts the new tab at `index` and makes it the active one. */
  insertSheet(name: string, index?: number) {
    const wb = this.state.wb;
    if (wb.sheets.has(name)) throw new Error(`Exception: A sheet with the name "${name}" already exists.`);
    wb.ensureSheet(name);
    if (index !== undefined && index < wb.sheets.size - 1) {
      const entries = [...wb.sheets.entries()];
      const created = entries.pop() as [string, MemorySheet];
      entries.splice(index, 0, created);
      wb.sheets.clear();
      for (const [k, v] of entries) wb.sheets.set(k, v);
    }
    sheetId(this.state, name);
    wb.active = name;
    return new PreviewSheet(this.state, name);
  }
  getOwner() {
    const owner = this.state.wb.owner;
    return owner ? { getEmail: () => owner } : null;
  }
  getProtections(type: string): PreviewProtection[] {
    return this.state.wb.protections
      .filter((p) => (type === 'SHEET' ? p.range === null : p.range !== null) && this.state.wb.sheets.has(p.sheet))
      .map((p) => new PreviewProtection(this.state, p));
  }
  /** The cell the user clicked on the active sheet; A1 of the active sheet when none was clicked, as in Sheets. */
  getActiveRange(): PreviewRange | null {
    const wb = this.state.wb;
    if (wb.active === null || !wb.sheets.has(wb.active)) return null;
    const sel = wb.selection;
    if (sel && sel.sheet === wb.active) return new PreviewRange(this.state, sel.sheet, sel.row + 1, sel.col + 1, 1, 1);
    return new PreviewRange(this.state, wb.active, 1, 1, 1, 1);
  }
  getCurrentCell(): PreviewRange | null {
    return this.getActiveRange();
  }
  toast(message: string, title?: string) {
    this.state.wb.toast(message);
    this.ui.toast(message, title ?? '');
  }
}

function htmlOutput(html: string): HtmlOutputData & Record<string, unknown> {
  const out = {
    html,
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

/** The globals of a vm context in which dist/Code.js runs against the preview's workbook. */
export function previewGlobals(state: PreviewState, ui: UiHost, options: { dist: string; title: string }): Record<string, unknown> {
  const spreadsheet = new PreviewSpreadsheet(state, ui, options.title);
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
  const uiApi = {
    ButtonSet: BUTTONS,
    Button: BUTTON,
    createAddonMenu: () => menuBuilder('ШНОР'),
    createMenu: (title: string) => menuBuilder(title),
    alert(a: string, b?: string, c?: string) {
      // alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons).
      const [title, text, buttons] =
        c !== undefined ? [a, b ?? '', c] : b !== undefined && b in BUTTONS ? ['', a, b] : b !== undefined ? [a, b, 'OK'] : ['', a, 'OK'];
      if (buttons === 'OK') {
        ui.alert(title, text);
        return BUTTON.OK;
      }
      return ui.ask('confirm', title, text, buttons).button;
    },
    prompt(a: string, b?: string, c?: string) {
      const [title, text, buttons] =
        c !== undefined ? [a, b ?? '', c] : b !== undefined && b in BUTTONS ? ['', a, b] : b !== undefined ? [a, b, 'OK'] : ['', a, 'OK'];
      const answer = ui.ask('prompt', title, text, buttons);
      return { getSelectedButton: () => answer.button, getResponseText: () => answer.text };
    },
    showSidebar: (html: HtmlOutputData) => ui.showSidebar(html),
    showModalDialog: (html: HtmlOutputData, title: string) => ui.showDialog(html, title, true),
    showModelessDialog: (html: HtmlOutputData, title: string) => ui.showDialog(html, title, false),
  };
  const SpreadsheetApp = {
    BooleanCriteria: { CUSTOM_FORMULA: 'CUSTOM_FORMULA' },
    DataValidationCriteria: CRITERIA,
    ProtectionType: { SHEET: 'SHEET', RANGE: 'RANGE' },
    getUi: () => uiApi,
    getActiveSpreadsheet: () => spreadsheet,
    getActive: () => spreadsheet,
    getActiveSheet: () => spreadsheet.getActiveSheet(),
    getActiveRange: () => spreadsheet.getActiveRange(),
    newConditionalFormatRule: () => new PreviewRuleBuilder(state, ''),
    newDataValidation: () => new PreviewValidationBuilder(),
    flush: () => undefined,
  };
  const HtmlService = {
    createHtmlOutput: (html = '') => htmlOutput(html),
    createHtmlOutputFromFile(name: string) {
      let html: string;
      try {
        html = readFileSync(join(options.dist, `${name.replace(/\.html$/, '')}.html`), 'utf8');
      } catch {
        throw new Error(`Exception: No HTML file named ${name} was found.`);
      }
      return htmlOutput(html);
    },
    createTemplateFromFile(name: string) {
      return { evaluate: () => HtmlService.createHtmlOutputFromFile(name) };
    },
    SandboxMode: { IFRAME: 'IFRAME' },
    XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
  };
  const lock = { tryLock: () => true, waitLock: () => undefined, releaseLock: () => undefined, hasLock: () => true };
  const LockService = { getDocumentLock: () => lock, getScriptLock: () => lock, getUserLock: () => lock };
  const user = { getEmail: () => state.wb.user ?? '' };
  const Session = {
    getActiveUser: () => user,
    getEffectiveUser: () => user,
    getScriptTimeZone: () => 'Europe/Moscow',
    getActiveUserLocale: () => 'ru',
  };
  const properties = (store: Map<string, string>) => ({
    getProperty: (k: string) => store.get(k) ?? null,
    setProperty(k: string, v: string) {
      store.set(k, String(v));
      return this;
    },
    deleteProperty(k: string) {
      store.delete(k);
      return this;
    },
    getProperties: () => Object.fromEntries(store),
    setProperties(values: Record<string, string>) {
      for (const [k, v] of Object.entries(values)) store.set(k, String(v));
      return this;
    },
  });
  const PropertiesService = {
    getDocumentProperties: () => properties(state.properties.document as Map<string, string>),
    getUserProperties: () => properties(state.properties.user as Map<string, string>),
    getScriptProperties: () => properties(state.properties.script as Map<string, string>),
  };
  const Charts = { ChartType: { COLUMN: 'COLUMN', BAR: 'BAR', LINE: 'LINE' } };
  return { SpreadsheetApp, HtmlService, LockService, Session, PropertiesService, Charts, console };
}
