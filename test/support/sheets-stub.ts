/**
 * A hand-written stub of the SpreadsheetApp objects the add-on uses. It keeps a grid per sheet, behaves
 * like Sheets where it matters (getRange past the edge throws, a leading apostrophe makes text, an empty
 * sheet's data range is A1) and counts every call.
 */
import type { Grid as ResultGrid } from '../../src/core/results';
import type { Range } from '../../src/workbook/port';
import { expect } from 'vitest';

export const calls = new Map<string, number>();
export function hit(name: string): void {
  calls.set(name, (calls.get(name) ?? 0) + 1);
}
export function callsOf(prefix = ''): Record<string, number> {
  return Object.fromEntries([...calls].filter(([k]) => k.startsWith(prefix)));
}

export interface Condition {
  type: string;
  values: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
}

export class StubRule {
  constructor(
    readonly ranges: StubRange[],
    readonly condition: Condition | null,
  ) {}
  getRanges(): StubRange[] {
    hit('Rule.getRanges');
    return this.ranges;
  }
  getBooleanCondition() {
    hit('Rule.getBooleanCondition');
    const c = this.condition;
    if (!c) return null;
    return {
      getCriteriaType: () => c.type,
      getCriteriaValues: () => c.values,
      getBackground: () => c.background,
      getFontColor: () => c.fontColor,
      getBold: () => c.bold,
    };
  }
  getGradientCondition() {
    return this.condition ? null : {};
  }
}

export class StubRuleBuilder {
  private condition: Condition = { type: '', values: [], background: null, fontColor: null, bold: null };
  private ranges: StubRange[] = [];
  whenFormulaSatisfied(formula: string) {
    this.condition.type = 'CUSTOM_FORMULA';
    this.condition.values = [formula];
    return this;
  }
  setRanges(ranges: StubRange[]) {
    this.ranges = ranges;
    return this;
  }
  setBackground(color: string | null) {
    this.condition.background = color;
    return this;
  }
  setFontColor(color: string | null) {
    this.condition.fontColor = color;
    return this;
  }
  setBold(bold: boolean | null) {
    this.condition.bold = bold;
    return this;
  }
  build(): StubRule {
    hit('RuleBuilder.build');
    return new StubRule(this.ranges, { ...this.condition });
  }
}

export interface StubValidation {
  criteria: string;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export class StubValidationBuilder {
  private v: StubValidation = { criteria: '', args: [], allowInvalid: true, helpText: null };
  requireValueInList(values: string[], dropdown: boolean) {
    this.v.criteria = 'VALUE_IN_LIST';
    this.v.args = [values, dropdown];
    return this;
  }
  requireNumberBetween(min: number, max: number) {
    this.v.criteria = 'NUMBER_BETWEEN';
    this.v.args = [min, max];
    return this;
  }
  requireCheckbox() {
    this.v.criteria = 'CHECKBOX';
    return this;
  }
  requireFormulaSatisfied(formula: string) {
    this.v.criteria = 'CUSTOM_FORMULA';
    this.v.args = [formula];
    return this;
  }
  setAllowInvalid(allow: boolean) {
    this.v.allowInvalid = allow;
    return this;
  }
  setHelpText(text: string) {
    this.v.helpText = text;
    return this;
  }
  build(): StubValidation {
    return { ...this.v };
  }
}

type Grid<T> = Map<string, T>;
export const key = (r: number, c: number) => `${r}:${c}`;

export class StubSheet {
  /** 0-based cells; absent means ''. */
  readonly values: Grid<unknown> = new Map();
  readonly formulas: Grid<string> = new Map();
  readonly backgrounds: Grid<string | null> = new Map();
  readonly weights: Grid<string | null> = new Map();
  readonly notes: Grid<string | null> = new Map();
  readonly validations: Array<{ range: Range; rule: StubValidation | null }> = [];
  readonly formats: Array<{ range: Range; format: string }> = [];
  /** What setValues was given, as given. */
  readonly written: unknown[][][] = [];
  merges: Range[] = [];
  rules: StubRule[] = [];
  maxRows = 1000;
  maxCols = 26;
  frozen = { rows: 0, cols: 0 };
  readonly widths = new Map<number, number>();
  cleared = 0;

  constructor(
    public name: string,
    readonly id: number,
  ) {}

