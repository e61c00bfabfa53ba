/**
 * A large .xlsx input opened as a book to write (`analyze -o`, `roadmap`, `monitor`) without its large
 * sheets in exceljs: a region's table loaded whole takes gigabytes (a cell object per cell). exceljs loads
 * the book with those sheets' rows left out (their cells, «sheetData»; everything else of the sheet —
 * widths, views, merges, conditional formats, validations, notes, page set-up — and every other part is
 * loaded as always); the sheets' values are the grids already read as a stream (xlsx-grids), kept as a
 * plain tab's grid. The actions read and write the book as any other. When the book is written, each
 * such sheet's rows are copied from the input file as they are — values, formulas, cell formats — with
 * only their style and shared-string numbers renumbered into the new file's, and the cells the actions
 * wrote (the add-on's own columns) put in. What the rows' copy cannot carry (a user's cell restyled,
 * merged or moved by an action) is never needed by the actions that write a book: should it be, the work
 * stops with WholeBookNeeded and is done again on the book loaded whole (see book.ts).
 */
import ExcelJS from 'exceljs';
import StylesXform from 'exceljs/lib/xlsx/xform/style/styles-xform.js';
import { Readable } from 'node:stream';
import type { Grid } from '../core/results';
import type { CellValue } from '../core/text';
import type { Range, SheetLayout } from '../workbook/port';
import { columnLetters, xmlText, XlsxWorkbook } from '../workbook/xlsx';
import { ZipPackage } from '../workbook/zip-package';
import {
  attr,
  columnNumber,
  type Entry,
  partPieces,
  partText,
  runsText,
  SHARED_STRING_ITEM,
  workbookSheets,
  zipEntries,
} from './xlsx-grids';

/**
 * Sheets whose XML unpacks to more than this are not loaded into exceljs. A cell takes some 30–40 bytes
 * of XML and ten times that as an exceljs cell: a sheet of 1 MB (30,000 cells, a district's table of 300
 * schools) takes some ten megabytes loaded and well under a second; smaller sheets are loaded as always
 * (every action may do anything to them). SHNOR_STREAM_SHEET_BYTES lowers it (tests).
 */
export const STREAM_SHEET_BYTES = 1024 * 1024;

function streamSheetBytes(): number {
  const given = Number(process.env.SHNOR_STREAM_SHEET_BYTES);
  return process.env.SHNOR_STREAM_SHEET_BYTES !== undefined && given >= 0 ? given : STREAM_SHEET_BYTES;
}

/** An action did to a sheet kept in the input file what its copy cannot carry: the book is to be loaded whole. */
export class WholeBookNeeded extends Error {}

/** A sheet whose rows stay in the input file. */
interface Source {
  entry: Entry;
  /** The blocks the actions wrote: their cells are written from the plain grid, the others copied. */
  written: Range[];
  grid: Grid;
}

/**
 * The cells of a sheet that hold a note or a link (from its comments part and its hyperlinks): kept in the
 * rows-less sheet as cells holding 0 (exceljs leaves out a cell without a value, and with it its note), so
 * that exceljs gives them their notes and links as it reads the book. Their values are never read: a
 * plain tab's values are its grid's.
 */
function notedCells(data: Buffer, entries: Map<string, Entry>, part: string, tail: string): string[] {
  const refs: string[] = [];
  const slash = part.lastIndexOf('/');
  const rels = partText(data, entries.get(`${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`));
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const a = m[1] ?? '';
    if (!/\/comments"?$/.test(attr(a, 'Type') ?? '')) continue;
    const target = attr(a, 'Target') ?? '';
    const path = target.startsWith('/') ? target.slice(1) : new URL(target, `http://x/${part}`).pathname.slice(1);
    for (const c of partText(data, entries.get(path)).matchAll(/<comment\b[^>]*?\sref="([^"]+)"/g)) refs.push(c[1] as string);
  }
  for (const h of tail.matchAll(/<hyperlink\b[^>]*?\sref="([^"]+)"/g)) refs.push((h[1] as string).split(':')[0] as string);
  return refs;
}

