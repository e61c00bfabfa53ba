import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { moscowToday } from '../../src/core/activity';
import { parseRoadmap, ROADMAP_COLUMN, ROADMAP_FIRST_ROW, ROADMAP_HEADER_ROW } from '../../src/core/roadmap-sheet';
import { SEED_NAMES, SEED_SLIPS } from '../support/seed-names';
import { worksheetGrid } from '../../src/workbook/xlsx-values';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist-cli', 'shnor.cjs');
function shnor(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
async function book(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}
const SHNOR = ['sch771005', 'sch771009', 'sch771012', 'sch771013', 'sch771016', 'sch771019', 'sch771027'];

describe('shnor template', () => {
  it('writes an empty prepared district book, the set-up action’s tabs with notes and validation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shnor-template-'));
    const out = join(dir, 'район.xlsx');
    const r = shnor('template', '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Книга записана: ${out}`);
    const wb = await book(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining([
        'Школы',
        'Результаты',
        'Настройки ШНОР',
        'ШНОР — итоги',
        'Показатели',
        'Справочник мероприятий',
        'Журнал изменений',
      ]),
    );
    const registry = wb.getWorksheet('Школы')!;
    expect(registry.getCell('A1').value).toBe('Логин');
    expect(registry.getCell('A1').note).toBeTruthy();
    const validations = (registry as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    expect(Object.keys(validations).length).toBeGreaterThan(0);
  });

  it('wants -o and says so in Russian', () => {
    const r = shnor('template');
    expect(r.code).toBe(2);
    expect(r.err).toContain('shnor template -o');
    expect(shnor('template', '--help').out).toContain('Подготовить рабочую книгу района');
  });
});

