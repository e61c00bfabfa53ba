/**
 * ШНСУ — школы, функционирующие в неблагоприятных социальных условиях (DOMAIN.md «ШНСУ, resilience»).
 * A social-context index per school from the registry «Школы»: six context shares and the rural and
 * small-school flags, each min–max normalised across the district, turned so that 1 is the favourable
 * end, and averaged with weights into 0–100 — higher is MORE favourable. The lowest group (a share of the
 * schools or an index value) is ШНСУ. Missing data are reported and never read as zero.
 */
import { loginKey } from './login';
import { CONTEXT_KEYS, type ContextKey, REGISTRY_COLUMNS, type RegistryEntry } from './registry';
import { formatNumber } from './text';
import type { Status } from './verdict';

export type ContextFactor = ContextKey | 'rural' | 'small';
export const CONTEXT_FACTORS: readonly ContextFactor[] = [...CONTEXT_KEYS, 'rural', 'small'];

export interface FactorInfo {
  /** How the factor is named in settings and messages. */
  label: string;
  /** The registry column it comes from. */
  column: string;
  /** `adverse`: more of it lowers well-being; `favourable`: more of it raises it. */
  direction: 'adverse' | 'favourable';
}

const header = (key: ContextFactor) => REGISTRY_COLUMNS.find((c) => c.key === key)?.header ?? key;

export const FACTOR_INFO: Record<ContextFactor, FactorInfo> = {
  lowIncome: { label: 'доля из малоимущих семей', column: header('lowIncome'), direction: 'adverse' },
  singleParent: { label: 'доля из неполных семей', column: header('singleParent'), direction: 'adverse' },
  higherEducation: { label: 'доля с родителями с высшим образованием', column: header('higherEducation'), direction: 'favourable' },
  nonNativeRussian: { label: 'доля с неродным русским языком', column: header('nonNativeRussian'), direction: 'adverse' },
  preventiveRegister: { label: 'доля на профилактическом учёте', column: header('preventiveRegister'), direction: 'adverse' },
  disabilities: { label: 'доля с ОВЗ', column: header('disabilities'), direction: 'adverse' },
  rural: { label: 'сельская местность', column: header('rural'), direction: 'adverse' },
  small: { label: 'малокомплектная школа', column: header('small'), direction: 'adverse' },
};

export interface ContextSettings {
  /** Weight of each factor, ≥ 0; 0 leaves the factor out. */
  weights: Record<ContextFactor, number>;
  /** `share`: the lowest `value` % of the schools with an index; `value`: index ≤ `value`. */
  cutoff: { mode: 'share' | 'value'; value: number };
}

/**
 * The preset «ИСБШ-район»: family income and parents' education weigh most (the two strongest social
 * predictors of results in ФИОКО's ИСБШ and in PISA's ESCS); the other shares and the two flags once.
 */
export const DEFAULT_CONTEXT_WEIGHTS: Readonly<Record<ContextFactor, number>> = {
  lowIncome: 3,
  singleParent: 1,
  higherEducation: 3,
  nonNativeRussian: 1,
  preventiveRegister: 1,
  disabilities: 1,
  rural: 1,
  small: 1,
};

export function defaultContextSettings(): ContextSettings {
  return { weights: { ...DEFAULT_CONTEXT_WEIGHTS }, cutoff: { mode: 'share', value: 25 } };
}

