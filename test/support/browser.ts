/**
 * Real headless Chromium (Debian's package) with `google.script.run` bridged to the real endpoints on an
 * in-memory workbook: the sidebars run as they would in Sheets, their server calls reach the actions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { withSidebarData } from '../../src/addon/ui';
import { withBridge } from '../../src/cli/preview/bridge';
import { DIST } from './gas';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- endpoints take their own plain-data arguments
type Handler = (...args: any[]) => unknown;

/**
 * Opens dist/<name>.html at sidebar width, with google.script.run calling `endpoints`; `data` is what the
 * add-on would hand the sidebar (showSidebar's second argument).
 */
export async function openSidebar(browser: Browser, name: string, endpoints: Record<string, Handler>, data?: unknown): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
  await page.exposeFunction('__gasCall', async (endpoint: string, args: unknown[]) => {
    const fn = endpoints[endpoint];
    if (!fn) return { ok: false, error: `Нет функции ${endpoint}` };
    try {
      // Plain data only, as google.script.run carries.
      return { ok: true, value: JSON.parse(JSON.stringify((await fn(...args)) ?? null)) };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  });
  // The bridge goes in before the sidebar's own script, as google.script.run is there before it in Sheets.
  // It is the local preview's bridge; only the transport differs (__gasCall is exposed from this process).
  const file = readFileSync(join(DIST, `${name}.html`), 'utf8');
  const html = withBridge(data === undefined ? file : withSidebarData(file, data));
  await page.setContent(html, { waitUntil: 'load' });
  return page;
}
