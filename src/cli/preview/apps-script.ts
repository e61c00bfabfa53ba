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
import type { ConditionalRule, Range, Validation } from '../../workbook/port';
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
  return state;
}

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
    return this;
  }
  private fill<T>(v: T): T[][] {
    return Array.from({ length: this.rows }, () => Array.from({ length: this.cols }, () => v));
  }
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
  setAllowInvalid(allow: boolean) {
    this.allowInvalid = allow;
    return this;
  }
  setHelpText() {
    return this;
  }
  build(): Validation {
    if (!this.rule) throw new Error('Предпросмотр: правило проверки данных без условия');
    return this.rule.kind === 'list' ? { ...this.rule, strict: !this.allowInvalid } : { ...this.rule };
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
  getLastRow() {
    return this.s.values.length;
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
    getUi: () => uiApi,
    getActiveSpreadsheet: () => spreadsheet,
    getActive: () => spreadsheet,
    getActiveSheet: () => spreadsheet.getActiveSheet(),
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
  const user = { getEmail: () => 'metodist@example.org' };
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
