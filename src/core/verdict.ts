/**
 * Verdicts: for every school ШНОР / зона риска / норма / нет данных, the rules that fired, and every
 * low result with procedure, year, value and threshold, worded so that it can be quoted in a справка.
 */
import { assertValidCriteria, type Criteria, countsProcedure, isLow } from './criteria';
import { failWording } from './procedure';
import { type CellRef, mainYear, type Result, type School } from './results';
import { formatNumber, plural } from './text';

export type Status = 'ШНОР' | 'зона риска' | 'норма' | 'нет данных';
export const STATUSES: readonly Status[] = ['ШНОР', 'зона риска', 'норма', 'нет данных'];
export type RuleId = 'rule1' | 'rule2';

export interface LowResult {
  procedure: string;
  year: number;
  value: number;
  /** The cell of the share in the result sheet (0-based). */
  cell: CellRef;
  /** «ВПР РУ 6, 2019: 38 % «2» ≥ 30 %» */
  text: string;
}

export interface Verdict {
  key: string;
  login: string | null;
  name: string;
  territory: string;
  row: number;
  status: Status;
  rules: RuleId[];
  /** One sentence per rule that fired. */
  ruleTexts: string[];
  /** Low results in the years the criteria look at, latest year first. */
  low: LowResult[];
  /** Number of low results per year of the window. */
  lowByYear: Record<number, number>;
  /** Results left out as «малая выборка». */
  smallSamples: string[];
  /** Results left out because they carry an objectivity marker and the settings do not count such results. */
  excluded: string[];
  /** The rules that held, whether or not their combination made the school ШНОР. */
  fired: RuleId[];
}

export interface AssessOptions {
  /** Results not to count: `school key|procedure|year` → why (the objectivity markers of the result). */
  exclude?: ReadonlyMap<string, string>;
}

export interface Assessment {
  criteria: Criteria;
  /** The reference («previous») year; null when the data hold no year at all. */
  year: number | null;
  /** The years the rules look at, oldest first. */
  window: number[];
  verdicts: Verdict[];
  counts: Record<Status, number>;
}

export function lowText(c: Criteria, procedure: string, year: number, value: number): string {
  return lowTextWith(lowBound(c), procedure, year, value);
}

/** «≥ 30 %»: the threshold as a low result's text quotes it. */
const lowBound = (c: Criteria) => `${c.inclusive ? '≥' : '>'} ${formatNumber(c.threshold)} %`;

function lowTextWith(bound: string, procedure: string, year: number, value: number): string {
  // «38 % «2» ≥ 30 %»; ЕГЭ has no «2» in its scores: «41,3 % не преодолели минимальный порог (≥ 30 %)».
  if (procedure.startsWith('ЕГЭ')) return `${procedure}, ${year}: ${formatNumber(value)} % ${failWording(procedure)} (${bound})`;
  return `${procedure}, ${year}: ${formatNumber(value)} % ${failWording(procedure)} ${bound}`;
}

/** The year set in the criteria, else the latest year most schools have (a few schools' year does not move it). */
function referenceYear(c: Criteria, schools: readonly School[], counted: (procedure: string) => boolean): number | null {
  return c.referenceYear ?? mainYear(schools, counted);
}

export function assess(schools: readonly School[], criteria: Criteria, options: AssessOptions = {}): Assessment {
  const c = assertValidCriteria(criteria);
  // Whether a procedure counts is asked once per label, not once per result.
  const cache = new Map<string, boolean>();
  const counted = (procedure: string) => {
    let v = cache.get(procedure);
    if (v === undefined) {
      v = countsProcedure(c, procedure);
      cache.set(procedure, v);
    }
    return v;
  };
  const year = referenceYear(c, schools, counted);
  const span = Math.max(1, c.rule2.enabled ? c.rule2.years : 1);
  const window: number[] = [];
  if (year !== null) for (let y = year - span + 1; y <= year; y++) window.push(y);
  const counts: Record<Status, number> = { ШНОР: 0, 'зона риска': 0, норма: 0, 'нет данных': 0 };
  const marked = markedSchools(options.exclude);
  // What every school's verdict shares: the threshold's words, the years rule 2 looks at.
  const shared: Shared = { bound: lowBound(c), years: window.slice(-c.rule2.years) };
  const verdicts = schools.map((s) => {
    const v = judge(s, c, year, window, shared, counted, marked.has(s.key) ? options.exclude : undefined);
    counts[v.status]++;
    return v;
  });
  return { criteria: c, year, window, verdicts, counts };
}

/**
 * The school keys an exclusion may belong to: every text before a `|` of its key (`school|procedure|year`),
 * so that a school none of them names is judged without building a key per result.
 */
function markedSchools(exclude: ReadonlyMap<string, string> | undefined): Set<string> {
  const keys = new Set<string>();
  for (const k of exclude?.keys() ?? []) for (let i = k.indexOf('|'); i >= 0; i = k.indexOf('|', i + 1)) keys.add(k.slice(0, i));
  return keys;
}

interface Shared {
  bound: string;
  years: number[];
}

