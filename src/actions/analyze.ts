/**
 * «Проверить школы по критериям»: reads the result sheet, applies the criteria from «Настройки ШНОР»,
 * writes «ШНОР: итоги», and colours the result sheet through two columns and conditional-format rules of
 * its own, so that nothing of the user's is changed. «Снять раскраску» removes exactly those.
 * Every step is a fixed number of port calls, whatever the number of schools.
 */
import { PUPILS_SHEET } from '../core/pupils-tab';
import { loginKey } from '../core/login';
import { describeCriteria } from '../core/criteria';
import { changeText, type SchoolDynamics, schoolDynamics, type WorstTrend, worstTrend, worstTrendText } from '../core/dynamics';
import { sparklineFormula } from '../core/sparkline';
import { PRINTED_SUMMARY_KEYS, schoolLabel, SUMMARY_FROZEN_COLS, type SummaryKey, summaryColumns } from '../core/summary-columns';
import {
  type Grid,
  NotAResultTableError,
  type Problem,
  parseResultTable,
  pickVisible,
  type ResultTable,
  withHiddenNote,
} from '../core/results';
import { SETTINGS_SHEET } from '../core/settings';
import { type CellValue, columnLetter, normalizeHeader, plural } from '../core/text';
import { type Assessment, assess, type Status, STATUSES, summaryLine, type Verdict } from '../core/verdict';
import { type ConditionalRule, MAX_COLUMNS, type Range, type Workbook } from '../workbook/port';
import { type Beyond, beyondLine, contextStatuses, loadBeyond, windowMarkers } from './beyond';
import { type LoadedSettings, loadSettings, settingsDefaultsLine } from './settings';
import { type ContextStatus, contextDetail } from '../core/context';
import { COMBINED_SHEET, FILE_HEADER, PLACE_HEADER } from '../core/combine';
import { gatherReportTabs, incompleteNote, readIncomplete } from './gather';
import { type Incomplete, READING_SHEET } from '../core/sources';
import { LEVELS_SHEET } from '../core/levels';
import {
  criteriaFingerprint,
  parseRecord,
  recordText,
  resultsFingerprint,
  SOURCE_LABEL,
  type SourceRecord,
  sourceLine,
  type SourceState,
  sourceState,
} from '../core/source-record';
import { sharedParse } from './shared-table';
import { writeScalesTab, writeTasksTab } from './tasks-tab';
import { TASKS_SHEET } from '../core/tasks-tab';
import { SCALES_SHEET } from '../core/scales';
import { CARD_SHEET } from '../core/card';
import { TEXTS_SHEET } from '../core/task-texts';

/** The add-on's other tabs, never read as reports. */
const OWN_TABS = [
  'ШНОР — итоги',
  'Показатели',
  'Показатели ОО',
  'Аналитическая справка',
  'Справочник мероприятий',
  'Сравнение критериев',
  'Мониторинг дорожных карт',
  'Эффективность программы',
  TASKS_SHEET,
  SCALES_SHEET,
  CARD_SHEET,
  TEXTS_SHEET,
];

/** The long tab's source columns are the add-on's own: no note that they are not used. */
const notOwnColumnNote = (p: Problem) =>
  !(p.severity === 'сведения' && [FILE_HEADER, PLACE_HEADER].some((h) => p.message === `Столбец «${h}» не используется.`));
import { lowsByYear } from '../core/report';
import { toasting } from './toast';

export const SUMMARY_SHEET = 'ШНОР: итоги';
export const STATUS_HEADER = 'Статус ШНОР';
export const LOWS_HEADER = 'Низкие результаты ШНОР';
/** The lows column's header now and in books written before it named procedures («…(столбцы)»). */
const LOWS_HEADERS = [LOWS_HEADER, 'Низкие результаты ШНОР (столбцы)'].map(normalizeHeader);
/** Every conditional rule the add-on writes carries this harmless term, so it can find its own rules again. */
export const RULE_MARKER = 'N("ШНОР")';
/** Tabs the add-on writes; never taken for a result sheet. */
export const OWN_SHEETS = [SUMMARY_SHEET, SETTINGS_SHEET, PUPILS_SHEET, READING_SHEET, LEVELS_SHEET];

export const STATUS_COLORS: Record<Status, string> = {
  ШНОР: '#f4c7c3',
  'зона риска': '#fce8b2',
  норма: '#b7e1cd',
  'нет данных': '#e0e0e0',
};
export const LOW_CELL_COLOR = '#e06666';

/** The third own column of the result sheet: the social-context status beside the verdict. */
export const CONTEXT_HEADER = 'Социальный контекст ШНОР';
export const CONTEXT_COLORS: Partial<Record<ContextStatus, string>> = {
  'ШНОР и ШНСУ': '#d5a6bd',
  ШНСУ: '#d9d2e9',
  резильентная: '#a4c2f4',
  'нет данных о контексте': '#efefef',
};
export const MARKER_COLOR = '#f9cb9c';

/**
 * One marked rule per value: the ranges take `colors[value]` where the key column (0-based `keyCol`)
 * holds that text, from sheet row `firstRow` (0-based) on.
 */
export function rulesByKeyText(colors: Record<string, string>, ranges: Range[], keyCol: number, firstRow: number): ConditionalRule[] {
  const key = `$${columnLetter(keyCol)}${firstRow + 1}`;
  return Object.entries(colors).map(([value, background]) => ({
    ranges: ranges.map((r) => ({ ...r })),
    formula: `=AND(${RULE_MARKER}=0,${key}="${value}")`,
    background,
  }));
}

/** Pads every row to `width` cells, so that a block is rectangular as a spreadsheet write needs. */
export function rectangular(rows: CellValue[][], width: number): CellValue[][] {
  return rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
}

