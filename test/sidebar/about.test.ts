/** «О надстройке» in Chromium: the version, the settings in force, the first steps, the presets folded. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aboutView } from '../../src/actions/about';
import { makeEndpoints } from '../../src/actions/endpoints';
import { saveSettings, settingsToForm } from '../../src/actions/settings';
import type { Grid } from '../../src/core/results';
import { defaultSettings } from '../../src/core/settings';
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

const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

describe('«О надстройке» in Chromium', () => {
  it('shows the version and the settings in force, with a decimal comma, and the help folded', async () => {
    const wb = new MemoryWorkbook(grids);
    expect(saveSettings(wb, { ...settingsToForm(defaultSettings()), threshold: '25,5', referenceYear: '2025' }).ok).toBe(true);
    const page = await openSidebar(browser, 'about', { ...makeEndpoints(wb), apiAbout: () => aboutView(wb) });
    await page.setViewportSize({ width: 300, height: 700 });
    await expect.poll(() => page.textContent('#version')).toBe(`Версия ${VERSION}`);
    const settings = await page.locator('#settings').innerText();
    expect(settings).toContain('Набор критериев\nсвой набор района\n');
    expect(settings).toContain('Низкий результат\nне менее 25,5 % участников с «2»');
    expect(settings).toContain('Год отсчёта\n2025');
    expect(settings).toContain('Где хранятся\nлист «Настройки ШНОР»');
    expect(await inViewport(page, '#settings')).toBe(true);
    // Help and presets are folded, each saying what it is; the presets count themselves.
    await expect.poll(() => page.textContent('#presets-title')).toBe('Наборы критериев: 3');
    expect(await page.locator('details[open]').count()).toBe(0);
    await page.click('summary:has-text("С чего начать")');
    expect(await page.locator('.steps li').count()).toBe(5);
    await page.screenshot({ path: screenshotPath('about.png') });
    await page.close();
  });

  it('a book without settings: the defaults, said so', () => {
    const view = aboutView(new MemoryWorkbook(grids));
    expect(view.settings).toEqual([
      ['Набор критериев', '«Новокузнецк, 2020»'],
      ['Низкий результат', 'не менее 30 % участников с «2»'],
      ['Год отсчёта', 'последний год в данных'],
      ['Лист результатов', defaultSettings().resultSheet],
      ['Где хранятся', 'листа «Настройки ШНОР» нет — действуют настройки по умолчанию'],
    ]);
    expect(view.problems).toEqual([]);
  });
});
