/** The sample district as a folder of Ф1 «Индивидуальные результаты»: what the script makes, and the verdicts of district.*. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeSampleDistrict } from '../scripts/make-sample';
import { PUPILS_DIR, pupilFiles } from '../scripts/sample-pupils';
import { analyze } from '../src/actions/analyze';
import { loadInputs } from '../src/cli/inputs';
import { run } from '../src/cli/main';
import { MemoryWorkbook } from '../src/workbook/memory';
import { worksheetGrid } from '../src/workbook/xlsx-values';
import { sampleGrids } from './support/sample';

const dir = join(import.meta.dirname, '..', 'sample', PUPILS_DIR);

async function shnor(...args: string[]) {
  let out = '';
  const code = await run(args, { out: (t) => (out += t), err: () => undefined });
  return { code, out };
}

describe('sample/pupils', () => {
  const files = pupilFiles(makeSampleDistrict());

  it('holds exactly the files the script makes, cell for cell', async () => {
    expect(readdirSync(dir).sort()).toEqual([...files.map((f) => f.name), 'ГИА 2024–2026 (РЦОИ).csv'].sort());
    expect(files).toHaveLength(30);
    for (const f of files) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(join(dir, f.name));
      const ws = book.worksheets[0] as ExcelJS.Worksheet;
      expect(ws.name).toBe(f.sheet);
      const norm = (rows: unknown[][]) =>
        rows.map((r) => {
          const out = r.map((v) => (v === undefined ? null : v));
          while (out.length > 0 && out[out.length - 1] === null) out.pop();
          return out;
        });
      expect(norm(worksheetGrid(ws).values), f.name).toEqual(norm(f.values));
    }
  }, 120_000);

  it('gives the statuses, rules and low results of district.csv, with no problems', async () => {
    type Out = {
      schools: Array<{ login: string; status: string; rules: string[]; low: Array<{ procedure: string; year: number; value: number }> }>;
      problems: Array<{ severity: string; message: string }>;
    };
    const folder = JSON.parse((await shnor('analyze', dir, '--json')).out) as Out;
    const csv = JSON.parse((await shnor('analyze', join(dir, '..', 'district.csv'), '--json')).out) as Out;
    const view = (j: Out) =>
      Object.fromEntries(j.schools.map((s) => [s.login, [s.status, s.rules, s.low.map((l) => `${l.procedure} ${l.year}`)]]));
    expect(view(folder)).toEqual(view(csv));
    expect(folder.schools.filter((s) => s.status === 'ШНОР')).toHaveLength(7);
    expect(folder.problems.filter((p) => p.severity !== 'сведения')).toEqual([]);
  }, 120_000);

  it('raises the journal markers of district.xlsx (the journal compared pupil by pupil; «выше района» needs the registry it lacks)', async () => {
    const inputs = await loadInputs([dir]);
    const fromPupils = analyze(new MemoryWorkbook(inputs.grids));
    const fromDistrict = analyze(new MemoryWorkbook(await sampleGrids()));
    if (fromPupils.kind !== 'done' || fromDistrict.kind !== 'done') throw new Error('not checked');
    const journal = (o: typeof fromPupils & { kind: 'done' }) =>
      o.beyond.markers
        // Peaks at the mark boundaries need pupils' scores: only the Ф1 files can raise them.
        .filter((m) => m.kind !== 'выше района' && m.kind !== 'пик на границе')
        .map((m) => `${m.key} ${m.procedure} ${m.year} ${m.kind}`)
        .sort();
    expect(journal(fromPupils)).toEqual(journal(fromDistrict));
    expect(journal(fromPupils).length).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