/** How wide the text of a line above a table may be, in pixels, so that it wraps within a laptop's screen. */
const HEAD_TEXT_PX = 960;

/**
 * Merges the lines above a table whose first `frozen` columns are frozen. Sheets refuses a merge that
 * crosses the frozen columns' edge («You can't merge frozen and non-frozen columns») and freezing columns
 * that cut a merge, so each line is merged twice: its label over the frozen columns, its text over the
 * columns after them, as many as fit in HEAD_TEXT_PX (at least one), so that the text wraps on screen
 * and on paper instead of running across the whole table. Two port calls.
 */
export function mergeHeadLines(wb: Workbook, sheet: string, widths: number[], frozen: number, rows: number): void {
  let cols = 0;
  let px = 0;
  while (frozen + cols < widths.length && (cols === 0 || px + widths[frozen + cols]! <= HEAD_TEXT_PX)) px += widths[frozen + cols++]!;
  wb.mergeAcross(sheet, { row: 0, col: 0, rows, cols: frozen });
  wb.mergeAcross(sheet, { row: 0, col: frozen, rows, cols });
}

/** The refusal every action gives when «Настройки ШНОР» holds errors (an unknown preset only falls back). */
export function refuseOnBadSettings(loaded: LoadedSettings, refused: string): { kind: 'failed'; message: string } | null {
  if (!loaded.problems.some((p) => p.field !== 'preset')) return null;
  return { kind: 'failed', message: `Настройки содержат ошибки${refused}:\n${loaded.problems.map((p) => p.message).join('\n')}` };
}

export type AnalyzeOutcome =
  | {
      kind: 'done';
      sheet: string;
      summary: string;
      /** Set when this check read another sheet than the last one. */
      switched: string | null;
      assessment: Assessment;
      dynamics: SchoolDynamics[];
      problems: Problem[];
      settingsProblems: string[];
      /** The parameters taken by default (settingsDefaultsLine); '' when the tab sets them all. */
      settingsDefaults: string;
      /** The registry's ШНСУ index and the objectivity markers. */
      beyond: Beyond;
    }
  | { kind: 'choose'; candidates: string[]; message: string }
  | { kind: 'failed'; message: string };

interface Owned {
  status: number;
  lows: number;
  headerRow: number;
  exists: boolean;
}

/** Finds the add-on's own columns (by their header) and blanks them out of the grid the parser sees. */
function takeOwnedColumns(grid: Grid): { grid: Grid; found: { status: number; lows: number; row: number; context: number } | null } {
  const limit = Math.min(grid.values.length, 20);
  for (let r = 0; r < limit; r++) {
    const row = grid.values[r] ?? [];
    const status = row.findIndex((v) => normalizeHeader(v) === normalizeHeader(STATUS_HEADER));
    if (status < 0) continue;
    const lows = row.findIndex((v) => LOWS_HEADERS.includes(normalizeHeader(v)));
    const context = row.findIndex((v) => normalizeHeader(v) === normalizeHeader(CONTEXT_HEADER));
    const cols = [status, lows, context].filter((c) => c >= 0);
    const first = Math.min(...cols);
    // A row is copied (a region's rows are tens of thousands) and its own cells blanked in the copy.
    const values = grid.values.map((line) => {
      if (line.length <= first) return line;
      const copy = line.slice();
      for (const c of cols) if (c < copy.length) copy[c] = null;
      return copy;
    });
    return { grid: { ...grid, values, percent: grid.percent }, found: { status, lows: lows >= 0 ? lows : status + 1, row: r, context } };
  }
  return { grid, found: null };
}

/** The sheet's table (parsed once per run, see sharedParse), or null when it holds no schools. */
function tryParse(wb: Workbook, grid: Grid): ResultTable | null {
  return sharedParse(wb, takeOwnedColumns(grid).grid, (g) => {
    try {
      const t = parseResultTable(g);
      return t.schools.length > 0 ? t : null;
    } catch (e) {
      if (e instanceof NotAResultTableError) return null;
      throw e;
    }
  });
}

/**
 * The result sheet: the one asked for; else the sheet of the last check (`recorded`, see core/source-record)
 * while it still reads as results — for the check itself only when the active sheet is no other result
 * table, else the person is asked which of the two; else the active sheet when it reads as results; else
 * the one named in the settings; else the only sheet that reads as results. Several candidates: the user
 * is asked.
 */
