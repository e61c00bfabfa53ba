/**
 * ФИС ОКО's own reports as a methodologist downloads them, one procedure per file (DOMAIN.md «Input», 3a):
 * - «Статистика по отметкам»: title rows (R1 the report's name, R3 «ВПР 2026 Русский язык 4 класс», «Предмет:»
 *   | subject, «Максимальный первичный балл:», «Дата:»), a header of one or two rows («Группы участников» or
 *   «ОО», «Кол-во ОО», «Кол-во участников», the marks 2–5 in percent — numbers or text, sometimes under a
 *   merged «Распределение групп баллов в %»), then hierarchical rows: «Вся выборка», the region, the
 *   municipality («…муниципальный район(reg20_m012)», the code may be missing) and the schools — since 2022
 *   «МБОУ «СОШ №1 г.Урус-Мартан»(edu203389)», before «(sch420220) МБОУ …», often indented;
 * - «Сравнение отметок с отметками по журналу»: the same title rows; in 2024 one flattened header row
 *   («Понизили (Отметка < Отметка по журналу) %», «… Кол-во участников», «Подтвердили (Отметка = Отметке
 *   по журналу) %» or «… = Отметка …», «Повысили …») with one row per group and no «Вся выборка»; before,
 *   each group followed by rows «Понизили …», «Подтвердили …», «Повысили …», «Всего» under «Кол-во
 *   участников» and «%».
 * Headers are found by their words, never by row numbers. The procedure, class, subject and year come from
 * the title rows, then the file name, then the sheet name (cut at 31 characters: «МА 4 Сравнение отметок с
 * отметк»). Aggregate rows are not schools: they are kept with their level («по России», «по региону», «по
 * району») for the справка and reported as «сведения»; the municipality's row is the district's average.
 */
import type { JournalComparison } from './objectivity';
import { loginKey } from './login';
import { readProcedureHeader } from './procedure';
import type { Grid, Problem, ResultTable, School, Severity } from './results';
import { type CellValue, columnLetter, formatNumber, normalizeHeader, parseNumberCell } from './text';

export type ReportKind = 'marks' | 'journal';

/** The comparison level an aggregate row stands for: «Вся выборка», the region, the municipality. */
export type Level = 'Россия' | 'регион' | 'район';
/** How the справка names a level: «по России», «по региону», «по району». */
export const LEVEL_LABEL: Record<Level, string> = { Россия: 'по России', регион: 'по региону', район: 'по району' };

