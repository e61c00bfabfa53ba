/**
 * Rows of wrapped text are tall enough in LibreOffice: a tab of long Russian texts — the activities and
 * expected results of the districts' own programmes as printed (src/core/catalogue-data), some joined by
 * line breaks as the справка joins paragraphs, some bold — in narrow, medium and wide columns and in a
 * merged cell, written as the CLI writes a book (the row heights are estimated when it is saved), then laid
 * out by LibreOffice Calc (PDF, then the words' boxes). Every line of every wrapped cell must lie inside its
 * row: above the next row's first line, on the row's page (a row too short clips its text, which then
 * lies below the row's box, or is not printed at all). And a row is not much taller than its text: at
 * most an eighth and a line more lines than LibreOffice breaks it into.
 *
 * The rows' tops are read from a marker in the first column («ряд1», «ряд2», …), top-aligned like the texts.
 * Needs LibreOffice Calc, pdftotext and the Carlito font (.ci/run installs them); skipped, saying why, without.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_ACTIVITIES } from '../../src/core/catalogue';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { LIBREOFFICE_MISSING, pdfLines, pdfWords, type PdfWord, toPdf } from '../support/libreoffice';

if (LIBREOFFICE_MISSING) console.warn(`Проверка высоты строк в LibreOffice пропущена: ${LIBREOFFICE_MISSING}.`);

const TAB = 'Тексты';
/** Column widths in pixels: the marker, narrow, medium, wide, and two merged into one cell. */
const WIDTHS = [48, 90, 160, 420, 100, 100];
const ROWS = 30;
/** Points of a line the book's rows are estimated at (Excel's row of one line of Calibri 11). */
const LINE_PT = 15;

/**
 * Texts for the columns, narrow to wide: distinct long texts of the programmes (of at most 220 characters
 * in the narrow column, so that no row is taller than a page or than Excel's 409 points), and in the wide
 * column paragraphs joined by line breaks.
 */
function pools(): string[][] {
  const all = [...new Set(SOURCE_ACTIVITIES.flatMap((a) => [a.activity, a.result]).filter((t) => t.length > 60))].sort(
    (a, b) => b.length - a.length,
  );
  const upTo = (n: number) => all.filter((t) => t.length <= n);
  const joined = Array.from({ length: ROWS }, (_, i) => [all[i], all[40 + i], all[80 + i]].join('\n'));
  return [upTo(220), upTo(500), joined, all.slice(20)];
}

interface Cell {
  row: number;
  col: number;
  text: string;
}

describe.skipIf(LIBREOFFICE_MISSING !== null)(
  `rows of wrapped text are tall enough in LibreOffice${LIBREOFFICE_MISSING ? ` — пропущено: ${LIBREOFFICE_MISSING}` : ''}`,
  () => {
    const cells: Cell[] = [];
    const heights: number[] = [];
    let words: PdfWord[] = [];
    let pageHeight = 0;

    beforeAll(async () => {
      const book = XlsxWorkbook.empty();
      book.ensureSheet(TAB);
      const texts = pools();
      const values = Array.from({ length: ROWS }, (_, r) => {
        const row = WIDTHS.slice(1).map((_, c) => {
          const pool = texts[c];
          return pool ? (pool[(r * 7) % pool.length] as string) : null;
        });
        row.forEach((t, c) => {
          if (t) cells.push({ row: r, col: c + 1, text: t });
        });
        return [`ряд${r + 1}`, ...row];
      });
      // A last marker, so that the last text row has a bottom too.
      values.push([`ряд${ROWS + 1}`, null, null, null, null, null]);
      book.writeBlock(TAB, 0, 0, values);
      book.setColumnWidths(TAB, 0, WIDTHS);
      book.setWrap(TAB, { row: 0, col: 0, rows: ROWS + 1, cols: WIDTHS.length }, true);
      book.mergeAcross(TAB, { row: 0, col: 4, rows: ROWS, cols: 2 });
      book.setFontWeights(
        TAB,
        0,
        0,
        values.map((_, r) => WIDTHS.map(() => (r % 3 === 2 ? 'bold' : 'normal'))),
      );
      const file = join(mkdtempSync(join(tmpdir(), 'shnor-heights-')), 'heights.xlsx');
      await book.save(file);
      const ws = book.wb.getWorksheet(TAB);
      for (let r = 1; r <= ROWS; r++) heights.push(ws?.getRow(r).height ?? 0);
      const [pdf] = await toPdf([file]);
      words = await pdfWords(pdf as string);
      // A4 landscape (the tab is wider than a portrait page).
      pageHeight = 595.3;
      expect(words.length).toBeGreaterThan(1000);
    }, 240_000);

    it('every line of every wrapped cell lies inside its row, and no row is much taller than its text', () => {
      const markers = Array.from({ length: ROWS + 1 }, (_, r) => words.find((w) => w.t === `ряд${r + 1}`));
      expect(markers.every(Boolean), 'every row’s marker printed').toBe(true);
      const used = new Set<number>(words.flatMap((w, i) => (/^ряд\d+$/.test(w.t) ? [i] : [])));
      const outside: string[] = [];
      const tooTall: string[] = [];
      const printedLines = new Map<number, number>();
      // Longer texts first: a shorter one could otherwise take words of a longer one.
      for (const cell of [...cells].sort((a, b) => b.text.length - a.text.length)) {
        const before = new Set(used);
        const lines = pdfLines(words, used, cell.text);
        const where = `строка ${cell.row + 1}, столбец ${cell.col + 1} «${cell.text.slice(0, 50)}…»`;
        if (!lines) {
          outside.push(`${where}: текст не напечатан`);
          continue;
        }
        printedLines.set(cell.row, Math.max(printedLines.get(cell.row) ?? 0, lines.length));
        const top = markers[cell.row] as PdfWord;
        const next = markers[cell.row + 1] as PdfWord;
        const bottom = next.page === top.page ? next.y : pageHeight;
        for (const i of [...used].filter((j) => !before.has(j))) {
          const w = words[i] as PdfWord;
          if (w.page !== top.page || w.y < top.y - 0.5 || w.y2 > bottom + 0.5)
            outside.push(`${where}: «${w.t}» на ${w.y.toFixed(1)}–${w.y2.toFixed(1)} pt, строка ${top.y.toFixed(1)}–${bottom.toFixed(1)}`);
        }
      }
      for (const [row, lines] of printedLines) {
        // The estimate errs tall: its lines are Excel's (15 pt, LibreOffice's 11.1), its columns Excel's
        // (7 px a width unit, LibreOffice's 7.4) less a margin; by a line and an eighth at most.
        if ((heights[row] ?? LINE_PT) > Math.ceil(lines * 1.125 + 1) * LINE_PT)
          tooTall.push(`строка ${row + 1}: ${heights[row]} pt на ${lines} строк текста`);
      }
      expect(outside).toEqual([]);
      expect(tooTall).toEqual([]);
      // Not an empty check: all the cells found, many on several lines.
      expect(printedLines.size).toBe(ROWS);
      expect([...printedLines.values()].filter((n) => n > 3).length).toBeGreaterThan(ROWS / 2);
    });
  },
);
