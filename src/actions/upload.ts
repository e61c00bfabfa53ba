/**
 * «Загрузить выгрузки…»: the sidebar reads the files in the browser and sends their rows, already in the
 * columns of «Результаты ФИС ОКО» (and «Сравнение с журналом»), in batches of plain data. The first batch
 * of a load removes the rows of the same files, so that loading a file again replaces its rows; the others
 * append. The first batch is one read and one write of each tab; the others one append each.
 */
import { COMBINED_HEADER, COMBINED_SHEET, COMPARISON_HEADER, FILE_HEADER } from '../core/combine';
import { COMPARISON_SHEET } from '../core/objectivity';
import { type CellValue, normalizeHeader } from '../core/text';
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
  /**
   * With the first batch: the rows of «Прочитанные файлы» for every file picked (read, not read, not
   * results), replacing the rows of the same files, so that «ШНОР: итоги» and the справка can say when
   * files with results were not read.
   */
  readings?: CellValue[][];
  /** With the first batch: the rows of «Средние ФИС ОКО» (по району, по региону, по России) of the files of this load. */
  levels?: CellValue[][];
}

export type UploadOutcome = { ok: true; removed: number; written: number } | { ok: false; message: string };

const WIDTH = { [COMBINED_SHEET]: COMBINED_HEADER.length, [COMPARISON_SHEET]: COMPARISON_HEADER.length } as const;

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
  if (
    !checkRows(batch.results, WIDTH[COMBINED_SHEET]) ||
    !checkRows(batch.comparison, WIDTH[COMPARISON_SHEET]) ||
    (batch.readings !== undefined && !checkRows(batch.readings, READING_HEADER.length)) ||
    (batch.levels !== undefined && !checkRows(batch.levels, LEVELS_HEADER.length))
  )
    return { ok: false, message: 'Строки загрузки не того вида: обновите панель и загрузите файлы снова.' };
  const names = wb.sheetNames();
  const files = new Set(batch.files);
  let removed = 0;
  // A tab of the same name that people keep by hand is never written into: refused before anything is written.
  const read = new Map<string, CellValue[][]>();
  for (const [sheet, rows] of [
    [COMBINED_SHEET, batch.results],
    [COMPARISON_SHEET, batch.comparison],
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
  const write = (sheet: typeof COMBINED_SHEET | typeof COMPARISON_SHEET, header: readonly string[], rows: CellValue[][]) => {
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
    names.push(sheet);
  };
  write(COMBINED_SHEET, COMBINED_HEADER, batch.results);
  write(COMPARISON_SHEET, COMPARISON_HEADER, batch.comparison);
  if (batch.first && batch.readings !== undefined && batch.readings.length > 0) {
    // The status of the files of this load replaces theirs from an earlier load; other files' rows stay.
    const picked = new Set(batch.readings.map((r) => String(r[0] ?? '')));
    replaceFileRows(wb, names, READING_SHEET, READING_HEADER, 0, picked, batch.readings);
  }
  if (batch.first && ((batch.levels?.length ?? 0) > 0 || names.includes(LEVELS_SHEET)))
    replaceFileRows(wb, names, LEVELS_SHEET, LEVELS_HEADER, LEVELS_HEADER.length - 1, files, batch.levels ?? []);
  return { ok: true, removed, written: batch.results.length + batch.comparison.length };
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
  if (!names.includes(sheet)) names.push(sheet);
}
