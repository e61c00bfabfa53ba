/**
 * The figures (src/core/figures.ts) and the school card (src/core/card.ts): every number a figure shows is
 * the number of the result sheet's cell or of «ШНОР: итоги» on the same data, one decimal.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, SUMMARY_SHEET } from '../../src/actions/analyze';
import { cardBlocks, cardTab, schoolCard, type CardInput } from '../../src/core/card';
import { figureBlock } from '../../src/core/chart';
import { countsProcedure, DEFAULT_PRESET_ID, presetCriteria } from '../../src/core/criteria';
import {
  districtTrendFigure,
  districtView,
  histogramFigure,
  marksFigure,
  roadmapFigure,
  schoolYearFigure,
  statusFigure,
  tasksFigure,
  trendFigure,
} from '../../src/core/figures';
import { emptyCounts } from '../../src/core/monitor';
import { parsePupilSheet, type PupilSheet, summarise } from '../../src/core/pupils';
import { type Grid, parseResultTable, type ResultTable } from '../../src/core/results';
import { taskBlocks, weakTasks } from '../../src/core/tasks';
import { assess, STATUSES } from '../../src/core/verdict';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { sampleGrids } from '../support/sample';
import { summarySchools } from '../support/summary';
import { districtSchools, MA5_BOUNDS, rng, type SchoolSpec, taskDistrictSheet } from '../support/task-district';

let grids: Grid[];
let grid: Grid;
let table: ResultTable;
beforeAll(async () => {
  grids = await sampleGrids();
  grid = grids.find((g) => g.sheet === 'Результаты') as Grid;
  table = parseResultTable(grid);
});

const one = (v: number) => Math.round(v * 10) / 10;
const criteria = () => presetCriteria(DEFAULT_PRESET_ID);

describe('%«2» per procedure over the years', () => {
  it('the school’s line is the result sheet’s cells, the district’s the mean of the column, one decimal', () => {
    const d = districtView(table.schools, table.years);
    expect(d.years).toEqual([...table.years].sort());
    let checked = 0;
    for (const school of table.schools.slice(0, 12))
      for (const procedure of table.procedures) {
        const f = figureBlock(trendFigure(school, procedure, d, 30));
        expect(f[0]).toEqual(['', 'Школа', 'Район', 'Порог 30 %']);
        d.years.forEach((year, i) => {
          const r = school.results.find((x) => x.procedure === procedure && x.year === year);
          const cell = r && r.state === 'held' ? grid.values[r.row]?.[r.col] : null;
          const mine = f[i + 1]?.[1];
          if (typeof cell === 'number') {
            expect(mine).toBe(one(cell));
            checked++;
          } else expect(mine).toBe(r?.state === 'held' && r.fail !== null ? one(r.fail) : null);
          // The district: every school's share of the same procedure and year (as read, text cells too), averaged here.
          const cells = table.schools
            .map((s) => s.results.find((x) => x.procedure === procedure && x.year === year && x.state === 'held'))
            .map((x) => x?.fail ?? null)
            .filter((x): x is number => x !== null);
          expect(f[i + 1]?.[2]).toBe(cells.length ? one(cells.reduce((s, x) => s + x, 0) / cells.length) : null);
          expect(f[i + 1]?.[3]).toBe(30);
        });
      }
    expect(checked).toBeGreaterThan(100);
  });

  it('shows every low result of «ШНОР: итоги» with the value its reasons quote', () => {
    const wb = new MemoryWorkbook(grids);
    const out = analyze(wb);
    if (out.kind !== 'done') throw new Error('no check');
    const d = districtView(table.schools, table.years);
    let quoted = 0;
    for (const row of summarySchools(wb.sheet(SUMMARY_SHEET).values).filter((r) => r.status === 'ШНОР')) {
      const school = table.schools.find((s) => s.login === row.login);
      if (!school) throw new Error(row.login);
      for (const m of row.details.matchAll(/(\d{4}): ((?:[^.,]+ — [\d,]+ %(?:, )?)+)/g))
        for (const low of (m[2] as string).split(', ')) {
          const [procedure, value] = low.split(' — ') as [string, string];
          const f = figureBlock(trendFigure(school, procedure, d, out.assessment.criteria.threshold));
          const at = f.findIndex((r) => r[0] === m[1]);
          expect(String(f[at]?.[1]).replace('.', ',')).toBe(value.replace(' %', ''));
          quoted++;
        }
    }
    expect(quoted).toBeGreaterThan(10);
  });

  it('a school without results in a year has no point there, and the card says nothing of a histogram without pupils', () => {
    const school = structuredClone(table.schools[3]!);
    const last = Math.max(...table.years);
    school.results = school.results.filter((r) => r.year !== last);
    const d = districtView(table.schools, table.years);
    const procedure = table.procedures[0]!;
    const f = figureBlock(trendFigure(school, procedure, d, 30));
    expect(f.at(-1)?.[0]).toBe(String(last));
    expect(f.at(-1)?.[1]).toBeNull();
    expect(f.at(-1)?.[2]).not.toBeNull();
    const a = assess([...table.schools.filter((s) => s.key !== school.key), school], criteria());
    const v = a.verdicts.find((x) => x.key === school.key)!;
    expect(v.status).toBe('нет данных');
    const card = schoolCard(cardInput(a, school, d));
    expect(card.sections.some((s) => s.figure.kind === 'histogram' || s.group === 'Выполнение заданий')).toBe(false);
    expect(card.absent.join(' ')).toMatch(/Индивидуальных результатов \(Ф1\) школы нет/);
    // A wide table gives only %«2»: no marks figure, said in words.
    expect(card.absent.join(' ')).toMatch(/нет долей всех отметок/);
  });
});

function cardInput(a: ReturnType<typeof assess>, school: ResultTable['schools'][number], d: ReturnType<typeof districtView>): CardInput {
  return {
    sheet: 'Результаты',
    sourceWarning: null,
    assessment: a,
    verdict: a.verdicts.find((x) => x.key === school.key)!,
    school,
    district: d,
    counted: (p) => countsProcedure(a.criteria, p),
    context: null,
    markers: [],
    pupils: { summaries: [], blocks: [], weakMargin: 10 },
    roadmap: null,
    period: '2026/27',
    date: '23.11.2026',
  };
}

describe('marks 2–5 of the year', () => {
  const long: Grid = {
    sheet: 'Результаты ФИС ОКО',
    values: [
      ['Год', 'Процедура', 'Предмет', 'Класс', 'Логин', 'ОО', 'Кол-во участников', '2', '3', '4', '5'],
      [2026, 'ВПР', 'Математика', 5, 'sch771001', 'МБОУ «СОШ № 1»', 40, 10, 20, 30, 40],
      [2026, 'ВПР', 'Математика', 5, 'sch771002', 'МБОУ «СОШ № 2»', 20, 30, 40, 20, 10],
      [2026, 'ВПР', 'Русский язык', 5, 'sch771001', 'МБОУ «СОШ № 1»', 40, 12.5, 37.5, 37.5, 12.5],
      // Head counts that add up to the participants: shares computed from them.
      [2026, 'ВПР', 'Русский язык', 5, 'sch771002', 'МБОУ «СОШ № 2»', 20, 4, 8, 6, 2],
    ],
  };
  it('a bar of the school and one of the district (mean over ОО) per procedure; each adds up to 100', () => {
    const t = parseResultTable(long);
    const d = districtView(t.schools, t.years);
    const f = marksFigure(t.schools[0]!, 2026, d)!;
    expect(f.categories).toEqual(['ВПР МА 5: школа', 'ВПР МА 5: район', 'ВПР РУ 5: школа', 'ВПР РУ 5: район']);
    expect(f.series.map((s) => s.values)).toEqual([
      [10, 20, 12.5, 16.3],
      [20, 30, 37.5, 38.8],
      [30, 25, 37.5, 33.8],
      [40, 25, 12.5, 11.3],
    ]);
    expect(f.series.map((s) => s.name)).toEqual(['Отметка «2»', 'Отметка «3»', 'Отметка «4»', 'Отметка «5»']);
    // The school's %«2» is its verdict's %«2».
    expect(t.schools[1]!.results.find((r) => r.procedure === 'ВПР РУ 5')!.fail).toBe(20);
    expect(marksFigure(t.schools[0]!, 2025, d)).toBeNull();
  });
});

describe('per-pupil figures', () => {
  const specs = districtSchools(rng(7), 20, [60, 90]);
  Object.assign(specs[2] as SchoolSpec, { level: -0.4, weakOn: [2, 6] });
  const sheet = parsePupilSheet(taskDistrictSheet(17, specs)) as PupilSheet;
  const summaries = summarise(sheet);

  it('the histogram: the school’s and the other schools’ pupils per score in percent, the district’s mark boundaries', () => {
    const s = summaries[2]!;
    const f = histogramFigure(s, summaries)!;
    expect(f.kind).toBe('histogram');
    expect(f.categories).toEqual(Array.from({ length: 21 }, (_, i) => String(i)));
    expect(f.marks).toEqual(MA5_BOUNDS.map((b, i) => ({ at: b, label: `«${i + 3}» с ${b}` })));
    const [school, district] = f.series;
    expect(school!.values).toEqual(s.histogram.map((n) => one((100 * n) / s.participants)));
    const others = summaries.filter((x) => x !== s).reduce((n, x) => n + x.participants, 0);
    expect(district!.name).toBe(`Район без школы (${others} уч.)`);
    const atScore = (i: number) => summaries.filter((x) => x !== s).reduce((n, x) => n + (x.histogram[i] ?? 0), 0);
    expect(district!.values[7]).toBe(one((100 * atScore(7)) / others));
    const emptied = { ...s, histogram: s.histogram.map(() => 0) };
    expect(histogramFigure(emptied, summaries)).toBeNull();
  });

  it('tasks: the school’s and the district’s completion, weak tasks marked «*»', () => {
    const block = taskBlocks(summaries)[0]!;
    const st = block.schools[2]!;
    const weak = weakTasks(st).map((t) => t.number);
    expect(weak.length).toBeGreaterThan(0);
    const f = tasksFigure(st)!;
    expect(f.categories.filter((c) => c.endsWith('*'))).toEqual(weak.map((n) => `${n}*`));
    expect(f.series[0]!.values).toEqual(st.tasks.map((t) => one(t.completion!)));
    expect(f.series[1]!.values).toEqual(st.tasks.map((t) => one(t.district!)));
  });
});

describe('the справка’s figures and the roadmap', () => {
  it('schools by status add up to the district; the district trend and a ШНОР’s year', () => {
    const a = assess(table.schools, criteria());
    const f = statusFigure(a);
    expect(f.series.map((s) => [s.name, s.values[0]])).toEqual(STATUSES.map((st) => [st, a.counts[st]]));
    expect(f.series.reduce((n, s) => n + (s.values[0] ?? 0), 0)).toBe(table.schools.length);
    const d = districtView(table.schools, table.years);
    const trend = districtTrendFigure(table.procedures, d)!;
    expect(trend.series.map((s) => s.name)).toEqual(d.years.map(String));
    const p = trend.categories[0]!;
    expect(trend.series.at(-1)!.values[0]).toBe(one(d.means.get(`${p}|${d.years.at(-1)}`)!.fail!));
    const shnor = a.verdicts.find((v) => v.status === 'ШНОР')!;
    const school = table.schools.find((s) => s.key === shnor.key)!;
    const mine = schoolYearFigure(school, a.year!, d, 30, (x) => countsProcedure(a.criteria, x))!;
    for (const l of shnor.low.filter((x) => x.year === a.year))
      expect(mine.series[0]!.values[mine.categories.indexOf(l.procedure)]).toBe(one(l.value));
  });

  it('the roadmap: done, in progress, planned, overdue', () => {
    const c = { ...emptyCounts(), total: 9, done: 3, inProgress: 2, planned: 1, overdue: 2, cancelled: 1 };
    const f = roadmapFigure(c, '2026/27');
    expect(figureBlock(f)).toEqual([
      ['', 'Выполнено', 'В работе', 'Запланировано', 'Просрочено'],
      ['2026/27', 3, 2, 1, 2],
    ]);
  });
});

describe('the card laid out', () => {
  it('on a tab: each figure’s numbers under its caption, the chart beside them; in a document: the same numbers', () => {
    const a = assess(table.schools, criteria());
    const shnor = a.verdicts.find((v) => v.status === 'ШНОР')!;
    const school = table.schools.find((s) => s.key === shnor.key)!;
    const d = districtView(table.schools, table.years);
    const card = schoolCard(cardInput(a, school, d));
    const tab = cardTab(card, 'x', '#f4c7c3');
    expect(tab.charts).toHaveLength(card.sections.length);
    for (const [i, c] of tab.charts.entries()) {
      expect(tab.values[c.range.row - 1]?.[0]).toBe(`Рисунок ${i + 1}. ${c.figure.title}`);
      const block = tab.values.slice(c.range.row, c.range.row + c.range.rows).map((r) => r.slice(0, c.range.cols));
      expect(block).toEqual(figureBlock(c.figure));
      expect(c.anchor.col).toBe(5);
    }
    // Charts do not overlap: each starts below the one before ends.
    for (let i = 1; i < tab.charts.length; i++) {
      const prev = tab.charts[i - 1]!;
      expect(tab.charts[i]!.anchor.row * 21).toBeGreaterThanOrEqual(prev.anchor.row * 21 + prev.figure.size.height);
    }
    const blocks = cardBlocks(card);
    const figures = blocks.filter((b) => b.kind === 'figure');
    expect(figures.map((b) => b.kind === 'figure' && b.caption)).toEqual(
      card.sections.map((s, i) => `Рисунок ${i + 1}. ${s.figure.title}`),
    );
    const first = blocks[blocks.findIndex((b) => b.kind === 'figure') + 1];
    if (first?.kind !== 'table') throw new Error('no numbers');
    expect(first.spans.reduce((s, x) => s + x, 0)).toBe(6);
    expect(first.rows.map((r) => r[1])).toEqual(
      figureBlock(card.sections[0]!.figure)
        .slice(1)
        .map((r) => (typeof r[1] === 'number' ? String(r[1]).replace('.', ',') : '—')),
    );
  });
});
