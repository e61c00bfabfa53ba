/**
 * Native charts in the .xlsx: each chart part's series refer to the data block on the sheet and cache its
 * numbers; the book reopens in exceljs and LibreOffice draws the charts (their titles are on the page).
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeReportTab } from '../../src/actions/report';
import type { ChartSpec } from '../../src/workbook/port';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { cellRef } from '../../src/workbook/xlsx-charts';
import { LIBREOFFICE_MISSING, pdfWords, toPdf } from '../support/libreoffice';
import { allFigures, histogramFigure, layFigures, marksFigure, trendFigure } from '../support/figures';

const SHEET = 'Карточка ОО';

/** A tab with each figure's block at the left and its chart to the right of it. */
function book(): { wb: XlsxWorkbook; charts: ChartSpec[] } {
  const wb = XlsxWorkbook.empty();
  wb.ensureSheet(SHEET);
  const charts = layFigures(wb, SHEET, allFigures());
  wb.replaceCharts(SHEET, charts);
  return { wb, charts };
}

const dir = mkdtempSync(join(tmpdir(), 'shnor-charts-'));

describe('native charts in the .xlsx', async () => {
  const { wb, charts } = book();
  const file = join(dir, 'card.xlsx');
  await wb.save(file);
  const files = unzipSync(await readFile(file));
  const text = (name: string) => strFromU8(files[name] as Uint8Array);
  const chartParts = Object.keys(files)
    .filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
    .sort((a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]));

  it('has one chart part per chart, anchored by one drawing of the tab', () => {
    expect(chartParts).toHaveLength(charts.length);
    expect(text('xl/worksheets/sheet1.xml')).toMatch(/<drawing r:id="[^"]+"\/>/);
    const drawing = text('xl/drawings/drawing1.xml');
    const anchors = [...drawing.matchAll(/<xdr:from><xdr:col>(\d+)<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>(\d+)<\/xdr:row>/g)].map(
      (m) => [Number(m[2]), Number(m[1])],
    );
    expect(anchors).toEqual(charts.map((c) => [c.anchor.row, c.anchor.col]));
    expect(text('[Content_Types].xml').match(/drawingml\.chart\+xml/g)).toHaveLength(charts.length);
  });

  it('refers each series to its column of the data block and caches the numbers the sheet holds', async () => {
    const back = await XlsxWorkbook.load(file);
    const values = back.readSheet(SHEET).values;
    chartParts.forEach((part, k) => {
      const xml = text(part);
      const chart = charts[k] as ChartSpec;
      const { row, col, rows } = chart.range;
      const series = [...xml.matchAll(/<c:ser>(.*?)<\/c:ser>/gs)].map((m) => m[1] as string);
      expect(series).toHaveLength(chart.figure?.series.length ?? 0);
      for (const ser of series) {
        const i = Number(ser.match(/<c:idx val="(\d+)"\/>/)?.[1]);
        const name = ser.match(/<c:tx><c:strRef><c:f>([^<]+)<\/c:f>/)?.[1]?.replace(/&apos;|'/g, "'");
        expect(name).toBe(cellRef(SHEET, row, col + 1 + i));
        expect(ser).toContain(`<c:f>${cellRef(SHEET, row + 1, col, rows - 1, 1)}</c:f>`);
        const valRef = ser.match(/<c:val><c:numRef><c:f>([^<]+)<\/c:f>/)?.[1];
        expect(valRef).toBe(cellRef(SHEET, row + 1, col + 1 + i, rows - 1, 1));
        // The cache, point by point, equals the sheet's cells (a gap where the sheet has none).
        const cached = new Map([...ser.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((m) => [Number(m[1]), m[2]]));
        const numCache = ser.slice(ser.indexOf('<c:numCache>'));
        const points = new Map(
          [...numCache.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((m) => [Number(m[1]), Number(m[2])]),
        );
        for (let r = 0; r < rows - 1; r++) {
          const cell = values[row + 1 + r]?.[col + 1 + i] ?? null;
          expect(points.get(r) ?? null, `${chart.title} ${i} ${r}`).toBe(typeof cell === 'number' ? cell : null);
        }
        expect(cached.size).toBeGreaterThan(0);
      }
    });
  });

  it('draws the roles apart: the school solid, the district dashed, the threshold dotted; hatched parts', () => {
    const trend = text(chartParts[0] as string);
    expect(trend).toContain('<c:lineChart>');
    const dash = (name: string) => trend.match(new RegExp(`<c:v>${name}</c:v>.*?<a:prstDash val="([a-zA-Z]+)"/>`, 's'))?.[1];
    expect([dash('Школа'), dash('Район'), dash('Порог 15 %')]).toEqual(['solid', 'dash', 'sysDot']);
    const marks = text(chartParts[1] as string);
    expect(marks).toContain('<c:barDir val="bar"/><c:grouping val="stacked"/>');
    expect(marks.match(/<a:pattFill prst="wdUpDiag">/g)).toHaveLength(2);
    const histogram = text(chartParts[2] as string);
    expect(histogram).toContain('<c:barChart>');
    expect(histogram).toContain('<c:lineChart>');
    expect(histogram).toContain('Границы отметок: «3» — от 7, «4» — от 12, «5» — от 17');
  });

  it("replaces the tab's charts on a second call, and drops them with none", async () => {
    wb.replaceCharts(SHEET, charts.slice(0, 1));
    const again = unzipSync(await wb.toBuffer());
    expect(Object.keys(again).filter((f) => f.startsWith('xl/charts/'))).toHaveLength(1);
    wb.replaceCharts(SHEET, []);
    const none = unzipSync(await wb.toBuffer());
    expect(Object.keys(none).filter((f) => f.startsWith('xl/charts/') || f.startsWith('xl/drawings/'))).toHaveLength(0);
  });

  it('draws a chart without a figure as columns of its block as the sheet holds it', async () => {
    const plain = XlsxWorkbook.empty();
    plain.ensureSheet('Лист');
    plain.writeBlock('Лист', 2, 1, [
      ['Год', 'План', 'Факт'],
      ['2025', 15, 18.2],
      ['2026', 15, null],
    ]);
    plain.replaceCharts('Лист', [{ title: 'План и факт', range: { row: 2, col: 1, rows: 3, cols: 3 }, anchor: { row: 6, col: 1 } }]);
    const xml = strFromU8(unzipSync(await plain.toBuffer())['xl/charts/chart1.xml'] as Uint8Array);
    expect(xml).toContain('<c:barDir val="col"/>');
    expect(xml).toContain(`<c:f>${cellRef('Лист', 3, 3, 2, 1)}</c:f>`);
    expect(xml).toContain('<c:v>Факт</c:v>');
    expect(xml).toContain('<c:pt idx="0"><c:v>18.2</c:v></c:pt></c:numCache>');
  });

  it.skipIf(LIBREOFFICE_MISSING !== null)(
    `opens in LibreOffice, which draws the charts${LIBREOFFICE_MISSING ? ` — пропущено: ${LIBREOFFICE_MISSING}` : ''}`,
    async () => {
      const [pdf] = await toPdf([file]);
      const words = (await pdfWords(pdf as string)).map((w) => w.t);
      // Chart titles and legends are not cells: only a drawn chart puts them on the page.
      expect(words).toEqual(expect.arrayContaining(['Первичные', 'баллы,', 'Границы', 'отметок:', 'Отметка', '«5»']));
    },
    120_000,
  );

  it.skipIf(LIBREOFFICE_MISSING !== null)(
    `keeps each chart of the справка on one printed page (a page break before one the page end would cut)${LIBREOFFICE_MISSING ? ` — пропущено: ${LIBREOFFICE_MISSING}` : ''}`,
    async () => {
      const report = XlsxWorkbook.empty();
      const figures = [trendFigure(), marksFigure(), histogramFigure()];
      writeReportTab(report, [
        { kind: 'title', text: 'Аналитическая справка' },
        // Laid out without the break, the third chart was cut by the end of the first page (looked at).
        {
          kind: 'paragraph',
          text: 'Доля «2» школы снижается (рисунок 1), отметки — на рисунке 2, баллы — на рисунке 3. Текст абзаца достаточно длинный, чтобы перенестись на вторую строку документа и показать ширину.',
        },
        ...figures.map((figure, i) => ({ kind: 'figure' as const, figure, caption: `Рисунок ${i + 1}. ${figure.title}` })),
      ]);
      const path = join(dir, 'report.xlsx');
      await report.save(path);
      expect(text('xl/worksheets/sheet1.xml')).not.toContain('<rowBreaks');
      expect(strFromU8(unzipSync(await readFile(path))['xl/worksheets/sheet1.xml'] as Uint8Array)).toMatch(/<rowBreaks count="1"/);
      const words = await pdfWords((await toPdf([path]))[0] as string);
      // The histogram's title (over its plot) and its axis title (under it) on one page, the title above.
      const axis = words.find((w) => w.t === 'Границы');
      const title = words.find((w) => w.t === 'Первичные' && w.page === axis?.page && w.y < (axis?.y ?? 0));
      expect(axis?.page).toBe(1);
      expect(title).toBeDefined();
    },
    120_000,
  );
});
