/**
 * What each task checks, in the workbook: «Задания» lists the descriptions, «Описания заданий» is made beside
 * it and keeps the district's edits, the справка names weak tasks in words with the systematic gaps.
 * The district: ВПР РУ 4 2026 in the real file's structure (scripts/pupil-files.ts RU4_2026), one school weak
 * on tasks 6 and 7. No description is shipped: the district has typed the test set (test/support/task-texts.ts)
 * into its tab «Описания заданий», where tasks 6 and 7 make «Раздел В».
 */
import { describe, expect, it } from 'vitest';
import { RU4_2026, RU4_2026_BOUNDS } from '../../scripts/pupil-files';
import { analyze } from '../../src/actions/analyze';
import { createRoadmaps, roadmapProposals } from '../../src/actions/roadmap';
import { parseRoadmap } from '../../src/core/roadmap-sheet';
import { schoolYear } from '../../src/core/terms';
import { writeReport } from '../../src/actions/report';
import { TEXTS_HEADER, TEXTS_SHEET } from '../../src/core/task-texts';
import { TASKS_SHEET } from '../../src/core/tasks-tab';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { districtSchools, rng, type SchoolSpec, taskDistrictSheet } from '../support/task-district';
import { TEST_RU4_2026, textsTabRows } from '../support/task-texts';

const schools = districtSchools(rng(5), 20, [40, 90]);
const lexis = schools[2] as SchoolSpec;
Object.assign(lexis, { level: 0.2, pupils: 80, weakOn: [5, 6] });
const sheet = () =>
  taskDistrictSheet(12, schools, { tasks: RU4_2026, bounds: RU4_2026_BOUNDS, subject: { name: 'Русский язык', code: 'РУ' }, grade: 4 });

/** The district's «Описания заданий» as it typed it in. */
const textsTab = () => ({ sheet: TEXTS_SHEET, values: [[...TEXTS_HEADER], ...textsTabRows(TEST_RU4_2026)] });

function checked(wb = new MemoryWorkbook([sheet(), textsTab()])) {
  const out = analyze(wb);
  if (out.kind !== 'done') throw new Error(out.message);
  return { wb, out };
}

describe('«Задания» with the task descriptions', () => {
  it('lists what each task checks under the block, the text as the note of the column head, and the school’s gap', () => {
    const { wb } = checked();
    const tab = wb.sheet(TASKS_SHEET).values;
    const head = tab.findIndex((r) => r[0] === 'ОО');
    expect(tab[head]?.slice(3, 6)).toEqual(['Слабые задания', 'Системные пробелы', '1 (Б)']);
    const row = tab.find((r) => r[1] === lexis.login) as unknown[];
    const weakCol = (tab[head] as unknown[]).indexOf('Слабые задания');
    expect(row[weakCol]).toBe('№ 6, 7');
    expect(row[weakCol + 1]).toBe('«Раздел В»: 2 из 2 (6, 7)');
    const listAt = tab.findIndex((r) => r[0] === 'Что проверяют задания (описания района (лист «Описания заданий»))');
    expect(listAt).toBeGreaterThan(head);
    const list = tab.slice(listAt + 1, listAt + 1 + RU4_2026.length);
    expect(list.map((r) => r[0])).toEqual([
      '1 (Б, 2 б.)',
      '2 (Б, 1 б.)',
      '3 (Б, 2 б.)',
      '4 (Б, 3 б.)',
      '5 (Б, 2 б.)',
      '6 (Б, 1 б.)',
      '7 (Б, 1 б.)',
      '8 (Б, 2 б.)',
      '9.1 (П, 1 б.)',
      '9.2 (П, 2 б.)',
      '10.1 (П, 1 б.)',
      '10.2 (П, 2 б.)',
      '11 (Б, 1 б.)',
      '12.1 (Б, 2 б.)',
      '12.2 (Б, 1 б.)',
    ]);
    expect(list[5]?.[1]).toBe('Тестовое описание задания 6. Раздел: Раздел В. (Описание района.)');
    // The items of one task share its text: said once.
    expect(list[9]?.[1]).toBe('то же, что 9.1: пункты оценивания задания 9.');
    // Each description row is merged across the table and wrapped; the head's notes carry the texts.
    const layout = wb.readLayout(TASKS_SHEET, { row: head, col: 0, rows: 1, cols: 8 });
    expect(wb.sheet(TASKS_SHEET).wraps[head + 2]?.slice(0, 6)).toEqual([true, true, true, true, true, false]);
    expect(layout.notes[0]?.[5]).toMatch(/^Тестовое описание задания 1/);
    expect(layout.notes[0]?.[0]).toBe('');
  });

  it('a re-run gives the same tab in the same number of calls', () => {
    const { wb } = checked();
    const tab = wb.sheet(TASKS_SHEET).values;
    wb.resetCalls();
    analyze(wb);
    const calls = wb.totalCalls;
    expect(wb.sheet(TASKS_SHEET).values).toEqual(tab);
    wb.resetCalls();
    analyze(wb);
    expect(wb.totalCalls).toBe(calls);
  });
});