/** Rows of cells at the given addresses (in order, as a sheet holds them). */
function emptyCells(refs: readonly string[]): string {
  const rows = new Map<number, Map<number, string>>();
  for (const ref of refs) {
    const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
    if (!m) continue;
    const r = Number(m[2]);
    let row = rows.get(r);
    if (!row) rows.set(r, (row = new Map()));
    row.set(columnNumber(m[1] as string), `${m[1] as string}${r}`);
  }
  return [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(
      ([r, cells]) =>
        `<row r="${r}">${[...cells.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([, ref]) => `<c r="${ref}"><v>0</v></c>`)
          .join('')}</row>`,
    )
    .join('');
}

/**
 * A sheet's XML without its rows: what comes before `<sheetData>` and after it, read as a stream; the
 * cells holding notes or links stay, empty.
 */
async function withoutRows(data: Buffer, entries: Map<string, Entry>, entry: Entry): Promise<string | null> {
  let head = '';
  let tail = '';
  let state: 'head' | 'rows' | 'tail' = 'head';
  let buffer = '';
  for await (const piece of partPieces(data, entry)) {
    buffer += piece;
    if (state === 'head') {
      const at = buffer.indexOf('<sheetData');
      const close = at >= 0 ? buffer.indexOf('>', at) : -1;
      if (close < 0) continue;
      head = buffer.slice(0, at);
      const empty = buffer[close - 1] === '/';
      buffer = buffer.slice(close + 1);
      state = empty ? 'tail' : 'rows';
    }
    if (state === 'rows') {
      const end = buffer.indexOf('</sheetData>');
      if (end < 0) {
        buffer = buffer.slice(-12);
        continue;
      }
      buffer = buffer.slice(end + '</sheetData>'.length);
      state = 'tail';
    }
    tail += buffer;
    buffer = '';
  }
  // No `<sheetData>` as the copy reads it (a prefixed `<x:sheetData>`): the sheet is loaded whole.
  if (state === 'head') return null;
  const noted = emptyCells(notedCells(data, entries, entry.name, tail));
  return `${head}${noted ? `<sheetData>${noted}</sheetData>` : '<sheetData/>'}${tail}`;
}

/** Style models by the input's style number, as exceljs reads them (its own reader of styles.xml). */
async function inputStyles(data: Buffer, entries: Map<string, Entry>): Promise<(id: number) => Partial<ExcelJS.Style> | null> {
  const xml = partText(data, entries.get('xl/styles.xml'));
  if (!xml) return () => null;
  const styles = new StylesXform();
  await styles.parseStream(Readable.from([xml]));
  return (id) => styles.getStyleModel(id);
}

/** The input's shared strings: plain text, or the item's XML when it holds formatted runs or escapes (kept as they are). */
function inputStrings(xml: string): Array<{ text: string } | { rich: string }> {
  const out: Array<{ text: string } | { rich: string }> = [];
  for (const m of xml.matchAll(SHARED_STRING_ITEM)) {
    const body = m[1] ?? '';
    // Runs, and Excel's `_x000D_` escapes (a carriage return that XML would not keep), stay as the file has them.
    out.push(/<r>|<r\s|_x[0-9A-Fa-f]{4}_/.test(body) ? { rich: body } : { text: runsText(body) });
  }
  return out;
}

/** A cell element without its `r` attribute (not `<col>`, `<cfRule>` or other elements starting with c). */
const CELL_WITHOUT_ADDRESS = /<c(?=[\s>/])(?![^>]*\sr=)[^>]*>/;

/**
 * The input as a book to write: large sheets' rows left in the file (see above), or — for a book without
 * such sheets, or one the streaming writer cannot write (pictures, tables) — the whole book loaded.
 */
export async function openStreamBook(data: Buffer, grids: readonly Grid[]): Promise<XlsxWorkbook> {
  const entries = zipEntries(data);
  const limit = streamSheetBytes();
  // A sheet with cells that give no address (`r`, optional in the format) takes this way at any size: exceljs,
  // loading it whole, stops on such a cell; the rows' copy places it by its order in the row.
  const large = workbookSheets(data, entries).filter((s) => {
    const entry = entries.get(s.part);
    return (entry?.size ?? 0) > limit || (entry !== undefined && CELL_WITHOUT_ADDRESS.test(partText(data, entry)));
  });
  const byName = new Map(grids.map((g) => [g.sheet, g]));
  const chosen = large.filter((s) => byName.has(s.name) && entries.has(s.part));
  if (chosen.length === 0) return XlsxWorkbook.fromBuffer(data);
  // The book exceljs loads: the chosen sheets without their rows, every other part as it was (not unpacked).
  const rowless = new ZipPackage(data);
  const parts = new Set<string>();
  for (const s of chosen) {
    const xml = await withoutRows(data, entries, entries.get(s.part) as Entry);
    // A part the package names otherwise (a leading «/») would be added, not replaced: such a sheet stays whole.
    if (xml === null || !rowless.has(s.part)) continue;
    rowless.write(s.part, Buffer.from(xml, 'utf8'));
    parts.add(s.part);
  }
  if (parts.size === 0) return XlsxWorkbook.fromBuffer(data);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(rowless.pieces(1)) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const book = new StreamBook(
    wb,
    data,
    await inputStyles(data, entries),
    inputStrings(partText(data, entries.get('xl/sharedStrings.xml'))),
  );
  for (const s of chosen.filter((c) => parts.has(c.part))) {
    const ws = wb.getWorksheet(s.name);
    const entry = entries.get(s.part);
    const grid = byName.get(s.name);
    if (!ws || !entry || !grid) return XlsxWorkbook.fromBuffer(data);
    book.adopt(ws, entry, grid);
  }
  return book.canWrite() ? book : XlsxWorkbook.fromBuffer(data);
}

/** A 1-based column number's letters. */
const letters = (col: number): string => columnLetters(col - 1);

/** Value types as exceljs numbers them (its addStyleModel picks a date's default format by them). */
const TYPE = { null: 0, number: 2, string: 3, date: 4, formula: 6, boolean: 9 } as const;

/** The writer's parts the copy writes into (exceljs keeps them but does not declare them). */
interface Writer {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, type: number): number };
  sharedStrings: { add(text: string): number };
}
interface SheetWriter {
  startedData: boolean;
  hasComments: boolean;
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  _sheetCommentsWriter: { addComments(comments: unknown[]): void };
  _sheetRelsWriter: { hyperlinksProxy: { push(link: unknown): void } };
  stream: { write(text: string): void };
}

