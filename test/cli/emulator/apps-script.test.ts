/** The Apps Script emulator's own rules, each as the reference page it cites says Sheets behaves. */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  AppsScriptEmulator,
  asTyped,
  CELL_LIMIT,
  CELL_TEXT_LIMIT,
  conditionalFormulaProblem,
  type EmSheet,
  LIST_ITEM_LIMIT,
  type UiHost,
} from '../../../src/cli/emulator/apps-script';
import { callSeconds, COST, LIMIT_SECONDS } from '../../../src/cli/emulator/cost';
import { sheetView } from '../../../src/cli/preview/view';
import { MemoryWorkbook } from '../../../src/workbook/memory';
import { silent as silentUi } from '../../support/sheets-stub';

const OWNER = 'boss@rono.example';
const ME = 'metod@rono.example';
const GROUP = 'metodisty@rono.example';

function emulator(user = OWNER) {
  const wb = new MemoryWorkbook([
    { sheet: 'Лист', values: [['a', 1]] },
    { sheet: 'Другой', values: [] },
  ]);
  wb.owner = OWNER;
  wb.user = user;
  const em = new AppsScriptEmulator(wb);
  const ss = em.spreadsheet();
  return { wb, em, ss, sheet: ss.getSheetByName('Лист')! };
}

/** The owner protects the sheet for `editors`; the emulator then runs as `user`. */
function protectedBy(editors: string[], user: string) {
  const t = emulator(OWNER);
  const p = t.sheet.protect().setDescription('ШНОР: лист');
  p.addEditors(editors);
  p.removeEditors(p.getEditors().filter((u) => !editors.includes(u.getEmail())));
  t.wb.user = user;
  return { ...t, p };
}

describe('sheets', () => {
  it('hideSheet hides, isSheetHidden tells, and the last visible sheet cannot be hidden', () => {
    const { ss, sheet } = emulator();
    expect(sheet.isSheetHidden()).toBe(false);
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
    expect(() => ss.getSheetByName('Другой')!.hideSheet()).toThrow("You can't hide all the sheets in a document.");
    sheet.showSheet();
    expect(sheet.isSheetHidden()).toBe(false);
  });
});

describe('text written by a script is read as typed in a ru_RU spreadsheet', () => {
  it('numbers, shares, booleans and day-first dates; plain-text cells keep the text', () => {
    expect(asTyped('25', '')).toBe(25);
    expect(asTyped('0,5', '')).toBe(0.5);
    expect(asTyped('15 %', '')).toBeCloseTo(0.15);
    expect(asTyped('ИСТИНА', '')).toBe(true);
    expect(asTyped('1.1', '', 2026)).toEqual(new Date(Date.UTC(2026, 0, 1)));
    expect(asTyped('31.12.2026', '')).toEqual(new Date(Date.UTC(2026, 11, 31)));
    expect(asTyped('31.02.2026', '')).toBe('31.02.2026');
    expect(asTyped('2026–27', '')).toBe('2026–27');
    expect(asTyped('sch771005', '')).toBe('sch771005');
    expect(asTyped('1.1', '@')).toBe('1.1');
  });

  it('through setValues: «1.1» becomes a date unless the cell is plain text or the text starts with an apostrophe', () => {
    const { sheet } = emulator();
    sheet.getRange(3, 1, 1, 3).setValues([['1.1', "'1.2", '007']]);
    const got = sheet.getRange(3, 1, 1, 3).getValues()[0]!;
    expect(got[0]).toBeInstanceOf(Date);
    expect(got.slice(1)).toEqual(['1.2', 7]);
    sheet.getRange(4, 1).setNumberFormat('@');
    sheet.getRange(4, 1).setValue('1.1');
    expect(sheet.getRange(4, 1).getValue()).toBe('1.1');
  });
});

