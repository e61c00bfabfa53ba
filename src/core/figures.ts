/**
 * Which figures the product shows, built from the models it already has (core/chart describes how any figure
 * is drawn). Every value is the one the tables print: one decimal (`printed`, as the справка rounds), the
 * school's %«2» the result sheet's cell, the district's the unweighted mean over its schools
 * (objectivity.districtMeans — the same mean the markers compare with). Pure: no sheet, no renderer.
 */
import type { Figure, FigureSeries } from './chart';
import type { Counts } from './monitor';
import { districtMeans, type Mean } from './objectivity';
import type { PupilSummary } from './pupils';
import type { School } from './results';
import { markBoundaries, type SchoolTasks } from './tasks';
import { formatNumber } from './text';
import { type Assessment, STATUSES } from './verdict';

/** One decimal, as the справка and the card print a share. */
const printed = (v: number): number => Math.round(v * 10) / 10;
const maybe = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : printed(v));

/** Sizes at 96 dpi: a card's figure beside its table, a small one of the справка, a wide one across the page. */
export const SMALL = { width: 360, height: 200 } as const;
export const WIDE = { width: 620, height: 280 } as const;

/** %«2» (ВПР, ОГЭ) or «не преодолели минимальный порог» (ЕГЭ): the axis' words for a procedure. */
export function failAxis(procedure: string): string {
  return procedure.startsWith('ЕГЭ') ? 'Не преодолели минимальный порог, %' : 'Доля «2», %';
}

/** The district's means of every procedure and year, and where each school's results are: built once a run. */
export interface DistrictView {
  means: Map<string, Mean>;
  /** Unweighted mean of each mark's share over the schools that give all four, per procedure and year. */
  marks: Map<string, [number, number, number, number]>;
  years: number[];
}

export function districtView(schools: readonly School[], years: readonly number[]): DistrictView {
  const acc = new Map<string, { sum: [number, number, number, number]; n: number }>();
  for (const s of schools)
    for (const r of s.results) {
      if (r.state !== 'held' || !r.marks) continue;
      const k = `${r.procedure}|${r.year}`;
      const a = acc.get(k) ?? { sum: [0, 0, 0, 0], n: 0 };
      r.marks.forEach((m, i) => (a.sum[i] = (a.sum[i] as number) + m));
      a.n++;
      acc.set(k, a);
    }
  const marks = new Map<string, [number, number, number, number]>();
  for (const [k, a] of acc) marks.set(k, a.sum.map((x) => x / a.n) as [number, number, number, number]);
  return { means: districtMeans(schools), marks, years: [...years].sort((a, b) => a - b) };
}

/** The school's %«2» of a procedure and year, when held. */
function schoolFail(school: School, procedure: string, year: number): number | null {
  const r = school.results.find((x) => x.procedure === procedure && x.year === year && x.state === 'held');
  return r?.fail ?? null;
}

/**
 * The procedures a school's card shows the trend of: those with a held result in any year, the ones with a
 * low result in the assessment's window first (their order in the reasons), then by name.
 */
export function trendProcedures(school: School, lowProcedures: readonly string[], counted: (p: string) => boolean): string[] {
  const held = [
    ...new Set(school.results.filter((r) => r.state === 'held' && r.fail !== null && counted(r.procedure)).map((r) => r.procedure)),
  ];
  const low = [...new Set(lowProcedures)].filter((p) => held.includes(p));
  return [...low, ...held.filter((p) => !low.includes(p)).sort()];
}

/** %«2» of one procedure over the years: the school's line, the district's, the threshold. */
export function trendFigure(school: School, procedure: string, d: DistrictView, threshold: number): Figure {
  const years = d.years;
  return {
    kind: 'line',
    title: `${procedure}: ${failAxis(procedure).replace(/^Д/, 'д').replace(/^Н/, 'н')}`,
    categories: years.map(String),
    series: [
      { name: 'Школа', role: 'school', values: years.map((y) => maybe(schoolFail(school, procedure, y))) },
      { name: 'Район', role: 'district', values: years.map((y) => maybe(d.means.get(`${procedure}|${y}`)?.fail)) },
      { name: `Порог ${formatNumber(threshold)} %`, role: 'threshold', values: years.map(() => printed(threshold)) },
    ],
    axis: { title: failAxis(procedure), percent: true, min: 0 },
    size: SMALL,
  };
}

