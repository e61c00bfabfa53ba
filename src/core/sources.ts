/**
 * What one file holds, sheet by sheet: a ФИС ОКО report (marks or journal comparison), a comparison with
 * the journal in the long layout, or a result table of any layout the product reads. Used by the CLI for
 * every input file, by «Проверить школы…» over the tabs of a book and by the upload sidebar in the browser,
 * so that all three recognise the same things and say the same about what they skip.
 *
 * A sheet that looks like results (a report's title, a results header, a procedure named) but cannot be
 * read is «не прочитан»: the verdict is then on part of the data, and every caller says so loudly
 * (`incompleteReading`). A sheet that is plainly something else (the registry, notes, a list of term marks)
 * is «не результаты» and does not count.
 */
import type { Aggregate } from './fisoko';
import { parseFisOkoReport } from './fisoko';
import { combine, type Combined, type SourceComparison, type SourceTable } from './combine';
import { comparisonHeaderRow, type JournalComparison, parseJournalComparison } from './objectivity';
import { parsePupilSheet, type PupilSheet, type PupilSummary, summarise, summaryResults } from './pupils';
import { type Grid, NotAResultTableError, parseResultTable, type Problem, type ResultTable } from './results';
import { type CellValue, formatNumber, normalizeHeader, plural } from './text';

/** The kinds of sheet a reader recognises (a reader of each is in SHEET_READERS). */
export type ReadKind = 'результаты' | 'статистика по отметкам' | 'сравнение с журналом' | 'индивидуальные результаты';
export type SheetKind = ReadKind | 'не прочитан' | 'не результаты';

/** One line per sheet for the person who loads the file: what was recognised, or why not. */
export interface SheetReading {
  sheet: string;
  kind: SheetKind;
  procedures: string[];
  years: number[];
  schools: number;
  /** Where a report's procedure and year were read (заголовок, имя файла, имя листа). */
  from: string[];
  /** Why the sheet is not used (kinds «не прочитан» and «не результаты»). */
  why: string;
  /** The municipality's line of a ФИС ОКО report, when it has one. */
  district: Aggregate | null;
  /** Every aggregate line of a ФИС ОКО report (по России, по региону, по району), for the справка. */
  levels: Aggregate[];
  /** «Индивидуальные результаты»: pupils read, and what the file does not say. */
  pupils?: number;
  missing?: string[];
}

export interface FileReading {
  file: string;
  sheets: SheetReading[];
  tables: SourceTable[];
  comparisons: SourceComparison[];
  /** «Индивидуальные результаты» (Ф1): every pupil, and one summary per school, procedure and year. */
  pupils?: PupilSheet[];
  summaries?: PupilSummary[];
  /** Whether anything in the file was recognised. */
  recognised: boolean;
  /** Why the file could not be read at all (not a workbook, an old .xls…). */
  unreadable?: string;
  /** The unreadable file is plainly not results (a text, a picture): named once, not counted. */
  notResults?: boolean;
}

/** What a reader makes of a sheet it recognises. */
export interface SheetRead {
  kind: ReadKind;
  /** Result tables with their problems (a comparison-only sheet brings an empty table for its problems). */
  tables: ResultTable[];
  comparisons: JournalComparison[];
  procedures: string[];
  years: number[];
  schools: number;
  from: string[];
  district: Aggregate | null;
  levels: Aggregate[];
  /** «Индивидуальные результаты»: the sheet's pupils and their per-school summaries. */
  pupils?: { sheet: PupilSheet; summaries: PupilSummary[] };
}

/**
 * A reader of one kind of sheet: null when the sheet is not of its kind, a string when it is but cannot be
 * read (the reason, naming the sheet), else what it read. The first reader that does not say null decides.
 */
export type SheetReader = (grid: Grid, file: string) => SheetRead | string | null;

const readReport: SheetReader = (grid, file) => {
  const report = parseFisOkoReport(grid, file);
  if (report === null || typeof report === 'string') return report;
  const common = {
    procedures: [report.procedure],
    years: [report.year],
    from: report.from,
    district: report.district,
    levels: report.aggregates,
  };
  if (report.kind === 'marks')
    return { ...common, kind: 'статистика по отметкам', tables: [report.table], comparisons: [], schools: report.table.schools.length };
  return {
    ...common,
    kind: 'сравнение с журналом',
    tables: [{ ...emptyTable(grid.sheet), problems: report.problems }],
    comparisons: report.rows,
    schools: report.rows.length,
  };
};

