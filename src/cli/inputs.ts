/**
 * Many inputs, one dataset: `shnor analyze a.xlsx folder/ b.csv`. One ordinary result file is read as it
 * always was (its own book, its own sheet); anything else — several files, a folder, a ФИС ОКО report —
 * is read file by file with the single-file reader and combined (core/sources, core/combine) into one
 * long results tab and one comparison with the journal, the book the actions then run on. A file that
 * holds no result table is reported and skipped when other files have results.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { COMBINED_SHEET, combinedGrids } from '../core/combine';
import type { PupilSheet } from '../core/pupils';
import { PUPILS_SHEET, pupilSummaryRows } from '../core/pupils-tab';
import { LEVELS_HEADER, LEVELS_SHEET, levelRecords, levelRows } from '../core/levels';
import { REGISTRY_SHEET } from '../core/registry';
import { AmbiguousSheetError, type Grid, NotAResultTableError, parseResultTable, type ResultTable } from '../core/results';
import { SETTINGS_SHEET, settingsFromRows } from '../core/settings';
import {
  combineFiles,
  describeSheet,
  type FileReading,
  fileStatus,
  type Incomplete,
  READING_HEADER,
  READING_SHEET,
  readingRows,
  readSource,
  skippedReason,
  unopenedFile,
} from '../core/sources';
import { OWN_SHEETS } from '../actions/analyze';
import { CATALOGUE_SHEET } from '../actions/catalogue';
import { COMPARE_SHEET } from '../actions/compare';
import { INDICATORS_SHEET } from '../actions/indicators';
import { REPORT_SHEET } from '../actions/report';
import { SCHOOL_INDICATORS_SHEET } from '../actions/school-indicators';
import { JOURNAL_SHEET } from '../core/journal';
import { SCALES_SHEET } from '../core/scales';
import { TEXTS_SHEET } from '../core/task-texts';
import { chooseTable } from './choose';
import { InputError, MAX_UNPACKED_BYTES, readGrids, readInputBytes, unpackedSize } from './input';
import { getHeapStatistics } from 'node:v8';
import { totalmem } from 'node:os';

/** The result sheet a book's own «Настройки ШНОР» names, when they read without errors. */
function settingsResultSheet(grids: readonly Grid[]): string | undefined {
  const stored = grids.find((g) => g.sheet === SETTINGS_SHEET);
  if (!stored) return undefined;
  const reading = settingsFromRows(stored.values);
  return reading.problems.length === 0 ? (reading.settings.resultSheet ?? undefined) : undefined;
}

const READABLE = new Set(['.xlsx', '.xlsm', '.csv']);
/** Read in a folder too: a text may be a CSV by another name; when it holds no results it is named «не результаты». */
const READ_IN_FOLDER = new Set([...READABLE, '.txt']);
/** Tables the reader cannot open: when they turn up among the inputs they may hold results, and the verdict would miss them. */
const OTHER_TABLES = new Set(['.xls', '.xlsb', '.ods', '.numbers']);

/** Tabs that are never a source: the add-on's own, the registry, the settings, roadmaps. */
export function notASource(sheet: string): boolean {
  return (
    OWN_SHEETS.includes(sheet) ||
    [
      REGISTRY_SHEET,
      SETTINGS_SHEET,
      READING_SHEET,
      LEVELS_SHEET,
      JOURNAL_SHEET,
      CATALOGUE_SHEET,
      COMPARE_SHEET,
      INDICATORS_SHEET,
      REPORT_SHEET,
      SCHOOL_INDICATORS_SHEET,
      SCALES_SHEET,
      TEXTS_SHEET,
    ].includes(sheet) ||
    /^ДК /.test(sheet)
  );
}

export interface Inputs {
  /** The sheets of the book the actions run on. */
  grids: Grid[];
  /** The input file when it is read as it is (one ordinary result file); null for combined inputs. */
  file: string | null;
  /** The result table the verdicts come from; its problems name files, sheets and rows. */
  table: ResultTable;
  /** Combined inputs: what each file held, for the person who ran the command. */
  readings: FileReading[];
  /** Every pupil of the «Индивидуальные результаты» (Ф1) files read, sheet by sheet (the command line keeps them all). */
  pupils: PupilSheet[];
  /** Files that look like results and were not read: the verdict is on part of the data. */
  incomplete: Incomplete | null;
  /** Each sheet's parse as it came out of the parser (before notes were added), for the actions (shareParse). */
  parses: Array<{ grid: Grid; table: ResultTable }>;
}

