/**
 * «Карточка ОО» in the preview behind real Chromium: the menu item draws the tab with the first ШНОР and
 * says how to choose another, every wrapped text stays inside its cell, the charts stand beside their
 * numbers; another school chosen in B2 and the same item redraw the card.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreviewWorkbook } from '../../src/cli/preview/load';
import { launch, screenshotPath } from '../support/browser';
import { openPreview } from '../support/preview';
import { SAMPLE_XLSX } from '../support/sample';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const SLOW = { timeout: 60_000 };

describe('«Карточка ОО» in the preview', () => {
  it('is drawn from the menu and redrawn for the school chosen in B2', async () => {
    const wb = await loadPreviewWorkbook(SAMPLE_XLSX);
    const p = await openPreview(browser, wb);
    const page = p.page;
    try {
      await p.menu('Карточка ОО');
      const alert = page.getByRole('dialog', { name: 'ШНОР' });
      await alert.waitFor(SLOW);
      expect(await alert.innerText()).toMatch(/Карточка ОО «.+ \(sch\d{6}\)» \(ШНОР\) на листе «Карточка ОО»: рисунков \d+\./);
      await alert.getByRole('button', { name: 'ОК' }).click();
      await expect.poll(() => page.textContent('#tabs .tab.active'), SLOW).toBe('Карточка ОО');
      const grid = await p.grid();
      const title = grid.flat().find((t) => /^Карточка ОО: .+ \(sch\d{6}\)$/.test(t));
      expect(title).toBeDefined();
      expect(grid.flat()).toContain('Статус');
      // Text wraps inside its cell: nothing cut on the screen.
      const wrapped = await p.wrapped();
      expect(wrapped.length).toBeGreaterThan(3);
      expect(wrapped.filter((c) => !c.inside).map((c) => c.text)).toEqual([]);
      // A chart drawn from its figure floats over the grid; one without a figure is a plain figure box.
      const charts = await page.locator('#sheet .chart-float, #sheet figure.chart').count();
      expect(charts).toBeGreaterThan(3);
      expect(charts).toBe(wb.sheet('Карточка ОО').charts.length);
      // The categories stay text (years, scores), as the charts need them.
      expect(wb.sheet('Карточка ОО').values.flat()).toContain('2024');
      expect(wb.sheet('Карточка ОО').values.flat()).not.toContain(2024);
      await page.screenshot({ path: screenshotPath('card.png'), fullPage: false });

      // Another school, as chosen in the dropdown; the same item redraws without a dialog.
      const rule = wb.sheet('Карточка ОО').validations.find((v) => v.range.row === 1 && v.range.col === 1)?.rule;
      if (rule?.kind !== 'list') throw new Error('no dropdown');
      const other = rule.values.at(-1) as string;
      wb.writeBlock('Карточка ОО', 1, 1, [[other]]);
      await p.menu('Карточка ОО');
      await expect.poll(async () => (await p.grid()).flat().includes(`Карточка ОО: ${other}`), SLOW).toBe(true);
      expect((await p.grid()).flat()).not.toContain(title);
    } finally {
      await p.close();
    }
  }, 180_000);
});
