/**
 * Figures (core/chart) drawn: the SVG, the PNG at twice the size (resvg), a .docx of many figures and a
 * .xlsx of as many native charts — the cost of a region's cards or справка pictures offline. Part of
 * `npm run bench`; `npm run bench -- --figures` runs only this.
 */
import { performance } from 'node:perf_hooks';
import type { Figure } from '../src/core/chart';
import type { ReportBlock } from '../src/core/report';
import { reportDocx } from '../src/cli/docx';
import { figurePng } from '../src/workbook/figure-png';
import { figureSvg } from '../src/workbook/figure-svg';
import { XlsxWorkbook } from '../src/workbook/xlsx';
import { allFigures, layFigures } from '../test/support/figures';

/**
 * The tests' figures, one of each kind (test/support/figures), each school's under its own title and with its
 * own numbers (every picture differs, as a region's do: a document does not store one picture twice).
 */
const figures = (seed: number): Figure[] =>
  allFigures().map((f) => ({
    ...f,
    title: `${f.title}, школа ${seed}`,
    series: f.series.map((s) =>
      s.role === 'school' ? { ...s, values: s.values.map((v) => (v === null ? null : Math.round((v + (seed % 50) / 10) * 10) / 10)) } : s,
    ),
  }));

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
  const all = Array.from({ length: Math.ceil(count / allFigures().length) }, (_, i) => figures(i))
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
  const charts = layFigures(wb, 'Рисунки', all);
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
    `Рисунки (${f.figures}: тренд, отметки, гистограмма, школы по статусу по очереди): SVG ${f.svgMsEach} мс, PNG вдвое крупнее ${f.pngMsEach} мс на рисунок;`,
    `  .docx со всеми — ${f.docxMs} мс, ${f.docxKb} КБ; .xlsx с ${f.figures} диаграммами Excel — ${f.xlsxMs} мс, ${f.xlsxKb} КБ`,
  ];
}
