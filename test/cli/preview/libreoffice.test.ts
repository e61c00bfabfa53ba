/**
 * The preview wraps text as a spreadsheet does: the справка and «Справочник мероприятий» written by the
 * same actions into an .xlsx and laid out by LibreOffice Calc (PDF, then the words' boxes), against the
 * same tabs drawn by the preview in Chromium (the lines of each wrapped cell, read from the page). For
 * every wrapped cell: all its text is visible in the preview (nothing cut at the cell's edge), LibreOffice
 * printed all of it too, and both broke it into as many lines, give or take one (one in twenty for a long
 * cell): the fonts differ — the .xlsx has Excel's Calibri 11 (LibreOffice draws Carlito, of the same
 * widths), the preview Sheets' Arial 10 (Liberation Sans, of the same widths) — and so do the cells'
 * margins. Most cells (measured: 130 of 137 and 493 of 532) must agree exactly.
 *
 * Needs LibreOffice Calc and pdftotext (.ci/run installs them); without them it is skipped, and its title
 * says why.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/actions/analyze';
import { CATALOGUE_SHEET, writeCatalogue } from '../../../src/actions/catalogue';
import { REPORT_SHEET, writeReport } from '../../../src/actions/report';
import { loadPreviewWorkbook } from '../../../src/cli/preview/load';
import { XlsxWorkbook } from '../../../src/workbook/xlsx';
import { launch } from '../../support/browser';
import { LIBREOFFICE_MISSING, pdfLines, pdfWords, type PdfWord, toPdf } from '../../support/libreoffice';
import { type DrawnCell, openPreview, type PreviewPage } from '../../support/preview';
import { SAMPLE_XLSX } from '../../support/sample';

const TABS = [REPORT_SHEET, CATALOGUE_SHEET];

// Said where the run is read, not only in the skipped test's title.
if (LIBREOFFICE_MISSING) console.warn(`Сравнение предпросмотра с LibreOffice пропущено: ${LIBREOFFICE_MISSING}.`);

describe.skipIf(LIBREOFFICE_MISSING !== null)(
  `the preview wraps as LibreOffice lays out the same tabs of an .xlsx${LIBREOFFICE_MISSING ? ` — пропущено: ${LIBREOFFICE_MISSING}` : ''}`,
  () => {
    let browser: Browser;
    let p: PreviewPage;
    const printed = new Map<string, PdfWord[]>();

    beforeAll(async () => {
      // The .xlsx: the actions of the menu items on the sample, one book per tab (as the CLI writes them).
      const book = await XlsxWorkbook.fromBuffer(readFileSync(SAMPLE_XLSX));
      expect(analyze(book).kind).toBe('done');
      expect(writeReport(book).kind).toBe('done');
      writeCatalogue(book);
      const dir = mkdtempSync(join(tmpdir(), 'shnor-wrap-'));
      const files = TABS.map((_, i) => join(dir, `tab-${i}.xlsx`));
      for (const [i, tab] of TABS.entries()) await book.takeSheet(tab).save(files[i] as string);
      const pdfs = await toPdf(files);
      for (const [i, tab] of TABS.entries()) printed.set(tab, await pdfWords(pdfs[i] as string));

      // The preview: the same menu items through the bundle.
      browser = await launch();
      p = await openPreview(browser, await loadPreviewWorkbook(SAMPLE_XLSX));
      for (const handler of ['menuCheckSchools', 'menuReport', 'menuCatalogue'])
        expect(p.preview.session.runMenu(handler).kind).toBe('done');
      await p.page.reload();
      await p.page.locator('#tabs .tab').first().waitFor();
    }, 240_000);

    afterAll(async () => {
      await p?.close();
      await browser?.close();
    });

    it.each(TABS)('«%s»: each wrapped cell shows all its text, in as many lines as LibreOffice gives it, give or take one', async (tab) => {
      await p.tab(tab);
      // A lone number (a figure's numbers on the справка) never wraps, and LibreOffice prints it in the machine's
      // locale («24.0» under en-US where the preview shows Sheets' Russian «24,0»): only text is compared.
      const cells = (await p.wrapped()).filter((c) => !/^-?\d+(?:,\d+)?$/.test(c.text));
      const words = printed.get(tab) as PdfWord[];
      const used = new Set<number>();
      // Longer texts first: a short one («район») could otherwise take words of a longer one.
      const order = [...cells].sort((a, b) => b.text.length - a.text.length);
      const rows = order.map((c) => ({ ...c, printed: pdfLines(words, used, c.text) }));
      const where = (c: DrawnCell) => `«${tab}» ${c.row}:${c.col} «${c.text.slice(0, 60)}»`;
      const cut = rows.filter((c) => !c.inside || c.lines.join('') !== c.text.replace(/\s+/g, '')).map(where);
      expect(cut, 'text cut in the preview').toEqual([]);
      const missing = rows.filter((c) => c.printed === null).map(where);
      expect(missing, 'text not found in LibreOffice’s PDF').toEqual([]);
      // As many lines give or take one, or one in twenty in a long cell (a list of sources of 40 lines).
      const off = rows
        .filter((c) => Math.abs(c.lines.length - (c.printed?.length ?? 0)) > Math.max(1, Math.round(c.lines.length / 20)))
        .map((c) => `${where(c)}: ${c.lines.length} строк в предпросмотре, ${c.printed?.length} в LibreOffice`);
      expect(off).toEqual([]);
      const same = rows.filter((c) => c.lines.length === c.printed?.length).length;
      // Not an empty comparison: many cells, many of them on several lines.
      expect(rows.length).toBeGreaterThan(tab === REPORT_SHEET ? 100 : 500);
      expect(rows.filter((c) => (c.printed?.length ?? 0) > 1).length).toBeGreaterThan(tab === REPORT_SHEET ? 30 : 300);
      expect(same / rows.length, `${same} of ${rows.length} cells in as many lines`).toBeGreaterThan(0.85);
    });
  },
);
