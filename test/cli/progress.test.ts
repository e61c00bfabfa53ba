import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { Progress, type ProgressStream, STEP_NAMES } from '../../src/cli/progress';

const root = join(import.meta.dirname, '..', '..');

/** A stand-in for stderr that records what was written. */
function fakeStream(isTTY: boolean, columns?: number): ProgressStream & { chunks: string[] } {
  const chunks: string[] = [];
  return { isTTY, columns, chunks, write: (t: string) => chunks.push(t) };
}
const ERASE = '\r\x1b[K';

describe('Progress', () => {
  it('draws one redrawn line per step on a terminal and erases it at the end', () => {
    const s = fakeStream(true);
    const bar = Progress.on(s, [STEP_NAMES.read, STEP_NAMES.check, STEP_NAMES.write]);
    expect(bar.enabled).toBe(true);
    bar.step('чтение');
    bar.step('проверка');
    bar.step('запись');
    bar.clear();
    expect(s.chunks).toEqual([
      `${ERASE}ШНОР [░░░░░░░░░░░░░░░░░░░░] 1/3 чтение…`,
      `${ERASE}ШНОР [███████░░░░░░░░░░░░░] 2/3 проверка…`,
      `${ERASE}ШНОР [█████████████░░░░░░░] 3/3 запись…`,
      ERASE,
    ]);
    // Nothing but control sequences and the line: no newline that would leave a trail.
    expect(s.chunks.join('')).not.toContain('\n');
  });

  it('stays silent when stderr is not a terminal, unless forced', () => {
    const pipe = fakeStream(false);
    const quiet = Progress.on(pipe, [STEP_NAMES.read]);
    quiet.step('чтение');
    quiet.clear();
    expect(quiet.enabled).toBe(false);
    expect(pipe.chunks).toEqual([]);
    const forced = Progress.on(pipe, [STEP_NAMES.read], true);
    forced.step('чтение');
    expect(pipe.chunks).toHaveLength(1);
    expect(Progress.on(undefined, [STEP_NAMES.read], true).enabled).toBe(false);
  });

  it('cuts the line to the terminal width, never goes back, and refuses an undeclared step', () => {
    const s = fakeStream(true, 20);
    const bar = Progress.on(s, [STEP_NAMES.read, STEP_NAMES.check]);
    bar.step('проверка');
    bar.step('чтение');
    expect(s.chunks.map((c) => c.replace(ERASE, '').length)).toEqual([19, 19]);
    expect(bar.line()).toContain('2/2 проверка');
    expect(() => bar.step('справка')).toThrow('Шаг «справка» не объявлен');
  });
});

describe('the progress bar in the CLI', () => {
  it('goes to stderr through all six steps of analyze -o; stdout holds only the JSON document', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const tty = fakeStream(true);
    const output = join(mkdtempSync(join(tmpdir(), 'shnor-progress-')), 'out.xlsx');
    const code = await run(['analyze', join(root, 'sample/district.xlsx'), '--json', '-o', output], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      progress: tty,
    });
    expect(code).toBe(1);
    expect(err).toEqual([]);
    const names = tty.chunks.filter((c) => c !== ERASE).map((c) => /\d\/7 (\S+(?: карты)?)…$/.exec(c)?.[1]);
    expect(names).toEqual(['чтение', 'проверка', 'итоги', 'показатели', 'дорожные карты', 'справка', 'запись']);
    expect(tty.chunks.at(-1)).toBe(ERASE);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] as string).schools).toHaveLength(33);
  });

  it('is erased before an error line, so the message stands alone', async () => {
    const err: string[] = [];
    const tty = fakeStream(true);
    const code = await run(['report', 'nope.csv'], { out: () => undefined, err: (t) => err.push(t), progress: tty });
    expect(code).toBe(2);
    expect(tty.chunks).toEqual([`${ERASE}ШНОР [░░░░░░░░░░░░░░░░░░░░] 1/3 чтение…`, ERASE]);
    expect(err).toEqual(['Файл не найден: nope.csv']);
  });

  it('is shown by the built command with --progress even into a pipe, and never on stdout', () => {
    const r = spawnSync(process.execPath, ['dist-cli/shnor.cjs', 'analyze', 'sample/district.csv', '--json', '--progress'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('1/2 чтение…');
    expect(r.stderr).toContain('2/2 проверка…');
    expect(r.stderr.endsWith(ERASE)).toBe(true);
    expect(r.stdout).not.toContain('ШНОР [');
    expect(JSON.parse(r.stdout).preset).toBe('novokuznetsk-2020');
  });
});
