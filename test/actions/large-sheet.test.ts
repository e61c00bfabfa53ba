/** A result sheet longer than a function call can take arguments: nothing spreads its rows into a call. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/actions/analyze';
import type { CellValue } from '../../src/core/text';
import { MemoryWorkbook } from '../../src/workbook/memory';

describe('a long result sheet (200 000 rows, the long layout of a big region)', () => {
  it('is checked and coloured without running out of stack', () => {
    const values: CellValue[][] = [['Год', 'Класс', 'Предмет', 'Логин', 'ОО', '2', '3', '4', '5']];
    const subjects: Array<[number, string]> = [
      [5, 'Математика'],
      [5, 'Русский язык'],
      [6, 'Математика'],
      [6, 'Русский язык'],
    ];
    for (let s = 0; values.length <= 200_000; s++) {
      for (const year of [2025, 2026]) {
        for (const [grade, subject] of subjects) {
          const fail = (s * 7 + grade + year) % 40;
          values.push([year, grade, subject, `sch${String(s).padStart(6, '0')}`, `СОШ ${s}`, fail, 40, 100 - fail - 60, 20]);
        }
      }
    }
    const wb = new MemoryWorkbook([{ sheet: 'Результаты', values }]);
    const outcome = analyze(wb);
    expect(outcome.kind).toBe('done');
    expect(wb.readSheet('Результаты').values[0]?.slice(-2)).toEqual(['Статус ШНОР', 'Низкие результаты ШНОР']);
  });
});
