/** ФИОКО's mark scales of ВПР: the shipped data, the district's tab, and the boundaries the score peaks use. */
import { describe, expect, it } from 'vitest';
import { parsePupilSheet, type PupilSheet, summarise } from '../../src/core/pupils';
import type { Grid } from '../../src/core/results';
import {
  boundariesLines,
  boundariesText,
  type MarkScale,
  parseScalesTab,
  resolveBoundaries,
  SCALES_SHEET,
  scaleFor,
  scalesTabRows,
  scaleTable,
  SHIPPED_SCALES,
  shippedScaleIssues,
} from '../../src/core/scales';
import { readProcedureHeader } from '../../src/core/procedure';
import { scorePeaks, taskBlocks } from '../../src/core/tasks';
import { districtSchools, MA5_BOUNDS, rng, type SchoolSpec, taskDistrictSheet } from '../support/task-district';

const tab = (values: Grid['values']): Grid => ({ sheet: SCALES_SHEET, values });
const scale = (from: [number, number, number], max = 20): MarkScale => ({
  procedure: 'ВПР МА 5',
  year: 2026,
  max,
  from,
  source: 'шкала района (проверка)',
  district: true,
});

describe('the shipped scales', () => {
  it('each: a known procedure, a source, ranges from 0 to the maximum with no gap, growing', () => {
    expect(SHIPPED_SCALES.length).toBeGreaterThan(0);
    for (const s of SHIPPED_SCALES) {
      expect(shippedScaleIssues(s), `${s.procedure} ${s.year}`).toEqual([]);
      expect(readProcedureHeader(s.procedure).procedure?.label).toBe(s.procedure);
      expect(s.source).toMatch(/ФИОКО/);
    }
    const keys = SHIPPED_SCALES.map((s) => `${s.procedure}|${s.year}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('the check fails on a broken scale (so the test above can fail)', () => {
    const ok = SHIPPED_SCALES[0]!;
    expect(shippedScaleIssues({ ...ok, marks: { ...ok.marks, '4': [ok.marks['4'][0] + 1, ok.marks['4'][1]] } })).toHaveLength(1);
    expect(shippedScaleIssues({ ...ok, max: ok.max + 1 })[0]).toMatch(/максимальный балл/);
    expect(shippedScaleIssues({ ...ok, source: ' ' })[0]).toMatch(/нет источника/);
  });

  it('ВПР РУ 4 2026 agrees with the pupils of the real 2026 file (pikhaev1988/saascrm95, apps/vpr/fixtures/all_files.txt)', () => {
    const s = scaleFor(scaleTable(), 'ВПР РУ 4', 2026)!;
    expect(s.from).toEqual([10, 16, 21]);
    expect(s.max).toBe(24);
    // Primary score → mark as the real «РУ 4 Индивидуальные результаты» rows show them (R48, R31, R10, R14, R21, R57, R12).
    const seen: Array<[number, number]> = [
      [9, 2],
      [10, 3],
      [15, 3],
      [18, 4],
      [20, 4],
      [22, 5],
      [24, 5],
    ];
    const markOf = (p: number) => (p >= s.from[2] ? 5 : p >= s.from[1] ? 4 : p >= s.from[0] ? 3 : 2);
    for (const [p, m] of seen) expect(markOf(p), `${p} баллов`).toBe(m);
  });
});

describe('«Шкалы отметок ВПР»', () => {
  it('as first written reads back as the shipped scales, none of them the district’s', () => {
    const got = parseScalesTab(tab(scalesTabRows()));
    expect(got.problems).toEqual([]);
    expect(got.scales.map((s) => [s.procedure, s.year, s.from, s.district])).toEqual(
      SHIPPED_SCALES.map((s) => [s.procedure, s.year, [s.marks['3'][0], s.marks['4'][0], s.marks['5'][0]], false]),
    );
  });

  it('the district’s edit wins over the shipped scale, and its added rows count', () => {
    const rows = scalesTabRows();
    const ru4 = rows.findIndex((r) => r[0] === 'ВПР РУ 4' && r[1] === 2026);
    rows[ru4] = ['ВПР РУ 4', 2026, 24, 10, 17, 22, 'письмо регионального ЦОКО'];
    rows.push(['ВПР МА 5', '2026', '20', '7', '11', '15', '']);
    const got = parseScalesTab(tab(rows));
    expect(got.problems).toEqual([]);
    const table = scaleTable(got.scales);
    expect(scaleFor(table, 'ВПР РУ 4', 2026)).toMatchObject({ from: [10, 17, 22], district: true });
    expect(scaleFor(table, 'ВПР РУ 4', 2026)?.source).toBe(
      `шкала района (лист «${SCALES_SHEET}», строка ${ru4 + 1}: письмо регионального ЦОКО)`,
    );
    expect(scaleFor(table, 'ВПР МА 5', 2026)).toMatchObject({ from: [7, 11, 15], max: 20, district: true });
    expect(scaleFor(scaleTable(), 'ВПР МА 5', 2026)).toBeNull();
  });

  it('a row that does not read is named by row and column and left out', () => {
    const rows = scalesTabRows();
    const at = rows.length;
    rows.push(['ВПР МА 6', 2026, 20, 8, 8, 15, ''], ['ОГЭ МА', 2026, 31, 8, 15, 22, ''], ['ВПР МА 7', 'прошлый', 20, 6, 10, 15, '']);
    rows.push(['ВПР МА 8', 2026, 20, 6, 10, 21, '']);
    const got = parseScalesTab(tab(rows));
    expect(got.problems.map((p) => [p.row, p.column])).toEqual([
      [at + 1, 'E'],
      [at + 2, 'A'],
      [at + 3, 'B'],
      [at + 4, 'F'],
    ]);
    expect(got.problems.every((p) => p.sheet === SCALES_SHEET && /не учитывается/.test(p.message))).toBe(true);
    expect(got.scales).toHaveLength(SHIPPED_SCALES.length);
  });
});

describe('boundaries: the file and the scale', () => {
  // Pupils by score 0…20: somebody on every score but 11 and 16.
  const hist = Array.from({ length: 21 }, (_, i) => (i === 11 || i === 16 ? 0 : 3));

  it('no scale: the lowest score with each mark, as the file shows it', () => {
    const b = resolveBoundaries([7, 12, 15], hist, null);
    expect(b.bounds).toEqual([7, 12, 15]);
    expect(b.from).toEqual(['файл', 'файл', 'файл']);
    expect(boundariesText(b)).toMatch(/Взяты по участникам района .*шкалы этой процедуры и года нет/);
  });

  it('a scale the pupils agree with: the scale, also where nobody stands on the boundary', () => {
    // Nobody has 11: «4» is seen from 12, the scale says 11.
    const b = resolveBoundaries([7, 12, 15], hist, scale([7, 11, 15]));
    expect(b.bounds).toEqual([7, 11, 15]);
    expect(b.from).toEqual(['файл и шкала', 'шкала', 'файл и шкала']);
    expect(b.disagreements).toEqual([]);
  });

  it('a mark nobody got: the scale gives its boundary', () => {
    const weak = Array.from({ length: 21 }, (_, i) => (i < 14 ? 5 : 0));
    expect(resolveBoundaries([7, 11, null], weak, null).bounds).toEqual([7, 11, null]);
    const b = resolveBoundaries([7, 11, null], weak, scale([7, 11, 15]));
    expect(b.bounds).toEqual([7, 11, 15]);
    expect(b.from[2]).toBe('шкала');
  });

  it('the pupils contradict the scale: the file wins, and says why', () => {
    // Someone got «3» with 6 points, the scale says 7.
    const low = resolveBoundaries([6, 11, 15], hist, scale([7, 11, 15]));
    expect(low.bounds).toEqual([6, 11, 15]);
    expect(low.disagreements).toEqual(['отметку «3» получили участники с 6 баллами, а по шкале «3» — от 7 баллов']);
    // Pupils with 12 points got «3» (the lowest «4» is 13), the scale says «4» from 12.
    const high = resolveBoundaries([7, 13, 15], hist, scale([7, 12, 15]));
    expect(high.bounds).toEqual([7, 13, 15]);
    expect(high.disagreements).toEqual(['участники с 12 баллами получили отметку ниже «4», а по шкале «4» — от 12 баллов']);
    expect(boundariesLines(high)).toEqual([
      'Границы отметок по первичному баллу: «3» — от 7, «4» — от 13, «5» — от 15.',
      'Взяты по файлу — участники противоречат шкале (шкала района (проверка)):',
      'участники с 12 баллами получили отметку ниже «4», а по шкале «4» — от 12 баллов.',
    ]);
    for (const line of boundariesLines(high)) expect(line.length).toBeLessThanOrEqual(150);
  });
});

describe('a scale of another work', () => {
  it('(its maximum is not the file’s) is not used, and the block says why', () => {
    const hist = Array.from({ length: 39 }, () => 2);
    const b = resolveBoundaries([12, 20, 30], hist, scale([10, 16, 21], 24), 38);
    expect(b.bounds).toEqual([12, 20, 30]);
    expect(b.from).toEqual(['файл', 'файл', 'файл']);
    expect(b.disagreements).toEqual(['максимальный первичный балл в файле 38, а в шкале 24']);
    expect(boundariesLines(b)[1]).toBe('Взяты по файлу — шкала к этой работе не подходит (шкала района (проверка)):');
    expect(resolveBoundaries([10, 16, 21], hist, scale([10, 16, 21], 24), 24).disagreements).toEqual([]);
  });
});

describe('score peaks with a scale', () => {
  const read = (seed: number, schools: SchoolSpec[]) => parsePupilSheet(taskDistrictSheet(seed, schools)) as PupilSheet;

  it('a scale the pupils agree with changes nothing; one they contradict is not used', () => {
    const schools = districtSchools(rng(31), 25);
    Object.assign(schools[0]!, { level: -0.6, pupils: 70, lift: 3 });
    const sums = summarise(read(41, schools));
    const plain = scorePeaks(sums);
    expect(plain.map((p) => [p.key, p.boundary])).toEqual([[schools[0]!.login, 7]]);
    const agree = scaleTable([scale(MA5_BOUNDS)]);
    expect(scorePeaks(sums, undefined, agree)).toEqual(plain);
    // A district row with «3» from 8: the lifted pupils at 7 got «3» — the file is right, and the block says so.
    const wrong = scaleTable([scale([8, 11, 15])]);
    expect(scorePeaks(sums, undefined, wrong)).toEqual(plain);
    const [block] = taskBlocks(sums, undefined, wrong);
    expect(block?.boundaries.bounds).toEqual(MA5_BOUNDS);
    expect(block?.boundaries.disagreements).toEqual(['отметку «3» получили участники с 7 баллами, а по шкале «3» — от 8 баллов']);
  });

  it('a district whose pupils show no «5»: its boundary comes from the scale', () => {
    const schools = districtSchools(rng(8), 12).map((s) => ({ ...s, level: -3 }));
    const sums = summarise(read(9, schools));
    expect(sums.every((s) => s.marks[3] === 0)).toBe(true);
    expect(taskBlocks(sums)[0]?.boundaries.bounds[2]).toBeNull();
    const [block] = taskBlocks(sums, undefined, scaleTable([scale(MA5_BOUNDS)]));
    expect(block?.boundaries.bounds[2]).toBe(15);
    expect(block?.boundaries.from[2]).toBe('шкала');
  });
});
