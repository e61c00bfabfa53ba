/**
 * The ШНОР criteria as data (DOMAIN.md «Identifying ШНОР»): a threshold, the procedures that count,
 * the reference year, two rules and how they combine, and a minimum sample. Named presets below.
 */
import { matchesProcedure, parseProcedureLabel } from './procedure';
import { formatNumber, plural } from './text';

export interface Criteria {
  /** Preset id this was taken from, or `custom`. */
  preset: string;
  /** Share of «2» (or below the minimum), in percent, from which a result is low. */
  threshold: number;
  /** `≥ threshold` when true, `> threshold` when false. */
  inclusive: boolean;
  /** Procedures that count: labels, labels ending in `*`, or `*`; empty means all. */
  procedures: string[];
  /** The «previous school year»; null means the latest year in the data. */
  referenceYear: number | null;
  /** Rule 1: at least `minLow` different procedures with a low result in the reference year. */
  rule1: { enabled: boolean; minLow: number };
  /** Rule 2: a low result in each of the last `years` years (the same procedure in all of them, if asked). */
  rule2: { enabled: boolean; years: number; sameProcedure: boolean };
  /** How the enabled rules combine. */
  combine: 'OR' | 'AND';
  /** Results with fewer participants are a «малая выборка» and do not count (0: no minimum). */
  minParticipants: number;
}

export interface Preset {
  id: string;
  name: string;
  source: string;
  criteria: Criteria;
}

const NOVOKUZNETSK_PROCEDURES = ['ВПР МА 5', 'ВПР МА 6', 'ВПР РУ 5', 'ВПР РУ 6', 'ОГЭ МА', 'ОГЭ РУ', 'ЕГЭ МА*', 'ЕГЭ РУ'];

export const PRESETS: readonly Preset[] = [
  {
    id: 'novokuznetsk-2020',
    name: 'Новокузнецк, 2020',
    source:
      'Муниципальная программа поддержки школ с низкими образовательными результатами, Новокузнецк, 2020; процедуры — ВПР по математике и русскому языку в 5 и 6 классах, ОГЭ и ЕГЭ.',
    criteria: {
      preset: 'novokuznetsk-2020',
      threshold: 30,
      inclusive: true,
      procedures: NOVOKUZNETSK_PROCEDURES,
      referenceYear: null,
      rule1: { enabled: true, minLow: 2 },
      rule2: { enabled: true, years: 2, sameProcedure: false },
      combine: 'OR',
      minParticipants: 0,
    },
  },
  {
    id: 'rosobrnadzor-2025-or',
    name: 'Рособрнадзор, 2025 (условия через «или»)',
    source:
      'Индикатор риска Рособрнадзора для федерального контроля качества образования, 2025; «а также» между его условиями прочитано как «или»: школа попадает в список, если выполнено любое из двух условий.',
    criteria: {
      preset: 'rosobrnadzor-2025-or',
      threshold: 30,
      inclusive: true,
      procedures: [],
      referenceYear: null,
      rule1: { enabled: true, minLow: 2 },
      rule2: { enabled: true, years: 2, sameProcedure: true },
      combine: 'OR',
      minParticipants: 0,
    },
  },
  {
    id: 'rosobrnadzor-2025-and',
    name: 'Рособрнадзор, 2025 (условия через «и»)',
    source:
      'Индикатор риска Рособрнадзора для федерального контроля качества образования, 2025; «а также» между его условиями прочитано как «и»: школа попадает в список, только если выполнены оба условия.',
    criteria: {
      preset: 'rosobrnadzor-2025-and',
      threshold: 30,
      inclusive: true,
      procedures: [],
      referenceYear: null,
      rule1: { enabled: true, minLow: 2 },
      rule2: { enabled: true, years: 2, sameProcedure: true },
      combine: 'AND',
      minParticipants: 0,
    },
  },
];

export const DEFAULT_PRESET_ID = 'novokuznetsk-2020';

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

export function presetCriteria(id: string): Criteria {
  const p = findPreset(id);
  if (!p) throw new CriteriaError([`Нет набора критериев «${id}». Есть: ${PRESETS.map((x) => x.id).join(', ')}.`]);
  return copyCriteria(p.criteria);
}

export function copyCriteria(c: Criteria): Criteria {
  return { ...c, procedures: [...c.procedures], rule1: { ...c.rule1 }, rule2: { ...c.rule2 } };
}

export class CriteriaError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join(' '));
  }
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** A problem with one parameter: `field` names it as the settings do (`threshold`, `rule1.minLow`, …). */
export interface CriteriaIssue {
  field: string;
  message: string;
}

