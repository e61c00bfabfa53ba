/**
 * Reading the CLI's input files: .xlsx (every sheet) and .csv (UTF-8, `;` or `,`). One path at a time:
 * what is not a regular file is refused before a byte is read (a pipe or a device would wait or never end),
 * and no more than MAX_INPUT_BYTES is read.
 */
import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Grid } from '../core/results';
import { streamGrids } from './xlsx-grids';

export class InputError extends Error {}

/** Larger than any district's or region's table (40,000 schools in CSV is about 30 MB). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** The Russian words for the errno codes a file operation may end with. */
export function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'нет такого файла или папки';
    case 'EACCES':
    case 'EPERM':
      return 'нет прав доступа';
    case 'EISDIR':
      return 'это папка, а не файл';
    case 'ENOTDIR':
      return 'часть пути — не папка';
    case 'ENOSPC':
      return 'нет места на диске';
    case 'EDQUOT':
      return 'превышена квота на диске';
    case 'EROFS':
      return 'диск только для чтения';
    case 'ENAMETOOLONG':
      return 'слишком длинное имя файла';
    case 'ELOOP':
      return 'ссылки образуют петлю';
    case 'EMFILE':
    case 'ENFILE':
      return 'открыто слишком много файлов';
    case 'EBUSY':
      return 'файл занят другой программой';
    case 'EIO':
      return 'ошибка ввода-вывода';
    default:
      return code ? `системная ошибка ${code}` : 'неизвестная ошибка';
  }
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'это папка, а не файл';
  if (st.isFIFO()) return 'это именованный канал, а не файл';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'это устройство, а не файл';
  if (st.isSocket()) return 'это сокет, а не файл';
  return 'это не обычный файл';
}

/**
 * The bytes of one input file. Opened without blocking (a named pipe would otherwise wait for a writer),
 * checked to be a regular file on the opened descriptor itself, and read up to the cap.
 */
export async function readInputBytes(path: string): Promise<{ data: Buffer; stats: Stats }> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`Файл не найден: ${path}`);
    if (code === 'EISDIR') throw new InputError(`Это папка, а не файл: ${path}`);
    throw new InputError(`Не удалось открыть файл ${path}: ${errnoText(e)}.`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new InputError(`Файл ${path} не читается: ${kindOf(stats)}.`);
    if (stats.size > MAX_INPUT_BYTES)
      throw new InputError(
        `Файл ${path} слишком велик (${Math.round(stats.size / 1024 / 1024)} МБ; не больше ${MAX_INPUT_BYTES / 1024 / 1024} МБ).`,
      );
    if (stats.size === 0) throw new InputError(`Файл ${path} пуст.`);
    const data = Buffer.alloc(stats.size);
    let read = 0;
    while (read < stats.size) {
      const { bytesRead } = await handle.read(data, read, stats.size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { data: read === stats.size ? data : data.subarray(0, read), stats };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`Не удалось прочитать файл ${path}: ${errnoText(e)}.`);
  } finally {
    await handle.close();
  }
}

export async function readGrids(path: string): Promise<Grid[]> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xls') throw new InputError(`Файл ${path} в старом формате .xls: сохраните его как .xlsx.`);
  if (ext !== '.csv' && ext !== '.txt' && ext !== '.xlsx' && ext !== '.xlsm')
    throw new InputError(`Неизвестный тип файла ${path}: нужен .xlsx или .csv.`);
  const { data } = await readInputBytes(path);
  if (ext === '.csv' || ext === '.txt') return [readCsv(data, basename(path))];
  return readXlsx(data, path);
}

/** What the parts of an .xlsx may hold unpacked: far more than 40,000 schools take, far less than memory. */
export const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;

/** The sum of the unpacked sizes the zip's central directory declares (0 when it cannot be read). */
export function unpackedSize(data: Buffer): number {
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > data.length) return 0;
  const entries = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries && at + 46 <= data.length; i++) {
    if (data.readUInt32LE(at) !== 0x02014b50) break;
    total += data.readUInt32LE(at + 24);
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return total;
}

