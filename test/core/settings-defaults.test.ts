import { describe, expect, it } from 'vitest';
import { defaultsSentence, defaultsText, settingsFromRows, settingsToRows, defaultSettings } from '../../src/core/settings';
import { analyze } from '../../src/actions/analyze';
import { writeReport } from '../../src/actions/report';
import { REPORT_SHEET } from '../../src/actions/report';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { benchGrid } from '../../scripts/bench';

// The tab as «Подготовить рабочую книгу района» writes it (settingsToRows), then emptied or cut by hand.
const full = () => settingsToRows(defaultSettings()).map((r) => [...r]);

describe('settings the tab lacks or leaves empty', () => {
  it('a full tab takes nothing by default', () => {
    expect(settingsFromRows(full()).defaults).toEqual([]);
  });

  it('names an empty «Набор критериев» and the preset used instead', () => {
    const rows = full();
    (rows[1] as unknown[])[1] = '';
    const r = settingsFromRows(rows);
    expect(r.problems).toEqual([]);
    expect(r.defaults).toEqual([{ field: 'preset', label: 'Набор критериев', row: 2, used: expect.stringMatching(/^«.*Новокузнецк.*»$/) }]);
    expect(defaultsText(r.defaults)[0]).toMatch(
      /^Вкладка «Настройки ШНОР», строка 2: «Набор критериев» не заполнено — взято по умолчанию: «/,
    );
  });

  it('names a missing row with the value that stands in, and an empty list by what empty means', () => {
    const rows = full().filter((r) => r[0] !== 'Порог доли «2», %');
    (rows.find((r) => r[0] === 'Процедуры') as unknown[])[1] = '';
    const r = settingsFromRows(rows);
    const byField = Object.fromEntries(r.defaults.map((d) => [d.field, d]));
    expect(byField.threshold).toMatchObject({ row: null, used: '«30»' });
    expect(byField.procedures).toMatchObject({ used: 'все процедуры' });
    expect(defaultsSentence(r.defaults)).toMatch(/«Порог доли «2», %» — «30» \(строки нет\)/);
  });

  it('an unreadable value is an error, not a default', () => {
    const rows = full();
    (rows.find((r) => r[0] === 'Порог доли «2», %') as unknown[])[1] = '';
    const r = settingsFromRows(rows);
    expect(r.problems.map((p) => p.field)).toEqual(['threshold']);
    expect(r.defaults.some((d) => d.field === 'threshold')).toBe(false);
  });

  it('the check and the справка say what was taken by default', () => {
    const rows = full();
    (rows[1] as unknown[])[1] = '';
    const wb = new MemoryWorkbook([benchGrid(10), { sheet: 'Настройки ШНОР', values: rows as never }]);
    const outcome = analyze(wb, { sheet: 'Результаты' });
    if (outcome.kind !== 'done') throw new Error(outcome.kind);
    expect(outcome.settingsDefaults).toMatch(/^Не заданы на вкладке «Настройки ШНОР» и взяты по умолчанию: «Набор критериев» — «/);
    expect(outcome.problems).toContainEqual(
      expect.objectContaining({
        severity: 'сведения',
        sheet: 'Настройки ШНОР',
        row: 2,
        column: 'B',
        message: expect.stringMatching(/не заполнено; взято по умолчанию/),
      }),
    );
    const report = writeReport(wb, { sheet: 'Результаты' });
    if (report.kind !== 'done') throw new Error(report.kind);
    const criteria = report.lines.slice(report.lines.findIndex((l) => /Критерии отнесения к ШНОР$/.test(l)));
    expect(criteria.slice(0, 8).some((l) => /^Не заданы на вкладке «Настройки ШНОР» и взяты по умолчанию: «Набор критериев»/.test(l))).toBe(
      true,
    );
    expect(
      wb
        .readSheet(REPORT_SHEET)
        .values.flat()
        .some((v) => /взяты по умолчанию/.test(String(v))),
    ).toBe(true);
  });
});

describe('a reference year after today', () => {
  it('is an error of its row, never the reference year', () => {
    const rows = full();
    (rows.find((r) => r[0] === 'Год отсчёта') as unknown[])[1] = 2099;
    const r = settingsFromRows(rows, new Date('2026-12-06T12:00:00Z'));
    expect(r.settings.criteria.referenceYear).toBeNull();
    expect(r.problems).toEqual([
      expect.objectContaining({
        field: 'referenceYear',
        message: expect.stringMatching(/строка \d+ \(«Год отсчёта»\): «2099» — год ещё не наступил \(сегодня 2026 год\)/),
      }),
    ]);
    (rows.find((r) => r[0] === 'Год отсчёта') as unknown[])[1] = 2026;
    expect(settingsFromRows(rows, new Date('2026-12-06T12:00:00Z')).settings.criteria.referenceYear).toBe(2026);
  });
});
