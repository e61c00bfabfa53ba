/**
 * The preview's grid and tab strip in Chromium, drawn as Sheets draws them: wrapped text breaks inside its
 * column and the row grows; unwrapped text overflows into empty cells or is cut at a filled one; frozen
 * rows and columns stay while the sheet scrolls; hidden columns are not drawn; merged cells span; a strip
 * of more tabs than fit scrolls with its arrows, and «Все листы» lists every tab.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../src/core/text';
import { MemoryWorkbook } from '../../../src/workbook/memory';
import { launch } from '../../support/browser';
import { openPreview, type PreviewPage } from '../../support/preview';

const LONG = 'Организация и проведение муниципальных методических семинаров для педагогов школ с низкими результатами';
const TABS = Array.from({ length: 24 }, (_, i) => `ДК МБОУ «СОШ № ${i + 1}» 2026–27`);

function book(): MemoryWorkbook {
  const values: CellValue[][] = Array.from({ length: 120 }, (_, r) =>
    Array.from({ length: 30 }, (_, c) => (r === 0 ? `Столбец ${c + 1}` : `${r}:${c}`)),
  );
  // Row 1, frozen: a title over the empty cells beside it ('' is empty too, as in Sheets).
  values[0] = [
    'Столбец 1',
    'Дорожная карта школьной программы повышения качества образования',
    '',
    null,
    ...(values[0] as CellValue[]).slice(4),
  ];
  const wb = new MemoryWorkbook([
    { sheet: 'Лист', values, merges: [] },
    ...TABS.map((sheet) => ({ sheet, values: [['№', 'Мероприятие']] })),
  ]);
  wb.freeze('Лист', 2, 1);
  wb.setColumnWidths('Лист', 0, [120, 100, 100, 100]);
  // Row 3: wrapped text in B; unwrapped long text in C, cut at D, which holds something.
  wb.writeBlock('Лист', 2, 1, [[LONG, LONG]]);
  wb.setWrap('Лист', { row: 2, col: 1, rows: 1, cols: 1 }, true);
  // Row 5: unwrapped text overflows into the empty cells to its right.
  wb.writeBlock('Лист', 4, 1, [[LONG, null, null, null, null, null, null, null]]);
  // Row 7: a merged cell over three columns with wrapped text.
  wb.writeBlock('Лист', 6, 1, [[LONG, null, null]]);
  wb.mergeAcross('Лист', { row: 6, col: 1, rows: 1, cols: 3 });
  wb.setWrap('Лист', { row: 6, col: 1, rows: 1, cols: 1 }, true);
  wb.hideColumns('Лист', 5, 2);
  return wb;
}

const box = async (page: Page, selector: string) => {
  const b = await page.locator(selector).boundingBox();
  if (!b) throw new Error(`нет ${selector}`);
  return b;
};

describe('the preview grid and tab strip in Chromium', () => {
  let browser: Browser;
  let p: PreviewPage;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    p = await openPreview(browser, book());
    page = p.page;
    await p.tab('Лист');
  });
  afterAll(async () => {
    await p?.close();
    await browser?.close();
  });

  const cell = (row: number, col: number) => `#sheet tr[data-row="${row}"] td[data-col="${col}"]`;

  it('wraps text inside its column and makes the row taller; unwrapped text is cut at a filled cell or overflows into empty ones', async () => {
    const wrapped = await box(page, cell(3, 1));
    expect(wrapped.height).toBeGreaterThan(3 * 14);
    expect(wrapped.width).toBeLessThanOrEqual(101);
    const lines = (await p.wrapped()).find((c) => c.row === 3 && c.col === 1);
    expect(lines?.inside).toBe(true);
    expect(lines?.lines.length).toBeGreaterThanOrEqual(4);
    expect(lines?.lines.join('')).toBe(LONG.replace(/\s+/g, ''));
    // C3 does not wrap: one line at the bottom of the tall row, cut at D3.
    const cut = await page.$eval(cell(3, 2), (td) => [td.scrollWidth > td.clientWidth, getComputedStyle(td).whiteSpace]);
    expect(cut).toEqual([true, 'nowrap']);
    // B5 overflows over C5…E5 (empty), and its row stays one line high.
    const spill = await box(page, `${cell(5, 1)} .spill`);
    expect(spill.width).toBeGreaterThan(300);
    // Drawn over the empty cells, not under them.
    const over = await box(page, cell(5, 3));
    const top = await page.evaluate(
      ([x, y]) => (document.elementFromPoint(x as number, y as number) as HTMLElement).closest('td')?.dataset.col,
      [over.x + 20, over.y + over.height / 2],
    );
    expect(top).toBe('1');
    // The same in a frozen row, whose cells are drawn a layer above the others.
    const besideTitle = await box(page, cell(1, 3));
    const title = await page.evaluate(
      ([x, y]) => (document.elementFromPoint(x as number, y as number) as HTMLElement).closest('td')?.dataset.col,
      [besideTitle.x + 20, besideTitle.y + besideTitle.height / 2],
    );
    expect(title).toBe('1');
    expect((await box(page, cell(5, 1))).height).toBeLessThan(25);
  });

  it('spans a merged cell over its columns, its wrapped text over their width', async () => {
    expect(await page.$eval(cell(7, 1), (td) => (td as HTMLTableCellElement).colSpan)).toBe(3);
    const merged = await box(page, cell(7, 1));
    expect(merged.width).toBeGreaterThan(290);
    const lines = (await p.wrapped()).find((c) => c.row === 7 && c.col === 1);
    // Three columns wide: fewer lines than in one column (B3 above takes four or more).
    expect(lines?.lines.length).toBeGreaterThanOrEqual(2);
    expect(lines?.lines.length).toBeLessThanOrEqual(3);
  });

  it('does not draw hidden columns', async () => {
    const heads = await page.$$eval('#sheet thead th', (th) => th.map((x) => x.textContent));
    expect(heads.slice(0, 9)).toEqual(['', 'A', 'B', 'C', 'D', 'E', 'H', 'I', 'J']);
    expect(await page.locator(cell(1, 5)).count()).toBe(0);
  });

  it('keeps the frozen rows and column in place while the sheet scrolls, over the cells that pass under them', async () => {
    const sheet = await box(page, '#sheet');
    const header = await box(page, cell(2, 3));
    const first = await box(page, cell(40, 0));
    const moving = await box(page, cell(40, 3));
    await page.$eval('#sheet', (s) => s.scrollTo(1500, 900));
    await expect.poll(() => page.$eval('#sheet', (s) => s.scrollTop)).toBeGreaterThan(800);
    // The frozen rows stay under the column letters; the frozen column beside the row numbers.
    expect((await box(page, cell(2, 0))).y).toBeCloseTo(header.y, 0);
    expect((await box(page, cell(60, 0))).x).toBeCloseTo(first.x, 0);
    expect((await box(page, cell(40, 3))).y).toBeLessThan(moving.y - 800);
    // What passes under them is hidden: at a frozen cell's place, the frozen cell is on top.
    const at = (x: number, y: number) =>
      page.evaluate(
        ([px, py]) => {
          const td = (document.elementFromPoint(px as number, py as number) as HTMLElement).closest('td');
          return `${(td?.parentElement as HTMLElement).dataset.row}:${td?.dataset.col}`;
        },
        [x, y],
      );
    expect(await at(sheet.x + 46 + 120 + 50, header.y + 5)).toMatch(/^2:\d+$/);
    expect(await at(sheet.x + 46 + 60, sheet.y + 300)).toMatch(/^\d+:0$/);
    await page.$eval('#sheet', (s) => s.scrollTo(0, 0));
  });

  it('scrolls a tab strip of more tabs than fit: arrows at its end, the active tab in view, «Все листы» lists them all', async () => {
    const strip = await box(page, '#tabs');
    const last = page.getByRole('tab', { name: TABS.at(-1), exact: true });
    expect((await last.boundingBox())!.x).toBeGreaterThan(strip.x + strip.width);
    expect(await page.locator('#tab-arrows').isVisible()).toBe(true);
    expect(await page.locator('#tabs-left').isDisabled()).toBe(true);
    // Forced: the arrow greys out at the end as the strip's scroll event arrives, maybe between a check and a click.
    for (let i = 0; i < 40 && !(await page.locator('#tabs-right').isDisabled()); i++) await page.click('#tabs-right', { force: true });
    const shown = (await last.boundingBox())!;
    expect(shown.x + shown.width).toBeLessThanOrEqual(strip.x + strip.width + 1);
    await last.click();
    await page.waitForSelector(`table.grid[data-sheet="${TABS.at(-1)}"]`);
    expect(await page.locator('#tabs-left').isDisabled()).toBe(false);

    // «Все листы»: the first tab again, scrolled back into view.
    await page.click('#tab-list-button');
    const items = await page.$$eval('#tab-list .menu-entry', (n) => n.map((x) => x.textContent));
    expect(items).toEqual(['Лист', ...TABS]);
    await page.getByRole('menuitem', { name: 'Лист', exact: true }).click();
    await page.waitForSelector('table.grid[data-sheet="Лист"]');
    expect(await page.locator('#tab-list').isHidden()).toBe(true);
    const first = (await page.getByRole('tab', { name: 'Лист', exact: true }).boundingBox())!;
    expect(first.x).toBeGreaterThanOrEqual(strip.x - 1);
  });
});
