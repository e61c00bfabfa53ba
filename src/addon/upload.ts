/** «Загрузить выгрузки…»: the sidebar and its one endpoint, a district action under the lock. */
import { checkUpload, type UploadBatch, type UploadCheck, type UploadOutcome, type UploadPlan, uploadRows } from '../actions/upload';
import { districtWorkbook } from './audit';
import { withDocumentLock } from './lock';
import { showSidebar } from './ui';

export function menuUpload(): void {
  showSidebar('upload');
}

/** One batch of rows from the sidebar (plain data); the first of a load replaces the same files' rows. */
export function apiUploadResults(batch: UploadBatch): UploadOutcome {
  const got = districtWorkbook('Загрузить выгрузки…');
  if ('refusal' in got) return { ok: false, message: got.refusal };
  return withDocumentLock(() => uploadRows(got.wb, batch));
}

/**
 * What «Записать» will do with the files the sidebar has read, asked as soon as they are read: what would
 * stop the write is said next to the button before the click. Read-only, so without the lock.
 */
export function apiUploadCheck(plan: UploadPlan): UploadCheck {
  const got = districtWorkbook('Загрузить выгрузки…');
  if ('refusal' in got) return { refusal: got.refusal, comparisonSheet: null, replaced: 0, notes: [] };
  return checkUpload(got.wb, plan);
}
