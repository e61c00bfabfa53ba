/** Opening an input as an .xlsx book for the actions, and writing a book, for the commands that write one. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ReportBlock } from '../core/report';
import { reportDocx } from './docx';
import type { Grid } from '../core/results';
import { XlsxWorkbook } from '../workbook/xlsx';
import { InputError } from './input';

/** The input as a book: an .xlsx is loaded; a CSV's grids (or combined inputs, `input` null) are put on sheets of a new book. */
export async function openBook(input: string | null, grids: Grid[]): Promise<XlsxWorkbook> {
  if (input !== null && /\.xlsx$/i.test(input)) return XlsxWorkbook.load(input);
  const wb = XlsxWorkbook.empty();
  for (const g of grids) {
    wb.ensureSheet(g.sheet);
    wb.writeBlock(g.sheet, 0, 0, g.values);
  }
  return wb;
}

/** Refuses to write over the input or into anything but .xlsx. */
export function checkOutput(input: string | null, output: string): void {
  if (input !== null && resolve(input) === resolve(output))
    throw new InputError('Входной файл не перезаписывается: укажите в -o другой файл.');
  if (!/\.xlsx$/i.test(output)) throw new InputError(`Книга записывается в .xlsx: ${output}`);
}

export async function saveBook(wb: XlsxWorkbook, output: string): Promise<void> {
  try {
    await wb.save(output);
  } catch (e) {
    throw new InputError(`Не удалось записать ${output}: ${(e as Error).message}`);
  }
}

/** Writes the справка as a .docx file; never over the input. */
export async function saveDocx(input: string | null, output: string, blocks: readonly ReportBlock[]): Promise<void> {
  if (input !== null && resolve(input) === resolve(output))
    throw new InputError('Входной файл не перезаписывается: укажите в --docx другой файл.');
  if (!/\.docx$/i.test(output)) throw new InputError(`Справка записывается в .docx: ${output}`);
  try {
    await writeFile(output, await reportDocx(blocks));
  } catch (e) {
    throw new InputError(`Не удалось записать ${output}: ${(e as Error).message}`);
  }
}
