import { describe, expect, it } from 'vitest';
import { presetCriteria } from '../../src/core/criteria';
import { changeText, districtDynamics, schoolDynamics, trendOf } from '../../src/core/dynamics';
import type { School } from '../../src/core/results';

const all = { ...presetCriteria('novokuznetsk-2020'), procedures: [] };
function school(key: string, cells: Array<[string, number, number | null]>): School {
  return {
    key,
    login: key,
    name: key,
    territory: '',
    row: 0,
    results: cells.map(([procedure, year, fail]) => ({
      procedure,
      year,
      fail,
      state: fail === null ? 'notHeld' : 'held',
      high: null,
      participants: null,
      row: 0,
      col: 0,
    })),
  };
}

describe('dynamics', () => {
  it.each([
    [10, 'ухудшение'],
    [9.9, 'без существенных изменений'],
    [-10, 'улучшение'],
    [-9.9, 'без существенных изменений'],
    [0, 'без существенных изменений'],
  ])('a change of %d p.p. is %s at the threshold of 10', (delta, trend) => {
    expect(trendOf(delta, 10)).toBe(trend);
  });

  it('compares each procedure held in both years, and the mean tells whether the school improved', () => {
    const s = school('a', [
      ['ВПР МА 5', 2025, 20],
      ['ВПР МА 5', 2026, 32.5],
      ['ВПР РУ 5', 2025, 40],
      ['ВПР РУ 5', 2026, 25],
      ['ОГЭ МА', 2026, 50],
      ['ОГЭ РУ', 2025, 10],
      ['ОГЭ РУ', 2026, null],
    ]);
    const d = schoolDynamics(s, all, 2026, 10);
    expect(d.changes.map((c) => [c.procedure, c.delta, c.trend])).toEqual([
      ['ВПР МА 5', 12.5, 'ухудшение'],
      ['ВПР РУ 5', -15, 'улучшение'],
    ]);
    expect(d.meanDelta).toBe(-1.25);
    expect(d.improved).toBe(true);
    expect(changeText(d.changes[0]!)).toBe('ВПР МА 5: +12,5 п. п. (20 → 32,5 %)');
    expect(schoolDynamics(school('b', [['ВПР МА 5', 2026, 3]]), all, 2026, 10).improved).toBeNull();
  });

  it('sums up the district per procedure', () => {
    const ds = [
      schoolDynamics(
        school('a', [
          ['ВПР МА 5', 2025, 20],
          ['ВПР МА 5', 2026, 40],
        ]),
        all,
        2026,
        10,
      ),
      schoolDynamics(
        school('b', [
          ['ВПР МА 5', 2025, 30],
          ['ВПР МА 5', 2026, 20],
        ]),
        all,
        2026,
        10,
      ),
    ];
    expect(districtDynamics(ds)).toEqual([{ procedure: 'ВПР МА 5', before: 25, after: 30, delta: 5, schools: 2, worse: 1, better: 1 }]);
  });
});
