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
import type { Workbook } from '../workbook/port';
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
 * The blocks on the tab as a document of A4 width: prose merged across the document's columns and wrapped,
 * tables in those columns (a wide table column merged across two), bold headings and table headers.
 * A fixed number of calls, plus one merge per run of prose rows and per wide table column.
 */
export function writeReportTab(wb: Workbook, blocks: readonly ReportBlock[]): void {
  const width = REPORT_COLUMNS.length;
  const values: CellValue[][] = [];
  const weights: ('bold' | 'normal')[][] = [];
  const fills: (string | null)[][] = [];
  const merges: Array<{ row: number; col: number; rows: number; cols: number }> = [];
  let prose: number | null = null;
  const endProse = () => {
    if (prose !== null && values.length > prose) merges.push({ row: prose, col: 0, rows: values.length - prose, cols: width });
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
    if (prose === null) prose = values.length;
    if (b.kind === 'heading' && values.length > 0) line([null], false);
    if (b.kind === 'figure') line([b.caption], false);
    else line([b.text], b.kind !== 'paragraph');
  }
  endProse();
  const { created } = wb.ensureSheet(REPORT_SHEET);
  if (!created) wb.clearSheet(REPORT_SHEET);
  wb.writeBlock(REPORT_SHEET, 0, 0, values);
  wb.setFontWeights(REPORT_SHEET, 0, 0, weights);
  wb.setBackgrounds(REPORT_SHEET, 0, 0, fills);
  wb.setColumnWidths(REPORT_SHEET, 0, [...REPORT_COLUMNS]);
  for (const m of merges) wb.mergeAcross(REPORT_SHEET, m);
  wb.setWrap(REPORT_SHEET, { row: 0, col: 0, rows: values.length, cols: width }, true);
}
