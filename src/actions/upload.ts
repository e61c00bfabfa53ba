/**
 * «Загрузить выгрузки…»: the sidebar reads the files in the browser and sends their rows, already in the
 * columns of «Результаты ФИС ОКО» (and «Сравнение с журналом»; for Ф1 files the per-school summaries of
 * «Результаты участников», never every pupil), in batches of plain data. The first batch
 * of a load removes the rows of the same files, so that loading a file again replaces its rows; the others
 * append. The first batch is one read and one write of each tab; the others one append each.
 *
 * Before the button, `checkUpload` says what the write will do and what would stop it, so that nothing is
 * refused after the click: a «Сравнение с журналом» kept by hand is left alone and the comparison goes to
 * «Сравнение с журналом (ФИС ОКО)» (the readers read both); the results are written either way.
 */
import { COMBINED_HEADER, COMBINED_SHEET, COMPARISON_HEADER, FILE_HEADER } from '../core/combine';
import { COMPARISON_OWN_SHEET, COMPARISON_SHEET } from '../core/objectivity';
import { PUPILS_HEADER, PUPILS_SHEET } from '../core/pupils-tab';
import { capCellText, CELL_TEXT_LIMIT, type CellValue, normalizeHeader, plural } from '../core/text';
import type { Workbook } from '../workbook/port';
import { alignedRows, comparisonInsteadNote, type LongTarget, longTarget, replaceRows } from './gather';
import { LEVELS_HEADER, LEVELS_SHEET } from '../core/levels';
import { READING_HEADER, READING_SHEET } from '../core/sources';

/** Rows per call: a region's year (≈ 40 files, 2 000 schools, ≈ 40 000 rows) goes in about 20 calls. */
export const UPLOAD_BATCH = 2000;

export interface UploadBatch {
  /** The files of this load: their earlier rows are removed by the first batch. */
  files: string[];
  first: boolean;
  results: CellValue[][];
  comparison: CellValue[][];
  /** For the batches after the first: the comparison tab the first one chose (its outcome's `comparisonSheet`). */
  comparisonSheet?: string | null;
  /** Rows of «Результаты участников» (Ф1 files: per-school summaries, never every pupil). */
  pupils?: CellValue[][];
  /**
   * With the first batch: the rows of «Прочитанные файлы» for every file picked (read, not read, not
   * results), replacing the rows of the same files, so that «ШНОР: итоги» and the справка can say when
   * files with results were not read.
   */
  readings?: CellValue[][];
  /** With the first batch: the rows of «Средние ФИС ОКО» (по району, по региону, по России) of the files of this load. */
  levels?: CellValue[][];
}

/** `capped`: cells of text longer than a cell of Sheets takes, written cut with a note at their end. */
export type UploadOutcome =
  | { ok: true; removed: number; written: number; capped: number; comparisonSheet: string | null; note: string | null }
  | { ok: false; message: string };

/** The rows with every text that a cell cannot hold cut (capCellText), and how many were. */
function capRows(rows: CellValue[][]): { rows: CellValue[][]; capped: number } {
  let capped = 0;
  const out = rows.map((r) =>
    r.some((v) => typeof v === 'string' && v.length > CELL_TEXT_LIMIT)
      ? r.map((v) => (typeof v === 'string' && v.length > CELL_TEXT_LIMIT ? (capped++, capCellText(v)) : v))
      : r,
  );
  return { rows: out, capped };
}

/** What the sidebar says the panel will do, before «Записать». */
export interface UploadPlan {
  files: string[];
  results: number;
  comparison: number;
}

export interface UploadCheck {
  /** What stops the write (the button is then off), or null. */
  refusal: string | null;
  /** Where the comparison will go, when there is one. */
  comparisonSheet: string | null;
  /** Rows of these files loaded before, that the write replaces. */
  replaced: number;
  /** Lines to read before the button: where the rows go, what is left alone. */
  notes: string[];
}

const WIDTH = { results: COMBINED_HEADER.length, comparison: COMPARISON_HEADER.length, pupils: PUPILS_HEADER.length } as const;
const COMPARISON_SHEETS: readonly string[] = [COMPARISON_SHEET, COMPARISON_OWN_SHEET];

