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
  ROADMAP_STATUSES,
  ROADMAP_TITLE_ROW,
  roadmapMetaCells,
  roadmapRowCells,
  type RoadmapMeta,
  type RoadmapRow,
} from '../core/roadmap-sheet';
import { columnLetter, type CellValue } from '../core/text';
import { type ConditionalRule, FIT_SPARE_ROWS, type Validation, type Workbook } from '../workbook/port';
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

/** Rows below the header that carry dropdowns, date formats, wrapping and colour rules for a body of `bodyRows`. */
export function roadmapFormattedRows(bodyRows: number): number {
  return Math.max(ROADMAP_FORMATTED_ROWS, bodyRows + 200);
}

/** What goes below the head: the sections, how many rows an earlier body took, the note on «Начало» of a row. */
export interface RoadmapBodyPlan {
  sections: readonly RoadmapSection[];
  /** Rows below the header an earlier, longer body took: they are cleared. */
  previousRows: number;
  /** A row's note on «Начало» ('' for none). */
  noteOf: (row: RoadmapRow) => string;
}

/**
 * Writes a roadmap tab in a fixed number of batched calls, whatever the number of activities: the head
 * (title, owner and period, header with notes) and, when given, the body (a heading row per block, then its
 * activities, clearing what a longer body left), with the formats of `ROADMAP_FORMATTED_ROWS` rows at least
 * (a new tab with a body: its body and FIT_SPARE_ROWS, the rows it keeps once fitted to them)
 * — plain text but for the dates, dropdowns for block, responsible and status, wrapping, widths, the frozen
 * header, hidden service columns and the colour rules. Creates the tab when missing. Without a body the rows
 * below the header are left as they are.
 *
 * The calls: formats and dropdowns are one block each from the title row down (one Range for both in
 * Sheets); values, weights, shading (and, on a new tab, notes) are one block each from the title row to
 * the body's end (one Range again). An existing tab keeps the notes people put on its cells: only the
 * header's and «Начало»'s are written there.
 */
