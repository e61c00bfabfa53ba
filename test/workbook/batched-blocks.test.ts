/**
 * The port's per-cell block calls — setNumberFormats, setValidations and setWraps — in all three workbooks: one call
 * each in Apps Script (one Range for both when the block is the same), the same cells formatted and
 * validated in memory and in a saved .xlsx; and the Apps Script workbook's Range reuse, forgotten when rows move.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AppsScriptWorkbook } from '../../src/workbook/appsscript';
import { MemoryWorkbook } from '../../src/workbook/memory';
import type { Validation } from '../../src/workbook/port';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { calls, callsOf, install, StubSpreadsheet, uninstall } from '../support/sheets-stub';

const dir = mkdtempSync(join(tmpdir(), 'shnor-blocks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => uninstall());

const list: Validation = { kind: 'list', values: ['да', 'нет'], strict: true };
const number: Validation = { kind: 'number', min: 0, max: 100 };
/** Three rows, three columns: a list in column A but the first row, nothing in B, a number in C. */
const rules = [0, 1, 2].map((r) => [r === 0 ? null : list, null, number]);
const formats = [0, 1, 2].map(() => ['@', 'dd.mm.yyyy', '0.0']);
const wraps = [0, 1, 2].map((r) => [r > 0, false, false]);

describe('setNumberFormats, setValidations and setWraps', () => {
  it('Apps Script: one setNumberFormats, setDataValidations and setWraps over one Range, the rules built once each', () => {
    const ss = new StubSpreadsheet(['Лист']);
    install(ss);
    const wb = new AppsScriptWorkbook(ss.gas());
    calls.clear();
    wb.setNumberFormats('Лист', 1, 0, formats);
    wb.setValidations('Лист', 1, 0, rules);
    wb.setWraps('Лист', 1, 0, wraps);
    expect(callsOf('Range.')).toEqual({ 'Range.setNumberFormats': 1, 'Range.setDataValidations': 1, 'Range.setWraps': 1 });
    expect(ss.em.wb.sheet('Лист').wraps.slice(1)).toEqual(wraps);
    expect(calls.get('Sheet.getRange')).toBe(1);
    const layout = wb.readLayout('Лист', { row: 1, col: 0, rows: 3, cols: 3 });
    expect(layout.numberFormats).toEqual(formats);
    expect(layout.validations).toEqual(rules);
    // An empty block makes no call.
    calls.clear();
    wb.setValidations('Лист', 0, 0, []);
    wb.setNumberFormats('Лист', 0, 0, []);
    expect(callsOf()).toEqual({});
  });

  it('memory: one call each, read back cell by cell; the block’s earlier validations go', () => {
    const wb = new MemoryWorkbook([{ sheet: 'Лист', values: [] }]);
    wb.setValidation('Лист', { row: 1, col: 1, rows: 3, cols: 1 }, list);
    wb.resetCalls();
    wb.setNumberFormats('Лист', 1, 0, formats);
    wb.setValidations('Лист', 1, 0, rules);
    wb.setWraps('Лист', 1, 0, wraps);
    expect(wb.totalCalls).toBe(3);
    expect(wb.sheet('Лист').wraps.slice(1)).toEqual(wraps);
    const layout = wb.readLayout('Лист', { row: 1, col: 0, rows: 3, cols: 3 });
    expect(layout.numberFormats).toEqual(formats);
    expect(layout.validations).toEqual(rules);
  });

  it('.xlsx: the formats and validations of each cell, saved and read back', async () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('Лист');
    wb.setNumberFormats('Лист', 1, 0, formats);
    wb.setValidations('Лист', 1, 0, rules);
    wb.setWraps('Лист', 1, 0, wraps);
    const path = join(dir, 'blocks.xlsx');
    await wb.save(path);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    const ws = back.getWorksheet('Лист')!;
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect(ws.getCell('B4').numFmt).toBe('dd.mm.yyyy');
    expect(ws.getCell('A2').dataValidation).toBeUndefined();
    expect(ws.getCell('A3').dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell('B3').dataValidation).toBeUndefined();
    expect(ws.getCell('C4').dataValidation).toMatchObject({ type: 'decimal' });
    expect(ws.getCell('A2').alignment?.wrapText ?? false).toBe(false);
    expect(ws.getCell('A3').alignment?.wrapText).toBe(true);
    const reread = await XlsxWorkbook.load(path);
    expect(reread.readLayout('Лист', { row: 1, col: 0, rows: 3, cols: 3 }).validations).toEqual(rules);
  });
});

describe('Apps Script: Ranges fetched once', () => {
  it('the same block is one getRange across port calls; after rows are inserted it is fetched again', () => {
    const ss = new StubSpreadsheet(['Лист']);
    install(ss);
    const wb = new AppsScriptWorkbook(ss.gas());
    wb.writeBlock('Лист', 0, 0, [['a', 'b']]);
    calls.clear();
    wb.setFontWeights('Лист', 0, 0, [['bold', 'normal']]);
    wb.setBackgrounds('Лист', 0, 0, [['#eeeeee', null]]);
    expect(calls.get('Sheet.getRange') ?? 0).toBe(0);
    wb.insertRows('Лист', 0, 1);
    wb.setNotes('Лист', 0, 0, [['x', '']]);
    expect(calls.get('Sheet.getRange')).toBe(1);
    expect(ss.sheets[0]!.notes.get('0:0')).toBe('x');
    expect(ss.sheets[0]!.values.get('1:0')).toBe('a');
  });

  it('a tab inserted after sheetNames() goes at the end without a lookup or a count of tabs', () => {
    const ss = new StubSpreadsheet(['Лист', 'Итоги']);
    install(ss);
    const wb = new AppsScriptWorkbook(ss.gas());
    expect(wb.sheetNames()).toEqual(['Лист', 'Итоги']);
    calls.clear();
    expect(wb.ensureSheet('Итоги')).toEqual({ created: false });
    expect(wb.ensureSheet('ДК')).toEqual({ created: true });
    expect(wb.ensureSheet('ДК 2')).toEqual({ created: true });
    expect(callsOf()).toEqual({ 'Spreadsheet.insertSheet': 2 });
    expect(wb.sheetNames()).toEqual(['Лист', 'Итоги', 'ДК', 'ДК 2']);
  });
});
