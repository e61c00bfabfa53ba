/** The built bundle in node:vm, driven from onOpen through the menu handlers to a changed spreadsheet. */
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/core/catalogue';
import type { Grid } from '../../src/core/results';
import { callGlobal, loadBundle } from '../support/gas';
import { key, stubSpreadsheetApp, stubSpreadsheetOf } from '../support/sheets-stub';
import { sampleGrids } from '../support/sample';
import { summaryColumnIndex } from '../../src/core/summary-columns';
import { type CellValue, columnLetter } from '../../src/core/text';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const spreadsheet = stubSpreadsheetOf;

function menuHandler(rec: ReturnType<typeof loadBundle>['rec'], title: string): string {
  const item = rec.menus[0]?.items.find((i) => i !== 'separator' && i.title === title);
  if (!item || item === 'separator') throw new Error(`Нет пункта «${title}»`);
  return item.handler;
}

describe('the bundle in Sheets', () => {
  it('«Проверить школы по критериям» writes the summary tab and colours the result sheet, under the lock', () => {
    const ss = spreadsheet(grids);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    callGlobal(context, menuHandler(rec, 'Проверить школы по критериям'));
    const summary = ss.sheets.find((s) => s.name === 'ШНОР: итоги');
    expect(summary?.values.get(key(0, 0))).toBe('Итоги проверки по критериям ШНОР');
    expect(summary?.frozen).toEqual({ rows: 6, cols: 3 });
    expect(summary?.merges.every((m) => m.col + m.cols <= 3 || m.col >= 3)).toBe(true);
    // A tab laid out by an earlier version, its head merged across the frozen edge, is rebuilt all the same.
    summary!.merges = [0, 1, 2, 3].map((row) => ({ row, col: 0, rows: 1, cols: 15 }));
    callGlobal(context, menuHandler(rec, 'Проверить школы по критериям'));
    expect(summary?.merges.every((m) => m.col + m.cols <= 3 || m.col >= 3)).toBe(true);
    expect(summary?.values.get(key(1, 0))).toBe('Критерии');
    expect(rec.locks).toBe(2);
    // The trend of each school's worst procedure: a SPARKLINE over the row's own shares, set by setFormulas
    // in English syntax; Sheets shows no value there (getValues gives '').
    const header = Array.from({ length: 30 }, (_, c) => (summary?.values.get(key(5, c)) ?? null) as CellValue);
    const [trend, first, last] = [
      summaryColumnIndex(header, 'trend'),
      summaryColumnIndex(header, 'share', 2024),
      summaryColumnIndex(header, 'share', 2026),
    ];
    expect(summary?.formulas.get(key(6, trend))).toBe(
      `=SPARKLINE(${columnLetter(first)}7:${columnLetter(last)}7,{"charttype","line";"ymin",0;"color","#3c4043";"linewidth",1.5;"empty","ignore"})`,
    );
    expect(summary?.values.get(key(6, trend)) ?? null).toBeNull();
    expect(typeof summary?.values.get(key(6, last))).toBe('number');
    const results = ss.sheets[0]!;
    expect(results.values.get(key(2, 93))).toBe('Статус ШНОР');
    expect(results.values.get(key(7, 93))).toBe('ШНОР');
    // Status colours, a rule per low procedure and year, then the social context of the registry.
    const formulas = results.rules.map((r) => String((r as { formula?: string }).formula));
    expect(formulas.filter((f) => f.includes('$CP4='))).toHaveLength(4);
    expect(formulas.filter((f) => f.includes('SEARCH(')).length).toBeGreaterThan(0);
    expect(formulas.filter((f) => f.includes('$CR4='))).toHaveLength(4);
    // The sample has a typo: the dialog lists it with sheet, row, column and value.
    expect(rec.dialogs).toHaveLength(2);
    expect(rec.dialogs[0]?.html).toContain('Лист «Результаты», строка 5, столбец AO: «4о» — Не число; ячейка не учитывается.');
    expect(rec.dialogs[0]?.html).toMatch(/ШНОР: \d+ из 33 ОО/);
    expect(ss.toasts.map((t) => t[0])).toContain('Проверяю школы по критериям…');

    callGlobal(context, menuHandler(rec, 'Снять раскраску'));
    expect(results.values.get(key(2, 93)) ?? '').toBe('');
    expect(results.rules).toEqual([]);
    expect(rec.alerts.at(-1)).toBe('Раскраска снята с листа «Результаты».');
  });

  it('«Аналитическая справка» builds its tab', () => {
    const ss = spreadsheet(grids);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    callGlobal(context, menuHandler(rec, 'Аналитическая справка'));
    const tab = ss.sheets.find((s) => s.name === 'Аналитическая справка');
    expect(tab?.values.get(key(0, 0))).toBe('Аналитическая справка по итогам выявления школ с низкими образовательными результатами');
    expect(tab?.values.get(key(3, 0))).toBe('1. Критерии отнесения к ШНОР');
    expect(String(tab?.values.get(key(4, 0)))).toMatch(/^Применён набор критериев «Новокузнецк, 2020»/);
    expect(tab?.s.values.flat().some((v) => /^К школам с низкими образовательными результатами отнесен/.test(String(v)))).toBe(true);
    expect(rec.alerts.at(-1)).toMatch(/^Источник данных: лист «Результаты».*\nСправка составлена на листе «Аналитическая справка»/);
  });

  it('«Построить вкладку показателей» offers the templates in a dialog, nothing written until a click', () => {
    const ss = spreadsheet(grids);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    const handler = menuHandler(rec, 'Построить вкладку показателей');
    callGlobal(context, handler);
    // A modal dialog with the templates as data for its script; nothing is written until a click.
    expect(rec.prompts).toEqual([]);
    expect(rec.dialogs.map((d) => d.title)).toEqual(['ШНОР — вкладка показателей']);
    const html = rec.dialogs[0]!.html;
    expect(html).toContain('window.shnorData={"templates":[{"id":"computed","name":"Рассчитываемые по книге"');
    expect(html).toContain('"chosen":"computed"');
    expect(html).toContain('Бежецкий район, 2021');
    expect(ss.sheets.some((s) => s.name === 'Показатели')).toBe(false);
    expect(rec.locks).toBe(0);
  });

  it('the dialog’s «Построить» builds the chosen template under the lock; the menu item then refreshes without asking', () => {
    const ss = spreadsheet(grids);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    const handler = menuHandler(rec, 'Построить вкладку показателей');
    callGlobal(context, handler);
    // «Построить» with Бежецк chosen: the dialog's endpoint, under the lock.
    const locks = rec.locks;
    const built = callGlobal(context, 'apiBuildIndicators', 'bezhetsk-2021') as { ok: boolean; message: string };
    expect(rec.locks).toBe(locks + 1);
    expect(built.message).toMatch(/^Источник данных: лист «Результаты».*\nПоказателей: 6, из них рассчитываемых по книге: 1\./);
    expect(built.ok).toBe(true);
    const tab = ss.sheets.find((s) => s.name === 'Показатели');
    expect(tab?.values.get(key(4, 1))).toMatch(/^Доля школ с низкими результатами обучения/);
    expect(tab?.charts.map((c) => c.title)).toEqual(['ШНОР: план и факт']);
    // No merge crosses the frozen columns' edge, which Sheets refuses.
    expect(tab?.frozen.cols).toBe(2);
    expect(tab?.merges.every((m) => m.col + m.cols <= 2 || m.col >= 2)).toBe(true);
    // A tab laid out by an earlier version, its lines merged across the edge, is rebuilt all the same;
    // the tab exists now: the menu item refreshes it, no dialog, no question.
    tab!.merges = [0, 1].map((row) => ({ row, col: 0, rows: 1, cols: 17 }));
    callGlobal(context, handler);
    expect(tab?.merges.every((m) => m.col + m.cols <= 2 || m.col >= 2)).toBe(true);
    expect(rec.dialogs).toHaveLength(1);
    expect(rec.prompts).toEqual([]);
    expect(tab?.charts).toHaveLength(1);
    expect(rec.alerts.at(-1)).toMatch(/^Источник данных: лист «Результаты».*\nПоказателей: 6/);
  });

  it('«Справочник мероприятий» copies the catalogue into its tab', () => {
    const ss = spreadsheet(grids);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    callGlobal(context, menuHandler(rec, 'Справочник мероприятий'));
    const tab = ss.sheets.find((s) => s.name === 'Справочник мероприятий');
    expect(tab?.values.get(key(0, 1))).toBe('Мероприятие');
    expect(rec.alerts.at(-1)).toBe(`На лист «Справочник мероприятий» записано мероприятий: ${CATALOGUE.length}.`);
    callGlobal(context, menuHandler(rec, 'Справочник мероприятий'));
    expect(rec.alerts.at(-1)).toBe(
      `«Справочник мероприятий»: все мероприятия программ уже есть; строки района (${CATALOGUE.length}) не изменены.`,
    );
  });

  it('asks which sheet when several hold results', () => {
    const ss = spreadsheet([
      { sheet: 'Заметки', values: [['план']] },
      { ...grids[0]!, sheet: '2025' },
      { ...grids[0]!, sheet: '2026' },
    ]);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), answers: ['2'] });
    callGlobal(context, 'menuCheckSchools');
    expect(rec.prompts[0]).toContain('1. 2025\n2. 2026');
    expect(ss.sheets.find((s) => s.name === '2026')?.values.get(key(2, 93))).toBe('Статус ШНОР');
    expect(ss.sheets.find((s) => s.name === '2025')?.values.get(key(2, 93))).toBeUndefined();
  });

  it('passes over a hidden archive sheet in Sheets, and says so', () => {
    const ss = spreadsheet([
      { sheet: 'Заметки', values: [['план']] },
      { ...grids[0]!, sheet: 'Архив 2024' },
      { ...grids[0]!, sheet: '2026' },
    ]);
    const { context, rec, emulator } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    emulator.spreadsheet().getSheetByName('Архив 2024')!.hideSheet();
    callGlobal(context, 'menuCheckSchools');
    expect(rec.prompts).toEqual([]);
    expect(ss.sheets.find((s) => s.name === '2026')?.values.get(key(2, 93))).toBe('Статус ШНОР');
    expect(ss.sheets.find((s) => s.name === 'Архив 2024')?.values.get(key(2, 93))).toBeUndefined();
    expect(rec.dialogs.map((d) => d.html).join('')).toContain('Скрытые листы с результатами не учитываются: «Архив 2024»');
  });

  it('says so when the workbook is busy, and changes nothing', () => {
    const ss = spreadsheet(grids);
    const { context } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), lockFree: false });
    expect(() => callGlobal(context, 'menuCheckSchools')).toThrow('Книга занята');
    expect(ss.sheets).toHaveLength(grids.length);
  });

  it('the settings sidebar opens, and its endpoints read and save the settings tab', () => {
    const ss = spreadsheet(grids);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'menuSettings');
    expect(rec.sidebars[0]?.file).toBe('settings');
    const view = callGlobal(context, 'apiGetSettings') as { form: Record<string, string>; stored: boolean };
    expect(view.stored).toBe(false);
    expect(view.form.threshold).toBe('30');
    const bad = callGlobal(context, 'apiSaveSettings', { ...view.form, threshold: '130' }) as {
      ok: boolean;
      errors: Record<string, string>;
    };
    expect(bad.ok).toBe(false);
    expect(bad.errors.threshold).toMatch(/^Порог должен быть числом/);
    expect(ss.sheets.some((s) => s.name === 'Настройки ШНОР')).toBe(false);
    const good = callGlobal(context, 'apiSaveSettings', { ...view.form, threshold: '25' }) as { ok: boolean };
    expect(good.ok).toBe(true);
    expect(rec.locks).toBe(2);
    const tab = ss.sheets.find((s) => s.name === 'Настройки ШНОР');
    // Sheets reads «25» typed into a cell as a number, as the stub does.
    expect(tab?.values.get(key(2, 1))).toBe(25);
  });
});
