/**
 * The district workbook as menu handlers get it: checked for the person's role, and audited — every write
 * is recorded in «Журнал изменений» when the action ends under the lock.
 */
import { roleInput } from '../actions/protection';
import { districtRefusal } from '../core/roles';
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

/** Appends what every audited workbook of this execution wrote; a failure marks the rows «прервано». */
export function flushJournals(failure: unknown): void {
  const reason = failure ? (failure instanceof Error ? failure.message : String(failure)) : undefined;
  for (const wb of open) if (wb.dirty) wb.flush(reason);
}

/**
 * The workbook for an action only the district's methodologists may run, or the Russian refusal that
 * says why not (read without the lock: nothing is written).
 */
export function districtWorkbook(action: string): { wb: AuditedWorkbook } | { refusal: string } {
  const inner = activeWorkbook();
  const refusal = districtRefusal(roleInput(inner), action);
  if (refusal) return { refusal };
  return { wb: auditedWorkbook(action, inner) };
}
