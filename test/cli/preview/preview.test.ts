/**
 * The local preview: the real bundle on an in-memory sample district, served on 127.0.0.1 and clicked
 * through in real Chromium as a methodologist would — the menu, the check, the settings sidebar, a prompt.
 */
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENU } from '../../../src/addon/menu';
import { loadPreviewWorkbook } from '../../../src/cli/preview/load';
import { type RunningPreview, startPreview } from '../../../src/cli/preview/server';
import { PreviewSession } from '../../../src/cli/preview/session';
import { launch } from '../../support/browser';
import { DIST } from '../../support/gas';
import { SAMPLE_XLSX } from '../../support/sample';

const SHNOR = ['sch771005', 'sch771009', 'sch771012', 'sch771013', 'sch771016', 'sch771019', 'sch771027'];

describe('the preview session (the bundle in node:vm over a MemoryWorkbook)', () => {
  it('builds the menu from onOpen of the bundle: the MENU of the add-on', async () => {
    const session = new PreviewSession(await loadPreviewWorkbook(SAMPLE_XLSX), { dist: DIST, title: 'district.xlsx' });
    expect(session.menus).toEqual([{ title: 'ШНОР', items: MENU }]);
  });

  it('stops a handler at an unanswered prompt, rolls the book back, and runs it again with the answer', async () => {
    const wb = await loadPreviewWorkbook(SAMPLE_XLSX);
    const session = new PreviewSession(wb, { dist: DIST, title: 'district.xlsx' });
    const before = structuredClone(wb.sheets);
    const asked = session.runMenu('menuIndicators');
    expect(asked.kind).toBe('question');
    if (asked.kind !== 'question') return;
    expect(asked.question.kind).toBe('prompt');
    expect(asked.question.text).toMatch(/^С какого шаблона начать вкладку «Показатели»\?\n1\. /);
    expect(wb.sheets).toEqual(before);
    // Cancel: the handler sees CANCEL and changes nothing, as in Sheets.
    expect(session.runMenu('menuIndicators', [{ button: 'CANCEL' }])).toEqual({ kind: 'done', events: [] });
    expect(wb.sheets.has('Показатели')).toBe(false);
    const done = session.runMenu('menuIndicators', [{ button: 'OK', text: '1' }]);
    expect(done.kind).toBe('done');
    expect(wb.sheets.has('Показатели')).toBe(true);
    expect(done.kind === 'done' && done.events.map((e) => e.kind)).toContain('alert');
  });

  it('refuses what is not a menu item or a top-level function, as Apps Script would', async () => {
    const session = new PreviewSession(await loadPreviewWorkbook(SAMPLE_XLSX), { dist: DIST, title: 'x' });
    expect(session.runMenu('apiSaveSettings')).toMatchObject({ kind: 'error', message: 'Нет пункта меню с функцией apiSaveSettings' });
    expect(await session.call('ShnorAddon_', [])).toEqual({ ok: false, error: 'Script function not found: ShnorAddon_' });
    expect(await session.call('constructor', [])).toEqual({ ok: false, error: 'Script function not found: constructor' });
    const got = await session.call('apiGetSettings', []);
    expect(got.ok && (got.value as { form: { threshold: string } }).form.threshold).toBe('30');
  });
});

