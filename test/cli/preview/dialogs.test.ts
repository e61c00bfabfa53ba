/**
 * The preview's alerts and questions look as Sheets' do: the buttons of the ButtonSet in Russian («Да»,
 * «Нет», «ОК», «Отмена», REF/base/button-set) and the «×» of the title bar that every such dialog has and
 * that answers Button.CLOSE (REF/base/button#CLOSE; REF is https://developers.google.com/apps-script/reference).
 * On the sample district checked, then its criteria changed: «Аналитическая справка» asks Да/Нет first.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/actions/analyze';
import { makeEndpoints } from '../../../src/actions/endpoints';
import { loadPreviewWorkbook } from '../../../src/cli/preview/load';
import { launch, screenshotPath } from '../../support/browser';
import { openPreview } from '../../support/preview';
import { SAMPLE_XLSX } from '../../support/sample';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('dialogs in the preview', () => {
  it('a Да/Нет question shows «×», «Нет», «Да»; «×» stops, «Нет» goes on, and a message has «×» and «ОК»', async () => {
    const wb = await loadPreviewWorkbook(SAMPLE_XLSX);
    expect(analyze(wb).kind).toBe('done');
    const api = makeEndpoints(wb);
    expect(api.apiSaveSettings({ ...api.apiGetSettings().form, threshold: '25' }).ok).toBe(true);
    const p = await openPreview(browser, wb);
    const page = p.page;
    try {
      const tabs = () => page.$$eval('#tabs .tab', (t) => t.map((x) => x.textContent ?? ''));
      await p.menu('Аналитическая справка');
      const question = page.getByRole('dialog', { name: 'ШНОР: данные изменились после проверки' });
      await question.waitFor();
      expect(await question.locator('button').allTextContents()).toEqual(['×', 'Нет', 'Да']);
      expect(await question.innerText()).toContain('Проверить школы заново и продолжить?');
      await page.screenshot({ path: screenshotPath('preview-stale-question.png') });
      // «×»: nothing is written.
      await question.getByRole('button', { name: 'Закрыть' }).click();
      await question.waitFor({ state: 'detached' });
      await page.waitForTimeout(300);
      expect(await page.locator('.dialog').count()).toBe(0);
      expect(await tabs()).not.toContain('Аналитическая справка');
      // «Нет»: the справка by the current data, its message says so; the message has «×» and «ОК».
      await p.menu('Аналитическая справка');
      await question.waitFor();
      await question.getByRole('button', { name: 'Нет', exact: true }).click();
      const message = page.getByRole('dialog', { name: 'ШНОР' });
      await message.waitFor();
      expect(await message.locator('button').allTextContents()).toEqual(['×', 'ОК']);
      expect(await message.innerText()).toMatch(/Источник данных: лист «Результаты»\. Внимание: критерии в настройках изменились/);
      await message.getByRole('button', { name: 'ОК', exact: true }).click();
      await expect.poll(tabs).toContain('Аналитическая справка');
    } finally {
      await p.close();
    }
  }, 120_000);
});
