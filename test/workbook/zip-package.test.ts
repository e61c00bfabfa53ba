/**
 * Changing a zip package without unpacking it: the packages are those exceljs' streaming writer makes (the
 * CLI's books: entries with data descriptors, the ZIP64 layout when asked for), read back by fflate and by
 * exceljs itself (jszip checks each entry's local header).
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZipPackage } from '../../src/workbook/zip-package';

/** A book of two tabs as exceljs' streaming writer packs it (`zip`: archiver's options). */
async function streamedBook(zip: Record<string, unknown> = {}): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const out = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: true, zip } as never);
  for (const name of ['Первый', 'Второй']) {
    const ws = out.addWorksheet(name);
    for (let r = 1; r <= 300; r++) ws.addRow([`${name} ${r}`, r, r * 1.5]).commit();
    ws.commit();
  }
  await out.commit();
  return Buffer.concat(chunks);
}

const join = (pieces: Uint8Array[]) => Buffer.concat(pieces);

/** Where `part` occurs in `whole` (-1 if nowhere). */
const find = (whole: Uint8Array, part: Uint8Array) => Buffer.from(whole).indexOf(Buffer.from(part));

describe('a zip package changed in place', () => {
  it('copies the entries left alone byte for byte, packs the changed and new ones, and reads back whole', async () => {
    const book = await streamedBook();
    const before = unzipSync(book);
    const zip = new ZipPackage(book);
    expect(zip.names().sort()).toEqual(Object.keys(before).sort());
    for (const [name, contents] of Object.entries(before)) expect(zip.read(name), name).toEqual(contents);
    const sheet = strFromU8(zip.read('xl/worksheets/sheet2.xml') as Uint8Array).replace('</worksheet>', '<!-- изменено --></worksheet>');
    zip.write('xl/worksheets/sheet2.xml', strToU8(sheet));
    zip.write('xl/новая часть.xml', strToU8('<?xml version="1.0"?><часть/>'));
    const after = join(zip.pieces(1));
    const files = unzipSync(after);
    expect(Object.keys(files)).toEqual([...Object.keys(before), 'xl/новая часть.xml']);
    expect(strFromU8(files['xl/worksheets/sheet2.xml'] as Uint8Array)).toBe(sheet);
    expect(strFromU8(files['xl/новая часть.xml'] as Uint8Array)).toBe('<?xml version="1.0"?><часть/>');
    for (const [name, contents] of Object.entries(before))
      if (name !== 'xl/worksheets/sheet2.xml') expect(files[name], name).toEqual(contents);
    // The first sheet's compressed bytes, as exceljs packed them, are in the new package unchanged.
    const first = new ZipPackage(book) as unknown as { stored: Map<string, { start: number; end: number }> };
    const stored = first.stored.get('xl/worksheets/sheet1.xml') as { start: number; end: number };
    expect(find(after, book.subarray(stored.start, stored.end))).toBeGreaterThan(-1);
    // exceljs reads the book back (jszip checks each entry's local header against the directory).
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(after as never);
    expect(back.getWorksheet('Первый')?.getCell('A300').value).toBe('Первый 300');
    expect(back.getWorksheet('Второй')?.getCell('C2').value).toBe(3);
  });

  it('unpacks a package in the ZIP64 layout whole and writes it anew', async () => {
    const book = await streamedBook({ forceZip64: true });
    const before = unzipSync(book);
    const zip = new ZipPackage(book);
    // Nothing is kept packed: every entry is unpacked.
    expect((zip as unknown as { stored: Map<string, unknown> }).stored.size).toBe(0);
    zip.write('[Content_Types].xml', strToU8(strFromU8(zip.read('[Content_Types].xml') as Uint8Array)));
    const files = unzipSync(join(zip.pieces()));
    expect(Object.keys(files).sort()).toEqual(Object.keys(before).sort());
    for (const [name, contents] of Object.entries(before)) expect(files[name], name).toEqual(contents);
  });

  it('refuses what is not a zip package', () => {
    expect(() => new ZipPackage(strToU8('Территория;Название ОО\n'.repeat(10)))).toThrow(/не является zip-архивом/);
  });
});
