/** The toast an action shows while it works is replaced when it ends, so «Готовлю…» never stays up after the work. */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/actions/analyze';
import { compareAction, CURRENT_SETTINGS } from '../../src/actions/compare';
import { buildIndicators } from '../../src/actions/indicators';
import { writeReport } from '../../src/actions/report';
import { setupWorkbook } from '../../src/actions/setup';
import type { Grid } from '../../src/core/results';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { sampleGrids } from '../support/sample';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

describe('toasts of the long actions on the sample district', () => {
  it('each ends with a toast of what was done, after the one of what it was doing', () => {
    const runs: Array<[(wb: MemoryWorkbook) => unknown, string, RegExp]> = [
      [(wb) => setupWorkbook(wb, { protect: false }), 'Готовлю рабочую книгу района…', /^Рабочая книга района готова\.$/],
      [(wb) => analyze(wb), 'Проверяю школы по критериям…', /^ШНОР: \d+ из \d+ ОО/],
      [(wb) => writeReport(wb), 'Составляю аналитическую справку…', /^Справка готова\.$/],
      [(wb) => buildIndicators(wb), 'Обновляю показатели…', /^Вкладка «Показатели» обновлена\.$/],
      [
        (wb) => compareAction(wb, { a: CURRENT_SETTINGS, b: 'rosobrnadzor-2025-or' }),
        'Сравниваю критерии…',
        /^Сравнение готово: вкладка «Сравнение критериев»\.$/,
      ],
    ];
    for (const [run, working, done] of runs) {
      const wb = new MemoryWorkbook(grids);
      run(wb);
      expect(wb.toasts[0]).toBe(working);
      // The last one stays: what was done (the set-up's own steps toast in between).
      expect(wb.toasts.at(-1)).toMatch(done);
    }
  });

  it('a refused run also replaces its toast: the message says why', () => {
    const wb = new MemoryWorkbook([{ sheet: 'Лист1', values: [['нет результатов']] }]);
    const out = writeReport(wb);
    expect(out.kind).toBe('failed');
    expect(wb.toasts).toEqual(['Составляю аналитическую справку…', 'Не выполнено — причина в сообщении.']);
  });
});
