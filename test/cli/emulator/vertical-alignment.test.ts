/** Range.setVerticalAlignment in the emulator, as REF/spreadsheet/range#setVerticalAlignment(String) has it, and the port's wrapped text read from the top. */
import { describe, expect, it } from 'vitest';
import { AppsScriptEmulator } from '../../../src/cli/emulator/apps-script';
import { AppsScriptWorkbook } from '../../../src/workbook/appsscript';
import { MemoryWorkbook } from '../../../src/workbook/memory';
import { install, StubSpreadsheet, uninstall } from '../../support/sheets-stub';

function open() {
  const wb = new MemoryWorkbook([{ sheet: 'Лист', values: [['a', 'b']] }]);
  wb.owner = 'owner@rono.example';
  wb.user = 'owner@rono.example';
  const em = new AppsScriptEmulator(wb);
  return { em, sheet: em.spreadsheet().getSheetByName('Лист')! };
}

describe('Range.setVerticalAlignment', () => {
  it('takes top, middle, bottom and null (the reset), one call each', () => {
    const { em, sheet } = open();
    const before = em.log.length;
    for (const a of ['top', 'middle', 'bottom', null]) sheet.getRange(1, 1, 1, 2).setVerticalAlignment(a);
    expect(
      em.log
        .slice(before)
        .filter((c) => c.call === 'Range.setVerticalAlignment')
        .map((c) => c.args?.[0]),
    ).toEqual(['top', 'middle', 'bottom', null]);
  });

  it('refuses anything else, as Sheets does', () => {
    const { sheet } = open();
    expect(() => sheet.getRange(1, 1).setVerticalAlignment('center')).toThrow('Invalid argument: center');
  });
});

describe('the Apps Script workbook: wrapped text is read from the top, as the .xlsx writes it', () => {
  it('setWrap(true) sets the alignment to top in the same range; setWrap(false) leaves it', () => {
    const ss = new StubSpreadsheet(['Данные']);
    install(ss);
    try {
      const wb = new AppsScriptWorkbook(ss.gas());
      const before = ss.em.log.length;
      wb.setWrap('Данные', { row: 0, col: 0, rows: 3, cols: 2 }, true);
      wb.setWrap('Данные', { row: 5, col: 0, rows: 1, cols: 2 }, false);
      const made = ss.em.log.slice(before).filter((c) => c.call.startsWith('Range.set'));
      expect(made.map((c) => [c.call, c.args?.[0]])).toEqual([
        ['Range.setWrap', true],
        ['Range.setVerticalAlignment', 'top'],
        ['Range.setWrap', false],
      ]);
    } finally {
      uninstall();
    }
  });
});
