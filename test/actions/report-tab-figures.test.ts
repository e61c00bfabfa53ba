/**
 * The справка tab's figures: each figure block becomes a chart over empty rows, the caption under it and the
 * figure's numbers under the caption — the block the chart is drawn from. On the in-memory workbook (calls
 * counted) and on the Apps Script adapter over the emulator (the native chart Sheets would get).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { figureBlock } from '../../src/core/chart';
import { REPORT_COLUMNS, type ReportBlock } from '../../src/core/report';
import { REPORT_SHEET, writeReportTab } from '../../src/actions/report';
import { AppsScriptWorkbook } from '../../src/workbook/appsscript';
import { MemoryWorkbook, type StoredChart } from '../../src/workbook/memory';
import { ROLE_STYLES } from '../../src/workbook/figure-svg';
import { install, StubSpreadsheet, uninstall } from '../support/sheets-stub';
import { histogramFigure, marksFigure, trendFigure } from '../support/figures';

const PAGE = REPORT_COLUMNS.reduce((a, b) => a + b, 0);
const wide = { ...trendFigure(), size: { width: 900, height: 450 } };
const blocks: ReportBlock[] = [
  { kind: 'title', text: 'Аналитическая справка' },
  { kind: 'paragraph', text: 'Доля «2» школы снижается (рисунок 1).' },
  { kind: 'figure', figure: wide, caption: 'Рисунок 1. Доля «2», ВПР МА 5: школа и район' },
  { kind: 'figure', figure: marksFigure(), caption: 'Рисунок 2. Отметки ВПР МА 5, 2026' },
  { kind: 'heading', text: 'Выводы' },
  { kind: 'figure', figure: histogramFigure(), caption: 'Рисунок 3. Первичные баллы, ВПР МА 5, 2026' },
  { kind: 'paragraph', text: 'Конец.' },
];

/** The block at a chart's range as the sheet holds it. */
const blockAt = (values: unknown[][], c: StoredChart) =>
  Array.from({ length: c.range.rows }, (_, r) =>
    Array.from({ length: c.range.cols }, (__, k) => values[c.range.row + r]?.[c.range.col + k] ?? null),
  );

/** A chart's options as the tests read them (nested objects and arrays of Google Charts' configuration). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of any shape, read by path
type Options = Record<string, any>;

/** The size a chart is drawn at: its figure's, or the width and height options Sheets was given. */
const sizeOf = (c: StoredChart) => c.figure?.size ?? { width: Number(c.native?.options.width), height: Number(c.native?.options.height) };

function checkTab(values: unknown[][], charts: StoredChart[]) {
  const figures = blocks.filter((b): b is Extract<ReportBlock, { kind: 'figure' }> => b.kind === 'figure');
  expect(charts).toHaveLength(figures.length);
  charts.forEach((c, i) => {
    const b = figures[i] as (typeof figures)[number];
    // The chart draws the numbers written under its caption, as figureBlock gives them.
    // (An empty cell reads back as null, whether '' or nothing was written.)
    const blank = (grid: unknown[][]) => grid.map((row) => row.map((v) => (v === '' || v === undefined ? null : v)));
    expect(blank(blockAt(values, c))).toEqual(blank(figureBlock(b.figure)));
    expect(sizeOf(c).width).toBeLessThanOrEqual(PAGE);
    expect(c.title).toBe(b.figure.title);
    // The numbers start in the document's second column: the first («№», 36 px) is too narrow for «Школа».
    expect(c.range.col).toBe(1);
    // Empty rows under the chart, enough for its height at 20 px a row; the caption right after them.
    const rows = Math.ceil(sizeOf(c).height / 20) + 1;
    for (let r = c.anchor.row; r < c.anchor.row + rows; r++)
      expect(values[r]?.every((v) => v === null || v === undefined) ?? true).toBe(true);
    expect(values[c.anchor.row + rows]?.[0]).toBe(b.caption);
    expect(c.range.row).toBe(c.anchor.row + rows + 1);
  });
  // The wide figure is narrowed to the document, its height in proportion.
  expect(sizeOf(charts[0] as StoredChart)).toEqual({ width: PAGE, height: Math.round((450 * PAGE) / 900) });
}

