/**
 * The справка's numbered figures (core/report + core/figures): schools by status, a figure per ШНОР, the
 * district's %«2» per procedure over the years — each referred to in the text before it, numbered in order,
 * its numbers those of «ШНОР: итоги»; a region's hundreds of ШНОР are left to the cards.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { benchGrid } from '../../scripts/bench';
import { analyze, SUMMARY_SHEET } from '../../src/actions/analyze';
import { writeReport } from '../../src/actions/report';
import type { Figure } from '../../src/core/chart';
import { SCHOOL_FIGURES_MAX } from '../../src/core/report';
import type { Grid } from '../../src/core/results';
import { STATUSES } from '../../src/core/verdict';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { sampleGrids } from '../support/sample';
import { summarySchools } from '../support/summary';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const now = new Date('2026-11-23T10:00:00Z');

describe('figures of the справка', () => {
  it('are numbered in order, each referred to before it, with the numbers of «ШНОР: итоги»', () => {
    const wb = new MemoryWorkbook(grids);
    analyze(wb);
    const out = writeReport(wb, { now });
    if (out.kind !== 'done') throw new Error('no report');
    const rows = summarySchools(wb.sheet(SUMMARY_SHEET).values);
    const figures: Array<{ at: number; n: number; figure: Figure }> = [];
    out.blocks.forEach((b, at) => {
      if (b.kind !== 'figure') return;
      const m = /^Рисунок (\d+)\. (.+)$/.exec(b.caption);
      expect(m?.[2]).toBe(b.figure.title);
      figures.push({ at, n: Number(m?.[1]), figure: b.figure });
    });
    expect(figures.map((f) => f.n)).toEqual(figures.map((_, i) => i + 1));
    // Every figure is referred to by a paragraph before it, and every reference names a figure.
    const text = out.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''));
    const refs: number[] = [];
    text.forEach((t, at) => {
      for (const m of t.matchAll(/см\. рисун(?:ок (\d+)|ки (\d+)–(\d+))/g)) {
        const from = Number(m[1] ?? m[2]);
        const to = Number(m[1] ?? m[3]);
        for (let n = from; n <= to; n++) {
          refs.push(n);
          expect(figures.find((f) => f.n === n)!.at).toBeGreaterThan(at);
        }
      }
    });
    expect(refs).toEqual(figures.map((f) => f.n));
    // Schools by status: the counts of «ШНОР: итоги».
    const status = figures[0]!.figure;
    expect(status.series.map((s) => [s.name, s.values[0]])).toEqual(STATUSES.map((st) => [st, rows.filter((r) => r.status === st).length]));
    // One figure per ШНОР, its low results of the year those «ШНОР: итоги» quotes.
    const shnor = rows.filter((r) => r.status === 'ШНОР');
    const mine = figures.filter((f) => / \(sch\d{6}\): доля «2», 2026, %$/.test(f.figure.title));
    expect(mine.map((f) => f.figure.title).sort()).toEqual(shnor.map((r) => `${r.school}: доля «2», 2026, %`).sort());
    for (const f of mine) {
      const row = shnor.find((r) => f.figure.title.startsWith(r.school))!;
      const lows = /2026: ([^.]+)\./.exec(row.details)?.[1] ?? '';
      for (const low of lows.split(', ')) {
        const [procedure, value] = low.split(' — ') as [string, string];
        const i = f.figure.categories.indexOf(procedure);
        expect(String(f.figure.series[0]!.values[i]).replace('.', ',')).toBe(value.replace(' %', ''));
      }
    }
    // The district's dynamics: one column per year, the same means as the cards.
    const trend = figures.at(-1)!.figure;
    expect(trend.series.map((s) => s.name)).toEqual(['2024', '2025', '2026']);
    // The tab shows each figure's caption where it stands.
    const lines = wb.sheet('Аналитическая справка').values.map((r) => r[0]);
    for (const f of figures) expect(lines).toContain(`Рисунок ${f.n}. ${f.figure.title}`);
  });

  it('leave a region’s hundreds of ШНОР to the cards', () => {
    const wb = new MemoryWorkbook([benchGrid(2000)]);
    const out = writeReport(wb, { now });
    if (out.kind !== 'done') throw new Error('no report');
    // Schools by status and the district's dynamics only.
    expect(out.blocks.filter((b) => b.kind === 'figure').map((b) => b.kind === 'figure' && b.figure.kind)).toEqual([
      'stacked-bar',
      'column',
    ]);
    expect(out.lines.some((l) => /^Рисунки по каждой из \d+ ШНОР — в карточках ОО/.test(l))).toBe(true);
    expect(SCHOOL_FIGURES_MAX).toBe(30);
  });
});
