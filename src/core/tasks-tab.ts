/**
 * «Задания»: schools × tasks, one block per procedure and year (newest year first), the district's row on
 * top of each block; every cell the completion in %, coloured by ФИОКО's level (done insufficiently,
 * borderline, sufficiently) and a weak task marked «▼» in the number itself, so that it reads in black and
 * white on paper too. Tasks without a difficulty level (files without the row «Уровень сложности задания»)
 * are left without colour, and the block says so. Under each block, what every task checks (the shipped
 * ФИОКО descriptions and the district's «Описания заданий», src/core/task-texts.ts), one task a row, and
 * beside each school its systematic gaps (sections where most tasks are weak); the task's text is also the
 * note of its column head. Built here as plain cells; the action writes it in one batch per kind of call.
 */
import { type BlockTexts, gapText, systematicGaps, taskKey, TEXTS_SHEET } from './task-texts';
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
  /** Notes: the task's description on its column head. */
  notes: string[][];
  /** Description rows: columns 1 to the end merged and wrapped. */
  merges: Array<{ row: number; col: number; rows: number; cols: number }>;
  width: number;
  widths: number[];
}

/** Fixed columns before the tasks. */
const LEAD = ['ОО', 'Логин', 'Участников'];
const NUMBER = '0';
const WEAK = '0" ▼"';

const taskHead = (t: TaskResult) => `${t.number}${t.level ? ` (${t.level})` : ''}`;

/** «1 (Б, 2 б.)». */
const taskName = (t: TaskResult) =>
  `${t.number}${t.level || t.max !== null ? ` (${[t.level, t.max !== null ? `${t.max} б.` : null].filter(Boolean).join(', ')})` : ''}`;

