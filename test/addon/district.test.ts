/** The built bundle in node:vm: set-up, the registry import, protection, roles and the journal in Sheets. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../src/core/results';
import { callGlobal, loadBundle } from '../support/gas';
import { key, StubSpreadsheet, stubSpreadsheetApp, stubSpreadsheetOf } from '../support/sheets-stub';
import { sampleGrids } from '../support/sample';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const OWNER = 'boss@rono.example';
const METHODIST = 'metod@rono.example';
const SCHOOL = 'director771001@school.example';

function spreadsheet(sheets: Grid[], me: string): StubSpreadsheet {
  const ss = stubSpreadsheetOf(sheets);
  ss.owner = OWNER;
  ss.me = me;
  return ss;
}

const settingsTab = (methodologists: string): Grid => ({
  sheet: 'Настройки ШНОР',
  values: [
    ['Параметр', 'Значение', 'Пояснение'],
    ['Набор критериев', 'novokuznetsk-2020', ''],
    ['Методисты района (эл. почта)', methodologists, ''],
  ],
});
const roadmap: Grid = { sheet: 'ДК Гимназия № 1 2026–27', values: [['Дорожная карта'], ['Для:', 'sch771001', 'МБОУ «Гимназия № 1»']] };

const tab = (ss: StubSpreadsheet, name: string) => ss.sheets.find((s) => s.name === name);
const row = (ss: StubSpreadsheet, name: string, r: number) =>
  Array.from({ length: 7 }, (_, c) => tab(ss, name)?.values.get(key(r, c)) ?? '');

describe('district menu items in the bundle', () => {
  it('the menu has the three district items together, after a separator', () => {
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(spreadsheet([], OWNER)), user: OWNER });
    callGlobal(context, 'onOpen', {});
    const titles = rec.menus[0]?.items.map((i) => (i === 'separator' ? '—' : i.title));
    const at = titles?.indexOf('Подготовить рабочую книгу района') ?? -1;
    expect(titles?.slice(at - 1, at + 3)).toEqual([
      '—',
      'Подготовить рабочую книгу района',
      'Заполнить реестр школ из результатов…',
      'Обновить защиту листов',
    ]);
  });

  it('«Подготовить рабочую книгу района» prepares the sample district, protects it, and journals it, under the lock', () => {
    const ss = spreadsheet([...grids, settingsTab(METHODIST), roadmap], METHODIST);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: METHODIST });
    callGlobal(context, 'menuSetup');
    expect(rec.locks).toBe(1);
    expect(rec.alerts[0]).toMatch(/^Созданы листы: «ШНОР: итоги», «Показатели», «Справочник мероприятий», «Журнал изменений»\./);
    expect(rec.alerts[0]).toContain('Защита обновлена: 10 листов под защитой надстройки.');
    const reg = tab(ss, 'Школы')!;
    expect(reg.frozen.rows).toBe(1);
    expect(reg.notes.get(key(0, 0))).toMatch(/^Логин ОО в ФИС ОКО/);
    expect(reg.validations.find((v) => v.range.col === 7)?.rule).toMatchObject({ kind: 'number', min: 0, max: 100 });
    expect(reg.validations.find((v) => v.range.col === 0)?.rule).toMatchObject({ kind: 'formula', strict: false });
    // Protections: the district's tabs for the owner and the methodologist; the school's roadmap also for its people.
    const protectionOf = (sheet: string) => ss.protections.filter((p) => p.sheet.name === sheet);
    expect(protectionOf('Школы')[0]?.editors.sort()).toEqual([OWNER, METHODIST].sort());
    expect(protectionOf('Школы')[0]?.domainEdit).toBe(false);
    const school = protectionOf('ДК Гимназия № 1 2026–27');
    expect(school.map((p) => p.type)).toEqual(['SHEET', 'RANGE']);
    expect(school[0]?.editors.sort()).toEqual([OWNER, METHODIST, SCHOOL, 'zamuvr771001@school.example'].sort());
    expect(school[1]?.editors.sort()).toEqual([OWNER, METHODIST].sort());
    expect(protectionOf('Журнал изменений')[0]?.warningOnly).toBe(true);
    // The journal: one row per changed tab, who and when.
    expect(row(ss, 'Журнал изменений', 0)).toEqual(['Когда', 'Кто', 'Действие', 'Лист', 'Строки', 'Что сделано', 'Прежние значения']);
    expect(row(ss, 'Журнал изменений', 1)[1]).toBe(METHODIST);
    expect(row(ss, 'Журнал изменений', 1)[2]).toBe('Подготовить рабочую книгу района');
    expect(String(row(ss, 'Журнал изменений', 1)[0])).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d$/);

    // Twice: nothing to do, no protection touched, no journal row.
    const protections = ss.protections.length;
    const journalRows = tab(ss, 'Журнал изменений')!.values.size;
    callGlobal(context, 'menuSetup');
    expect(rec.alerts[1]).toMatch(/^Все листы надстройки на месте, исправлять нечего\.\nЗащита уже соответствует реестру и настройкам/);
    expect(ss.protections).toHaveLength(protections);
    expect(tab(ss, 'Журнал изменений')!.values.size).toBe(journalRows);
  });

  it('a school editor is refused the district’s actions with a clear message, and nothing changes', () => {
    const ss = spreadsheet([...grids, settingsTab(METHODIST)], SCHOOL);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: SCHOOL });
    for (const handler of ['menuCheckSchools', 'menuSetup', 'menuProtect', 'menuImportSchools', 'menuCatalogue'])
      callGlobal(context, handler);
    expect(rec.alerts).toHaveLength(5);
    for (const a of rec.alerts) {
      expect(a).toMatch(/^Это действие доступно только методистам района: «/);
      expect(a).toContain(`Вы вошли как ${SCHOOL} — ответственный за школу sch771001`);
    }
    expect(rec.alerts[0]).toContain('«Проверить школы по критериям»');
    expect(rec.locks).toBe(0);
    expect(ss.sheets.map((s) => s.name)).toEqual([...grids.map((g) => g.sheet), 'Настройки ШНОР']);
    expect(ss.protections).toEqual([]);
    const saved = callGlobal(context, 'apiSaveSettings', { threshold: '20' }) as { ok: boolean; message: string };
    expect(saved.ok).toBe(false);
    expect(saved.message).toMatch(/^Это действие доступно только методистам района: «Настройки критериев…»/);
    expect(tab(ss, 'Настройки ШНОР')!.values.get(key(1, 1))).toBe('novokuznetsk-2020');
  });

  it('«Заполнить реестр школ из результатов…» asks about name matches and writes what was confirmed', () => {
    const registry: Grid = {
      sheet: 'Школы',
      values: [
        ['Логин', 'Название ОО', 'Территория'],
        ['', 'Гимназия №1', ''],
        ['sch771002', 'МАОУ «Лицей № 2»', 'Центральный'],
      ],
    };
    const ss = spreadsheet([grids[0]!, registry], OWNER);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: OWNER, answers: ['1'] });
    callGlobal(context, 'menuImportSchools');
    expect(rec.prompts[0]).toContain('1. строка 2 «Гимназия №1» = sch771001 «МБОУ «Гимназия № 1»»');
    expect(rec.locks).toBe(2);
    const reg = tab(ss, 'Школы')!;
    expect(reg.values.get(key(1, 0))).toBe('sch771001');
    expect(reg.values.get(key(1, 1))).toBe('Гимназия №1');
    expect(reg.values.get(key(1, 2))).toBe('Центральный');
    expect(reg.values.get(key(33, 0))).toBe('sch771033');
    expect(rec.alerts[0]).toMatch(/\nРеестр «Школы» по листу «Результаты»: добавлено 31 школа, логин вписан 1 школе/);
    expect(rec.alerts[0]).toContain('Подтверждено: строка 2 «Гимназия №1» = sch771001');
    expect(row(ss, 'Журнал изменений', 1).slice(2, 5)).toEqual(['Заполнить реестр школ из результатов…', 'Школы', '2, 4–34']);
  });

  it('«Обновить защиту листов» says what it did; an unknown user is refused once roles exist', () => {
    const ss = spreadsheet([...grids, settingsTab(METHODIST)], OWNER);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: OWNER });
    callGlobal(context, 'menuProtect');
    expect(rec.alerts[0]).toBe(`Защита обновлена: 4 листа под защитой надстройки.\nМетодисты района: ${OWNER}, ${METHODIST}.`);
    const anonymous = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: '' });
    callGlobal(anonymous.context, 'menuProtect');
    expect(anonymous.rec.alerts[0]).toMatch(/Google не сообщил надстройке ваш адрес/);
  });
});

describe('a school’s people and the activity form in the bundle', () => {
  const other: Grid = {
    sheet: 'ДК Лицей № 2 2026–27',
    values: [['Дорожная карта'], ['Для:', 'sch771002', 'МАОУ «Лицей № 2»', 'Период:', '01.09.2026', '31.08.2027']],
  };

  it('an edit is checked against the owner written in the tab, not against the schools the sidebar sends', () => {
    const ss = spreadsheet([...grids, settingsTab(METHODIST), roadmap, other], SCHOOL);
    const { context } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: SCHOOL });
    const before = JSON.stringify([...tab(ss, other.sheet)!.values]);
    const form = {
      schools: ['sch771001'],
      original: { sheet: other.sheet, row: 4, cells: [] },
      activity: 'Чужое',
      block: 'Блок',
      status: 'в работе',
    };
    const saved = callGlobal(context, 'apiSaveActivity', form) as { ok: boolean; message: string };
    expect(saved.ok).toBe(false);
    expect(saved.message).toContain('Нельзя: sch771002.');
    const empty = callGlobal(context, 'apiSaveActivity', { ...form, schools: [], original: null }) as { ok: boolean; message: string };
    expect(empty.ok).toBe(false);
    expect(empty.message).toContain('не указано, в дорожную карту какой школы');
    expect(JSON.stringify([...tab(ss, other.sheet)!.values])).toBe(before);
  });
});
