/** «Аналитическая справка»: builds the note from the result sheet and the settings into its own tab. */
import { countsProcedure } from '../core/criteria';
import { districtView } from '../core/figures';
import { districtDynamics, schoolDynamics } from '../core/dynamics';
import { buildReportBlocks, REPORT_COLUMNS, type ReportBlock, reportText } from '../core/report';
import { programmeEffect } from '../core/effect';
import { monitorRoadmap } from '../core/monitor';
import { moscowToday } from '../core/activity';
import type { CellValue } from '../core/text';
import { assess } from '../core/verdict';
import { type Figure, figureBlock } from '../core/chart';
import type { ChartSpec, Range, Workbook } from '../workbook/port';
import { prepare, type StaleOutcome, staleStop } from './analyze';
import { readIncomplete, readLevelsTab } from './gather';
import { contextStatuses, loadBeyond, windowMarkers } from './beyond';
import { INDICATORS_SHEET, readIndicators } from './indicators';
import { describeContextMethod } from '../core/context';
import { objectivitySettings, taskSettings } from '../core/settings';
import { roadmapDone } from './effect';
import { ofPeriod, periodsText, readRoadmaps } from './monitor';
import { toasting } from './toast';
import { settingsDefaultsLine } from './settings';

export const REPORT_SHEET = 'Аналитическая справка';

export type ReportOutcome =
  | {
      kind: 'done';
      lines: string[];
      blocks: ReportBlock[];
      sheet: string;
      /** «Источник данных: лист «…» — тот же, что в последней проверке…» (or with its warning). */
      source: string;
    }
  | { kind: 'choose'; candidates: string[]; message: string }
  | { kind: 'failed'; message: string }
  | StaleOutcome;

