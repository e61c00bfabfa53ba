/**
 * The browser of the tests is a Russian one, as the users' are: a date field of the browser is laid out
 * day.month.year, with «дд.мм.гггг» where the browser has its Russian strings, and the activity form's own
 * date fields (text, masked дд.мм.гггг) read as Russian in any. And the fallback for a machine without
 * Debian's Chromium — the npm package's — starts and does the same.
 */
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeActivityEndpoints } from '../../src/actions/activity-endpoints';
import { makeEndpoints } from '../../src/actions/endpoints';
import type { Grid } from '../../src/core/results';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { chromiumBuild, launch, openSidebar, screenshotPath } from '../support/browser';
import { type ChromiumBuild, npmChromium } from '../support/chromium';
import { sampleGrids } from '../support/sample';

const NOW = new Date('2026-10-05T09:00:00Z');

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

/** What a date field draws inside its (user-agent) shadow tree: Blink's pattern and the fields' text. */
async function dateField(page: Page, id: string): Promise<{ pattern: string; text: string; labels: string[] }> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const input = find(root, (n) => attr(n, 'id') === id && n.nodeName === 'INPUT');
  const shadow = input?.shadowRoots?.[0];
  if (!shadow) throw new Error(`Нет поля даты #${id}`);
  const edit = find(shadow, (n) => attr(n, 'pseudo') === '-webkit-datetime-edit');
  const fields = all(shadow, (n) => attr(n, 'role') === 'spinbutton');
  await cdp.detach();
  return {
    pattern: attr(edit, 'datetimeformat') ?? '',
    text: all(edit!, (n) => n.nodeType === 3)
      .map((n) => n.nodeValue)
      .join(''),
    labels: fields.map((n) => attr(n, 'aria-label') ?? ''),
  };
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}
const attr = (n: DomNode | undefined, name: string) => {
  const i = n?.attributes?.findIndex((a, k) => k % 2 === 0 && a === name) ?? -1;
  return i < 0 ? undefined : n!.attributes![i + 1];
};
function all(n: DomNode, test: (n: DomNode) => boolean, out: DomNode[] = []): DomNode[] {
  if (test(n)) out.push(n);
  for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) all(c, test, out);
  return out;
}
const find = (n: DomNode, test: (n: DomNode) => boolean) => all(n, test)[0];

async function activityForm(browser: Browser): Promise<Page> {
  const wb = new MemoryWorkbook(grids);
  const page = await openSidebar(browser, 'activity', { ...makeEndpoints(wb), ...makeActivityEndpoints(wb, () => NOW) });
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

/**
 * The form in `build`'s Chromium: what the product does — its own date fields (text, masked дд.мм.гггг) and
 * Russian dates in the page — whatever browser runs it, and the browser's own date field laid out
 * day.month.year (the order comes from the locale's ICU data, which every build has). Returns what that
 * field draws when empty, for the check of the browser's Russian strings.
 */
async function checkRussian(build: ChromiumBuild, picture: string): Promise<string> {
  const browser = await launch(build);
  try {
    const page = await activityForm(browser);
    expect(await page.evaluate(() => [navigator.language, new Date(2026, 8, 1).toLocaleDateString()])).toEqual(['ru-RU', '01.09.2026']);
    // The form's dates are its own text fields: дд.мм.гггг whatever strings the browser has.
    expect(await page.getAttribute('#start', 'placeholder')).toBe('дд.мм.гггг');
    await page.locator('#end').pressSequentially('09032027');
    expect(await page.inputValue('#end')).toBe('09.03.2027');
    await page.locator('#start').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(picture) });
    // And the browser's own date field is laid out day.month.year.
    await page.setContent('<input type="date" id="day" />');
    const empty = await dateField(page, 'day');
    expect(empty.pattern).toBe('dd.MM.y');
    if (build.russianStrings) expect(empty.labels).toEqual(['День', 'Месяц', 'Год']);
    await page.fill('#day', '2027-03-09');
    expect((await dateField(page, 'day')).text).toBe('09.03.2027');
    await page.close();
    return empty.text;
  } finally {
    await browser.close();
  }
}

describe('the browser of the tests is Russian', () => {
  it('the machine’s Chromium runs the form in Russian', async () => {
    await checkRussian(await chromiumBuild(), 'locale-dates.png');
  });

  it('the npm package’s Chromium, for machines without Debian’s, starts and lays dates out day.month.year', async () => {
    const build = await npmChromium();
    expect(build.source).toBe('npm');
    // Its build carries English interface strings only: the empty field says «dd.mm.yyyy».
    expect(await checkRussian(build, 'locale-dates-npm.png')).toBe('dd.mm.yyyy');
  }, 120_000);

  // «дд.мм.гггг» in the browser's own empty date field is the browser's Russian strings (Debian's
  // chromium-l10n, locales/ru.pak), not the product's: only a browser that has them can answer.
  it('a browser with Russian strings shows its own date field as дд.мм.гггг', async (ctx) => {
    const build = await chromiumBuild();
    if (!build.russianStrings)
      ctx.skip(
        build.source === 'system'
          ? `${build.executablePath} has no locales/ru.pak (Debian's chromium-l10n is not installed)`
          : 'no Debian Chromium here, and the @sparticuz/chromium build has English strings only',
      );
    expect(await checkRussian(build, 'locale-dates-ru.png')).toBe('дд.мм.гггг');
  });
});
