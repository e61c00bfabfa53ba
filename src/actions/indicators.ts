/**
 * «Построить вкладку показателей»: the programme's indicators with plans and actual values per year.
 * Computed indicators (a code in «Расчёт») are filled from the workbook on every refresh; everything a
 * person typed — names, targets, hand-entered values, added rows — is read back and kept.
 */
import { countsProcedure } from '../core/criteria';
import { schoolDynamics } from '../core/dynamics';
import {
  COMPUTED_LABELS,
  computedCode,
  computeValue,
  findTemplate,
  type Indicator,
  INDICATOR_TEMPLATES,
  judgeIndicator,
  type YearFacts,
} from '../core/indicators';
import type { Grid, ResultTable } from '../core/results';
import type { Settings } from '../core/settings';
import { type CellValue, columnLetter, normalizeHeader, parseNumberCell } from '../core/text';
import { assess } from '../core/verdict';
import type { ChartSpec, Workbook } from '../workbook/port';
import {
  mergeHeadLines,
  resultSource,
  type StaleOutcome,
  staleStop,
  rectangular,
  refuseOnBadSettings,
  RULE_MARKER,
  rulesByKeyText,
} from './analyze';
import { SCHOOL_INDICATORS_SHEET, writeSchoolIndicators } from './school-indicators';
import { type Beyond, contextStatuses, loadBeyond } from './beyond';
import { loadSettings } from './settings';
import { toasting } from './toast';

export const INDICATORS_SHEET = 'Показатели';
export const HEADER_ROW = 3;
/** The number and the name stay in view when the table scrolls sideways. */
const FROZEN_COLS = 2;
const STATUS_COLORS = { достигнуто: '#b7e1cd', 'не достигнуто': '#f4c7c3', 'план не задан': '#fce8b2', 'нет данных': '#e0e0e0' } as const;

export type IndicatorsOutcome =
  { kind: 'done'; indicators: Indicator[]; year: number | null; message: string } | { kind: 'failed'; message: string } | StaleOutcome;

/**
 * Facts per year of the data: each year judged as the reference year in its turn. With the registry and
 * the markers (`beyond`), marked results are left out as the settings say, and the latest year gets the
 * ШНСУ and resilient counts.
 */
export function yearFacts(table: ResultTable, settings: Settings, beyond?: Beyond): YearFacts[] {
  const c = settings.criteria;
  const latest = table.years[table.years.length - 1];
  return table.years.map((year) => {
    const a = assess(table.schools, { ...c, referenceYear: year }, { exclude: beyond?.exclude });
    let shnsu: number | null = null;
    let resilient: number | null = null;
    if (beyond?.context && year === latest) {
      const statuses = [...contextStatuses(a, beyond).values()];
      shnsu = statuses.filter((s) => s === 'ШНСУ' || s === 'ШНОР и ШНСУ' || s === 'резильентная').length;
      resilient = statuses.filter((s) => s === 'резильентная').length;
    }
    const shnorKeys = new Set(a.verdicts.filter((v) => v.status === 'ШНОР').map((v) => v.key));
    // ШНСУ come from the registry, which describes the present: the same schools in every year.
    const supported = new Set(shnorKeys);
    if (beyond?.context)
      for (const [key, s] of contextStatuses(a, beyond))
        if (s === 'ШНСУ' || s === 'ШНОР и ШНСУ' || s === 'резильентная') supported.add(key);
    const vpr: Settings['criteria'] = { ...c, procedures: vprProcedures(c.procedures) };
    let supportedImproved = 0;
    let supportedCompared = 0;
    let improved = 0;
    let compared = 0;
    let sum = 0;
    let n = 0;
    for (const s of table.schools) {
      for (const r of s.results) {
        if (r.year === year && r.state === 'held' && r.fail !== null && countsProcedure(c, r.procedure)) {
          sum += r.fail;
          n++;
        }
      }
      if (supported.has(s.key)) {
        const v = schoolDynamics(s, vpr, year, settings.dynamicsThreshold);
        if (v.improved !== null) {
          supportedCompared++;
          if (v.improved) supportedImproved++;
        }
      }
      if (!shnorKeys.has(s.key)) continue;
      const d = schoolDynamics(s, c, year, settings.dynamicsThreshold);
      if (d.improved === null) continue;
      compared++;
      if (d.improved) improved++;
    }
    return {
      year,
      total: a.verdicts.length,
      shnor: a.counts.ШНОР,
      risk: a.counts['зона риска'],
      shnorImproved: improved,
      shnorCompared: compared,
      supportedImprovedVpr: supportedImproved,
      supportedComparedVpr: supportedCompared,
      avgFail: n === 0 ? null : sum / n,
      shnsu,
      resilient,
    };
  });
}

