/**
 * The shape of a roadmap tab («дорожная карта»): one tab per roadmap — the district's (МППКО) or one
 * school's (ШППКО) — for one period. Row 1 is the title, row 2 says whose roadmap and for which period
 * (read back by the add-on), row 3 is the header with the seeds' columns plus dates, status, the school,
 * the catalogue code and a control mark; activities follow from row 4, grouped under block section rows.
 *
 * The control mark is a fingerprint of what the add-on generated. A row whose cells no longer match its
 * mark, or that has none, was edited or added by a person, and regeneration never drops it.
 */
import type { Period } from './terms';
import type { CellValue } from './text';

export const ROADMAP_STATUSES = ['запланировано', 'в работе', 'выполнено', 'просрочено', 'отменено'] as const;
export type RoadmapStatus = (typeof ROADMAP_STATUSES)[number];

/** What the owner cell of row 2 holds for the district's own roadmap. */
export const DISTRICT_OWNER = 'район';

export type RoadmapKey =
  | 'number'
  | 'block'
  | 'activity'
  | 'term'
  | 'start'
  | 'end'
  | 'responsible'
  | 'result'
  | 'document'
  | 'status'
  | 'mark'
  | 'school'
  | 'code'
  | 'control';

export interface RoadmapColumn {
  key: RoadmapKey;
  header: string;
  /** Pixel width in Sheets. */
  width: number;
  /** The note on the header cell. */
  note: string;
}

export const ROADMAP_COLUMNS: readonly RoadmapColumn[] = [
  { key: 'number', header: '№ п/п', width: 50, note: 'Номер мероприятия в блоке: 1.1, 1.2, …' },
  { key: 'block', header: 'Блок (направление)', width: 170, note: 'Блок или направление дорожной карты (выбор из списка).' },
  { key: 'activity', header: 'Мероприятие', width: 360, note: 'Что делается.' },
  {
    key: 'term',
    header: 'Сроки',
    width: 160,
    note: 'Сроки в годах карты: «сентябрь 2026», «октябрь 2026, март 2027», «в течение 2026/27 учебного года», «по графику». Как они записаны в программах — в примечании к «Началу».',
  },
  { key: 'start', header: 'Начало', width: 90, note: 'Дата начала (дд.мм.гггг), если сроки её дают.' },
  {
    key: 'end',
    header: 'Окончание',
    width: 90,
    note: 'Дата окончания (дд.мм.гггг). Не выполненное к этой дате мероприятие выделяется как просроченное.',
  },
  { key: 'responsible', header: 'Ответственные', width: 180, note: 'Ответственные (исполнители).' },
  { key: 'result', header: 'Ожидаемый результат', width: 260, note: 'Ожидаемый результат.' },
  { key: 'document', header: 'Документ, закрепляющий результат', width: 200, note: 'Приказ, справка, протокол, план и т. п.' },
  { key: 'status', header: 'Статус', width: 110, note: `Одно из: ${ROADMAP_STATUSES.join(', ')}.` },
  { key: 'mark', header: 'Отметка о выполнении', width: 200, note: 'Что сделано, когда, ссылка на документ.' },
  { key: 'school', header: 'Школа', width: 150, note: 'Логин ОО (или «район» для муниципальных мероприятий).' },
  { key: 'code', header: 'Код', width: 70, note: 'Код мероприятия в «Справочнике мероприятий»; пусто для своих мероприятий.' },
  {
    key: 'control',
    header: 'Контроль',
    width: 80,
    note: 'Служебная отметка надстройки: по ней видно, что строку меняли люди. Не изменяйте.',
  },
];

export const ROADMAP_COLUMN = Object.fromEntries(ROADMAP_COLUMNS.map((c, i) => [c.key, i])) as Record<RoadmapKey, number>;

/** 0-based rows of the layout. */
export const ROADMAP_TITLE_ROW = 0;
export const ROADMAP_META_ROW = 1;
export const ROADMAP_HEADER_ROW = 2;
export const ROADMAP_FIRST_ROW = 3;

/** Every roadmap tab's name starts with this. */
export const ROADMAP_PREFIX = 'ДК ';

