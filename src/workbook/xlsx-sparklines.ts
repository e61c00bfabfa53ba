/**
 * Excel sparklines in an .xlsx file: the x14 extension of a worksheet (Excel 2010 on; LibreOffice reads and
 * draws them from 7.4), which exceljs neither reads nor writes. The streaming writer gets them as the
 * worksheet's last element, `<extLst>` (ECMA-376 Part 1, §18.3.1.99: CT_Worksheet ends with extLst), the
 * group as [MS-XLSX] 2.6.96 CT_SparklineGroups defines it: one group of lines, min 0 (a small change looks
 * small), gaps where a year has no value, markers on the points (a trend of two or three years is dots).
 */
import { SPARKLINE_COLOR, type SparklineSource } from '../core/sparkline';
import { columnLetter } from '../core/text';

/** A sparkline: the cell it is drawn in (0-based) and the block of the same sheet it draws. */
export interface XlsxSparkline {
  row: number;
  col: number;
  source: SparklineSource;
}

/** The extension's uri for sparkline groups ([MS-XLSX] 2.2.4.5). */
export const SPARKLINE_EXT_URI = '{05C60535-1F16-4fd2-B633-F4F36F0B64E0}';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The worksheet's `<extLst>` holding these sparklines of sheet `sheetName` (its name as the file has it). */
export function sparklineExtLst(sheetName: string, sparklines: readonly XlsxSparkline[]): string {
  if (sparklines.length === 0) return '';
  const sheet = `'${sheetName.replace(/'/g, "''")}'`;
  const a1 = (r: number, c: number) => `${columnLetter(c)}${r + 1}`;
  const rgb = `FF${SPARKLINE_COLOR.slice(1).toUpperCase()}`;
  const lines = sparklines
    .map(({ row, col, source: s }) => {
      const range = `${sheet}!${a1(s.row, s.col)}:${a1(s.row + s.rows - 1, s.col + s.cols - 1)}`;
      return `<x14:sparkline><xm:f>${escape(range)}</xm:f><xm:sqref>${a1(row, col)}</xm:sqref></x14:sparkline>`;
    })
    .join('');
  return (
    `<extLst><ext uri="${SPARKLINE_EXT_URI}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">` +
    `<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">` +
    `<x14:sparklineGroup manualMin="0" lineWeight="1.5" displayEmptyCellsAs="gap" markers="1" minAxisType="custom">` +
    `<x14:colorSeries rgb="${rgb}"/><x14:colorNegative rgb="${rgb}"/><x14:colorAxis rgb="FF000000"/>` +
    `<x14:colorMarkers rgb="${rgb}"/><x14:colorFirst rgb="${rgb}"/><x14:colorLast rgb="${rgb}"/>` +
    `<x14:colorHigh rgb="${rgb}"/><x14:colorLow rgb="${rgb}"/>` +
    `<x14:sparklines>${lines}</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>`
  );
}
