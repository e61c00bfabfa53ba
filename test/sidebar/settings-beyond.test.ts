import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEndpoints } from '../../src/actions/endpoints';
import type { Grid } from '../../src/core/results';
import { SETTINGS_SHEET } from '../../src/core/settings';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { launch, openSidebar } from '../support/browser';
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

describe('ШНСУ and objectivity in the settings sidebar', () => {
  it('shows them in their own groups; choosing a preset keeps them; a bad weight is refused beside the field', async () => {
    const wb = new MemoryWorkbook(grids);
    const page = await openSidebar(browser, 'settings', makeEndpoints(wb));
    await page.waitForSelector('#f-shnsu-weight-lowIncome');
    expect(await page.locator('#fields h2').allTextContents()).toEqual([
      'ШНСУ: социальный контекст',
      'Признаки необъективности',
      'Задания и распределение баллов',
    ]);
    expect(await page.inputValue('#f-shnsu-weight-lowIncome')).toBe('3');
    expect(await page.inputValue('#f-shnsu-cutoffMode')).toBe('доля');
    expect(await page.isChecked('#f-objectivity-countMarked')).toBe(true);

    await page.fill('#f-shnsu-weight-rural', '2');
    await page.selectOption('#f-shnsu-cutoffMode', 'индекс');
    await page.fill('#f-shnsu-cutoff', '30');
    await page.uncheck('#f-objectivity-countMarked');
    await page.selectOption('#preset', 'rosobrnadzor-2025-and');
    // The preset changed the criteria only.
    expect(await page.inputValue('#f-combine')).toBe('и');
    expect(await page.inputValue('#f-shnsu-weight-rural')).toBe('2');
    expect(await page.inputValue('#f-shnsu-cutoffMode')).toBe('индекс');
    expect(await page.isChecked('#f-objectivity-countMarked')).toBe(false);

    await page.fill('#f-shnsu-weight-disabilities', 'много');
    await page.click('#save');
    await expect
      .poll(() => page.locator('[data-field="shnsu.weight.disabilities"] .field-error').textContent())
      .toBe('«много» — не число.');
    expect(wb.sheets.has(SETTINGS_SHEET)).toBe(false);

    await page.fill('#f-shnsu-weight-disabilities', '0');
    await page.click('#save');
    await expect.poll(() => page.textContent('#status')).toBe('Настройки сохранены на листе «Настройки ШНОР».');
    expect(valueOf(wb, 'ШНСУ: вес — сельская местность')).toBe(2);
    expect(valueOf(wb, 'ШНСУ: отсечение')).toBe('индекс');
    expect(valueOf(wb, 'Учитывать результаты с признаками необъективности')).toBe('нет');
    expect(valueOf(wb, 'Набор критериев')).toBe('Рособрнадзор 2025 (условия через «и»)');
    await page.close();
  });
});
