/**
 * Simulated districts for the task and score-distribution analyses (src/core/tasks.ts), written as ФИС ОКО
 * «Индивидуальные результаты» (Ф1) sheets by scripts/pupil-files.ts (the real file's layout). Unlike
 * `simulatePupils`, which draws a pupil's score evenly within a mark, these pupils answer every task: a pupil
 * has an ability, a school a level, each task a difficulty (basic tasks easier than advanced ones), and every
 * point of a task is won with a logistic chance — so the primary-score distribution has the smooth, skewed
 * shape of an honest school and moves with its level.
 * A school may be made weak on some tasks, or «lift» its pupils just under the «3» boundary to it (what
 * ФИОКО's recommendations call a peak at the boundary): points are added to tasks with room until the pupil
 * has exactly the boundary's score.
 */
import { type F1School, maxOf, pupilSheet, type PupilRow, type TaskSpec } from '../../scripts/pupil-files';
import { rng } from '../../scripts/make-sample';
import type { Grid } from '../../src/core/results';

export { rng };

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** ВПР МА 5 in the style of the real files: 14 tasks, 20 points; tasks 1–10 basic, 11–14 advanced. */
export const MA5: TaskSpec[] = [
  ['1 (1б)', 'Б'],
  ['2 (1б)', 'Б'],
  ['3 (1б)', 'Б'],
  ['4 (1б)', 'Б'],
  ['5 (1б)', 'Б'],
  ['6 (1б)', 'Б'],
  ['7 (1б)', 'Б'],
  ['8 (2б)', 'Б'],
  ['9 (2б)', 'Б'],
  ['10 (2б)', 'Б'],
  ['11 (1б)', 'П'],
  ['12 (2б)', 'П'],
  ['13 (2б)', 'П'],
  ['14 (2б)', 'В'],
].map(([label, level]) => ({ label: label as string, level: level as TaskSpec['level'] }));

/** «3» from 7, «4» from 11, «5» from 15 of 20. */
export const MA5_BOUNDS: [number, number, number] = [7, 11, 15];

export interface SchoolSpec {
  login: string;
  name: string;
  pupils: number;
  /** The school's level on the ability scale (district average 0). */
  level: number;
  /** 0-based task indices the school's pupils do much worse on. */
  weakOn?: number[];
  /** Pupils with a primary score this many points under the «3» boundary or closer are lifted to it. */
  lift?: number;
}

const difficulty = (t: TaskSpec, i: number) => (t.level === 'Б' ? -1.1 + 0.12 * i : t.level === 'П' ? 0.9 : 1.6);

export function simulateSchool(
  rand: () => number,
  tasks: readonly TaskSpec[],
  bounds: readonly [number, number, number],
  s: SchoolSpec,
  firstCode: number,
): PupilRow[] {
  const maxes = tasks.map((t) => maxOf(t.label));
  const out: PupilRow[] = [];
  for (let k = 0; k < s.pupils; k++) {
    const theta = s.level + normal(rand);
    const scores = tasks.map((t, i) => {
      const d = difficulty(t, i) + (s.weakOn?.includes(i) ? 2.2 : 0);
      const p = 1 / (1 + Math.exp(d - theta));
      let v = 0;
      for (let j = 0; j < (maxes[i] as number); j++) if (rand() < p) v++;
      return v;
    });
    let primary = scores.reduce((a, b) => a + b, 0);
    if (s.lift !== undefined && primary < bounds[0] && primary >= bounds[0] - s.lift) {
      for (let i = 0; primary < bounds[0]; i = (i + 1) % scores.length)
        if ((scores[i] as number) < (maxes[i] as number)) {
          scores[i] = (scores[i] as number) + 1;
          primary++;
        }
    }
    const mark = primary >= bounds[2] ? 5 : primary >= bounds[1] ? 4 : primary >= bounds[0] ? 3 : 2;
    const r = rand();
    const journal =
      r < 0.05
        ? null
        : r < 0.08
          ? mark <= 3
            ? mark + 2
            : mark - 2
          : r < 0.2
            ? Math.min(5, mark + 1)
            : r < 0.3
              ? Math.max(2, mark - 1)
              : mark;
    out.push({
      code: firstCode + k,
      classLabel: 1 + (k % 2),
      variant: 1 + (k % 2),
      scores: scores.map((v) => (v === 0 && rand() < 0.15 ? 'X' : v)),
      primary,
      mark,
      journal,
    });
  }
  return out;
}

/** Schools of a district with levels and sizes drawn at random: logins sch78xxxx. */
export function districtSchools(rand: () => number, count: number, sizes: [number, number] = [20, 120]): SchoolSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    login: `sch78${String(1001 + i).padStart(4, '0')}`,
    name: `МБОУ «СОШ № ${i + 1}»`,
    pupils: sizes[0] + Math.floor(rand() * (sizes[1] - sizes[0] + 1)),
    level: 0.7 * normal(rand),
  }));
}

/** One Ф1 sheet of ВПР МА 5 (or of the subject and grade given) for the given schools. */
export function taskDistrictSheet(
  seed: number,
  schools: readonly SchoolSpec[],
  opts: {
    year?: number;
    levels?: boolean;
    tasks?: readonly TaskSpec[];
    bounds?: [number, number, number];
    subject?: { name: string; code: string };
    grade?: number;
  } = {},
): Grid {
  const rand = rng(seed);
  const tasks = opts.tasks ?? MA5;
  const bounds = opts.bounds ?? MA5_BOUNDS;
  const year = opts.year ?? 2026;
  const f1: F1School[] = schools.map((s, i) => ({
    login: s.login,
    name: s.name,
    territory: 'Энский муниципальный округ',
    pupils: simulateSchool(rand, tasks, bounds, s, 10001 + i * 1000),
  }));
  const subject = opts.subject ?? { name: 'Математика', code: 'МА' };
  const grade = opts.grade ?? 5;
  const sheet = pupilSheet({ subject: subject.name, grade, year, date: `20.04.${year}`, tasks, levels: opts.levels ?? true }, f1);
  return { sheet: `${subject.code} ${grade} Индивидуальные результаты`, values: sheet.values, merges: [] };
}
