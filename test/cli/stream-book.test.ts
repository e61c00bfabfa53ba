/**
 * `analyze -o` on an .xlsx whose large sheets stay in the file (cli/stream-book): the user's sheets come out
 * as they went in, the book is the one the whole-book path writes, and a second run replaces the add-on's
 * tabs instead of adding more. The input is sample/district.xlsx (the layout of a district's export: a
 * title row, a two-row merged header, percentages as numbers and as text) with what a methodologist adds to
 * such a book: a styled title in rich text, a note, a formula under the table, a sheet of her own with
 * merged cells, number formats, a formula, a date, a link, a note, frozen rows and a print area.
 * SHNOR_STREAM_SHEET_BYTES=0 makes every sheet «large», so that this small book takes the large books' way.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { withBook } from '../../src/cli/book';
import { openStreamBook, WholeBookNeeded } from '../../src/cli/stream-book';
import { partText, streamGrids, zipEntries } from '../../src/cli/xlsx-grids';
import { LIBREOFFICE_MISSING, pdfWords, toPdf } from '../support/libreoffice';

const dir = mkdtempSync(join(tmpdir(), 'shnor-stream-book-'));
const input = join(dir, 'район.xlsx');
const RESULTS = 'Результаты';
const OWN = 'Пояснения';
/** The sample's table: 93 columns (A…CO); the add-on's own columns come after them. */
const TABLE_COLS = 93;

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** What a sheet holds, line by line: every cell (value, style, note), rows, merges, widths, views, print set-up, rules. */
function dump(ws: ExcelJS.Worksheet, cols = Infinity): string[] {
  const out: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    out.push(`row ${r} height ${row.height} hidden ${row.hidden}`);
    // The cells the file holds (a formatted empty one too), not the gaps exceljs fills in a longer row.
    for (const cell of (row as unknown as { _cells: (ExcelJS.Cell | undefined)[] })._cells) {
      if (!cell || Number(cell.col) > cols) continue;
      out.push(`${cell.address} ${JSON.stringify(cell.value)} ${JSON.stringify(cell.style)} ${JSON.stringify(cell.note ?? null)}`);
    }
  });
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  out.push(`merges ${JSON.stringify([...merges].sort())}`);
  out.push(`widths ${JSON.stringify((ws.columns ?? []).slice(0, cols).map((c) => [c.width ?? null, c.hidden ?? false]))}`);
  out.push(`views ${JSON.stringify(ws.views)}`);
  // exceljs writes a print area absolute and «useFirstPageNumber» set, whichever way the book is written.
  const setup = { ...ws.pageSetup, printArea: ws.pageSetup.printArea?.replace(/\$/g, ''), useFirstPageNumber: undefined };
  out.push(`page ${JSON.stringify(setup)}`);
  out.push(`state ${ws.state}`);
  return out;
}

async function analyze(from: string, to: string, streamBytes: string): Promise<{ code: number; err: string }> {
  const before = process.env.SHNOR_STREAM_SHEET_BYTES;
  process.env.SHNOR_STREAM_SHEET_BYTES = streamBytes;
  let err = '';
  try {
    const code = await run(['analyze', from, '-o', to], { out: () => undefined, err: (t) => (err += t) });
    return { code, err };
  } finally {
    if (before === undefined) delete process.env.SHNOR_STREAM_SHEET_BYTES;
    else process.env.SHNOR_STREAM_SHEET_BYTES = before;
  }
}

const STREAM = '0';
const WHOLE = String(2 ** 31);

