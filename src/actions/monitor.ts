/**
 * «Мониторинг дорожных карт»: reads every roadmap tab («ДК …») once — one readSheet and one link each,
 * so a region's 300 roadmaps cost about 1,200 spreadsheet calls, well inside one execution — and the
 * journal once, and writes its own tab: one row per roadmap of the period, the ШНОР of the check without
 * one, and the counts by block. Reminders for roadmaps with overdue activities come from the same reading.
 */
import { moscowToday } from '../core/activity';
import { JOURNAL_SHEET } from '../core/journal';
import {
  activityLabel,
  choosePeriods,
  type Counts,
  lastChanges,
  monitorBlocks,
  monitorRoadmap,
  ownerLabel,
  reminder,
  type Reminder,
  type RoadmapMonitor,
  roadmapState,
  ROADMAP_STATES,
  shareDone,
  STATE_COLORS,
} from '../core/monitor';
import { parseRegistry, REGISTRY_SHEET } from '../core/registry';
import {
  DISTRICT_OWNER,
  formatIsoDate,
  isoToDate,
  type ParsedRoadmap,
  parseRoadmap,
  periodLabel,
  ROADMAP_PREFIX,
  type RoadmapMeta,
} from '../core/roadmap-sheet';
import type { Period } from '../core/terms';
import { type CellValue, plural } from '../core/text';
import { assess } from '../core/verdict';
import type { Workbook } from '../workbook/port';
import { prepare, type StaleOutcome, staleStop } from './analyze';
import { loadBeyond } from './beyond';
import { writeTableTab } from './table-tab';

export const MONITOR_SHEET = 'Мониторинг дорожных карт';

export interface ReadRoadmap {
  sheet: string;
  parsed: ParsedRoadmap & { meta: RoadmapMeta };
}

/** Every roadmap tab with a readable owner and period: one readSheet each. */
export function readRoadmaps(wb: Workbook, names: readonly string[]): ReadRoadmap[] {
  const out: ReadRoadmap[] = [];
  for (const sheet of names) {
    if (!sheet.startsWith(ROADMAP_PREFIX)) continue;
    const parsed = parseRoadmap(wb.readSheet(sheet).values);
    if (parsed.meta) out.push({ sheet, parsed: parsed as ReadRoadmap['parsed'] });
  }
  return out;
}

export interface MissingRoadmap {
  login: string;
  name: string;
}

export interface MonitorData {
  /** yyyy-mm-dd in Moscow. */
  today: string;
  periods: Period[];
  roadmaps: RoadmapMonitor[];
  /** Roadmaps of other periods, left out. */
  otherPeriods: number;
  blocks: ReturnType<typeof monitorBlocks>;
  /** ШНОР of the check without a roadmap of the period; null when there is no check to take them from. */
  missing: MissingRoadmap[] | null;
  notes: string[];
  /** The parsed tabs of the period (for the effect and the reminders). */
  read: ReadRoadmap[];
}

/** The ШНОР of the current data on the checked result sheet, with what is to be said about them. */
export interface ShnorCheck {
  /** Null when there is no result sheet to take them from (the notes say why). */
  shnor: MissingRoadmap[] | null;
  notes: string[];
  /** With `stale` 'ask': the data changed since the check, nothing is to be written (see analyze.staleStop). */
  stop: StaleOutcome | null;
  /** The data differ from the last check: the note that says so (also among `notes`), for the message too. */
  warning: string | null;
}

/**
 * The ШНОР on the workbook's result sheet; null (with a note) when there is none to read. With `stale`
 * 'ask', when the results or the criteria changed since the check, it stops before the roadmaps are read.
 */
function shnorOfCheck(wb: Workbook, sheet: string | undefined, stale?: 'ask' | 'warn'): ShnorCheck {
  const ready = prepare(wb, sheet, { refused: 'школы без дорожной карты не определены', question: 'По какому определить ШНОР?' });
  if (ready.kind !== 'ready')
    return { shnor: null, notes: [`${ready.message.split('\n')[0]} Школы без дорожной карты не определены.`], stop: null, warning: null };
  const stop = staleStop(ready.source, stale);
  if (stop) return { shnor: null, notes: [], stop, warning: null };
  // The ШНОР are those of the data as they are now: when they differ from the last check, the tab says so.
  const warning = ready.source.warning ? `ШНОР без дорожной карты определены по текущим данным. Внимание: ${ready.source.warning}` : null;
  const beyond = loadBeyond(wb, ready.names, ready.table, ready.loaded.settings);
  const shnor = assess(ready.table.schools, ready.loaded.settings.criteria, { exclude: beyond.exclude })
    .verdicts.filter((v) => v.status === 'ШНОР')
    .map((v) => ({ login: (v.login ?? v.key).toLowerCase(), name: v.name }));
  return { shnor, notes: warning ? [warning] : [], stop: null, warning };
}