export function findResultSheet(
  wb: Workbook,
  names: string[],
  preferred: string,
  requested?: string,
  recorded?: { sheet: string; check: boolean },
): { grid: Grid; table: ResultTable } | { candidates: string[]; question?: string } | { error: string } {
  const attempt = (name: string) => {
    const grid = wb.readSheet(name);
    const table = tryParse(wb, grid);
    return table ? { grid, table } : null;
  };
  if (requested !== undefined) {
    if (!names.includes(requested)) return { error: `Нет листа «${requested}».` };
    const got = attempt(requested);
    if (got) return hiddenNoted(got, 'Лист скрыт; взят, потому что выбран явно.');
    try {
      parseResultTable(takeOwnedColumns(wb.readSheet(requested)).grid);
    } catch (e) {
      if (e instanceof NotAResultTableError) return { error: e.message };
      throw e;
    }
    return { error: `На листе «${requested}» нет строк со школами.` };
  }
  // The sheet the user is looking at (Sheets never has a hidden sheet active).
  const active = wb.activeSheetName();
  if (recorded && names.includes(recorded.sheet)) {
    const got = attempt(recorded.sheet);
    if (got) {
      if (!recorded.check || !active || active === recorded.sheet || OWN_SHEETS.includes(active) || !names.includes(active)) return got;
      if (!attempt(active)) return got;
      return {
        candidates: [recorded.sheet, active],
        question: `Последняя проверка школ была по листу «${recorded.sheet}», а открыт лист «${active}», тоже с результатами. Какой проверить? Выбранный лист возьмут и справка, показатели, сравнение критериев, дорожные карты и реестр.`,
      };
    }
  }
  if (active && !OWN_SHEETS.includes(active)) {
    const got = attempt(active);
    if (got) return got;
  }
  if (preferred && names.includes(preferred) && preferred !== active) {
    const got = attempt(preferred);
    if (got) return hiddenNoted(got, `Лист скрыт; взят, потому что его называют «${SETTINGS_SHEET}».`);
  }
  const found: Array<{ grid: Grid; table: ResultTable }> = [];
  for (const name of names) {
    if (OWN_SHEETS.includes(name) || name === active || name === preferred) continue;
    const got = attempt(name);
    if (got) found.push(got);
  }
  // A hidden sheet only when no visible one reads as results, and never silently.
  const picked = pickVisible(found);
  if ('candidates' in picked) return picked;
  if (picked.chosen) return picked.chosen;
  return {
    error: `Не найден лист с результатами. Откройте лист с таблицей результатов (логин или название ОО и столбцы вида «ВПР МА 5 2026» / « % 2») или укажите его в «${SETTINGS_SHEET}».`,
  };
}

function hiddenNoted(got: { grid: Grid; table: ResultTable }, why: string): { grid: Grid; table: ResultTable } {
  withHiddenNote(got.grid, got.table, why);
  return got;
}

/** «ШНОР: итоги» among the tabs, also under its .xlsx name «ШНОР — итоги»; undefined when there is none. */
const summaryTab = (names: readonly string[]) => [SUMMARY_SHEET, SUMMARY_SHEET.replace(/\s*:\s*/g, ' — ')].find((n) => names.includes(n));

/**
 * The record of the last check (core/source-record), read from its one cell: the first line of «ШНОР:
 * итоги», after the title — also in an .xlsx file, where the tab is «ШНОР — итоги». Null when there is no
 * check (or the cell was changed by hand).
 */
export function readSourceRecord(wb: Workbook, names: readonly string[]): SourceRecord | null {
  const sheet = summaryTab(names);
  if (!sheet) return null;
  const text = String(wb.readCells([{ sheet, row: 0, col: SUMMARY_TEXT_COL }])[0] ?? '');
  return text.startsWith(`${SOURCE_LABEL}: `) ? parseRecord(text.slice(SOURCE_LABEL.length + 2)) : null;
}

/** How the data an action has read stand to the last check, and its first line saying so. */
export interface Source {
  state: SourceState;
  /** «Источник данных: лист «…» — тот же, что в последней проверке…» or with «Внимание: …». */
  line: string;
  /** What differs from «ШНОР: итоги» and what to do; null when nothing does (or nothing was checked yet). */
  warning: string | null;
}

export type Prepared =
  | { kind: 'ready'; names: string[]; loaded: LoadedSettings; grid: Grid; table: ResultTable; source: Source }
  | { kind: 'choose'; candidates: string[]; message: string }
  | { kind: 'failed'; message: string };

/**
 * What every action on results starts with: the settings (refusing to run on invalid ones) and the
 * result sheet (asking when several sheets hold results). `what` names the action in the messages.
 * Every action but the check takes the sheet of the last check; the check (`check`) prefers it too, but
 * asks when another result table is open. `names`: the tab names, when the action has read them already.
 */
export function prepare(
  wb: Workbook,
  sheet: string | undefined,
  what: { refused: string; question: string },
  options: { check?: boolean; names?: string[] } = {},
): Prepared {
  const names = options.names ?? wb.sheetNames();
  const loaded = loadSettings(wb, names);
  const refusal = refuseOnBadSettings(loaded, `, ${what.refused}`);
  if (refusal) return refusal;
  const found = resultSource(wb, names, loaded, sheet, !!options.check);
  if ('error' in found) return { kind: 'failed', message: found.error };
  if ('candidates' in found) {
    const list = found.candidates.map((c) => `«${c}»`).join(', ');
    return {
      kind: 'choose',
      candidates: found.candidates,
      message: found.question ?? `Таблицы результатов есть на нескольких листах: ${list}. ${what.question}`,
    };
  }
  return { kind: 'ready', names, loaded, ...found };
}

/** The result sheet as every action finds it (the last check's first), and how it stands to that check. */
export function resultSource(
  wb: Workbook,
  names: string[],
  loaded: LoadedSettings,
  sheet: string | undefined,
  check = false,
): { grid: Grid; table: ResultTable; source: Source } | { candidates: string[]; question?: string } | { error: string } {
  const record = readSourceRecord(wb, names);
  const recorded = record ? { sheet: record.sheet, check } : undefined;
  const found = findResultSheet(wb, names, loaded.settings.resultSheet, sheet, recorded);
  if (!('grid' in found)) return found;
  const state = sourceState(
    record,
    found.grid.sheet,
    resultsFingerprint(found.table),
    criteriaFingerprint(loaded.settings.criteria),
    summaryTab(names) !== undefined,
  );
  const line = sourceLine(found.grid.sheet, state, SUMMARY_SHEET);
  const warned = state.kind === 'changed' || state.kind === 'unrecorded';
  const source = { state, line, warning: warned ? line.replace(/^.*?Внимание: /, '') : null };
  return { grid: found.grid, table: found.table, source };
}

/** The outcome of an action asked to stop when its data differ from «ШНОР: итоги» (`stale: 'ask'`). */
export interface StaleOutcome {
  kind: 'stale';
  /** The sheet of the last check: the check to run again. */
  sheet: string;
  message: string;
}

