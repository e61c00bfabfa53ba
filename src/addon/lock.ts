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

/** Seconds of one execution an action may spend on work it can finish in a later run (half of 6 minutes). */
export const RUN_SECONDS = 180;

/** A time budget from now: true once RUN_SECONDS (less a margin for the journal) have passed. */
export function budgetFromNow(seconds = RUN_SECONDS - 15): () => boolean {
  const started = Date.now();
  return () => Date.now() - started > seconds * 1000;
}
