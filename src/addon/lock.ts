/** Every read-modify-write of the shared workbook runs under the document lock, with a bounded wait. */
import { BUSY_MESSAGE, LOCK_WAIT_MS, withLock } from '../workbook/locking';
import { flushJournals } from './audit';

export { BUSY_MESSAGE, LOCK_WAIT_MS };

/**
 * Runs `fn` under LockService's document lock (waiting at most LOCK_WAIT_MS, then «Книга занята…»).
 * Before the lock is released, the journal rows of what `fn` wrote are appended and the writes flushed.
 */
export function withDocumentLock<T>(fn: () => T): T {
  return withLock(LockService.getDocumentLock(), fn, (failure) => {
    flushJournals(failure);
    SpreadsheetApp.flush();
  });
}
