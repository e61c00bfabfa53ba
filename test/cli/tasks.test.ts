/**
 * `shnor analyze --json` on a folder of Ф1 files (written by scripts/pupil-files.ts in the real file's
 * layout): per school the markers beside the verdict and the weak tasks (src/core/tasks.ts).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { writeReportXlsx } from '../../scripts/fisoko-reports';
import { RU4_2026, RU4_2026_BOUNDS } from '../../scripts/pupil-files';
import { TEXTS_HEADER } from '../../src/core/task-texts';
import { run } from '../../src/cli/main';
import { districtSchools, rng, type SchoolSpec, taskDistrictSheet } from '../support/task-district';
import { TEST_RU4_2026, textsTabRows } from '../support/task-texts';

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
  weakTasks: Array<{
    procedure: string;
    year: number;
    task: string;
    level: string;
    max: number;
    completion: number;
    district: number;
    text: string | null;
    section: string | null;
  }>;
  gaps: Array<{ procedure: string; year: number; section: string; tasks: string[]; total: number }>;
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

describe('shnor analyze --json: weak tasks in words', () => {
  const ru = join(mkdtempSync(join(tmpdir(), 'shnor-cli-texts-')), 'Ф1');
  const ruSchools = districtSchools(rng(5), 20, [40, 90]);
  const lexis = ruSchools[2] as SchoolSpec;
  // Tasks 6 and 7 of ВПР РУ 4 2026 (indices 5 and 6): «Раздел В» of the district's descriptions (the test set).
  Object.assign(lexis, { level: 0.2, pupils: 80, weakOn: [5, 6] });

  beforeAll(async () => {
    mkdirSync(ru, { recursive: true });
    const g = taskDistrictSheet(12, ruSchools, {
      tasks: RU4_2026,
      bounds: RU4_2026_BOUNDS,
      subject: { name: 'Русский язык', code: 'РУ' },
      grade: 4,
    });
    await writeReportXlsx(join(ru, 'Ф1 РУ 4.xlsx'), g.sheet, { values: g.values as never, merges: [] });
    const m = taskDistrictSheet(41, schools);
    await writeReportXlsx(join(ru, 'Ф1 МА 5.xlsx'), m.sheet, { values: m.values as never, merges: [] });
    // The district's own book with its «Описания заданий» (nothing is shipped): ВПР РУ 4 2026 as it typed it
    // in (test/support/task-texts.ts), and task 4 of ВПР МА 5.
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Описания заданий');
    ws.addRow([...TEXTS_HEADER]);
    ws.addRows(textsTabRows(TEST_RU4_2026));
    ws.addRow(['ВПР МА 5', 2026, '4', 'Б', 1, 'Числа и вычисления', 'Сравнение обыкновенных дробей (описание района)', 'район']);
    await book.xlsx.writeFile(join(ru, 'Район.xlsx'));
  });

  it('the district’s texts and sections with their gaps, null and no gap where none is known', async () => {
    const r = await shnor('analyze', ru, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { schools: JsonSchool[] };
    const by = new Map(doc.schools.map((s) => [s.login, s]));
    const w = by.get(lexis.login)!;
    const ruWeak = w.weakTasks.filter((t) => t.procedure === 'ВПР РУ 4');
    expect(ruWeak.map((t) => [t.task, t.level, t.max, t.section])).toEqual([
      ['6', 'Б', 1, 'Раздел В'],
      ['7', 'Б', 1, 'Раздел В'],
    ]);
    expect(ruWeak.map((t) => t.text)).toEqual(['Тестовое описание задания 6', 'Тестовое описание задания 7']);
    expect(w.gaps).toEqual([{ procedure: 'ВПР РУ 4', year: 2026, section: 'Раздел В', tasks: ['6', '7'], total: 2 }]);
    const ma = by.get(weak.login)!.weakTasks.filter((t) => t.procedure === 'ВПР МА 5');
    expect(ma.map((t) => [t.task, t.text])).toEqual([
      ['4', 'Сравнение обыкновенных дробей (описание района)'],
      ['6', null],
    ]);
    // No sections for the district's own line: no gap of ВПР МА 5 (the same login also sits among the РУ 4 schools).
    expect(by.get(weak.login)!.gaps.filter((g) => g.procedure === 'ВПР МА 5')).toEqual([]);
  }, 120_000);
});
