/**
 * Every roadmap the sample district gets — the district's and one per ШНОР school, each with what its
 * proposals tick — read as a methodologist would on the day it is made: the district's own text (no
 * person, school, place or body of the five programmes), terms in the roadmap's own period, each
 * canonical activity once, nothing overdue the day it is made, an expected result in every row, the
 * directions in their fixed order; and, written to .xlsx, dropdowns Excel keeps.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRoadmaps, roadmapProposals, roadmapStart } from '../../src/actions/roadmap';
import { CATALOGUE, DIRECTIONS } from '../../src/core/catalogue';
import type { Grid } from '../../src/core/results';
import { parseRoadmap, ROADMAP_COLUMN, ROADMAP_COLUMNS, ROADMAP_PREFIX } from '../../src/core/roadmap-sheet';
import { schoolYear } from '../../src/core/terms';
import type { CellValue } from '../../src/core/text';
import type { Workbook } from '../../src/workbook/port';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { sampleGrids } from '../support/sample';
import { SEED_NAMES, SEED_SLIPS } from '../support/seed-names';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const period = schoolYear(2026);
/** Service columns: a login and a code, not text for people. */
const SERVICE = new Set([ROADMAP_COLUMN.school, ROADMAP_COLUMN.code, ROADMAP_COLUMN.control]);

/** The district's roadmap and every ШНОР school's, each with the proposals' ticks, made on `today`. */
function generateAll(wb: Workbook, today: string): string[] {
  const start = roadmapStart(wb, { now: new Date(`${today}T09:00:00Z`) });
  const shnor = start.schools.filter((s) => s.status === 'ШНОР').map((s) => s.login);
  expect(shnor).toHaveLength(7);
  const sheets: string[] = [];
  for (const req of [{ owner: 'district' as const }, { owner: 'schools' as const, schools: shnor }]) {
    const view = roadmapProposals(wb, { ...req, period });
    if ('error' in view) throw new Error(view.error);
    const selected = Object.fromEntries(view.owners.map((o) => [o.owner, o.items.filter((i) => i.selected).map((i) => i.code)]));
    const out = createRoadmaps(wb, { ...req, period, selected, today });
    if (out.kind !== 'done') throw new Error(out.message);
    sheets.push(...out.sheets);
  }
  return sheets;
}

function checkTab(values: CellValue[][], today: string): void {
  const parsed = parseRoadmap(values);
  const owner = parsed.meta!.owner;
  const where = `${owner}`;
  expect(parsed.problems, where).toEqual([]);
  // No other district's people, places or bodies, no other spelling of ШНОР, no copied typo: anywhere a reader looks.
  for (const [r, line] of values.entries())
    for (const [c, v] of line.entries()) {
      if (SERVICE.has(c) || v === null || v === undefined) continue;
      const text = String(v);
      for (const n of [...SEED_NAMES, ...SEED_SLIPS]) expect(text, `${where} ${r + 1}:${c + 1}: ${n}`).not.toContain(n);
    }
  const rows = parsed.rows;
  const codes = rows.map((x) => x.code);
  expect(new Set(codes).size, where).toBe(codes.length);
  for (const row of rows) {
    const label = `${where} ${row.number} ${row.code}`;
    for (const y of row.term.match(/20\d\d/g) ?? []) expect(Number(y), label).toBeGreaterThanOrEqual(2026);
    expect(row.result, label).not.toBe('');
    expect(row.status, label).toBe('запланировано');
    if (row.end) expect(row.end >= today, `${label}: ${row.end} < ${today}`).toBe(true);
    if (row.start) expect(row.start >= period.from && row.end! <= period.to, label).toBe(true);
  }
  // Directions in their fixed order, each heading numbered «1.», «2.» … and its rows «1.1», «1.2» ….
  const order = parsed.sections.map((s) => DIRECTIONS.indexOf(s.block));
  expect(
    order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!)),
    where,
  ).toBe(true);
  parsed.sections.forEach((s, k) => expect(values[s.sheetRow - 1]![ROADMAP_COLUMN.number], where).toBe(`${k + 1}.`));
  if (owner === 'район') {
    expect(rows.length).toBeLessThanOrEqual(40);
    expect(parsed.sections.map((s) => s.block)).toEqual([...DIRECTIONS]);
    // What the municipal plan requires of schools is in it: the heads' reports, the schools' programmes.
    expect(codes).toEqual(expect.arrayContaining(['У4', 'У10']));
  } else {
    expect(rows.length, where).toBeGreaterThanOrEqual(10);
    expect(rows.length, where).toBeLessThanOrEqual(25);
    // Nothing a school cannot choose: the district's own measures come only as ones it takes part in.
    const own = new Map(CATALOGUE.map((a) => [a.id, a]));
    for (const c of codes) expect(own.get(c)!.activity, `${where} ${c}`).not.toContain('500+');
  }
}

describe('the sample district’s roadmaps, made on any day of the year', () => {
  it.each(['2026-09-01', '2026-11-30', '2027-03-15', '2027-08-31'])(
    'made on %s: clean, in the period, nothing overdue',
    (today) => {
      const wb = new MemoryWorkbook(grids);
      const sheets = generateAll(wb, today);
      expect(sheets).toHaveLength(8);
      for (const sheet of sheets) checkTab(wb.sheet(sheet).values, today);
    },
    120_000,
  );

  it('a term already past says so in its note; one not yet come has none', () => {
    const wb = new MemoryWorkbook(grids);
    generateAll(wb, '2026-11-30');
    const sheet = wb.sheet('ДК район 2026–27');
    const rows = parseRoadmap(sheet.values).rows;
    const team = rows.find((r) => r.code === 'У1')!;
    expect(team.term).toBe('ноябрь–декабрь 2026');
    expect(sheet.notes[team.sheetRow - 1]![ROADMAP_COLUMN.start]).toMatch(/^Срок «сентябрь 2026» прошёл к дате создания \(30\.11\.2026\)/);
    const report = rows.find((r) => r.code === 'У10')!;
    expect(report.term).toBe('январь, июнь 2027');
  });

  it('written to .xlsx: no inline dropdown over 255 characters or splitting a value at its commas; long lists on the hidden «Списки»', async () => {
    const wb = await XlsxWorkbook.load('sample/district.xlsx');
    const sheets = generateAll(wb, '2026-09-01');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await wb.toBuffer()) as unknown as Parameters<typeof book.xlsx.load>[0]);
    const lists = book.getWorksheet('Списки');
    expect(lists?.state).toBe('veryHidden');
    let ranged = 0;
    for (const ws of book.worksheets.filter((w) => w.name.startsWith(ROADMAP_PREFIX))) {
      const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
      for (const [address, dv] of Object.entries(model)) {
        const f = String(dv.formulae?.[0] ?? '');
        if (f.startsWith('"')) expect(f.length - 2, `${ws.name}!${address}`).toBeLessThanOrEqual(255);
        else if (f.includes('Списки')) ranged++;
      }
      checkTab(
        ws
          .getSheetValues()
          .slice(1)
          .map((r) => (Array.isArray(r) ? r.slice(1, ROADMAP_COLUMNS.length + 1) : [])) as CellValue[][],
        '2026-09-01',
      );
    }
    expect(sheets.every((s) => book.getWorksheet(s) !== undefined)).toBe(true);
    expect(ranged).toBeGreaterThan(0);
    // The roles' list, too long to go inline, holds every role whole.
    const column = (lists!.getColumn(1).values as unknown[]).slice(1).map(String);
    expect(column).toEqual(expect.arrayContaining(['руководитель ОО', 'педагог-психолог', 'заместитель директора по УВР']));
  }, 180_000);
});
