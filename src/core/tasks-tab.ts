/**
 * «Задания»: schools × tasks, one block per procedure and year (newest year first), the district's row on
 * top of each block; every cell the completion in %, coloured by ФИОКО's level (done insufficiently,
 * borderline, sufficiently) and a weak task marked «▼» in the number itself, so that it reads in black and
 * white on paper too. Tasks without a difficulty level (files without the row «Уровень сложности задания»)
 * are left without colour, and the block says so. Under each block, what every task checks (the shipped
 * ФИОКО descriptions — none yet — and the district's «Описания заданий», src/core/task-texts.ts), one task a row, and
 * beside each school its systematic gaps (sections where most tasks are weak); the task's text is also the
 * note of its column head. Built here as plain cells; the action writes it in one batch per kind of call.
 */
import { boundariesLines } from './scales';
import { type BlockTexts, parentTask, systematicGaps, taskKey, TEXTS_SHEET } from './task-texts';
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
  /** Rows whose school and weak-task cells wrap (column heads, schools). */
  wrapped: number[];
  /** Notes: the task's description on its column head. */
  notes: string[][];
  /** Description rows: columns 1 to the end merged and wrapped. */
  merges: Array<{ row: number; col: number; rows: number; cols: number }>;
  width: number;
  widths: number[];
}

/** Fixed columns before the tasks: the school, and what it is weak on (beside its name, on the first printed page too). */
const LEAD = ['ОО', 'Логин', 'Участников', 'Слабые задания', 'Системные пробелы'];
const LEAD_WIDTHS = [240, 80, 80, 110, 220];
const PARTICIPANTS = 2;
/** Columns before the first task. */
export const TASK_LEAD = LEAD.length;
const NUMBER = '0';
const WEAK = '0" ▼"';

