/**
 * What the add-on writes, read back as its readers get it: `shnor analyze -o BOOK --docx FILE` on the sample
 * district. The .xlsx: every tab the add-on wrote is set up for A4 with its header repeated; the document
 * tabs wrap every cell whose text is wider than its column or breaks a line, show every header, freeze their
 * header, and show no internal id. The .docx: the conventions of an office document and the same figures
 * as «ШНОР — итоги».
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_TEXT_COL } from '../../src/actions/analyze';
import { PRINTED_SUMMARY_KEYS, type SummaryKey, summaryColumnIndex } from '../../src/core/summary-columns';
import { summaryTable } from '../support/summary';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'shnor-paper-'));
const bookPath = join(dir, 'book.xlsx');
const docxPath = join(dir, 'справка.docx');
const INPUT_SHEETS = ['Результаты', 'Школы', 'Сравнение с журналом'];
/** The tabs whose every cell this issue owns; the roadmap tabs and the catalogue get the page set-up only. */
const DOCUMENT_TABS = ['ШНОР — итоги', 'Аналитическая справка', 'Показатели', 'Показатели ОО'];
const ID_LIKE = /\b[a-z]+(?:-[a-z0-9]+)+\b|\bcustom\b/;

let book: ExcelJS.Workbook;
let xml: string;
beforeAll(async () => {
  const r = spawnSync(
    process.execPath,
    [join(root, 'dist-cli', 'shnor.cjs'), 'analyze', 'sample/district.xlsx', '-o', bookPath, '--docx', docxPath],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  expect(r.stdout).toContain(`Справка записана: ${docxPath}`);
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(bookPath);
  const zip = await JSZip.loadAsync(readFileSync(docxPath));
  xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
});

const px = (ws: ExcelJS.Worksheet, c: number) => (ws.getColumn(c).width ?? 9.14) * 7;
const text = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v);
};
/** The width a cell's text has: its column, or the columns of the merge it starts. */
function room(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell): number {
  const merges = (ws as unknown as { _merges: Record<string, { left: number; right: number }> })._merges;
  const m = merges[cell.address];
  if (!m) return px(ws, Number(cell.col));
  let w = 0;
  for (let c = m.left; c <= m.right; c++) w += px(ws, c);
  return w;
}

