/**
 * Terms of roadmap activities are free text in the programmes: «январь 2022», «в течение года»,
 * «ежеквартально», «Сентябрь, 2020», «май, ноябрь 2020-2022г.», «по отдельному графику». This reads
 * what can be dated into start and end dates relative to the chosen period and says why when it cannot.
 */

/** A period as ISO dates, e.g. the school year 2026-09-01 … 2027-08-31. */
export interface Period {
  from: string;
  to: string;
}

export interface TermReading {
  /** ISO dates; null when the text gives none. */
  start: string | null;
  end: string | null;
  /** `dated`: months or years named; `period`: the whole period («в течение года»); `undated`: no dates. */
  kind: 'dated' | 'period' | 'undated';
  /** For people: why there are no dates, or what the dates stand for. */
  note: string;
}

const MONTHS = ['январ', 'феврал', 'март', 'апрел', 'ма', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'];
const MONTH_RE =
  /(январ[ьяе]?|феврал[ьяе]?|март[ае]?|апрел[ьяе]?|ма[йяе]|июн[ьяе]?|июл[ьяе]?|август[ае]?|сентябр[ьяе]?|октябр[ьяе]?|ноябр[ьяе]?|декабр[ьяе]?)/g;

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthStart = (y: number, m: number) => iso(y, m, 1);
const monthEnd = (y: number, m: number) => iso(y, m, lastDay(y, m));

function monthIndex(word: string): number {
  const w = word.toLowerCase();
  if (w.startsWith('ма') && !w.startsWith('март')) return 5;
  return MONTHS.findIndex((m) => m !== 'ма' && w.startsWith(m)) + 1;
}

/** The first month `m` that starts on or after `from` (the period's start), as [year, month]. */
function occurrence(m: number, after: { y: number; m: number }): { y: number; m: number } {
  return m >= after.m ? { y: after.y, m } : { y: after.y + 1, m };
}

const WHOLE = /(в течение|постоянно|ежегодно|ежемесячно|ежеквартально|весь период|всего периода)/;
const UNDATED = /(по (отдельн|график|план|договор|мере|запрос)|в соответствии|по согласованию)/;

export function parseTerm(text: string, period: Period): TermReading {
  const t = text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
  const [py, pm] = period.from.split('-').map(Number) as [number, number];
  if (t === '') return { start: null, end: null, kind: 'undated', note: 'Срок не указан.' };
  const months = [...t.matchAll(MONTH_RE)].map((m) => ({ m: monthIndex(m[0]), at: m.index ?? 0 }));
  const years = [...t.matchAll(/(?<!\d)(20\d\d)(?!\d)/g)].map((m) => ({ y: Number(m[1]), at: m.index ?? 0 }));
  if (months.length === 0 && years.length === 0) {
    if (WHOLE.test(t)) {
      const note = /ежеквартально/.test(t)
        ? 'Ежеквартально в течение периода.'
        : /ежемесячно/.test(t)
          ? 'Ежемесячно в течение периода.'
          : 'В течение всего периода.';
      return { start: period.from, end: period.to, kind: 'period', note };
    }
    const why = UNDATED.test(t) ? 'срок задан отдельным графиком или планом' : 'в тексте нет месяца или года';
    return { start: null, end: null, kind: 'undated', note: `Даты не указаны: ${why}. Укажите их вручную.` };
  }
  if (months.length === 0) {
    const ys = years.map((y) => y.y).sort((a, b) => a - b);
    return {
      start: iso(ys[0] as number, 1, 1),
      end: iso(ys[ys.length - 1] as number, 12, 31),
      kind: 'dated',
      note: `Годы: ${[...new Set(ys)].join('–')}.`,
    };
  }
  if (years.length === 0) {
    // Months without a year: placed in the period, from its start on, in the order written.
    let cursor = { y: py, m: pm };
    const placed = months.map(({ m }) => {
      const o = occurrence(m, cursor);
      cursor = o;
      return o;
    });
    const first = placed[0] as { y: number; m: number };
    const last = placed.reduce((a, b) => (b.y * 12 + b.m > a.y * 12 + a.m ? b : a), first);
    return {
      start: monthStart(first.y, first.m),
      end: monthEnd(last.y, last.m),
      kind: 'dated',
      note: 'Месяцы отнесены к выбранному периоду.',
    };
  }
  // Months with years: each month takes the next year written after it, else the last one before it.
  const yearFor = (at: number) =>
    (years.find((y) => y.at > at) ?? [...years].reverse().find((y) => y.at < at) ?? (years[0] as { y: number })).y;
  const ys = years.map((y) => y.y);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const dated = months.map(({ m, at }) => ({ y: yearFor(at), m }));
  // «май, ноябрь 2020-2022г.», «Июнь-август 2021,2022»: the months recur in every year written after them.
  const firstYearAt = Math.min(...years.map((y) => y.at));
  const range = /(20\d\d)\s*[-–—]\s*(20\d\d)/.test(t) || (years.length > 1 && months.every((m) => m.at < firstYearAt));
  let start = dated[0] as { y: number; m: number };
  let end = dated[dated.length - 1] as { y: number; m: number };
  if (range) {
    // «май, ноябрь 2020-2022г.»: those months in every year of the range.
    start = { y: minY, m: Math.min(...months.map((x) => x.m)) };
    end = { y: maxY, m: Math.max(...months.map((x) => x.m)) };
  } else {
    for (const d of dated) {
      if (d.y * 12 + d.m < start.y * 12 + start.m) start = d;
      if (d.y * 12 + d.m > end.y * 12 + end.m) end = d;
    }
    // «Декабрь-июнь 2021»: a range that runs into the year of the second month.
    if (months.length === 2 && years.length === 1 && (months[0] as { m: number }).m > (months[1] as { m: number }).m && /[-–—]/.test(t)) {
      start = { y: end.y - 1, m: (months[0] as { m: number }).m };
    }
  }
  const note = range && months.length > 0 ? 'Повторяется ежегодно в указанные месяцы.' : '';
  return { start: monthStart(start.y, start.m), end: monthEnd(end.y, end.m), kind: 'dated', note };
}

/** The school year that starts in September of `year`. */
export function schoolYear(year: number): Period {
  return { from: iso(year, 9, 1), to: iso(year + 1, 8, 31) };
}

/** What a term names: its months (1–12, in the order written), its years, and whether the months recur every year written. */
export function termShape(text: string): { months: number[]; years: number[]; recurring: boolean } {
  const t = text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
  const months = [...t.matchAll(MONTH_RE)].map((m) => ({ m: monthIndex(m[0]), at: m.index ?? 0 }));
  const years = [...t.matchAll(/(?<!\d)(20\d\d)(?!\d)/g)].map((m) => ({ y: Number(m[1]), at: m.index ?? 0 }));
  const firstYearAt = Math.min(...years.map((y) => y.at));
  // «май, ноябрь 2020-2022г.», «Июнь-август 2021,2022», «Январь 2020г. Январь 2021г. Январь 2022г.».
  const recurring =
    months.length > 0 &&
    (/(20\d\d)\s*[-–—]\s*(20\d\d)/.test(t) ||
      (years.length > 1 && months.every((m) => m.at < firstYearAt)) ||
      (new Set(years.map((y) => y.y)).size > 1 && new Set(months.map((m) => m.m)).size === 1));
  return { months: months.map((m) => m.m), years: years.map((y) => y.y), recurring };
}

/** A term of the canonical catalogue placed in a roadmap's period (see placeTerm). */
export interface PlacedTerm {
  /** What «Сроки» shows: «сентябрь 2026», «октябрь 2026, март 2027», «в течение 2026/27 учебного года». */
  text: string;
  start: string | null;
  end: string | null;
  /** Why the dates are what they are ('' when plain): a point already past, moved. */
  note: string;
}

const MONTH_NAMES = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const ymOf = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const fromYm = (n: number) => ({ y: Math.floor(n / 12), m: (n % 12) + 1 });
const ruDate = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/** «2026/27» for a school year, else «2026–2028». */
function periodWords(p: Period): string {
  const y1 = Number(p.from.slice(0, 4));
  const y2 = Number(p.to.slice(0, 4));
  if (y2 === y1 + 1 && p.from.slice(5) >= '07-01') return `${y1}/${String(y2).slice(2)} учебного года`;
  return y1 === y2 ? `${y1} года` : `${y1}–${y2} годов`;
}

/** Months [from, to] (as year*12+month-1) in words: «сентябрь 2026», «январь–май 2027», «ноябрь 2026 – январь 2027». */
function spanWords(a: number, b: number): string {
  const x = fromYm(a);
  const y = fromYm(b);
  const name = (v: { m: number }) => MONTH_NAMES[v.m - 1] as string;
  if (a === b) return `${name(x)} ${x.y}`;
  return x.y === y.y ? `${name(x)}–${name(y)} ${y.y}` : `${name(x)} ${x.y} – ${name(y)} ${y.y}`;
}

/**
 * Places a term of the canonical catalogue — months without a year («сентябрь», «октябрь, март»,
 * «январь–май»), «в течение учебного года», «ежеквартально», or a schedule («по графику ОО») — in the
 * period, as of `today`:
 * - each point (a month or a span of months, comma-separated) goes to its first time in the period, in
 *   the order of the school year (September first); «Сроки» names every point with its year; Начало is
 *   the start of the first point, Окончание the end of the last, so a row is overdue only when its last
 *   point has passed;
 * - a point already over on `today` moves to its next time within the period (a later year of a longer
 *   period), and is dropped when another point remains; when none remains the activity is due from this
 *   month to the end of the next one (never past the period), and the note says so — so no row is overdue
 *   the day the roadmap is made;
 * - «в течение …» and «ежеквартально» run from the period's start (or today) to its end; a schedule has no dates;
 * - for a period already over on `today` nothing moves.
 * Returns null for a term it does not read (one with a year, or free text): the caller reads it as printed.
 */
export function placeTerm(term: string, period: Period, day: string = period.from): PlacedTerm | null {
  const t = term.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
  // A roadmap for a period already over is a record: its terms stay where the period puts them.
  const today = day > period.to ? period.from : day;
  if (/20\d\d/.test(t)) return null;
  const from = today > period.from ? today : period.from;
  if (/^в течение (учебного )?года$|^в течение учебного года$|^в течение периода$/.test(t))
    return { text: `в течение ${periodWords(period)}`, start: from <= period.to ? from : period.to, end: period.to, note: '' };
  if (t === 'ежеквартально')
    return { text: 'ежеквартально', start: from <= period.to ? from : period.to, end: period.to, note: 'Ежеквартально в течение периода.' };
  if (/^по (график|план)/.test(t))
    return { text: term.trim(), start: null, end: null, note: 'Даты — по графику; укажите их, когда он известен.' };
  const points = t.split(',').map((p) => p.trim());
  const spans: Array<[number, number]> = [];
  for (const p of points) {
    const ms = p.split(/\s*[–—-]\s*/).map((w) => monthIndex(w));
    if (ms.length < 1 || ms.length > 2 || ms.some((m) => m <= 0) || !ms.every((m, i) => MONTHS_FULL.test(p.split(/\s*[–—-]\s*/)[i] ?? '')))
      return null;
    spans.push([ms[0] as number, ms[ms.length - 1] as number]);
  }
  const p0 = ymOf(period.from);
  const p1 = ymOf(period.to);
  const now = ymOf(today);
  // Each point's first time from the period's start; a span «ноябрь–январь» runs into the next year.
  const placed = spans.map(([a, b]) => {
    let s = p0 + ((a - 1 - (p0 % 12) + 12) % 12);
    let e = s + ((b - a + 12) % 12);
    // Past on `today`: its next time within the period.
    while (e < now && s + 12 <= p1) {
      s += 12;
      e += 12;
    }
    return { s, e, past: e < now || (e === now && today > monthEndOf(e)) };
  });
  const inPeriod = placed.filter((x) => x.s <= p1);
  const ahead = inPeriod.filter((x) => !x.past).sort((x, y) => x.s - y.s);
  // «январь, июнь 2027», «ноябрь 2026, январь, апрель, июнь 2027»: a year once for the points that share it.
  const words = (list: typeof placed) =>
    list
      .map((x, i) => {
        const e = Math.min(x.e, p1);
        const next = list[i + 1];
        const sameYear =
          next !== undefined && Math.floor(x.s / 12) === Math.floor(e / 12) && Math.floor(next.s / 12) === Math.floor(e / 12);
        return sameYear ? spanWords(x.s, e).replace(/ \d{4}$/, '') : spanWords(x.s, e);
      })
      .join(', ');
  const clampStart = (n: number) => iso(fromYm(Math.max(n, p0)).y, fromYm(Math.max(n, p0)).m, 1);
  const clampEnd = (n: number) => {
    const v = fromYm(Math.min(n, p1));
    const e = iso(v.y, v.m, lastDay(v.y, v.m));
    return e > period.to ? period.to : e;
  };
  if (ahead.length > 0) {
    const first = ahead[0] as { s: number; e: number };
    const last = ahead.reduce((a, b) => (b.e > a.e ? b : a), first);
    const dropped = inPeriod.filter((x) => x.past);
    const note =
      dropped.length > 0 ? `На дату создания (${ruDate(today)}) срок «${words(dropped)}» уже прошёл; оставлены следующие сроки.` : '';
    return { text: words(ahead), start: clampStart(first.s), end: clampEnd(last.e), note };
  }
  // Every point is over: from this month to the end of the next one, within the period.
  const s = Math.min(now, p1);
  const e = Math.min(now + 1, p1);
  const end = clampEnd(e) < today ? today : clampEnd(e);
  return {
    text: spanWords(s, e),
    start: today,
    end: end > period.to ? period.to : end,
    note: `Срок «${words(inPeriod.length > 0 ? inPeriod : placed)}» прошёл к дате создания (${ruDate(today)}): мероприятие перенесено на ${spanWords(s, e)}.`,
  };
}

const MONTHS_FULL = /^(январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь)$/;
const monthEndOf = (n: number) => {
  const v = fromYm(n);
  return iso(v.y, v.m, lastDay(v.y, v.m));
};
