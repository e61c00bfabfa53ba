/**
 * The district workbook as menu handlers get it: checked for the person's role, and audited — every write
 * is recorded in «Журнал изменений» when the action ends under the lock.
 */
import { readSourceRecord } from '../actions/analyze';
import { roleInput, writeRefusal } from '../actions/protection';
import { loadSettings } from '../actions/settings';
import { JOURNAL_SHEET } from '../core/journal';
import { DISTRICT_TABS, districtRefusal } from '../core/roles';
import { AuditedWorkbook } from '../workbook/audited';
import { activeWorkbook } from '../workbook/appsscript';
import type { Workbook } from '../workbook/port';

const open: AuditedWorkbook[] = [];

/** The active spreadsheet, audited under `action`; the journal rows are appended by withDocumentLock. */
export function auditedWorkbook(action: string, inner: Workbook = activeWorkbook()): AuditedWorkbook {
  const wb = new AuditedWorkbook(inner, { action });
  open.push(wb);
  return wb;
}

/**
 * Appends what every audited workbook of this execution wrote; a failure marks the rows «прервано».
 * Sheets opens a tab it inserts: when the journal tab is created here, the person stays on the tab the
 * action left them on (the one it wrote) instead of being taken to the journal.
 */
export function flushJournals(failure: unknown): void {
  const reason = failure ? (failure instanceof Error ? failure.message : String(failure)) : undefined;
  const dirty = open.filter((wb) => wb.dirty);
  if (dirty.length === 0) return;
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const journalExists = spreadsheet.getSheetByName(JOURNAL_SHEET) !== null;
  const shown = journalExists ? null : spreadsheet.getActiveSheet();
  for (const wb of dirty) wb.flush(reason);
  if (shown && shown.getName() !== JOURNAL_SHEET) spreadsheet.setActiveSheet(shown);
}

/** The tabs a district action may write: the district's own, the result sheet named in the settings and the one last checked. */
export function districtTargets(wb: Workbook): string[] {
  const names = wb.sheetNames();
  const checked = readSourceRecord(wb, names)?.sheet;
  const named = loadSettings(wb, names).settings.resultSheet;
  return [...DISTRICT_TABS, named, ...(checked && checked !== named ? [checked] : [])];
}

/**
 * The workbook for an action only the district's methodologists may run, or the Russian refusal that
 * says why not (read without the lock: nothing is written). Unless `preflight` is false, the tabs the
 * action may write are checked first: a protection there that the person may not edit would make Sheets
 * refuse a write half-way, so the action is refused before its first write, saying whom to ask.
 */
export function districtWorkbook(action: string, preflight = true): { wb: AuditedWorkbook } | { refusal: string } {
  const inner = activeWorkbook();
  const refusal = districtRefusal(roleInput(inner), action) ?? (preflight ? writeRefusal(inner, districtTargets(inner), action) : null);
  if (refusal) return { refusal };
  return { wb: auditedWorkbook(action, inner) };
}
