/**
 * Reading the files a person picks, in the browser: an .xlsx is a zip of XML parts (unzipped with fflate,
 * read with the browser's DOMParser: the workbook's sheet names, the shared strings, each sheet's cells and
 * merged ranges); a CSV is UTF-8 with `;` or `,` (papaparse). Only values are read, as the port reads them.
 */
import Papa from 'papaparse';
import { strFromU8, unzipSync } from 'fflate';
import type { Grid, Merge } from '../../core/results';
import type { CellValue } from '../../core/text';

export class FileError extends Error {}

const xml = (text: string) => new DOMParser().parseFromString(text, 'application/xml');
const byTag = (node: Document | Element, tag: string) => Array.from(node.getElementsByTagNameNS('*', tag));

/** «B12» → 0-based row and column. */
function cellRef(ref: string): { row: number; col: number } | null {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** The text of a shared string or an inline string: every <t> inside it, rich-text runs joined. */
const textOf = (node: Element) =>
  byTag(node, 't')
    .map((t) => t.textContent ?? '')
    .join('');

export function readXlsx(bytes: Uint8Array, name: string): Grid[] {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (f) => f.name.endsWith('.xml') || f.name.endsWith('.rels') });
  } catch {
    throw new FileError(`Файл ${name} не читается как книга Excel (.xlsx).`);
  }
  const part = (path: string) => (parts[path] ? strFromU8(parts[path] as Uint8Array) : null);
  const workbook = part('xl/workbook.xml');
  if (workbook === null) throw new FileError(`Файл ${name} не читается как книга Excel (.xlsx).`);
  const rels = new Map<string, string>();
  for (const r of byTag(xml(part('xl/_rels/workbook.xml.rels') ?? '<r/>'), 'Relationship')) {
    const target = r.getAttribute('Target') ?? '';
    rels.set(r.getAttribute('Id') ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const shared = byTag(xml(part('xl/sharedStrings.xml') ?? '<sst/>'), 'si').map(textOf);
  const grids: Grid[] = [];
  for (const sheet of byTag(xml(workbook), 'sheet')) {
    const title = sheet.getAttribute('name') ?? '';
    const id =
      sheet.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id') ?? sheet.getAttribute('r:id') ?? '';
    const text = part(rels.get(id) ?? '');
    if (text === null) continue;
    const doc = xml(text);
    const values: CellValue[][] = [];
    for (const c of byTag(doc, 'c')) {
      const at = cellRef(c.getAttribute('r') ?? '');
      if (!at) continue;
      const type = c.getAttribute('t');
      const v = byTag(c, 'v')[0]?.textContent ?? null;
      let value: CellValue = null;
      if (type === 's') value = v === null ? null : (shared[Number(v)] ?? null);
      else if (type === 'inlineStr') value = textOf(c);
      else if (type === 'str' || type === 'e') value = v;
      else if (type === 'b') value = v === '1';
      else if (v !== null && v !== '') value = Number(v);
      if (value === null || value === '') continue;
      const row = (values[at.row] ??= []);
      row[at.col] = value;
    }
    for (let r = 0; r < values.length; r++) {
      const row = (values[r] ??= []);
      for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    }
    const merges: Merge[] = [];
    for (const m of byTag(doc, 'mergeCell')) {
      const [a, b] = (m.getAttribute('ref') ?? '').split(':').map(cellRef);
      if (a && b) merges.push({ row: a.row, col: a.col, rows: b.row - a.row + 1, cols: b.col - a.col + 1 });
    }
    grids.push({ sheet: title, values, merges });
  }
  return grids;
}

export function readCsv(bytes: Uint8Array, name: string): Grid {
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.includes('\ufffd')) throw new FileError(`Файл ${name} не в кодировке UTF-8: сохраните его как «CSV UTF-8».`);
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (first.match(/;/g)?.length ?? 0) >= (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  const got = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const fatal = got.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new FileError(`Файл ${name} не читается как CSV: строка ${(fatal.row ?? 0) + 1} — ${fatal.message}`);
  // A file ends with a line break: papaparse reads one empty line after it.
  const values = got.data;
  while (values.length > 0 && (values[values.length - 1] as string[]).every((v) => v === '')) values.pop();
  return { sheet: name, values };
}

/** A picked file's sheets, by its extension. */
export function readPicked(bytes: Uint8Array, name: string): Grid[] {
  if (/\.(xlsx|xlsm)$/i.test(name)) return readXlsx(bytes, name);
  if (/\.(csv|txt)$/i.test(name)) return [readCsv(bytes, name)];
  if (/\.xls$/i.test(name)) throw new FileError(`Файл ${name} в старом формате .xls: сохраните его как .xlsx.`);
  throw new FileError(`Неизвестный тип файла ${name}: нужен .xlsx или .csv.`);
}
