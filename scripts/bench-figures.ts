/**
 * Figures (core/chart) drawn: the SVG, the PNG at twice the size (resvg), a .docx of many figures and a
 * .xlsx of as many native charts — the cost of a region's cards or справка pictures offline. Part of
 * `npm run bench`; `npm run bench -- --figures` runs only this.
 */
import { performance } from 'node:perf_hooks';
import type { Figure } from '../src/core/chart';
import { figureBlock } from '../src/core/chart';
import type { ReportBlock } from '../src/core/report';
import { reportDocx } from '../src/cli/docx';
import { figurePng } from '../src/workbook/figure-png';
import { figureSvg } from '../src/workbook/figure-svg';
import type { ChartSpec } from '../src/workbook/port';
import { XlsxWorkbook } from '../src/workbook/xlsx';

/** One figure of each kind, with the numbers of a school against its district. */
function figures(seed: number): Figure[] {
  const v = (i: number) => Math.round(((seed * 37 + i * 11) % 300) / 10 + 5);
  const scores = Array.from({ length: 21 }, (_, i) => String(i));
  return [
    {
      kind: 'line',
      title: `Доля «2», ВПР МА 5, школа ${seed}`,
      categories: ['2024', '2025', '2026'],
      series: [
        { name: 'Школа', role: 'school', values: [v(1), v(2), v(3)] },
        { name: 'Район', role: 'district', values: [12.5, 13.1, 11.8] },
        { name: 'Порог 15 %', role: 'threshold', values: [15, 15, 15] },
      ],
      axis: { title: 'Доля «2», %', percent: true, min: 0 },
      size: { width: 640, height: 320 },
    },
    {
      kind: 'stacked-bar',
      title: 'Отметки ВПР МА 5, 2026',
      categories: ['Школа', 'Район'],
      series: ['2', '3', '4', '5'].map((m, i) => ({
        name: `Отметка «${m}»`,
        role: 'part' as const,
        values: [[v(4), 40, 30, 10][i] ?? 0, [12, 40, 33, 15][i] ?? 0],
      })),
      axis: { title: 'Доля участников, %', percent: true, min: 0, max: 100 },
      size: { width: 640, height: 220 },
    },
    {
      kind: 'histogram',
      title: 'Первичные баллы, ВПР МА 5, 2026',
      categories: scores,
      series: [
        { name: 'Школа', role: 'school', values: scores.map((_, i) => Math.round(100 * Math.exp(-((i - 8 - (seed % 3)) ** 2) / 18)) / 10) },
        { name: 'Район', role: 'district', values: scores.map((_, i) => Math.round(100 * Math.exp(-((i - 11) ** 2) / 20)) / 10) },
      ],
      axis: { title: 'Доля участников, %', percent: true },
      marks: [
        { at: 7, label: '3' },
        { at: 12, label: '4' },
        { at: 17, label: '5' },
      ],
      size: { width: 640, height: 300 },
    },
  ];
}

export interface FiguresReport {
  figures: number;
  svgMsEach: number;
  pngMsEach: number;
  docxMs: number;
  docxKb: number;
  xlsxMs: number;
  xlsxKb: number;
}

export async function measureFigures(count = 300): Promise<FiguresReport> {
  const all = Array.from({ length: Math.ceil(count / 3) }, (_, i) => figures(i))
    .flat()
    .slice(0, count);
  figurePng(all[0] as Figure); // the font is read once
  let start = performance.now();
  for (const f of all) figureSvg(f);
  const svgMsEach = (performance.now() - start) / all.length;
  start = performance.now();
  for (const f of all) figurePng(f);
  const pngMsEach = (performance.now() - start) / all.length;
  const blocks: ReportBlock[] = all.map((figure, i) => ({ kind: 'figure', figure, caption: `Рисунок ${i + 1}. ${figure.title}` }));
  start = performance.now();
  const docx = await reportDocx(blocks);
  const docxMs = performance.now() - start;
  const wb = XlsxWorkbook.empty();
  wb.ensureSheet('Рисунки');
  const charts: ChartSpec[] = [];
  let row = 0;
  for (const f of all) {
    const block = figureBlock(f);
    wb.writeBlock('Рисунки', row, 0, block);
    charts.push({
      title: f.title,
      range: { row, col: 0, rows: block.length, cols: block[0]?.length ?? 1 },
      anchor: { row, col: 5 },
      figure: f,
    });
    row += Math.max(block.length + 1, Math.ceil(f.size.height / 20) + 1);
  }
  start = performance.now();
  wb.replaceCharts('Рисунки', charts);
  const xlsx = await wb.toBuffer();
  const xlsxMs = performance.now() - start;
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    figures: all.length,
    svgMsEach: r(svgMsEach),
    pngMsEach: r(pngMsEach),
    docxMs: Math.round(docxMs),
    docxKb: Math.round(docx.length / 1024),
    xlsxMs: Math.round(xlsxMs),
    xlsxKb: Math.round(xlsx.length / 1024),
  };
}

export function figuresLines(f: FiguresReport): string[] {
  return [
    `Рисунки (${f.figures}: тренд, отметки, гистограмма по очереди): SVG ${f.svgMsEach} мс, PNG вдвое крупнее ${f.pngMsEach} мс на рисунок;`,
    `  .docx со всеми — ${f.docxMs} мс, ${f.docxKb} КБ; .xlsx с ${f.figures} диаграммами Excel — ${f.xlsxMs} мс, ${f.xlsxKb} КБ`,
  ];
}
