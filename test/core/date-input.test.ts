import { describe, expect, it } from 'vitest';
import { INCOMPLETE_DATE, maskDateInput, readDateInput } from '../../src/core/date-input';

describe('a date as typed into a form', () => {
  it('reads дд.мм.гггг, д.м.гггг and ISO as an ISO day; empty is no date', () => {
    expect(readDateInput('01.09.2026')).toEqual({ iso: '2026-09-01' });
    expect(readDateInput(' 1.9.2026 ')).toEqual({ iso: '2026-09-01' });
    expect(readDateInput('2027-02-28')).toEqual({ iso: '2027-02-28' });
    expect(readDateInput('29.02.2028')).toEqual({ iso: '2028-02-29' });
    expect(readDateInput('')).toEqual({ iso: null });
  });

  it('says «Такой даты нет» with the month’s days in that year, as soon as the day and month are there', () => {
    expect(readDateInput('31.02.2026')).toEqual({ error: 'Такой даты нет: в феврале 2026 года 28 дней.' });
    expect(readDateInput('29.02.2027')).toEqual({ error: 'Такой даты нет: в феврале 2027 года 28 дней.' });
    expect(readDateInput('2026-04-31')).toEqual({ error: 'Такой даты нет: в апреле 2026 года 30 дней.' });
    expect(readDateInput('32.01.2026')).toEqual({ error: 'Такой даты нет: в январе 2026 года 31 день.' });
    expect(readDateInput('00.01.2026')).toEqual({ error: 'Такой даты нет: в январе 2026 года 31 день.' });
    expect(readDateInput('01.13.2026')).toEqual({ error: 'Такой даты нет: месяц — число от 1 до 12.' });
    // Before the year: February may still have 29 days, the 30th never.
    expect(readDateInput('30.02')).toEqual({ error: 'Такой даты нет: в феврале не больше 29 дней.' });
    expect(readDateInput('31.04.20')).toEqual({ error: 'Такой даты нет: в апреле не больше 30 дней.' });
    expect(readDateInput('31.11')).toEqual({ error: 'Такой даты нет: в ноябре не больше 30 дней.' });
    expect(readDateInput('12.13')).toEqual({ error: 'Такой даты нет: месяц — число от 1 до 12.' });
    expect(readDateInput('45')).toEqual({ error: 'Такой даты нет: в месяце не больше 31 дня.' });
  });

  it('calls an unfinished date unfinished, and anything else no date', () => {
    for (const t of ['3', '31', '31.', '29.02', '29.02.', '29.02.202', '1.1', '31.0', '31.1'])
      expect(readDateInput(t)).toEqual({ error: INCOMPLETE_DATE });
    expect(readDateInput('к маю')).toEqual({ error: 'Не дата: «к маю». Введите дату как дд.мм.гггг.' });
    expect(readDateInput('2026/09/01')).toEqual({ error: 'Не дата: «2026/09/01». Введите дату как дд.мм.гггг.' });
  });

  it('masks what is typed: digits and dots, dots after the day and the month, nothing past the year', () => {
    expect(maskDateInput('3')).toBe('3');
    expect(maskDateInput('31')).toBe('31');
    expect(maskDateInput('310')).toBe('31.0');
    expect(maskDateInput('3102')).toBe('31.02');
    expect(maskDateInput('31022026')).toBe('31.02.2026');
    expect(maskDateInput('310220261')).toBe('31.02.2026');
    expect(maskDateInput('31.022')).toBe('31.02.2');
    expect(maskDateInput('1.9.2026')).toBe('1.9.2026');
    expect(maskDateInput('31..02г')).toBe('31.02');
    expect(maskDateInput('31.02.20267')).toBe('31.02.2026');
  });
});