export interface RoadmapRow {
  number: string;
  block: string;
  activity: string;
  term: string;
  /** ISO dates (yyyy-mm-dd) or null. */
  start: string | null;
  end: string | null;
  responsible: string;
  result: string;
  document: string;
  status: RoadmapStatus | '';
  mark: string;
  /** Login, or «район». */
  school: string;
  code: string;
  control: string;
}

export interface RoadmapMeta {
  /** A school's login, or «район». */
  owner: string;
  /** For people: the school's name or «муниципальная». */
  ownerName: string;
  period: Period;
}

/** «2026/27» for one school year, «2026–2028» for several. */
export function periodLabel(p: Period): string {
  const y1 = Number(p.from.slice(0, 4));
  const y2 = Number(p.to.slice(0, 4));
  if (y2 === y1 + 1 && p.from.slice(5) >= '07-01' && p.to.slice(5) <= '08-31') return `${y1}/${String(y2).slice(2)}`;
  if (y1 === y2) return String(y1);
  return `${y1}–${y2}`;
}

/**
 * The period as a tab name holds it: «2026–27», «2026–2028». Excel forbids «/» in sheet names, and the
 * same tab must be found again after a trip through .xlsx.
 */
export function periodTabLabel(p: Period): string {
  return periodLabel(p).replace('/', '–');
}

/** A short school name for a tab: no form of ownership, no quotes: «МБОУ «СОШ № 5»» → «СОШ № 5». */
export function shortSchoolName(name: string): string {
  return (
    name
      .replace(/["«»“”„]/g, '')
      .replace(/^\s*(муниципальн\S*\s+)?(бюджетн\S*|казенн\S*|казённ\S*|автономн\S*)?\s*(общеобразовательн\S*\s+)?(учреждени\S*)?\s*/i, '')
      .replace(/^(МБОУ|МКОУ|МАОУ|МОУ|ГБОУ|ГКОУ|ГАОУ|ЧОУ|НОУ)\s+/i, '')
      .replace(/\s+/g, ' ')
      .trim() || name.trim()
  );
}

/** The tab name: «ДК район 2026–27», «ДК СОШ № 5 2026–27». Excel's 31-character limit and characters are kept. */
export function roadmapSheetName(meta: Pick<RoadmapMeta, 'owner' | 'ownerName' | 'period'>): string {
  const label = periodTabLabel(meta.period);
  const who = meta.owner === DISTRICT_OWNER ? DISTRICT_OWNER : shortSchoolName(meta.ownerName) || meta.owner;
  const room = 31 - ROADMAP_PREFIX.length - label.length - 1;
  // A name with the login added (two schools whose names agree) keeps the login when it is cut.
  const login = meta.owner !== DISTRICT_OWNER && who.endsWith(` ${meta.owner}`) ? ` ${meta.owner}` : '';
  const cut = who.length > room ? `${who.slice(0, room - 1 - login.length).trimEnd()}…${login}` : who;
  return `${ROADMAP_PREFIX}${cut} ${label}`;
}

const text = (v: CellValue): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return toIso(v) ?? '';
  return String(v).trim();
};

/** A cell holding a date (Date, ISO text or дд.мм.гггг) as ISO; null when empty; undefined when unreadable. */
export function cellDate(v: CellValue): string | null | undefined {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return toIso(v);
  const t = String(v).trim();
  if (!t) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m) return validIso(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) return validIso(+m[3]!, +m[2]!, +m[1]!);
  return undefined;
}

function validIso(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * A Date from a sheet as an ISO day. Sheets gives midnight of the workbook's zone (Moscow midnight is
 * 21:00 UTC the day before), exceljs gives UTC midnight: the nearest UTC midnight is the day meant.
 */
export function toIso(d: Date): string | undefined {
  const t = d.getTime();
  if (Number.isNaN(t)) return undefined;
  const day = 86400000;
  return new Date(Math.round(t / day) * day).toISOString().slice(0, 10);
}

