/** «Сравнить критерии…» in the built bundle: the menu item opens the sidebar, its endpoint writes under the lock. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../src/core/results';
import { callGlobal, loadBundle } from '../support/gas';
import { key, stubSpreadsheetApp, stubSpreadsheetOf } from '../support/sheets-stub';
import { sampleGrids } from '../support/sample';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const spreadsheet = stubSpreadsheetOf;

describe('«Сравнить критерии…» in Sheets', () => {
  it('follows «Аналитическая справка» in the menu, opens its sidebar, and the comparison writes its tab under the lock', () => {
    const ss = spreadsheet(grids);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    const items = rec.menus[0]?.items ?? [];
    const report = items.findIndex((i) => i !== 'separator' && i.title === 'Аналитическая справка');
    expect(items[report + 1]).toEqual({ title: 'Сравнить критерии…', handler: 'menuCompare' });
    callGlobal(context, 'menuCompare');
    expect(rec.sidebars.map((s) => [s.file, s.title])).toEqual([['compare', 'ШНОР — сравнить критерии']]);
    const choices = callGlobal(context, 'apiCompareChoices') as { choices: Array<{ id: string }>; a: string; b: string };
    expect(choices.choices.map((c) => c.id)).toEqual(['settings', 'novokuznetsk-2020', 'rosobrnadzor-2025-or', 'rosobrnadzor-2025-and']);
    expect(rec.locks).toBe(0);
    const view = callGlobal(context, 'apiCompareCriteria', 'rosobrnadzor-2025-or', 'rosobrnadzor-2025-and', '') as {
      kind: string;
      summary: string;
    };
    expect(rec.locks).toBe(1);
    expect(view.kind).toBe('done');
    expect(view.summary).toBe('ШНОР по A: 7, по B: 7; в обоих перечнях — 7; только по A — 0; только по B — 0.');
    const tab = ss.sheets.find((s) => s.name === 'Сравнение критериев');
    expect(tab?.values.get(key(0, 0))).toBe('Сравнение критериев ШНОР');
    expect(tab?.values.get(key(5, 4))).toBe('Различие');
  });
});
