/**
 * «Загрузить выгрузки…»: the sidebar reads the files in the browser and sends their rows, already in the
 * columns of «Результаты ФИС ОКО» (and «Сравнение с журналом»), in batches of plain data. The first batch
 * of a load removes the rows of the same files, so that loading a file again replaces its rows; the others
 * append. The first batch is one read and one write of each tab; the others one append each.
 *
 * Before the button, `checkUpload` says what the write will do and what would stop it, so that nothing is
 * refused after the click: a «Сравнение с журналом» kept by hand is left alone and the comparison goes to
 * «Сравнение с журналом (ФИС ОКО)» (the readers read both); the results are written either way.
 */
import { COMBINED_HEADER, COMBINED_SHEET, COMPARISON_HEADER, FILE_HEADER } from '../core/combine';
import { COMPARISON_OWN_SHEET, COMPARISON_SHEET } from '../core/objectivity';
import { type CellValue, normalizeHeader, plural } from '../core/text';
import type { Workbook } from '../workbook/port';
import { comparisonInsteadNote, type LongTarget, longTarget, replaceRows } from './gather';

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
}

export type UploadOutcome =
  { ok: true; removed: number; written: number; comparisonSheet: string | null; note: string | null } | { ok: false; message: string };

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

const WIDTH = { results: COMBINED_HEADER.length, comparison: COMPARISON_HEADER.length } as const;
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
function keptOf(values: CellValue[][] | null, files: ReadonlySet<string>, width: number): { kept: CellValue[][]; removed: number } {
  if (!values) return { kept: [], removed: 0 };
  const file = (values[0] ?? []).findIndex((v) => normalizeHeader(v) === normalizeHeader(FILE_HEADER));
  const rows = values.slice(1).filter((r) => r.some((v) => v !== null && v !== ''));
  const kept = rows.filter((r) => !files.has(String(r[file] ?? ''))).map((r) => r.slice(0, width));
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
  for (const [target, width] of [
    [t.results, WIDTH.results],
    [t.comparison, WIDTH.comparison],
  ] as const)
    if (target && !('refusal' in target)) replaced += keptOf(target.values, files, width).removed;
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
  if (!checkRows(batch.results, WIDTH.results) || !checkRows(batch.comparison, WIDTH.comparison))
    return { ok: false, message: 'Строки загрузки не того вида: обновите панель и загрузите файлы снова.' };
  const names = wb.sheetNames();
  if (!batch.first) {
    // Later batches only append, to the tabs the first one chose.
    const sheet = COMPARISON_SHEETS.includes(batch.comparisonSheet ?? '') ? (batch.comparisonSheet as string) : COMPARISON_SHEET;
    const append = (target: string, rows: CellValue[][]) => {
      if (rows.length === 0) return;
      if (!names.includes(target))
        return replaceRows(wb, names, target, [...(target === COMBINED_SHEET ? COMBINED_HEADER : COMPARISON_HEADER)], rows);
      wb.appendRows(target, rows);
    };
    append(COMBINED_SHEET, batch.results);
    append(sheet, batch.comparison);
    return { ok: true, removed: 0, written: batch.results.length + batch.comparison.length, comparisonSheet: sheet, note: null };
  }
  const files = new Set(batch.files);
  const t = targets(wb, names, batch.results.length, batch.comparison.length);
  // The results tab kept by hand stops everything (the check has said so before the button); a comparison
  // tab kept by hand only sends the comparison to a tab of its own.
  if (t.results && 'refusal' in t.results) return { ok: false, message: `${t.results.refusal} Ничего не записано.` };
  let removed = 0;
  const write = (target: LongTarget | null, header: readonly string[], rows: CellValue[][]): string | null => {
    if (!target || 'refusal' in target) return null;
    const { kept, removed: gone } = keptOf(target.values, files, header.length);
    removed += gone;
    replaceRows(wb, names, target.sheet, [...header], [...kept, ...rows]);
    if (!names.includes(target.sheet)) names.push(target.sheet);
    return target.sheet;
  };
  write(t.results, COMBINED_HEADER, batch.results);
  const comparisonSheet = write(t.comparison, COMPARISON_HEADER, batch.comparison);
  const written = batch.results.length + (comparisonSheet ? batch.comparison.length : 0);
  const note =
    t.comparison && 'refusal' in t.comparison
      ? `Сравнение с журналом не записано (${batch.comparison.length} ${plural(batch.comparison.length, ['строка', 'строки', 'строк'])}): ${t.comparison.refusal}`
      : insteadNote(t);
  return { ok: true, removed, written, comparisonSheet, note };
}
