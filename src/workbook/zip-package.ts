/**
 * A zip package (an .xlsx) changed without unpacking it: the entries left as they are keep their compressed
 * bytes, copied over as they are; only the entries replaced and the new ones are compressed. A region's book
 * is a quarter of a gigabyte of XML, of which adding its charts changes a few kilobytes.
 *
 * The layout read and written is the classic one of the ZIP application note (PKWARE APPNOTE.TXT, sections
 * 4.3.7 local file header, 4.3.12 central directory header, 4.3.16 end of central directory record). A
 * package in the ZIP64 layout (an entry or the package over 4 GB, more than 65,535 entries) is unpacked
 * whole instead and written anew; what is written must fit the classic layout.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;
/** General purpose flag bit 11: the name is UTF-8. */
const UTF8_NAME = 0x0800;
const DEFLATE = 8;

/** An entry as the package holds it: its bytes (local header, data, data descriptor) and its central record. */
interface Stored {
  start: number;
  end: number;
  central: Uint8Array;
  method: number;
  packedSize: number;
}

/** DOS time and date of a moment (2-second steps, local time), as zip headers keep them. */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export class ZipPackage {
  /** The entries by name, in the order of the package. */
  private readonly stored = new Map<string, Stored>();
  /** Entries replaced or added: their new contents. */
  private readonly changed = new Map<string, Uint8Array>();
  private readonly view: DataView;
  /** The package's bytes (a plain Uint8Array: a Buffer's slice would share its memory, not copy it). */
  private readonly data: Uint8Array;

  constructor(data: Uint8Array) {
    this.data = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (!this.readDirectory())
      for (const [name, bytes] of Object.entries(unzipSync(data))) {
        this.changed.set(name, bytes);
      }
  }

  /** Reads the central directory; false when the package is in the ZIP64 layout (or not one this reads). */
  private readDirectory(): boolean {
    const v = this.view;
    // The end record is the last 22 bytes, unless the package has a comment (up to 65,535 bytes).
    let end = -1;
    for (let i = this.data.length - 22; i >= Math.max(0, this.data.length - 22 - MAX_16); i--)
      if (v.getUint32(i, true) === END) {
        end = i;
        break;
      }
    if (end < 0) throw new Error('Файл не является zip-архивом (.xlsx)');
    const count = v.getUint16(end + 10, true);
    const offset = v.getUint32(end + 16, true);
    if (count === MAX_16 || offset === MAX_32) return false;
    const entries: Array<{ name: string } & Omit<Stored, 'end'>> = [];
    const decoder = new TextDecoder();
    let at = offset;
    for (let k = 0; k < count; k++) {
      if (v.getUint32(at, true) !== CENTRAL) throw new Error('Повреждено оглавление zip-архива (.xlsx)');
      const size = 46 + v.getUint16(at + 28, true) + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
      const sizes = [v.getUint32(at + 20, true), v.getUint32(at + 24, true), v.getUint32(at + 42, true)];
      if (sizes.includes(MAX_32)) return false;
      const name = decoder.decode(this.data.subarray(at + 46, at + 46 + v.getUint16(at + 28, true)));
      entries.push({
        name,
        start: v.getUint32(at + 42, true),
        central: this.data.subarray(at, at + size),
        method: v.getUint16(at + 10, true),
        packedSize: v.getUint32(at + 20, true),
      });
      at += size;
    }
    // Each entry's bytes run up to the next entry's (or the directory): its data descriptor goes along.
    const starts = entries.map((e) => e.start).sort((a, b) => a - b);
    starts.push(offset);
    for (const e of entries) {
      if (v.getUint32(e.start, true) !== LOCAL) throw new Error('Повреждена запись zip-архива (.xlsx)');
      const end = starts.find((s) => s > e.start) as number;
      this.stored.set(e.name, { ...e, end });
    }
    return true;
  }

  names(): string[] {
    return [...new Set([...this.stored.keys(), ...this.changed.keys()])];
  }

  has(name: string): boolean {
    return this.changed.has(name) || this.stored.has(name);
  }

  /** An entry's contents, unpacked (undefined when the package has none by that name). */
  read(name: string): Uint8Array | undefined {
    const own = this.changed.get(name);
    if (own) return own;
    const e = this.stored.get(name);
    if (!e) return undefined;
    const v = this.view;
    const at = e.start + 30 + v.getUint16(e.start + 26, true) + v.getUint16(e.start + 28, true);
    const packed = this.data.subarray(at, at + e.packedSize);
    if (e.method === 0) return packed;
    if (e.method === DEFLATE) {
      const out = inflateRawSync(packed);
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    }
    throw new Error(`Запись ${name} сжата неизвестным способом (${e.method})`);
  }

  /** Replaces an entry's contents, or adds an entry. */
  write(name: string, contents: Uint8Array): void {
    this.changed.set(name, contents);
  }

  /**
   * The package as pieces to write one after another: the entries in their order, those not changed as
   * they were, the changed ones in their place compressed anew, the new ones after them, then the directory.
   */
  pieces(level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6): Uint8Array[] {
    const out: Uint8Array[] = [];
    const central: Uint8Array[] = [];
    let offset = 0;
    const stamp = dosTime(new Date());
    const encoder = new TextEncoder();
    const put = (piece: Uint8Array) => {
      out.push(piece);
      offset += piece.length;
      if (offset > MAX_32) throw new Error('Книга больше 4 ГБ: такой файл .xlsx не записывается');
    };
    const fresh = (name: string, contents: Uint8Array) => {
      const packed = deflateRawSync(contents, { level });
      const nameBytes = encoder.encode(name);
      const crc = crc32(contents);
      const local = new Uint8Array(30 + nameBytes.length);
      const l = new DataView(local.buffer);
      l.setUint32(0, LOCAL, true);
      l.setUint16(4, 20, true);
      l.setUint16(6, UTF8_NAME, true);
      l.setUint16(8, DEFLATE, true);
      l.setUint16(10, stamp.time, true);
      l.setUint16(12, stamp.date, true);
      l.setUint32(14, crc, true);
      l.setUint32(18, packed.length, true);
      l.setUint32(22, contents.length, true);
      l.setUint16(26, nameBytes.length, true);
      local.set(nameBytes, 30);
      const record = new Uint8Array(46 + nameBytes.length);
      const c = new DataView(record.buffer);
      c.setUint32(0, CENTRAL, true);
      c.setUint16(4, 20, true);
      c.setUint16(6, 20, true);
      c.setUint16(8, UTF8_NAME, true);
      c.setUint16(10, DEFLATE, true);
      c.setUint16(12, stamp.time, true);
      c.setUint16(14, stamp.date, true);
      c.setUint32(16, crc, true);
      c.setUint32(20, packed.length, true);
      c.setUint32(24, contents.length, true);
      c.setUint16(28, nameBytes.length, true);
      c.setUint32(42, offset, true);
      record.set(nameBytes, 46);
      central.push(record);
      put(local);
      put(packed);
    };
    const entries = [...this.stored].sort((a, b) => a[1].start - b[1].start);
    for (const [name, e] of entries) {
      const contents = this.changed.get(name);
      if (contents) {
        fresh(name, contents);
        continue;
      }
      // The record as it was, pointing at the entry's new place.
      const record = e.central.slice();
      new DataView(record.buffer, record.byteOffset, record.byteLength).setUint32(42, offset, true);
      central.push(record);
      put(this.data.subarray(e.start, e.end));
    }
    for (const [name, contents] of this.changed) if (!this.stored.has(name)) fresh(name, contents);
    if (central.length >= MAX_16) throw new Error('В книге больше 65 535 частей: такой файл .xlsx не записывается');
    const directoryAt = offset;
    for (const record of central) put(record);
    const end = new Uint8Array(22);
    const d = new DataView(end.buffer);
    d.setUint32(0, END, true);
    d.setUint16(8, central.length, true);
    d.setUint16(10, central.length, true);
    d.setUint32(12, offset - directoryAt, true);
    d.setUint32(16, directoryAt, true);
    put(end);
    return out;
  }
}
