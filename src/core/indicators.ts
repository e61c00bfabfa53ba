/**
 * Programme indicators (показатели): a unit, a base value, planned values per year and actual values.
 * Some are computed from the workbook on every refresh (marked by a code); the rest are entered by hand
 * and never overwritten. Templates come from the seed programmes.
 */
import { formatNumber } from './text';

export type Direction = 'up' | 'down';
export type IndicatorStatus = 'достигнуто' | 'не достигнуто' | 'план не задан' | 'нет данных';
export type ComputedCode =
  | 'shnor-count'
  | 'shnor-share'
  | 'risk-count'
  | 'improved-share'
  | 'supported-improved-vpr'
  | 'avg-fail'
  | 'shnsu-count'
  | 'resilient-count';

export interface Indicator {
  name: string;
  unit: string;
  /** Whether a larger value is better. */
  direction: Direction;
  baseYear: number | null;
  baseValue: number | null;
  plans: Record<number, number>;
  actuals: Record<number, number>;
  computed: ComputedCode | null;
  source: string;
}

export const COMPUTED: Record<ComputedCode, { name: string; unit: string; direction: Direction }> = {
  'shnor-count': { name: 'Число ШНОР', unit: 'ОО', direction: 'down' },
  'shnor-share': { name: 'Доля ШНОР среди всех ОО', unit: '%', direction: 'down' },
  'risk-count': { name: 'Число ОО в зоне риска', unit: 'ОО', direction: 'down' },
  'improved-share': {
    name: 'Доля ШНОР, обучающиеся которых показали более высокие результаты, чем годом раньше',
    unit: '%',
    direction: 'up',
  },
  'supported-improved-vpr': {
    name: 'Доля ШНОР и ШНСУ, у которых средняя доля «2» по ВПР ниже, чем годом раньше',
    unit: '%',
    direction: 'up',
  },
  'avg-fail': { name: 'Средняя доля «2» по учитываемым процедурам', unit: '%', direction: 'down' },
  'shnsu-count': { name: 'Число ШНСУ (по реестру «Школы»)', unit: 'ОО', direction: 'down' },
  'resilient-count': { name: 'Число резильентных школ (ШНСУ без низких результатов)', unit: 'ОО', direction: 'up' },
};

/** What the «Расчёт» column shows for each computed indicator (the code is read back too, from older tabs). */
export const COMPUTED_LABELS: Record<ComputedCode, string> = {
  'shnor-count': 'по книге: число ШНОР',
  'shnor-share': 'по книге: доля ШНОР',
  'risk-count': 'по книге: число в зоне риска',
  'improved-share': 'по книге: доля ШНОР с улучшением',
  'supported-improved-vpr': 'по книге: ШНОР и ШНСУ с улучшением ВПР',
  'avg-fail': 'по книге: средняя доля «2»',
  'shnsu-count': 'по книге: число ШНСУ',
  'resilient-count': 'по книге: число резильентных',
};

/** A «Расчёт» cell → its code: the label or the code itself; null when empty, undefined when unknown. */
export function computedCode(cell: string): ComputedCode | null | undefined {
  const t = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === '') return null;
  for (const [code, label] of Object.entries(COMPUTED_LABELS)) if (t === code || t === label.toLowerCase()) return code as ComputedCode;
  return undefined;
}

const hand = (
  name: string,
  base: number | null,
  plans: Record<number, number>,
  source: string,
  baseYear: number | null = 2021,
): Indicator => ({
  name,
  unit: '%',
  direction: 'up',
  baseYear: base === null ? null : baseYear,
  baseValue: base,
  plans,
  actuals: {},
  computed: null,
  source,
});

const computed = (
  code: ComputedCode,
  plans: Record<number, number> = {},
  source = 'Рассчитывается по книге',
  name?: string,
): Indicator => ({
  ...COMPUTED[code],
  name: name ?? COMPUTED[code].name,
  baseYear: null,
  baseValue: null,
  plans,
  actuals: {},
  computed: code,
  source,
});

