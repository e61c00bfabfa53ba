/**
 * ФИС ОКО reports in the book: tabs brought in with File → Import → «Insert new sheets», one report per
 * tab, read together into the long results tab «Результаты ФИС ОКО» (and the journal reports into «Сравнение
 * с журналом») before «Проверить школы…» runs. Rows the upload sidebar wrote (their «Файл» names a file)
 * stay; rows gathered from tabs (their «Файл» reads «вкладка «…»») are replaced on every run. A result
 * tab of the usual layouts that covers the same procedures and years as the reports is a question, not a
 * guess: the person is asked which to check.
 */
import {
  COMBINED_HEADER,
  COMBINED_SHEET,
  COMBINED_WIDTHS,
  type CombinedComparison,
  combinedRows,
  COMPARISON_HEADER,
  COMPARISON_WIDTHS,
  comparisonRows,
  FILE_HEADER,
} from '../core/combine';
import { COMPARISON_OWN_SHEET, COMPARISON_SHEET } from '../core/objectivity';
import type { Problem } from '../core/results';
import { REGISTRY_SHEET } from '../core/registry';
import { SETTINGS_SHEET } from '../core/settings';
import { combineFiles, type FileReading, readSource } from '../core/sources';
import { type CellValue, normalizeHeader } from '../core/text';
import { JOURNAL_SHEET } from '../core/journal';
import type { Workbook } from '../workbook/port';

/** How a gathered row names its tab in «Файл». */
export const tabSource = (sheet: string) => `вкладка «${sheet}»`;
const fromTab = (file: CellValue) => /^вкладка «/.test(String(file ?? ''));

export type Gathered =
  | { kind: 'none' }
  | { kind: 'gathered'; tabs: string[]; problems: Problem[]; message: string }
  | { kind: 'choose'; candidates: string[]; message: string };

/** Tabs never read as sources: the add-on's own, the registry, the settings, roadmaps. */
function ownTab(name: string, own: readonly string[]): boolean {
  return own.includes(name) || [COMBINED_SHEET, REGISTRY_SHEET, SETTINGS_SHEET, JOURNAL_SHEET].includes(name) || /^ДК /.test(name);
}

/**
 * Reads every tab once; when some are ФИС ОКО reports, writes them into the long tab and returns
 * «gathered». `requested` is the sheet the person chose (the long tab: the reports; another: nothing
 * gathered). `own` lists the add-on's tabs that are never sources.
 */
export function gatherReportTabs(wb: Workbook, requested: string | undefined, own: readonly string[]): Gathered {
  if (requested !== undefined && requested !== COMBINED_SHEET) return { kind: 'none' };
  const names = wb.sheetNames();
  const readings: FileReading[] = [];
  for (const name of names) {
    if (ownTab(name, own) || name === COMPARISON_SHEET || name === COMPARISON_OWN_SHEET) continue;
    readings.push(readSource(tabSource(name), [wb.readSheet(name)]));
  }
  const isReport = (r: FileReading) =>
    r.sheets.some((s) => s.kind === 'статистика по отметкам' || (s.kind === 'сравнение с журналом' && s.from.length > 0));
  const reports = readings.filter(isReport);
  if (!reports.some((r) => r.sheets.some((s) => s.kind === 'статистика по отметкам'))) return { kind: 'none' };
  const covered = new Set(
    reports.flatMap((r) => r.tables.flatMap((t) => t.table.schools.flatMap((s) => s.results.map((x) => `${x.procedure}|${x.year}`)))),
  );
  const tables = readings.filter((r) => !isReport(r) && r.sheets.some((s) => s.kind === 'результаты'));
  const overlapping = tables.filter((r) =>
    r.tables.some((t) => t.table.schools.some((s) => s.results.some((x) => covered.has(`${x.procedure}|${x.year}`)))),
  );
  if (overlapping.length > 0 && requested === undefined) {
    const list = overlapping.map((r) => r.sheets[0]?.sheet as string);
    return {
      kind: 'choose',
      candidates: [COMBINED_SHEET, ...list],
      message: `В книге есть вкладки-отчёты ФИС ОКО (${reports.length}) и таблица результатов за те же процедуры и годы: ${list.map((n) => `«${n}»`).join(', ')}. Что проверить? «${COMBINED_SHEET}» — все отчёты вместе.`,
    };
  }
  // A ГИА table beside the reports (other procedures or years) belongs to the same data.
  const used = [...reports, ...tables.filter((r) => !overlapping.includes(r))];
  const combined = combineFiles(used);
  const kept = keptRows(wb, names, COMBINED_SHEET, COMBINED_HEADER.length);
  const keptKeys = new Set(
    kept.map((r) => `${String(r[5] ?? '').toLowerCase() || `name:${normalizeHeader(r[6])}`}|${r[1]} ${r[3]} ${r[2]}|${r[0]}`),
  );
  const fresh = combinedRows(combined.records).slice(1);
  const rows = [
    ...kept,
    ...fresh.filter(
      (r) => !keptKeys.has(`${String(r[5] ?? '').toLowerCase() || `name:${normalizeHeader(r[6])}`}|${r[1]} ${r[3]} ${r[2]}|${r[0]}`),
    ),
  ];
  replaceRows(wb, names, COMBINED_SHEET, [...COMBINED_HEADER], rows);
  if (combined.comparison.length > 0) writeComparison(wb, names, combined.comparison, combined.problems);
  const tabs = used.map((r) => r.sheets[0]?.sheet as string);
  return {
    kind: 'gathered',
    tabs,
    problems: combined.problems,
    message: `Вкладки ФИС ОКО сведены в «${COMBINED_SHEET}»: ${tabs.map((t) => `«${t}»`).join(', ')}.`,
  };
}

