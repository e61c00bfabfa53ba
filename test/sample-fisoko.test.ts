/** The sample district as a folder of ФИС ОКО reports: what the script makes, and the verdicts of district.csv. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FISOKO_DIR, fisokoFiles, makeSampleDistrict } from '../scripts/make-sample';
import { run } from '../src/cli/main';
import { worksheetGrid } from '../src/workbook/xlsx-values';

const dir = join(import.meta.dirname, '..', 'sample', FISOKO_DIR);

async function shnor(...args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('sample/fisoko', () => {
  const files = fisokoFiles(makeSampleDistrict());

  it('holds exactly the files the script makes', async () => {
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.name).sort());
    for (const f of files) {
      if (f.csv !== null) expect(readFileSync(join(dir, f.name), 'utf8'), f.name).toBe(f.csv);
      else {
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(join(dir, f.name));
        const grid = worksheetGrid(book.worksheets[0] as ExcelJS.Worksheet);
        // exceljs repeats a merged cell's value over the block; the file holds it once.
        for (const m of grid.merges ?? []) for (let c = m.col + 1; c < m.col + m.cols; c++) (grid.values[m.row] as unknown[])[c] = null;
        const trimmed = (rows: unknown[][]) => rows.map((r) => r.map((v) => (v === undefined ? null : v))).map((r) => r.slice(0, 7));
        expect(
          trimmed(grid.values).filter((r) => r.some((v) => v !== null)),
          f.name,
        ).toEqual(trimmed(f.sheet?.values ?? []).filter((r) => r.some((v) => v !== null)));
        expect(grid.merges).toEqual(f.sheet?.merges);
      }
    }
    // One report per ВПР and year, the journal comparison of the latest year, the ГИА table.
    expect(files.filter((f) => /статистика по отметкам/.test(f.name))).toHaveLength(30);
    expect(files.filter((f) => /сравнение с журналом/.test(f.name))).toHaveLength(10);
  });

  it('gives the verdicts of the same district in the long table, with no problems but the aggregate rows', async () => {
    const folder = JSON.parse((await shnor('analyze', dir, '--json')).out) as {
      schools: Array<{ login: string; status: string; reasons: string[] }>;
      problems: Array<{ severity: string; message: string }>;
    };
    const csv = JSON.parse((await shnor('analyze', join(dir, '..', 'district.csv'), '--json')).out) as typeof folder;
    const view = (j: typeof folder) => Object.fromEntries(j.schools.map((s) => [s.login, [s.status, s.reasons]]));
    expect(view(folder)).toEqual(view(csv));
    expect(folder.schools.filter((s) => s.status === 'ШНОР').length).toBeGreaterThan(2);
    expect(folder.problems.filter((p) => p.severity !== 'сведения')).toEqual([]);
  });
});
