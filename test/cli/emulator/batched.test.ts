/**
 * The emulator's rules for the batched calls a roadmap tab is written with: setDataValidations and
 * setNumberFormats over a block, and copyTo of column widths — each as the reference page it cites says.
 */
import { describe, expect, it } from 'vitest';
import { AppsScriptEmulator, type EmValidationRule } from '../../../src/cli/emulator/apps-script';
import { MemoryWorkbook } from '../../../src/workbook/memory';
import { silent } from '../../support/sheets-stub';

interface Api {
  newDataValidation(): { requireValueInList(v: string[], d?: boolean): { setAllowInvalid(a: boolean): { build(): EmValidationRule } } };
  CopyPasteType: Record<string, string>;
}

function emulator() {
  const wb = new MemoryWorkbook([
    { sheet: 'Лист', values: [['a', 1]] },
    { sheet: 'Другой', values: [] },
  ]);
  wb.owner = 'boss@rono.example';
  wb.user = wb.owner;
  const em = new AppsScriptEmulator(wb);
  const ss = em.spreadsheet();
  const api = em.globals(silent, { dist: '/nonexistent', title: 'ШНОР' }).SpreadsheetApp as Api;
  return { wb, em, api, sheet: ss.getSheetByName('Лист')!, other: ss.getSheetByName('Другой')! };
}

describe('setDataValidations', () => {
  it('sets a rule per cell, null removing one, kept per run down a column; one structural call', () => {
    const { wb, em, api, sheet } = emulator();
    const list = api.newDataValidation().requireValueInList(['да', 'нет'], true).setAllowInvalid(false).build();
    sheet.getRange(1, 1, 3, 1).setDataValidation(list);
    const rules = Array.from({ length: 3 }, (_, r) => [r === 0 ? null : list, null, list]);
    sheet.getRange(1, 1, 3, 3).setDataValidations(rules);
    const s = wb.sheet('Лист');
    expect(s.validations.map((v) => v.range)).toEqual([
      { row: 1, col: 0, rows: 2, cols: 1 },
      { row: 0, col: 2, rows: 3, cols: 1 },
    ]);
    expect(s.validations[0]!.rule).toEqual({ kind: 'list', values: ['да', 'нет'], strict: true });
    expect(em.calls.get('Range.setDataValidations')).toBe(1);
    const read = sheet.getRange(1, 1, 3, 3).getDataValidations();
    expect(read.map((l) => l.map((v) => v !== null))).toEqual([
      [false, false, true],
      [true, false, true],
      [true, false, true],
    ]);
  });

  it('refuses an array whose size is not the range’s, and anything but rules and nulls', () => {
    const { api, sheet } = emulator();
    const list = api.newDataValidation().requireValueInList(['да'], true).setAllowInvalid(true).build();
    expect(() => sheet.getRange(1, 1, 2, 1).setDataValidations([[list]])).toThrow(/The data has 1 but the range has 2/);
    expect(() => sheet.getRange(1, 1, 1, 2).setDataValidations([[list]])).toThrow(/number of columns in the data/);
    expect(() => sheet.getRange(1, 1, 1, 1).setDataValidations([['да' as unknown as EmValidationRule]])).toThrow(
      /don't match the method signature for SpreadsheetApp.Range.setDataValidations/,
    );
  });
});

describe('setNumberFormats', () => {
  it('a format per cell, read back per cell; a size mismatch or a number is refused', () => {
    const { sheet } = emulator();
    sheet.getRange(1, 1, 3, 2).setNumberFormats([
      ['@', 'dd.mm.yyyy'],
      ['@', 'dd.mm.yyyy'],
      ['@', '0.0%'],
    ]);
    expect(sheet.getRange(2, 1, 2, 2).getNumberFormats()).toEqual([
      ['@', 'dd.mm.yyyy'],
      ['@', '0.0%'],
    ]);
    expect(() => sheet.getRange(1, 1, 2, 2).setNumberFormats([['@', '@']])).toThrow(/The data has 1 but the range has 2/);
    expect(() => sheet.getRange(1, 1, 1, 1).setNumberFormats([[1 as unknown as string]])).toThrow(/don't match the method signature/);
  });
});

describe('setWraps', () => {
  it('wrapping per cell; a size mismatch or anything but booleans is refused', () => {
    const { wb, em, sheet } = emulator();
    sheet.getRange(1, 1, 2, 2).setWraps([
      [false, false],
      [true, false],
    ]);
    expect(wb.sheet('Лист').wraps).toEqual([
      [false, false],
      [true, false],
    ]);
    expect(em.calls.get('Range.setWraps')).toBe(1);
    expect(() => sheet.getRange(1, 1, 2, 2).setWraps([[true, true]])).toThrow(/The data has 1 but the range has 2/);
    expect(() => sheet.getRange(1, 1, 1, 1).setWraps([['да' as unknown as boolean]])).toThrow(/don't match the method signature/);
  });
});

describe('copyTo', () => {
  it('PASTE_COLUMN_WIDTHS copies the source columns’ widths to as many columns from the destination’s first', () => {
    const { wb, em, api, sheet, other } = emulator();
    sheet.setColumnWidth(1, 50);
    sheet.setColumnWidths(2, 2, 170);
    sheet.getRange(1, 1, 1, 3).copyTo(other.getRange(5, 2, 1, 1), api.CopyPasteType.PASTE_COLUMN_WIDTHS, false);
    expect([...wb.sheet('Другой').widths].sort((a, b) => a[0] - b[0])).toEqual([
      [1, 50],
      [2, 170],
      [3, 170],
    ]);
    expect(em.calls.get('Range.copyTo')).toBe(1);
  });

  it('refuses a destination that is not a Range, transposed widths, and paste types it does not model', () => {
    const { api, sheet, other } = emulator();
    const from = sheet.getRange(1, 1, 1, 2);
    expect(() => from.copyTo('B1' as never, api.CopyPasteType.PASTE_COLUMN_WIDTHS, false)).toThrow(/don't match the method signature/);
    expect(() => from.copyTo(other.getRange(1, 1), api.CopyPasteType.PASTE_COLUMN_WIDTHS, true)).toThrow(/transposed/);
    expect(() => from.copyTo(other.getRange(1, 1), api.CopyPasteType.PASTE_FORMAT, false)).toThrow(/не воспроизводится/);
  });
});
