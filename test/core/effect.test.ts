import { describe, expect, it } from 'vitest';
import { presetCriteria } from '../../src/core/criteria';
import { changeLine, programmeEffect } from '../../src/core/effect';
import { buildReport } from '../../src/core/report';
import type { School } from '../../src/core/results';

const criteria = { ...presetCriteria('novokuznetsk-2020'), procedures: [] };

/** %«2» of ВПР МА 5 and ВПР РУ 5 in 2025 and 2026. */
function school(key: string, ma: [number, number], ru: [number, number]): School {
  const results = (
    [
      ['ВПР МА 5', 2025, ma[0]],
      ['ВПР МА 5', 2026, ma[1]],
      ['ВПР РУ 5', 2025, ru[0]],
      ['ВПР РУ 5', 2026, ru[1]],
    ] as const
  ).map(([procedure, year, fail]) => ({
    procedure,
    year,
    fail,
    state: 'held' as const,
    high: null,
    participants: 40,
    row: 0,
    col: 0,
  }));
  return { key, login: key, name: `Школа ${key}`, territory: '', row: 0, results };
}

// The whole district's share of «2» falls by about ten points (an easier variant, say): A falls with it,
// B falls far more, C stays where it was, E gets worse.
const DISTRICT = [
  school('a', [40, 28], [45, 33]),
  school('b', [42, 10], [38, 12]),
  school('c', [35, 36], [36, 35]),
  school('d', [20, 8], [20, 8]),
  school('e', [25, 31], [20, 32]),
  school('f', [22, 10], [22, 10]),
  school('g', [18, 6], [18, 6]),
  school('h', [24, 12], [24, 12]),
];

describe('the programme effect over two identifications', () => {
  const e = programmeEffect(DISTRICT, criteria, 2025, 2026, { threshold: 10 });
  const by = (k: string) => e.schools.find((s) => s.key === k);

  it('says who left the list, who stayed and who came in', () => {
    expect(e.left.map((v) => v.key)).toEqual(['b']);
    expect(e.stayed.map((v) => v.key).sort()).toEqual(['a', 'c']);
    expect(e.entered.map((v) => v.key)).toEqual(['e']);
    expect(e.schools.map((s) => [s.key, s.movement])).toEqual([
      ['a', 'осталась в перечне'],
      ['b', 'вышла из перечня'],
      ['c', 'осталась в перечне'],
      ['e', 'вошла в перечень'],
    ]);
  });

  it('puts the district’s change beside each school’s, from printed values', () => {
    expect(e.district).toEqual([
      { procedure: 'ВПР МА 5', before: 28.3, after: 17.6, change: -10.7, schools: 8 },
      { procedure: 'ВПР РУ 5', before: 27.9, after: 18.5, change: -9.4, schools: 8 },
    ]);
    expect(by('a')?.changes.map(changeLine)).toEqual([
      'ВПР МА 5: 40 → 28 (−12; район −10,7; разница −1,3)',
      'ВПР РУ 5: 45 → 33 (−12; район −9,4; разница −2,6)',
    ]);
  });

  it('does not take a school that followed a district-wide easing for progress', () => {
    // A's share of «2» fell by 12 points: the programmes' own indicator counts it as better results...
    expect(by('a')?.improved).toBe(true);
    // ...but the whole district fell by about as much.
    expect(by('a')?.progress).toBe('как район');
    expect(by('b')?.progress).toBe('опередила район');
    expect(by('c')?.progress).toBe('отстала от района');
    expect([by('c')?.change, by('c')?.district, by('c')?.relative]).toEqual([0, -10, 10]);
  });

  it('computes the indicators from the same numbers, with and without the district beside', () => {
    expect(e.indicators.map((i) => [i.value, i.numerator, i.denominator])).toEqual([
      [66.7, 2, 3],
      [33.3, 1, 3],
      [66.7, 2, 3],
      [33.3, 1, 3],
      [33.3, 1, 3],
    ]);
    expect(e.indicators[2]?.name).toBe(
      'Доля школ, обучающиеся которых продемонстрировали более высокие результаты обучения по ВПР, среди ШНОР 2025 года',
    );
  });

  it('compares any two years of the data, not only neighbours', () => {
    const three = DISTRICT.map((s) => ({
      ...s,
      results: [...s.results, ...s.results.filter((r) => r.year === 2026).map((r) => ({ ...r, year: 2027 }))],
    }));
    const far = programmeEffect(three, criteria, 2025, 2027, { threshold: 10 });
    expect(far.left.map((v) => v.key)).toEqual(['b']);
    expect(far.district[0]?.change).toBe(-10.7);
  });
});

