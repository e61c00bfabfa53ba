/** The task descriptions (src/core/task-texts.ts): the shipped data checked, the district's tab, systematic gaps. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxOf, RU4_2026 } from '../../scripts/pupil-files';
import {
  blockTexts,
  missingTextRows,
  parentTask,
  parseTextsTab,
  SHIPPED_TASK_TEXTS,
  systematicGaps,
  taskKey,
  type TaskTextSet,
  TEXTS_HEADER,
} from '../../src/core/task-texts';
import { parseProcedureLabel } from '../../src/core/procedure';
import type { TaskResult } from '../../src/core/tasks';

const dir = join(import.meta.dirname, '..', '..', 'src', 'core', 'task-texts');

describe('the shipped descriptions', () => {
  it('every data file is shipped, one per procedure and year, named after them', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(SHIPPED_TASK_TEXTS.length);
    for (const f of files) {
      const set = JSON.parse(readFileSync(join(dir, f), 'utf8')) as TaskTextSet;
      const p = parseProcedureLabel(set.procedure);
      expect(p?.label, f).toBe(set.procedure);
      expect(f).toBe(`vpr-${p?.subject === 'МА' ? 'ma' : 'ru'}-${p?.grade}-${set.year}.json`);
      expect(SHIPPED_TASK_TEXTS.some((s) => s.procedure === set.procedure && s.year === set.year)).toBe(true);
    }
    expect(new Set(SHIPPED_TASK_TEXTS.map((s) => `${s.procedure}|${s.year}`)).size).toBe(SHIPPED_TASK_TEXTS.length);
  });

  it('every set says where it came from; every task has a text, a section, a level and a maximum, numbered once', () => {
    for (const s of SHIPPED_TASK_TEXTS) {
      expect(s.source, s.procedure).toMatch(/^ФИОКО\. Описание проверочной работы .* \d{4} году .*«(Русский язык|Математика)», \d класс$/);
      expect(s.source).toContain(String(s.year));
      expect(s.via.length).toBeGreaterThan(20);
      expect(s.checked.length).toBeGreaterThan(0);
      const keys = s.tasks.map((t) => taskKey(t.number));
      expect(new Set(keys).size, s.procedure).toBe(keys.length);
      for (const t of s.tasks) {
        expect(t.text.length, `${s.procedure} ${t.number}`).toBeGreaterThan(20);
        expect(t.section.length).toBeGreaterThan(3);
        expect(['Б', 'П', 'В']).toContain(t.level);
        expect(Number.isInteger(t.max) && t.max > 0).toBe(true);
      }
      // Tasks in order, every whole task from 1 to the last present.
      const parents = [...new Set(s.tasks.map((t) => Number(parentTask(t.number))))];
      expect(parents).toEqual(Array.from({ length: parents.length }, (_, i) => i + 1));
    }
  });

  it('ВПР РУ 4 2026 agrees with the real Ф1 file task for task: numbers, levels, maxima, 24 points', () => {
    // scripts/pupil-files.ts RU4_2026: the real «Ф1_Индивидуальные результаты.xlsx» of 2026 (the sample's РУ 4 2026 file is made from it).
    const set = SHIPPED_TASK_TEXTS.find((s) => s.procedure === 'ВПР РУ 4' && s.year === 2026) as TaskTextSet;
    const file = RU4_2026.map((t) => ({ number: /^(\S+)/.exec(t.label)?.[1], level: t.level, max: maxOf(t.label) }));
    expect(set.tasks.map((t) => ({ number: t.number, level: t.level, max: t.max }))).toEqual(file);
    expect(set.tasks.reduce((a, t) => a + t.max, 0)).toBe(24);
  });

  it('ВПР МА 4 2026 adds up to its items: 14 scored items of 11 tasks', () => {
    const set = SHIPPED_TASK_TEXTS.find((s) => s.procedure === 'ВПР МА 4' && s.year === 2026) as TaskTextSet;
    expect(set.tasks).toHaveLength(14);
    expect(new Set(set.tasks.map((t) => parentTask(t.number))).size).toBe(11);
    // Items of one task share its text and section.
    for (const t of set.tasks) {
      const first = set.tasks.find((x) => parentTask(x.number) === parentTask(t.number)) as TaskTextSet['tasks'][number];
      expect([t.text, t.section]).toEqual([first.text, first.section]);
    }
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
const RU4 = SHIPPED_TASK_TEXTS.find((s) => s.procedure === 'ВПР РУ 4') as TaskTextSet;
const ru4Tasks = () => RU4.tasks.map((t) => task(t.number, t.max));

describe('descriptions for a block', () => {
  it('the shipped ones when the file agrees; «5(1)» is «5.1»', () => {
    expect([taskKey('5(1)'), taskKey('11.3 k1'), taskKey(' 9.1 ')]).toEqual(['5.1', '11.3К1', '9.1']);
    const b = blockTexts(ru4Tasks(), 'ВПР РУ 4', 2026, { shipped: SHIPPED_TASK_TEXTS, district: [] });
    expect(b.mismatch).toBe('');
    expect(b.byTask.get('1')?.text).toMatch(/^Умение распознавать правильную орфоэпическую норму/);
    expect(b.byTask.get('9.2')?.section).toBe('Морфология');
    expect(b.byTask.get('1')?.origin).toBe('ФИОКО');
  });

  it('a file of another structure keeps its numbers, with the reason', () => {
    const tasks = ru4Tasks();
    tasks[3] = task('4', 2);
    const b = blockTexts(tasks, 'ВПР РУ 4', 2026, { shipped: SHIPPED_TASK_TEXTS, district: [] });
    expect(b.byTask.size).toBe(0);
    expect(b.mismatch).toBe(
      'Описание ФИОКО ВПР РУ 4, 2026 не совпадает со структурой файла (задание 4: в файле 2 б., в описании 3 б.): тексты не подставлены; их можно внести на лист «Описания заданий».',
    );
    expect(blockTexts(ru4Tasks(), 'ВПР РУ 4', 2025, { shipped: SHIPPED_TASK_TEXTS, district: [] }).byTask.size).toBe(0);
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
    const b = blockTexts(ru4Tasks(), 'ВПР РУ 4', 2026, { shipped: SHIPPED_TASK_TEXTS, district: rows });
    expect(b.byTask.get('1')).toEqual({ text: 'Ударение', section: 'Орфоэпия', origin: 'район' });
    expect(b.byTask.get('2')?.origin).toBe('ФИОКО');
    const other = ru4Tasks();
    other[3] = task('4', 2);
    const m = blockTexts(other, 'ВПР РУ 4', 2026, { shipped: SHIPPED_TASK_TEXTS, district: rows });
    expect([...m.byTask.keys()]).toEqual(['1']);
    const ma5 = blockTexts([task('3', 1)], 'ВПР МА 5', 2026, { shipped: SHIPPED_TASK_TEXTS, district: rows });
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
    const first = missingTextRows([], [{ procedure: 'ВПР МА 5', year: 2026, district: [task('1', 1), task('2', 2)] }]);
    const shipped = SHIPPED_TASK_TEXTS.reduce((n, s) => n + s.tasks.length, 0);
    expect(first).toHaveLength(shipped + 2);
    expect(first.at(-1)).toEqual(['ВПР МА 5', 2026, '2', 'Б', 2, '', '', 'описания нет: заполните']);
    expect(first[0]?.[7]).toBe('ФИОКО, описание проверочной работы 2026 г.');
    const kept = parseTextsTab([[...TEXTS_HEADER], ...first]).rows;
    expect(missingTextRows(kept, [{ procedure: 'ВПР МА 5', year: 2026, district: [task('1', 1), task('2', 2)] }])).toEqual([]);
  });
});

describe('systematic gaps', () => {
  const b = blockTexts(ru4Tasks(), 'ВПР РУ 4', 2026, { shipped: SHIPPED_TASK_TEXTS, district: [] });
  const school = (weak: string[]) => ({ tasks: ru4Tasks().map((t) => ({ ...t, weak: weak.includes(t.number) })) });

  it('most tasks of a section weak: a gap, items of one task counted once', () => {
    // Морфология: tasks 9 (9.1, 9.2), 10 (10.1, 10.2), 11.
    expect(systematicGaps(school(['9.1', '10.2']), b)).toEqual([{ section: 'Морфология', weak: ['9', '10'], total: 3 }]);
    expect(systematicGaps(school(['9.1', '9.2']), b)).toEqual([]);
    // Лексика: 6, 7 — both weak.
    expect(systematicGaps(school(['6', '7', '1']), b)).toEqual([{ section: 'Лексика', weak: ['6', '7'], total: 2 }]);
    // Развитие речи: 3, 4, 5, 12 — two of four is not most.
    expect(systematicGaps(school(['3', '4']), b)).toEqual([]);
    expect(systematicGaps(school(['3', '4', '12.2']), b)).toEqual([{ section: 'Развитие речи', weak: ['3', '4', '12'], total: 4 }]);
  });

  it('without descriptions: none', () => {
    expect(systematicGaps(school(['6', '7']), undefined)).toEqual([]);
  });
});
