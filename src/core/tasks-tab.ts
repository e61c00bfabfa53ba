/**
 * «Задания»: schools × tasks, one block per procedure and year (newest year first), the district's row on
 * top of each block; every cell the completion in %, coloured by ФИОКО's level (done insufficiently,
 * borderline, sufficiently) and a weak task marked «▼» in the number itself, so that it reads in black and
 * white on paper too. Tasks without a difficulty level (files without the row «Уровень сложности задания»)
 * are left without colour, and the block says so. Built here as plain cells; the action writes it in one
 * batch per kind of call.
 */
import { boundariesLines } from './scales';
import type { TaskBlock, TaskResult, TaskState } from './tasks';
import type { CellValue } from './text';
import { formatNumber } from './text';

export const TASKS_SHEET = 'Задания';

export const STATE_COLORS: Record<TaskState, string> = {
  недостаточно: '#f4c7c3',
  'на границе': '#fce8b2',
  достаточно: '#d9ead3',
};
const HEAD = '#e8eaed';

export interface TasksTab {
  values: CellValue[][];
  backgrounds: (string | null)[][];
  bold: ('bold' | 'normal')[][];
  formats: string[][];
  /** Rows whose first cell's text runs over the empty cells to its right (title, legend, block titles). */
  wide: number[];
  width: number;
  widths: number[];
}

/** Fixed columns before the tasks. */
const LEAD = ['ОО', 'Логин', 'Участников'];
const NUMBER = '0';
const WEAK = '0" ▼"';

const taskHead = (t: TaskResult) => `${t.number}${t.level ? ` (${t.level})` : ''}`;

export function tasksTab(blocks: readonly TaskBlock[], weakMargin: number, logins: ReadonlyMap<string, string | null>): TasksTab {
  const width = LEAD.length + Math.max(1, ...blocks.map((b) => b.district.length)) + 1;
  const values: CellValue[][] = [];
  const backgrounds: (string | null)[][] = [];
  const bold: ('bold' | 'normal')[][] = [];
  const formats: string[][] = [];
  const wide: number[] = [];
  const push = (row: CellValue[], opts: { bg?: (string | null)[]; bold?: boolean; formats?: string[]; wide?: boolean } = {}) => {
    const r = Array.from({ length: width }, (_, i) => row[i] ?? null);
    if (opts.wide) wide.push(values.length);
    values.push(r);
    backgrounds.push(Array.from({ length: width }, (_, i) => opts.bg?.[i] ?? null));
    bold.push(Array.from({ length: width }, () => (opts.bold ? 'bold' : 'normal')));
    formats.push(Array.from({ length: width }, (_, i) => opts.formats?.[i] ?? (i >= LEAD.length - 1 ? NUMBER : '@')));
  };
  push(['Выполнение заданий по школам (индивидуальные результаты, лист «Результаты участников»)'], { bold: true, wide: true });
  for (const line of [
    'В ячейках — доля выполнения задания, %: баллы за задание ÷ (максимальный балл × участников); строка «По району» — все участники района.',
    'Цвет — по порогам ФИОКО: красный — выполнено недостаточно (базовое задание «Б» — менее 57 %, повышенное «П» и высокое «В» — менее 28,5 %),',
    'жёлтый — на границе (57–60 % и 28,5–30 %), зелёный — достаточно.',
    `«▼» — слабое задание школы: выполнено недостаточно и ниже района на ${formatNumber(weakMargin)} п. п. и больше (лист «Настройки ШНОР», «Задания: ниже района на, п. п.»).`,
  ])
    push([line], { wide: true });
  if (blocks.length === 0)
    push(['Индивидуальных результатов (Ф1) нет: загрузите файлы «Индивидуальные результаты» и выполните проверку.'], { wide: true });
  for (const b of blocks) {
    push([]);
    const noLevel = b.district.some((t) => t.level === null);
    push(
      [
        `${b.procedure}, ${b.year} — ${b.schools.length} ОО, участников ${b.participants}` +
          (noLevel ? '. Уровень сложности части заданий в файле не указан: они без цвета и не оцениваются как слабые' : ''),
      ],
      { bold: true, wide: true },
    );
    push([...LEAD, ...b.district.map(taskHead), 'Слабые задания'], {
      bold: true,
      bg: Array.from({ length: width }, (_, i) => (i < LEAD.length + b.district.length + 1 ? HEAD : null)),
      formats: Array.from({ length: width }, () => '@'),
    });
    const cells = (tasks: readonly TaskResult[]) => tasks.map((t) => (t.completion === null ? null : Math.round(t.completion)));
    const colours = (tasks: readonly TaskResult[]) => tasks.map((t) => (t.state ? STATE_COLORS[t.state] : null));
    push(['По району', '', b.participants, ...cells(b.district), ''], {
      bold: true,
      bg: [HEAD, HEAD, HEAD, ...colours(b.district), HEAD],
    });
    for (const s of b.schools) {
      const weak = s.tasks.filter((t) => t.weak);
      push([s.name, logins.get(s.key) ?? '', s.participants, ...cells(s.tasks), weak.map((t) => t.number).join(', ')], {
        bg: [null, null, null, ...colours(s.tasks)],
        formats: [
          '@',
          '@',
          NUMBER,
          ...s.tasks.map((t) => (t.weak ? WEAK : NUMBER)),
          ...Array.from({ length: width - LEAD.length - s.tasks.length }, () => '@'),
        ],
      });
    }
    for (const line of boundariesLines(b.boundaries)) push([line], { wide: true });
  }
  const taskCols = width - LEAD.length - 1;
  return {
    values,
    backgrounds,
    bold,
    formats,
    wide,
    width,
    widths: [240, 80, 80, ...Array.from({ length: taskCols }, () => 52), 110],
  };
}
