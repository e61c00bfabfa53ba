/**
 * The sample district as a folder of ФИС ОКО reports in today's layout (edu logins after the name, the
 * municipality's code, the flattened journal header; as in pikhaev1988/saascrm95, apps/vpr/fixtures/all_files.txt):
 * what the script makes, and the verdicts of district.csv.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FISOKO_DIR, fisokoFiles, makeSampleDistrict } from '../scripts/make-sample';
import { run } from '../src/cli/main';
import { loginKey } from '../src/core/login';
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
        const ws = book.worksheets[0] as ExcelJS.Worksheet;
        // The sheet named as ФИС ОКО names it, cut at 31 characters.
        expect(ws.name, f.name).toBe(f.sheetName);
        expect(ws.name.length).toBeLessThanOrEqual(31);
        const grid = worksheetGrid(ws);
        const plain = (rows: unknown[][]) =>
          rows
            .map((r) => r.map((v) => (v === undefined ? null : v)))
            .map((r) => {
              const out = [...r];
              while (out.length > 0 && out[out.length - 1] === null) out.pop();
              return out;
            });
        expect(plain(grid.values), f.name).toEqual(plain(f.sheet?.values ?? []));
        expect(grid.merges ?? []).toEqual([]);
      }
    }
    // One report per ВПР and year, the journal comparison of the latest year, the ГИА table.
    expect(files.filter((f) => /статистика по отметкам\.xlsx$/.test(f.name))).toHaveLength(30);
    expect(files.filter((f) => /сравнение с журналом\.xlsx$/.test(f.name))).toHaveLength(10);
    // Today's layout: R8 the header with the marks as numbers, the login after the name.
    const first = files[0]?.sheet?.values ?? [];
    expect(first[7]).toEqual(['Группы участников', 'Кол-во ОО', 'Кол-во участников', 2, 3, 4, 5]);
    expect(first[10]?.[0]).toBe('Энский муниципальный округ(reg77_m001)');
    expect(String(first[11]?.[0])).toMatch(/\(edu77\d{4}\)$/);
  });

  it('gives the verdicts of the same district in the long table, with no problems but the aggregate rows', async () => {
    const folder = JSON.parse((await shnor('analyze', dir, '--json')).out) as {
      schools: Array<{ login: string; status: string; reasons: string[] }>;
      problems: Array<{ severity: string; message: string }>;
    };
    const csv = JSON.parse((await shnor('analyze', join(dir, '..', 'district.csv'), '--json')).out) as typeof folder;
    // The reports write edu…, the long table sch…: one school, the same verdict.
    const view = (j: typeof folder) => Object.fromEntries(j.schools.map((s) => [loginKey(s.login), [s.status, s.reasons]]));
    expect(view(folder)).toEqual(view(csv));
    expect(folder.schools.every((s) => s.login.startsWith('edu'))).toBe(true);
    expect(folder.schools.filter((s) => s.status === 'ШНОР').length).toBeGreaterThan(2);
    expect(folder.problems.filter((p) => p.severity !== 'сведения')).toEqual([]);
  });
});
