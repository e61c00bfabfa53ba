/**
 * The lines a cell's text is broken into, measured with Calibri 11's widths (from the Carlito fonts). The
 * widths checked here were read off LibreOffice's PDF of the same words (pdftotext -bbox-layout): «Организация»
 * 61.03 pt, «методического» 70.82 pt; the breaks are LibreOffice's for the same text (row-heights.test.ts
 * checks whole tabs against it).
 */
import { describe, expect, it } from 'vitest';
import { textPixels, wrappedLineCount } from '../../src/workbook/text-lines';

const PT = 96 / 72;

describe('text lines', () => {
  it('measures words with the font’s widths, bold wider', () => {
    expect(textPixels('Организация')).toBeCloseTo(61.03 * PT, 0);
    expect(textPixels('методического')).toBeCloseTo(70.82 * PT, 0);
    expect(textPixels('ШНОР', true)).toBeGreaterThan(textPixels('ШНОР'));
    // Digits are all as wide (Excel's width unit is one of them, 7 px at 96 dpi, rounded from 7.43).
    expect(textPixels('0123456789')).toBeCloseTo(10 * 7.43, 1);
  });

  it('breaks at spaces, after hyphens and dashes, and inside a word longer than the line', () => {
    expect(wrappedLineCount('семинаров-практикумов', textPixels('практикумов') + 1)).toBe(2);
    expect(wrappedLineCount('семинаров-практикумов', textPixels('семинаров-практикумов') + 0.01)).toBe(1);
    expect(wrappedLineCount('семинаров практикумов', textPixels('семинаров практикумов') + 0.01)).toBe(1);
    expect(wrappedLineCount('семинаров практикумов', textPixels('семинаров практикумов') - 1)).toBe(2);
    // Spaces at the end of a line take no room.
    expect(wrappedLineCount('семинаров   практикумов', textPixels('практикумов'))).toBe(2);
    // A word three times as long as the line: three lines (or four, where a letter does not fit).
    const long = 'функциональнойграмотностиобучающихся';
    expect(wrappedLineCount(long, textPixels(long) / 3 + 8)).toBe(3);
  });

  it('starts a new line at each line break, an empty paragraph too', () => {
    expect(wrappedLineCount('Итог\nКритерии\n\nЦвета строк', 500)).toBe(4);
    expect(wrappedLineCount('Итог\r\nКритерии', 500)).toBe(2);
    expect(wrappedLineCount('', 500)).toBe(1);
  });

  it('takes a character missing from the table as a wide one', () => {
    expect(textPixels('→')).toBe(textPixels('Ш'));
    expect(textPixels('漢')).toBe(textPixels('Ш'));
  });
});
