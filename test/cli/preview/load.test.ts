/**
 * `npm run preview -- book.xlsx` draws what Sheets keeps of the file: widths, hidden columns, frozen panes,
 * wrapped text, bold and fills, besides the values, merges and conditional colours.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPreviewWorkbook } from '../../../src/cli/preview/load';
import { sheetView } from '../../../src/cli/preview/view';
import { XlsxWorkbook } from '../../../src/workbook/xlsx';
import { SAMPLE_XLSX } from '../../support/sample';

describe('a book the preview opens', () => {
  it('keeps the widths, hidden columns, frozen panes, wrapping, bold and fills of the .xlsx', async () => {
    const book = XlsxWorkbook.empty();
    book.ensureSheet('План');
    book.writeBlock('План', 0, 0, [
      ['№', 'Мероприятие', 'Сроки', 'код'],
      ['1.1', 'Совещание с руководителями ШНОР по итогам диагностики', 'сентябрь', 'У1'],
    ]);
    book.setColumnWidths('План', 0, [40, 280, 120, 60]);
    book.hideColumns('План', 3, 1);
    book.freeze('План', 1, 1);
    book.setWrap('План', { row: 1, col: 1, rows: 1, cols: 1 }, true);
    book.setFontWeights('План', 0, 0, [['bold', 'bold', 'bold', 'normal']]);
    book.setBackgrounds('План', 0, 0, [['#d9d9d9', '#d9d9d9', null, null]]);
    const path = join(mkdtempSync(join(tmpdir(), 'shnor-preview-load-')), 'plan.xlsx');
    await book.save(path);

    const v = sheetView((await loadPreviewWorkbook(path)).sheet('План'), new Map());
    expect(v.widths.slice(0, 4)).toEqual([40, 280, 120, 60]);
    expect(v.hidden).toEqual([3]);
    expect(v.frozen).toEqual({ rows: 1, cols: 1 });
    expect(v.cells[0]?.slice(0, 3)).toEqual([
      { t: '№', b: true, bg: '#d9d9d9' },
      { t: 'Мероприятие', b: true, bg: '#d9d9d9' },
      { t: 'Сроки', b: true },
    ]);
    expect(v.cells[1]?.[1]).toEqual({ t: 'Совещание с руководителями ШНОР по итогам диагностики', wrap: true });
    expect(v.cells[1]?.[2]).toEqual({ t: 'сентябрь' });
  });

  it('the sample district: its frozen header and its widths, as in Sheets', async () => {
    const s = (await loadPreviewWorkbook(SAMPLE_XLSX)).sheet('Результаты');
    expect(s.frozen).toEqual({ rows: 3, cols: 3 });
    expect(s.widths.get(1)).toBeGreaterThan(200);
  });
});
