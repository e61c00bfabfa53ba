/** «Аналитическая справка»: builds the note from the result sheet and the settings into its own tab. */
import { countsProcedure } from '../core/criteria';
import { districtDynamics, schoolDynamics } from '../core/dynamics';
import { buildReport } from '../core/report';
import { assess } from '../core/verdict';
import type { Workbook } from '../workbook/port';
import { findResultSheet } from './analyze';
import { INDICATORS_SHEET, readIndicators } from './indicators';
import { loadSettings } from './settings';

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
  const names = wb.sheetNames();
  const loaded = loadSettings(wb, names);
  if (loaded.problems.some((p) => p.field !== 'preset')) {
    return {
      kind: 'failed',
      message: `Настройки содержат ошибки, справка не составлена:\n${loaded.problems.map((p) => p.message).join('\n')}`,
    };
  }
  const found = findResultSheet(wb, names, loaded.settings.resultSheet, options.sheet);
  if ('error' in found) return { kind: 'failed', message: found.error };
  if ('candidates' in found)
    return {
      kind: 'choose',
      candidates: found.candidates,
      message: `Таблицы результатов есть на нескольких листах: ${found.candidates.map((c) => `«${c}»`).join(', ')}. По какому составить справку?`,
    };
  const { table, grid } = found;
  const criteria = loaded.settings.criteria;
  const assessment = assess(table.schools, criteria);
  const year = assessment.year;
  const previous = year !== null && table.years.includes(year - 1) ? assess(table.schools, { ...criteria, referenceYear: year - 1 }) : null;
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