const MARK_NAMES = ['«2»', '«3»', '«4»', '«5»'];

/**
 * Marks 2/3/4/5 of one year: for each procedure where the school's result gives all four shares, a bar for
 * the school and one for the district; null when no procedure does (a wide table has only %«2»).
 */
export function marksFigure(school: School, year: number, d: DistrictView): Figure | null {
  const rows = school.results
    .filter((r) => r.year === year && r.state === 'held' && r.marks)
    .sort((a, b) => (a.procedure < b.procedure ? -1 : a.procedure > b.procedure ? 1 : 0));
  if (rows.length === 0) return null;
  const categories: string[] = [];
  const values: (number | null)[][] = [[], [], [], []];
  for (const r of rows) {
    const district = d.marks.get(`${r.procedure}|${year}`);
    categories.push(`${r.procedure}: школа`, `${r.procedure}: район`);
    for (let m = 0; m < 4; m++) values[m]?.push(maybe(r.marks?.[m]), maybe(district?.[m]));
  }
  return {
    kind: 'stacked-bar',
    title: `Отметки ${year} года: школа и район (среднее по ОО), %`,
    categories,
    series: MARK_NAMES.map((name, m): FigureSeries => ({ name: `Отметка ${name}`, role: 'part', values: values[m] ?? [] })),
    axis: { title: 'Доля участников, %', percent: true, min: 0, max: 100 },
    size: { width: SMALL.width, height: Math.max(SMALL.height, 40 + 24 * categories.length) },
  };
}

/**
 * The school's primary scores against the district's (the other schools' pupils of the same procedure and
 * year), both as shares of their pupils so that a school of 40 and a district of 2 000 compare; the mark
 * boundaries are the district's (tasks.markBoundaries). Null when the school has no pupil with a score.
 */
export function histogramFigure(summary: PupilSummary, group: readonly PupilSummary[]): Figure | null {
  const own = summary.histogram;
  const total = own.reduce((s, x) => s + x, 0);
  if (total === 0) return null;
  const district: number[] = [];
  for (const s of group) {
    if (s.key === summary.key) continue;
    s.histogram.forEach((v, i) => (district[i] = (district[i] ?? 0) + v));
  }
  const dTotal = district.reduce((s, x) => s + (x ?? 0), 0);
  const length = Math.max(own.length, district.length, summary.maxScore === null ? 0 : Math.floor(summary.maxScore) + 1);
  const scores = Array.from({ length }, (_, i) => i);
  const bounds = markBoundaries(group);
  const marks = bounds.flatMap((b, i) => (b === null ? [] : [{ at: b, label: `«${i + 3}» с ${b}` }]));
  return {
    kind: 'histogram',
    title: `${summary.procedure}, ${summary.year}: первичные баллы, % участников`,
    categories: scores.map(String),
    series: [
      { name: `Школа (${total} уч.)`, role: 'school', values: scores.map((i) => printed((100 * (own[i] ?? 0)) / total)) },
      ...(dTotal > 0
        ? [
            {
              name: `Район без школы (${dTotal} уч.)`,
              role: 'district' as const,
              values: scores.map((i) => printed((100 * (district[i] ?? 0)) / dTotal)),
            },
          ]
        : []),
    ],
    axis: { title: 'Доля участников, %', percent: true, min: 0 },
    marks,
    size: SMALL,
  };
}

/** A weak task's category carries this sign; the caption explains it. */
export const WEAK_SIGN = '*';

