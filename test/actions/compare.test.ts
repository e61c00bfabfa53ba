import { beforeAll, describe, expect, it } from 'vitest';
import { benchGrid } from '../../scripts/bench';
import { COMPARE_HEADER_ROW, COMPARE_SHEET, compareAction, compareChoices, CURRENT_SETTINGS } from '../../src/actions/compare';
import { saveSettings, settingsToForm } from '../../src/actions/settings';
import type { Grid } from '../../src/core/results';
import { defaultSettings } from '../../src/core/settings';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { sampleGrids } from '../support/sample';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const body = (wb: MemoryWorkbook) => wb.sheet(COMPARE_SHEET).values.slice(COMPARE_HEADER_ROW + 1);

describe('«Сравнить критерии…» on the sample district', () => {
  it('offers the current settings and every preset, suggesting the settings against another preset', () => {
    const c = compareChoices(new MemoryWorkbook(grids));
    expect(c.choices.map((x) => x.id)).toEqual([CURRENT_SETTINGS, 'novokuznetsk-2020', 'rosobrnadzor-2025-or', 'rosobrnadzor-2025-and']);
    expect(c.choices[0]?.description).toMatch(/^Листа настроек нет — действуют настройки по умолчанию\. Набор «Новокузнецк, 2020»/);
    expect([c.a, c.b]).toEqual([CURRENT_SETTINGS, 'rosobrnadzor-2025-or']);
  });

  it('writes every school with its status under A and under B; the differing first, marked, with the rule', () => {
    const wb = new MemoryWorkbook(grids);
    // The district works at 20 % with the «или» reading and looks at what the «и» reading would do.
    expect(
      saveSettings(wb, {
        ...settingsToForm(defaultSettings()),
        preset: 'rosobrnadzor-2025-or',
        procedures: '',
        threshold: '20',
        'rule2.sameProcedure': 'да',
      }).ok,
    ).toBe(true);
    const out = compareAction(wb, { a: CURRENT_SETTINGS, b: 'rosobrnadzor-2025-and', threshold: 20 });
    if (out.kind !== 'done') throw new Error(out.kind === 'failed' || out.kind === 'choose' ? out.message : '');
    const tab = wb.sheet(COMPARE_SHEET);
    expect(tab.values[0]?.[0]).toBe('Сравнение критериев ШНОР');
    expect(String(tab.values[1]?.[0])).toMatch(/^A: Текущие настройки \(свой набор\)\. /);
    expect(String(tab.values[2]?.[0])).toMatch(/^B: Рособрнадзор, 2025 \(условия через «и»\)\. /);
    expect(tab.values[3]?.[0]).toBe(
      'Лист «Результаты», год отсчёта 2026. ШНОР по A: 22, по B: 19; в обоих перечнях — 19; только по A — 3; только по B — 0.',
    );
    // The school, the statuses, the difference and the reasons side by side; rules and login last.
    expect(tab.values[COMPARE_HEADER_ROW]).toEqual([
      '№',
      'ОО',
      'Статус по A',
      'Статус по B',
      'Различие',
      'Почему (по какому правилу)',
      'Причины по A',
      'Причины по B',
      'Правила по A',
      'Правила по B',
      'Логин',
    ]);
    const rows = body(wb);
    expect(rows).toHaveLength(33);
    expect(rows.slice(0, 3).map((r) => [r[10], r[2], r[8], r[3], r[4]])).toEqual([
      ['sch771011', 'ШНОР', 'правило 1', 'зона риска', 'только по A'],
      ['sch771023', 'ШНОР', 'правило 2', 'зона риска', 'только по A'],
      ['sch771024', 'ШНОР', 'правило 2', 'зона риска', 'только по A'],
    ]);
    expect(String(rows[1]?.[5])).toMatch(/^Комбинация правил: в B условия объединены через «и» — правило 2 выполнено/);
    // Reasons on one wrapped line each, not a cell of many lines that makes the row tall.
    expect(rows.every((r) => !String(r[6]).includes('\n') && !String(r[7]).includes('\n'))).toBe(true);
    expect(String(rows[0]?.[6])).toMatch(
      /^Правило 1: низкие результаты по \d+ процедурам в 2026 г\. \(нужно не менее 2\)\. ВПР [^;]+; ВПР /,
    );
    // A school judged alike on the same grounds: B's reasons are not repeated.
    expect(rows.some((r) => r[7] === 'те же, что по A')).toBe(true);
    expect(rows.slice(3).every((r) => r[4] === '')).toBe(true);
    expect(tab.rules.every((r) => r.formula.includes('N("ШНОР")'))).toBe(true);
    expect(tab.rules[0]?.formula).toBe('=AND(N("ШНОР")=0,$E7="только по A")');
    // Every cell of the table wraps in its column; only the header rows are frozen.
    expect(tab.wraps[COMPARE_HEADER_ROW + 1]?.every((w) => w === true)).toBe(true);
    expect(tab.frozen).toEqual({ rows: COMPARE_HEADER_ROW + 1, cols: 0 });
    expect(out.summary).toBe('ШНОР по A: 22, по B: 19; в обоих перечнях — 19; только по A — 3; только по B — 0.');
  });

  it('re-running replaces the tab; nothing else in the workbook changes', () => {
    const wb = new MemoryWorkbook(grids);
    const before = JSON.stringify([...wb.sheets.values()]);
    compareAction(wb, { a: 'novokuznetsk-2020', b: 'rosobrnadzor-2025-or' });
    const once = JSON.stringify(wb.sheet(COMPARE_SHEET));
    compareAction(wb, { a: 'novokuznetsk-2020', b: 'rosobrnadzor-2025-or' });
    expect(JSON.stringify(wb.sheet(COMPARE_SHEET))).toBe(once);
    wb.sheets.delete(COMPARE_SHEET);
    expect(JSON.stringify([...wb.sheets.values()])).toBe(before);
  });

  it('refuses the same set twice, an unknown preset, and asks when several sheets hold results', () => {
    const wb = new MemoryWorkbook(grids);
    expect(compareAction(wb, { a: 'novokuznetsk-2020', b: 'novokuznetsk-2020' })).toEqual({
      kind: 'failed',
      message: 'Выберите два разных набора критериев.',
    });
    const unknown = compareAction(wb, { a: 'novokuznetsk-2020', b: 'kazan-2026' });
    expect(unknown.kind === 'failed' && unknown.message).toBe(
      'Нет набора критериев «kazan-2026». Есть: settings, novokuznetsk-2020, rosobrnadzor-2025-or, rosobrnadzor-2025-and.',
    );
    const two = new MemoryWorkbook([
      { sheet: 'Заметки', values: [['план']] },
      { ...grids[0]!, sheet: '2025' },
      { ...grids[0]!, sheet: '2026' },
    ]);
    const asked = compareAction(two, { a: 'novokuznetsk-2020', b: 'rosobrnadzor-2025-or' });
    expect(asked.kind === 'choose' && asked.candidates).toEqual(['2025', '2026']);
    expect(compareAction(two, { a: 'novokuznetsk-2020', b: 'rosobrnadzor-2025-or', sheet: '2026' }).kind).toBe('done');
  });
});

describe('spreadsheet calls', () => {
  it('are the same for 10 and 2,000 schools', () => {
    const counts = [10, 2000].map((n) => {
      const wb = new MemoryWorkbook([benchGrid(n)]);
      compareAction(wb, { a: 'novokuznetsk-2020', b: 'rosobrnadzor-2025-and' });
      wb.resetCalls();
      compareAction(wb, { a: 'novokuznetsk-2020', b: 'rosobrnadzor-2025-and' });
      return Object.fromEntries(wb.calls);
    });
    expect(counts[1]).toEqual(counts[0]);
    // With the closing toast and the wrapping of the table: 13.
    expect(Object.values(counts[0]!).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(13);
  });
});