/** The roadmaps of the period (given, else those covering today, else the latest) among those read. */
export function ofPeriod(all: readonly ReadRoadmap[], today: string, period?: Period): { periods: Period[]; read: ReadRoadmap[] } {
  const periods = period
    ? [period]
    : choosePeriods(
        all.map((r) => r.parsed.meta.period),
        today,
      );
  const read = all.filter((r) => periods.some((q) => q.from === r.parsed.meta.period.from && q.to === r.parsed.meta.period.to));
  return { periods, read };
}

/** Reads the roadmaps, the journal and the check; nothing is written. */
export function monitorData(
  wb: Workbook,
  options: {
    now?: Date;
    period?: Period;
    sheet?: string;
    /** Whether to read the check for ШНОР without a roadmap (default yes). */ check?: boolean;
  } = {},
  /** The ШНОР when already read (writeMonitor reads them first, to stop before the roadmaps). */
  checked: ShnorCheck | null = options.check === false ? null : shnorOfCheck(wb, options.sheet),
): MonitorData {
  const names = wb.sheetNames();
  const today = moscowToday(options.now ?? new Date());
  const notes: string[] = [...(checked?.notes ?? [])];
  const all = readRoadmaps(wb, names);
  const periods = options.period
    ? [options.period]
    : choosePeriods(
        all.map((r) => r.parsed.meta.period),
        today,
      );
  const inPeriod = (p: Period) => periods.some((q) => q.from === p.from && q.to === p.to);
  const read = all.filter((r) => inPeriod(r.parsed.meta.period));
  const journal = names.includes(JOURNAL_SHEET) ? lastChanges(wb.readSheet(JOURNAL_SHEET).values) : new Map();
  const roadmaps = read
    .map((r) => monitorRoadmap(r.sheet, r.parsed, today, journal.get(r.sheet) ?? null))
    .sort(
      (a, b) =>
        Number(b.meta.owner === DISTRICT_OWNER) - Number(a.meta.owner === DISTRICT_OWNER) ||
        ROADMAP_STATES.indexOf(a.state) - ROADMAP_STATES.indexOf(b.state) ||
        b.counts.overdue - a.counts.overdue ||
        a.sheet.localeCompare(b.sheet, 'ru'),
    );
  const shnor = checked?.shnor ?? null;
  const owners = new Set(read.map((r) => r.parsed.meta.owner.toLowerCase()));
  const missing = shnor ? shnor.filter((s) => !owners.has(s.login)) : null;
  return { today, periods, roadmaps, otherPeriods: all.length - read.length, blocks: monitorBlocks(read, today), missing, notes, read };
}

const COLUMNS: Array<[string, number]> = [
  ['Дорожная карта', 230],
  ['Чья', 230],
  ['Состояние', 140],
  ['Всего', 60],
  ['Выполнено', 80],
  ['В работе', 70],
  ['Запланировано', 100],
  ['Просрочено', 85],
  ['Отменено', 75],
  ['Сроки наступили', 85],
  ['Выполнено из наступивших, %', 120],
  ['Ближайший срок', 90],
  ['Ближайшее мероприятие', 260],
  ['Самое давнее просроченное', 300],
  ['Последнее изменение', 115],
  ['Кто изменил', 190],
];

const percent = (c: Counts): CellValue => {
  const s = shareDone(c);
  return s === null ? '—' : Math.round(s * 1000) / 10;
};

const countCells = (c: Counts): CellValue[] => [c.total, c.done, c.inProgress, c.planned, c.overdue, c.cancelled, c.due, percent(c)];

export const periodsText = (ps: Period[]) => (ps.length === 0 ? 'нет' : ps.map(periodLabel).join(', '));

/** The head lines: the totals, what the words mean. */
function headLines(d: MonitorData): string[] {
  const total = d.roadmaps.reduce(
    (s, m) => {
      for (const k of Object.keys(s) as (keyof Counts)[]) s[k] += m.counts[k];
      return s;
    },
    { total: 0, done: 0, inProgress: 0, planned: 0, overdue: 0, cancelled: 0, due: 0, doneOfDue: 0 } as Counts,
  );
  const behind = d.roadmaps.filter((m) => m.counts.overdue > 0).length;
  const n = d.roadmaps.length;
  const lines = [
    `Период: ${periodsText(d.periods)}. ${n} ${plural(n, ['дорожная карта', 'дорожные карты', 'дорожных карт'])}, ${total.total} ${plural(total.total, ['мероприятие', 'мероприятия', 'мероприятий'])}: ` +
      `выполнено ${total.done}, в работе ${total.inProgress}, запланировано ${total.planned}, просрочено ${total.overdue}, отменено ${total.cancelled}. ` +
      `С просроченными мероприятиями — ${behind} ${plural(behind, ['карта', 'карты', 'карт'])}.` +
      (d.missing ? ` ШНОР без дорожной карты — ${d.missing.length}.` : '') +
      (d.otherPeriods > 0 ? ` Карт других периодов (не показаны): ${d.otherPeriods}.` : ''),
    'Просрочено — мероприятие со статусом «просрочено» или не выполненное и не отменённое, срок окончания которого прошёл. ' +
      '«Выполнено из наступивших» — доля выполненных среди неотменённых мероприятий с прошедшим сроком окончания. ' +
      'Последнее изменение — по «Журналу изменений»: он записывает действия надстройки (панель мероприятия, создание карт), но не правки, набранные в ячейках вручную. ' +
      'Сортировать и отбирать строки — кнопками фильтра в строке заголовка; пункт меню «Мониторинг дорожных карт» строит вкладку заново.',
    ...d.notes,
  ];
  return lines;
}

