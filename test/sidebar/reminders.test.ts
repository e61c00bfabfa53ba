/** The reminders' dialog (src/addon/monitor.ts) in headless Chromium, at the size the add-on opens it. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overdueReminders } from '../../src/actions/monitor';
import { remindersHtml } from '../../src/addon/monitor';
import { schoolYear } from '../../src/core/terms';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { inViewport, launch, screenshotPath } from '../support/browser';
import { type Act, roadmapGrid } from '../support/roadmaps';
import { sampleGrids } from '../support/sample';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const late = (n: number): Act[] =>
  Array.from({ length: n }, (_, k) => ({
    number: `1.${k + 1}`,
    activity: `Мероприятие ${k + 1}: методический семинар для учителей математики и русского языка`,
    status: 'запланировано',
    end: '2026-10-15',
  }));

describe('«Напоминания о просроченных мероприятиях…» in Chromium', () => {
  it('shows each school’s text to copy, one school or all, and copies the chosen text', async () => {
    const period = schoolYear(2026);
    const wb = new MemoryWorkbook([
      ...(await sampleGrids()),
      roadmapGrid({ owner: 'sch771005', ownerName: 'МБОУ «СОШ № 5»', period }, [{ block: 'Управление', acts: late(3) }]),
      roadmapGrid({ owner: 'sch771009', ownerName: 'МБОУ «СОШ № 9»', period }, [{ block: 'Управление', acts: late(1) }]),
    ]);
    const { reminders, today } = overdueReminders(wb, { now: new Date('2026-12-01T09:00:00Z') });
    expect(reminders).toHaveLength(2);
    const page = await browser.newPage({ viewport: { width: 640, height: 560 } });
    await page.setContent(remindersHtml(reminders, today));
    const boxes = page.locator('textarea');
    expect(await boxes.count()).toBe(2);
    expect(await boxes.nth(0).inputValue()).toContain('просрочены 3 мероприятия');
    await page.screenshot({ path: screenshotPath('reminders.png'), fullPage: true });
    // One school chosen: the other's text is hidden.
    await page.locator('#who').selectOption({ label: 'МБОУ «СОШ № 9»' });
    expect(await page.locator('section').nth(0).isVisible()).toBe(false);
    expect(await page.locator('section').nth(1).isVisible()).toBe(true);
    await page.locator('button[data-copy="1"]').click();
    expect(await page.locator('#ok1').textContent()).toMatch(/^(Скопировано|Выделено: нажмите Ctrl\+C)$/);
    const selected = await page.evaluate(() => {
      const t = document.querySelectorAll('textarea')[1] as HTMLTextAreaElement;
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    expect(selected).toBe(reminders[1]?.text);
    // «Закрыть» under the texts, in view however far they are scrolled, closes the dialog (not only its «×»).
    let closed = 0;
    await page.exposeFunction('__gasHost', (what: string) => void (what === 'close' && closed++));
    await page.evaluate(() => {
      (window as unknown as { google: unknown }).google = {
        script: { host: { close: () => (window as unknown as { __gasHost(w: string): void }).__gasHost('close') } },
      };
      window.scrollTo(0, 0);
    });
    expect(await inViewport(page, '#close')).toBe(true);
    await page.getByRole('button', { name: 'Закрыть' }).click();
    await expect.poll(() => closed).toBe(1);
    await page.close();
  });
});
