/**
 * `shnor analyze --json` on a folder of Ф1 files (written by scripts/pupil-files.ts in the real file's
 * layout): per school the markers beside the verdict and the weak tasks (src/core/tasks.ts).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeReportXlsx } from '../../scripts/fisoko-reports';
import { run } from '../../src/cli/main';
import { districtSchools, rng, type SchoolSpec, taskDistrictSheet } from '../support/task-district';

const dir = join(mkdtempSync(join(tmpdir(), 'shnor-cli-tasks-')), 'Ф1');
const schools = districtSchools(rng(31), 25);
const cheat = schools[0] as SchoolSpec;
Object.assign(cheat, { level: -0.6, pupils: 70, lift: 3 });
const weak = schools[1] as SchoolSpec;
Object.assign(weak, { level: 0, pupils: 70, weakOn: [3, 5] });

async function shnor(...args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  const g = taskDistrictSheet(41, schools);
  await writeReportXlsx(join(dir, 'Ф1 МА 5.xlsx'), g.sheet, { values: g.values as never, merges: [] });
});

interface JsonSchool {
  login: string;
  status: string;
  markers: Array<{ kind: string; procedure: string; year: number; text: string }>;
  weakTasks: Array<{ procedure: string; year: number; task: string; level: string; max: number; completion: number; district: number }>;
  journal: Array<{ procedure: string; year: number; compared: number; raised: number; differBy2: number }>;
}

describe('shnor analyze --json: markers and weak tasks per school', () => {
  it('names the lifting school’s peak and the weak school’s two tasks; nobody else gets a peak', async () => {
    const r = await shnor('analyze', dir, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { schools: JsonSchool[] };
    const by = new Map(doc.schools.map((s) => [s.login, s]));
    const c = by.get(cheat.login)!;
    const peaks = c.markers.filter((m) => m.kind === 'score-peaks');
    expect(peaks).toHaveLength(1);
    expect(peaks[0]).toMatchObject({ procedure: 'ВПР МА 5', year: 2026 });
    expect(peaks[0]?.text).toMatch(
      /^ВПР МА 5, 2026: \d+ из 70 участников набрали ровно 7 баллов — минимум для «3»; по району при таком уровне ожидалось бы около \d+; 0 участников с 4–6 баллами/,
    );
    const others = doc.schools.filter((s) => s.login !== cheat.login).flatMap((s) => s.markers.filter((m) => m.kind === 'score-peaks'));
    expect(others).toEqual([]);
    const w = by.get(weak.login)!;
    expect(w.weakTasks.map((t) => [t.procedure, t.year, t.task, t.level, t.max])).toEqual([
      ['ВПР МА 5', 2026, '4', 'Б', 1],
      ['ВПР МА 5', 2026, '6', 'Б', 1],
    ]);
    for (const t of w.weakTasks) {
      expect(t.completion).toBeLessThan(57);
      expect(t.district - t.completion).toBeGreaterThanOrEqual(10);
    }
    // The journal per pupil: every school, with the pupils two marks apart.
    expect(w.journal).toHaveLength(1);
    expect(w.journal[0]?.compared).toBeGreaterThan(60);
    expect(doc.schools.some((s) => (s.journal[0]?.differBy2 ?? 0) > 0)).toBe(true);
  }, 120_000);
});
