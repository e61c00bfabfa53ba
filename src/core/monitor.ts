/**
 * «Мониторинг дорожных карт»: how far each roadmap of the period has got on a given day — activities in
 * all, done, in progress, planned, overdue, cancelled; the share done of those whose end date has passed;
 * the nearest deadline; the oldest overdue activity; the last change the journal records — and the same
 * counts by direction (block) across all roadmaps. Pure: the action reads the tabs and writes the result.
 */
import { blockKey } from './activity';
import { JOURNAL_HEADER } from './journal';
import { DISTRICT_OWNER, formatIsoDate, type ParsedRoadmap, type RoadmapMeta, type RoadmapRow } from './roadmap-sheet';
import type { Period } from './terms';
import { type CellValue, formatNumber, plural } from './text';

/** What an activity is on a day: its status, with «просрочено» for one not done whose end date has passed. */
export type ActivityState = 'выполнено' | 'в работе' | 'запланировано' | 'просрочено' | 'отменено';

/**
 * The state of an activity on `today` (yyyy-mm-dd). An activity is overdue when its status says so, or when
 * its end date is before today and it is neither done nor cancelled; an empty status is «запланировано».
 */
export function activityState(row: Pick<RoadmapRow, 'status' | 'end'>, today: string): ActivityState {
  if (row.status === 'выполнено' || row.status === 'отменено' || row.status === 'просрочено') return row.status;
  if (row.end !== null && row.end < today) return 'просрочено';
  return row.status === 'в работе' ? 'в работе' : 'запланировано';
}

/** An activity as the monitor names it: number, text and end date. */
export interface ActivityRef {
  number: string;
  activity: string;
  /** yyyy-mm-dd or null. */
  end: string | null;
  sheetRow: number;
}

export interface Counts {
  total: number;
  done: number;
  inProgress: number;
  planned: number;
  overdue: number;
  cancelled: number;
  /** Activities not cancelled whose end date is before today. */
  due: number;
  /** Of those, done. */
  doneOfDue: number;
}

export const emptyCounts = (): Counts => ({
  total: 0,
  done: 0,
  inProgress: 0,
  planned: 0,
  overdue: 0,
  cancelled: 0,
  due: 0,
  doneOfDue: 0,
});

const KEY: Record<ActivityState, keyof Counts> = {
  выполнено: 'done',
  'в работе': 'inProgress',
  запланировано: 'planned',
  просрочено: 'overdue',
  отменено: 'cancelled',
};

/** Adds one activity to the counts. */
export function count(c: Counts, row: Pick<RoadmapRow, 'status' | 'end'>, today: string): ActivityState {
  const state = activityState(row, today);
  c.total++;
  c[KEY[state]]++;
  if (state !== 'отменено' && row.end !== null && row.end < today) {
    c.due++;
    if (state === 'выполнено') c.doneOfDue++;
  }
  return state;
}

/** The share done of the activities whose end date has passed, 0…1; null when none has. */
export const shareDone = (c: Counts): number | null => (c.due === 0 ? null : c.doneOfDue / c.due);

/** How a roadmap stands, for the row's colour and for sorting. */
export type RoadmapState = 'есть просроченные' | 'в графике' | 'сроки не наступили' | 'нет мероприятий' | 'нет дорожной карты';

export const ROADMAP_STATES: readonly RoadmapState[] = [
  'нет дорожной карты',
  'есть просроченные',
  'нет мероприятий',
  'сроки не наступили',
  'в графике',
];

/** Light fills (the palette of the other tabs: red, green, yellow, grey, orange). */
export const STATE_COLORS: Record<RoadmapState, string> = {
  'есть просроченные': '#f4cccc',
  'в графике': '#d9ead3',
  'сроки не наступили': '#fff2cc',
  'нет мероприятий': '#efefef',
  'нет дорожной карты': '#fce5cd',
};

export function roadmapState(c: Counts): RoadmapState {
  if (c.total === 0) return 'нет мероприятий';
  if (c.overdue > 0) return 'есть просроченные';
  return c.due > 0 ? 'в графике' : 'сроки не наступили';
}