/** An aggregate row of a report: «Вся выборка», the region, the municipality. */
export interface Aggregate {
  /** As written, without the municipality's code: «Урус-Мартановский муниципальный район». */
  name: string;
  /** The municipality's code in ФИС ОКО («reg20_m012»), when the row carries one. */
  code: string | null;
  level: Level | null;
  /** 1-based sheet row. */
  row: number;
  /** «Кол-во ОО», when the report has it. */
  schools: number | null;
  participants: number | null;
  /** Marks report: %«2» and %«5»; journal report: «Повысили», %. */
  fail: number | null;
  high: number | null;
  /** Marks report: %«2», «3», «4», «5». */
  marks: [number | null, number | null, number | null, number | null] | null;
  /** Journal report: «Понизили», «Подтвердили», «Повысили», %. */
  journal: { lowered: number | null; confirmed: number | null; raised: number | null } | null;
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
/** «(sch420220) МБОУ …» (the older layout) or «МБОУ …(edu203389)» (since 2022): the login and the name. */
const LOGIN_FIRST = /^\(?\s*((?:sch|edu|ksh)\d{3,})\s*\)?\s*[-–—:.,]?\s*(.*)$/i;
const LOGIN_LAST = /^(.*?)\s*\(\s*((?:sch|edu|ksh)\d{3,})\s*\)\s*$/i;
/** The municipality's code after its name: «Урус-Мартановский муниципальный район(reg20_m012)». */
const MUNICIPALITY_CODE = /^(.*?)\s*\(\s*(reg\d+_m\d+)\s*\)\s*$/i;
const GROUP_HEADER = /^(группы участников|группа участников|оо|образовательная организация|наименование|название|участники)$/;
const MARKS = ['2', '3', '4', '5'] as const;
type Category = 'lowered' | 'confirmed' | 'raised' | 'total';
type Share = Exclude<Category, 'total'>;

/** The school a group's name is, or null for an aggregate row. */
export function schoolOf(name: string): { login: string; name: string } | null {
  const last = LOGIN_LAST.exec(name);
  if (last) return { login: (last[2] as string).toLowerCase(), name: (last[1] as string).trim() };
  const first = LOGIN_FIRST.exec(name);
  if (first) return { login: (first[1] as string).toLowerCase(), name: (first[2] as string).trim() };
  return null;
}

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
  /** «Кол-во ОО». */
  schools: number | null;
  marks: Partial<Record<(typeof MARKS)[number], number>>;
  /** Journal report, one row per category: the share column «%». */
  percent: number | null;
  /** Journal report, one row per group (2024): «Понизили (Отметка < Отметка по журналу) %» and the others. */
  shares: Partial<Record<Share, number>>;
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
    const header: Header = {
      top: r,
      firstDataRow: r + 1,
      group,
      participants: null,
      schools: null,
      marks: {},
      percent: null,
      shares: {},
      kind: 'marks',
    };
    const next = (values[r + 1] ?? []).map((v) => normalizeHeader(v));
    for (const [i, cells] of [norm, next].entries()) {
      cells.forEach((h, c) => {
        const mark = MARKS.find((m) => h === m || h === `«${m}»` || h === `${m}.0`);
        const cat = category(h);
        if (mark && header.marks[mark] === undefined) {
          header.marks[mark] = c;
          if (i === 1) header.firstDataRow = r + 2;
        } else if (cat && cat !== 'total') {
          // «Понизили (Отметка < Отметка по журналу) %»; its «… Кол-во участников» is not needed.
          if (/%$/.test(h) && header.shares[cat] === undefined) header.shares[cat] = c;
        } else if (/^(кол-?во|количество|число) ?(оо|организаций)/.test(h) && header.schools === null) header.schools = c;
        else if (/^(кол-?во|количество|число) ?(уч|участник)/.test(h) && header.participants === null) header.participants = c;
        else if ((h === '%' || h === 'доля' || h === '% участников') && header.percent === null) {
          header.percent = c;
          if (i === 1) header.firstDataRow = r + 2;
        }
      });
    }
    if (header.marks['2'] !== undefined) return header;
    if (header.shares.raised !== undefined || header.percent !== null) {
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
    if (/сравнение отмет|отметками по журналу/.test(h)) said.kind ??= 'journal';
    else if (/статистика по( |$)/.test(h)) said.kind ??= 'marks';
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
    const subject = /^(?:предмет|учебный предмет)\s*:?\s*([^\s:].*)$/.exec(h);
    if (subject) said.subject ??= (subject[1] as string).trim();
    const date = /(?:^|\D)\d{1,2}\.\d{1,2}\.((?:19|20)\d\d)(?!\d)/.exec(h);
    if (date && /дата/.test(h)) dateYear ??= Number(date[1]);
  }
  said.year ??= dateYear;
  return said;
}

/** A report's name in a file or sheet name, whole or cut (sheet names stop at 31 characters): «Сравнение отметок с отметк». */
const REPORT_NAMES = ['статистика по отметкам', 'сравнение отметок с отметками по журналу', 'индивидуальные результаты'].map((title) => {
  const words = title.split(' ');
  const cut = (w: string) => (w.length <= 1 ? w : `${w[0]}${[...w.slice(1)].reduceRight((rest, ch) => `(?:${ch}${rest})?`, '')}`);
  const tail = words.slice(1).reduceRight((rest, w) => `(?:\\s+${cut(w)}${rest})?`, '');
  return new RegExp(`${words[0]}${tail}`, 'gi');
});

/** A file or sheet name without the report's name, whole or cut. */
function withoutReportName(name: string): string {
  return REPORT_NAMES.reduce((t, re) => t.replace(re, ' '), name);
}

/** A file or sheet name: «ВПР МА 5 2025 Статистика по отметкам.xlsx», «5 класс Математика 2025», «МА 4 Сравнение отметок с отметк». */
function fromName(name: string): Said {
  const base = name.replace(/\.(xlsx|xlsm|csv|txt)$/i, '').replace(/[_+]/g, ' ');
  const said = fromTitle([base]);
  const reading = readProcedureHeader(withoutReportName(base), 'ВПР');
  if (reading.procedure) {
    said.subject ??= reading.procedure.subject + (reading.procedure.level ? ` ${reading.procedure.level}` : '');
    said.grade ??= reading.procedure.grade;
  }
  const y = /(?:^|\D)((?:19|20)\d\d)(?!\d)/.exec(base);
  if (y) said.year ??= Number(y[1]);
  return said;
}

/**
 * The level of each aggregate row: «Вся выборка» is Russia; a row with a municipality code, or the row just
 * above a school, is the municipality; a row whose name says область, край, республика is the region; what
 * is left above the first municipality is the region.
 */
