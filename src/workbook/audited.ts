/**
 * The audit decorator: a Workbook that passes every call to the real one and remembers, per tab, what the
 * action wrote — rows, kind of change and the values it replaced — and appends one row per tab to
 * «Журнал изменений» in one call when the action ends (`flush`). Actions stay as they are.
 *
 * Previous values cost at most one extra read per tab per action: a tab the action has read already is
 * known from that read, and the decorator keeps its copy up to date as the action writes.
 */
import { JOURNAL_COLUMNS, JOURNAL_HEADER, JOURNAL_SHEET, type JournalEntry, journalRow, type ReplacedCell } from '../core/journal';
import type { Grid } from '../core/results';
import type { CellValue } from '../core/text';
import type { CellRef, ChartSpec, ConditionalRule, Protection, ProtectionChanges, Range, SheetLayout, Validation, Workbook } from './port';
import { protectionText } from '../core/roles';

interface Pending {
  rows: Set<number>;
  what: string[];
  previous: ReplacedCell[];
  before: string[];
}

const blank = (v: CellValue) => v === null || v === undefined || v === '';

function same(a: CellValue, b: CellValue): boolean {
  if (blank(a) && blank(b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

/** Creates the journal tab with its header, notes and frozen header row; nothing when it exists. */
export function ensureJournal(wb: Workbook): boolean {
  const { created } = wb.ensureSheet(JOURNAL_SHEET);
  if (!created) return false;
  wb.writeBlock(JOURNAL_SHEET, 0, 0, [JOURNAL_HEADER]);
  wb.setNotes(JOURNAL_SHEET, 0, 0, [JOURNAL_COLUMNS.map((c) => c.note)]);
  wb.setFontWeights(JOURNAL_SHEET, 0, 0, [JOURNAL_COLUMNS.map(() => 'bold')]);
  wb.freeze(JOURNAL_SHEET, 1, 0);
  wb.setColumnWidths(
    JOURNAL_SHEET,
    0,
    JOURNAL_COLUMNS.map((c) => c.width),
  );
  return true;
}

export interface AuditOptions {
  /** The action as people call it: the menu item's title. */
  action: string;
  /** The clock (tests fix it). */
  now?: () => Date;
}

export class AuditedWorkbook implements Workbook {
  private readonly pending = new Map<string, Pending>();
  private readonly known = new Map<string, CellValue[][]>();
  private readonly now: () => Date;
  private user: string | null | undefined;

  constructor(
    readonly inner: Workbook,
    readonly options: AuditOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Whether anything was written since the last flush. */
  get dirty(): boolean {
    return this.pending.size > 0;
  }

  private entry(sheet: string): Pending {
    let p = this.pending.get(sheet);
    if (!p) {
      p = { rows: new Set(), what: [], previous: [], before: [] };
      this.pending.set(sheet, p);
    }
    return p;
  }

  private note(sheet: string, what: string, rows: Iterable<number> = []): void {
    const p = this.entry(sheet);
    if (!p.what.includes(what)) p.what.push(what);
    for (const r of rows) p.rows.add(r);
  }

  private static span(row: number, rows: number): number[] {
    return Array.from({ length: Math.max(0, rows) }, (_, i) => row + i);
  }

  /** The tab's values as they are now: from the action's own read, else one read. */
  private values(sheet: string): CellValue[][] {
    let v = this.known.get(sheet);
    if (!v) {
      v = this.inner.readSheet(sheet).values.map((r) => [...r]);
      this.known.set(sheet, v);
    }
    return v;
  }

  /** Records the cells of a block that had a value which the block changes, and keeps the copy current. */
  private replace(sheet: string, row: number, col: number, block: CellValue[][], skipNull = false): void {
    const values = this.values(sheet);
    const p = this.entry(sheet);
    block.forEach((line, i) => {
      const r = row + i;
      while (values.length <= r) values.push([]);
      const target = values[r] as CellValue[];
      line.forEach((v, j) => {
        if (skipNull && v === null) return;
        const c = col + j;
        const old = target[c] ?? null;
        if (!same(old, v) && !blank(old)) p.previous.push({ row: r, col: c, value: old });
        target[c] = v ?? null;
      });
    });
  }

  sheetNames(): string[] {
    return this.inner.sheetNames();
  }

  activeSheetName(): string | null {
    return this.inner.activeSheetName();
  }

  readSheet(name: string): Grid {
    const grid = this.inner.readSheet(name);
    this.known.set(
      name,
      grid.values.map((r) => [...r]),
    );
    return grid;
  }

  ensureSheet(name: string): { created: boolean } {
    const out = this.inner.ensureSheet(name);
    if (out.created) {
      this.note(name, 'создан лист');
      this.known.set(name, []);
    }
    return out;
  }

  clearSheet(name: string): void {
    const values = this.values(name);
    const p = this.entry(name);
    values.forEach((line, r) => line.forEach((v, c) => (blank(v) ? undefined : p.previous.push({ row: r, col: c, value: v }))));
    this.inner.clearSheet(name);
    this.note(name, 'лист очищен и записан заново', AuditedWorkbook.span(0, values.length));
    this.known.set(name, []);
  }

  writeBlock(name: string, row: number, col: number, values: CellValue[][]): void {
    this.replace(name, row, col, values);
    this.inner.writeBlock(name, row, col, values);
    this.note(name, 'значения', AuditedWorkbook.span(row, values.length));
  }

  writeFormulas(name: string, row: number, col: number, formulas: (string | null)[][]): void {
    this.replace(name, row, col, formulas, true);
    this.inner.writeFormulas(name, row, col, formulas);
    this.note(name, 'формулы', AuditedWorkbook.span(row, formulas.length));
  }

  clearBlock(name: string, range: Range): void {
    const empty = Array.from({ length: range.rows }, () => Array.from<CellValue>({ length: range.cols }).fill(null));
    this.replace(name, range.row, range.col, empty);
    this.inner.clearBlock(name, range);
    this.note(name, 'значения стёрты', AuditedWorkbook.span(range.row, range.rows));
  }

  setBackgrounds(name: string, row: number, col: number, colors: (string | null)[][]): void {
    this.inner.setBackgrounds(name, row, col, colors);
    this.note(name, 'заливка', AuditedWorkbook.span(row, colors.length));
  }

  setFontWeights(name: string, row: number, col: number, weights: ('bold' | 'normal')[][]): void {
    this.inner.setFontWeights(name, row, col, weights);
    this.note(name, 'шрифт', AuditedWorkbook.span(row, weights.length));
  }

  setNumberFormat(name: string, range: Range, format: string): void {
    this.inner.setNumberFormat(name, range, format);
    this.note(name, 'формат чисел');
  }

  setNumberFormats(name: string, row: number, col: number, formats: string[][]): void {
    this.inner.setNumberFormats(name, row, col, formats);
    this.note(name, 'формат чисел');
  }

  setNotes(name: string, row: number, col: number, notes: string[][]): void {
    this.inner.setNotes(name, row, col, notes);
    this.note(name, 'примечания', AuditedWorkbook.span(row, notes.length));
  }

  setValidation(name: string, range: Range, rule: Validation | null): void {
    this.inner.setValidation(name, range, rule);
    this.note(name, rule ? 'проверка данных' : 'проверка данных снята');
  }

  setValidations(name: string, row: number, col: number, rules: (Validation | null)[][]): void {
    this.inner.setValidations(name, row, col, rules);
    this.note(name, rules.some((l) => l.some((r) => r !== null)) ? 'проверка данных' : 'проверка данных снята');
  }

  setColumnWidths(name: string, col: number, widths: number[]): void {
    this.inner.setColumnWidths(name, col, widths);
    this.note(name, 'ширина столбцов');
  }

  setWrap(name: string, range: Range, wrap: boolean): void {
    this.inner.setWrap(name, range, wrap);
    this.note(name, wrap ? 'перенос текста' : 'перенос текста снят');
  }

  setWraps(name: string, row: number, col: number, wraps: boolean[][]): void {
    this.inner.setWraps(name, row, col, wraps);
    this.note(name, 'перенос текста');
  }

  setPrintColumns(name: string, count: number): void {
    this.inner.setPrintColumns(name, count);
  }

  hideColumns(name: string, col: number, count: number): void {
    this.inner.hideColumns(name, col, count);
    this.note(name, 'скрытые столбцы');
  }

  mergeAcross(name: string, range: Range): void {
    this.inner.mergeAcross(name, range);
    this.note(name, 'объединение ячеек');
  }

  freeze(name: string, rows: number, cols: number): void {
    this.inner.freeze(name, rows, cols);
    this.note(name, `закреплено строк: ${rows}, столбцов: ${cols}`);
  }

  setFilter(name: string, range: Range | null): void {
    this.inner.setFilter(name, range);
    this.note(name, range ? 'фильтр' : 'фильтр снят');
  }

  replaceConditionalRules(name: string, marker: string, rules: ConditionalRule[]): void {
    this.inner.replaceConditionalRules(name, marker, rules);
    this.note(name, rules.length > 0 ? 'условное форматирование надстройки' : 'условное форматирование надстройки снято');
  }

  conditionalRules(name: string): ConditionalRule[] {
    return this.inner.conditionalRules(name);
  }

  replaceChart(name: string, title: string, chart: ChartSpec | null): void {
    this.inner.replaceChart(name, title, chart);
    this.note(name, chart ? `диаграмма «${title}»` : `диаграмма «${title}» удалена`);
  }

  replaceCharts(name: string, charts: ChartSpec[]): void {
    this.inner.replaceCharts(name, charts);
    this.note(name, charts.length > 0 ? `диаграммы: ${charts.map((c) => `«${c.title}»`).join(', ')}` : 'диаграммы удалены');
  }

  linkPrefix(name: string): string {
    return this.inner.linkPrefix(name);
  }

  toast(message: string, title?: string): void {
    this.inner.toast(message, title);
  }

  readLayout(name: string, range: Range): SheetLayout {
    return this.inner.readLayout(name, range);
  }

  appendRows(name: string, values: CellValue[][]): number {
    const row = this.inner.appendRows(name, values);
    const known = this.known.get(name);
    if (known) {
      while (known.length < row) known.push([]);
      values.forEach((line, i) => (known[row + i] = [...line]));
    }
    this.note(name, 'добавлены строки', AuditedWorkbook.span(row, values.length));
    return row;
  }

  /** Rows inserted move the rows below: the known copy moves with them, and the journal names the new rows. */
  insertRows(name: string, before: number, count: number): void {
    this.inner.insertRows(name, before, count);
    const known = this.known.get(name);
    if (known && known.length > before) known.splice(before, 0, ...Array.from({ length: count }, () => []));
    this.note(name, 'вставлены строки', AuditedWorkbook.span(before, count));
  }

  activeCell(): CellRef | null {
    return this.inner.activeCell();
  }

  readProtections(marker: string): Protection[] {
    return this.inner.readProtections(marker);
  }

  readCells(cells: readonly CellRef[]): CellValue[] {
    return this.inner.readCells(cells);
  }

  fitSheet(name: string): void {
    this.inner.fitSheet(name);
  }

  lockedProtections(sheets: string[]): Protection[] {
    return this.inner.lockedProtections(sheets);
  }

  /** The journal names, per sheet, whom its protections now let in, and what the removed ones said. */
  replaceProtections(marker: string, protections: Protection[], stop?: () => boolean): ProtectionChanges {
    const changes = this.inner.replaceProtections(marker, protections, stop);
    const describe = (list: Protection[]) =>
      list.map((p) => (p.warningOnly ? 'предупреждение для всех' : p.editors.join(', ') || 'только владелец')).join(' | ');
    for (const sheet of new Set([...changes.made, ...changes.removed].map((p) => p.sheet))) {
      const now = changes.made.filter((p) => p.sheet === sheet);
      const was = [
        ...changes.replaced.filter((p) => p.sheet === sheet).map((p) => describe([p])),
        ...changes.removed.filter((p) => p.sheet === sheet).map((p) => protectionText(p.description)),
      ];
      this.note(sheet, `защита: ${now.length > 0 ? describe(now) : 'снята'}`);
      if (was.length > 0) this.entry(sheet).before.push(`защита: ${was.join(' | ')}`);
    }
    return changes;
  }

  currentUser(): string | null {
    if (this.user === undefined) this.user = this.inner.currentUser();
    return this.user;
  }

  ownerEmail(): string | null {
    return this.inner.ownerEmail();
  }

  /** The journal rows of what was written since the last flush. */
  entries(failure?: string): JournalEntry[] {
    const when = this.now();
    const who = this.currentUser();
    const action = failure ? `${this.options.action} — прервано: ${failure}` : this.options.action;
    return [...this.pending]
      .filter(([sheet]) => sheet !== JOURNAL_SHEET)
      .map(([sheet, p]) => ({ when, who, action, sheet, rows: [...p.rows], what: p.what, previous: p.previous, before: p.before }));
  }

  /**
   * Appends the journal rows in one call (creating the journal tab first if need be) and forgets them.
   * With `failure`, the rows say the action stopped midway, so that what it did write can be traced.
   */
  flush(failure?: string): number {
    const rows = this.entries(failure).map(journalRow);
    this.pending.clear();
    if (rows.length === 0) return 0;
    ensureJournal(this.inner);
    this.inner.appendRows(JOURNAL_SHEET, rows);
    return rows.length;
  }
}