function judge(
  s: School,
  c: Criteria,
  year: number | null,
  window: number[],
  shared: Shared,
  counted: (procedure: string) => boolean,
  exclude?: ReadonlyMap<string, string>,
): Verdict {
  const low: LowResult[] = [];
  const smallSamples: string[] = [];
  const excluded: string[] = [];
  const lowByYear: Record<number, number> = {};
  for (const y of window) lowByYear[y] = 0;
  const first = window[0] ?? Number.POSITIVE_INFINITY;
  let heldInReference = false;
  for (const r of s.results) {
    if (r.year < first || year === null || r.year > year || r.state !== 'held' || r.fail === null) continue;
    if (!counted(r.procedure)) continue;
    const marked = exclude?.get(`${s.key}|${r.procedure}|${r.year}`);
    if (marked !== undefined) {
      excluded.push(`${r.procedure}, ${r.year}: не учитывается как результат с признаками необъективности (${marked})`);
      continue;
    }
    if (c.minParticipants > 0 && r.participants !== null && r.participants < c.minParticipants) {
      smallSamples.push(
        `${r.procedure}, ${r.year}: малая выборка (${r.participants} ${plural(r.participants, ['участник', 'участника', 'участников'])} < ${c.minParticipants})`,
      );
      continue;
    }
    if (r.year === year) heldInReference = true;
    if (isLow(c, r.fail)) {
      low.push(toLow(shared.bound, r));
      lowByYear[r.year] = (lowByYear[r.year] ?? 0) + 1;
    }
  }
  low.sort((a, b) => b.year - a.year || (a.procedure < b.procedure ? -1 : a.procedure > b.procedure ? 1 : 0));

  const rules: RuleId[] = [];
  const ruleTexts: string[] = [];
  const fired: boolean[] = [];
  const held: RuleId[] = [];
  if (c.rule1.enabled && year !== null) {
    const procs = low.length === 0 ? NONE : new Set(low.filter((l) => l.year === year).map((l) => l.procedure));
    const ok = procs.size >= c.rule1.minLow;
    fired.push(ok);
    if (ok) {
      held.push('rule1');
      rules.push('rule1');
      ruleTexts.push(
        `Правило 1: низкие результаты по ${procs.size} ${plural(procs.size, ['процедуре', 'процедурам', 'процедурам'])} в ${year} г. (нужно не менее ${c.rule1.minLow}).`,
      );
    }
  }
  if (c.rule2.enabled && year !== null) {
    const years = shared.years;
    let ok = false;
    let text = '';
    if (c.rule2.sameProcedure && low.length > 0) {
      const byProc = new Map<string, Set<number>>();
      for (const l of low) {
        const ys = byProc.get(l.procedure) ?? new Set<number>();
        ys.add(l.year);
        byProc.set(l.procedure, ys);
      }
      const same = [...byProc].filter(([, ys]) => years.every((y) => ys.has(y))).map(([p]) => p);
      ok = same.length > 0;
      if (ok) text = `Правило 2: низкий результат по ${same.join(', ')} в каждом из ${years.length} последних лет (${years.join(', ')}).`;
    } else if (!c.rule2.sameProcedure) {
      ok = years.every((y) => (lowByYear[y] ?? 0) > 0);
      if (ok) text = `Правило 2: низкие результаты в каждом из ${years.length} последних лет (${years.join(', ')}).`;
    }
    fired.push(ok);
    if (ok) {
      held.push('rule2');
      rules.push('rule2');
      ruleTexts.push(text);
    }
  }
  const isShnor = fired.length > 0 && (c.combine === 'OR' ? fired.some(Boolean) : fired.every(Boolean));
  const status: Status = isShnor ? 'ШНОР' : low.length > 0 ? 'зона риска' : heldInReference ? 'норма' : 'нет данных';
  return {
    key: s.key,
    login: s.login,
    name: s.name,
    territory: s.territory,
    row: s.row,
    status,
    rules: isShnor ? rules : [],
    ruleTexts: isShnor ? ruleTexts : ruleTexts.map((t) => `${t} Но условия объединены через «и», и не все выполнены.`),
    low,
    lowByYear,
    smallSamples,
    excluded,
    fired: held,
  };
}

/** No procedure: rule 1's count for a school without a low result. */
const NONE: ReadonlySet<string> = new Set();

function toLow(bound: string, r: Result): LowResult {
  const value = r.fail as number;
  return {
    procedure: r.procedure,
    year: r.year,
    value,
    cell: { row: r.row, col: r.col },
    text: lowTextWith(bound, r.procedure, r.year, value),
  };
}

/** «ШНОР: 6 из 17 ОО (35 %), зона риска: 4» */
export function summaryLine(a: Assessment): string {
  const total = a.verdicts.length;
  const share = total === 0 ? 0 : (a.counts.ШНОР / total) * 100;
  const parts = [`ШНОР: ${a.counts.ШНОР} из ${total} ОО (${formatNumber(share, 0)} %)`, `зона риска: ${a.counts['зона риска']}`];
  if (a.counts['нет данных'] > 0) parts.push(`нет данных: ${a.counts['нет данных']}`);
  return parts.join(', ');
}

/** All reasons of a verdict in words: the rules that fired, then every low result. */
export function reasonsText(v: Verdict): string[] {
  return [...v.ruleTexts, ...v.low.map((l) => l.text), ...v.smallSamples, ...(v.excluded ?? [])];
}