class StreamBook extends XlsxWorkbook {
  private readonly sources = new Map<ExcelJS.Worksheet, Source>();

  constructor(
    wb: ExcelJS.Workbook,
    private readonly data: Buffer,
    private readonly styleOf: (id: number) => Partial<ExcelJS.Style> | null,
    private readonly strings: ReadonlyArray<{ text: string } | { rich: string }>,
  ) {
    super(wb);
  }

  /** A sheet loaded without its rows: its values are the grid read from the file. */
  adopt(ws: ExcelJS.Worksheet, entry: Entry, grid: Grid): void {
    this.plain.set(ws, grid.values as ExcelJS.CellValue[][]);
    this.sources.set(ws, { entry, written: [], grid });
  }

  canWrite(): boolean {
    return this.streamable();
  }

  private source(name: string): Source | undefined {
    return this.sources.get(this.worksheet(name));
  }

  /** An action that changes what the rows' copy cannot carry: the book has to be loaded whole. */
  private whole(name: string, what: string): void {
    if (this.source(name)) throw new WholeBookNeeded(`${what}: лист «${name}» нужен целиком`);
  }

  private wrote(name: string, range: Range): void {
    const source = this.source(name);
    if (source && range.rows > 0 && range.cols > 0) source.written.push(range);
  }

