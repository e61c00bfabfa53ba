/**
 * ФИС ОКО's per-pupil «Индивидуальные результаты» (форма Ф1), one procedure per file, one or several
 * schools (DOMAIN.md «Input» 3b):
 *   R1 «Индивидуальные результаты»; R3 «ВПР 2026 Русский язык 4 класс»; R4 «Предмет:» | …;
 *   R5 «Максимальный первичный балл:» | 24; R6 «Дата:» | 20.04.2026;
 *   R7 «Уровень сложности задания» with Б / П / В over the task columns (may be absent);
 *   R8 `ОО | Муниципалитет | Название ОО | Код участника | Класс | Вариант | 1 (2б) | … | Первичный балл |
 *       Отметка | Отметка по журналу`;
 *   per school a row «Name(edu…) | Кол-во участников: N» (one cell or two), then one row per pupil.
 * Task headers vary: `9.1 (1б)`, `5(1) (1б)`, `1К1 (4б)`, `11.3 k1 (2б)`; older protocols (2020–2021) give
 * plain task numbers without the maximum. A task cell holds points, `X`/`Х` (not done: 0 points, counted)
 * or nothing (no score for that task).
 *
 * The pupils are kept column by column (typed arrays), so that a region's year (≈ 2.4 million pupils) fits
 * in memory; `pupilAt` gives one pupil as an object. `summarise` turns a sheet into one summary per school —
 * participants, marks, the journal comparison, per-task points and the primary-score histogram — and
 * `summaryResults` into the same records and comparison rows the aggregated reports give, so that a district
 * with only Ф1 files gets the same verdicts.
 */
import { cleanLogin } from './clean';
import { type Exam, readProcedureHeader } from './procedure';
import type { JournalComparison } from './objectivity';
import type { Grid, Problem, ResultTable, School, Severity } from './results';
import { type CellValue, columnLetter, normalizeHeader, parseNumberCell } from './text';

export type TaskLevel = 'Б' | 'П' | 'В';

export interface Task {
  /** The header as written: «9.1 (1б)». */
  label: string;
  /** The task's number without the maximum: «9.1», «5(1)», «1К1», «11.3 К1» (Latin k read as К). */
  number: string;
  /** Maximum points, from the header; null in older protocols that do not say. */
  max: number | null;
  /** Difficulty from the row «Уровень сложности задания»; null when the file has no such row. */
  level: TaskLevel | null;
  /** 0-based column in the sheet. */
  col: number;
}

/** A task cell in `PupilSheet.scores`: points 0…127, or one of these. */
export const NO_SCORE = -1;
export const NOT_DONE = -2;

/** A school's block in a Ф1 sheet. */
export interface PupilSchool {
  /** Login (lower case) or `name:` and the normalised name: the key the result tables use. */
  key: string;
  login: string | null;
  name: string;
  territory: string;
  /** 1-based row of the school's line (or of its first pupil when the line is missing). */
  row: number;
  /** «Кол-во участников: N» as the school's line says it; null when it says nothing. */
  declared: number | null;
}

/** One Ф1 sheet, every pupil kept. Arrays below have one entry per pupil (`pupils` of them). */
export interface PupilSheet {
  file: string;
  sheet: string;
  procedure: string;
  year: number;
  /** Where the procedure and year were read: «заголовок», «имя файла», «имя листа». */
  from: string[];
  /** «Максимальный первичный балл» of the title; null when not given. */
  maxScore: number | null;
  /** «Дата:» as written. */
  date: string | null;
  tasks: Task[];
  /** What the file does not say (older protocols): «максимальные баллы заданий», «уровни сложности заданий»… */
  missing: string[];
  schools: PupilSchool[];
  pupils: number;
  /** Index into `schools`. */
  school: Uint32Array;
  code: string[];
  /** «Класс» as written (ФИС ОКО numbers the classes of a parallel: 1, 2…). */
  classLabel: string[];
  variant: string[];
  /** pupils × tasks, row by row: points, NO_SCORE or NOT_DONE. */
  scores: Int8Array;
  /** Primary score as the file gives it; NaN when empty. */
  primary: Float32Array;
  /** 2–5, or 0 when none. */
  mark: Int8Array;
  journal: Int8Array;
  /** 1-based sheet rows. */
  row: Uint32Array;
  problems: Problem[];
}