export function writeRoadmapTab(
  wb: Workbook,
  sheet: string,
  meta: RoadmapMeta,
  lists: RoadmapLists,
  body: RoadmapBodyPlan | null = null,
): { rows: number } {
  const { created } = wb.ensureSheet(sheet);
  const width = ROADMAP_COLUMNS.length;
  const { values: bodyValues, sectionRows } = body ? roadmapBody(body.sections) : { values: [], sectionRows: [] };
  const previousRows = body?.previousRows ?? 0;
  // A new tab with its body keeps only the rows it uses and FIT_SPARE_ROWS more (fitSheet below: Sheets
  // gives 1000 × 26, against a 10-million-cell limit); its formats go exactly that far, not into rows
  // that are deleted right after.
  const fitted = created && body !== null;
  const rows = fitted ? bodyValues.length + FIT_SPARE_ROWS : roadmapFormattedRows(Math.max(bodyValues.length, previousRows));
  const all = ROADMAP_FIRST_ROW + rows;

  // Plain text («@») for every column but the dates, before any value is written: otherwise Sheets reads
  // «1.1» in «№ п/п» as 1 January and «Сентябрь 2020» in «Сроки» as a date, and the rows would no longer
  // match their control marks. The dates of the period (row 2) and of the activities are dd.mm.yyyy.
  const isDate = (c: number) => c === ROADMAP_COLUMN.start || c === ROADMAP_COLUMN.end;
  const formatLine = ROADMAP_COLUMNS.map((_, c) => (isDate(c) ? 'dd.mm.yyyy' : '@'));
  wb.setNumberFormats(
    sheet,
    0,
    0,
    Array.from({ length: all }, () => formatLine),
  );
  const status: Validation = { kind: 'list', values: [...ROADMAP_STATUSES], strict: true };
  const blocks = unique(lists.blocks);
  // One role or name per item: a cell naming several («руководитель ОО, педагог-психолог») is still accepted.
  const responsibles = unique(lists.responsibles.flatMap((r) => r.split(/\s*[,;]\s*/)));
  const ruleLine = ROADMAP_COLUMNS.map((_, c): Validation | null => {
    if (c === ROADMAP_COLUMN.status) return status;
    if (c === ROADMAP_COLUMN.block && blocks.length > 0) return { kind: 'list', values: blocks, strict: false };
    if (c === ROADMAP_COLUMN.responsible && responsibles.length > 0) return { kind: 'list', values: responsibles, strict: false };
    return null;
  });
  const headLine = new Array<Validation | null>(width).fill(null);
  wb.setValidations(
    sheet,
    0,
    0,
    Array.from({ length: all }, (_, r) => (r < ROADMAP_FIRST_ROW ? headLine : ruleLine)),
  );
  // The header and the activities wrap inside their columns (the title and the owner row run across
  // the page instead); the service columns (login, catalogue code, control mark) are hidden from readers.
  // One block with the formats (the same Range in Sheets).
  const wrapLine = ROADMAP_COLUMNS.map((_, c) => c < ROADMAP_SERVICE_COLUMN);
  const flatLine = new Array<boolean>(width).fill(false);
  wb.setWraps(
    sheet,
    0,
    0,
    Array.from({ length: all }, (_, r) => (r < ROADMAP_HEADER_ROW ? flatLine : wrapLine)),
  );

  const pad = (cells: CellValue[]) => [...cells, ...new Array<CellValue>(Math.max(0, width - cells.length)).fill('')];
  const blank = () => new Array<CellValue>(width).fill(null);
  const values: CellValue[][] = [
    pad([roadmapTitle(meta)]),
    pad(roadmapMetaCells(meta)),
    ROADMAP_COLUMNS.map((c) => c.header),
    ...bodyValues,
  ];
  while (values.length < ROADMAP_FIRST_ROW + previousRows) values.push(blank());
  const section = new Set(sectionRows.map((r) => r + ROADMAP_FIRST_ROW));
  const boldRow = (r: number) => r === ROADMAP_HEADER_ROW || section.has(r);
  wb.writeBlock(sheet, 0, 0, values);
  wb.setFontWeights(
    sheet,
    0,
    0,
    values.map((_, r) => ROADMAP_COLUMNS.map((__, c) => (boldRow(r) || (r === ROADMAP_TITLE_ROW && c === 0) ? 'bold' : 'normal'))),
  );
  wb.setBackgrounds(
    sheet,
    0,
    0,
    values.map((_, r) => {
      const color = r === ROADMAP_HEADER_ROW ? ROADMAP_COLORS.header : section.has(r) ? ROADMAP_COLORS.section : null;
      return new Array<string | null>(width).fill(color);
    }),
  );
  const headerNotes = ROADMAP_COLUMNS.map((c) => c.note);
  const startNotes: string[] = [];
  for (const s of body?.sections ?? []) {
    startNotes.push('');
    for (const r of s.rows) startNotes.push(body?.noteOf(r) ?? '');
  }
  while (startNotes.length < previousRows) startNotes.push('');
  if (created) {
    wb.setNotes(
      sheet,
      0,
      0,
      values.map((_, r) => {
        if (r === ROADMAP_HEADER_ROW) return headerNotes;
        const line = new Array<string>(width).fill('');
        if (r >= ROADMAP_FIRST_ROW) line[ROADMAP_COLUMN.start] = startNotes[r - ROADMAP_FIRST_ROW] ?? '';
        return line;
      }),
    );
  } else {
    wb.setNotes(sheet, ROADMAP_HEADER_ROW, 0, [headerNotes]);
    if (startNotes.length > 0)
      wb.setNotes(
        sheet,
        ROADMAP_FIRST_ROW,
        ROADMAP_COLUMN.start,
        startNotes.map((n) => [n]),
      );
  }
  wb.setColumnWidths(
    sheet,
    0,
    ROADMAP_COLUMNS.map((c) => c.width),
  );
  wb.freeze(sheet, ROADMAP_HEADER_ROW + 1, 0);
  wb.hideColumns(sheet, ROADMAP_SERVICE_COLUMN, width - ROADMAP_SERVICE_COLUMN);
  wb.replaceConditionalRules(sheet, RULE_MARKER, roadmapRules(rows));
  if (fitted) wb.fitSheet(sheet);
  return { rows: bodyValues.length };
}

/** The head and formats of a roadmap tab (writeRoadmapTab without a body): the rows below the header stay. */
export function layoutRoadmapTab(wb: Workbook, sheet: string, meta: RoadmapMeta, lists: RoadmapLists): void {
  writeRoadmapTab(wb, sheet, meta, lists, null);
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
