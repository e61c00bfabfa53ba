/** «Создать дорожную карту…» in the built bundle (node:vm, stub Sheets): menu item, sidebar, endpoints. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../src/core/results';
import { callGlobal, loadBundle } from '../support/gas';
import { key, stubSpreadsheetApp, stubSpreadsheetOf } from '../support/sheets-stub';
import { sampleGrids } from '../support/sample';
import { checkedStatus, NEW_SHNOR, worsenSchool7 } from '../support/changed-results';

const NEW_SHEET = 'ДК СОШ № 7 2026–27';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const spreadsheet = stubSpreadsheetOf;

describe('«Создать дорожную карту…» in the bundle', () => {
  it('the menu item opens the sidebar; the endpoints propose, write the tab under the lock, and ask before regenerating', () => {
    const ss = spreadsheet(grids);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    const item = rec.menus[0]?.items.find((i) => i !== 'separator' && i.title === 'Создать дорожную карту…');
    expect(item).toEqual({ title: 'Создать дорожную карту…', handler: 'menuRoadmap' });
    callGlobal(context, 'menuRoadmap');
    expect(rec.sidebars.map((s) => [s.file, s.title])).toEqual([['roadmap', 'ШНОР — дорожная карта']]);
    expect(rec.sidebars[0]?.html).toContain('Сформировать');

    const start = callGlobal(context, 'apiRoadmapStart') as { schools: Array<{ login: string; status: string }>; period: { from: string } };
    expect(start.schools[0]?.status).toBe('ШНОР');
    const period = { from: '2026-09-01', to: '2027-08-31' };
    const view = callGlobal(context, 'apiRoadmapProposals', { owner: 'schools', schools: ['sch771005'], period }) as {
      owners: Array<{ sheet: string; items: Array<{ code: string; selected: boolean }> }>;
    };
    expect(view.owners[0]?.sheet).toBe('ДК СОШ № 5 2026–27');
    const codes = view.owners[0]!.items.filter((i) => i.selected).map((i) => i.code);
    const request = { owner: 'schools', schools: ['sch771005'], period, selected: { sch771005: codes } };
    const done = callGlobal(context, 'apiCreateRoadmaps', request) as { kind: string; sheets: string[] };
    expect(done).toMatchObject({ kind: 'done', sheets: ['ДК СОШ № 5 2026–27'] });
    expect(rec.locks).toBe(1);
    const tab = ss.sheets.find((s) => s.name === 'ДК СОШ № 5 2026–27')!;
    expect(tab.values.get(key(1, 1))).toBe('sch771005');
    expect(tab.values.get(key(2, 0))).toBe('№ п/п');
    expect(tab.values.get(key(4, 0))).toBe('1.1');
    expect(tab.rules.length).toBe(5);

    const again = callGlobal(context, 'apiCreateRoadmaps', request) as { kind: string; message: string };
    expect(again.kind).toBe('confirm');
    expect(again.message).toMatch(/^Дорожная карта уже есть\. Обновить\?/);
    const confirmed = callGlobal(context, 'apiCreateRoadmaps', { ...request, confirmed: true }) as { kind: string; message: string };
    expect(confirmed.kind).toBe('done');
    expect(confirmed.message).toMatch(/сохранено изменённых людьми: 0, добавленных людьми: 0/);

    // «Открыть «ДК …»» beside the message: the tab becomes the active one; a tab gone is said, not thrown.
    expect(callGlobal(context, 'apiShowSheet', 'Школы')).toBe(true);
    expect(ss.em.wb.active).toBe('Школы');
    expect(callGlobal(context, 'apiShowSheet', 'ДК СОШ № 5 2026–27')).toBe(true);
    expect(ss.em.wb.active).toBe('ДК СОШ № 5 2026–27');
    expect(callGlobal(context, 'apiShowSheet', 'Нет такой')).toBe(false);
  });

  it('results changed since the check: «Сформировать» (ask) writes nothing; «Проверить заново и продолжить» checks and makes the roadmap in one hold of the lock; «Продолжить по текущим данным» makes it warned', () => {
    const ss = spreadsheet(grids);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    callGlobal(context, 'menuCheckSchools');
    worsenSchool7(ss.em.wb.sheet('Результаты').values);
    const summary = () => ss.em.wb.sheet('ШНОР: итоги').values;
    const checked = JSON.stringify(summary());
    const period = { from: '2026-09-01', to: '2027-08-31' };
    const request = { owner: 'schools', schools: [NEW_SHNOR], period, selected: { [NEW_SHNOR]: ['О1', 'О3'] } };
    const tabs = ss.sheets.length;
    const locks = rec.locks;
    expect(callGlobal(context, 'apiCreateRoadmaps', { ...request, stale: 'ask' })).toEqual({
      kind: 'stale',
      sheet: 'Результаты',
      message: 'результаты на листе «Результаты» изменились после проверки школ — «ШНОР: итоги» составлены по другим данным.',
    });
    expect(ss.sheets).toHaveLength(tabs);
    expect(JSON.stringify(summary())).toBe(checked);
    // «Продолжить по текущим данным»: made, warned, the check as it was.
    const warned = callGlobal(context, 'apiCreateRoadmaps', { ...request, stale: 'warn' }) as { kind: string; message: string };
    expect(warned).toMatchObject({ kind: 'done', sheets: [NEW_SHEET] });
    expect(warned.message).toMatch(/\nВнимание: результаты на листе «Результаты» изменились после проверки школ/);
    expect(checkedStatus(summary(), NEW_SHNOR)).toBe('зона риска');
    // «Проверить заново и продолжить»: the check and the roadmap in one call, one hold of the lock.
    const before = rec.locks;
    const done = callGlobal(context, 'apiCreateRoadmaps', { ...request, stale: 'recheck', confirmed: true }) as {
      kind: string;
      message: string;
    };
    expect(rec.locks).toBe(before + 1);
    expect(done.kind).toBe('done');
    expect(done.message).toMatch(/^Школы проверены заново по листу «Результаты»: ШНОР: 8 из 33 ОО[^\n]*\nДорожная карта готова:/);
    expect(done.message).not.toContain('Внимание');
    expect(checkedStatus(summary(), NEW_SHNOR)).toBe('ШНОР');
    expect(rec.locks - locks).toBe(3);
  });

  it('a busy workbook: the writing endpoint says so and changes nothing', () => {
    const ss = spreadsheet(grids);
    const { context } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), lockFree: false });
    const period = { from: '2026-09-01', to: '2027-08-31' };
    expect(() => callGlobal(context, 'apiCreateRoadmaps', { owner: 'district', period, selected: { район: ['У1'] } })).toThrow(
      'Книга занята',
    );
    expect(ss.sheets).toHaveLength(grids.length);
  });
});
