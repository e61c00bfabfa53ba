import { beforeAll, describe, expect, it } from 'vitest';
import { benchGrid } from '../../scripts/bench';
import { analyze } from '../../src/actions/analyze';
import { buildIndicators, HEADER_ROW, INDICATORS_SHEET } from '../../src/actions/indicators';
import { SCHOOL_INDICATORS_SHEET } from '../../src/actions/school-indicators';
import type { Grid } from '../../src/core/results';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { sampleGrids } from '../support/sample';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const header = (wb: MemoryWorkbook) => (wb.sheet(INDICATORS_SHEET).values[HEADER_ROW] ?? []).map(String);
const row = (wb: MemoryWorkbook, name: string) => wb.sheet(INDICATORS_SHEET).values.find((r) => r[1] === name) ?? [];
const cell = (wb: MemoryWorkbook, name: string, column: string) => row(wb, name)[header(wb).indexOf(column)];

describe('«Построить вкладку показателей» on the sample district', () => {
  it('fills the computed indicators from the workbook, agreeing with «ШНОР: итоги»', () => {
    const wb = new MemoryWorkbook(grids);
    const out = buildIndicators(wb);
    expect(out.kind).toBe('done');
    const checked = analyze(wb);
    if (checked.kind !== 'done') throw new Error(checked.kind);
    const { counts, verdicts } = checked.assessment;
    expect(cell(wb, 'Число ШНОР', 'Факт 2026')).toBe(counts.ШНОР);
    expect(cell(wb, 'Доля ШНОР среди всех ОО', 'Факт 2026')).toBe(Math.round((counts.ШНОР / verdicts.length) * 1000) / 10);
    expect(cell(wb, 'Число ОО в зоне риска', 'Факт 2026')).toBe(counts['зона риска']);
    // 2024 is the first year: nothing to compare with.
    expect(cell(wb, 'Доля ШНОР, обучающиеся которых показали более высокие результаты, чем годом раньше', 'Факт 2024')).toBeNull();
    expect(cell(wb, 'Число ШНОР', 'Расчёт')).toBe('по книге: число ШНОР');
    expect(header(wb)).toEqual([
      '№',
      'Показатель',
      'Ед. изм.',
      'Лучше, если',
      'Базовый год',
      'Базовое значение',
      'План 2024',
      'Факт 2024',
      'План 2025',
      'Факт 2025',
      'План 2026',
      'Факт 2026',
      'Год оценки',
      'Отклонение (факт − план)',
      'Статус',
      'Источник',
      'Расчёт',
    ]);
    expect(wb.sheet(INDICATORS_SHEET).rules.map((r) => r.background)).toEqual(['#b7e1cd', '#f4c7c3', '#fce8b2', '#e0e0e0']);
  });

  it('starts from a programme template and judges it: Новокузнецк wants at most 15 %', () => {
    const wb = new MemoryWorkbook(grids);
    buildIndicators(wb, { template: 'novokuznetsk-2020' });
    const name = 'Доля общеобразовательных организаций, имеющих низкие образовательные результаты, от общего количества ОО муниципалитета';
    expect(cell(wb, name, 'План 2021')).toBe(15);
    // The target of 2021 holds in every later year: 2026's fact (7 of 33, 21,2 %) is above it.
    expect(cell(wb, name, 'Год оценки')).toBe(2026);
    expect(cell(wb, name, 'Факт 2026')).toBe(21.2);
    expect(cell(wb, name, 'Статус')).toBe('не достигнуто');
    expect(cell(wb, name, 'Отклонение (факт − план)')).toBe(6.2);
    // The chart of planned against actual for that indicator, over its data block.
    const sheet = wb.sheet(INDICATORS_SHEET);
    expect(sheet.charts).toHaveLength(1);
    const { range } = sheet.charts[0]!;
    expect(sheet.values.slice(range.row, range.row + range.rows).map((r) => r.slice(range.col, range.col + 3))).toEqual([
      ['Год', 'План', 'Факт'],
      ['2021', 15, null],
      ['2024', null, expect.any(Number)],
      ['2025', null, expect.any(Number)],
      ['2026', null, expect.any(Number)],
    ]);
    buildIndicators(wb);
    expect(wb.sheet(INDICATORS_SHEET).charts).toHaveLength(1);
  });

  it('never overwrites hand-entered values, renamed indicators, new plans or added rows', () => {
    const wb = new MemoryWorkbook(grids);
    buildIndicators(wb, { template: 'bezhetsk-2021' });
    const sheet = wb.sheet(INDICATORS_SHEET);
    const h = header(wb);
    const r = sheet.values.findIndex((x) => String(x[1]).startsWith('Процент укомплектованности'));
    const line = sheet.values[r] as unknown[];
    line[h.indexOf('Факт 2024')] = '82,5';
    line[1] = 'Укомплектованность кадрами, %';
    line[h.indexOf('План 2024')] = 85;
    sheet.values.push([null, 'Доля педагогов, прошедших диагностику', '%', 'больше', null, null, null, null, null, null, 90, 95]);
    const out = buildIndicators(wb);
    expect(out.kind).toBe('done');
    expect(cell(wb, 'Укомплектованность кадрами, %', 'Факт 2024')).toBe(82.5);
    expect(cell(wb, 'Укомплектованность кадрами, %', 'План 2024')).toBe(85);
    expect(cell(wb, 'Укомплектованность кадрами, %', 'Статус')).toBe('не достигнуто');
    expect([
      cell(wb, 'Доля педагогов, прошедших диагностику', 'План 2024'),
      cell(wb, 'Доля педагогов, прошедших диагностику', 'Факт 2024'),
    ]).toEqual([90, 95]);
    expect(h[10]).toBe('План 2024');
    expect(wb.sheet(INDICATORS_SHEET).values.filter((x) => typeof x[0] === 'number')).toHaveLength(7);
  });

  it('refuses to refresh over an unreadable hand value, naming the cell, and changes nothing', () => {
    const wb = new MemoryWorkbook(grids);
    buildIndicators(wb, { template: 'konakovo-2020' });
    const sheet = wb.sheet(INDICATORS_SHEET);
    (sheet.values[HEADER_ROW + 1] as unknown[])[header(wb).indexOf('Факт 2021')] = 'сто';
    const before = JSON.stringify(sheet.values);
    const out = buildIndicators(wb);
    expect(out).toEqual({
      kind: 'failed',
      message: 'Вкладка показателей не обновлена, исправьте:\nЛист «Показатели», строка 5, столбец H: «сто» — не число.',
    });
    expect(JSON.stringify(wb.sheet(INDICATORS_SHEET).values)).toBe(before);
  });

  it('lays its head out on either side of the frozen columns, and rebuilds a tab whose head an earlier version merged across them', () => {
    const wb = new MemoryWorkbook(grids);
    buildIndicators(wb);
    const tab = wb.sheet(INDICATORS_SHEET);
    expect(tab.frozen).toEqual({ rows: HEADER_ROW + 1, cols: 2 });
    expect(tab.values[1]?.[0]).toBe('Как заполнять');
    expect(String(tab.values[1]?.[2])).toMatch(/^Строки с отметкой «по книге: …»/);
    expect(tab.merges.filter((m) => m.col === 0)).toEqual([0, 1].map((row) => ({ row, col: 0, rows: 1, cols: 2 })));
    expect(tab.merges.filter((m) => m.col === 2).map((m) => m.row)).toEqual([0, 1]);
    // The old head: each line merged across the whole table, over the frozen edge.
    tab.merges = [0, 1].map((row) => ({ row, col: 0, rows: 1, cols: (tab.values[HEADER_ROW] ?? []).length }));
    expect(buildIndicators(wb).kind).toBe('done');
    expect(wb.sheet(INDICATORS_SHEET).merges.every((m) => m.col + m.cols <= 2 || m.col >= 2)).toBe(true);
  });

  it('takes the same number of spreadsheet calls for 10 and 2,000 schools', () => {
    const calls = [10, 2000].map((n) => {
      const wb = new MemoryWorkbook([benchGrid(n)]);
      buildIndicators(wb);
      wb.resetCalls();
      buildIndicators(wb);
      return Object.fromEntries(wb.calls);
    });
    expect(calls[1]).toEqual(calls[0]);
  });
});

