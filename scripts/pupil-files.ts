/**
 * ФИС ОКО's per-pupil «Индивидуальные результаты» (форма Ф1) as a school or a municipal coordinator
 * downloads it, cell for cell as in the real 2026 file «Ф1_Индивидуальные результаты.xlsx» (sheet «РУ 4
 * Индивидуальные результаты») of the public dump pikhaev1988/saascrm95, apps/vpr/fixtures/all_files.txt:
 *   R1 A «Индивидуальные результаты»; R3 A «ВПР 2026 Русский язык 4 класс»; R4 «Предмет:» | «Русский язык»;
 *   R5 «Максимальный первичный балл:» | 24 (a number); R6 «Дата:» | «20.04.2026» (text);
 *   R7 C «Уровень сложности задания», G… Б/П over the tasks; R8 the header; per school one cell
 *   «МБОУ «СОШ №1 г.Урус-Мартан»(edu203389) | Кол-во участников: 89», then the pupils: login, municipality,
 *   the school's name with its login, the pupil's code (a number), class, variant, points, primary score,
 *   mark, journal mark — all numbers.
 * Used by the tests, by `npm run sample` (sample/pupils/) and by `npm run bench`.
 */
import type { Sheet } from './fisoko-reports';

type Cell = string | number | null;

export interface TaskSpec {
  label: string;
  level: 'Б' | 'П' | 'В' | null;
}

/** ВПР РУ 4 2026 as in the real file: 15 tasks, 24 points. */
export const RU4_2026: TaskSpec[] = [
  ['1 (2б)', 'Б'],
  ['2 (1б)', 'Б'],
  ['3 (2б)', 'Б'],
  ['4 (3б)', 'Б'],
  ['5 (2б)', 'Б'],
  ['6 (1б)', 'Б'],
  ['7 (1б)', 'Б'],
  ['8 (2б)', 'Б'],
  ['9.1 (1б)', 'П'],
  ['9.2 (2б)', 'П'],
  ['10.1 (1б)', 'П'],
  ['10.2 (2б)', 'П'],
  ['11 (1б)', 'Б'],
  ['12.1 (2б)', 'Б'],
  ['12.2 (1б)', 'Б'],
].map(([label, level]) => ({ label: label as string, level: level as TaskSpec['level'] }));

/**
 * Mark boundaries of ВПР РУ 4 2026: «3» from 10, «4» from 16, «5» from 21 — ФИОКО's scale shipped in
 * src/core/scale-data/vpr.json. The real file's pupils agree with it (15 points got «3», 17 got «4», 22 got
 * «5»; nobody there has 16 or 21).
 */
export const RU4_2026_BOUNDS: [number, number, number] = [10, 16, 21];

export const maxOf = (label: string): number => Number(/\((\d+)\s*б\)\s*$/.exec(label)?.[1] ?? 1);

/**
 * The tasks of a procedure for the sample district: the real ВПР РУ 4 list, and lists in the other label
 * styles met in real files (`5(1) (1б)`, `1К1 (4б)`, `11.3 k1 (2б)` with a Latin k).
 */
export function sampleTasks(subject: 'МА' | 'РУ', grade: number): TaskSpec[] {
  if (subject === 'РУ' && grade === 4) return RU4_2026;
  const list: TaskSpec[] = [];
  if (subject === 'МА') {
    const n = 10 + grade;
    for (let i = 1; i <= n; i++) {
      const level = i <= n - 4 ? 'Б' : i === n ? 'В' : 'П';
      if (grade === 5 && i === 5) list.push({ label: '5(1) (1б)', level }, { label: '5(2) (1б)', level });
      else list.push({ label: `${i} (${i > n - 3 ? 2 : 1}б)`, level });
    }
    return list;
  }
  // Русский язык 5–8: dictation criteria first (1К1…1К3), then tasks, some split into criteria.
  list.push({ label: '1К1 (4б)', level: 'Б' }, { label: '1К2 (3б)', level: 'Б' }, { label: '1К3 (2б)', level: 'Б' });
  for (let i = 2; i <= 8 + grade; i++) {
    const level = i <= 6 + grade ? 'Б' : 'П';
    if (i === 4) list.push({ label: '4К1 (3б)', level }, { label: '4К2 (1б)', level });
    else if (i === 11) list.push({ label: '11.3 k1 (2б)', level }, { label: '11.3 k2 (1б)', level });
    else list.push({ label: `${i} (${i % 3 === 0 ? 2 : 1}б)`, level });
  }
  return list;
}

/** «3» from a third, «4» from 55 %, «5» from 80 % of the maximum (a plausible scale). */
export function sampleBounds(tasks: readonly TaskSpec[]): [number, number, number] {
  if (tasks === RU4_2026) return RU4_2026_BOUNDS;
  const max = tasks.reduce((s, t) => s + maxOf(t.label), 0);
  return [Math.round(max / 3), Math.round(max * 0.55), Math.round(max * 0.8)];
}

export interface PupilRow {
  code: number;
  classLabel: number;
  variant: number;
  /** Points per task; 'X' (Latin) or 'Х' (Cyrillic) not done; null empty. */
  scores: Array<number | 'X' | 'Х' | null>;
  primary: number;
  mark: number;
  journal: number | null;
}

export interface F1School {
  login: string;
  name: string;
  territory: string;
  pupils: PupilRow[];
}

