/** Reading the CLI's input files: .xlsx (every sheet) and .csv (UTF-8, `;` or `,`). */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Grid } from '../core/results';
import { worksheetGrid } from '../workbook/xlsx-values';

export class InputError extends Error {}

export async function readGrids(path: string): Promise<Grid[]> {
  const ext = extname(path).toLowerCase();
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`Файл не найден: ${path}`);
    if (code === 'EISDIR') throw new InputError(`Это папка, а не файл: ${path}`);
    throw new InputError(`Не удалось прочитать файл ${path}: ${(e as Error).message}`);
  }
  if (ext === '.csv' || ext === '.txt') return [readCsv(data, basename(path))];
  if (ext === '.xlsx' || ext === '.xlsm') {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(data as unknown as ArrayBuffer);
    } catch {
      throw new InputError(`Файл ${path} не читается как книга Excel (.xlsx).`);
    }
    return wb.worksheets.map(worksheetGrid);
  }
  if (ext === '.xls') throw new InputError(`Файл ${path} в старом формате .xls: сохраните его как .xlsx.`);
  throw new InputError(`Неизвестный тип файла ${path}: нужен .xlsx или .csv.`);
}

export function readCsv(data: Buffer, sheet: string): Grid {
  let text = data.toString('utf8');
  if (text.includes('\ufffd')) throw new InputError(`Файл ${sheet} не в кодировке UTF-8: сохраните его как «CSV UTF-8».`);
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    const values = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
    return { sheet, values };
  } catch (e) {
    throw new InputError(`Файл ${sheet} не читается как CSV: ${(e as Error).message}`);
  }
}
