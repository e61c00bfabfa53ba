/**
 * Comparing two sets of criteria on the same results: which schools each puts on the list, who differs,
 * and by which rule — so that a district sees what a new regional rule will do before adopting it.
 * Pure: verdicts of both sides, then for every school whose status differs, the rule (rule 1, rule 2 or
 * the way they combine) that makes the difference, with the reasons of both sides quoted.
 */
import { type Criteria, describeCriteria } from './criteria';
import type { School } from './results';
import { plural } from './text';
import { type AssessOptions, type Assessment, assess, reasonsText, type RuleId, type Status, STATUSES, type Verdict } from './verdict';

export interface Side {
  /** Preset id, or `settings` for the workbook's current settings. */
  id: string;
  /** How the side is named to people: «Рособрнадзор, 2025 (условия через «или»)». */
  label: string;
  criteria: Criteria;
}

export type Difference = 'только по A' | 'только по B' | 'другой статус' | '';
export type Cause = 'правило 1' | 'правило 2' | 'правила 1 и 2' | 'комбинация правил' | 'учитываемые результаты' | '';

export interface CompareRow {
  key: string;
  login: string | null;
  name: string;
  a: Verdict;
  b: Verdict;
  difference: Difference;
  cause: Cause;
  /** Why, in words, quoting the reasons of both sides; empty when the statuses agree. */
  why: string;
}

export interface Comparison {
  a: Side & { assessment: Assessment };
  b: Side & { assessment: Assessment };
  rows: CompareRow[];
  counts: { a: number; b: number; both: number; onlyA: number; onlyB: number; otherStatus: number };
}

const RULE_NAME: Record<RuleId, string> = { rule1: 'правило 1', rule2: 'правило 2' };
const ANDED = / Но условия объединены через «и», и не все выполнены\.$/;

/** The sentence a verdict gives for a rule that held (without the «и» remark). */
function heldText(v: Verdict, rule: RuleId): string {
  const prefix = rule === 'rule1' ? 'Правило 1:' : 'Правило 2:';
  return (v.ruleTexts.find((t) => t.startsWith(prefix)) ?? prefix).replace(ANDED, '').replace(/\.$/, '');
}

/** Why a rule does not hold for a verdict under criteria `c`. */
function notHeldText(v: Verdict, c: Criteria, a: Assessment, rule: RuleId): string {
  const year = a.year;
  if (year === null) {
    if (!c[rule].enabled) return `${RULE_NAME[rule]} выключено`;
    const procs = c.procedures.length === 0 ? 'все' : c.procedures.join(', ');
    return `${RULE_NAME[rule]} не выполнено: учитываемых результатов нет (учитываются процедуры: ${procs})`;
  }
  if (rule === 'rule1') {
    if (!c.rule1.enabled) return 'правило 1 выключено';
    const procs = new Set(v.low.filter((l) => l.year === year).map((l) => l.procedure));
    return `правило 1 не выполнено: низкие результаты по ${procs.size} ${plural(procs.size, ['процедуре', 'процедурам', 'процедурам'])} в ${year} г. (нужно не менее ${c.rule1.minLow})`;
  }
  if (!c.rule2.enabled) return 'правило 2 выключено';
  const years = a.window.slice(-c.rule2.years);
  const byYear = years.map((y) => {
    const ps = [...new Set(v.low.filter((l) => l.year === y).map((l) => l.procedure))];
    return `${y} — ${ps.length > 0 ? ps.join(', ') : 'нет'}`;
  });
  return c.rule2.sameProcedure
    ? `правило 2 не выполнено: нет одной и той же процедуры с низким результатом в каждом из ${years.length} последних лет (низкие: ${byYear.join('; ')})`
    : `правило 2 не выполнено: не в каждом из ${years.length} последних лет есть низкий результат (низкие: ${byYear.join('; ')})`;
}

const statusRank = (s: Status) => STATUSES.indexOf(s);
const DIFF_ORDER: Difference[] = ['только по A', 'только по B', 'другой статус', ''];

