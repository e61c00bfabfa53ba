/**
 * ФИС ОКО's own reports as a methodologist downloads them, one procedure per file (DOMAIN.md «Input»):
 * - «Статистика по отметкам»: title rows (procedure and class, date, «Предмет: …», the report's name), a
 *   header of one or two rows («Группы участников» or «ОО», «Кол-во ОО», «Кол-во участников», the marks 2–5
 *   in percent, often under a merged «Распределение групп баллов в %»), then hierarchical rows: «Вся
 *   выборка», the region, the municipality and the schools, each «(sch420220) МБОУ «СОШ № 12»», often
 *   indented;
 * - «Сравнение отметок с отметками по журналу»: the same title and groups, each followed by rows
 *   «Понизили …», «Подтвердили …», «Повысили …», «Всего» with «Кол-во участников» and «%».
 * The procedure, class, subject and year come from the title rows; the file name and the sheet name fill
 * what the title does not say. Aggregate rows are not schools: they are skipped and reported as «сведения»,
 * the municipality's own line is kept as the district's average.
 */
import type { JournalComparison } from './objectivity';
import { readProcedureHeader } from './procedure';
import type { Grid, Problem, ResultTable, School, Severity } from './results';
import { type CellValue, columnLetter, formatNumber, normalizeHeader, parseNumberCell } from './text';

export type ReportKind = 'marks' | 'journal';

/** An aggregate row of a report: «Вся выборка», the region, the municipality. */
export interface Aggregate {
  name: string;
  /** 1-based sheet row. */
  row: number;
  participants: number | null;
  /** Marks report: %«2» and %«5»; journal report: «Повысили», %. */
  fail: number | null;
  high: number | null;
}

interface ReportBase {
  sheet: string;
  procedure: string;
  year: number;
  /** Where the procedure and year were read: «заголовок», «имя файла», «имя листа». */
  from: string[];
  aggregates: Aggregate[];
  /** The aggregate row just above the schools: the municipality, for the справка's «по району». */
  district: Aggregate | null;
  problems: Problem[];
}

export interface MarksReport extends ReportBase {
  kind: 'marks';
  /** One result per school, in the records of the long layout. */
  table: ResultTable;
}

export interface JournalReport extends ReportBase {
  kind: 'journal';
  rows: JournalComparison[];
}

export type FisOkoReport = MarksReport | JournalReport;

const text = (v: CellValue) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const SCHOOL_RE = /^\(?\s*(sch\d{3,})\s*\)?\s*[-–—:.,]?\s*(.*)$/i;
const GROUP_HEADER = /^(группы участников|группа участников|оо|образовательная организация|наименование|название|участники)$/;
const MARKS = ['2', '3', '4', '5'] as const;
type Category = 'lowered' | 'confirmed' | 'raised' | 'total';

function category(raw: string): Category | null {
  const h = normalizeHeader(raw);
  if (h.startsWith('понизил')) return 'lowered';
  if (h.startsWith('подтвердил')) return 'confirmed';
  if (h.startsWith('повысил')) return 'raised';
  if (/^(всего|итого)$/.test(h)) return 'total';
  return null;
}

interface Header {
  /** 0-based rows of the header (one or two) and the first data row. */
  top: number;
  firstDataRow: number;
  group: number;
  participants: number | null;
  marks: Partial<Record<(typeof MARKS)[number], number>>;
  /** Journal report: the share column «%». */
  percent: number | null;
  kind: ReportKind;
}

/** The header of a report among the first 40 rows, or null when the sheet is not such a report. */
function findHeader(values: CellValue[][]): Header | null {
  const limit = Math.min(values.length, 40);
  for (let r = 0; r < limit; r++) {
    const row = values[r] ?? [];
    const norm = row.map((v) => normalizeHeader(v));
    const group = norm.findIndex((h) => GROUP_HEADER.test(h));
    if (group < 0) continue;
    // A login or year column makes it one of the long layouts, not a report.
    if (norm.some((h) => /логин|^год$|^предмет$/.test(h))) return null;
    const header: Header = { top: r, firstDataRow: r + 1, group, participants: null, marks: {}, percent: null, kind: 'marks' };
    const next = (values[r + 1] ?? []).map((v) => normalizeHeader(v));
    for (const [i, cells] of [norm, next].entries()) {
      cells.forEach((h, c) => {
        const mark = MARKS.find((m) => h === m || h === `«${m}»` || h === `${m}.0`);
        if (mark && header.marks[mark] === undefined) {
          header.marks[mark] = c;
          if (i === 1) header.firstDataRow = r + 2;
        } else if (/^(кол-?во|количество|число) ?(уч|участник)/.test(h) && header.participants === null) header.participants = c;
        else if ((h === '%' || h === 'доля' || h === '% участников') && header.percent === null) {
          header.percent = c;
          if (i === 1) header.firstDataRow = r + 2;
        }
      });
    }
    if (header.marks['2'] !== undefined) return header;
    if (header.percent !== null) {
      header.kind = 'journal';
      return header;
    }
  }
  return null;
}