export interface LastChange {
  /** «дд.мм.гггг чч:мм» as the journal holds it. */
  when: string;
  who: string;
  action: string;
}

export interface RoadmapMonitor {
  sheet: string;
  meta: RoadmapMeta;
  counts: Counts;
  state: RoadmapState;
  /** The activity not done nor cancelled with the nearest end date from today on. */
  nearest: ActivityRef | null;
  /** The overdue activity with the earliest end date (one without a date comes last). */
  oldestOverdue: ActivityRef | null;
  /** All overdue activities, earliest end first (for reminders). */
  overdue: ActivityRef[];
  lastChange: LastChange | null;
}

const ref = (r: RoadmapRow & { sheetRow: number }): ActivityRef => ({
  number: r.number,
  activity: r.activity,
  end: r.end,
  sheetRow: r.sheetRow,
});

const byEnd = (a: ActivityRef, b: ActivityRef) => (a.end ?? '9999').localeCompare(b.end ?? '9999') || a.sheetRow - b.sheetRow;

/** One roadmap tab on `today`. */
export function monitorRoadmap(
  sheet: string,
  parsed: ParsedRoadmap & { meta: RoadmapMeta },
  today: string,
  lastChange: LastChange | null,
): RoadmapMonitor {
  const counts = emptyCounts();
  const overdue: ActivityRef[] = [];
  const open: ActivityRef[] = [];
  for (const r of parsed.rows) {
    if (r.activity === '') continue;
    const state = count(counts, r, today);
    if (state === 'просрочено') overdue.push(ref(r));
    else if ((state === 'в работе' || state === 'запланировано') && r.end !== null && r.end >= today) open.push(ref(r));
  }
  overdue.sort(byEnd);
  open.sort(byEnd);
  return {
    sheet,
    meta: parsed.meta,
    counts,
    state: roadmapState(counts),
    nearest: open[0] ?? null,
    oldestOverdue: overdue[0] ?? null,
    overdue,
    lastChange,
  };
}

export interface BlockMonitor {
  /** The block as first written. */
  block: string;
  /** Roadmaps with at least one activity of the block. */
  roadmaps: number;
  counts: Counts;
}

/** The counts by block (direction) across the roadmaps, in the order blocks first appear. */
export function monitorBlocks(roadmaps: ReadonlyArray<{ parsed: ParsedRoadmap }>, today: string): BlockMonitor[] {
  const by = new Map<string, BlockMonitor & { seen: Set<number> }>();
  roadmaps.forEach(({ parsed }, i) => {
    for (const r of parsed.rows) {
      if (r.activity === '') continue;
      const label = r.block || 'Без блока';
      const key = blockKey(label);
      let b = by.get(key);
      if (!b) by.set(key, (b = { block: label, roadmaps: 0, counts: emptyCounts(), seen: new Set() }));
      count(b.counts, r, today);
      if (!b.seen.has(i)) {
        b.seen.add(i);
        b.roadmaps++;
      }
    }
  });
  return [...by.values()].map(({ seen: _seen, ...b }) => b);
}

/** The period a roadmap list is about: those covering today, else the latest one. */
export function choosePeriods(periods: readonly Period[], today: string): Period[] {
  const key = (p: Period) => `${p.from}/${p.to}`;
  const unique = [...new Map(periods.map((p) => [key(p), p])).values()];
  const covering = unique.filter((p) => p.from <= today && today <= p.to);
  if (covering.length > 0) return covering.sort((a, b) => key(a).localeCompare(key(b)));
  const latest = unique.sort((a, b) => b.to.localeCompare(a.to) || b.from.localeCompare(a.from))[0];
  return latest ? [latest] : [];
}

const text = (v: CellValue): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).trim());

/** «дд.мм.гггг чч:мм» → a sortable «гггг-мм-дд чч:мм»; null when unreadable. */
function sortableTime(when: string): string | null {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2}))?/.exec(when);
  if (!m) return null;
  return `${m[3]}-${m[2]}-${m[1]} ${(m[4] ?? '0').padStart(2, '0')}:${m[5] ?? '00'}`;
}

