import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_SHEET } from '../../src/actions/report';
import { loadSettings, writeSettings } from '../../src/actions/settings';
import { SETTINGS_SHEET } from '../../src/core/settings';
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

  it('what the input’s tab leaves empty is named, with the default, in the справка of the book -o writes and of report (issue 25, 4)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shnor-defaults-'));
    const input = join(dir, 'район.xlsx');
    const wb = await XlsxWorkbook.load(join(root, 'sample', 'district.xlsx'));
    writeSettings(wb, loadSettings(wb, wb.sheetNames()).settings);
    // The methodologist cleared «Набор критериев» on the tab (the row stays, its value empty).
    const rows = wb.readSheet(SETTINGS_SHEET).values;
    const at = rows.findIndex((r) => r[0] === 'Набор критериев');
    expect(at).toBeGreaterThan(0);
    wb.writeBlock(SETTINGS_SHEET, at, 1, [['']]);
    await wb.save(input);
    const said = new RegExp(`Не заданы на вкладке «Настройки ШНОР» и взяты по умолчанию: «Набор критериев» — «[^»]*Новокузнецк[^»]*»\\.`);
    // On screen (the run's notes) and in the справка of the written book, in its criteria section.
    const out = join(dir, 'итог.xlsx');
    const r = shnor('analyze', input, '-o', out);
    expect(r.stderr).toContain(`Внимание: вкладка «Настройки ШНОР», строка ${at + 1}: «Набор критериев» не заполнено — взято по умолчанию`);
    const back = await XlsxWorkbook.load(out);
    const report = back.readSheet(REPORT_SHEET).values.map((row) => String(row[0] ?? ''));
    const line = report.findIndex((t) => said.test(t));
    expect(line).toBeGreaterThan(0);
    // It follows the criteria paragraph («Результат … считается низким…»), before the findings.
    expect(report.slice(0, line).some((t) => /считается низким/.test(t))).toBe(true);
    // The written book's tab holds every value now: its own справка, made again by the add-on, no longer lists defaults.
    expect(loadSettings(back, back.sheetNames()).defaults).toEqual([]);
    // shnor report says it too; a book whose tab is whole does not.
    expect(shnor('report', input).stdout).toMatch(said);
    expect(shnor('report', out).stdout).not.toMatch(/взяты по умолчанию/);
  });
});