const readLongComparison: SheetReader = (grid) => {
  if (comparisonHeaderRow(grid) < 0) return null;
  const c = parseJournalComparison(grid);
  return {
    kind: 'сравнение с журналом',
    tables: [{ ...emptyTable(grid.sheet), problems: c.problems }],
    comparisons: c.rows,
    procedures: [...new Set(c.rows.map((r) => r.procedure))].sort(),
    years: [...new Set(c.rows.map((r) => r.year))].sort((a, b) => a - b),
    schools: new Set(c.rows.map((r) => r.key)).size,
    from: [],
    district: null,
    levels: [],
  };
};

const readPupils: SheetReader = (grid, file) => {
  const f1 = parsePupilSheet(grid, file);
  if (f1 === null || typeof f1 === 'string') return f1;
  const summaries = summarise(f1);
  const { table, comparison } = summaryResults(f1, summaries);
  return {
    kind: 'индивидуальные результаты',
    tables: [table],
    comparisons: comparison,
    procedures: [f1.procedure],
    years: [f1.year],
    schools: f1.schools.length,
    from: f1.from,
    district: null,
    levels: [],
    pupils: { sheet: f1, summaries },
  };
};

const readTable: SheetReader = (grid) => {
  let table: ResultTable;
  try {
    table = parseResultTable(grid);
  } catch (e) {
    if (!(e instanceof NotAResultTableError)) throw e;
    return looksLikeResults(grid) ? e.message.replace(/^Лист/, 'лист') : null;
  }
  if (table.schools.length === 0) return null;
  return {
    kind: 'результаты',
    tables: [table],
    comparisons: [],
    procedures: table.procedures,
    years: table.years,
    schools: table.schools.length,
    from: [],
    district: null,
    levels: [],
  };
};

/**
 * The readers, in order. The per-pupil «Индивидуальные результаты» reader goes first (its title rows are a
 * report's) and before `readTable` (its header has «Отметка», which the long layout would otherwise try).
 */
export const SHEET_READERS: SheetReader[] = [readPupils, readReport, readLongComparison, readTable];

/** A report's name: a sheet with it in its first rows is a report. */
const REPORT_TITLE = /статистика по отметкам|сравнение отметок|индивидуальн\S* результат/;
/** A procedure named as a title names it: «ВПР 2026 Русский язык 4 класс» — short, with a year or a class. */
const PROCEDURE_TITLE = /(^|[^а-я])(впр|огэ|егэ)([^а-я]|$)|проверочн\S* работ|государственн\S* экзамен/;
const RESULT_HEADER =
  /^(группы участников|код участника|первичный балл|отметка по журналу|кол-?во участников.*|% ?«?2»?|"? ?% ?2"?|% выс\.? ?рез.*|доля «?2»?.*)$/;

/**
 * Whether a sheet looks like results: a report's name or a procedure's title in its first rows or its
 * name, or a results header. A prose note that mentions ВПР in a sentence does not.
 */
export function looksLikeResults(grid: Grid): boolean {
  const name = normalizeHeader(grid.sheet);
  if (REPORT_TITLE.test(name) || PROCEDURE_TITLE.test(name)) return true;
  const rows = Math.min(grid.values.length, 40);
  for (let r = 0; r < rows; r++)
    for (const v of grid.values[r] ?? []) {
      const h = normalizeHeader(v);
      if (h === '' || h.length > 120) continue;
      if (RESULT_HEADER.test(h)) return true;
      if (r < 10 && (REPORT_TITLE.test(h) || (h.length <= 60 && PROCEDURE_TITLE.test(h) && /(19|20)\d\d|класс/.test(h)))) return true;
    }
  return false;
}

/** Why nothing in a file was used. */
export function skippedReason(f: FileReading): string {
  return f.unreadable ?? (f.sheets.map((s) => s.why).join('; ') || 'нет листов');
}

/**
 * Reads every sheet of one file. `skip` names sheets that are never sources (the add-on's own tabs, the
 * registry, the settings). Nothing throws for a sheet that is not a result table: it is described instead.
 */
export function readSource(file: string, grids: readonly Grid[], skip: (sheet: string) => boolean = () => false): FileReading {
  const out: FileReading = { file, sheets: [], tables: [], comparisons: [], recognised: false };
  for (const grid of grids) {
    if (skip(grid.sheet)) continue;
    const base = { sheet: grid.sheet, procedures: [], years: [], schools: 0, from: [], why: '', district: null, levels: [] };
    let got: SheetRead | string | null = null;
    for (const reader of SHEET_READERS) {
      got = reader(grid, file);
      if (got !== null) break;
    }
    if (got === null) {
      const sheet = grid.sheet === file || file.endsWith(`/${grid.sheet}`) ? '' : `лист «${grid.sheet}»: `;
      out.sheets.push({ ...base, kind: 'не результаты', why: `${sheet}не похож на таблицу результатов` });
      continue;
    }
    if (typeof got === 'string') {
      out.sheets.push({ ...base, kind: 'не прочитан', why: got });
      continue;
    }
    for (const table of got.tables) out.tables.push({ file, table });
    if (got.comparisons.length > 0 || got.kind === 'сравнение с журналом')
      out.comparisons.push({ file, sheet: grid.sheet, rows: got.comparisons });
    out.sheets.push({
      ...base,
      kind: got.kind,
      procedures: got.procedures,
      years: got.years,
      schools: got.schools,
      from: got.from,
      district: got.district,
      levels: got.levels,
      ...(got.pupils ? { pupils: got.pupils.sheet.pupils, missing: got.pupils.sheet.missing } : {}),
    });
    if (got.pupils) {
      (out.pupils ??= []).push(got.pupils.sheet);
      (out.summaries ??= []).push(...got.pupils.summaries);
    }
  }
  out.recognised = out.sheets.some((s) => s.kind !== 'не результаты' && s.kind !== 'не прочитан');
  return out;
}