/**
 * The latest journal row of each tab: «Журнал изменений» read by its header (Когда, Кто, Действие, Лист).
 * Only the add-on's actions are journalled: a person typing into a roadmap tab directly leaves no row.
 */
export function lastChanges(values: readonly (readonly CellValue[])[]): Map<string, LastChange> {
  const out = new Map<string, LastChange & { at: string }>();
  const headerRow = values.findIndex((line) => JOURNAL_HEADER.every((h, i) => i > 3 || text(line[i]) === h));
  if (headerRow < 0) return new Map();
  for (let r = headerRow + 1; r < values.length; r++) {
    const line = values[r] ?? [];
    const when = text(line[0]);
    const at = sortableTime(when);
    const sheet = text(line[3]);
    if (!at || !sheet) continue;
    const known = out.get(sheet);
    // The journal is appended in time order: a later row of the same minute is the later change.
    if (!known || at >= known.at) out.set(sheet, { when, who: text(line[1]), action: text(line[2]), at });
  }
  return new Map([...out].map(([k, { at: _at, ...v }]) => [k, v]));
}

/** «1.2 Проведение … (срок 01.10.2026)» */
export function activityLabel(a: ActivityRef, max = 120): string {
  const name = a.activity.length > max ? `${a.activity.slice(0, max - 1).trimEnd()}…` : a.activity;
  return `${a.number ? `${a.number} ` : ''}${name}${a.end ? ` (срок ${formatIsoDate(a.end)})` : ''}`;
}

/** Who a roadmap belongs to, for people: «муниципальная (район)», «МБОУ «СОШ № 5» (edu123456)». */
export function ownerLabel(meta: Pick<RoadmapMeta, 'owner' | 'ownerName'>): string {
  return meta.owner === DISTRICT_OWNER ? 'муниципальная (район)' : `${meta.ownerName || meta.owner} (${meta.owner})`;
}

/** «45,5 %» of a share 0…1, or «—». */
export const shareText = (share: number | null): string => (share === null ? '—' : `${formatNumber(Math.round(share * 1000) / 10)} %`);

export interface Reminder {
  owner: string;
  ownerName: string;
  sheet: string;
  /** The school's addresses from the registry. */
  emails: string[];
  subject: string;
  text: string;
}

/**
 * A reminder for a roadmap with overdue activities: the text a methodologist copies into a letter.
 * The registry holds no director's name, so the letter is addressed to the head of the school.
 */
export function reminder(
  m: RoadmapMonitor,
  today: string,
  emails: readonly string[] = [],
  from = 'Управление образования',
): Reminder | null {
  if (m.overdue.length === 0) return null;
  const n = m.overdue.length;
  const who = m.meta.owner === DISTRICT_OWNER ? 'Уважаемые коллеги!' : `Уважаемый руководитель ${m.meta.ownerName || m.meta.owner}!`;
  const lines = [
    who,
    '',
    `По дорожной карте «${m.sheet}» на ${formatIsoDate(today)} ${plural(n, ['просрочено', 'просрочены', 'просрочено'])} ${n} ${plural(n, ['мероприятие', 'мероприятия', 'мероприятий'])}:`,
    ...m.overdue.map((a, i) => `${i + 1}. ${activityLabel(a, 300)}`),
    '',
    'Просим выполнить эти мероприятия или сообщить новые сроки и причину переноса, а в дорожной карте отметить статус и приложить документ, закрепляющий результат.',
    '',
    `С уважением, ${from}`,
  ];
  return {
    owner: m.meta.owner,
    ownerName: m.meta.ownerName,
    sheet: m.sheet,
    emails: [...emails],
    subject: `Просроченные мероприятия дорожной карты: ${m.meta.owner === DISTRICT_OWNER ? 'муниципальная' : m.meta.ownerName || m.meta.owner}`,
    text: lines.join('\n'),
  };
}
