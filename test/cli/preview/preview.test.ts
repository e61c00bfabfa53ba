/**
 * The local preview: the real bundle on an in-memory sample district, served on 127.0.0.1 and clicked
 * through in real Chromium as a methodologist would — the menu, the check, the settings sidebar, a prompt.
 */
import { request } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENU } from '../../../src/addon/menu';
import { loadPreviewWorkbook } from '../../../src/cli/preview/load';
import { startPreview } from '../../../src/cli/preview/server';
import { PreviewSession } from '../../../src/cli/preview/session';
import { MemoryWorkbook } from '../../../src/workbook/memory';
import { launch } from '../../support/browser';
import { openPreview, type PreviewPage } from '../../support/preview';
import { DIST } from '../../support/gas';
import { SAMPLE_XLSX } from '../../support/sample';
import { summaryTable } from '../../support/summary';

const SHNOR = ['sch771005', 'sch771009', 'sch771012', 'sch771013', 'sch771016', 'sch771019', 'sch771027'];

describe('the preview session (the bundle in node:vm over a MemoryWorkbook)', () => {
  it('builds the menu from onOpen of the bundle: the MENU of the add-on', async () => {
    const session = new PreviewSession(await loadPreviewWorkbook(SAMPLE_XLSX), { dist: DIST, title: 'district.xlsx' });
    expect(session.menus).toEqual([{ title: 'ШНОР', items: MENU }]);
  });

  it('stops a handler at an unanswered prompt, rolls the book back, and runs it again with the answer', async () => {
    const sample = await loadPreviewWorkbook(SAMPLE_XLSX);
    const results = sample.readSheet('Результаты');
    // Two sheets of results, and the person on a tab that is neither: «Проверить школы по критериям» asks which.
    const wb = new MemoryWorkbook([
      { sheet: 'Пояснения', values: [['Результаты двух лет — на листах 2025 и 2026.']] },
      { ...results, sheet: '2025' },
      { ...results, sheet: '2026' },
    ]);
    const session = new PreviewSession(wb, { dist: DIST, title: 'district.xlsx' });
    const before = structuredClone(wb.sheets);
    const asked = session.runMenu('menuCheckSchools');
    expect(asked.kind).toBe('question');
    if (asked.kind !== 'question') return;
    expect(asked.question.kind).toBe('prompt');
    expect(asked.question.text).toContain('1. 2025\n2. 2026\nВведите номер или название листа.');
    expect(wb.sheets).toEqual(before);
    // Cancel: the handler sees CANCEL and changes nothing, as in Sheets.
    expect(session.runMenu('menuCheckSchools', [{ button: 'CANCEL' }]).kind).toBe('done');
    expect(wb.sheets.has('ШНОР: итоги')).toBe(false);
    const done = session.runMenu('menuCheckSchools', [{ button: 'OK', text: '2' }]);
    expect(done.kind === 'error' ? done.message : done.kind).toBe('done');
    expect(wb.sheets.has('ШНОР: итоги')).toBe(true);
    expect(wb.readSheet('2026').values[2]?.[93]).toBe('Статус ШНОР');
    expect(wb.readSheet('2025').values[2]?.[93] ?? '').toBe('');
  });

  it('«Построить вкладку показателей» opens the templates dialog; its endpoint builds the tab', async () => {
    const wb = await loadPreviewWorkbook(SAMPLE_XLSX);
    const session = new PreviewSession(wb, { dist: DIST, title: 'district.xlsx' });
    const opened = session.runMenu('menuIndicators');
    expect(opened.kind === 'done' && opened.events.map((e) => `${e.kind}: ${'title' in e ? e.title : ''}`)).toEqual([
      'dialog: ШНОР — вкладка показателей',
    ]);
    expect(wb.sheets.has('Показатели')).toBe(false);
    const built = await session.call('apiBuildIndicators', ['konakovo-2020']);
    expect(built.ok ? (built.value as { message: string }).message : built.error).toMatch(
      /^Источник данных: лист «Результаты».*\nПоказателей: 4/,
    );
    expect(wb.sheets.has('Показатели')).toBe(true);
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

describe('the preview server', () => {
  it('answers only pages of its own address, and only JSON posts', async () => {
    const preview = await startPreview({ wb: await loadPreviewWorkbook(SAMPLE_XLSX), title: 'x', dist: DIST, port: 0 });
    try {
      const port = new URL(preview.url).port;
      const ok = await fetch(`${preview.url}api/state`);
      expect(ok.status).toBe(200);
      const plain = await fetch(`${preview.url}api/menu`, { method: 'POST', body: '{"handler":"menuCatalogue"}' });
      expect(plain.status).toBe(415);
      expect(preview.session.wb.sheets.has('Справочник мероприятий')).toBe(false);
      const foreign = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/state', headers: { host: `evil.example:${port}` } }, (res) =>
          resolve(res.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end();
      });
      expect(foreign).toBe(403);
      const run = await fetch(`${preview.url}api/menu`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ handler: 'menuCatalogue' }),
      });
      expect(((await run.json()) as { kind: string }).kind).toBe('done');
      expect(preview.session.wb.sheets.has('Справочник мероприятий')).toBe(true);
    } finally {
      await preview.close();
    }
  });
});

