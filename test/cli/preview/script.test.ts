import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
let child: ChildProcess | null = null;
afterEach(() => {
  if (child?.pid && child.exitCode === null) child.kill('SIGTERM');
  child = null;
});

/** Starts `npm run preview` (tsx scripts/preview.ts) and waits for the address it prints. */
function start(...args: string[]): Promise<{ url: string; out: string }> {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  child = spawn(tsx, ['scripts/preview.ts', '--no-build', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no address in 20 s: ${out}${err}`)), 20_000);
    child?.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Предпросмотр ШНОР: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1] as string, out });
      }
    });
    child?.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child?.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${out}${err}`));
    });
  });
}

describe('npm run preview', () => {
  it('serves a file given on the command line on 127.0.0.1 at a free port, printed on stdout', async () => {
    const { url, out } = await start('sample/district.csv');
    expect(out).toContain('sample/district.csv (в памяти, файл не меняется)');
    const state = (await (await fetch(`${url}api/state`)).json()) as { title: string; tabs: string[]; menus: Array<{ title: string }> };
    expect(state.title).toBe('district.csv');
    expect(state.tabs).toEqual(['district.csv']);
    expect(state.menus.map((m) => m.title)).toEqual(['ШНОР']);
    const page = await fetch(url);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<div id="tabs" role="tablist"');
  });

  it('says in one Russian line why it cannot start', async () => {
    await expect(start('nope.xlsx')).rejects.toThrow(/exited 2: Файл не найден: .*nope\.xlsx/);
    await expect(start('--port', 'abc')).rejects.toThrow('exited 2: Порт «abc» — не число от 0 до 65535.');
  });
});
