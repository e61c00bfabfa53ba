import { describe, expect, it } from 'vitest';
import { parsePupilSheet, type PupilSheet, summarise } from '../../src/core/pupils';
import {
  binomialTail,
  journalGaps,
  journalGapText,
  markBoundaries,
  sampleTier,
  scorePeaks,
  taskBlocks,
  taskState,
  weakTasks,
} from '../../src/core/tasks';
import { districtSchools, MA5_BOUNDS, rng, type SchoolSpec, taskDistrictSheet } from '../support/task-district';

const read = (seed: number, schools: SchoolSpec[], opts: Parameters<typeof taskDistrictSheet>[2] = {}) =>
  parsePupilSheet(taskDistrictSheet(seed, schools, opts)) as PupilSheet;

describe('ФИОКО thresholds', () => {
  it('reads basic and advanced completions at their edges', () => {
    expect(taskState(56.9, 'Б')).toBe('недостаточно');
    expect(taskState(57, 'Б')).toBe('на границе');
    expect(taskState(60, 'Б')).toBe('достаточно');
    expect(taskState(28.4, 'П')).toBe('недостаточно');
    expect(taskState(29, 'В')).toBe('на границе');
    expect(taskState(30, 'П')).toBe('достаточно');
  });
});

describe('binomial tail', () => {
  it('agrees with the exact sums', () => {
    // P(X ≥ 2), n = 3, p = 0,5: (3 + 1) / 8.
    expect(binomialTail(3, 2, 0.5)).toBeCloseTo(0.5, 10);
    expect(binomialTail(10, 0, 0.3)).toBe(1);
    expect(binomialTail(10, 11, 0.3)).toBe(0);
    // P(X ≥ 8), n = 10, p = 0,2 = Σ C(10,k) 0,2^k 0,8^(10−k), k = 8…10.
    const exact = 45 * 0.2 ** 8 * 0.8 ** 2 + 10 * 0.2 ** 9 * 0.8 + 0.2 ** 10;
    expect(binomialTail(10, 8, 0.2)).toBeCloseTo(exact, 12);
  });
});

describe('tasks against the district', () => {
  const schools = districtSchools(rng(11), 12, [40, 80]);
  // School 3 does badly on basic tasks 4 and 6 (indices 3 and 5) only.
  const weak = schools[2] as SchoolSpec;
  weak.weakOn = [3, 5];
  weak.level = 0;
  weak.pupils = 70;
  const sheet = read(21, schools);
  const [block] = taskBlocks(summarise(sheet));

  it('computes the district from all pupils and every school beside it', () => {
    expect(block?.procedure).toBe('ВПР МА 5');
    expect(block?.year).toBe(2026);
    expect(block?.schools).toHaveLength(12);
    // The district's completion of a task is its points over max × pupils of every pupil.
    const t = block?.district[7];
    let points = 0;
    let pupils = 0;
    for (const s of summarise(sheet)) {
      points += s.tasks[7]!.points;
      pupils += s.tasks[7]!.pupils;
    }
    expect(t?.number).toBe('8');
    expect(t?.completion).toBeCloseTo((100 * points) / (2 * pupils), 10);
  });

  it('names exactly the two basic tasks the school is weak on', () => {
    const s = block?.schools.find((x) => x.key === weak.login);
    expect(weakTasks(s!).map((t) => t.number)).toEqual(['4', '6']);
    for (const t of weakTasks(s!)) {
      expect(t.level).toBe('Б');
      expect(t.state).toBe('недостаточно');
      expect(t.district! - t.completion!).toBeGreaterThanOrEqual(10);
    }
  });

  it('the margin is a setting: a wider one names fewer', () => {
    const all = taskBlocks(summarise(sheet), { weakMargin: 0, peakP: 0.001 })[0]!.schools.flatMap(weakTasks).length;
    const wide = taskBlocks(summarise(sheet), { weakMargin: 40, peakP: 0.001 })[0]!.schools.flatMap(weakTasks).length;
    const usual = block!.schools.flatMap(weakTasks).length;
    expect(all).toBeGreaterThanOrEqual(usual);
    expect(wide).toBeLessThan(usual);
  });

  it('without the difficulty row: completions, no levels, nothing judged weak', () => {
    const [b] = taskBlocks(summarise(read(21, schools, { levels: false })));
    const s = b?.schools.find((x) => x.key === weak.login);
    expect(s?.tasks.every((t) => t.level === null && t.state === null && !t.weak)).toBe(true);
    expect(s?.tasks[3]?.completion).toBeCloseTo(block!.schools.find((x) => x.key === weak.login)!.tasks[3]!.completion!, 10);
  });

  it('X cells count as done with 0 points', () => {
    const cells = sheet.scores;
    expect(Array.from(cells).some((v) => v === -2)).toBe(true);
    const s = summarise(sheet).find((x) => x.key === weak.login)!;
    expect(s.tasks[0]!.pupils).toBe(s.participants);
  });
});

