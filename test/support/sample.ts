/** The sample district as grids, read once per test file. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Grid } from '../../src/core/results';
import { worksheetGrid } from '../../src/workbook/xlsx-values';

export const SAMPLE_XLSX = join(import.meta.dirname, '..', '..', 'sample', 'district.xlsx');

export async function sampleGrids(): Promise<Grid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE_XLSX);
  return wb.worksheets.map(worksheetGrid);
}