/** What the title rows, the file name or the sheet name say about the procedure. */
interface Said {
  exam: string | null;
  subject: string | null;
  grade: number | null;
  year: number | null;
  kind: ReportKind | null;
}

function fromTitle(lines: string[]): Said {
  const said: Said = { exam: null, subject: null, grade: null, year: null, kind: null };
  let dateYear: number | null = null;
  for (const line of lines) {
    const h = normalizeHeader(line);
    if (/сравнение отметок|отметками по журналу/.test(h)) said.kind ??= 'journal';
    else if (/статистика по отметкам/.test(h)) said.kind ??= 'marks';
    let exam: string | null = null;
    if (/всероссийск[а-я]* проверочн|(^|[^а-я])впр([^а-я]|$)/.test(h)) exam = 'ВПР';
    else if (/основн[а-я]* государственн|(^|[^а-я])огэ([^а-я]|$)/.test(h)) exam = 'ОГЭ';
    else if (/един[а-я]* государственн|(^|[^а-я])егэ([^а-я]|$)/.test(h)) exam = 'ЕГЭ';
    if (exam) {
      said.exam ??= exam;
      const y = /(?:^|\D)((?:19|20)\d\d)(?!\d)/.exec(h);
      if (y) said.year ??= Number(y[1]);
    }
    const grade = /(?:^|\D)(\d{1,2})\s*-?\s*(?:й\s*)?(?:класс|кл(?![а-я]))|класс\w*\s*:?\s*(\d{1,2})(?!\d)/.exec(h);
    if (grade) {
      const g = Number(grade[1] ?? grade[2]);
      if (g >= 2 && g <= 11) said.grade ??= g;
    }
    const subject = /^(?:предмет|учебный предмет)\s*:?\s*(.+)$/.exec(h);
    if (subject) said.subject ??= (subject[1] as string).trim();
    const date = /(?:^|\D)\d{1,2}\.\d{1,2}\.((?:19|20)\d\d)(?!\d)/.exec(h);
    if (date && /дата/.test(h)) dateYear ??= Number(date[1]);
  }
  said.year ??= dateYear;
  return said;
}

/** A file or sheet name: «ВПР МА 5 2025 Статистика по отметкам.xlsx», «5 класс Математика 2025». */
function fromName(name: string): Said {
  const base = name.replace(/\.(xlsx|xlsm|csv|txt)$/i, '').replace(/[_+]/g, ' ');
  const said = fromTitle([base]);
  const reading = readProcedureHeader(base.replace(/статистика по отметкам|сравнение отметок с отметками по журналу/gi, ' '), 'ВПР');
  if (reading.procedure) {
    said.subject ??= reading.procedure.subject + (reading.procedure.level ? ` ${reading.procedure.level}` : '');
    said.grade ??= reading.procedure.grade;
  }
  const y = /(?:^|\D)((?:19|20)\d\d)(?!\d)/.exec(base);
  if (y) said.year ??= Number(y[1]);
  return said;
}

/**
 * Reads a sheet as a ФИС ОКО report, or returns null when it is not one (no report header, or no school
 * written as «(sch…) …»). `file` is the name of the file the sheet came from, when there is one.
 * Throws nothing: what cannot be read is in `problems`; a report whose procedure or year cannot be told
 * comes back as a string saying why.
 */
