/**
 * A description set for the tests: ВПР РУ 4, 2026 in the structure of the real Ф1 file of 2026
 * (scripts/pupil-files.ts RU4_2026: the same numbers, levels and maxima — 15 items, 24 points), with
 * texts and sections written for the tests only. It is not a ФИОКО description: the project ships none
 * (src/core/task-texts/README.md). Core tests pass it as `shipped`; end-to-end tests put its rows into the
 * district's tab «Описания заданий», the way a district enters descriptions.
 * Sections: «Раздел А» — 1, 2; «Раздел Б» — 3, 4, 5, 12; «Раздел В» — 6, 7; «Раздел Г» — 8;
 * «Раздел Д» — 9, 10, 11. The items of one task (9.1, 9.2) share its text and section.
 */
import { maxOf, RU4_2026 } from '../../scripts/pupil-files';
import type { TaskTextSet } from '../../src/core/task-texts';
import type { CellValue } from '../../src/core/text';

const SECTIONS: Record<string, string> = {
  '1': 'Раздел А',
  '2': 'Раздел А',
  '3': 'Раздел Б',
  '4': 'Раздел Б',
  '5': 'Раздел Б',
  '12': 'Раздел Б',
  '6': 'Раздел В',
  '7': 'Раздел В',
  '8': 'Раздел Г',
  '9': 'Раздел Д',
  '10': 'Раздел Д',
  '11': 'Раздел Д',
};

/** «Тестовое описание задания 6». */
export const testText = (task: string) => `Тестовое описание задания ${task}`;

export const TEST_RU4_2026: TaskTextSet = {
  procedure: 'ВПР РУ 4',
  year: 2026,
  source: 'Тестовые данные (не документ ФИОКО): «Русский язык», 4 класс, 2026 год',
  via: 'Написано для тестов в test/support/task-texts.ts',
  checked: ['Номера, уровни и максимальные баллы — по реальному файлу Ф1 2026 (scripts/pupil-files.ts RU4_2026)'],
  tasks: RU4_2026.map((t) => {
    const number = /^(\S+)/.exec(t.label)?.[1] as string;
    const task = /^\d+/.exec(number)?.[0] as string;
    return { number, level: t.level ?? 'Б', max: maxOf(t.label), section: SECTIONS[task] as string, text: testText(task) };
  }),
};

/** The set as rows of «Описания заданий» (below its header), as a district would type them in. */
export const textsTabRows = (set: TaskTextSet, origin = 'район'): CellValue[][] =>
  set.tasks.map((t) => [set.procedure, set.year, t.number, t.level, t.max, t.section, t.text, origin]);
