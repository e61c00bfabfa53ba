/**
 * Test helpers over the Apps Script emulator (src/cli/emulator): a spreadsheet made of result grids,
 * views of its tabs and protections in the terms the bundle tests read (cells by "row:col" keys, 0-based),
 * and a shared counter of service calls. The emulator is the only model of Sheets; nothing here decides
 * what Sheets does.
 */
import { AppsScriptEmulator, type UiHost } from '../../src/cli/emulator/apps-script';
import type { Grid as ResultGrid } from '../../src/core/results';
import { MemoryWorkbook, type MemorySheet } from '../../src/workbook/memory';
import type { ConditionalRule, Range, Validation } from '../../src/workbook/port';
import { DIST } from './gas';

/** Service calls by name, across every emulator made here (tests clear it). */
export const calls = new Map<string, number>();
export function callsOf(prefix = ''): Record<string, number> {
  return Object.fromEntries([...calls].filter(([k]) => k.startsWith(prefix)));
}
export const key = (r: number, c: number) => `${r}:${c}`;
const cellOf = (k: string) => k.split(':').map(Number) as [number, number];

/** A 2-D grid of the emulated workbook read (and written) as a map of "row:col" → value; blanks are absent. */
export class GridMap<T> {
  constructor(private readonly grid: () => (T | null | undefined)[][]) {}
  get(k: string): T | undefined {
    const [r, c] = cellOf(k);
    const v = this.grid()[r]?.[c];
    return v === null || v === undefined ? undefined : v;
  }
  set(k: string, v: T): this {
    const [r, c] = cellOf(k);
    const g = this.grid();
    while (g.length <= r) g.push([]);
    (g[r] as (T | null)[])[c] = v;
    return this;
  }
  has(k: string): boolean {
    return this.get(k) !== undefined;
  }
  entries(): Array<[string, T]> {
    const out: Array<[string, T]> = [];
    this.grid().forEach((line, r) =>
      (line ?? []).forEach((v, c) => (v === null || v === undefined || (v as unknown) === '' ? undefined : out.push([key(r, c), v]))),
    );
    return out;
  }
  keys(): string[] {
    return this.entries().map(([k]) => k);
  }
  get size(): number {
    return this.entries().length;
  }
  [Symbol.iterator]() {
    return this.entries()[Symbol.iterator]();
  }
}

/** A tab of the emulated spreadsheet, seen as the tests read it. */
export class StubSheet {
  constructor(
    readonly ss: StubSpreadsheet,
    readonly name: string,
  ) {}
  get s(): MemorySheet {
    return this.ss.em.wb.sheet(this.name);
  }
  readonly values = new GridMap<unknown>(() => this.s.values);
  readonly formulas = new GridMap<string>(() => this.s.formulas);
  readonly backgrounds = new GridMap<string>(() => this.s.backgrounds);
  readonly weights = new GridMap<string>(() => this.s.weights);
  readonly notes = new GridMap<string>(() => this.s.notes);
  get validations(): Array<{ range: Range; rule: Validation }> {
    return this.s.validations;
  }
  get merges(): Range[] {
    return this.s.merges;
  }
  set merges(m: Range[]) {
    this.s.merges = m.map((x) => ({ ...x }));
  }
  get rules(): ConditionalRule[] {
    return this.s.rules;
  }
  set rules(r: ConditionalRule[]) {
    this.s.rules = r;
  }
  get frozen() {
    return this.s.frozen;
  }
  get charts() {
    return this.s.charts;
  }
  /** Column widths by 0-based column. */
  get widths() {
    return this.s.widths;
  }
  /** Number formats set on ranges, in the order set. */
  get formats(): Array<{ range: Range; format: string }> {
    return [...this.s.numberFormats].map(([k, format]) => {
      const [row, col, rows, cols] = k.split(':').map(Number) as [number, number, number, number];
      return { range: { row, col, rows, cols }, format };
    });
  }
  get maxRows(): number {
    return this.ss.em.gridSize(this.name).rows;
  }
  set maxRows(n: number) {
    this.ss.em.setGridSize(this.name, n, this.maxCols);
  }
  get maxCols(): number {
    return this.ss.em.gridSize(this.name).cols;
  }
  set maxCols(n: number) {
    this.ss.em.setGridSize(this.name, this.maxRows, n);
  }
  /** What setValues was given on this tab, as given, block by block. */
  get written(): unknown[][][] {
    return this.ss.em.log.filter((c) => c.call === 'Range.setValues' && c.sheet === this.name).map((c) => c.args[0] as unknown[][]);
  }
}

