/**
 * The local preview in a test: the server on a free port of 127.0.0.1 over an in-memory workbook, a
 * Chromium page on it, and the moves a user makes — a menu item, the sidebar's frame, a tab.
 * Sidebar tests can run against it as well as against openSidebar (browser.ts): the bridge is the same.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { type RunningPreview, startPreview } from '../../src/cli/preview/server';
import type { MemoryWorkbook } from '../../src/workbook/memory';
import { LOCALE } from './chromium';
import { DIST } from './gas';

export interface PreviewPage {
  page: Page;
  preview: RunningPreview;
  /** Расширения → ШНОР → the item. */
  menu(item: string): Promise<void>;
  /** The frame of the sidebar now open in the 300-px panel. */
  sidebar(): Promise<Frame>;
  /** Clicks a tab and waits for its grid. */
  tab(name: string): Promise<void>;
  /** The drawn grid's cells as text, row by row. */
  grid(): Promise<string[][]>;
  close(): Promise<void>;
}

export async function openPreview(browser: Browser, wb: MemoryWorkbook, title = 'district.xlsx'): Promise<PreviewPage> {
  const preview = await startPreview({ wb, title, dist: DIST, port: 0 });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, locale: LOCALE });
  await page.goto(preview.url);
  await page.locator('#tabs .tab').first().waitFor();
  return {
    page,
    preview,
    async menu(item) {
      await page.click('#menu-extensions .menu-label');
      await page.getByRole('menuitem', { name: 'ШНОР' }).click();
      await page.getByRole('menuitem', { name: item, exact: true }).click();
    },
    async sidebar() {
      await page.locator('#sidebar').waitFor();
      const handle = await page.waitForSelector('#sidebar-frame[src^="/html/"]', { state: 'attached' });
      const src = (await handle.getAttribute('src')) as string;
      for (let i = 0; i < 100; i++) {
        const frame = (await handle.contentFrame()) ?? null;
        if (frame && frame.url().endsWith(src)) {
          await frame.waitForLoadState();
          return frame;
        }
        await page.waitForTimeout(100);
      }
      throw new Error('Боковая панель не открылась');
    },
    async tab(name) {
      await page.getByRole('tab', { name, exact: true }).click();
      await page.waitForSelector(`table.grid[data-sheet="${name.replace(/"/g, '\\"')}"]`);
    },
    grid: () =>
      page.$$eval('#sheet table.grid tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? ''))),
    async close() {
      await page.close();
      await preview.close();
    },
  };
}
