/** Every read-modify-write of the shared workbook runs under the document lock, with a bounded wait. */

export const LOCK_WAIT_MS = 30_000;
export const BUSY_MESSAGE = 'Книга занята: её сейчас изменяет другой пользователь. Повторите через минуту.';

export function withDocumentLock<T>(fn: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(LOCK_WAIT_MS)) throw new Error(BUSY_MESSAGE);
  try {
    const result = fn();
    SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}
