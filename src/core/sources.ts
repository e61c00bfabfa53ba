/**
 * What one file holds, sheet by sheet: a ФИС ОКО report (marks or journal comparison), a comparison with
 * the journal in the long layout, or a result table of any layout the product reads. Used by the CLI for
 * every input file, by «Проверить школы…» over the tabs of a book and by the upload sidebar in the browser,
 * so that all three recognise the same things and say the same about what they skip.
 */
import type { Aggregate } from './fisoko';
import { parseFisOkoReport } from './fisoko';
import { combine, type Combined, type SourceComparison, type SourceTable } from './combine';
import { parsePupilSheet, type PupilSheet, type PupilSummary, summarise, summaryResults } from './pupils';
import { comparisonHeaderRow, parseJournalComparison } from './objectivity';
import { type Grid, NotAResultTableError, parseResultTable, type Problem } from './results';
import { formatNumber, plural } from './text';

export type SheetKind = 'результаты' | 'статистика по отметкам' | 'сравнение с журналом' | 'индивидуальные результаты' | 'не результаты';

/** One line per sheet for the person who loads the file: what was recognised, or why not. */
export interface SheetReading {
  sheet: string;
  kind: SheetKind;
  procedures: string[];
  years: number[];
  schools: number;
  /** Where a report's procedure and year were read (заголовок, имя файла, имя листа). */
  from: string[];
  /** Why the sheet is not used (kind «не результаты»). */
  why: string;
  /** The municipality's line of a ФИС ОКО report, when it has one. */
  district: Aggregate | null;
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
    const base = {
      sheet: grid.sheet,
      procedures: [] as string[],
      years: [] as number[],
      schools: 0,
      from: [] as string[],
      why: '',
      district: null,
    };
    const f1 = parsePupilSheet(grid, file);
    if (typeof f1 === 'string') {
      out.sheets.push({ ...base, kind: 'не результаты', why: f1 });
      continue;
    }
    if (f1) {
      const summaries = summarise(f1);
      const { table, comparison } = summaryResults(f1, summaries);
      out.tables.push({ file, table });
      if (comparison.length > 0) out.comparisons.push({ file, sheet: grid.sheet, rows: comparison });
      (out.pupils ??= []).push(f1);
      (out.summaries ??= []).push(...summaries);
      out.sheets.push({
        ...base,
        kind: 'индивидуальные результаты',
        procedures: [f1.procedure],
        years: [f1.year],
        from: f1.from,
        schools: f1.schools.length,
        pupils: f1.pupils,
        missing: f1.missing,
      });
      continue;
    }
    const report = parseFisOkoReport(grid, file);
    if (typeof report === 'string') {
      out.sheets.push({ ...base, kind: 'не результаты', why: report });
      continue;
    }
    if (report) {
      const common = { ...base, procedures: [report.procedure], years: [report.year], from: report.from, district: report.district };
      if (report.kind === 'marks') {
        out.tables.push({ file, table: report.table });
        out.sheets.push({ ...common, kind: 'статистика по отметкам', schools: report.table.schools.length });
      } else {
        out.comparisons.push({ file, sheet: grid.sheet, rows: report.rows });
        out.tables.push({ file, table: { ...emptyTable(grid.sheet), problems: report.problems } });
        out.sheets.push({ ...common, kind: 'сравнение с журналом', schools: report.rows.length });
      }
      continue;
    }
    if (comparisonHeaderRow(grid) >= 0) {
      const c = parseJournalComparison(grid);
      out.comparisons.push({ file, sheet: grid.sheet, rows: c.rows });
      out.tables.push({ file, table: { ...emptyTable(grid.sheet), problems: c.problems } });
      out.sheets.push({
        ...base,
        kind: 'сравнение с журналом',
        procedures: [...new Set(c.rows.map((r) => r.procedure))].sort(),
        years: [...new Set(c.rows.map((r) => r.year))].sort((a, b) => a - b),
        schools: new Set(c.rows.map((r) => r.key)).size,
      });
      continue;
    }
    try {
      const table = parseResultTable(grid);
      if (table.schools.length === 0) {
        out.sheets.push({ ...base, kind: 'не результаты', why: `лист «${grid.sheet}»: нет строк со школами` });
        continue;
      }
      out.tables.push({ file, table });
      out.sheets.push({ ...base, kind: 'результаты', procedures: table.procedures, years: table.years, schools: table.schools.length });
    } catch (e) {
      if (!(e instanceof NotAResultTableError)) throw e;
      out.sheets.push({ ...base, kind: 'не результаты', why: e.message.replace(/^Лист/, 'лист') });
    }
  }
  out.recognised = out.sheets.some((s) => s.kind !== 'не результаты');
  return out;
}

function emptyTable(sheet: string) {
  return {
    sheet,
    layout: 'long' as const,
    firstDataRow: 0,
    schools: [],
    years: [],
    procedures: [],
    problems: [] as Problem[],
    guesses: [],
  };
}

/** «ВПР МА 5, 2025: 28 ОО (заголовок)» — one line per recognised sheet; «не результаты: …» otherwise. */
export function describeSheet(s: SheetReading): string {
  if (s.kind === 'не результаты') return `не таблица результатов: ${s.why}`;
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

/**
 * The files together. Files with nothing recognised are reported and left out; when no file has anything,
 * the result has no records and the caller says why with `unrecognised`.
 */
export function combineFiles(files: readonly FileReading[]): Combined & { unrecognised: FileReading[]; summaries: PupilSummary[] } {
  const used = files.filter((f) => f.recognised);
  const combined = combine(
    used.flatMap((f) => f.tables),
    used.flatMap((f) => f.comparisons),
  );
  const unrecognised = files.filter((f) => !f.recognised);
  const skipped: Problem[] = unrecognised.map((f) => ({
    severity: 'предупреждение',
    sheet: f.file,
    row: null,
    column: null,
    value: '',
    message: f.unreadable ? `Файл пропущен: ${f.unreadable}` : `Файл пропущен: в нём нет таблицы результатов (${skippedReason(f)}).`,
  }));
  return { ...combined, problems: [...skipped, ...combined.problems], unrecognised, summaries: pupilSummaries(used) };
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
