/**
 * Roles and protections through the bundle on the emulator, as Sheets enforces them: a methodologist who
 * is not the owner, access through a group, a colleague's own protection, a person added to the settings
 * by hand, and a consumer account whose e-mail Google does not give.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../src/core/results';
import { activityForm } from '../support/activity-form';
import { callGlobal, loadBundle } from '../support/gas';
import { stubSpreadsheetApp, stubSpreadsheetOf, type StubSpreadsheet } from '../support/sheets-stub';
import { memoryState } from '../support/state';
import { sampleGrids } from '../support/sample';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const OWNER = 'boss@rono.example';
const METHODIST = 'metod@rono.example';
const NEWCOMER = 'novaya@rono.example';
const COLLEAGUE = 'ivanova@rono.example';
const GROUP = 'rono-vse@rono.example';

const settingsTab = (methodologists: string): Grid => ({
  sheet: 'Настройки ШНОР',
  values: [
    ['Параметр', 'Значение', 'Пояснение'],
    ['Набор критериев', 'novokuznetsk-2020', ''],
    ['Методисты района (эл. почта)', methodologists, ''],
  ],
});
const notes: Grid = { sheet: 'Заметки Ивановой', values: [['Мои заметки']] };

/** The district book, shared with the office's group; the owner has prepared it; a colleague protected her own tab. */
function preparedBook(methodologists = METHODIST): StubSpreadsheet {
  const ss = stubSpreadsheetOf([...grids, settingsTab(methodologists), notes]);
  ss.owner = OWNER;
  ss.em.identity.sharedWith = [GROUP];
  ss.em.identity.groups.set(GROUP, [METHODIST, NEWCOMER, COLLEAGUE]);
  ss.em.wb.protections.push({ sheet: notes.sheet, range: null, description: 'Личное', editors: [OWNER, COLLEAGUE] });
  const owner = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: OWNER });
  callGlobal(owner.context, 'menuSetup');
  expect(owner.rec.alerts[0]).toContain('Защита обновлена');
  return ss;
}

const asUser = (ss: StubSpreadsheet, user: string) => loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user });
const colleagues = (ss: StubSpreadsheet) => ss.protections.filter((p) => p.sheet.name === notes.sheet);

