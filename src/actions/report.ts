/** «Аналитическая справка»: builds the note from the result sheet and the settings into its own tab. */
import { countsProcedure } from '../core/criteria';
import { districtDynamics, schoolDynamics } from '../core/dynamics';
import { buildReport } from '../core/report';
import { assess } from '../core/verdict';
import type { Workbook } from '../workbook/port';
import { prepare } from './analyze';
import { contextStatuses, loadBeyond, windowMarkers } from './beyond';
import { INDICATORS_SHEET, readIndicators } from './indicators';
import { describeContextMethod } from '../core/context';
import { objectivitySettings } from '../core/settings';

export const REPORT_SHEET = 'Аналитическая справка';

export type ReportOutcome =
  | { kind: 'done'; lines: string[]; sheet: string }
  | { kind: 'choose'; candidates: string[]; message: string }
  | { kind: 'failed'; message: string };

/** Today as дд.мм.гггг in Moscow time. */
export function moscowDate(now: Date): string {
  const msk = new Date(now.getTime() + 3 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(msk.getUTCDate())}.${p(msk.getUTCMonth() + 1)}.${msk.getUTCFullYear()}`;
}

export function writeReport(wb: Workbook, options: { sheet?: string; now?: Date } = {}): ReportOutcome {
  wb.toast('Составляю аналитическую справку…', 'ШНОР');
  const ready = prepare(wb, options.sheet, { refused: 'справка не составлена', question: 'По какому составить справку?' });
  if (ready.kind !== 'ready') return ready;
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
  const lines = buildReport({
    sheet: grid.sheet,
    assessment,
    previous,
    procedures: table.procedures.filter((p) => countsProcedure(criteria, p)),
    years: table.years,
    dynamics,
    dynamicsThreshold: loaded.settings.dynamicsThreshold,
    date: moscowDate(options.now ?? new Date()),
    indicators: names.includes(INDICATORS_SHEET) ? readIndicators(wb.readSheet(INDICATORS_SHEET)).indicators : undefined,
    beyond: {
      context: beyond.context ? { method: describeContextMethod(beyond.context), statuses: contextStatuses(assessment, beyond) } : null,
      markers: windowMarkers(assessment, beyond),
      objectivity: objectivitySettings(loaded.settings),
      comparisonSheet: beyond.comparison?.sheet ?? null,
    },
  });
  const { created } = wb.ensureSheet(REPORT_SHEET);
  if (!created) wb.clearSheet(REPORT_SHEET);
  wb.writeBlock(
    REPORT_SHEET,
    0,
    0,
    lines.map((l) => [l]),
  );
  wb.setFontWeights(REPORT_SHEET, 0, 0, [['bold']]);
  wb.setColumnWidths(REPORT_SHEET, 0, [900]);
  wb.toast('Справка готова.', 'ШНОР');
  return { kind: 'done', lines, sheet: grid.sheet };
}
