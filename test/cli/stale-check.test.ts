/**
 * The CLI on a book whose results changed after the check: `shnor analyze -o` writes the check into a copy of
 * sample/district.xlsx («ШНОР: итоги» with its record), then «СОШ № 7» gets new results in that .xlsx
 * (test/support/changed-results, cell for cell on «Результаты» as the sample lays it out). The CLI cannot ask:
 * `shnor roadmap` and `shnor monitor` read the file afresh each run, go on by the current data and print the
 * same warning the add-on shows.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { worksheetGrid } from '../../src/workbook/xlsx-values';
import { NEW_SHNOR, worsenSchool7 } from '../support/changed-results';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist-cli', 'shnor.cjs');
function shnor(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const WARNING = 'Внимание: результаты на листе «Результаты» изменились после проверки школ — «ШНОР: итоги» составлены по другим данным.';
let dir: string;
let changed: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shnor-stale-'));
  const checked = join(dir, 'проверено.xlsx');
  expect(shnor('analyze', 'sample/district.xlsx', '-o', checked).code).toBe(1); // the sample's deliberate «4о»
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(checked);
  const ws = wb.getWorksheet('Результаты') as ExcelJS.Worksheet;
  const values = worksheetGrid(ws).values;
  const before = values.map((r) => [...r]);
  worsenSchool7(values);
  values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== before[r]?.[c]) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
    }),
  );
  changed = join(dir, 'изменено.xlsx');
  await wb.xlsx.writeFile(changed);
}, 120_000);

describe('the CLI on results changed since the check', () => {
  it('shnor roadmap -o and --out-dir make the roadmaps by the current data and print the warning', () => {
    const one = shnor('roadmap', changed, '--schools', NEW_SHNOR, '-o', join(dir, 'карта.xlsx'));
    expect(one.code).toBe(1);
    expect(one.out).toMatch(/^Дорожная карта готова:\n«ДК СОШ № 7 2026–27»: \d+ мероприяти/);
    expect(one.out).toContain(`\n${WARNING} Запустите «Проверить школы по критериям» заново.\n`);
    // By default every ШНОР of the current data: «СОШ № 7» among them (`analyze -o` made the other seven's tabs).
    const books = shnor('roadmap', changed, '--yes', '--out-dir', join(dir, 'карты'));
    expect(books.out).toMatch(/^Книг записано: 8 — в папку .*\n/);
    expect(books.out.split('\n')[1]).toBe(`${WARNING} Запустите «Проверить школы по критериям» заново.`);
    // The book as checked: no warning.
    const fresh = shnor('roadmap', join(dir, 'проверено.xlsx'), '--schools', NEW_SHNOR, '-o', join(dir, 'карта2.xlsx'));
    expect(fresh.out).not.toContain('Внимание');
  }, 120_000);

  it('shnor monitor -o lists «СОШ № 7» as the one ШНОР without a roadmap and prints the warning', async () => {
    const out = join(dir, 'мониторинг.xlsx');
    const r = shnor('monitor', changed, '-o', out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows = worksheetGrid(wb.getWorksheet('Мониторинг дорожных карт') as ExcelJS.Worksheet).values;
    expect(rows.filter((row) => row[2] === 'нет дорожной карты').map((row) => row[1])).toEqual([`МБОУ «СОШ № 7» (${NEW_SHNOR})`]);
    expect(r.out).toMatch(
      /7 дорожных карт периода 2026\/27, .*ШНОР без карты — 1\.\nШНОР без дорожной карты определены по текущим данным\. Внимание: результаты на листе «Результаты» изменились/,
    );
  }, 120_000);
});
