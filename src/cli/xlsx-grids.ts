/**
 * An .xlsx file's sheets as grids, read as a stream: each worksheet's XML is inflated and scanned a piece
 * at a time, and only the plain values are kept (the grid the core reads), never a cell object per cell.
 * A region's book (40,000 schools, 5 million cells) loaded whole by exceljs takes about 2 GB; read so, its
 * grid takes a quarter of that. The values are those exceljs gives and worksheetGrid reads (xlsx-values):
 * shared and inline strings, rich text joined, numbers, dates by their number format, booleans, errors as
 * their text, a formula as its computed result (or empty and listed in `uncomputed`), a cell under a
 * merge empty, stray cells far from the table left out and listed, trailing empty rows left out, a hidden
 * sheet marked.
 *
 * exceljs' own streaming reader (WorkbookReader) is not used: it drops the merged ranges, which a table's
 * two-row header is made of, and names sheets only when their parts are called sheetN.xml.
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { inflateRawSync } from 'node:zlib';
import type { Grid, Merge } from '../core/results';
import type { CellValue } from '../core/text';
import { parseRange, STRAY_GAP_COLS, STRAY_GAP_ROWS } from '../workbook/xlsx-values';

export interface Entry {
  name: string;
  method: number;
  offset: number;
  compressed: number;
  /** The unpacked size and the CRC-32 the central directory declares. */
  size: number;
  crc: number;
}

/** The zip's entries by name, from its central directory. */
export function zipEntries(data: Buffer): Map<string, Entry> {
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out = new Map<string, Entry>();
  if (end < 0 || end + 22 > data.length) return out;
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  for (let i = 0; i < count && at + 46 <= data.length; i++) {
    if (data.readUInt32LE(at) !== 0x02014b50) break;
    const nameLength = data.readUInt16LE(at + 28);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength).replace(/^\//, '');
    out.set(name, {
      name,
      method: data.readUInt16LE(at + 10),
      compressed: data.readUInt32LE(at + 20),
      size: data.readUInt32LE(at + 24),
      crc: data.readUInt32LE(at + 16),
      offset: data.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return out;
}

/** The compressed bytes of an entry (after its local header). */
export function entryBytes(data: Buffer, e: Entry): Buffer {
  if (data.readUInt32LE(e.offset) !== 0x04034b50) throw new Error(`zip: local header of ${e.name}`);
  const start = e.offset + 30 + data.readUInt16LE(e.offset + 26) + data.readUInt16LE(e.offset + 28);
  return data.subarray(start, start + e.compressed);
}

/** A small part (workbook, relations, styles, shared strings) as text. */
export function partText(data: Buffer, e: Entry | undefined): string {
  if (!e) return '';
  const bytes = entryBytes(data, e);
  return (e.method === 0 ? bytes : inflateRawSync(bytes)).toString('utf8');
}

/** A large part's text, a piece at a time. */
export async function* partPieces(data: Buffer, e: Entry): AsyncGenerator<string> {
  const bytes = entryBytes(data, e);
  if (e.method === 0) {
    yield bytes.toString('utf8');
    return;
  }
  const decoder = new TextDecoder('utf-8');
  const inflate = Readable.from([bytes], { objectMode: false }).pipe(createInflateRaw());
  for await (const chunk of inflate as AsyncIterable<Buffer>) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text with its entities and character references resolved, and Excel's `_x000D_` escapes. */
export function xmlText(s: string): string {
  let out = s.includes('&')
    ? s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, name: string) => {
        if (name[0] === '#')
          return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
        return ENTITIES[name] ?? m;
      })
    : s;
  if (out.includes('_x')) out = out.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

export function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? m[1] : undefined;
}

/** The text runs of a string item (`<si>` or `<is>`), joined; phonetic runs left out. */
export function runsText(xml: string): string {
  const body = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += m[1] ?? '';
  return xmlText(out);
}

/** The items of a shared-string table, empty ones too (`<si/>`, `<si />`): one per index, or every later index is off. */
export const SHARED_STRING_ITEM = /<si\s*\/>|<si\s*>([\s\S]*?)<\/si>/g;

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(SHARED_STRING_ITEM)) out.push(runsText(m[1] ?? ''));
  return out;
}