describe('«Эффективность программы» in the справка', () => {
  const e = programmeEffect(DISTRICT, criteria, 2025, 2026, { threshold: 10 });
  const lines = buildReport({
    sheet: 'Результаты',
    assessment: e.assessmentAfter,
    previous: e.assessmentBefore,
    procedures: ['ВПР МА 5', 'ВПР РУ 5'],
    years: [2025, 2026],
    dynamics: [],
    dynamicsThreshold: 10,
    date: '30.06.2026',
    effect: {
      effect: e,
      done: new Map([
        ['a', 80],
        ['b', 100],
      ]),
    },
  });
  const at = lines.findIndex((l) => /^\d+\. Эффективность программы$/.test(l));

  it('groups last year’s ШНОР against the district and gives the indicators once', () => {
    const next = lines.findIndex((l, i) => i > at && /^\d+\. /.test(l));
    const section = lines.slice(at + 1, next);
    expect(section[1]).toBe('Из 3 школ опередили район 1 (Школа b), изменились как район 1, отстали от района 1 (Школа c).');
    expect(section[2]).toBe(
      'Показатель «доля ШНОР, обучающиеся которых показали более высокие результаты» (средняя доля «2» снизилась) — 66,7 % (2 из 3); с поправкой на район — 33,3 % (1 из 3). ' +
        'По ВПР (как показатель 4 программы Бежецкого района, только по ШНОР) — 66,7 % (2 из 3); с поправкой на район — 33,3 % (1 из 3).',
    );
    expect(section).toContain('Школа a (a) | осталась | −12 / −10 / −2 | как район | 80');
    expect(section).toContain('Школа c (c) | осталась | 0 / −10 / +10 | отстала от района | нет карты');
    expect(section).toContain(
      'Школа a: ВПР МА 5: 40 → 28 (−12; район −10,7; разница −1,3); ВПР РУ 5: 45 → 33 (−12; район −9,4; разница −2,6).',
    );
    expect(section[section.length - 1]).toMatch(/^Это описание, а не доказательство причины/);
    // The list's changes are said once, in «Изменение перечня».
    expect(lines.filter((l) => l.includes('вышли из перечня — 1 школа'))).toHaveLength(1);
  });
});

describe('a region’s hundreds of last year’s ШНОР in the справка', () => {
  it('leaves the changes by procedure to the tab, a row per school, instead of a paragraph each', () => {
    const many = [...Array.from({ length: 31 }, (_, i) => school(`s${i}`, [40, 30], [40, 30])), ...DISTRICT.slice(3)];
    const e = programmeEffect(many, criteria, 2025, 2026, { threshold: 10 });
    const lines = buildReport({
      sheet: 'Результаты',
      assessment: e.assessmentAfter,
      previous: e.assessmentBefore,
      procedures: ['ВПР МА 5', 'ВПР РУ 5'],
      years: [2025, 2026],
      dynamics: [],
      dynamicsThreshold: 10,
      date: '30.06.2026',
      effect: { effect: e, done: new Map() },
    });
    expect(lines).toContain(
      'Изменения по каждой процедуре у 31 школы — на вкладке «Эффективность программы» (пункт меню с тем же названием, в командной строке — shnor monitor --effect).',
    );
    expect(lines.some((l) => l.startsWith('Школа s0: ВПР'))).toBe(false);
  });
});