export function tasksTab(
  blocks: readonly TaskBlock[],
  weakMargin: number,
  logins: ReadonlyMap<string, string | null>,
  texts: ReadonlyMap<string, BlockTexts> = new Map(),
): TasksTab {
  const width = LEAD.length + Math.max(1, ...blocks.map((b) => b.district.length)) + 2;
  const values: CellValue[][] = [];
  const backgrounds: (string | null)[][] = [];
  const bold: ('bold' | 'normal')[][] = [];
  const formats: string[][] = [];
  const notes: string[][] = [];
  const wide: number[] = [];
  const merges: TasksTab['merges'] = [];
  const push = (
    row: CellValue[],
    opts: { bg?: (string | null)[]; bold?: boolean; formats?: string[]; wide?: boolean; notes?: string[]; merged?: boolean } = {},
  ) => {
    const r = Array.from({ length: width }, (_, i) => row[i] ?? null);
    if (opts.wide) wide.push(values.length);
    if (opts.merged) merges.push({ row: values.length, col: 1, rows: 1, cols: width - 1 });
    values.push(r);
    backgrounds.push(Array.from({ length: width }, (_, i) => opts.bg?.[i] ?? null));
    bold.push(Array.from({ length: width }, () => (opts.bold ? 'bold' : 'normal')));
    formats.push(Array.from({ length: width }, (_, i) => opts.formats?.[i] ?? (i >= LEAD.length - 1 ? NUMBER : '@')));
    notes.push(Array.from({ length: width }, (_, i) => opts.notes?.[i] ?? ''));
  };
  push(['Выполнение заданий по школам (индивидуальные результаты, лист «Результаты участников»)'], { bold: true, wide: true });
  for (const line of [
    'В ячейках — доля выполнения задания, %: баллы за задание ÷ (максимальный балл × участников); строка «По району» — все участники района.',
    'Цвет — по порогам ФИОКО: красный — выполнено недостаточно (базовое задание «Б» — менее 57 %, повышенное «П» и высокое «В» — менее 28,5 %),',
    'жёлтый — на границе (57–60 % и 28,5–30 %), зелёный — достаточно.',
    `«▼» — слабое задание школы: выполнено недостаточно и ниже района на ${formatNumber(weakMargin)} п. п. и больше (лист «Настройки ШНОР», «Задания: ниже района на, п. п.»).`,
    'Системный пробел — раздел, в котором слабы больше половины заданий школы (не меньше двух). Что проверяет каждое задание — под таблицей блока',
    `и в примечании к номеру задания; описания — ФИОКО и свои, с листа «${TEXTS_SHEET}».`,
  ])
    push([line], { wide: true });
  if (blocks.length === 0)
    push(['Индивидуальных результатов (Ф1) нет: загрузите файлы «Индивидуальные результаты» и выполните проверку.'], { wide: true });
  for (const b of blocks) {
    push([]);
    const described = texts.get(`${b.procedure}|${b.year}`);
    const about = (t: TaskResult) => described?.byTask.get(taskKey(t.number));
    const noLevel = b.district.some((t) => t.level === null);
    push(
      [
        `${b.procedure}, ${b.year} — ${b.schools.length} ОО, участников ${b.participants}` +
          (noLevel ? '. Уровень сложности части заданий в файле не указан: они без цвета и не оцениваются как слабые' : ''),
      ],
      { bold: true, wide: true },
    );
    push([...LEAD, ...b.district.map(taskHead), 'Слабые задания', 'Системные пробелы'], {
      bold: true,
      bg: Array.from({ length: width }, (_, i) => (i < LEAD.length + b.district.length + 2 ? HEAD : null)),
      formats: Array.from({ length: width }, () => '@'),
      notes: [...LEAD.map(() => ''), ...b.district.map((t) => about(t)?.text ?? '')],
    });
    const cells = (tasks: readonly TaskResult[]) => tasks.map((t) => (t.completion === null ? null : Math.round(t.completion)));
    const colours = (tasks: readonly TaskResult[]) => tasks.map((t) => (t.state ? STATE_COLORS[t.state] : null));
    const pad = (n: number) => Array.from({ length: width - LEAD.length - n - 2 }, () => null);
    push(['По району', '', b.participants, ...cells(b.district), ...pad(b.district.length), '', ''], {
      bold: true,
      bg: [HEAD, HEAD, HEAD, ...colours(b.district), ...pad(b.district.length), HEAD, HEAD],
    });
    for (const s of b.schools) {
      const weak = s.tasks.filter((t) => t.weak);
      const gaps = systematicGaps(s, described).map(gapText).join('; ');
      push(
        [
          s.name,
          logins.get(s.key) ?? '',
          s.participants,
          ...cells(s.tasks),
          ...pad(s.tasks.length),
          weak.map((t) => t.number).join(', '),
          gaps,
        ],
        {
          bg: [null, null, null, ...colours(s.tasks)],
          formats: [
            '@',
            '@',
            NUMBER,
            ...s.tasks.map((t) => (t.weak ? WEAK : NUMBER)),
            ...Array.from({ length: width - LEAD.length - s.tasks.length }, () => '@'),
          ],
        },
      );
    }
    const from = described?.shipped ? `описание ФИОКО ${described.shipped.year} г.` : '';
    const own = b.district.some((t) => about(t)?.origin === 'район');
    const origin = [from, own ? `описания района (лист «${TEXTS_SHEET}»)` : ''].filter(Boolean).join(' и ');
    push([`Что проверяют задания${origin ? ` (${origin})` : ''}`], { bold: true, wide: true });
    if (described?.mismatch) push([described.mismatch], { wide: true });
    for (const t of b.district) {
      const d = about(t);
      const text = d?.text
        ? `${d.text}${d.section ? ` Раздел: ${d.section}.` : ''}${d.origin === 'район' ? ' (описание района)' : ''}`
        : `описания нет — его можно внести на листе «${TEXTS_SHEET}»`;
      push([taskName(t), text], { merged: true, formats: Array.from({ length: width }, () => '@') });
    }
  }
  const taskCols = width - LEAD.length - 2;
  return {
    values,
    backgrounds,
    bold,
    formats,
    wide,
    notes,
    merges,
    width,
    widths: [240, 80, 80, ...Array.from({ length: taskCols }, () => 52), 110, 200],
  };
}
