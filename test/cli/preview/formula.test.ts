import { describe, expect, it } from 'vitest';
import { conditionalLook, formulaHolds, parseFormula } from '../../../src/cli/preview/formula';
import type { CellValue } from '../../../src/core/text';

/** A sheet as rows of values, 0-based. */
const sheet = (rows: CellValue[][]) => (r: number, c: number) => rows[r]?.[c] ?? null;

describe('conditional-format formulas', () => {
  const cells = sheet([
    ['Школа', 'ВПР', 'ОГЭ', 'Статус', 'Низкие'],
    ['СОШ 1', 35, 10, 'ШНОР', 'B'],
    ['СОШ 2', 12, 40, 'норма', 'C'],
    ['СОШ 3', 31, 33, 'зона риска', 'B C'],
  ]);
  const at = (row: number, col: number, formula: string, anchorRow = 1, anchorCol = 0) =>
    formulaHolds(formula, { row, col, anchorRow, anchorCol, cell: cells });

  it('moves relative references with the cell and keeps $ parts', () => {
    const f = '=AND(N("ШНОР")=0,$D2="ШНОР")';
    expect(at(1, 0, f)).toBe(true);
    expect(at(1, 4, f)).toBe(true);
    expect(at(2, 0, f)).toBe(false);
    expect(at(3, 2, '=B2>=30', 1, 1)).toBe(true);
    expect(at(2, 2, '=B2>=30', 1, 1)).toBe(true);
    expect(at(2, 1, '=B2>=30', 1, 1)).toBe(false);
  });

  it('compares text without regard to case, and a blank as "" or 0', () => {
    expect(at(1, 0, '=$D2="шнор"')).toBe(true);
    expect(at(1, 0, '=$F2=""')).toBe(true);
    expect(at(1, 0, '=$F2=0')).toBe(true);
    expect(at(1, 0, '=$B2>"1"')).toBe(false);
  });

  it("evaluates the add-on's own rule for low cells: the cell's column letter in the list", () => {
    const f = '=AND(N("ШНОР")=0,ISNUMBER(SEARCH(" "&SUBSTITUTE(ADDRESS(1,COLUMN(),4),"1","")&" "," "&$E2&" ")))';
    const holds = (row: number, col: number) => at(row, col, f, 1, 1);
    expect([holds(1, 1), holds(1, 2), holds(2, 1), holds(2, 2), holds(3, 1), holds(3, 2)]).toEqual([true, false, false, true, true, true]);
  });

  it('reads arithmetic, precedence, percent and strings with quotes', () => {
    const none = sheet([]);
    const v = (f: string) => formulaHolds(f, { row: 0, col: 0, anchorRow: 0, anchorCol: 0, cell: none });
    expect(v('=1+2*3=7')).toBe(true);
    expect(v('=(1+2)*3=9')).toBe(true);
    expect(v('=50%=0.5')).toBe(true);
    expect(v('=-2^2=4')).toBe(true);
    expect(v('="a""b"=MID("xa""by",2,3)')).toBe(true);
    expect(v('=IF(1>2;FALSE;TRUE)')).toBe(true);
    expect(v('=OR(FALSE,NOT(TRUE),LEN(TRIM("  a  b "))=3)')).toBe(true);
  });

  it('a formula it cannot read, an unknown function or an error never holds', () => {
    const none = sheet([]);
    const ctx = { row: 0, col: 0, anchorRow: 0, anchorCol: 0, cell: none };
    expect(formulaHolds('=SUM(A1:A3)>0', ctx)).toBe(false);
    expect(formulaHolds('=FOO(1)', ctx)).toBe(false);
    expect(formulaHolds('=1/0>0', ctx)).toBe(false);
    expect(formulaHolds('=AND(1,', ctx)).toBe(false);
    expect(() => parseFormula('=1 2')).toThrow('Лишнее «2»');
  });

  it('the first rule that holds gives the colour; rules apply only inside their ranges', () => {
    const look = conditionalLook(
      [
        { ranges: [{ row: 1, col: 0, rows: 3, cols: 4 }], formula: '=$D2="ШНОР"', background: '#f4c7c3' },
        { ranges: [{ row: 1, col: 1, rows: 3, cols: 2 }], formula: '=B2>=30', background: '#e06666', bold: true },
        { ranges: [{ row: 1, col: 0, rows: 3, cols: 4 }], formula: '=$D2<>""', background: '#b7e1cd', fontColor: '#000000' },
        { ranges: [{ row: 0, col: 0, rows: 1, cols: 1 }], formula: '' },
      ],
      cells,
    );
    expect(look(1, 0)).toEqual({ background: '#f4c7c3', fontColor: '#000000' });
    expect(look(1, 1)).toEqual({ background: '#f4c7c3', bold: true, fontColor: '#000000' });
    expect(look(2, 2)).toEqual({ background: '#e06666', bold: true, fontColor: '#000000' });
    expect(look(2, 0)).toEqual({ background: '#b7e1cd', fontColor: '#000000' });
    expect(look(0, 0)).toEqual({});
    expect(look(1, 4)).toEqual({});
  });
});