/** One pupil as an object (for analyses that prefer it to the columns). */
export interface Pupil {
  school: PupilSchool;
  code: string;
  classLabel: string;
  variant: string;
  /** Per task: points, null for no score; `notDone` marks X cells (counted as 0). */
  scores: Array<number | null>;
  notDone: boolean[];
  primary: number | null;
  mark: number | null;
  journal: number | null;
  row: number;
}

export function pupilAt(s: PupilSheet, i: number): Pupil {
  const n = s.tasks.length;
  const scores: Array<number | null> = [];
  const notDone: boolean[] = [];
  for (let t = 0; t < n; t++) {
    const v = s.scores[i * n + t] as number;
    scores.push(v === NO_SCORE ? null : v === NOT_DONE ? 0 : v);
    notDone.push(v === NOT_DONE);
  }
  const p = s.primary[i] as number;
  return {
    school: s.schools[s.school[i] as number] as PupilSchool,
    code: s.code[i] as string,
    classLabel: s.classLabel[i] as string,
    variant: s.variant[i] as string,
    scores,
    notDone,
    primary: Number.isNaN(p) ? null : p,
    mark: s.mark[i] || null,
    journal: s.journal[i] || null,
    row: s.row[i] as number,
  };
}

const text = (v: CellValue) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const LOGIN = /(?:^|[^a-z])((?:sch|edu|ksh)\d{6})(?!\d)/i;
/** «9.1 (1б)», «1К1 (4б)», «11.3 k1 (2б)», «5(1) (1б)»; the maximum may be missing in older protocols. */
const TASK =
  /^(\d{1,2}(?:[.,]\d{1,2})?(?:\s*\(\d{1,2}\))?(?:\s*[кk]\s*\d{1,2})?(?:[.,]\d{1,2})?)\s*(?:\(\s*(\d{1,3})\s*(?:б|балл[а-я]*)\.?\s*\))?$/i;

type Column = 'login' | 'territory' | 'name' | 'code' | 'class' | 'variant' | 'primary' | 'mark' | 'journal';

function columnOf(h: string): Column | null {
  if (h === 'оо' || h === 'логин' || h === 'логин оо') return 'login';
  if (/^(муниципалитет|муниципальное образование|мо|район)$/.test(h)) return 'territory';
  if (/^(название|наименование) оо$/.test(h)) return 'name';
  if (/^код( участника)?$/.test(h)) return 'code';
  if (/^класс$/.test(h)) return 'class';
  if (/^вариант$/.test(h)) return 'variant';
  if (/^(первичный балл|сумма баллов|итого баллов|балл)$/.test(h)) return 'primary';
  if (/^отметка по журналу|^отметка за (предыдущ|четверт|триместр|полугод)|^отметка в журнале/.test(h)) return 'journal';
  if (/^(отметка|оценка)( по 5-?балльной шкале| за работу)?$/.test(h)) return 'mark';
  return null;
}

interface Header {
  row: number;
  cols: Partial<Record<Column, number>>;
  tasks: Task[];
}

