/**
 * Synthetic figures (core/chart) of each kind, with the numbers a district's справка or school card would
 * show: %«2» of a school against the district over 2024–2026 with a threshold, marks 2/3/4/5 of the latest
 * year, primary scores with the mark boundaries, schools by status. Numbers chosen so that rounding shows
 * (27,25 → «27,3»).
 */
import { type Figure, figureBlock } from '../../src/core/chart';
import type { ChartSpec, Workbook } from '../../src/workbook/port';

export const trendFigure = (): Figure => ({
  kind: 'line',
  title: 'Доля «2», ВПР МА 5',
  categories: ['2024', '2025', '2026'],
  series: [
    { name: 'Школа', role: 'school', values: [31.5, 27.25, 22.1] },
    { name: 'Район', role: 'district', values: [14.2, 13.8, null] },
    { name: 'Порог 15 %', role: 'threshold', values: [15, 15, 15] },
  ],
  axis: { title: 'Доля «2», %', percent: true, min: 0 },
  size: { width: 640, height: 320 },
});

export const marksFigure = (): Figure => ({
  kind: 'stacked-bar',
  title: 'Отметки ВПР МА 5, 2026',
  categories: ['Школа', 'Район'],
  series: [
    { name: 'Отметка «2»', role: 'part', values: [22.1, 12.4] },
    { name: 'Отметка «3»', role: 'part', values: [40.3, 35.6] },
    { name: 'Отметка «4»', role: 'part', values: [27.6, 36] },
    { name: 'Отметка «5»', role: 'part', values: [10, 16] },
  ],
  axis: { title: 'Доля участников, %', percent: true, min: 0, max: 100 },
  size: { width: 640, height: 220 },
});

/** Scores 0 … 20; «3» from 7, «4» from 12, «5» from 17. */
export const histogramFigure = (): Figure => ({
  kind: 'histogram',
  title: 'Первичные баллы, ВПР МА 5, 2026',
  categories: Array.from({ length: 21 }, (_, i) => String(i)),
  series: [
    { name: 'Школа', role: 'school', values: Array.from({ length: 21 }, (_, i) => Math.round(100 * Math.exp(-((i - 8) ** 2) / 18)) / 10) },
    {
      name: 'Район',
      role: 'district',
      values: Array.from({ length: 21 }, (_, i) => Math.round(100 * Math.exp(-((i - 11) ** 2) / 20)) / 10),
    },
  ],
  axis: { title: 'Доля участников, %', percent: true },
  marks: [
    { at: 7, label: '3' },
    { at: 12, label: '4' },
    { at: 17, label: '5' },
  ],
  size: { width: 640, height: 300 },
});

export const statusFigure = (): Figure => ({
  kind: 'column',
  title: 'Школы района по статусу',
  categories: ['ШНОР', 'Зона риска', 'Без рисков'],
  series: [
    { name: '2025', role: 'district', values: [6, 4, 20] },
    { name: '2026', role: 'school', values: [5, 3, 22] },
  ],
  axis: { title: 'Школ', percent: false },
  size: { width: 640, height: 280 },
});

export const allFigures = (): Figure[] => [trendFigure(), marksFigure(), histogramFigure(), statusFigure()];

/**
 * The figures down a tab: each one's block at the left, its chart to the right of it (column G), the next
 * below whichever is taller. Returns the charts, for replaceCharts.
 */
export function layFigures(wb: Workbook, sheet: string, figures: readonly Figure[]): ChartSpec[] {
  let row = 0;
  return figures.map((f) => {
    const block = figureBlock(f);
    wb.writeBlock(sheet, row, 0, block);
    const chart: ChartSpec = {
      title: f.title,
      range: { row, col: 0, rows: block.length, cols: block[0]?.length ?? 0 },
      anchor: { row, col: 6 },
      figure: f,
    };
    row += Math.max(block.length + 2, Math.ceil(f.size.height / 20) + 1);
    return chart;
  });
}