beforeAll(async () => {
  const wb = await load('sample/district.xlsx');
  const ws = wb.getWorksheet(RESULTS) as ExcelJS.Worksheet;
  ws.getCell('B1').value = {
    richText: [{ text: 'Результаты оценочных процедур ', font: { bold: true, size: 14 } }, { text: '(пример, вымышленные данные)' }],
  };
  ws.getCell('B1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  ws.getCell('C2').note = 'Название по уставу';
  ws.getColumn(3).width = 48;
  ws.getCell('E37').value = { formula: 'AVERAGE(E4:E36)', result: 6.4 };
  ws.getCell('E37').numFmt = '0.0';
  const own = wb.addWorksheet(OWN, { views: [{ state: 'frozen', ySplit: 1 }] });
  own.mergeCells('A1:D1');
  own.getCell('A1').value = 'Пояснения к таблице';
  own.getCell('A1').font = { bold: true, size: 13 };
  own.getCell('A1').alignment = { horizontal: 'center' };
  own.getCell('A3').value = 0.25;
  own.getCell('A3').numFmt = '0.0%';
  own.getCell('B3').value = { formula: 'A3*2', result: 0.5 };
  own.getCell('C3').value = new Date(Date.UTC(2026, 8, 1));
  own.getCell('C3').numFmt = 'dd.mm.yyyy';
  own.getCell('D3').value = { text: 'К результатам', hyperlink: "#'Результаты'!A1" };
  own.getCell('A4').value = 'Проверено';
  own.getCell('A4').note = 'Методист отдела';
  own.getCell('A4').border = { bottom: { style: 'thin', color: { argb: 'FF000000' } } };
  own.getColumn(1).width = 30;
  own.getColumn(4).width = 20;
  own.pageSetup.printArea = 'A1:D10';
  await wb.xlsx.writeFile(input);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a large .xlsx input: its sheets stay in the file', () => {
  it('is opened without the large sheets’ cells in exceljs, their grids as read by the stream', async () => {
    const before = process.env.SHNOR_STREAM_SHEET_BYTES;
    process.env.SHNOR_STREAM_SHEET_BYTES = STREAM;
    try {
      const data = readFileSync(input);
      const wb = await openStreamBook(data, await streamGrids(data));
      const ws = wb.wb.getWorksheet(RESULTS) as ExcelJS.Worksheet;
      // No values in exceljs (a school's name, a result), yet the sheet reads as the table it is.
      expect(ws.getCell('B4').value).toBeNull();
      expect(ws.getCell('F4').value).toBeNull();
      expect(wb.readSheet(RESULTS).values[3]?.[1]).toBe('МБОУ «Гимназия № 1»');
      // Its notes, widths and merges are loaded (they are not rows).
      expect(ws.getCell('C2').note).toBe('Название по уставу');
      expect(ws.getColumn(3).width).toBe(48);
      expect(ws.getCell('E2').isMerged).toBe(true);
      // What the copy of the rows cannot carry asks for the whole book, before anything is changed.
      expect(() => wb.setBackgrounds(RESULTS, 3, 0, [['#ff0000']])).toThrow(WholeBookNeeded);
      expect(() => wb.insertRows(OWN, 1, 1)).toThrow(WholeBookNeeded);
    } finally {
      if (before === undefined) delete process.env.SHNOR_STREAM_SHEET_BYTES;
      else process.env.SHNOR_STREAM_SHEET_BYTES = before;
    }
  });

  it('withBook runs the work again on the whole book when a sheet is needed whole', async () => {
    const before = process.env.SHNOR_STREAM_SHEET_BYTES;
    process.env.SHNOR_STREAM_SHEET_BYTES = STREAM;
    try {
      const data = readFileSync(input);
      const seen: Array<ExcelJS.CellValue> = [];
      const done = await withBook(input, await streamGrids(data), [], (wb) => {
        seen.push(wb.wb.getWorksheet(RESULTS)?.getCell('B4').value ?? null);
        wb.setBackgrounds(RESULTS, 3, 1, [['#ff0000']]);
        return Promise.resolve(wb.wb.getWorksheet(RESULTS)?.getCell('B4').fill);
      });
      expect(seen).toEqual([null, 'МБОУ «Гимназия № 1»']);
      expect(done).toMatchObject({ fgColor: { argb: 'FFFF0000' } });
    } finally {
      if (before === undefined) delete process.env.SHNOR_STREAM_SHEET_BYTES;
      else process.env.SHNOR_STREAM_SHEET_BYTES = before;
    }
  });

  it('writes the book the whole-book way writes; the user’s sheets as they were; again: replaced, not doubled', async () => {
    const streamed = join(dir, 'поток.xlsx');
    const whole = join(dir, 'целиком.xlsx');
    expect((await analyze(input, streamed, STREAM)).code).toBe(1);
    expect((await analyze(input, whole, WHOLE)).code).toBe(1);
    const [a, b, src] = await Promise.all([load(streamed), load(whole), load(input)]);
    // The rows were copied from the input (its formatted title's runs kept inline where they stand), not
    // written again from a book loaded whole (which puts every text into the shared strings).
    const sheetXml = (path: string) => {
      const data = readFileSync(path);
      return partText(data, zipEntries(data).get('xl/worksheets/sheet1.xml'));
    };
    expect(sheetXml(streamed)).toMatch(/<c r="B1"[^>]* t="inlineStr"><is><r>/);
    expect(sheetXml(whole)).not.toContain('inlineStr');
    // The same book, part by part, as exceljs reads it.
    expect(a.worksheets.map((w) => w.name)).toEqual(b.worksheets.map((w) => w.name));
    for (const ws of b.worksheets) expect(dump(a.getWorksheet(ws.name) as ExcelJS.Worksheet), ws.name).toEqual(dump(ws));
    // The user's sheets: the other ones as they were; the result sheet on its own columns too.
    for (const name of ['Школы', 'Сравнение с журналом', OWN])
      expect(dump(a.getWorksheet(name) as ExcelJS.Worksheet), name).toEqual(dump(src.getWorksheet(name) as ExcelJS.Worksheet));
    const results = a.getWorksheet(RESULTS) as ExcelJS.Worksheet;
    expect(dump(results, TABLE_COLS)).toEqual(dump(src.getWorksheet(RESULTS) as ExcelJS.Worksheet, TABLE_COLS));
    expect(results.getCell('B1').value).toEqual(src.getWorksheet(RESULTS)?.getCell('B1').value);
    expect(results.getCell('E37').value).toEqual({ formula: 'AVERAGE(E4:E36)', result: 6.4 });
    // The add-on's columns right of the table, with their notes.
    const header = results.getRow(3);
    expect(header.getCell(TABLE_COLS + 1).value).toBe('Статус ШНОР');
    expect(header.getCell(TABLE_COLS + 1).note).toContain('Столбец ведёт надстройка ШНОР');
    expect(results.getCell(4, TABLE_COLS + 1).value).toBeTypeOf('string');
    expect(a.getWorksheet(OWN)?.getCell('D3').value).toEqual({ text: 'К результатам', hyperlink: "#'Результаты'!A1" });

    // Analysed again, the add-on's tabs and columns are replaced: the same tabs, the same book.
    const again = join(dir, 'снова.xlsx');
    const againWhole = join(dir, 'снова-целиком.xlsx');
    expect((await analyze(streamed, again, STREAM)).code).toBe(1);
    expect((await analyze(whole, againWhole, WHOLE)).code).toBe(1);
    const [c, d] = await Promise.all([load(again), load(againWhole)]);
    expect(c.worksheets.map((w) => w.name)).toEqual(a.worksheets.map((w) => w.name));
    for (const ws of d.worksheets) expect(dump(c.getWorksheet(ws.name) as ExcelJS.Worksheet), ws.name).toEqual(dump(ws));
    for (const name of ['Школы', 'Сравнение с журналом', OWN, RESULTS])
      expect(dump(c.getWorksheet(name) as ExcelJS.Worksheet), name).toEqual(dump(a.getWorksheet(name) as ExcelJS.Worksheet));
  }, 180_000);

  it.skipIf(LIBREOFFICE_MISSING !== null)(
    `opens in LibreOffice: the user's title, the schools and the add-on's column${LIBREOFFICE_MISSING ? ` — пропущено: ${LIBREOFFICE_MISSING}` : ''}`,
    async () => {
      const out = join(dir, 'для-libreoffice.xlsx');
      expect((await analyze(input, out, STREAM)).code).toBe(1);
      const [pdf] = await toPdf([out]);
      const words = (await pdfWords(pdf as string)).map((w) => w.t);
      for (const w of ['Результаты', 'оценочных', '«Гимназия', 'Пояснения', 'Проверено']) expect(words, w).toContain(w);
    },
    180_000,
  );
});

describe('the rows’ copy', () => {
  it('puts the written cells in column order among the copied ones: between cells, after cells without an address, in rows the file lacks', async () => {
    const made = new ExcelJS.Workbook();
    const ws = made.addWorksheet('Данные');
    ws.getCell('A1').value = 'a';
    ws.getCell('B1').value = 1;
    ws.getCell('B1').font = { bold: true };
    ws.getCell('D1').value = 4;
    ws.getRow(2).values = ['x', 'y', 'z'];
    ws.getCell('E4').value = 5;
    const written = Buffer.from(await made.xlsx.writeBuffer());
    // Row 2's cells without their addresses, as some programs write them (their place is their order).
    const entries = zipEntries(written);
    const files: Record<string, Uint8Array> = {};
    for (const e of entries.values()) {
      let text = partText(written, e);
      if (e.name === 'xl/worksheets/sheet1.xml') text = text.replace(/<c r="[A-C]2"/g, '<c');
      // A line break Excel writes as its escape (XML keeps no carriage return in a text).
      if (e.name === 'xl/sharedStrings.xml') text = text.replace('<t>z</t>', '<t>z_x000D_</t>');
      files[e.name] = Buffer.from(text, 'utf8');
    }
    const { zipSync } = await import('fflate');
    const data = Buffer.from(zipSync(files));
    expect(partText(data, zipEntries(data).get('xl/worksheets/sheet1.xml'))).not.toContain('r="B2"');
    const before = process.env.SHNOR_STREAM_SHEET_BYTES;
    process.env.SHNOR_STREAM_SHEET_BYTES = STREAM;
    try {
      const wb = await openStreamBook(data, await streamGrids(data));
      expect(wb.readSheet('Данные').values).toEqual([['a', 1, null, 4], ['x', 'y', 'z\r'], [], [null, null, null, null, 5]]);
      wb.writeBlock('Данные', 0, 2, [['между']]);
      wb.writeBlock('Данные', 1, 3, [['после']]);
      wb.writeBlock('Данные', 2, 0, [['новая строка']]);
      wb.writeBlock('Данные', 3, 4, [[null]]);
      wb.writeBlock('Данные', 5, 1, [[7]]);
      const out = join(dir, 'строки.xlsx');
      await wb.save(out);
      const back = (await load(out)).getWorksheet('Данные') as ExcelJS.Worksheet;
      const rows = [1, 2, 3, 4, 5, 6].map((r) => (back.getRow(r).values as ExcelJS.CellValue[]).slice(1));
      expect(rows).toEqual([
        ['a', 1, 'между', 4],
        ['x', 'y', expect.stringMatching(/^z/), 'после'],
        ['новая строка'],
        [],
        [],
        [undefined, 7],
      ]);
      // The escaped text is copied as the file has it.
      expect(partText(readFileSync(out), zipEntries(readFileSync(out)).get('xl/worksheets/sheet1.xml'))).toContain('<t>z_x000D_</t>');
      expect(back.getCell('B1').font?.bold).toBe(true);
    } finally {
      if (before === undefined) delete process.env.SHNOR_STREAM_SHEET_BYTES;
      else process.env.SHNOR_STREAM_SHEET_BYTES = before;
    }
  });

  it('reads an empty shared string written `<si />` as one item: no text of the user’s sheet moves to another cell', async () => {
    const { unzipSync, zipSync, strToU8, strFromU8 } = await import('fflate');
    const parts = unzipSync(readFileSync(input));
    const strings = strFromU8(parts['xl/sharedStrings.xml'] as Uint8Array);
    // A writer that spells the empty item with a space (as some libraries do): one item more, before all others.
    parts['xl/sharedStrings.xml'] = strToU8(
      strings.replace(
        /<sst([^>]*)>/,
        (_, attrs: string) =>
          `<sst${attrs.replace(/(count|uniqueCount)="(\d+)"/g, (_m, k: string, n: string) => `${k}="${Number(n) + 1}"`)}><si />`,
      ),
    );
    for (const [name, data] of Object.entries(parts))
      if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name))
        parts[name] = strToU8(
          strFromU8(data).replace(
            /(<c [^>]*t="s"[^>]*>\s*<v>)(\d+)(<\/v>)/g,
            (_, a: string, n: string, b: string) => `${a}${Number(n) + 1}${b}`,
          ),
        );
    const spaced = join(dir, 'пустая-строка.xlsx');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(spaced, zipSync(parts));
    const want = await streamGrids(readFileSync(input));
    expect(await streamGrids(readFileSync(spaced))).toEqual(want);
    const streamed = join(dir, 'пустая-строка-поток.xlsx');
    expect((await analyze(spaced, streamed, STREAM)).code).toBe(1);
    const [out, src] = await Promise.all([load(streamed), load(input)]);
    const values = (ws: ExcelJS.Worksheet) =>
      dump(ws, TABLE_COLS)
        .filter((l) => /^[A-Z]+\d+ /.test(l))
        .map((l) => l.split(' {')[0]);
    expect(values(out.getWorksheet(RESULTS) as ExcelJS.Worksheet)).toEqual(values(src.getWorksheet(RESULTS) as ExcelJS.Worksheet));
  });

  it('a small book whose cells give no address (r is optional): written, not stopped by exceljs; the cells in their columns', async () => {
    const { unzipSync, zipSync, strToU8, strFromU8 } = await import('fflate');
    const parts = unzipSync(readFileSync(input));
    const col = (ref: string) => [...(/^[A-Z]+/.exec(ref)?.[0] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    // Row 20 of the results as a writer that leaves out the address of each cell right after the one before it
    // (the first one, in column A, too): the whole-book way stopped on it with «Внутренняя ошибка».
    parts['xl/worksheets/sheet1.xml'] = strToU8(
      strFromU8(parts['xl/worksheets/sheet1.xml'] as Uint8Array).replace(/<row r="20"[^>]*>[\s\S]*?<\/row>/, (row) => {
        let before = 0;
        return row.replace(/<c r="([A-Z]+)20"/g, (whole, letters: string) => {
          const here = col(letters);
          const next = here === before + 1;
          before = here;
          return next ? '<c' : whole;
        });
      }),
    );
    const bare = join(dir, 'без-адресов.xlsx');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bare, zipSync(parts));
    const crafted = /<row r="20"[^>]*>[\s\S]*?<\/row>/.exec(strFromU8(parts['xl/worksheets/sheet1.xml'] as Uint8Array))?.[0] ?? '';
    expect((crafted.match(/<c(?![^>]*\sr=)[\s>]/g) ?? []).length).toBeGreaterThan(10);
    const out = join(dir, 'без-адресов-книга.xlsx');
    const said = await analyze(bare, out, WHOLE);
    expect(said.err).not.toMatch(/Внутренняя ошибка/);
    expect(said.code).toBe(1);
    const [book, src] = await Promise.all([load(out), load(input)]);
    const row20 = (wb: ExcelJS.Workbook) =>
      dump(wb.getWorksheet(RESULTS) as ExcelJS.Worksheet, TABLE_COLS)
        .filter((l) => /^[A-Z]+20 /.test(l))
        .map((l) => l.split(' {')[0]);
    expect(row20(book).length).toBeGreaterThan(10);
    expect(row20(book)).toEqual(row20(src));
  });
});
