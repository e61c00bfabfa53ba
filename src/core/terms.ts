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