const BEZHETSK = 'Программа Бежецкого района, 2021, раздел IV';
const KONAKOVO = 'Программа Конаковского района, целевые показатели на 2020–2021 учебный год';

export interface IndicatorTemplate {
  id: string;
  name: string;
  indicators: Indicator[];
}

export const INDICATOR_TEMPLATES: readonly IndicatorTemplate[] = [
  {
    id: 'computed',
    name: 'Рассчитываемые по книге',
    indicators: (Object.keys(COMPUTED) as ComputedCode[]).map((c) => computed(c)),
  },
  {
    id: 'bezhetsk-2021',
    name: 'Бежецкий район, 2021 (шесть показателей, база 2021, план 2022–2024)',
    indicators: [
      hand(
        'Доля школ с низкими результатами обучения и школ, функционирующих в неблагоприятных социальных условиях, в которых обеспечены условия равного доступа к получению качественного общего образования каждого ребенка независимо от места жительства, социального статуса и материального положения семей, в том числе с использованием дистанционных образовательных технологий, в общем количестве таких учреждений',
        50,
        { 2022: 60, 2023: 80, 2024: 90 },
        BEZHETSK,
      ),
      hand(
        'Доля педагогических работников образовательных организаций, прошедших переподготовку или повышение квалификации по актуальным вопросам повышения качества образования обучающихся в соответствии с новыми ФГОС НО и ФГОС ОО, в общей численности педагогических работников, работающих в данных образовательных учреждениях',
        0,
        { 2022: 80, 2023: 100, 2024: 100 },
        BEZHETSK,
      ),
      hand(
        'Доля обучающихся школ, функционирующих в неблагоприятных социальных условиях, успешно прошедших государственную итоговую аттестацию, в общей численности обучающихся из данных школ, прошедших государственную итоговую аттестацию',
        100,
        { 2022: 100, 2023: 100, 2024: 100 },
        BEZHETSK,
      ),
      {
        ...hand(
          'Доля школ, обучающиеся которых продемонстрировали более высокие результаты обучения по ВПР, среди школ с низкими результатами обучения и школ, функционирующих в неблагоприятных социальных условиях',
          70,
          { 2022: 80, 2023: 90, 2024: 100 },
          `${BEZHETSK}; рассчитывается по книге: ШНОР и ШНСУ (по реестру «Школы»), у которых средняя доля «2» по ВПР снизилась к прошлому году`,
        ),
        computed: 'supported-improved-vpr',
      },
      hand(
        'Доля школ, обучающиеся которых продемонстрировали более высокие результаты обучения по итогам учебного года, среди школ с низкими результатами обучения и школ, функционирующих в неблагоприятных социальных условиях',
        70,
        { 2022: 80, 2023: 90, 2024: 100 },
        BEZHETSK,
      ),
      hand(
        'Процент укомплектованности образовательных учреждений квалифицированными педагогическими кадрами',
        50,
        { 2022: 60, 2023: 70, 2024: 80 },
        BEZHETSK,
      ),
    ],
  },
  {
    id: 'konakovo-2020',
    name: 'Конаковский район, 2020–2021 (четыре целевых показателя, 100 %)',
    indicators: [
      hand(
        'Доля ШНОР, в отношении которых проведен анализ соблюдения требований к кадровому и учебно-методическому обеспечению реализации ООП',
        null,
        { 2021: 100 },
        KONAKOVO,
      ),
      hand('Доля ШНОР, в которых проведены мероприятия по диагностике профессиональных дефицитов', null, { 2021: 100 }, KONAKOVO),
      hand(
        'Доля ШНОР, в которых руководящие и педагогические работники охвачены повышением квалификации по дополнительным профессиональным программам, направленным на повышение качества образования',
        null,
        { 2021: 100 },
        KONAKOVO,
      ),
      hand(
        'Доля педагогов ШНОР, охваченных муниципальными методическими мероприятиями, направленными на повышение качества образования',
        null,
        { 2021: 100 },
        KONAKOVO,
      ),
    ],
  },
  {
    id: 'novokuznetsk-2020',
    name: 'Новокузнецк, 2020 (доля ОО с низкими результатами — до 15 %)',
    indicators: [
      computed(
        'shnor-share',
        { 2021: 15 },
        'Программа Новокузнецка, 2020: снижение доли ОО, имеющих низкие образовательные результаты, до 15 %',
        'Доля общеобразовательных организаций, имеющих низкие образовательные результаты, от общего количества ОО муниципалитета',
      ),
    ],
  },
  { id: 'empty', name: 'Пустой', indicators: [] },
];

