/**
 * The task descriptions (src/core/task-texts.ts): the check of a shipped data file, the district's tab,
 * systematic gaps. Nothing is shipped: a test-local set (test/support/task-texts.ts) stands for a shipped one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxOf, RU4_2026 } from '../../scripts/pupil-files';
import {
  blockTexts,
  checkedTaskTexts,
  describeBlocks,
  missingTextRows,
  parseTextsTab,
  SHIPPED_TASK_TEXTS,
  systematicGaps,
  taskKey,
  taskTextFileName,
  type TaskTextSet,
  TEXTS_HEADER,
  validateTaskTextSet,
} from '../../src/core/task-texts';
import { parsePupilSheet, type PupilSheet, summarise } from '../../src/core/pupils';
import { taskBlocks, type TaskResult } from '../../src/core/tasks';
import { tasksSection } from '../../src/core/tasks-report';
import { tasksTab } from '../../src/core/tasks-tab';
import { districtSchools, rng, type SchoolSpec, taskDistrictSheet } from '../support/task-district';
import { TEST_RU4_2026 as RU4 } from '../support/task-texts';

/** What the shipped list would be with a set for ВПР РУ 4 2026: the test-local one (none is shipped). */
const SHIPPED = [RU4];

const dir = join(import.meta.dirname, '..', '..', 'src', 'core', 'task-texts');

describe('the shipped descriptions', () => {
  it('every data file is shipped under its name and passes the check; none is shipped yet', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(SHIPPED_TASK_TEXTS.length);
    for (const f of files) {
      const set = JSON.parse(readFileSync(join(dir, f), 'utf8')) as TaskTextSet;
      expect(validateTaskTextSet(set, f), f).toEqual([]);
      expect(SHIPPED_TASK_TEXTS.some((s) => s.procedure === set.procedure && s.year === set.year)).toBe(true);
    }
    expect(SHIPPED_TASK_TEXTS).toEqual([]);
  });

  it('the check a data file goes through: the test set passes, each kind of fault is named', () => {
    expect(validateTaskTextSet(RU4, 'vpr-ru-4-2026.json')).toEqual([]);
    expect(taskTextFileName({ procedure: 'ВПР МА 5', year: 2027 })).toBe('vpr-ma-5-2027.json');
    expect(taskTextFileName({ procedure: 'ОГЭ МА', year: 2026 })).toBeNull();
    const tasks = RU4.tasks.map((t) => ({ ...t }));
    tasks[1] = { ...tasks[1]!, level: 'Х' as never, max: 0 };
    tasks[2] = { ...tasks[2]!, number: '1', section: '', text: 'коротко' };
    const bad: TaskTextSet = { ...RU4, procedure: 'ВПр рус 4', source: 'ФИОКО, «Математика», 4 класс', via: '', checked: [], tasks };
    expect(validateTaskTextSet(bad, 'ru4.json')).toEqual([
      'ВПр рус 4, 2026: процедура записывается как «ВПР РУ 4»',
      'ВПр рус 4, 2026: файл должен называться vpr-ru-4-2026.json, а не ru4.json',
      'ВПр рус 4, 2026: источник не называет «Русский язык», 4 класс',
      'ВПр рус 4, 2026: источник не называет год 2026',
      'ВПр рус 4, 2026: не сказано, откуда взят текст (поле via)',
      'ВПр рус 4, 2026: не сказано, с чем сверено (поле checked)',
      'ВПр рус 4, 2026, задание 2: уровень — Б, П или В',
      'ВПр рус 4, 2026, задание 2: максимальный балл — целое число больше 0',
      'ВПр рус 4, 2026, задание 1: номер повторяется',
      'ВПр рус 4, 2026, задание 1: нет раздела',
      'ВПр рус 4, 2026, задание 1: нет текста (короче 20 знаков)',
      'ВПр рус 4, 2026: задания идут не по порядку от 1 (1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12)',
    ]);
    expect(() => checkedTaskTexts([RU4])).not.toThrow();
    expect(() => checkedTaskTexts([RU4, RU4])).toThrow('Описания заданий: одна процедура и год — в двух файлах');
    expect(() => checkedTaskTexts([bad])).toThrow(/^Описания заданий: ВПр рус 4, 2026: процедура/);
  });

  it('the test set follows the real Ф1 file task for task: numbers, levels, maxima, 24 points', () => {
    // scripts/pupil-files.ts RU4_2026: the real «Ф1_Индивидуальные результаты.xlsx» of 2026 (the sample's РУ 4 2026 file is made from it).
    const file = RU4_2026.map((t) => ({ number: /^(\S+)/.exec(t.label)?.[1], level: t.level, max: maxOf(t.label) }));
    expect(RU4.tasks.map((t) => ({ number: t.number, level: t.level, max: t.max }))).toEqual(file);
    expect(RU4.tasks.reduce((a, t) => a + t.max, 0)).toBe(24);
  });
});