/**
 * With `stale: 'ask'`, an action whose data differ from the last check stops before writing anything and
 * says so (the add-on then offers to check again); otherwise it goes on and carries the warning.
 */
export function staleStop(source: Source, stale: 'ask' | 'warn' | undefined): StaleOutcome | null {
  if (stale !== 'ask' || source.state.kind !== 'changed') return null;
  // The one who stops offers the check itself: the warning's «Запустите … заново» is left out.
  const message = (source.warning ?? '').replace(/ Запустите «[^»]+» заново\.$/, '');
  return { kind: 'stale', sheet: source.state.record.sheet, message };
}

/**
 * What an action on the checked data is asked to do when they differ from «ШНОР: итоги»: 'ask' stops
 * before writing (staleStop); 'warn' goes on with the warning; 'recheck' (the person chose «Проверить
 * заново и продолжить») checks the schools again first (recheckFirst), then goes on.
 */
export type Stale = 'ask' | 'warn' | 'recheck';

/** A `stale` argument as a panel sends it over google.script.run: anything else is no choice (undefined). */
export const staleArg = (v: unknown): Stale | undefined => (v === 'ask' || v === 'warn' || v === 'recheck' ? v : undefined);

/**
 * «Проверить заново и продолжить»: the check runs again on the sheet of the last check, then `action`
 * (with 'warn': the data agree by then, so nothing is warned of). Its message gets the check's line in
 * front (`say`); a check that cannot run is said, and the action does not run. Any other `stale` goes
 * straight to the action.
 */
export function recheckFirst<T extends { kind: string }>(
  wb: Workbook,
  stale: Stale | undefined,
  action: (stale: 'ask' | 'warn' | undefined) => T,
  say: (outcome: T, line: string) => T,
): T | { kind: 'failed'; message: string } {
  if (stale !== 'recheck') return action(stale);
  const names = wb.sheetNames();
  const recorded = readSourceRecord(wb, names);
  const sheet = recorded && names.includes(recorded.sheet) ? recorded.sheet : undefined;
  const checked = analyze(wb, { sheet });
  if (checked.kind !== 'done')
    return { kind: 'failed', message: checked.kind === 'failed' ? checked.message : `Проверка не выполнена: ${checked.message}` };
  return say(action('warn'), `Школы проверены заново по листу «${checked.sheet}»: ${checked.summary}.`);
}

export function analyze(wb: Workbook, options: { sheet?: string } = {}): AnalyzeOutcome {
  return toasting(
    wb,
    'Проверяю школы по критериям…',
    (o) => o.summary,
    () => analyzeRun(wb, options),
  );
}

function analyzeRun(wb: Workbook, options: { sheet?: string }): AnalyzeOutcome {
  // ФИС ОКО reports imported as tabs are read together into one long tab first.
  // The tab names are read once for the whole check (one getSheets, a getName per tab in Sheets).
  const tabNames = wb.sheetNames();
  // Checked before: the reports are gathered again only when that check read them (no question which).
  const recorded = options.sheet === undefined ? readSourceRecord(wb, tabNames) : null;
  const target = options.sheet ?? (recorded && tabNames.includes(recorded.sheet) ? recorded.sheet : undefined);
  const gathered = gatherReportTabs(wb, target, [...OWN_SHEETS, ...OWN_TABS], tabNames);
  if (gathered.kind === 'choose') return gathered;
  // The gathered tab is the one to check, unless a check chose it before: then prepare keeps to it (or asks).
  const sheet = options.sheet ?? (gathered.kind === 'gathered' && target === undefined ? COMBINED_SHEET : undefined);
  const ready = prepare(wb, sheet, { refused: 'проверка не выполнена', question: 'Какой проверить?' }, { check: true, names: tabNames });
  if (ready.kind !== 'ready') return ready;
  const { grid, table, loaded, names } = ready;
  const previous = 'record' in ready.source.state ? ready.source.state.record : null;
  const settingsErrors = loaded.problems.map((p) => p.message);
  const beyond = loadBeyond(wb, names, table, loaded.settings);
  const place = ownColumnsPlace(grid, !!beyond.context);
  if ('error' in place) return { kind: 'failed', message: place.error };
  const assessment = assess(table.schools, loaded.settings.criteria, { exclude: beyond.exclude });
  const year = assessment.year;
  const dynamics =
    year === null ? [] : table.schools.map((s) => schoolDynamics(s, assessment.criteria, year, loaded.settings.dynamicsThreshold));
  const incomplete = readIncomplete(wb, names, grid.sheet);
  const record: SourceRecord = {
    sheet: grid.sheet,
    tabs: gathered.kind === 'gathered' ? gathered.tabs.length : 0,
    schools: table.schools.length,
    data: resultsFingerprint(table),
    criteria: criteriaFingerprint(loaded.settings.criteria),
  };
  const years = trendYears(table.years, year);
  const trends = new Map(year === null ? [] : table.schools.map((s) => [s.key, worstTrend(s, assessment.criteria, year, years)] as const));
  writeSummary(wb, assessment, { dynamics, trends, years }, record, beyond, incomplete);
  writeTasksTab(wb, names, beyond.pupils, loaded.settings);
  writeScalesTab(wb, names, beyond.pupils);
  colourResultSheet(wb, grid, table, assessment, beyond, place);
  const summary = `${incomplete ? `${incomplete.headline}. ` : ''}${summaryLine(assessment)}`;
  // A check of another sheet than the last one is said, never silent.
  const switched =
    previous && previous.sheet !== grid.sheet ? `Проверен лист «${grid.sheet}»; прошлая проверка была по листу «${previous.sheet}».` : null;
  return {
    kind: 'done',
    sheet: grid.sheet,
    summary,
    switched,
    assessment,
    dynamics,
    problems: [
      ...(gathered.kind === 'gathered' ? gathered.problems : []),
      ...table.problems.filter(notOwnColumnNote),
      ...beyond.problems,
      ...defaultProblems(loaded),
    ],
    settingsProblems: settingsErrors,
    settingsDefaults: settingsDefaultsLine(loaded),
    beyond,
  };
}