describe('a methodologist who is not the owner, with access through the office’s group', () => {
  it('runs set-up, protection refresh, the check and an activity save; the colleague’s protection stays', () => {
    const ss = preparedBook();
    const before = colleagues(ss);
    const { context, rec } = asUser(ss, METHODIST);
    callGlobal(context, 'menuSetup');
    expect(rec.alerts.at(-1)).toMatch(/^Все листы надстройки на месте/);
    callGlobal(context, 'menuProtect');
    expect(rec.alerts.at(-1)).toMatch(/^Защита уже соответствует реестру и настройкам/);
    callGlobal(context, 'menuCheckSchools');
    expect(ss.sheets.some((s) => s.name === 'ШНОР: итоги')).toBe(true);
    expect(rec.alerts.join('\n')).not.toMatch(/Exception|protected/);
    const saved = callGlobal(context, 'apiSaveActivity', activityForm()) as { ok: boolean; message: string };
    expect(saved).toMatchObject({ ok: true });
    expect(colleagues(ss)).toEqual(before);
  });

  it('a person added to the settings by hand is told whom to ask, nothing written; after a methodologist’s refresh they can work', () => {
    const ss = preparedBook();
    // The owner lists a newcomer in the settings by typing (the protections do not know yet).
    ss.sheets.find((s) => s.name === 'Настройки ШНОР')!.values.set('2:1', `${METHODIST}, ${NEWCOMER}`);
    const state = JSON.stringify(memoryState(ss.em.wb));
    const newcomer = asUser(ss, NEWCOMER);
    callGlobal(newcomer.context, 'menuCheckSchools');
    const said = newcomer.rec.alerts.at(-1) ?? '';
    expect(said).toMatch(/^«Проверить школы по критериям»: ничего не изменено — листы .* под защитой/);
    expect(said).toContain(`владельца книги (${OWNER})`);
    expect(said).toContain('Обновить защиту листов');
    expect(JSON.stringify(memoryState(ss.em.wb))).toBe(state);
    // A methodologist the protections already name refreshes them: the newcomer is in.
    const methodist = asUser(ss, METHODIST);
    callGlobal(methodist.context, 'menuProtect');
    expect(methodist.rec.alerts.at(-1)).toMatch(/^Защита обновлена/);
    const written = () => ss.em.log.filter((c) => c.call === 'Range.setValues' && c.sheet === 'ШНОР: итоги').length;
    const before = written();
    const again = asUser(ss, NEWCOMER);
    callGlobal(again.context, 'menuCheckSchools');
    expect(again.rec.alerts.join('\n')).not.toMatch(/ничего не изменено|Exception/);
    expect(written()).toBeGreaterThan(before);
    expect(colleagues(ss)).toHaveLength(1);
  });

  it('the settings saved in the sidebar with a new methodologist: the protections follow at once', () => {
    const ss = preparedBook();
    const { context } = asUser(ss, METHODIST);
    const view = callGlobal(context, 'apiGetSettings') as { form: Record<string, string> };
    const saved = callGlobal(context, 'apiSaveSettings', { ...view.form, methodologists: `${METHODIST}, ${NEWCOMER}` }) as {
      ok: boolean;
      message: string;
    };
    expect(saved.ok).toBe(true);
    expect(saved.message).toContain('Защита обновлена');
    const registry = ss.protections.find((p) => p.sheet.name === 'Школы');
    expect(registry?.editors).toContain(NEWCOMER);
  });

  it('protections only the owner can change: refresh does what it can and names the owner', () => {
    const ss = preparedBook();
    // A methodologist listed by hand after the owner's set-up cannot edit the owner's protections.
    ss.sheets.find((s) => s.name === 'Настройки ШНОР')!.values.set('2:1', `${METHODIST}, ${NEWCOMER}`);
    const { context, rec } = asUser(ss, NEWCOMER);
    callGlobal(context, 'menuProtect');
    const said = rec.alerts.at(-1) ?? '';
    expect(said).not.toMatch(/Exception|permission/);
    expect(said).toMatch(/^Защита не обновлена/);
    expect(said).toMatch(/Защиту листов «Результаты», «Школы», .* может изменить только владелец книги \(boss@rono\.example\)/);
    expect(colleagues(ss)).toHaveLength(1);
  });
});

describe('a consumer account: Google gives no e-mail for the owner', () => {
  it('a second refresh changes nothing instead of rebuilding every protection', () => {
    const ss = preparedBook();
    ss.em.identity.hideOwner = true;
    const { context, rec } = asUser(ss, METHODIST);
    callGlobal(context, 'menuProtect');
    callGlobal(context, 'menuProtect');
    expect(rec.alerts.at(-1)).toMatch(/^Защита уже соответствует реестру и настройкам/);
    expect(ss.em.calls.get('Protection.remove') ?? 0).toBe(0);
  });

  it('a person whose own e-mail Google does not give is told so, and nothing is written', () => {
    const ss = preparedBook();
    const state = JSON.stringify(memoryState(ss.em.wb));
    const { context, rec } = asUser(ss, '');
    callGlobal(context, 'menuCheckSchools');
    expect(rec.alerts.at(-1)).toMatch(/Google не сообщил надстройке ваш адрес/);
    expect(JSON.stringify(memoryState(ss.em.wb))).toBe(state);
  });
});

describe('new roadmap tabs are protected at once', () => {
  it('«Создать дорожную карту…» protects the tabs it made in the same run, as the refresh would', () => {
    const ss = preparedBook();
    const methodist = asUser(ss, METHODIST);
    const period = { from: '2026-09-01', to: '2027-08-31' };
    const request = { owner: 'schools', schools: ['sch771005'], period, selected: { sch771005: ['О1', 'О3'] } };
    const done = callGlobal(methodist.context, 'apiCreateRoadmaps', request) as { kind: string; message: string };
    expect(done.kind).toBe('done');
    expect(done.message).toMatch(/\nЗащита обновлена: \d+ листов под защитой надстройки\.$/);
    const tab = ss.em.wb.protections.filter((p) => p.sheet === 'ДК СОШ № 5 2026–27');
    expect(tab.map((p) => p.range === null)).toEqual([true, false]);
    expect(tab[0]!.editors).toContain('director771005@school.example');
    callGlobal(methodist.context, 'menuProtect');
    expect(methodist.rec.alerts.at(-1)).toMatch(/^Защита уже соответствует реестру и настройкам/);
  });
});

