/**
 * Why a school is low and whether its marks are honest, from the per-pupil «Индивидуальные результаты»
 * (Ф1) summaries of `pupils.ts` (DOMAIN.md «ШНСУ, resilience, objectivity»; ФИОКО's 2026 recommendations on
 * analysing ВПР):
 * - **Tasks.** Completion of every task per school, procedure and year (points ÷ (max × pupils)) beside the
 *   district's, computed from all the district's pupils. ФИОКО's thresholds: a basic («Б») task is done
 *   sufficiently from 60 %, insufficiently below 57 % (57–60 % borderline); an advanced («П», «В») one from
 *   30 %, below 28,5 %. A task is **weak** for a school when it is done insufficiently **and** at least
 *   `weakMargin` percentage points below the district (a setting).
 * - **Score peaks.** The primary-score histogram against the mark boundaries (ФИОКО's scale of the procedure
 *   and year where the pupils agree with it, else the lowest score that got each mark among the district's
 *   pupils — scales.ts; a boundary neither gives is not judged). A peak at a
 *   boundary is judged against the district's shape conditioned on the school's level: the district's ratio
 *   of pupils exactly at the boundary to pupils on the next scores of the same mark (up to three), applied
 *   to the school's own pupils on those scores. So a weak school, whose pupils sit low in every band, is
 *   compared with what the district shows at that height, not with the district's average pupil. Test:
 *   one-sided binomial tail, P(X ≥ observed) for the pupils at the boundary among the school's pupils on the
 *   boundary and the next scores, with p = the district's share; a marker when p < 0.001, at least twice the
 *   expected count and 5 pupils, and a hollow just below: on the up to three scores under the boundary at
 *   most half of what the district's shape predicts from the same anchor. The district is taken without the
 *   school itself. Sample tiers (ФИОКО): 50 participants and more informative; 20–49 limited, and the marker
 *   says so; under 20 not judged.
 * - **Journal per pupil**: «Повысили» / «Подтвердили» come from the summaries (objectivity.ts makes the
 *   markers); `journalGaps` adds the share whose ВПР mark differs from the journal by 2 or more.
 */
import { completion, type PupilSheet, type PupilSummary, type TaskLevel } from './pupils';
import { type Boundaries, NO_SCALES, resolveBoundaries, scaleFor, type ScaleTable } from './scales';
import { formatNumber } from './text';

export interface TaskSettings {
  /** A task is weak when done insufficiently and at least this many percentage points below the district. */
  weakMargin: number;
  /** Score peaks: the significance level of the binomial test. */
  peakP: number;
}

export function defaultTaskSettings(): TaskSettings {
  return { weakMargin: 10, peakP: 0.001 };
}

export function taskSettingsIssues(s: TaskSettings): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  if (!(Number.isFinite(s.weakMargin) && s.weakMargin >= 0 && s.weakMargin <= 100))
    out.push({ field: 'tasks.weakMargin', message: 'Нужно число процентных пунктов от 0 до 100.' });
  if (!(Number.isFinite(s.peakP) && s.peakP > 0 && s.peakP < 0.5))
    out.push({ field: 'tasks.peakP', message: 'Нужен уровень значимости больше 0 и меньше 0,5.' });
  return out;
}

/** ФИОКО's reading of a completion: done sufficiently, borderline, insufficiently. */
export type TaskState = 'достаточно' | 'на границе' | 'недостаточно';

/** ФИОКО's thresholds, %: [insufficient below, sufficient from]. */
export const THRESHOLDS: Record<TaskLevel, [number, number]> = { Б: [57, 60], П: [28.5, 30], В: [28.5, 30] };

export function taskState(value: number, level: TaskLevel): TaskState {
  const [low, high] = THRESHOLDS[level];
  return value < low ? 'недостаточно' : value < high ? 'на границе' : 'достаточно';
}

