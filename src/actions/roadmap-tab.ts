/**
 * Writing a roadmap tab («ДК …»): the layout of src/core/roadmap-sheet.ts with its title, owner and
 * period row, header notes, widths, frozen header, dropdowns for block, status and responsible, date
 * formats, and conditional rules that keep the colours right as days pass: an unfinished row whose end
 * date is before TODAY() is overdue. Used by the roadmap generator and by the activity form.
 */
import {
  DISTRICT_OWNER,
  periodLabel,
  ROADMAP_COLUMN,
  ROADMAP_COLUMNS,
  ROADMAP_FIRST_ROW,
  ROADMAP_HEADER_ROW,
  ROADMAP_META_ROW,
  ROADMAP_STATUSES,
  ROADMAP_TITLE_ROW,
  roadmapMetaCells,
  roadmapRowCells,
  type RoadmapMeta,
  type RoadmapRow,
} from '../core/roadmap-sheet';
import { columnLetter, type CellValue } from '../core/text';
import type { ConditionalRule, Workbook } from '../workbook/port';
import { RULE_MARKER } from './analyze';

/**
 * The first of the service columns («Школа», «Код», «Контроль»), which close the layout: the add-on reads
 * them by header, people need not see them.
 */
export const ROADMAP_SERVICE_COLUMN = ROADMAP_COLUMN.school;

/** Rows below the header that carry dropdowns, date formats and colour rules, at least. */
export const ROADMAP_FORMATTED_ROWS = 997;

export const ROADMAP_COLORS = {
  section: '#e8eaf6',
  header: '#d9d9d9',
  overdue: '#f4c7c3',
  done: '#d9ead3',
  inWork: '#fff2cc',
  cancelled: '#eeeeee',
} as const;

export function roadmapTitle(meta: RoadmapMeta): string {
  const label = periodLabel(meta.period);
  return meta.owner === DISTRICT_OWNER
    ? `Дорожная карта муниципальной программы повышения качества образования (МППКО) на ${label}`
    : `Дорожная карта школьной программы повышения качества образования (ШППКО): ${meta.ownerName || meta.owner}, ${label}`;
}

export interface RoadmapLists {
  /** Blocks offered in the dropdown (others may still be typed). */
  blocks: string[];
  /** Responsible people offered in the dropdown (others may still be typed). */
  responsibles: string[];
}

/** The colour rules of a roadmap tab for `rows` rows from the first activity row. */
export function roadmapRules(rows: number): ConditionalRule[] {
  const top = ROADMAP_FIRST_ROW + 1;
  const status = `$${columnLetter(ROADMAP_COLUMN.status)}${top}`;
  const end = `$${columnLetter(ROADMAP_COLUMN.end)}${top}`;
  const activity = `$${columnLetter(ROADMAP_COLUMN.activity)}${top}`;
  const range = { row: ROADMAP_FIRST_ROW, col: 0, rows, cols: ROADMAP_COLUMNS.length };
  return [
    {
      ranges: [range],
      formula: `=AND(${RULE_MARKER}=0,${activity}<>"",ISNUMBER(${end}),${end}<TODAY(),${status}<>"выполнено",${status}<>"отменено")`,
      background: ROADMAP_COLORS.overdue,
    },
    { ranges: [range], formula: `=AND(${RULE_MARKER}=0,${status}="просрочено")`, background: ROADMAP_COLORS.overdue },
    { ranges: [range], formula: `=AND(${RULE_MARKER}=0,${status}="выполнено")`, background: ROADMAP_COLORS.done },
    { ranges: [range], formula: `=AND(${RULE_MARKER}=0,${status}="в работе")`, background: ROADMAP_COLORS.inWork },
    { ranges: [range], formula: `=AND(${RULE_MARKER}=0,${status}="отменено")`, background: ROADMAP_COLORS.cancelled, fontColor: '#777777' },
  ];
}