/** Problems with the settings, keyed by the settings field (`shnsu.weight.lowIncome`, `shnsu.cutoff`, …). */
export function contextSettingsIssues(s: ContextSettings): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  for (const f of CONTEXT_FACTORS) {
    const w = s.weights[f];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 100)
      out.push({ field: `shnsu.weight.${f}`, message: 'Вес должен быть числом от 0 до 100.' });
  }
  if (out.length === 0 && CONTEXT_FACTORS.every((f) => s.weights[f] === 0))
    out.push({ field: 'shnsu.weight.lowIncome', message: 'ШНСУ: хотя бы один вес должен быть больше 0.' });
  const v = s.cutoff.value;
  if (s.cutoff.mode === 'share' && !(Number.isFinite(v) && v > 0 && v < 100))
    out.push({ field: 'shnsu.cutoff', message: 'Для отсечения по доле нужен процент школ больше 0 и меньше 100.' });
  if (s.cutoff.mode === 'value' && !(Number.isFinite(v) && v >= 0 && v <= 100))
    out.push({ field: 'shnsu.cutoff', message: 'Для отсечения по индексу нужно значение от 0 до 100.' });
  return out;
}

/** A registry cell the index needs but does not have. */
export interface ContextGap {
  login: string;
  name: string;
  /** 1-based registry row. */
  row: number;
  column: string;
}

export interface SchoolContext {
  login: string;
  name: string;
  /** 0–100, higher is more favourable; null when data are missing. */
  index: number | null;
  /** Whether the school is in the lowest group; null without an index. */
  shnsu: boolean | null;
  /** The registry columns the index needed and found empty. */
  missing: string[];
}

export interface ContextAssessment {
  settings: ContextSettings;
  schools: SchoolContext[];
  /** By `loginKey`: look up with `loginKey(login)`. */
  byLogin: Map<string, SchoolContext>;
  gaps: ContextGap[];
  /** Factors with a positive weight that told schools apart, and those left out because all schools were equal. */
  used: ContextFactor[];
  constant: ContextFactor[];
  /** The highest index still counted as ШНСУ (null when no school is ШНСУ). */
  boundary: number | null;
  /** Schools with an index, and how many of them are ШНСУ. */
  indexed: number;
  shnsuCount: number;
}

function rawValue(s: RegistryEntry, f: ContextFactor): number | null {
  if (f === 'rural') return s.rural === null ? null : s.rural ? 1 : 0;
  if (f === 'small') return s.small === null ? null : s.small ? 1 : 0;
  return s.context[f];
}

/**
 * The index of every registry school. For each weighted factor, over the schools with complete data:
 * n = (x − min) / (max − min); the favourable part is f = n for «высшее образование» and f = 1 − n for
 * the rest (flags are 0/1 already). A factor on which all these schools are equal is left out.
 * index = 100 · Σ w·f / Σ w. ШНСУ: the lowest `cutoff.value` % of indexed schools (rounded to the nearest
 * whole school, schools tied at the boundary all included), or index ≤ `cutoff.value`.
 */
export function contextIndex(registry: readonly RegistryEntry[], settings: ContextSettings): ContextAssessment {
  const weighted = CONTEXT_FACTORS.filter((f) => settings.weights[f] > 0);
  const gaps: ContextGap[] = [];
  const schools: SchoolContext[] = registry.map((s) => {
    const missing = weighted.filter((f) => rawValue(s, f) === null).map((f) => FACTOR_INFO[f].column);
    for (const column of missing) gaps.push({ login: s.login, name: s.name, row: s.row, column });
    return { login: s.login, name: s.name, index: null, shnsu: null, missing };
  });
  const complete = registry.filter((_, i) => (schools[i] as SchoolContext).missing.length === 0);
  const used: ContextFactor[] = [];
  const constant: ContextFactor[] = [];
  const range = new Map<ContextFactor, { min: number; max: number }>();
  for (const f of weighted) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const s of complete) {
      const x = rawValue(s, f) as number;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (complete.length > 0 && max > min) {
      used.push(f);
      range.set(f, { min, max });
    } else constant.push(f);
  }
  const totalWeight = used.reduce((sum, f) => sum + settings.weights[f], 0);
  registry.forEach((s, i) => {
    const ctx = schools[i] as SchoolContext;
    if (ctx.missing.length > 0) return;
    if (totalWeight === 0) {
      ctx.index = 100;
      return;
    }
    let sum = 0;
    for (const f of used) {
      const { min, max } = range.get(f) as { min: number; max: number };
      const n = ((rawValue(s, f) as number) - min) / (max - min);
      sum += settings.weights[f] * (FACTOR_INFO[f].direction === 'favourable' ? n : 1 - n);
    }
    ctx.index = Math.round(((100 * sum) / totalWeight) * 1e6) / 1e6;
  });
  const indexed = schools.filter((s) => s.index !== null);
  let boundary: number | null = null;
  if (settings.cutoff.mode === 'value') {
    const below = indexed.filter((s) => (s.index as number) <= settings.cutoff.value).map((s) => s.index as number);
    boundary = below.length > 0 ? Math.max(...below) : null;
  } else {
    const k = Math.round((settings.cutoff.value * indexed.length) / 100);
    const sorted = indexed.map((s) => s.index as number).sort((a, b) => a - b);
    boundary = k > 0 ? (sorted[k - 1] as number) : null;
  }
  for (const s of indexed) s.shnsu = boundary !== null && (s.index as number) <= boundary;
  return {
    settings,
    schools,
    byLogin: new Map(schools.map((s) => [loginKey(s.login), s])),
    gaps,
    used,
    constant,
    boundary,
    indexed: indexed.length,
    shnsuCount: indexed.filter((s) => s.shnsu).length,
  };
}

