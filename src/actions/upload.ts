/**
 * «Загрузить выгрузки…»: the sidebar reads the files in the browser and sends their rows, already in the
 * columns of «Результаты ФИС ОКО» (and «Сравнение с журналом»; for Ф1 files the per-school summaries of
 * «Результаты участников», never every pupil), in batches of plain data. The first batch
 * of a load removes the rows of the same files, so that loading a file again replaces its rows; the others
 * append. The first batch is one read and one write of each tab; the others one append each.
 */
import { COMBINED_HEADER, COMBINED_SHEET, COMPARISON_HEADER, FILE_HEADER } from '../core/combine';
import { COMPARISON_SHEET } from '../core/objectivity';
import { PUPILS_HEADER, PUPILS_SHEET } from '../core/pupils-tab';
import { capCellText, CELL_TEXT_LIMIT, type CellValue, normalizeHeader } from '../core/text';
import type { Workbook } from '../workbook/port';
import { replaceRows } from './gather';
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
export type UploadOutcome = { ok: true; removed: number; written: number; capped: number } | { ok: false; message: string };

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

const WIDTH = {
  [COMBINED_SHEET]: COMBINED_HEADER.length,
  [COMPARISON_SHEET]: COMPARISON_HEADER.length,
  [PUPILS_SHEET]: PUPILS_HEADER.length,
} as const;
type Tab = keyof typeof WIDTH;

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

export function uploadRows(wb: Workbook, batch: UploadBatch): UploadOutcome {
  if (!batch || !Array.isArray(batch.files) || !batch.files.every((f) => typeof f === 'string' && f !== ''))
    return { ok: false, message: 'Не указаны файлы загрузки.' };
  const pupils = batch.pupils ?? [];
  if (
    !checkRows(batch.results, WIDTH[COMBINED_SHEET]) ||
    !checkRows(batch.comparison, WIDTH[COMPARISON_SHEET]) ||
    !checkRows(pupils, WIDTH[PUPILS_SHEET]) ||
    (batch.readings !== undefined && !checkRows(batch.readings, READING_HEADER.length)) ||
    (batch.levels !== undefined && !checkRows(batch.levels, LEVELS_HEADER.length))
  )
    return { ok: false, message: 'Строки загрузки не того вида: обновите панель и загрузите файлы снова.' };
  const results = capRows(batch.results);
  const comparison = capRows(batch.comparison);
  const pupilRows = capRows(pupils);
  const names = wb.sheetNames();
  const files = new Set(batch.files);
  let removed = 0;
  // A tab of the same name that people keep by hand is never written into: refused before anything is written.
  const read = new Map<string, CellValue[][]>();
  for (const [sheet, rows] of [
    [COMBINED_SHEET, results.rows],
    [COMPARISON_SHEET, comparison.rows],
    [PUPILS_SHEET, pupilRows.rows],
  ] as const) {
    // Later batches only append: the first one has read and checked the tab.
    if (!names.includes(sheet) || !batch.first) continue;
    const values = wb.readSheet(sheet).values;
    if ((values[0] ?? []).some((v) => normalizeHeader(v) === normalizeHeader(FILE_HEADER))) read.set(sheet, values);
    else if (rows.length > 0)
      return {
        ok: false,
        message: `Лист «${sheet}» ведётся вручную (нет столбца «${FILE_HEADER}»): переименуйте его, и загрузка создаст свой.`,
      };
  }
  const write = (sheet: Tab, header: readonly string[], rows: CellValue[][]) => {
    if (!batch.first && rows.length === 0) return;
    if (names.includes(sheet)) {
      if (!batch.first) {
        wb.appendRows(sheet, rows);
        return;
      }
      const values = read.get(sheet);
      if (!values) return;
      const file = (values[0] ?? []).findIndex((v) => normalizeHeader(v) === normalizeHeader(FILE_HEADER));
      const kept = values.slice(1).filter((r) => r.some((v) => v !== null && v !== '') && !files.has(String(r[file] ?? '')));
      removed += values.length - 1 - kept.length;
      replaceRows(wb, names, sheet, [...header], [...kept.map((r) => r.slice(0, header.length)), ...rows]);
      return;
    }
    if (rows.length === 0) return;
    replaceRows(wb, names, sheet, [...header], rows);
  };
  write(COMBINED_SHEET, COMBINED_HEADER, results.rows);
  write(COMPARISON_SHEET, COMPARISON_HEADER, comparison.rows);
  write(PUPILS_SHEET, PUPILS_HEADER, pupilRows.rows);
  if (batch.first && batch.readings !== undefined && batch.readings.length > 0) {
    // The status of the files of this load replaces theirs from an earlier load; other files' rows stay.
    const picked = new Set(batch.readings.map((r) => String(r[0] ?? '')));
    replaceFileRows(wb, names, READING_SHEET, READING_HEADER, 0, picked, batch.readings);
  }
  if (batch.first && ((batch.levels?.length ?? 0) > 0 || names.includes(LEVELS_SHEET)))
    replaceFileRows(wb, names, LEVELS_SHEET, LEVELS_HEADER, LEVELS_HEADER.length - 1, files, batch.levels ?? []);
  return {
    ok: true,
    removed,
    written: batch.results.length + batch.comparison.length + pupils.length,
    capped: results.capped + comparison.capped + pupilRows.capped,
  };
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