describe('the preview in Chromium', () => {
  let browser: Browser;
  let preview: RunningPreview;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    preview = await startPreview({ wb: await loadPreviewWorkbook(SAMPLE_XLSX), title: 'district.xlsx', dist: DIST, port: 0 });
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(preview.url);
    await page.getByRole('tab', { name: 'Результаты' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  async function menu(item: string): Promise<void> {
    await page.click('#menu-extensions .menu-label');
    await page.getByRole('menuitem', { name: 'ШНОР' }).click();
    await page.getByRole('menuitem', { name: item, exact: true }).click();
  }
  /** The grid's cells as text, row by row. */
  const gridText = () =>
    page.$$eval('#sheet table.grid tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));

  it('serves on 127.0.0.1 and shows the sample with the «ШНОР» menu under «Расширения»', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await page.$$eval('#tabs .tab', (t) => t.map((x) => x.textContent))).toEqual(['Результаты', 'Школы']);
    await page.click('#menu-extensions .menu-label');
    await page.getByRole('menuitem', { name: 'ШНОР' }).click();
    const items = await page.$$eval('[role=menu][aria-label="ШНОР"] > .menu-entry', (n) => n.map((x) => x.textContent));
    expect(items).toEqual(MENU.flatMap((m) => (m === 'separator' ? [] : [m.title])));
    await page.keyboard.press('Escape');
    await page.click('#sheet');
  });

  it('«Проверить школы по критериям» writes «ШНОР: итоги» with the ШНОР schools, coloured', async () => {
    await menu('Проверить школы по критериям');
    // The sample holds a typo on purpose: the add-on lists it in a dialog.
    const dialog = page.getByRole('dialog', { name: 'ШНОР: итоги проверки' });
    await dialog.waitFor();
    const problems = page.frameLocator('.html-dialog iframe');
    await expect.poll(() => problems.locator('li.e').textContent()).toContain('строка 5, столбец AO: «4о»');
    await dialog.getByRole('button', { name: 'Закрыть' }).click();

    await expect.poll(() => page.textContent('#tabs .tab.active')).toBe('ШНОР: итоги');
    const rows = await gridText();
    const header = rows[4] as string[];
    expect(header.slice(0, 5)).toEqual(['№', 'Логин', 'ОО', 'Территория', 'Статус']);
    const shnor = rows.slice(5).filter((r) => r[4] === 'ШНОР');
    expect(shnor.map((r) => r[1])).toEqual(SHNOR);
    // The status colours are conditional formats, evaluated for display.
    const bg = await page.$eval('#sheet tbody tr[data-row="6"] td:nth-of-type(5)', (td) => getComputedStyle(td).backgroundColor);
    expect(bg).toBe('rgb(244, 199, 195)');
    // The link back to the school's row opens the result sheet there.
    await page.click('#sheet tbody tr[data-row="6"] a');
    await expect.poll(() => page.textContent('#tabs .tab.active')).toBe('Результаты');
    const status = await page.$eval('#sheet tr.flash', (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent).includes('ШНОР'));
    expect(status).toBe(true);
  });

  it('«Настройки критериев…» opens the sidebar in a 300-px panel; saving changes «Настройки ШНОР»', async () => {
    await menu('Настройки критериев…');
    const panel = page.locator('#sidebar');
    await panel.waitFor();
    expect(await page.textContent('#sidebar-title')).toBe('ШНОР — настройки критериев');
    expect((await page.locator('#sidebar-frame').boundingBox())?.width).toBe(300);
    const frame = page.frame({ url: /\/html\/\d+$/ }) as Frame;
    await frame.waitForSelector('#f-threshold');
    expect(await frame.inputValue('#f-threshold')).toBe('30');
    await frame.fill('#f-threshold', '25');
    await frame.click('#save');
    await expect.poll(() => frame.textContent('#status')).toBe('Настройки сохранены на листе «Настройки ШНОР».');

    await page.getByRole('tab', { name: 'Настройки ШНОР' }).click();
    await expect.poll(() => page.textContent('#tabs .tab.active')).toBe('Настройки ШНОР');
    const threshold = (await gridText()).find((r) => r[0] === 'Порог доли «2», %');
    expect(threshold?.[1]).toBe('25');

    // The colours follow: checked again at 25 %, more schools are ШНОР.
    await menu('Проверить школы по критериям');
    await page.getByRole('dialog', { name: 'ШНОР: итоги проверки' }).getByRole('button', { name: 'Закрыть' }).click();
    await page.getByRole('tab', { name: 'ШНОР: итоги' }).click();
    await page.waitForSelector('table.grid[data-sheet="ШНОР: итоги"]');
    const rows = await gridText();
    expect(rows.slice(5).filter((r) => r[4] === 'ШНОР').length).toBeGreaterThan(SHNOR.length);
  });

  it('asks as Sheets asks: a prompt in a dialog, then the message, then the new tab', async () => {
    await menu('Построить вкладку показателей');
    const prompt = page.getByRole('dialog');
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('С какого шаблона начать вкладку «Показатели»?');
    await prompt.locator('input').fill('1');
    await prompt.getByRole('button', { name: 'ОК' }).click();
    const done = page.getByRole('dialog');
    await expect.poll(() => done.textContent()).toMatch(/Показател/);
    await done.getByRole('button', { name: 'ОК' }).click();
    await expect.poll(() => page.$$eval('#tabs .tab', (t) => t.map((x) => x.textContent))).toContain('Показатели');
  });

  it('writes a picture of the preview for the README', async () => {
    await page.getByRole('tab', { name: 'Результаты' }).click();
    await expect.poll(() => page.textContent('#tabs .tab.active')).toBe('Результаты');
    await menu('Настройки критериев…');
    const frame = page.frame({ url: /\/html\/\d+$/ }) as Frame;
    await frame.waitForSelector('#f-threshold');
    // The picture starts at A1, without the toasts of earlier runs.
    await page.evaluate(() => {
      document.getElementById('sheet')?.scrollTo(0, 0);
      document.getElementById('toasts')?.replaceChildren();
    });
    await page.screenshot({ path: join(import.meta.dirname, '..', '..', '..', 'docs', 'preview.png') });
  });
});
