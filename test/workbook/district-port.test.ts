/** The port methods of the shared workbook in all three implementations: layout, append, protections, user. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppsScriptWorkbook } from '../../src/workbook/appsscript';
import { MemoryWorkbook } from '../../src/workbook/memory';
import type { Protection, Validation } from '../../src/workbook/port';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { calls, callsOf, install, StubSpreadsheet } from '../support/sheets-stub';

const PERCENT: Validation = { kind: 'number', min: 0, max: 100 };
const LOGIN: Validation = { kind: 'formula', formula: '=LEFT(A2,3)="sch"', help: 'sch и шесть цифр', strict: false };

describe('readLayout and appendRows', () => {
  for (const [label, make] of [
    ['memory', () => new MemoryWorkbook([{ sheet: 'Школы', values: [['Логин', 'Доля']] }])],
    [
      'xlsx',
      () => {
        const wb = XlsxWorkbook.empty();
        wb.ensureSheet('Школы');
        wb.writeBlock('Школы', 0, 0, [['Логин', 'Доля']]);
        return wb;
      },
    ],
  ] as const) {
    it(`${label}: reads back what was set, and appends after the last row with a value`, () => {
      const wb = make();
      wb.setNotes('Школы', 0, 0, [['логин', '']]);
      wb.setValidation('Школы', { row: 1, col: 1, rows: 100, cols: 1 }, PERCENT);
      wb.setValidation('Школы', { row: 1, col: 0, rows: 100, cols: 1 }, LOGIN);
      wb.setNumberFormat('Школы', { row: 1, col: 1, rows: 100, cols: 1 }, '0.0');
      wb.freeze('Школы', 1, 2);
      const layout = wb.readLayout('Школы', { row: 0, col: 0, rows: 2, cols: 3 });
      expect(layout).toEqual({
        frozen: { rows: 1, cols: 2 },
        notes: [
          ['логин', '', ''],
          ['', '', ''],
        ],
        numberFormats: [
          ['', '', ''],
          ['', '0.0', ''],
        ],
        validations: [
          [null, null, null],
          [LOGIN, PERCENT, null],
        ],
      });
      expect(wb.appendRows('Школы', [['sch771001', 12]])).toBe(1);
      expect(
        wb.appendRows('Школы', [
          ['sch771002', 13],
          ['sch771003', 14],
        ]),
      ).toBe(2);
      // (A file keeps the formatted empty rows below: only the first three hold values.)
      const values = wb.readSheet('Школы').values;
      expect(values.slice(4).every((r) => r.every((v) => v === null))).toBe(true);
      expect(values.slice(1, 4).map((r) => r.slice(0, 2))).toEqual([
        ['sch771001', 12],
        ['sch771002', 13],
        ['sch771003', 14],
      ]);
    });
  }

  it('xlsx: a file names nobody — no user, no owner, and protection is not kept in it', () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('Школы');
    wb.replaceProtections('ШНОР: ', [{ sheet: 'Школы', range: null, description: 'ШНОР: лист', editors: ['a@b.ru'] }]);
    expect(wb.readProtections('')).toEqual([]);
    expect(wb.currentUser()).toBeNull();
    expect(wb.ownerEmail()).toBeNull();
  });
});

describe('AppsScriptWorkbook: the shared workbook in Sheets', () => {
  let ss: StubSpreadsheet;
  let wb: AppsScriptWorkbook;
  beforeEach(() => {
    ss = new StubSpreadsheet(['Школы', 'ДК СОШ № 3 2026–27']);
    ss.owner = 'boss@rono.example';
    ss.me = 'metod@rono.example';
    install(ss);
    const person = { getEmail: () => 'Metod@Rono.example' };
    (globalThis as Record<string, unknown>).Session = { getEffectiveUser: () => person, getActiveUser: () => person };
    wb = new AppsScriptWorkbook(ss.gas());
    calls.clear();
  });
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).SpreadsheetApp;
    delete (globalThis as Record<string, unknown>).Session;
  });

  it('readLayout is five calls whatever the block; appendRows is getLastRow and one setValues', () => {
    wb.writeBlock('Школы', 0, 0, [['Логин', 'Доля']]);
    wb.setValidation('Школы', { row: 1, col: 1, rows: 999, cols: 1 }, PERCENT);
    wb.setValidation('Школы', { row: 1, col: 0, rows: 999, cols: 1 }, LOGIN);
    calls.clear();
    const layout = wb.readLayout('Школы', { row: 0, col: 0, rows: 2, cols: 3 });
    expect(layout.validations[1]).toEqual([LOGIN, PERCENT, null]);
    expect(layout.numberFormats[1]).toEqual(['', '', '']);
    expect(callsOf('Range.')).toEqual({ 'Range.getNotes': 1, 'Range.getNumberFormats': 1, 'Range.getDataValidations': 1 });
    expect(callsOf('Sheet.getFrozen')).toEqual({ 'Sheet.getFrozenRows': 1, 'Sheet.getFrozenColumns': 1 });
    calls.clear();
    expect(
      wb.appendRows('Школы', [
        ['sch771001', 12],
        ['sch771002', 13],
      ]),
    ).toBe(1);
    expect(callsOf('Range.')).toEqual({ 'Range.setValues': 1 });
    expect(callsOf('Sheet.getLastRow')).toEqual({ 'Sheet.getLastRow': 1 });
  });

  it('a tab copied with its protections: the copy’s marked protection goes, the original’s stays; with a budget it goes on next time', () => {
    const wanted: Protection[] = [
      { sheet: 'Школы', range: null, description: 'ШНОР: лист «Школы» [сверка 1]', editors: ['metod@rono.example'] },
      { sheet: 'ДК СОШ № 3 2026–27', range: null, description: 'ШНОР: ДК [сверка 2]', editors: ['metod@rono.example'] },
    ];
    // A budget that allows one new protection: the second waits for the next run.
    let asked = 0;
    expect(wb.replaceProtections('ШНОР: ', wanted, () => asked++ >= 1)).toMatchObject({ left: 1, kept: 0 });
    expect(wb.replaceProtections('ШНОР: ', wanted)).toMatchObject({ left: 0, kept: 1 });
    expect(ss.em.wb.protections).toHaveLength(2);
    // Sheets copies a tab's protections with it («Копия ДК…»): two protections with one description.
    ss.em.wb.sheets.set('Копия ДК СОШ № 3', { ...ss.em.wb.sheet('ДК СОШ № 3 2026–27'), name: 'Копия ДК СОШ № 3' } as never);
    const original = ss.em.wb.protections[1]!;
    ss.em.wb.protections.unshift({ ...original, sheet: 'Копия ДК СОШ № 3', editors: [...original.editors] });
    calls.clear();
    const changes = wb.replaceProtections('ШНОР: ', wanted);
    expect(changes).toMatchObject({ kept: 2, made: [], left: 0 });
    expect(changes.locked).toEqual([]);
    expect(changes.removed.map((p) => p.sheet)).toEqual(['Копия ДК СОШ № 3']);
    expect(ss.em.wb.protections.map((p) => p.sheet).sort()).toEqual(['ДК СОШ № 3 2026–27', 'Школы']);
    expect(ss.em.wb.protections.find((p) => p.sheet === 'ДК СОШ № 3 2026–27')?.editors).toContain('metod@rono.example');
  });

  it('outside a Workspace domain it never calls setDomainEdit (Sheets throws there, whatever the value)', () => {
    wb.replaceProtections('ШНОР: ', [{ sheet: 'Школы', range: null, description: 'ШНОР: лист', editors: ['metod@rono.example'] }]);
    expect(calls.get('Protection.setDomainEdit') ?? 0).toBe(0);
  });

  it('in a Workspace domain whose file is shared with the domain, its protections shut the domain out: only the editors named edit', () => {
    ss.em.identity.domain = 'rono.example';
    ss.em.identity.domainShared = true;
    const wanted: Protection[] = [
      { sheet: 'Школы', range: null, description: 'ШНОР: лист «Школы»', editors: ['metod@rono.example'] },
      { sheet: 'ДК СОШ № 3 2026–27', range: null, description: 'ШНОР: ДК', editors: ['metod@rono.example', 'head3@rono.example'] },
    ];
    wb.replaceProtections('ШНОР: ', wanted);
    expect(ss.protections.map((p) => p.domainEdit)).toEqual([false, false]);
    expect(calls.get('Protection.setDomainEdit')).toBe(2);
    // Another teacher of the domain, not named, cannot write the school's roadmap; its head can.
    ss.em.wb.user = 'teacher@rono.example';
    const tab = ss.gas().getSheetByName('ДК СОШ № 3 2026–27')!;
    expect(() => tab.getRange(5, 1).setValue('чужая запись')).toThrow(/protected/);
    ss.em.wb.user = 'head3@rono.example';
    tab.getRange(5, 1).setValue('своя запись');
    // A rerun that finds them as wanted changes nothing.
    ss.em.wb.user = 'metod@rono.example';
    calls.clear();
    wb.replaceProtections('ШНОР: ', wanted);
    expect(calls.get('Protection.setDomainEdit') ?? 0).toBe(0);
  });

  it('replaces only its own protections, keeps people’s, and touches nothing when they already match', () => {
    const own = ss.gas().getSheets()[0]!.getRange(1, 1, 1, 2).protect().setDescription('шапка — не трогать');
    const wanted: Protection[] = [
      { sheet: 'Школы', range: null, description: 'ШНОР: лист «Школы»', editors: ['boss@rono.example', 'metod@rono.example'] },
      {
        sheet: 'ДК СОШ № 3 2026–27',
        range: null,
        description: 'ШНОР: ДК',
        editors: ['boss@rono.example', 'metod@rono.example', 'head3@school.example'],
      },
      {
        sheet: 'ДК СОШ № 3 2026–27',
        range: { row: 0, col: 0, rows: 3, cols: 14 },
        description: 'ШНОР: шапка',
        editors: ['boss@rono.example', 'metod@rono.example'],
      },
    ];
    wb.replaceProtections('ШНОР: ', wanted);
    expect(ss.protections).toHaveLength(4);
    expect(ss.protections[0]?.description).toBe(own.getDescription());
    const read = wb.readProtections('ШНОР: ');
    expect(read.map((p) => [p.sheet, p.range, p.editors.sort()])).toEqual([
      ['Школы', null, ['boss@rono.example', 'metod@rono.example']],
      ['ДК СОШ № 3 2026–27', null, ['boss@rono.example', 'head3@school.example', 'metod@rono.example']],
      ['ДК СОШ № 3 2026–27', { row: 0, col: 0, rows: 3, cols: 14 }, ['boss@rono.example', 'metod@rono.example']],
    ]);
    expect(ss.protections.slice(1).every((p) => !p.domainEdit)).toBe(true);
    calls.clear();
    wb.replaceProtections('ШНОР: ', wanted);
    expect(Object.keys(callsOf('Protection.')).filter((k) => !/\.(get|is|can)/.test(k))).toEqual([]);
    // A school's address removed (the description, which names whom it lets in, changes with it): that
    // protection alone is located and changed in place — none removed, none made.
    calls.clear();
    const changes = wb.replaceProtections('ШНОР: ', [
      wanted[0]!,
      { ...wanted[1]!, description: 'ШНОР: ДК без head3', editors: ['boss@rono.example', 'metod@rono.example'] },
      wanted[2]!,
    ]);
    expect(changes).toMatchObject({ kept: 2, left: 0, removed: [], locked: [] });
    expect(changes.made.map((p) => p.description)).toEqual(['ШНОР: ДК без head3']);
    expect(calls.get('Protection.remove') ?? 0).toBe(0);
    expect(calls.get('Sheet.protect') ?? 0).toBe(0);
    expect(callsOf('Protection.getRange')).toEqual({ 'Protection.getRange': 1 });
    expect(ss.protections).toHaveLength(4);
    expect(wb.readProtections('ШНОР: ДК').map((p) => p.editors.sort())).toEqual([['boss@rono.example', 'metod@rono.example']]);
    expect(wb.currentUser()).toBe('metod@rono.example');
    expect(wb.ownerEmail()).toBe('boss@rono.example');
  });
});