/** Built-in number formats that are dates or times (exceljs' table, by utils.isDateFmt). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** exceljs' test whether a number format shows a date or a time. */
function isDateFormat(format: string): boolean {
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Per cell style index: whether its number format shows a date. */
function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1] ?? '', 'numFmtId'));
    const code = attr(m[1] ?? '', 'formatCode');
    if (code !== undefined) custom.set(id, xmlText(code));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<xf\b([^>]*)>/g)) {
    const id = Number(attr(m[1] ?? '', 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id));
  }
  return out;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

const excelToDate = (v: number) => new Date(Math.round((v - 25569) * 24 * 3600 * 1000));

/** The sheets of the workbook in order: name, hidden or not, and the part holding each. */
export function workbookSheets(data: Buffer, entries: Map<string, Entry>): Array<{ name: string; hidden: boolean; part: string }> {
  const workbook = partText(data, entries.get('xl/workbook.xml'));
  const rels = partText(data, entries.get('xl/_rels/workbook.xml.rels'));
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1] ?? '', 'Id');
    const target = attr(m[1] ?? '', 'Target');
    if (id !== undefined && target !== undefined) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out: Array<{ name: string; hidden: boolean; part: string }> = [];
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const attrs = m[1] ?? '';
    const rid = attr(attrs, 'r:id') ?? /\s[\w]+:id="([^"]*)"/.exec(attrs)?.[1];
    const part = rid !== undefined ? targets.get(rid) : undefined;
    const state = attr(attrs, 'state');
    if (part)
      out.push({
        name: xmlText(attr(attrs, 'name') ?? ''),
        hidden: state !== undefined && state !== 'visible',
        part: part.replace(/\/\.\//g, '/'),
      });
  }
  return out;
}

/**
 * Every sheet of the book as a grid (as worksheetGrid reads an exceljs sheet). Throws when the parts a
 * book needs are missing or do not read: the caller says so in Russian.
 */
export async function streamGrids(data: Buffer): Promise<Grid[]> {
  const entries = zipEntries(data);
  const strings = sharedStrings(partText(data, entries.get('xl/sharedStrings.xml')));
  const dates = dateStyles(partText(data, entries.get('xl/styles.xml')));
  const grids: Grid[] = [];
  for (const sheet of workbookSheets(data, entries)) {
    const entry = entries.get(sheet.part);
    if (!entry) continue;
    grids.push(await sheetGrid(data, entry, sheet.name, sheet.hidden, strings, dates));
  }
  return grids;
}