function levelByName(name: string, code: string | null): Level | null {
  const h = normalizeHeader(name);
  if (/^вся выборка/.test(h)) return 'Россия';
  if (code) return 'район';
  if (/(район|округ|муниципальн)/.test(h)) return 'район';
  if (/(област|край|республик|автономн|^г\.? ?(москва|санкт-петербург|севастополь)$|^(москва|санкт-петербург|севастополь)$)/.test(h))
    return 'регион';
  return null;
}

function aggregateOf(name: string, row: number): Aggregate {
  const m = MUNICIPALITY_CODE.exec(name);
  const plain = m ? (m[1] as string).trim() : name;
  const code = m ? (m[2] as string).toLowerCase() : null;
  return {
    name: plain,
    code,
    level: levelByName(plain, code),
    row,
    schools: null,
    participants: null,
    fail: null,
    high: null,
    marks: null,
    journal: null,
  };
}

/** Levels the names did not tell: the region for rows above the first municipality. */
function settleLevels(aggregates: Aggregate[]): void {
  const firstDistrict = aggregates.findIndex((a) => a.level === 'район');
  aggregates.forEach((a, i) => {
    if (a.level === null && (firstDistrict < 0 || i < firstDistrict)) a.level = 'регион';
  });
}

/**
 * Reads a sheet as a ФИС ОКО report, or returns null when it is not one (no report header, or no school
 * written with its login: «(sch…) …» or «… (edu…)»). `file` is the name of the file the sheet came from,
 * when there is one. Throws nothing: what cannot be read is in `problems`; a report whose procedure or
 * year cannot be told comes back as a string saying why.
 */
