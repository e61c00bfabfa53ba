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
    const t = parseResultTable({ sheet: 's', values: [header, ...rows, [2099, 5, 'Математика', 'sch000002', 'x', 60, 20, 10, 10]] });
    expect(t.years).toEqual([2025, 2026]);
    const error = t.problems.find((p) => p.severity === 'ошибка');
    expect(error?.message).toBe(
      'Год 2099 далёк от остальных данных (основной год — 2026): его результаты не учитываются; проверьте год в строках 8.',
    );
  });
});