export function parseFisOkoReport(grid: Grid, file?: string): FisOkoReport | string | null {
  const { values, sheet } = grid;
  const header = findHeader(values);
  if (!header) return null;
  const last = Math.min(...[header.participants, header.percent, ...Object.values(header.marks)].filter((c): c is number => c !== null));
  const nameOf = (row: CellValue[]) => {
    for (let c = 0; c < Math.max(last, header.group + 1); c++) {
      const t = text(row[c]).replace(/\s+/g, ' ').trim();
      if (t !== '' && parseNumberCell(t).kind !== 'number') return { name: t, col: c };
    }
    return null;
  };
  let schools = 0;
  for (let r = header.firstDataRow; r < values.length && schools === 0; r++) {
    const n = nameOf(values[r] ?? []);
    if (n && SCHOOL_RE.test(n.name)) schools++;
  }
  if (schools === 0) return null;

  const titles: string[] = [];
  for (let r = 0; r < header.top; r++) {
    const line = (values[r] ?? []).map(text).filter((t) => t.trim() !== '');
    if (line.length > 0) titles.push(line.join(' '));
  }
  const said = [
    { from: 'заголовок', ...fromTitle(titles) },
    ...(file ? [{ from: 'имя файла', ...fromName(file) }] : []),
    { from: 'имя листа', ...fromName(sheet) },
  ];
  const from = new Set<string>();
  const pick = <K extends keyof Said>(k: K): Said[K] | null => {
    for (const s of said)
      if (s[k] !== null) {
        if (k !== 'kind') from.add(s.from);
        return s[k];
      }
    return null;
  };
  const kind = pick('kind') ?? header.kind;
  const exam = pick('exam') ?? 'ВПР';
  const subject = pick('subject');
  const grade = pick('grade');
  const year = pick('year');
  const where = `лист «${sheet}»${file && file !== sheet ? ` файла «${file}»` : ''}`;
  if (subject === null) return `${where}: отчёт ФИС ОКО без предмета — ни в заголовке («Предмет: …»), ни в имени файла или листа`;
  const reading = readProcedureHeader(`${exam} ${subject} ${exam === 'ВПР' ? (grade ?? '') : ''}`);
  if (!reading.procedure) return `${where}: процедура отчёта ФИС ОКО не распознана (${exam} ${subject}): ${reading.problem}`;
  if (year === null) return `${where}: у отчёта ФИС ОКО не указан год — ни в заголовке, ни в имени файла или листа`;
  const procedure = reading.procedure.label;

  const problems: Problem[] = [];
  const add = (severity: Severity, row: number, col: number | null, value: string, message: string) =>
    problems.push({ severity, sheet, row: row + 1, column: col === null ? null : columnLetter(col), value, message });
  const share = (r: number, c: number | null | undefined, count = false): number | null => {
    if (c === null || c === undefined) return null;
    const raw = values[r]?.[c];
    const p = parseNumberCell(raw);
    if (p.kind === 'blank' || p.kind === 'notHeld') return null;
    if (p.kind === 'invalid' || p.value < 0 || (!count && p.value > 100) || (count && !Number.isInteger(p.value))) {
      add(
        'ошибка',
        r,
        c,
        text(raw),
        count ? 'Число участников должно быть целым и не меньше 0; ячейка не учитывается.' : 'Не доля 0–100 %; ячейка не учитывается.',
      );
      return null;
    }
    return count ? p.value : Math.round(p.value * 1e6) / 1e6;
  };
  const aggregates: Aggregate[] = [];
  let district: Aggregate | null = null;
  const base = { sheet, procedure, year: year as number, from: [...from], aggregates, problems };
  const aggregateNote = (a: Aggregate, col: number, what: string) =>
    add('сведения', a.row - 1, col, a.name, `Итоговая строка, не школа (${what}); пропущена.`);

  if (kind === 'marks' && header.marks['2'] !== undefined) {
    const list: School[] = [];
    const byKey = new Map<string, School>();
    for (let r = header.firstDataRow; r < values.length; r++) {
      const row = values[r] ?? [];
      const n = nameOf(row);
      if (!n) continue;
      const m = SCHOOL_RE.exec(n.name);
      if (!m) {
        if (!row.some((v, c) => c !== n.col && parseNumberCell(v).kind === 'number')) continue;
        const a: Aggregate = {
          name: n.name,
          row: r + 1,
          participants: share(r, header.participants, true),
          fail: share(r, header.marks['2']),
          high: share(r, header.marks['5']),
        };
        aggregates.push(a);
        if (list.length === 0) district = a;
        const parts = [
          a.participants === null ? '' : `участников ${a.participants}`,
          a.fail === null ? '' : `«2» ${formatNumber(a.fail)} %`,
        ];
        aggregateNote(a, n.col, parts.filter((x) => x !== '').join(', ') || 'без чисел');
        continue;
      }
      const login = (m[1] as string).toLowerCase();
      const name = (m[2] as string).trim() || login;
      const earlier = byKey.get(login);
      if (earlier) {
        add('ошибка', r, n.col, n.name, `ОО уже есть в строке ${earlier.row + 1}; строка не учитывается.`);
        continue;
      }
      const failCol = header.marks['2'] as number;
      const failRaw = parseNumberCell(row[failCol]);
      const fail = share(r, failCol);
      const school: School = {
        key: login,
        login,
        name,
        territory: district?.name ?? '',
        row: r,
        results: [
          {
            procedure,
            year: year as number,
            fail,
            state: fail !== null ? 'held' : failRaw.kind === 'notHeld' ? 'notHeld' : 'blank',
            high: share(r, header.marks['5']),
            participants: share(r, header.participants, true),
            row: r,
            col: failCol,
          },
        ],
      };
      byKey.set(login, school);
      list.push(school);
    }
    const table: ResultTable = {
      sheet,
      layout: 'long',
      firstDataRow: header.firstDataRow,
      schools: list,
      guesses: [],
      years: [year as number],
      procedures: [procedure],
      problems,
    };
    return { kind: 'marks', ...base, district, table };
  }

  // The journal report: a group's row, then its categories (or the category beside the group's name).
  const rows: JournalComparison[] = [];
  let current: { login: string | null; name: string; row: number; col: number; seen: boolean } | null = null;
  const entries = new Map<string, JournalComparison>();
  let agg: Aggregate | null = null;
  const aggCols = new Map<Aggregate, number>();
  let schoolsSeen = false;
  for (let r = header.firstDataRow; r < values.length; r++) {
    const row = values[r] ?? [];
    const cells = row.map((v) => text(v).replace(/\s+/g, ' ').trim());
    const catCol = cells.findIndex((t) => t !== '' && category(t) !== null);
    const nameCol = cells.findIndex((t, c) => t !== '' && (catCol < 0 || c < catCol) && parseNumberCell(t).kind !== 'number');
    if (nameCol >= 0) {
      const name = cells[nameCol] as string;
      const m = SCHOOL_RE.exec(name);
      if (m) {
        schoolsSeen = true;
        const login = (m[1] as string).toLowerCase();
        if (entries.has(login)) {
          add('ошибка', r, nameCol, name, 'ОО уже есть выше; строки не учитываются.');
          current = null;
        } else current = { login, name: (m[2] as string).trim() || login, row: r, col: nameCol, seen: false };
        agg = null;
      } else {
        current = null;
        agg = { name, row: r + 1, participants: null, fail: null, high: null };
        aggregates.push(agg);
        aggCols.set(agg, nameCol);
        if (!schoolsSeen) district = agg;
      }
    }
    if (catCol < 0) continue;
    const cat = category(cells[catCol] as string) as Category;
    const value = share(r, header.percent);
    if (agg) {
      if (cat === 'raised') agg.fail = value;
      if (cat === 'total') agg.participants = share(r, header.participants, true);
      continue;
    }
    if (!current) continue;
    const login = current.login as string;
    let entry = entries.get(login);
    if (!entry) {
      entry = {
        key: login,
        login,
        name: current.name,
        procedure,
        year: year as number,
        lowered: null,
        confirmed: null,
        raised: null,
        row: current.row + 1,
      };
      entries.set(login, entry);
      rows.push(entry);
    }
    if (cat !== 'total') entry[cat] = value;
  }
  for (const a of aggregates)
    aggregateNote(
      a,
      aggCols.get(a) ?? 0,
      a.fail === null
        ? 'без чисел'
        : `«Повысили» ${formatNumber(a.fail)} %${a.participants === null ? '' : `, участников ${a.participants}`}`,
    );
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { kind: 'journal', ...base, district, rows };
}

/** Whether a sheet reads as a ФИС ОКО report (for choosing tabs). */
export function isFisOkoReport(grid: Grid, file?: string): boolean {
  const got = parseFisOkoReport(grid, file);
  return got !== null && typeof got !== 'string';
}
