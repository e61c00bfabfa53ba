/**
 * The preview draws a tab's charts as Sheets would hold them: the справка's figures written through the Apps
 * Script adapter on the emulator, drawn from the chart type and options Sheets was given, over the grid at
 * their anchor cells.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportBlock } from '../../../src/core/report';
import { REPORT_SHEET, writeReportTab } from '../../../src/actions/report';
import { AppsScriptEmulator } from '../../../src/cli/emulator/apps-script';
import { chartFigure } from '../../../src/cli/preview/view';
import { AppsScriptWorkbook } from '../../../src/workbook/appsscript';
import { MemoryWorkbook } from '../../../src/workbook/memory';
import { launch } from '../../support/browser';
import { openPreview } from '../../support/preview';
import { DIST } from '../../support/gas';
import { histogramFigure, marksFigure, trendFigure } from '../../support/figures';

const blocks: ReportBlock[] = [
  { kind: 'title', text: 'Аналитическая справка' },
  { kind: 'paragraph', text: 'Доля «2» школы снижается (рисунок 1), отметки — на рисунке 2, баллы — на рисунке 3.' },
  { kind: 'figure', figure: trendFigure(), caption: 'Рисунок 1. Доля «2», ВПР МА 5: школа и район' },
  { kind: 'figure', figure: marksFigure(), caption: 'Рисунок 2. Отметки ВПР МА 5, 2026' },
  { kind: 'figure', figure: histogramFigure(), caption: 'Рисунок 3. Первичные баллы, ВПР МА 5, 2026' },
];

/** A spreadsheet whose справка was written by the Apps Script adapter (the emulator keeps each chart's options). */
function sheets(): MemoryWorkbook {
  const wb = new MemoryWorkbook([{ sheet: 'Лист1', values: [] }]);
  const em = new AppsScriptEmulator(wb);
  const g = em.globals(
    { menu() {}, alert() {}, ask: () => ({ button: 'CLOSE', text: '' }), showSidebar() {}, showDialog() {}, toast() {} },
    { dist: DIST, title: 'ШНОР' },
  ) as Record<string, unknown>;
  const saved = ['SpreadsheetApp', 'Charts'].map((n) => [n, (globalThis as Record<string, unknown>)[n]] as const);
  for (const n of ['SpreadsheetApp', 'Charts']) (globalThis as Record<string, unknown>)[n] = g[n];
  try {
    writeReportTab(new AppsScriptWorkbook(em.spreadsheet() as never), blocks);
  } finally {
    for (const [n, v] of saved) (globalThis as Record<string, unknown>)[n] = v;
  }
  return wb;
}

describe('charts in the preview', () => {
  it('reads a figure back from a chart Sheets was given: kind, roles, axis, size', () => {
    const wb = sheets();
    const [trend, marks, histogram] = wb.sheet(REPORT_SHEET).charts;
    const figureOf = (c: typeof trend) => {
      const at = (r: number, k: number) => wb.sheet(REPORT_SHEET).values[(c?.range.row ?? 0) + r]?.[(c?.range.col ?? 0) + k];
      const names = Array.from({ length: (c?.range.cols ?? 1) - 1 }, (_, j) => String(at(0, j + 1)));
      const cats = Array.from({ length: (c?.range.rows ?? 1) - 1 }, (_, i) => String(at(i + 1, 0)));
      const values = cats.map((_, i) => names.map((__, j) => (typeof at(i + 1, j + 1) === 'number' ? (at(i + 1, j + 1) as number) : null)));
      return c ? chartFigure(c, names, cats, values) : null;
    };
    const t = trendFigure();
    expect(figureOf(trend)).toEqual({ ...t, series: t.series.map((s) => ({ ...s })) });
    expect(figureOf(marks)?.kind).toBe('stacked-bar');
    expect(figureOf(marks)?.axis).toEqual(marksFigure().axis);
    const h = figureOf(histogram);
    expect(h?.kind).toBe('histogram');
    expect(h?.series.map((s) => s.role)).toEqual(['school', 'district']);
    // Sheets has no shape for the mark boundaries: they are in the axis title only.
    expect(h?.marks).toBeUndefined();
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch();
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
    });

    it('draws each chart over the empty rows kept for it, above its caption', async () => {
      const p = await openPreview(browser, sheets());
      try {
        await p.tab(REPORT_SHEET);
        const boxes = p.page.locator('#sheet .chart-float');
        await expect.poll(() => boxes.count()).toBe(3);
        const text = await boxes.first().locator('svg').textContent();
        expect(text).toContain('27,3');
        expect(text).toContain('Порог 15 %');
        // Each chart ends above the row of its caption.
        const caption = p.page.locator('#sheet td', { hasText: 'Рисунок 1.' }).first();
        const [chartBox, captionBox] = [await boxes.first().boundingBox(), await caption.boundingBox()];
        expect((chartBox?.y ?? 0) + (chartBox?.height ?? 0)).toBeLessThanOrEqual((captionBox?.y ?? 0) + 1);
        // A picture to look at (the test's temporary folder).
        await p.page.screenshot({ path: join(mkdtempSync(join(tmpdir(), 'shnor-preview-charts-')), 'report.png') });
      } finally {
        await p.close();
      }
    }, 120_000);
  });
});