/** Today as дд.мм.гггг in Moscow time. */
export function moscowDate(now: Date): string {
  const msk = new Date(now.getTime() + 3 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(msk.getUTCDate())}.${p(msk.getUTCMonth() + 1)}.${msk.getUTCFullYear()}`;
}

/**
 * `stale`: 'ask' stops before writing when the data or the criteria differ from «ШНОР: итоги» (the add-on
 * then offers to check again); otherwise the справка is written with the warning under its first line.
 */
export function writeReport(wb: Workbook, options: ReportOptions = {}): ReportOutcome {
  return toasting(
    wb,
    'Составляю аналитическую справку…',
    () => 'Справка готова.',
    () => reportRun(wb, options),
  );
}

interface ReportOptions {
  sheet?: string;
  now?: Date;
  stale?: 'ask' | 'warn';
  /**
   * What the settings left to the defaults, when the book's tab no longer tells (the command line writes a
   * whole tab into the book it writes, and says here what the input's tab lacked); else read from the tab.
   */
  settingsDefaults?: string;
}

function reportRun(wb: Workbook, options: ReportOptions): ReportOutcome {
  const ready = prepare(wb, options.sheet, { refused: 'справка не составлена', question: 'По какому составить справку?' });
  if (ready.kind !== 'ready') return ready;
  const stop = staleStop(ready.source, options.stale);
  if (stop) return stop;
  const { table, grid, loaded, names } = ready;
  const criteria = loaded.settings.criteria;
  const beyond = loadBeyond(wb, names, table, loaded.settings);
  const exclude = { exclude: beyond.exclude };
  const assessment = assess(table.schools, criteria, exclude);
  const year = assessment.year;
  const previous =
    year !== null && table.years.includes(year - 1) ? assess(table.schools, { ...criteria, referenceYear: year - 1 }, exclude) : null;
  const dynamics =
    year === null ? [] : districtDynamics(table.schools.map((s) => schoolDynamics(s, criteria, year, loaded.settings.dynamicsThreshold)));
  const now = options.now ?? new Date();
  const today = moscowToday(now);
  const all = readRoadmaps(wb, names);
  const { periods, read } = ofPeriod(all, today);
  const effect =
    previous && year !== null
      ? programmeEffect(table.schools, criteria, year - 1, year, {
          exclude: beyond.exclude,
          threshold: loaded.settings.dynamicsThreshold,
          assessments: { before: previous, after: assessment },
        })
      : null;
  const blocks = buildReportBlocks({
    sheet: grid.sheet,
    sourceWarning: ready.source.warning,
    assessment,
    previous,
    procedures: table.procedures.filter((p) => countsProcedure(criteria, p)),
    years: table.years,
    dynamics,
    dynamicsThreshold: loaded.settings.dynamicsThreshold,
    date: moscowDate(now),
    indicators: names.includes(INDICATORS_SHEET) ? readIndicators(wb.readSheet(INDICATORS_SHEET)).indicators : undefined,
    beyond: {
      context: beyond.context ? { method: describeContextMethod(beyond.context), statuses: contextStatuses(assessment, beyond) } : null,
      markers: windowMarkers(assessment, beyond),
      objectivity: objectivitySettings(loaded.settings),
      comparisonSheet: beyond.comparison?.sheet ?? null,
    },
    roadmaps: {
      periods: periodsText(periods),
      roadmaps: read.map((r) => ({
        sheet: r.sheet,
        owner: r.parsed.meta.owner,
        ownerName: r.parsed.meta.ownerName,
        counts: monitorRoadmap(r.sheet, r.parsed, today, null).counts,
      })),
    },
    tasks:
      beyond.pupils.blocks.length > 0
        ? {
            blocks: beyond.pupils.blocks,
            peaks: beyond.pupils.peaks,
            weakMargin: taskSettings(loaded.settings).weakMargin,
            years: assessment.window,
            summaries: beyond.pupils.summaries,
            texts: beyond.pupils.texts,
          }
        : undefined,
    effect: effect
      ? { effect, done: new Map([...roadmapDone(all, effect.before, effect.after, today)].map(([k, v]) => [k, v.share])) }
      : undefined,
    incomplete: readIncomplete(wb, names, grid.sheet),
    levels: readLevelsTab(wb, names, grid.sheet),
    settingsDefaults: options.settingsDefaults ?? settingsDefaultsLine(loaded),
    figures: { view: districtView(table.schools, table.years), schools: table.schools },
  });
  writeReportTab(wb, blocks);
  return { kind: 'done', lines: reportText(blocks), blocks, sheet: grid.sheet, source: ready.source.line };
}

const HEADER_FILL = '#e8eaed';

/**
 * Rows a chart of this height covers: a row is 20 px in a file (15 pt) and 21 px in Sheets, so counting
 * 20 leaves the chart room on both; one row more keeps it off the caption.
 */
const ROW_PX = 20;

/** The column a figure's numbers start in: the document's second («Школа», 150 px wide), so categories fit. */
const FIGURE_COL = 1;

/** The figure narrowed to the document's width (its height in proportion) when it is wider. */
function fitFigure(figure: Figure, width: number): Figure {
  if (figure.size.width <= width) return figure;
  return { ...figure, size: { width, height: Math.round((figure.size.height * width) / figure.size.width) } };
}

/**
 * The blocks on the tab as a document of A4 width: prose merged across the document's columns and wrapped,
 * tables in those columns (a wide table column merged across two), bold headings and table headers.
 * A figure: its chart (no wider than the document) over empty rows, the caption «Рисунок N. …» under it,
 * and the figure's numbers under the caption as a small table the chart is drawn from.
 * A fixed number of calls, plus one merge per run of prose rows and per wide table column, two number
 * formats per figure, and the charts (replaceCharts: the tab's charts of the last run go).
 */
export function writeReportTab(wb: Workbook, blocks: readonly ReportBlock[]): void {
  const docWidth = REPORT_COLUMNS.length;
  const pageWidth = REPORT_COLUMNS.reduce((sum, w) => sum + w, 0);
  // A figure's numbers start in the document's second column (the first is a narrow «№»); one with more
  // series than the document has columns left writes them further right.
  const width = Math.max(docWidth, ...blocks.map((b) => (b.kind === 'figure' ? FIGURE_COL + b.figure.series.length + 1 : 0)));
  const values: CellValue[][] = [];
  const weights: ('bold' | 'normal')[][] = [];
  const fills: (string | null)[][] = [];
  const merges: Array<{ row: number; col: number; rows: number; cols: number }> = [];
  const charts: ChartSpec[] = [];
  const formats: Array<{ range: Range; format: string }> = [];
  let prose: number | null = null;
  const endProse = () => {
    if (prose !== null && values.length > prose) merges.push({ row: prose, col: 0, rows: values.length - prose, cols: docWidth });
    prose = null;
  };
  const line = (cells: CellValue[], bold: boolean, fill: string | null = null) => {
    values.push(Array.from({ length: width }, (_, i) => cells[i] ?? null));
    weights.push(new Array<'bold' | 'normal'>(width).fill(bold ? 'bold' : 'normal'));
    fills.push(new Array<string | null>(width).fill(fill));
  };
  for (const b of blocks) {
    if (b.kind === 'table') {
      endProse();
      const first = values.length;
      const place = (cells: string[]) => {
        const out: CellValue[] = [];
        cells.forEach((c, i) => {
          out.push(c);
          for (let k = 1; k < (b.spans[i] ?? 1); k++) out.push(null);
        });
        return out;
      };
      line(place(b.header), true, HEADER_FILL);
      for (const r of b.rows) line(place(r), false);
      let col = 0;
      for (const span of b.spans) {
        if (span > 1) merges.push({ row: first, col, rows: b.rows.length + 1, cols: span });
        col += span;
      }
      continue;
    }
    if (b.kind === 'figure') {
      endProse();
      const figure = fitFigure(b.figure, pageWidth);
      if (values.length > 0) line([null], false);
      const anchor = values.length;
      for (let i = Math.ceil(figure.size.height / ROW_PX) + 1; i > 0; i--) line([null], false);
      prose = values.length;
      line([b.caption], false);
      endProse();
      const block = figureBlock(figure);
      const first = values.length;
      const pad = new Array<CellValue>(FIGURE_COL).fill(null);
      block.forEach((cells, i) => (i === 0 ? line([...pad, ...cells], true, HEADER_FILL) : line([...pad, ...cells], false)));
      const cols = block[0]?.length ?? 1;
      const range = { row: first, col: FIGURE_COL, rows: block.length, cols };
      charts.push({ title: figure.title, range, anchor: { row: anchor, col: 0 }, figure });
      // Categories stay text («2024» is a year, not a number to add up); the numbers show one decimal.
      formats.push({ range: { row: first + 1, col: FIGURE_COL, rows: block.length - 1, cols: 1 }, format: '@' });
      if (cols > 1) formats.push({ range: { row: first + 1, col: FIGURE_COL + 1, rows: block.length - 1, cols: cols - 1 }, format: '0.0' });
      continue;
    }
    if (prose === null) prose = values.length;
    if (b.kind === 'heading' && values.length > 0) line([null], false);
    line([b.text], b.kind !== 'paragraph');
  }
  endProse();
  const { created } = wb.ensureSheet(REPORT_SHEET);
  if (!created) wb.clearSheet(REPORT_SHEET);
  // Formats before values (Sheets reads text written into a cell formatted as text as text), in one call
  // over the rows the figures' numbers take ('' leaves a cell as it is by default).
  if (formats.length > 0) {
    const top = Math.min(...formats.map((f) => f.range.row));
    const bottom = Math.max(...formats.map((f) => f.range.row + f.range.rows));
    const grid = Array.from({ length: bottom - top }, () => new Array<string>(width).fill(''));
    for (const f of formats)
      for (let r = f.range.row; r < f.range.row + f.range.rows; r++)
        for (let c = f.range.col; c < f.range.col + f.range.cols; c++) (grid[r - top] as string[])[c] = f.format;
    wb.setNumberFormats(REPORT_SHEET, top, 0, grid);
  }
  wb.writeBlock(REPORT_SHEET, 0, 0, values);
  wb.setFontWeights(REPORT_SHEET, 0, 0, weights);
  wb.setBackgrounds(REPORT_SHEET, 0, 0, fills);
  wb.setColumnWidths(REPORT_SHEET, 0, [...REPORT_COLUMNS]);
  for (const m of merges) wb.mergeAcross(REPORT_SHEET, m);
  wb.setWrap(REPORT_SHEET, { row: 0, col: 0, rows: values.length, cols: width }, true);
  wb.replaceCharts(REPORT_SHEET, charts);
}
