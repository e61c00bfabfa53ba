import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/core/catalogue';
import { SUMMARY_SHEET } from '../../src/actions/analyze';
import { CATALOGUE_SHEET } from '../../src/actions/catalogue';
import { INDICATORS_SHEET } from '../../src/actions/indicators';
import { setupWorkbook } from '../../src/actions/setup';
import { JOURNAL_HEADER, JOURNAL_SHEET } from '../../src/core/journal';
import { REGISTRY_COLUMNS, REGISTRY_SHEET } from '../../src/core/registry';
import type { Grid } from '../../src/core/results';
import { SETTINGS_SHEET } from '../../src/core/settings';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { sampleGrids } from '../support/sample';
import { memoryState, writeCalls } from '../support/state';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const OWNER = 'metodist@rono.example';
function book(g: Grid[] = []): MemoryWorkbook {
  const wb = new MemoryWorkbook(g);
  wb.owner = OWNER;
  wb.user = OWNER;
  return wb;
}
const col = (key: string) => REGISTRY_COLUMNS.findIndex((c) => c.key === key);
const ALL_TABS = [REGISTRY_SHEET, 'Результаты', SETTINGS_SHEET, SUMMARY_SHEET, INDICATORS_SHEET, CATALOGUE_SHEET, JOURNAL_SHEET];

describe('«Подготовить рабочую книгу района» on an empty workbook', () => {
  it('creates every tab with headers, notes, frozen rows, validation and formats', () => {
    const wb = book();
    const out = setupWorkbook(wb);
    expect(wb.sheetNames()).toEqual(ALL_TABS);
    expect(out.created).toEqual(ALL_TABS);
    const reg = wb.sheet(REGISTRY_SHEET);
    expect(reg.values[0]).toEqual(REGISTRY_COLUMNS.map((c) => c.header));
    expect(reg.notes[0]).toEqual(REGISTRY_COLUMNS.map((c) => c.note));
    expect(reg.frozen).toEqual({ rows: 1, cols: 2 });
    const rule = (c: number) => reg.validations.find((v) => v.range.col === c && v.range.row === 1)?.rule;
    expect(rule(col('lowIncome'))).toEqual({ kind: 'number', min: 0, max: 100 });
    expect(rule(col('disabilities'))).toEqual({ kind: 'number', min: 0, max: 100 });
    expect(rule(col('pupils'))).toEqual({ kind: 'number', min: 0, max: 100000, integer: true });
    expect(rule(col('rural'))).toEqual({ kind: 'list', values: ['город', 'село'], strict: true });
    expect(rule(col('small'))).toEqual({ kind: 'list', values: ['да', 'нет'], strict: true });
    expect(rule(col('kind'))).toMatchObject({ kind: 'list', values: ['СОШ', 'ООШ', 'НОШ', 'гимназия', 'лицей', 'филиал', 'другое'] });
    expect(rule(col('login'))).toMatchObject({
      kind: 'formula',
      formula: '=OR(A2="",AND(OR(LEFT(A2,3)="sch",LEFT(A2,3)="edu",LEFT(A2,3)="ksh"),LEN(A2)=9,ISNUMBER(VALUE(MID(A2,4,6)))))',
    });
    expect(rule(col('emails'))).toBeUndefined();
    expect(reg.numberFormats.get(`1:${col('lowIncome')}:1000:1`)).toBe('0.0');
    expect(reg.numberFormats.get('1:0:1000:1')).toBe('@');
    expect(wb.sheet('Результаты').values[0]).toEqual(['Территория', 'Название ОО', 'Логин ОО']);
    expect(wb.sheet('Результаты').frozen).toEqual({ rows: 2, cols: 3 });
    expect(wb.sheet(JOURNAL_SHEET).values).toEqual([JOURNAL_HEADER]);
    expect(wb.sheet(JOURNAL_SHEET).frozen.rows).toBe(1);
    expect(wb.sheet(SETTINGS_SHEET).values.some((r) => r[0] === 'Методисты района (эл. почта)')).toBe(true);
    expect(wb.sheet(CATALOGUE_SHEET).values.length).toBe(CATALOGUE.length + 1);
    // Protection after set-up: the district's tabs for the methodologists, the journal with a warning.
    expect(wb.protections.find((p) => p.sheet === REGISTRY_SHEET)).toMatchObject({ range: null, editors: [OWNER] });
    expect(wb.protections.find((p) => p.sheet === JOURNAL_SHEET)).toMatchObject({ warningOnly: true });
    expect(out.message).toMatch(/^Созданы листы: «Школы», «Результаты», «Настройки ШНОР»/);
  });

  it('twice in a row: the second run only reads and changes nothing', () => {
    const wb = book();
    setupWorkbook(wb);
    const before = memoryState(wb);
    wb.resetCalls();
    const again = setupWorkbook(wb);
    expect(writeCalls(wb)).toEqual({});
    expect(memoryState(wb)).toEqual(before);
    expect(again.created).toEqual([]);
    expect(again.repaired).toEqual([]);
    expect(again.message).toMatch(/^Все листы надстройки на месте, исправлять нечего\.\nЗащита уже соответствует/);
  });

  it('stops before writing anything when a read fails midway', () => {
    const wb = book(grids);
    const before = memoryState(wb);
    const original = wb.readLayout.bind(wb);
    wb.readLayout = (name, range) => {
      if (name === JOURNAL_SHEET || name === SETTINGS_SHEET) throw new Error('сбой связи');
      return original(name, range);
    };
    wb.sheets.set(SETTINGS_SHEET, { ...new MemoryWorkbook([{ sheet: SETTINGS_SHEET, values: [['Параметр']] }]).sheet(SETTINGS_SHEET) });
    const withSettings = memoryState(wb);
    expect(withSettings).not.toEqual(before);
    wb.resetCalls();
    expect(() => setupWorkbook(wb)).toThrow('сбой связи');
    expect(writeCalls(wb)).toEqual({});
    expect(memoryState(wb)).toEqual(withSettings);
  });
});