export function findTemplate(id: string): IndicatorTemplate | undefined {
  return INDICATOR_TEMPLATES.find((t) => t.id === id);
}

export interface Judgement {
  /** The year judged: the latest year with a fact (not after the current year), else the current year. */
  year: number | null;
  actual: number | null;
  /** The plan that applies: the plan for `year`, else the latest earlier one. */
  plan: number | null;
  planYear: number | null;
  status: IndicatorStatus;
  /** Fact − plan, when both exist. */
  deviation: number | null;
}

const yearsOf = (r: Record<number, number>): number[] =>
  Object.keys(r)
    .map(Number)
    .sort((a, b) => a - b);

/**
 * The status of an indicator in `current` (the latest year of the data; null: no data). The fact judged is
 * the latest one not after `current`; it is held against the plan for its year or, when that year has no
 * plan, the latest earlier plan (a target «до 15 %» set for 2021 holds in every later year). No fact:
 * «нет данных»; a fact before every plan: «план не задан». Exactly on target is reached.
 */
export function judgeIndicator(ind: Indicator, current: number | null): Judgement {
  const facts = yearsOf(ind.actuals).filter((y) => current === null || y <= current);
  const year = facts.length > 0 ? (facts[facts.length - 1] as number) : current;
  const actual = year === null ? null : (ind.actuals[year] ?? null);
  const earlier = year === null ? [] : yearsOf(ind.plans).filter((y) => y <= year);
  const planYear = earlier.length > 0 ? (earlier[earlier.length - 1] as number) : null;
  const plan = planYear === null ? null : (ind.plans[planYear] ?? null);
  if (actual === null) return { year, actual, plan, planYear, status: 'нет данных', deviation: null };
  if (plan === null) return { year, actual, plan, planYear, status: 'план не задан', deviation: null };
  const deviation = Math.round((actual - plan) * 1000) / 1000;
  const ok = ind.direction === 'up' ? actual >= plan : actual <= plan;
  return { year, actual, plan, planYear, status: ok ? 'достигнуто' : 'не достигнуто', deviation };
}

export interface YearFacts {
  year: number;
  total: number;
  shnor: number;
  risk: number;
  /** ШНОР of the year whose mean %«2» fell against the year before, and how many could be compared. */
  shnorImproved: number;
  shnorCompared: number;
  /** ШНОР and ШНСУ whose mean ВПР %«2» fell against the year before, and how many could be compared. */
  supportedImprovedVpr?: number;
  supportedComparedVpr?: number;
  /** Mean %«2» over every counted result of the year. */
  avgFail: number | null;
  /** ШНСУ and resilient schools by the registry; only for the latest year (the registry describes the present). */
  shnsu?: number | null;
  resilient?: number | null;
}

export function computeValue(code: ComputedCode, f: YearFacts): number | null {
  const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);
  switch (code) {
    case 'shnor-count':
      return f.shnor;
    case 'shnor-share':
      return pct(f.shnor, f.total);
    case 'risk-count':
      return f.risk;
    case 'improved-share':
      return pct(f.shnorImproved, f.shnorCompared);
    case 'supported-improved-vpr':
      return pct(f.supportedImprovedVpr ?? 0, f.supportedComparedVpr ?? 0);
    case 'avg-fail':
      return f.avgFail === null ? null : Math.round(f.avgFail * 10) / 10;
    case 'shnsu-count':
      return f.shnsu ?? null;
    case 'resilient-count':
      return f.resilient ?? null;
  }
}

export function describeIndicatorValue(v: number, unit: string): string {
  return `${formatNumber(v)}${unit === '%' ? ' %' : ` ${unit}`}`;
}
