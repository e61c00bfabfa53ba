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
  /** Every wrapped cell of the drawn grid with the lines its text takes there. */
  wrapped(): Promise<DrawnCell[]>;
  close(): Promise<void>;
}

/** A wrapped cell as the preview draws it: the lines its words take (spaces left out), and whether all of them are inside the cell. */
export interface DrawnCell {
  /** 1-based, as the row numbers. */
  row: number;
  /** 0-based. */
  col: number;
  text: string;
  lines: string[];
  inside: boolean;
}

/**
 * Runs in the page: the lines of every wrapped cell of the grid, from the boxes of its words (a word broken
 * at the cell's edge, letter by letter). A string, so that no compiler helper slips into what the page runs.
 */
const WRAPPED_CELLS = `(() => {
  const out = [];
  for (const td of document.querySelectorAll('#sheet td.wrap')) {
    const box = td.getBoundingClientRect();
    const lines = [];
    let top = null;
    let inside = true;
    const add = (piece, r) => {
      if (top === null || Math.abs(r.top - top) > 2) { lines.push(''); top = r.top; }
      lines[lines.length - 1] += piece;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) inside = false;
    };
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        if (rects.length === 1) { add(m[0], rects[0]); continue; }
        for (let i = 0; i < m[0].length; i++) {
          range.setStart(node, m.index + i);
          range.setEnd(node, m.index + i + 1);
          const r = range.getBoundingClientRect();
          if (r.width > 0) add(m[0][i], r);
        }
      }
    }
    out.push({ row: Number(td.parentElement.dataset.row), col: Number(td.dataset.col), text: td.textContent || '', lines, inside });
  }
  return out;
})()`;

export async function openPreview(browser: Browser, wb: MemoryWorkbook, title = 'district.xlsx'): Promise<PreviewPage> {
  const preview = await startPreview({ wb, title, dist: DIST, port: 0 });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, locale: LOCALE });
  await page.goto(preview.url);
  await page.locator('#tabs .tab').first().waitFor();
  let shownBefore: string | null = null;
  return {
    page,
    preview,
    async menu(item) {
      // The panel open before the item: sidebar() waits for the one the item opens, not this one.
      shownBefore = await page.getAttribute('#sidebar-frame', 'src');
      await page.click('#menu-extensions .menu-label');
      await page.getByRole('menuitem', { name: 'ШНОР' }).click();
      await page.getByRole('menuitem', { name: item, exact: true }).click();
    },
    async sidebar() {
      await page.locator('#sidebar').waitFor();
      // Under load the item's answer comes after this call: a panel still open from before is not the one asked for.
      await page.waitForFunction((before) => {
        const src = document.getElementById('sidebar-frame')?.getAttribute('src') ?? '';
        return src.startsWith('/html/') && src !== before;
      }, shownBefore);
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
    wrapped: () => page.evaluate(WRAPPED_CELLS) as Promise<DrawnCell[]>,
    async close() {
      await page.close();
      await preview.close();
    },
  };
}

/** Whether an element of the sidebar's frame lies wholly inside the panel's box on the page (what is seen). */
export async function seenInPanel(frame: Frame, selector: string): Promise<boolean> {
  const box = await frame.locator(selector).boundingBox();
  const panel = await (await frame.frameElement()).boundingBox();
  return (
    !!box &&
    !!panel &&
    box.height > 0 &&
    box.y >= panel.y &&
    box.y + box.height <= panel.y + panel.height &&
    box.x + box.width <= panel.x + panel.width
  );
}
