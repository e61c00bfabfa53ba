import { beforeAll, describe, expect, it } from 'vitest';
import { compareCriteria, comparisonSummary, type Side } from '../../src/core/compare';
import { findPreset, presetCriteria } from '../../src/core/criteria';
import { parseResultTable, type Result, type School } from '../../src/core/results';
import { sampleGrids } from '../support/sample';

let sample: School[];
beforeAll(async () => {
  const grids = await sampleGrids();
  sample = parseResultTable(grids.find((g) => g.sheet === 'Результаты')!).schools;
});

const side = (id: string, threshold?: number): Side => {
  const criteria = presetCriteria(id);
  if (threshold !== undefined) criteria.threshold = threshold;
  return { id, label: findPreset(id)?.name ?? id, criteria };
};

describe('the two readings of Rosobrnadzor’s indicator over the sample district', () => {
  it('at the indicator’s 30 % the readings agree: every listed school meets both conditions', () => {
    const c = compareCriteria(sample, side('rosobrnadzor-2025-or'), side('rosobrnadzor-2025-and'));
    expect(c.counts).toEqual({ a: 7, b: 7, both: 7, onlyA: 0, onlyB: 0, otherStatus: 0 });
    expect(c.rows.filter((r) => r.difference !== '')).toEqual([]);
    // The listed schools hold both rules, so «и» takes none of them off.
    for (const r of c.rows.filter((x) => x.a.status === 'ШНОР')) expect(r.a.fired).toEqual(['rule1', 'rule2']);
    expect(comparisonSummary(c)).toBe('ШНОР по A: 7, по B: 7; в обоих перечнях — 7; только по A — 0; только по B — 0.');
  });

  it('at 20 % «и» takes three schools off the list, each for the condition it lacks', () => {
    const c = compareCriteria(sample, side('rosobrnadzor-2025-or', 20), side('rosobrnadzor-2025-and', 20));
    expect(c.counts).toEqual({ a: 22, b: 19, both: 19, onlyA: 3, onlyB: 0, otherStatus: 0 });
    const differ = c.rows.filter((r) => r.difference !== '');
    expect(differ.map((r) => [r.login, r.a.status, r.b.status, r.difference, r.cause, r.a.fired])).toEqual([
      ['sch771011', 'ШНОР', 'зона риска', 'только по A', 'комбинация правил', ['rule1']],
      ['sch771023', 'ШНОР', 'зона риска', 'только по A', 'комбинация правил', ['rule2']],
      ['sch771024', 'ШНОР', 'зона риска', 'только по A', 'комбинация правил', ['rule2']],
    ]);
    expect(differ[1]?.why).toBe(
      'Комбинация правил: в B условия объединены через «и» — правило 2 выполнено (Правило 2: низкий результат по ВПР РУ 4 в каждом из 2 последних лет (2025, 2026)); ' +
        'правило 1 не выполнено: низкие результаты по 1 процедуре в 2026 г. (нужно не менее 2). ' +
        'В A достаточно: Правило 2: низкий результат по ВПР РУ 4 в каждом из 2 последних лет (2025, 2026).',
    );
    expect(differ[0]?.why).toContain(
      'правило 2 не выполнено: нет одной и той же процедуры с низким результатом в каждом из 2 последних лет (низкие: 2025 — ВПР МА 4, ВПР МА 8, ВПР РУ 4; 2026 — ВПР МА 6, ВПР МА 7, ВПР РУ 5)',
    );
    // Differing schools come first; the rest keep their order by status.
    expect(c.rows.slice(3).every((r) => r.difference === '')).toBe(true);
  });
});

const r = (procedure: string, year: number, fail: number): Result => ({
  procedure,
  year,
  fail,
  state: 'held',
  high: null,
  participants: 40,
  row: 1,
  col: 1,
});
const school = (login: string, results: Result[]): School => ({ key: login, login, name: login, territory: '', row: 1, results });

describe('which rule makes the difference', () => {
  it('rule 2: Новокузнецк takes any procedure in both years, Рособрнадзор the same one', () => {
    const schools = [school('sch000001', [r('ВПР МА 5', 2025, 35), r('ВПР РУ 5', 2026, 31), r('ВПР МА 5', 2026, 10)])];
    const c = compareCriteria(schools, side('novokuznetsk-2020'), side('rosobrnadzor-2025-or'));
    const row = c.rows[0]!;
    expect([row.a.status, row.b.status, row.difference, row.cause]).toEqual(['ШНОР', 'зона риска', 'только по A', 'правило 2']);
    expect(row.why).toBe(
      'Правило 2: в A выполнено — низкие результаты в каждом из 2 последних лет (2025, 2026); ' +
        'в B не выполнено: нет одной и той же процедуры с низким результатом в каждом из 2 последних лет (низкие: 2025 — ВПР МА 5; 2026 — ВПР РУ 5).',
    );
  });

  it('rule 1, on the other side: procedures Новокузнецк does not count', () => {
    const schools = [school('sch000002', [r('ВПР МА 7', 2026, 40), r('ВПР РУ 8', 2026, 33)])];
    const c = compareCriteria(schools, side('novokuznetsk-2020'), side('rosobrnadzor-2025-or'));
    const row = c.rows[0]!;
    expect([row.a.status, row.b.status, row.difference, row.cause]).toEqual(['нет данных', 'ШНОР', 'только по B', 'правило 1']);
    expect(row.why).toBe(
      'Правило 1: в B выполнено — низкие результаты по 2 процедурам в 2026 г. (нужно не менее 2); в A не выполнено: учитываемых результатов нет (учитываются процедуры: ВПР МА 5, ВПР МА 6, ВПР РУ 5, ВПР РУ 6, ОГЭ МА, ОГЭ РУ, ЕГЭ МА*, ЕГЭ РУ).',
    );
  });

  it('a different threshold moves a school between зона риска and норма without touching the list', () => {
    const schools = [school('sch000003', [r('ВПР МА 5', 2026, 27)])];
    const c = compareCriteria(schools, side('novokuznetsk-2020', 25), side('novokuznetsk-2020'));
    expect([c.rows[0]?.difference, c.rows[0]?.cause]).toEqual(['другой статус', 'учитываемые результаты']);
    expect(c.rows[0]?.why).toBe(
      'Учитываемые результаты различаются (порог, процедуры или годы): в A — зона риска (ВПР МА 5, 2026: 27 % «2» ≥ 25 %); в B — норма (низких результатов нет).',
    );
    expect(c.counts.otherStatus).toBe(1);
  });
});
