/**
 * The ШНОР criteria as data (DOMAIN.md «Identifying ШНОР»): a threshold, the procedures that count,
 * the reference year, two rules and how they combine, and a minimum sample. Named presets below.
 */
import { matchesProcedure, parseProcedureLabel } from './procedure';
import { formatNumber } from './text';

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
      'Муниципальная программа поддержки школ с низкими результатами, Новокузнецк, 2020: не менее 30 % участников получили «2» (ВПР) или не преодолели минимальный порог (ОГЭ, ЕГЭ); ШНОР — низкие результаты не менее чем по двум процедурам в предыдущем году или хотя бы по одной процедуре в каждом из двух предыдущих лет.',
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
      'Индикатор риска Рособрнадзора, 2025: не менее 30 % участников, не преодолевших минимальный порог, по двум и более оценочным процедурам в текущем году, а также по одной и той же оценочной процедуре в двух последних годах; «а также» прочитано как «или».',
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
      'Индикатор риска Рособрнадзора, 2025, в прочтении «а также» как «и»: школа попадает в список, только если выполнены оба условия.',
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

/** The criteria in one Russian paragraph, for the справка and the settings tab. */
export function describeCriteria(c: Criteria): string {
  const preset = findPreset(c.preset);
  const sign = c.inclusive ? 'не менее' : 'более';
  // «ЕГЭ МА*» is how the settings write every level of a procedure; people read «ЕГЭ МА (все варианты)».
  const procs =
    c.procedures.length === 0 || c.procedures.includes('*')
      ? 'все процедуры в данных'
      : c.procedures.map((p) => (p.endsWith('*') ? `${p.slice(0, -1).trim()} (все варианты)` : p)).join(', ');
  const rules: string[] = [];
  if (c.rule1.enabled) rules.push(`низкие результаты не менее чем по ${c.rule1.minLow} процедурам в году отсчёта`);
  if (c.rule2.enabled) {
    rules.push(
      c.rule2.sameProcedure
        ? `низкий результат по одной и той же процедуре в каждом из ${c.rule2.years} последних лет`
        : `низкий результат хотя бы по одной процедуре в каждом из ${c.rule2.years} последних лет`,
    );
  }
  const year = c.referenceYear === null ? 'последний год в данных' : `${c.referenceYear}`;
  const sample = c.minParticipants > 0 ? ` Результаты, где участников меньше ${c.minParticipants}, — малая выборка и не учитываются.` : '';
  return (
    `${preset ? `Набор «${preset.name}». ` : ''}Низкий результат — ${sign} ${formatNumber(c.threshold)} % участников с «2» ` +
    `(ВПР, ОГЭ) или ниже минимального порога (ЕГЭ). Процедуры: ${procs}. Год отсчёта: ${year}. ` +
    `ШНОР — ${rules.join(c.combine === 'OR' ? ' или ' : ' и ')}.${sample}`
  );
}