/** One task of one school, procedure and year. */
export interface TaskResult {
  number: string;
  label: string;
  level: TaskLevel | null;
  max: number | null;
  /** The school's completion, %; null when the file gives no maximum or nobody has a score. */
  completion: number | null;
  /** The district's (all its pupils, this school's included). */
  district: number | null;
  state: TaskState | null;
  weak: boolean;
}

export interface SchoolTasks {
  key: string;
  name: string;
  procedure: string;
  year: number;
  participants: number;
  tasks: TaskResult[];
}

/** The district's block of one procedure and year: its tasks and each school's. */
export interface TaskBlock {
  procedure: string;
  year: number;
  /** The district's completion per task (all pupils). */
  district: TaskResult[];
  participants: number;
  schools: SchoolTasks[];
  /** The mark boundaries the score peaks were judged at, and where they came from. */
  boundaries: Boundaries;
}

const blockKey = (procedure: string, year: number) => `${procedure}|${year}`;

/** Summaries grouped by procedure and year, newest year first, procedures in name order. */
export function groupSummaries(summaries: readonly PupilSummary[]): PupilSummary[][] {
  const groups = new Map<string, PupilSummary[]>();
  for (const s of summaries) {
    const k = blockKey(s.procedure, s.year);
    const g = groups.get(k);
    if (g) g.push(s);
    else groups.set(k, [s]);
  }
  return [...groups.values()].sort(
    (a, b) =>
      (b[0] as PupilSummary).year - (a[0] as PupilSummary).year ||
      ((a[0] as PupilSummary).procedure < (b[0] as PupilSummary).procedure ? -1 : 1),
  );
}

/** Tasks are matched by number across the schools of a block (files of one procedure share their tasks). */
function districtTasks(group: readonly PupilSummary[]): TaskResult[] {
  const acc = new Map<string, { label: string; level: TaskLevel | null; max: number | null; points: number; pupils: number }>();
  for (const s of group)
    for (const t of s.tasks) {
      const a = acc.get(t.number);
      if (!a) acc.set(t.number, { label: t.label, level: t.level, max: t.max, points: t.points, pupils: t.pupils });
      else {
        a.points += t.points;
        a.pupils += t.pupils;
        a.level ??= t.level;
        a.max ??= t.max;
      }
    }
  return [...acc].map(([number, a]) => {
    const c = completion(a);
    return {
      number,
      label: a.label,
      level: a.level,
      max: a.max,
      completion: c,
      district: c,
      state: c !== null && a.level ? taskState(c, a.level) : null,
      weak: false,
    };
  });
}

/** Completion of every task per school against the district, per procedure and year. */
export function taskBlocks(
  summaries: readonly PupilSummary[],
  settings: TaskSettings = defaultTaskSettings(),
  scales: ScaleTable = NO_SCALES,
): TaskBlock[] {
  return groupSummaries(summaries).map((group) => {
    const first = group[0] as PupilSummary;
    const district = districtTasks(group);
    const byNumber = new Map(district.map((t) => [t.number, t]));
    const schools = group.map((s): SchoolTasks => ({
      key: s.key,
      name: s.name,
      procedure: s.procedure,
      year: s.year,
      participants: s.participants,
      tasks: s.tasks.map((t) => {
        const d = byNumber.get(t.number) as TaskResult;
        const level = t.level ?? d.level;
        const max = t.max ?? d.max;
        const c = completion({ points: t.points, pupils: t.pupils, max });
        const state = c !== null && level ? taskState(c, level) : null;
        const weak = state === 'недостаточно' && d.district !== null && c !== null && d.district - c >= settings.weakMargin;
        return { number: t.number, label: t.label, level, max, completion: c, district: d.district, state, weak };
      }),
    }));
    return {
      procedure: first.procedure,
      year: first.year,
      district,
      participants: group.reduce((a, s) => a + s.participants, 0),
      schools,
      boundaries: blockBoundaries(group, scales),
    };
  });
}

/** A school's weak tasks in a block. */
export const weakTasks = (s: SchoolTasks) => s.tasks.filter((t) => t.weak);

// ——— Score peaks ———