/** Each parameter taken by default, as a line of the reading report («сведения», naming the tab's row). */
function defaultProblems(loaded: LoadedSettings): Problem[] {
  return loaded.defaults.map((d) => ({
    severity: 'сведения',
    sheet: SETTINGS_SHEET,
    row: d.row,
    column: d.row === null ? null : 'B',
    value: '',
    message: `«${d.label}» ${d.row === null ? '— строки нет' : 'не заполнено'}; взято по умолчанию: ${d.used}.`,
  }));
}

interface Place {
  /** Where new own columns go: after the table, or the first free columns when the sheet has no room there. */
  status: number;
  context: number;
}

/**
 * Where the add-on's own columns go on the result sheet: where they are; new ones right of the table; when
 * that would pass the sheet's last column (XFD), into the first columns that are empty in every row (the
 * status and lows side by side). No room: the check says why and writes nothing.
 */
function ownColumnsPlace(grid: Grid, context: boolean): Place | { error: string } {
  const { found } = takeOwnedColumns(grid);
  const width = grid.values.reduce((w, r) => Math.max(w, r.length), 0);
  const need = found ? (context && found.context < 0 ? 1 : 0) : context ? 3 : 2;
  if (need === 0 || width + need <= MAX_COLUMNS) return { status: found ? found.status : width, context: found ? width : width + 2 };
  const used = new Uint8Array(width);
  for (const row of grid.values) row.forEach((v, c) => (used[c] ||= v === null || v === undefined || v === '' ? 0 : 1));
  const free: number[] = [];
  for (let c = 0; c < MAX_COLUMNS; c++) if (c >= width || !used[c]) free.push(c);
  const pair = free.findIndex((c, i) => free[i + 1] === c + 1);
  if (found) {
    if (free.length > 0) return { status: found.status, context: free[0] as number };
  } else if (pair >= 0) {
    const status = free[pair] as number;
    const rest = free.filter((c) => c !== status && c !== status + 1);
    if (!context || rest.length > 0) return { status, context: rest[0] ?? status + 2 };
  }
  const columns = (found ? [CONTEXT_HEADER] : [STATUS_HEADER, LOWS_HEADER, CONTEXT_HEADER].slice(0, need)).map((h) => `«${h}»`);
  const gap = need === 1 ? 'пустого столбца' : need === 2 ? 'двух соседних пустых столбцов' : 'трёх пустых столбцов (два из них соседние)';
  return {
    error:
      `На листе «${grid.sheet}» нет места для ${columns.length > 1 ? 'столбцов' : 'столбца'} надстройки (${columns.join(', ')}): ` +
      `таблица занимает столбцы до ${columnLetter(width - 1)}, последний столбец листа — XFD (${MAX_COLUMNS.toLocaleString('ru-RU')}), ` +
      `и ${gap} в ней нет. Удалите лишние столбцы справа от таблицы и запустите проверку снова; ячейки таблицы не изменены.`,
  };
}