  override readSheet(name: string): Grid {
    const grid = super.readSheet(name);
    const source = this.source(name);
    // What the stream read of the file's cells and the plain grid cannot tell: stray cells, formulas never computed.
    if (source?.grid.stray) grid.stray = source.grid.stray;
    if (source?.grid.uncomputed) grid.uncomputed = source.grid.uncomputed;
    return grid;
  }

  override writeBlock(name: string, row: number, col: number, values: CellValue[][]): void {
    this.wrote(name, { row, col, rows: values.length, cols: values.reduce((w, l) => Math.max(w, l.length), 0) });
    super.writeBlock(name, row, col, values);
  }

  override writeFormulas(name: string, row: number, col: number, formulas: (string | null)[][]): void {
    this.wrote(name, { row, col, rows: formulas.length, cols: formulas.reduce((w, l) => Math.max(w, l.length), 0) });
    super.writeFormulas(name, row, col, formulas);
  }

  override clearBlock(name: string, range: Range): void {
    this.wrote(name, range);
    super.clearBlock(name, range);
  }

  override clearSheet(name: string): void {
    // Cleared, the tab is written from this book as any tab the add-on fills.
    const ws = this.worksheet(name);
    super.clearSheet(name);
    this.sources.delete(ws);
  }

  override setBackgrounds(name: string, row: number, col: number, colors: (string | null)[][]): void {
    this.whole(name, 'цвет ячеек');
    super.setBackgrounds(name, row, col, colors);
  }

  override setFontWeights(name: string, row: number, col: number, weights: ('bold' | 'normal')[][]): void {
    this.whole(name, 'шрифт ячеек');
    super.setFontWeights(name, row, col, weights);
  }

  override setNumberFormat(name: string, range: Range, format: string): void {
    this.whole(name, 'формат чисел');
    super.setNumberFormat(name, range, format);
  }

  override setNumberFormats(name: string, row: number, col: number, formats: string[][]): void {
    this.whole(name, 'формат чисел');
    super.setNumberFormats(name, row, col, formats);
  }

  override setWrap(name: string, range: Range, wrap: boolean): void {
    this.whole(name, 'перенос текста');
    super.setWrap(name, range, wrap);
  }

  override setWraps(name: string, row: number, col: number, wraps: boolean[][]): void {
    this.whole(name, 'перенос текста');
    super.setWraps(name, row, col, wraps);
  }

  override mergeAcross(name: string, range: Range): void {
    this.whole(name, 'объединение ячеек');
    super.mergeAcross(name, range);
  }

  override insertRows(name: string, before: number, count: number): void {
    this.whole(name, 'вставка строк');
    super.insertRows(name, before, count);
  }

  override readLayout(name: string, range: Range): SheetLayout {
    this.whole(name, 'форматы ячеек');
    return super.readLayout(name, range);
  }

  override takeSheet(name: string): XlsxWorkbook {
    this.whole(name, 'перенос листа');
    return super.takeSheet(name);
  }

  /** The rows of a sheet kept in the file: copied from it, renumbered, with the cells the actions wrote. */
  protected override async writeRowsElsewhere(
    out: ExcelJS.stream.xlsx.WorkbookWriter,
    w: ExcelJS.Worksheet,
    ws: ExcelJS.Worksheet,
  ): Promise<boolean> {
    const source = this.sources.get(ws);
    if (!source) return false;
    const copy = new RowCopy(out as unknown as Writer, w as unknown as SheetWriter, ws, this.plain.get(ws) ?? [], source, this);
    await copy.write(this.data);
    return true;
  }

  /** The style of the input's style number (null: none). */
  inputStyle(id: number): Partial<ExcelJS.Style> | null {
    return this.styleOf(id);
  }

  inputString(index: number): { text: string } | { rich: string } | undefined {
    return this.strings[index];
  }
}

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const PLAIN_CELL = /^\s*r="([A-Z]+\d+)"(?:\s+s="(\d+)")?(?:\s+t="(\w+)")?\s*$/;
const NONE: readonly number[] = [];

