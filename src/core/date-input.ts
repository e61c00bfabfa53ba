/**
 * A date as a person types it into a form: дд.мм.гггг (or ISO, as the sidebar sends it). One reading for
 * the sidebar, checking as the user types, and the server, checking again on save: the messages agree.
 */

const MONTHS_IN = ['январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре'];

export const INCOMPLETE_DATE = 'Дата введена не полностью: нужны день, месяц и год.';

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Why day.month(.year) is no date, or null when it may be one; without a year February may have 29 days. */
function impossible(day: number, month: number, year?: number): string | null {
  if (month < 1 || month > 12) return 'Такой даты нет: месяц — число от 1 до 12.';
  const max = daysIn(year ?? 2024, month);
  if (day >= 1 && day <= max) return null;
  if (year === undefined) return `Такой даты нет: в ${MONTHS_IN[month - 1]} не больше ${max} дней.`;
  return `Такой даты нет: в ${MONTHS_IN[month - 1]} ${year} года ${max} ${max === 31 ? 'день' : 'дней'}.`;
}

/** The typed text as an ISO day; null when empty; otherwise the message to show beside the field. */
export function readDateInput(raw: string): { iso: string | null } | { error: string } {
  const t = raw.trim();
  if (t === '') return { iso: null };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  const full = iso ? [+iso[3]!, +iso[2]!, +iso[1]!] : ru ? [+ru[1]!, +ru[2]!, +ru[3]!] : null;
  if (full) {
    const [day, month, year] = full as [number, number, number];
    const error = impossible(day, month, year);
    if (error) return { error };
    return { iso: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
  }
  // Being typed: what is there may already be impossible («31.02», «12.13»), or it is just not finished.
  const part = /^(\d{1,2})(?:\.(\d{1,2})?(?:\.\d{0,3})?)?$/.exec(t);
  if (part) {
    const day = +part[1]!;
    // A month of one digit 0 or 1 may still become 01–12: it is judged once it cannot.
    if (part[2] !== undefined && part[2] !== '0' && part[2] !== '1') {
      const error = impossible(day, +part[2]);
      if (error) return { error };
    } else if (day > 31 || (part[1]!.length === 2 && day === 0)) return { error: 'Такой даты нет: в месяце не больше 31 дня.' };
    return { error: INCOMPLETE_DATE };
  }
  return { error: `Не дата: «${t}». Введите дату как дд.мм.гггг.` };
}

/**
 * The sidebar's mask: digits and dots only, a dot added after the day and the month as they are typed
 * («3102» → «31.02»), at most дд.мм.гггг.
 */
export function maskDateInput(text: string): string {
  const cleaned = text.replace(/[^\d.]/g, '').replace(/\.{2,}/g, '.');
  const groups = cleaned.split('.');
  if (groups.length === 1) {
    const d = groups[0]!;
    if (d.length <= 2) return d;
    if (d.length <= 4) return `${d.slice(0, 2)}.${d.slice(2)}`;
    return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 8)}`;
  }
  const [day, month = '', ...rest] = groups;
  const year = rest.join('');
  if (groups.length === 2 && month.length > 2) return `${day}.${month.slice(0, 2)}.${month.slice(2, 6)}`;
  return groups.length === 2 ? `${day}.${month}` : `${day}.${month}.${year.slice(0, 4)}`;
}

/** More than this many days outside the roadmap's period is most likely a wrong year. */
export const FAR_OUTSIDE_DAYS = 366;

const DAY = 86400000;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * A day against the roadmap's period (ISO from–to): a warning outside it, an error more than a year
 * outside; null inside.
 */
export function periodProblem(iso: string, from: string, to: string): { error: string } | { warning: string } | null {
  const outside = iso < from ? daysBetween(iso, from) : iso > to ? daysBetween(to, iso) : 0;
  const range = `${ru(from)} – ${ru(to)}`;
  if (outside > FAR_OUTSIDE_DAYS) return { error: `Дата ${ru(iso)} далеко за пределами периода дорожной карты (${range}): проверьте год.` };
  if (outside > 0) return { warning: `Дата ${ru(iso)} вне периода дорожной карты (${range}).` };
  return null;
}
