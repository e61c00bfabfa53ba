/**
 * The in-memory workbook: the port for tests and the local preview. It counts every port call, as a
 * spreadsheet would count round trips, so that tests can hold actions to a constant number of calls.
 */
import type { Grid, Merge } from '../core/results';
import type { CellValue } from '../core/text';
import { sparklineSource } from '../core/sparkline';
import {
  type CellRef,
  type ChartSpec,
  type ConditionalRule,
  noProtectionChanges,
  type Protection,
  type ProtectionChanges,
  type Range,
  type SheetLayout,
  type Validation,
  type Workbook,
} from './port';
import { columnRuns } from './runs';

export interface MemorySheet {
  name: string;
  values: CellValue[][];
  formulas: (string | null)[][];
  backgrounds: (string | null)[][];
  weights: ('bold' | 'normal' | null)[][];
  /** Whether a cell's text wraps (true) — set by setWrap. */
  wraps: (boolean | null)[][];
  notes: (string | null)[][];
  numberFormats: Map<string, string>;
  validations: Array<{ range: Range; rule: Validation }>;
  merges: Merge[];
  rules: ConditionalRule[];
  frozen: { rows: number; cols: number };
  widths: Map<number, number>;
  /** 0-based columns hidden by hideColumns. */
  hiddenColumns: Set<number>;
  /** Columns printed (setPrintColumns); all when absent. */
  printColumns?: number;
  charts: StoredChart[];
  /** The tab is hidden (a test or the emulator's hideSheet sets it). */
  hidden?: boolean;
  /** The tab's filter range (Range.createFilter), when it has one. */
  filter?: Range | null;
}

/**
 * A chart on a tab: as the port was given it; on the Apps Script emulator also the chart type and options
 * the adapter built it with (what Sheets would draw).
 */
export type StoredChart = ChartSpec & { native?: { type: string; options: Record<string, unknown> } };

function emptySheet(name: string): MemorySheet {
  return {
    name,
    values: [],
    formulas: [],
    backgrounds: [],
    weights: [],
    wraps: [],
    notes: [],
    numberFormats: new Map(),
    validations: [],
    merges: [],
    rules: [],
    frozen: { rows: 0, cols: 0 },
    widths: new Map(),
    hiddenColumns: new Set(),
    charts: [],
  };
}

function put<T>(grid: T[][], row: number, col: number, block: T[][], skipNull = false): void {
  block.forEach((line, i) => {
    const r = row + i;
    while (grid.length <= r) grid.push([]);
    const target = grid[r] as T[];
    line.forEach((v, j) => {
      if (skipNull && v === null) return;
      target[col + j] = v;
    });
  });
}

export class MemoryWorkbook implements Workbook {
  readonly sheets = new Map<string, MemorySheet>();
  active: string | null = null;
  /** The selected cell, as a test or the preview sets it. */
  selection: CellRef | null = null;
  /** Port calls by method name. */
  readonly calls = new Map<string, number>();
  readonly toasts: string[] = [];
  /** Who runs the add-on and who owns the document (tests set them). */
  user: string | null = null;
  owner: string | null = null;
  /** Every protection of the document, the add-on's and people's. */
  protections: Protection[] = [];

  constructor(grids: Grid[] = []) {
    for (const g of grids) {
      const s = emptySheet(g.sheet);
      s.values = g.values.map((r) => [...r]);
      s.merges = [...(g.merges ?? [])];
      this.sheets.set(g.sheet, s);
    }
    this.active = grids[0]?.sheet ?? null;
  }

  get totalCalls(): number {
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }

  resetCalls(): void {
    this.calls.clear();
  }