/** A parse that records each sheet's table as the parser gave it. */
function recordingParse(parses: Array<{ grid: Grid; table: ResultTable }>): (grid: Grid) => ResultTable {
  return (grid) => {
    const table = parseResultTable(grid);
    parses.push({ grid, table: { ...table, problems: [...table.problems] } });
    return table;
  };
}

/** The files the arguments name: files as given, folders walked (sorted, hidden and Office lock files left out). */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(p);
    } catch {
      throw new InputError(`Файл не найден: ${p}`);
    }
    if (!info.isDirectory()) {
      out.push(p);
      continue;
    }
    const found: string[] = [];
    const walk = async (dir: string) => {
      const entries = await readdir(dir, { withFileTypes: true });
      for (const e of entries) {
        if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
        const full = join(dir, e.name);
        if (e.isDirectory()) await walk(full);
        else if (e.isFile()) found.push(full);
      }
    };
    await walk(p);
    if (!found.some((f) => READ_IN_FOLDER.has(extname(f).toLowerCase()) || OTHER_TABLES.has(extname(f).toLowerCase())))
      throw new InputError(`В папке ${p} нет файлов .xlsx или .csv.`);
    out.push(...found.sort((a, b) => a.localeCompare(b, 'ru')));
  }
  return out;
}

/**
 * Reads the inputs. `sheet` (--sheet) applies to one file only. Throws InputError or NotAResultTableError
 * when nothing can be read at all.
 */
export async function loadInputs(paths: readonly string[], sheet?: string): Promise<Inputs> {
  if (paths.length === 0) throw new InputError('Укажите файл с результатами (.xlsx или .csv).');
  const files = await expandInputs(paths);
  if (sheet !== undefined && files.length !== 1) throw new InputError('Параметр --sheet относится к одному файлу, а указано несколько.');
  let single: NotAResultTableError | null = null;
  if (files.length === 1 && !(await stat(paths[0] as string)).isDirectory()) {
    const file = files[0] as string;
    const grids = await readGrids(file);
    try {
      const parses: Inputs['parses'] = [];
      const table = chooseTable(grids, sheet, settingsResultSheet(grids), recordingParse(parses));
      return { grids, file, table, readings: [], pupils: [], incomplete: null, parses };
    } catch (e) {
      // Several result sheets in one book: the person chooses (--sheet), they are not combined.
      if (!(e instanceof NotAResultTableError) || e instanceof AmbiguousSheetError || sheet !== undefined) throw e;
      single = e;
    }
  }
  const base = commonBase(files);
  const readings: FileReading[] = [];
  const extra = new Map<string, Grid>();
  for (const path of files) {
    const name = base === null ? basename(path) : relative(base, path);
    const ext = extname(path).toLowerCase();
    if (!READ_IN_FOLDER.has(ext) && !OTHER_TABLES.has(ext)) {
      readings.push(unopenedFile(name, `не таблица (${ext === '' ? 'файл без расширения' : ext})`));
      continue;
    }
    let grids: Grid[];
    try {
      grids = await readGrids(path);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      readings.push(unopenedFile(name, e.message));
      continue;
    }
    // A district book among the inputs brings its registry, settings, mark scales and task descriptions along.
    for (const g of grids)
      if ([REGISTRY_SHEET, SETTINGS_SHEET, SCALES_SHEET, TEXTS_SHEET].includes(g.sheet) && !extra.has(g.sheet)) extra.set(g.sheet, g);
    readings.push(readSource(name, grids, notASource));
  }
  const combined = combineFiles(readings);
  if (combined.records.length === 0) {
    if (single) throw single;
    const why = readings.map((r) => `  ${r.file} — ${skippedReason(r)}`).join('\n');
    throw new NotAResultTableError(`Ни в одном файле нет таблицы результатов:\n${why}`);
  }
  const levels = levelRecords(readings);
  const grids = [
    ...combinedGrids(combined),
    { sheet: READING_SHEET, values: [[...READING_HEADER], ...readingRows(readings)] },
    ...(levels.length > 0 ? [{ sheet: LEVELS_SHEET, values: [[...LEVELS_HEADER], ...levelRows(levels)] }] : []),
    // Ф1 files: their per-school summaries as a tab of their own.
    ...(combined.summaries.length > 0 ? [{ sheet: PUPILS_SHEET, values: pupilSummaryRows(combined.summaries) }] : []),
    ...extra.values(),
  ];
  const parses: Inputs['parses'] = [];
  const own = recordingParse(parses)(grids[0] as Grid);
  const table: ResultTable = {
    ...own,
    problems: [...combined.problems, ...own.problems.filter((p) => p.severity !== 'сведения')],
  };
  return { grids, file: null, table, readings, pupils: readings.flatMap((r) => r.pupils ?? []), incomplete: combined.incomplete, parses };
}

