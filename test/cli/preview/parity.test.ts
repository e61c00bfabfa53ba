/**
 * The preview's Apps Script adapter is faithful: the menu items run through the real bundle on it leave
 * the same workbook as the same actions run directly on a MemoryWorkbook — values, formulas, colours,
 * bold, notes, conditional rules, validation, frozen panes, widths, charts.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/actions/analyze';
import { writeCatalogue } from '../../../src/actions/catalogue';
import { buildIndicators } from '../../../src/actions/indicators';
import { writeReport } from '../../../src/actions/report';
import { loadPreviewWorkbook } from '../../../src/cli/preview/load';
import { PreviewSession } from '../../../src/cli/preview/session';
import type { MemorySheet, MemoryWorkbook } from '../../../src/workbook/memory';
import { DIST } from '../../support/gas';
import { SAMPLE_XLSX } from '../../support/sample';

/** A sheet as a comparable record: every non-blank cell of every layer, and the rest as is. */
function shape(s: MemorySheet) {
  const cells = (grid: unknown[][]) => {
    const out: Record<string, unknown> = {};
    grid.forEach((line, r) =>
      line?.forEach((v, c) => {
        if (v !== null && v !== undefined && v !== '') out[`${r}:${c}`] = v;
      }),
    );
    return out;
  };
  return {
    values: cells(s.values),
    formulas: cells(s.formulas),
    backgrounds: cells(s.backgrounds),
    weights: cells(s.weights.map((l) => l?.map((w) => (w === 'normal' ? null : w)))),
    notes: cells(s.notes),
    numberFormats: Object.fromEntries(s.numberFormats),
    validations: s.validations,
    merges: s.merges,
    rules: s.rules,
    frozen: s.frozen,
    widths: Object.fromEntries(s.widths),
    charts: s.charts,
  };
}
const book = (wb: MemoryWorkbook) => Object.fromEntries([...wb.sheets].map(([n, s]) => [n, shape(s)]));

describe('the preview adapter against the actions on a MemoryWorkbook', () => {
  it('the four menu items leave the same book either way', async () => {
    const viaBundle = await loadPreviewWorkbook(SAMPLE_XLSX);
    const session = new PreviewSession(viaBundle, { dist: DIST, title: 'district.xlsx' });
    expect(session.runMenu('menuCheckSchools').kind).toBe('done');
    expect(session.runMenu('menuIndicators', [{ button: 'OK', text: '1' }]).kind).toBe('done');
    expect(session.runMenu('menuReport').kind).toBe('done');
    expect(session.runMenu('menuCatalogue').kind).toBe('done');

    const direct = await loadPreviewWorkbook(SAMPLE_XLSX);
    expect(analyze(direct).kind).toBe('done');
    expect(buildIndicators(direct, { template: 'computed' }).kind).toBe('done');
    expect(writeReport(direct).kind).toBe('done');
    writeCatalogue(direct);

    expect([...viaBundle.sheets.keys()]).toEqual([...direct.sheets.keys()]);
    const a = book(viaBundle);
    const b = book(direct);
    // Not an empty comparison: the tabs hold what the actions write.
    expect(Object.keys(a['ШНОР: итоги']?.values ?? {}).length).toBeGreaterThan(300);
    expect(a['Результаты']?.rules).toHaveLength(5);
    expect(Object.keys(a['Результаты']?.notes ?? {})).toHaveLength(2);
    expect(a['Показатели']?.validations.length).toBeGreaterThan(0);
    expect(Object.keys(a['ШНОР: итоги']?.formulas ?? {})).toHaveLength(33);
    for (const name of Object.keys(b)) {
      // The справка is dated by the clock; both were written within the same minute or so.
      if (name === 'Аналитическая справка') {
        expect(Object.keys(a[name]?.values ?? {})).toEqual(Object.keys(b[name]?.values ?? {}));
        continue;
      }
      expect(a[name], name).toEqual(b[name]);
    }
  });

  it('a second check through the bundle replaces its own columns and rules instead of adding more', async () => {
    const wb = await loadPreviewWorkbook(SAMPLE_XLSX);
    const session = new PreviewSession(wb, { dist: DIST, title: 'district.xlsx' });
    session.runMenu('menuCheckSchools');
    const once = book(wb);
    session.runMenu('menuCheckSchools');
    expect(book(wb)).toEqual(once);
    expect(session.runMenu('menuClearColouring').kind).toBe('done');
    expect(wb.sheet('Результаты').rules).toEqual([]);
  });
});
