import { describe, expect, it } from 'vitest';
import { type Criteria, CriteriaError, describeCriteria, PRESETS, presetCriteria, validateCriteria } from '../../src/core/criteria';
import type { Result, School } from '../../src/core/results';
import { assess, reasonsText, summaryLine } from '../../src/core/verdict';

type Cell = number | '-' | '' | [number, number];
/** A school from `{ 'ВПР МА 5 2019': 38, … }`; a pair is [share, participants]. */
function school(name: string, cells: Record<string, Cell>): School {
  const results: Result[] = Object.entries(cells).map(([k, v], i) => {
    const m = /^(.*) (\d{4})$/.exec(k);
    if (!m) throw new Error(k);
    const [fail, participants] = Array.isArray(v) ? v : [v, null];
    return {
      procedure: m[1] as string,
      year: Number(m[2]),
      fail: typeof fail === 'number' ? fail : null,
      state: fail === '-' ? 'notHeld' : fail === '' ? 'blank' : 'held',
      high: null,
      participants,
      row: 2,
      col: 3 + i,
    };
  });
  return { key: name, login: null, name, territory: '', row: 2, results };
}

const novokuznetsk = presetCriteria('novokuznetsk-2020');
const rosOr = presetCriteria('rosobrnadzor-2025-or');
const rosAnd = presetCriteria('rosobrnadzor-2025-and');
const status = (c: Criteria, cells: Record<string, Cell>) => assess([school('s', cells)], c).verdicts[0];

describe('the threshold', () => {
  it.each<[string, Cell, string]>([
    ['exactly 30 % is low (inclusive)', 30, 'зона риска'],
    ['29,9 % is not', 29.9, 'норма'],
    ['30,1 % is low', 30.1, 'зона риска'],
    ['`-` is not held: no data', '-', 'нет данных'],
    ['blank: no data', '', 'нет данных'],
  ])('%s', (_, value, expected) => {
    expect(status(novokuznetsk, { 'ВПР МА 5 2019': value })?.status).toBe(expected);
  });

  it('exactly 30 % is not low when the threshold is exclusive', () => {
    expect(status({ ...novokuznetsk, inclusive: false }, { 'ВПР МА 5 2019': 30 })?.status).toBe('норма');
    expect(status({ ...novokuznetsk, inclusive: false }, { 'ВПР МА 5 2019': 30.1 })?.low[0]?.text).toBe(
      'ВПР МА 5, 2019: 30,1 % «2» > 30 %',
    );
  });
});

