/**
 * One roadmap activity as a person enters it in the activity form: the checks (required fields, dates
 * readable and in order, dates near the roadmap's period, lengths), the dates read from the term when
 * none are given, and where a new row goes on a roadmap tab (the end of its block's section, or a new
 * section) with its number. Pure: the sidebar runs the same checks for instant feedback, the server
 * runs them again before it writes.
 */
import {
  cellDate,
  DISTRICT_OWNER,
  formatIsoDate,
  parseRoadmap,
  ROADMAP_COLUMNS,
  ROADMAP_FIRST_ROW,
  ROADMAP_STATUSES,
  type RoadmapStatus,
  toIso,
} from './roadmap-sheet';
import { periodProblem, readDateInput } from './date-input';
import { parseTerm, type Period, schoolYear, type TermReading } from './terms';
import type { CellValue } from './text';

/** What the form sends: plain text, as google.script.run carries it. */
export interface ActivityForm {
  block: string;
  activity: string;
  /** Logins of the schools, and/or «район». */
  schools: string[];
  /** The roadmap's period as `yyyy-mm-dd/yyyy-mm-dd`. */
  period: string;
  term: string;
  /** yyyy-mm-dd (as the sidebar sends a complete date) or дд.мм.гггг; '' for none. */
  start: string;
  end: string;
  responsible: string;
  result: string;
  document: string;
  status: string;
  mark: string;
}

export type ActivityField = keyof ActivityForm;

/** The longest text a field takes, in characters. */
export const ACTIVITY_LIMITS: Record<Exclude<ActivityField, 'schools' | 'period' | 'start' | 'end' | 'status'>, number> = {
  block: 200,
  activity: 1000,
  term: 200,
  responsible: 300,
  result: 1000,
  document: 500,
  mark: 1000,
};

/** A date more than this many days outside the roadmap's period is taken for a typo in the year. */
export { FAR_OUTSIDE_DAYS } from './date-input';

export interface ActivityValue {
  block: string;
  activity: string;
  schools: string[];
  period: Period;
  term: string;
  start: string | null;
  end: string | null;
  responsible: string;
  result: string;
  document: string;
  status: RoadmapStatus;
  mark: string;
}

export interface ActivityCheck {
  ok: boolean;
  /** Russian messages keyed by field; any error stops the save. */
  errors: Partial<Record<ActivityField, string>>;
  /** Shown beside the field, but the save goes on. */
  warnings: Partial<Record<ActivityField, string>>;
  /** The cleaned values, when there are no errors. */
  value: ActivityValue | null;
}

export interface CheckContext {
  /** Logins of the registry; null when not known (the client before it has loaded them). */
  schools: ReadonlySet<string> | null;
  /** Editing a row: the school and the period are the row's tab's, not chosen. */
  edit?: boolean;
  /** The period of the tab the row goes to, when it is known (it wins over the form's). */
  period?: Period;
}

export const emptyActivityForm = (): ActivityForm => ({
  block: '',
  activity: '',
  schools: [],
  period: '',
  term: '',
  start: '',
  end: '',
  responsible: '',
  result: '',
  document: '',
  status: 'запланировано',
  mark: '',
});

const clean = (v: unknown): string =>
  typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : v === null || v === undefined ? '' : String(v).trim();

/** `yyyy-mm-dd/yyyy-mm-dd` → a period; null when unreadable or reversed. */
export function parsePeriodValue(value: string): Period | null {
  const m = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(clean(value));
  if (!m) return null;
  const from = cellDate(m[1] as string);
  const to = cellDate(m[2] as string);
  if (!from || !to || from > to) return null;
  return { from, to };
}

export const periodValue = (p: Period): string => `${p.from}/${p.to}`;