/** The folder all inputs share, so that files are named relative to it; null when they share none. */
function commonBase(files: readonly string[]): string | null {
  if (files.length === 0) return null;
  const dirs = files.map((f) => f.split(/[\\/]/).slice(0, -1));
  const first = dirs[0] as string[];
  let n = first.length;
  for (const d of dirs) {
    let i = 0;
    while (i < n && d[i] === first[i]) i++;
    n = i;
  }
  return n === 0 ? null : first.slice(0, n).join('/');
}

/** The warning that opens the output when files with results were not read: the headline, then one file per line. */
export function incompleteText(incomplete: Incomplete): string {
  return `${incomplete.headline}. Не прочитаны:\n${incomplete.lines.map((l) => `  ${l}`).join('\n')}\n`;
}

/** Lines for the text output: what each file held, one file per line; files that are not results named once. */
export function readingLines(readings: readonly FileReading[]): string[] {
  const counted = readings.filter((r) => fileStatus(r) !== 'не результаты');
  const read = counted.filter((r) => fileStatus(r) === 'прочитан').length;
  const others = readings.length - counted.length;
  const lines: string[] = [
    `Прочитано файлов с результатами: ${read} из ${counted.length}${others > 0 ? ` (и ${others} — не результаты)` : ''}; всё сведено в «${COMBINED_SHEET}».`,
  ];
  for (const r of readings) {
    const status = fileStatus(r);
    if (!r.recognised) {
      lines.push(`  ${r.file} — ${status === 'не прочитан' ? 'НЕ ПРОЧИТАН' : 'не результаты'}: ${skippedReason(r)}`);
      continue;
    }
    const shown = r.sheets.filter((s) => s.kind !== 'не результаты');
    if (shown.length === 1) lines.push(`  ${r.file} — ${describeSheet(shown[0] as (typeof shown)[number])}`);
    else {
      lines.push(`  ${r.file}:`);
      for (const s of shown) lines.push(`    лист «${s.sheet}» — ${describeSheet(s)}`);
    }
  }
  return lines;
}

/**
 * Heap a run takes per byte of input, measured with the built `shnor` on the bench district (README
 * «Скорость»): a CSV's table with its parse and verdicts (`--json`), and with the book's tabs beside them
 * (`-o`); an .xlsx per byte of its unpacked parts: read as a stream for the verdicts, and for a book too —
 * its large sheets stay in the file and are copied into the book (stream-book; 2.1 GB at 40,000 schools,
 * 3.3 GB when the book was loaded whole). Peaks measured at 40,000 schools, with room: 300,000 schools'
 * --json at 20 a byte was let through and ran out of V8's 4 GB after 50 s.
 */
export const HEAP_PER_BYTE = { csv: { json: 35, book: 60, compare: 60 }, xlsx: { json: 6, book: 15, compare: 18 } } as const;

/** What a run does with its input: the verdicts alone (`--json`, report), a book (`-o`), two sets of criteria side by side (compare). */
export type RunKind = 'json' | 'book' | 'compare';

/**
 * Processor seconds a command takes per megabyte of input (unpacked for an .xlsx), measured the same way on
 * the 40,000 schools' CSV and .xlsx: `analyze --json`, `analyze -o`; `compare` and `roadmap --district -o`
 * measured on the CSV, their .xlsx rates scaled as analyze's are.
 */
export const SECONDS_PER_MB = {
  csv: { json: 0.15, book: 1.3, compare: 0.31, roadmap: 0.4 },
  xlsx: { json: 0.045, book: 0.32, compare: 0.1, roadmap: 0.14 },
} as const;

/** The heap this run may still take: V8's limit less what the process holds, or less when SHNOR_MEMORY_MB says so. */
export function availableHeap(): number {
  const stats = getHeapStatistics();
  const free = Math.max(0, stats.heap_size_limit - stats.used_heap_size);
  const given = Number(process.env.SHNOR_MEMORY_MB);
  return given > 0 ? Math.min(free, given * 1024 * 1024) : free;
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1).replace('.', ',')} ГБ`;
const mb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024 ** 2))} МБ`;

/** What a run's inputs weigh: their bytes on disk, and what their reading takes per kind (an .xlsx unpacked). */
export interface InputWeight {
  size: number;
  xlsx: boolean;
  /** Bytes to be read per kind: a CSV's own, an .xlsx's unpacked parts. */
  bytes: { csv: number; xlsx: number };
}

