/**
 * `npm run package`: the folder and the .zip a methodologist installs from by hand (Расширения → Apps Script),
 * holding exactly what was built, the entry points Sheets calls, and steps that name every file to paste.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIST } from '../support/gas';

const root = join(import.meta.dirname, '..', '..');
const SIDEBARS = readdirSync(join(root, 'src', 'sidebar'))
  .filter((d) => existsSync(join(root, 'src', 'sidebar', d, 'index.html')))
  .sort();

/** The entries of a .zip, read from its central directory; each checked against its CRC-32. */
function unzip(data: Buffer): Map<string, Buffer> {
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(data.readUInt32LE(at)).toBe(0x02014b50);
    expect(data.readUInt16LE(at + 8) & 0x0800).toBe(0x0800); // names in UTF-8
    const method = data.readUInt16LE(at + 10);
    const crc = data.readUInt32LE(at + 16);
    const packed = data.readUInt32LE(at + 20);
    const size = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extra = data.readUInt16LE(at + 30);
    const comment = data.readUInt16LE(at + 32);
    const offset = data.readUInt32LE(at + 42);
    const name = data.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    expect(data.readUInt32LE(offset)).toBe(0x04034b50);
    const start = offset + 30 + data.readUInt16LE(offset + 26) + data.readUInt16LE(offset + 28);
    const raw = data.subarray(start, start + packed);
    const content = method === 8 ? inflateRawSync(raw) : raw;
    expect(content.length, name).toBe(size);
    expect(crc32(content), name).toBe(crc);
    files.set(name, content);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

/** The file holds exactly these bytes (Buffer.equals: toEqual walks half a megabyte byte by byte). */
const same = (file: string, bytes: Buffer) => readFileSync(file).equals(bytes);

describe('npm run package', () => {
  const out = mkdtempSync(join(tmpdir(), 'shnor-package-'));
  // The suite has built dist/ already; a second build here would race with the tests that read it.
  const run = spawnSync(process.execPath, ['scripts/package.mjs', '--no-build', '--out', out], { cwd: root, encoding: 'utf8' });
  const folder = join(out, 'shnor-apps-script');
  const expected = ['Код.gs', ...SIDEBARS.map((n) => `${n}.html`), 'appsscript.json', 'ИНСТРУКЦИЯ.txt'];

  it('writes the folder and the archive where it is told, and says where', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Папка для установки вручную: ${folder}\n`);
    expect(run.stdout).toMatch(new RegExp(`Архив: ${join(out, 'shnor-apps-script.zip').replace(/[.]/g, '\\.')} \\(\\d+ КБ\\)`));
    expect(readdirSync(folder).sort()).toEqual([...expected].sort());
  });

  it('holds the built files byte for byte: the script, every sidebar, the manifest with its narrow scopes', () => {
    expect(same(join(folder, 'Код.gs'), readFileSync(join(DIST, 'Code.js')))).toBe(true);
    for (const name of SIDEBARS) expect(same(join(folder, `${name}.html`), readFileSync(join(DIST, `${name}.html`))), name).toBe(true);
    const manifest = JSON.parse(readFileSync(join(folder, 'appsscript.json'), 'utf8')) as { oauthScopes: string[]; runtimeVersion: string };
    expect(manifest).toEqual(JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
  });

  it('the pasted script defines, at its top level, the functions Sheets calls', () => {
    const code = readFileSync(join(folder, 'Код.gs'), 'utf8');
    const kinds = vm.runInNewContext(`${code}\n[typeof onOpen, typeof onInstall]`, {}) as string[];
    expect(kinds).toEqual(['function', 'function']);
  });

  it('the steps are in Russian, readable in Notepad, and name each file and where it goes', () => {
    const bytes = readFileSync(join(folder, 'ИНСТРУКЦИЯ.txt'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text).toContain('«Расширения» → «Apps Script»');
    expect(text).toContain('Показывать файл манифеста "appsscript.json" в редакторе');
    for (const name of SIDEBARS) expect(text).toContain(`${name}.html  →  файл «${name}»`);
    expect(text).toContain('право РЕДАКТИРОВАТЬ таблицу');
    expect(text).toMatch(/несколько\r\n\s+Google-аккаунтов/);
  });

  it('the archive holds the same files under one folder', () => {
    const files = unzip(readFileSync(join(out, 'shnor-apps-script.zip')));
    expect([...files.keys()]).toEqual(expected.map((n) => `shnor-apps-script/${n}`));
    for (const name of expected) expect(same(join(folder, name), files.get(`shnor-apps-script/${name}`)!), name).toBe(true);
  });
});
