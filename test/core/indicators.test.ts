import { describe, expect, it } from 'vitest';
import { computeValue, INDICATOR_TEMPLATES, type Indicator, statusOf, statusYear } from '../../src/core/indicators';

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
  it.each<[Partial<Indicator>, string, number | null]>([
    [{ plans: { 2024: 80 }, actuals: { 2024: 80 } }, 'достигнуто', 0],
    [{ plans: { 2024: 80 }, actuals: { 2024: 79.9 } }, 'не достигнуто', -0.1],
    [{ plans: { 2024: 15 }, actuals: { 2024: 15 }, direction: 'down' }, 'достигнуто', 0],
    [{ plans: { 2024: 15 }, actuals: { 2024: 21.2 }, direction: 'down' }, 'не достигнуто', 6.2],
    [{ plans: { 2024: 80 } }, 'нет данных', null],
    [{ actuals: { 2024: 80 } }, 'нет данных', null],
  ])('%j → %s', (over, status, deviation) => {
    const i = ind(over);
    expect(statusOf(i, statusYear(i, 2024))).toEqual({ status, deviation });
  });

  it('is judged for the latest planned year up to the current one', () => {
    const i = ind({ plans: { 2022: 80, 2023: 100, 2024: 100 } });
    expect(statusYear(i, 2026)).toBe(2024);
    expect(statusYear(i, 2023)).toBe(2023);
    expect(statusYear(i, 2020)).toBe(2022);
    expect(statusYear(ind({}), 2026)).toBeNull();
  });
});

describe('computed indicators against a hand-worked example', () => {
  const facts = { year: 2026, total: 17, shnor: 6, risk: 4, shnorImproved: 2, shnorCompared: 5, avgFail: 18.25 };
  it.each([
    ['shnor-count', 6],
    ['shnor-share', 35.3],
    ['risk-count', 4],
    ['improved-share', 40],
    ['avg-fail', 18.3],
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
      [0, 80, 100, 100],
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
