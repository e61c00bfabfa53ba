/**
 * Roadmaps at a region's size: `analyze -o` keeps roadmap tabs to a district-sized list and says so beyond
 * it; `roadmap --out-dir` writes one book per school, named by login and school.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ROADMAPS_IN_BOOK, run } from '../../src/cli/main';
import { bookFileName } from '../../src/cli/roadmap';

const root = join(import.meta.dirname, '..', '..');

async function shnor(args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += t), err: (t) => (err += `${t.replace(/\n$/, '')}\n`) });
  return { code, out, err };
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('roadmaps for a region', () => {
  it('roadmap --out-dir writes one book per ШНОР school, named by login and school; the input stays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shnor-outdir-'));
    const input = join(root, 'sample', 'district.xlsx');
    const before = sha(input);
    const r = await shnor(['roadmap', input, '--out-dir', join(dir, 'карты')]);
    expect(r.code).toBe(1); // the sample keeps one typo on purpose
    const files = readdirSync(join(dir, 'карты')).sort();
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(files.every((f) => /^sch\d+ .+\.xlsx$/.test(f))).toBe(true);
    expect(r.out).toBe(`Книг записано: ${files.length} — в папку ${join(dir, 'карты')}\n`);
    expect(sha(input)).toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'карты', files[0] as string));
    // The roadmap's tab, and its long dropdown lists on the hidden «Списки» beside it.
    const visible = wb.worksheets.filter((w) => w.state === 'visible');
    expect(visible).toHaveLength(1);
    expect(wb.worksheets.filter((w) => w.state !== 'visible').map((w) => w.name)).toEqual(['Списки']);
    const ws = visible[0] as ExcelJS.Worksheet;
    expect(ws.name).toMatch(/^ДК /);
    const login = (files[0] as string).split(' ')[0];
    expect(ws.getCell('B2').value).toBe(login);
    expect(String(ws.getCell('C5').value ?? '')).not.toBe('');
  }, 120_000);

  it('names books without characters a file system forbids', () => {
    expect(bookFileName('sch1', 'МБОУ "СОШ" №1 / филиал: село*', false)).toBe('sch1 МБОУ СОШ №1 филиал село.xlsx');
    expect(bookFileName('district', 'Муниципальная', true)).toBe('Район.xlsx');
  });

  it(`analyze -o writes roadmap tabs only up to ${ROADMAPS_IN_BOOK} ШНОР and says where the rest go`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shnor-many-'));
    const rows = ['Логин;ОО;ВПР МА 5 2025;ВПР МА 5 2026', ';;% 2;% 2'];
    for (let i = 0; i < ROADMAPS_IN_BOOK + 10; i++) rows.push(`sch${100000 + i};СОШ № ${i + 1};55;60`);
    for (let i = 0; i < 10; i++) rows.push(`sch${200000 + i};Лицей № ${i + 1};2;3`);
    const input = join(dir, 'регион.csv');
    writeFileSync(input, rows.join('\n'));
    const out = join(dir, 'книга.xlsx');
    const r = await shnor(['analyze', input, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^Внимание: дорожные карты в книгу не записаны: ШНОР 50, .*--out-dir/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.some((ws) => ws.name.startsWith('ДК '))).toBe(false);
    expect(wb.worksheets.some((ws) => ws.name === 'ШНОР — итоги')).toBe(true);
  }, 180_000);
});