/** A block of a tab (1-based, as Apps Script counts), for a selection. */
export class StubRange {
  constructor(
    readonly sheet: StubSheet,
    readonly row: number,
    readonly col: number,
    readonly rows: number,
    readonly cols: number,
  ) {}
}

/** A spreadsheet on the emulator: its tabs and protections as the tests read them. */
export class StubSpreadsheet {
  readonly em: AppsScriptEmulator;
  constructor(names: string[] | MemoryWorkbook) {
    const wb = Array.isArray(names) ? new MemoryWorkbook(names.map((n) => ({ sheet: n, values: [] }))) : names;
    this.em = new AppsScriptEmulator(wb);
    this.em.onCall = (name) => calls.set(name, (calls.get(name) ?? 0) + 1);
  }
  get sheets(): StubSheet[] {
    return [...this.em.wb.sheets.keys()].map((n) => new StubSheet(this, n));
  }
  /** The owner's e-mail, and who runs the script. */
  get owner(): string | null {
    return this.em.wb.owner;
  }
  set owner(e: string | null) {
    this.em.wb.owner = e;
  }
  get me(): string | null {
    return this.em.wb.user;
  }
  set me(e: string | null) {
    this.em.wb.user = e;
  }
  /** Every protection, the add-on's and people's. */
  get protections() {
    return this.em.wb.protections.map((p) => ({
      sheet: { name: p.sheet },
      type: p.range ? ('RANGE' as const) : ('SHEET' as const),
      range: p.range,
      description: p.description,
      editors: [...p.editors],
      warningOnly: !!p.warningOnly,
      domainEdit: this.em.domainEdit.has(p),
    }));
  }
  /** The user's selection. */
  set activeRange(r: StubRange | null) {
    if (!r) {
      this.em.selectedBlock = null;
      this.em.wb.selection = null;
      return;
    }
    this.em.wb.active = r.sheet.name;
    this.em.selectedBlock = { sheet: r.sheet.name, row: r.row - 1, col: r.col - 1, rows: r.rows, cols: r.cols };
  }
  get toasts(): Array<[string, string, number]> {
    return this.em.log.filter((c) => c.call === 'Spreadsheet.toast').map((c) => c.args as [string, string, number]);
  }
  /** The active spreadsheet as Apps Script types it. */
  gas(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.em.spreadsheet() as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  }
}

/** A spreadsheet holding these grids (values and merges), one tab each, in order. */
export function stubSpreadsheetOf(sheets: readonly ResultGrid[]): StubSpreadsheet {
  return new StubSpreadsheet(new MemoryWorkbook(sheets.map((g) => ({ ...g, values: g.values.map((r) => [...r]) }))));
}

/** What loadBundle (test/support/gas) takes to run the bundle on this spreadsheet. */
export function stubSpreadsheetApp(ss: StubSpreadsheet): { emulator: AppsScriptEmulator } {
  return { emulator: ss.em };
}

/** A UI that shows nothing and answers Cancel: for emulator globals used outside the bundle. */
export const silent: UiHost = {
  menu: () => undefined,
  alert: () => undefined,
  ask: () => ({ button: 'CANCEL', text: '' }),
  showSidebar: () => undefined,
  showDialog: () => undefined,
  toast: () => undefined,
};

/** The emulator's Apps Script globals on globalThis, for AppsScriptWorkbook used outside the bundle. */
export function install(ss: StubSpreadsheet): void {
  const g = ss.em.globals(silent, { dist: DIST, title: 'ШНОР' });
  for (const name of ['SpreadsheetApp', 'Session', 'LockService', 'Charts']) (globalThis as Record<string, unknown>)[name] = g[name];
}

export function uninstall(): void {
  for (const name of ['SpreadsheetApp', 'Session', 'LockService', 'Charts']) delete (globalThis as Record<string, unknown>)[name];
}
