import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist-cli', 'shnor.cjs');
function shnor(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Json {
  sheet: string;
  a: { id: string; label: string; year: number };
  b: { id: string; label: string; year: number };
  counts: Record<string, number>;
  schools: Array<{
    login: string;
    a: { status: string; rules: string[] };
    b: { status: string };
    difference: string;
    cause: string;
    why: string;
  }>;
}

describe('shnor compare on the sample district', () => {
  it('the two readings of Rosobrnadzor’s indicator at 30 %: the same list', () => {
    const r = shnor('compare', 'sample/district.xlsx', '--a', 'rosobrnadzor-2025-or', '--b', 'rosobrnadzor-2025-and');
    expect(r.err).toBe('');
    expect(r.code).toBe(1); // the sample's one unreadable cell
    expect(r.out).toContain('ШНОР по A: 7, по B: 7; в обоих перечнях — 7; только по A — 0; только по B — 0.');
    expect(r.out).toContain('Статусы всех ОО совпадают.');
  });

  it('with one threshold of 20 % for both: who differs, and why, as JSON from the CSV too', () => {
    const text = shnor(
      'compare',
      'sample/district.xlsx',
      '--a',
      'rosobrnadzor-2025-or',
      '--b',
      'rosobrnadzor-2025-and',
      '--threshold',
      '20',
    );
    expect(text.out).toContain(
      'Различаются (3):\n  sch771011  МБОУ «СОШ № 11»\n    A: ШНОР (правило 1) → B: зона риска — только по A, комбинация правил\n',
    );
    const r = shnor(
      'compare',
      'sample/district.csv',
      '--a',
      'rosobrnadzor-2025-or',
      '--b',
      'rosobrnadzor-2025-and',
      '--threshold',
      '20',
      '--json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Json;
    expect(j.counts).toEqual({ a: 22, b: 19, both: 19, onlyA: 3, onlyB: 0, otherStatus: 0 });
    const differ = j.schools.filter((s) => s.difference !== '');
    expect(differ.map((s) => [s.login, s.a.rules, s.b.status, s.cause])).toEqual([
      ['sch771011', ['rule1'], 'зона риска', 'комбинация правил'],
      ['sch771023', ['rule2'], 'зона риска', 'комбинация правил'],
      ['sch771024', ['rule2'], 'зона риска', 'комбинация правил'],
    ]);
    expect(differ[2]?.why).toContain('правило 1 не выполнено: низкие результаты по 1 процедуре в 2026 г. (нужно не менее 2)');
  });

  it('speaks Russian about its mistakes, with exit code 2', () => {
    for (const args of [
      ['compare', 'sample/district.csv', '--a', 'novokuznetsk-2020'],
      ['compare', '--a', 'x', '--b', 'y'],
      ['compare', 'sample/district.csv', '--a', 'novokuznetsk-2020', '--b', 'kazan'],
      ['compare', 'sample/district.csv', '--a', 'novokuznetsk-2020', '--b', 'rosobrnadzor-2025-or', '--threshold', 'ноль'],
      ['compare', 'nope.xlsx', '--a', 'novokuznetsk-2020', '--b', 'rosobrnadzor-2025-or'],
    ]) {
      const r = shnor(...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/[А-Яа-яЁё]/);
    }
    const help = shnor('compare', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^shnor compare <файл\.xlsx\|файл\.csv> --a НАБОР --b НАБОР/);
    expect(shnor('--help').out).toContain('shnor compare <файл> --a НАБОР --b НАБОР');
  });
});
