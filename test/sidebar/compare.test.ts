import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, readSourceRecord } from '../../src/actions/analyze';
import { COMPARE_SHEET } from '../../src/actions/compare';
import { makeEndpoints } from '../../src/actions/endpoints';
import type { Grid } from '../../src/core/results';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { inViewport, launch, openSidebar, screenshotPath } from '../support/browser';
import { sampleGrids } from '../support/sample';

let browser: Browser;
let grids: Grid[];
beforeAll(async () => {
  browser = await launch();
  grids = await sampleGrids();
});
afterAll(async () => {
  await browser?.close();
});

describe('the «Сравнить критерии…» sidebar in Chromium', () => {
  it('compares the current settings with a preset, writes the tab and lists the schools that differ', async () => {
    const wb = new MemoryWorkbook(grids);
    const endpoints = makeEndpoints(wb);
    // The district's own settings: Новокузнецк at 20 %.
    expect(endpoints.apiSaveSettings({ ...endpoints.apiGetSettings().form, threshold: '20' }).ok).toBe(true);
    const page = await openSidebar(browser, 'compare', endpoints);
    await page.setViewportSize({ width: 300, height: 600 });
    await page.waitForSelector('#a option', { state: 'attached' });
    expect(await page.inputValue('#a')).toBe('settings');
    // The settings are a custom set now: the first preset is offered against them.
    expect(await page.inputValue('#b')).toBe('novokuznetsk-2020');
    expect(await page.textContent('#a-desc')).toMatch(
      /^Лист «Настройки ШНОР»\. Результат низкий, если не менее 20 % участников получили «2» \(ВПР, ОГЭ\) или не преодолели минимальный порог \(ЕГЭ\)/,
    );
    await page.selectOption('#b', 'rosobrnadzor-2025-and');
    expect(await page.textContent('#b-desc')).toMatch(/^Набор «Рособрнадзор, 2025 \(условия через «и»\)»/);
    await page.click('#run');
    await expect.poll(() => page.textContent('#status')).toMatch(/Подробности — на листе «Сравнение критериев»\.$/);
    expect(wb.sheets.has(COMPARE_SHEET)).toBe(true);
    // The button and what it said are both in the 300-px panel's view.
    expect(await inViewport(page, '#run')).toBe(true);
    expect(await inViewport(page, '#status')).toBe(true);
    const items = page.locator('#differing li');
    expect(await items.count()).toBeGreaterThan(0);
    const first = await items.first().textContent();
    expect(first).toMatch(/A: ШНОР → B: (зона риска|норма|нет данных) \(только по A; /);
    expect(await page.isHidden('#sheet-box')).toBe(true);
    await page.screenshot({ path: screenshotPath('compare-sidebar.png') });
    await page.close();
  });

  it('refuses the same set twice without calling the server, and asks for the sheet when several hold results', async () => {
    const wb = new MemoryWorkbook([
      { sheet: 'Заметки', values: [['план']] },
      { ...grids[0]!, sheet: '2025' },
      { ...grids[0]!, sheet: '2026' },
    ]);
    const endpoints = makeEndpoints(wb);
    const page = await openSidebar(browser, 'compare', endpoints);
    await page.waitForSelector('#a option', { state: 'attached' });
    await page.selectOption('#b', 'settings');
    await page.click('#run');
    expect(await page.textContent('#error')).toBe('Выберите два разных набора критериев.');
    await page.selectOption('#b', 'rosobrnadzor-2025-and');
    await page.click('#run');
    await expect.poll(() => page.isVisible('#sheet-box')).toBe(true);
    expect(await page.textContent('#error')).toMatch(/^Таблицы результатов есть на нескольких листах: «2025», «2026»\./);
    await page.selectOption('#sheet', '2026');
    await page.click('#run');
    await expect.poll(() => page.textContent('#status')).toMatch(/^Источник данных: лист «2026»\. .*\nШНОР по A: \d+, по B: \d+/);
    expect(wb.sheets.has(COMPARE_SHEET)).toBe(true);
    await page.close();
  });

  it('results changed since the check: the warning beside «Проверить заново и продолжить», which checks and then compares; or goes on by the current data', async () => {
    const wb = new MemoryWorkbook(grids);
    const endpoints = makeEndpoints(wb);
    expect(analyze(wb).kind).toBe('done');
    const record = () => JSON.stringify(readSourceRecord(wb, wb.sheetNames()));
    const checked = record();
    // The criteria changed after the check: «ШНОР: итоги» no longer say what these criteria give.
    expect(endpoints.apiSaveSettings({ ...endpoints.apiGetSettings().form, threshold: '20' }).ok).toBe(true);
    const page = await openSidebar(browser, 'compare', endpoints);
    await page.setViewportSize({ width: 300, height: 600 });
    await page.waitForSelector('#a option', { state: 'attached' });
    await page.selectOption('#b', 'rosobrnadzor-2025-and');
    await page.click('#run');
    // Nothing written yet: the warning and the two choices, beside the button, in view.
    await expect.poll(() => page.isVisible('#stale')).toBe(true);
    expect(await page.textContent('#stale .warning')).toBe(
      'Внимание: критерии в настройках изменились после проверки школ — «ШНОР: итоги» составлены по другим данным.',
    );
    expect(wb.sheets.has(COMPARE_SHEET)).toBe(false);
    expect(await inViewport(page, '#stale button[data-stale="recheck"]')).toBe(true);
    expect(await page.textContent('#stale button[data-stale="recheck"]')).toBe('Проверить заново и продолжить');
    expect(await inViewport(page, '#run')).toBe(true);
    await page.screenshot({ path: screenshotPath('compare-stale.png') });
    await page.click('#stale button[data-stale="recheck"]');
    await expect
      .poll(() => page.textContent('#status'))
      .toMatch(
        /^Школы проверены заново по листу «[^»]+»: ШНОР: \d+ из \d+ ОО[^\n]*\nИсточник данных: лист «[^»]+» — тот же, что в последней проверке школ/,
      );
    expect(await page.isHidden('#stale')).toBe(true);
    expect(record()).not.toBe(checked);
    expect(wb.sheets.has(COMPARE_SHEET)).toBe(true);
    // Changed again; «Продолжить по текущим данным»: compared, the warning in its first line, the check left as it was.
    expect(endpoints.apiSaveSettings({ ...endpoints.apiGetSettings().form, threshold: '25' }).ok).toBe(true);
    const second = record();
    await page.click('#run');
    await expect.poll(() => page.isVisible('#stale')).toBe(true);
    await page.click('#stale button[data-stale="warn"]');
    await expect
      .poll(() => page.textContent('#status'))
      .toMatch(/^Источник данных: лист «[^»]+»\. Внимание: критерии в настройках изменились/);
    expect(record()).toBe(second);
    await page.close();
  });

  it('escapes what it shows: a school name with markup stays text', async () => {
    const wb = new MemoryWorkbook(grids);
    const endpoints = makeEndpoints(wb);
    const hostile = {
      ...endpoints,
      apiCompareCriteria: () => ({
        kind: 'done',
        message: 'готово',
        summary: '',
        a: 'A',
        b: 'B',
        differing: [
          {
            login: 'sch1',
            name: '<img src=x onerror="window.__pwned=1">',
            a: 'ШНОР',
            b: 'норма',
            difference: 'только по A',
            cause: '',
            why: '<b>x</b>',
          },
        ],
      }),
    };
    const page = await openSidebar(browser, 'compare', hostile);
    await page.waitForSelector('#a option', { state: 'attached' });
    await page.selectOption('#b', 'rosobrnadzor-2025-and');
    await page.click('#run');
    await expect.poll(() => page.textContent('#differing li strong')).toBe('<img src=x onerror="window.__pwned=1"> (sch1)');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });
});
