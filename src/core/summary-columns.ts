/**
 * The columns of «ШНОР: итоги» in the order they are written: first what a reader of the printout needs
 * (№, the school, its status, why, how it moves, the trend of its worst procedure, the objectivity
 * markers) — one A4 landscape page wide, the print area —, then the details (login, territory, counts by
 * year, the shares the trend is drawn from, the link, context, changes, every low result). The writer, the
 * tests and every reader find a column through this map (summaryColumnIndex on the header row), never by
 * its number, so that moving a column here moves it everywhere.
 */
import { type CellValue, normalizeHeader } from './text';

export type SummaryKey =
  | 'number'
  | 'school'
  | 'status'
  | 'reason'
  | 'dynamics'
  | 'worst'
  | 'trend'
  | 'markers'
  | 'login'
  | 'territory'
  | 'lows'
  | 'share'
  | 'link'
  | 'context'
  | 'index'
  | 'changes'
  | 'details';

export interface SummaryColumn {
  key: SummaryKey;
  header: string;
  /** Pixels on screen (Sheets) and, ÷ 7, Excel's width units. */
  width: number;
  /** The year of a per-year column (`lows`, `share`). */
  year?: number;
}

/** Headers of the columns that do not depend on the years. */
export const SUMMARY_HEADERS = {
  number: '№',
  school: 'ОО',
  status: 'Статус',
  reason: 'Основание',
  worst: 'Худшая процедура: доля «2» по годам',
  trend: 'Ход доли «2»',
  markers: 'Признаки необъективности',
  login: 'Логин',
  territory: 'Территория',
  link: 'Строка в таблице',
  context: 'Социальный контекст',
  index: 'Индекс благополучия (0–100)',
  changes: 'Существенные изменения доли «2»',
  details: 'Причины',
} as const satisfies Partial<Record<SummaryKey, string>>;

const DYNAMICS_HEAD = 'Динамика к прошлому году';
export const lowsHeader = (year: number) => `${year}: низких результатов`;
export const shareHeader = (year: number) => `${year}: доля «2» худшей процедуры, %`;

/** The printed columns, from the left: the print area of the tab. */
export const PRINTED_SUMMARY_KEYS: readonly SummaryKey[] = [
  'number',
  'school',
  'status',
  'reason',
  'dynamics',
  'worst',
  'trend',
  'markers',
];
/** №, the school and its status stay in view when the table scrolls sideways; the head's texts start after them. */
export const SUMMARY_FROZEN_COLS = 3;

/**
 * The columns for a check: `window` the years the rules look at (oldest first), `shareYears` the years the
 * trend is drawn over (oldest first), `year` the reference year (null when the data hold none).
 */
export function summaryColumns(window: readonly number[], shareYears: readonly number[], year: number | null): SummaryColumn[] {
  const h = SUMMARY_HEADERS;
  const prev = year === null ? '' : ` (${year - 1} → ${year})`;
  return [
    { key: 'number', header: h.number, width: 36 },
    { key: 'school', header: h.school, width: 250 },
    { key: 'status', header: h.status, width: 96 },
    { key: 'reason', header: h.reason, width: 260 },
    // «ухудшились 1, улучшились 4» on two short lines.
    { key: 'dynamics', header: `${DYNAMICS_HEAD}${prev}, процедур`, width: 150 },
    { key: 'worst', header: h.worst, width: 150 },
    { key: 'trend', header: h.trend, width: 80 },
    { key: 'markers', header: h.markers, width: 240 },
    { key: 'login', header: h.login, width: 90 },
    { key: 'territory', header: h.territory, width: 120 },
    // Newest year first, as «Основание» counts them; the year leads so that it shows in a narrow column.
    ...[...window].reverse().map((y): SummaryColumn => ({ key: 'lows', header: lowsHeader(y), width: 107, year: y })),
    // Oldest first, as the trend is drawn.
    ...shareYears.map((y): SummaryColumn => ({ key: 'share', header: shareHeader(y), width: 107, year: y })),
    { key: 'link', header: h.link, width: 90 },
    { key: 'context', header: h.context, width: 150 },
    { key: 'index', header: h.index, width: 110 },
    { key: 'changes', header: h.changes, width: 360 },
    { key: 'details', header: h.details, width: 760 },
  ];
}

/** Which column a header cell of the tab names, also in a tab written by a former version (by its text). */
export function summaryKeyOf(header: CellValue): { key: SummaryKey; year?: number } | null {
  const text = normalizeHeader(header);
  for (const [key, h] of Object.entries(SUMMARY_HEADERS)) if (text === normalizeHeader(h)) return { key: key as SummaryKey };
  if (text.startsWith(normalizeHeader(DYNAMICS_HEAD))) return { key: 'dynamics' };
  const year = /^(\d{4}): /.exec(text);
  if (year && text === normalizeHeader(lowsHeader(Number(year[1])))) return { key: 'lows', year: Number(year[1]) };
  if (year && text === normalizeHeader(shareHeader(Number(year[1])))) return { key: 'share', year: Number(year[1]) };
  return null;
}

/** The 0-based column of `key` (of `year`, for a per-year column) on the tab's header row; -1 when absent. */
export function summaryColumnIndex(header: readonly CellValue[], key: SummaryKey, year?: number): number {
  return header.findIndex((h) => {
    const k = summaryKeyOf(h);
    return k !== null && k.key === key && (year === undefined || k.year === year);
  });
}

/** The value of column `key` in a row of the tab, found by the header row. */
export function summaryCell(header: readonly CellValue[], row: readonly CellValue[], key: SummaryKey, year?: number): CellValue {
  const i = summaryColumnIndex(header, key, year);
  return i < 0 ? undefined : row[i];
}

/** What the «ОО» column shows: the name, and the login in brackets when there is one. */
export const schoolLabel = (name: string, login: string | null): string => (login ? `${name} (${login})` : name);
