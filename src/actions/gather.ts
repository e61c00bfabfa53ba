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
import type { PupilSummary } from '../core/pupils';
import { PUPILS_HEADER, PUPILS_LISTS, PUPILS_SHEET, PUPILS_WIDTHS, pupilSummaryRows } from '../core/pupils-tab';
import type { Problem } from '../core/results';
import { REGISTRY_SHEET } from '../core/registry';
import { SETTINGS_SHEET } from '../core/settings';
import { loginKey } from '../core/login';
import { LEVELS_HEADER, LEVELS_SHEET, LEVELS_WIDTHS, levelRecords, levelRows, readLevels, type LevelRecord } from '../core/levels';
import {
  combineFiles,
  type FileReading,
  type Incomplete,
  incompleteFromRows,
  READING_HEADER,
  READING_SHEET,
  READING_WIDTHS,
  readingRows,
  readSource,
} from '../core/sources';
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
  return (
    own.includes(name) ||
    [COMBINED_SHEET, REGISTRY_SHEET, SETTINGS_SHEET, JOURNAL_SHEET, READING_SHEET, LEVELS_SHEET].includes(name) ||
    /^ДК /.test(name)
  );
}

/**
 * Reads every tab once; when some are ФИС ОКО reports, writes them into the long tab and returns
 * «gathered». `requested` is the sheet the person chose (the long tab: the reports; another: nothing
 * gathered). `own` lists the add-on's tabs that are never sources.
 */
export function gatherReportTabs(
  wb: Workbook,
  requested: string | undefined,
  own: readonly string[],
  /** The book's tab names, read once by the caller; the tabs this writes are added to it. */
  names: string[] = wb.sheetNames(),
): Gathered {
  if (requested !== undefined && requested !== COMBINED_SHEET) return { kind: 'none' };
  const readings: FileReading[] = [];
  for (const name of names) {
    if (ownTab(name, own) || name === COMPARISON_SHEET || name === COMPARISON_OWN_SHEET) continue;
    readings.push(readSource(tabSource(name), [wb.readSheet(name)]));
  }
  const isReport = (r: FileReading) =>
    r.sheets.some(
      (s) =>
        s.kind === 'статистика по отметкам' ||
        s.kind === 'индивидуальные результаты' ||
        (s.kind === 'сравнение с журналом' && s.from.length > 0),
    );
  const reports = readings.filter(isReport);
  if (!reports.some((r) => r.sheets.some((s) => s.kind === 'статистика по отметкам' || s.kind === 'индивидуальные результаты')))
    return { kind: 'none' };
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
  const kept = keptRows(wb, names, COMBINED_SHEET, COMBINED_HEADER);
  const keptKeys = new Set(
    kept.map((r) => `${loginKey(String(r[5] ?? '')) || `name:${normalizeHeader(r[6])}`}|${r[1]} ${r[3]} ${r[2]}|${r[0]}`),
  );
  const fresh = combinedRows(combined.records).slice(1);
  const rows = [
    ...kept,
    ...fresh.filter(
      (r) => !keptKeys.has(`${loginKey(String(r[5] ?? '')) || `name:${normalizeHeader(r[6])}`}|${r[1]} ${r[3]} ${r[2]}|${r[0]}`),
    ),
  ];
  replaceRows(wb, names, COMBINED_SHEET, [...COMBINED_HEADER], rows);
  if (combined.comparison.length > 0) writeComparison(wb, names, combined.comparison, combined.problems);
  // Ф1 tabs: their per-school summaries, beside the uploaded files' rows (rows of tabs since removed go).
  if (combined.summaries.length > 0 || names.includes(PUPILS_SHEET)) writePupils(wb, names, combined.summaries, combined.problems);
  // What each tab held: the verdict says so when a tab that looks like results could not be read.
  const described = readings.filter((r) => !overlapping.includes(r));
  replaceRows(
    wb,
    names,
    READING_SHEET,
    [...READING_HEADER],
    [...keptRows(wb, names, READING_SHEET, READING_HEADER), ...readingRows(described)],
  );
  // «Вся выборка», the region, the municipality of the report tabs: the справка's «по району», «по региону», «по России».
  const levels = levelRows(levelRecords(reports));
  if (levels.length > 0 || names.includes(LEVELS_SHEET))
    replaceRows(wb, names, LEVELS_SHEET, [...LEVELS_HEADER], [...keptRows(wb, names, LEVELS_SHEET, LEVELS_HEADER), ...levels]);
  const tabs = used.map((r) => r.sheets[0]?.sheet as string);
  return {
    kind: 'gathered',
    tabs,
    problems: combined.problems,
    message: `Вкладки ФИС ОКО сведены в «${COMBINED_SHEET}»: ${tabs.map((t) => `«${t}»`).join(', ')}.`,
  };
}

/** The rows of an own long tab that came from uploaded files (not from tabs), without the header. */
function keptRows(wb: Workbook, names: readonly string[], sheet: string, header: readonly CellValue[]): CellValue[][] {
  if (!names.includes(sheet)) return [];
  const values = wb.readSheet(sheet).values;
  const head = (values[0] ?? []).map((v) => normalizeHeader(v));
  const file = head.indexOf(normalizeHeader(FILE_HEADER));
  if (file < 0) return [];
  return alignedRows(
    values[0] ?? [],
    values.slice(1).filter((r) => r.some((v) => v !== null && v !== '') && !fromTab(r[file])),
    header,
  );
}

/**
 * An own tab's rows in the order of `header`, columns matched by name: a tab written before a column was added
 * («Расходятся с журналом на 2 и более, чел.» of «Результаты участников») still lines up, the new column empty.
 */
