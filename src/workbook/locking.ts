/**
 * The document lock as the add-on uses it, apart from Apps Script: `withLock` runs a read-modify-write
 * while holding a lock with a bounded wait, and says «книга занята» when the wait runs out. The add-on
 * passes LockService's document lock; the simulated sessions of tests pass the shared document's.
 */

export const LOCK_WAIT_MS = 30_000;
export const BUSY_MESSAGE = 'Книга занята: её сейчас изменяет другой пользователь. Повторите через минуту.';

/** What Apps Script's Lock offers and the add-on needs. */
export interface DocumentLock {
  tryLock(timeoutMs: number): boolean;
  releaseLock(): void;
}

export class BusyError extends Error {
  constructor() {
    super(BUSY_MESSAGE);
    this.name = 'BusyError';
  }
}

/** Runs `fn` holding the lock; `beforeRelease` runs still under the lock (flushing writes, the journal). */
export function withLock<T>(lock: DocumentLock | null, fn: () => T, beforeRelease?: (failure: unknown) => void): T {
  if (!lock || !lock.tryLock(LOCK_WAIT_MS)) throw new BusyError();
  let failure: unknown = null;
  try {
    return fn();
  } catch (e) {
    failure = e ?? new Error('ошибка');
    throw e;
  } finally {
    try {
      beforeRelease?.(failure);
    } finally {
      lock.releaseLock();
    }
  }
}
