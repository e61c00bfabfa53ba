/**
 * «Шкалы отметок ВПР» in the workbook (core/scales.ts): written once with the shipped scales when the first
 * per-pupil results are checked, then the district's — its rows win, a re-run never overwrites them, and
 * «Задания» says which boundaries the peaks were judged at and where the pupils contradict a scale.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/actions/analyze';
import { SCALES_HEADER, SCALES_SHEET, SHIPPED_SCALES } from '../../src/core/scales';
import { TASKS_SHEET } from '../../src/core/tasks-tab';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { districtSchools, rng, type SchoolSpec, taskDistrictSheet } from '../support/task-district';

const schools = districtSchools(rng(31), 25);
Object.assign(schools[0] as SchoolSpec, { level: -0.6, pupils: 70, lift: 3 });

function check(wb: MemoryWorkbook) {
  const out = analyze(wb);
  if (out.kind !== 'done') throw new Error(out.message);
  return out;
}
/** The lines under the block: the boundaries, where they come from, the contradictions. */
const boundaryLine = (wb: MemoryWorkbook) => {
  const v = wb.sheet(TASKS_SHEET).values;
  const at = v.findIndex((r) => String(r[0] ?? '').startsWith('Границы отметок'));
  const lines: string[] = [];
  // Up to the next part under the block (what the tasks check) or an empty row.
  for (let r = at; r >= 0 && r < v.length && v[r]?.[0] && !String(v[r]?.[0]).startsWith('Что проверяют'); r++)
    lines.push(String(v[r]?.[0]));
  for (const l of lines) expect(l.length).toBeLessThanOrEqual(150);
  return lines.join(' ');
};

describe('«Шкалы отметок ВПР»', () => {
  it('is written with the shipped scales on the first check of per-pupil results, and the district’s row wins after', () => {
    const wb = new MemoryWorkbook([taskDistrictSheet(41, schools)]);
    check(wb);
    const tab = wb.sheet(SCALES_SHEET).values.map((r) => [...r]);
    const header = tab.findIndex((r) => r[0] === SCALES_HEADER[0]);
    expect(tab[header]?.slice(0, SCALES_HEADER.length)).toEqual([...SCALES_HEADER]);
    expect(tab.slice(header + 1).map((r) => [r[0], r[1]])).toEqual(SHIPPED_SCALES.map((s) => [s.procedure, s.year]));
    // ВПР МА 5 2026 is not shipped: the pupils' own boundaries, and where to add a scale.
    expect(boundaryLine(wb)).toBe(
      'Границы отметок по первичному баллу: «3» — от 7, «4» — от 11, «5» — от 15. Взяты по участникам района (наименьший балл с отметкой): шкалы этой процедуры и года нет — её можно внести на лист «Шкалы отметок ВПР».',
    );
    const peaks = (o: ReturnType<typeof check>) => o.beyond.pupils.peaks.map((p) => [p.key, p.boundary]);
    const before = peaks(check(wb));

    // The district adds ВПР МА 5 2026 as its regional centre sent it: the pupils agree, the scale is used.
    wb.writeBlock(SCALES_SHEET, tab.length, 0, [['ВПР МА 5', 2026, 20, 7, 11, 15, 'письмо ЦОКО']]);
    const agreed = check(wb);
    expect(boundaryLine(wb)).toMatch(
      new RegExp(
        `^Границы отметок по первичному баллу: «3» — от 7, «4» — от 11, «5» — от 15\\. По шкале \\(шкала района \\(лист «${SCALES_SHEET}», строка ${tab.length + 1}: письмо ЦОКО\\)\\); файл ей не противоречит\\.$`,
      ),
    );
    expect(peaks(agreed)).toEqual(before);
    // The tab is the district's: a re-run keeps its row.
    expect(wb.sheet(SCALES_SHEET).values[tab.length]?.slice(0, 3)).toEqual(['ВПР МА 5', 2026, 20]);

    // A row the pupils contradict: the file's boundary stands, and «Задания» and the справка's data say why.
    wb.writeBlock(SCALES_SHEET, tab.length, 3, [[8]]);
    const contradicted = check(wb);
    expect(boundaryLine(wb)).toMatch(
      /Взяты по файлу — участники противоречат шкале \(шкала района .*\): отметку «3» получили участники с 7 баллами, а по шкале «3» — от 8 баллов\.$/,
    );
    expect(peaks(contradicted)).toEqual(before);
    expect(contradicted.beyond.pupils.blocks[0]?.boundaries.disagreements).toHaveLength(1);
  });

  it('a row that does not read is a problem of the check naming the row and the column', () => {
    const wb = new MemoryWorkbook([taskDistrictSheet(41, schools)]);
    check(wb);
    const at = wb.sheet(SCALES_SHEET).values.length;
    wb.writeBlock(SCALES_SHEET, at, 0, [['ВПР МА 5', 2026, 20, 7, 6, 15, '']]);
    const out = check(wb);
    const p = out.problems.find((x) => x.sheet === SCALES_SHEET);
    expect(p).toMatchObject({ row: at + 1, column: 'E' });
    expect(p?.message).toMatch(/не учитывается/);
  });

  it('is not written without per-pupil results', () => {
    const wb = new MemoryWorkbook([
      {
        sheet: 'Результаты',
        values: [
          ['Логин', 'ОО', 'Год', 'Класс', 'Предмет', 'Кол-во участников', '2', '3', '4', '5'],
          ['sch770001', 'СОШ № 1', 2026, 5, 'Математика', 40, 10, 50, 30, 10],
        ],
      },
    ]);
    check(wb);
    expect(wb.sheetNames()).not.toContain(SCALES_SHEET);
  });
});
