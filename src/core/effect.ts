/**
 * «Эффективность программы»: two identifications on the same data — the criteria applied with an earlier
 * and a later year as the reference — compared. Who left the ШНОР list, who stayed, who came in; for each
 * school of the earlier list the change of %«2» per procedure beside the district's change over the same
 * procedures, so that a school that merely followed a district-wide easing is not counted as progress;
 * the programme's indicators from the same numbers. A description of what happened, not proof of cause.
 *
 * The rule. For a school and a procedure held in both years: its change (after − before, п. п.) minus the
 * district's change (the mean %«2» of the schools with that procedure in both years). A school's figure
 * is its mean change minus the district's mean change over the same procedures (the mean of those
 * differences, up to rounding); it «опередила район» when that is at or below
 * −threshold (the settings' threshold of a significant change, ФИОКО's 10 п. п. by default), «отстала от
 * района» at or above +threshold, and otherwise moved «как район». Values are rounded to one decimal as
 * printed before any difference is taken, so that the printed columns add up.
 */
import { type Criteria, countsProcedure } from './criteria';
import { printed } from './report';
import type { School } from './results';
import { formatNumber } from './text';
import { type AssessOptions, assess, type Assessment, type Verdict } from './verdict';

export type Movement = 'вышла из перечня' | 'осталась в перечне' | 'вошла в перечень';

export type Progress = 'опередила район' | 'как район' | 'отстала от района' | 'нет сравнения';

export interface ProcedureChange {
  procedure: string;
  before: number;
  after: number;
  /** after − before of the printed values. */
  change: number;
  district: number;
  /** change − district. */
  relative: number;
}

export interface SchoolEffect {
  key: string;
  login: string | null;
  name: string;
  movement: Movement;
  changes: ProcedureChange[];
  /** Means over `changes` (printed); null when no procedure was held in both years. */
  change: number | null;
  district: number | null;
  relative: number | null;
  progress: Progress;
  /** Whether its own mean %«2» fell (what the programmes' indicator counts, without the district beside it). */
  improved: boolean | null;
  /** The same over ВПР only (Бежецк's indicator 4). */
  improvedVpr: boolean | null;
  aheadVpr: boolean | null;
}

export interface DistrictChange {
  procedure: string;
  before: number;
  after: number;
  change: number;
  schools: number;
}

export interface EffectIndicator {
  name: string;
  /** Percent, one decimal; null when nothing could be compared. */
  value: number | null;
  numerator: number;
  denominator: number;
  how: string;
}

export interface Effect {
  before: number;
  after: number;
  threshold: number;
  assessmentBefore: Assessment;
  assessmentAfter: Assessment;
  district: DistrictChange[];
  /** Every school of the earlier list, then those that came in. */
  schools: SchoolEffect[];
  left: Verdict[];
  stayed: Verdict[];
  entered: Verdict[];
  indicators: EffectIndicator[];
}

export const NOT_A_CAUSE =
  'Это описание, а не доказательство причины: результаты школ меняются и без мер поддержки (другие классы и учителя, другие варианты работ, общие изменения в районе), поэтому сравнение показывает, что произошло, но не доказывает, что произошло благодаря программе.';

export function progressRule(threshold: number): string {
  return (
    'Правило: для каждой процедуры, проведённой в школе в оба года, из изменения доли «2» в школе вычитается изменение средней доли «2» по району ' +
    `(по всем школам с этой процедурой в оба года); школа опередила район, если среднее этих разностей −${formatNumber(threshold)} п. п. и ниже, ` +
    `отстала — если +${formatNumber(threshold)} п. п. и выше, иначе изменилась как район. Школа, чья доля «2» снизилась вместе со всем районом, продвижением не считается.`
  );
}

const mean = (xs: number[]): number | null => (xs.length === 0 ? null : printed(xs.reduce((s, x) => s + x, 0) / xs.length));

/** %«2» of each counted procedure held in a year, by school key. */
function failsOf(schools: readonly School[], criteria: Criteria, year: number): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const s of schools) {
    const m = new Map<string, number>();
    for (const r of s.results)
      if (r.year === year && r.state === 'held' && r.fail !== null && countsProcedure(criteria, r.procedure)) m.set(r.procedure, r.fail);
    out.set(s.key, m);
  }
  return out;
}

export interface EffectOptions extends AssessOptions {
  /** The threshold of a significant change, п. п. */
  threshold: number;
  /** The two identifications when the caller has made them already (the справка has): not made again. */
  assessments?: { before: Assessment; after: Assessment };
}

