import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { sparklinePath } from '../../../src/cli/preview/formula';
import { displayNumber, displayValue, sheetView } from '../../../src/cli/preview/view';
import { sparklineFormula } from '../../../src/core/sparkline';
import { MemoryWorkbook } from '../../../src/workbook/memory';

describe('a tab as the preview draws it', () => {
  it('shows numbers and dates as a Russian Sheets does', () => {
    expect(displayNumber(35.6)).toBe('35,6');
    expect(displayNumber(0.1 + 0.2)).toBe('0,3');
    expect(displayNumber(12)).toBe('12');
    expect(displayNumber(0.256, '0.0%')).toBe('25,6%');
    expect(displayNumber(0.25, '0%')).toBe('25%');
    expect(displayNumber(3.14159, '0.00')).toBe('3,14');
    expect(displayValue(new Date(Date.UTC(2026, 8, 1)))).toBe('01.09.2026');
    expect(displayValue(true)).toBe('ИСТИНА');
    expect(displayValue(null)).toBe('');
  });

  it('draws values with their backgrounds, bold, notes, validation, links, merges and charts', () => {
    const wb = new MemoryWorkbook([
      {
        sheet: 'Лист',
        values: [
          ['Заголовок', null, null],
          ['Год', 'План', 'Факт'],
          [2025, 10, 12],
          [2026, 8, null],
        ],
        merges: [{ row: 0, col: 0, rows: 1, cols: 3 }],
      },
    ]);
    wb.setBackgrounds('Лист', 1, 0, [['#cccccc', null, null]]);
    wb.setFontWeights('Лист', 1, 0, [['bold', 'bold', 'normal']]);
    wb.setNotes('Лист', 1, 1, [['план района']]);
    wb.setValidation('Лист', { row: 2, col: 1, rows: 2, cols: 1 }, { kind: 'list', values: ['1', '2'], strict: true });
    wb.setValidation('Лист', { row: 5, col: 0, rows: 1, cols: 1 }, { kind: 'checkbox' });
    wb.writeBlock('Лист', 5, 0, [[true]]);
    wb.writeFormulas('Лист', 6, 0, [['=HYPERLINK("#gid=0&range=A3","строка 3")']]);
    wb.replaceConditionalRules('Лист', 'N("x")', [
      { ranges: [{ row: 2, col: 2, rows: 2, cols: 1 }], formula: '=AND(N("x")=0,C3>$B3)', background: '#b7e1cd', fontColor: '#111111' },
    ]);
    wb.replaceChart('Лист', 'План и факт', {
      title: 'План и факт',
      range: { row: 1, col: 0, rows: 3, cols: 3 },
      anchor: { row: 8, col: 0 },
    });
    const v = sheetView(wb.sheet('Лист'), new Map([[0, 'Лист']]));
    expect(v.cells[0]?.[0]).toEqual({ t: 'Заголовок' });
    expect(v.merges).toEqual([{ row: 0, col: 0, rows: 1, cols: 3 }]);
    expect(v.cells[1]).toEqual([{ t: 'Год', bg: '#cccccc', b: true }, { t: 'План', b: true, note: 'план района' }, { t: 'Факт' }]);
    expect(v.cells[2]).toEqual([
      { t: '2025', num: true },
      { t: '10', num: true, dv: 'list' },
      { t: '12', num: true, bg: '#b7e1cd', fc: '#111111' },
    ]);
    expect(v.cells[3]?.[2]).toBeNull();
    expect(v.cells[5]?.[0]).toEqual({ t: '☑', dv: 'checkbox' });
    expect(v.cells[6]?.[0]).toEqual({ t: 'строка 3', link: { sheet: 'Лист', row: 2 } });
    expect(v.charts).toEqual([
      {
        title: 'План и факт',
        anchor: { row: 8, col: 0 },
        series: ['План', 'Факт'],
        categories: ['2025', '2026'],
        values: [
          [10, 12],
          [8, null],
        ],
      },
    ]);
    expect(v.rows).toBeGreaterThanOrEqual(30);
    expect(v.widths[0]).toBe(100);
    expect(v.hidden).toEqual([]);
    expect(v.truncated).toBe(false);
  });

  it('marks the cells whose text wraps, and lists the hidden columns', () => {
    const wb = new MemoryWorkbook([{ sheet: 'Лист', values: [['Мероприятие', 'Сроки', 'код', null]] }]);
    wb.setWrap('Лист', { row: 0, col: 0, rows: 1, cols: 4 }, true);
    wb.setWrap('Лист', { row: 0, col: 1, rows: 1, cols: 1 }, false);
    wb.hideColumns('Лист', 2, 1);
    const v = sheetView(wb.sheet('Лист'), new Map());
    expect(v.cells[0]).toEqual([{ t: 'Мероприятие', wrap: true }, { t: 'Сроки' }, { t: 'код', wrap: true }, null]);
    expect(v.hidden).toEqual([2]);
  });
});

describe('dates written by the bundle', () => {
  it('a Date of the bundle’s realm (node:vm) shows as дд.мм.гггг, not as ISO text', () => {
    const foreign = runInNewContext('new Date(Date.UTC(2026, 8, 1))') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(displayValue(foreign)).toBe('01.09.2026');
    expect(displayValue(new Date(Date.UTC(2026, 8, 1)))).toBe('01.09.2026');
  });
});

describe('a SPARKLINE as the preview draws it', () => {
  it('is a line of the row’s own numbers from 0 up, gaps left out, no value in the cell', () => {
    const wb = new MemoryWorkbook([{ sheet: 'Итоги', values: [['ОО', null, 10, null, 20, 'н/д']] }]);
    wb.writeFormulas('Итоги', 0, 1, [[sparklineFormula({ row: 0, col: 2, rows: 1, cols: 4 })]]);
    expect(wb.sheet('Итоги').values[0]?.[1]).toBeNull();
    const cell = sheetView(wb.sheet('Итоги'), new Map()).cells[0]?.[1];
    // Points at 0 %, (none), 66,7 % … of the width: 10 is half of the largest, 20, at the top.
    expect(cell).toEqual({ t: '', spark: sparklinePath([10, null, 20, 'н/д']) });
    expect(cell?.spark).toBe('M2 12 L66 2');
    expect(sparklinePath([null, null])).toBe('');
  });
});
