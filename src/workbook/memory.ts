/**
 * The in-memory workbook: the port for tests and the local preview. It counts every port call, as a
 * spreadsheet would count round trips, so that tests can hold actions to a constant number of calls.
 */
import type { Grid, Merge } from '../core/results';
import type { CellValue } from '../core/text';
import type { ChartSpec, ConditionalRule, Range, Validation, Workbook } from './port';

export interface MemorySheet {
  name: string;
  values: CellValue[][];
  formulas: (string | null)[][];
  backgrounds: (string | null)[][];
  weights: ('bold' | 'normal' | null)[][];
  notes: (string | null)[][];
  numberFormats: Map<string, string>;
  validations: Array<{ range: Range; rule: Validation }>;
  merges: Merge[];
  rules: ConditionalRule[];
  frozen: { rows: number; cols: number };
  widths: Map<number, number>;
  charts: ChartSpec[];
}

function emptySheet(name: string): MemorySheet {
  return {
    name,
    values: [],
    formulas: [],
    backgrounds: [],
    weights: [],
    notes: [],
    numberFormats: new Map(),
    validations: [],
    merges: [],
    rules: [],
    frozen: { rows: 0, cols: 0 },
    widths: new Map(),
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
  /** Port calls by method name. */
  readonly calls = new Map<string, number>();
  readonly toasts: string[] = [];

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
    return this.active;
  }

  readSheet(name: string): Grid {
    this.count('readSheet');
    const s = this.sheet(name);
    const width = s.values.reduce((w, r) => Math.max(w, r.length), 0);
    const values = s.values.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
    return { sheet: name, values, merges: s.merges.map((m) => ({ ...m })) };
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
    fresh.charts = old.charts;
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
    // A formula's shown value: HYPERLINK shows its label, anything else is left to the spreadsheet.
    put(
      s.values,
      row,
      col,
      formulas.map((l) =>
        l.map((f) => (f === null ? null : (/^=HYPERLINK\([^;,]+[;,]\s*"((?:[^"]|"")*)"\)$/i.exec(f)?.[1]?.replace(/""/g, '"') ?? f))),
      ),
      true,
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

  setColumnWidths(name: string, col: number, widths: number[]): void {
    this.count('setColumnWidths');
    const s = this.sheet(name);
    widths.forEach((w, i) => s.widths.set(col + i, w));
  }

  freeze(name: string, rows: number, cols: number): void {
    this.count('freeze');
    this.sheet(name).frozen = { rows, cols };
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

  linkPrefix(name: string): string {
    this.count('linkPrefix');
    this.sheet(name);
    return `#gid=${[...this.sheets.keys()].indexOf(name)}&range=`;
  }

  toast(message: string): void {
    this.count('toast');
    this.toasts.push(message);
  }
}
