import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, SUMMARY_SHEET } from '../../src/actions/analyze';
import { buildIndicators } from '../../src/actions/indicators';
import { moscowDate, REPORT_SHEET, writeReport } from '../../src/actions/report';
import type { Grid } from '../../src/core/results';
import { SCHOOL_FIGURES_MAX } from '../../src/core/report';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { benchGrid } from '../../scripts/bench';
import { sampleGrids } from '../support/sample';
import { summaryTable } from '../support/summary';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

describe('«Аналитическая справка» on the sample district', () => {
  it('agrees with «ШНОР: итоги» figure by figure, and replaces its tab when regenerated', () => {
    const wb = new MemoryWorkbook(grids);
    const now = new Date('2026-11-23T22:30:00Z');
    const out = writeReport(wb, { now });
    expect(out.kind).toBe('done');
    if (out.kind !== 'done') return;
    analyze(wb);
    const { rows, col } = summaryTable(wb.sheet(SUMMARY_SHEET).values);
    const shnor = rows.filter((r) => r[col('status')] === 'ШНОР');
    const risk = rows.filter((r) => r[col('status')] === 'зона риска');
    const lines = wb.sheet(REPORT_SHEET).values.map((r) => String(r[0] ?? ''));
    expect(lines[1]).toBe('Дата составления: 24.11.2026. Источник данных: лист «Результаты».');
    const pct = (n: number) => String(Math.round((n / 33) * 100));
    expect(out.lines).toContain(
      `К школам с низкими образовательными результатами отнесено ${shnor.length} школ из 33 ОО (${pct(shnor.length)} %). ` +
        `В зоне риска (есть низкие результаты, но условия ШНОР не выполнены) — ${risk.length} школы (${pct(risk.length)} %).`,
    );
    // The list: every ШНОР and зона риска school of «ШНОР: итоги», with its rules and as many low results per year.
    const list = out.blocks.find((b) => b.kind === 'table' && b.header[4] === 'Основания');
    if (list?.kind !== 'table') throw new Error('no list');
    // The school as «ШНОР: итоги» names it: «name (login)».
    expect(list.rows.map((r) => [r[1], r[2]])).toEqual([...shnor, ...risk].map((r) => [r[col('school')], r[col('status')]]));
    for (const [i, r] of [...shnor, ...risk].entries()) {
      const row = list.rows[i] as string[];
      const rules = /^Правила? ([12](?: и [12])?):/.exec(String(r[col('reason')]))?.[1] ?? '—';
      expect(row[3]).toBe(rules);
      for (const y of [2025, 2026]) {
        const part = new RegExp(`${y}: ([^.]*)`).exec(row[4] as string)?.[1] ?? '';
        expect(part === '' ? 0 : part.split(', ').length).toBe(r[col('lows', y)]);
      }
    }
    // On the tab: the document's columns (an A4 text width), prose merged across them and wrapped.
    const tab = wb.sheet(REPORT_SHEET);
    expect([...tab.widths.values()].reduce((a, b) => a + b, 0)).toBe(642);
    expect(tab.wraps.every((r) => r.every(Boolean))).toBe(true);
    const at = lines.indexOf('Правило 1: низкие результаты не менее чем по 2 процедурам в году отсчёта (2026).');
    expect(tab.merges.some((m) => m.row <= at && at < m.row + m.rows && m.col === 0 && m.cols === 6)).toBe(true);
    expect(tab.weights[0]?.[0]).toBe('bold');
    const again = writeReport(wb, { now });
    expect(again.kind === 'done' && again.lines).toEqual(out.lines);
    expect(wb.sheet(REPORT_SHEET).values).toEqual(tab.values);
  });

  it('reports the indicators against their targets when the workbook has them: «план не задан» beside a fact', () => {
    const wb = new MemoryWorkbook(grids);
    buildIndicators(wb, { template: 'computed' });
    analyze(wb);
    const shnor = summaryTable(wb.sheet(SUMMARY_SHEET).values)
      .column('status')
      .filter((s) => s === 'ШНОР').length;
    const out = writeReport(wb);
    if (out.kind !== 'done') throw new Error(out.kind);
    const table = out.blocks.find((b) => b.kind === 'table' && b.header[1] === 'Показатель');
    if (table?.kind !== 'table') throw new Error('no indicators');
    expect(table.rows[0]).toEqual(['1', 'Число ШНОР (2026)', 'не задан', `${shnor} ОО`, 'план не задан']);
    expect(out.lines.join('\n')).not.toMatch(/нет данных\s*$/m);
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
    // Merges: one per prose run and table column, and one per figure's caption — the figures per ШНОР are
    // at most SCHOOL_FIGURES_MAX (a region's are left to the cards), so the count is bounded, not per school.
    const { mergeAcross: small, ...rest0 } = calls[0] as Record<string, number>;
    const { mergeAcross: large, ...rest1 } = calls[1] as Record<string, number>;
    expect(rest1).toEqual(rest0);
    expect(rest0.setNumberFormats).toBe(1);
    for (const m of [small, large]) expect(m).toBeLessThanOrEqual(20 + SCHOOL_FIGURES_MAX);
  });
});