/** An .xlsx file's sheets as grids. */
export async function readXlsx(data: Buffer, path: string): Promise<Grid[]> {
  const zip = data.subarray(0, 4);
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b)
    throw new InputError(`Файл ${path} не читается как книга Excel (.xlsx): это не архив ZIP, а .xlsx — архив.`);
  // Every zip ends with its directory: without it the file was cut short.
  if (data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < Math.max(0, data.length - 65_557))
    throw new InputError(`Файл ${path} не читается как книга Excel (.xlsx): архив повреждён или обрезан.`);
  const unpacked = unpackedSize(data);
  if (unpacked > MAX_UNPACKED_BYTES)
    throw new InputError(
      `Файл ${path}: внутри архива ${Math.round(unpacked / 1024 / 1024)} МБ данных (не больше ${MAX_UNPACKED_BYTES / 1024 / 1024} МБ) — это не таблица результатов района или региона.`,
    );
  if (!data.includes('xl/workbook.xml'))
    throw new InputError(
      `Файл ${path} — архив ZIP без книги Excel (нет части xl/workbook.xml): откройте его в Excel и сохраните как .xlsx.`,
    );
  let grids: Grid[];
  try {
    // Read as a stream: a region's book loaded whole would take gigabytes (see xlsx-grids).
    grids = await streamGrids(data);
  } catch {
    throw new InputError(`Файл ${path} не читается как книга Excel (.xlsx): архив повреждён или это другой формат.`);
  }
  if (grids.length === 0) throw new InputError(`В книге ${path} нет ни одного листа.`);
  return grids;
}

/** The 1-based line where a quoted value opens and is never closed, or null. */
export function unclosedQuoteLine(text: string, delimiter: string): number | null {
  let line = 1;
  let inQuote = false;
  let openedAt = 0;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuote) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuote = false;
      } else if (ch === '\n') line++;
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuote = true;
      openedAt = line;
      fieldStart = false;
      continue;
    }
    if (ch === '\n') line++;
    fieldStart = ch === delimiter || ch === '\n' || ch === '\r';
  }
  return inQuote ? openedAt : null;
}

/**
 * A CSV without a quote character, with one kind of line break (LF or CRLF), read by splitting: that is all
 * CSV is without quotes, and a region's file is read several times faster than by the full parser. The
 * rows are those the parser gives (an empty line is one empty value; the last line break ends the last
 * row); null when the text needs the parser.
 */
export function plainCsvRows(text: string, delimiter: string): string[][] | null {
  if (text.includes('"')) return null;
  let lineBreak = '\n';
  if (text.includes('\r')) {
    lineBreak = '\r\n';
    const crlf = text.split('\r\n').length;
    if (text.split('\r').length !== crlf || text.split('\n').length !== crlf) return null;
  }
  if (text === '') return [];
  const lines = text.split(lineBreak);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split(delimiter).map(ownCopy));
}

/**
 * The cell's text in a string of its own. V8 makes a long piece of a string (13 characters and more: a school's
 * name, a territory) a view into the string it was cut from, and the view keeps that whole string alive: here
 * the file's text, tens of megabytes for a region, for as long as a single name is kept (the book keeps them
 * all). Short pieces are copies already. Split into characters and joined again, the same characters are
 * laid out anew.
 */
const ownCopy = (cell: string): string => (cell.length < SLICE_MIN ? cell : cell.split('').join(''));
const SLICE_MIN = 13;

export function readCsv(data: Buffer, sheet: string): Grid {
  let text = data.toString('utf8');
  if (text.includes('\ufffd')) throw new InputError(`Файл ${sheet} не в кодировке UTF-8: сохраните его как «CSV UTF-8».`);
  if (text.startsWith('\ufeff')) text = text.slice(1);
  if (text.includes('\u0000')) throw new InputError(`Файл ${sheet} не текстовый (в нём нулевые байты): нужен CSV или .xlsx.`);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const plain = plainCsvRows(text, delimiter);
  if (plain) return { sheet, values: plain };
  const open = unclosedQuoteLine(text, delimiter);
  if (open !== null)
    throw new InputError(`Файл ${sheet}, строка ${open}: кавычка «"» открыта и не закрыта до конца файла — закройте её или уберите.`);
  try {
    const values = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
    return { sheet, values };
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new InputError(
      `Файл ${sheet}${typeof line === 'number' ? `, строка ${line}` : ''}: не читается как CSV (разделитель «${delimiter}»).`,
    );
  }
}