function checkRows(rows: unknown, width: number): rows is CellValue[][] {
  return (
    Array.isArray(rows) &&
    rows.every(
      (r) =>
        Array.isArray(r) &&
        r.length === width &&
        r.every((v) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'),
    )
  );
}

/** The rows of a target tab that stay: not of these files, not empty. */
function keptOf(
  values: CellValue[][] | null,
  files: ReadonlySet<string>,
  header: readonly CellValue[],
): { kept: CellValue[][]; removed: number } {
  if (!values) return { kept: [], removed: 0 };
  const file = (values[0] ?? []).findIndex((v) => normalizeHeader(v) === normalizeHeader(FILE_HEADER));
  const rows = values.slice(1).filter((r) => r.some((v) => v !== null && v !== ''));
  const kept = alignedRows(
    values[0] ?? [],
    rows.filter((r) => !files.has(String(r[file] ?? ''))),
    header,
  );
  return { kept, removed: rows.length - kept.length };
}

interface Targets {
  results: LongTarget | null;
  comparison: LongTarget | null;
}

/** Where this load's rows go; a tab is looked at only when there are rows for it. */
function targets(wb: Workbook, names: readonly string[], results: number, comparison: number): Targets {
  return {
    results: results > 0 ? longTarget(wb, names, COMBINED_SHEET) : null,
    comparison: comparison > 0 ? longTarget(wb, names, COMPARISON_SHEET, COMPARISON_OWN_SHEET) : null,
  };
}

const refusalOf = (t: Targets) =>
  t.results && 'refusal' in t.results
    ? t.results.refusal
    : t.comparison && 'refusal' in t.comparison
      ? `Результаты можно записать, но не сравнение с журналом. ${t.comparison.refusal}`
      : null;

const insteadNote = (t: Targets) =>
  t.comparison && !('refusal' in t.comparison) && t.comparison.instead
    ? comparisonInsteadNote(t.comparison.instead, t.comparison.sheet)
    : null;

/** Read-only: what «Записать» will do with these files, and what would stop it. At most three reads. */
export function checkUpload(wb: Workbook, plan: UploadPlan): UploadCheck {
  const files = new Set(Array.isArray(plan?.files) ? plan.files.map(String) : []);
  const t = targets(wb, wb.sheetNames(), Number(plan?.results) || 0, Number(plan?.comparison) || 0);
  const refusal = refusalOf(t);
  let replaced = 0;
  for (const [target, header] of [
    [t.results, COMBINED_HEADER],
    [t.comparison, COMPARISON_HEADER],
  ] as const)
    if (target && !('refusal' in target)) replaced += keptOf(target.values, files, header).removed;
  const notes: string[] = [];
  const note = insteadNote(t);
  if (note) notes.push(note);
  if (replaced > 0) notes.push(`Строки этих файлов, загруженные раньше (${replaced}), будут заменены; строки других файлов останутся.`);
  const comparisonSheet = t.comparison && !('refusal' in t.comparison) ? t.comparison.sheet : null;
  return { refusal, comparisonSheet, replaced, notes };
}

export function uploadRows(wb: Workbook, batch: UploadBatch): UploadOutcome {
  if (!batch || !Array.isArray(batch.files) || !batch.files.every((f) => typeof f === 'string' && f !== ''))
    return { ok: false, message: 'Не указаны файлы загрузки.' };
  const pupilsIn = batch.pupils ?? [];
  if (
    !checkRows(batch.results, WIDTH.results) ||
    !checkRows(batch.comparison, WIDTH.comparison) ||
    !checkRows(pupilsIn, WIDTH.pupils) ||
    (batch.readings !== undefined && !checkRows(batch.readings, READING_HEADER.length)) ||
    (batch.levels !== undefined && !checkRows(batch.levels, LEVELS_HEADER.length))
  )
    return { ok: false, message: 'Строки загрузки не того вида: обновите панель и загрузите файлы снова.' };
  const results = capRows(batch.results);
  const comparison = capRows(batch.comparison);
  const pupils = capRows(pupilsIn);
  const capped = results.capped + comparison.capped + pupils.capped;
  const names = wb.sheetNames();
  if (!batch.first) {
    // Later batches only append, to the tabs the first one chose.
    const sheet = COMPARISON_SHEETS.includes(batch.comparisonSheet ?? '') ? (batch.comparisonSheet as string) : COMPARISON_SHEET;
    const append = (target: string, header: readonly string[], rows: CellValue[][]) => {
      if (rows.length === 0) return;
      if (!names.includes(target)) return replaceRows(wb, names, target, [...header], rows);
      wb.appendRows(target, rows);
    };
    append(COMBINED_SHEET, COMBINED_HEADER, results.rows);
    append(sheet, COMPARISON_HEADER, comparison.rows);
    append(PUPILS_SHEET, PUPILS_HEADER, pupils.rows);
    return {
      ok: true,
      removed: 0,
      written: results.rows.length + comparison.rows.length + pupils.rows.length,
      capped,
      comparisonSheet: sheet,
      note: null,
    };
  }
  const files = new Set(batch.files);
  const t = targets(wb, names, results.rows.length, comparison.rows.length);
  // The results tab kept by hand stops everything (the check has said so before the button); a comparison
  // tab kept by hand only sends the comparison to a tab of its own.
  if (t.results && 'refusal' in t.results) return { ok: false, message: `${t.results.refusal} Ничего не записано.` };
  const pupilsTarget = pupils.rows.length > 0 ? longTarget(wb, names, PUPILS_SHEET) : null;
  let removed = 0;
  const write = (target: LongTarget | null, header: readonly string[], rows: CellValue[][]): string | null => {
    if (!target || 'refusal' in target) return null;
    const { kept, removed: gone } = keptOf(target.values, files, header);
    removed += gone;
    replaceRows(wb, names, target.sheet, [...header], [...kept, ...rows]);
    return target.sheet;
  };
  write(t.results, COMBINED_HEADER, results.rows);
  const comparisonSheet = write(t.comparison, COMPARISON_HEADER, comparison.rows);
  const pupilsSheet = write(pupilsTarget, PUPILS_HEADER, pupils.rows);
  if (batch.readings !== undefined && batch.readings.length > 0) {
    // The status of the files of this load replaces theirs from an earlier load; other files' rows stay.
    const picked = new Set(batch.readings.map((r) => String(r[0] ?? '')));
    replaceFileRows(wb, names, READING_SHEET, READING_HEADER, 0, picked, batch.readings);
  }
  if ((batch.levels?.length ?? 0) > 0 || names.includes(LEVELS_SHEET))
    replaceFileRows(wb, names, LEVELS_SHEET, LEVELS_HEADER, LEVELS_HEADER.length - 1, files, batch.levels ?? []);
  const written = results.rows.length + (comparisonSheet ? comparison.rows.length : 0) + (pupilsSheet ? pupils.rows.length : 0);
  const notes = [
    t.comparison && 'refusal' in t.comparison
      ? `Сравнение с журналом не записано (${comparison.rows.length} ${plural(comparison.rows.length, ['строка', 'строки', 'строк'])}): ${t.comparison.refusal}`
      : insteadNote(t),
    pupilsTarget && 'refusal' in pupilsTarget ? `Итоги индивидуальных результатов не записаны: ${pupilsTarget.refusal}` : null,
  ].filter((n): n is string => n !== null);
  return { ok: true, removed, written, capped, comparisonSheet, note: notes.length > 0 ? notes.join('\n') : null };
}

/** An own tab's rows of other files kept, the rows of `files` (named in column `fileCol`) replaced by `rows`. */
function replaceFileRows(
  wb: Workbook,
  names: string[],
  sheet: string,
  header: readonly string[],
  fileCol: number,
  files: ReadonlySet<string>,
  rows: CellValue[][],
): void {
  const earlier = names.includes(sheet) ? wb.readSheet(sheet).values.slice(1) : [];
  const kept = earlier.filter((r) => r.some((v) => v !== null && v !== '') && !files.has(String(r[fileCol] ?? '')));
  replaceRows(wb, names, sheet, [...header], [...kept.map((r) => r.slice(0, header.length)), ...rows]);
}
