/**
 * The engine's fast paths against straightforward references on random districts: the same fingerprint,
 * the same district means (values and order), the same procedure matches, the same verdicts with
 * exclusions, whatever the keys look like (one a prefix of another, keys holding `|`, repeated keys).
 */
import { describe, expect, it } from 'vitest';
import { type Criteria, presetCriteria } from '../../src/core/criteria';
import { type Mean, districtMeans, markedExclusions, objectivityMarkers, resultKey } from '../../src/core/objectivity';
import { matchesProcedure } from '../../src/core/procedure';
import type { Result, School } from '../../src/core/results';
import { resultsFingerprint } from '../../src/core/source-record';
import { assess } from '../../src/core/verdict';
import { type SchoolDynamics, schoolDynamics, trendOf } from '../../src/core/dynamics';

const PROCEDURES = ['ВПР МА 5', 'ВПР РУ 5', 'ВПР МА 6', 'ОГЭ МА', 'ОГЭ РУ', 'ЕГЭ МА база', 'ЕГЭ МА проф', 'ЕГЭ РУ', 'ВПР ИС 5'];
const YEARS = [2024, 2025, 2026];

function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

/** Keys as the parse makes them (logins, `name:` keys), with prefixes of one another and, when asked, `|` and repeats. */
function district(seed: number, n: number, odd = false, oddResults = odd): School[] {
  const next = random(seed);
  const keys = Array.from({ length: n }, (_, i) => (i % 7 === 3 ? `name:мбоу сош № ${i}` : `sch${i}`));
  if (odd) keys.push('sch1|ВПР МА 5', 'name:a|b', keys[0] as string);
  return keys.map((key, i) => {
    const results: Result[] = [];
    for (const procedure of PROCEDURES)
      for (const year of YEARS) {
        const u = next();
        if (u < 0.1) continue;
        const state = u < 0.2 ? 'notHeld' : u < 0.25 ? 'blank' : 'held';
        const fail = state === 'held' ? Math.round(next() * 600) / 10 : null;
        const high = state === 'held' && next() < 0.8 ? Math.round(next() * 400) / 10 : null;
        const participants = next() < 0.3 ? Math.floor(next() * 40) : null;
        results.push({ procedure, year, fail, state, high, participants, row: i + 2, col: 3 + results.length });
      }
    // A procedure and year given twice, and a label holding `|`: lines that their heads alone cannot order.
    if (oddResults && i % 9 === 4 && results[0]) results.push({ ...results[0], fail: 99 }, { ...results[0], procedure: 'ВПР МА 5|x' });
    return { key, login: key.startsWith('sch') ? key : null, name: `Школа ${i}`, territory: '', row: i + 2, results };
  });
}

/** The fingerprint as first written: every line built, all sorted at once. */
function fingerprintReference(schools: readonly School[]): string {
  const lines: string[] = [];
  for (const s of schools)
    for (const r of s.results)
      lines.push([s.key, r.procedure, r.year, r.state, r.fail ?? '', r.participants ?? '', r.high ?? ''].join('|'));
  lines.sort();
  let h = 0x811c9dc5;
  const step = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  lines.forEach((line, i) => {
    if (i > 0) step('\n');
    step(line);
  });
  return h.toString(16).padStart(8, '0');
}

function meansReference(schools: readonly School[]): Map<string, Mean> {
  const acc = new Map<string, { fail: number; nf: number; high: number; nh: number }>();
  for (const s of schools)
    for (const r of s.results) {
      if (r.state !== 'held') continue;
      const k = `${r.procedure}|${r.year}`;
      const a = acc.get(k) ?? { fail: 0, nf: 0, high: 0, nh: 0 };
      if (r.fail !== null) {
        a.fail += r.fail;
        a.nf++;
      }
      if (r.high !== null) {
        a.high += r.high;
        a.nh++;
      }
      acc.set(k, a);
    }
  return new Map([...acc].map(([k, a]) => [k, { fail: a.nf ? a.fail / a.nf : null, high: a.nh ? a.high / a.nh : null }]));
}

function matchesReference(label: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return true;
  return patterns.some(
    (p) =>
      p === '*' ||
      p === label ||
      (p.endsWith('*') && (label === p.slice(0, -1).trimEnd() || label.startsWith(`${p.slice(0, -1).trimEnd()} `))),
  );
}

