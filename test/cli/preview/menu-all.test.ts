/**
 * Every item of the «ШНОР» menu runs in the preview on the sample district as in Sheets: the person at
 * the preview is the book's owner (a methodologist), protections live in the in-memory book, a clicked
 * cell is the selection, rows are inserted. No item may end in an error; the sidebars' endpoints work.
 */
import { describe, expect, it } from 'vitest';
import { MENU } from '../../../src/addon/menu';
import { PREVIEW_USER } from '../../../src/cli/emulator/apps-script';
import { loadPreviewWorkbook } from '../../../src/cli/preview/load';
import { type MenuResult, PreviewSession, type UiEvent } from '../../../src/cli/preview/session';
import { parseRoadmap } from '../../../src/core/roadmap-sheet';
import { activityForm } from '../../support/activity-form';
import { DIST } from '../../support/gas';
import { SAMPLE_XLSX } from '../../support/sample';

const ITEMS = MENU.flatMap((m) => (m === 'separator' ? [] : [m]));

/** Runs a menu item as a user would: a prompt gets «1» and OK, a yes/no question «Да», until it ends. */
function click(session: PreviewSession, handler: string): MenuResult {
  const answers: Array<{ button: string; text?: string }> = [];
  for (let i = 0; i < 10; i++) {
    const result = session.runMenu(handler, answers);
    if (result.kind !== 'question') return result;
    const q = result.question;
    answers.push(q.kind === 'prompt' ? { button: 'OK', text: '1' } : { button: q.buttons.startsWith('YES') ? 'YES' : 'OK' });
  }
  throw new Error(`${handler}: вопросы не кончаются`);
}

const shown = (events: UiEvent[]) => events.map((e) => (e.kind === 'alert' || e.kind === 'toast' ? e.text : `${e.kind}: ${e.title}`));

async function open(): Promise<PreviewSession> {
  return new PreviewSession(await loadPreviewWorkbook(SAMPLE_XLSX), { dist: DIST, title: 'district.xlsx' });
}

