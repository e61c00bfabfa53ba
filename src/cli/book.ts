/** Opening an input as an .xlsx book for the actions, and writing a book, for the commands that write one. */
import { lstatSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Grid } from '../core/results';
import { XlsxWorkbook } from '../workbook/xlsx';
import { errnoText, InputError, readInputBytes } from './input';

/** The input as a book: an .xlsx is loaded; a CSV's grids are put on sheets of a new book. */
export async function openBook(input: string, grids: Grid[]): Promise<XlsxWorkbook> {
  if (/\.xlsx$/i.test(input)) return XlsxWorkbook.fromBuffer((await readInputBytes(input)).data);
  const wb = XlsxWorkbook.empty();
  for (const g of grids) {
    wb.ensureSheet(g.sheet);
    wb.writeBlock(g.sheet, 0, 0, g.values);
  }
  return wb;
}

function statOrNull(path: string, follow: boolean) {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * Refuses to write over the input or into anything but .xlsx. The files themselves are compared (device
 * and inode), so a symbolic or hard link to the input, or a path through a linked folder, is refused too;
 * a link that leads nowhere yet is replaced, not followed (see saveBook).
 */
export function checkOutput(input: string | null, output: string): void {
  if (!/\.xlsx$/i.test(output)) throw new InputError(`Книга записывается в .xlsx: ${output}`);
  const target = statOrNull(output, true);
  if (target?.isDirectory()) throw new InputError(`В -o указана папка, а нужен файл .xlsx: ${output}`);
  if (target && !target.isFile()) throw new InputError(`В -o указан не обычный файл: ${output}`);
  if (input === null) return;
  const source = statOrNull(input, true);
  const link = statOrNull(output, false);
  const same = (a: ReturnType<typeof statOrNull>) => a !== null && source !== null && a.dev === source.dev && a.ino === source.ino;
  if (same(target) || same(link))
    throw new InputError(`Входной файл не перезаписывается: ${output} — это ${input} (или ссылка на него); укажите в -o другой файл.`);
}

/**
 * Writes into a new file beside the target and renames it over the target: a link at the target's name is
 * replaced, never written through, and a failed write leaves the old file as it was.
 */
export async function saveBook(wb: XlsxWorkbook, output: string): Promise<void> {
  const temp = join(dirname(output), `.${basename(output)}.${process.pid}.tmp`);
  try {
    await wb.save(temp);
    await rename(temp, output);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new InputError(`Не удалось записать книгу ${output}: ${errnoText(e)}.`);
  }
}
