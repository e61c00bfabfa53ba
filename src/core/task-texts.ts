/**
 * What each task of a procedure checks, in words: a task number means nothing to a teacher.
 * - **Shipped** descriptions (task-texts/<procedure>-<year>.json, bundled at build): only procedures and
 *   years whose ФИОКО «Описание проверочной работы» the project may take; each file names its document, how
 *   it was obtained and what it was checked against. None is shipped yet (task-texts/README.md says why and
 *   how a file is added): the list is empty and the district's tab is the way descriptions come in.
 * - **The district's own** rows in the tab «Описания заданий»: they add what is not shipped and win over the
 *   shipped text where they say something else.
 * A shipped description is used for a block only when the file's tasks agree with it (every task of the
 * file is in the description with the same maximum): a file of another structure (another year's variant,
 * a renumbered task) keeps its numbers, with a note why the descriptions were not used. The district's
 * rows are used as written.
 * Systematic gaps: where most tasks of one section of a description are weak for a school.
 */
import { parseProcedureLabel } from './procedure';
import type { TaskLevel } from './pupils';
import type { Problem } from './results';
import type { SchoolTasks, TaskBlock, TaskResult } from './tasks';
import { type CellValue, normalizeHeader, parseNumberCell } from './text';

export interface TaskTextEntry {
  /** The task as the Ф1 files number it: «7», «9.1» (a criterion or item of task 9). */
  number: string;
  level: TaskLevel;
  max: number;
  /** The section of the content (grouping for systematic gaps). */
  section: string;
  /** What the task checks, as the description says. */
  text: string;
}

export interface TaskTextSet {
  procedure: string;
  year: number;
  /** The document the descriptions come from. */
  source: string;
  /** How they were obtained. */
  via: string;
  /** What they were checked against. */
  checked: string[];
  tasks: TaskTextEntry[];
}

/** A task number compared forgivingly: «5(1)» = «5.1», spaces and the case of «К» do not matter. */
export function taskKey(number: string): string {
  return number
    .replace(/\s+/g, '')
    .replace(/^(\d+)\((\d+)\)$/, '$1.$2')
    .replace(/[кk]/gi, 'К')
    .replace(',', '.');
}

/** The task a criterion or item belongs to: «9.1» → «9», «1К2» → «1», «12» → «12». */
export const parentTask = (number: string): string => /^\d+/.exec(taskKey(number))?.[0] ?? taskKey(number);

export const TEXTS_SHEET = 'Описания заданий';
export const TEXTS_HEADER = [
  'Процедура',
  'Год',
  'Задание',
  'Уровень',
  'Макс. балл',
  'Раздел',
  'Что проверяет задание',
  'Источник',
] as const;
export const SHIPPED_ORIGIN = 'ФИОКО, описание проверочной работы';

/** One row of «Описания заданий» as the district keeps it. */
export interface DistrictText {
  procedure: string;
  year: number;
  number: string;
  level: TaskLevel | null;
  max: number | null;
  section: string;
  text: string;
  /** 1-based row in the tab. */
  row: number;
}

const cellText = (v: CellValue | undefined) => (v === null || v === undefined ? '' : String(v).trim());
const LEVELS: readonly string[] = ['Б', 'П', 'В'];

/** The data file a set is shipped in: `vpr-ru-4-2026.json`, `vpr-ma-5-2027.json`. */
export function taskTextFileName(set: Pick<TaskTextSet, 'procedure' | 'year'>): string | null {
  const p = parseProcedureLabel(set.procedure);
  if (!p || p.exam !== 'ВПР' || (p.subject !== 'МА' && p.subject !== 'РУ') || p.grade === null || p.level !== null) return null;
  return `vpr-${p.subject === 'МА' ? 'ma' : 'ru'}-${p.grade}-${set.year}.json`;
}

const SUBJECT_NAMES: Readonly<Record<string, string>> = { МА: 'Математика', РУ: 'Русский язык' };

/**
 * What is wrong with a set of descriptions as a data file (empty when nothing): the procedure in its
 * label form, the file name after it, the source naming the subject, grade and year, how it was obtained
 * and what it was checked against; every task numbered once, with a level, a positive whole maximum, a
 * section and a text; whole tasks from 1 on in order.
 */
