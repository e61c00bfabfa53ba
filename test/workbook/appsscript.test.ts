/**
 * AppsScriptWorkbook against a hand-written stub of the SpreadsheetApp objects it uses. The stub keeps a
 * grid per sheet, behaves like Sheets where it matters here (getRange past the edge throws, a leading
 * apostrophe makes text, an empty sheet's data range is A1) and counts every call, so that the tests can
 * hold each port method to one batched call.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// Imported before the stub is installed: the module must not touch SpreadsheetApp at load time.
import { parseResultTable } from '../../src/core/results';
import { activeWorkbook, AppsScriptWorkbook } from '../../src/workbook/appsscript';
import type { EmValidationRule } from '../../src/cli/emulator/apps-script';
import type { Validation } from '../../src/workbook/port';
import { callsOf, calls, install, key, type StubSheet, StubSpreadsheet, uninstall } from '../support/sheets-stub';

// ---------------------------------------------------------------------------------------------------

let ss: StubSpreadsheet;
let wb: AppsScriptWorkbook;
let sheet: StubSheet;

beforeEach(() => {
  ss = new StubSpreadsheet(['Данные', 'Итоги']);
  install(ss);
  wb = new AppsScriptWorkbook(ss.gas());
  sheet = ss.sheets[0] as StubSheet;
  calls.clear();
});

afterEach(() => {
  uninstall();
});

const LOTS = 2000;
const block = (rows: number, cols: number, f: (r: number, c: number) => unknown) =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => f(r, c)));

describe('AppsScriptWorkbook: one batched call per port method', () => {
  it(`writeBlock of ${LOTS} rows is one setValues (the grid grows once to fit)`, () => {
    wb.writeBlock('Данные', 0, 0, block(LOTS, 6, (r, c) => (c === 0 ? `Школа ${r}` : r * c)) as (string | number)[][]);
    expect(callsOf('Range.')).toEqual({ 'Range.setValues': 1 });
    expect(callsOf()).toEqual({
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getMaxRows': 1,
      'Sheet.insertRowsAfter': 1,
      'Sheet.getMaxColumns': 1,
      'Sheet.getRange': 1,
      'Range.setValues': 1,
    });
    expect(sheet.maxRows).toBe(LOTS);
    expect(sheet.values.get(key(LOTS - 1, 5))).toBe((LOTS - 1) * 5);
  });

  it(`setBackgrounds, setFontWeights and setNotes of ${LOTS} rows are one call each`, () => {
    sheet.maxRows = LOTS;
    wb.setBackgrounds('Данные', 0, 0, block(LOTS, 4, (r) => (r % 2 ? '#ffcccc' : null)) as (string | null)[][]);
    wb.setFontWeights('Данные', 0, 0, block(LOTS, 4, () => 'bold') as 'bold'[][]);
    wb.setNotes('Данные', 0, 0, block(LOTS, 4, () => '') as string[][]);
    expect(callsOf('Range.')).toEqual({ 'Range.setBackgrounds': 1, 'Range.setFontWeights': 1, 'Range.setNotes': 1 });
    // The same block: its Range is fetched once and used for all three.
    expect(calls.get('Sheet.getRange')).toBe(1);
    expect(calls.get('Spreadsheet.getSheetByName')).toBe(1); // the tab is looked up once per workbook
    expect(sheet.backgrounds.get(key(LOTS - 1, 3))).toBe('#ffcccc');
    expect(sheet.backgrounds.get(key(LOTS - 2, 3))).toBeUndefined();
  });

  it(`readSheet of ${LOTS} rows is one getValues (and one getMergedRanges)`, () => {
    sheet.maxRows = LOTS;
    wb.writeBlock('Данные', 0, 0, block(LOTS, 3, (r, c) => r + c) as number[][]);
    calls.clear();
    const grid = wb.readSheet('Данные');
    expect(callsOf('Range.')).toEqual({ 'Range.getValues': 1, 'Range.getMergedRanges': 1 });
    expect(calls.get('Sheet.getDataRange')).toBe(1);
    expect(grid.values).toHaveLength(LOTS);
    expect(grid.values[LOTS - 1]).toEqual([LOTS - 1, LOTS, LOTS + 1]);
  });

  it('writeFormulas without nulls is one setFormulas; nulls leave their cells (values too) untouched', () => {
    wb.writeFormulas('Данные', 1, 0, block(LOTS / 2, 1, (r) => `=HYPERLINK("#gid=${r}","${r}")`) as string[][]);
    expect(callsOf('Range.')).toEqual({ 'Range.setFormulas': 1 });

    wb.writeBlock('Данные', 0, 5, [['keep', 'keep']]);
    calls.clear();
    wb.writeFormulas('Данные', 0, 4, [
      ['=A1', null, null],
      ['=A2', '=B2', '=C2'],
      ['=A3', '=B3', '=C3'],
    ]);
    // Column E (one rectangle of 3 rows) and F:G below the nulls (one rectangle of 2 rows).
    expect(calls.get('Range.setFormulas')).toBe(2);
    expect(sheet.values.get(key(0, 5))).toBe('keep');
    expect(sheet.values.get(key(0, 6))).toBe('keep');
    expect(sheet.formulas.get(key(2, 6))).toBe('=C3');
    expect(sheet.formulas.get(key(0, 4))).toBe('=A1');
  });
});

describe('AppsScriptWorkbook.writeBlock', () => {
  it('writes text that looks like a formula with a leading apostrophe, so that it stays text', () => {
    const line = ['=IMPORTXML("http://x","//a")', '+7 913', '-5', '@home', 'обычный текст', 42, -3, true, null, undefined, "'в кавычке"];
    wb.writeBlock('Данные', 0, 0, [line]);
    expect(sheet.written[0]).toEqual([
      ['\'=IMPORTXML("http://x","//a")', "'+7 913", "'-5", "'@home", 'обычный текст', 42, -3, true, '', '', "''в кавычке"],
    ]);
    expect(sheet.formulas.size).toBe(0);
    expect(wb.readSheet('Данные').values[0]).toEqual([
      '=IMPORTXML("http://x","//a")',
      '+7 913',
      '-5',
      '@home',
      'обычный текст',
      42,
      -3,
      true,
      null,
      null,
      "'в кавычке",
    ]);
  });

  it('grows the sheet by columns when the block goes past the last column, and only then', () => {
    expect(sheet.maxCols).toBe(26);
    wb.writeBlock('Данные', 0, 24, [[1, 2, 3, 4, 5]]);
    expect(calls.get('Sheet.insertColumnsAfter')).toBe(1);
    expect(calls.get('Sheet.insertRowsAfter')).toBeUndefined();
    expect(sheet.maxCols).toBe(29);
    expect(sheet.values.get(key(0, 28))).toBe(5);

    calls.clear();
    wb.writeBlock('Данные', 1, 25, [[1, 2, 3, 4]]);
    expect(calls.get('Sheet.insertColumnsAfter')).toBeUndefined();
  });

  it('throws on a block that is not rectangular, and writes nothing', () => {
    expect(() => wb.writeBlock('Данные', 0, 0, [[1, 2], [3]])).toThrow(/не прямоугольный/);
    expect(calls.get('Range.setValues')).toBeUndefined();
  });

  it('an empty block makes no call', () => {
    wb.writeBlock('Данные', 0, 0, []);
    expect(callsOf()).toEqual({});
  });
});

describe('AppsScriptWorkbook.readSheet', () => {
  it("maps merges to 0-based ranges, '' to null, and keeps Dates", () => {
    const day = new Date(2026, 4, 15);
    sheet.values.set(key(0, 0), 'Школа');
    sheet.values.set(key(0, 1), 'ЕГЭ');
    sheet.values.set(key(0, 2), '');
    sheet.values.set(key(1, 0), '');
    sheet.values.set(key(1, 1), 12.5);
    sheet.values.set(key(2, 2), day);
    sheet.merges = [{ row: 0, col: 1, rows: 1, cols: 2 }];
    const grid = wb.readSheet('Данные');
    expect(grid).toEqual({
      sheet: 'Данные',
      values: [
        ['Школа', 'ЕГЭ', null],
        [null, 12.5, null],
        [null, null, day],
      ],
      merges: [{ row: 0, col: 1, rows: 1, cols: 2 }],
    });
    expect(grid.values[2]?.[2]).toBeInstanceOf(Date);
  });

  it('an empty sheet has no rows', () => {
    expect(wb.readSheet('Итоги')).toEqual({ sheet: 'Итоги', values: [], merges: [] });
  });

  it('an unknown sheet is an error in Russian', () => {
    expect(() => wb.readSheet('Нет такого')).toThrow('Нет листа «Нет такого»');
  });
});

describe('AppsScriptWorkbook.replaceConditionalRules', () => {
  const MARKER = 'N("ШНОР")';

  it("keeps the user's rules first and in order, and replaces only the marked ones", () => {
    const userGradient = { ranges: [{ row: 0, col: 0, rows: 10, cols: 1 }], formula: '' };
    const oldOurs1 = { ranges: [{ row: 1, col: 2, rows: 5, cols: 1 }], formula: `=AND($C2<3,${MARKER})`, background: '#f4cccc' };
    const userNumber = { ranges: [{ row: 0, col: 1, rows: 10, cols: 1 }], formula: '', background: '#00ff00' };
    const userFormula = { ranges: [{ row: 0, col: 3, rows: 10, cols: 1 }], formula: '=$D1>100', background: '#ffff00' };
    const oldOurs2 = { ranges: [{ row: 1, col: 4, rows: 5, cols: 1 }], formula: `=AND($E2="",${MARKER})` };
    sheet.rules = [userGradient, oldOurs1, userNumber, userFormula, oldOurs2];

    wb.replaceConditionalRules('Данные', MARKER, [
      { ranges: [{ row: 1, col: 2, rows: 7, cols: 2 }], formula: `=AND($C2<3,${MARKER})`, background: '#ea9999', bold: true },
      { ranges: [{ row: 1, col: 5, rows: 7, cols: 1 }], formula: `=AND($F2="",${MARKER})`, fontColor: '#999999' },
    ]);

    expect(calls.get('Sheet.setConditionalFormatRules')).toBe(1);
    expect(sheet.rules.slice(0, 3)).toEqual([userGradient, userNumber, userFormula]);
    expect(sheet.rules).toHaveLength(5);

    expect(wb.conditionalRules('Данные')).toEqual([
      { ranges: [{ row: 0, col: 0, rows: 10, cols: 1 }], formula: '' },
      { ranges: [{ row: 0, col: 1, rows: 10, cols: 1 }], formula: '', background: '#00ff00' },
      { ranges: [{ row: 0, col: 3, rows: 10, cols: 1 }], formula: '=$D1>100', background: '#ffff00' },
      { ranges: [{ row: 1, col: 2, rows: 7, cols: 2 }], formula: `=AND($C2<3,${MARKER})`, background: '#ea9999', bold: true },
      { ranges: [{ row: 1, col: 5, rows: 7, cols: 1 }], formula: `=AND($F2="",${MARKER})`, fontColor: '#999999' },
    ]);

    // Running it again replaces ours and nothing else.
    wb.replaceConditionalRules('Данные', MARKER, []);
    expect(sheet.rules).toEqual([userGradient, userNumber, userFormula]);
  });

  it('a formula Sheets would refuse (Russian separators, another sheet) throws before any rule is set', () => {
    for (const formula of ['=ЕСЛИ($A1>1;1;0)', "=$A1>'Итоги'!B1", '=AND($A1>1;TRUE)']) {
      expect(() => wb.replaceConditionalRules('Данные', MARKER, [{ ranges: [{ row: 0, col: 0, rows: 1, cols: 1 }], formula }])).toThrow(
        /Invalid formula/,
      );
    }
    expect(calls.get('Sheet.setConditionalFormatRules')).toBeUndefined();
  });
});

describe('AppsScriptWorkbook: the rest of the port', () => {
  it('sheetNames, activeSheetName, ensureSheet (at the end), toast', () => {
    expect(wb.sheetNames()).toEqual(['Данные', 'Итоги']);
    expect(wb.activeSheetName()).toBe('Данные');
    expect(wb.ensureSheet('Данные')).toEqual({ created: false });
    expect(wb.ensureSheet('ШНОР: школы')).toEqual({ created: true });
    expect(wb.sheetNames()).toEqual(['Данные', 'Итоги', 'ШНОР: школы']);
    wb.writeBlock('ШНОР: школы', 0, 0, [['ok']]);
    wb.toast('Готово');
    wb.toast('Ошибка', 'Внимание');
    expect(ss.toasts).toEqual([
      ['Готово', 'ШНОР', 5],
      ['Ошибка', 'Внимание', 5],
    ]);
  });

  it('setValidation builds list, number and checkbox rules and clears with null', () => {
    const r = { row: 1, col: 2, rows: 30, cols: 1 };
    wb.setValidation('Данные', r, { kind: 'list', values: ['да', 'нет'], strict: true });
    wb.setValidation('Данные', r, { kind: 'list', values: ['а'], strict: false });
    wb.setValidation('Данные', r, { kind: 'number', min: 0, max: 100 });
    wb.setValidation('Данные', r, { kind: 'number', min: 0.5, max: 5, integer: true });
    wb.setValidation('Данные', r, { kind: 'checkbox' });
    wb.setValidation('Данные', r, null);
    const built = ss.em.log
      .filter((c) => c.call === 'Range.setDataValidation')
      .map((c) => {
        const { criteria, args, allowInvalid, helpText } = c.args[0] as EmValidationRule;
        return { criteria, args, allowInvalid, helpText };
      });
    expect(built).toEqual([
      { criteria: 'VALUE_IN_LIST', args: [['да', 'нет'], true], allowInvalid: false, helpText: null },
      { criteria: 'VALUE_IN_LIST', args: [['а'], true], allowInvalid: true, helpText: null },
      { criteria: 'NUMBER_BETWEEN', args: [0, 100], allowInvalid: true, helpText: 'Число от 0 до 100' },
      { criteria: 'NUMBER_BETWEEN', args: [0.5, 5], allowInvalid: true, helpText: 'Целое число от 0,5 до 5' },
      { criteria: 'CHECKBOX', args: [], allowInvalid: true, helpText: null },
    ]);
    expect(sheet.validations).toEqual([]);
    expect(calls.get('Range.setDataValidation')).toBe(5);
    expect(calls.get('Range.clearDataValidations')).toBe(1);
  });

  it('a list of more than 500 items becomes a list from a range of the hidden «Списки», written once and kept out of sheetNames', () => {
    // Sheets refuses a list of 501 items (the emulator throws as Sheets does): the adapter must not ask.
    const people = Array.from({ length: 620 }, (_, i) => `педагог ${i + 1}`);
    const long: Validation = { kind: 'list', values: people, strict: false };
    const short: Validation = { kind: 'list', values: ['да', 'нет'], strict: true };
    wb.setValidations('Данные', 1, 0, [[long, short, long]]);
    wb.setValidation('Итоги', { row: 1, col: 0, rows: 5, cols: 1 }, long);
    const lists = ss.em.wb.sheet('Списки');
    expect(lists.hidden).toBe(true);
    expect(lists.values.map((line) => line[0])).toEqual(people);
    expect(lists.values.every((line) => line.length === 1)).toBe(true);
    const read = ss.em.spreadsheet().getSheetByName('Данные')!.getRange(2, 1, 1, 2).getDataValidations()[0]!;
    expect(read.map((v) => v!.getCriteriaType())).toEqual(['VALUE_IN_RANGE', 'VALUE_IN_LIST']);
    expect((read[0]!.getCriteriaValues()[0] as { getA1Notation(): string }).getA1Notation()).toBe('A1:A620');
    expect(read[0]!.getAllowInvalid()).toBe(true);
    expect(sheet.validations.find((v) => v.range.col === 0)?.rule).toEqual(long);
    // Not a tab of anyone's: the port does not list it; a new object (a rerun) finds the column again.
    expect(wb.sheetNames()).toEqual(['Данные', 'Итоги']);
    const again = new AppsScriptWorkbook(ss.gas());
    calls.clear();
    again.setValidation('Итоги', { row: 1, col: 1, rows: 5, cols: 1 }, { ...long, values: [...people] });
    expect(lists.values.every((line) => line.length === 1)).toBe(true);
    expect(calls.get('Range.setValues') ?? 0).toBe(0);
    expect(calls.get('Range.getValues')).toBe(1);
  });

  it('setColumnWidths is one call when the widths are equal, one per run otherwise', () => {
    wb.setColumnWidths('Данные', 0, [120, 120, 120]);
    expect(callsOf('Sheet.setColumn')).toEqual({ 'Sheet.setColumnWidths': 1 });
    calls.clear();
    wb.setColumnWidths('Данные', 3, [200, 80, 80, 300]);
    expect(callsOf('Sheet.setColumn')).toEqual({ 'Sheet.setColumnWidth': 2, 'Sheet.setColumnWidths': 1 });
    expect([...sheet.widths].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 120],
      [1, 120],
      [2, 120],
      [3, 200],
      [4, 80],
      [5, 80],
      [6, 300],
    ]);
  });

  it('freeze, setNumberFormat, clearBlock', () => {
    wb.freeze('Данные', 1, 2);
    expect(sheet.frozen).toEqual({ rows: 1, cols: 2 });
    wb.setNumberFormat('Данные', { row: 1, col: 3, rows: 10, cols: 1 }, '0.0%');
    expect(sheet.formats).toEqual([{ range: { row: 1, col: 3, rows: 10, cols: 1 }, format: '0.0%' }]);
    wb.writeBlock('Данные', 0, 0, [
      [1, 2],
      [3, 4],
    ]);
    calls.clear();
    wb.clearBlock('Данные', { row: 0, col: 1, rows: 2, cols: 1 });
    expect(callsOf('Range.')).toEqual({ 'Range.clearContent': 1 });
    expect(wb.readSheet('Данные').values).toEqual([[1], [3]]);
  });

  it('clearSheet clears values, notes, validation, merges and conditional rules', () => {
    wb.writeBlock('Данные', 0, 0, [['x']]);
    sheet.notes.set(key(0, 0), 'заметка');
    sheet.merges = [{ row: 0, col: 0, rows: 2, cols: 2 }];
    sheet.rules = [{ ranges: [], formula: '' }];
    wb.clearSheet('Данные');
    expect(calls.get('Sheet.clear')).toBe(1);
    expect(sheet.notes.size).toBe(0);
    expect(sheet.merges).toEqual([]);
    expect(sheet.rules).toEqual([]);
    expect(ss.em.log.find((c) => c.call === 'Range.clearDataValidations')?.args).toEqual([]);
    expect(sheet.validations).toEqual([]);
    expect(wb.readSheet('Данные').values).toEqual([]);
  });

  it('linkPrefix links by the sheet id, not by its position', () => {
    expect(wb.linkPrefix('Данные')).toBe('#gid=0&range=');
    expect(wb.linkPrefix('Итоги')).toBe(`#gid=${ss.em.state.ids.get('Итоги')}&range=`);
    expect(ss.em.state.ids.get('Итоги')).not.toBe(1);
    expect(() => wb.linkPrefix('Нет такого')).toThrow('Нет листа «Нет такого»');
  });

  it('activeWorkbook wraps the active spreadsheet', () => {
    expect(activeWorkbook().sheetNames()).toEqual(['Данные', 'Итоги']);
  });
});

describe('AppsScriptWorkbook.readSheet: percent formats read, not guessed', () => {
  const results = (shares: number[]) => [
    ['Название ОО', 'Логин ОО', 'ВПР МА 5 2026', 'ВПР МА 5 2026'],
    ['', '', '% 2', '% Выс. рез-тов'],
    ...shares.map((s, i) => [`Школа ${i + 1}`, `sch77100${i + 1}`, s, 0.2]),
  ];
  const shareOf = (format: string) => {
    wb.writeBlock('Данные', 0, 0, results([0.5, 0.3, 0.05]));
    wb.setNumberFormat('Данные', { row: 2, col: 2, rows: 3, cols: 2 }, format);
    calls.clear();
    const grid = wb.readSheet('Данные');
    const table = parseResultTable(grid);
    expect(calls.get('Range.getNumberFormats')).toBe(1);
    return table.schools.map((s) => s.results[0]?.fail);
  };

  it('the same values: fractions under a percent format, percentages under a decimal one', () => {
    expect(shareOf('0.0%')).toEqual([50, 30, 5]);
    expect(shareOf('0.0')).toEqual([0.5, 0.3, 0.05]);
  });

  it('an automatic format says nothing: the values decide, and a sheet never parsed costs no extra call', () => {
    wb.writeBlock('Данные', 0, 0, results([0.5, 0.3, 0.05]));
    calls.clear();
    expect(parseResultTable(wb.readSheet('Данные')).schools[0]?.results[0]?.fail).toBe(50);
    calls.clear();
    wb.readSheet('Данные');
    expect(calls.get('Range.getNumberFormats')).toBeUndefined();
  });
});
