import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEndpoints } from '../../src/actions/endpoints';
import type { Grid } from '../../src/core/results';
import { SETTINGS_SHEET } from '../../src/core/settings';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { launch, openSidebar, screenshotPath } from '../support/browser';
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

const valueOf = (wb: MemoryWorkbook, label: string) => wb.sheet(SETTINGS_SHEET).values.find((r) => r[0] === label)?.[1];

describe('the settings sidebar in Chromium', () => {
  it('chooses a preset, refuses an invalid threshold with a message beside the field, and saves', async () => {
    const wb = new MemoryWorkbook(grids);
    const page = await openSidebar(browser, 'settings', makeEndpoints(wb));
    await page.waitForSelector('#f-threshold');
    expect(await page.inputValue('#preset')).toBe('novokuznetsk-2020');
    expect(await page.inputValue('#f-threshold')).toBe('30');
    expect(await page.inputValue('#f-procedures')).toBe('ВПР МА 5; ВПР МА 6; ВПР РУ 5; ВПР РУ 6; ОГЭ МА; ОГЭ РУ; ЕГЭ МА*; ЕГЭ РУ');

    // The preset in the words of the check and the справка, then its source.
    expect(await page.textContent('#preset-source')).toMatch(
      /^Результат низкий, если не менее 30 % участников получили «2» \(ВПР, ОГЭ\) или не преодолели минимальный порог \(ЕГЭ\)\..* ШНОР — низкие результаты не менее чем по 2 процедурам в году отсчёта или .* Источник: Муниципальная программа/,
    );
    await page.selectOption('#preset', 'rosobrnadzor-2025-and');
    expect(await page.inputValue('#f-combine')).toBe('и');
    expect(await page.isChecked('#f-rule2-sameProcedure')).toBe(true);
    expect(await page.inputValue('#f-procedures')).toBe('');

    await page.fill('#f-threshold', '130');
    await page.click('#save');
    const fieldError = page.locator('[data-field="threshold"] .field-error');
    await expect.poll(() => fieldError.textContent()).toBe('Порог должен быть числом больше 0 и не больше 100 (процент участников с «2»).');
    expect(await page.getAttribute('#f-threshold', 'aria-invalid')).toBe('true');
    // Outlined as in the activity form.
    expect(await page.$eval('#f-threshold', (e) => getComputedStyle(e).borderTopColor)).toBe('rgb(197, 34, 31)');
    expect(wb.sheets.has(SETTINGS_SHEET)).toBe(false);

    // A mistake only the server sees: an unknown procedure.
    await page.fill('#f-threshold', '25,5');
    await page.fill('#f-procedures', 'ВПР МА 5; ВПР астрономия 5');
    await page.click('#save');
    await expect
      .poll(() => page.locator('[data-field="procedures"] .field-error').textContent())
      .toMatch(/Процедура «ВПР астрономия 5» не распознана/);
    expect(wb.sheets.has(SETTINGS_SHEET)).toBe(false);

    await page.fill('#f-procedures', 'ВПР МА 5; ВПР РУ 5');
    await page.click('#save');
    await expect.poll(() => page.textContent('#status')).toBe('Настройки сохранены на листе «Настройки ШНОР».');
    expect(await page.textContent('[data-field="threshold"] .field-error')).toBe('');
    expect(valueOf(wb, 'Порог доли «2», %')).toBe(25.5);
    expect(valueOf(wb, 'Объединение правил')).toBe('и');
    expect(valueOf(wb, 'Набор критериев')).toBe('Свой набор района');
    // The panel shows what the tab now holds: the district's own set in the check's words, the number with a comma.
    expect(await page.inputValue('#preset')).toBe('custom');
    expect(await page.locator('#preset option:checked').textContent()).toBe('Свой набор района');
    expect(await page.textContent('#preset-source')).toMatch(
      /^Свой набор района: параметры заданы районом\. Сохранено на листе: Результат низкий, если не менее 25,5 % участников получили «2» \(ВПР, ОГЭ\) или не преодолели минимальный порог \(ЕГЭ\)\. Процедуры: ВПР МА 5, ВПР РУ 5\./,
    );
    expect(await page.inputValue('#f-threshold')).toBe('25,5');
    await page.screenshot({ path: screenshotPath('settings-sidebar.png'), fullPage: true });
    await page.close();
    // Opened again: the same, never «25.5».
    const again = await openSidebar(browser, 'settings', makeEndpoints(wb));
    await again.waitForSelector('#f-threshold');
    expect(await again.inputValue('#f-threshold')).toBe('25,5');
    expect(await again.inputValue('#preset')).toBe('custom');
    await again.close();
  });

  it('keeps Save in view, and after a refused save brings the first bad field into view with the cursor in it', async () => {
    const wb = new MemoryWorkbook(grids);
    const page = await openSidebar(browser, 'settings', makeEndpoints(wb));
    await page.waitForSelector('#f-threshold');
    const inView = (selector: string) =>
      page.$eval(selector, (el) => {
        const r = el.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
      });
    const scrollable = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
    expect(scrollable).toBe(true);
    // A field far down the form gets a value only the server refuses.
    const last = page.locator('#fields input[type=text]').last();
    const id = await last.getAttribute('id');
    await last.fill('абв');
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await inView('#save')).toBe(true);
    await page.click('#save');
    await expect.poll(() => page.textContent('#error')).toBe('Настройки не сохранены: исправьте отмеченные поля.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(id);
    expect(await inView(`#${id}`)).toBe(true);
    expect(await inView('#error')).toBe(true);
    expect(await page.textContent(`[data-field] #${id} ~ .field-error, [data-field]:has(#${id}) .field-error`)).not.toBe('');
    expect(wb.sheets.has(SETTINGS_SHEET)).toBe(false);
    await page.close();
  });

  it('warns, and still saves, when the criteria name a procedure or a year the result sheet does not hold', async () => {
    const wb = new MemoryWorkbook(grids);
    const page = await openSidebar(browser, 'settings', makeEndpoints(wb));
    await page.waitForSelector('#f-threshold');
    expect(await page.textContent('#warning')).toBe('');
    await page.fill('#f-procedures', 'ВПР МА 5; ВПР ИС 8');
    await page.fill('#f-referenceYear', '2019');
    await page.click('#save');
    await expect.poll(() => page.textContent('#status')).toBe('Настройки сохранены на листе «Настройки ШНОР».');
    const warning = await page.textContent('#warning');
    expect(warning).toContain('На листе «Результаты» нет результатов по ВПР ИС 8: эти процедуры ни на чей статус не повлияют.');
    expect(warning).toContain('Года отсчёта 2019 нет в данных листа «Результаты» (есть 2024, 2025, 2026): у всех школ будет «нет данных».');
    expect(await page.isVisible('#warning')).toBe(true);
    await page.close();
  });

  it('shows what it reads back from a stored tab, and a server failure instead of losing it', async () => {
    const wb = new MemoryWorkbook(grids);
    const endpoints = makeEndpoints(wb);
    endpoints.apiSaveSettings({ ...endpoints.apiGetSettings().form, threshold: '35' });
    const failing = {
      ...endpoints,
      apiSaveSettings: () => Promise.reject(new Error('Книга занята: её сейчас изменяет другой пользователь. Повторите через минуту.')),
    };
    const page = await openSidebar(browser, 'settings', failing);
    await page.waitForSelector('#f-threshold');
    expect(await page.inputValue('#f-threshold')).toBe('35');
    await page.click('#save');
    await expect
      .poll(() => page.textContent('#error'))
      .toBe('Не удалось сохранить: Книга занята: её сейчас изменяет другой пользователь. Повторите через минуту.');
    await page.close();
  });

  it('escapes what it shows: a preset source with markup stays text', async () => {
    const wb = new MemoryWorkbook(grids);
    const endpoints = makeEndpoints(wb);
    const view = endpoints.apiGetSettings();
    const hostile = { ...view, form: { ...view.form, resultSheet: '<img src=x onerror="window.__pwned=1">' } };
    const page = await openSidebar(browser, 'settings', { ...endpoints, apiGetSettings: () => hostile });
    await page.waitForSelector('#f-resultSheet');
    expect(await page.inputValue('#f-resultSheet')).toBe('<img src=x onerror="window.__pwned=1">');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });
});
