/**
 * «Эффективность программы»: two identifications on the workbook's results (the criteria applied with an
 * earlier and a later reference year) compared on the add-on's own tab — who left the ШНОР list, who
 * stayed, who came in; each school's change of %«2» beside the district's; the share of its roadmap's
 * activities done; the programme's indicators from the same numbers.
 */
import { moscowToday } from '../core/activity';
import { changeLine, type Effect, NOT_A_CAUSE, programmeEffect, progressRule } from '../core/effect';
import { count, emptyCounts, type Counts } from '../core/monitor';
import { formatIsoDate } from '../core/roadmap-sheet';
import { type CellValue, formatNumber, plural } from '../core/text';
import type { Workbook } from '../workbook/port';
import { prepare, type StaleOutcome, staleStop } from './analyze';
import { loadBeyond } from './beyond';
import { type ReadRoadmap, readRoadmaps } from './monitor';
import { writeTableTab } from './table-tab';

export const EFFECT_SHEET = 'Эффективность программы';

export const PROGRESS_COLORS: Record<string, string> = {
  'опередила район': '#d9ead3',
  'как район': '#fff2cc',
  'отстала от района': '#f4cccc',
  'нет сравнения': '#efefef',
};

/** The roadmaps' activities of each owner in the school year between the two results (period overlapping it). */
export interface RoadmapDone {
  counts: Counts;
  /** Done of those not cancelled, percent with one decimal; null when none. */
  share: number | null;
}

export function roadmapDone(all: readonly ReadRoadmap[], before: number, after: number, today: string): Map<string, RoadmapDone> {
  const from = `${before}-09-01`;
  const to = `${after}-05-31`;
  const by = new Map<string, Counts>();
  for (const r of all) {
    const p = r.parsed.meta.period;
    if (p.to < from || p.from > to) continue;
    const owner = r.parsed.meta.owner.toLowerCase();
    let c = by.get(owner);
    if (!c) by.set(owner, (c = emptyCounts()));
    for (const row of r.parsed.rows) if (row.activity !== '') count(c, row, today);
  }
  return new Map(
    [...by].map(([owner, c]) => {
      const live = c.total - c.cancelled;
      return [owner, { counts: c, share: live === 0 ? null : Math.round((c.done / live) * 1000) / 10 }];
    }),
  );
}

export type EffectOutcome =
  | { kind: 'done'; effect: Effect; roadmaps: Map<string, RoadmapDone>; message: string; sheet: string }
  | { kind: 'choose'; candidates: string[]; message: string }
  | { kind: 'failed'; message: string }
  | StaleOutcome;

interface EffectOptions {
  sheet?: string;
  before?: number;
  after?: number;
  now?: Date;
  /** 'ask': stop before writing when the results or the criteria changed since the check (analyze.staleStop). */
  stale?: 'ask' | 'warn';
}

/** The comparison without writing: the years default to the latest in the data and the one before. */
export function computeEffect(wb: Workbook, options: EffectOptions = {}): EffectOutcome {
  const ready = prepare(wb, options.sheet, { refused: 'эффективность не оценена', question: 'По какому оценить эффективность?' });
  if (ready.kind !== 'ready') return ready;
  const stop = staleStop(ready.source, options.stale);
  if (stop) return stop;
  const { table, loaded, names, grid } = ready;
  const years = [...table.years].sort((a, b) => a - b);
  const beyond = loadBeyond(wb, names, table, loaded.settings);
  const criteria = loaded.settings.criteria;
  const latest = criteria.referenceYear ?? years[years.length - 1] ?? null;
  const after = options.after ?? (options.before !== undefined ? options.before + 1 : latest);
  const before = options.before ?? (after === null ? null : after - 1);
  if (after === null || before === null) return { kind: 'failed', message: `На листе «${grid.sheet}» нет ни одного года результатов.` };
  if (before >= after) return { kind: 'failed', message: `Первый год (${before}) должен быть раньше второго (${after}).` };
  for (const y of [before, after])
    if (!years.includes(y))
      return { kind: 'failed', message: `На листе «${grid.sheet}» нет результатов ${y} года: есть ${years.join(', ')}.` };
  const effect = programmeEffect(table.schools, criteria, before, after, {
    exclude: beyond.exclude,
    threshold: loaded.settings.dynamicsThreshold,
  });
  const roadmaps = roadmapDone(readRoadmaps(wb, names), before, after, moscowToday(options.now ?? new Date()));
  const b = effect.stayed.length + effect.left.length;
  const message =
    `ШНОР ${before} года — ${b}, из них вышли из перечня в ${after} году ${effect.left.length}, остались ${effect.stayed.length}; ` +
    `вошли ${effect.entered.length}. Опередили район ${effect.schools.filter((s) => s.movement !== 'вошла в перечень' && s.progress === 'опередила район').length} из ${b}.`;
  return { kind: 'done', effect, roadmaps, message, sheet: grid.sheet };
}