describe('shnor roadmap', () => {
  it('without -o prints what it would propose, with the reasons, and writes nothing', () => {
    const r = shnor('roadmap', 'sample/district.xlsx', '--schools', 'sch771005', '--year', '2026');
    expect(r.code).toBe(1); // the sample's deliberate «4о» is reported
    expect(r.out).toContain('МБОУ «СОШ № 5» — вкладка «ДК СОШ № 5 2026–27», 2026/27');
    expect(r.out).toMatch(/мероприятий: \d+ из \d+ предложенн(ого|ых)/);
    expect(r.out).toContain('почему: низкие результаты по математике');
    expect(r.err).toContain('столбец AO: «4о»');
  });

  it('writes one tab per ШНОР school by default; the input stays as it was; the tab reads back as a roadmap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shnor-roadmap-'));
    const out = join(dir, 'карты.xlsx');
    const before = readFileSync(join(root, 'sample', 'district.xlsx'));
    const r = shnor('roadmap', 'sample/district.xlsx', '--year', '2026', '-o', out);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Дорожные карты готовы (7)');
    expect(readFileSync(join(root, 'sample', 'district.xlsx')).equals(before)).toBe(true);
    const wb = await book(out);
    const tabs = wb.worksheets.filter((w) => w.name.startsWith('ДК '));
    expect(tabs).toHaveLength(SHNOR.length);
    const owners = tabs.map((w) => parseRoadmap(worksheetGrid(w).values).meta?.owner).sort();
    expect(owners).toEqual(SHNOR);
    const five = parseRoadmap(worksheetGrid(wb.getWorksheet('ДК СОШ № 5 2026–27')!).values);
    expect(five.meta?.period).toEqual({ from: '2026-09-01', to: '2027-08-31' });
    expect(five.rows.length).toBeGreaterThan(5);
    expect(five.rows.every((row) => row.status === 'запланировано' && row.school === 'sch771005' && row.control !== '')).toBe(true);
    expect(five.problems).toEqual([]);
    // Every tab as its reader sees it: the district's own text, terms in 2026/27, each activity once,
    // nothing overdue the day it was made, a result in every row; dropdowns Excel keeps.
    const today = moscowToday(new Date());
    for (const ws of tabs) {
      const values = worksheetGrid(ws).values;
      const parsed = parseRoadmap(values);
      for (const line of values)
        for (const [c, v] of line.entries()) {
          if (c >= ROADMAP_COLUMN.school || v === null) continue;
          for (const n of [...SEED_NAMES, ...SEED_SLIPS]) expect(String(v), `${ws.name}: ${n}`).not.toContain(n);
        }
      expect(new Set(parsed.rows.map((x) => x.code)).size).toBe(parsed.rows.length);
      for (const row of parsed.rows) {
        for (const y of row.term.match(/20\d\d/g) ?? []) expect(Number(y), row.term).toBeGreaterThanOrEqual(2026);
        expect(row.result).not.toBe('');
        if (row.end && today <= '2027-08-31') expect(row.end >= today, `${ws.name} ${row.number}`).toBe(true);
      }
      const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
      for (const dv of Object.values(model)) {
        const f = String(dv.formulae?.[0] ?? '');
        if (f.startsWith('"')) expect(f.length - 2).toBeLessThanOrEqual(255);
      }
    }
    expect(wb.getWorksheet('Списки')?.state).toBe('veryHidden');
    // Readable: the text columns wrap from the header down, the service columns (login, code, control
    // mark) are hidden, and the title row runs across the page unwrapped.
    for (const ws of tabs) {
      const service = [ROADMAP_COLUMN.school, ROADMAP_COLUMN.code, ROADMAP_COLUMN.control];
      for (const c of service) expect(ws.getColumn(c + 1).hidden, `${ws.name} ${c}`).toBe(true);
      for (let c = 0; c < ROADMAP_COLUMN.school; c++) expect(ws.getColumn(c + 1).hidden, `${ws.name} ${c}`).toBe(false);
      for (const key of ['activity', 'term', 'responsible', 'result', 'document', 'mark'] as const) {
        const c = ROADMAP_COLUMN[key] + 1;
        for (const r of [ROADMAP_HEADER_ROW + 1, ROADMAP_FIRST_ROW + 2, ws.rowCount])
          expect(ws.getRow(r).getCell(c).alignment?.wrapText, `${ws.name} ${key} row ${r}`).toBe(true);
      }
      expect(ws.getCell('A1').alignment?.wrapText).toBeFalsy();
    }

    // Again on its own output: the tab is found after the trip through .xlsx, and it asks first.
    const again = shnor('roadmap', out, '--schools', 'sch771005', '--year', '2026', '-o', join(dir, 'снова.xlsx'));
    expect(again.code).toBe(2);
    expect(again.err).toContain('--yes');
    const yes = shnor('roadmap', out, '--schools', 'sch771005', '--year', '2026', '-o', join(dir, 'снова.xlsx'), '--yes');
    expect(yes.code).toBe(1);
    const wb2 = await book(join(dir, 'снова.xlsx'));
    expect(wb2.worksheets.filter((w) => w.name.startsWith('ДК '))).toHaveLength(SHNOR.length);
  }, 120_000);

  it('the district’s roadmap for a chosen period and blocks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shnor-roadmap-'));
    const out = join(dir, 'район.xlsx');
    const r = shnor('roadmap', 'sample/district.xlsx', '--district', '--from', '01.01.2027', '--to', '31.12.2027', '-o', out);
    expect(r.code).toBe(1);
    const wb = await book(out);
    const tab = wb.worksheets.find((w) => w.name.startsWith('ДК район'))!;
    expect(tab.name).toBe('ДК район 2027');
    const parsed = parseRoadmap(worksheetGrid(tab).values);
    expect(parsed.meta).toMatchObject({ owner: 'район', period: { from: '2027-01-01', to: '2027-12-31' } });
    expect(parsed.rows.every((row) => !row.start || (row.start >= '2027-01-01' && row.start <= '2027-12-31'))).toBe(true);
  });

  it('refuses what it cannot do with a Russian message and exit code 2', () => {
    expect(shnor('roadmap').code).toBe(2);
    const unknown = shnor('roadmap', 'sample/district.xlsx', '--schools', 'sch000000');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Нет таких школ');
    const both = shnor('roadmap', 'sample/district.xlsx', '--district', '--schools', 'sch771005');
    expect(both.code).toBe(2);
    expect(shnor('roadmap', 'sample/district.xlsx', '--year', 'двадцать').err).toContain('--year');
    expect(shnor('roadmap', '--help').out).toContain('Создать дорожную карту');
  });
});
