import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { XlsxWorkbook } from '../../src/workbook/xlsx';

const dir = mkdtempSync(join(tmpdir(), 'shnor-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function roundTrip(wb: XlsxWorkbook): Promise<ExcelJS.Workbook> {
  const path = join(dir, `out-${++n}.xlsx`);
  await wb.save(path);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(path);
  return back;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

interface Parts {
  conditionalFormattings: ExcelJS.ConditionalFormattingOptions[];
  dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> };
}
const parts = (ws: ExcelJS.Worksheet) => ws as unknown as Parts;
/** No fill: exceljs reads a cell styled otherwise as the default fill «none». */
const noFill = (fill: ExcelJS.Fill | undefined) => fill === undefined || (fill.type === 'pattern' && fill.pattern === 'none');

const SAMPLE = join(import.meta.dirname, '../../sample/district.xlsx');

describe('XlsxWorkbook', () => {
  it('writes values, keeping text that looks like a formula as text', async () => {
    const wb = XlsxWorkbook.empty();
    expect(wb.activeSheetName()).toBeNull();
    expect(wb.ensureSheet('Итоги')).toEqual({ created: true });
    expect(wb.ensureSheet('Итоги')).toEqual({ created: false });
    wb.writeBlock('Итоги', 0, 0, [
      ['=SUM(A1)', 42, true],
      [null, 'текст', 1.5],
    ]);
    wb.writeBlock('Итоги', 0, 1, [[null]]);
    expect(wb.readSheet('Итоги').values).toEqual([
      ['=SUM(A1)', null, true],
      [null, 'текст', 1.5],
    ]);
    expect(wb.sheetNames()).toEqual(['Итоги']);
    expect(wb.activeSheetName()).toBe('Итоги');

    const back = sheet(await roundTrip(wb), 'Итоги');
    expect(back.getCell('A1').value).toBe('=SUM(A1)');
    expect(back.getCell('A1').type).toBe(ExcelJS.ValueType.String);
    expect(back.getCell('B1').value).toBeNull();
    expect(back.getCell('C1').value).toBe(true);
    expect(back.getCell('B2').value).toBe('текст');
    expect(back.getCell('C2').value).toBe(1.5);
  });

  it('writes formulas; a link shows its label', async () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('Лист');
    wb.writeBlock('Лист', 0, 0, [['keep', 'keep']]);
    const link = wb.linkPrefix('Лист');
    expect(link).toBe("#'Лист'!");
    wb.writeFormulas('Лист', 0, 0, [[`=HYPERLINK("${link}A5","строка 5")`, null, '=1+2']]);
    expect(wb.readSheet('Лист').values[0]).toEqual(['строка 5', 'keep', null]);

    const back = sheet(await roundTrip(wb), 'Лист');
    expect(back.getCell('A1').formula).toBe(`HYPERLINK("#'Лист'!A5","строка 5")`);
    expect(back.getCell('B1').value).toBe('keep');
    expect(back.getCell('C1').formula).toBe('1+2');
  });

  it("keeps a book's formulas with their results, a result of 0 or FALSE too, and a shared formula", async () => {
    const input = new ExcelJS.Workbook();
    const ws = input.addWorksheet('Формулы');
    ws.getCell('A1').value = { formula: 'B1*0', result: 0 };
    ws.getCell('C1').value = { formula: '1>2', result: false };
    ws.getCell('D1').value = { formula: 'CONCATENATE("<a>";"&";"\'б\'")', result: `<a>&'б'` };
    ws.getCell('E1').value = { formula: 'NOW()' } as ExcelJS.CellFormulaValue;
    // A row with a shared formula is written by exceljs itself.
    ws.getCell('A3').value = { formula: 'B3*0', result: 0 };
    ws.getCell('F3').value = 7;
    ws.getCell('F4').value = 8;
    ws.getCell('G3').value = { formula: 'F3*2', result: 14, shareType: 'shared', ref: 'G3:G4' } as ExcelJS.CellFormulaValue;
    ws.getCell('G4').value = { sharedFormula: 'G3', result: 16 } as ExcelJS.CellSharedFormulaValue;
    const wb = await XlsxWorkbook.fromBuffer(await input.xlsx.writeBuffer());

    const back = sheet(await roundTrip(wb), 'Формулы');
    // (exceljs' `value` of a formula leaves a result of 0 or FALSE out: its `result` has it.)
    const cell = (a: string) => [back.getCell(a).formula, back.getCell(a).result];
    expect(cell('A1')).toEqual(['B1*0', 0]);
    expect(cell('C1')).toEqual(['1>2', false]);
    expect(cell('D1')).toEqual(['CONCATENATE("<a>";"&";"\'б\'")', `<a>&'б'`]);
    expect(cell('E1')).toEqual(['NOW()', undefined]);
    expect(cell('A3')).toEqual(['B3*0', 0]);
    expect(cell('G3')).toEqual(['F3*2', 14]);
    expect(cell('G4')).toEqual(['F4*2', 16]);
  });

  it('saved for the last time, writes every tab whole and then refuses to be used', async () => {
    const wb = XlsxWorkbook.empty();
    wb.putValues('Таблица', [
      ['Школа', 'Балл'],
      ['СОШ № 1', 4.5],
    ]);
    wb.ensureSheet('Итоги');
    wb.writeBlock('Итоги', 0, 0, [['Всего', 1]]);
    wb.setBackgrounds('Итоги', 0, 0, [['#ff0000', null]]);
    const path = join(dir, `out-${++n}.xlsx`);
    await wb.save(path, { last: true });
    const back = await XlsxWorkbook.load(path);
    expect(back.readSheet('Таблица').values).toEqual([
      ['Школа', 'Балл'],
      ['СОШ № 1', 4.5],
    ]);
    expect(back.readSheet('Итоги').values).toEqual([['Всего', 1]]);
    expect(back.worksheet('Итоги').getCell('A1').fill).toMatchObject({ fgColor: { argb: 'FFFF0000' } });
    expect(() => wb.readSheet('Итоги')).toThrow(/уже записана/);
  });

  it('clears a block, leaving its formats', async () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('Лист');
    wb.writeBlock('Лист', 0, 0, [
      [1, 2],
      [3, 4],
    ]);
    wb.setBackgrounds('Лист', 0, 0, [['#ff0000', '#ff0000']]);
    wb.clearBlock('Лист', { row: 0, col: 0, rows: 1, cols: 2 });
    wb.clearBlock('Лист', { row: 10, col: 10, rows: 2, cols: 2 });
    const back = sheet(await roundTrip(wb), 'Лист');
    expect(back.getCell('A1').value).toBeNull();
    expect(back.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } });
    expect(back.getCell('A2').value).toBe(3);
  });

  it('writes backgrounds, weights, number formats, notes, widths and freezes', async () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('Лист');
    wb.writeBlock('Лист', 0, 0, [
      [1, 2],
      [3, 4],
    ]);
    wb.setBackgrounds('Лист', 0, 0, [
      ['#fce8e6', null],
      ['#D9EAD3', '#fce8e6'],
    ]);
    wb.setBackgrounds('Лист', 1, 1, [[null]]);
    wb.setFontWeights('Лист', 0, 0, [['bold', 'normal']]);
    wb.setNumberFormat('Лист', { row: 0, col: 0, rows: 2, cols: 1 }, '0.0%');
    wb.setNotes('Лист', 0, 0, [['Почему: ниже порога', '']]);
    wb.setNotes('Лист', 1, 0, [['временная']]);
    wb.setNotes('Лист', 1, 0, [['']]);
    wb.setColumnWidths('Лист', 0, [70, 140]);
    wb.freeze('Лист', 5, 2);

    const back = sheet(await roundTrip(wb), 'Лист');
    expect(back.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE8E6' } });
    expect(back.getCell('A2').fill).toMatchObject({ fgColor: { argb: 'FFD9EAD3' } });
    expect(noFill(back.getCell('B1').fill)).toBe(true);
    expect(noFill(back.getCell('B2').fill)).toBe(true);
    expect(back.getCell('A1').font?.bold).toBe(true);
    expect(back.getCell('B1').font?.bold).toBeFalsy();
    // A bold cell keeps the book's font: with no name, LibreOffice draws it in a serif font of its own.
    expect(back.getCell('A1').font).toMatchObject({ name: 'Calibri', size: 11 });
    expect(back.getCell('A1').numFmt).toBe('0.0%');
    expect(back.getCell('A2').numFmt).toBe('0.0%');
    expect(back.getCell('B1').numFmt).toBeUndefined();
    expect(back.getCell('A1').note).toBe('Почему: ниже порога');
    expect(back.getCell('B1').note).toBeUndefined();
    expect(back.getCell('A2').note).toBeUndefined();
    expect(back.getColumn(1).width).toBe(10);
    expect(back.getColumn(2).width).toBe(20);
    expect(back.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 5 });
  });

  it('hides columns and wraps text; a wrapped date or number does not make its row tall', async () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('Лист');
    wb.writeBlock('Лист', 0, 0, [
      ['Мероприятие', new Date('2026-11-30T00:00:00Z'), 12345, 'sch771005'],
      ['Очень длинный текст мероприятия, который не помещается в одну строку столбца', null, null, ''],
    ]);
    wb.setColumnWidths('Лист', 0, [140, 90, 60, 100]);
    wb.setWrap('Лист', { row: 0, col: 0, rows: 2, cols: 3 }, true);
    wb.hideColumns('Лист', 3, 1);
    const back = sheet(await roundTrip(wb), 'Лист');
    expect(back.getColumn(4).hidden).toBe(true);
    expect([1, 2, 3].map((c) => back.getColumn(c).hidden)).toEqual([false, false, false]);
    expect(back.getCell('A2').alignment?.wrapText).toBe(true);
    expect(back.getCell('B1').alignment?.wrapText).toBe(true);
    expect(back.getCell('D1').alignment?.wrapText).toBeFalsy();
    expect(back.getRow(1).height ?? 15).toBeLessThanOrEqual(15);
    expect(back.getRow(2).height).toBeGreaterThan(15);
  });

  it('takes a tab into a book of its own with its merged cells', async () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('Справка');
    wb.ensureSheet('Другой');
    wb.writeBlock('Справка', 0, 0, [['Абзац, который занимает ширину трёх столбцов', null, null]]);
    wb.mergeAcross('Справка', { row: 0, col: 0, rows: 1, cols: 3 });
    const one = wb.takeSheet('Справка');
    expect(wb.sheetNames()).toEqual(['Другой']);
    const back = await roundTrip(one);
    expect(back.worksheets.map((ws) => ws.name)).toEqual(['Справка']);
    expect(sheet(back, 'Справка').getCell('C1').isMerged).toBe(true);
    expect(one.readSheet('Справка').merges).toEqual([{ row: 0, col: 0, rows: 1, cols: 3 }]);
  });

  it('changes the style of one cell only, even where cells of a loaded file share a style', async () => {
    const first = XlsxWorkbook.empty();
    first.ensureSheet('Лист');
    first.writeBlock('Лист', 0, 0, [[1, 2, 3]]);
    first.setBackgrounds('Лист', 0, 0, [['#00ff00', '#00ff00', '#00ff00']]);
    const path = join(dir, 'shared.xlsx');
    await first.save(path);

    const wb = await XlsxWorkbook.load(path);
    wb.setBackgrounds('Лист', 0, 1, [['#0000ff']]);
    wb.setFontWeights('Лист', 0, 0, [['bold']]);
    const back = sheet(await roundTrip(wb), 'Лист');
    expect(back.getCell('A1').fill).toMatchObject({ fgColor: { argb: 'FF00FF00' } });
    expect(back.getCell('B1').fill).toMatchObject({ fgColor: { argb: 'FF0000FF' } });
    expect(back.getCell('C1').fill).toMatchObject({ fgColor: { argb: 'FF00FF00' } });
    expect(back.getCell('A1').font?.bold).toBe(true);
    expect(back.getCell('C1').font?.bold).toBeFalsy();
  });

  it('writes validation', async () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('Лист');
    wb.setValidation('Лист', { row: 1, col: 0, rows: 2, cols: 1 }, { kind: 'list', values: ['да', 'нет', 'может быть'], strict: true });
    wb.setValidation('Лист', { row: 1, col: 1, rows: 1, cols: 2 }, { kind: 'number', min: 0, max: 100 });
    wb.setValidation('Лист', { row: 1, col: 3, rows: 1, cols: 1 }, { kind: 'number', min: 1, max: 11, integer: true });
    wb.setValidation('Лист', { row: 1, col: 4, rows: 1, cols: 1 }, { kind: 'checkbox' });
    wb.setValidation('Лист', { row: 5, col: 5, rows: 1, cols: 1 }, { kind: 'checkbox' });
    wb.setValidation('Лист', { row: 5, col: 5, rows: 1, cols: 1 }, null);

    const back = sheet(await roundTrip(wb), 'Лист');
    expect(back.getCell('A2').dataValidation).toMatchObject({ type: 'list', formulae: ['"да,нет,может быть"'] });
    expect(back.getCell('A3').dataValidation).toMatchObject({ type: 'list', formulae: ['"да,нет,может быть"'] });
    expect(back.getCell('B2').dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100] });
    expect(back.getCell('C2').dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    expect(back.getCell('D2').dataValidation).toMatchObject({ type: 'whole', operator: 'between', formulae: [1, 11] });
    expect(back.getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: ['"TRUE,FALSE"'] });
    expect(back.getCell('A1').dataValidation).toBeUndefined();
    expect(back.getCell('F6').dataValidation).toBeUndefined();
  });

  it('replaces only the marked conditional rules, and the others survive saving', async () => {
    const first = XlsxWorkbook.empty();
    first.ensureSheet('Лист');
    // A rule of the user's own, as a file brings it.
    sheet(first.wb, 'Лист').addConditionalFormatting({
      ref: 'A1:A10',
      rules: [
        {
          type: 'expression',
          formulae: ['$A1>5'],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FF123456' } } },
          priority: 1,
        },
      ],
    });
    const marker = '"ШНОР"<>""';
    first.replaceConditionalRules('Лист', marker, [
      {
        ranges: [
          { row: 2, col: 3, rows: 38, cols: 1 },
          { row: 2, col: 5, rows: 38, cols: 1 },
        ],
        formula: `=AND(${marker},D3<10)`,
        background: '#fce8e6',
        fontColor: '#990000',
        bold: true,
      },
    ]);
    const path = join(dir, 'rules.xlsx');
    await first.save(path);

    const loaded = new ExcelJS.Workbook();
    await loaded.xlsx.readFile(path);
    const cfs = parts(sheet(loaded, 'Лист')).conditionalFormattings;
    expect(cfs.map((cf) => cf.ref)).toEqual(['A1:A10', 'D3:D40 F3:F40']);
    expect(cfs[1]?.rules[0]).toMatchObject({
      type: 'expression',
      formulae: [`AND(${marker},D3<10)`],
      style: {
        fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFCE8E6' } },
        font: { bold: true, color: { argb: 'FF990000' } },
      },
    });
    expect(cfs[1]!.rules[0]!.priority).toBeGreaterThan(cfs[0]!.rules[0]!.priority);

    // Running again on the loaded file replaces ours and keeps the user's.
    const wb = await XlsxWorkbook.load(path);
    expect(wb.conditionalRules('Лист')).toEqual([
      { ranges: [{ row: 0, col: 0, rows: 10, cols: 1 }], formula: '=$A1>5', background: '#123456' },
      {
        ranges: [
          { row: 2, col: 3, rows: 38, cols: 1 },
          { row: 2, col: 5, rows: 38, cols: 1 },
        ],
        formula: `=AND(${marker},D3<10)`,
        background: '#fce8e6',
        fontColor: '#990000',
        bold: true,
      },
    ]);
    wb.replaceConditionalRules('Лист', marker, [
      { ranges: [{ row: 4, col: 1, rows: 1, cols: 1 }], formula: `=${marker}`, background: '#d9ead3' },
    ]);
    expect(wb.conditionalRules('Лист').map((r) => r.formula)).toEqual(['=$A1>5', `=${marker}`]);

    const back = parts(sheet(await roundTrip(wb), 'Лист')).conditionalFormattings;
    expect(back.map((cf) => cf.ref)).toEqual(['A1:A10', 'B5']);
    expect(back[0]?.rules[0]).toMatchObject({ formulae: ['$A1>5'], style: { fill: { bgColor: { argb: 'FF123456' } } } });
    expect(back[1]?.rules[0]).toMatchObject({ formulae: [marker], style: { fill: { bgColor: { argb: 'FFD9EAD3' } } } });

    wb.replaceConditionalRules('Лист', marker, []);
    expect(wb.conditionalRules('Лист').map((r) => r.formula)).toEqual(['=$A1>5']);
  });

  it('clears a sheet it owns but keeps the widths', async () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('Первый');
    wb.ensureSheet('Итоги');
    wb.ensureSheet('Последний');
    wb.writeBlock('Итоги', 0, 0, [['a', 'b']]);
    sheet(wb.wb, 'Итоги').mergeCells('A1:B1');
    wb.setBackgrounds('Итоги', 0, 0, [['#ff0000']]);
    wb.setNotes('Итоги', 0, 0, [['заметка']]);
    wb.setValidation('Итоги', { row: 0, col: 0, rows: 1, cols: 1 }, { kind: 'checkbox' });
    wb.setColumnWidths('Итоги', 0, [140]);
    wb.freeze('Итоги', 1, 0);
    wb.replaceConditionalRules('Итоги', 'M', [{ ranges: [{ row: 0, col: 0, rows: 1, cols: 1 }], formula: '=M1' }]);
    wb.clearSheet('Итоги');
    expect(wb.readSheet('Итоги')).toEqual({ sheet: 'Итоги', values: [], merges: [] });
    expect(wb.conditionalRules('Итоги')).toEqual([]);
    expect(wb.sheetNames()).toEqual(['Первый', 'Итоги', 'Последний']);

    wb.writeBlock('Итоги', 1, 0, [['новое']]);
    const back = sheet(await roundTrip(wb), 'Итоги');
    expect(back.getCell('A1').value).toBeNull();
    expect(noFill(back.getCell('A1').fill)).toBe(true);
    expect(back.getCell('A1').note).toBeUndefined();
    expect(back.getCell('A1').dataValidation).toBeUndefined();
    expect(back.getCell('A2').value).toBe('новое');
    expect((back.model as { merges?: string[] }).merges ?? []).toEqual([]);
    expect(parts(back).conditionalFormattings ?? []).toEqual([]);
    expect(back.views[0]?.state ?? 'normal').toBe('normal');
    expect(back.getColumn(1).width).toBe(20);
  });

  it('reads the sample with its merges', async () => {
    const wb = await XlsxWorkbook.load(SAMPLE);
    expect(wb.sheetNames()).toContain('Результаты');
    expect(wb.activeSheetName()).toBe(wb.sheetNames()[0]);
    const grid = wb.readSheet('Результаты');
    expect(grid.sheet).toBe('Результаты');
    expect(grid.merges?.length).toBe(45);
    expect(grid.merges?.every((m) => m.row === 1)).toBe(true);
    expect(grid.values.length).toBeGreaterThan(2);
  });

  it('loads from a buffer and names a missing sheet', async () => {
    const { readFile } = await import('node:fs/promises');
    const wb = await XlsxWorkbook.fromBuffer(await readFile(SAMPLE));
    expect(wb.sheetNames()).toContain('Школы');
    expect(() => wb.readSheet('Нет такого')).toThrow('Нет листа «Нет такого»');
    expect(() => wb.writeBlock('Нет такого', 0, 0, [[1]])).toThrow('Нет листа «Нет такого»');
    expect(() => wb.linkPrefix('Нет такого')).toThrow('Нет листа «Нет такого»');
    wb.toast('работаю');
  });

  it('takes the active tab from the workbook view when there is one', () => {
    const wb = XlsxWorkbook.empty();
    wb.ensureSheet('Один');
    wb.ensureSheet('Два');
    wb.ensureSheet('Три');
    expect(wb.activeSheetName()).toBe('Один');
    wb.wb.views = [{ activeTab: 1 } as ExcelJS.WorkbookView];
    expect(wb.activeSheetName()).toBe('Два');
    sheet(wb.wb, 'Два').state = 'hidden';
    sheet(wb.wb, 'Один').state = 'hidden';
    expect(wb.activeSheetName()).toBe('Три');
  });
});
