import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/actions/analyze';
import { makeEndpoints } from '../../src/actions/endpoints';
import { templateChoices } from '../../src/actions/indicator-templates';
import { INDICATORS_SHEET } from '../../src/actions/indicators';
import { INDICATOR_TEMPLATES } from '../../src/core/indicators';
import type { Grid } from '../../src/core/results';
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

/** The dialog at the size the add-on opens it, with google.script.host.close() counted. */
async function open(endpoints: Parameters<typeof openSidebar>[2]): Promise<{ page: Page; closed: () => number }> {
  const page = await openSidebar(browser, 'indicators', endpoints, templateChoices());
  await page.setViewportSize({ width: 560, height: 520 });
  let closes = 0;
  await page.exposeFunction('__gasHost', (what: string) => {
    if (what === 'close') closes++;
  });
  return { page, closed: () => closes };
}

const tabText = (wb: MemoryWorkbook) => wb.sheet(INDICATORS_SHEET).values.flat().map(String).join('\n');

describe('the «Построить вкладку показателей» dialog in Chromium', () => {
  it('lists every template with a line about it, the computed set chosen; «Построить» builds the one clicked', async () => {
    const wb = new MemoryWorkbook(grids);
    const { page, closed } = await open(makeEndpoints(wb));
    const radios = page.getByRole('radio');
    expect(await radios.count()).toBe(INDICATOR_TEMPLATES.length);
    expect(await page.getByRole('radio', { name: /^Рассчитываемые по книге/ }).isChecked()).toBe(true);
    expect(await page.locator('.choice').first().textContent()).toMatch(
      /Всё, что надстройка считает сама.*Показателей: 8, факт рассчитывается по книге\./,
    );
    expect(await page.locator('.choice').nth(2).textContent()).toMatch(/Показателей: 4, факт вносится вручную\.$/);
    expect(await page.locator('.choice').last().textContent()).toMatch(/^ПустойТолько заголовки таблицы/);
    // No internal id where people read.
    expect(await page.locator('body').innerText()).not.toMatch(/bezhetsk|computed|konakovo/);
    await page.screenshot({ path: screenshotPath('indicators-dialog.png') });

    // A click on the text of a template chooses it: the whole card is its label.
    await page.getByText('Бежецкий район, 2021', { exact: false }).click();
    expect(await page.getByRole('radio', { name: /^Бежецкий район/ }).isChecked()).toBe(true);
    expect(wb.sheets.has(INDICATORS_SHEET)).toBe(false);
    await page.getByRole('button', { name: 'Построить' }).click();
    await expect
      .poll(() => page.textContent('#status'))
      .toMatch(/^Источник данных: лист «Результаты».*\nПоказателей: 6, из них рассчитываемых по книге: 1\./);
    expect(await page.textContent('#error')).toBe('');
    expect(tabText(wb)).toMatch(/Доля школ с низкими результатами обучения/);
    // Built: the choices give way to «Закрыть», which closes the dialog.
    expect(await page.isHidden('#form')).toBe(true);
    await page.getByRole('button', { name: 'Закрыть' }).click();
    expect(closed()).toBe(1);
    await page.close();
  });

  it('results changed since the check: nothing built, the warning beside «Проверить заново и продолжить», which checks, then builds', async () => {
    const wb = new MemoryWorkbook(grids);
    const endpoints = makeEndpoints(wb);
    expect(analyze(wb).kind).toBe('done');
    expect(endpoints.apiSaveSettings({ ...endpoints.apiGetSettings().form, threshold: '20' }).ok).toBe(true);
    const { page } = await open(endpoints);
    await page.getByRole('button', { name: 'Построить' }).click();
    await expect.poll(() => page.isVisible('#stale')).toBe(true);
    expect(await page.textContent('#stale .warning')).toBe(
      'Внимание: критерии в настройках изменились после проверки школ — «ШНОР: итоги» составлены по другим данным.',
    );
    expect(wb.sheets.has(INDICATORS_SHEET)).toBe(false);
    expect(await page.textContent('#error')).toBe('');
    await page.getByRole('button', { name: 'Проверить заново и продолжить' }).click();
    await expect
      .poll(() => page.textContent('#status'))
      .toMatch(
        /^Школы проверены заново по листу «Результаты»: ШНОР: \d+ из \d+ ОО.*\nИсточник данных: лист «Результаты» — тот же, что в последней проверке школ/,
      );
    expect(wb.sheets.has(INDICATORS_SHEET)).toBe(true);
    expect(await page.isHidden('#stale')).toBe(true);
    await page.close();
  });

  it('«Построить» right away takes the computed set; «Отмена» closes and writes nothing', async () => {
    const wb = new MemoryWorkbook(grids);
    const first = await open(makeEndpoints(wb));
    await first.page.getByRole('button', { name: 'Отмена' }).click();
    expect(first.closed()).toBe(1);
    expect(wb.sheets.has(INDICATORS_SHEET)).toBe(false);
    await first.page.close();

    const { page } = await open(makeEndpoints(wb));
    await page.getByRole('button', { name: 'Построить' }).click();
    await expect.poll(() => page.textContent('#status')).toMatch(/\nПоказателей: 8, из них рассчитываемых по книге: 8\./);
    expect(tabText(wb)).toContain('Число ШНОР');
    expect(tabText(wb)).not.toContain('Бежецк');
    await page.close();
  });

  it('shows the server’s refusal and a failed call in red and keeps the choice for another try', async () => {
    const calls: string[] = [];
    const { page } = await open({
      apiBuildIndicators: (template: string) => {
        calls.push(template);
        if (calls.length === 1) return { ok: false, message: 'Вкладка «Показатели ОО» не обновлена, исправьте:\nстрока 3' };
        throw new Error('Книга занята: её сейчас изменяет другой пользователь. Повторите через минуту.');
      },
    });
    await page.getByRole('radio', { name: /^Новокузнецк/ }).check();
    await page.getByRole('button', { name: 'Построить' }).click();
    await expect.poll(() => page.textContent('#error')).toBe('Вкладка «Показатели ОО» не обновлена, исправьте:\nстрока 3');
    expect(await page.textContent('#status')).toBe('');
    await page.getByRole('button', { name: 'Построить' }).click();
    await expect
      .poll(() => page.textContent('#error'))
      .toBe('Не удалось построить вкладку: Книга занята: её сейчас изменяет другой пользователь. Повторите через минуту.');
    expect(calls).toEqual(['novokuznetsk-2020', 'novokuznetsk-2020']);
    expect(await page.isVisible('#form')).toBe(true);
    expect(await page.getByRole('button', { name: 'Построить' }).isEnabled()).toBe(true);
    await page.close();
  });
});
