/** Peaks at the mark boundaries beside the verdict in «ШНОР: итоги», from «Результаты участников» (src/core/tasks.ts). */
import { describe, expect, it } from 'vitest';
import { analyze, SUMMARY_SHEET } from '../../src/actions/analyze';
import { writeSettings } from '../../src/actions/settings';
import { resultKey } from '../../src/core/objectivity';
import { defaultObjectivitySettings } from '../../src/core/objectivity';
import { defaultSettings } from '../../src/core/settings';
import { TASKS_SHEET } from '../../src/core/tasks-tab';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { districtSchools, rng, type SchoolSpec, taskDistrictSheet } from '../support/task-district';

const schools = districtSchools(rng(31), 25);
const cheat = schools[0] as SchoolSpec;
Object.assign(cheat, { level: -0.6, pupils: 70, lift: 3 });
const weak = () => schools[1] as SchoolSpec;
Object.assign(weak(), { level: 0, pupils: 70, weakOn: [3, 5] });

function run(countMarked: boolean) {
  const wb = new MemoryWorkbook([taskDistrictSheet(41, schools)]);
  writeSettings(wb, { ...defaultSettings(), objectivity: { ...defaultObjectivitySettings(), countMarked } });
  const out = analyze(wb);
  if (out.kind !== 'done') throw new Error(out.message);
  return { wb, out };
}

describe('score peaks in «ШНОР: итоги»', () => {
  it('stand beside the verdict with their numbers, one line in the head says they change no status', () => {
    const { wb, out } = run(true);
    const peaks = out.beyond.markers.filter((m) => m.kind === 'пик на границе');
    expect(peaks.map((m) => m.key)).toEqual([cheat.login]);
    const summary = wb.sheet(SUMMARY_SHEET).values;
    const header = summary.findIndex((r) => r.includes('Признаки необъективности'));
    const col = (summary[header] as unknown[]).indexOf('Признаки необъективности');
    const row = summary.find((r) => r.includes(cheat.login)) as unknown[];
    expect(String(row[col])).toContain(peaks[0]!.text);
    expect(String(row[col])).toMatch(/набрали ровно 7 баллов — минимум для «3»/);
    expect(
      summary
        .flat()
        .some(
          (v) => typeof v === 'string' && v.includes('пиков первичных баллов на границах отметок') && v.includes('статус они не меняют'),
        ),
    ).toBe(true);
  });

  it('never leave a result out of the status, even when marked results do not count', () => {
    const kept = run(true).out;
    const { out } = run(false);
    expect(out.beyond.exclude?.has(resultKey(cheat.login, 'ВПР МА 5', 2026))).toBe(false);
    // Other schools may lose results to their journal markers; the lifting school keeps its status and its low results.
    const mine = (a: typeof out) => a.assessment.verdicts.find((v) => v.key === cheat.login);
    expect(out.beyond.markers.filter((m) => m.key === cheat.login).map((m) => m.kind)).toEqual(['пик на границе']);
    expect([mine(out)?.status, mine(out)?.low]).toEqual([mine(kept)?.status, mine(kept)?.low]);
  });
});

describe('«Задания»', () => {
  it('schools × tasks with the district on top, weak cells marked, in a constant number of calls, replaced on a re-run', () => {
    const { wb } = run(true);
    const tab = wb.sheet(TASKS_SHEET).values;
    const head = tab.findIndex((r) => r[0] === 'ОО');
    expect(tab[head - 1]?.[0]).toBe('ВПР МА 5, 2026 — 25 ОО, участников ' + String(tab[head + 1]?.[2]));
    // The school's weak tasks and gaps beside its name, then the tasks.
    expect(tab[head]?.slice(0, 7)).toEqual(['ОО', 'Логин', 'Участников', 'Слабые задания', 'Системные пробелы', '1 (Б)', '2 (Б)']);
    expect(tab[head]?.[5 + 13]).toBe('14 (В)');
    expect(tab[head + 1]?.[0]).toBe('По району');
    const row = tab.find((r) => r[1] === weak().login) as unknown[];
    expect(row[3]).toBe('№ 4, 6');
    // The weak cells carry «▼» in their number format and the red of «недостаточно».
    const r = tab.indexOf(row as never);
    const formats = wb.readLayout(TASKS_SHEET, { row: r, col: 0, rows: 1, cols: 10 }).numberFormats[0];
    expect(formats?.[5 + 3]).toBe('0" ▼"');
    expect(formats?.[5 + 2]).toBe('0');
    expect(formats?.[2]).toBe('0');
    expect(wb.sheet(TASKS_SHEET).backgrounds[r]?.[5 + 3]).toBe('#f4c7c3');
    analyze(wb);
    expect(wb.sheet(TASKS_SHEET).values).toEqual(tab);
  });

  it('bigger districts take no more calls', () => {
    const count = (n: number) => {
      const wb = new MemoryWorkbook([taskDistrictSheet(7, districtSchools(rng(8), n))]);
      analyze(wb);
      wb.resetCalls();
      analyze(wb);
      return wb.totalCalls;
    };
    expect(count(40)).toBe(count(8));
  });
});

describe('the справка', () => {
  it('has a section on tasks and peaks: the weak school’s two tasks beside the district, the peak with its numbers', async () => {
    const { writeReport } = await import('../../src/actions/report');
    const { wb, out } = run(true);
    const r = writeReport(wb, { now: new Date('2026-11-23T10:00:00Z') });
    if (r.kind !== 'done') throw new Error('no справка');
    const at = r.lines.findIndex((l) => /^\d+\. Выполнение заданий и распределение баллов$/.test(l));
    expect(at).toBeGreaterThan(0);
    const section = r.lines.slice(at).join('\n');
    expect(section).toContain('Слабым для школы считается задание, выполненное недостаточно и на 10 п. п. и более ниже района.');
    const table = r.blocks.find((b) => b.kind === 'table' && b.header[0] === 'ОО' && b.header[2]?.startsWith('Слабые задания'));
    if (table?.kind !== 'table') throw new Error('no table');
    const row = table.rows.find((x) => x[0] === weak().name);
    expect(row?.[1]).toBe('ВПР МА 5, 2026');
    // ВПР МА 5 has no description: the numbers stay, with a note, and no systematic gaps are judged.
    expect(row?.[2]).toMatch(/^задание 4 \(Б\): \d+ % при \d+ % по району; задание 6 \(Б\): \d+ % при \d+ % по району$/);
    expect(section).toContain(
      'Описаний заданий нет для ВПР МА 5, 2026: их задания названы номерами, системные пробелы по ним не оценивались; описания можно внести на лист «Описания заданий».',
    );
    const peak = out.beyond.pupils.peaks[0]!;
    expect(section).toContain(`${cheat.name}: ${peak.text}.`);
  });
});
