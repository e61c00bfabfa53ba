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
const JOURNAL = 'Журнал изменений';
/** Every tab but the journal, which only the add-on in Sheets (and the preview) keeps: the actions do not. */
const book = (wb: MemoryWorkbook) => Object.fromEntries([...wb.sheets].filter(([n]) => n !== JOURNAL).map(([n, s]) => [n, shape(s)]));
/** The journal's rows below its heading: who, which action, which tab. */
const journal = (wb: MemoryWorkbook) => (wb.sheets.get(JOURNAL)?.values.slice(1) ?? []).map((r) => [r[1], r[2], r[3]]);

describe('the preview adapter against the actions on a MemoryWorkbook', () => {
  it('the four menu items leave the same book either way', async () => {
    const viaBundle = await loadPreviewWorkbook(SAMPLE_XLSX);
    const session = new PreviewSession(viaBundle, { dist: DIST, title: 'district.xlsx' });
    expect(session.runMenu('menuCheckSchools').kind).toBe('done');
    expect(session.runMenu('menuIndicators').kind).toBe('done');
    // The dialog's «Построить» with the template it offers first.
    expect((await session.call('apiBuildIndicators', ['computed'])).ok).toBe(true);
    expect(session.runMenu('menuReport').kind).toBe('done');
    expect(session.runMenu('menuCatalogue').kind).toBe('done');

    const direct = await loadPreviewWorkbook(SAMPLE_XLSX);
    expect(analyze(direct).kind).toBe('done');
    expect(buildIndicators(direct, { template: 'computed' }).kind).toBe('done');
    expect(writeReport(direct).kind).toBe('done');
    writeCatalogue(direct);

    // The same tabs, and the journal of the district book after the first tab the add-on wrote.
    const tabs = [...direct.sheets.keys()];
    expect([...viaBundle.sheets.keys()]).toEqual([...tabs.slice(0, 4), JOURNAL, ...tabs.slice(4)]);
    expect(journal(viaBundle)).toEqual([
      ['metodist@preview.local', 'Проверить школы по критериям', 'ШНОР: итоги'],
      ['metodist@preview.local', 'Проверить школы по критериям', 'Результаты'],
      ['metodist@preview.local', 'Построить вкладку показателей', 'Показатели ОО'],
      ['metodist@preview.local', 'Построить вкладку показателей', 'Показатели'],
      ['metodist@preview.local', 'Аналитическая справка', 'Аналитическая справка'],
      ['metodist@preview.local', 'Справочник мероприятий', 'Справочник мероприятий'],
    ]);
    const a = book(viaBundle);
    const b = book(direct);
    // Not an empty comparison: the tabs hold what the actions write.
    expect(Object.keys(a['ШНОР: итоги']?.values ?? {}).length).toBeGreaterThan(300);
    // Four status colours, a rule per low procedure and year, four colours of the social-context column.
    const formulas = (a['Результаты']?.rules ?? []).map((r) => String((r as { formula?: string }).formula));
    expect(formulas.filter((f) => f.includes('SEARCH(')).length).toBeGreaterThan(0);
    expect(formulas.length - formulas.filter((f) => f.includes('SEARCH(')).length).toBe(8);
    expect(Object.keys(a['Результаты']?.notes ?? {})).toHaveLength(3);
    expect(a['Показатели']?.validations.length).toBeGreaterThan(0);
    // A link to the school's row and the trend of its worst procedure (SPARKLINE) per school.
    expect(Object.keys(a['ШНОР: итоги']?.formulas ?? {})).toHaveLength(66);
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
    expect(session.runMenu('menuCheckSchools').kind).toBe('done');
    const once = book(wb);
    expect(journal(wb)).toHaveLength(2);
    expect(session.runMenu('menuCheckSchools').kind).toBe('done');
    expect(book(wb)).toEqual(once);
    // The journal keeps both runs: the second one wrote the same two tabs again.
    expect(journal(wb).slice(2)).toEqual(journal(wb).slice(0, 2));
    expect(wb.sheet(JOURNAL).values[3]?.[5]).toMatch(/^лист очищен и записан заново; /);
    expect(session.runMenu('menuClearColouring').kind).toBe('done');
    expect(wb.sheet('Результаты').rules).toEqual([]);
  });
});