  private count(method: string): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
  }

  sheet(name: string): MemorySheet {
    const s = this.sheets.get(name);
    if (!s) throw new Error(`Нет листа «${name}»`);
    return s;
  }

  sheetNames(): string[] {
    this.count('sheetNames');
    return [...this.sheets.keys()];
  }

  activeSheetName(): string | null {
    this.count('activeSheetName');
    // Sheets never shows a hidden tab: with the active one hidden, the first visible tab is in view.
    if (this.active && this.sheets.get(this.active)?.hidden) return [...this.sheets.values()].find((s) => !s.hidden)?.name ?? null;
    return this.active;
  }

  readSheet(name: string): Grid {
    this.count('readSheet');
    const s = this.sheet(name);
    const width = s.values.reduce((w, r) => Math.max(w, r.length), 0);
    const values = s.values.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
    const grid: Grid = { sheet: name, values, merges: s.merges.map((m) => ({ ...m })) };
    if (s.hidden) grid.hidden = true;
    return grid;
  }

  ensureSheet(name: string): { created: boolean } {
    this.count('ensureSheet');
    if (this.sheets.has(name)) return { created: false };
    this.sheets.set(name, emptySheet(name));
    return { created: true };
  }

  clearSheet(name: string): void {
    this.count('clearSheet');
    const old = this.sheet(name);
    const fresh = emptySheet(name);
    fresh.widths = old.widths;
    fresh.hiddenColumns = old.hiddenColumns;
    fresh.charts = old.charts;
    // Range.clear leaves the frozen rows and columns as they were.
    fresh.frozen = old.frozen;
    // Clearing a tab's values and formats leaves its filter (it is removed by Filter.remove()).
    fresh.filter = old.filter;
    this.sheets.set(name, fresh);
  }

  writeBlock(name: string, row: number, col: number, values: CellValue[][]): void {
    this.count('writeBlock');
    const s = this.sheet(name);
    put(s.values, row, col, values);
    // Plain values replace any formula that stood there.
    values.forEach((line, i) => {
      const f = s.formulas[row + i];
      if (f) line.forEach((_, j) => (f[col + j] !== undefined ? (f[col + j] = null) : undefined));
    });
  }

  writeFormulas(name: string, row: number, col: number, formulas: (string | null)[][]): void {
    this.count('writeFormulas');
    const s = this.sheet(name);
    put(s.formulas, row, col, formulas, true);
    // A formula's shown value: HYPERLINK shows its label, SPARKLINE a picture and no value (getValues gives
    // '' for it in Sheets), anything else is left to the spreadsheet.
    const shown = (f: string): CellValue =>
      sparklineSource(f) ? null : (/^=HYPERLINK\([^;,]+[;,]\s*"((?:[^"]|"")*)"\)$/i.exec(f)?.[1]?.replace(/""/g, '"') ?? f);
    formulas.forEach((l, i) =>
      l.forEach((f, j) => {
        if (f !== null) put(s.values, row + i, col + j, [[shown(f)]]);
      }),
    );
  }

  clearBlock(name: string, range: Range): void {
    this.count('clearBlock');
    const s = this.sheet(name);
    for (let r = range.row; r < range.row + range.rows; r++) {
      const line = s.values[r];
      if (!line) continue;
      for (let c = range.col; c < range.col + range.cols; c++) {
        if (c < line.length) line[c] = null;
        const f = s.formulas[r];
        if (f && c < f.length) f[c] = null;
      }
      while (line.length > 0 && (line[line.length - 1] === null || line[line.length - 1] === undefined)) line.pop();
    }
  }

  setBackgrounds(name: string, row: number, col: number, colors: (string | null)[][]): void {
    this.count('setBackgrounds');
    put(this.sheet(name).backgrounds, row, col, colors);
  }

  setFontWeights(name: string, row: number, col: number, weights: ('bold' | 'normal')[][]): void {
    this.count('setFontWeights');
    put(this.sheet(name).weights, row, col, weights);
  }

  setNumberFormat(name: string, range: Range, format: string): void {
    this.count('setNumberFormat');
    this.sheet(name).numberFormats.set(`${range.row}:${range.col}:${range.rows}:${range.cols}`, format);
  }

  /** One call; kept as a format per run of equal formats in each column (a later format wins). */
  setNumberFormats(name: string, row: number, col: number, formats: string[][]): void {
    this.count('setNumberFormats');
    const map = this.sheet(name).numberFormats;
    for (const { range, value } of columnRuns(row, col, formats)) {
      const key = `${range.row}:${range.col}:${range.rows}:${range.cols}`;
      map.delete(key);
      map.set(key, value);
    }
  }

  setNotes(name: string, row: number, col: number, notes: string[][]): void {
    this.count('setNotes');
    put(
      this.sheet(name).notes,
      row,
      col,
      notes.map((l) => l.map((n) => (n === '' ? null : n))),
    );
  }

  setValidation(name: string, range: Range, rule: Validation | null): void {
    this.count('setValidation');
    const s = this.sheet(name);
    s.validations = s.validations.filter((v) => !(v.range.row === range.row && v.range.col === range.col));
    if (rule) s.validations.push({ range: { ...range }, rule });
  }

  /** One call: the block's earlier validations go, its rules are kept per run of one rule in each column. */
  setValidations(name: string, row: number, col: number, rules: (Validation | null)[][]): void {
    this.count('setValidations');
    const s = this.sheet(name);
    const block = { row, col, rows: rules.length, cols: rules[0]?.length ?? 0 };
    const overlaps = (r: Range) =>
      r.row < block.row + block.rows && r.row + r.rows > block.row && r.col < block.col + block.cols && r.col + r.cols > block.col;
    s.validations = s.validations.filter((v) => !overlaps(v.range));
    for (const { range, value } of columnRuns(row, col, rules)) if (value) s.validations.push({ range, rule: value });
  }

  setColumnWidths(name: string, col: number, widths: number[]): void {
    this.count('setColumnWidths');
    const s = this.sheet(name);
    widths.forEach((w, i) => s.widths.set(col + i, w));
  }

  setWrap(name: string, range: Range, wrap: boolean): void {
    this.count('setWrap');
    const block = Array.from({ length: range.rows }, () => new Array<boolean>(range.cols).fill(wrap));
    put(this.sheet(name).wraps, range.row, range.col, block);
  }

  setWraps(name: string, row: number, col: number, wraps: boolean[][]): void {
    this.count('setWraps');
    put(this.sheet(name).wraps, row, col, wraps);
  }

  setPrintColumns(name: string, count: number): void {
    this.count('setPrintColumns');
    this.sheet(name).printColumns = count;
  }

  hideColumns(name: string, col: number, count: number): void {
    this.count('hideColumns');
    const s = this.sheet(name);
    for (let c = col; c < col + count; c++) s.hiddenColumns.add(c);
  }

  /**
   * Like Sheets: merging a row across replaces the merges it overlaps, and a merge may not cross the
   * frozen columns' edge («You can't merge frozen and non-frozen columns», as the emulator's Range.mergeAcross).
   */
  mergeAcross(name: string, range: Range): void {
    this.count('mergeAcross');
    const s = this.sheet(name);
    const frozen = s.frozen.cols;
    if (range.cols > 1 && frozen > range.col && frozen < range.col + range.cols)
      throw new Error(`Exception: You can't merge frozen and non-frozen columns. (${name})`);
    const overlaps = (m: Merge) =>
      m.row < range.row + range.rows && range.row < m.row + m.rows && m.col < range.col + range.cols && range.col < m.col + m.cols;
    s.merges = s.merges.filter((m) => !overlaps(m));
    if (range.cols < 2) return;
    for (let r = range.row; r < range.row + range.rows; r++) s.merges.push({ row: r, col: range.col, rows: 1, cols: range.cols });
  }

  /**
   * Like Sheets, the frozen columns' edge may not cut a merged cell («Sorry, it is not possible to freeze
   * columns which contain only part of a merged cell», as the emulator's Sheet.setFrozenColumns).
   */
  freeze(name: string, rows: number, cols: number): void {
    this.count('freeze');
    const s = this.sheet(name);
    if (s.merges.some((m) => m.col < cols && cols < m.col + m.cols))
      throw new Error(`Exception: Sorry, it is not possible to freeze columns which contain only part of a merged cell. (${name})`);
    s.frozen = { rows, cols };
  }

  setFilter(name: string, range: Range | null): void {
    this.count('setFilter');
    this.sheet(name).filter = range ? { ...range } : null;
  }

  replaceConditionalRules(name: string, marker: string, rules: ConditionalRule[]): void {
    this.count('replaceConditionalRules');
    const s = this.sheet(name);
    s.rules = [
      ...s.rules.filter((r) => !r.formula.includes(marker)),
      ...rules.map((r) => ({ ...r, ranges: r.ranges.map((x) => ({ ...x })) })),
    ];
  }

  conditionalRules(name: string): ConditionalRule[] {
    this.count('conditionalRules');
    return this.sheet(name).rules.map((r) => ({ ...r }));
  }

  replaceChart(name: string, title: string, chart: ChartSpec | null): void {
    this.count('replaceChart');
    const s = this.sheet(name);
    s.charts = s.charts.filter((c) => c.title !== title);
    if (chart) s.charts.push({ ...chart, range: { ...chart.range }, anchor: { ...chart.anchor } });
  }

  replaceCharts(name: string, charts: ChartSpec[]): void {
    this.count('replaceCharts');
    this.sheet(name).charts = charts.map((c) => ({ ...c, range: { ...c.range }, anchor: { ...c.anchor } }));
  }

  linkPrefix(name: string): string {
    this.count('linkPrefix');
    this.sheet(name);
    return `#gid=${[...this.sheets.keys()].indexOf(name)}&range=`;
  }

  toast(message: string): void {
    this.count('toast');
    this.toasts.push(message);
  }

  readLayout(name: string, range: Range): SheetLayout {
    this.count('readLayout');
    const s = this.sheet(name);
    const inside = (r: Range, row: number, col: number) => row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
    const formats = [...s.numberFormats].map(([k, format]) => {
      const [row, col, rows, cols] = k.split(':').map(Number) as [number, number, number, number];
      return { range: { row, col, rows, cols }, format };
    });
    const cells = <T>(fn: (row: number, col: number) => T): T[][] =>
      Array.from({ length: range.rows }, (_, i) => Array.from({ length: range.cols }, (_, j) => fn(range.row + i, range.col + j)));
    return {
      frozen: { ...s.frozen },
      notes: cells((r, c) => s.notes[r]?.[c] ?? ''),
      numberFormats: cells((r, c) => formats.filter((f) => inside(f.range, r, c)).at(-1)?.format ?? ''),
      validations: cells((r, c) => {
        const v = s.validations.filter((x) => inside(x.range, r, c)).at(-1);
        return v ? { ...v.rule } : null;
      }),
    };
  }

  appendRows(name: string, values: CellValue[][]): number {
    this.count('appendRows');
    const s = this.sheet(name);
    let last = s.values.length - 1;
    while (last >= 0 && !(s.values[last] ?? []).some((v) => v !== null && v !== undefined && v !== '')) last--;
    put(s.values, last + 1, 0, values);
    return last + 1;
  }

  readProtections(marker: string): Protection[] {
    this.count('readProtections');
    return this.protections
      .filter((p) => p.description.startsWith(marker))
      .map((p) =>
        this.mayEdit(p)
          ? { ...p, range: p.range ? { ...p.range } : null, editors: [...p.editors] }
          : { sheet: p.sheet, range: p.range ? { ...p.range } : null, description: p.description, editors: [], locked: true },
      );
  }

  /** As in Sheets: the owner, a listed editor, or anyone on a warning-only protection; anyone when no one is signed in (a file). */
  private mayEdit(p: Protection): boolean {
    if (p.warningOnly || this.user === null || this.user === this.owner) return true;
    return p.editors.includes(this.user);
  }

  /** An in-memory sheet is as big as what it holds. */
  fitSheet(name: string): void {
    this.count('fitSheet');
    this.sheet(name);
  }

  lockedProtections(sheets: string[]): Protection[] {
    this.count('lockedProtections');
    return this.readProtections('').filter((p) => p.locked && sheets.includes(p.sheet));
  }

  /** As in Sheets (src/workbook/appsscript.ts): a marked protection with a wanted description stays; `stop` before each new one. */
  replaceProtections(marker: string, protections: Protection[], stop?: () => boolean): ProtectionChanges {
    const out = noProtectionChanges();
    const copy = (p: Protection): Protection => ({ ...p, range: p.range ? { ...p.range } : null, editors: [...p.editors] });
    const people = new Set(this.protections.filter((p) => !p.description.startsWith(marker) && p.range === null).map((p) => p.sheet));
    out.people = [...people];
    const marked = this.protections.filter((p) => p.description.startsWith(marker));
    const kept = new Set<Protection>();
    let todo = protections.filter((w) => {
      if (w.range === null && people.has(w.sheet)) return false;
      const same = marked.find(
        (p) => !kept.has(p) && p.sheet === w.sheet && p.description === w.description && sameRange(p.range, w.range),
      );
      if (!same) return true;
      kept.add(same);
      out.kept++;
      return false;
    });
    for (const p of marked) {
      if (kept.has(p)) continue;
      if (!this.mayEdit(p)) {
        out.locked.push({ sheet: p.sheet, range: p.range ? { ...p.range } : null, description: p.description, editors: [], locked: true });
        if (p.range === null) todo = todo.filter((w) => !(w.range === null && w.sheet === p.sheet));
        continue;
      }
      const i = todo.findIndex((w) => w.sheet === p.sheet && sameRange(w.range, p.range));
      this.protections = this.protections.filter((x) => x !== p);
      if (i < 0) {
        out.removed.push({ ...copy(p), editors: [] });
        continue;
      }
      // Changed in place into the wanted protection of the same sheet and range.
      const w = todo[i] as Protection;
      out.replaced.push(copy(p));
      this.protections.push(copy(w));
      out.made.push(copy(w));
      todo.splice(i, 1);
    }
    for (const [i, w] of todo.entries()) {
      if (stop?.()) {
        out.left = todo.length - i;
        break;
      }
      this.sheet(w.sheet);
      this.protections.push(copy(w));
      out.made.push(copy(w));
    }
    // Counted as a write when it changed something; else it only read them (how the action checks them).
    this.count(out.made.length + out.removed.length > 0 ? 'replaceProtections' : 'readProtections');
    return out;
  }

  readCells(cells: readonly CellRef[]): CellValue[] {
    this.count('readCells');
    return cells.map((c) => this.sheets.get(c.sheet)?.values[c.row]?.[c.col] ?? null);
  }

  currentUser(): string | null {
    this.count('currentUser');
    return this.user;
  }

  ownerEmail(): string | null {
    this.count('ownerEmail');
    return this.owner;
  }

  insertRows(name: string, before: number, count: number): void {
    this.count('insertRows');
    const s = this.sheet(name);
    if (count <= 0) return;
    for (const grid of [s.values, s.formulas, s.backgrounds, s.weights, s.wraps, s.notes] as unknown[][][]) {
      if (grid.length > before) grid.splice(before, 0, ...Array.from({ length: count }, () => []));
    }
    const shift = (r: Range): Range => {
      if (r.row >= before) return { ...r, row: r.row + count };
      if (r.row + r.rows > before) return { ...r, rows: r.rows + count };
      return r;
    };
    s.merges = s.merges.map((m) => ({ ...m, ...shift(m) }));
    s.validations = s.validations.map((v) => ({ ...v, range: shift(v.range) }));
    s.rules = s.rules.map((rule) => ({ ...rule, ranges: rule.ranges.map(shift) }));
    s.numberFormats = new Map(
      [...s.numberFormats].map(([k, format]) => {
        const [row, col, rows, cols] = k.split(':').map(Number) as [number, number, number, number];
        const r = shift({ row, col, rows, cols });
        return [`${r.row}:${r.col}:${r.rows}:${r.cols}`, format];
      }),
    );
  }

  activeCell(): CellRef | null {
    this.count('activeCell');
    return this.selection ? { ...this.selection } : null;
  }
}

const sameRange = (a: Range | null, b: Range | null) =>
  a === b || (!!a && !!b && a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols);
