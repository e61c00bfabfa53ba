/**
 * «Карточка ОО» through the built bundle on the Apps Script emulator: the menu item makes the tab with its
 * dropdown, under the document lock, within a few seconds by the cost model; after another school is chosen
 * in B2 the same item redraws the card for it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../src/core/results';
import { callGlobal, loadBundle } from '../support/gas';
import { sampleGrids } from '../support/sample';
import { key, stubSpreadsheetApp, stubSpreadsheetOf } from '../support/sheets-stub';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

describe('«Карточка ОО» in Sheets', () => {
  it('is drawn from the menu, then redrawn for the school chosen in the dropdown', () => {
    const ss = stubSpreadsheetOf(grids);
    const { context, rec, emulator: em } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    const titles = rec.menus[0]!.items.map((i) => (i === 'separator' ? '—' : i.title));
    expect(titles[titles.indexOf('Сравнить критерии…') + 1]).toBe('Карточка ОО');
    const item = rec.menus[0]!.items.find((i) => i !== 'separator' && i.title === 'Карточка ОО');
    if (!item || item === 'separator') throw new Error('no item');
    callGlobal(context, 'menuCheckSchools');
    const locks = rec.locks;
    callGlobal(context, item.handler);
    expect(rec.locks).toBe(locks + 1);
    // By the cost model (measured): 5,3 s for a ШНОР with nine figures, 82 calls; a redraw for a school with
    // four, 6,6 s (nine charts removed, four inserted). Each chart is a structural change.
    expect(em.clock.seconds).toBeLessThan(8);
    const tab = ss.sheets.find((s) => s.name === 'Карточка ОО')!;
    expect(String(tab.values.get(key(0, 0)))).toMatch(/^Карточка ОО: .+ \(sch\d{6}\)$/);
    // The dropdown on B2: every school of the district.
    const rule = tab.s.validations.find((v) => v.range.row === 1 && v.range.col === 1)?.rule;
    if (rule?.kind !== 'list') throw new Error('no dropdown');
    expect(rule.values).toHaveLength(33);
    expect(tab.s.charts.length).toBeGreaterThan(3);
    expect(em.wb.active).toBe('Карточка ОО');
    expect(rec.alerts.at(-1)).toMatch(/Другую школу выберите в ячейке B2/);
    const alerts = rec.alerts.length;

    // Another school chosen, as a person picks it in the dropdown.
    const other = rule.values.at(-1)!;
    tab.s.values[1]![1] = other;
    callGlobal(context, item.handler);
    expect(tab.values.get(key(0, 0))).toBe(`Карточка ОО: ${other}`);
    expect(tab.values.get(key(1, 1))).toBe(other);
    expect(em.clock.seconds).toBeLessThan(8);
    // Redrawn without a dialog (the toast says which school); the journal records the tab.
    expect(rec.alerts).toHaveLength(alerts);
    expect(ss.toasts.map((t) => t[0])).toContain(`Карточка: ${other}.`);
    const journal = ss.sheets.find((s) => s.name === 'Журнал изменений');
    expect(journal?.s.values.flat().some((v) => v === 'Карточка ОО')).toBe(true);
  });
});