/** Every problem with the criteria, keyed by parameter; empty when they can be applied. */
export function criteriaIssues(c: Criteria): CriteriaIssue[] {
  const out: CriteriaIssue[] = [];
  const add = (field: string, message: string) => out.push({ field, message });
  if (typeof c.threshold !== 'number' || !Number.isFinite(c.threshold) || c.threshold <= 0 || c.threshold > 100) {
    add('threshold', 'Порог должен быть числом больше 0 и не больше 100 (процент участников с «2»).');
  }
  if (typeof c.inclusive !== 'boolean') add('inclusive', 'Включительность порога должна быть «да» или «нет».');
  if (!Array.isArray(c.procedures)) add('procedures', 'Список процедур задан неверно.');
  else {
    for (const p of c.procedures) {
      const label = p.endsWith('*') ? p.slice(0, -1).trim() : p;
      if (p === '*' || label === '') continue;
      if (/^(ВПР|ОГЭ|ЕГЭ)$/.test(label)) continue;
      if (!parseProcedureLabel(label)) add('procedures', `Процедура «${p}» не распознана (пример: «ВПР МА 5», «ОГЭ РУ», «ЕГЭ МА*»).`);
    }
  }
  if (c.referenceYear !== null && (!isInt(c.referenceYear) || c.referenceYear < 2000 || c.referenceYear > 2100)) {
    add('referenceYear', 'Год отсчёта должен быть четырёхзначным годом или пустым (тогда берётся последний год в данных).');
  }
  if (!c.rule1?.enabled && !c.rule2?.enabled) add('rules', 'Включите хотя бы одно правило.');
  if (c.rule1?.enabled && (!isInt(c.rule1.minLow) || c.rule1.minLow < 1 || c.rule1.minLow > 50)) {
    add('rule1.minLow', 'Правило 1: число процедур с низкими результатами должно быть целым от 1 до 50.');
  }
  if (c.rule2?.enabled && (!isInt(c.rule2.years) || c.rule2.years < 1 || c.rule2.years > 10)) {
    add('rule2.years', 'Правило 2: число лет подряд должно быть целым от 1 до 10.');
  }
  if (c.combine !== 'OR' && c.combine !== 'AND') add('combine', 'Правила объединяются через «или» либо «и».');
  if (!isInt(c.minParticipants) || c.minParticipants < 0)
    add('minParticipants', 'Минимальное число участников должно быть целым и не меньше 0.');
  return out;
}

/** Every problem with the criteria, in Russian; empty when they can be applied. */
export function validateCriteria(c: Criteria): string[] {
  return criteriaIssues(c).map((i) => i.message);
}

export function assertValidCriteria(c: Criteria): Criteria {
  const problems = validateCriteria(c);
  if (problems.length > 0) throw new CriteriaError(problems);
  return c;
}

export function countsProcedure(c: Criteria, label: string): boolean {
  return matchesProcedure(label, c.procedures);
}

export function isLow(c: Criteria, fail: number): boolean {
  return c.inclusive ? fail >= c.threshold : fail > c.threshold;
}

/**
 * When a result is low, in the one wording every text uses (the check, the справка, the settings panel
 * and tab, the comparison): «не менее 30 % участников получили «2» (ВПР, ОГЭ) или не преодолели
 * минимальный порог (ЕГЭ)» — ФИС ОКО gives ОГЭ as marks, ЕГЭ as scores against the minimum.
 */
export function lowResultText(c: Pick<Criteria, 'inclusive' | 'threshold'>): string {
  return `${c.inclusive ? 'не менее' : 'более'} ${formatNumber(c.threshold)} % участников получили «2» (ВПР, ОГЭ) или не преодолели минимальный порог (ЕГЭ)`;
}

/**
 * Rule 1 and rule 2 in the one wording every text uses; `year` and `years` name the years when known
 * (the справка), otherwise the rule is said in general terms (the settings, a preset).
 */
export function ruleText(c: Criteria, rule: 'rule1' | 'rule2', when: { year?: number | null; years?: number[] } = {}): string {
  if (rule === 'rule1') {
    const n = c.rule1.minLow;
    return `низкие результаты не менее чем по ${n} ${plural(n, ['процедуре', 'процедурам', 'процедурам'])} в году отсчёта${when.year ? ` (${when.year})` : ''}`;
  }
  const which = c.rule2.sameProcedure ? 'по одной и той же процедуре' : 'хотя бы по одной процедуре';
  const years = when.years && when.years.length > 0 ? ` (${when.years.join(', ')})` : '';
  return `низкий результат ${which} в каждом из ${c.rule2.years} последних лет${years}`;
}

/** The criteria in one Russian paragraph, for «ШНОР: итоги», the settings tab and panel and the comparison. */
export function describeCriteria(c: Criteria): string {
  const preset = findPreset(c.preset);
  // «ЕГЭ МА*» is how the settings write every level of a procedure; people read «ЕГЭ МА (все варианты)».
  const procs =
    c.procedures.length === 0 || c.procedures.includes('*')
      ? 'все процедуры в данных'
      : c.procedures.map((p) => (p.endsWith('*') ? `${p.slice(0, -1).trim()} (все варианты)` : p)).join(', ');
  const rules: string[] = [];
  if (c.rule1.enabled) rules.push(ruleText(c, 'rule1'));
  if (c.rule2.enabled) rules.push(ruleText(c, 'rule2'));
  const year = c.referenceYear === null ? 'последний год в данных' : `${c.referenceYear}`;
  const sample = c.minParticipants > 0 ? ` Результаты, где участников меньше ${c.minParticipants}, — малая выборка и не учитываются.` : '';
  return (
    `${preset ? `Набор «${preset.name}». ` : ''}Результат низкий, если ${lowResultText(c)}. Процедуры: ${procs}. Год отсчёта: ${year}. ` +
    `ШНОР — ${rules.join(c.combine === 'OR' ? ' или ' : ' и ')}.${sample}`
  );
}