/** The counted procedures that are ВПР («ВПР*» when every procedure counts). */
function vprProcedures(procedures: string[]): string[] {
  if (procedures.length === 0 || procedures.includes('*')) return ['ВПР*'];
  const vpr = procedures.filter((p) => p.startsWith('ВПР'));
  return vpr.length > 0 ? vpr : ['ВПР*'];
}

interface Reading {
  indicators: Indicator[];
  problems: string[];
}

/** Reads the tab back by its headers, so that columns may move and rows may be added. */
export function readIndicators(grid: Grid): Reading {
  const problems: string[] = [];
  const h = grid.values.findIndex((r) => r.some((v) => normalizeHeader(v) === 'показатель'));
  if (h < 0) return { indicators: [], problems: [`Лист «${grid.sheet}»: не найдена строка заголовков со столбцом «Показатель».`] };
  const header = (grid.values[h] ?? []).map((v) => normalizeHeader(v));
  const col = (name: string) => header.indexOf(name);
  const plans = new Map<number, number>();
  const facts = new Map<number, number>();
  header.forEach((t, i) => {
    const p = /^план (\d{4})$/.exec(t);
    if (p) plans.set(i, Number(p[1]));
    const f = /^факт (\d{4})$/.exec(t);
    if (f) facts.set(i, Number(f[1]));
  });
  const out: Indicator[] = [];
  for (let r = h + 1; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    const name = String(row[col('показатель')] ?? '').trim();
    if (name === '') continue;
    const num = (c: number): number | null => {
      if (c < 0) return null;
      const p = parseNumberCell(row[c]);
      if (p.kind === 'number') return p.value;
      if (p.kind === 'invalid')
        problems.push(`Лист «${grid.sheet}», строка ${r + 1}, столбец ${columnLetter(c)}: «${String(row[c])}» — не число.`);
      return null;
    };
    const cellText = String(row[col('расчет')] ?? '').trim();
    const code = computedCode(cellText);
    if (code === undefined) {
      problems.push(
        `Лист «${grid.sheet}», строка ${r + 1}, столбец ${columnLetter(col('расчет'))}: «${cellText}» — неизвестный расчёт; есть: ${Object.values(COMPUTED_LABELS).join('; ')}.`,
      );
    }
    const ind: Indicator = {
      name,
      unit: String(row[col('ед. изм.')] ?? '').trim(),
      direction: normalizeHeader(row[col('лучше, если')]) === 'меньше' ? 'down' : 'up',
      baseYear: num(col('базовый год')),
      baseValue: num(col('базовое значение')),
      plans: {},
      actuals: {},
      computed: code ?? null,
      source: String(row[col('источник')] ?? '').trim(),
    };
    for (const [c, y] of plans) {
      const v = num(c);
      if (v !== null) ind.plans[y] = v;
    }
    for (const [c, y] of facts) {
      const v = num(c);
      if (v !== null) ind.actuals[y] = v;
    }
    out.push(ind);
  }
  return { indicators: out, problems };
}

export const CHART_TITLE = 'ШНОР: план и факт';

/** `stale`: 'ask' stops before writing when the results or the criteria differ from «ШНОР: итоги» (see analyze.staleStop). */
export function buildIndicators(
  wb: Workbook,
  options: { template?: string; sheet?: string; chart?: string; stale?: 'ask' | 'warn' } = {},
): IndicatorsOutcome {
  return toasting(
    wb,
    'Обновляю показатели…',
    () => `Вкладка «${INDICATORS_SHEET}» обновлена.`,
    () => indicatorsRun(wb, options),
  );
}