export function alignedRows(
  top: readonly CellValue[],
  rows: readonly (readonly CellValue[])[],
  header: readonly CellValue[],
): CellValue[][] {
  const old = top.map((v) => normalizeHeader(v));
  const at = header.map((h) => old.indexOf(normalizeHeader(h)));
  if (at.every((c, i) => c === i)) return rows.map((r) => r.slice(0, header.length));
  return rows.map((r) => at.map((c) => (c < 0 ? null : (r[c] ?? null))));
}

/** Writes header and rows over the tab's first columns, clearing the rows left below; one write, one clear. */
/** Writes an own long tab whole (creating it when `names` lacks it, then adding it to `names`). */
export function replaceRows(wb: Workbook, names: string[], sheet: string, header: CellValue[], rows: CellValue[][]): void {
  const existing = names.includes(sheet) ? wb.readSheet(sheet).values.length : 0;
  if (!names.includes(sheet)) wb.ensureSheet(sheet);
  const width = header.length;
  const block = [header, ...rows].map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
  wb.writeBlock(sheet, 0, 0, block);
  if (existing > block.length) wb.clearBlock(sheet, { row: block.length, col: 0, rows: existing - block.length, cols: width });
  if (!names.includes(sheet)) {
    styleLongTab(wb, sheet, header.length, block.length);
    names.push(sheet);
  }
}

/**
 * A new long tab of `rows` rows with its header: bold frozen header, widths to read names and sources. The
 * reasons of «Прочитанные файлы» wrap; «Результаты участников» wraps its header and its lists (tasks,
 * points, completion, histogram), so nothing is cut.
 */
export function styleLongTab(wb: Workbook, sheet: string, width: number, rows = 0): void {
  wb.setFontWeights(sheet, 0, 0, [Array.from({ length: width }, () => 'bold' as const)]);
  wb.freeze(sheet, 1, 0);
  const widths =
    sheet === COMBINED_SHEET
      ? COMBINED_WIDTHS
      : sheet === COMPARISON_SHEET || sheet === COMPARISON_OWN_SHEET
        ? COMPARISON_WIDTHS
        : sheet === PUPILS_SHEET
          ? PUPILS_WIDTHS
          : sheet === READING_SHEET
            ? READING_WIDTHS
            : sheet === LEVELS_SHEET
              ? LEVELS_WIDTHS
              : [];
  if (widths.length === width) wb.setColumnWidths(sheet, 0, widths);
  if (sheet === READING_SHEET && rows > 0) wb.setWrap(sheet, { row: 0, col: width - 1, rows, cols: 1 }, true);
  if (sheet === PUPILS_SHEET && width === PUPILS_HEADER.length) {
    wb.setWrap(sheet, { row: 0, col: 0, rows: 1, cols: width }, true);
    if (rows > 1) wb.setWrap(sheet, { row: 1, col: PUPILS_LISTS.col, rows: rows - 1, cols: PUPILS_LISTS.cols }, true);
  }
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
function writeComparison(wb: Workbook, names: string[], rows: CombinedComparison[], problems: Problem[]): void {
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
  const kept = keptRows(wb, names, target.sheet, header);
  replaceRows(wb, names, target.sheet, header, [...kept, ...comparisonRows(rows).slice(1)]);
}

/** «Результаты участников» from the Ф1 tabs: written when the tab is the add-on's (has «Файл») or absent. */
function writePupils(wb: Workbook, names: string[], summaries: readonly PupilSummary[], problems: Problem[]): void {
  if (names.includes(PUPILS_SHEET)) {
    const first = (wb.readSheet(PUPILS_SHEET).values[0] ?? []).map((v) => normalizeHeader(v));
    if (!first.includes(normalizeHeader(FILE_HEADER))) {
      if (summaries.length > 0)
        problems.push({
          severity: 'предупреждение',
          sheet: PUPILS_SHEET,
          row: null,
          column: null,
          value: '',
          message: `Итоги индивидуальных результатов не записаны: лист «${PUPILS_SHEET}» ведётся вручную и не меняется. Переименуйте его, и проверка создаст свой.`,
        });
      return;
    }
  }
  const kept = keptRows(wb, names, PUPILS_SHEET, PUPILS_HEADER);
  replaceRows(wb, names, PUPILS_SHEET, [...PUPILS_HEADER], [...kept, ...pupilSummaryRows(summaries).slice(1)]);
}

/**
 * The warning of «Прочитанные файлы» when the result sheet is the long tab the files were read into (a
 * sheet of the person's own is not about those files). One read, and only when the tab is there.
 */
export function readIncomplete(wb: Workbook, names: readonly string[], sheet: string): Incomplete | null {
  if (sheet !== COMBINED_SHEET || !names.includes(READING_SHEET)) return null;
  return incompleteFromRows(wb.readSheet(READING_SHEET).values);
}

/** The warning as the head of «ШНОР: итоги» and a message show it: the headline, then one file per line. */
export function incompleteNote(incomplete: Incomplete): string {
  return `ВНИМАНИЕ: ${incomplete.headline}. Не прочитаны:\n${incomplete.lines.join('\n')}`;
}

/** «Средние ФИС ОКО» when the result sheet is the long tab the reports were read into; none otherwise. */
export function readLevelsTab(wb: Workbook, names: readonly string[], sheet: string): LevelRecord[] {
  if (sheet !== COMBINED_SHEET || !names.includes(LEVELS_SHEET)) return [];
  return readLevels(wb.readSheet(LEVELS_SHEET).values);
}
