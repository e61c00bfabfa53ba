import { describe, expect, it } from 'vitest';
import { MAX_COLUMNS, MAX_ROWS, SheetLimitError } from '../../src/workbook/port';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { analyze } from '../../src/actions/analyze';
import { MemoryWorkbook } from '../../src/workbook/memory';
import type { CellValue } from '../../src/core/text';

describe('nothing is written past XFD or row 1,048,576', () => {
  it('the .xlsx book refuses such a write, naming the sheet, and writes up to the edge', () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('Лист');
    wb.writeBlock('Лист', 0, MAX_COLUMNS - 1, [['XFD1']]);
    expect(() => wb.writeBlock('Лист', 0, MAX_COLUMNS - 1, [['XFD1', 'дальше']])).toThrow(SheetLimitError);
    expect(() => wb.writeBlock('Лист', MAX_ROWS, 0, [['A1048577']])).toThrow(/Лист «Лист»: не хватает строк/);
    expect(() => wb.setBackgrounds('Лист', 0, MAX_COLUMNS, [['#ffffff']])).toThrow(/не хватает столбцов.*XFD/);
    wb.putValues('Плоский', [['a']]);
    expect(() => wb.writeBlock('Плоский', 0, MAX_COLUMNS, [['x']])).toThrow(SheetLimitError);
  });

  // A result header filled out to XFD with notes (as the hostile file has it), two columns left empty inside.
  const sheet = (free: number[]): CellValue[][] => {
    const top: CellValue[] = ['Логин', 'ОО', 'ВПР МА 5 2025', 'ВПР МА 5 2026'];
    const sub: CellValue[] = ['', '', '% 2', '% 2'];
    for (let c = top.length; c < MAX_COLUMNS; c++) {
      top.push(free.includes(c) ? null : `Примечание ${c}`);
      sub.push(null);
    }
    return [top, sub, ['sch000001', 'СОШ № 1', 40, 45], ['sch000002', 'СОШ № 2', 5, 6]];
  };

  it('the check puts its columns into the first two empty neighbouring columns', () => {
    const wb = new MemoryWorkbook([{ sheet: 'Результаты', values: sheet([100, 200, 201]) }]);
    const outcome = analyze(wb, { sheet: 'Результаты' });
    expect(outcome.kind).toBe('done');
    const header = wb.readSheet('Результаты').values[1] ?? [];
    expect(header[200]).toBe('Статус ШНОР');
    expect(header[201]).toBe('Низкие результаты ШНОР');
    expect(header.length).toBe(MAX_COLUMNS);
    // Run again: the columns are found where they are, not added.
    expect(analyze(wb, { sheet: 'Результаты' }).kind).toBe('done');
    expect(wb.readSheet('Результаты').values[1]?.filter((v) => v === 'Статус ШНОР')).toHaveLength(1);
  });

  it('without room the check says why and changes nothing', () => {
    const wb = new MemoryWorkbook([{ sheet: 'Результаты', values: sheet([100]) }]);
    const outcome = analyze(wb, { sheet: 'Результаты' });
    expect(outcome).toMatchObject({
      kind: 'failed',
      message: expect.stringMatching(/^На листе «Результаты» нет места для столбцов надстройки .*XFD.*двух соседних пустых столбцов/),
    });
    expect(wb.sheetNames()).toEqual(['Результаты']);
  });
});