describe('every menu item in the preview', () => {
  it('the person at the preview is the owner of the book, a methodologist', async () => {
    const session = await open();
    expect(PREVIEW_USER).toBe('metodist@preview.local');
    expect(session.wb.user).toBe(PREVIEW_USER);
    expect(session.wb.owner).toBe(PREVIEW_USER);
    expect(session.view().user).toBe(PREVIEW_USER);
  });

  it.each(ITEMS.map((m) => [m.title, m.handler]))('«%s» on a fresh sample ends without an error', async (_title, handler) => {
    const session = await open();
    const result = click(session, handler);
    expect(result.kind === 'error' ? result.message : result.kind).toBe('done');
  });

  it('all of them one after another, in the order of the menu, end without an error and do what they say', async () => {
    const session = await open();
    const wb = session.wb;
    const said = new Map<string, string[]>();
    for (const item of ITEMS) {
      const result = click(session, item.handler);
      expect(result.kind === 'error' ? `${item.title}: ${result.message}` : result.kind).toBe('done');
      if (result.kind === 'done') said.set(item.handler, shown(result.events));
    }
    expect(said.get('menuRoadmap')).toEqual(['sidebar: ШНОР — дорожная карта']);
    expect(said.get('menuAddActivity')).toEqual(['sidebar: ШНОР — мероприятие дорожной карты']);
    expect(said.get('menuCompare')).toEqual(['sidebar: ШНОР — сравнить критерии']);
    expect(said.get('menuSettings')).toEqual(['sidebar: ШНОР — настройки критериев']);
    expect(said.get('menuAbout')).toEqual(['sidebar: ШНОР — о надстройке']);
    // Nothing selected on a roadmap tab: the message says what to do, as in Sheets.
    expect(said.get('menuEditActivity')?.[0]).toMatch(/не дорожная карта\. Выделите строку мероприятия на листе дорожной карты/);
    expect(said.get('menuSetup')?.at(-1)).toMatch(/Защита обновлена: \d+ лист/);
    expect(said.get('menuProtect')?.at(-1)).toContain(`Методисты района: ${PREVIEW_USER}.`);
    // The protections set up are in the book, the owner an editor of each that is not a warning only.
    const own = wb.protections.filter((p) => !p.warningOnly);
    expect(own.length).toBeGreaterThan(0);
    for (const p of own) expect(p.editors).toContain(PREVIEW_USER);
    expect(wb.sheets.has('Журнал изменений')).toBe(true);
    const journal = wb.sheet('Журнал изменений').values.flat().map(String);
    expect(journal).toContain(PREVIEW_USER);
    expect(journal.some((v) => v.includes('Подготовить рабочую книгу района'))).toBe(true);
  });

  it('the first journalled action leaves the person on the tab it wrote, not on the new «Журнал изменений»', async () => {
    const session = await open();
    expect(session.wb.sheets.has('Журнал изменений')).toBe(false);
    expect(click(session, 'menuCheckSchools').kind).toBe('done');
    expect(session.wb.sheets.has('Журнал изменений')).toBe(true);
    expect(session.view().active).toBe('ШНОР: итоги');
    expect(click(session, 'menuCatalogue').kind).toBe('done');
    expect(session.view().active).toBe('Справочник мероприятий');
  });

  it('a second «Обновить защиту листов» finds everything in place and changes nothing', async () => {
    const session = await open();
    expect(click(session, 'menuSetup').kind).toBe('done');
    const before = structuredClone(session.wb.protections);
    expect(before.length).toBeGreaterThan(0);
    const again = click(session, 'menuProtect');
    expect(again.kind === 'done' && shown(again.events).at(-1)).toMatch(
      /^Защита уже соответствует реестру и настройкам: \d+ лист.*ничего не изменено\./,
    );
    expect(session.wb.protections).toEqual(before);
  });

  it('someone who is neither the owner nor a methodologist of the registry is refused district actions', async () => {
    const wb = await loadPreviewWorkbook(SAMPLE_XLSX);
    wb.user = 'stranger@example.org';
    wb.owner = 'metodist@preview.local';
    const session = new PreviewSession(wb, { dist: DIST, title: 'district.xlsx' });
    const sheets = [...wb.sheets.keys()];
    const result = click(session, 'menuSetup');
    expect(result.kind).toBe('done');
    expect(result.kind === 'done' && shown(result.events).join('\n')).toMatch(
      /^Это действие доступно только методистам района: «.+»\.\nВы вошли как stranger@example\.org; этого адреса нет среди методистов района\.\n.*metodist@preview\.local/,
    );
    expect([...wb.sheets.keys()]).toEqual(sheets);
    expect(wb.protections).toEqual([]);
  });

  it('a roadmap from the sidebar’s endpoints; a clicked row of it opens «Изменить мероприятие…» on that row', async () => {
    const session = await open();
    const wb = session.wb;
    const start = await session.call('apiRoadmapStart', [null]);
    expect(start.ok).toBe(true);
    const st = (start as { value: { schools: Array<{ login: string; status: string }>; periods?: unknown } }).value;
    expect(st.schools.filter((s) => s.status === 'ШНОР').map((s) => s.login)).toContain('sch771005');
    const period = { from: '2026-09-01', to: '2027-08-31' };
    const req = { owner: 'schools', schools: ['sch771005'], period };
    const proposals = await session.call('apiRoadmapProposals', [req]);
    expect(proposals.ok).toBe(true);
    const owners = (proposals as { value: { owners: Array<{ owner: string; items: Array<{ code: string; selected: boolean }> }> } }).value
      .owners;
    expect(owners.map((o) => o.owner)).toEqual(['sch771005']);
    const codes = owners[0]?.items.filter((i) => i.selected).map((i) => i.code) ?? [];
    expect(codes.length).toBeGreaterThan(3);
    const created = await session.call('apiCreateRoadmaps', [{ ...req, selected: { sch771005: codes } }]);
    expect(created).toMatchObject({ ok: true, value: { kind: 'done' } });
    const tab = (created as { value: { sheets: string[] } }).value.sheets[0] as string;
    expect(tab).toMatch(/^ДК .*2026–27$/);
    expect(session.view().tabs).toContain(tab);
    const rows = () => parseRoadmap(wb.sheet(tab).values).rows;
    expect(rows()).toHaveLength(codes.length);

    // The user clicks a cell of the second activity and chooses «Изменить мероприятие…».
    const values = wb.sheet(tab).values;
    const row = values.findIndex((r) => r.includes(rows()[1]?.activity ?? '\u0000'));
    expect(row).toBeGreaterThan(0);
    expect(session.select(tab, row, 2)).toBe(true);
    const edit = click(session, 'menuEditActivity');
    expect(edit.kind === 'done' && shown(edit.events)).toEqual(['sidebar: ШНОР — мероприятие дорожной карты']);
    const loaded = await session.call('apiActivityFromSelection', []);
    expect(loaded).toMatchObject({ ok: true, value: { ok: true, loaded: { original: { sheet: tab, row: row + 1 } } } });
    expect(wb.selection).toEqual({ sheet: tab, row, col: 2 });
    // A new activity of the first block goes under its last row: the rows below move down (insertRowsBefore).
    const blocks = [...new Set(rows().map((r) => r.block))];
    expect(blocks.length).toBeGreaterThan(1);
    const inFirst = rows().filter((r) => r.block === blocks[0]).length;
    const nextBlockAt = values.findIndex((r) => r[1] === blocks[1]);
    const saved = await session.call('apiSaveActivity', [
      activityForm({ block: blocks[0], activity: 'Совещание при директоре по итогам ВПР' }),
    ]);
    expect(saved).toMatchObject({ ok: true, value: { ok: true } });
    expect(rows()).toHaveLength(codes.length + 1);
    const added = rows().find((r) => r.activity === 'Совещание при директоре по итогам ВПР');
    expect(added).toMatchObject({ block: blocks[0], number: `1.${inFirst + 1}` });
    expect(wb.sheet(tab).values.findIndex((r) => r[1] === blocks[1])).toBe(nextBlockAt + 1);

    // Elsewhere than a roadmap tab the same item says what to select instead.
    expect(session.select('Результаты', 5, 1)).toBe(true);
    const elsewhere = click(session, 'menuEditActivity');
    expect(elsewhere.kind === 'done' && shown(elsewhere.events)[0]).toMatch(/^Лист «Результаты» — не дорожная карта\./);
  });
});