function emptyTable(sheet: string): ResultTable {
  return { sheet, layout: 'long', firstDataRow: 0, schools: [], years: [], procedures: [], problems: [] as Problem[], guesses: [] };
}

/** «ВПР МА 5, 2025: 28 ОО (заголовок)» — one line per recognised sheet; «не результаты: …» otherwise. */
export function describeSheet(s: SheetReading): string {
  if (s.kind === 'не результаты') return `не результаты: ${s.why}`;
  if (s.kind === 'не прочитан') return `НЕ ПРОЧИТАН: ${s.why}`;
  const procedures =
    s.procedures.length <= 3
      ? s.procedures.join(', ')
      : `${s.procedures.length} ${plural(s.procedures.length, ['процедура', 'процедуры', 'процедур'])}`;
  const years = s.years.join(', ');
  const from = s.from.length > 0 ? ` (из: ${s.from.join(', ')})` : '';
  if (s.kind === 'индивидуальные результаты') {
    const missing = s.missing && s.missing.length > 0 ? `; в файле нет: ${s.missing.join(', ')}` : '';
    return `${s.kind}: ${procedures}${years ? `, ${years}` : ''} — ${s.schools} ОО, участников ${s.pupils ?? 0}${from}${missing}`;
  }
  // The municipality's own line of the report: the district's average as ФИС ОКО counts it.
  const d = s.district;
  const share = s.kind === 'сравнение с журналом' ? '«Повысили»' : '«2»';
  const district =
    d && d.fail !== null
      ? `; ${d.name}: ${share} ${formatNumber(d.fail)} %${d.participants !== null ? `, участников ${d.participants}` : ''}`
      : '';
  return `${s.kind}: ${procedures}${years ? `, ${years}` : ''} — ${s.schools} ОО${from}${district}`;
}

/** A file's part in the count: results read, results not (all or in part) read, or not results at all. */
export function fileStatus(f: FileReading): 'прочитан' | 'не прочитан' | 'не результаты' {
  if (f.unreadable !== undefined) return f.notResults ? 'не результаты' : 'не прочитан';
  if (f.sheets.some((s) => s.kind === 'не прочитан')) return 'не прочитан';
  return f.recognised ? 'прочитан' : 'не результаты';
}

/** The warning of a reading that left out results: its first line, then one line per file (or sheet) with its reason. */
export interface Incomplete {
  read: number;
  total: number;
  /** «Прочитано 9 из 10 файлов с результатами; вердикт неполный». */
  headline: string;
  /** «ВПР МА 5.xlsx — лист «…»: …», one per unread file or sheet. */
  lines: string[];
}

/** The headline of an incomplete reading. */
export function incompleteHeadline(read: number, total: number): string {
  return `Прочитано ${read} из ${total} ${plural(total, ['файла', 'файлов', 'файлов'])} с результатами; вердикт неполный`;
}

/** Why a file (or each of its sheets that looks like results) was not read. */
export function unreadReasons(f: FileReading): string[] {
  if (f.unreadable !== undefined) return [f.unreadable];
  return f.sheets.filter((s) => s.kind === 'не прочитан').map((s) => s.why);
}

/** One line per file (and per unread sheet of a file that was partly read): «file — why». */
export function unreadLines(f: FileReading): string[] {
  return unreadReasons(f).map((why) => `${f.file} — ${why}`);
}

/** Null when every file that looks like results was read; else the warning. */
export function incompleteReading(files: readonly FileReading[]): Incomplete | null {
  const counted = files.filter((f) => fileStatus(f) !== 'не результаты');
  const unread = counted.filter((f) => fileStatus(f) === 'не прочитан');
  if (unread.length === 0) return null;
  const read = counted.length - unread.length;
  return { read, total: counted.length, headline: incompleteHeadline(read, counted.length), lines: unread.flatMap(unreadLines) };
}

