/**
 * «Справочник мероприятий»: the canonical activities (src/core/catalogue.ts), each with the programmes'
 * own words it stands for, shipped with the add-on, copied into a tab the district edits and extends.
 * Running again adds only the entries the tab lacks (by code): nothing the district changed or added is
 * overwritten. A column added in a later version («Переход 4→5») is appended to an older tab, filled for
 * the shipped entries only. A tab of the version before the canonical catalogue keeps its rows (one per
 * programme item); they are no longer proposed, since each stands in «Источники» of a canonical row.
 * The roadmap proposals read the tab back (readCatalogue), so the district's own rows are proposed too.
 */
import { CATALOGUE, type CatalogueActivity } from '../core/catalogue';
import {
  CATALOGUE_COLUMNS,
  CATALOGUE_TAB_HEADER,
  type CatalogueKey,
  catalogueTabRow,
  headerKey,
  parseCatalogueTab,
} from '../core/catalogue-tab';
import type { Problem } from '../core/results';
import type { CellValue } from '../core/text';
import type { Workbook } from '../workbook/port';

export const CATALOGUE_SHEET = 'Справочник мероприятий';
export const CATALOGUE_HEADER: string[] = [...CATALOGUE_TAB_HEADER];
/** Columns that came with a later version: appended to a tab that lacks them. */
const ADDED_LATER: readonly CatalogueKey[] = ['transition'];
const CODE = CATALOGUE_COLUMNS.findIndex((c) => c.key === 'code');

export function catalogueRows(): CellValue[][] {
  return CATALOGUE.map(catalogueTabRow);
}

/** The catalogue's columns a printout holds: Направление … «Документ, закрепляющий результат». */
export const PRINTED_COLUMNS = CATALOGUE_COLUMNS.findIndex((c) => c.key === 'document') + 1;

export function writeCatalogue(wb: Workbook): { added: number; kept: number; message: string } {
  const { created } = wb.ensureSheet(CATALOGUE_SHEET);
  const existing = created ? [] : wb.readSheet(CATALOGUE_SHEET).values;
  const rows = catalogueRows();
  if (existing.length === 0) {
    // As text: Sheets would read «1.1» in «Пункт» and «Сентябрь 2020» in «Сроки» as dates.
    wb.setNumberFormat(CATALOGUE_SHEET, { row: 0, col: 0, rows: rows.length + 500, cols: CATALOGUE_HEADER.length }, '@');
    wb.writeBlock(CATALOGUE_SHEET, 0, 0, [CATALOGUE_HEADER, ...rows]);
    wb.setFontWeights(CATALOGUE_SHEET, 0, 0, [CATALOGUE_HEADER.map(() => 'bold')]);
    // Opens on the direction and the activity: both stay in view while scrolling right.
    wb.freeze(CATALOGUE_SHEET, 1, 2);
    wb.setColumnWidths(
      CATALOGUE_SHEET,
      0,
      CATALOGUE_COLUMNS.map((c) => c.width),
    );
    // Long texts wrap within their columns, on screen and on paper; a printout holds the columns of a
    // roadmap (direction to document), the sources' own words and the codes are left to the screen.
    wb.setWrap(CATALOGUE_SHEET, { row: 0, col: 0, rows: rows.length + 1, cols: CATALOGUE_HEADER.length }, true);
    wb.setPrintColumns(CATALOGUE_SHEET, PRINTED_COLUMNS);
    return { added: rows.length, kept: 0, message: `На лист «${CATALOGUE_SHEET}» записано мероприятий: ${rows.length}.` };
  }
  const header = addMissingColumns(wb, existing);
  const codeCol = header.findIndex((v) => headerKey(v) === 'code');
  const have = new Set(existing.slice(1).map((r) => String(r[codeCol < 0 ? 0 : codeCol] ?? '').trim()));
  // Missing entries go under the tab's own header, whatever order the district left its columns in.
  const order = header.map((h) => CATALOGUE_COLUMNS.findIndex((c) => c.key === headerKey(h)));
  const missing = rows.filter((r) => !have.has(String(r[CODE]))).map((r) => order.map((i) => (i < 0 ? null : (r[i] ?? null))));
  if (missing.length > 0) {
    wb.setNumberFormat(CATALOGUE_SHEET, { row: existing.length, col: 0, rows: missing.length, cols: header.length }, '@');
    wb.writeBlock(CATALOGUE_SHEET, existing.length, 0, missing);
    wb.setWrap(CATALOGUE_SHEET, { row: existing.length, col: 0, rows: missing.length, cols: header.length }, true);
  }
  const kept = existing.length - 1;
  return {
    added: missing.length,
    kept,
    message:
      missing.length > 0
        ? `В «${CATALOGUE_SHEET}» добавлено недостающих мероприятий: ${missing.length}; строки района (${kept}) не изменены.`
        : `«${CATALOGUE_SHEET}»: все мероприятия программ уже есть; строки района (${kept}) не изменены.`,
  };
}

/**
 * Columns of this version that an older tab lacks go after its last column: the header, and the shipped
 * entries' values by code (the district's own rows stay empty). One write per missing column.
 */
function addMissingColumns(wb: Workbook, existing: CellValue[][]): CellValue[] {
  const header = [...(existing[0] ?? [])];
  const found = new Set(header.map(headerKey));
  const codeCol = header.findIndex((v) => headerKey(v) === 'code');
  const byId = new Map(CATALOGUE.map((a) => [a.id, catalogueTabRow(a)]));
  CATALOGUE_COLUMNS.forEach((c, i) => {
    if (found.has(c.key) || !ADDED_LATER.includes(c.key)) return;
    const at = header.length;
    const block: CellValue[][] = existing.map((r, rowIndex) =>
      rowIndex === 0 ? [c.header] : [byId.get(String(r[codeCol < 0 ? 0 : codeCol] ?? '').trim())?.[i] ?? null],
    );
    wb.writeBlock(CATALOGUE_SHEET, 0, at, block);
    wb.setFontWeights(CATALOGUE_SHEET, 0, at, [['bold']]);
    header.push(c.header);
  });
  return header;
}

export interface LoadedCatalogue {
  activities: CatalogueActivity[];
  problems: Problem[];
  /** Whether the tab exists; without it the shipped catalogue applies. */
  fromTab: boolean;
  /** Rows of the older per-item version in the tab: kept, no longer proposed. */
  superseded: number;
}

/** The catalogue as the district keeps it: the tab when there is one (one read), else the shipped one. */
export function readCatalogue(wb: Workbook, sheetNames: string[]): LoadedCatalogue {
  if (!sheetNames.includes(CATALOGUE_SHEET)) return { activities: [...CATALOGUE], problems: [], fromTab: false, superseded: 0 };
  const tab = parseCatalogueTab(wb.readSheet(CATALOGUE_SHEET));
  return { activities: tab.activities, problems: tab.problems, fromTab: true, superseded: tab.superseded };
}
