/**
 * What one roadmap tab costs in Apps Script: «Создать дорожную карту…» through AppsScriptWorkbook on the
 * emulator (src/cli/emulator), counted call by call and in seconds of its cost model. A tab is the
 * difference between making three tabs and making two, so the reads every run makes once (the catalogue,
 * the results, the registry) and the first tab's widths (set column by column, then copied) are left out.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRoadmaps } from '../../src/actions/roadmap';
import { writeRoadmapTab } from '../../src/actions/roadmap-tab';
import { CATALOGUE } from '../../src/core/catalogue';
import type { Grid } from '../../src/core/results';
import { ROADMAP_COLUMN, ROADMAP_COLUMNS } from '../../src/core/roadmap-sheet';
import { schoolYear } from '../../src/core/terms';
import { AppsScriptWorkbook } from '../../src/workbook/appsscript';
import { sampleGrids } from '../support/sample';
import { install, StubSpreadsheet, stubSpreadsheetOf, uninstall } from '../support/sheets-stub';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});
afterEach(() => uninstall());

const period = schoolYear(2026);
const SCHOOLS = ['sch771005', 'sch771009', 'sch771012'];

/** Calls by name and seconds of making roadmaps for these schools, with the spreadsheet after. */
function run(schools: string[], codes: string[]): { calls: Map<string, number>; seconds: number; ss: StubSpreadsheet; sheets: string[] } {
  const ss = stubSpreadsheetOf(grids);
  install(ss);
  const wb = new AppsScriptWorkbook(ss.gas());
  const selected = Object.fromEntries(schools.map((s) => [s, codes]));
  const out = createRoadmaps(wb, { owner: 'schools', schools, period, selected, today: '2026-10-05' });
  if (out.kind !== 'done') throw new Error(out.message);
  uninstall();
  return { calls: new Map(ss.em.calls), seconds: ss.em.clock.seconds, ss, sheets: out.sheets };
}

/** Per call name: what the third tab added to two. */
function perTab(codes: string[]): { calls: Record<string, number>; total: number; seconds: number } {
  const two = run(SCHOOLS.slice(0, 2), codes);
  const three = run(SCHOOLS, codes);
  const calls: Record<string, number> = {};
  for (const [k, n] of three.calls) {
    const d = n - (two.calls.get(k) ?? 0);
    if (d !== 0) calls[k] = d;
  }
  return { calls, total: Object.values(calls).reduce((a, b) => a + b, 0), seconds: three.seconds - two.seconds };
}

describe('a roadmap tab in Apps Script', () => {
  it('costs 17 calls and 1.7 s by the cost model, whatever the number of activities (58 calls and 3.8 s before)', () => {
    const few = perTab(CATALOGUE.slice(0, 3).map((a) => a.id));
    const many = perTab(CATALOGUE.map((a) => a.id));
    expect(many.calls).toEqual(few.calls);
    expect(few.calls).toEqual({
      'Spreadsheet.insertSheet': 1,
      // The block of formats, dropdowns and wrapping, the values block (weights, shading and notes too),
      // the colour rules' block; the widths are copied between blocks already in hand (the previous tab's
      // values block stays valid after that tab is fitted).
      'Sheet.getRange': 3,
      'Range.setNumberFormats': 1,
      'Range.setDataValidations': 1,
      'Range.setWraps': 1,
      'Range.setValues': 1,
      'Range.setFontWeights': 1,
      'Range.setBackgrounds': 1,
      'Range.setNotes': 1,
      'Range.copyTo': 1,
      'Sheet.setFrozenRows': 1,
      'Sheet.hideColumns': 1,
      'Sheet.setConditionalFormatRules': 1,
      'Sheet.deleteRows': 1,
      'Sheet.deleteColumns': 1,
    });
    expect(few.total).toBeLessThanOrEqual(20);
    expect(few.seconds).toBeLessThan(1.8);
  });

  it('the first tab of a run sets its widths run by run; each later one copies them, and every tab looks the same', () => {
    const { ss, sheets, calls } = run(
      SCHOOLS,
      CATALOGUE.slice(0, 5).map((a) => a.id),
    );
    expect(calls.get('Range.copyTo')).toBe(2);
    expect((calls.get('Sheet.setColumnWidth') ?? 0) + (calls.get('Sheet.setColumnWidths') ?? 0)).toBe(13);
    // A new tab goes at the end of the names the run has read: no count of tabs, no lookup (the per-tab count above).
    expect(calls.get('Spreadsheet.getNumSheets') ?? 0).toBe(0);
    const tabs = sheets.map((name) => ss.em.wb.sheet(name));
    const widths = ROADMAP_COLUMNS.map((c, i) => [i, c.width]);
    for (const s of tabs) {
      expect([...s.widths].sort((a, b) => a[0] - b[0])).toEqual(widths);
      expect([...s.hiddenColumns].sort((a, b) => a - b)).toEqual([ROADMAP_COLUMN.school, ROADMAP_COLUMN.code, ROADMAP_COLUMN.control]);
      expect(s.frozen).toEqual({ rows: 3, cols: 0 });
      expect(s.validations.map((v) => v.range.col).sort((a, b) => a - b)).toEqual([
        ROADMAP_COLUMN.block,
        ROADMAP_COLUMN.responsible,
        ROADMAP_COLUMN.status,
      ]);
      expect(s.notes[2]).toEqual(ROADMAP_COLUMNS.map((c) => c.note));
      // Fitted: the rows it uses and 50 more, its 14 columns.
      expect(ss.em.gridSize(s.name).cols).toBe(ROADMAP_COLUMNS.length);
      expect(ss.em.gridSize(s.name).rows).toBeLessThan(100);
    }
    const [first, second] = tabs;
    expect(second!.rules).toEqual(first!.rules);
  });
});

describe('a roadmap whose «Ответственные» list is longer than Sheets takes inline', () => {
  it('is written: the 600 names are a list from a range of the hidden «Списки» (Sheets refuses a list of 501)', () => {
    const ss = stubSpreadsheetOf(grids);
    install(ss);
    const wb = new AppsScriptWorkbook(ss.gas());
    const people = Array.from({ length: 600 }, (_, i) => `учитель ${i + 1}`);
    writeRoadmapTab(
      wb,
      'ДК район',
      { owner: 'район', ownerName: 'муниципальная', period },
      { blocks: ['Управленческий'], responsibles: people },
    );
    uninstall();
    const rules = ss.em.wb.sheet('ДК район').validations.map((v) => v.rule);
    expect(rules).toContainEqual({ kind: 'list', values: people, strict: false });
    expect(ss.em.wb.sheet('Списки').hidden).toBe(true);
    expect(ss.em.wb.sheet('Списки').values.map((l) => l[0])).toEqual(people);
  });
});
