/**
 * Real headless Chromium (Debian's package, or the npm one: see chromium.ts), in Russian, with
 * `google.script.run` bridged to the real endpoints on an in-memory workbook: the sidebars run as they
 * would in Sheets, their server calls reach the actions.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { withSidebarData } from '../../src/addon/ui';
import { serverValue, withBridge } from '../../src/cli/preview/bridge';
import { type ChromiumBuild, chromiumBuild, LOCALE } from './chromium';
import { DIST } from './gas';

export { chromiumBuild, LOCALE } from './chromium';

/** Headless Chromium: the machine's, else the npm package's (`build` chooses another). */
export async function launch(build?: ChromiumBuild): Promise<Browser> {
  build ??= await chromiumBuild();
  return chromium.launch({
    executablePath: build.executablePath,
    headless: true,
    env: { ...process.env, ...build.env },
    args: [
      `--lang=${LOCALE}`,
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
  const page = await browser.newPage({ viewport: { width: 300, height: 900 }, locale: LOCALE });
  await page.exposeFunction('__gasCall', async (endpoint: string, args: unknown[]) => {
    const fn = endpoints[endpoint];
    if (!fn) return { ok: false, error: `Нет функции ${endpoint}` };
    try {
      // Plain data only, as google.script.run carries (a Date in it: null arrives).
      return { ok: true, value: serverValue(await fn(...args)) };
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

/**
 * Where a test puts a picture of what it drove, to be looked at: os.tmpdir()/shnor-screenshots/, never the
 * repository (the README's pictures come from `npm run screenshots`).
 */
export function screenshotPath(name: string): string {
  const dir = join(tmpdir(), 'shnor-screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** Whether the (first) element's box lies wholly inside the page's viewport: what a person sees without scrolling. */
export async function inViewport(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const size = page.viewportSize();
  return !!box && !!size && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height;
}