/** Completion of every task against the district; weak tasks marked «*». Null when no task has a completion. */
export function tasksFigure(s: SchoolTasks): Figure | null {
  const tasks = s.tasks.filter((t) => t.completion !== null);
  if (tasks.length === 0) return null;
  return {
    kind: 'column',
    title: `${s.procedure}, ${s.year}: выполнение заданий, %`,
    categories: tasks.map((t) => `${t.number}${t.weak ? WEAK_SIGN : ''}`),
    series: [
      { name: 'Школа', role: 'school', values: tasks.map((t) => maybe(t.completion)) },
      { name: 'Район', role: 'district', values: tasks.map((t) => maybe(t.district)) },
    ],
    axis: { title: 'Выполнение, %', percent: true, min: 0, max: 100 },
    size: { width: SMALL.width, height: SMALL.height },
  };
}

/** The roadmap's activities on the day: done, in progress, planned, overdue (cancelled left out). */
export function roadmapFigure(counts: Counts, label: string): Figure {
  const parts: Array<[string, number]> = [
    ['Выполнено', counts.done],
    ['В работе', counts.inProgress],
    ['Запланировано', counts.planned],
    ['Просрочено', counts.overdue],
  ];
  return {
    kind: 'stacked-bar',
    title: 'Мероприятия дорожной карты',
    categories: [label],
    series: parts.map(([name, n]): FigureSeries => ({ name, role: 'part', values: [n] })),
    axis: { title: 'Мероприятий', percent: false, min: 0 },
    size: { width: SMALL.width, height: 120 },
  };
}

// ——— The справка's figures ———

/** Schools by status: one bar that adds up to the district's schools. */
export function statusFigure(a: Assessment): Figure {
  return {
    kind: 'stacked-bar',
    title: `ОО по статусу${a.year === null ? '' : `, ${a.year}`}`,
    categories: ['ОО района'],
    series: STATUSES.map((st): FigureSeries => ({ name: st, role: 'part', values: [a.counts[st]] })),
    axis: { title: 'Число ОО', percent: false, min: 0 },
    size: { width: WIDE.width, height: 140 },
  };
}

/** The district's %«2» per procedure (mean over ОО), one column per year. Null without any value. */
export function districtTrendFigure(procedures: readonly string[], d: DistrictView): Figure | null {
  const shown = procedures.filter((p) => d.years.some((y) => (d.means.get(`${p}|${y}`)?.fail ?? null) !== null));
  if (shown.length === 0) return null;
  return {
    kind: 'column',
    title: 'Доля «2» (ЕГЭ — не преодолели минимальный порог) по району, среднее по ОО, %',
    categories: shown,
    series: d.years.map((y): FigureSeries => ({
      name: String(y),
      role: 'part',
      values: shown.map((p) => maybe(d.means.get(`${p}|${y}`)?.fail)),
    })),
    axis: { title: 'Доля, %', percent: true, min: 0 },
    size: WIDE,
  };
}

/** A ШНОР of the справка: its %«2» of the year per procedure against the district's and the threshold. Null without results. */
export function schoolYearFigure(
  school: School,
  year: number,
  d: DistrictView,
  threshold: number,
  counted: (p: string) => boolean,
): Figure | null {
  const procedures = [
    ...new Set(
      school.results
        .filter((r) => r.year === year && r.state === 'held' && r.fail !== null && counted(r.procedure))
        .map((r) => r.procedure),
    ),
  ].sort();
  if (procedures.length === 0) return null;
  return {
    kind: 'column',
    title: `${school.name}: доля «2», ${year}, %`,
    categories: procedures,
    series: [
      { name: 'Школа', role: 'school', values: procedures.map((p) => maybe(schoolFail(school, p, year))) },
      { name: 'Район', role: 'district', values: procedures.map((p) => maybe(d.means.get(`${p}|${year}`)?.fail)) },
      { name: `Порог ${formatNumber(threshold)} %`, role: 'threshold', values: procedures.map(() => printed(threshold)) },
    ],
    axis: { title: 'Доля, %', percent: true, min: 0 },
    size: SMALL,
  };
}