function colourResultSheet(wb: Workbook, grid: Grid, table: ResultTable, a: Assessment, beyond: Beyond, place: Place): void {
  const { found } = takeOwnedColumns(grid);
  const headerRow = table.firstDataRow - 1;
  const owned: Owned = found
    ? { status: found.status, lows: found.lows, headerRow: found.row, exists: true }
    : { status: place.status, lows: place.status + 1, headerRow, exists: false };
  const lastRow = grid.values.length - 1;
  const first = Math.min(owned.headerRow, headerRow);
  // Status and low cells per sheet row (in the long layout a school has many rows).
  const status: Array<Status | null> = new Array(lastRow + 1).fill(null);
  const lows: string[][] = Array.from({ length: lastRow + 1 }, () => []);
  // Which labels («ВПР МА 5 2026») mark a cell of each column as low: the colouring rule of that column.
  const labelsByCol = new Map<number, Set<string>>();
  const byKey = new Map(a.verdicts.map((v) => [v.key, v]));
  for (const school of table.schools) {
    const v = byKey.get(school.key);
    if (!v) continue;
    status[school.row] = v.status;
    for (const r of school.results) status[r.row] = v.status;
    for (const l of v.low) {
      const label = `${l.procedure} ${l.year}`;
      lows[l.cell.row]?.push(label);
      const set = labelsByCol.get(l.cell.col) ?? new Set<string>();
      set.add(label);
      labelsByCol.set(l.cell.col, set);
    }
  }
  const block: CellValue[][] = [];
  for (let r = first; r <= lastRow; r++) {
    if (r === owned.headerRow) block.push([STATUS_HEADER, LOWS_HEADER]);
    else if (r < table.firstDataRow) block.push([null, null]);
    else block.push([status[r] ?? null, (lows[r] ?? []).join('; ') || null]);
  }
  const left = Math.min(owned.status, owned.lows);
  wb.writeBlock(grid.sheet, first, left, owned.lows > owned.status ? block : block.map(([s, l]) => [l ?? null, s ?? null]));
  // The context column: found by its header, else right of the two (a new sheet), else after the last column.
  const contextCol = found && found.context >= 0 ? found.context : place.context;
  const contextExists = !!found && found.context >= 0;
  if (beyond.context) {
    const statuses = contextStatuses(a, beyond);
    const ctx: Array<ContextStatus | null> = new Array(lastRow + 1).fill(null);
    for (const school of table.schools) {
      const c = statuses.get(school.key) ?? null;
      ctx[school.row] = c;
      for (const r of school.results) ctx[r.row] = c;
    }
    const column: CellValue[][] = [];
    for (let r = first; r <= lastRow; r++)
      column.push([r === owned.headerRow ? CONTEXT_HEADER : r < table.firstDataRow ? null : (ctx[r] ?? null)]);
    wb.writeBlock(grid.sheet, first, contextCol, column);
    if (!contextExists)
      wb.setNotes(grid.sheet, owned.headerRow, contextCol, [
        [
          'Столбец ведёт надстройка ШНОР: социальный контекст школы по реестру «Школы» — ШНСУ, ШНОР и ШНСУ, резильентная (низкий индекс благополучия, нет низких результатов). Удаляется командой «Снять раскраску».',
        ],
      ]);
  } else if (contextExists) {
    wb.clearBlock(grid.sheet, { row: 0, col: contextCol, rows: grid.values.length, cols: 1 });
    wb.setNotes(grid.sheet, owned.headerRow, contextCol, [['']]);
  }
  const notes = [STATUS_NOTE, LOWS_NOTE];
  wb.setNotes(grid.sheet, owned.headerRow, left, [owned.lows > owned.status ? notes : [LOWS_NOTE, STATUS_NOTE]]);
  const dataRows = lastRow - table.firstDataRow + 1;
  if (dataRows <= 0) return;
  const nameCol = nameColumn(grid, table);
  const rules = rulesByKeyText(
    STATUS_COLORS,
    [
      { row: table.firstDataRow, col: owned.status, rows: dataRows, cols: 1 },
      ...(nameCol === null ? [] : [{ row: table.firstDataRow, col: nameCol, rows: dataRows, cols: 1 }]),
    ],
    owned.status,
    table.firstDataRow,
  );
  rules.push(...lowCellRules(labelsByCol, table.firstDataRow, dataRows, owned.lows));
  if (beyond.context)
    rules.push(
      ...rulesByKeyText(
        CONTEXT_COLORS as Record<string, string>,
        [{ row: table.firstDataRow, col: contextCol, rows: dataRows, cols: 1 }],
        contextCol,
        table.firstDataRow,
      ),
    );
  wb.replaceConditionalRules(grid.sheet, RULE_MARKER, rules);
}

/** The note on the status header: what the column is and what the colours mean. */
export const STATUS_NOTE =
  'Столбец ведёт надстройка ШНОР: статус школы по критериям из листа «Настройки ШНОР». Цвета: ШНОР — красный, зона риска — жёлтый, ' +
  'норма — зелёный, нет данных — серый; ячейка с низким результатом — тёмно-красная с белым текстом. ' +
  'Пересчитывается командой «Проверить школы по критериям», удаляется командой «Снять раскраску».';
export const LOWS_NOTE =
  'Процедуры и годы с низким результатом в этой строке («ВПР МА 5 2026; ОГЭ РУ 2025»); их ячейки выделены. Ведёт надстройка ШНОР.';

/**
 * One rule per group of columns with the same labels: a cell is low when its column's label for the
 * row stands in the lows column («…; ВПР МА 5 2026; …»). Columns without a low result get no rule.
 */
function lowCellRules(labelsByCol: Map<number, Set<string>>, firstRow: number, rows: number, lowsCol: number): ConditionalRule[] {
  const key = `$${columnLetter(lowsCol)}${firstRow + 1}`;
  const groups = new Map<string, number[]>();
  for (const [col, labels] of [...labelsByCol].sort((a, b) => a[0] - b[0])) {
    const k = [...labels].sort().join('\n');
    groups.set(k, [...(groups.get(k) ?? []), col]);
  }
  return [...groups].map(([k, cols]) => {
    const tests = k.split('\n').map((label) => `ISNUMBER(SEARCH("; ${label};","; "&${key}&";"))`);
    return {
      ranges: cols.map((col) => ({ row: firstRow, col, rows, cols: 1 })),
      formula: `=AND(${RULE_MARKER}=0,${tests.length === 1 ? tests[0] : `OR(${tests.join(',')})`})`,
      background: LOW_CELL_COLOR,
      fontColor: '#ffffff',
      bold: true,
    };
  });
}

function nameColumn(grid: Grid, table: ResultTable): number | null {
  const header = grid.values[table.layout === 'wide' ? table.firstDataRow - 2 : table.firstDataRow - 1] ?? [];
  const i = header.findIndex((v) => /^(название|наименование|оо$)/.test(normalizeHeader(v)));
  return i >= 0 ? i : null;
}

export const SUMMARY_HEADER_ROW = 5;
/** The legend row above the header. */
export const SUMMARY_LEGEND_ROW = 4;
/** The column where the head's texts (the source record first) stand, right of the frozen ones. */
export const SUMMARY_TEXT_COL = SUMMARY_FROZEN_COLS;
/** The years the trend of «ШНОР: итоги» is drawn over: at most so many, up to the reference year. */
export const TREND_YEARS = 5;

/**
 * The dynamics of a school in two cells: how many procedures got worse and how many better beyond the
 * threshold («ухудшились 1, улучшились 4» — both directions, never one word against the detail), and
 * those changes spelled out.
 */
export function dynamicsCells(d: SchoolDynamics | undefined): [string, string] {
  if (!d || d.improved === null) return ['нет сравнения', ''];
  const flagged = d.changes.filter((c) => c.trend !== 'без существенных изменений');
  const worse = flagged.filter((c) => c.trend === 'ухудшение').length;
  return [`ухудшились ${worse}, улучшились ${flagged.length - worse}`, flagged.map((c) => `${changeText(c)} — ${c.trend}`).join('; ')];
}