function indicatorsRun(
  wb: Workbook,
  options: { template?: string; sheet?: string; chart?: string; stale?: 'ask' | 'warn' },
): IndicatorsOutcome {
  const names = wb.sheetNames();
  const loaded = loadSettings(wb, names);
  const refusal = refuseOnBadSettings(loaded, '');
  if (refusal) return refusal;
  let indicators: Indicator[];
  if (names.includes(INDICATORS_SHEET)) {
    const reading = readIndicators(wb.readSheet(INDICATORS_SHEET));
    if (reading.problems.length > 0)
      return { kind: 'failed', message: `Вкладка показателей не обновлена, исправьте:\n${reading.problems.join('\n')}` };
    indicators = reading.indicators;
  } else {
    const template = findTemplate(options.template ?? 'computed');
    if (!template)
      return { kind: 'failed', message: `Нет шаблона «${options.template}». Есть: ${INDICATOR_TEMPLATES.map((t) => t.id).join(', ')}.` };
    indicators = template.indicators.map((i) => ({ ...i, plans: { ...i.plans }, actuals: {} }));
  }
  const found = resultSource(wb, names, loaded, options.sheet);
  const stop = 'source' in found ? staleStop(found.source, options.stale) : null;
  if (stop) return stop;
  const table = 'table' in found ? found.table : null;
  const facts = table ? yearFacts(table, loaded.settings, loadBeyond(wb, names, table, loaded.settings)) : [];
  for (const ind of indicators) {
    if (!ind.computed) continue;
    for (const f of facts) {
      const v = computeValue(ind.computed, f);
      if (v !== null) ind.actuals[f.year] = v;
    }
  }
  const current = facts.length > 0 ? (facts[facts.length - 1] as YearFacts).year : null;
  if (table) {
    const problems = writeSchoolIndicators(wb, names, table, assess(table.schools, loaded.settings.criteria), loaded.settings);
    if (problems.length > 0)
      return { kind: 'failed', message: `Вкладка «${SCHOOL_INDICATORS_SHEET}» не обновлена, исправьте:\n${problems.join('\n')}` };
  }
  writeTab(wb, indicators, current, table !== null, options.chart);
  const statuses = indicators.map((i) => judgeIndicator(i, current).status);
  const count = (s: string) => statuses.filter((x) => x === s).length;
  const computedCount = indicators.filter((i) => i.computed).length;
  return {
    kind: 'done',
    indicators,
    year: current,
    message:
      ('source' in found ? `${found.source.line}\n` : '') +
      `Показателей: ${indicators.length}, из них рассчитываемых по книге: ${computedCount}. ` +
      `Достигнуто: ${count('достигнуто')}, не достигнуто: ${count('не достигнуто')}, план не задан: ${count('план не задан')}, нет данных: ${count('нет данных')}.` +
      (table ? '' : ' Лист с результатами не найден: рассчитываемые показатели не обновлены.'),
  };
}

/** The indicator the chart shows: the one asked for, else the first with plans and facts, else with plans. */
function chartIndicator(indicators: Indicator[], name?: string): Indicator | undefined {
  const has = (r: Record<number, number>) => Object.keys(r).length > 0;
  return (
    indicators.find((i) => i.name === name) ??
    indicators.find((i) => has(i.plans) && has(i.actuals)) ??
    indicators.find((i) => has(i.plans))
  );
}

