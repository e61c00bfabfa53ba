/**
 * Reading result tables as districts really have them (DOMAIN.md «Input»):
 * - wide: one row per school, a group header (`ВПр МА 5 2019`, often merged) over metrics (`" % 2"`);
 * - wide, one row: every column named in full (`ВПР МА 5 2019 % 2`);
 * - long: one row per school, procedure and year (`Год, Класс, Предмет, …, Логин, ОО, …, 2, 3, 4, 5`).
 * Every cell that cannot be read and every header that cannot be placed goes into the report.
 */
import { cleanHeader, cleanLogin, stripInvisible } from './clean';
import { LOGIN_LIKE, loginKey } from './login';
import { type Exam, readProcedureHeader } from './procedure';
import { type CellValue, columnLetter, compactHeader, normalizeHeader, parseNumberCell, plainNumber } from './text';

export interface Merge {
  /** 0-based top row and left column, and the size of the merged block. */
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** A sheet as the port reads it: its name, its values, its merged ranges. */
export interface Grid {
  sheet: string;
  values: CellValue[][];
  merges?: Merge[];
  /**
   * What the spreadsheet says of each column's number format, where it says: true when every number in
   * the column is formatted as a percentage (0,005 shown as 0,5 %: a fraction), false when every number
   * has a format without % (0,5 is 0,5 %); null or absent when the format is automatic or mixed, and the
   * values alone decide.
   */
  percent?: ReadonlyArray<boolean | null>;
  /** The sheet is hidden in its book. */
  hidden?: boolean;
  /** 0-based cells holding a formula whose value was never computed (nothing to read there). */
  uncomputed?: CellRef[];
  /** Cells far outside the table (past a wide gap of empty rows or columns), left out of `values`. */
  stray?: Array<CellRef & { value: CellValue }>;
}

export type Severity = 'ошибка' | 'предупреждение' | 'сведения';

/** One entry of the parse report. Rows are 1-based sheet rows; columns are letters. */
export interface Problem {
  severity: Severity;
  sheet: string;
  row: number | null;
  column: string | null;
  value: string;
  message: string;
}

export interface CellRef {
  /** 0-based row and column in the sheet. */
  row: number;
  col: number;
}

export interface Result {
  procedure: string;
  year: number;
  /** Share of participants with «2» (ВПР, ОГЭ) or below the minimum (ЕГЭ), in percent; null when unknown. */
  fail: number | null;
  /** `held` when a value was read, `notHeld` for `-`, `blank` for an empty cell. */
  state: 'held' | 'notHeld' | 'blank';
  high: number | null;
  participants: number | null;
  /** Shares of «2», «3», «4», «5», %, where the table gives all four (the long layout, Ф1 summaries); absent otherwise. */
  marks?: [number, number, number, number];
  /** Where the fail share stands (0-based), for highlighting and links. */
  row: number;
  col: number;
}

export interface School {
  /** Login when known (lower case), otherwise `name:` and the normalised name. */
  key: string;
  login: string | null;
  name: string;
  territory: string;
  /** 0-based row of the school in the sheet (its first row in the long layout). */
  row: number;
  results: Result[];
}

export type Layout = 'wide' | 'wide-one-row' | 'long';

export interface ResultTable {
  sheet: string;
  layout: Layout;
  /** 0-based index of the first data row. */
  firstDataRow: number;
  schools: School[];
  years: number[];
  procedures: string[];
  problems: Problem[];
  /** Columns whose scale (fractions or percent numbers) was a guess from their values. */
  guesses: ScaleGuess[];
}

export class NotAResultTableError extends Error {}

type IdColumn = 'login' | 'name' | 'territory' | 'number' | 'type';

function identityColumn(header: string): IdColumn | null {
  const h = normalizeHeader(header);
  if (h === '') return null;
  if (/логин/.test(h)) return 'login';
  if (/^(название|наименование|полное наименование|краткое наименование)( оо| школы| образовательной организации| организации)?$/.test(h))
    return 'name';
  if (/^(оо|школа|образовательная организация|общеобразовательная организация)$/.test(h)) return 'name';
  if (/^(территория|муниципалитет|муниципальное образование|район|мо|ато)$/.test(h)) return 'territory';
  if (/^(№|n|№ п п|№ пп|№п п|п п|номер)$/.test(h.replace(/[/.]/g, ' ').replace(/\s+/g, ' ').trim())) return 'number';
  if (/^(тип оо|тип|вид оо)$/.test(h)) return 'type';
  return null;
}

type Metric = 'fail' | 'high' | 'participants';

function metricOf(header: string): Metric | null {
  const c = compactHeader(header);
  if (c === '') return null;
  if (/выс/.test(c)) return 'high';
  if (/(^|%|доля)«?2»?$|^%?(неуд|непреодол|нижемин|ниже?порог|непрошл)/.test(c) || c === '2' || c === '%2') return 'fail';
  if (/участ|колво|кол-во|числ/.test(c)) return 'participants';
  return null;
}

interface Column {
  col: number;
  procedure: string;
  year: number;
  metric: Metric;
  /** Index of the (procedure, year) pair the column belongs to. */
  slot: number;
}

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

class Report {
  readonly problems: Problem[] = [];
  constructor(readonly sheet: string) {}
  add(severity: Severity, row: number | null, col: number | null, value: CellValue, message: string): void {
    this.problems.push({
      severity,
      sheet: this.sheet,
      row: row === null ? null : row + 1,
      column: col === null ? null : columnLetter(col),
      value: cellText(value),
      message,
    });
  }
}

/** Finds the header row: the first of the top rows that names the school by login or by name. */
function findHeaderRow(values: CellValue[][]): number {
  const limit = Math.min(values.length, 20);
  for (let r = 0; r < limit; r++) {
    const row = values[r] ?? [];
    let ids = 0;
    for (const v of row) if (identityColumn(cellText(v)) === 'login' || identityColumn(cellText(v)) === 'name') ids++;
    if (ids > 0) return r;
  }
  return -1;
}

/** How the numbers of some columns are to be read, when something other than the values knows. */
export interface ParseOptions {
  /**
   * Whether the column's cells are formatted as percentages (a spreadsheet stores 40 % as 0.4): true reads
   * the values as fractions, false as percent numbers, undefined lets the values decide.
   */
  percentFormatted?: (col: number) => boolean | undefined;
  /** Today (tests fix it): a year after today's year in Moscow is an error, never data. Absent: the clock's now. */
  now?: Date;
}

/** Header rows are searched and read here; their text is cleaned of invisible and look-alike characters. */
const HEADER_SEARCH_ROWS = 20;

function cleanHeaderRows(grid: Grid): { grid: Grid; changed: Map<string, string> } {
  const changed = new Map<string, string>();
  const top = grid.values.slice(0, HEADER_SEARCH_ROWS + 1).map((row, r) =>
    (row ?? []).map((v, c) => {
      if (typeof v !== 'string') return v;
      const clean = cleanHeader(v);
      if (clean !== v) changed.set(`${r},${c}`, v);
      return clean;
    }),
  );
  if (changed.size === 0) return { grid, changed };
  return { grid: { ...grid, values: [...top, ...grid.values.slice(top.length)] }, changed };
}

export function parseResultTable(input: Grid, given: ParseOptions = {}): ResultTable {
  const { grid, changed } = cleanHeaderRows(input);
  // The spreadsheet's own number formats (Grid.percent, read in Sheets) decide where the caller says nothing.
  const told = input.percent;
  const options: ParseOptions = given.percentFormatted || !told ? given : { ...given, percentFormatted: (col) => told[col] ?? undefined };
  const values = grid.values;
  const headerRow = findHeaderRow(values);
  if (headerRow < 0) {
    throw new NotAResultTableError(`Лист «${grid.sheet}»: не найдена строка заголовков с логином или названием ОО (первые 20 строк).`);
  }
  const header = (values[headerRow] ?? []).map(cellText);
  const norm = header.map(normalizeHeader);
  const has = (re: RegExp) => norm.findIndex((h) => re.test(h));
  const table =
    has(/^год$/) >= 0 && has(/^предмет$/) >= 0 && norm.indexOf('2') >= 0
      ? parseLong(grid, headerRow, header, options)
      : parseWide(grid, headerRow, header, options);
  const notes: Problem[] = [];
  for (const [key, original] of changed) {
    const [r, c] = key.split(',').map(Number) as [number, number];
    if (r < headerRow || r >= table.firstDataRow) continue;
    const spacesOnly = original.replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ') === values[r]?.[c];
    notes.push({
      severity: spacesOnly ? 'сведения' : 'предупреждение',
      sheet: grid.sheet,
      row: r + 1,
      column: columnLetter(c),
      value: visible(original),
      message: spacesOnly
        ? 'В заголовке неразрывные пробелы; прочитаны как обычные.'
        : `В заголовке невидимые символы или латинские буквы вместо русских; прочитан как «${String(values[r]?.[c] ?? '').trim()}».`,
    });
  }
  reportMerges(grid, table, notes);
  const stray = grid.stray ?? [];
  for (const c of stray.slice(0, UNCOMPUTED_SHOWN))
    notes.push({
      severity: 'предупреждение',
      sheet: grid.sheet,
      row: c.row + 1,
      column: columnLetter(c.col),
      value: cellText(c.value),
      message: 'Ячейка далеко за пределами таблицы (после тысяч пустых строк или сотен пустых столбцов); не учитывается.',
    });
  if (stray.length > UNCOMPUTED_SHOWN)
    notes.push({
      severity: 'предупреждение',
      sheet: grid.sheet,
      row: null,
      column: null,
      value: '',
      message: `Ещё ${stray.length - UNCOMPUTED_SHOWN} ячеек далеко за пределами таблицы не учитываются.`,
    });
  table.problems.unshift(...notes);
  reportUncomputed(grid, table.problems);
  return table;
}

/** A text with its invisible characters shown as ⟨U+200B⟩, so the report says what was there. */
export function visible(text: string): string {
  return text.replace(/[\u00a0\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, (ch) =>
    ch === '\u00a0' ? '⟨неразрывный пробел⟩' : `⟨U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

/** Merged cells over data rows: the rows under a merge read empty, which the report must explain. */
function reportMerges(grid: Grid, table: ResultTable, notes: Problem[]): void {
  for (const m of grid.merges ?? []) {
    if (m.rows < 2 || m.row + m.rows - 1 < table.firstDataRow) continue;
    const ref = `${columnLetter(m.col)}${m.row + 1}:${columnLetter(m.col + m.cols - 1)}${m.row + m.rows}`;
    notes.push({
      severity: 'ошибка',
      sheet: grid.sheet,
      row: m.row + 1,
      column: columnLetter(m.col),
      value: cellText(grid.values[m.row]?.[m.col]),
      message: `Ячейки ${ref} объединены поверх строк данных: значение стоит только в строке ${m.row + 1}, строки ${m.row + 2}–${m.row + m.rows} в этом столбце прочитаны пустыми. Разъедините ячейки и заполните каждую строку.`,
    });
  }
}

const UNCOMPUTED_SHOWN = 20;

/** Formulas saved without their values: each is named (the first twenty), none is read as a number. */
function reportUncomputed(grid: Grid, problems: Problem[]): void {
  const cells = grid.uncomputed ?? [];
  const fix = 'откройте файл в Excel или LibreOffice и сохраните его, чтобы значения вычислились';
  for (const c of cells.slice(0, UNCOMPUTED_SHOWN))
    problems.push({
      severity: 'ошибка',
      sheet: grid.sheet,
      row: c.row + 1,
      column: columnLetter(c.col),
      value: '',
      message: `Формула без вычисленного значения; ячейка не учитывается — ${fix}.`,
    });
  if (cells.length > UNCOMPUTED_SHOWN)
    problems.push({
      severity: 'ошибка',
      sheet: grid.sheet,
      row: null,
      column: null,
      value: '',
      message: `Ещё ${cells.length - UNCOMPUTED_SHOWN} формул без вычисленных значений — ${fix}.`,
    });
}

/** Applies merged ranges and fills empty group cells from the left where a metric row stands under them. */
function groupHeaders(grid: Grid, headerRow: number, width: number, metricRow: string[] | null): string[] {
  const top = (grid.values[headerRow] ?? []).map(cellText);
  const groups: string[] = [];
  for (let c = 0; c < width; c++) groups.push(top[c] ?? '');
  for (const m of grid.merges ?? []) {
    if (m.row > headerRow || m.row + m.rows - 1 < headerRow) continue;
    const text = cellText(grid.values[m.row]?.[m.col]);
    for (let c = m.col; c < m.col + m.cols && c < width; c++) groups[c] = text;
  }
  if (metricRow) {
    for (let c = 1; c < width; c++) {
      if ((groups[c] ?? '').trim() === '' && metricOf(metricRow[c] ?? '') !== null) groups[c] = groups[c - 1] ?? '';
    }
  }
  return groups;
}

function parseWide(grid: Grid, headerRow: number, header: string[], options: ParseOptions): ResultTable {
  const report = new Report(grid.sheet);
  const values = grid.values;
  const next = (values[headerRow + 1] ?? []).map(cellText);
  const width = Math.max(header.length, next.length);
  // A metric row names metrics (« % 2»); a data row right under a one-row header holds numbers instead.
  const metricCount = next.filter((t) => metricOf(t) !== null && !/^[\s\d.,]+$/.test(t)).length;
  const twoRow = metricCount > 0;
  const layout: Layout = twoRow ? 'wide' : 'wide-one-row';
  const groups = groupHeaders(grid, headerRow, width, twoRow ? next : null);
  const firstDataRow = headerRow + (twoRow ? 2 : 1);

  const ids = new Map<IdColumn, number>();
  const columns: Column[] = [];
  const seenColumn = new Map<string, number>();
  const slots = new Map<string, number>();
  for (let c = 0; c < width; c++) {
    const group = groups[c] ?? '';
    const sub = twoRow ? (next[c] ?? '') : '';
    const id = identityColumn(group) ?? (twoRow ? identityColumn(sub) : null);
    if (id) {
      if (!ids.has(id)) ids.set(id, c);
      continue;
    }
    if (group.trim() === '' && sub.trim() === '') continue;
    const reading = readProcedureHeader(group);
    const where = twoRow && sub.trim() !== '' ? `«${group.trim()}» / «${sub.trim()}»` : `«${group.trim()}»`;
    if (!reading.procedure || reading.year === null) {
      const why = reading.problem ?? 'не указан год';
      report.add(
        'предупреждение',
        headerRow,
        c,
        twoRow ? `${group} / ${sub}` : group,
        `Заголовок ${where} не распознан: ${why}; столбец не учитывается.`,
      );
      continue;
    }
    const metric = metricOf(twoRow ? sub : reading.rest);
    if (metric === null) {
      const what = twoRow ? sub : reading.rest;
      report.add(
        'предупреждение',
        twoRow ? headerRow + 1 : headerRow,
        c,
        what,
        what.trim() === ''
          ? `Заголовок ${where}: не указан показатель (« % 2», «% Выс. рез-тов»); столбец не учитывается.`
          : `Заголовок ${where}: показатель «${what.trim()}» не используется в критериях; столбец не учитывается.`,
      );
      continue;
    }
    const key = `${reading.procedure.label}|${reading.year}|${metric}`;
    const earlier = seenColumn.get(key);
    if (earlier !== undefined) {
      report.add(
        'ошибка',
        headerRow,
        c,
        group,
        `Столбец повторяет столбец ${columnLetter(earlier)} (${reading.procedure.label}, ${reading.year}); учитывается первый.`,
      );
      continue;
    }
    seenColumn.set(key, c);
    const slotKey = `${reading.procedure.label}|${reading.year}`;
    let slot = slots.get(slotKey);
    if (slot === undefined) {
      slot = slots.size;
      slots.set(slotKey, slot);
    }
    columns.push({ col: c, procedure: reading.procedure.label, year: reading.year, metric, slot });
  }
  if (!ids.has('login') && !ids.has('name')) {
    throw new NotAResultTableError(`Лист «${grid.sheet}»: нет столбца с логином или названием ОО.`);
  }
  if (columns.every((c) => c.metric !== 'fail')) {
    throw new NotAResultTableError(
      `Лист «${grid.sheet}»: не найдено ни одного столбца с долей «2» (например, «ВПР МА 5 2019» над « % 2»).`,
    );
  }

  const guesses: ScaleGuess[] = [];
  const scale = fractionColumns(
    values,
    firstDataRow,
    (['fail', 'high'] as const).map((m) => columns.filter((c) => c.metric === m).map((c) => c.col)),
    report,
    headerRow,
    options,
    guesses,
  );
  const failColumns = columns.filter((c) => c.metric === 'fail');
  const otherColumns = columns.filter((c) => c.metric !== 'fail');
  const schools: School[] = [];
  const byKey = new Map<string, School>();
  for (let r = firstDataRow; r < values.length; r++) {
    const row = values[r] ?? [];
    const identity = readIdentity(row, ids, r, report);
    if (identity === 'empty' || identity === 'skip') continue;
    const earlier = byKey.get(identity.key);
    if (earlier) {
      report.add(
        'ошибка',
        r,
        ids.get('login') ?? ids.get('name') ?? 0,
        identity.login ?? identity.name,
        `ОО уже есть в строке ${earlier.row + 1}; строка не учитывается.`,
      );
      continue;
    }
    // One result per (procedure, year); only pairs that have a «2» column become results.
    const bySlot: Array<Result | undefined> = new Array(slots.size);
    for (const column of failColumns) {
      const value = readShare(row[column.col], 'fail', r, column.col, report, scale.has(column.col));
      bySlot[column.slot] = {
        procedure: column.procedure,
        year: column.year,
        fail: typeof value === 'number' ? value : null,
        state: value === 'notHeld' ? 'notHeld' : typeof value === 'number' ? 'held' : 'blank',
        high: null,
        participants: null,
        row: r,
        col: column.col,
      };
    }
    for (const column of otherColumns) {
      const result = bySlot[column.slot];
      if (!result) continue;
      const value = readShare(row[column.col], column.metric, r, column.col, report, scale.has(column.col));
      if (typeof value !== 'number') continue;
      if (column.metric === 'high') result.high = value;
      else result.participants = value;
    }
    const results: Result[] = [];
    for (const x of bySlot) {
      if (!x) continue;
      if (x.participants === 0 && ((x.fail ?? 0) > 0 || (x.high ?? 0) > 0)) {
        report.add(
          'ошибка',
          r,
          x.col,
          x.fail ?? x.high,
          `${x.procedure}, ${x.year}: участников 0, а доля указана; результат не учитывается.`,
        );
        x.fail = null;
        x.state = 'blank';
      }
      results.push(x);
    }
    const school: School = { ...identity, row: r, results };
    byKey.set(school.key, school);
    schools.push(school);
  }
  return finish(grid.sheet, layout, firstDataRow, schools, report, guesses, options.now);
}

/**
 * The latest year that most schools have results for: at least half as many schools as the best-covered
 * year. A year of a handful of schools (a typo, a partial upload) does not move it. `counted` limits it to
 * the procedures that count (the criteria's).
 */
export function mainYear(schools: readonly School[], counted: (procedure: string) => boolean = () => true): number | null {
  const count = new Map<number, number>();
  // The years a school has, counted once each: a short list, not a set per school (a region has tens of thousands).
  const seen: number[] = [];
  for (const s of schools) {
    seen.length = 0;
    for (const r of s.results) if (r.state === 'held' && !seen.includes(r.year) && counted(r.procedure)) seen.push(r.year);
    for (const y of seen) count.set(y, (count.get(y) ?? 0) + 1);
  }
  let most = 0;
  for (const n of count.values()) most = Math.max(most, n);
  let year: number | null = null;
  for (const [y, n] of count) if (n * 2 >= most && (year === null || y > year)) year = y;
  return year;
}

/** How far from the main year a year may stand: one year ahead (a new year coming in), ten back. */
const YEARS_AHEAD = 1;
const YEARS_BACK = 10;

const ROWS_SHOWN = 10;

/** The year of today in Moscow (UTC+3 all year). */
export function moscowYear(now: Date): number {
  return new Date(now.getTime() + 3 * 3600 * 1000).getUTCFullYear();
}

/** Removes the results of the years `drop` says and reports each year once: its columns (wide) or rows (long). */
function dropYears(
  schools: School[],
  layout: Layout,
  report: Report,
  drop: (year: number) => boolean,
  why: (year: number) => string,
): void {
  const where = new Map<number, { rows: Set<number>; cols: Set<number> }>();
  for (const s of schools) {
    if (!s.results.some((r) => drop(r.year))) continue;
    s.results = s.results.filter((r) => {
      if (!drop(r.year)) return true;
      let w = where.get(r.year);
      if (!w) where.set(r.year, (w = { rows: new Set(), cols: new Set() }));
      w.rows.add(r.row);
      w.cols.add(r.col);
      return false;
    });
  }
  for (const [year, w] of [...where].sort((a, b) => a[0] - b[0])) {
    const rows = [...w.rows].sort((a, b) => a - b);
    const cols = [...w.cols].sort((a, b) => a - b);
    const text = `${why(year)}: его результаты не учитываются; проверьте год`;
    if (layout !== 'long') {
      const shown = cols.slice(0, ROWS_SHOWN).map(columnLetter);
      const more = cols.length > ROWS_SHOWN ? ` и ещё ${cols.length - ROWS_SHOWN}` : '';
      report.add('ошибка', null, cols[0] ?? null, year, `${text} в заголовке столбцов ${shown.join(', ')}${more}.`);
      continue;
    }
    const shown = rows.slice(0, ROWS_SHOWN).map((r) => r + 1);
    const more = rows.length > ROWS_SHOWN ? ` и ещё ${rows.length - ROWS_SHOWN}` : '';
    report.add('ошибка', rows[0] ?? null, cols[0] ?? null, year, `${text} в строках ${shown.join(', ')}${more}.`);
  }
}

/**
 * Years that cannot be data: a year after today (2099 for 2026) is an error for its columns and never the
 * main year; of the rest, years far from the main one are typos (1924).
 */
function dropOutlierYears(schools: School[], layout: Layout, report: Report, now: Date): void {
  const thisYear = moscowYear(now);
  dropYears(
    schools,
    layout,
    report,
    (y) => y > thisYear,
    (y) => `Год ${y} ещё не наступил (сегодня ${thisYear} год)`,
  );
  const main = mainYear(schools);
  if (main === null) return;
  dropYears(
    schools,
    layout,
    report,
    (y) => y > main + YEARS_AHEAD || y < main - YEARS_BACK,
    (y) => `Год ${y} далёк от остальных данных (основной год — ${main})`,
  );
}

function finish(
  sheet: string,
  layout: Layout,
  firstDataRow: number,
  schools: School[],
  report: Report,
  guesses: ScaleGuess[],
  now: Date = new Date(),
): ResultTable {
  dropOutlierYears(schools, layout, report, now);
  const years = new Set<number>();
  const procedures = new Set<string>();
  for (const s of schools) {
    for (const r of s.results) {
      years.add(r.year);
      procedures.add(r.procedure);
    }
  }
  return {
    sheet,
    layout,
    firstDataRow,
    schools,
    years: [...years].sort((a, b) => a - b),
    procedures: [...procedures].sort(),
    problems: report.problems,
    guesses,
  };
}

type Identity = { key: string; login: string | null; name: string; territory: string };

const TOTAL_ROW = /^(итого|всего|среднее|в среднем|по району|по округу|по муниципалитету|по региону|район|округ|регион)/;

function readIdentity(row: CellValue[], ids: Map<IdColumn, number>, r: number, report: Report): Identity | 'empty' | 'skip' {
  const get = (id: IdColumn) => {
    const c = ids.get(id);
    return c === undefined ? '' : cellText(row[c]).replace(/\s+/g, ' ').trim();
  };
  const written = get('login');
  const login = cleanLogin(written);
  const name = stripInvisible(get('name')).replace(/\s+/g, ' ').trim();
  const territory = get('territory');
  if (login !== '' && login !== written.toLowerCase())
    report.add(
      'предупреждение',
      r,
      ids.get('login') ?? 0,
      visible(written),
      `Логин записан с невидимыми символами, пробелами или русскими буквами вместо латинских; прочитан как «${login}».`,
    );
  if (login === '' && name === '') {
    if (row.some((v) => cellText(v).trim() !== '')) {
      const first = row.findIndex((v) => cellText(v).trim() !== '');
      const text = cellText(row[first]).trim();
      if (TOTAL_ROW.test(normalizeHeader(text))) {
        report.add('сведения', r, first, text, 'Строка итогов пропущена.');
      } else {
        report.add('ошибка', r, ids.get('login') ?? ids.get('name') ?? 0, '', 'Нет ни логина, ни названия ОО; строка не учитывается.');
      }
      return 'skip';
    }
    return 'empty';
  }
  if (login === '' && TOTAL_ROW.test(normalizeHeader(name))) {
    report.add('сведения', r, ids.get('name') ?? 0, name, 'Строка итогов пропущена.');
    return 'skip';
  }
  if (login !== '' && !LOGIN_LIKE.test(login)) {
    report.add(
      'предупреждение',
      r,
      ids.get('login') ?? 0,
      login,
      'Логин не похож на логин ФИС ОКО (sch, edu или ksh и цифры); используется как есть.',
    );
  }
  const key = login !== '' ? loginKey(login) : `name:${normalizeHeader(name)}`;
  return { key, login: login === '' ? null : login.toLowerCase(), name: name || login, territory };
}

/** A column whose scale the values alone decided: read as fractions (0,4 → 40 %) or as percent numbers. */
export interface ScaleGuess {
  col: number;
  fraction: boolean;
}

/**
 * Which columns hold fractions (0,4 means 40 %). A percent-formatted hint decides outright. Otherwise a
 * column with a value above 1 or a «%» sign holds percent numbers; a column of values within 0…1 is
 * ambiguous and is read the way the table's other columns are (percent numbers when any column has a value
 * above 1, fractions when none has). Ambiguous columns are returned as guesses, for the caller to check
 * whether the other reading would change a verdict.
 */
function fractionColumns(
  values: CellValue[][],
  from: number,
  groups: number[][],
  report: Report,
  headerRow: number,
  options: ParseOptions,
  guesses: ScaleGuess[],
): Set<number> {
  const out = new Set<number>();
  for (const cols of groups) decideGroup(values, from, cols, report, headerRow, options, guesses, out);
  return out;
}

/** One group of columns of the same kind (shares of «2», of high results): read alike. */
function decideGroup(
  values: CellValue[][],
  from: number,
  cols: number[],
  report: Report,
  headerRow: number,
  options: ParseOptions,
  guesses: ScaleGuess[],
  out: Set<number>,
): void {
  const ambiguous: number[] = [];
  let percentTable = false;
  for (const c of cols) {
    const hint = options.percentFormatted?.(c);
    if (hint === true) {
      out.add(c);
      report.add('сведения', headerRow, c, '', 'Ячейки столбца в процентном формате — значения прочитаны как доли (0,4 → 40 %).');
      continue;
    }
    if (hint === false) continue;
    let count = 0;
    let max = Number.NEGATIVE_INFINITY;
    let percentSign = false;
    let fractional = false;
    for (let r = from; r < values.length; r++) {
      const raw = values[r]?.[c];
      let value: number;
      if (typeof raw === 'number') value = raw;
      else if (raw === null || raw === undefined || raw === '') continue;
      else {
        const p = parseNumberCell(raw);
        if (p.kind !== 'number') continue;
        if (p.percentSign) percentSign = true;
        value = p.value;
      }
      count++;
      if (value > max) max = value;
      if (value > 0 && value < 1) fractional = true;
      // A share above 1 settles it: this column holds percentages.
      if (max > 1) break;
    }
    if (max > 1 || percentSign) percentTable = true;
    // Only 0 and 1 say nothing either way: those stay percentages.
    else if (count > 0 && fractional) ambiguous.push(c);
  }
  for (const c of ambiguous) {
    const fraction = !percentTable;
    guesses.push({ col: c, fraction });
    if (fraction) out.add(c);
    report.add(
      'сведения',
      headerRow,
      c,
      '',
      fraction
        ? 'Все значения столбца не больше 1, как и в других таких же столбцах, — прочитаны как доли и пересчитаны в проценты (0,4 → 40 %).'
        : 'Все значения столбца не больше 1, а в других таких же столбцах проценты — прочитаны как проценты (0,8 → 0,8 %).',
    );
  }
}

function readShare(raw: CellValue, metric: Metric, r: number, c: number, report: Report, fraction: boolean): number | 'notHeld' | null {
  // Most cells are plain numbers: no parsing, no allocation.
  if (typeof raw === 'number' && metric !== 'participants' && raw >= 0) {
    const v = fraction ? raw * 100 : raw;
    if (v <= 100) return fraction ? Math.round(v * 1e6) / 1e6 : v;
  }
  if (raw === null || raw === undefined || raw === '') return null;
  // A CSV's cells are text, mostly plain numbers: the same reading without building a parse result.
  if (typeof raw === 'string' && metric !== 'participants') {
    const n = plainNumber(raw);
    if (n !== null && n >= 0) {
      const v = fraction ? n * 100 : n;
      if (v <= 100) return Math.round(v * 1e6) / 1e6;
    }
  }
  const p = parseNumberCell(raw);
  if (p.kind === 'blank') return null;
  if (p.kind === 'notHeld') return 'notHeld';
  if (p.kind === 'invalid') {
    report.add('ошибка', r, c, raw, 'Не число; ячейка не учитывается.');
    return null;
  }
  if (metric === 'participants') {
    if (p.value < 0 || !Number.isInteger(p.value)) {
      report.add('ошибка', r, c, raw, 'Число участников должно быть целым и не меньше 0; ячейка не учитывается.');
      return null;
    }
    return p.value;
  }
  const value = fraction ? p.value * 100 : p.value;
  if (value < 0 || value > 100) {
    report.add('ошибка', r, c, raw, 'Доля вне пределов 0–100 %; ячейка не учитывается.');
    return null;
  }
  return Math.round(value * 1e6) / 1e6;
}

/** The four marks of a row when they are whole head counts adding up to the participants (more than 0). */
function markCounts(row: CellValue[], marks: number[], participants: number | null): number[] | null {
  if (participants === null || participants <= 0 || marks.some((c) => c < 0)) return null;
  const nums: number[] = [];
  for (const c of marks) {
    const p = parseNumberCell(row[c]);
    if (p.kind !== 'number' || p.percentSign || !Number.isInteger(p.value) || p.value < 0) return null;
    nums.push(p.value);
  }
  const sum = nums.reduce((t, x) => t + x, 0);
  // 100 participants: counts and percentages are the same numbers.
  return sum === participants && nums.some((x) => x > 1) ? nums : null;
}

function shareOf(raw: CellValue, fraction: boolean): number | null {
  const p = parseNumberCell(raw);
  if (p.kind !== 'number') return null;
  return fraction ? p.value * 100 : p.value;
}

function formatShare(v: number): string {
  return String(Math.round(v * 10) / 10).replace('.', ',');
}

function parseLong(grid: Grid, headerRow: number, header: string[], options: ParseOptions): ResultTable {
  const report = new Report(grid.sheet);
  const values = grid.values;
  const norm = header.map(normalizeHeader);
  const find = (re: RegExp) => {
    const i = norm.findIndex((h) => re.test(h));
    return i < 0 ? undefined : i;
  };
  const col = {
    year: find(/^год$/),
    grade: find(/^класс$|^параллель$/),
    subject: find(/^предмет$/),
    procedure: find(/^процедура$|^оценочная процедура$|^вид$/),
    participants: find(/кол-?во участников|^участников|^количество участников/),
    fail: norm.indexOf('2'),
    high: norm.indexOf('5'),
  };
  const ids = new Map<IdColumn, number>();
  header.forEach((h, c) => {
    const id = identityColumn(h);
    if (id && !ids.has(id)) ids.set(id, c);
  });
  const known = new Set<number>([...Object.values(col), ...ids.values()].filter((x): x is number => x !== undefined && x >= 0));
  for (const m of ['3', '4']) if (norm.indexOf(m) >= 0) known.add(norm.indexOf(m));
  header.forEach((h, c) => {
    if (h.trim() !== '' && !known.has(c)) report.add('сведения', headerRow, c, h, `Столбец «${h.trim()}» не используется.`);
  });
  const firstDataRow = headerRow + 1;
  const guesses: ScaleGuess[] = [];
  const marks = ['2', '3', '4', '5'].map((m) => norm.indexOf(m));
  const scale = fractionColumns(values, firstDataRow, [marks.filter((c) => c >= 0)], report, headerRow, options, guesses);
  const countRows: number[] = [];
  const schools: School[] = [];
  const byKey = new Map<string, School>();
  const seen = new Map<string, number>();
  for (let r = firstDataRow; r < values.length; r++) {
    const row = values[r] ?? [];
    const identity = readIdentity(row, ids, r, report);
    if (identity === 'empty' || identity === 'skip') continue;
    const yearRaw = col.year === undefined ? '' : cellText(row[col.year]).trim();
    const yearMatch = /(19|20)\d\d(?!.*(19|20)\d\d)/.exec(yearRaw);
    if (!yearMatch) {
      report.add('ошибка', r, col.year ?? 0, yearRaw, 'Не указан год; строка не учитывается.');
      continue;
    }
    const year = Number(yearMatch[0]);
    const examText = col.procedure === undefined ? '' : cellText(row[col.procedure]).trim();
    const subjectText = col.subject === undefined ? '' : cellText(row[col.subject]).trim();
    const gradeText = col.grade === undefined ? '' : cellText(row[col.grade]).trim();
    const reading = readProcedureHeader(`${examText} ${subjectText} ${gradeText}`, examText === '' ? 'ВПР' : undefined);
    if (!reading.procedure) {
      report.add(
        'ошибка',
        r,
        col.subject ?? 0,
        `${examText} ${subjectText} ${gradeText}`.trim(),
        `Процедура не распознана: ${reading.problem}; строка не учитывается.`,
      );
      continue;
    }
    const procedure = reading.procedure.label;
    const dupKey = `${identity.key}|${procedure}|${year}`;
    const dup = seen.get(dupKey);
    if (dup !== undefined) {
      report.add(
        'ошибка',
        r,
        col.subject ?? 0,
        procedure,
        `${procedure}, ${year} для этой ОО уже есть в строке ${dup + 1}; строка не учитывается.`,
      );
      continue;
    }
    seen.set(dupKey, r);
    const participants =
      col.participants === undefined ? null : readShare(row[col.participants], 'participants', r, col.participants, report, false);
    const n = typeof participants === 'number' ? participants : null;
    let fail: number | 'notHeld' | null;
    let high: number | 'notHeld' | null;
    let four: [number, number, number, number] | undefined;
    const counts = markCounts(row, marks, n);
    if (counts) {
      // Head counts that add up to the participants: shares are computed from them.
      countRows.push(r);
      fail = Math.round(((counts[0] as number) / (n as number)) * 100 * 1e6) / 1e6;
      high = Math.round(((counts[3] as number) / (n as number)) * 100 * 1e6) / 1e6;
      four = counts.map((c) => Math.round((c / (n as number)) * 100 * 1e6) / 1e6) as typeof four;
    } else {
      fail = readShare(row[col.fail], 'fail', r, col.fail, report, scale.has(col.fail));
      high = col.high >= 0 ? readShare(row[col.high], 'high', r, col.high, report, scale.has(col.high)) : null;
      const shares = marks.every((c) => c >= 0) ? marks.map((c) => shareOf(row[c], scale.has(c))) : [];
      const sum = shares.every((x) => x !== null) ? shares.reduce((t: number, x) => t + (x as number), 0) : null;
      if (sum !== null && sum > 100.5 && shares.every((x) => (x as number) >= 0 && (x as number) <= 100)) {
        report.add(
          'ошибка',
          r,
          col.fail,
          Math.round(sum * 10) / 10,
          `Сумма долей «2», «3», «4», «5» — ${formatShare(sum)} %, больше 100 %; строка не учитывается.`,
        );
        continue;
      }
      if (sum !== null && shares.every((x) => (x as number) >= 0 && (x as number) <= 100))
        four = shares.map((x) => Math.round((x as number) * 1e6) / 1e6) as typeof four;
    }
    if (n === 0 && ((typeof fail === 'number' && fail > 0) || (typeof high === 'number' && high > 0))) {
      report.add('ошибка', r, col.participants ?? col.fail, 0, 'Участников 0, а доли оценок указаны; строка не учитывается.');
      continue;
    }
    let school = byKey.get(identity.key);
    if (!school) {
      school = { ...identity, row: r, results: [] };
      byKey.set(identity.key, school);
      schools.push(school);
    }
    school.results.push({
      procedure,
      year,
      fail: typeof fail === 'number' ? fail : null,
      state: fail === 'notHeld' ? 'notHeld' : typeof fail === 'number' ? 'held' : 'blank',
      high: typeof high === 'number' ? high : null,
      participants: n,
      ...(four && typeof fail === 'number' ? { marks: four } : {}),
      row: r,
      col: col.fail,
    });
  }
  if (countRows.length > 0) {
    const first = countRows[0] as number;
    report.add(
      'предупреждение',
      first,
      col.fail,
      '',
      `В столбцах «2»–«5» количества учеников, а не доли (их сумма равна числу участников) — в ${countRows.length} строк(ах), начиная со строки ${first + 1}; доли вычислены из количеств.`,
    );
  }
  return finish(grid.sheet, 'long', firstDataRow, schools, report, guesses, options.now);
}

/** Whether a grid reads as a result table at all (used to pick the sheet). */
export function looksLikeResults(grid: Grid): boolean {
  try {
    const t = parseResultTable(grid);
    return t.schools.length > 0 && t.procedures.length > 0;
  } catch (e) {
    if (e instanceof NotAResultTableError) return false;
    throw e;
  }
}

/** `Лист «Результаты», строка 7, столбец F: «4о» — Не число; ячейка не учитывается.` */
export function describeProblem(p: Problem): string {
  const where = [`Лист «${p.sheet}»`];
  if (p.row !== null) where.push(`строка ${p.row}`);
  if (p.column !== null) where.push(`столбец ${p.column}`);
  const value = p.value.trim() === '' ? '' : `: «${p.value}»`;
  return `${where.join(', ')}${value} — ${p.message}`;
}

export type { Exam };

/** More than one sheet reads as results and none was named: the caller asks which. */
export class AmbiguousSheetError extends NotAResultTableError {
  constructor(readonly sheets: string[]) {
    super(`Результаты нашлись на нескольких листах: ${sheets.map((s) => `«${s}»`).join(', ')}; выберите лист.`);
  }
}

export interface SheetChoice {
  /** The sheet the book's settings name: taken when it reads as results. */
  preferred?: string;
  /** Sheets never taken for results unless named (the add-on's own tabs). */
  skip?: (sheet: string) => boolean;
  /** How a sheet is parsed (the command line keeps each parse for the actions that follow). */
  parse?: (grid: Grid) => ResultTable;
}

/** A hidden sheet taken for the results: the report says so and why (`why` starts with «Лист скрыт»). */
export function withHiddenNote(grid: Grid, table: ResultTable, why: string): ResultTable {
  if (grid.hidden)
    table.problems.unshift({ severity: 'предупреждение', sheet: grid.sheet, row: null, column: null, value: '', message: why });
  return table;
}

/** Hidden sheets that also read as results and were passed over: a warning on the chosen table. */
function noteHiddenSkipped(table: ResultTable, chosen: string, skipped: string[]): void {
  if (skipped.length === 0) return;
  table.problems.unshift({
    severity: 'предупреждение',
    sheet: chosen,
    row: null,
    column: null,
    value: '',
    message: `Скрытые листы с результатами не учитываются: ${skipped.map((s) => `«${s}»`).join(', ')}; чтобы взять один из них, укажите его явно.`,
  });
}

/**
 * Picks the result sheet among a workbook's sheets: the named one when given, then the one the settings
 * name, otherwise the only visible sheet that reads as results (a hidden one only when no visible sheet
 * does, and the report says so). Two or more candidates are never settled silently: AmbiguousSheetError.
 * The message says which sheets were tried and why none fitted.
 */
export function findResultTable(grids: readonly Grid[], sheetName?: string, choice: SheetChoice = {}): ResultTable {
  const parse = choice.parse ?? ((g: Grid) => parseResultTable(g));
  if (sheetName !== undefined) {
    const grid = grids.find((g) => g.sheet === sheetName);
    if (!grid) throw new NotAResultTableError(`Нет листа «${sheetName}». Листы: ${grids.map((g) => `«${g.sheet}»`).join(', ')}.`);
    return withHiddenNote(grid, parse(grid), 'Лист скрыт; взят, потому что указан явно.');
  }
  const preferred = choice.preferred === undefined ? undefined : grids.find((g) => g.sheet === choice.preferred);
  if (preferred) {
    try {
      const t = parse(preferred);
      if (t.schools.length > 0) return withHiddenNote(preferred, t, 'Лист скрыт; взят, потому что его называют настройки книги.');
    } catch (e) {
      if (!(e instanceof NotAResultTableError)) throw e;
    }
  }
  const why: string[] = [];
  const found: Array<{ grid: Grid; table: ResultTable }> = [];
  for (const grid of grids) {
    if (choice.skip?.(grid.sheet)) continue;
    try {
      const t = parse(grid);
      if (t.schools.length > 0) found.push({ grid, table: t });
      else why.push(`лист «${grid.sheet}»: нет строк со школами`);
    } catch (e) {
      if (!(e instanceof NotAResultTableError)) throw e;
      why.push(e.message.replace(/^Лист/, 'лист').replace(/\.$/, ''));
    }
  }
  const picked = pickVisible(found);
  if ('candidates' in picked) throw new AmbiguousSheetError(picked.candidates);
  if (!picked.chosen) {
    if (why.length === 0) throw new NotAResultTableError('Не найден лист с результатами: в книге нет листов с данными.');
    throw new NotAResultTableError(`Не найден лист с результатами: ${why.join('; ')}.`);
  }
  return picked.chosen.table;
}

/**
 * Among the sheets that read as results: the only visible one (a hidden one only when no visible sheet
 * reads as results, with a note saying so; hidden ones passed over are named on the chosen table), or the
 * candidates to ask about when several visible ones do; chosen null when there is none.
 */
export function pickVisible<T extends { grid: Grid; table: ResultTable }>(
  found: readonly T[],
): { chosen: T | null } | { candidates: string[] } {
  const visible = found.filter((f) => !f.grid.hidden);
  const pick = visible.length > 0 ? visible : found;
  if (pick.length > 1) return { candidates: pick.map((f) => f.grid.sheet) };
  const chosen = pick[0];
  if (!chosen) return { chosen: null };
  noteHiddenSkipped(
    chosen.table,
    chosen.grid.sheet,
    found.filter((f) => f.grid.hidden && f !== chosen).map((f) => f.grid.sheet),
  );
  withHiddenNote(chosen.grid, chosen.table, 'Лист скрыт; взят, потому что других листов с результатами нет.');
  return { chosen };
}