describe('a school’s person and the protection of their school’s roadmap', () => {
  const TAB = 'ДК СОШ № 5 2026–27';
  const DEPUTY = 'novyj.zam771005@school.example';
  type Saved = { ok: boolean; message: string };

  it('added to the registry after the last refresh: an add and an edit are refused whole, naming whom to ask; after a refresh both work', () => {
    const ss = preparedBook();
    const methodist = asUser(ss, METHODIST);
    // A methodologist starts the school's roadmap: the new tab is protected as the school's at once.
    const first = callGlobal(methodist.context, 'apiSaveActivity', activityForm()) as Saved;
    expect(first).toMatchObject({ ok: true });
    expect(first.message).toMatch(/\nЗащита обновлена: \d+ листов под защитой надстройки\.$/);
    callGlobal(methodist.context, 'menuProtect');
    expect(methodist.rec.alerts.at(-1)).toMatch(/^Защита уже соответствует реестру и настройкам/);
    expect(ss.em.wb.protections.filter((p) => p.sheet === TAB).map((p) => p.range === null)).toEqual([true, false]);
    // The school's new deputy is typed into the registry; the protection does not name her yet.
    ss.sheets.find((s) => s.name === 'Школы')!.values.set('5:14', `director771005@school.example; ${DEPUTY}`);
    const state = JSON.stringify(memoryState(ss.em.wb));
    const deputy = asUser(ss, DEPUTY);
    const view = callGlobal(deputy.context, 'apiActivityForm', { sheet: TAB, row: 5 }) as {
      load: { ok: boolean; loaded: { form: Record<string, unknown>; original: unknown } };
    };
    expect(view.load.ok).toBe(true);
    const edit = { ...view.load.loaded.form, status: 'выполнено', original: view.load.loaded.original };
    const refusedAdd = callGlobal(deputy.context, 'apiSaveActivity', activityForm({ activity: 'Педсовет' })) as Saved;
    const refusedEdit = callGlobal(deputy.context, 'apiSaveActivity', edit) as Saved;
    expect(refusedAdd.ok).toBe(false);
    expect(refusedAdd.message).toMatch(
      new RegExp(`^«Добавить мероприятие…»: ничего не изменено — лист «${TAB}» под защитой, которую вам \\(${DEPUTY}\\) менять нельзя\\.`),
    );
    expect(refusedAdd.message).toContain(`Попросите методиста района (${OWNER}, ${METHODIST})`);
    expect(refusedAdd.message).toContain('«Расширения → ШНОР → Обновить защиту листов»');
    expect(refusedEdit).toMatchObject({ ok: false });
    expect(refusedEdit.message).toMatch(/^«Изменить мероприятие…»: ничего не изменено/);
    expect(`${refusedAdd.message}${refusedEdit.message}`).not.toMatch(/Exception|protected/);
    expect(JSON.stringify(memoryState(ss.em.wb))).toBe(state);
    // A methodologist refreshes: the deputy adds her row and edits one below the header rows, which stay the methodologists'.
    const again = asUser(ss, METHODIST);
    callGlobal(again.context, 'menuProtect');
    expect(again.rec.alerts.at(-1)).toMatch(/^Защита обновлена/);
    const now = asUser(ss, DEPUTY);
    expect(callGlobal(now.context, 'apiSaveActivity', activityForm({ activity: 'Педсовет' }))).toMatchObject({ ok: true });
    expect(callGlobal(now.context, 'apiSaveActivity', edit)).toMatchObject({ ok: true, message: `Изменено: «${TAB}», строка 5.` });
    const header = ss.em.wb.protections.find((p) => p.sheet === TAB && p.range !== null);
    expect(header?.editors).not.toContain(DEPUTY);
  });
});
