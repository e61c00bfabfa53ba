/**
 * Writes «Задания» (src/core/tasks-tab.ts) as part of the check when «Результаты участников» is there:
 * the tab is the add-on's own and is replaced on every run. One call per kind of write, whatever the number
 * of schools and tasks.
 */
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