const task = (number: string, max: number | null, extra: Partial<TaskResult> = {}): TaskResult => ({
  number,
  label: `${number} (${max}б)`,
  level: 'Б',
  max,
  completion: 70,
  district: 70,
  state: 'достаточно',
  weak: false,
  ...extra,
});
const ru4Tasks = () => RU4.tasks.map((t) => task(t.number, t.max));

describe('descriptions for a block', () => {
  it('the shipped ones when the file agrees; «5(1)» is «5.1»', () => {
    expect([taskKey('5(1)'), taskKey('11.3 k1'), taskKey(' 9.1 ')]).toEqual(['5.1', '11.3К1', '9.1']);
    const b = blockTexts(ru4Tasks(), 'ВПР РУ 4', 2026, { shipped: SHIPPED, district: [] });
    expect(b.mismatch).toBe('');
    expect(b.byTask.get('1')?.text).toBe('Тестовое описание задания 1');
    expect(b.byTask.get('9.2')).toEqual({ text: 'Тестовое описание задания 9', section: 'Раздел Д', origin: 'ФИОКО' });
    expect(b.byTask.get('1')?.origin).toBe('ФИОКО');
  });

  it('a file of another structure keeps its numbers, with the reason', () => {
    const tasks = ru4Tasks();
    tasks[3] = task('4', 2);
    const b = blockTexts(tasks, 'ВПР РУ 4', 2026, { shipped: SHIPPED, district: [] });
    expect(b.byTask.size).toBe(0);
    expect(b.mismatch).toBe(
      'Описание ФИОКО ВПР РУ 4, 2026 не совпадает со структурой файла (задание 4: в файле 2 б., в описании 3 б.): тексты не подставлены; их можно внести на лист «Описания заданий».',
    );
    expect(blockTexts(ru4Tasks(), 'ВПР РУ 4', 2025, { shipped: SHIPPED, district: [] }).byTask.size).toBe(0);
  });

  it('the district’s rows win; a copy of the shipped row is the shipped one; with a mismatch only the district’s own are used', () => {
    const rows = [
      { procedure: 'ВПР РУ 4', year: 2026, number: '1', level: null, max: null, section: 'Орфоэпия', text: 'Ударение', row: 2 },
      {
        procedure: 'ВПР РУ 4',
        year: 2026,
        number: '2',
        level: 'Б' as const,
        max: 1,
        section: RU4.tasks[1]!.section,
        text: RU4.tasks[1]!.text,
        row: 3,
      },
      { procedure: 'ВПР МА 5', year: 2026, number: '3', level: null, max: null, section: '', text: 'Дроби', row: 4 },
    ];
    const b = blockTexts(ru4Tasks(), 'ВПР РУ 4', 2026, { shipped: SHIPPED, district: rows });
    expect(b.byTask.get('1')).toEqual({ text: 'Ударение', section: 'Орфоэпия', origin: 'район' });
    expect(b.byTask.get('2')?.origin).toBe('ФИОКО');
    const other = ru4Tasks();
    other[3] = task('4', 2);
    const m = blockTexts(other, 'ВПР РУ 4', 2026, { shipped: SHIPPED, district: rows });
    expect([...m.byTask.keys()]).toEqual(['1']);
    const ma5 = blockTexts([task('3', 1)], 'ВПР МА 5', 2026, { shipped: SHIPPED, district: rows });
    expect(ma5.byTask.get('3')).toEqual({ text: 'Дроби', section: '', origin: 'район' });
  });
});

describe('«Описания заданий»', () => {
  it('reads the district’s rows and names bad cells by row and column', () => {
    const values = [
      [...TEXTS_HEADER],
      ['ВПр мат 5', 2026, '7', 'б', 2, 'Дроби', 'Сложение дробей', 'район'],
      ['ВПР РУ 6', 'двадцать', '1', '', '', '', 'текст', ''],
      ['что-то', 2026, '1', '', '', '', 'текст', ''],
      ['ВПР РУ 6', 2026, '', '', '', '', 'текст', ''],
      ['ВПР РУ 6', 2026, '2', 'Х', 'много', '', 'текст', ''],
      [],
    ];
    const { rows, problems } = parseTextsTab(values);
    expect(rows).toEqual([
      { procedure: 'ВПР МА 5', year: 2026, number: '7', level: 'Б', max: 2, section: 'Дроби', text: 'Сложение дробей', row: 2 },
      { procedure: 'ВПР РУ 6', year: 2026, number: '2', level: null, max: null, section: '', text: 'текст', row: 6 },
    ]);
    expect(problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, 'Год', 'двадцать'],
      [4, 'Процедура', 'что-то'],
      [5, 'Задание', ''],
      [6, 'Уровень', 'Х'],
      [6, 'Макс. балл', 'много'],
    ]);
    expect(problems.every((p) => p.sheet === 'Описания заданий')).toBe(true);
    expect(parseTextsTab([['Прочее'], ['x']]).problems[0]?.message).toMatch(/Нет строки заголовка/);
  });

  it('the rows to add: every shipped description and every task of the data the tab lacks, once', () => {
    const first = missingTextRows([], [{ procedure: 'ВПР МА 5', year: 2026, district: [task('1', 1), task('2', 2)] }], SHIPPED);
    expect(first).toHaveLength(RU4.tasks.length + 2);
    expect(first[9]).toEqual([
      'ВПР РУ 4',
      2026,
      '9.2',
      'П',
      2,
      'Раздел Д',
      'Тестовое описание задания 9',
      'ФИОКО, описание проверочной работы 2026 г.',
    ]);
    expect(first.at(-1)).toEqual(['ВПР МА 5', 2026, '2', 'Б', 2, '', '', 'описания нет: заполните']);
    expect(first[0]?.[7]).toBe('ФИОКО, описание проверочной работы 2026 г.');
    const kept = parseTextsTab([[...TEXTS_HEADER], ...first]).rows;
    expect(missingTextRows(kept, [{ procedure: 'ВПР МА 5', year: 2026, district: [task('1', 1), task('2', 2)] }], SHIPPED)).toEqual([]);
    // Nothing shipped (the default): only the rows to fill for the data's tasks.
    expect(missingTextRows([], [{ procedure: 'ВПР МА 5', year: 2026, district: [task('1', 1)] }])).toEqual([
      ['ВПР МА 5', 2026, '1', 'Б', 1, '', '', 'описания нет: заполните'],
    ]);
  });
});

