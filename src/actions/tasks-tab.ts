/**
 * Writes «Задания» (src/core/tasks-tab.ts) as part of the check when «Результаты участников» is there:
 * the tab is the add-on's own and is replaced on every run. One call per kind of write, whatever the number
 * of schools and tasks. Beside it, «Описания заданий» (src/core/task-texts.ts) is made when missing and
 * gets a row for every shipped description (none yet) and every task of the data it lacks; the rows the
 * district has there stay as they are (its edits win over the shipped texts).
 */
import { SCALES_HEADER_ROW, SCALES_SHEET, SCALES_WIDTHS, scalesTabRows } from '../core/scales';
import { type Settings, taskSettings } from '../core/settings';
import { missingTextRows, TEXTS_HEADER, TEXTS_SHEET } from '../core/task-texts';
import { TASK_LEAD, TASKS_SHEET, tasksTab } from '../core/tasks-tab';
import type { Workbook } from '../workbook/port';
import type { PupilFindings } from './pupil-findings';

export function writeTasksTab(wb: Workbook, names: readonly string[], findings: PupilFindings, settings: Settings): boolean {
  if (findings.blocks.length === 0 && !names.includes(TASKS_SHEET)) return false;
  const logins = new Map(findings.summaries.map((s) => [s.key, s.login]));
  const tab = tasksTab(findings.blocks, taskSettings(settings).weakMargin, logins, findings.texts);
  const { created } = wb.ensureSheet(TASKS_SHEET);
  if (!created) wb.clearSheet(TASKS_SHEET);
  wb.writeBlock(TASKS_SHEET, 0, 0, tab.values);
  wb.setNumberFormats(TASKS_SHEET, 0, 0, tab.formats);
  wb.setBackgrounds(TASKS_SHEET, 0, 0, tab.backgrounds);
  wb.setFontWeights(TASKS_SHEET, 0, 0, tab.bold);
  wb.setNotes(TASKS_SHEET, 0, 0, tab.notes);
  for (const m of tab.merges) wb.mergeAcross(TASKS_SHEET, m);
  // Descriptions, column heads and the schools' weak tasks wrap; titles and legends run over the empty cells to their right.
  const merged = new Set(tab.merges.map((m) => m.row));
  const rows = new Set(tab.wrapped);
  wb.setWraps(
    TASKS_SHEET,
    0,
    0,
    tab.values.map((_, r) => Array.from({ length: tab.width }, (_, c) => merged.has(r) || (rows.has(r) && c < TASK_LEAD))),
  );
  wb.setColumnWidths(TASKS_SHEET, 0, tab.widths);
  if (findings.blocks.length > 0) writeTextsTab(wb, findings);
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

/** «Описания заданий»: made with the header when missing; the rows it lacks appended below the district's. */
export function writeTextsTab(wb: Workbook, findings: Pick<PupilFindings, 'blocks' | 'districtTexts'>): number {
  const existing = findings.districtTexts;
  const rows = missingTextRows(existing ?? [], findings.blocks);
  if (existing === null) {
    wb.ensureSheet(TEXTS_SHEET);
    wb.writeBlock(TEXTS_SHEET, 0, 0, [[...TEXTS_HEADER], ...rows]);
    wb.setFontWeights(TEXTS_SHEET, 0, 0, [TEXTS_HEADER.map(() => 'bold' as const)]);
    wb.setColumnWidths(TEXTS_SHEET, 0, [90, 60, 60, 60, 70, 200, 520, 200]);
    wb.setWrap(TEXTS_SHEET, { row: 0, col: 0, rows: rows.length + 1, cols: TEXTS_HEADER.length }, true);
    wb.freeze(TEXTS_SHEET, 1, 0);
  } else if (rows.length > 0) {
    const at = wb.appendRows(TEXTS_SHEET, rows);
    wb.setWrap(TEXTS_SHEET, { row: at, col: 0, rows: rows.length, cols: TEXTS_HEADER.length }, true);
  }
  return rows.length;
}