/** The header row among the first 40: «Код участника» and «Отметка» or «Первичный балл», by their words. */
function findHeader(values: CellValue[][]): Header | null {
  const limit = Math.min(values.length, 40);
  for (let r = 0; r < limit; r++) {
    const norm = (values[r] ?? []).map((v) => normalizeHeader(v));
    const cols: Partial<Record<Column, number>> = {};
    norm.forEach((h, c) => {
      const k = columnOf(h);
      if (k && cols[k] === undefined) cols[k] = c;
    });
    if (cols.code === undefined || (cols.mark === undefined && cols.primary === undefined)) continue;
    const tasks: Task[] = [];
    norm.forEach((h, c) => {
      if (Object.values(cols).includes(c)) return;
      const raw = text(values[r]?.[c]).replace(/\s+/g, ' ').trim();
      const m = TASK.exec(raw.replace(/\u00a0/g, ' '));
      if (!m) return;
      const number = (m[1] as string).replace(/\s+/g, ' ').replace(/\s+\(/, '(').replace(/[кk]/gi, 'К').replace(',', '.');
      tasks.push({ label: raw, number, max: m[2] === undefined ? null : Number(m[2]), level: null, col: c });
    });
    if (tasks.length === 0) continue;
    return { row: r, cols, tasks };
  }
  return null;
}

/** What a title line, a file name or a sheet name says about the procedure. */
interface Said {
  exam: Exam | null;
  subject: string | null;
  grade: number | null;
  year: number | null;
}

function said(line: string, defaultExam: Exam | undefined): Said {
  const h = normalizeHeader(line);
  const exam: Exam | null = /(^|[^а-я])впр([^а-я]|$)|проверочн/.test(h)
    ? 'ВПР'
    : /(^|[^а-я])(огэ|гве)([^а-я]|$)/.test(h)
      ? 'ОГЭ'
      : /(^|[^а-я])егэ([^а-я]|$)/.test(h)
        ? 'ЕГЭ'
        : null;
  const cleaned = h
    .replace(/индивидуальные результаты|протокол[а-я]*|результаты участников|форма|ф1/g, ' ')
    .replace(/\.(xlsx|xlsm|csv)$/, ' ')
    .replace(/[_+]/g, ' ');
  const r = readProcedureHeader(cleaned, exam ?? defaultExam);
  const yearMatch = /(?:^|\D)((?:19|20)\d\d)(?!\d)/.exec(h);
  const grade = /(?:^|\D)(\d{1,2})\s*-?\s*(?:й\s*)?(?:класс|кл(?![а-я]))/.exec(h);
  return {
    exam: r.procedure?.exam ?? exam,
    subject: r.procedure ? `${r.procedure.subject}${r.procedure.level ? ` ${r.procedure.level}` : ''}` : null,
    grade: r.procedure?.grade ?? (grade ? Number(grade[1]) : null),
    year: r.year ?? (yearMatch && exam ? Number(yearMatch[1]) : null),
  };
}

/** Whether a sheet is a Ф1 file: its header, or its title. Cheap: the first 40 rows. */
export function isPupilSheet(grid: Grid): boolean {
  return findHeader(grid.values) !== null;
}

/**
 * Reads a sheet as «Индивидуальные результаты», or returns null when it is not one. A sheet that is one
 * but whose procedure or year cannot be told comes back as a string saying why. Bad cells are problems
 * naming sheet, row and column; nothing throws.
 */
export function parsePupilSheet(grid: Grid, file = ''): PupilSheet | string | null {
  const { values, sheet } = grid;
  const header = findHeader(values);
  if (!header) return null;
  const where = `лист «${sheet}»${file && file !== sheet ? ` файла «${file}»` : ''}`;

  // Title rows: procedure, subject, maximum, date; the difficulty row.
  const titles: string[] = [];
  let subjectLine: string | null = null;
  let maxScore: number | null = null;
  let date: string | null = null;
  let dateYear: number | null = null;
  for (let r = 0; r < header.row; r++) {
    const row = values[r] ?? [];
    const cells = row.map(text).map((t) => t.trim());
    const lead = cells.findIndex((t) => t !== '');
    if (lead < 0) continue;
    const first = normalizeHeader(cells[lead]);
    const next = cells.slice(lead + 1).find((t) => t !== '') ?? '';
    if (/уровень сложности/.test(first)) {
      for (const t of header.tasks) {
        const l = normalizeHeader(row[t.col]).toUpperCase();
        if (l === 'Б' || l === 'П' || l === 'В') t.level = l;
      }
      continue;
    }
    if (/^(учебный )?предмет:?$/.test(first)) subjectLine = next;
    else if (/максимальный.*балл/.test(first)) {
      const n = parseNumberCell(next === '' ? (/\d+/.exec(first)?.[0] ?? '') : next);
      if (n.kind === 'number') maxScore = n.value;
    } else if (/^дата/.test(first)) {
      date = next || first.replace(/^дата:?\s*/, '') || null;
      const y = /((?:19|20)\d\d)/.exec(date ?? '');
      if (y) dateYear = Number(y[1]);
    } else titles.push(cells.filter((t) => t !== '').join(' '));
  }
  const fromTitle = said(titles.join(' ; '), undefined);
  if (subjectLine && fromTitle.subject === null) {
    const s = said(`${fromTitle.exam ?? 'ВПР'} ${subjectLine} ${fromTitle.grade ?? ''}`, 'ВПР');
    fromTitle.subject = s.subject;
  }
  fromTitle.year ??= dateYear;
  const sources: Array<{ from: string } & Said> = [{ from: 'заголовок', ...fromTitle }];
  if (file) sources.push({ from: 'имя файла', ...said(file.replace(/^.*[\\/]/, ''), 'ВПР') });
  sources.push({ from: 'имя листа', ...said(sheet, 'ВПР') });
  const from = new Set<string>();
  const pick = <K extends keyof Said>(k: K): Said[K] | null => {
    for (const s of sources)
      if (s[k] !== null) {
        from.add(s.from);
        return s[k];
      }
    return null;
  };
  const exam = pick('exam') ?? 'ВПР';
  const subject = pick('subject');
  const grade = pick('grade');
  const year = pick('year');
  if (subject === null)
    return `${where}: индивидуальные результаты без предмета — ни в заголовке («Предмет: …»), ни в имени файла или листа`;
  const reading = readProcedureHeader(`${exam} ${subject} ${exam === 'ВПР' ? (grade ?? '') : ''}`);
  if (!reading.procedure) return `${where}: процедура индивидуальных результатов не распознана (${exam} ${subject}): ${reading.problem}`;
  if (year === null) return `${where}: у индивидуальных результатов не указан год — ни в заголовке, ни в имени файла или листа`;

  const problems: Problem[] = [];
  const add = (severity: Severity, row: number, col: number | null, value: CellValue, message: string) =>
    problems.push({ severity, sheet, row: row + 1, column: col === null ? null : columnLetter(col), value: text(value), message });
  const { tasks, cols } = header;
  const missing: string[] = [];
  if (tasks.some((t) => t.max === null))
    missing.push(
      tasks.every((t) => t.max === null)
        ? 'максимальные баллы заданий'
        : `максимальные баллы заданий ${tasks
            .filter((t) => t.max === null)
            .map((t) => t.number)
            .join(', ')}`,
    );
  if (tasks.every((t) => t.level === null)) missing.push('уровни сложности заданий');
  if (cols.mark === undefined) missing.push('отметки');
  if (cols.journal === undefined) missing.push('отметки по журналу');
  if (maxScore === null) missing.push('максимальный первичный балл');
  const taskMax = tasks.reduce((s, t) => s + (t.max ?? 0), 0);
  if (maxScore !== null && tasks.every((t) => t.max !== null) && taskMax !== maxScore)
    add(
      'предупреждение',
      header.row,
      null,
      '',
      `Сумма максимальных баллов заданий (${taskMax}) не равна максимальному первичному баллу (${maxScore}).`,
    );
  for (const t of tasks)
    if (t.max !== null && t.max > 127) add('ошибка', header.row, t.col, t.label, 'Слишком большой максимальный балл задания.');

  const capacity = Math.max(0, values.length - header.row - 1);
  const n = tasks.length;
  const out: PupilSheet = {
    file,
    sheet,
    procedure: reading.procedure.label,
    year,
    from: [...from],
    maxScore,
    date,
    tasks,
    missing,
    schools: [],
    pupils: 0,
    school: new Uint32Array(capacity),
    code: [],
    classLabel: [],
    variant: [],
    scores: new Int8Array(capacity * n),
    primary: new Float32Array(capacity),
    mark: new Int8Array(capacity),
    journal: new Int8Array(capacity),
    row: new Uint32Array(capacity),
    problems,
  };
  const byKey = new Map<string, number>();
  let current = -1;
  const schoolOf = (login: string | null, name: string, territory: string, r: number, declared: number | null): number => {
    const key = login ?? `name:${normalizeHeader(name)}`;
    const known = byKey.get(key);
    if (known !== undefined) {
      const s = out.schools[known] as PupilSchool;
      if (declared !== null) s.declared = declared;
      if (!s.territory && territory) s.territory = territory;
      return known;
    }
    out.schools.push({ key, login, name, territory, row: r + 1, declared });
    byKey.set(key, out.schools.length - 1);
    return out.schools.length - 1;
  };
  const nameOf = (raw: string, login: string | null) => {
    const t = raw.replace(/\s+/g, ' ').trim();
    const stripped = login ? t.replace(new RegExp(`\\s*\\(?\\s*${login}\\s*\\)?\\s*`, 'i'), ' ').trim() : t;
    return stripped || login || t;
  };
  const codeCol = cols.code as number;
  let lastCells: [string, string] = ['', ''];
  let lastSchool = -1;
  for (let r = header.row + 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const codeRaw = text(row[codeCol]).trim();
    const scored =
      codeRaw === '' &&
      (tasks.some((t) => text(row[t.col]).trim() !== '') || (cols.mark !== undefined && text(row[cols.mark]).trim() !== ''));
    if (scored) add('предупреждение', r, codeCol, '', 'У участника нет кода участника; строка учитывается.');
    else if (codeRaw === '') {
      // A school's line: «Name(edu…) | Кол-во участников: N», in one cell or two.
      const line = row
        .map(text)
        .filter((t) => t.trim() !== '')
        .join(' | ');
      if (line === '') continue;
      const login = LOGIN.exec(line);
      const count = /кол-?во участников:?\s*(\d+)/i.exec(line);
      if (login || count) {
        const l = login ? cleanLogin(login[1] as string) : null;
        const name = nameOf(line.split('|')[0]?.replace(/кол-?во участников:?\s*\d+/i, '') ?? '', l);
        current = schoolOf(l, name, '', r, count ? Number(count[1]) : null);
        continue;
      }
      if (row.some((v, c) => c !== codeCol && text(v).trim() !== ''))
        add('предупреждение', r, codeCol, '', 'Строка без кода участника и без названия ОО; не учитывается.');
      continue;
    }
    // A pupil.
    const loginCell = cols.login !== undefined ? text(row[cols.login]).trim() : '';
    const nameCell = cols.name !== undefined ? text(row[cols.name]).trim() : '';
    let s = current;
    // Pupils of one school follow each other: the school is looked up once per run of equal cells.
    if (loginCell === lastCells[0] && nameCell === lastCells[1] && lastSchool >= 0) s = lastSchool;
    else if (loginCell !== '' || nameCell !== '') {
      const loginMatch = LOGIN.exec(loginCell) ?? LOGIN.exec(nameCell);
      if (loginMatch || nameCell) {
        const l = loginMatch ? cleanLogin(loginMatch[1] as string) : null;
        const territory = cols.territory !== undefined ? text(row[cols.territory]).trim() : '';
        s = schoolOf(l, nameOf(nameCell || loginCell, l), territory, r, null);
        lastCells = [loginCell, nameCell];
        lastSchool = s;
      }
    }
    if (s < 0) {
      add('ошибка', r, cols.login ?? codeCol, loginCell, 'Участник без ОО: нет ни логина, ни строки школы выше; строка не учитывается.');
      continue;
    }
    current = s;
    const i = out.pupils;
    let filled = 0;
    let sum = 0;
    for (let t = 0; t < n; t++) {
      const task = tasks[t] as Task;
      const raw = row[task.col];
      let v = NO_SCORE;
      const p = parseNumberCell(raw);
      if (p.kind === 'number') {
        if (!Number.isInteger(p.value) || p.value < 0)
          add('ошибка', r, task.col, raw, `Балл за задание ${task.number} должен быть целым и не меньше 0; ячейка не учитывается.`);
        else if (task.max !== null && p.value > task.max)
          add('ошибка', r, task.col, raw, `Балл ${p.value} больше максимума задания ${task.number} (${task.max}); ячейка не учитывается.`);
        else if (p.value > 127) add('ошибка', r, task.col, raw, `Балл за задание ${task.number} слишком велик; ячейка не учитывается.`);
        else {
          v = p.value;
          sum += v;
          filled++;
        }
      } else if (p.kind === 'notHeld' && /^[xх]$/i.test(text(raw).trim())) {
        v = NOT_DONE;
        filled++;
      } else if (p.kind !== 'blank')
        add('ошибка', r, task.col, raw, `Балл за задание ${task.number} не число и не «X»; ячейка не учитывается.`);
      out.scores[i * n + t] = v;
    }
    const markOf = (col: number | undefined, what: string, strict: boolean): number => {
      if (col === undefined) return 0;
      const raw = row[col];
      const p = parseNumberCell(raw);
      if (p.kind === 'blank' || (!strict && p.kind !== 'number')) return 0;
      if (p.kind === 'number' && Number.isInteger(p.value) && p.value >= 2 && p.value <= 5) return p.value;
      add('ошибка', r, col, raw, `${what} должна быть от 2 до 5; не учитывается.`);
      return 0;
    };
    const mark = markOf(cols.mark, 'Отметка', true);
    const journal = markOf(cols.journal, 'Отметка по журналу', false);
    let primary = Number.NaN;
    if (cols.primary !== undefined) {
      const raw = row[cols.primary];
      const p = parseNumberCell(raw);
      if (p.kind === 'number' && p.value >= 0 && (maxScore === null || p.value <= maxScore)) primary = p.value;
      else if (p.kind !== 'blank')
        add(
          'ошибка',
          r,
          cols.primary,
          raw,
          maxScore !== null && p.kind === 'number' && p.value > maxScore
            ? `Первичный балл больше максимального (${maxScore}); не учитывается.`
            : 'Первичный балл не число от 0; не учитывается.',
        );
      if (!Number.isNaN(primary) && filled === n && primary !== sum)
        add('предупреждение', r, cols.primary, raw, `Первичный балл ${primary} не равен сумме баллов за задания (${sum}).`);
    }
    if (filled === 0 && mark === 0 && Number.isNaN(primary)) {
      add('сведения', r, codeCol, codeRaw, 'Участник без баллов и без отметки (не писал работу); не учитывается.');
      continue;
    }
    out.school[i] = s;
    out.code.push(codeRaw);
    out.classLabel.push(cols.class !== undefined ? text(row[cols.class]).trim() : '');
    out.variant.push(cols.variant !== undefined ? text(row[cols.variant]).trim() : '');
    out.primary[i] = primary;
    out.mark[i] = mark;
    out.journal[i] = journal;
    out.row[i] = r + 1;
    out.pupils++;
  }
  // Trim the columns to the pupils read.
  out.school = out.school.slice(0, out.pupils);
  out.scores = out.scores.slice(0, out.pupils * n);
  out.primary = out.primary.slice(0, out.pupils);
  out.mark = out.mark.slice(0, out.pupils);
  out.journal = out.journal.slice(0, out.pupils);
  out.row = out.row.slice(0, out.pupils);
  // A school's line that promises more or fewer pupils than follow it.
  const counted = new Array<number>(out.schools.length).fill(0);
  for (let i = 0; i < out.pupils; i++) counted[out.school[i] as number] = (counted[out.school[i] as number] ?? 0) + 1;
  out.schools.forEach((s, k) => {
    if (s.declared !== null && s.declared !== counted[k])
      add(
        'предупреждение',
        s.row - 1,
        0,
        s.name,
        `В строке школы «Кол-во участников: ${s.declared}», а строк участников с результатами — ${counted[k]}.`,
      );
  });
  return out;
}

/** Per task of one school: points earned and the pupils who have a score for it (X counts, empty does not). */
export interface TaskSummary {
  number: string;
  label: string;
  max: number | null;
  level: TaskLevel | null;
  points: number;
  pupils: number;
}

/** One school, procedure and year from its pupils: what the aggregated reports say, and more. */
export interface PupilSummary {
  key: string;
  login: string | null;
  name: string;
  territory: string;
  procedure: string;
  year: number;
  file: string;
  sheet: string;
  /** 1-based row of the school's line. */
  row: number;
  /** Pupils with a mark 2–5. */
  participants: number;
  /** Pupils with «2», «3», «4», «5». */
  marks: [number, number, number, number];
  /**
   * Pupils with both marks, and how the ВПР mark compares with the journal's; `far`: of them, whose marks
   * differ by 2 or more (null when read from a «Результаты участников» tab written before it was counted).
   */
  journal: { compared: number; lowered: number; confirmed: number; raised: number; far: number | null };
  tasks: TaskSummary[];
  /** Pupils by primary score: histogram[score] (whole scores; a fractional score counts at its floor). */
  histogram: number[];
  /** The lowest primary score that got «2», «3», «4», «5» among these pupils (null where none did). */
  lowest: [number | null, number | null, number | null, number | null];
  maxScore: number | null;
}

/** Completion of a task in percent: points ÷ (max × pupils); null when the maximum or the pupils are unknown. */
export function completion(t: Pick<TaskSummary, 'points' | 'pupils' | 'max'>): number | null {
  return t.max === null || t.max === 0 || t.pupils === 0 ? null : (100 * t.points) / (t.max * t.pupils);
}

/** One summary per school of the sheet, in the order of the file. */
export function summarise(s: PupilSheet): PupilSummary[] {
  const n = s.tasks.length;
  const out: PupilSummary[] = s.schools.map((sc) => ({
    key: sc.key,
    login: sc.login,
    name: sc.name,
    territory: sc.territory,
    procedure: s.procedure,
    year: s.year,
    file: s.file,
    sheet: s.sheet,
    row: sc.row,
    participants: 0,
    marks: [0, 0, 0, 0],
    journal: { compared: 0, lowered: 0, confirmed: 0, raised: 0, far: 0 },
    tasks: s.tasks.map((t) => ({ number: t.number, label: t.label, max: t.max, level: t.level, points: 0, pupils: 0 })),
    histogram: new Array<number>(s.maxScore !== null ? Math.floor(s.maxScore) + 1 : 0).fill(0),
    lowest: [null, null, null, null],
    maxScore: s.maxScore,
  }));
  for (let i = 0; i < s.pupils; i++) {
    const sum = out[s.school[i] as number] as PupilSummary;
    const mark = s.mark[i] as number;
    const primary = s.primary[i] as number;
    if (mark >= 2) {
      sum.participants++;
      sum.marks[mark - 2] = (sum.marks[mark - 2] ?? 0) + 1;
      const j = s.journal[i] as number;
      if (j >= 2) {
        sum.journal.compared++;
        if (mark < j) sum.journal.lowered++;
        else if (mark === j) sum.journal.confirmed++;
        else sum.journal.raised++;
        if (Math.abs(mark - j) >= 2) sum.journal.far = (sum.journal.far ?? 0) + 1;
      }
      if (!Number.isNaN(primary)) {
        const low = sum.lowest[mark - 2] ?? null;
        if (low === null || primary < low) sum.lowest[mark - 2] = primary;
      }
    }
    if (!Number.isNaN(primary)) {
      const k = Math.floor(primary);
      while (sum.histogram.length <= k) sum.histogram.push(0);
      sum.histogram[k] = (sum.histogram[k] ?? 0) + 1;
    }
    for (let t = 0; t < n; t++) {
      const v = s.scores[i * n + t] as number;
      if (v === NO_SCORE) continue;
      const ts = sum.tasks[t] as TaskSummary;
      ts.pupils++;
      if (v > 0) ts.points += v;
    }
  }
  return out;
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((10000 * part) / whole) / 100);

/** %«2» and %«5» as ФИС ОКО rounds them (two decimals), and the journal shares. */
export function summaryShares(s: PupilSummary) {
  return {
    fail: share(s.marks[0], s.participants),
    high: share(s.marks[3], s.participants),
    marks: s.marks.map((m) => share(m, s.participants)) as Array<number | null>,
    lowered: share(s.journal.lowered, s.journal.compared),
    confirmed: share(s.journal.confirmed, s.journal.compared),
    raised: share(s.journal.raised, s.journal.compared),
  };
}

/**
 * The summaries as the aggregated reports give them: a long-layout result table (one result per school) and
 * the comparison with the journal — what the verdicts are computed from.
 */
export function summaryResults(
  sheet: PupilSheet,
  summaries: readonly PupilSummary[],
): { table: ResultTable; comparison: JournalComparison[] } {
  const schools: School[] = [];
  const comparison: JournalComparison[] = [];
  for (const s of summaries) {
    const sh = summaryShares(s);
    schools.push({
      key: s.key,
      login: s.login,
      name: s.name,
      territory: s.territory,
      row: s.row - 1,
      results: [
        {
          procedure: s.procedure,
          year: s.year,
          fail: sh.fail,
          high: sh.high,
          state: sh.fail === null ? 'blank' : 'held',
          participants: s.participants,
          ...(sh.fail === null ? {} : { marks: sh.marks as [number, number, number, number] }),
          row: s.row - 1,
          col: 0,
        },
      ],
    });
    if (s.journal.compared > 0)
      comparison.push({
        key: s.key,
        login: s.login,
        name: s.name,
        procedure: s.procedure,
        year: s.year,
        lowered: sh.lowered,
        confirmed: sh.confirmed,
        raised: sh.raised,
        row: s.row,
      });
  }
  const table: ResultTable = {
    sheet: sheet.sheet,
    layout: 'long',
    firstDataRow: 0,
    schools,
    guesses: [],
    years: [sheet.year],
    procedures: [sheet.procedure],
    problems: sheet.problems,
  };
  return { table, comparison };
}