/** The column (1-based) of a cell address. */
function refColumn(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    n = n * 26 + ch - 64;
  }
  return n;
}

/** Attributes a copied row or cell keeps: those without a namespace prefix, and x14ac's (exceljs declares it). */
function keptAttributes(attrs: string, drop: readonly string[]): string {
  let out = '';
  for (const m of attrs.matchAll(/([\w:.-]+)\s*=\s*("[^"]*"|'[^']*')/g)) {
    const name = m[1] as string;
    if (drop.includes(name) || (name.includes(':') && !name.startsWith('x14ac:'))) continue;
    out += ` ${name}=${m[2] as string}`;
  }
  return out;
}

/** One sheet's rows copied from the input into the writer. */
class RowCopy {
  private readonly styleIds = new Map<number, number>();
  private readonly stringIds = new Map<number, number>();
  /** The cells of this book's sheet (notes, merges, links) by row. */
  private readonly cells = new Map<number, ExcelJS.Cell[]>();
  /** Rows holding a written cell, ascending; per row the written columns (1-based). */
  private readonly writtenRows: number[];
  private readonly writtenCols = new Map<number, number[]>();
  private next = 0;

  constructor(
    private readonly out: Writer,
    private readonly w: SheetWriter,
    ws: ExcelJS.Worksheet,
    private readonly plain: ExcelJS.CellValue[][],
    private readonly source: Source,
    private readonly book: StreamBook,
  ) {
    const rows = (ws as unknown as { _rows: (ExcelJS.Row | undefined)[] })._rows;
    rows.forEach((row, i) => {
      if (!row) return;
      const list: ExcelJS.Cell[] = [];
      for (const cell of (row as unknown as { _cells: (ExcelJS.Cell | undefined)[] })._cells) if (cell) list.push(cell);
      if (list.length > 0) this.cells.set(i + 1, list);
    });
    for (const b of this.source.written)
      for (let r = b.row + 1; r <= b.row + b.rows; r++) {
        let list = this.writtenCols.get(r);
        if (!list) this.writtenCols.set(r, (list = []));
        for (let c = b.col + 1; c <= b.col + b.cols; c++) list.push(c);
      }
    for (const [r, list] of this.writtenCols)
      this.writtenCols.set(
        r,
        [...new Set(list)].sort((a, b) => a - b),
      );
    this.writtenRows = [...this.writtenCols.keys()].sort((a, b) => a - b);
  }

  private style(id: number): number {
    let mapped = this.styleIds.get(id);
    if (mapped === undefined) {
      const style = this.book.inputStyle(id);
      mapped = style && Object.keys(style).length > 0 ? this.out.styles.addStyleModel(style, TYPE.number) : 0;
      this.styleIds.set(id, mapped);
    }
    return mapped;
  }

  /**
   * A copied cell: its style and shared string renumbered, what exceljs does not write left out. `plain`:
   * its attributes read at once (PLAIN_CELL), else read one by one; `col` its column (given a cell without
   * an address, which then gets one).
   */
  private copyCell(attrs: string, body: string | undefined, r: number, plain: RegExpExecArray | null, col: number): string {
    const s = plain ? plain[2] : attr(attrs, 's');
    const t = plain ? plain[3] : attr(attrs, 't');
    let kept = plain ? ` r="${plain[1] as string}"` : keptAttributes(attrs, ['s', 't', 'cm', 'vm']);
    if (!plain && attr(attrs, 'r') === undefined) kept = ` r="${letters(col)}${r}"${kept}`;
    if (s !== undefined) {
      const id = this.style(Number(s));
      if (id) kept += ` s="${id}"`;
    }
    if (t === 's' && body !== undefined) {
      const v = /^<v>(\d+)<\/v>$/.exec(body) ?? /<v>\s*(\d+)\s*<\/v>/.exec(body);
      const n = v ? Number(v[1]) : -1;
      const item = v ? this.book.inputString(n) : undefined;
      if (item && 'rich' in item) return `<c${kept} t="inlineStr"><is>${item.rich}</is></c>`;
      if (item) {
        let index = this.stringIds.get(n);
        if (index === undefined) this.stringIds.set(n, (index = this.out.sharedStrings.add(item.text)));
        return `<c${kept} t="s"><v>${index}</v></c>`;
      }
    }
    if (t !== undefined) kept += ` t="${t}"`;
    return body === undefined ? `<c${kept}/>` : `<c${kept}>${body}</c>`;
  }

  /** A cell the actions wrote, from the plain grid; `style` the copied cell's or this book's. */
  private writtenCell(r: number, c: number, style: number): string {
    const value = this.plain[r - 1]?.[c - 1] ?? null;
    const at = `<c r="${letters(c)}${r}"${style ? ` s="${style}"` : ''}`;
    if (value === null || value === undefined) return style ? `${at}/>` : '';
    if (typeof value === 'number') return `${at}><v>${value}</v></c>`;
    if (typeof value === 'string') return `${at} t="s"><v>${this.out.sharedStrings.add(value)}</v></c>`;
    if (typeof value === 'boolean') return `${at} t="b"><v>${value ? 1 : 0}</v></c>`;
    if (value instanceof Date) {
      const id = style || this.out.styles.addStyleModel({}, TYPE.date);
      return `<c r="${letters(c)}${r}" s="${id}"><v>${25569 + value.getTime() / (24 * 3600 * 1000)}</v></c>`;
    }
    if (typeof value === 'object' && 'formula' in value) {
      const result = (value as { result?: unknown }).result;
      const f = `<f>${xmlText(String(value.formula))}</f>`;
      if (typeof result === 'string') return `${at} t="str">${f}<v>${xmlText(result)}</v></c>`;
      if (typeof result === 'number') return `${at}>${f}<v>${result}</v></c>`;
      return `${at}>${f}</c>`;
    }
    const text = plainText(value);
    return `${at} t="s"><v>${this.out.sharedStrings.add(text)}</v></c>`;
  }

  /** This book's style of a cell (a cell the actions wrote that the file did not hold). */
  private bookStyle(r: number, c: number): number {
    const cell = this.cells.get(r)?.find((x) => Number(x.col) === c);
    const style = cell?.style;
    return style && Object.keys(style).length > 0 ? this.out.styles.addStyleModel(style, TYPE.number) : 0;
  }

  /**
   * A row's cells copied, those in `cols` (ascending; the columns the actions wrote) from the plain grid:
   * in the copied cell's place, or between the copied ones.
   */
  private cellsOf(r: number, body: string | undefined, cols: readonly number[]): string {
    let xml = '';
    let k = 0;
    let col = 0;
    if (body)
      for (const m of body.matchAll(CELL)) {
        const a = m[1] ?? '';
        const plain = PLAIN_CELL.exec(a);
        const ref = plain ? plain[1] : attr(a, 'r');
        col = ref !== undefined ? refColumn(ref) : col + 1;
        for (; k < cols.length && (cols[k] as number) < col; k++)
          xml += this.writtenCell(r, cols[k] as number, this.bookStyle(r, cols[k] as number));
        if (cols[k] === col) {
          k++;
          const s = plain ? plain[2] : attr(a, 's');
          xml += this.writtenCell(r, col, s !== undefined ? this.style(Number(s)) : this.bookStyle(r, col));
        } else xml += this.copyCell(a, m[2], r, plain, col);
      }
    for (; k < cols.length; k++) xml += this.writtenCell(r, cols[k] as number, this.bookStyle(r, cols[k] as number));
    return xml;
  }

  private rowAttributes(attrs: string, r: number): string {
    let kept = keptAttributes(attrs, ['r', 's', 'spans']);
    const s = attr(attrs, 's');
    if (s !== undefined) {
      const id = this.style(Number(s));
      if (id) kept += ` s="${id}"`;
      else kept = kept.replace(/ customFormat="[^"]*"/, '');
    }
    return ` r="${r}"${kept}`;
  }

  /** The rows the actions wrote into before row `r` that the file does not hold. */
  private newRowsBefore(r: number): string {
    let xml = '';
    while (this.next < this.writtenRows.length && (this.writtenRows[this.next] as number) < r) {
      const row = this.writtenRows[this.next++] as number;
      const cells = this.cellsOf(row, undefined, this.writtenCols.get(row) as number[]);
      if (cells) xml += `<row r="${row}">${cells}</row>`;
    }
    return xml;
  }

  private row(attrs: string, body: string | undefined, previous: number): { xml: string; r: number } {
    const given = attr(attrs, 'r');
    const r = given !== undefined ? parseInt(given, 10) : previous + 1;
    const xml = this.newRowsBefore(r);
    const cols = this.writtenCols.get(r) ?? NONE;
    if (this.writtenRows[this.next] === r) this.next++;
    if (body === undefined && cols.length === 0) return { xml: `${xml}<row${this.rowAttributes(attrs, r)}/>`, r };
    const cells = this.cellsOf(r, body, cols);
    return { xml: `${xml}<row${this.rowAttributes(attrs, r)}>${cells}</row>`, r };
  }

  /** Notes and links of the sheet's cells go to the writer as its own rows' would. */
  private notesAndLinks(): void {
    const comments: unknown[] = [];
    for (const list of this.cells.values())
      for (const cell of list) {
        const model = cell.model as ExcelJS.CellModel & { comment?: object; hyperlink?: string; tooltip?: string };
        if (model.comment) comments.push({ ...model.comment, ref: cell.address });
        if (model.hyperlink)
          this.w._sheetRelsWriter.hyperlinksProxy.push({ address: cell.address, target: model.hyperlink, tooltip: model.tooltip });
      }
    if (comments.length > 0) {
      this.w.hasComments = true;
      this.w._sheetCommentsWriter.addComments(comments);
    }
  }

  async write(data: Buffer): Promise<void> {
    const w = this.w;
    if (!w.startedData) {
      w._writeColumns();
      w._writeOpenSheetData();
      w.startedData = true;
    }
    this.notesAndLinks();
    let buffer = '';
    let state: 'head' | 'rows' | 'tail' = 'head';
    let r = 0;
    const scan = (final: boolean) => {
      if (state === 'head') {
        const at = buffer.indexOf('<sheetData');
        const close = at >= 0 ? buffer.indexOf('>', at) : -1;
        if (close < 0) return;
        state = buffer[close - 1] === '/' ? 'tail' : 'rows';
        buffer = buffer.slice(close + 1);
      }
      if (state !== 'rows') return;
      const end = buffer.indexOf('</sheetData>');
      const cut = end >= 0 ? end : final ? buffer.length : buffer.lastIndexOf('</row>') + (buffer.includes('</row>') ? 6 : 0);
      if (cut <= 0 && end < 0) return;
      let xml = '';
      for (const m of buffer.slice(0, cut).matchAll(ROW)) {
        const done = this.row(m[1] ?? '', m[2], r);
        r = done.r;
        xml += done.xml;
      }
      if (xml) w.stream.write(xml);
      buffer = buffer.slice(cut);
      if (end >= 0) state = 'tail';
    };
    for await (const piece of partPieces(data, this.source.entry)) {
      buffer += piece;
      scan(false);
      if ((state as string) === 'tail') buffer = '';
      // The zip takes what is written now and then, so that the sheet's XML never piles up in memory.
      await new Promise((resolve) => setImmediate(resolve));
    }
    scan(true);
    const rest = this.newRowsBefore(Number.POSITIVE_INFINITY);
    if (rest) w.stream.write(rest);
  }
}

function plainText(v: ExcelJS.CellValue): string {
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (v && typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
}