/** Today in Moscow (UTC+3 all year) as yyyy-mm-dd. */
export function moscowToday(now: Date): string {
  return new Date(now.getTime() + 3 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The school year under way in Moscow on `now`: from 1 September. */
export function currentSchoolYear(now: Date): Period {
  const today = moscowToday(now);
  const year = Number(today.slice(0, 4));
  return schoolYear(Number(today.slice(5, 7)) >= 9 ? year : year - 1);
}

/** Checks a form; `now` is not needed: the period comes with the form or the context. */
export function checkActivity(form: Partial<ActivityForm>, ctx: CheckContext): ActivityCheck {
  const errors: ActivityCheck['errors'] = {};
  const warnings: ActivityCheck['warnings'] = {};
  const text = {} as Record<keyof typeof ACTIVITY_LIMITS, string>;
  for (const key of Object.keys(ACTIVITY_LIMITS) as (keyof typeof ACTIVITY_LIMITS)[]) {
    const v = clean(form[key]);
    text[key] = v;
    if (v.length > ACTIVITY_LIMITS[key]) errors[key] = `Не длиннее ${ACTIVITY_LIMITS[key]} знаков (сейчас ${v.length}).`;
  }
  if (!text.block) errors.block = 'Укажите блок (направление).';
  if (!text.activity) errors.activity = 'Укажите мероприятие.';

  const status = clean(form.status).toLowerCase();
  if (!status) errors.status = 'Выберите статус.';
  else if (!(ROADMAP_STATUSES as readonly string[]).includes(status)) errors.status = `Статус — одно из: ${ROADMAP_STATUSES.join(', ')}.`;

  const schools = [
    ...new Set((Array.isArray(form.schools) ? form.schools : []).map((s) => clean(s).toLowerCase()).filter((s) => s !== '')),
  ];
  if (!ctx.edit) {
    if (schools.length === 0) errors.schools = `Выберите хотя бы одну школу или «${DISTRICT_OWNER}».`;
    const unknown = ctx.schools ? schools.filter((s) => s !== DISTRICT_OWNER && !ctx.schools?.has(s)) : [];
    if (unknown.length > 0) errors.schools = `Нет в реестре «Школы»: ${unknown.join(', ')}.`;
  }

  const period = ctx.period ?? parsePeriodValue(clean(form.period));
  if (!period) errors.period = 'Выберите период дорожной карты.';

  const dates: Record<'start' | 'end', string | null> = { start: null, end: null };
  for (const key of ['start', 'end'] as const) {
    const raw = clean(form[key]);
    const d = cellDate(raw);
    if (d === undefined) {
      // The same words as the sidebar says while the date is typed: incomplete, impossible or no date.
      const reading = readDateInput(raw);
      errors[key] = 'error' in reading ? reading.error : `Не дата: «${raw}». Введите дату как дд.мм.гггг.`;
    } else dates[key] = d;
  }
  if (!errors.start && !errors.end && dates.start === null && dates.end === null && text.term && period) {
    const reading = parseTerm(text.term, period);
    dates.start = reading.start;
    dates.end = reading.end;
    warnings.term = termMessage(reading);
  }
  if (dates.start && dates.end && dates.start > dates.end) errors.end = 'Окончание раньше начала.';
  if (period) {
    for (const key of ['start', 'end'] as const) {
      const d = dates[key];
      if (!d || errors[key]) continue;
      const problem = periodProblem(d, period.from, period.to);
      if (problem && 'error' in problem) errors[key] = problem.error;
      else if (problem) warnings[key] = problem.warning;
    }
  }

  const ok = Object.keys(errors).length === 0;
  return {
    ok,
    errors,
    warnings,
    value:
      ok && period
        ? {
            ...text,
            schools,
            period,
            start: dates.start,
            end: dates.end,
            status: status as RoadmapStatus,
          }
        : null,
  };
}

/** What the form says beside «Сроки» about the dates read from them. */
export function termMessage(reading: TermReading): string {
  return reading.start && reading.end
    ? `Даты по срокам: ${formatIsoDate(reading.start)} – ${formatIsoDate(reading.end)}.${reading.note ? ` ${reading.note}` : ''}`
    : reading.note;
}

/** The dates a term gives in a period (the form shows them as the term is typed). */
export function termDates(term: string, periodText: string): { start: string | null; end: string | null; message: string } {
  const period = parsePeriodValue(periodText);
  const t = clean(term);
  if (!period || !t) return { start: null, end: null, message: '' };
  const reading = parseTerm(t, period);
  return { start: reading.start, end: reading.end, message: termMessage(reading) };
}

/** A block heading compared without its number, case, ё and extra spaces: «2. Организационный блок» = «организационный блок». */
export function blockKey(block: string): string {
  return block
    .replace(/^\s*\d+(\.\d+)*[.)]?\s+/, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Placement {
  /** 0-based row of the new activity. */
  row: number;
  /** Whether rows below must move down first (the section is not at the end of the sheet). */
  insert: boolean;
  /** Whether a section heading row goes right above the activity (the block had none). */
  heading: boolean;
  /** «N.M», continuing the block's numbering. */
  number: string;
}

const NUMBER = /^(\d+)\.(\d+)$/;

/** Where a new activity of `block` goes on a roadmap tab with these values. */
export function placeActivity(values: readonly (readonly CellValue[])[], block: string): Placement {
  const parsed = parseRoadmap(values as CellValue[][]);
  let lastFilled = ROADMAP_FIRST_ROW - 1;
  values.forEach((line, r) => {
    if (r >= ROADMAP_FIRST_ROW && line.some((v) => v !== null && v !== undefined && String(v).trim() !== '')) lastFilled = r;
  });
  const key = blockKey(block);
  const index = parsed.sections.findIndex((s) => blockKey(s.block) === key);
  const numbered = (rows: typeof parsed.rows) =>
    rows
      .map((r) => NUMBER.exec(r.number))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ n: Number(m[1]), m: Number(m[2]) }));
  const next = (rows: typeof parsed.rows, fallbackN: number): string => {
    const nums = numbered(rows);
    const last = nums[nums.length - 1];
    if (!last) return `${fallbackN}.${rows.length + 1}`;
    return `${last.n}.${Math.max(...nums.filter((x) => x.n === last.n).map((x) => x.m)) + 1}`;
  };
  if (index >= 0) {
    const section = parsed.sections[index] as { sheetRow: number; block: string };
    const top = section.sheetRow - 1;
    const bottom = (parsed.sections[index + 1]?.sheetRow ?? Infinity) - 1;
    const rows = parsed.rows.filter((r) => r.sheetRow - 1 > top && r.sheetRow - 1 < bottom);
    const lastRow = Math.max(top, ...rows.map((r) => r.sheetRow - 1));
    const headingN = /^\s*(\d+)[.)]?\s/.exec(section.block)?.[1];
    const at = lastRow + 1;
    return { row: at, insert: at <= lastFilled, heading: false, number: next(rows, headingN ? Number(headingN) : index + 1) };
  }
  const loose = parsed.rows.filter((r) => blockKey(r.block) === key);
  if (loose.length > 0) {
    const at = Math.max(...loose.map((r) => r.sheetRow - 1)) + 1;
    return { row: at, insert: at <= lastFilled, heading: false, number: next(loose, 1) };
  }
  const maxN = Math.max(parsed.sections.length, 0, ...numbered(parsed.rows).map((x) => x.n));
  return { row: lastFilled + 1, insert: false, heading: true, number: `${maxN + 1}.1` };
}

/** A cell as the form compares it: dates as yyyy-mm-dd, everything else as trimmed text. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return toIso(v) ?? '';
  return String(v).trim();
}

/** A roadmap row's cells as the texts the form loaded; compared again before an edit is written. */
export function rowTexts(line: readonly CellValue[] | undefined): string[] {
  return ROADMAP_COLUMNS.map((_, i) => cellText(line?.[i]));
}