describe('the .xlsx on paper and on screen', () => {
  it('every tab the add-on wrote: A4, an orientation, never smaller than 75 % (no 3-point text), its frozen header repeated', () => {
    // «Списки» (the lists of long dropdowns) is very hidden: never shown, never printed.
    const written = book.worksheets.filter((ws) => !INPUT_SHEETS.includes(ws.name) && ws.state !== 'veryHidden');
    expect(written.length).toBeGreaterThanOrEqual(DOCUMENT_TABS.length + 3);
    for (const ws of written) {
      const p = ws.pageSetup;
      expect([ws.name, p.paperSize]).toEqual([ws.name, 9]);
      expect(['portrait', 'landscape']).toContain(p.orientation);
      const view = (ws.views ?? [])[0] as Partial<{ state: string; ySplit: number; xSplit: number }> | undefined;
      if (view?.state === 'frozen' && (view.ySplit ?? 0) > 0) expect(p.printTitlesRow, ws.name).toBe(`${view.ySplit}:${view.ySplit}`);
      // The printed columns' width, and the page's between the margins (A4: 297 or 210 mm less 40 mm).
      const [, last] = /:\$?([A-Z]+)\$?\d+$/.exec(p.printArea ?? '') ?? [];
      const columns = last ? ws.getColumn(last).number : ws.columnCount;
      let width = 0;
      for (let c = 1; c <= columns; c++) width += px(ws, c);
      const page = ((p.orientation === 'landscape' ? 257 : 170) / 25.4) * 96;
      if (p.fitToPage) {
        // Fitted to the page width: only where that keeps 75 % of the size or more.
        expect([ws.name, p.fitToWidth, p.fitToHeight]).toEqual([ws.name, 1, 0]);
        expect(page / width, ws.name).toBeGreaterThanOrEqual(0.75);
      } else {
        // Wider: at 75 %, the columns that do not fit on the following pages, the frozen ones repeated.
        expect([ws.name, p.scale, p.pageOrder]).toEqual([ws.name, 75, 'downThenOver']);
        if ((view?.xSplit ?? 0) > 0) expect(p.printTitlesColumn, ws.name).toBe(`A:${ws.getColumn(view!.xSplit!).letter}`);
      }
    }
    expect(book.getWorksheet('Аналитическая справка')!.pageSetup.orientation).toBe('portrait');
    expect(book.getWorksheet('ШНОР — итоги')!.pageSetup.orientation).toBe('landscape');
    // The user's sheet keeps its own page set-up.
    expect(book.getWorksheet('Результаты')!.pageSetup.fitToPage).toBeFalsy();
  });

  it('document tabs wrap every cell whose text is wider than its column or breaks a line, and rows are tall enough', () => {
    for (const name of DOCUMENT_TABS) {
      const ws = book.getWorksheet(name)!;
      const [, last] = /:\$?([A-Z]+)\$?\d+$/.exec(ws.pageSetup.printArea ?? '') ?? [];
      const printed = last ? ws.getColumn(last).number : Infinity;
      let checked = 0;
      ws.eachRow((row) => {
        let lines = 1;
        row.eachCell((cell) => {
          if (cell.isMerged && cell.master !== cell) return;
          const t = text(cell.value);
          if (t === '') return;
          const wide = t.length * 6 > room(ws, cell) - 8 || t.includes('\n');
          if (wide) {
            expect(cell.alignment?.wrapText, `${name}!${cell.address}: ${t.slice(0, 40)}`).toBe(true);
            // With a print area, its columns set the rows' heights (a detail left off the paper does not stretch the pages).
            if (Number(cell.col) <= printed) lines = Math.max(lines, Math.ceil((t.length * 6) / room(ws, cell)));
            checked++;
          }
        });
        if (lines > 1) expect(row.height ?? 15, `${name} row ${row.number}`).toBeGreaterThanOrEqual(lines * 15 - 1);
      });
      expect(checked, name).toBeGreaterThan(0);
    }
  });

  it('«Справочник мероприятий» and «Настройки ШНОР» wrap their texts and print legibly (271 and 16 cells ran past their columns)', () => {
    const catalogue = book.getWorksheet('Справочник мероприятий')!;
    const settings = book.getWorksheet('Настройки ШНОР')!;
    for (const ws of [catalogue, settings]) {
      let checked = 0;
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const t = text(cell.value);
          if (t.length * 6 <= room(ws, cell) - 8 && !t.includes('\n')) return;
          expect(cell.alignment?.wrapText, `${ws.name}!${cell.address}: ${t.slice(0, 40)}`).toBe(true);
          checked++;
        }),
      );
      expect(checked, ws.name).toBeGreaterThan(10);
    }
    // The catalogue on paper: the columns of a roadmap (direction … document), the sources and codes left
    // to the screen; direction and activity repeated on the pages of the next columns, the header on each.
    expect(catalogue.pageSetup).toMatchObject({
      orientation: 'landscape',
      printArea: `A1:G${catalogue.actualRowCount}`,
      printTitlesRow: '1:1',
      printTitlesColumn: 'A:B',
      scale: 75,
    });
    expect(text(catalogue.getCell('G1').value)).toBe('Документ, закрепляющий результат');
    // Rows are as tall as the printed columns need: the longest printed text of a row fits its height.
    catalogue.eachRow((row, n) => {
      if (n === 1) return;
      let lines = 1;
      for (let c = 1; c <= 7; c++) lines = Math.max(lines, Math.ceil((text(row.getCell(c).value).length * 6) / (px(catalogue, c) - 8)));
      expect(row.height ?? 15, `row ${n}`).toBeGreaterThanOrEqual(lines * 15 - 1);
    });
    // The settings fit a landscape page at 93 %: fitted to its width.
    expect(settings.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, printTitlesRow: '1:1' });
  });

  it('«ШНОР — итоги» prints the columns a reader needs on one landscape page width, at a legible size; the details stay on screen', () => {
    const ws = book.getWorksheet('ШНОР — итоги')!;
    const p = ws.pageSetup;
    const rows = ws.actualRowCount;
    // exceljs reads the file's absolute $A$1:$H$39 as A1:H39 (a print area without «$» would be written as such).
    expect(p).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '6:6',
      printArea: `A1:H${rows}`,
    });
    expect(p.printTitlesColumn).toBeUndefined();
    // The print area holds the printed columns of the map, and they fit a landscape page at 75 % or more.
    const header = (ws.getRow(6).values as ExcelJS.CellValue[]).slice(1).map(text);
    expect(PRINTED_SUMMARY_KEYS.map((k) => summaryColumnIndex(header, k))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    let width = 0;
    for (let c = 1; c <= PRINTED_SUMMARY_KEYS.length; c++) width += px(ws, c);
    expect(((257 / 25.4) * 96) / width).toBeGreaterThanOrEqual(0.75);
  });

  it('the print area is written absolute in the file', async () => {
    const zip = await JSZip.loadAsync(readFileSync(bookPath));
    const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    const areas = [...workbook.matchAll(/<definedName name="_xlnm.Print_Area"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(areas.length).toBeGreaterThanOrEqual(2);
    for (const a of areas) expect(a).toMatch(/!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+$/);
  });

  it('«ШНОР — итоги»: header, names and status frozen, every header word within its column, two lines per school where the reason is short', () => {
    const ws = book.getWorksheet('ШНОР — итоги')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6, xSplit: 3 });
    const header = ws.getRow(6);
    const col = (key: SummaryKey, year?: number) =>
      summaryColumnIndex((header.values as ExcelJS.CellValue[]).slice(1).map(text), key, year);
    header.eachCell((cell) => {
      const longest = Math.max(
        ...text(cell.value)
          .split(/\s+/)
          .map((w) => w.length),
      );
      expect(longest * 7.5, text(cell.value)).toBeLessThanOrEqual(px(ws, Number(cell.col)));
      expect(cell.alignment?.wrapText).toBe(true);
      expect(cell.font?.bold).toBe(true);
    });
    // Most schools in the norm take two lines (the dynamics and the worst procedure's shares in narrow
    // printed columns; a long name or a marked change takes three).
    const heights: number[] = [];
    ws.eachRow((row, n) => {
      if (n > 6 && text(row.getCell(col('status') + 1).value) === 'норма') heights.push(row.height ?? 15);
    });
    expect(heights.length).toBeGreaterThan(10);
    expect(heights.filter((h) => h <= 30).length).toBeGreaterThan(heights.length / 2);
    // The legend above the header: the colours of the rows and of the low cells, in those colours.
    const legend = ws.getRow(5);
    expect([0, 1, 2, 3, 4].map((i) => text(legend.getCell(SUMMARY_TEXT_COL + 1 + i).value))).toEqual([
      'ШНОР',
      'зона риска',
      'норма',
      'нет данных',
      'низкий результат (на листе результатов)',
    ]);
    expect((legend.getCell(SUMMARY_TEXT_COL + 1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF4C7C3');
    // The trend of the worst procedure: in the file as characters, beside the shares it is drawn from.
    const trends: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 6) trends.push(text(row.getCell(col('trend') + 1).value));
    });
    expect(trends.filter((t) => /^[▁▂▃▄▅▆▇█·]( [▁▂▃▄▅▆▇█·]){2}$/.test(t)).length).toBe(trends.length);
  });

  it('shows no internal id in any visible cell of the document tabs', () => {
    for (const name of DOCUMENT_TABS) {
      book
        .getWorksheet(name)!
        .eachRow((row) => row.eachCell((cell) => expect(text(cell.value), `${name}!${cell.address}`).not.toMatch(ID_LIKE)));
    }
  });
});