export interface F1Spec {
  subject: string;
  grade: number;
  year: number;
  date: string;
  tasks: readonly TaskSpec[];
  /** Write the row «Уровень сложности задания» (absent in some files). */
  levels: boolean;
  /** Older protocols: task numbers without the maximum, no «Максимальный первичный балл». */
  old?: boolean;
}

/** The Ф1 sheet, cell for cell as the real file. */
export function pupilSheet(spec: F1Spec, schools: readonly F1School[]): Sheet {
  const max = spec.tasks.reduce((s, t) => s + maxOf(t.label), 0);
  const values: Cell[][] = [
    ['Индивидуальные результаты'],
    [],
    [`ВПР ${spec.year} ${spec.subject} ${spec.grade} класс`],
    ['Предмет:', spec.subject],
    spec.old ? [] : ['Максимальный первичный балл:', max],
    ['Дата:', spec.date],
    spec.levels ? [null, null, 'Уровень сложности задания', null, null, null, ...spec.tasks.map((t) => t.level)] : [],
    [
      'ОО',
      'Муниципалитет',
      'Название ОО',
      'Код участника',
      'Класс',
      'Вариант',
      ...spec.tasks.map((t) => (spec.old ? t.label.replace(/\s*\(\d+б\)$/, '') : t.label)),
      'Первичный балл',
      'Отметка',
      'Отметка по журналу',
    ],
  ];
  for (const s of schools) {
    values.push([`${s.name}(${s.login}) | Кол-во участников: ${s.pupils.length}`]);
    for (const p of s.pupils)
      values.push([
        s.login,
        s.territory,
        `${s.name}(${s.login})`,
        p.code,
        p.classLabel,
        p.variant,
        ...p.scores,
        p.primary,
        p.mark,
        p.journal,
      ]);
  }
  return { values, merges: [] };
}

/** The sheet's name as ФИС ОКО gives it: «РУ 4 Индивидуальные результаты», cut at 31 characters. */
export function pupilSheetName(subject: 'МА' | 'РУ', grade: number): string {
  return `${subject} ${grade} Индивидуальные результаты`.slice(0, 31);
}

/**
 * Pupils of one school with exactly the given numbers of marks «2»…«5» and of journal comparisons
 * (lowered, confirmed, raised; the rest have no journal mark): each pupil's primary score is drawn within
 * its mark's range, spread over the tasks (X for some zero cells), and the journal mark set to match.
 */
export function simulatePupils(
  rand: () => number,
  tasks: readonly TaskSpec[],
  bounds: readonly [number, number, number],
  marks: readonly [number, number, number, number],
  journal: readonly [number, number, number] | null,
  firstCode: number,
): PupilRow[] {
  const maxes = tasks.map((t) => maxOf(t.label));
  const max = maxes.reduce((a, b) => a + b, 0);
  const lo = [0, bounds[0], bounds[1], bounds[2]];
  const hi = [bounds[0] - 1, bounds[1] - 1, bounds[2] - 1, max];
  const out: PupilRow[] = [];
  let code = firstCode;
  marks.forEach((count, m) => {
    for (let k = 0; k < count; k++) {
      const primary = (lo[m] as number) + Math.floor(rand() * ((hi[m] as number) - (lo[m] as number) + 1));
      const scores = maxes.map(() => 0);
      let left = primary;
      while (left > 0) {
        const t = Math.floor(rand() * maxes.length);
        if ((scores[t] as number) < (maxes[t] as number)) {
          scores[t] = (scores[t] as number) + 1;
          left--;
        }
      }
      out.push({
        code: code++,
        classLabel: 1 + Math.floor(rand() * 2),
        variant: 1 + Math.floor(rand() * 2),
        scores: scores.map((v) => (v === 0 && rand() < 0.15 ? 'X' : v)),
        primary,
        mark: m + 2,
        journal: null,
      });
    }
  });
  if (journal) {
    let [lowered, confirmed, raised] = journal;
    // Raised needs a mark above 2, lowered one below 5: those go first to the pupils that allow them.
    const order = [...out].sort((a, b) => b.mark - a.mark);
    for (const p of order) {
      if (raised > 0 && p.mark > 2) {
        p.journal = p.mark - 1;
        raised--;
      }
    }
    for (const p of [...out].sort((a, b) => a.mark - b.mark)) {
      if (p.journal !== null) continue;
      if (lowered > 0 && p.mark < 5) {
        p.journal = p.mark + 1;
        lowered--;
      } else if (confirmed > 0) {
        p.journal = p.mark;
        confirmed--;
      }
    }
  }
  // Pupils in the order of their codes, mixed as in a class list.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as PupilRow, out[i] as PupilRow];
  }
  out.forEach((p, i) => (p.code = firstCode + i));
  return out;
}

/**
 * Counts of «2»…«5» for a school of `participants` whose shares are `shares` (percent): rounded, and the
 * «2» moved by one where rounding would carry it across `line` (the 30 % threshold), so that verdicts agree.
 */
export function markCounts(
  participants: number,
  shares: readonly [number, number, number, number],
  line = 30,
): [number, number, number, number] {
  const c = shares.map((s) => Math.round((s * participants) / 100)) as [number, number, number, number];
  const side = (n: number) => (100 * n) / participants >= line;
  if (side(c[0]) !== shares[0] >= line) c[0] += shares[0] >= line ? 1 : -1;
  const sum = c.reduce((a, b) => a + b, 0);
  // The rest goes to (or comes from) «3», the largest group.
  c[1] += participants - sum;
  if (c[1] < 0) {
    c[2] += c[1];
    c[1] = 0;
  }
  return c;
}