describe('the rules of each preset', () => {
  const cases: Array<[string, Record<string, Cell>, string, string, string]> = [
    // name, results, Новокузнецк, Рособрнадзор «или», Рособрнадзор «и»
    [
      'two low procedures in the reference year',
      { 'ВПР МА 5 2019': 35, 'ОГЭ РУ 2019': 40, 'ВПР МА 5 2018': 10 },
      'ШНОР',
      'ШНОР',
      'зона риска',
    ],
    ['one low in each of two years, different procedures', { 'ВПР МА 5 2019': 35, 'ОГЭ РУ 2018': 40 }, 'ШНОР', 'зона риска', 'зона риска'],
    ['one low in each of two years, the same procedure', { 'ВПР МА 5 2019': 35, 'ВПР МА 5 2018': 40 }, 'ШНОР', 'ШНОР', 'зона риска'],
    ['both rules', { 'ВПР МА 5 2019': 35, 'ВПР РУ 5 2019': 31, 'ВПР МА 5 2018': 40 }, 'ШНОР', 'ШНОР', 'ШНОР'],
    ['one low result only', { 'ВПР МА 5 2019': 35, 'ВПР РУ 5 2019': 3 }, 'зона риска', 'зона риска', 'зона риска'],
    ['low only in an older year', { 'ВПР МА 5 2019': 5, 'ВПР МА 5 2017': 90 }, 'норма', 'норма', 'норма'],
    [
      'low only in a procedure Новокузнецк does not count',
      { 'ВПР МА 4 2019': 35, 'ВПР РУ 7 2019': 45, 'ВПР МА 5 2019': 1 },
      'норма',
      'ШНОР',
      'зона риска',
    ],
    ['ЕГЭ МА проф counts for Новокузнецк through ЕГЭ МА*', { 'ЕГЭ МА проф 2019': 35, 'ЕГЭ РУ 2019': 30 }, 'ШНОР', 'ШНОР', 'зона риска'],
    ['a gap year: rule 2 needs consecutive years', { 'ВПР МА 5 2019': 35, 'ВПР МА 5 2017': 40 }, 'зона риска', 'зона риска', 'зона риска'],
  ];
  it.each(cases)('%s', (_, cells, a, b, c) => {
    // The reference year is the latest in the data: fix it so every case reads 2019 as «previous».
    const fix = (x: Criteria) => ({ ...x, referenceYear: 2019 });
    expect([status(fix(novokuznetsk), cells)?.status, status(fix(rosOr), cells)?.status, status(fix(rosAnd), cells)?.status]).toEqual([
      a,
      b,
      c,
    ]);
  });

  it('the reference year defaults to the latest year with counted results', () => {
    const s1 = school('a', { 'ВПР МА 5 2020': 50, 'ВПР РУ 5 2020': 50 });
    const s2 = school('b', { 'ВПР МА 5 2019': 50, 'ВПР РУ 5 2019': 50 });
    const a = assess([s1, s2], novokuznetsk);
    expect(a.year).toBe(2020);
    expect(a.window).toEqual([2019, 2020]);
    expect(a.verdicts.map((v) => v.status)).toEqual(['ШНОР', 'зона риска']);
    expect(a.verdicts[1]?.lowByYear).toEqual({ 2019: 2, 2020: 0 });
  });

  it('rule 1 with three procedures and rule 2 over three years', () => {
    const c: Criteria = {
      ...novokuznetsk,
      procedures: [],
      rule1: { enabled: true, minLow: 3 },
      rule2: { enabled: true, years: 3, sameProcedure: false },
    };
    expect(status(c, { 'ВПР МА 5 2019': 31, 'ВПР РУ 5 2019': 31 })?.status).toBe('зона риска');
    expect(status(c, { 'ВПР МА 5 2019': 31, 'ВПР РУ 5 2019': 31, 'ОГЭ МА 2019': 31 })?.rules).toEqual(['rule1']);
    expect(status(c, { 'ВПР МА 5 2019': 31, 'ВПР РУ 5 2018': 31, 'ОГЭ МА 2017': 31 })?.rules).toEqual(['rule2']);
    expect(status(c, { 'ВПР МА 5 2019': 31, 'ВПР РУ 5 2018': 31 })?.status).toBe('зона риска');
  });

  it('only one rule enabled', () => {
    const c: Criteria = { ...novokuznetsk, rule1: { enabled: false, minLow: 2 } };
    expect(status(c, { 'ВПР МА 5 2019': 31, 'ВПР РУ 5 2019': 31 })?.status).toBe('зона риска');
    expect(status(c, { 'ВПР МА 5 2019': 31, 'ВПР РУ 5 2018': 31 })?.status).toBe('ШНОР');
  });
});

describe('small samples', () => {
  const c: Criteria = { ...novokuznetsk, minParticipants: 10 };
  it('a result with fewer participants than the minimum does not count and is named', () => {
    const v = status(c, { 'ВПР МА 5 2019': [50, 9], 'ВПР РУ 5 2019': [50, 10] });
    expect(v?.status).toBe('зона риска');
    expect(v?.smallSamples).toEqual(['ВПР МА 5, 2019: малая выборка (9 участников < 10)']);
    expect(v?.low.map((l) => l.procedure)).toEqual(['ВПР РУ 5']);
  });
  it('only small samples: no data', () => {
    expect(status(c, { 'ВПР МА 5 2019': [0, 1] })?.status).toBe('нет данных');
  });
  it('an unknown number of participants counts', () => {
    expect(status(c, { 'ВПР МА 5 2019': 50, 'ВПР РУ 5 2019': 50 })?.status).toBe('ШНОР');
  });
});

