/**
 * The streaming reader of .xlsx inputs gives the grids exceljs' whole-book load gives (worksheetGrid):
 * on every .xlsx of the repository (samples, fixtures copied from real files) and of the hostile corpus.
 */
import { readdirSync, readFileSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { streamGrids } from '../../src/cli/xlsx-grids';
import { worksheetGrid } from '../../src/workbook/xlsx-values';
import { makeHostileCorpus } from '../support/hostile';

function xlsxFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') out.push(...xlsxFiles(full));
    else if (e.isFile() && /\.xlsx$/i.test(e.name) && statSync(full).size < 30 * 1024 * 1024) out.push(full);
  }
  return out;
}

async function loaded(data: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb.worksheets.map(worksheetGrid);
}

const dir = mkdtempSync(join(tmpdir(), 'shnor-xlsx-grids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('streamGrids', () => {
  it('reads every book of the repository and of the hostile corpus as exceljs does', { timeout: 300_000 }, async () => {
    await makeHostileCorpus(dir);
    const files = [
      ...xlsxFiles(join(import.meta.dirname, '..', '..', 'sample')),
      ...xlsxFiles(join(import.meta.dirname, '..')),
      ...xlsxFiles(dir),
    ];
    expect(files.length).toBeGreaterThan(30);
    const differ: string[] = [];
    let compared = 0;
    for (const f of files) {
      const data = readFileSync(f);
      let want: unknown;
      try {
        want = await loaded(data);
      } catch {
        continue; // a book exceljs cannot open is refused before either reader runs
      }
      compared++;
      const got = await streamGrids(data);
      if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(f);
    }
    expect(compared).toBeGreaterThan(30);
    expect(differ.map((d) => d.split('/').slice(-2).join('/'))).toEqual([]);
  });
});
