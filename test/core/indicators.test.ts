import { describe, expect, it } from 'vitest';
import {
  COMPUTED_LABELS,
  computedCode,
  computeValue,
  INDICATOR_TEMPLATES,
  type Indicator,
  judgeIndicator,
} from '../../src/core/indicators';

const ind = (over: Partial<Indicator>): Indicator => ({
  name: 'x',
  unit: '%',
  direction: 'up',
  baseYear: null,
  baseValue: null,
  plans: {},
  actuals: {},
  computed: null,
  source: '',
  ...over,
});

describe('indicator status', () => {
  it.each<[string, Partial<Indicator>, Partial<ReturnType<typeof judgeIndicator>>]>([
    [
      'on the plan for the fact’s year',
      { plans: { 2024: 80 }, actuals: { 2024: 80 } },
      { status: 'достигнуто', deviation: 0, planYear: 2024 },
    ],
    ['below it', { plans: { 2024: 80 }, actuals: { 2024: 79.9 } }, { status: 'не достигнуто', deviation: -0.1 }],
    ['«не более», on target', { plans: { 2024: 15 }, actuals: { 2024: 15 }, direction: 'down' }, { status: 'достигнуто', deviation: 0 }],
    ['«не более», above', { plans: { 2024: 15 }, actuals: { 2024: 21.2 }, direction: 'down' }, { status: 'не достигнуто', deviation: 6.2 }],
    [
      'the latest earlier plan when the year has none',
      { plans: { 2021: 15 }, actuals: { 2024: 12.1 }, direction: 'down' },
      { status: 'достигнуто', plan: 15, planYear: 2021, year: 2024, deviation: -2.9 },
    ],
    [
      'the plan of the year, not a later one',
      { plans: { 2022: 60, 2023: 80, 2024: 90 }, actuals: { 2023: 85 } },
      { status: 'достигнуто', plan: 80, planYear: 2023, year: 2023 },
    ],
    ['a fact before every plan', { plans: { 2025: 80 }, actuals: { 2024: 80 } }, { status: 'план не задан', plan: null, actual: 80 }],
    ['a fact and no plan at all', { actuals: { 2024: 80 } }, { status: 'план не задан', actual: 80 }],
    ['a plan and no fact', { plans: { 2024: 80 } }, { status: 'нет данных', actual: null, year: 2024 }],
    ['a fact after the current year is not judged', { plans: { 2024: 80 }, actuals: { 2025: 90 } }, { status: 'нет данных', year: 2024 }],
  ])('%s', (_what, over, expected) => {
    expect(judgeIndicator(ind(over), 2024)).toMatchObject(expected);
  });

  it('never says «нет данных» beside a fact', () => {
    for (const plans of [{}, { 2030: 1 }, { 2020: 1 }, { 2024: 1 }] as Record<number, number>[])
      expect(judgeIndicator(ind({ plans, actuals: { 2024: 5 } }), 2024).status).not.toBe('нет данных');
  });
});

describe('templates as the seeds give them', () => {
  it('Бежецк 1: base 50 in 2021, plan 60 / 80 / 90; Бежецк 4 computed over ШНОР and ШНСУ by ВПР', () => {
    const t = INDICATOR_TEMPLATES.find((x) => x.id === 'bezhetsk-2021')!;
    expect(t.indicators[0]).toMatchObject({ baseYear: 2021, baseValue: 50, plans: { 2022: 60, 2023: 80, 2024: 90 } });
    expect(t.indicators[1]).toMatchObject({ baseValue: 0, plans: { 2022: 80, 2023: 100, 2024: 100 } });
    expect(t.indicators[3]).toMatchObject({ baseValue: 70, computed: 'supported-improved-vpr' });
    expect(t.indicators[3]!.name).toMatch(/по ВПР, среди школ с низкими результатами обучения и школ, функционирующих в неблагоприятных/);
  });

  it('Новокузнецк’s «до 15 %» holds in every year from 2021 on', () => {
    const t = INDICATOR_TEMPLATES.find((x) => x.id === 'novokuznetsk-2020')!;
    const i = { ...t.indicators[0]!, actuals: { 2026: 21.2 } };
    expect(judgeIndicator(i, 2026)).toMatchObject({ status: 'не достигнуто', plan: 15, planYear: 2021, deviation: 6.2 });
  });
});

describe('computed indicators against a hand-worked example', () => {
  const facts = {
    year: 2026,
    total: 17,
    shnor: 6,
    risk: 4,
    shnorImproved: 2,
    shnorCompared: 5,
    avgFail: 18.25,
    supportedImprovedVpr: 2,
    supportedComparedVpr: 8,
  };
  it.each([
    ['shnor-count', 6],
    ['shnor-share', 35.3],
    ['risk-count', 4],
    ['improved-share', 40],
    ['avg-fail', 18.3],
    ['supported-improved-vpr', 25],
  ] as const)('%s = %d', (code, value) => {
    expect(computeValue(code, facts)).toBe(value);
  });
  it('nothing to compute is no value, not zero', () => {
    expect(computeValue('improved-share', { ...facts, shnorCompared: 0 })).toBeNull();
    expect(computeValue('shnor-share', { ...facts, total: 0 })).toBeNull();
    expect(computeValue('avg-fail', { ...facts, avgFail: null })).toBeNull();
  });
});

describe('templates from the programmes', () => {
  it('hold the six indicators of Бежецк, the four of Конаково and the 15 % of Новокузнецк', () => {
    const t = (id: string) => INDICATOR_TEMPLATES.find((x) => x.id === id)?.indicators ?? [];
    expect(t('bezhetsk-2021')).toHaveLength(6);
    expect(t('bezhetsk-2021').map((i) => [i.baseValue, i.plans[2022], i.plans[2023], i.plans[2024]])).toEqual([
      [50, 60, 80, 90],
      [0, 80, 100, 100],
      [100, 100, 100, 100],
      [70, 80, 90, 100],
      [70, 80, 90, 100],
      [50, 60, 70, 80],
    ]);
    expect(t('konakovo-2020').map((i) => i.plans[2021])).toEqual([100, 100, 100, 100]);
    expect(t('novokuznetsk-2020')[0]).toMatchObject({ computed: 'shnor-share', direction: 'down', plans: { 2021: 15 } });
    expect(t('empty')).toEqual([]);
  });
});

describe('the «Расчёт» column', () => {
  it('shows a Russian label and reads back the label or the code of older tabs', () => {
    expect(computedCode('по книге: число ШНОР')).toBe('shnor-count');
    expect(computedCode('  ПО КНИГЕ:  доля ШНОР ')).toBe('shnor-share');
    expect(computedCode('shnor-count')).toBe('shnor-count');
    expect(computedCode('')).toBeNull();
    expect(computedCode('что-то своё')).toBeUndefined();
    expect(Object.values(COMPUTED_LABELS).every((l) => !/[a-z]/.test(l))).toBe(true);
  });
});