const COLUMNS: Array<[string, number]> = [
  ['ОО', 240],
  ['Логин', 90],
  ['В перечне ШНОР', 140],
  ['К району', 130],
  ['Изменение доли «2» в школе, п. п.', 110],
  ['Изменение по району, п. п.', 110],
  ['Разница, п. п.', 90],
  ['Выполнено мероприятий дорожной карты, %', 120],
  ['По процедурам: доля «2», % (изменение; район; разница)', 560],
];

/** A change in percentage points with its sign: «+1,1», «−2,0», «0». */
const CHANGE_FORMAT = '+0.0;"−"0.0;0';

const num = (v: number | null): CellValue => (v === null ? '—' : v);

/** Writes the tab; re-running replaces it. */
export function writeEffect(wb: Workbook, options: EffectOptions = {}): EffectOutcome {
  wb.toast('Сравниваю два выявления…', 'ШНОР');
  const out = computeEffect(wb, options);
  if (out.kind !== 'done') return out;
  const { effect: e, roadmaps } = out;
  const was = e.stayed.length + e.left.length;
  const schools = e.schools.map((s): CellValue[] => [
    s.name,
    s.login ?? '',
    s.movement,
    s.progress,
    num(s.change),
    num(s.district),
    num(s.relative),
    num(s.login ? (roadmaps.get(s.login)?.share ?? null) : null),
    s.changes.map(changeLine).join('; ') || 'нет процедур, проведённых в оба года',
  ]);
  const district = e.district.map((d): CellValue[] => [d.procedure, d.schools, '', '', d.before, d.after, d.change, '', '']);
  const indicators = e.indicators.map(
    (i, k) =>
      `${k + 1}) ${i.name}: ${i.value === null ? 'нет данных' : `${formatNumber(i.value)} % (${i.numerator} из ${i.denominator})`} — ${i.how}.`,
  );
  writeTableTab(wb, {
    sheet: EFFECT_SHEET,
    title: `Эффективность программы: ШНОР ${e.before} и ${e.after} годов (лист «${out.sheet}»)`,
    lines: [
      NOT_A_CAUSE,
      `${progressRule(e.threshold)} Изменения вычислены по округлённым до десятых значениям.`,
      `Перечень: по тем же критериям с годом отсчёта ${e.before} к ШНОР ${plural(was, ['отнесена', 'отнесены', 'отнесено'])} ${was} ${plural(was, ['школа', 'школы', 'школ'])}, с годом отсчёта ${e.after} — ${e.stayed.length + e.entered.length}. ` +
        `Вышли из перечня — ${e.left.length}, остались — ${e.stayed.length}, вошли — ${e.entered.length}. ` +
        `Доля выполненных мероприятий — по дорожным картам школ на период с 01.09.${e.before} по 31.05.${e.after} (без отменённых), на ${formatIsoDate(moscowToday(options.now ?? new Date()))}.`,
      'Показатели программы по этим данным:',
      ...indicators,
    ],
    widths: COLUMNS.map(([, w]) => w),
    colors: PROGRESS_COLORS,
    keyCol: 3,
    legend: 'Цвета строк:',
    textCols: 8,
    tables: [
      { header: COLUMNS.map(([h]) => h), rows: schools, formats: [4, 5, 6].map((c): [number, string] => [c, CHANGE_FORMAT]) },
      {
        title: `Район по процедурам (средняя доля «2» школ, у которых процедура проведена в ${e.before} и ${e.after} годах)`,
        header: ['Процедура', 'Школ', '', '', `${e.before}, %`, `${e.after}, %`, 'Изменение, п. п.', '', ''],
        rows: district,
        formats: [[6, CHANGE_FORMAT]],
      },
    ],
  });
  wb.toast(out.message, 'ШНОР');
  return { ...out, message: `Вкладка «${EFFECT_SHEET}»: ${out.message}` };
}
