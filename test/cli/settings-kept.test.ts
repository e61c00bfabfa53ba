import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, writeSettings } from '../../src/actions/settings';
import { XlsxWorkbook } from '../../src/workbook/xlsx';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist-cli', 'shnor.cjs');
const shnor = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });

describe('a district book’s own settings on the command line', () => {
  it('analyze -o and report keep the methodologists, dynamics and criteria of «Настройки ШНОР»; --threshold still overrides', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shnor-settings-'));
    const input = join(dir, 'район.xlsx');
    const wb = await XlsxWorkbook.load(join(root, 'sample', 'district.xlsx'));
    const { settings } = loadSettings(wb, wb.sheetNames());
    settings.criteria.threshold = 25;
    settings.methodologists = ['metodist@rono.example'];
    settings.dynamicsThreshold = 7;
    writeSettings(wb, settings);
    await wb.save(input);

    const out = join(dir, 'итог.xlsx');
    const r = shnor('analyze', input, '--json', '-o', out);
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout) as { schools: Array<{ status: string }> };
    const atDefault = JSON.parse(shnor('analyze', join(root, 'sample', 'district.xlsx'), '--json').stdout) as typeof json;
    const count = (j: typeof json) => j.schools.filter((s) => s.status === 'ШНОР').length;
    expect(count(json)).toBeGreaterThan(count(atDefault)); // 25 % lists more schools than 30 %
    const back = await XlsxWorkbook.load(out);
    const kept = loadSettings(back, back.sheetNames()).settings;
    expect(kept.methodologists).toEqual(['metodist@rono.example']);
    expect(kept.dynamicsThreshold).toBe(7);
    expect(kept.criteria.threshold).toBe(25);

    const override = shnor('analyze', input, '--threshold', '30', '--json');
    expect(count(JSON.parse(override.stdout) as typeof json)).toBe(count(atDefault));
    expect(shnor('report', input).stdout).toContain('считается низким, если не менее 25 % участников');
  });
});