/** An ISO day as the Date a cell is given: UTC midnight, the same day in every zone of Russia (UTC+2 … +12). */
export function isoToDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** дд.мм.гггг for people. */
export function formatIsoDate(iso: string | null): string {
  if (!iso) return '';
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** The row's cells in column order; dates become Date values, text stays text. */
export function roadmapRowCells(row: RoadmapRow): CellValue[] {
  return ROADMAP_COLUMNS.map((c) => {
    const v = row[c.key];
    if (c.key === 'start' || c.key === 'end') return v ? isoToDate(v) : null;
    return v ?? '';
  });
}

/** FNV-1a over what the add-on generated: any later change to these cells changes it. */
export function fingerprint(row: Omit<RoadmapRow, 'control'>): string {
  const keys: RoadmapKey[] = [
    'block',
    'activity',
    'term',
    'start',
    'end',
    'responsible',
    'result',
    'document',
    'status',
    'mark',
    'school',
    'code',
  ];
  const s = keys.map((k) => row[k as keyof typeof row] ?? '').join('\u241f');
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `ш${h.toString(36)}`;
}

/** True when a person changed a generated row, or added it. */
export function isEditedByPeople(row: RoadmapRow): boolean {
  return !row.control || fingerprint(row) !== row.control;
}

export interface ParsedRoadmap {
  meta: RoadmapMeta | null;
  /** Activity rows with their 1-based sheet row. */
  rows: (RoadmapRow & { sheetRow: number })[];
  /** Section rows: 1-based sheet row and block. */
  sections: { sheetRow: number; block: string }[];
  /** Cells that could not be read: 1-based row, column letter, text. */
  problems: { row: number; column: string; value: string; message: string }[];
}

/** The meta row as cells: «Дорожная карта:», owner, owner name, «Период:», from, to. */
export function roadmapMetaCells(meta: RoadmapMeta): CellValue[] {
  return ['Для:', meta.owner, meta.ownerName, 'Период:', isoToDate(meta.period.from), isoToDate(meta.period.to)];
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Reads a roadmap tab's values. Status is read case-insensitively; unknown statuses are reported. */
export function parseRoadmap(values: CellValue[][]): ParsedRoadmap {
  const out: ParsedRoadmap = { meta: null, rows: [], sections: [], problems: [] };
  const metaRow = values[ROADMAP_META_ROW] ?? [];
  const from = cellDate(metaRow[4]);
  const to = cellDate(metaRow[5]);
  if (text(metaRow[1]) && from && to) out.meta = { owner: text(metaRow[1]), ownerName: text(metaRow[2]), period: { from, to } };
  for (let r = ROADMAP_FIRST_ROW; r < values.length; r++) {
    const line = values[r] ?? [];
    const cell = (k: RoadmapKey) => line[ROADMAP_COLUMN[k]];
    if (line.every((v) => text(v) === '')) continue;
    const activity = text(cell('activity'));
    const block = text(cell('block'));
    const otherFilled = ROADMAP_COLUMNS.some((c) => c.key !== 'block' && c.key !== 'number' && text(cell(c.key)) !== '');
    if (!activity && !otherFilled) {
      out.sections.push({ sheetRow: r + 1, block: block || text(cell('number')) });
      continue;
    }
    const dates: Record<'start' | 'end', string | null> = { start: null, end: null };
    for (const k of ['start', 'end'] as const) {
      const d = cellDate(cell(k));
      if (d === undefined)
        out.problems.push({
          row: r + 1,
          column: LETTERS[ROADMAP_COLUMN[k]] as string,
          value: text(cell(k)),
          message: 'не дата (ожидается дд.мм.гггг)',
        });
      else dates[k] = d;
    }
    const statusText = text(cell('status')).toLowerCase();
    const status = (ROADMAP_STATUSES as readonly string[]).includes(statusText) ? (statusText as RoadmapStatus) : '';
    if (statusText && !status)
      out.problems.push({
        row: r + 1,
        column: LETTERS[ROADMAP_COLUMN.status] as string,
        value: text(cell('status')),
        message: `неизвестный статус; допустимы: ${ROADMAP_STATUSES.join(', ')}`,
      });
    out.rows.push({
      sheetRow: r + 1,
      number: text(cell('number')),
      block,
      activity,
      term: text(cell('term')),
      start: dates.start,
      end: dates.end,
      responsible: text(cell('responsible')),
      result: text(cell('result')),
      document: text(cell('document')),
      status,
      mark: text(cell('mark')),
      school: text(cell('school')),
      code: text(cell('code')),
      control: text(cell('control')),
    });
  }
  return out;
}