/** Sheet pixels a landscape A4 page shows at the smallest print scale (PAGE_PX.landscape ÷ 75 % in workbook/xlsx is 1 294; LibreOffice draws the columns wider, about 1 150 fit), with room to spare. */
const PRINT_PX = 1050;

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
  const width = LEAD.length + Math.max(1, ...blocks.map((b) => b.district.length));
  const widths = [...LEAD_WIDTHS, ...Array.from({ length: width - LEAD.length }, () => 52)];
  // A description spans the columns after the first up to PRINT_PX: on paper it stays on the first page's width.
  let textCols = 0;
  for (let used = widths[0] as number; textCols < width - 1 && used + (widths[textCols + 1] as number) <= PRINT_PX; textCols++)
    used += widths[textCols + 1] as number;
  const values: CellValue[][] = [];
  const backgrounds: (string | null)[][] = [];
  const bold: ('bold' | 'normal')[][] = [];
  const formats: string[][] = [];
  const notes: string[][] = [];
  const wide: number[] = [];
  const wrapped: number[] = [];
  const merges: TasksTab['merges'] = [];
  const push = (
    row: CellValue[],
    opts: {
      bg?: (string | null)[];
      bold?: boolean;
      formats?: string[];
      wide?: boolean;
      notes?: string[];
      merged?: boolean;
      /** A note under a block: merged from the first column and wrapped. */
      note?: boolean;
      wrapped?: boolean;
    } = {},
  ) => {
    const r = Array.from({ length: width }, (_, i) => row[i] ?? null);
    if (opts.wide) wide.push(values.length);
    if (opts.wrapped) wrapped.push(values.length);
    if (opts.merged) merges.push({ row: values.length, col: 1, rows: 1, cols: textCols });
    if (opts.note) merges.push({ row: values.length, col: 0, rows: 1, cols: textCols + 1 });
    values.push(r);
    backgrounds.push(Array.from({ length: width }, (_, i) => opts.bg?.[i] ?? null));
    bold.push(Array.from({ length: width }, () => (opts.bold ? 'bold' : 'normal')));
    formats.push(Array.from({ length: width }, (_, i) => opts.formats?.[i] ?? (i === PARTICIPANTS || i >= LEAD.length ? NUMBER : '@')));
    notes.push(Array.from({ length: width }, (_, i) => opts.notes?.[i] ?? ''));
  };
  push(['Выполнение заданий по школам (индивидуальные результаты, лист «Результаты участников»)'], { bold: true, wide: true });
  for (const line of [
    'В ячейках — доля выполнения задания, %: баллы за задание ÷ (максимальный балл × участников); строка «По району» — все участники района.',
    'Цвет — по порогам ФИОКО: красный — выполнено недостаточно (базовое задание «Б» — менее 57 %, повышенное «П» и высокое «В» — менее 28,5 %),',
    'жёлтый — на границе (57–60 % и 28,5–30 %), зелёный — достаточно.',
    `«▼» — слабое задание школы: выполнено недостаточно и ниже района на ${formatNumber(weakMargin)} п. п. и больше (лист «Настройки ШНОР», «Задания: ниже района на, п. п.»).`,
    'Системный пробел — раздел, в котором слабы больше половины заданий школы (не меньше двух): «Раздел»: слабых из всех (их номера).',
    `Что проверяет каждое задание — под таблицей блока и в примечании к номеру задания; описания — ФИОКО и свои, с листа «${TEXTS_SHEET}».`,
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
    push([...LEAD, ...b.district.map(taskHead)], {
      bold: true,
      bg: Array.from({ length: width }, (_, i) => (i < LEAD.length + b.district.length ? HEAD : null)),
      formats: Array.from({ length: width }, () => '@'),
      notes: [...LEAD.map(() => ''), ...b.district.map((t) => about(t)?.text ?? '')],
    });
    const cells = (tasks: readonly TaskResult[]) => tasks.map((t) => (t.completion === null ? null : Math.round(t.completion)));
    const colours = (tasks: readonly TaskResult[]) => tasks.map((t) => (t.state ? STATE_COLORS[t.state] : null));
    push(['По району', '', b.participants, '', '', ...cells(b.district)], {
      bold: true,
      bg: [HEAD, HEAD, HEAD, HEAD, HEAD, ...colours(b.district)],
    });
    for (const s of b.schools) {
      const weak = s.tasks.filter((t) => t.weak);
      const gaps = systematicGaps(s, described)
        .map((g) => `«${g.section}»: ${g.weak.length} из ${g.total} (${g.weak.join(', ')})`)
        .join('; ');
      const numbers = weak.length > 0 ? `№ ${weak.map((t) => t.number).join(', ')}` : '';
      push([s.name, logins.get(s.key) ?? '', s.participants, numbers, gaps, ...cells(s.tasks)], {
        bg: [null, null, null, null, null, ...colours(s.tasks)],
        formats: [
          '@',
          '@',
          NUMBER,
          '@',
          '@',
          ...s.tasks.map((t) => (t.weak ? WEAK : NUMBER)),
          ...Array.from({ length: width - LEAD.length - s.tasks.length }, () => '@'),
        ],
        wrapped: true,
      });
    }
    for (const line of boundariesLines(b.boundaries)) push([line], { wide: true });
    const from = described?.shipped ? `описание ФИОКО ${described.shipped.year} г.` : '';
    const own = b.district.some((t) => about(t)?.origin === 'район');
    const origin = [from, own ? `описания района (лист «${TEXTS_SHEET}»)` : ''].filter(Boolean).join(' и ');
    push([`Что проверяют задания${origin ? ` (${origin})` : ''}`], { bold: true, wide: true });
    if (described?.mismatch) push([described.mismatch], { note: true });
    const said = new Map<string, string>();
    for (const t of b.district) {
      const d = about(t);
      // The items of one task («9.1», «9.2») share its text: said once, then referred to.
      const first = d?.text ? said.get(`${parentTask(t.number)}|${d.text}|${d.section}`) : undefined;
      const sentence = (x: string) => (/[.!?…]$/.test(x) ? x : `${x}.`);
      const text = !d?.text
        ? `описания нет — его можно внести на листе «${TEXTS_SHEET}»`
        : first
          ? `то же, что ${first}: пункты оценивания задания ${parentTask(t.number)}.`
          : `${sentence(d.text)}${d.section ? ` Раздел: ${d.section}.` : ''}${d.origin === 'район' ? ' (Описание района.)' : ''}`;
      if (d?.text && !first) said.set(`${parentTask(t.number)}|${d.text}|${d.section}`, t.number);
      push([taskName(t), text], { merged: true, formats: Array.from({ length: width }, () => '@') });
    }
  }
  return {
    values,
    backgrounds,
    bold,
    formats,
    wide,
    notes,
    merges,
    width,
    widths,
    wrapped,
  };
}