describe('score peaks at mark boundaries', () => {
  it('reads the boundaries from the pupils', () => {
    const sheet = read(5, districtSchools(rng(5), 20));
    expect(markBoundaries(summarise(sheet))).toEqual(MA5_BOUNDS);
  });

  it('a school lifting «2» to the «3» boundary: a marker with its numbers', () => {
    const schools = districtSchools(rng(31), 25);
    const cheat = schools[0] as SchoolSpec;
    Object.assign(cheat, { level: -0.6, pupils: 70, lift: 3 });
    const sums = summarise(read(41, schools));
    const peaks = scorePeaks(sums);
    const mine = peaks.filter((p) => p.key === cheat.login);
    expect(mine.map((p) => p.mark)).toEqual([3]);
    const p = mine[0]!;
    const h = sums.find((s) => s.key === cheat.login)!.histogram;
    expect(p.boundary).toBe(7);
    expect(p.observed).toBe(h[7]);
    expect(p.belowObserved).toBe(0);
    expect(p.below).toEqual([4, 6]);
    expect(p.p).toBeLessThan(0.001);
    expect(p.tier).toBe('информативно');
    expect(p.text).toBe(
      `ВПР МА 5, 2026: ${h[7]} из 70 участников набрали ровно 7 баллов — минимум для «3»; по району при таком уровне ожидалось бы около ` +
        `${Math.round(p.expected)}; 0 участников с 4–6 баллами (ожидалось бы около ${Math.round(p.belowExpected)})`,
    );
    expect(p.expected * 2).toBeLessThanOrEqual(p.observed);
    // Nobody else in the district.
    expect(peaks.filter((x) => x.key !== cheat.login)).toEqual([]);
  });

  it('20–49 participants: limited, and said; under 20: not judged', () => {
    expect(sampleTier(19)).toBe('не оценивается');
    expect(sampleTier(20)).toBe('ограниченно');
    expect(sampleTier(49)).toBe('ограниченно');
    expect(sampleTier(50)).toBe('информативно');
    const schools = districtSchools(rng(32), 25);
    Object.assign(schools[0]!, { level: -0.8, pupils: 45, lift: 3 });
    Object.assign(schools[1]!, { level: -0.8, pupils: 18, lift: 3 });
    const sums = summarise(read(42, schools));
    const peaks = scorePeaks(sums);
    const limited = peaks.find((p) => p.key === schools[0]!.login);
    expect(limited?.tier).toBe('ограниченно');
    expect(limited?.text).toMatch(/; 45 участников — от 20 до 49, вывод ограничен$/);
    // The small school piles up at 7 as well, but is not judged.
    const small = sums.find((s) => s.key === schools[1]!.login)!;
    expect(small.histogram[7]).toBeGreaterThanOrEqual(4);
    expect(peaks.some((p) => p.key === schools[1]!.login)).toBe(false);
  });

  it('honest districts: false alarms measured on 1 160 simulated honest schools stay under 0,5 %', () => {
    // 40 districts of 30 schools (20–120 pupils, levels spread as in a real district); the schools with 20
    // participants and more are judged. Measured: 0 of 1 160 schools flagged at any boundary.
    let judged = 0;
    const flagged = new Set<string>();
    for (let d = 0; d < 40; d++) {
      const schools = districtSchools(rng(1000 + d), 30);
      const sums = summarise(read(2000 + d, schools));
      judged += sums.filter((s) => sampleTier(s.participants) !== 'не оценивается').length;
      for (const p of scorePeaks(sums)) flagged.add(`${d}|${p.key}`);
    }
    expect(judged).toBeGreaterThan(1000);
    expect(flagged.size / judged).toBeLessThan(0.005);
  });
});

describe('journal per pupil', () => {
  it('counts the pupils whose marks differ by 2 or more', () => {
    const schools = districtSchools(rng(3), 3, [30, 30]);
    const sheet = read(4, schools);
    const gaps = journalGaps(sheet);
    let far = 0;
    let compared = 0;
    for (let i = 0; i < sheet.pupils; i++) {
      if (sheet.school[i] !== 0 || sheet.mark[i]! < 2 || sheet.journal[i]! < 2) continue;
      compared++;
      if (Math.abs(sheet.mark[i]! - sheet.journal[i]!) >= 2) far++;
    }
    expect(far).toBeGreaterThan(0);
    expect(gaps[0]).toMatchObject({ key: schools[0]!.login, compared, far });
    expect(journalGapText({ key: 'x', procedure: 'ВПР МА 5', year: 2026, compared: 60, far: 3 })).toBe(
      'ВПР МА 5, 2026: отметка ВПР расходится с журнальной на 2 и более у 3 из 60 (5 %)',
    );
  });
});

describe('the margin on «Настройки ШНОР»', () => {
  it('is a row of the tab, 10 п. п. by default, read back and checked with its row named', async () => {
    const { defaultSettings, settingsFromRows, settingsToRows, taskSettings } = await import('../../src/core/settings');
    const rows = settingsToRows(defaultSettings());
    const label = 'Задания: ниже района на, п. п.';
    const row = rows.findIndex((r) => r[0] === label) + 1;
    expect(row).toBeGreaterThan(0);
    expect(rows[row - 1]?.[1]).toBe(10);
    expect(taskSettings(settingsFromRows(rows).settings).weakMargin).toBe(10);
    const edited = rows.map((r) => (r[0] === label ? [r[0], '15', r[2]] : r));
    expect(taskSettings(settingsFromRows(edited).settings).weakMargin).toBe(15);
    const bad = settingsFromRows(rows.map((r) => (r[0] === label ? [r[0], 150, r[2]] : r))).problems;
    expect(bad.map((p) => [p.field, p.row])).toEqual([['tasks.weakMargin', row]]);
    expect(bad[0]?.message).toMatch(/«Задания: ниже района на, п\. п\.»\): Нужно число процентных пунктов от 0 до 100\.$/);
  });
});