export type ContextStatus = 'ШНОР и ШНСУ' | 'ШНСУ' | 'резильентная' | 'не ШНСУ' | 'нет данных о контексте';
export const CONTEXT_STATUSES: readonly ContextStatus[] = ['ШНОР и ШНСУ', 'ШНСУ', 'резильентная', 'не ШНСУ', 'нет данных о контексте'];
export const NO_CONTEXT: ContextStatus = 'нет данных о контексте';

/**
 * The status beside the verdict. Резильентная: ШНСУ whose results in the window hold no low result
 * (verdict «норма»: results in the reference year, none low); a ШНСУ school in the risk zone or without
 * results is plain ШНСУ.
 */
export function contextStatus(verdict: Status, ctx: SchoolContext | undefined): ContextStatus {
  if (!ctx || ctx.shnsu === null) return NO_CONTEXT;
  if (!ctx.shnsu) return 'не ШНСУ';
  if (verdict === 'ШНОР') return 'ШНОР и ШНСУ';
  if (verdict === 'норма') return 'резильентная';
  return 'ШНСУ';
}

/** «индекс 12,5 из 100» or why there is none. */
export function contextDetail(ctx: SchoolContext | undefined): string {
  if (!ctx) return 'нет в реестре «Школы»';
  if (ctx.index === null) return `нет данных: ${ctx.missing.join(', ')}`;
  return `индекс ${formatNumber(ctx.index)} из 100`;
}

/** The method in one paragraph, for the справка and the summary. */
export function describeContextMethod(a: ContextAssessment): string {
  const w = a.settings.weights;
  const parts = CONTEXT_FACTORS.filter((f) => w[f] > 0).map(
    (f) => `${FACTOR_INFO[f].label} (вес ${formatNumber(w[f])}, ${FACTOR_INFO[f].direction === 'favourable' ? 'повышает' : 'снижает'})`,
  );
  const cut =
    a.settings.cutoff.mode === 'share'
      ? `ШНСУ — ${formatNumber(a.settings.cutoff.value)} % школ с самым низким индексом`
      : `ШНСУ — школы с индексом не выше ${formatNumber(a.settings.cutoff.value)}`;
  const constant =
    a.constant.length > 0 ? ` Не различают школы района и не учтены: ${a.constant.map((f) => FACTOR_INFO[f].label).join(', ')}.` : '';
  return (
    `Индекс социального благополучия 0–100 (выше — благополучнее): каждый показатель приведён к шкале 0–1 ` +
    `между минимумом и максимумом по району, взвешенное среднее: ${parts.join('; ')}. ${cut}.${constant}`
  );
}