/** ln Γ by Lanczos (g = 7, n = 9): enough for binomial tails of a school's pupils. */
function lnGamma(z: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const x = z - 1;
  let a = c[0] as number;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialTail(n: number, k: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lc = (i: number) => lnGamma(n + 1) - lnGamma(i + 1) - lnGamma(n - i + 1) + i * Math.log(p) + (n - i) * Math.log(1 - p);
  let sum = 0;
  for (let i = k; i <= n; i++) sum += Math.exp(lc(i));
  return Math.min(1, sum);
}

/** ФИОКО's sample tiers for a distribution. */
export type SampleTier = 'информативно' | 'ограниченно' | 'не оценивается';

export function sampleTier(participants: number): SampleTier {
  return participants >= 50 ? 'информативно' : participants >= 20 ? 'ограниченно' : 'не оценивается';
}

export interface ScorePeak {
  key: string;
  name: string;
  procedure: string;
  year: number;
  /** The mark whose lowest score it is: 3, 4 or 5. */
  mark: 3 | 4 | 5;
  boundary: number;
  participants: number;
  observed: number;
  /** Pupils at the boundary the district's shape predicts from the school's pupils on the next scores. */
  expected: number;
  /** The scores just under the boundary: [from, to], the school's pupils there and the prediction. */
  below: [number, number];
  belowObserved: number;
  belowExpected: number;
  p: number;
  tier: SampleTier;
  text: string;
}

/** The district's mark boundaries of a block: the lowest primary score that got «3», «4», «5»; null where no pupil shows it. */
export function markBoundaries(group: readonly PupilSummary[]): [number | null, number | null, number | null] {
  const out: [number | null, number | null, number | null] = [null, null, null];
  for (const s of group)
    for (let m = 1; m <= 3; m++) {
      const low = s.lowest[m];
      if (low === null || low === undefined) continue;
      const b = Math.floor(low);
      const cur = out[m - 1];
      if (cur === null || cur === undefined || b < cur) out[m - 1] = b;
    }
  return out;
}

/** All the block's pupils by primary score. */
function districtHistogram(group: readonly PupilSummary[]): number[] {
  const total: number[] = [];
  for (const s of group) s.histogram.forEach((v, i) => (total[i] = (total[i] ?? 0) + v));
  return total;
}

/** The block's boundaries: what its pupils show, against the scale of its procedure and year (scales.ts). */
export function blockBoundaries(group: readonly PupilSummary[], scales: ScaleTable = NO_SCALES): Boundaries {
  const first = group[0] as PupilSummary;
  const max = group.find((s) => s.maxScore !== null)?.maxScore ?? null;
  return resolveBoundaries(markBoundaries(group), districtHistogram(group), scaleFor(scales, first.procedure, first.year), max);
}

const at = (h: readonly number[], i: number) => h[i] ?? 0;
const sumRange = (h: readonly number[], from: number, to: number) => {
  let s = 0;
  for (let i = from; i <= to; i++) s += at(h, i);
  return s;
};
const pupilsWord = (n: number) => {
  const d = n % 10;
  const dd = n % 100;
  return d === 1 && dd !== 11 ? 'участник' : d >= 2 && d <= 4 && (dd < 12 || dd > 14) ? 'участника' : 'участников';
};
const pointsWord = (n: number) => {
  const d = n % 10;
  const dd = n % 100;
  return d === 1 && dd !== 11 ? 'балл' : d >= 2 && d <= 4 && (dd < 12 || dd > 14) ? 'балла' : 'баллов';
};

/** Every peak at a mark boundary in the district's per-pupil data (see the module's comment for the test). */
export function scorePeaks(
  summaries: readonly PupilSummary[],
  settings: TaskSettings = defaultTaskSettings(),
  scales: ScaleTable = NO_SCALES,
): ScorePeak[] {
  const out: ScorePeak[] = [];
  for (const group of groupSummaries(summaries)) {
    const bounds = blockBoundaries(group, scales).bounds;
    const total = districtHistogram(group);
    for (const s of group) {
      const tier = sampleTier(s.participants);
      if (tier === 'не оценивается') continue;
      const district = total.map((v, i) => v - at(s.histogram, i));
      for (let m = 0; m < 3; m++) {
        const b = bounds[m];
        if (b === null || b === undefined || b <= 0) continue;
        const next = bounds.slice(m + 1).find((x) => x !== null) ?? Number.POSITIVE_INFINITY;
        const prev =
          m === 0
            ? 0
            : (bounds
                .slice(0, m)
                .reverse()
                .find((x) => x !== null) ?? 0);
        const upTo = Math.min(b + 3, next - 1, Math.max(total.length, s.histogram.length) - 1);
        const from = Math.max(prev, b - 3);
        if (upTo <= b || from >= b) continue;
        const dAt = at(district, b);
        const dAbove = sumRange(district, b + 1, upTo);
        const dBelow = sumRange(district, from, b - 1);
        if (dAbove === 0) continue;
        const observed = at(s.histogram, b);
        const above = sumRange(s.histogram, b + 1, upTo);
        const expected = (above * dAt) / dAbove;
        const q = dAt / (dAt + dAbove);
        const p = binomialTail(observed + above, observed, q);
        const belowObserved = sumRange(s.histogram, from, b - 1);
        const belowExpected = (above * dBelow) / dAbove;
        const hollow = belowObserved <= belowExpected / 2;
        if (!(p < settings.peakP && observed >= 5 && observed >= 2 * expected && hollow)) continue;
        const mark = (m + 3) as 3 | 4 | 5;
        const span = from === b - 1 ? `${from}` : `${from}–${b - 1}`;
        const text =
          `${s.procedure}, ${s.year}: ${observed} из ${s.participants} ${pupilsWord(s.participants)} набрали ровно ${b} ${pointsWord(b)} — ` +
          `минимум для «${mark}»; по району при таком уровне ожидалось бы около ${formatNumber(expected, 0)}; ` +
          `${belowObserved} ${pupilsWord(belowObserved)} с ${span} ${(b - 1) % 10 === 1 && (b - 1) % 100 !== 11 ? 'баллом' : 'баллами'}` +
          ` (ожидалось бы около ${formatNumber(belowExpected, 0)})` +
          (tier === 'ограниченно' ? `; ${s.participants} ${pupilsWord(s.participants)} — от 20 до 49, вывод ограничен` : '');
        out.push({
          key: s.key,
          name: s.name,
          procedure: s.procedure,
          year: s.year,
          mark,
          boundary: b,
          participants: s.participants,
          observed,
          expected,
          below: [from, b - 1],
          belowObserved,
          belowExpected,
          p,
          tier,
          text,
        });
      }
    }
  }
  return out;
}

// ——— Journal per pupil ———

export interface JournalGap {
  key: string;
  procedure: string;
  year: number;
  /** Pupils with both marks. */
  compared: number;
  /** Of them, whose ВПР mark differs from the journal's by 2 or more. */
  far: number;
}

/** Per school of a Ф1 sheet: the pupils whose ВПР mark and journal mark differ by 2 or more. */
export function journalGaps(sheet: PupilSheet): JournalGap[] {
  const out: JournalGap[] = sheet.schools.map((s) => ({ key: s.key, procedure: sheet.procedure, year: sheet.year, compared: 0, far: 0 }));
  for (let i = 0; i < sheet.pupils; i++) {
    const m = sheet.mark[i] as number;
    const j = sheet.journal[i] as number;
    if (m < 2 || j < 2) continue;
    const g = out[sheet.school[i] as number] as JournalGap;
    g.compared++;
    if (Math.abs(m - j) >= 2) g.far++;
  }
  return out.filter((g) => g.compared > 0);
}

/** «расходятся с журналом на 2 отметки и более: 3 из 60 (5 %)». */
export function journalGapText(g: JournalGap): string {
  return `${g.procedure}, ${g.year}: отметка ВПР расходится с журнальной на 2 и более у ${g.far} из ${g.compared} (${formatNumber((100 * g.far) / g.compared)} %)`;
}