describe('«Подготовить рабочую книгу района» on the sample district', () => {
  it('keeps the results and the registry as they are, adds the rest, and a second run changes nothing', () => {
    const wb = book(grids);
    const results = structuredClone(wb.sheet('Результаты').values);
    const registry = structuredClone(wb.sheet(REGISTRY_SHEET).values);
    const out = setupWorkbook(wb);
    expect(out.created).toEqual([SETTINGS_SHEET, SUMMARY_SHEET, INDICATORS_SHEET, CATALOGUE_SHEET, JOURNAL_SHEET]);
    expect(out.repaired).toEqual([REGISTRY_SHEET]);
    expect(wb.sheet('Результаты').values).toEqual(results);
    expect(wb.sheet(REGISTRY_SHEET).values).toEqual(registry);
    // The registry had no notes, validation or frozen row: they are added.
    expect(wb.sheet(REGISTRY_SHEET).notes[0]).toEqual(REGISTRY_COLUMNS.map((c) => c.note));
    expect(wb.sheet(REGISTRY_SHEET).frozen.rows).toBe(1);
    expect(wb.sheet(REGISTRY_SHEET).validations).toHaveLength(11);
    // The indicators of the computed template were built from the results, with «Показатели ОО».
    expect(wb.sheetNames()).toContain('Показатели ОО');
    // Each school's people, and the methodologist, are the editors of nothing but the results and tabs.
    expect(wb.protections.find((p) => p.sheet === 'Результаты')?.editors).toEqual([OWNER]);

    const before = memoryState(wb);
    wb.resetCalls();
    const again = setupWorkbook(wb);
    expect(writeCalls(wb)).toEqual({});
    expect(memoryState(wb)).toEqual(before);
    expect(again.message).toContain('исправлять нечего');
  });

  it('keeps a person’s extra columns, changed headers, notes and formatting; adds what is missing after them', () => {
    const wb = book([
      {
        sheet: REGISTRY_SHEET,
        values: [
          ['Реестр школ района'],
          ['Логин ОО', 'Куратор', 'Наименование ОО', 'Тип ОО'],
          ['sch771001', 'Иванова', 'МБОУ «Гимназия № 1»', 'гимназия'],
          ['sch771002', 'Петрова', 'МАОУ «Лицей № 2»', 'лицей'],
        ],
      },
      grids[0] as Grid,
    ]);
    const reg = wb.sheet(REGISTRY_SHEET);
    reg.notes[1] = ['Логин из ФИС ОКО — спросить у Марии', 'Кто из методистов курирует школу'];
    reg.backgrounds[2] = [null, '#fff2cc'];
    reg.weights[1] = ['bold', 'bold', 'bold', 'bold'];
    reg.validations.push({
      range: { row: 2, col: 3, rows: 50, cols: 1 },
      rule: { kind: 'list', values: ['СОШ', 'гимназия', 'лицей'], strict: true },
    });
    reg.numberFormats.set('2:0:50:1', '@');
    reg.frozen = { rows: 2, cols: 1 };
    const out = setupWorkbook(wb);
    // The person's cells are as they were.
    expect(reg.values.slice(0, 4).map((r) => r.slice(0, 4))).toEqual([
      ['Реестр школ района'],
      ['Логин ОО', 'Куратор', 'Наименование ОО', 'Тип ОО'],
      ['sch771001', 'Иванова', 'МБОУ «Гимназия № 1»', 'гимназия'],
      ['sch771002', 'Петрова', 'МАОУ «Лицей № 2»', 'лицей'],
    ]);
    expect(reg.notes[1]?.slice(0, 2)).toEqual(['Логин из ФИС ОКО — спросить у Марии', 'Кто из методистов курирует школу']);
    expect(reg.backgrounds[2]).toEqual([null, '#fff2cc']);
    expect(reg.frozen).toEqual({ rows: 2, cols: 1 });
    expect(reg.validations.filter((v) => v.range.col === 3)).toEqual([
      { range: { row: 2, col: 3, rows: 50, cols: 1 }, rule: { kind: 'list', values: ['СОШ', 'гимназия', 'лицей'], strict: true } },
    ]);
    expect(reg.numberFormats.get('2:0:50:1')).toBe('@');
    expect([...reg.numberFormats.keys()].filter((k) => k.endsWith(':0:1000:1') || k.startsWith('2:0:'))).toEqual(['2:0:50:1']);
    // Missing columns come after the last one, with notes; the name and type notes fill empty notes only.
    const missing = REGISTRY_COLUMNS.filter((c) => !['login', 'name', 'kind'].includes(c.key)).map((c) => c.header);
    expect(reg.values[1]?.slice(4)).toEqual(missing);
    expect(reg.notes[1]?.[2]).toBe(REGISTRY_COLUMNS[1]?.note);
    expect(reg.notes[1]?.[4]).toBe(REGISTRY_COLUMNS.find((c) => c.key === 'territory')?.note);
    expect(out.notes).toContain('«Школы»: столбцы района B «Куратор» надстройка не ведёт и оставляет как есть.');
    expect(out.notes.some((n) => n.startsWith('«Школы»: добавлены столбцы «Территория» (E), «Местность» (F)'))).toBe(true);
    // Validation for the new percent column starts under the header row 2.
    const pct = reg.validations.find((v) => v.rule.kind === 'number' && v.rule.max === 100);
    expect(pct?.range.row).toBe(2);

    const before = memoryState(wb);
    wb.resetCalls();
    setupWorkbook(wb);
    expect(writeCalls(wb)).toEqual({});
    expect(memoryState(wb)).toEqual(before);
  });

  it('leaves a filled «Школы» without a login column untouched, and says so', () => {
    const wb = book([
      {
        sheet: REGISTRY_SHEET,
        values: [
          ['Школа', 'Директор'],
          ['СОШ № 1', 'Иванов'],
        ],
      },
    ]);
    const out = setupWorkbook(wb);
    expect(wb.sheet(REGISTRY_SHEET).values).toEqual([
      ['Школа', 'Директор'],
      ['СОШ № 1', 'Иванов'],
    ]);
    expect(wb.sheet(REGISTRY_SHEET).notes).toEqual([]);
    expect(out.notes[0]).toMatch(/^Лист «Школы» заполнен, но в первых 10 строках нет столбца «Логин»: лист не изменён/);
  });

  it('leaves the roadmap tabs alone', () => {
    const roadmap = [['Дорожная карта'], ['Для:', 'sch771001', 'МБОУ «Гимназия № 1»'], ['№ п/п', 'Блок (направление)'], ['1.1', 'Блок 1']];
    const wb = book([...grids, { sheet: 'ДК Гимназия № 1 2026–27', values: roadmap }]);
    const out = setupWorkbook(wb);
    expect(wb.sheet('ДК Гимназия № 1 2026–27').values).toEqual(roadmap);
    expect(out.notes).toContain('Дорожные карты (1) не изменялись.');
    expect(wb.protections.filter((p) => p.sheet === 'ДК Гимназия № 1 2026–27')).toHaveLength(2);
  });
});