describe('the preview in Chromium', () => {
  let browser: Browser;
  let p: PreviewPage;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    p = await openPreview(browser, await loadPreviewWorkbook(SAMPLE_XLSX));
    page = p.page;
  });
  afterAll(async () => {
    await p?.close();
    await browser?.close();
  });

  it('serves on 127.0.0.1 and shows the sample with the «ШНОР» menu under «Расширения»', async () => {
    expect(p.preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await page.$$eval('#tabs .tab', (t) => t.map((x) => x.textContent))).toEqual(['Результаты', 'Школы', 'Сравнение с журналом']);
    // The person at the preview is the book's owner, a methodologist.
    expect(await page.textContent('#user')).toBe('metodist@preview.local — владелец книги');
    await page.click('#menu-extensions .menu-label');
    await page.getByRole('menuitem', { name: 'ШНОР' }).click();
    const items = await page.$$eval('[role=menu][aria-label="ШНОР"] > .menu-entry', (n) => n.map((x) => x.textContent));
    expect(items).toEqual(MENU.flatMap((m) => (m === 'separator' ? [] : [m.title])));
    await page.click('#sheet');
    // The result sheet as it is: values, the merged two-row header, nothing coloured yet.
    const rows = await p.grid();
    expect(rows[1]?.slice(0, 4)).toEqual(['Территория', 'Название ОО', 'Логин ОО', 'ВПР МА 4 2026']);
    expect(await page.$eval('#sheet tbody tr[data-row="2"] td:nth-of-type(4)', (td) => (td as HTMLTableCellElement).colSpan)).toBe(2);
  });

  it('«Проверить школы по критериям» writes «ШНОР: итоги» with the ШНОР schools, coloured', async () => {
    await p.menu('Проверить школы по критериям');
    // The sample holds a typo on purpose: the add-on lists it in a dialog.
    const dialog = page.getByRole('dialog', { name: 'ШНОР: итоги проверки' });
    await dialog.waitFor();
    const problems = page.frameLocator('.html-dialog iframe');
    await expect.poll(() => problems.locator('li.e').textContent()).toContain('строка 5, столбец AO: «4о»');
    await dialog.getByRole('button', { name: 'Закрыть' }).click();

    await expect.poll(() => page.textContent('#tabs .tab.active')).toBe('ШНОР: итоги');
    const rows = await p.grid();
    const t = summaryTable(rows);
    expect(t.header.slice(0, 4)).toEqual(['№', 'ОО', 'Статус', 'Основание']);
    const shnor = t.rows.filter((r) => r[t.col('status')] === 'ШНОР');
    expect(shnor.map((r) => r[t.col('login')])).toEqual(SHNOR);
    // The status colours are conditional formats, evaluated for display.
    const bg = await page.$eval(
      `#sheet tbody tr[data-row="7"] td:nth-of-type(${t.col('status') + 1})`,
      (td) => getComputedStyle(td).backgroundColor,
    );
    expect(bg).toBe('rgb(244, 199, 195)');
    // The SPARKLINE of the worst procedure's shares: a line drawn in its cell, no text.
    const spark = await page.$eval(`#sheet tbody tr[data-row="7"] td:nth-of-type(${t.col('trend') + 1})`, (td) => [
      td.textContent,
      td.querySelector('svg.spark path')?.getAttribute('d') ?? '',
      td.querySelector('svg.spark')?.getBoundingClientRect().width ?? 0,
    ]);
    expect(spark[0]).toBe('');
    expect(String(spark[1])).toMatch(/^M[\d.]+ [\d.]+ L[\d.]+ [\d.]+ L[\d.]+ [\d.]+$/);
    expect(Number(spark[2])).toBeGreaterThan(50);
    // On the result sheet: the status column and the low cells, white bold on red.
    await p.tab('Результаты');
    const row8 = await page.$$eval('#sheet tbody tr[data-row="8"] td', (tds) =>
      tds.map((td) => [td.textContent, getComputedStyle(td).backgroundColor, getComputedStyle(td).fontWeight]),
    );
    expect(row8.find((c) => c[0] === 'ШНОР')?.[1]).toBe('rgb(244, 199, 195)');
    expect(row8.filter((c) => c[1] === 'rgb(224, 102, 102)').map((c) => c[2])).toEqual([
      '700',
      '700',
      '700',
      '700',
      '700',
      '700',
      '700',
      '700',
      '700',
    ]);
    // The link back to the school's row opens the result sheet there.
    await p.tab('ШНОР: итоги');
    await page.click('#sheet tbody tr[data-row="7"] a');
    await expect.poll(() => page.textContent('#tabs .tab.active')).toBe('Результаты');
    const status = await page.$eval('#sheet tr.flash', (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent).includes('ШНОР'));
    expect(status).toBe(true);
  });

  it('«Настройки критериев…» opens the sidebar in a 300-px panel; saving changes «Настройки ШНОР»', async () => {
    await p.menu('Настройки критериев…');
    const frame = await p.sidebar();
    expect(await page.textContent('#sidebar-title')).toBe('ШНОР — настройки критериев');
    expect((await page.locator('#sidebar-frame').boundingBox())?.width).toBe(300);
    await frame.waitForSelector('#f-threshold');
    expect(await frame.inputValue('#f-threshold')).toBe('30');
    await frame.fill('#f-threshold', '25');
    await frame.click('#save');
    await expect.poll(() => frame.textContent('#status')).toBe('Настройки сохранены на листе «Настройки ШНОР».');

    await p.tab('Настройки ШНОР');
    const threshold = (await p.grid()).find((r) => r[0] === 'Порог доли «2», %');
    expect(threshold?.[1]).toBe('25');

    // The colours follow: checked again at 25 %, more schools are ШНОР.
    await p.menu('Проверить школы по критериям');
    await page.getByRole('dialog', { name: 'ШНОР: итоги проверки' }).getByRole('button', { name: 'Закрыть' }).click();
    await p.tab('ШНОР: итоги');
    const rows = await p.grid();
    expect(
      summaryTable(rows)
        .column('status')
        .filter((v) => v === 'ШНОР').length,
    ).toBeGreaterThan(SHNOR.length);
  });

  it('offers the indicators templates in a dialog: a click on one, «Построить», then the new tab', async () => {
    await p.menu('Построить вкладку показателей');
    const dialog = page.getByRole('dialog', { name: 'ШНОР — вкладка показателей' });
    await dialog.waitFor();
    const frame = page.frameLocator('.html-dialog iframe');
    expect(await frame.getByRole('radio', { name: /^Рассчитываемые по книге/ }).isChecked()).toBe(true);
    await frame.getByRole('button', { name: 'Построить' }).click();
    await expect.poll(() => frame.locator('#status').textContent()).toMatch(/^Источник данных: лист «Результаты».*\nПоказателей: 8/);
    await frame.getByRole('button', { name: 'Закрыть' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.$$eval('#tabs .tab', (t) => t.map((x) => x.textContent))).toContain('Показатели');
    // Its status column coloured by its rules, its direction column showing its dropdown.
    await p.tab('Показатели');
    // The computed indicators have facts and no plan yet: «план не задан», never «нет данных» beside a fact.
    const status = page.locator('#sheet td', { hasText: /^план не задан$/ }).first();
    // Polled: the page may redraw the tab (the dialog's last call tells it the book changed) as it is read.
    await expect.poll(() => status.evaluate((td) => getComputedStyle(td).backgroundColor)).toBe('rgb(252, 232, 178)');
    expect(await page.locator('#sheet td.dv-list').count()).toBeGreaterThanOrEqual(5);
  });

  it('«Создать дорожную карту…» for one ШНОР school makes its tab «ДК …»; a clicked row opens in «Изменить мероприятие…»', async () => {
    await p.menu('Создать дорожную карту…');
    const frame = await p.sidebar();
    expect(await page.textContent('#sidebar-title')).toBe('ШНОР — дорожная карта');
    await frame.waitForSelector('input[data-login="sch771005"]');
    await frame.check('input[data-login="sch771005"]');
    await frame.click('#propose');
    await frame.waitForSelector('.owner[data-owner="sch771005"] input[data-code]');
    await frame.click('#generate');
    await expect.poll(() => frame.textContent('#status')).toMatch(/^Дорожная карта готова:\n«ДК СОШ № 5 \d{4}–\d{2}»: \d+ мероприят/);
    // As many activities as were ticked (read once the sidebar has settled).
    const ticked = await frame.locator('#proposals input[data-code]:checked').count();
    expect(ticked).toBeGreaterThan(3);
    expect(await frame.textContent('#status')).toContain(`: ${ticked} мероприят`);
    const tabNames = () => page.$$eval('#tabs .tab', (t) => t.map((x) => x.textContent ?? ''));
    await expect.poll(async () => (await tabNames()).some((t) => /^ДК СОШ № 5 \d{4}–\d{2}$/.test(t))).toBe(true);
    const roadmap = (await tabNames()).find((t) => /^ДК СОШ № 5 \d{4}–\d{2}$/.test(t)) as string;
    await expect.poll(() => page.textContent('#tabs .tab.active')).toBe(roadmap);

    // Click a cell of the first activity's row, then «Изменить мероприятие…»: the form opens on that row.
    await p.tab(roadmap);
    const rows = await p.grid();
    const first = rows.findIndex((r) => r[0] === '1.1');
    expect(first).toBeGreaterThan(0);
    const cell = page.locator(`#sheet tbody tr[data-row="${first + 1}"] td[data-col="2"]`);
    await cell.click();
    await expect.poll(() => cell.getAttribute('class')).toContain('selected');
    await p.menu('Изменить мероприятие…');
    await expect.poll(() => page.textContent('#sidebar-title')).toBe('ШНОР — мероприятие дорожной карты');
    const form = await p.sidebar();
    await expect.poll(() => form.textContent('#title')).toBe('Изменить мероприятие');
    expect(await form.textContent('#where')).toMatch(new RegExp(`^Лист «${roadmap}», строка ${first + 1}, № 1\\.1 · `));
    expect(await form.inputValue('#activity')).toBe(rows[first]?.[2]);
    await page.click('#sidebar-close');
  });
});