describe('writeReportTab with figures', () => {
  afterEach(() => uninstall());

  it('on the in-memory workbook: chart, caption, numbers; one replaceCharts; a re-run replaces the charts', () => {
    const wb = new MemoryWorkbook();
    writeReportTab(wb, blocks);
    const s = wb.sheet(REPORT_SHEET);
    checkTab(s.values, s.charts);
    expect(wb.calls.get('replaceCharts')).toBe(1);
    // Years stay text; the numbers are numbers, shown with one decimal.
    const first = s.charts[0] as StoredChart;
    // The format of a cell: the last format written over it (the memory workbook keeps runs by range).
    const formatAt = (row: number, col: number) => {
      let found = '';
      for (const [key, f] of s.numberFormats) {
        const [r, c, rows, cols] = key.split(':').map(Number) as [number, number, number, number];
        if (row >= r && row < r + rows && col >= c && col < c + cols) found = f;
      }
      return found;
    };
    for (let r = first.range.row + 1; r < first.range.row + first.range.rows; r++) {
      expect(formatAt(r, first.range.col)).toBe('@');
      for (let c = first.range.col + 1; c < first.range.col + first.range.cols; c++) expect(formatAt(r, c)).toBe('0.0');
    }
    expect(formatAt(first.range.row, first.range.col + 1)).toBe('');
    expect(wb.calls.get('setNumberFormats')).toBe(1);
    writeReportTab(wb, blocks.slice(0, 3));
    expect(wb.sheet(REPORT_SHEET).charts.map((c) => c.title)).toEqual([wide.title]);
    writeReportTab(wb, [{ kind: 'paragraph', text: 'Без рисунков.' }]);
    expect(wb.sheet(REPORT_SHEET).charts).toEqual([]);
  });

  it('on the Apps Script adapter: native charts of each kind, their series by role, the data as written', () => {
    const ss = new StubSpreadsheet(['Данные']);
    install(ss);
    const wb = new AppsScriptWorkbook(ss.gas());
    writeReportTab(wb, blocks);
    const s = ss.em.wb.sheet(REPORT_SHEET);
    checkTab(s.values, s.charts);
    expect(s.charts.map((c) => c.native?.type)).toEqual(['LINE', 'BAR', 'COMBO']);
    const trend = s.charts[0]?.native?.options as Options;
    expect(trend.series[0]).toMatchObject({ color: ROLE_STYLES.school.color, lineWidth: 3 });
    expect(trend.series[0].lineDashStyle).toBeUndefined();
    expect(trend.series[1]).toMatchObject({ color: ROLE_STYLES.district.color, lineDashStyle: [7, 4], pointShape: 'square' });
    expect(trend.series[2]).toMatchObject({ color: ROLE_STYLES.threshold.color, lineDashStyle: [2, 3], pointSize: 0 });
    expect(trend.vAxis).toMatchObject({ title: 'Доля «2», %', format: '0.#" %"', viewWindow: { min: 0 } });
    expect(trend.treatLabelsAsText).toBe(true);
    const marks = s.charts[1]?.native?.options as Options;
    expect(marks.isStacked).toBe(true);
    expect(marks.hAxis).toMatchObject({ viewWindow: { min: 0, max: 100 } });
    const histogram = s.charts[2]?.native?.options as Options;
    expect(histogram.seriesType).toBe('bars');
    expect(histogram.series[1]).toMatchObject({ type: 'line' });
    expect(histogram.hAxis.title).toBe('Границы отметок: «3» — от 7, «4» — от 12, «5» — от 17');
    // Years written as text stay text in Sheets (the column is formatted as text first).
    expect(s.values[(s.charts[0] as StoredChart).range.row + 1]?.[1]).toBe('2024');
    // Again: the three charts go, three come; Sheets was asked for the tab's charts once.
    const before = ss.em.log.length;
    writeReportTab(wb, blocks);
    const made = ss.em.log.slice(before).map((c) => c.call);
    expect(made.filter((c) => c === 'Sheet.getCharts')).toHaveLength(1);
    expect(made.filter((c) => c === 'Sheet.removeChart')).toHaveLength(3);
    expect(made.filter((c) => c === 'Sheet.insertChart')).toHaveLength(3);
    expect(ss.em.wb.sheet(REPORT_SHEET).charts).toHaveLength(3);
  });
});