/** An exclusion map that names every school, so that the verdicts look up every result as they first did. */
function namingEvery(exclude: ReadonlyMap<string, string>, schools: readonly School[]): ReadonlyMap<string, string> {
  return {
    get: (k: string) => exclude.get(k),
    has: (k: string) => exclude.has(k),
    keys: () => schools.map((s) => `${s.key}|*|0`)[Symbol.iterator](),
    size: schools.length,
  } as unknown as ReadonlyMap<string, string>;
}

/** A school's dynamics as first written: maps of the year's and the year before's %«2» by procedure. */
function dynamicsReference(s: School, criteria: Criteria, year: number, threshold: number): SchoolDynamics {
  const prev = new Map<string, number>();
  const cur = new Map<string, number>();
  for (const r of s.results) {
    if (r.state !== 'held' || r.fail === null || !matchesReference(r.procedure, criteria.procedures)) continue;
    if (r.year === year) cur.set(r.procedure, r.fail);
    else if (r.year === year - 1) prev.set(r.procedure, r.fail);
  }
  const changes = [...cur]
    .filter(([p]) => prev.has(p))
    .map(([procedure, after]) => {
      const before = prev.get(procedure) as number;
      const delta = Math.round((after - before) * 1000) / 1000;
      return { procedure, before, after, delta, trend: trendOf(delta, threshold) };
    })
    .sort((a, b) => (a.procedure < b.procedure ? -1 : a.procedure > b.procedure ? 1 : 0));
  const meanDelta = changes.length === 0 ? null : changes.reduce((sum, c) => sum + c.delta, 0) / changes.length;
  return { key: s.key, year, changes, meanDelta, improved: meanDelta === null ? null : meanDelta < 0 };
}

describe('the engine is the same as its straightforward reference', () => {
  it('fingerprints every district as all lines sorted at once', () => {
    for (const [seed, odd] of [
      [1, false],
      [2, true],
      [3, false],
      [11, true],
      [4, true],
    ] as const) {
      const schools = district(seed, 60, odd, odd || seed === 3);
      expect(resultsFingerprint({ schools })).toBe(fingerprintReference(schools));
      // Another order of the same rows gives the same fingerprint.
      expect(resultsFingerprint({ schools: [...schools].reverse() })).toBe(fingerprintReference(schools));
    }
  });

  it('gives the district means with the same values in the same order', () => {
    for (const seed of [5, 6, 7]) {
      const schools = district(seed, 80, seed === 6);
      expect([...districtMeans(schools)]).toEqual([...meansReference(schools)]);
    }
  });

  it('matches procedures as before, for the same list asked again and for a new one', () => {
    const lists: string[][] = [[], ['*'], ['ВПР МА 5', 'ЕГЭ МА*'], ['ОГЭ*', 'ВПР РУ 5'], ['ЕГЭ МА *'], ['ЕГЭ']];
    for (const patterns of lists)
      for (let k = 0; k < 2; k++)
        for (const label of [...PROCEDURES, 'ЕГЭ МА', 'ЕГЭ', 'ОГЭ'])
          expect(matchesProcedure(label, patterns), `${label} ${patterns.join(',')}`).toBe(matchesReference(label, patterns));
  });

  it('judges with exclusions exactly as when every result is looked up', () => {
    for (const seed of [8, 9, 10]) {
      const schools = district(seed, 120, seed === 9);
      const marks = objectivityMarkers(schools, [], new Map(), { raisedMax: 15, confirmedMin: 50, highExcess: 5, countMarked: false });
      const exclude = markedExclusions(marks);
      // A key of a school that is not in the table, and one of a result that is not, change nothing.
      exclude.set(resultKey('sch99999', 'ВПР МА 5', 2026), 'нет такой школы');
      expect(exclude.size).toBeGreaterThan(1);
      for (const criteria of [
        presetCriteria('novokuznetsk-2020'),
        presetCriteria('rosobrnadzor-2025-or'),
        { ...presetCriteria('rosobrnadzor-2025-and'), minParticipants: 10 },
      ] as Criteria[]) {
        const fast = assess(schools, criteria, { exclude });
        const reference = assess(schools, criteria, { exclude: namingEvery(exclude, schools) });
        expect(fast).toEqual(reference);
        expect(fast.verdicts.some((v) => v.excluded.length > 0)).toBe(true);
      }
    }
  });

  it('gives every school the same dynamics, a procedure given twice in a year included', () => {
    const schools = district(12, 150, false, true);
    for (const criteria of [presetCriteria('novokuznetsk-2020'), presetCriteria('rosobrnadzor-2025-or')])
      for (const year of [2025, 2026])
        for (const s of schools) expect(schoolDynamics(s, criteria, year, 10)).toEqual(dynamicsReference(s, criteria, year, 10));
  });
});