export function validateTaskTextSet(set: TaskTextSet, fileName?: string): string[] {
  const out: string[] = [];
  const p = parseProcedureLabel(set.procedure);
  const name = taskTextFileName(set);
  const where = `${set.procedure}, ${set.year}`;
  if (!p || p.label !== set.procedure) out.push(`${where}: процедура записывается как «${p?.label ?? 'ВПР РУ 4'}»`);
  if (!Number.isInteger(set.year) || set.year < 2000 || set.year > 2100) out.push(`${where}: год — целое число`);
  if (!name) out.push(`${where}: описания ведутся только для ВПР МА и РУ`);
  else if (fileName !== undefined && fileName !== name) out.push(`${where}: файл должен называться ${name}, а не ${fileName}`);
  const subject = p ? SUBJECT_NAMES[p.subject] : undefined;
  if (p && subject && p.grade !== null && !set.source.includes(`«${subject}», ${p.grade} класс`))
    out.push(`${where}: источник не называет «${subject}», ${p.grade} класс`);
  if (!set.source.includes(String(set.year))) out.push(`${where}: источник не называет год ${set.year}`);
  if (set.via.trim().length < 20) out.push(`${where}: не сказано, откуда взят текст (поле via)`);
  if (set.checked.length === 0 || set.checked.some((c) => c.trim() === '')) out.push(`${where}: не сказано, с чем сверено (поле checked)`);
  if (set.tasks.length === 0) out.push(`${where}: нет заданий`);
  const seen = new Set<string>();
  for (const t of set.tasks) {
    const at = `${where}, задание ${t.number}`;
    const key = taskKey(t.number);
    if (!/^\d+/.test(key)) out.push(`${at}: номер начинается с номера задания`);
    if (seen.has(key)) out.push(`${at}: номер повторяется`);
    seen.add(key);
    if (!LEVELS.includes(t.level)) out.push(`${at}: уровень — Б, П или В`);
    if (!Number.isInteger(t.max) || t.max <= 0) out.push(`${at}: максимальный балл — целое число больше 0`);
    if (t.section.trim().length <= 3) out.push(`${at}: нет раздела`);
    if (t.text.trim().length <= 20) out.push(`${at}: нет текста (короче 20 знаков)`);
  }
  const parents = [...new Set(set.tasks.map((t) => Number(parentTask(t.number))))];
  if (parents.some((n, i) => n !== i + 1)) out.push(`${where}: задания идут не по порядку от 1 (${parents.join(', ')})`);
  return out;
}

/** The sets as shipped: each valid, one per procedure and year; a wrong file stops the build's tests at once. */
export function checkedTaskTexts(sets: readonly TaskTextSet[]): readonly TaskTextSet[] {
  const wrong = sets.flatMap((s) => validateTaskTextSet(s));
  const keys = sets.map((s) => `${s.procedure}|${s.year}`);
  if (new Set(keys).size !== keys.length) wrong.push('одна процедура и год — в двух файлах');
  if (wrong.length > 0) throw new Error(`Описания заданий: ${wrong.join('; ')}`);
  return sets;
}

/**
 * The shipped descriptions: none yet (task-texts/README.md). A sourced file is imported here
 * (`import ru4y2026 from './task-texts/vpr-ru-4-2026.json'`) and listed.
 */
export const SHIPPED_TASK_TEXTS: readonly TaskTextSet[] = checkedTaskTexts([]);

/**
 * The tab's rows: the header is found by its first cells; a row needs a procedure, a year and a task.
 * Bad cells are said with sheet, row and column and the rest of the row is used.
 */
