/**
 * One document shared by many sessions, for tests: every session works on the same in-memory workbook
 * through its own view, and a scheduler interleaves them at the port's calls — while one session is
 * between its read and its write, another may run. The document lock is the only thing that keeps a
 * read-modify-write whole, as LockService's document lock does in Sheets; a session that cannot have the
 * lock waits (is tried again later), up to a bound, then gets «книга занята».
 */
import { BusyError, type DocumentLock } from './locking';
import type { MemoryWorkbook } from './memory';
import type { Workbook } from './port';

export interface SessionTask {
  id: string;
  /** What the person does: the view of the document and the document lock. */
  run: (wb: Workbook, lock: DocumentLock) => void;
}

export interface SimulationOptions {
  /** Seed of the interleaving (the same seed, the same schedule). */
  seed: number;
  /** Chance that another session runs at a port call of the current one. */
  interleave?: number;
  /** How many times a session waiting for the lock is tried again before it is told the book is busy. */
  maxWaits?: number;
}

export interface SimulationReport {
  done: string[];
  busy: string[];
  /** Lock attempts that had to wait. */
  waits: number;
  /** Most sessions that were in the middle of an action at the same time. */
  maxOverlap: number;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SharedDocument {
  private holder: string | null = null;

  constructor(readonly wb: MemoryWorkbook) {}

  /** The document lock as one session sees it. */
  lockFor(session: string): DocumentLock {
    return {
      tryLock: () => {
        if (this.holder !== null && this.holder !== session) return false;
        this.holder = session;
        return true;
      },
      releaseLock: () => {
        if (this.holder === session) this.holder = null;
      },
    };
  }

  /** A session's view: the shared workbook, with `beforeCall` run before each of its port calls. */
  view(beforeCall: () => void): Workbook {
    const target = this.wb;
    return new Proxy(target, {
      get(obj, prop, receiver) {
        const value = Reflect.get(obj, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          beforeCall();
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
      },
    }) as Workbook;
  }

  /**
   * Runs the sessions interleaved: at every port call of a running session, with the given chance, the
   * next waiting session runs right there (nested), until all are done or told the book is busy.
   */
  simulate(tasks: SessionTask[], options: SimulationOptions): SimulationReport {
    const rnd = random(options.seed);
    const chance = options.interleave ?? 0.5;
    const maxWaits = options.maxWaits ?? 1000;
    const queue = tasks.map((t) => ({ task: t, waits: 0 }));
    const report: SimulationReport = { done: [], busy: [], waits: 0, maxOverlap: 0 };
    let depth = 0;
    const runNext = (): void => {
      const item = queue.shift();
      if (!item) return;
      depth++;
      report.maxOverlap = Math.max(report.maxOverlap, depth);
      try {
        const view = this.view(() => {
          if (depth < 8 && queue.length > 0 && rnd() < chance) runNext();
        });
        item.task.run(view, this.lockFor(item.task.id));
        report.done.push(item.task.id);
      } catch (e) {
        if (!(e instanceof BusyError)) throw e;
        report.waits++;
        item.waits++;
        if (item.waits >= maxWaits) report.busy.push(item.task.id);
        // Waiting: tried again after the others that are waiting now.
        else queue.push(item);
      } finally {
        depth--;
      }
    };
    while (queue.length > 0) runNext();
    return report;
  }
}