describe('«Подготовить рабочую книгу района» on a new .xlsx file (shnor template)', () => {
  it('creates the tabs without protection (a file names nobody) and reads back as prepared', async () => {
    const wb = XlsxWorkbook.empty();
    const out = setupWorkbook(wb);
    expect(out.created).toEqual(ALL_TABS);
    expect(out.protection?.kind).toBe('failed');
    const back = await XlsxWorkbook.fromBuffer(await wb.toBuffer());
    expect(back.sheetNames()).toEqual([
      REGISTRY_SHEET,
      'Результаты',
      SETTINGS_SHEET,
      'ШНОР — итоги',
      INDICATORS_SHEET,
      CATALOGUE_SHEET,
      JOURNAL_SHEET,
    ]);
    expect(back.readSheet(REGISTRY_SHEET).values[0]).toEqual(REGISTRY_COLUMNS.map((c) => c.header));
    const layout = back.readLayout(REGISTRY_SHEET, { row: 0, col: 0, rows: 2, cols: REGISTRY_COLUMNS.length });
    expect(layout.frozen).toEqual({ rows: 1, cols: 2 });
    expect(layout.notes[0]).toEqual(REGISTRY_COLUMNS.map((c) => c.note));
    expect(layout.validations[1]?.[col('lowIncome')]).toEqual({ kind: 'number', min: 0, max: 100 });
    expect(layout.validations[1]?.[0]).toMatchObject({ kind: 'formula' });
    expect(layout.numberFormats[1]?.[col('lowIncome')]).toBe('0.0');
    const again = setupWorkbook(back);
    expect(again.created).toEqual([]);
    expect(again.repaired).toEqual([]);
  });
});