export function parseTextsTab(values: readonly (readonly CellValue[])[]): { rows: DistrictText[]; problems: Problem[] } {
  const rows: DistrictText[] = [];
  const problems: Problem[] = [];
  const headerAt = values.findIndex(
    (r) => normalizeHeader(r[0]) === normalizeHeader(TEXTS_HEADER[0]) && normalizeHeader(r[2]) === normalizeHeader(TEXTS_HEADER[2]),
  );
  if (headerAt < 0) {
    if (values.some((r) => r.some((v) => cellText(v) !== '')))
      problems.push({
        severity: 'предупреждение',
        sheet: TEXTS_SHEET,
        row: null,
        column: null,
        value: '',
        message: `Нет строки заголовка «${TEXTS_HEADER.join(' | ')}»: описания заданий района не прочитаны.`,
      });
    return { rows, problems };
  }
  const col = (i: number) => TEXTS_HEADER[i] as string;
  const problem = (row: number, column: number, value: string, message: string, severity: Problem['severity'] = 'предупреждение') =>
    problems.push({ severity, sheet: TEXTS_SHEET, row, column: col(column), value, message });
  for (let r = headerAt + 1; r < values.length; r++) {
    const line = values[r] ?? [];
    const cells = Array.from({ length: TEXTS_HEADER.length }, (_, i) => cellText(line[i]));
    if (cells.every((c) => c === '')) continue;
    const row = r + 1;
    const procedure = parseProcedureLabel(cells[0] as string)?.label ?? null;
    if (!procedure) {
      problem(row, 0, cells[0] as string, 'Процедура не распознана (пример: «ВПР МА 5»); строка не используется.');
      continue;
    }
    const year = parseNumberCell(line[1] ?? null);
    if (year.kind !== 'number' || !Number.isInteger(year.value) || year.value < 2000 || year.value > 2100) {
      problem(row, 1, cells[1] as string, 'Нужен год числом (пример: 2026); строка не используется.');
      continue;
    }
    const number = cells[2] as string;
    if (number === '') {
      problem(row, 2, '', 'Не указан номер задания (пример: «7» или «9.1»); строка не используется.');
      continue;
    }
    const levelText = (cells[3] as string).toUpperCase();
    let level: TaskLevel | null = null;
    if (LEVELS.includes(levelText)) level = levelText as TaskLevel;
    else if (levelText !== '') problem(row, 3, cells[3] as string, 'Уровень — «Б», «П» или «В»; уровень взят из файла результатов.');
    const maxCell = parseNumberCell(line[4] ?? null);
    let max: number | null = null;
    if (maxCell.kind === 'number' && Number.isInteger(maxCell.value) && maxCell.value > 0) max = maxCell.value;
    else if (cells[4] !== '')
      problem(row, 4, cells[4] as string, 'Максимальный балл — целое число больше 0; он взят из файла результатов.');
    rows.push({ procedure, year: year.value, number, level, max, section: cells[5] as string, text: cells[6] as string, row });
  }
  return { rows, problems };
}

/** What is known of one task: the text and section in use and where they come from. */
export interface TaskDescription {
  text: string;
  section: string;
  origin: 'ФИОКО' | 'район';
}

/** The descriptions of one procedure and year: by task key, and why shipped ones were not used. */
export interface BlockTexts {
  byTask: Map<string, TaskDescription>;
  /** The shipped set used, if any. */
  shipped: TaskTextSet | null;
  /** Why a shipped set of this procedure and year was not used; '' when it was or there is none. */
  mismatch: string;
}

const blockKey = (procedure: string, year: number) => `${procedure}|${year}`;

export interface TaskTexts {
  shipped: readonly TaskTextSet[];
  district: readonly DistrictText[];
}

/**
 * The descriptions for a block's tasks: the shipped set when the file agrees with it, then the district's
 * rows over it (a district row with an empty text changes only the section, and the reverse).
 */
export function blockTexts(
  tasks: readonly Pick<TaskResult, 'number' | 'max'>[],
  procedure: string,
  year: number,
  texts: TaskTexts,
): BlockTexts {
  const byTask = new Map<string, TaskDescription>();
  const set = texts.shipped.find((s) => s.procedure === procedure && s.year === year) ?? null;
  let mismatch = '';
  if (set) {
    const known = new Map(set.tasks.map((t) => [taskKey(t.number), t]));
    const wrong: string[] = [];
    for (const t of tasks) {
      const d = known.get(taskKey(t.number));
      if (!d) wrong.push(`задания ${t.number} в описании нет`);
      else if (t.max !== null && t.max !== d.max) wrong.push(`задание ${t.number}: в файле ${t.max} б., в описании ${d.max} б.`);
    }
    if (wrong.length > 0)
      mismatch =
        `Описание ФИОКО ${procedure}, ${year} не совпадает со структурой файла (${wrong.slice(0, 3).join('; ')}${wrong.length > 3 ? ` и ещё ${wrong.length - 3}` : ''}): ` +
        `тексты не подставлены; их можно внести на лист «${TEXTS_SHEET}».`;
    else for (const d of set.tasks) byTask.set(taskKey(d.number), { text: d.text, section: d.section, origin: 'ФИОКО' });
  }
  const shippedTask = new Map((set?.tasks ?? []).map((t) => [taskKey(t.number), t]));
  for (const r of texts.district) {
    if (r.procedure !== procedure || r.year !== year) continue;
    const k = taskKey(r.number);
    // The tab's copy of a shipped description is the shipped one: used only when the file agrees with it.
    const copy = shippedTask.get(k);
    if (copy && copy.text === r.text && copy.section === r.section) continue;
    const had = byTask.get(k);
    const text = r.text || had?.text || '';
    const section = r.section || had?.section || '';
    if (!text && !section) continue;
    const same = had !== undefined && had.text === text && had.section === section;
    byTask.set(k, { text, section, origin: same ? had.origin : 'район' });
  }
  return { byTask, shipped: mismatch ? null : set, mismatch };
}

