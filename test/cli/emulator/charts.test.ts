/** Embedded charts in the emulator, as REF/spreadsheet/embedded-chart-builder and REF/charts/chart-type have them. */
import { describe, expect, it } from 'vitest';
import { AppsScriptEmulator } from '../../../src/cli/emulator/apps-script';
import { MemoryWorkbook } from '../../../src/workbook/memory';

function open() {
  const wb = new MemoryWorkbook([
    {
      sheet: 'Лист',
      values: [
        ['', 'Школа'],
        ['2024', 31.5],
        ['2025', 27.3],
      ],
    },
  ]);
  const em = new AppsScriptEmulator(wb);
  const g = em.globals(
    { menu() {}, alert() {}, ask: () => ({ button: 'CLOSE', text: '' }), showSidebar() {}, showDialog() {}, toast() {} },
    { dist: '', title: 'ШНОР' },
  ) as {
    Charts: { ChartType: Record<string, string> };
  };
  const sheet = em.spreadsheet().getSheetByName('Лист')!;
  return { em, sheet, Charts: g.Charts, wb };
}

describe('embedded charts on the emulator', () => {
  it('build() draws nothing; insertChart puts the chart on the sheet with its type, range, position and options', () => {
    const { sheet, Charts, wb } = open();
    const chart = sheet
      .newChart()
      .setChartType(Charts.ChartType.LINE)
      .addRange(sheet.getRange(1, 1, 3, 2))
      .addRange(sheet.getRange(1, 1, 3, 2))
      .setNumHeaders(1)
      .setPosition(5, 3, 0, 0)
      .setOption('title', 'Доля «2»')
      .setOption('vAxis.title', '%')
      .setOption('series', { 0: { color: '#1b3f73' } })
      .build();
    expect(wb.sheet('Лист').charts).toHaveLength(0);
    sheet.insertChart(chart);
    const [stored] = wb.sheet('Лист').charts;
    expect(stored).toMatchObject({ title: 'Доля «2»', range: { row: 0, col: 0, rows: 3, cols: 2 }, anchor: { row: 4, col: 2 } });
    expect(stored?.native?.type).toBe('LINE');
    expect(sheet.getCharts()[0]?.getOptions().get('vAxis.title')).toBe('%');
    expect(sheet.getCharts()[0]?.getOptions().get('series.0.color')).toBe('#1b3f73');
    sheet.removeChart(sheet.getCharts()[0]!);
    expect(wb.sheet('Лист').charts).toHaveLength(0);
  });

  it('knows every Charts.ChartType and refuses anything else', () => {
    const { sheet, Charts } = open();
    expect(Object.keys(Charts.ChartType)).toEqual(expect.arrayContaining(['LINE', 'COLUMN', 'BAR', 'COMBO', 'HISTOGRAM', 'AREA', 'PIE']));
    expect(() => sheet.newChart().setChartType(Charts.ChartType.STACKED_BAR)).toThrow('Invalid argument: type');
    expect(() => sheet.newChart().setChartType('line')).toThrow('Invalid argument: type');
  });

  it('refuses a position off the sheet', () => {
    const { sheet } = open();
    expect(() => sheet.newChart().setPosition(0, 1, 0, 0)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.newChart().setPosition(1, 27, 0, 0)).toThrow('Those columns are out of bounds.');
  });
});