export function parseFisOkoReport(grid: Grid, file?: string): FisOkoReport | string | null {
  const { values, sheet } = grid;
  const header = findHeader(values);
  if (!header) return null;
  const last = Math.min(
    ...[header.participants, header.percent, header.schools, ...Object.values(header.marks), ...Object.values(header.shares)].filter(
      (c): c is number => c !== null && c !== undefined,
    ),
  );
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
    if (n && schoolOf(n.name)) schools++;
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
  // The header decides between the two reports (a sheet name cut at 31 characters may say either).
  const kind = header.kind;
  const exam = pick('exam') ?? 'ВПР';
  const subject = pick('subject');
  const grade = pick('grade');
  const year = pick('year');
  // A tab gathered in the add-on is named «вкладка «…»»: its sheet is said once.
  const where = `лист «${sheet}»${file && file !== sheet && !file.includes(`«${sheet}»`) ? ` файла «${file}»` : ''}`;
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
  const aggCols = new Map<Aggregate, number>();
  const base = { sheet, procedure, year: year as number, from: [...from], aggregates, problems };
  /** The municipality rows: the last one above a school is its territory. */
  let territory: Aggregate | null = null;
  let lastAggregate: Aggregate | null = null;
  const newAggregate = (name: string, r: number, col: number): Aggregate => {
    const a = aggregateOf(name, r + 1);
    a.schools = share(r, header.schools, true);
    a.participants = share(r, header.participants, true);
    aggregates.push(a);
    aggCols.set(a, col);
    lastAggregate = a;
    if (a.level === 'район') territory = a;
    return a;
  };
  /** A school row: the aggregate just above it is the municipality when nothing else said what it is. */
  const schoolSeen = () => {
    const a = lastAggregate as Aggregate | null;
    if (a && a.level === null) {
      a.level = 'район';
      territory = a;
    }
    lastAggregate = null;
  };
  const finish = () => {
    settleLevels(aggregates);
    for (const a of aggregates) {
      const what =
        kind === 'marks'
          ? [a.participants === null ? '' : `участников ${a.participants}`, a.fail === null ? '' : `«2» ${formatNumber(a.fail)} %`]
          : [a.fail === null ? '' : `«Повысили» ${formatNumber(a.fail)} %`, a.participants === null ? '' : `участников ${a.participants}`];
      const level = a.level ? `${LEVEL_LABEL[a.level]}: ` : '';
      add(
        'сведения',
        a.row - 1,
        aggCols.get(a) ?? 0,
        a.code ? `${a.name}(${a.code})` : a.name,
        `Итоговая строка, не школа (${level}${what.filter((x) => x !== '').join(', ') || 'без чисел'}); пропущена.`,
      );
    }
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  };
  const districtOf = () => aggregates.find((a) => a.level === 'район') ?? null;

  if (kind === 'marks' && header.marks['2'] !== undefined) {
    const list: School[] = [];
    const byKey = new Map<string, School>();
    for (let r = header.firstDataRow; r < values.length; r++) {
      const row = values[r] ?? [];
      const n = nameOf(row);
      if (!n) continue;
      const found = schoolOf(n.name);
      if (!found) {
        if (!row.some((v, c) => c !== n.col && parseNumberCell(v).kind === 'number')) continue;
        const a = newAggregate(n.name, r, n.col);
        a.marks = [share(r, header.marks['2']), share(r, header.marks['3']), share(r, header.marks['4']), share(r, header.marks['5'])];
        a.fail = a.marks[0];
        a.high = a.marks[3];
        continue;
      }
      schoolSeen();
      const login = found.login;
      const key = loginKey(login);
      const name = found.name || login;
      const earlier = byKey.get(key);
      if (earlier) {
        add('ошибка', r, n.col, n.name, `ОО уже есть в строке ${earlier.row + 1}; строка не учитывается.`);
        continue;
      }
      const failCol = header.marks['2'] as number;
      const failRaw = parseNumberCell(row[failCol]);
      const fail = share(r, failCol);
      const school: School = {
        key,
        login,
        name,
        territory: (territory as Aggregate | null)?.name ?? '',
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
      byKey.set(key, school);
      list.push(school);
    }
    finish();
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
    return { kind: 'marks', ...base, district: districtOf(), table };
  }

  const rows: JournalComparison[] = [];
  const entries = new Map<string, JournalComparison>();
  const entryFor = (login: string, name: string, r: number): JournalComparison => {
    const entry: JournalComparison = {
      key: loginKey(login),
      login,
      name: name || login,
      procedure,
      year: year as number,
      lowered: null,
      confirmed: null,
      raised: null,
      row: r + 1,
    };
    entries.set(entry.key, entry);
    rows.push(entry);
    return entry;
  };

  // The journal report of 2024: one row per group, the three shares in columns of their own.
  if (header.shares.raised !== undefined) {
    for (let r = header.firstDataRow; r < values.length; r++) {
      const row = values[r] ?? [];
      const n = nameOf(row);
      if (!n) continue;
      const got = {
        lowered: share(r, header.shares.lowered),
        confirmed: share(r, header.shares.confirmed),
        raised: share(r, header.shares.raised),
      };
      const found = schoolOf(n.name);
      if (!found) {
        if (!row.some((v, c) => c !== n.col && parseNumberCell(v).kind === 'number')) continue;
        const a = newAggregate(n.name, r, n.col);
        a.journal = got;
        a.fail = got.raised;
        continue;
      }
      schoolSeen();
      const earlier = entries.get(loginKey(found.login));
      if (earlier) {
        add('ошибка', r, n.col, n.name, `ОО уже есть в строке ${earlier.row}; строка не учитывается.`);
        continue;
      }
      Object.assign(entryFor(found.login, found.name, r), got);
    }
    finish();
    return { kind: 'journal', ...base, district: districtOf(), rows };
  }

  // The older journal report: a group's row, then its categories (or the category beside the group's name).
  let current: { login: string; name: string; row: number } | null = null;
  let agg: Aggregate | null = null;
  for (let r = header.firstDataRow; r < values.length; r++) {
    const row = values[r] ?? [];
    const cells = row.map((v) => text(v).replace(/\s+/g, ' ').trim());
    const catCol = cells.findIndex((t) => t !== '' && category(t) !== null);
    const nameCol = cells.findIndex((t, c) => t !== '' && (catCol < 0 || c < catCol) && parseNumberCell(t).kind !== 'number');
    if (nameCol >= 0) {
      const name = cells[nameCol] as string;
      const found = schoolOf(name);
      if (found) {
        schoolSeen();
        if (entries.has(loginKey(found.login))) {
          add('ошибка', r, nameCol, name, 'ОО уже есть выше; строки не учитываются.');
          current = null;
        } else current = { login: found.login, name: found.name, row: r };
        agg = null;
      } else {
        current = null;
        agg = newAggregate(name, r, nameCol);
        agg.journal = { lowered: null, confirmed: null, raised: null };
      }
    }
    if (catCol < 0) continue;
    const cat = category(cells[catCol] as string) as Category;
    const value = share(r, header.percent);
    if (agg) {
      if (cat !== 'total' && agg.journal) agg.journal[cat] = value;
      if (cat === 'raised') agg.fail = value;
      if (cat === 'total') agg.participants = share(r, header.participants, true);
      continue;
    }
    if (!current) continue;
    const entry = entries.get(loginKey(current.login)) ?? entryFor(current.login, current.name, current.row);
    if (cat !== 'total') entry[cat] = value;
  }
  finish();
  return { kind: 'journal', ...base, district: districtOf(), rows };
}

/** Whether a sheet reads as a ФИС ОКО report (for choosing tabs). */
export function isFisOkoReport(grid: Grid, file?: string): boolean {
  const got = parseFisOkoReport(grid, file);
  return got !== null && typeof got !== 'string';
}