/** The rows of an own long tab that came from uploaded files (not from tabs), without the header. */
function keptRows(wb: Workbook, names: readonly string[], sheet: string, width: number): CellValue[][] {
  if (!names.includes(sheet)) return [];
  const values = wb.readSheet(sheet).values;
  const header = (values[0] ?? []).map((v) => normalizeHeader(v));
  const file = header.indexOf(normalizeHeader(FILE_HEADER));
  if (file < 0) return [];
  return values
    .slice(1)
    .filter((r) => r.some((v) => v !== null && v !== '') && !fromTab(r[file]))
    .map((r) => r.slice(0, width));
}

/** Writes header and rows over the tab's first columns, clearing the rows left below; one write, one clear. */
export function replaceRows(wb: Workbook, names: readonly string[], sheet: string, header: CellValue[], rows: CellValue[][]): void {
  const existing = names.includes(sheet) ? wb.readSheet(sheet).values.length : 0;
  if (!names.includes(sheet)) wb.ensureSheet(sheet);
  const width = header.length;
  const block = [header, ...rows].map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
  wb.writeBlock(sheet, 0, 0, block);
  if (existing > block.length) wb.clearBlock(sheet, { row: block.length, col: 0, rows: existing - block.length, cols: width });
  if (!names.includes(sheet)) styleLongTab(wb, sheet, header.length);
}

/** A new long tab: bold frozen header, widths to read names and sources. */
export function styleLongTab(wb: Workbook, sheet: string, width: number): void {
  wb.setFontWeights(sheet, 0, 0, [Array.from({ length: width }, () => 'bold' as const)]);
  wb.freeze(sheet, 1, 0);
  const widths =
    sheet === COMBINED_SHEET ? COMBINED_WIDTHS : sheet === COMPARISON_SHEET || sheet === COMPARISON_OWN_SHEET ? COMPARISON_WIDTHS : [];
  if (widths.length === width) wb.setColumnWidths(sheet, 0, widths);
}

/** Whether a tab's first row is the add-on's own long layout (it has «Файл»): only then does the add-on write into it. */
export const isOwnLongTab = (values: readonly (readonly CellValue[])[]) =>
  (values[0] ?? []).some((v) => normalizeHeader(v) === normalizeHeader(FILE_HEADER));

/**
 * Where the add-on's rows of a long tab go, with the tab's values when it exists: the tab itself when it is
 * absent or the add-on's; when people keep a tab of that name by hand, the `fallback` tab (once written,
 * the fallback is kept); without a fallback, the refusal to show. One read per tab looked at.
 */
export type LongTarget = { sheet: string; values: CellValue[][] | null; instead: string | null } | { refusal: string };

export function longTarget(wb: Workbook, names: readonly string[], sheet: string, fallback?: string): LongTarget {
  const manual = (name: string) => `Лист «${name}» ведётся вручную (нет столбца «${FILE_HEADER}»)`;
  if (fallback && names.includes(fallback)) {
    const values = wb.readSheet(fallback).values;
    if (isOwnLongTab(values)) return { sheet: fallback, values, instead: names.includes(sheet) ? sheet : null };
  }
  if (!names.includes(sheet)) return { sheet, values: null, instead: null };
  const values = wb.readSheet(sheet).values;
  if (isOwnLongTab(values)) return { sheet, values, instead: null };
  if (!fallback) return { refusal: `${manual(sheet)}: надстройка в него не пишет. Переименуйте его, и загрузка создаст свой.` };
  if (names.includes(fallback))
    return { refusal: `${manual(sheet)}, и лист «${fallback}» тоже: переименуйте один из них, и загрузка запишет в него сравнение.` };
  return { sheet: fallback, values: null, instead: sheet };
}

/** What a note says when the comparison goes to a tab of its own. */
export const comparisonInsteadNote = (instead: string, sheet: string) =>
  `Лист «${instead}» ведётся вручную и не меняется: сравнение с журналом из ФИС ОКО записывается на лист «${sheet}». Проверка и справка читают оба листа.`;

/** The comparison from the journal reports: into «Сравнение с журналом» when it is the add-on's or absent, else into a tab of its own. */
function writeComparison(wb: Workbook, names: readonly string[], rows: CombinedComparison[], problems: Problem[]): void {
  const header = [...COMPARISON_HEADER];
  const target = longTarget(wb, names, COMPARISON_SHEET, COMPARISON_OWN_SHEET);
  if ('refusal' in target) {
    problems.push({
      severity: 'предупреждение',
      sheet: COMPARISON_SHEET,
      row: null,
      column: null,
      value: '',
      message: `Отчёты «Сравнение отметок с отметками по журналу» из вкладок не записаны. ${target.refusal}`,
    });
    return;
  }
  if (target.instead)
    problems.push({
      severity: 'предупреждение',
      sheet: target.sheet,
      row: null,
      column: null,
      value: '',
      message: comparisonInsteadNote(target.instead, target.sheet),
    });
  const kept = keptRows(wb, names, target.sheet, header.length);
  replaceRows(wb, names, target.sheet, header, [...kept, ...comparisonRows(rows).slice(1)]);
}