  getName(): string {
    hit('Sheet.getName');
    return this.name;
  }
  getSheetId(): number {
    hit('Sheet.getSheetId');
    return this.id;
  }
  /** Embedded charts as built: type, ranges (0-based), position, options. */
  charts: Array<{
    type: string;
    ranges: Range[];
    position: [number, number];
    options: Map<string, unknown>;
    getOptions: () => { get: (k: string) => unknown };
  }> = [];
  getCharts() {
    hit('Sheet.getCharts');
    return [...this.charts];
  }
  removeChart(chart: StubSheet['charts'][number]): void {
    hit('Sheet.removeChart');
    this.charts = this.charts.filter((c) => c !== chart);
  }
  insertChart(chart: StubSheet['charts'][number]): void {
    hit('Sheet.insertChart');
    this.charts.push(chart);
  }
  newChart() {
    const chart: StubSheet['charts'][number] = {
      type: '',
      ranges: [],
      position: [0, 0],
      options: new Map(),
      getOptions: () => ({ get: (k: string) => chart.options.get(k) }),
    };
    const builder = {
      setChartType: (t: string) => ((chart.type = t), builder),
      addRange: (r: StubRange) => (chart.ranges.push({ row: r.row - 1, col: r.col - 1, rows: r.rows, cols: r.cols }), builder),
      setNumHeaders: () => builder,
      setPosition: (row: number, col: number) => ((chart.position = [row - 1, col - 1]), builder),
      setOption: (k: string, v: unknown) => (chart.options.set(k, v), builder),
      build: () => chart,
    };
    return builder;
  }
  getFrozenRows(): number {
    hit('Sheet.getFrozenRows');
    return this.frozen.rows;
  }
  getFrozenColumns(): number {
    hit('Sheet.getFrozenColumns');
    return this.frozen.cols;
  }
  getLastRow(): number {
    hit('Sheet.getLastRow');
    let last = 0;
    for (const [k, v] of this.values) if (v !== '' && v !== null && v !== undefined) last = Math.max(last, Number(k.split(':')[0]) + 1);
    return last;
  }
  /** Like Sheets: a sheet has at most one sheet protection; protect() on a protected sheet gives it back. */
  protect(): StubProtection {
    hit('Sheet.protect');
    const existing = this.spreadsheet?.protections.find((p) => p.sheet === this && p.type === 'SHEET');
    if (existing) return existing;
    const p = new StubProtection(this, 'SHEET', null);
    this.spreadsheet?.protections.push(p);
    return p;
  }
  spreadsheet: StubSpreadsheet | null = null;
  getMaxRows(): number {
    hit('Sheet.getMaxRows');
    return this.maxRows;
  }
  getMaxColumns(): number {
    hit('Sheet.getMaxColumns');
    return this.maxCols;
  }
  insertRowsAfter(after: number, n: number) {
    hit('Sheet.insertRowsAfter');
    expect(after).toBe(this.maxRows);
    this.maxRows += n;
    return this;
  }
  insertColumnsAfter(after: number, n: number) {
    hit('Sheet.insertColumnsAfter');
    expect(after).toBe(this.maxCols);
    this.maxCols += n;
    return this;
  }
  /** Like Sheets: rows from `position` (1-based) move down with values, formats and notes; validation ranges across the seam grow. */
  insertRowsBefore(position: number, n: number) {
    hit('Sheet.insertRowsBefore');
    if (position < 1 || position > this.maxRows) throw new Error('Exception: Those rows are out of bounds.');
    const seam = position - 1;
    for (const grid of [this.values, this.formulas, this.backgrounds, this.weights, this.notes] as Grid<unknown>[]) {
      const moved = [...grid].map(([k, v]) => {
        const [r, c] = k.split(':').map(Number) as [number, number];
        return [r >= seam ? key(r + n, c) : k, v] as const;
      });
      grid.clear();
      for (const [k, v] of moved) grid.set(k, v);
    }
    const shift = (r: Range): Range => (r.row >= seam ? { ...r, row: r.row + n } : r.row + r.rows > seam ? { ...r, rows: r.rows + n } : r);
    this.merges = this.merges.map(shift);
    for (const v of this.validations) v.range = shift(v.range);
    this.maxRows += n;
    return this;
  }
  getRange(row: number, col: number, rows: number, cols: number): StubRange {
    hit('Sheet.getRange');
    if (row < 1 || col < 1 || rows < 1 || cols < 1 || row + rows - 1 > this.maxRows || col + cols - 1 > this.maxCols) {
      throw new Error('Exception: Those rows are out of bounds.');
    }
    return new StubRange(this, row, col, rows, cols);
  }
  getDataRange(): StubRange {
    hit('Sheet.getDataRange');
    let rows = 0;
    let cols = 0;
    for (const [k, v] of this.values) {
      if (v === '') continue;
      const [r, c] = k.split(':').map(Number) as [number, number];
      rows = Math.max(rows, r + 1);
      cols = Math.max(cols, c + 1);
    }
    return new StubRange(this, 1, 1, Math.max(rows, 1), Math.max(cols, 1));
  }
  getConditionalFormatRules(): StubRule[] {
    hit('Sheet.getConditionalFormatRules');
    return [...this.rules];
  }
  setConditionalFormatRules(rules: StubRule[]): void {
    hit('Sheet.setConditionalFormatRules');
    this.rules = [...rules];
  }
  setColumnWidth(col: number, width: number) {
    hit('Sheet.setColumnWidth');
    this.widths.set(col, width);
    return this;
  }
  setColumnWidths(col: number, n: number, width: number) {
    hit('Sheet.setColumnWidths');
    for (let i = 0; i < n; i++) this.widths.set(col + i, width);
    return this;
  }
  setFrozenRows(rows: number): void {
    hit('Sheet.setFrozenRows');
    this.frozen.rows = rows;
  }
  setFrozenColumns(cols: number): void {
    hit('Sheet.setFrozenColumns');
    this.frozen.cols = cols;
  }
  clear() {
    hit('Sheet.clear');
    this.values.clear();
    this.formulas.clear();
    this.backgrounds.clear();
    this.weights.clear();
    this.cleared++;
    return this;
  }
  clearNotes() {
    hit('Sheet.clearNotes');
    this.notes.clear();
    return this;
  }
}

export class StubRange {
  constructor(
    readonly sheet: StubSheet,
    readonly row: number,
    readonly col: number,
    readonly rows: number,
    readonly cols: number,
  ) {}
  private each(fn: (r: number, c: number, i: number, j: number) => void): void {
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) fn(this.row - 1 + i, this.col - 1 + j, i, j);
  }
  private fits(block: unknown[][]): void {
    expect(block.length).toBe(this.rows);
    for (const line of block) expect(line.length).toBe(this.cols);
  }
  private put<T>(grid: Grid<T>, block: T[][]): void {
    this.fits(block);
    this.each((r, c, i, j) => grid.set(key(r, c), (block[i] as T[])[j] as T));
  }
  getSheet(): StubSheet {
    return this.sheet;
  }
  get zeroBased(): Range {
    return { row: this.row - 1, col: this.col - 1, rows: this.rows, cols: this.cols };
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
  getValues(): unknown[][] {
    hit('Range.getValues');
    const out = Array.from({ length: this.rows }, () => Array.from<unknown>({ length: this.cols }).fill(''));
    this.each((r, c, i, j) => ((out[i] as unknown[])[j] = this.sheet.values.get(key(r, c)) ?? ''));
    return out;
  }
  setValues(block: unknown[][]) {
    hit('Range.setValues');
    this.fits(block);
    this.sheet.written.push(block);
    // Like Sheets: a leading apostrophe makes the rest text; an unescaped '=' would be a formula.
    this.each((r, c, i, j) => {
      const v = (block[i] as unknown[])[j];
      this.sheet.formulas.delete(key(r, c));
      if (typeof v === 'string' && v.startsWith("'")) this.sheet.values.set(key(r, c), v.slice(1));
      else if (typeof v === 'string' && v.startsWith('=')) this.sheet.formulas.set(key(r, c), v);
      else this.sheet.values.set(key(r, c), v);
    });
    return this;
  }
  setFormulas(block: string[][]) {
    hit('Range.setFormulas');
    this.put(this.sheet.formulas, block);
    this.each((r, c) => this.sheet.values.set(key(r, c), `(${this.sheet.formulas.get(key(r, c))})`));
    return this;
  }
  setBackgrounds(block: (string | null)[][]) {
    hit('Range.setBackgrounds');
    this.put(this.sheet.backgrounds, block);
    return this;
  }
  setFontWeights(block: (string | null)[][]) {
    hit('Range.setFontWeights');
    this.put(this.sheet.weights, block);
    return this;
  }
  setNotes(block: (string | null)[][]) {
    hit('Range.setNotes');
    this.put(this.sheet.notes, block);
    return this;
  }
  setNumberFormat(format: string) {
    hit('Range.setNumberFormat');
    this.sheet.formats.push({ range: this.zeroBased, format });
    return this;
  }
  setDataValidation(rule: StubValidation | null) {
    hit('Range.setDataValidation');
    this.sheet.validations.push({ range: this.zeroBased, rule });
    return this;
  }
  clearDataValidations() {
    hit('Range.clearDataValidations');
    this.sheet.validations.push({ range: this.zeroBased, rule: null });
    return this;
  }
  clearContent() {
    hit('Range.clearContent');
    this.each((r, c) => {
      this.sheet.values.delete(key(r, c));
      this.sheet.formulas.delete(key(r, c));
    });
    return this;
  }
  breakApart() {
    hit('Range.breakApart');
    this.sheet.merges = [];
    return this;
  }
  getNotes(): string[][] {
    hit('Range.getNotes');
    const out = Array.from({ length: this.rows }, () => Array.from<string>({ length: this.cols }).fill(''));
    this.each((r, c, i, j) => ((out[i] as string[])[j] = this.sheet.notes.get(key(r, c)) ?? ''));
    return out;
  }
  getNumberFormats(): string[][] {
    hit('Range.getNumberFormats');
    const out = Array.from({ length: this.rows }, () => Array.from<string>({ length: this.cols }).fill('0.###############'));
    this.each((r, c, i, j) => {
      const f = this.sheet.formats.filter((x) => inside(x.range, r, c)).at(-1);
      if (f) (out[i] as string[])[j] = f.format;
    });
    return out;
  }
  getDataValidations() {
    hit('Range.getDataValidations');
    const out = Array.from({ length: this.rows }, () => Array.from<unknown>({ length: this.cols }).fill(null));
    this.each((r, c, i, j) => {
      const v = this.sheet.validations.filter((x) => inside(x.range, r, c)).at(-1)?.rule;
      if (v)
        (out[i] as unknown[])[j] = {
          getCriteriaType: () => v.criteria,
          getCriteriaValues: () => v.args,
          getAllowInvalid: () => v.allowInvalid,
          getHelpText: () => v.helpText,
        };
    });
    return out;
  }
  protect(): StubProtection {
    hit('Range.protect');
    const p = new StubProtection(this.sheet, 'RANGE', this);
    this.sheet.spreadsheet?.protections.push(p);
    return p;
  }
  getMergedRanges(): StubRange[] {
    hit('Range.getMergedRanges');
    const r0 = this.row - 1;
    const c0 = this.col - 1;
    return this.sheet.merges
      .filter((m) => m.row < r0 + this.rows && m.row + m.rows > r0 && m.col < c0 + this.cols && m.col + m.cols > c0)
      .map((m) => new StubRange(this.sheet, m.row + 1, m.col + 1, m.rows, m.cols));
  }
}

const inside = (x: Range, r: number, c: number) => r >= x.row && r < x.row + x.rows && c >= x.col && c < x.col + x.cols;

/** A user as Apps Script gives one. */
const user = (email: string) => ({ getEmail: () => email });

export class StubProtection {
  description = '';
  editors: string[] = [];
  domainEdit = true;
  warningOnly = false;
  removed = false;
  constructor(
    readonly sheet: StubSheet,
    readonly type: 'SHEET' | 'RANGE',
    readonly range: StubRange | null,
  ) {
    // Like Sheets: the owner and the person protecting stay editors.
    const ss = sheet.spreadsheet;
    for (const e of [ss?.owner, ss?.me]) if (e && !this.editors.includes(e)) this.editors.push(e);
  }
  getProtectionType() {
    return this.type;
  }
  getRange(): StubRange {
    hit('Protection.getRange');
    return this.range ?? new StubRange(this.sheet, 1, 1, this.sheet.maxRows, this.sheet.maxCols);
  }
  getDescription(): string {
    hit('Protection.getDescription');
    return this.description;
  }
  setDescription(d: string) {
    hit('Protection.setDescription');
    this.description = d;
    return this;
  }
  getEditors() {
    hit('Protection.getEditors');
    return this.editors.map(user);
  }
  addEditors(emails: string[]) {
    hit('Protection.addEditors');
    for (const e of emails) if (!this.editors.includes(e)) this.editors.push(e);
    return this;
  }
  removeEditors(users: Array<{ getEmail(): string }>) {
    hit('Protection.removeEditors');
    const ss = this.sheet.spreadsheet;
    const gone = users.map((u) => u.getEmail()).filter((e) => e !== ss?.owner && e !== ss?.me);
    this.editors = this.editors.filter((e) => !gone.includes(e));
    return this;
  }
  canDomainEdit() {
    return this.domainEdit;
  }
  setDomainEdit(v: boolean) {
    hit('Protection.setDomainEdit');
    this.domainEdit = v;
    return this;
  }
  isWarningOnly() {
    return this.warningOnly;
  }
  setWarningOnly(v: boolean) {
    hit('Protection.setWarningOnly');
    this.warningOnly = v;
    return this;
  }
  remove() {
    hit('Protection.remove');
    this.removed = true;
    const ss = this.sheet.spreadsheet;
    if (ss) ss.protections = ss.protections.filter((p) => p !== this);
  }
}

export class StubSpreadsheet {
  /** Every protection, the add-on's and people's. */
  protections: StubProtection[] = [];
  /** The owner's e-mail, and who runs the script (kept an editor of what they protect). */
  owner: string | null = null;
  me: string | null = null;
  getOwner() {
    hit('Spreadsheet.getOwner');
    return this.owner ? user(this.owner) : null;
  }
  getProtections(type: 'SHEET' | 'RANGE'): StubProtection[] {
    hit('Spreadsheet.getProtections');
    return this.protections.filter((p) => p.type === type);
  }
  readonly sheets: StubSheet[];
  active: StubSheet | null;
  readonly toasts: Array<[string, string, number]> = [];
  constructor(names: string[]) {
    this.sheets = names.map((n, i) => new StubSheet(n, i === 0 ? 0 : 1000 + i));
    for (const sheet of this.sheets) sheet.spreadsheet = this;
    this.active = this.sheets[0] ?? null;
  }
  getSheets(): StubSheet[] {
    hit('Spreadsheet.getSheets');
    return [...this.sheets];
  }
  getNumSheets(): number {
    hit('Spreadsheet.getNumSheets');
    return this.sheets.length;
  }
  getSheetByName(name: string): StubSheet | null {
    hit('Spreadsheet.getSheetByName');
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  /** The user's selection; tests set it. */
  activeRange: StubRange | null = null;
  getActiveRange(): StubRange | null {
    hit('Spreadsheet.getActiveRange');
    return this.activeRange;
  }
  getActiveSheet(): StubSheet | null {
    hit('Spreadsheet.getActiveSheet');
    return this.active;
  }
  setActiveSheet(sheet: StubSheet): StubSheet {
    hit('Spreadsheet.setActiveSheet');
    this.active = sheet;
    return sheet;
  }
  insertSheet(name: string, index: number): StubSheet {
    hit('Spreadsheet.insertSheet');
    const sheet = new StubSheet(name, 5000 + this.sheets.length);
    sheet.spreadsheet = this;
    this.sheets.splice(index, 0, sheet);
    this.active = sheet;
    return sheet;
  }
  toast(message: string, title: string, seconds: number): void {
    hit('Spreadsheet.toast');
    this.toasts.push([message, title, seconds]);
  }
}

/** A SpreadsheetApp over the stub spreadsheet. */
/** A stub spreadsheet holding these grids (values and merges), one tab each, in order. */
export function stubSpreadsheetOf(sheets: readonly ResultGrid[]): StubSpreadsheet {
  const ss = new StubSpreadsheet(sheets.map((g) => g.sheet));
  sheets.forEach((g, i) => {
    const sheet = ss.sheets[i]!;
    g.values.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && sheet.values.set(key(r, c), v)));
    sheet.merges = (g.merges ?? []).map((m) => ({ ...m }));
    sheet.maxCols = Math.max(26, ...g.values.map((r) => r.length));
  });
  return ss;
}

export function stubSpreadsheetApp(ss: StubSpreadsheet) {
  return {
    BooleanCriteria: { CUSTOM_FORMULA: 'CUSTOM_FORMULA', NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN', CELL_EMPTY: 'CELL_EMPTY' },
    DataValidationCriteria: {
      VALUE_IN_LIST: 'VALUE_IN_LIST',
      NUMBER_BETWEEN: 'NUMBER_BETWEEN',
      CHECKBOX: 'CHECKBOX',
      CUSTOM_FORMULA: 'CUSTOM_FORMULA',
    },
    ProtectionType: { SHEET: 'SHEET', RANGE: 'RANGE' },
    getActiveSpreadsheet: () => ss,
    newConditionalFormatRule: () => new StubRuleBuilder(),
    newDataValidation: () => new StubValidationBuilder(),
    flush: () => hit('SpreadsheetApp.flush'),
  };
}

export function install(ss: StubSpreadsheet): void {
  (globalThis as unknown as Record<string, unknown>).SpreadsheetApp = stubSpreadsheetApp(ss);
}