async function weigh(paths: readonly string[]): Promise<InputWeight> {
  const w: InputWeight = { size: 0, xlsx: false, bytes: { csv: 0, xlsx: 0 } };
  for (const path of await expandInputs(paths)) {
    let bytes: number;
    try {
      bytes = (await stat(path)).size;
    } catch {
      continue;
    }
    w.size += bytes;
    const kind = /\.xls[xm]$/i.test(path) ? 'xlsx' : 'csv';
    const unpacked = kind === 'xlsx' ? Math.max(bytes, await unpackedBytes(path)) : bytes;
    // A zip that unpacks past what any table takes is refused by the reader, with its own message.
    if (unpacked > MAX_UNPACKED_BYTES) continue;
    w.xlsx ||= kind === 'xlsx';
    w.bytes[kind] += unpacked;
  }
  return w;
}

const need = (w: InputWeight, mode: RunKind) => w.bytes.csv * HEAP_PER_BYTE.csv[mode] + w.bytes.xlsx * HEAP_PER_BYTE.xlsx[mode];

/**
 * Refuses, before a byte is parsed, inputs whose run would not fit in memory: the estimate from the files'
 * sizes against the heap available, with the size and the way out (`--json` instead of a book, CSV instead
 * of .xlsx, parts of the table) — never a crash of V8 after minutes of work. `jsonWayOut`: the command is
 * `analyze -o`, whose verdicts alone (`--json`) may fit. Returns the inputs' weight (for runEstimate).
 */
export async function checkMemory(paths: readonly string[], kind: RunKind, jsonWayOut = kind === 'book'): Promise<InputWeight> {
  const w = await weigh(paths);
  const needed = need(w, kind);
  const needJson = need(w, 'json');
  const free = availableHeap();
  if (needed <= free) return w;
  const what = paths.length === 1 ? `Файл ${paths[0]} (${mb(w.size)})` : `Входные файлы (${mb(w.size)})`;
  const ways = [
    jsonWayOut && needJson <= free ? `запустите без -o, с --json: статусы и причины всех школ (нужно около ${gb(needJson)})` : '',
    w.xlsx ? 'сохраните таблицу как CSV UTF-8 (он читается без книги Excel в памяти)' : '',
    // Node.js takes at most 4 GB of heap unless told otherwise; a machine with the memory can give more.
    needed * 1.25 < totalmem() * 0.75
      ? `дайте Node.js больше памяти (её на компьютере ${gb(totalmem())}): NODE_OPTIONS=--max-old-space-size=${Math.ceil((needed * 1.25) / 1024 ** 3) * 1024} и та же команда`
      : '',
    'разделите таблицу на части (например, по территориям) и проверьте каждую',
  ].filter(Boolean);
  const task = { book: 'книге (-o)', json: 'проверке', compare: 'сравнению' }[kind];
  throw new InputError(
    `${what} слишком велик для памяти этого компьютера: ${task} нужно около ${gb(needed)}, а доступно ${gb(free)}. Работа не начата. Что сделать: ${ways.join('; или ')}.`,
  );
}

/** Below this many seconds a run is not long: nothing is said before it (SHNOR_LONG_RUN_SECONDS lowers it: tests). */
export const LONG_RUN_SECONDS = 15;

function longRunSeconds(): number {
  const given = Number(process.env.SHNOR_LONG_RUN_SECONDS);
  return process.env.SHNOR_LONG_RUN_SECONDS !== undefined && given >= 0 ? given : LONG_RUN_SECONDS;
}

/**
 * «Файл район.csv (23 МБ): это займёт около 30 с процессорного времени.» — said before a long run starts
 * (analyze, report, compare, roadmap), from the inputs' weight and the measured rates; null for a short run.
 */
export function runEstimate(paths: readonly string[], w: InputWeight, mode: keyof (typeof SECONDS_PER_MB)['csv']): string | null {
  const seconds = (w.bytes.csv * SECONDS_PER_MB.csv[mode] + w.bytes.xlsx * SECONDS_PER_MB.xlsx[mode]) / 1024 ** 2;
  if (seconds < longRunSeconds()) return null;
  const what = paths.length === 1 ? `Файл ${paths[0]} (${mb(w.size)})` : `Входные файлы (${mb(w.size)})`;
  const about =
    seconds < 10
      ? `${Math.max(1, Math.round(seconds))} с`
      : seconds < 120
        ? `${Math.round(seconds / 5) * 5} с`
        : `${Math.round(seconds / 60)} мин`;
  return `${what}: это займёт около ${about} работы процессора (на занятом компьютере дольше).`;
}

/** The unpacked size of an .xlsx file's parts (its zip directory), 0 when it cannot be read. */
async function unpackedBytes(path: string): Promise<number> {
  try {
    const { data } = await readInputBytes(path);
    return unpackedSize(data);
  } catch {
    return 0;
  }
}
