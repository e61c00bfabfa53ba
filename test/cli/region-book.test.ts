/**
 * A region's book from a CSV (`shnor analyze -o`) at 5,000 schools, made at test time: it reads back complete,
 * and what keeps its memory bounded holds by construction — the table's values stay one grid (not a cell
 * object per value), and the book is written by exceljs' streaming writer, row by row. Speed and peak memory
 * are measured by `npm run bench`, not here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { benchCsv } from '../../scripts/bench';
import { analyze } from '../../src/actions/analyze';
import { openBook } from '../../src/cli/book';
import { readGrids } from '../../src/cli/input';
import { run } from '../../src/cli/main';

const SCHOOLS = 5_000;
const dir = mkdtempSync(join(tmpdir(), 'shnor-region-'));
const input = join(dir, 'регион.csv');
writeFileSync(input, benchCsv(SCHOOLS));
const sheet = 'регион.csv';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Cells exceljs holds on a tab (each an object of some hundreds of bytes). */
function cellCount(ws: ExcelJS.Worksheet): number {
  let n = 0;
  for (const row of (ws as unknown as { _rows: (ExcelJS.Row | undefined)[] })._rows)
    for (const cell of (row as unknown as { _cells?: unknown[] } | undefined)?._cells ?? []) if (cell) n++;
  return n;
}

/** Every row of every tab of a book, read with exceljs' streaming reader (never the whole book in memory). */
async function streamRows(path: string, keep: (tab: string, row: number) => boolean) {
  const rows = new Map<string, number>();
  const kept = new Map<string, ExcelJS.CellValue[]>();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore' });
  for await (const ws of reader) {
    const name = (ws as unknown as { name: string }).name;
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      rows.set(name, Math.max(rows.get(name) ?? 0, row.number));
      if (keep(name, row.number)) kept.set(`${name}!${row.number}`, (row.values as ExcelJS.CellValue[]).slice(1));
    }
  }
  return { rows, kept };
}

describe(`analyze -o on a CSV of ${SCHOOLS} schools`, () => {
  it('keeps the table as its grid: exceljs holds cells only where the add-on formats or writes', async () => {
    const grids = await readGrids(input);
    const wb = await openBook(input, grids);
    const ws = wb.worksheet(sheet);
    expect(cellCount(ws)).toBe(0);
    expect(wb.readSheet(sheet).values).toEqual(grids[0]?.values);
    expect(analyze(wb, { sheet }).kind).toBe('done');
    const values = wb.readSheet(sheet).values;
    expect(values).toHaveLength(SCHOOLS + 2);
    const table = values.reduce((n, row) => n + row.filter((v) => v !== null && v !== '').length, 0);
    // The status column, the names coloured by status and the low cells: a small part of the table's values.
    expect(cellCount(ws)).toBeLessThan(table / 5);
    // The book is written as a stream, never built whole in memory.
    const whole = vi.spyOn(wb.wb.xlsx, 'writeFile');
    const wholeBuffer = vi.spyOn(wb.wb.xlsx, 'writeBuffer');
    await wb.save(join(dir, 'прямо.xlsx'));
    expect(whole).not.toHaveBeenCalled();
    expect(wholeBuffer).not.toHaveBeenCalled();
  }, 300_000);

  it('writes the whole book, every row of the table and of «ШНОР — итоги», the input untouched', async () => {
    const output = join(dir, 'книга.xlsx');
    const before = readFileSync(input);
    const out: string[] = [];
    const code = await run(['analyze', input, '-o', output], { out: (t) => out.push(t), err: () => undefined });
    expect(code).toBe(0);
    expect(out.join('')).toContain(`Книга записана: ${output}`);
    expect(readFileSync(input).equals(before)).toBe(true);
    const last = SCHOOLS + 2;
    const { rows, kept } = await streamRows(output, (tab, r) => tab === sheet && (r === 3 || r === last));
    expect(rows.get(sheet)).toBe(last);
    expect(rows.get('ШНОР — итоги')).toBeGreaterThanOrEqual(SCHOOLS + 6);
    expect(rows.get('Показатели ОО')).toBeGreaterThan(SCHOOLS);
    // The last school's row as the CSV has it, then the add-on's status column.
    const csvLast = (readFileSync(input, 'utf8').split('\n')[last - 1] ?? '').split(';');
    const bookLast = kept.get(`${sheet}!${last}`) ?? [];
    expect(bookLast.slice(0, csvLast.length).map((v) => String(v ?? ''))).toEqual(csvLast);
    expect(['ШНОР', 'зона риска', 'норма', 'нет данных']).toContain(bookLast[csvLast.length]);
  }, 600_000);
});
