/** «Загрузить выгрузки…»: the sidebar and its one endpoint, a district action under the lock. */
import { type UploadBatch, type UploadOutcome, uploadRows } from '../actions/upload';
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
