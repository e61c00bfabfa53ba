/**
 * Many people at once on one document: sessions interleaved at every port call. Under the document lock
 * no registry row is lost or written twice and every action leaves one journal row; without the lock
 * the same schedule loses rows (so the simulation can tell).
 */
import { describe, expect, it } from 'vitest';
import { appendByKey, updateByKey } from '../../src/actions/append';
import { JOURNAL_SHEET } from '../../src/core/journal';
import { REGISTRY_COLUMNS, REGISTRY_SHEET } from '../../src/core/registry';
import { AuditedWorkbook } from '../../src/workbook/audited';
import { BUSY_MESSAGE, type DocumentLock, withLock } from '../../src/workbook/locking';
import { MemoryWorkbook } from '../../src/workbook/memory';
import type { Workbook } from '../../src/workbook/port';
import { SharedDocument, type SessionTask } from '../../src/workbook/shared';

const HEADER = REGISTRY_COLUMNS.map((c) => c.header);
const login = (i: number) => `sch77${String(1000 + i).padStart(4, '0')}`;

function tasks(users: number, editors: number, locked: boolean): SessionTask[] {
  const run = (action: string, body: (wb: Workbook) => void) => (view: Workbook, lock: DocumentLock) => {
    const wb = new AuditedWorkbook(view, { action, now: () => new Date('2026-03-05T09:00:00Z') });
    if (!locked) {
      body(wb);
      wb.flush();
      return;
    }
    withLock(
      lock,
      () => body(wb),
      (failure) => wb.flush(failure ? String(failure) : undefined),
    );
  };
  const adds: SessionTask[] = Array.from({ length: users }, (_, i) => ({
    id: `школа ${i}`,
    run: run('Добавить школу', (wb) => void appendByKey(wb, REGISTRY_SHEET, HEADER, [[login(i), `СОШ № ${i}`]])),
  }));
  const edits: SessionTask[] = Array.from({ length: editors }, (_, i) => ({
    id: `правка ${i}`,
    run: run('Изменить школу', (wb) => {
      if (!updateByKey(wb, REGISTRY_SHEET, 0, `sch76${String(i).padStart(4, '0')}`, 2, `Территория ${i}`)) throw new Error('нет строки');
    }),
  }));
  // Additions and edits arrive mixed.
  return adds.flatMap((a, i) => (edits[i] ? [a, edits[i] as SessionTask] : [a]));
}

function document(editors: number): SharedDocument {
  const wb = new MemoryWorkbook([
    {
      sheet: REGISTRY_SHEET,
      values: [HEADER, ...Array.from({ length: editors }, (_, i) => [`sch76${String(i).padStart(4, '0')}`, `Школа ${i}`])],
    },
  ]);
  wb.user = 'someone@rono.example';
  return new SharedDocument(wb);
}

describe('interleaved sessions on one document', () => {
  it('under the lock: 40 people adding schools and 20 editing rows at once — none lost, none twice, all journaled', () => {
    for (const seed of [1, 2, 3, 42, 2026]) {
      const doc = document(20);
      const report = doc.simulate(tasks(40, 20, true), { seed, interleave: 0.6 });
      expect(report.busy).toEqual([]);
      expect(report.done).toHaveLength(60);
      // The schedule really did overlap sessions, and some had to wait for the lock.
      expect(report.maxOverlap).toBeGreaterThan(1);
      expect(report.waits).toBeGreaterThan(0);
      const values = doc.wb.sheet(REGISTRY_SHEET).values;
      const logins = values.slice(1).map((r) => r[0]);
      expect(new Set(logins).size).toBe(logins.length);
      expect(logins.filter((l) => String(l).startsWith('sch77')).sort()).toEqual(Array.from({ length: 40 }, (_, i) => login(i)).sort());
      for (let i = 0; i < 20; i++) expect(values[i + 1]?.[2]).toBe(`Территория ${i}`);
      const journal = doc.wb.sheet(JOURNAL_SHEET).values.slice(1);
      expect(journal).toHaveLength(60);
      expect(journal.filter((r) => r[2] === 'Добавить школу')).toHaveLength(40);
    }
  });

  it('without the lock the same people lose rows: the simulation does interleave reads and writes', () => {
    const doc = document(20);
    doc.simulate(tasks(40, 20, false), { seed: 42, interleave: 0.6 });
    const logins = doc.wb
      .sheet(REGISTRY_SHEET)
      .values.slice(1)
      .map((r) => r[0]);
    expect(logins.filter((l) => String(l).startsWith('sch77')).length).toBeLessThan(40);
  });

  it('a person who waits past the bound is told the book is busy, and nothing of theirs is written', () => {
    const doc = document(0);
    const report = doc.simulate(tasks(10, 0, true), { seed: 7, interleave: 1, maxWaits: 1 });
    expect(report.busy.length).toBeGreaterThan(0);
    const logins = doc.wb
      .sheet(REGISTRY_SHEET)
      .values.slice(1)
      .map((r) => r[0]);
    expect(logins).toHaveLength(report.done.length);
    expect(() => withLock({ tryLock: () => false, releaseLock: () => undefined }, () => 1)).toThrow(BUSY_MESSAGE);
  });

  it('a failure midway releases the lock and journals what was written as «прервано»', () => {
    const doc = document(0);
    const lock = doc.lockFor('a');
    const wb = new AuditedWorkbook(doc.wb, { action: 'Добавить школу', now: () => new Date('2026-03-05T09:00:00Z') });
    expect(() =>
      withLock(
        lock,
        () => {
          appendByKey(wb, REGISTRY_SHEET, HEADER, [[login(1), 'СОШ № 1']]);
          throw new Error('сбой');
        },
        (failure) => wb.flush(failure instanceof Error ? failure.message : undefined),
      ),
    ).toThrow('сбой');
    expect(doc.lockFor('b').tryLock(0)).toBe(true);
    expect(doc.wb.sheet(JOURNAL_SHEET).values[1]?.[2]).toBe('Добавить школу — прервано: сбой');
  });
});