/** Every low result by year, then what was not counted and why. */
function detailsText(v: Verdict): string {
  const lows = lowsByYear(v);
  return [lows.length > 0 ? `${lows.join('. ')}.` : '', ...v.smallSamples, ...(v.excluded ?? [])].filter(Boolean).join('; ');
}

/** «Правила 1 и 2: 4 низких результата в 2026, 5 в 2025» — one line that says why. */
export function shortReason(v: Verdict, window: number[]): string {
  const years = [...window].reverse().filter((y) => (v.lowByYear[y] ?? 0) > 0);
  const counts = years.map((y, i) => {
    const n = v.lowByYear[y] ?? 0;
    return i === 0 ? `${n} ${plural(n, ['низкий результат', 'низких результата', 'низких результатов'])} в ${y}` : `${n} в ${y}`;
  });
  const lows = counts.join(', ');
  if (v.status === 'ШНОР') {
    const rules = v.rules.map((r) => (r === 'rule1' ? '1' : '2'));
    return `${rules.length > 1 ? 'Правила' : 'Правило'} ${rules.join(' и ')}: ${lows}`;
  }
  if (v.status === 'зона риска') return `Критерии ШНОР не выполнены: ${lows}`;
  if (v.status === 'норма') return 'Низких результатов нет';
  return `Нет результатов за ${window[window.length - 1] ?? 'год отсчёта'}`;
}

/** The years the trend is drawn over: the table's years up to the reference year, the last TREND_YEARS. */
export function trendYears(years: readonly number[], year: number | null): number[] {
  if (year === null) return [];
  return [...new Set(years)]
    .filter((y) => y <= year)
    .sort((a, b) => a - b)
    .slice(-TREND_YEARS);
}

/** What the check found per school beyond the verdict: the dynamics and the worst procedure's trend. */
interface Movement {
  dynamics: SchoolDynamics[];
  trends: Map<string, WorstTrend | null>;
  years: number[];
}

