import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
function shnor(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'dist-cli', 'shnor.cjs'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('--help on every command, in Russian', () => {
  it('shnor --help lists the commands and the exit codes', () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = shnor(flag);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toMatch(/^shnor — поиск школ с низкими образовательными результатами \(ШНОР\)/);
      expect(r.out).toContain('shnor analyze <файл.xlsx|файл.csv> [параметры]');
      expect(r.out).toContain('shnor report <файл.xlsx|файл.csv> [параметры]');
      expect(r.out).toContain('shnor <команда> --help');
      expect(r.out).toContain(
        'Коды выхода: 0 — готово; 1 — готово, но в таблице есть нечитаемые ячейки (см. отчёт) или не прочитан файл с результатами (вердикт неполный); 2 — не удалось выполнить.',
      );
    }
  });

  it('shnor analyze --help tells the options of analyze', () => {
    const r = shnor('analyze', '--help');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^shnor analyze — применить критерии ШНОР к таблице результатов\n/);
    for (const option of ['--preset ID', '--threshold ПРОЦЕНТ', '--sheet ИМЯ', '--json', '-o, --output ФАЙЛ', '--progress', '-h, --help'])
      expect(r.out).toContain(option);
    for (const id of ['novokuznetsk-2020', 'rosobrnadzor-2025-or', 'rosobrnadzor-2025-and']) expect(r.out).toContain(id);
    expect(r.out).toContain('Коды выхода');
    // The same text from -h, from a file given too, and from `shnor help analyze`.
    expect(shnor('analyze', 'sample/district.csv', '-h').out).toBe(r.out);
    expect(shnor('help', 'analyze').out).toBe(r.out);
  });

  it('shnor report --help tells the options of report, without those it does not take', () => {
    const r = shnor('report', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^shnor report — текст аналитической справки\n/);
    expect(r.out).toContain('--preset ID');
    expect(r.out).toContain('--threshold ПРОЦЕНТ');
    expect(r.out).not.toContain('--json');
    expect(r.out).not.toContain('--output');
    expect(shnor('help', 'report').out).toBe(r.out);
  });

  it('every help text is Russian: no English sentence slips in', () => {
    for (const args of [['--help'], ['analyze', '--help'], ['report', '--help']]) {
      const text = shnor(...args).out;
      // Option names, ids and file names are Latin; the prose around them is not.
      const prose = text.replace(
        /(--?[a-z-]+|[a-z0-9-]+\.(xlsx|csv|txt)|[a-z]+-\d{4}(-[a-z]+)?|\bshnor\b|\bID\b|JSON|stdout|stderr)/gi,
        '',
      );
      expect(prose).not.toMatch(/\b(the|and|file|options?|usage|print|write)\b/i);
    }
  });
});

describe('exit codes: 0 done, 1 done with parse problems, 2 could not run', () => {
  it.each([
    [['analyze', 'sample/district.csv'], 0],
    [['analyze', 'sample/district.xlsx'], 1],
    [['report', 'sample/district.csv'], 0],
    [['report', 'sample/district.xlsx'], 1],
    [['report', 'nope.xlsx'], 2],
    [['report'], 2],
    [['report', 'sample/district.csv', '--bogus'], 2],
    [['help', 'nope'], 2],
    [[], 2],
  ])('shnor %j → %i', (args, code) => {
    expect(shnor(...args).code).toBe(code);
  });

  it('a missing command prints the overview for the user, and still says it did not run', () => {
    const r = shnor();
    expect(r.code).toBe(2);
    expect(r.out).toContain('Команды:');
  });

  it('a wrong option names itself and points to the help of its command', () => {
    const r = shnor('report', 'sample/district.csv', '--bogus');
    expect(r.out).toBe('');
    expect(r.err).toBe('Неизвестный или неполный параметр --bogus. Справка: shnor report --help\n');
    expect(shnor('help', 'nope').err).toBe('Неизвестная команда «nope». Справка: shnor --help\n');
    const json = shnor('report', 'sample/district.csv', '--json');
    expect(json.code).toBe(2);
    expect(json.err).toBe('Команда report не принимает --json: справка печатается текстом. Справка: shnor report --help\n');
  });
});