export function programmeEffect(schools: readonly School[], criteria: Criteria, before: number, after: number, o: EffectOptions): Effect {
  const opts: AssessOptions = o.exclude ? { exclude: o.exclude } : {};
  const assessmentBefore = o.assessments?.before ?? assess(schools, { ...criteria, referenceYear: before }, opts);
  const assessmentAfter = o.assessments?.after ?? assess(schools, { ...criteria, referenceYear: after }, opts);
  const was = new Set(assessmentBefore.verdicts.filter((v) => v.status === 'ШНОР').map((v) => v.key));
  const is = new Set(assessmentAfter.verdicts.filter((v) => v.status === 'ШНОР').map((v) => v.key));
  const left = assessmentBefore.verdicts.filter((v) => was.has(v.key) && !is.has(v.key));
  const stayed = assessmentAfter.verdicts.filter((v) => was.has(v.key) && is.has(v.key));
  const entered = assessmentAfter.verdicts.filter((v) => !was.has(v.key) && is.has(v.key));

  const fb = failsOf(schools, criteria, before);
  const fa = failsOf(schools, criteria, after);
  const byProcedure = new Map<string, { b: number[]; a: number[] }>();
  for (const s of schools) {
    const b = fb.get(s.key) as Map<string, number>;
    const a = fa.get(s.key) as Map<string, number>;
    for (const [p, vb] of b) {
      const va = a.get(p);
      if (va === undefined) continue;
      let e = byProcedure.get(p);
      if (!e) byProcedure.set(p, (e = { b: [], a: [] }));
      e.b.push(vb);
      e.a.push(va);
    }
  }
  const district: DistrictChange[] = [...byProcedure]
    .map(([procedure, e]) => {
      const b = mean(e.b) as number;
      const a = mean(e.a) as number;
      return { procedure, before: b, after: a, change: printed(a - b), schools: e.b.length };
    })
    .sort((x, y) => (x.procedure < y.procedure ? -1 : x.procedure > y.procedure ? 1 : 0));
  const districtOf = new Map(district.map((d) => [d.procedure, d.change]));

  const effectOf = (v: Verdict, movement: Movement): SchoolEffect => {
    const b = fb.get(v.key) ?? new Map<string, number>();
    const a = fa.get(v.key) ?? new Map<string, number>();
    const changes: ProcedureChange[] = [];
    for (const [procedure, vb] of b) {
      const va = a.get(procedure);
      if (va === undefined) continue;
      const change = printed(printed(va) - printed(vb));
      const d = districtOf.get(procedure) as number;
      changes.push({ procedure, before: printed(vb), after: printed(va), change, district: d, relative: printed(change - d) });
    }
    changes.sort((x, y) => (x.procedure < y.procedure ? -1 : x.procedure > y.procedure ? 1 : 0));
    // The school's figures are means of the printed values, and its difference is taken from those means,
    // so that «school / district / difference» add up as printed.
    const change = mean(changes.map((c) => c.change));
    const districtMean = mean(changes.map((c) => c.district));
    const relative = change === null || districtMean === null ? null : printed(change - districtMean);
    const vpr = changes.filter((c) => c.procedure.startsWith('ВПР'));
    const vprChange = mean(vpr.map((c) => c.change));
    const vprDistrict = mean(vpr.map((c) => c.district));
    const vprRelative = vprChange === null || vprDistrict === null ? null : printed(vprChange - vprDistrict);
    return {
      key: v.key,
      login: v.login,
      name: v.name,
      movement,
      changes,
      change,
      district: districtMean,
      relative,
      progress:
        relative === null
          ? 'нет сравнения'
          : relative <= -o.threshold
            ? 'опередила район'
            : relative >= o.threshold
              ? 'отстала от района'
              : 'как район',
      improved: change === null ? null : change < 0,
      improvedVpr: vprChange === null ? null : vprChange < 0,
      aheadVpr: vprRelative === null ? null : vprRelative <= -o.threshold,
    };
  };
  const listed = [
    ...assessmentBefore.verdicts
      .filter((v) => was.has(v.key))
      .map((v) => effectOf(v, is.has(v.key) ? 'осталась в перечне' : 'вышла из перечня')),
    ...entered.map((v) => effectOf(v, 'вошла в перечень')),
  ];
  const earlier = listed.filter((s) => s.movement !== 'вошла в перечень');
  const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);
  const compared = earlier.filter((s) => s.improved !== null);
  const comparedVpr = earlier.filter((s) => s.improvedVpr !== null);
  const ind = (name: string, n: number, d: number, how: string): EffectIndicator => ({
    name,
    value: pct(n, d),
    numerator: n,
    denominator: d,
    how,
  });
  const indicators = [
    ind(
      `Доля ШНОР ${before} года, обучающиеся которых показали более высокие результаты в ${after} году`,
      compared.filter((s) => s.improved).length,
      compared.length,
      'средняя доля «2» по учитываемым процедурам снизилась (как считает показатель программы, без поправки на район)',
    ),
    ind(
      'То же с поправкой на район: доля ШНОР, опередивших район',
      compared.filter((s) => s.progress === 'опередила район').length,
      compared.length,
      'по правилу выше: снижение доли «2» больше, чем по району, не менее чем на порог',
    ),
    ind(
      `Доля школ, обучающиеся которых продемонстрировали более высокие результаты обучения по ВПР, среди ШНОР ${before} года`,
      comparedVpr.filter((s) => s.improvedVpr).length,
      comparedVpr.length,
      'средняя доля «2» по ВПР снизилась (показатель 4 программы Бежецкого района, посчитанный только по ШНОР)',
    ),
    ind(
      'То же по ВПР с поправкой на район',
      comparedVpr.filter((s) => s.aheadVpr).length,
      comparedVpr.length,
      'снижение доли «2» по ВПР больше, чем по району, не менее чем на порог',
    ),
    ind(
      `Доля ШНОР ${before} года, вышедших из перечня в ${after} году`,
      left.length,
      was.size,
      'по тем же критериям с годом отсчёта ' + after,
    ),
  ];
  return {
    before,
    after,
    threshold: o.threshold,
    assessmentBefore,
    assessmentAfter,
    district,
    schools: listed,
    left,
    stayed,
    entered,
    indicators,
  };
}

/** «ВПР МА 5: 35,0 → 22,0 (−13,0; район −8,0; разница −5,0)» */
export function changeLine(c: ProcedureChange): string {
  const s = (v: number) => `${v > 0 ? '+' : ''}${formatNumber(v)}`;
  return `${c.procedure}: ${formatNumber(c.before)} → ${formatNumber(c.after)} (${s(c.change)}; район ${s(c.district)}; разница ${s(c.relative)})`;
}

/** A signed value as printed: «+1,5», «−2», «0». */
export const signed = (v: number | null): string => (v === null ? '—' : `${v > 0 ? '+' : ''}${formatNumber(v)}`);