export type MonitorOutcome = { kind: 'done'; message: string; data: MonitorData } | StaleOutcome;

/**
 * Builds the tab; re-running replaces it. With `stale` 'ask' (the menu item) it stops, writing nothing and
 * reading no roadmap, when the results or the criteria changed since the check: the ШНОР without a roadmap
 * would come from other data than «ШНОР: итоги». Otherwise (the CLI, or the person chose to go on) the
 * tab says so above the table.
 */
export function writeMonitor(
  wb: Workbook,
  options: { now?: Date; period?: Period; sheet?: string; stale?: 'ask' | 'warn' } = {},
): MonitorOutcome {
  wb.toast('Читаю дорожные карты…', 'ШНОР');
  const checked = shnorOfCheck(wb, options.sheet, options.stale);
  if (checked.stop) return checked.stop;
  const d = monitorData(wb, options, checked);
  const width = COLUMNS.length;
  const rows: CellValue[][] = [];
  const links: (string | null)[] = [];
  for (const m of d.roadmaps) {
    const c = m.counts;
    rows.push([
      m.sheet,
      ownerLabel(m.meta),
      m.state,
      ...countCells(c),
      m.nearest?.end ? isoToDate(m.nearest.end) : null,
      m.nearest ? activityLabel({ ...m.nearest, end: null }, 80) : '',
      m.oldestOverdue ? activityLabel(m.oldestOverdue, 80) : '',
      m.lastChange?.when ?? 'нет записей',
      m.lastChange?.who ?? '',
    ]);
    links.push(`=HYPERLINK("${wb.linkPrefix(m.sheet)}A1","${m.sheet.replace(/"/g, '""')}")`);
  }
  for (const s of d.missing ?? []) {
    rows.push(['—', `${s.name} (${s.login})`, 'нет дорожной карты', ...new Array<CellValue>(width - 3).fill(null)]);
    links.push(null);
  }
  const blockRows: CellValue[][] = d.blocks.map((b) => [b.block, b.roadmaps, roadmapState(b.counts), ...countCells(b.counts)]);
  writeTableTab(wb, {
    sheet: MONITOR_SHEET,
    title: `Мониторинг дорожных карт на ${formatIsoDate(d.today)}`,
    lines: headLines(d),
    widths: COLUMNS.map(([, w]) => w),
    colors: STATE_COLORS,
    keyCol: 2,
    legend: 'Цвета строк:',
    textCols: 10,
    tables: [
      { header: COLUMNS.map(([h]) => h), rows, links, dateCols: [11] },
      {
        title: 'По направлениям (блокам) во всех дорожных картах периода',
        header: ['Блок (направление)', 'Дорожных карт с блоком', 'Состояние', ...COLUMNS.slice(3, 11).map(([h]) => h)],
        rows: blockRows,
      },
    ],
  });
  const behind = d.roadmaps.filter((m) => m.counts.overdue > 0).length;
  const message =
    d.roadmaps.length === 0 && !d.missing?.length
      ? `Дорожных карт («${ROADMAP_PREFIX}…») в книге нет. Вкладка «${MONITOR_SHEET}» построена пустой.`
      : `Вкладка «${MONITOR_SHEET}»: ${d.roadmaps.length} ${plural(d.roadmaps.length, ['дорожная карта', 'дорожные карты', 'дорожных карт'])} периода ${periodsText(d.periods)}, ` +
        `с просроченными мероприятиями — ${behind}` +
        (d.missing ? `, ШНОР без карты — ${d.missing.length}` : '') +
        '.' +
        // Gone on by data other than the check's (the CLI, or «Нет»): said in the message too, not only in the tab.
        (checked.warning ? `\n${checked.warning}` : '');
  wb.toast(message.split('\n')[0] as string, 'ШНОР');
  return { kind: 'done', message, data: d };
}

/**
 * Reminders for the roadmaps with overdue activities — of one school (login, or «район») or of all —
 * with the school's addresses from the registry «Школы».
 */
export function overdueReminders(
  wb: Workbook,
  options: { now?: Date; owner?: string; from?: string } = {},
): { reminders: Reminder[]; today: string } {
  const d = monitorData(wb, { now: options.now, check: false });
  const names = wb.sheetNames();
  const registry = names.includes(REGISTRY_SHEET) ? parseRegistry(wb.readSheet(REGISTRY_SHEET)) : null;
  const emails = new Map((registry?.schools ?? []).map((s) => [s.login, s.emails]));
  const owner = options.owner?.trim().toLowerCase();
  const reminders = d.roadmaps
    .filter((m) => !owner || m.meta.owner.toLowerCase() === owner)
    .map((m) => reminder(m, d.today, emails.get(m.meta.owner.toLowerCase()) ?? [], options.from))
    .filter((r): r is Reminder => r !== null);
  return { reminders, today: d.today };
}