describe('a procedure without descriptions', () => {
  it('keeps the numbers, each «описания нет», and the справка says it once', () => {
    // ВПР МА 4 2026: nothing shipped, nothing in the district's tab (its rows are for ВПР РУ 4).
    const few = districtSchools(rng(9), 6);
    Object.assign(few[0] as SchoolSpec, { level: 0, pupils: 70, weakOn: [0, 1] });
    const wb = new MemoryWorkbook([taskDistrictSheet(3, few, { grade: 4 }), textsTab()]);
    checked(wb);
    const tab = wb.sheet(TASKS_SHEET).values;
    const at = tab.findIndex((r) => r[0] === 'Что проверяют задания');
    expect(at).toBeGreaterThan(0);
    expect(tab[at + 1]).toEqual(['1 (Б, 1 б.)', 'описания нет — его можно внести на листе «Описания заданий»', ...tab[at + 1]!.slice(2)]);
    expect(tab.some((r) => String(r[0]).startsWith('Описание ФИОКО'))).toBe(false);
    expect(wb.sheet(TASKS_SHEET).values.find((row) => row[1] === (few[0] as SchoolSpec).login)?.[3]).toMatch(/^№ 1, 2/);
    // The tab gets a row to fill for each of its tasks, below the district's own.
    const texts = wb.sheet(TEXTS_SHEET).values;
    expect(texts.slice(1, 1 + TEST_RU4_2026.tasks.length)).toEqual(textsTabRows(TEST_RU4_2026));
    expect(texts.filter((r) => r[0] === 'ВПР МА 4').every((r) => r[7] === 'описания нет: заполните')).toBe(true);
    const r = writeReport(wb, { now: new Date('2026-11-23T10:00:00Z') });
    if (r.kind !== 'done') throw new Error('no справка');
    const lines = r.lines.filter((l) => l.includes('Описаний заданий нет для ВПР МА 4, 2026:'));
    expect(lines).toHaveLength(1);
  });
});

describe('«Описания заданий»', () => {
  it('is made beside «Задания» when missing, with a row to fill for every task; nothing is shipped', () => {
    const { wb } = checked(new MemoryWorkbook([sheet()]));
    const tab = wb.sheet(TEXTS_SHEET).values;
    expect(tab[0]).toEqual([...TEXTS_HEADER]);
    const ru = tab.filter((r) => r[0] === 'ВПР РУ 4' && r[1] === 2026);
    expect(tab).toHaveLength(1 + RU4_2026.length);
    expect(ru.map((r) => r[2])).toEqual(RU4_2026.map((t) => t.label.split(' ')[0]));
    expect(ru[0]).toEqual(['ВПР РУ 4', 2026, '1', 'Б', 2, '', '', 'описания нет: заполните']);
    // Without descriptions, «Задания» keeps the numbers and finds no systematic gap.
    const tasks = wb.sheet(TASKS_SHEET).values;
    expect(tasks.find((r) => r[0] === '6 (Б, 1 б.)')?.[1]).toBe('описания нет — его можно внести на листе «Описания заданий»');
    const head = tasks.findIndex((r) => r[0] === 'ОО');
    expect(tasks.find((r) => r[1] === lexis.login)?.[(tasks[head] as unknown[]).indexOf('Системные пробелы')]).toBe('');
  });

  it('the district’s rows are kept as typed, read back, and not added twice', () => {
    const { wb } = checked();
    const tab = wb.sheet(TEXTS_SHEET).values;
    expect(tab).toEqual([[...TEXTS_HEADER], ...textsTabRows(TEST_RU4_2026)]);
  });

  it('the district’s edits stay on a re-run, and a row it deletes comes back to be filled', () => {
    const { wb } = checked();
    const tab = wb.sheet(TEXTS_SHEET).values.map((r) => [...r]);
    const at = tab.findIndex((r) => r[0] === 'ВПР РУ 4' && r[2] === '6');
    tab[at]![6] = 'Толкование слова по контексту (формулировка района)';
    const seven = tab.findIndex((r) => r[0] === 'ВПР РУ 4' && r[2] === '7');
    tab.splice(seven, 1);
    wb.clearSheet(TEXTS_SHEET);
    wb.writeBlock(TEXTS_SHEET, 0, 0, tab);
    checked(wb);
    const after = wb.sheet(TEXTS_SHEET).values;
    expect(after.slice(0, tab.length)).toEqual(tab);
    expect(after.filter((r) => r[0] === 'ВПР РУ 4' && r[2] === '7')).toEqual([
      ['ВПР РУ 4', 2026, '7', 'Б', 1, '', '', 'описания нет: заполните'],
    ]);
    const tasks = wb.sheet(TASKS_SHEET).values;
    const six = tasks.find((r) => r[0] === '6 (Б, 1 б.)');
    expect(six?.[1]).toBe('Толкование слова по контексту (формулировка района). Раздел: Раздел В. (Описание района.)');
    expect(tasks.find((r) => r[0] === '7 (Б, 1 б.)')?.[1]).toBe('описания нет — его можно внести на листе «Описания заданий»');
  });

  it('a bad cell is said with its row and column, and the rest is used', () => {
    const { wb } = checked();
    wb.appendRows(TEXTS_SHEET, [['ВПР РУ 4', 'прошлый', '1', '', '', '', 'текст', '']]);
    const { out } = checked(wb);
    const p = out.problems.find((x) => x.sheet === TEXTS_SHEET);
    expect([p?.row, p?.column, p?.value]).toEqual([wb.sheet(TEXTS_SHEET).values.length, 'Год', 'прошлый']);
  });
});