function writeTab(wb: Workbook, indicators: Indicator[], current: number | null, computedNow: boolean, chartName?: string): void {
  const years = new Set<number>();
  for (const i of indicators) {
    for (const y of Object.keys(i.plans)) years.add(Number(y));
    for (const y of Object.keys(i.actuals)) years.add(Number(y));
  }
  if (current !== null) years.add(current);
  const ys = [...years].sort((a, b) => a - b);
  const header = [
    '№',
    'Показатель',
    'Ед. изм.',
    'Лучше, если',
    'Базовый год',
    'Базовое значение',
    ...ys.flatMap((y) => [`План ${y}`, `Факт ${y}`]),
    'Год оценки',
    'Отклонение (факт − план)',
    'Статус',
    'Источник',
    'Расчёт',
  ];
  const rows: CellValue[][] = [
    // A label in the frozen columns, its text after them (see mergeHeadLines).
    ['Показатели программы'],
    [
      'Как заполнять',
      null,
      `Строки с отметкой «по книге: …» в столбце «Расчёт» заполняются по книге при каждом обновлении${computedNow ? '' : ' (сейчас лист с результатами не найден)'}; ` +
        'остальные значения вводятся вручную и не перезаписываются. Можно менять названия и плановые значения, добавлять строки и годы (столбцы «План ГГГГ» / «Факт ГГГГ»).',
    ],
    [],
    header,
  ];
  indicators.forEach((ind, n) => {
    const { year: sy, status, deviation } = judgeIndicator(ind, current);
    rows.push([
      n + 1,
      ind.name,
      ind.unit,
      ind.direction === 'up' ? 'больше' : 'меньше',
      ind.baseYear,
      ind.baseValue,
      ...ys.flatMap((y) => [ind.plans[y] ?? null, ind.actuals[y] ?? null]),
      sy,
      deviation,
      status,
      ind.source,
      ind.computed ? COMPUTED_LABELS[ind.computed] : '',
    ]);
  });
  const width = header.length;
  const shown = chartIndicator(indicators, chartName);
  let chart: ChartSpec | null = null;
  // The chart's data stand to the right of the table, so that rows added below the table stay rows.
  const chartCol = width + 1;
  let chartBlock: CellValue[][] = [];
  if (shown) {
    const years = [...new Set([...Object.keys(shown.plans), ...Object.keys(shown.actuals)].map(Number))].sort((a, b) => a - b);
    chartBlock = [
      [`Диаграмма «План и факт»: ${shown.name}`, null, null],
      ['Год', 'План', 'Факт'],
      ...years.map((y) => [String(y), shown.plans[y] ?? null, shown.actuals[y] ?? null]),
    ];
    chart = {
      title: CHART_TITLE,
      range: { row: HEADER_ROW, col: chartCol, rows: years.length + 1, cols: 3 },
      anchor: { row: HEADER_ROW + indicators.length + 2, col: 1 },
    };
  }
  const block = rectangular(rows, width);
  const { created } = wb.ensureSheet(INDICATORS_SHEET);
  if (!created) wb.clearSheet(INDICATORS_SHEET);
  wb.writeBlock(INDICATORS_SHEET, 0, 0, block);
  if (chartBlock.length > 0) wb.writeBlock(INDICATORS_SHEET, HEADER_ROW - 1, chartCol, chartBlock);
  // The title, the label and the header are bold.
  wb.setFontWeights(
    INDICATORS_SHEET,
    0,
    0,
    block
      .slice(0, HEADER_ROW + 1)
      .map((_, r) => header.map((_h, c) => (r === 0 || r === HEADER_ROW || c < FROZEN_COLS ? 'bold' : 'normal'))),
  );
  const widths = [36, 420, 60, 80, 80, 90, ...ys.flatMap(() => [70, 70]), 80, 110, 110, 260, 150];
  wb.setColumnWidths(INDICATORS_SHEET, 0, widths);
  // The title and the explanation keep to their side of the frozen edge; names and sources wrap in their columns.
  mergeHeadLines(wb, INDICATORS_SHEET, widths, FROZEN_COLS, 2);
  wb.setWrap(INDICATORS_SHEET, { row: 0, col: 0, rows: HEADER_ROW + 1 + indicators.length, cols: width }, true);
  wb.freeze(INDICATORS_SHEET, HEADER_ROW + 1, FROZEN_COLS);
  if (indicators.length > 0) {
    const range = { row: HEADER_ROW + 1, col: 0, rows: indicators.length, cols: width };
    wb.replaceConditionalRules(
      INDICATORS_SHEET,
      RULE_MARKER,
      rulesByKeyText(STATUS_COLORS, [{ ...range, col: width - 3, cols: 1 }], width - 3, HEADER_ROW + 1),
    );
    wb.setValidation(
      INDICATORS_SHEET,
      { row: HEADER_ROW + 1, col: 3, rows: indicators.length, cols: 1 },
      { kind: 'list', values: ['больше', 'меньше'], strict: true },
    );
  }
  wb.replaceChart(INDICATORS_SHEET, CHART_TITLE, chart);
}
