/**
 * «Загрузить выгрузки…» writing into Sheets (AppsScriptWorkbook on the emulator, which refuses a cell of
 * more than 50,000 characters as Sheets does): a row from a file with a longer text is written, that text
 * cut with a note, and the outcome counts it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { uploadRows } from '../../src/actions/upload';
import { COMBINED_HEADER, COMBINED_SHEET } from '../../src/core/combine';
import { CELL_TEXT_LIMIT } from '../../src/core/text';
import { AppsScriptWorkbook } from '../../src/workbook/appsscript';
import { install, StubSpreadsheet, uninstall } from '../support/sheets-stub';

afterEach(() => uninstall());

describe('uploadRows into Sheets', () => {
  it('cuts a text longer than a cell takes, says so in the cell and in the outcome, and writes the rest as it is', () => {
    const ss = new StubSpreadsheet(['Лист1']);
    install(ss);
    const wb = new AppsScriptWorkbook(ss.gas());
    // A school name pasted with a whole page of text after it (a file's broken cell).
    const name = `МБОУ «СОШ № 1» ${'и так далее '.repeat(6000)}`;
    const row = [
      2026,
      'ВПР',
      5,
      'Математика',
      'Бежецкий',
      'sch690001',
      name,
      25,
      12,
      20,
      'ВПР 2026 МА 5.xlsx',
      'лист «Статистика», строка 12',
    ];
    expect(row).toHaveLength(COMBINED_HEADER.length);
    const out = uploadRows(wb, { files: ['ВПР 2026 МА 5.xlsx'], first: true, results: [row], comparison: [] });
    expect(out).toEqual({ ok: true, removed: 0, written: 1, capped: 1, comparisonSheet: null, note: null });
    const written = ss.em.wb.sheet(COMBINED_SHEET).values[1]!;
    expect(String(written[6]).length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    expect(String(written[6])).toMatch(/^МБОУ «СОШ № 1» и так далее/);
    expect(String(written[6])).toMatch(/\[текст сокращён: .* из 72\u00a0015 знаков — больше ячейка не вмещает\]$/);
    expect(written.slice(7, 10)).toEqual([25, 12, 20]);
  });
});
