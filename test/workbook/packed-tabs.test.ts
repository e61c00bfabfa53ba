/**
 * A tab the book creates is kept packed (arrays of values and styles, not exceljs cells) until a call needs
 * its cells: the file written is the same, byte for byte, as when every call works on exceljs cells.
 */
import type ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { XlsxWorkbook } from '../../src/workbook/xlsx';

const TAB = 'ШНОР: отчёт';
const LONG = 'Школа с низкими образовательными результатами, у которой доля невыполнивших работу выше районной три года подряд';

/**
 * The calls an action makes writing a report (as «ШНОР: итоги» and the справка make them); `first` runs
 * once the tab is made, `midway` halfway.
 */
function report(
  wb: XlsxWorkbook,
  { first = () => undefined, midway = () => undefined }: Partial<Record<'first' | 'midway', () => void>> = {},
): void {
  wb.ensureSheet(TAB);
  first();
  wb.setColumnWidths(TAB, 0, [160, 90, 90, 90, 120, 100]);
  wb.writeBlock(TAB, 0, 0, [[LONG]]);
  // A merge's other cells take its top-left cell's style; undone, they lose it.
  wb.setFontWeights(TAB, 0, 0, [['bold']]);
  wb.setBackgrounds(TAB, 1, 1, [['#d9ead3']]);
  wb.mergeAcross(TAB, { row: 0, col: 0, rows: 1, cols: 4 });
  // A wider merge over the first one replaces it; one that overlaps another merge's right part too.
  wb.mergeAcross(TAB, { row: 0, col: 0, rows: 1, cols: 6 });
  wb.mergeAcross(TAB, { row: 1, col: 1, rows: 1, cols: 2 });
  wb.mergeAcross(TAB, { row: 1, col: 2, rows: 1, cols: 3 });
  wb.writeBlock(TAB, 1, 0, [['Пояснение', 'за два года', 'под слиянием', null, 'тоже', undefined]]);
  wb.writeBlock(TAB, 3, 0, [
    ['Школа', 'Балл 2025', 'Балл 2026', 'Сдали', 'Дата', 'Статус'],
    ['СОШ № 1', 61.5, 58.25, true, new Date(Date.UTC(2026, 2, 5)), 'ШНОР'],
    ['СОШ № 2', 0, 72, false, null, ''],
    [LONG, 44.1, 47, true, new Date(Date.UTC(2025, 8, 1)), 'риск'],
  ]);
  midway();
  wb.writeFormulas(TAB, 4, 6, [['=HYPERLINK("#\'r.csv\'!A2";"строка 2")'], ['=B5+C5'], ['=SPARKLINE(B7:C7)']]);
  wb.setFontWeights(TAB, 3, 0, [['bold', 'bold', 'bold', 'bold', 'bold', 'bold']]);
  wb.setBackgrounds(TAB, 4, 5, [['#f4cccc'], [null], ['#fff2cc']]);
  wb.setBackgrounds(TAB, 0, 0, [['#cfe2f3', '#cfe2f3']]);
  wb.setNumberFormat(TAB, { row: 4, col: 1, rows: 3, cols: 2 }, '0.0');
  wb.setNumberFormats(TAB, 4, 4, [['dd.mm.yyyy'], ['dd.mm.yyyy'], ['dd.mm.yyyy']]);
  wb.setWrap(TAB, { row: 0, col: 0, rows: 7, cols: 6 }, true);
  wb.setWraps(TAB, 4, 3, [[false], [false], [false]]);
  wb.freeze(TAB, 4, 1);
  wb.setPrintColumns(TAB, 5);
}

async function parts(wb: XlsxWorkbook): Promise<Record<string, string>> {
  const files = unzipSync(await wb.toBuffer());
  const out: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) if (name.startsWith('xl/')) out[name] = strFromU8(bytes);
  return out;
}

/** The exceljs rows a tab holds now (none while it is packed). */
function rowsHeld(wb: XlsxWorkbook): number {
  const book = (wb as unknown as { book: ExcelJS.Workbook }).book;
  const ws = book.getWorksheet('ШНОР — отчёт') as ExcelJS.Worksheet;
  return (ws as unknown as { _rows: unknown[] })._rows.filter(Boolean).length;
}

describe('a tab the book creates, kept packed', () => {
  it('holds no exceljs cells, and is written exactly as the same calls on exceljs cells write it', async () => {
    const packed = XlsxWorkbook.empty();
    report(packed);
    expect(rowsHeld(packed)).toBe(0);
    const cells = XlsxWorkbook.empty();
    // Asking for the exceljs book unpacks every tab: the calls after it work on exceljs cells.
    report(cells, { first: () => void cells.wb });
    expect(rowsHeld(cells)).toBeGreaterThan(0);
    const a = await parts(packed);
    const b = await parts(cells);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const name of Object.keys(a)) expect(a[name], name).toBe(b[name]);
    // The long title in its merge and the long name in its column make their rows taller.
    expect(a['xl/worksheets/sheet1.xml']).toMatch(/<row r="1" ht="\d+" customHeight="1"/);
    expect(a['xl/worksheets/sheet1.xml']).toMatch(/<row r="7" ht="\d+" customHeight="1"/);
    expect(a['xl/worksheets/sheet1.xml']).toContain('<mergeCell ref="A1:F1"/>');
  });

  it('reads cells as exceljs cells read, and a call that needs the cells unpacks the tab midway', async () => {
    const refs = [
      { sheet: TAB, row: 0, col: 0 },
      { sheet: TAB, row: 1, col: 2 },
      { sheet: TAB, row: 1, col: 3 },
      { sheet: TAB, row: 4, col: 4 },
      { sheet: TAB, row: 4, col: 6 },
      { sheet: TAB, row: 5, col: 6 },
      { sheet: TAB, row: 6, col: 6 },
    ];
    const packed = XlsxWorkbook.empty();
    report(packed);
    const cells = XlsxWorkbook.empty();
    report(cells, { first: () => void cells.wb });
    expect(packed.readCells(refs)).toEqual(cells.readCells(refs));
    // C2 is the top-left cell of the merge that replaced B2:C2; D2 lies under it.
    expect(packed.readCells(refs)[1]).toBe('под слиянием');
    expect(packed.readCells(refs)[2]).toBeNull();
    const midway = XlsxWorkbook.empty();
    report(midway, { midway: () => midway.readLayout(TAB, { row: 0, col: 0, rows: 2, cols: 2 }) });
    expect(rowsHeld(midway)).toBeGreaterThan(0);
    expect(await parts(midway)).toEqual(await parts(packed));
  });
});