describe('systematic gaps', () => {
  const b = blockTexts(ru4Tasks(), 'ВПР РУ 4', 2026, { shipped: SHIPPED, district: [] });
  const school = (weak: string[]) => ({ tasks: ru4Tasks().map((t) => ({ ...t, weak: weak.includes(t.number) })) });

  it('most tasks of a section weak: a gap, items of one task counted once', () => {
    // Раздел Д: tasks 9 (9.1, 9.2), 10 (10.1, 10.2), 11.
    expect(systematicGaps(school(['9.1', '10.2']), b)).toEqual([{ section: 'Раздел Д', weak: ['9', '10'], total: 3 }]);
    expect(systematicGaps(school(['9.1', '9.2']), b)).toEqual([]);
    // Раздел В: 6, 7 — both weak; Раздел Г: 8 alone is not a gap (at least two).
    expect(systematicGaps(school(['6', '7', '1', '8']), b)).toEqual([{ section: 'Раздел В', weak: ['6', '7'], total: 2 }]);
    // Раздел Б: 3, 4, 5, 12 — two of four is not most.
    expect(systematicGaps(school(['3', '4']), b)).toEqual([]);
    expect(systematicGaps(school(['3', '4', '12.2']), b)).toEqual([{ section: 'Раздел Б', weak: ['3', '4', '12'], total: 4 }]);
  });

  it('without descriptions: none', () => {
    expect(systematicGaps(school(['6', '7']), undefined)).toEqual([]);
  });
});

describe('a file of another structure than the shipped set, in «Задания» and the справка', () => {
  it('keeps the numbers and says why, once, in a note merged under the block', () => {
    // ВПР РУ 4 2026 with the 14 one- and two-point tasks of the test district's МА 5: not the set's 2-point task 1, 9.1 …
    const few = districtSchools(rng(9), 6);
    Object.assign(few[0] as SchoolSpec, { level: 0, pupils: 70, weakOn: [0, 1] });
    const sheet = parsePupilSheet(taskDistrictSheet(3, few, { grade: 4, subject: { name: 'Русский язык', code: 'РУ' } })) as PupilSheet;
    const blocks = taskBlocks(summarise(sheet));
    expect(blocks.map((b) => [b.procedure, b.year])).toEqual([['ВПР РУ 4', 2026]]);
    const texts = describeBlocks(blocks, { shipped: SHIPPED, district: [] });
    const tab = tasksTab(blocks, 10, new Map(), texts);
    const at = tab.values.findIndex((r) => String(r[0]).startsWith('Описание ФИОКО ВПР РУ 4, 2026 не совпадает со структурой файла'));
    expect(at).toBeGreaterThan(0);
    expect(tab.values[at]?.[0]).toMatch(
      /\(задание 1: в файле 1 б\., в описании 2 б\.; задание 3: в файле 1 б\., в описании 2 б\.; задание 4: в файле 1 б\., в описании 3 б\. и ещё \d+\): тексты не подставлены; их можно внести на лист «Описания заданий»\.$/,
    );
    expect(tab.values[at - 1]?.[0]).toBe('Что проверяют задания');
    expect(tab.values[at + 1]?.[1]).toBe('описания нет — его можно внести на листе «Описания заданий»');
    expect(tab.merges.some((m) => m.row === at && m.col === 0)).toBe(true);
    const report = tasksSection({ blocks, peaks: [], weakMargin: 10, years: [2026], texts });
    const said = report.filter(
      (b) => b.kind === 'paragraph' && b.text.includes('ВПР РУ 4, 2026 (описание ФИОКО не совпадает со структурой файла)'),
    );
    expect(said).toHaveLength(1);
  });
});