/**
 * The files together. Files with nothing recognised are reported and left out; when no file has anything,
 * the result has no records and the caller says why with `unrecognised`.
 */
export function combineFiles(
  files: readonly FileReading[],
): Combined & { unrecognised: FileReading[]; incomplete: Incomplete | null; summaries: PupilSummary[] } {
  const used = files.filter((f) => f.recognised);
  const combined = combine(
    used.flatMap((f) => f.tables),
    used.flatMap((f) => f.comparisons),
  );
  const unrecognised = files.filter((f) => !f.recognised);
  const incomplete = incompleteReading(files);
  const problems: Problem[] = [];
  // A file that is not results is named once, in the list of files (readingRows, the CLI's lines), not here.
  for (const f of files) {
    if (fileStatus(f) === 'не прочитан')
      for (const line of unreadLines(f))
        problems.push({
          severity: 'ошибка',
          sheet: f.file,
          row: null,
          column: null,
          value: '',
          message: `Файл с результатами не прочитан: ${line.slice(f.file.length + 3)}`,
        });
  }
  return { ...combined, problems: [...problems, ...combined.problems], unrecognised, incomplete, summaries: pupilSummaries(used) };
}

/** The per-school summaries of the Ф1 files, one per school, procedure and year (the first file's where two give it). */
function pupilSummaries(files: readonly FileReading[]): PupilSummary[] {
  const seen = new Set<string>();
  const out: PupilSummary[] = [];
  for (const f of files)
    for (const s of f.summaries ?? []) {
      const k = `${s.key}|${s.procedure}|${s.year}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(s);
    }
  return out;
}

/** A file that could not be opened: a table of another format counts as results not read; anything else is not results. */
export function unopenedFile(file: string, why: string): FileReading {
  const table = /\.(xlsx|xlsm|xls|xlsb|ods|numbers|csv|txt)$/i.test(file);
  return { file, sheets: [], tables: [], comparisons: [], recognised: false, unreadable: why, notResults: !table };
}

/**
 * «Прочитанные файлы»: what each loaded file (or tab) held — one row per file and sheet with «прочитан»,
 * «не прочитан» or «не результаты» and what was read or why not. Written beside the long results tab by
 * the command line, the upload sidebar and the gathering of imported tabs; «ШНОР: итоги» and the справка
 * read it back to say, in the same words, that the verdict is on part of the data.
 */
export const READING_SHEET = 'Прочитанные файлы';
export const READING_HEADER = ['Файл', 'Лист', 'Итог', 'Что прочитано или почему нет'] as const;
export const READING_WIDTHS = [300, 220, 110, 620];
type Status = ReturnType<typeof fileStatus>;

/** The rows of «Прочитанные файлы» for some files, without the header. */
export function readingRows(files: readonly FileReading[]): CellValue[][] {
  const out: CellValue[][] = [];
  for (const f of files) {
    if (f.unreadable !== undefined || f.sheets.length === 0) {
      out.push([f.file, null, fileStatus(f), skippedReason(f)]);
      continue;
    }
    for (const s of f.sheets) {
      const status: Status = s.kind === 'не прочитан' ? 'не прочитан' : s.kind === 'не результаты' ? 'не результаты' : 'прочитан';
      out.push([f.file, s.sheet, status, s.kind === 'не прочитан' || s.kind === 'не результаты' ? s.why : describeSheet(s)]);
    }
  }
  return out;
}

/** The warning «Прочитанные файлы» holds, or null when every file with results was read (or there is no such tab). */
export function incompleteFromRows(values: readonly CellValue[][]): Incomplete | null {
  const header = (values[0] ?? []).map((v) => normalizeHeader(v));
  const col = (h: string) => header.indexOf(normalizeHeader(h));
  const [file, , status, why] = READING_HEADER.map(col);
  if ((file as number) < 0 || (status as number) < 0) return null;
  const files = new Map<string, { status: Status; lines: string[] }>();
  for (const row of values.slice(1)) {
    const name = String(row[file as number] ?? '').trim();
    if (name === '') continue;
    const st = String(row[status as number] ?? '').trim() as Status;
    const f = files.get(name) ?? { status: 'не результаты' as Status, lines: [] };
    if (st === 'не прочитан') {
      f.status = 'не прочитан';
      f.lines.push(`${name} — ${String(row[why as number] ?? '').trim()}`);
    } else if (st === 'прочитан' && f.status === 'не результаты') f.status = 'прочитан';
    files.set(name, f);
  }
  const counted = [...files.values()].filter((f) => f.status !== 'не результаты');
  const unread = counted.filter((f) => f.status === 'не прочитан');
  if (unread.length === 0) return null;
  const read = counted.length - unread.length;
  return { read, total: counted.length, headline: incompleteHeadline(read, counted.length), lines: unread.flatMap((f) => f.lines) };
}