describe('the справка', () => {
  it('names weak tasks in words and the systematic gap', () => {
    const { wb } = checked();
    const r = writeReport(wb, { now: new Date('2026-11-23T10:00:00Z') });
    if (r.kind !== 'done') throw new Error('no справка');
    const table = r.blocks.find((b) => b.kind === 'table' && b.header[2]?.startsWith('Слабые задания'));
    if (table?.kind !== 'table') throw new Error('no table');
    const row = table.rows.find((x) => x[0] === lexis.name);
    expect(row?.[2]).toMatch(
      /^задание 6 \(Б, «Тестовое описание задания 6»\): \d+ % при \d+ % по району; задание 7 \(Б, «Тестовое описание задания 7»\): \d+ % при \d+ % по району$/,
    );
    const text = r.lines.join('\n');
    expect(text).toContain(`${lexis.name}, ВПР РУ 4, 2026: раздел «Раздел В»: слабые 2 из 2 заданий (6, 7).`);
  });
});

describe('the school’s roadmap', () => {
  const period = schoolYear(2026);

  it('proposes methodical help on its weak tasks’ topics, ticked, with the district’s figures; others get none', () => {
    const { wb } = checked();
    const view = roadmapProposals(wb, { owner: 'schools', schools: [lexis.login, (schools[5] as SchoolSpec).login], period });
    if ('error' in view) throw new Error(view.error);
    const mine = view.owners[0]!.items.find((i) => i.code === 'З/ВПР РУ 4/2026');
    expect(mine).toMatchObject({
      activity: 'Методическая помощь учителям начальных классов по русскому языку (4 классы) по темам: «Раздел В» (задания 6, 7)',
      block: 'Педагоги: профессиональное развитие и методическая поддержка',
      level: 'школа',
      selected: true,
      reasons: ['слабые задания ВПР РУ 4, 2026: 6, 7', 'системный пробел: раздел «Раздел В»'],
    });
    const weakOther = out(wb, (schools[5] as SchoolSpec).login);
    expect(view.owners[1]!.items.some((i) => i.code.startsWith('З/'))).toBe(weakOther);
  });

  it('goes into the roadmap tab with the district’s figures and the skills checked; a re-run keeps it once', () => {
    const { wb } = checked();
    const view = roadmapProposals(wb, { owner: 'schools', schools: [lexis.login], period });
    if ('error' in view) throw new Error(view.error);
    const codes = view.owners[0]!.items.filter((i) => i.selected).map((i) => i.code);
    const made = createRoadmaps(wb, {
      owner: 'schools',
      schools: [lexis.login],
      period,
      selected: { [lexis.login]: codes },
      today: '2026-09-01',
    });
    if (made.kind !== 'done') throw new Error(made.message);
    const rows = parseRoadmap(wb.sheet(made.sheets[0]!).values).rows;
    const help = rows.filter((r) => r.code === 'З/ВПР РУ 4/2026');
    expect(help).toHaveLength(1);
    expect(help[0]?.result).toMatch(
      /^Выполнение заданий 6, 7 ВПР РУ 4 — не ниже района \(2026 г\.: школа — \d+ %, \d+ %; район — \d+ %, \d+ %\)\. Проверяемые умения: Тестовое описание задания 6; Тестовое описание задания 7$/,
    );
    expect(help[0]?.responsible).toBe('заместитель директора по УВР, учителя начальных классов');
    const again = createRoadmaps(wb, {
      owner: 'schools',
      schools: [lexis.login],
      period,
      selected: { [lexis.login]: codes },
      today: '2026-09-01',
      confirmed: true,
    });
    expect(again.kind).toBe('done');
    expect(parseRoadmap(wb.sheet(made.sheets[0]!).values).rows.filter((r) => r.code === 'З/ВПР РУ 4/2026')).toHaveLength(1);
  });
});

/** Whether a school has weak tasks in the check (from «Задания»). */
function out(wb: MemoryWorkbook, login: string): boolean {
  const row = wb.sheet(TASKS_SHEET).values.find((r) => r[1] === login) as unknown[];
  const head = wb.sheet(TASKS_SHEET).values.find((r) => r[0] === 'ОО') as unknown[];
  return String(row[head.indexOf('Слабые задания')] ?? '') !== '';
}