describe('reasons', () => {
  it('quotes every low result and every rule', () => {
    const v = status(novokuznetsk, { 'ВПР РУ 6 2019': 38, 'ОГЭ МА 2019': 30, 'ЕГЭ МА база 2018': 41.25, 'ВПР МА 5 2019': 12 });
    expect(v?.status).toBe('ШНОР');
    expect(v?.rules).toEqual(['rule1', 'rule2']);
    expect(reasonsText(v!)).toEqual([
      'Правило 1: низкие результаты по 2 процедурам в 2019 г. (нужно не менее 2).',
      'Правило 2: низкие результаты в каждом из 2 последних лет (2018, 2019).',
      'ВПР РУ 6, 2019: 38 % «2» ≥ 30 %',
      'ОГЭ МА, 2019: 30 % «2» ≥ 30 %',
      'ЕГЭ МА база, 2018: 41,3 % не преодолели минимальный порог (≥ 30 %)',
    ]);
    expect(v?.low[0]?.cell).toEqual({ row: 2, col: 3 });
  });

  it('names the procedure when rule 2 needs the same one', () => {
    const v = status(rosOr, { 'ВПР МА 5 2019': 35, 'ВПР МА 5 2018': 40 });
    expect(v?.ruleTexts).toEqual(['Правило 2: низкий результат по ВПР МА 5 в каждом из 2 последних лет (2018, 2019).']);
  });

  it('says why a fired rule did not make a school ШНОР under «и»', () => {
    const v = status(rosAnd, { 'ВПР МА 5 2019': 35, 'ВПР МА 6 2019': 35 });
    expect(v?.status).toBe('зона риска');
    expect(v?.rules).toEqual([]);
    expect(v?.ruleTexts[0]).toMatch(/объединены через «и»/);
  });
});

describe('summary', () => {
  it('counts statuses like a справка', () => {
    const schools = [
      school('a', { 'ВПР МА 5 2019': 50, 'ВПР РУ 5 2019': 50 }),
      school('b', { 'ВПР МА 5 2019': 50 }),
      school('c', { 'ВПР МА 5 2019': 5 }),
      school('d', { 'ВПР МА 5 2019': '-' }),
    ];
    const a = assess(schools, novokuznetsk);
    expect(a.counts).toEqual({ ШНОР: 1, 'зона риска': 1, норма: 1, 'нет данных': 1 });
    expect(summaryLine(a)).toBe('ШНОР: 1 из 4 ОО (25 %), зона риска: 1, нет данных: 1');
  });
  it('an empty district', () => {
    const a = assess([], novokuznetsk);
    expect(a.year).toBeNull();
    expect(summaryLine(a)).toBe('ШНОР: 0 из 0 ОО (0 %), зона риска: 0');
  });
});

describe('criteria as data', () => {
  it('has the Новокузнецк preset and both readings of Rosobrnadzor', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(['novokuznetsk-2020', 'rosobrnadzor-2025-or', 'rosobrnadzor-2025-and']);
    for (const p of PRESETS) expect(validateCriteria(p.criteria)).toEqual([]);
    expect(describeCriteria(novokuznetsk)).toContain('не менее 30 % участников');
    expect(describeCriteria(rosAnd)).toContain(' и низкий результат по одной и той же процедуре');
  });

  it('explains invalid criteria in Russian instead of crashing', () => {
    const bad: Criteria = {
      ...novokuznetsk,
      threshold: 130,
      procedures: ['ВПР МА', 'ОГЭ РУ'],
      referenceYear: 19,
      rule1: { enabled: true, minLow: 0 },
      rule2: { enabled: true, years: 1.5, sameProcedure: false },
      minParticipants: -1,
    };
    expect(validateCriteria(bad)).toEqual([
      'Порог должен быть числом больше 0 и не больше 100 (процент участников с «2»).',
      'Процедура «ВПР МА» не распознана (пример: «ВПР МА 5», «ОГЭ РУ», «ЕГЭ МА*»).',
      'Год отсчёта должен быть четырёхзначным годом или пустым (тогда берётся последний год в данных).',
      'Правило 1: число процедур с низкими результатами должно быть целым от 1 до 50.',
      'Правило 2: число лет подряд должно быть целым от 1 до 10.',
      'Минимальное число участников должно быть целым и не меньше 0.',
    ]);
    expect(() => assess([], bad)).toThrow(CriteriaError);
    expect(
      validateCriteria({
        ...novokuznetsk,
        rule1: { enabled: false, minLow: 2 },
        rule2: { enabled: false, years: 2, sameProcedure: false },
      }),
    ).toEqual(['Включите хотя бы одно правило.']);
    expect(() => presetCriteria('nope')).toThrow(/Нет набора критериев «nope»/);
  });
});
