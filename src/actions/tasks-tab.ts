/**
 * Writes «Задания» (src/core/tasks-tab.ts) as part of the check when «Результаты участников» is there:
 * the tab is the add-on's own and is replaced on every run. One call per kind of write, whatever the number
 * of schools and tasks.
 */
import { SCALES_HEADER_ROW, SCALES_SHEET, SCALES_WIDTHS, scalesTabRows } from '../core/scales';
import { type Settings, taskSettings } from '../core/settings';
import { TASKS_SHEET, tasksTab } from '../core/tasks-tab';
import type { Workbook } from '../workbook/port';
import type { PupilFindings } from './pupil-findings';

export function writeTasksTab(wb: Workbook, names: readonly string[], findings: PupilFindings, settings: Settings): boolean {
  if (findings.blocks.length === 0 && !names.includes(TASKS_SHEET)) return false;
  const logins = new Map(findings.summaries.map((s) => [s.key, s.login]));
  const tab = tasksTab(findings.blocks, taskSettings(settings).weakMargin, logins);
  const { created } = wb.ensureSheet(TASKS_SHEET);
  if (!created) wb.clearSheet(TASKS_SHEET);
  wb.writeBlock(TASKS_SHEET, 0, 0, tab.values);
  wb.setNumberFormats(TASKS_SHEET, 0, 0, tab.formats);
  wb.setBackgrounds(TASKS_SHEET, 0, 0, tab.backgrounds);
  wb.setFontWeights(TASKS_SHEET, 0, 0, tab.bold);
  wb.setColumnWidths(TASKS_SHEET, 0, tab.widths);
  return true;
}

/**
 * «Шкалы отметок ВПР» (core/scales.ts), written once — when the first per-pupil results are checked and the
 * tab is not there — with the scales the add-on ships; afterwards it is the district's, never overwritten.
 */
export function writeScalesTab(wb: Workbook, names: readonly string[], findings: PupilFindings): boolean {
  if (findings.blocks.length === 0 || names.includes(SCALES_SHEET)) return false;
  const rows = scalesTabRows();
  const width = Math.max(...rows.map((r) => r.length));
  wb.ensureSheet(SCALES_SHEET);
  wb.writeBlock(
    SCALES_SHEET,
    0,
    0,
    rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null)),
  );
  wb.setFontWeights(
    SCALES_SHEET,
    0,
    0,
    rows.map((_, r) => Array.from({ length: width }, () => (r === 0 || r === SCALES_HEADER_ROW ? 'bold' : 'normal'))),
  );
  wb.setColumnWidths(SCALES_SHEET, 0, SCALES_WIDTHS);
  // The header and the rows wrap (the source is a paragraph); the lines above run across.
  wb.setWrap(SCALES_SHEET, { row: SCALES_HEADER_ROW, col: 0, rows: rows.length - SCALES_HEADER_ROW, cols: width }, true);
  return true;
}