/** Every block's descriptions, by procedure and year. */
export function describeBlocks(blocks: readonly TaskBlock[], texts: TaskTexts): Map<string, BlockTexts> {
  return new Map(blocks.map((b) => [blockKey(b.procedure, b.year), blockTexts(b.district, b.procedure, b.year, texts)]));
}

export const textsOf = (described: ReadonlyMap<string, BlockTexts>, procedure: string, year: number): BlockTexts | undefined =>
  described.get(blockKey(procedure, year));

/** «задание 7 (Умение …)» or «задание 7 (описания нет)». */
export function taskPhrase(number: string, d: TaskDescription | undefined): string {
  return `задание ${number} (${d?.text ? d.text : 'описания нет'})`;
}

// ——— Systematic gaps ———

export interface SystematicGap {
  section: string;
  /** Tasks (whole tasks: «9», not «9.1») of the section with a weak item, and all of the section's tasks. */
  weak: string[];
  total: number;
}

/**
 * A section is a systematic gap for a school when most of its tasks (more than half, and at least two) are
 * weak; a task with several items («9.1», «9.2») counts once, weak when any item is. Only tasks with a
 * section in the descriptions count.
 */
export function systematicGaps(school: Pick<SchoolTasks, 'tasks'>, texts: BlockTexts | undefined): SystematicGap[] {
  if (!texts) return [];
  const sections = new Map<string, Map<string, boolean>>();
  for (const t of school.tasks) {
    const d = texts.byTask.get(taskKey(t.number));
    if (!d?.section || t.completion === null) continue;
    const tasks = sections.get(d.section) ?? new Map<string, boolean>();
    const p = parentTask(t.number);
    tasks.set(p, (tasks.get(p) ?? false) || t.weak);
    sections.set(d.section, tasks);
  }
  const out: SystematicGap[] = [];
  for (const [section, tasks] of sections) {
    const weak = [...tasks].filter(([, w]) => w).map(([n]) => n);
    if (weak.length >= 2 && weak.length * 2 > tasks.size) out.push({ section, weak, total: tasks.size });
  }
  return out;
}

/** «раздел «Морфология»: слабые 2 из 3 заданий (9, 10)». */
export const gapText = (g: SystematicGap) => `раздел «${g.section}»: слабые ${g.weak.length} из ${g.total} заданий (${g.weak.join(', ')})`;

// ——— The tab ———

/**
 * The rows «Описания заданий» should have: the rows already there stay as the district keeps them; below
 * them, a row for every shipped description and every task of the data not yet in the tab (without a
 * description: the text is left for the district to fill). Returns only the rows to append.
 */
export function missingTextRows(
  existing: readonly DistrictText[],
  blocks: readonly Pick<TaskBlock, 'procedure' | 'year' | 'district'>[],
  shipped: readonly TaskTextSet[] = SHIPPED_TASK_TEXTS,
): CellValue[][] {
  const have = new Set(existing.map((r) => `${blockKey(r.procedure, r.year)}|${taskKey(r.number)}`));
  const out: CellValue[][] = [];
  const add = (key: string, row: CellValue[]) => {
    if (have.has(key)) return;
    have.add(key);
    out.push(row);
  };
  const origin = (s: TaskTextSet) => `${SHIPPED_ORIGIN} ${s.year} г.`;
  for (const s of shipped)
    for (const t of s.tasks)
      add(`${blockKey(s.procedure, s.year)}|${taskKey(t.number)}`, [
        s.procedure,
        s.year,
        t.number,
        t.level,
        t.max,
        t.section,
        t.text,
        origin(s),
      ]);
  for (const b of blocks)
    for (const t of b.district)
      add(`${blockKey(b.procedure, b.year)}|${taskKey(t.number)}`, [
        b.procedure,
        b.year,
        t.number,
        t.level ?? '',
        t.max ?? '',
        '',
        '',
        'описания нет: заполните',
      ]);
  return out;
}