function writeSummary(
  wb: Workbook,
  a: Assessment,
  movement: Movement,
  record: SourceRecord,
  beyond: Beyond,
  incomplete: Incomplete | null,
): void {
  const sheet = record.sheet;
  const link = wb.linkPrefix(sheet);
  const window = a.window;
  const byKey = new Map(movement.dynamics.map((d) => [d.key, d]));
  const columns = summaryColumns(window, movement.years, a.year);
  const header = columns.map((c) => c.header);
  const at = (key: SummaryKey) => columns.findIndex((c) => c.key === key);
  const statusCol = at('status');
  const trendCol = at('trend');
  const linkCol = at('link');
  const contextCol = at('context');
  const markersCol = at('markers');
  const loginCol = at('login');
  const shareCols = columns.flatMap((c, i) => (c.key === 'share' ? [i] : []));
  const statuses = contextStatuses(a, beyond);
  const markers = windowMarkers(a, beyond);
  const width = header.length;
  const legend: CellValue[] = new Array<CellValue>(width).fill(null);
  legend[SUMMARY_TEXT_COL - 1] = 'Цвета строк:';
  STATUSES.forEach((st, i) => (legend[SUMMARY_TEXT_COL + i] = st));
  legend[SUMMARY_TEXT_COL + STATUSES.length] = 'низкий результат (на листе результатов)';
  const headLine = (label: string, text: string): CellValue[] => {
    const line: CellValue[] = [label];
    line[SUMMARY_TEXT_COL] = text;
    return line;
  };
  const rows: CellValue[][] = [
    // A label in the frozen columns, its text after them (see mergeHeadLines).
    headLine('Итоги проверки по критериям ШНОР', `${SOURCE_LABEL}: ${recordText(record)}`),
    headLine('Критерии', describeCriteria(a.criteria)),
    headLine(
      'Итог',
      `${incomplete ? `${incompleteNote(incomplete)}\n` : ''}Лист «${sheet}», год отсчёта ${a.year ?? '—'}. ${summaryLine(a)}.`,
    ),
    headLine('Контекст и объективность', beyondLine(a, beyond)),
    legend,
    header,
  ];
  const ordered = [...a.verdicts].sort((x, y) => STATUSES.indexOf(x.status) - STATUSES.indexOf(y.status));
  const links: string[][] = [];
  const sparklines: string[][] = [];
  ordered.forEach((v, i) => {
    const [trend, changes] = dynamicsCells(byKey.get(v.key));
    const worst = movement.trends.get(v.key) ?? null;
    const cells: Record<SummaryKey, CellValue> = {
      number: i + 1,
      school: schoolLabel(v.name, v.login),
      status: v.status,
      reason: shortReason(v, window),
      dynamics: trend,
      worst: worstTrendText(worst, movement.years),
      trend: null,
      markers: (markers.get(v.key) ?? []).map((m) => m.text).join('; '),
      login: v.login ?? '',
      territory: v.territory,
      lows: null,
      share: null,
      link: '',
      context: beyond.context ? (statuses.get(v.key) ?? '') : '',
      index: beyond.context ? contextValue(beyond, v.login) : '',
      changes,
      details: detailsText(v),
    };
    rows.push(
      columns.map((c) => {
        if (c.key === 'lows') return v.lowByYear[c.year as number] ?? 0;
        if (c.key === 'share') return worst?.shares[movement.years.indexOf(c.year as number)] ?? null;
        return cells[c.key];
      }),
    );
    links.push([`=HYPERLINK("${link}A${v.row + 1}","строка ${v.row + 1}")`]);
    // The trend of the row's own shares (empty where the school has none): one column, one call.
    const row = SUMMARY_HEADER_ROW + 1 + i;
    if (shareCols.length > 0) sparklines.push([sparklineFormula({ row, col: shareCols[0] as number, rows: 1, cols: shareCols.length })]);
  });
  const block = rectangular(rows, width);
  const { created } = wb.ensureSheet(SUMMARY_SHEET);
  if (!created) wb.clearSheet(SUMMARY_SHEET);
  wb.writeBlock(SUMMARY_SHEET, 0, 0, block);
  if (links.length > 0) wb.writeFormulas(SUMMARY_SHEET, SUMMARY_HEADER_ROW + 1, linkCol, links);
  if (sparklines.length > 0) wb.writeFormulas(SUMMARY_SHEET, SUMMARY_HEADER_ROW + 1, trendCol, sparklines);
  const weights = block
    .slice(0, SUMMARY_HEADER_ROW + 1)
    .map((_, r) =>
      header.map((_h, c): 'bold' | 'normal' =>
        r === SUMMARY_HEADER_ROW || (r < SUMMARY_LEGEND_ROW && c < SUMMARY_FROZEN_COLS) ? 'bold' : 'normal',
      ),
    );
  wb.setFontWeights(SUMMARY_SHEET, 0, 0, weights);
  const fills: (string | null)[] = legend.map(() => null);
  STATUSES.forEach((st, i) => (fills[SUMMARY_TEXT_COL + i] = STATUS_COLORS[st]));
  fills[SUMMARY_TEXT_COL + STATUSES.length] = LOW_CELL_COLOR;
  wb.setBackgrounds(SUMMARY_SHEET, SUMMARY_LEGEND_ROW, 0, [fills, header.map(() => '#e8eaed')]);
  // A verdict on part of the data: the line that says so is red.
  if (incomplete) wb.setBackgrounds(SUMMARY_SHEET, 2, SUMMARY_TEXT_COL, [[STATUS_COLORS.ШНОР]]);
  const widths = columns.map((c) => c.width);
  wb.setColumnWidths(SUMMARY_SHEET, 0, widths);
  // The head's labels and sentences keep to their side of the frozen edge; the header, the legend and the long columns wrap.
  mergeHeadLines(wb, SUMMARY_SHEET, widths, SUMMARY_FROZEN_COLS, 4);
  wb.freeze(SUMMARY_SHEET, SUMMARY_HEADER_ROW + 1, SUMMARY_FROZEN_COLS);
  wb.setWrap(SUMMARY_SHEET, { row: 0, col: 0, rows: SUMMARY_HEADER_ROW + 1, cols: width }, true);
  // On paper the columns a reader needs, one landscape page wide; the details stay on screen.
  wb.setPrintColumns(SUMMARY_SHEET, PRINTED_SUMMARY_KEYS.length);
  if (ordered.length > 0) {
    const body = { row: SUMMARY_HEADER_ROW + 1, rows: ordered.length };
    wb.setWrap(SUMMARY_SHEET, { ...body, col: 0, cols: width }, true);
    wb.replaceConditionalRules(SUMMARY_SHEET, RULE_MARKER, [
      ...rulesByKeyText(
        STATUS_COLORS,
        [
          { ...body, col: 0, cols: markersCol },
          { ...body, col: loginCol, cols: contextCol - loginCol },
        ],
        statusCol,
        SUMMARY_HEADER_ROW + 1,
      ),
      ...rulesByKeyText(
        CONTEXT_COLORS as Record<string, string>,
        [{ ...body, col: contextCol, cols: 2 }],
        contextCol,
        SUMMARY_HEADER_ROW + 1,
      ),
      {
        ranges: [{ ...body, col: markersCol, cols: 1 }],
        formula: `=AND(${RULE_MARKER}=0,LEN($${columnLetter(markersCol)}${SUMMARY_HEADER_ROW + 2})>0)`,
        background: MARKER_COLOR,
      },
    ]);
  }
}

/** The index, or why there is none. */
function contextValue(beyond: Beyond, login: string | null): CellValue {
  const ctx = login ? beyond.context?.byLogin.get(loginKey(login)) : undefined;
  return ctx?.index === null || ctx?.index === undefined ? contextDetail(ctx) : Math.round(ctx.index * 10) / 10;
}

/** «Снять раскраску»: removes the add-on's columns and rules from the result sheet, nothing else. */
export function clearColouring(
  wb: Workbook,
  options: { sheet?: string } = {},
): { removed: boolean; sheet: string | null; message: string } {
  const names = wb.sheetNames();
  const targets = options.sheet
    ? [options.sheet]
    : [wb.activeSheetName(), ...names].filter((n): n is string => !!n && !OWN_SHEETS.includes(n));
  const seen = new Set<string>();
  for (const name of targets) {
    if (seen.has(name) || !names.includes(name)) continue;
    seen.add(name);
    const grid = wb.readSheet(name);
    const { found } = takeOwnedColumns(grid);
    if (!found) continue;
    const left = Math.min(found.status, found.lows);
    wb.clearBlock(name, { row: 0, col: left, rows: grid.values.length, cols: 2 });
    wb.setNotes(name, found.row, left, [['', '']]);
    if (found.context >= 0) {
      wb.clearBlock(name, { row: 0, col: found.context, rows: grid.values.length, cols: 1 });
      wb.setNotes(name, found.row, found.context, [['']]);
    }
    wb.replaceConditionalRules(name, RULE_MARKER, []);
    return { removed: true, sheet: name, message: `Раскраска снята с листа «${name}».` };
  }
  return { removed: false, sheet: null, message: 'Раскраски надстройки ШНОР не найдено.' };
}