/**
 * Writes the head of a roadmap tab (title, owner and period, header with notes) and its formats for
 * `bodyRows` activity rows (at least ROADMAP_FORMATTED_ROWS). Creates the tab when missing. The body is
 * left as it is.
 */
export function layoutRoadmapTab(wb: Workbook, sheet: string, meta: RoadmapMeta, lists: RoadmapLists, bodyRows = 0): void {
  wb.ensureSheet(sheet);
  const width = ROADMAP_COLUMNS.length;
  const pad = (cells: CellValue[]) => [...cells, ...new Array<CellValue>(Math.max(0, width - cells.length)).fill('')];
  wb.writeBlock(sheet, ROADMAP_TITLE_ROW, 0, [
    pad([roadmapTitle(meta)]),
    pad(roadmapMetaCells(meta)),
    ROADMAP_COLUMNS.map((c) => c.header),
  ]);
  wb.setFontWeights(sheet, ROADMAP_TITLE_ROW, 0, [
    ROADMAP_COLUMNS.map((_, i) => (i === 0 ? 'bold' : 'normal')),
    ROADMAP_COLUMNS.map(() => 'normal'),
    ROADMAP_COLUMNS.map(() => 'bold'),
  ]);
  wb.setBackgrounds(sheet, ROADMAP_HEADER_ROW, 0, [ROADMAP_COLUMNS.map(() => ROADMAP_COLORS.header)]);
  wb.setNotes(sheet, ROADMAP_HEADER_ROW, 0, [ROADMAP_COLUMNS.map((c) => c.note)]);
  wb.setColumnWidths(
    sheet,
    0,
    ROADMAP_COLUMNS.map((c) => c.width),
  );
  wb.freeze(sheet, ROADMAP_HEADER_ROW + 1, 0);
  const rows = Math.max(ROADMAP_FORMATTED_ROWS, bodyRows + 200);
  // The header and the activities wrap inside their columns (the title and the owner row run across
  // the page instead); the service columns (login, catalogue code, control mark) are hidden from readers.
  wb.setWrap(sheet, { row: ROADMAP_HEADER_ROW, col: 0, rows: rows + 1, cols: ROADMAP_SERVICE_COLUMN }, true);
  wb.hideColumns(sheet, ROADMAP_SERVICE_COLUMN, width - ROADMAP_SERVICE_COLUMN);
  wb.setNumberFormat(sheet, { row: ROADMAP_META_ROW, col: 4, rows: 1, cols: 2 }, 'dd.mm.yyyy');
  wb.setNumberFormat(sheet, { row: ROADMAP_FIRST_ROW, col: ROADMAP_COLUMN.start, rows, cols: 2 }, 'dd.mm.yyyy');
  setRoadmapTextFormats(wb, sheet, bodyRows);
  const column = (key: keyof typeof ROADMAP_COLUMN) => ({ row: ROADMAP_FIRST_ROW, col: ROADMAP_COLUMN[key], rows, cols: 1 });
  wb.setValidation(sheet, column('status'), { kind: 'list', values: [...ROADMAP_STATUSES], strict: true });
  if (lists.blocks.length > 0) wb.setValidation(sheet, column('block'), { kind: 'list', values: unique(lists.blocks), strict: false });
  // One role or name per item: a cell naming several («руководитель ОО, педагог-психолог») is still accepted.
  const responsibles = unique(lists.responsibles.flatMap((r) => r.split(/\s*[,;]\s*/)));
  if (responsibles.length > 0) wb.setValidation(sheet, column('responsible'), { kind: 'list', values: responsibles, strict: false });
  wb.replaceConditionalRules(sheet, RULE_MARKER, roadmapRules(rows));
}

const unique = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter((x) => x !== ''))];

/** A block section: its heading row, then its activities. */
export interface RoadmapSection {
  block: string;
  rows: RoadmapRow[];
}

