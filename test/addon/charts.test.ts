/**
 * Charts through the built bundle on the emulator: «Аналитическая справка» replaces the charts of its tab on
 * every run (a chart of an earlier run goes, as its values do), and the bundle carries the native chart
 * builder (chart-options) that draws figures in Sheets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchGrid } from '../../scripts/bench';
import { REPORT_SHEET } from '../../src/actions/report';
import { callGlobal, DIST, loadBundle } from '../support/gas';
import { stubSpreadsheetApp, stubSpreadsheetOf } from '../support/sheets-stub';

describe('charts in the bundle', () => {
  it('the справка run replaces the charts of its tab', () => {
    const ss = stubSpreadsheetOf([benchGrid(60)]);
    const { context, emulator: em } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'menuCheckSchools');
    callGlobal(context, 'menuReport');
    // A chart left on the tab by an earlier run (a figure the справка of today does not have).
    const sheet = em.spreadsheet().getSheetByName(REPORT_SHEET)!;
    const g = em.globals(
      { menu() {}, alert() {}, ask: () => ({ button: 'CLOSE', text: '' }), showSidebar() {}, showDialog() {}, toast() {} },
      { dist: DIST, title: 'ШНОР' },
    ) as { Charts: { ChartType: Record<string, string> } };
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType(g.Charts.ChartType.LINE)
        .addRange(sheet.getRange(1, 1, 3, 2))
        .setPosition(10, 1, 0, 0)
        .setOption('title', 'Доля «2», ВПР МА 5')
        .build(),
    );
    const drawn = em.wb.sheet(REPORT_SHEET).charts.length - 1;
    // The справка's own figures (schools by status, the district's %«2», a figure per ШНОР) and the stray one.
    expect(drawn).toBeGreaterThan(1);
    const titles = em.wb
      .sheet(REPORT_SHEET)
      .charts.slice(0, drawn)
      .map((c) => c.native?.options.title);
    const before = em.log.length;
    callGlobal(context, 'menuReport');
    const calls = em.log.slice(before).map((c) => c.call);
    expect(calls.filter((c) => c === 'Sheet.getCharts')).toHaveLength(1);
    expect(calls.filter((c) => c === 'Sheet.removeChart')).toHaveLength(drawn + 1);
    expect(calls.filter((c) => c === 'Sheet.insertChart')).toHaveLength(drawn);
    // The same figures again, the stray chart gone.
    expect(em.wb.sheet(REPORT_SHEET).charts.map((c) => c.native?.options.title)).toEqual(titles);
    expect(titles).not.toContain('Доля «2», ВПР МА 5');
  });

  it('carries the native chart builder: types, dashes and the percent axis of chart-options', () => {
    const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
    for (const s of ['lineDashStyle', 'treatLabelsAsText', 'isStacked', 'seriesType']) expect(code).toContain(s);
  });
});