describe('«Показатели ОО»: a block per ШНОР school', () => {
  it('shows the school against the district average and keeps the targets it was given', () => {
    const wb = new MemoryWorkbook(grids);
    buildIndicators(wb);
    const sheet = wb.sheet(SCHOOL_INDICATORS_SHEET);
    const titles = sheet.values.filter((r) => String(r[0]).startsWith('ОО: ')).map((r) => r[0]);
    const checked = analyze(new MemoryWorkbook(grids));
    if (checked.kind !== 'done') throw new Error(checked.kind);
    expect(titles).toEqual(checked.assessment.verdicts.filter((v) => v.status === 'ШНОР').map((v) => `ОО: ${v.name} (${v.login})`));
    const start = sheet.values.findIndex((r) => r[0] === 'ОО: МБОУ «СОШ № 5» (sch771005)');
    expect(sheet.values[start + 1]).toEqual([
      'Процедура',
      '% «2», 2024',
      '% «2», 2025',
      '% «2», 2026',
      'Среднее по району, 2026',
      'Разница со средним, п. п.',
      'Цель ОО, % «2»',
      'Цель достигнута',
    ]);
    const ma5 = sheet.values.slice(start).find((r) => r[0] === 'ВПР МА 5') as unknown[];
    expect(ma5[3]).toBe(35.6);
    // The district average by hand: the mean of every school's ВПР МА 5 share in 2026.
    const table = checked.assessment.verdicts.length;
    expect(table).toBe(33);
    const resultSheet = wb.readSheet('Результаты').values;
    const col = (resultSheet[1] ?? []).findIndex((v) => v === 'ВПр МА 5 2026');
    const shares = resultSheet
      .slice(3, 36)
      .map((r) => Number(String(r[col]).replace(',', '.').replace('%', '')))
      .filter((x) => Number.isFinite(x));
    expect(ma5[4]).toBe(Math.round((shares.reduce((a, b) => a + b, 0) / shares.length) * 10) / 10);
    // A target typed in by the school survives the refresh and is judged.
    const row = sheet.values.indexOf(ma5 as never);
    (sheet.values[row] as unknown[])[6] = '36';
    buildIndicators(wb);
    const again = wb.sheet(SCHOOL_INDICATORS_SHEET).values[row] as unknown[];
    expect([again[0], again[6], again[7]]).toEqual(['ВПР МА 5', 36, 'да']);
  });
});
