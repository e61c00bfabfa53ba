import { describe, expect, it } from 'vitest';
import { matchesProcedure, parseProcedureLabel, readProcedureHeader } from '../../src/core/procedure';

describe('readProcedureHeader', () => {
  it.each([
    ['ВПр МА 5 2019', 'ВПР МА 5', 2019],
    ['ВПР МА 5 2019', 'ВПР МА 5', 2019],
    ['  впр  Мат 6  2018 ', 'ВПР МА 6', 2018],
    ['ВПР математика 5 класс 2020', 'ВПР МА 5', 2020],
    ['ВПР 5кл. математика 2020', 'ВПР МА 5', 2020],
    ['"ВПР РУ 6 2019"', 'ВПР РУ 6', 2019],
    ['ВПР Рус 4 2021', 'ВПР РУ 4', 2021],
    ['ВПР русский язык 7 2021', 'ВПР РУ 7', 2021],
    ['ВПР МА 7 углубл. 2024', 'ВПР МА 7 углубл', 2024],
    ['ВПР МА 8 (базовая) 2024', 'ВПР МА 8', 2024],
    ['ОГЭ МА 2019', 'ОГЭ МА', 2019],
    ['ОГЭ РУ 2018', 'ОГЭ РУ', 2018],
    ['ЕГЭ МА 2019', 'ЕГЭ МА', 2019],
    ['ЕГЭ МА база 2019', 'ЕГЭ МА база', 2019],
    ['ЕГЭ математика (профильная) 2020', 'ЕГЭ МА проф', 2020],
    ['ЕГЭ МА проф. 2020', 'ЕГЭ МА проф', 2020],
    ['ЕГЭ Русский язык 2019', 'ЕГЭ РУ', 2019],
    ['ВПР ОМ 4 2021', 'ВПР ОМ 4', 2021],
    ['ВПР история 5 2021', 'ВПР ИС 5', 2021],
    ['ВПР МА 5 2018-2019', 'ВПР МА 5', 2019],
  ])('%s → %s, %i', (header, label, year) => {
    const r = readProcedureHeader(header);
    expect(r.procedure?.label).toBe(label);
    expect(r.year).toBe(year);
    expect(r.rest).toBe('');
  });

  it('keeps the metric of a one-row header as the rest', () => {
    const r = readProcedureHeader('ВПР МА 5 2019 % 2');
    expect(r.procedure?.label).toBe('ВПР МА 5');
    expect(r.year).toBe(2019);
    expect(r.rest).toBe('% 2');
    expect(readProcedureHeader('ОГЭ РУ 2019 % Выс. рез-тов').rest).toBe('% выс. рез-тов');
  });

  it('says why a header is not a procedure', () => {
    expect(readProcedureHeader('Количество учителей').problem).toMatch(/процедура/);
    expect(readProcedureHeader('ВПР МА 2019').problem).toBe('для ВПР не указан класс');
    expect(readProcedureHeader('ВПР астрономия 5 2019').problem).toBe('не распознан предмет «астрономия»');
  });

  it('uses the default exam of the long layout', () => {
    expect(readProcedureHeader('Математика 5', 'ВПР').procedure?.label).toBe('ВПР МА 5');
    expect(readProcedureHeader('ЕГЭ Математика (профильный уровень)').procedure?.label).toBe('ЕГЭ МА проф');
  });
});

describe('labels and patterns', () => {
  it('parses canonical labels back', () => {
    for (const l of ['ВПР МА 5', 'ВПР РУ 6', 'ОГЭ МА', 'ОГЭ РУ', 'ЕГЭ МА', 'ЕГЭ МА база', 'ЕГЭ МА проф', 'ЕГЭ РУ', 'ВПР МА 7 углубл']) {
      expect(parseProcedureLabel(l)?.label).toBe(l);
    }
    expect(parseProcedureLabel('ВПР МА 5 2019')).toBeNull();
  });

  it('matches labels, prefixes with * and everything', () => {
    expect(matchesProcedure('ЕГЭ МА проф', ['ЕГЭ МА*'])).toBe(true);
    expect(matchesProcedure('ЕГЭ МА', ['ЕГЭ МА*'])).toBe(true);
    expect(matchesProcedure('ЕГЭ РУ', ['ЕГЭ МА*'])).toBe(false);
    expect(matchesProcedure('ВПР МА 5', ['ВПР МА 5'])).toBe(true);
    expect(matchesProcedure('ВПР МА 6', ['ВПР МА 5'])).toBe(false);
    expect(matchesProcedure('ВПР МА 6', ['ВПР*'])).toBe(true);
    expect(matchesProcedure('ОГЭ МА', [])).toBe(true);
    expect(matchesProcedure('ОГЭ МА', ['*'])).toBe(true);
  });
});