describe('the справка as a Word document', () => {
  const paragraphs = () =>
    [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

  it('is A4 with margins 30 / 10 / 20 / 20 mm, Times New Roman 14 at 1.5 spacing', () => {
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar[^>]*w:top="1134"[^>]*w:right="567"[^>]*w:bottom="1134"[^>]*w:left="1701"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toContain('<w:sz w:val="28"/>');
    expect(xml).toMatch(/<w:spacing[^>]*w:line="360"/);
  });

  it('has the title, numbered headings, tables with a repeated header row, and conclusions', () => {
    const p = paragraphs();
    expect(p).toContain('Аналитическая справка по итогам выявления школ с низкими образовательными результатами');
    for (const h of [
      '1. Критерии отнесения к ШНОР',
      '2. Итоги выявления',
      '3. Изменение перечня',
      '4. Динамика результатов',
      '5. Исполнение дорожных карт',
      '6. Эффективность программы',
    ])
      expect(p).toContain(h);
    expect(p.some((t) => /^\d+\. Выводы$/.test(t))).toBe(true);
    // The list, the dynamics and last year's ШНОР beside the district.
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(4);
    expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(4);
    expect(p).toContain('Изменение доли «2», п. п.: школа / район / разница');
    expect(p.some((t) => t.startsWith('Это описание, а не доказательство причины'))).toBe(true);
    expect(p).toContain('Правило 1: низкие результаты не менее чем по 2 процедурам в году отсчёта (2026).');
  });

  it('gives the same schools and numbers as «ШНОР — итоги»', () => {
    const ws = book.getWorksheet('ШНОР — итоги')!;
    const t = summaryTable(
      ws
        .getSheetValues()
        .slice(1)
        .map((r) => (Array.isArray(r) ? r.slice(1).map(text) : [])),
    );
    const shnor = t.rows
      .filter((r) => r[t.col('status')] === 'ШНОР')
      .map((r) => ({ school: String(r[t.col('school')]), lows2026: Number(r[t.col('lows', 2026)]) }));
    expect(shnor).toHaveLength(7);
    const p = paragraphs();
    expect(p).toContain(
      'К школам с низкими образовательными результатами отнесено 7 школ из 33 ОО (21 %). В зоне риска (есть низкие результаты, но условия ШНОР не выполнены) — 2 школы (6 %).',
    );
    // Table cells are paragraphs too: the row of each ШНОР school, its 2026 low results counted.
    for (const s of shnor) {
      // «ОО» of «ШНОР — итоги» is the справка's «name (login)».
      const at = p.indexOf(s.school);
      expect(at, s.school).toBeGreaterThan(0);
      expect(p[at + 1]).toBe('ШНОР');
      const in2026 = /^2026: ([^.]*)\./.exec(p[at + 3] ?? '')?.[1] ?? '';
      expect(in2026.split(', ').length, s.school).toBe(s.lows2026);
    }
    // The roadmaps the book holds are counted in the conclusions.
    expect(p.some((t) => /^В книге 7 дорожных карт: \d+ мероприяти[йея]/.test(t))).toBe(true);
  });
});
