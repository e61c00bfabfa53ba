import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, SUMMARY_SHEET } from '../../src/actions/analyze';
import { buildIndicators } from '../../src/actions/indicators';
import { moscowDate, REPORT_SHEET, writeReport } from '../../src/actions/report';
import type { Grid } from '../../src/core/results';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { benchGrid } from '../../scripts/bench';
import { sampleGrids } from '../support/sample';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

describe('«Аналитическая справка» on the sample district', () => {
  it('agrees with «ШНОР: итоги» and replaces its tab when regenerated', () => {
    const wb = new MemoryWorkbook(grids);
    const now = new Date('2026-11-23T22:30:00Z');
    const out = writeReport(wb, { now });
    expect(out.kind).toBe('done');
    if (out.kind !== 'done') return;
    analyze(wb);
    const rows = wb.sheet(SUMMARY_SHEET).values.slice(5);
    const shnor = rows.filter((r) => r[4] === 'ШНОР');
    const risk = rows.filter((r) => r[4] === 'зона риска');
    const lines = wb.sheet(REPORT_SHEET).values.map((r) => String(r[0]));
    expect(lines[1]).toBe('Дата составления: 24.11.2026. Источник данных: лист «Результаты».');
    const counts = lines.find((l) => l.startsWith('По указанным критериям')) ?? '';
    expect(counts).toContain(`: ${shnor.length} из 33 ОО (`);
    expect(counts).toContain(`— ${risk.length} из 33 ОО (`);
    // Every ШНОР school is listed, with its login and reasons.
    for (const r of shnor) expect(lines.some((l) => l.includes(`${r[2]} (${r[1]}): Правило`))).toBe(true);
    expect(lines.some((l) => l.startsWith('Сравнение с выявлением по данным 2025 года'))).toBe(true);
    expect(
      lines.some((l) =>
        /^ВПР МА 5: \d+(,\d)? % → \d+(,\d)? % \([+−]?\d+(,\d)? п\. п\.\); ухудшение в \d+ ОО, улучшение в \d+ ОО из \d+\.$/.test(l),
      ),
    ).toBe(true);
    const again = writeReport(wb, { now });
    expect(again.kind === 'done' && again.lines).toEqual(out.lines);
    expect(wb.sheet(REPORT_SHEET).values.length).toBe(out.lines.length);
  });

  it('reports the indicators against their targets when the workbook has them', () => {
    const wb = new MemoryWorkbook(grids);
    buildIndicators(wb, { template: 'computed' });
    const out = writeReport(wb);
    if (out.kind !== 'done') throw new Error(out.kind);
    const i = out.lines.indexOf('Показатели программы (план и факт):');
    expect(i).toBeGreaterThan(0);
    expect(out.lines[i + 1]).toMatch(/^1\. Число ШНОР \(2026\): план не задан, факт \d+ ОО — нет данных\.$/);
  });

  it('dates in Moscow time', () => {
    expect(moscowDate(new Date('2026-12-31T21:00:00Z'))).toBe('01.01.2027');
  });

  it('takes the same number of spreadsheet calls for 10 and 2,000 schools', () => {
    const calls = [10, 2000].map((n) => {
      const wb = new MemoryWorkbook([benchGrid(n)]);
      writeReport(wb);
      return Object.fromEntries(wb.calls);
    });
    expect(calls[1]).toEqual(calls[0]);
  });
});
