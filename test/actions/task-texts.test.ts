/**
 * What each task checks, in the workbook: «Задания» lists the descriptions, «Описания заданий» is made beside
 * it and keeps the district's edits, the справка names weak tasks in words with the systematic gaps.
 * The district: ВПР РУ 4 2026 in the real file's structure (scripts/pupil-files.ts RU4_2026), one school weak
 * on tasks 6 and 7 — the section «Лексика» of the ФИОКО description.
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

const schools = districtSchools(rng(5), 20, [40, 90]);
const lexis = schools[2] as SchoolSpec;
Object.assign(lexis, { level: 0.2, pupils: 80, weakOn: [5, 6] });
const sheet = () =>
  taskDistrictSheet(12, schools, { tasks: RU4_2026, bounds: RU4_2026_BOUNDS, subject: { name: 'Русский язык', code: 'РУ' }, grade: 4 });

function checked(wb = new MemoryWorkbook([sheet()])) {
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
    expect(row[weakCol + 1]).toBe('«Лексика»: 2 из 2 (6, 7)');
    const listAt = tab.findIndex((r) => r[0] === 'Что проверяют задания (описание ФИОКО 2026 г.)');
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
    expect(list[5]?.[1]).toMatch(/^Умение распознавать значение слова по контексту; .*\. Раздел: Лексика\.$/);
    // The items of one task share its text: said once.
    expect(list[9]?.[1]).toBe('то же, что 9.1: пункты оценивания задания 9.');
    // Each description row is merged across the table and wrapped; the head's notes carry the texts.
    const layout = wb.readLayout(TASKS_SHEET, { row: head, col: 0, rows: 1, cols: 8 });
    expect(wb.sheet(TASKS_SHEET).wraps[head + 2]?.slice(0, 6)).toEqual([true, true, true, true, true, false]);
    expect(layout.notes[0]?.[5]).toMatch(/^Умение распознавать правильную орфоэпическую норму/);
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

describe('a file of another structure than the shipped description', () => {
  it('keeps the numbers and says why, in a note merged and wrapped under the block', () => {
    // ВПР МА 4 2026 with the 14 one- and two-point tasks of the test district's МА 5: not the description's 5.1, 5.2 …
    const few = districtSchools(rng(9), 6);
    Object.assign(few[0] as SchoolSpec, { level: 0, pupils: 70, weakOn: [0, 1] });
    const wb = new MemoryWorkbook([taskDistrictSheet(3, few, { grade: 4 })]);
    checked(wb);
    const tab = wb.sheet(TASKS_SHEET).values;
    const at = tab.findIndex((r) => String(r[0]).startsWith('Описание ФИОКО ВПР МА 4, 2026 не совпадает со структурой файла'));
    expect(at).toBeGreaterThan(0);
    expect(tab[at]?.[0]).toMatch(
      /\(задание 3: в файле 1 б\., в описании 2 б\.; задания 5 в описании нет; задания 6 в описании нет и ещё \d+\): тексты не подставлены/,
    );
    expect(tab[at + 1]?.[1]).toBe('описания нет — его можно внести на листе «Описания заданий»');
    expect(wb.sheet(TASKS_SHEET).merges.some((m) => m.row === at && m.col === 0)).toBe(true);
    expect(wb.sheet(TASKS_SHEET).wraps[at]?.[0]).toBe(true);
    // The справка says it too, once.
    const r = writeReport(wb, { now: new Date('2026-11-23T10:00:00Z') });
    if (r.kind !== 'done') throw new Error('no справка');
    const lines = r.lines.filter((l) => l.includes('ВПР МА 4, 2026 (описание ФИОКО не совпадает со структурой файла)'));
    expect(wb.sheet(TASKS_SHEET).values.find((row) => row[1] === (few[0] as SchoolSpec).login)?.[3]).toMatch(/^№ 1, 2/);
    expect(lines).toHaveLength(1);
  });
});

describe('«Описания заданий»', () => {
  it('is made beside «Задания» with the shipped descriptions and their source, read back the same', () => {
    const { wb } = checked();
    const tab = wb.sheet(TEXTS_SHEET).values;
    expect(tab[0]).toEqual([...TEXTS_HEADER]);
    const ru = tab.filter((r) => r[0] === 'ВПР РУ 4' && r[1] === 2026);
    expect(ru.map((r) => r[2])).toEqual(RU4_2026.map((t) => t.label.split(' ')[0]));
    expect(ru[0]?.[7]).toBe('ФИОКО, описание проверочной работы 2026 г.');
  });

  it('the district’s edits win, stay on a re-run, and a row it deletes comes back', () => {
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
    expect(after.filter((r) => r[0] === 'ВПР РУ 4' && r[2] === '7')).toHaveLength(1);
    const tasks = wb.sheet(TASKS_SHEET).values;
    const six = tasks.find((r) => r[0] === '6 (Б, 1 б.)');
    expect(six?.[1]).toBe('Толкование слова по контексту (формулировка района). Раздел: Лексика. (Описание района.)');
    expect(tasks.some((r) => r[0] === 'Что проверяют задания (описание ФИОКО 2026 г. и описания района (лист «Описания заданий»))')).toBe(
      true,
    );
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
      /^задание 6 \(Б, «Умение распознавать значение слова по контексту; адекватно формулировать значение слова .*»\): \d+ % при \d+ % по району; задание 7 \(Б, «Умение распознавать значение слова по контексту; подбирать к слову близкие по значению слова – синонимы»\): \d+ % при \d+ % по району$/,
    );
    const text = r.lines.join('\n');
    expect(text).toContain(`${lexis.name}, ВПР РУ 4, 2026: раздел «Лексика»: слабые 2 из 2 заданий (6, 7).`);
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
      activity: 'Методическая помощь учителям начальных классов по русскому языку (4 классы) по темам: «Лексика» (задания 6, 7)',
      block: 'Педагоги: профессиональное развитие и методическая поддержка',
      level: 'школа',
      selected: true,
      reasons: ['слабые задания ВПР РУ 4, 2026: 6, 7', 'системный пробел: раздел «Лексика»'],
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
      /^Выполнение заданий 6, 7 ВПР РУ 4 — не ниже района \(2026 г\.: школа — \d+ %, \d+ %; район — \d+ %, \d+ %\)\. Проверяемые умения: Умение распознавать значение слова по контексту; адекватно/,
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
