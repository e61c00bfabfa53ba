import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as results from '../../src/core/results';
import { sameGrid, sharedParse } from '../../src/actions/shared-table';
import { analyze } from '../../src/actions/analyze';
import { writeReport } from '../../src/actions/report';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { run } from '../../src/cli/main';
import { benchGrid } from '../../scripts/bench';

// Every parse of a result table in this file is counted (the actions and the command line import the same module).
vi.mock('../../src/core/results', async (original) => {
  const mod = await original<typeof import('../../src/core/results')>();
  return { ...mod, parseResultTable: vi.fn(mod.parseResultTable) };
});
const parses = () => vi.mocked(results.parseResultTable).mock.calls.length;

describe('the result table is parsed once per run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shnor-shared-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the kept table back for a grid with the same cells, and parses a changed one again', () => {
    const wb = new MemoryWorkbook();
    const grid = benchGrid(20);
    const parse = vi.fn((g: results.Grid) => results.parseResultTable(g));
    const first = sharedParse(wb, grid, parse);
    const copy = { ...grid, values: grid.values.map((r) => [...r]) };
    const again = sharedParse(wb, copy, parse);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(again?.schools).toBe(first?.schools);
    // A note added by one action is not seen by the next.
    again?.problems.push({ severity: 'сведения', sheet: '', row: null, column: null, value: '', message: 'x' });
    expect(sharedParse(wb, copy, parse)?.problems).toHaveLength(first?.problems.length ?? -1);
    const changed = { ...grid, values: grid.values.map((r) => [...r]) };
    (changed.values[5] as results.Grid['values'][number])[3] = 99;
    const reparsed = sharedParse(wb, changed, parse);
    expect(parse).toHaveBeenCalledTimes(2);
    expect(reparsed?.schools[3]?.results[0]?.fail).toBe(99);
    // Another book keeps its own.
    sharedParse(new MemoryWorkbook(), changed, parse);
    expect(parse).toHaveBeenCalledTimes(3);
  });

  it('compares what a parse reads: values (dates by time), merges, hidden state', () => {
    const g: results.Grid = { sheet: 'Р', values: [['a', new Date(2026, 0, 1)]], merges: [] };
    expect(sameGrid(g, { ...g, values: [['a', new Date(2026, 0, 1), null]] })).toBe(true);
    expect(sameGrid(g, { ...g, values: [['a', new Date(2026, 0, 2)]] })).toBe(false);
    expect(sameGrid(g, { ...g, merges: [{ row: 0, col: 0, rows: 1, cols: 2 }] })).toBe(false);
    expect(sameGrid(g, { ...g, hidden: true })).toBe(false);
  });

  it('the check and the справка on one book parse the sheet once; a change by hand between them is read', () => {
    const wb = new MemoryWorkbook([benchGrid(30)]);
    const before = parses();
    // The sheet named, as the command line names it (unnamed, the check first reads every tab for ФИС ОКО reports).
    const sheet = 'Результаты';
    expect(analyze(wb, { sheet }).kind).toBe('done');
    // The check wrote its own columns on the sheet: those are not what the parser reads.
    expect(writeReport(wb, { sheet }).kind).toBe('done');
    expect(parses() - before).toBe(1);
    wb.writeBlock('Результаты', 2, 3, [[99]]);
    expect(writeReport(wb, { sheet }).kind).toBe('done');
    expect(parses() - before).toBe(2);
  });

  it('`analyze -o` parses the input once for all six of its actions', async () => {
    const before = parses();
    const out: string[] = [];
    const code = await run(['analyze', join(import.meta.dirname, '..', '..', 'sample', 'district.csv'), '-o', join(dir, 'книга.xlsx')], {
      out: (t) => out.push(t),
      err: (t) => out.push(t),
    });
    expect(code).toBe(0);
    expect(parses() - before).toBe(1);
  });
});
