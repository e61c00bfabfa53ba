/**
 * The port's insertRows and activeCell on all three workbooks: rows below the seam move with their
 * values, notes, formats, validation and rules; ranges across the seam grow; one spreadsheet call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppsScriptWorkbook } from '../../src/workbook/appsscript';
import { MemoryWorkbook } from '../../src/workbook/memory';
import type { Workbook } from '../../src/workbook/port';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { calls, callsOf, install, key, StubRange, StubSpreadsheet, type StubSheet, uninstall } from '../support/sheets-stub';

afterEach(() => {
  uninstall();
});

/** Five rows A..E in column A, a note on row 4, a list validation and a rule over rows 1..5. */
function fill(wb: Workbook): void {
  wb.ensureSheet('Л');
  wb.writeBlock('Л', 0, 0, [
    ['A', 1],
    ['B', 2],
    ['C', 3],
    ['D', 4],
    ['E', 5],
  ]);
  wb.setNotes('Л', 3, 0, [['заметка']]);
  wb.setValidation('Л', { row: 0, col: 1, rows: 5, cols: 1 }, { kind: 'list', values: ['1', '2'], strict: false });
  wb.replaceConditionalRules('Л', 'N("М")', [
    { ranges: [{ row: 0, col: 0, rows: 5, cols: 2 }], formula: '=N("М")=0', background: '#ff0000' },
  ]);
}

const column = (values: unknown[][]) => values.map((r) => r[0] ?? null);

describe('insertRows', () => {
  it('memory: moves every layer and grows the ranges across the seam, in one call', () => {
    const wb = new MemoryWorkbook();
    fill(wb);
    wb.setBackgrounds('Л', 4, 0, [['#00ff00']]);
    wb.resetCalls();
    wb.insertRows('Л', 2, 2);
    expect(wb.totalCalls).toBe(1);
    const s = wb.sheet('Л');
    expect(column(s.values)).toEqual(['A', 'B', null, null, 'C', 'D', 'E']);
    expect(s.notes[5]?.[0]).toBe('заметка');
    expect(s.backgrounds[6]?.[0]).toBe('#00ff00');
    expect(s.validations[0]?.range).toEqual({ row: 0, col: 1, rows: 7, cols: 1 });
    expect(s.rules[0]?.ranges[0]).toEqual({ row: 0, col: 0, rows: 7, cols: 2 });
    // Past the end nothing moves.
    wb.insertRows('Л', 50, 1);
    expect(s.values).toHaveLength(7);
  });

  it('Apps Script: one insertRowsBefore; nothing past the last row', () => {
    const ss = new StubSpreadsheet(['Л']);
    install(ss);
    const wb = new AppsScriptWorkbook(ss.gas());
    fill(wb);
    calls.clear();
    wb.insertRows('Л', 2, 2);
    expect(callsOf('Sheet.insert')).toEqual({ 'Sheet.insertRowsBefore': 1 });
    expect(callsOf('Range.')).toEqual({});
    const sheet = ss.sheets[0] as StubSheet;
    expect([0, 1, 2, 3, 4, 5, 6].map((r) => sheet.values.get(key(r, 0)) ?? null)).toEqual(['A', 'B', null, null, 'C', 'D', 'E']);
    expect(sheet.notes.get(key(5, 0))).toBe('заметка');
    calls.clear();
    wb.insertRows('Л', 5000, 1);
    expect(callsOf('Sheet.insert')).toEqual({});
  });

  it('xlsx: values, notes, validation and rules move, and survive a save', async () => {
    const wb = XlsxWorkbook.empty();
    fill(wb);
    wb.insertRows('Л', 2, 2);
    const back = await XlsxWorkbook.fromBuffer(await wb.toBuffer());
    expect(column(back.readSheet('Л').values)).toEqual(['A', 'B', null, null, 'C', 'D', 'E']);
    const ws = back.worksheet('Л');
    expect(ws.getCell('A6').note).toBe('заметка');
    expect(ws.getCell('A4').note).toBeUndefined();
    expect(ws.getCell('B7').dataValidation?.type).toBe('list');
    expect(ws.getCell('B3').dataValidation?.type).toBe('list');
    expect(back.conditionalRules('Л')[0]?.ranges[0]).toEqual({ row: 0, col: 0, rows: 7, cols: 2 });
  });
});

describe('activeCell', () => {
  it('memory: what the test selected, or null', () => {
    const wb = new MemoryWorkbook();
    expect(wb.activeCell()).toBeNull();
    wb.selection = { sheet: 'Л', row: 4, col: 2 };
    expect(wb.activeCell()).toEqual({ sheet: 'Л', row: 4, col: 2 });
  });

  it('Apps Script: the top-left cell of getActiveRange, 0-based, in one call', () => {
    const ss = new StubSpreadsheet(['Данные', 'Л']);
    install(ss);
    const wb = new AppsScriptWorkbook(ss.gas());
    // Sheets always has a current cell on the active sheet: A1 until the user clicks elsewhere.
    expect(wb.activeCell()).toEqual({ sheet: 'Данные', row: 0, col: 0 });
    ss.activeRange = new StubRange(ss.sheets[1] as StubSheet, 5, 3, 2, 2);
    calls.clear();
    expect(wb.activeCell()).toEqual({ sheet: 'Л', row: 4, col: 2 });
    expect(callsOf('Spreadsheet.')).toEqual({ 'Spreadsheet.getActiveRange': 1 });
  });

  it('xlsx: the active cell the file keeps', () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('Л');
    expect(wb.activeCell()).toBeNull();
    wb.worksheet('Л').views = [{ activeCell: 'C5' }];
    expect(wb.activeCell()).toEqual({ sheet: 'Л', row: 4, col: 2 });
  });
});
