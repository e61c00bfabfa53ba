/**
 * Dynamics: the year-on-year change of %«2» per school and procedure. ФИОКО treats a rise of 10
 * percentage points as negative; the same fall is an improvement (the threshold is a setting).
 */
import { type Criteria, countsProcedure } from './criteria';
import type { School } from './results';
import { formatNumber } from './text';

export type Trend = 'ухудшение' | 'улучшение' | 'без существенных изменений';

export interface Change {
  procedure: string;
  before: number;
  after: number;
  /** after − before, in percentage points. */
  delta: number;
  trend: Trend;
}

export interface SchoolDynamics {
  key: string;
  year: number;
  changes: Change[];
  /** Mean change over the procedures held in both years; null when none was. */
  meanDelta: number | null;
  /** Whether the school's results improved on the year before (its mean %«2» fell). */
  improved: boolean | null;
}

export function trendOf(delta: number, threshold: number): Trend {
  if (delta >= threshold) return 'ухудшение';
  if (delta <= -threshold) return 'улучшение';
  return 'без существенных изменений';
}

/** `ВПР МА 5: +12,3 п. п.` */
export function changeText(c: Change): string {
  const sign = c.delta > 0 ? '+' : '';
  return `${c.procedure}: ${sign}${formatNumber(c.delta)} п. п. (${formatNumber(c.before)} → ${formatNumber(c.after)} %)`;
}

export function schoolDynamics(s: School, criteria: Criteria, year: number, threshold: number): SchoolDynamics {
  // The year's and the year before's %«2» by procedure (the last one read wins), in short lists: a region
  // asks this of every school, and the changes are sorted by procedure whatever order they were met in.
  const cur: Array<{ procedure: string; fail: number }> = [];
  const prev: Array<{ procedure: string; fail: number }> = [];
  for (const r of s.results) {
    if (r.state !== 'held' || r.fail === null || (r.year !== year && r.year !== year - 1) || !countsProcedure(criteria, r.procedure))
      continue;
    const list = r.year === year ? cur : prev;
    const known = list.find((x) => x.procedure === r.procedure);
    if (known) known.fail = r.fail;
    else list.push({ procedure: r.procedure, fail: r.fail });
  }
  const changes: Change[] = [];
  for (const { procedure, fail: after } of cur) {
    const before = prev.find((x) => x.procedure === procedure)?.fail;
    if (before === undefined) continue;
    const delta = Math.round((after - before) * 1000) / 1000;
    changes.push({ procedure, before, after, delta, trend: trendOf(delta, threshold) });
  }
  changes.sort((a, b) => (a.procedure < b.procedure ? -1 : a.procedure > b.procedure ? 1 : 0));
  const meanDelta = changes.length === 0 ? null : changes.reduce((sum, c) => sum + c.delta, 0) / changes.length;
  return { key: s.key, year, changes, meanDelta, improved: meanDelta === null ? null : meanDelta < 0 };
}

export interface ProcedureDynamics {
  procedure: string;
  /** District mean %«2» in the year before and in the year, over schools with both results. */
  before: number;
  after: number;
  delta: number;
  schools: number;
  worse: number;
  better: number;
}

/** Per procedure across the district: the mean change and how many schools got worse or better. */
export function districtDynamics(all: SchoolDynamics[]): ProcedureDynamics[] {
  const by = new Map<string, Change[]>();
  for (const d of all)
    for (const c of d.changes) {
      const list = by.get(c.procedure);
      if (list) list.push(c);
      else by.set(c.procedure, [c]);
    }
  return [...by]
    .map(([procedure, cs]) => {
      const before = cs.reduce((s, c) => s + c.before, 0) / cs.length;
      const after = cs.reduce((s, c) => s + c.after, 0) / cs.length;
      return {
        procedure,
        before,
        after,
        delta: after - before,
        schools: cs.length,
        worse: cs.filter((c) => c.trend === 'ухудшение').length,
        better: cs.filter((c) => c.trend === 'улучшение').length,
      };
    })
    .sort((a, b) => (a.procedure < b.procedure ? -1 : a.procedure > b.procedure ? 1 : 0));
}

/** The school's worst procedure and its %«2» over the years: what the trend in «ШНОР: итоги» draws. */
export interface WorstTrend {
  procedure: string;
  /** %«2» in each of `years` (oldest first); null where the procedure was not held or not read. */
  shares: (number | null)[];
}

/**
 * The procedure of the criteria with the highest %«2» in the latest year the school has one (up to the
 * reference year `year`), and its %«2» over `years`: where the school is weakest and which way that goes.
 * Ties: the procedure named first in alphabetical order. Null when the school has no counted result.
 */
export function worstTrend(s: School, criteria: Criteria, year: number, years: readonly number[]): WorstTrend | null {
  const byProcedure = new Map<string, Map<number, number>>();
  let latest = -Infinity;
  for (const r of s.results) {
    if (r.state !== 'held' || r.fail === null || r.year > year || !countsProcedure(criteria, r.procedure)) continue;
    const shares = byProcedure.get(r.procedure) ?? new Map<number, number>();
    shares.set(r.year, r.fail);
    byProcedure.set(r.procedure, shares);
    latest = Math.max(latest, r.year);
  }
  let worst: string | null = null;
  let worstShare = -Infinity;
  for (const [procedure, shares] of [...byProcedure].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const share = shares.get(latest);
    if (share !== undefined && share > worstShare) [worst, worstShare] = [procedure, share];
  }
  if (worst === null) return null;
  const shares = byProcedure.get(worst) as Map<number, number>;
  return { procedure: worst, shares: years.map((y) => shares.get(y) ?? null) };
}

/** «ВПР МА 5, 2023–2026: 28,1 → 35 → 42,3 %» — the trend in words, beside its picture. */
export function worstTrendText(t: WorstTrend | null, years: readonly number[]): string {
  if (!t) return '';
  const held = years.map((y, i) => [y, t.shares[i]] as const).filter((p): p is readonly [number, number] => p[1] !== null);
  if (held.length === 0) return '';
  const span = held.length === 1 ? `${held[0]![0]}` : `${held[0]![0]}–${held[held.length - 1]![0]}`;
  return `${t.procedure}, ${span}: ${held.map(([, v]) => formatNumber(v)).join(' → ')} %`;
}