describe('ranges', () => {
  it('set*s refuses a block whose size is not the range’s, with Sheets’ message', () => {
    const { sheet } = emulator();
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 1, 2).setBackgrounds([['#fff']])).toThrow(
      /number of columns in the data .* The data has 1 but the range has 2/,
    );
    expect(() => sheet.getRange(1, 1, 1, 1).setValues([[{}]])).toThrow(/don't match the method signature/);
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow('Those rows are out of bounds.');
  });

  it('getValues gives numbers, booleans, Dates of the caller’s realm and "" for blanks; getNumberFormats the automatic format', () => {
    const { em, sheet } = emulator();
    const context = vm.createContext({});
    em.useRealm(context);
    const RealmDate = vm.runInContext('Date', context) as DateConstructor;
    sheet.getRange(2, 1, 1, 4).setValues([[new RealmDate(Date.UTC(2026, 8, 1)), true, '', "'=1"]]);
    const [line] = sheet.getRange(2, 1, 1, 5).getValues() as unknown[][];
    expect(line?.[0]).toBeInstanceOf(RealmDate);
    expect(line?.slice(1)).toEqual([true, '', '=1', '']);
    sheet.getRange(2, 2, 1, 1).setNumberFormat('0.0%');
    expect(sheet.getRange(2, 1, 1, 2).getNumberFormats()).toEqual([['0.###############', '0.0%']]);
  });

  it('getSheetValues is getRange(…).getValues() in one call: the same values, -1 for the last row or column with data, the same refusals', () => {
    const { em, sheet } = emulator();
    sheet.getRange(3, 2, 1, 2).setValues([['x', 7]]);
    const before = em.log.length;
    expect(sheet.getSheetValues(1, 1, 3, 3)).toEqual(sheet.getRange(1, 1, 3, 3).getValues());
    expect(em.log.slice(before).map((c) => c.call)).toEqual(['Sheet.getSheetValues', 'Sheet.getRange', 'Range.getValues']);
    expect(sheet.getSheetValues(-1, -1, 1, 1)).toEqual([[7]]);
    expect(sheet.getSheetValues(1, 2, 1, 1)).toEqual([[1]]);
    expect(() => sheet.getSheetValues(1000, 1, 2, 1)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.getSheetValues(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
  });

  it('a date written from the bundle’s realm is stored as a date: the preview shows it as dd.mm.yyyy', () => {
    const { wb, sheet } = emulator();
    const RealmDate = vm.runInContext('Date', vm.createContext({})) as DateConstructor;
    sheet.getRange(3, 1).setValue(new RealmDate(Date.UTC(2026, 8, 1)));
    expect(wb.sheet('Лист').values[2]?.[0]).toBeInstanceOf(Date);
    const view = sheetView(wb.sheet('Лист'), new Map());
    expect(JSON.stringify(view)).toContain('01.09.2026');
    expect(JSON.stringify(view)).not.toContain('2026-09-01T');
  });
});

describe('sheets and the cell limit', () => {
  it('a new tab is 1000 × 26, and a tab past 10 million cells is refused', () => {
    const { em, ss } = emulator();
    const tab = ss.insertSheet('Новый', 2);
    expect([tab.getMaxRows(), tab.getMaxColumns()]).toEqual([1000, 26]);
    expect(() => ss.insertSheet('Новый')).toThrow(/already exists/);
    tab.deleteRows(11, 990);
    tab.deleteColumns(6, 21);
    expect(em.gridSize('Новый')).toEqual({ rows: 10, cols: 5 });
    expect(() => tab.deleteRows(1, 10)).toThrow(/not possible to delete all/);
    em.setGridSize('Лист', CELL_LIMIT / 26 - 1000, 26);
    expect(() => ss.insertSheet('Ещё')).toThrow(/above the limit of 10000000 cells/);
    expect(() => ss.getSheetByName('Лист')!.insertRowsAfter(1, 1000)).toThrow(/above the limit/);
  });

  it('hideColumns hides columns of the grid (1-based) and refuses those past its edge', () => {
    const { wb, ss } = emulator();
    const tab = ss.insertSheet('Новый');
    tab.deleteColumns(6, 21);
    tab.hideColumns(4, 2);
    expect([...wb.sheet('Новый').hiddenColumns]).toEqual([3, 4]);
    expect(() => tab.hideColumns(5, 2)).toThrow('Those columns are out of bounds.');
    expect(() => tab.hideColumns(0, 1)).toThrow('Those columns are out of bounds.');
  });

  it('a sheet has one filter: a second createFilter is refused until getFilter().remove(), which Sheet.clear leaves alone', () => {
    const { wb, sheet } = emulator();
    expect(sheet.getFilter()).toBeNull();
    sheet.getRange(1, 1, 1, 2).createFilter();
    expect(wb.sheet('Лист').filter).toEqual({ row: 0, col: 0, rows: 1, cols: 2 });
    expect(() => sheet.getRange(1, 1, 1, 1).createFilter()).toThrow("You can't create a filter in a sheet that already has a filter.");
    sheet.clear();
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:B1');
    sheet.getFilter()?.remove();
    expect(sheet.getFilter()).toBeNull();
    sheet.getRange(1, 1, 1, 1).createFilter();
    expect(wb.sheet('Лист').filter).toEqual({ row: 0, col: 0, rows: 1, cols: 1 });
  });
});

describe('identities', () => {
  const host: UiHost = {
    menu: () => undefined,
    alert: () => undefined,
    ask: () => ({ button: 'OK', text: '' }),
    showSidebar: () => undefined,
    showDialog: () => undefined,
    toast: () => undefined,
  };
  it('Session gives the person’s e-mail, or "" for an account Google does not disclose; the owner likewise; a shared drive has no owner', () => {
    const { em, ss } = emulator(ME);
    const g = em.globals(host, { dist: '.', title: 'x' }) as { Session: { getActiveUser(): { getEmail(): string } } };
    expect(g.Session.getActiveUser().getEmail()).toBe(ME);
    em.identity.hideUser = true;
    expect(g.Session.getActiveUser().getEmail()).toBe('');
    expect(ss.getOwner()?.getEmail()).toBe(OWNER);
    em.identity.hideOwner = true;
    expect(ss.getOwner()?.getEmail()).toBe('');
    em.identity.sharedDrive = true;
    expect(ss.getOwner()).toBeNull();
  });

  it('the document lock: tryLock fails while another execution holds it', () => {
    const { em } = emulator();
    const g = em.globals(host, { dist: '.', title: 'x' }) as {
      LockService: { getDocumentLock(): { tryLock(ms: number): boolean; waitLock(ms: number): void } };
    };
    expect(g.LockService.getDocumentLock().tryLock(1000)).toBe(true);
    expect(em.lock.acquired).toBe(1);
    em.lock.heldByOther = true;
    expect(g.LockService.getDocumentLock().tryLock(1000)).toBe(false);
    expect(() => g.LockService.getDocumentLock().waitLock(1000)).toThrow(/Lock timeout/);
  });
});

describe('protections', () => {
  it('a person not among the editors cannot write, read the editors or change the protection; canEdit says so', () => {
    const { p, sheet } = protectedBy([OWNER, ME], 'other@rono.example');
    expect(p.canEdit()).toBe(false);
    expect(() => sheet.getRange(1, 1).setValue('x')).toThrow(/protected cell or object/);
    expect(() => p.getEditors()).toThrow(/do not have permission/);
    expect(() => p.setDescription('ШНОР: чужая')).toThrow(/do not have permission/);
    expect(() => p.remove()).toThrow(/do not have permission/);
    expect(() => sheet.protect().addEditors(['other@rono.example'])).toThrow(/do not have permission/);
  });

  it('an editor, directly or through a group, writes; the owner always can', () => {
    const direct = protectedBy([OWNER, ME], ME);
    expect(direct.p.canEdit()).toBe(true);
    direct.sheet.getRange(1, 1).setValue('x');
    const viaGroup = protectedBy([OWNER, GROUP], ME);
    viaGroup.em.identity.groups.set(GROUP, [ME]);
    expect(viaGroup.p.canEdit()).toBe(true);
    viaGroup.sheet.getRange(1, 1).setValue('y');
    viaGroup.wb.user = OWNER;
    expect(viaGroup.p.canEdit()).toBe(true);
  });

  it('removing the group a person’s access comes from throws, unless they were made an editor first; owner and self stay', () => {
    const t = protectedBy([OWNER, GROUP], ME);
    t.em.identity.groups.set(GROUP, [ME]);
    expect(() => t.p.removeEditors([GROUP])).toThrow(/cannot remove yourself/);
    t.p.addEditors([ME]);
    t.p.removeEditors([GROUP, OWNER, ME]);
    expect(
      t.p
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual([OWNER, ME].sort());
  });

  it('a warning-only protection lets everyone write; a range protection guards its range only', () => {
    const t = protectedBy([OWNER], ME);
    t.wb.user = OWNER;
    t.p.setWarningOnly(true);
    t.wb.user = ME;
    t.sheet.getRange(1, 1).setValue('можно');
    t.wb.user = OWNER;
    const other = t.ss.getSheetByName('Другой')!;
    const head = other.getRange(1, 1, 1, 3).protect();
    head.removeEditors(head.getEditors());
    t.wb.user = ME;
    other.getRange(2, 1).setValue('ниже шапки');
    expect(() => other.getRange(1, 2, 2, 1).setValues([['в шапку'], ['']])).toThrow(/protected/);
    expect(() => other.clear()).toThrow(/protected/);
  });
});

describe('conditional formats', () => {
  it('formulas in English, with commas, without other sheets (INDIRECT text aside)', () => {
    expect(conditionalFormulaProblem('=AND($A2>1,N("ШНОР")=0)')).toBeNull();
    expect(conditionalFormulaProblem('=$A2>INDIRECT("Итоги!B1")')).toBeNull();
    expect(conditionalFormulaProblem('=ЕСЛИ($A2>1,1,0)')).toMatch(/по-английски/);
    expect(conditionalFormulaProblem('=AND($A2>1;TRUE)')).toMatch(/запятая/);
    expect(conditionalFormulaProblem("=$A2>'Итоги'!B1")).toMatch(/другой лист/);
  });
});

describe('the cost model', () => {
  it('charges calls, structural calls and cells, and stops a run past 6 minutes — for good', () => {
    expect(callSeconds('Range.getValues')).toBe(COST.call);
    expect(callSeconds('Spreadsheet.insertSheet')).toBeGreaterThan(callSeconds('Sheet.insertRowsBefore'));
    expect(callSeconds('Range.setValues', 4000)).toBeCloseTo(COST.call + 0.048);
    const { em, sheet } = emulator();
    const range = sheet.getRange(1, 1);
    const per = callSeconds('Range.getValues', 0, 1);
    const calls = Math.floor((LIMIT_SECONDS - em.clock.seconds) / per);
    for (let i = 0; i < calls; i++) range.getValues();
    expect(() => range.getValues()).toThrow('Exceeded maximum execution time');
    expect(() => sheet.getRange(1, 1)).toThrow('Exceeded maximum execution time');
    em.beginExecution();
    expect(range.getValues()).toEqual([['a']]);
  });
});

/**
 * Google's limits the add-on's code can reach (#25): each test fails on the lenient emulator that let the
 * call through.
 */
describe('as strict as Google', () => {
  /** SpreadsheetApp as the bundle sees it, on `em`. */
  const appOf = (em: AppsScriptEmulator) =>
    em.globals(silentUi, { dist: '', title: 'ШНОР' }).SpreadsheetApp as {
      newDataValidation(): {
        requireValueInList(values: string[], dropdown?: boolean): { build(): unknown };
        requireValueInRange(range: unknown, dropdown?: boolean): { setAllowInvalid(a: boolean): { build(): unknown } };
      };
      newConditionalFormatRule(): {
        whenFormulaSatisfied(f: string): { setRanges(r: unknown[]): { setBackground(c: string): { build(): unknown } } };
      };
    };

  it('a dropdown list of more than 500 items is refused with Google’s words; a list from a range holds any number', () => {
    const { em, sheet } = emulator();
    const app = appOf(em);
    const items = Array.from({ length: LIST_ITEM_LIMIT + 1 }, (_, i) => `исполнитель ${i + 1}`);
    app.newDataValidation().requireValueInList(items.slice(0, LIST_ITEM_LIMIT)).build();
    expect(() => app.newDataValidation().requireValueInList(items).build()).toThrow(
      'The data validation rule has more items than the limit of 500. Use the "List from a range" criteria instead.',
    );
    const source = sheet.getRange(1, 5, items.length, 1);
    source.setValues(items.map((v) => [v]));
    const rule = app.newDataValidation().requireValueInRange(source, true).setAllowInvalid(true).build();
    sheet.getRange(2, 1, 10, 1).setDataValidation(rule as never);
    const read = sheet.getRange(2, 1).getDataValidations()[0]![0]!;
    expect(read.getCriteriaType()).toBe('VALUE_IN_RANGE');
    expect((read.getCriteriaValues()[0] as { getA1Notation(): string }).getA1Notation()).toBe(`E1:E${items.length}`);
    // The workbook model (what the preview draws) has the items of the range.
    expect(em.wb.sheet('Лист').validations.at(-1)?.rule).toMatchObject({ kind: 'list', values: items });
    expect(() => app.newDataValidation().requireValueInRange('E1:E9' as never)).toThrow(/don't match the method signature/);
  });

  it(`a cell of more than ${CELL_TEXT_LIMIT} characters is refused, and nothing of the block is written`, () => {
    const { sheet } = emulator();
    sheet.getRange(3, 1).setValue('я'.repeat(CELL_TEXT_LIMIT));
    expect(String(sheet.getRange(3, 1).getValue())).toHaveLength(CELL_TEXT_LIMIT);
    // A leading apostrophe is not part of the text.
    sheet.getRange(3, 2).setValue(`'${'я'.repeat(CELL_TEXT_LIMIT)}`);
    expect(() => sheet.getRange(4, 1, 1, 2).setValues([['короткий', 'я'.repeat(CELL_TEXT_LIMIT + 1)]])).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    expect(sheet.getRange(4, 1).getValue()).toBe('');
  });

  it('deleting every non-frozen column (or row) is refused; frozen ones and one more may stay', () => {
    const { ss } = emulator();
    const tab: EmSheet = ss.insertSheet('Узкий');
    tab.setFrozenColumns(2);
    tab.setFrozenRows(1);
    // Columns C:Z are the non-frozen ones: all of them at once is refused, all but one is not.
    expect(() => tab.deleteColumns(3, 24)).toThrow('Sorry, it is not possible to delete all non-frozen columns.');
    expect(() => tab.deleteColumns(1, 26)).toThrow('Sorry, it is not possible to delete all non-frozen columns.');
    tab.deleteColumns(4, 23);
    expect(tab.getMaxColumns()).toBe(3);
    expect(() => tab.deleteColumns(3, 1)).toThrow('Sorry, it is not possible to delete all non-frozen columns.');
    expect(() => tab.deleteRows(2, 999)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    tab.deleteRows(3, 998);
    expect(tab.getMaxRows()).toBe(2);
  });

  it('setDomainEdit throws on a file outside a Workspace domain, whatever the value; canDomainEdit is false there', () => {
    const { sheet } = emulator();
    const p = sheet.protect();
    expect(p.canDomainEdit()).toBe(false);
    expect(() => p.setDomainEdit(false)).toThrow('The spreadsheet does not belong to a Google Workspace domain.');
    expect(() => p.setDomainEdit(true)).toThrow('The spreadsheet does not belong to a Google Workspace domain.');
  });

  it('in a Workspace domain a new protection mirrors the file shared with the domain; setDomainEdit(false) shuts the domain out', () => {
    const t = emulator(OWNER);
    t.em.identity.domain = 'rono.example';
    t.em.identity.domainShared = true;
    const p = t.sheet.protect();
    p.removeEditors(p.getEditors());
    expect(p.canDomainEdit()).toBe(true);
    t.wb.user = 'teacher@rono.example';
    expect(p.canEdit()).toBe(true);
    t.sheet.getRange(1, 1).setValue('домен может');
    // Someone outside the domain cannot.
    t.wb.user = 'guest@gmail.com';
    expect(() => t.sheet.getRange(1, 1).setValue('x')).toThrow(/protected/);
    t.wb.user = OWNER;
    p.setDomainEdit(false);
    expect(p.canDomainEdit()).toBe(false);
    t.wb.user = 'teacher@rono.example';
    expect(() => t.sheet.getRange(1, 1).setValue('x')).toThrow(/protected/);
    // A file of the domain not shared with it: new protections start closed to the domain.
    t.em.identity.domainShared = false;
    t.wb.user = OWNER;
    expect(t.ss.getSheetByName('Другой')!.protect().canDomainEdit()).toBe(false);
  });

  it('a conditional rule’s colours come as Color objects; the deprecated string getters are not offered', () => {
    const { em, sheet } = emulator();
    const app = appOf(em);
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$A1="x"')
      .setRanges([sheet.getRange(1, 1, 5, 1)])
      .setBackground('#F4C7C3')
      .build();
    sheet.setConditionalFormatRules([rule as never]);
    const condition = sheet.getConditionalFormatRules()[0]!.getBooleanCondition() as Record<string, unknown> & {
      getBackgroundObject(): { getColorType(): string; asRgbColor(): { asHexString(): string }; asThemeColor(): unknown };
      getFontColorObject(): unknown;
    };
    expect(condition.getBackgroundObject().getColorType()).toBe('RGB');
    expect(condition.getBackgroundObject().asRgbColor().asHexString()).toBe('#f4c7c3');
    expect(() => condition.getBackgroundObject().asThemeColor()).toThrow();
    expect(condition.getFontColorObject()).toBeNull();
    expect(condition.getBackground).toBeUndefined();
    expect(condition.getFontColor).toBeUndefined();
  });
});

describe('dialogs: Ui.alert and Ui.prompt answer with a button of their set or the title bar’s «×»', () => {
  type Ui = {
    alert(a: string, b?: string, c?: string): string;
    prompt(a: string, b?: string, c?: string): { getSelectedButton(): string; getResponseText(): string };
    ButtonSet: Record<string, string>;
    Button: Record<string, string>;
  };
  const asked: Array<{ kind: string; buttons: string }> = [];
  let answer = 'YES';
  const host: UiHost = {
    menu: () => undefined,
    alert: () => undefined,
    ask: (kind, _title, _text, buttons) => (asked.push({ kind, buttons }), { button: answer, text: 'т' }),
    showSidebar: () => undefined,
    showDialog: () => undefined,
    toast: () => undefined,
  };
  const ui = () => (emulator().em.globals(host, { dist: '.', title: 'x' }) as { SpreadsheetApp: { getUi(): Ui } }).SpreadsheetApp.getUi();

  it('YES_NO gives YES, NO or CLOSE (REF/base/button#CLOSE); a button the set does not show is the host’s error', () => {
    const u = ui();
    for (const b of ['YES', 'NO', 'CLOSE']) {
      answer = b;
      expect(u.alert('ШНОР', 'Проверить заново?', u.ButtonSet.YES_NO)).toBe(b);
    }
    expect(asked.at(-1)).toEqual({ kind: 'confirm', buttons: 'YES_NO' });
    // A YES_NO dialog has no «Отмена» and no «ОК» (REF/base/button-set).
    for (const b of ['CANCEL', 'OK']) {
      answer = b;
      expect(() => u.alert('ШНОР', 'Проверить заново?', u.ButtonSet.YES_NO)).toThrow(/не кнопка набора YES_NO/);
    }
    answer = 'YES';
    expect(() => u.prompt('ШНОР', 'Номер листа', u.ButtonSet.OK_CANCEL)).toThrow(/не кнопка набора OK_CANCEL/);
    answer = 'OK';
    expect(u.prompt('ШНОР', 'Номер листа', u.ButtonSet.OK_CANCEL).getSelectedButton()).toBe('OK');
  });

  it('alert(prompt, buttons) and alert(title, prompt, buttons) take a ButtonSet; anything else matches no signature', () => {
    const u = ui();
    answer = 'NO';
    expect(u.alert('Продолжить?', u.ButtonSet.YES_NO_CANCEL)).toBe('NO');
    expect(() => u.alert('ШНОР', 'Продолжить?', 'ДА_НЕТ')).toThrow(/don't match the method signature for Ui\.alert/);
  });
});