/** The body as cells: a heading row per block («1.» and «Управление и мониторинг»), then its activities. */
export function roadmapBody(sections: readonly RoadmapSection[]): { values: CellValue[][]; sectionRows: number[] } {
  const values: CellValue[][] = [];
  const sectionRows: number[] = [];
  for (const [i, s] of sections.entries()) {
    sectionRows.push(values.length);
    const heading = new Array<CellValue>(ROADMAP_COLUMNS.length).fill('');
    heading[ROADMAP_COLUMN.number] = `${i + 1}.`;
    heading[ROADMAP_COLUMN.block] = s.block;
    values.push(heading);
    for (const r of s.rows) values.push(roadmapRowCells(r));
  }
  return { values, sectionRows };
}

/**
 * Writes the body from the first activity row: the values in one call, bold and shading for block
 * headings, and clears what an earlier, longer body left below (`previousRows`).
 */
export function writeRoadmapBody(wb: Workbook, sheet: string, sections: readonly RoadmapSection[], previousRows = 0): { rows: number } {
  const { values, sectionRows } = roadmapBody(sections);
  const width = ROADMAP_COLUMNS.length;
  if (values.length > 0) {
    wb.writeBlock(sheet, ROADMAP_FIRST_ROW, 0, values);
    const isSection = new Set(sectionRows);
    wb.setFontWeights(
      sheet,
      ROADMAP_FIRST_ROW,
      0,
      values.map((_, i) => new Array(width).fill(isSection.has(i) ? 'bold' : 'normal')),
    );
    wb.setBackgrounds(
      sheet,
      ROADMAP_FIRST_ROW,
      0,
      values.map((_, i) => new Array(width).fill(isSection.has(i) ? ROADMAP_COLORS.section : null)),
    );
  }
  if (previousRows > values.length) {
    const extra = { row: ROADMAP_FIRST_ROW + values.length, col: 0, rows: previousRows - values.length, cols: width };
    wb.clearBlock(sheet, extra);
    wb.setBackgrounds(
      sheet,
      extra.row,
      0,
      new Array(extra.rows).fill(null).map(() => new Array(width).fill(null)),
    );
  }
  return { rows: values.length };
}

/**
 * Notes on «Начало» for the body written by writeRoadmapBody: `noteOf` gives a row's note ('' for none),
 * section rows get none, and notes an earlier, longer body left are cleared. One call.
 */
export function writeRoadmapStartNotes(
  wb: Workbook,
  sheet: string,
  sections: readonly RoadmapSection[],
  noteOf: (row: RoadmapRow) => string,
  previousRows = 0,
): void {
  const notes: string[][] = [];
  for (const s of sections) {
    notes.push(['']);
    for (const r of s.rows) notes.push([noteOf(r)]);
  }
  while (notes.length < previousRows) notes.push(['']);
  if (notes.length > 0) wb.setNotes(sheet, ROADMAP_FIRST_ROW, ROADMAP_COLUMN.start, notes);
}

/**
 * Plain-text format («@») for every column but the dates, from the first activity row: otherwise Sheets
 * reads «1.1» in «№ п/п» as 1 January and «Сентябрь 2020» in «Сроки» as a date, and the rows would no
 * longer match their control marks. Call before writing the body. Two calls.
 */
export function setRoadmapTextFormats(wb: Workbook, sheet: string, bodyRows = 0): void {
  const rows = Math.max(ROADMAP_FORMATTED_ROWS, bodyRows + 200);
  const start = ROADMAP_COLUMN.start;
  const afterEnd = ROADMAP_COLUMN.end + 1;
  wb.setNumberFormat(sheet, { row: ROADMAP_FIRST_ROW, col: 0, rows, cols: start }, '@');
  wb.setNumberFormat(sheet, { row: ROADMAP_FIRST_ROW, col: afterEnd, rows, cols: ROADMAP_COLUMNS.length - afterEnd }, '@');
}
