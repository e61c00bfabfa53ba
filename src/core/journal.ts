/**
 * «Журнал изменений»: one row per tab an action of the add-on changed — when (Moscow time), who, which
 * action, which rows, what was done and the values it replaced — so that a wrong click can be traced and
 * undone by hand. Pure helpers: the rows are made here and appended by the audited workbook.
 */
import { capCellText, type CellValue, columnLetter, plural } from './text';

export const JOURNAL_SHEET = 'Журнал изменений';

export const JOURNAL_COLUMNS: ReadonlyArray<{ header: string; note: string; width: number }> = [
  { header: 'Когда', note: 'Дата и время изменения по Москве (дд.мм.гггг чч:мм).', width: 120 },
  { header: 'Кто', note: 'Адрес электронной почты того, кто выполнил действие (если Google его сообщает).', width: 200 },
  { header: 'Действие', note: 'Пункт меню или панель надстройки ШНОР.', width: 220 },
  { header: 'Лист', note: 'Вкладка, которую изменило действие.', width: 180 },
  { header: 'Строки', note: 'Номера изменённых строк листа.', width: 110 },
  { header: 'Что сделано', note: 'Что именно изменено: значения, оформление, защита, новый лист.', width: 260 },
  {
    header: 'Прежние значения',
    note: 'Значения, которые действие заменило или стёрло: «A5: было …». Чтобы отменить ошибочное действие, верните их вручную.',
    width: 480,
  },
];

export const JOURNAL_HEADER = JOURNAL_COLUMNS.map((c) => c.header);

/** The longest previous-values text of one journal row, and of one value in it. */
export const PREV_LIMIT = 1500;
export const VALUE_LIMIT = 80;

const pad = (n: number) => String(n).padStart(2, '0');

/** дд.мм.гггг чч:мм in Moscow (UTC+3 all year since 2014), whatever the zone of the machine. */
export function moscowTime(date: Date): string {
  const d = new Date(date.getTime() + 3 * 3600_000);
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The longest list of rows one journal row gives. */
export const ROWS_LIMIT = 1500;

/** 0-based rows as people count them: «1–35, 40, 42–43»; past ROWS_LIMIT characters «… и ещё N строк». */
export function rowsText(rows: Iterable<number>): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    const a = (sorted[i] as number) + 1;
    const b = (sorted[j] as number) + 1;
    parts.push(a === b ? String(a) : `${a}–${b}`);
    i = j + 1;
  }
  let out = '';
  for (const [k, part] of parts.entries()) {
    if (out.length + part.length + 2 > ROWS_LIMIT - 40) {
      const rest = parts.slice(k).reduce((n, p) => n + (p.includes('–') ? Number(p.split('–')[1]) - Number(p.split('–')[0]) + 1 : 1), 0);
      return `${out}, … и ещё ${rest} ${plural(rest, ['строка', 'строки', 'строк'])}`;
    }
    out += out ? `, ${part}` : part;
  }
  return out;
}

/** A cell value for the journal: text cut to VALUE_LIMIT characters, dates as дд.мм.гггг. */
export function valueText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = new Date(Math.round(v.getTime() / 86400000) * 86400000).toISOString();
    return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
  }
  if (typeof v === 'boolean') return v ? 'ИСТИНА' : 'ЛОЖЬ';
  const t = String(v).replace(/\s+/g, ' ').trim();
  return t.length > VALUE_LIMIT ? `${t.slice(0, VALUE_LIMIT - 1)}…` : t;
}

export interface ReplacedCell {
  row: number;
  col: number;
  value: CellValue;
}

/** «A5: было «…»; B7: было 12» in sheet order, cut to PREV_LIMIT characters with «… и ещё N ячеек». */
export function previousText(cells: readonly ReplacedCell[]): string {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  let out = '';
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i] as ReplacedCell;
    const v = c.value;
    const shown = typeof v === 'number' ? String(v).replace('.', ',') : `«${valueText(v)}»`;
    const part = `${columnLetter(c.col)}${c.row + 1}: было ${shown}`;
    const rest = sorted.length - i;
    const tail = `; … и ещё ${rest} ${plural(rest, ['ячейка', 'ячейки', 'ячеек'])}`;
    if (out.length + part.length + 2 > PREV_LIMIT - tail.length) return `${out}${tail}`;
    out += out ? `; ${part}` : part;
  }
  return out;
}

export interface JournalEntry {
  when: Date;
  who: string | null;
  action: string;
  sheet: string;
  rows: number[];
  what: string[];
  previous: ReplacedCell[];
  /** What was replaced that is not a cell (who could edit the tab). */
  before?: string[];
}

export function journalRow(e: JournalEntry): CellValue[] {
  const previous = [...(e.before ?? []), previousText(e.previous)].filter((t) => t !== '').join('; ');
  // Each text fits a cell of Sheets (the list of what was done and whose access changed has no bound).
  return [
    moscowTime(e.when),
    e.who ?? 'не известно',
    e.action,
    e.sheet,
    rowsText(e.rows),
    capCellText(e.what.join('; ')),
    capCellText(previous),
  ];
}
