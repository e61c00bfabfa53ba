import { describe, expect, it } from 'vitest';
import { presetCriteria } from '../../src/core/criteria';
import { buildReport, countedSchools, shareText } from '../../src/core/report';
import type { Result, School } from '../../src/core/results';
import { assess } from '../../src/core/verdict';

function school(key: string, cells: Record<string, number>): School {
  const results: Result[] = Object.entries(cells).map(([k, fail]) => {
    const [, procedure, year] = /^(.*) (\d{4})$/.exec(k) as RegExpExecArray;
    return { procedure: procedure as string, year: Number(year), fail, state: 'held', high: null, participants: null, row: 0, col: 0 };
  });
  return { key, login: key, name: `СОШ ${key}`, territory: '', row: 0, results };
}

describe('Russian number agreement', () => {
  it.each([
    [1, 'отнесена 1 школа'],
    [2, 'отнесены 2 школы'],
    [4, 'отнесены 4 школы'],
    [5, 'отнесено 5 школ'],
    [11, 'отнесено 11 школ'],
    [21, 'отнесена 21 школа'],
    [0, 'отнесено 0 школ'],
  ])('%i → %s', (n, text) => {
    expect(countedSchools(n)).toBe(text);
  });
  it('shares like the programmes write them', () => {
    expect(shareText(6, 17)).toBe('6 из 17 ОО (35 %)');
    expect(shareText(0, 0)).toBe('0 из 0 ОО (0 %)');
  });
});

describe('buildReport', () => {
  const c = presetCriteria('novokuznetsk-2020');
  const schools = [
    school('a', { 'ВПР МА 5 2026': 40, 'ВПР РУ 5 2026': 35, 'ВПР МА 5 2025': 10, 'ВПР РУ 5 2025': 10 }),
    school('b', { 'ВПР МА 5 2026': 5, 'ВПР МА 5 2025': 45, 'ВПР РУ 5 2025': 31, 'ВПР МА 5 2024': 35 }),
    school('c', { 'ВПР МА 5 2026': 31, 'ВПР МА 5 2025': 5 }),
  ];
  const a = assess(schools, c);
  const previous = assess(schools, { ...c, referenceYear: 2025 });
  const lines = buildReport({
    sheet: 'Результаты',
    assessment: a,
    previous,
    procedures: ['ВПР МА 5', 'ВПР РУ 5'],
    years: [2024, 2025, 2026],
    dynamics: [],
    dynamicsThreshold: 10,
    date: '24.11.2026',
  });

  it('states the counts with agreement and shares', () => {
    expect(lines).toContain(
      'По указанным критериям к школам с низкими образовательными результатами отнесена 1 школа: 1 из 3 ОО (33 %). В зоне риска (есть низкие результаты, но критерии ШНОР не выполнены) — 2 из 3 ОО (67 %).',
    );
    expect(lines).toContain(
      'Проанализированы результаты 3 общеобразовательных организаций по 2 оценочным процедурам за 2024, 2025, 2026 годы; год отсчёта — 2026.',
    );
  });

  it('lists ШНОР with reasons and says who entered and left the list', () => {
    expect(lines).toContain(
      '1. СОШ a (a): Правило 1: низкие результаты по 2 процедурам в 2026 г. (нужно не менее 2); ВПР МА 5, 2026: 40 % «2» ≥ 30 %; ВПР РУ 5, 2026: 35 % «2» ≥ 30 %.',
    );
    expect(lines).toContain(
      'Сравнение с выявлением по данным 2025 года (тогда отнесена 1 школа из 3): вошли в перечень — 1 школа (СОШ a); вышли из перечня — 1 школа (СОШ b); остались — 0 школ.',
    );
  });
});
