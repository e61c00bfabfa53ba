/**
 * «ШНОР: итоги» read as a reader of the tab reads it: columns found by their header through the shared
 * column map (core/summary-columns), rows by the school's login — never by a column's number.
 */
import { SUMMARY_HEADER_ROW } from '../../src/actions/analyze';
import { type SummaryKey, summaryColumnIndex } from '../../src/core/summary-columns';
import type { CellValue } from '../../src/core/text';

export interface SummaryTable {
  header: CellValue[];
  /** The school rows, in the tab's order. */
  rows: CellValue[][];
  /** The 0-based column of a key (of a year, for a per-year column); throws when the tab has none. */
  col(key: SummaryKey, year?: number): number;
  /** The row of a school by its login. */
  row(login: string): CellValue[] | undefined;
  /** A cell of a school's row. */
  cell(login: string, key: SummaryKey, year?: number): CellValue;
  /** A column's values, one per school. */
  column(key: SummaryKey, year?: number): CellValue[];
}

/** The tab's values (rows of cells, as the in-memory workbook, the emulator or exceljs give them). */
export function summaryTable(values: readonly (readonly CellValue[] | undefined)[]): SummaryTable {
  const header = [...(values[SUMMARY_HEADER_ROW] ?? [])];
  const rows = values.slice(SUMMARY_HEADER_ROW + 1).map((r) => [...(r ?? [])]);
  const col = (key: SummaryKey, year?: number) => {
    const i = summaryColumnIndex(header, key, year);
    if (i < 0) throw new Error(`«ШНОР: итоги» без столбца ${key}${year ? ` ${year}` : ''}`);
    return i;
  };
  const row = (login: string) => rows.find((r) => r[col('login')] === login);
  return {
    header,
    rows,
    col,
    row,
    cell: (login, key, year) => row(login)?.[col(key, year)],
    column: (key, year) => rows.map((r) => r[col(key, year)]),
  };
}

/** A school's row of «ШНОР: итоги» by meaning: its login, its name (the ОО column without the login), status, reasons. */
export interface SummarySchool {
  login: string;
  name: string;
  /** The ОО column as written: «Название (логин)». */
  school: string;
  status: string;
  details: string;
}

export function summarySchools(values: readonly (readonly CellValue[] | undefined)[]): SummarySchool[] {
  const t = summaryTable(values);
  return t.rows.map((r) => {
    const login = String(r[t.col('login')] ?? '');
    const school = String(r[t.col('school')] ?? '');
    const suffix = ` (${login})`;
    return {
      login,
      school,
      name: login && school.endsWith(suffix) ? school.slice(0, -suffix.length) : school,
      status: String(r[t.col('status')] ?? ''),
      details: String(r[t.col('details')] ?? ''),
    };
  });
}
