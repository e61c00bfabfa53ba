import { describe, expect, it } from 'vitest';
import { cleanHeader, cleanLogin, stripInvisible } from '../../src/core/clean';
import { mainYear, parseResultTable, type School } from '../../src/core/results';
import { presetCriteria } from '../../src/core/criteria';
import { assess } from '../../src/core/verdict';

describe('text as people paste it', () => {
  it('brings logins to the Latin login of ФИС ОКО', () => {
    expect(cleanLogin('sch\u200b771001')).toBe('sch771001');
    expect(cleanLogin('\u202esch771001\u00a0')).toBe('sch771001');
    expect(cleanLogin('ѕсһ771001')).toBe('sch771001');
    expect(cleanLogin(' SCH771001 ')).toBe('sch771001');
  });

  it('brings headers to Russian, leaving Latin words that are not look-alikes', () => {
    expect(cleanHeader('BПР MA 5 2024')).toBe('ВПР МА 5 2024');
    expect(cleanHeader('ОГЭ\u200b МА')).toBe('ОГЭ МА');
    expect(cleanHeader('ВПР EN 7')).toBe('ВПР EN 7');
    expect(cleanHeader('Login')).toBe('Login');
    expect(stripInvisible('a\u00a0b\u00adc')).toBe('a bc');
  });
});

describe('years', () => {
  const school = (login: string, years: number[]): School => ({
    key: login,
    login,
    name: login,
    territory: '',
    row: 0,
    results: years.map((year) => ({
      procedure: 'ВПР МА 5',
      year,
      fail: 40,
      state: 'held',
      high: null,
      participants: null,
      row: 0,
      col: 0,
    })),
  });

  it('takes the latest year most schools have as the reference year', () => {
    const schools = [school('a', [2024, 2025]), school('b', [2024, 2025]), school('c', [2024, 2025]), school('d', [2024, 2025, 2026])];
    expect(mainYear(schools)).toBe(2025);
    expect(assess(schools, presetCriteria('novokuznetsk-2020')).year).toBe(2025);
  });

  it('names the rows of a year far from the rest and leaves it out', () => {
    const header = ['Год', 'Класс', 'Предмет', 'Логин', 'ОО', '2', '3', '4', '5'];
    const rows = ['sch000001', 'sch000002', 'sch000003'].flatMap((login) =>
      [2025, 2026].map((y) => [y, 5, 'Математика', login, login, 10, 30, 30, 30]),
    );
    const t = parseResultTable({ sheet: 's', values: [header, ...rows, [2014, 5, 'Математика', 'sch000002', 'x', 60, 20, 10, 10]] });
    expect(t.years).toEqual([2025, 2026]);
    const error = t.problems.find((p) => p.severity === 'ошибка');
    expect(error?.message).toBe(
      'Год 2014 далёк от остальных данных (основной год — 2026): его результаты не учитываются; проверьте год в строках 8.',
    );
  });

  // The wide layout of the district appendix (seed 004: «ВПр МА 5 2019» over « % 2» and «% Выс. рез-тов»),
  // its last year typed as 2099 in both of its columns.
  const wide = (lastYear: number) => {
    const top = ['Территория', 'Название ОО', 'Логин ОО', 'ВПр МА 5 2024', '', 'ВПр МА 5 2025', '', `ВПр МА 5 ${lastYear}`, ''];
    const sub = ['', '', '', ' % 2', '% Выс. рез-тов', ' % 2', '% Выс. рез-тов', ' % 2', '% Выс. рез-тов'];
    const rows = [1, 2, 3].map((i) => ['Город', `МБОУ «СОШ № ${i}»`, `sch00000${i}`, 35, 5, 31, 4, 10, 20]);
    const merges = [3, 5, 7].map((col) => ({ row: 0, col, rows: 1, cols: 2 }));
    return { sheet: 'Результаты', values: [top, sub, ...rows], merges };
  };

  it('never takes a year after today for the reference year: its columns are an error, the real years stay', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    const t = parseResultTable(wide(2099), { now });
    expect(t.years).toEqual([2024, 2025]);
    const errors = t.problems.filter((p) => p.severity === 'ошибка');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ sheet: 'Результаты', column: 'H', value: '2099' });
    expect(errors[0]?.message).toBe(
      'Год 2099 ещё не наступил (сегодня 2026 год): его результаты не учитываются; проверьте год в заголовке столбцов H.',
    );
    const a = assess(t.schools, presetCriteria('novokuznetsk-2020'));
    expect(a.year).toBe(2025);
    expect(a.counts.ШНОР).toBe(3);
  });

  it('reads "today" in Moscow: a year begins there three hours before it does in UTC', () => {
    // 31 December 2026, 22:00 UTC is 1 January 2027, 01:00 in Moscow: 2027 is no longer in the future.
    const t = parseResultTable(wide(2027), { now: new Date('2026-12-31T22:00:00Z') });
    expect(t.years).toEqual([2024, 2025, 2027]);
    const before = parseResultTable(wide(2027), { now: new Date('2026-12-31T20:00:00Z') });
    expect(before.years).toEqual([2024, 2025]);
    expect(before.problems.some((p) => /Год 2027 ещё не наступил \(сегодня 2026 год\)/.test(p.message))).toBe(true);
  });
});