/** Explains why `on` (side named `onName`) lists the school and `off` does not. */
function explainList(
  on: Verdict,
  off: Verdict,
  offSide: Side & { assessment: Assessment },
  onName: string,
  offName: string,
): { cause: Cause; why: string } {
  const made = on.rules;
  const lost = made.filter((r) => !off.fired.includes(r));
  if (lost.length === 0) {
    // Every rule that listed the school holds on the other side too: the combination decides.
    const missing = (['rule1', 'rule2'] as RuleId[]).filter((r) => offSide.criteria[r].enabled && !off.fired.includes(r));
    const held = off.fired.map((r) => `${RULE_NAME[r]} выполнено (${heldText(off, r)})`);
    return {
      cause: 'комбинация правил',
      why:
        `Комбинация правил: в ${offName} условия объединены через «${offSide.criteria.combine === 'AND' ? 'и' : 'или'}» — ` +
        `${[...held, ...missing.map((r) => notHeldText(off, offSide.criteria, offSide.assessment, r))].join('; ')}. ` +
        `В ${onName} достаточно: ${made.map((r) => heldText(on, r)).join('; ')}.`,
    };
  }
  const cause: Cause = lost.length === 2 ? 'правила 1 и 2' : (RULE_NAME[lost[0] as RuleId] as Cause);
  const parts = lost.map(
    (r) =>
      `${RULE_NAME[r][0]?.toUpperCase()}${RULE_NAME[r].slice(1)}: в ${onName} выполнено — ${heldText(on, r).replace(/^Правило \d: /, '')}; ` +
      `в ${offName} ${notHeldText(off, offSide.criteria, offSide.assessment, r).replace(/^правило \d /, '')}.`,
  );
  return { cause, why: parts.join(' ') };
}

export function compareCriteria(schools: readonly School[], a: Side, b: Side, options: AssessOptions = {}): Comparison {
  const A = { ...a, assessment: assess(schools, a.criteria, options) };
  const B = { ...b, assessment: assess(schools, b.criteria, options) };
  const byKey = new Map(B.assessment.verdicts.map((v) => [v.key, v]));
  const rows: CompareRow[] = [];
  for (const va of A.assessment.verdicts) {
    const vb = byKey.get(va.key) as Verdict;
    const inA = va.status === 'ШНОР';
    const inB = vb.status === 'ШНОР';
    let difference: Difference = '';
    let cause: Cause = '';
    let why = '';
    if (inA && !inB) {
      difference = 'только по A';
      ({ cause, why } = explainList(va, vb, B, 'A', 'B'));
    } else if (inB && !inA) {
      difference = 'только по B';
      ({ cause, why } = explainList(vb, va, A, 'B', 'A'));
    } else if (va.status !== vb.status) {
      difference = 'другой статус';
      cause = 'учитываемые результаты';
      const lows = (v: Verdict) => (v.low.length > 0 ? v.low.map((l) => l.text).join('; ') : 'низких результатов нет');
      why = `Учитываемые результаты различаются (порог, процедуры или годы): в A — ${va.status} (${lows(va)}); в B — ${vb.status} (${lows(vb)}).`;
    }
    rows.push({ key: va.key, login: va.login, name: va.name, a: va, b: vb, difference, cause, why });
  }
  rows.sort(
    (x, y) =>
      DIFF_ORDER.indexOf(x.difference) - DIFF_ORDER.indexOf(y.difference) ||
      statusRank(x.a.status) - statusRank(y.a.status) ||
      statusRank(x.b.status) - statusRank(y.b.status),
  );
  const count = (d: Difference) => rows.filter((r) => r.difference === d).length;
  const both = rows.filter((r) => r.a.status === 'ШНОР' && r.b.status === 'ШНОР').length;
  return {
    a: A,
    b: B,
    rows,
    counts: {
      a: A.assessment.counts.ШНОР,
      b: B.assessment.counts.ШНОР,
      both,
      onlyA: count('только по A'),
      onlyB: count('только по B'),
      otherStatus: count('другой статус'),
    },
  };
}

/** «ШНОР по A: 12, по B: 5; в обоих — 5; только по A — 7; только по B — 0; статус различается ещё у 1 ОО.» */
export function comparisonSummary(c: Comparison): string {
  const k = c.counts;
  return (
    `ШНОР по A: ${k.a}, по B: ${k.b}; в обоих перечнях — ${k.both}; только по A — ${k.onlyA}; только по B — ${k.onlyB}` +
    (k.otherStatus > 0 ? `; статус (зона риска, норма) различается ещё у ${k.otherStatus} ОО.` : '.')
  );
}

/** «A: Рособрнадзор, 2025 … — Набор «…». Низкий результат — …» */
export function sideText(name: 'A' | 'B', s: Side): string {
  return `${name}: ${s.label}. ${describeCriteria(s.criteria)}`;
}

/** Rules of a verdict as the summary writes them: «правило 1, правило 2». */
export function rulesText(v: Verdict): string {
  return v.rules.map((r) => RULE_NAME[r]).join(', ');
}

export { reasonsText };
