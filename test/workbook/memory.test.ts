import { describe, expect, it } from 'vitest';
import { MemoryWorkbook } from '../../src/workbook/memory';

/** The in-memory workbook refuses what Sheets refuses, as the emulator does, so that action tests catch it. */
describe('the in-memory workbook and the frozen columns', () => {
  const book = () => {
    const wb = new MemoryWorkbook([{ sheet: 'Лист', values: [['a', 'b', 'c', 'd']] }]);
    return wb;
  };

  it('refuses a merge across the frozen columns’ edge, and merges on either side of it', () => {
    const wb = book();
    wb.freeze('Лист', 1, 2);
    expect(() => wb.mergeAcross('Лист', { row: 0, col: 0, rows: 1, cols: 4 })).toThrow("You can't merge frozen and non-frozen columns.");
    expect(() => wb.mergeAcross('Лист', { row: 0, col: 1, rows: 1, cols: 2 })).toThrow("You can't merge frozen and non-frozen columns.");
    wb.mergeAcross('Лист', { row: 0, col: 0, rows: 1, cols: 2 });
    wb.mergeAcross('Лист', { row: 0, col: 2, rows: 1, cols: 2 });
    expect(wb.sheet('Лист').merges).toEqual([
      { row: 0, col: 0, rows: 1, cols: 2 },
      { row: 0, col: 2, rows: 1, cols: 2 },
    ]);
  });

  it('refuses to freeze columns whose edge cuts a merge; clearing the sheet breaks the merges apart but keeps the freeze', () => {
    const wb = book();
    wb.mergeAcross('Лист', { row: 0, col: 0, rows: 1, cols: 4 });
    expect(() => wb.freeze('Лист', 1, 2)).toThrow('Sorry, it is not possible to freeze columns which contain only part of a merged cell.');
    wb.freeze('Лист', 1, 0);
    wb.freeze('Лист', 1, 4);
    wb.clearSheet('Лист');
    expect(wb.sheet('Лист').merges).toEqual([]);
    expect(wb.sheet('Лист').frozen).toEqual({ rows: 1, cols: 4 });
    wb.freeze('Лист', 1, 2);
    expect(wb.sheet('Лист').frozen).toEqual({ rows: 1, cols: 2 });
  });
});
