/** Opening an input as an .xlsx book for the actions, and writing a book, for the commands that write one. */
import { lstatSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ReportBlock } from '../core/report';
import { reportDocx } from './docx';
import type { Grid } from '../core/results';
import type { CellValue } from '../core/text';
import { XlsxWorkbook } from '../workbook/xlsx';
import { errnoText, InputError, readInputBytes } from './input';
import type { ResultTable } from '../core/results';
import type { Workbook } from '../workbook/port';
import { shareParse } from '../actions/shared-table';
import { openStreamBook, WholeBookNeeded } from './stream-book';

/** Gives the actions about to run on `wb` the input's parses, so that the result table is parsed once a run. */
export function withParses<W extends Workbook>(wb: W, parses: ReadonlyArray<{ grid: Grid; table: ResultTable }> = []): W {
  for (const p of parses) if (p.table.schools.length > 0) shareParse(wb, p.grid, p.table);
  return wb;
}

/**
 * The input as a book: an .xlsx is loaded, its large sheets' rows left in the file (`grids`, the sheets as
 * read, hold their values; see stream-book), or all of it when `whole`; a CSV's grids (or combined inputs,
 * `input` null) are put on sheets of a new book.
 */
export async function openBook(
  input: string | null,
  grids: Grid[],
  parses?: ReadonlyArray<{ grid: Grid; table: ResultTable }>,
  whole = false,
): Promise<XlsxWorkbook> {
  if (input !== null && /\.xlsx$/i.test(input)) {
    const data = (await readInputBytes(input)).data;
    return withParses(whole ? await XlsxWorkbook.fromBuffer(data) : await openStreamBook(data, grids), parses);
  }
  const wb = withParses(XlsxWorkbook.empty(), parses);
  // The tables are kept as they were read, not as cells: a region's table is most of the book.
  for (const g of grids) {
    wb.putValues(g.sheet, g.values);
    // A CSV has no widths: each column as wide as its text (the first rows tell), so names are not cut.
    const widths = contentWidths(g.values);
    if (widths.length > 0) wb.setColumnWidths(g.sheet, 0, widths);
  }
  return wb;
}

/**
 * Runs `work` on the input opened as a book (openBook); should an action need a sheet that was left in the
 * file whole (WholeBookNeeded, before anything is written), `work` runs again on the book loaded whole.
 */
export async function withBook<T>(
  input: string | null,
  grids: Grid[],
  parses: ReadonlyArray<{ grid: Grid; table: ResultTable }> | undefined,
  work: (wb: XlsxWorkbook) => Promise<T>,
): Promise<T> {
  // Only a stream book (an .xlsx) may need the whole book: else nothing is kept here for a second time (the
  // parse of a region's table is hundreds of megabytes, let go before the book is written).
  if (input === null || !/\.xlsx$/i.test(input)) return openBook(input, grids, parses).then(work);
  try {
    return await work(await openBook(input, grids, parses));
  } catch (e) {
    if (!(e instanceof WholeBookNeeded)) throw e;
    return work(await openBook(input, grids, parses, true));
  }
}

/** Column widths in pixels from the text of the first rows: 7 px a character, between 40 and 280. */
export function contentWidths(values: readonly CellValue[][], rows = 500): number[] {
  const widths: number[] = [];
  for (const line of values.slice(0, rows))
    line.forEach((v, c) => {
      const text = v instanceof Date ? '00.00.0000' : typeof v === 'number' ? String(Math.round(v * 10) / 10) : String(v ?? '');
      widths[c] = Math.max(widths[c] ?? 40, Math.min(280, text.length * 7 + 12));
    });
  return Array.from(widths, (w) => w ?? 40);
}

function statOrNull(path: string, follow: boolean) {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch {
    return null;
  }
}

/** What each output option writes: the book (-o) or the справка (--docx). */
const OUTPUTS = {
  '-o': { ext: 'xlsx', what: 'Книга записывается в .xlsx', kind: 'книгу' },
  '--docx': { ext: 'docx', what: 'Справка записывается в .docx', kind: 'справку' },
} as const;
type OutputOption = keyof typeof OUTPUTS;

/**
 * Refuses to write over the input or into anything but the option's kind of file. The files themselves are
 * compared (device and inode), so a symbolic or hard link to the input, or a path through a linked folder,
 * is refused too; a link that leads nowhere yet is replaced, not followed (see writeReplacing).
 */
export function checkOutput(input: string | null, output: string, option: OutputOption = '-o'): void {
  const { ext, what } = OUTPUTS[option];
  if (!output.toLowerCase().endsWith(`.${ext}`)) throw new InputError(`${what}: ${output}`);
  const target = statOrNull(output, true);
  if (target?.isDirectory()) throw new InputError(`В ${option} указана папка, а нужен файл .${ext}: ${output}`);
  if (target && !target.isFile()) throw new InputError(`В ${option} указан не обычный файл: ${output}`);
  if (input === null) return;
  const source = statOrNull(input, true);
  const link = statOrNull(output, false);
  const same = (a: ReturnType<typeof statOrNull>) => a !== null && source !== null && a.dev === source.dev && a.ino === source.ino;
  if (same(target) || same(link))
    throw new InputError(
      `Входной файл не перезаписывается: ${output} — это ${input} (или ссылка на него); укажите в ${option} другой файл.`,
    );
}

/**
 * Writes into a new file beside the target and renames it over the target: a link at the target's name is
 * replaced, never written through, and a failed write leaves the old file as it was.
 */
async function writeReplacing(output: string, option: OutputOption, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = join(dirname(output), `.${basename(output)}.${process.pid}.tmp`);
  try {
    await write(temp);
    await rename(temp, output);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new InputError(`Не удалось записать ${OUTPUTS[option].kind} ${output}: ${errnoText(e)}.`);
  }
}

export async function saveBook(wb: XlsxWorkbook, output: string): Promise<void> {
  // The book's last use: its tabs are let go as they are written.
  await writeReplacing(output, '-o', (temp) => wb.save(temp, { last: true }));
}

/** Writes the справка as a .docx file; never over the input. */
export async function saveDocx(input: string | null, output: string, blocks: readonly ReportBlock[]): Promise<void> {
  checkOutput(input, output, '--docx');
  const data = await reportDocx(blocks);
  await writeReplacing(output, '--docx', (temp) => writeFile(temp, data));
}