async function sheetGrid(
  data: Buffer,
  entry: Entry,
  name: string,
  hidden: boolean,
  strings: readonly string[],
  dates: readonly boolean[],
): Promise<Grid> {
  const values: CellValue[][] = [];
  const uncomputed: Array<{ row: number; col: number }> = [];
  const stray: NonNullable<Grid['stray']> = [];
  const merges: Merge[] = [];
  let lastRow = 0;
  let strayFrom = Number.POSITIVE_INFINITY;
  let rowNumber = 0;
  const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

  const cellValue = (attrs: string, body: string): { value: CellValue; formula: boolean } => {
    const t = attr(attrs, 't');
    const formula = /<f\b/.test(body);
    const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(body)?.[1];
    const style = Number(attr(attrs, 's') ?? 0);
    const isDate = dates[style] === true;
    if (t === 'inlineStr' && !formula) {
      const is = /<is>([\s\S]*?)<\/is>/.exec(body)?.[1];
      return { value: is !== undefined ? runsText(is) : null, formula };
    }
    if (v === undefined) return { value: null, formula };
    if (formula) {
      if (t === 'str') return { value: xmlText(v), formula };
      if (t === 'b') return { value: parseInt(v, 10) !== 0, formula };
      if (t === 'e') return { value: xmlText(v), formula };
      const n = parseFloat(v);
      return { value: isDate ? excelToDate(n) : n, formula };
    }
    switch (t) {
      case 's':
        return { value: strings[parseInt(v, 10)] ?? null, formula };
      case 'str':
      case 'inlineStr':
        return { value: xmlText(v), formula };
      case 'b':
        return { value: parseInt(v, 10) !== 0, formula };
      case 'e':
        return { value: xmlText(v), formula };
      default: {
        const n = parseFloat(v);
        return { value: isDate ? excelToDate(n) : n, formula };
      }
    }
  };

  const takeRow = (attrs: string, body: string | undefined) => {
    const r = attr(attrs, 'r');
    rowNumber = r !== undefined ? parseInt(r, 10) : rowNumber + 1;
    const cells: Array<{ col: number; value: CellValue; uncomputed: boolean }> = [];
    let col = 0;
    if (body)
      for (const m of body.matchAll(CELL)) {
        const a = m[1] ?? '';
        const ref = attr(a, 'r');
        col = ref !== undefined ? columnNumber(/^[A-Z]+/.exec(ref)?.[0] ?? '') : col + 1;
        const { value, formula } = cellValue(a, m[2] ?? '');
        // As exceljs reads a row: a cell without a value (formatted or not) is not among its cells.
        if (value === null && !formula) continue;
        cells.push({ col, value, uncomputed: formula && value === null });
      }
    if (cells.length === 0) return;
    if (rowNumber > strayFrom || (lastRow > 0 && rowNumber - lastRow > STRAY_GAP_ROWS)) {
      strayFrom = Math.min(strayFrom, rowNumber);
      for (const c of cells) stray.push({ row: rowNumber - 1, col: c.col - 1, value: c.value });
      return;
    }
    const out: CellValue[] = [];
    let lastCol = 0;
    let any = false;
    for (const c of cells) {
      if ((lastCol > 0 && c.col - lastCol > STRAY_GAP_COLS) || (lastCol === 0 && c.col > STRAY_GAP_COLS)) {
        stray.push({ row: rowNumber - 1, col: c.col - 1, value: c.value });
        continue;
      }
      out[c.col - 1] = c.value;
      if (c.uncomputed) uncomputed.push({ row: rowNumber - 1, col: c.col - 1 });
      lastCol = c.col;
      any = true;
    }
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    values[rowNumber - 1] = out;
    if (any) lastRow = rowNumber;
  };

  let buffer = '';
  let inData = true;
  const scan = (final: boolean) => {
    if (inData) {
      const close = buffer.indexOf('</sheetData>');
      const cut = close >= 0 ? close : final ? buffer.length : buffer.lastIndexOf('</row>') + (buffer.includes('</row>') ? 6 : 0);
      if (cut > 0) {
        const part = buffer.slice(0, cut);
        const start = part.indexOf('<sheetData');
        for (const m of (start >= 0 ? part.slice(start) : part).matchAll(ROW)) takeRow(m[1] ?? '', m[2]);
        buffer = buffer.slice(cut);
      }
      if (close >= 0) inData = false;
      else if (!final) return;
    }
    const end = final ? buffer.length : buffer.lastIndexOf('>') + 1;
    for (const m of buffer.slice(0, end).matchAll(/<mergeCell\b[^>]*?\sref="([^"]+)"/g)) {
      const range = parseRange(m[1] ?? '');
      if (range) merges.push(range);
    }
    buffer = buffer.slice(end);
  };
  for await (const piece of partPieces(data, entry)) {
    buffer += piece;
    scan(false);
  }
  scan(true);

  // Cells under a merge read empty, as in Sheets; exceljs counts them among the row's cells, so a row is
  // as long as the merges it holds (within the rows read and the columns before the strays).
  for (const m of merges)
    for (let r = m.row; r < Math.min(m.row + m.rows, values.length); r++) {
      const line = (values[r] ??= []);
      for (let c = m.col; c < Math.min(m.col + m.cols, STRAY_GAP_COLS + 1); c++) {
        while (line.length <= c) line.push(null);
        if (r > m.row || c > m.col) line[c] = null;
      }
    }
  for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = [];
  while (values.length > 0 && (values[values.length - 1] as CellValue[]).every((v) => v === null || v === undefined || v === ''))
    values.pop();
  const grid: Grid = { sheet: name, values, merges: merges.filter((m) => m.row < values.length) };
  if (hidden) grid.hidden = true;
  if (uncomputed.length > 0) grid.uncomputed = uncomputed;
  if (stray.length > 0) grid.stray = stray;
  return grid;
}
