import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, readSourceRecord, SUMMARY_SHEET } from '../../src/actions/analyze';
import { readCatalogue } from '../../src/actions/catalogue';
import { makeEndpoints } from '../../src/actions/endpoints';
import { makeRoadmapEndpoints } from '../../src/actions/roadmap-endpoints';
import type { Grid } from '../../src/core/results';
import { parseRoadmap, ROADMAP_COLUMN } from '../../src/core/roadmap-sheet';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { inViewport, launch, openSidebar, screenshotPath } from '../support/browser';
import { checkedStatus, NEW_SHNOR, NEW_SHNOR_NAME, worsenSchool7 } from '../support/changed-results';
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

const NOW = () => new Date('2026-10-05T09:00:00Z');
const SHEET = 'ДК СОШ № 5 2026–27';
const UNTICKED = 'О6';
const PARENTS = 'Родители и социальные партнёры';
const NEW_SHEET = 'ДК СОШ № 7 2026–27';

describe('the roadmap sidebar in Chromium', () => {
  it('chooses a school, shows proposals with reasons, unticks one, generates; regenerates after a confirmation keeping an edit', async () => {
    const wb = new MemoryWorkbook(grids);
    const shown: string[] = [];
    const page = await openSidebar(browser, 'roadmap', {
      ...makeRoadmapEndpoints(wb, NOW),
      apiShowSheet: (name: string) => {
        shown.push(name);
        return wb.sheetNames().includes(name);
      },
    });
    await page.setViewportSize({ width: 300, height: 700 });
    await page.waitForSelector('input[data-login="sch771005"]');
    // The button is on screen from the start, the long lists folded or searchable, with counts.
    expect(await inViewport(page, '#propose')).toBe(true);
    expect(await page.textContent('#schools-title')).toMatch(/^Школы: отмечено 0 из \d+$/);
    expect(await page.locator('#blocks-box').getAttribute('open')).toBeNull();
    await page.fill('#school-filter', 'sch771005');
    expect(await page.locator('#schools .school:visible').count()).toBe(1);
    await page.fill('#school-filter', '');
    // Each activity of the справочник counted once: the blocks of a school's roadmap add up to the
    // activities a school takes part in (not the district's and the school's counts added up: 62 of 48).
    const catalogue = readCatalogue(wb, wb.sheetNames()).activities;
    const forSchools = catalogue.filter((a) => a.level !== 'district').length;
    expect(forSchools).toBeLessThan(catalogue.length);
    expect(await page.textContent('#blocks-title')).toBe(`Блоки: отмечено 5 из 5 (мероприятий: ${forSchools})`);
    // ШНОР first, with their status.
    const first = await page.locator('#schools label.check').first().textContent();
    expect(first).toContain('ШНОР');
    expect(await page.inputValue('#year')).toBe('2026-09-01');
    await page.check('input[data-login="sch771005"]');
    await page.click('#propose');
    await page.waitForSelector(`input[data-code="${UNTICKED}"]`);
    const card = page.locator('.owner[data-owner="sch771005"]');
    expect(await card.locator('h2').textContent()).toBe('МБОУ «СОШ № 5»');
    expect(await card.textContent()).toContain('низкие результаты по математике');
    expect(await card.textContent()).toContain('фактор риска: высокая доля обучающихся с рисками учебной неуспешности');
    expect(await page.isChecked(`input[data-code="${UNTICKED}"]`)).toBe(true);
    await page.uncheck(`input[data-code="${UNTICKED}"]`);
    await card.evaluate((node) => node.scrollIntoView());
    await page.screenshot({ path: screenshotPath('roadmap-sidebar.png') });
    const ticked = await page.locator('#proposals input[data-code]:checked').count();
    // Scrolled down the proposals, «Сформировать» is still in view, with the count of ticked ones.
    expect(await inViewport(page, '#generate')).toBe(true);
    expect(await page.textContent('#ticked')).toBe(`Отмечено мероприятий: ${ticked}`);
    await page.click('#generate');
    await expect.poll(() => page.textContent('#status')).toMatch(new RegExp(`^Дорожная карта готова:\\n«${SHEET}»: ${ticked} мероприят`));
    // The message and the way to the new tab are where the eye is.
    expect(await inViewport(page, '#status')).toBe(true);
    expect(await inViewport(page, '#open-tabs button')).toBe(true);
    await page.screenshot({ path: screenshotPath('roadmap-done.png') });
    await page.click('#open-tabs button');
    expect(shown).toEqual([SHEET]);
    const rows = () => parseRoadmap(wb.sheet(SHEET).values).rows;
    expect(rows()).toHaveLength(ticked);
    expect(rows().map((r) => r.code)).not.toContain(UNTICKED);

    // Somebody marks a row done in the tab; generating again asks first, then keeps it.
    const values = wb.sheet(SHEET).values;
    const edited = values.findIndex((r) => r[ROADMAP_COLUMN.code] === 'О1');
    values[edited]![ROADMAP_COLUMN.status] = 'выполнено';
    await page.check(`input[data-code="${UNTICKED}"]`);
    await page.click('#generate');
    await page.waitForSelector('#confirm:not([hidden])');
    expect(await page.textContent('#confirm-text')).toMatch(/изменённые людьми \(1\) и добавленные \(0\) сохранятся/);
    expect(rows().map((r) => r.code)).not.toContain(UNTICKED);
    await page.click('#confirm-yes');
    await expect.poll(() => page.textContent('#status')).toMatch(/сохранено изменённых людьми: 1/);
    expect(rows().map((r) => r.code)).toContain(UNTICKED);
    expect(rows().find((r) => r.code === 'О1')?.status).toBe('выполнено');
    expect(rows().filter((r) => r.code === 'О1')).toHaveLength(1);
    expect(await page.isHidden('#confirm')).toBe(true);
    await page.close();
  });

  it('a school marked ШНСУ gets the parents’ and psychologists’ work proposed', async () => {
    const wb = new MemoryWorkbook(grids);
    const page = await openSidebar(browser, 'roadmap', makeRoadmapEndpoints(wb, NOW));
    await page.waitForSelector('input[data-login="sch771010"]');
    await page.check('input[data-login="sch771010"]');
    await page.click('#propose');
    await page.waitForSelector('#proposals input[data-code]');
    expect(await page.locator('#proposals input[data-code]:checked').count()).toBe(0);
    await page.check('input[data-shnsu="sch771010"]');
    await page.click('#propose');
    await expect.poll(() => page.locator('#proposals input[data-code]:checked').count()).toBe(6);
    expect(await page.textContent('.owner')).toContain('неблагоприятные социальные условия (ШНСУ)');
    await page.close();
  });

  it('the district’s roadmap: only blocks with district activities, chosen ones only', async () => {
    const wb = new MemoryWorkbook(grids);
    const page = await openSidebar(browser, 'roadmap', makeRoadmapEndpoints(wb, NOW));
    await page.waitForSelector('input[data-login]');
    await page.check('#mode-district');
    expect(await page.isHidden('#schools-box')).toBe(true);
    await page.click('#blocks-title');
    const forDistrict = readCatalogue(wb, wb.sheetNames()).activities.filter((a) => a.level !== 'school').length;
    expect(await page.textContent('#blocks-title')).toBe(`Блоки: отмечено 5 из 5 (мероприятий: ${forDistrict})`);
    await page.click('#blocks-none');
    await page.check(`input[data-block="${PARENTS}"]`);
    await page.selectOption('#year', '2027-09-01');
    await page.click('#propose');
    await page.waitForSelector('.owner[data-owner="район"]');
    expect(await page.locator('#proposals input[data-code]').count()).toBe(4);
    await page.click('#generate');
    await expect.poll(() => page.textContent('#status')).toMatch(/«ДК район 2027–28»: 4 мероприятия в 1 блоке/);
    expect(parseRoadmap(wb.sheet('ДК район 2027–28').values).meta?.period).toEqual({ from: '2027-09-01', to: '2028-08-31' });
    await page.close();
  });

  it('shows a server failure, and what it refuses before asking the server', async () => {
    const wb = new MemoryWorkbook(grids);
    const endpoints = makeRoadmapEndpoints(wb, NOW);
    const failing = {
      ...endpoints,
      apiCreateRoadmaps: () => Promise.reject(new Error('Книга занята: её сейчас изменяет другой пользователь. Повторите через минуту.')),
    };
    const page = await openSidebar(browser, 'roadmap', failing);
    await page.waitForSelector('input[data-login]');
    await page.click('#propose');
    expect(await page.textContent('#error')).toBe('Отметьте хотя бы одну школу.');
    await page.check('input[data-login="sch771013"]');
    await page.selectOption('#year', 'custom');
    await page.fill('#from', '2027-09-01');
    await page.fill('#to', '2026-09-01');
    await page.click('#propose');
    await expect.poll(() => page.textContent('#error')).toBe('Период задан неверно: начало 01.09.2027 позже окончания 01.09.2026.');
    await page.fill('#to', '2028-08-31');
    await page.click('#propose');
    await page.waitForSelector('#proposals input[data-code]');
    await page.click('#generate');
    await expect
      .poll(() => page.textContent('#error'))
      .toBe('Не удалось сформировать: Книга занята: её сейчас изменяет другой пользователь. Повторите через минуту.');
    expect(wb.sheets.size).toBe(grids.length);
    await page.close();
  });

  it('statuses from other data than the last check: the warning on top with «Проверить заново и продолжить», which checks and reloads the schools', async () => {
    const wb = new MemoryWorkbook(grids);
    expect(analyze(wb).kind).toBe('done');
    const settings = makeEndpoints(wb);
    expect(settings.apiSaveSettings({ ...settings.apiGetSettings().form, threshold: '20' }).ok).toBe(true);
    const checked = JSON.stringify(readSourceRecord(wb, wb.sheetNames()));
    const page = await openSidebar(browser, 'roadmap', makeRoadmapEndpoints(wb, NOW));
    await page.setViewportSize({ width: 300, height: 700 });
    await page.waitForSelector('input[data-login="sch771005"]');
    expect(await page.isVisible('#stale')).toBe(true);
    expect(await page.textContent('#stale .warning')).toBe(
      'Статусы школ: критерии в настройках изменились после проверки школ — «ШНОР: итоги» составлены по другим данным.',
    );
    expect(await inViewport(page, '#stale button[data-stale="recheck"]')).toBe(true);
    await page.screenshot({ path: screenshotPath('roadmap-stale.png') });
    await page.click('#stale button[data-stale="recheck"]');
    await expect.poll(() => page.textContent('#stale-status')).toMatch(/^Школы проверены заново по листу «[^»]+»: ШНОР: \d+ из \d+ ОО/);
    expect(await page.isHidden('#stale')).toBe(true);
    expect(JSON.stringify(readSourceRecord(wb, wb.sheetNames()))).not.toBe(checked);
    await page.click('#notes-title');
    expect(await page.textContent('#notes')).toContain('— тот же, что в последней проверке школ');
    await page.waitForSelector('input[data-login="sch771005"]');
    await page.close();
  });

  it('the warning passed by, «Сформировать» asks again beside the button; «Продолжить по текущим данным» makes it warned; the next «Сформировать» asks again, «Проверить заново и продолжить» checks and makes it', async () => {
    const wb = new MemoryWorkbook(grids);
    expect(analyze(wb).kind).toBe('done');
    worsenSchool7(wb.sheet('Результаты').values);
    const record = () => JSON.stringify(readSourceRecord(wb, wb.sheetNames()));
    const checked = record();
    const page = await openSidebar(browser, 'roadmap', makeRoadmapEndpoints(wb, NOW));
    await page.setViewportSize({ width: 300, height: 700 });
    await page.waitForSelector(`input[data-login="${NEW_SHNOR}"]`);
    // The panel opens with the warning; the methodologist goes on without the check.
    expect(await page.isVisible('#stale')).toBe(true);
    expect(await page.locator('#schools label.check', { hasText: NEW_SHNOR_NAME }).textContent()).toContain('ШНОР');
    await page.check(`input[data-login="${NEW_SHNOR}"]`);
    await page.click('#propose');
    await page.waitForSelector(`.owner[data-owner="${NEW_SHNOR}"] input[data-code]`);
    await page.click('#generate');
    // Nothing made: the question again, beside «Сформировать», in view.
    await expect.poll(() => page.isVisible('#generate-stale')).toBe(true);
    expect(await page.textContent('#generate-stale .warning')).toBe(
      'Дорожная карта не сформирована. Внимание: результаты на листе «Результаты» изменились после проверки школ — «ШНОР: итоги» составлены по другим данным.',
    );
    expect(wb.sheets.has(NEW_SHEET)).toBe(false);
    expect(await page.textContent('#generate-stale button[data-stale="recheck"]')).toBe('Проверить заново и продолжить');
    expect(await page.textContent('#generate-stale button[data-stale="warn"]')).toBe('Продолжить по текущим данным');
    for (const b of ['recheck', 'warn']) expect(await inViewport(page, `#generate-stale button[data-stale="${b}"]`)).toBe(true);
    expect(await inViewport(page, '#generate')).toBe(true);
    await page.screenshot({ path: screenshotPath('roadmap-generate-stale.png') });
    // «Продолжить по текущим данным»: made by the statuses shown, the check left as it was, the message warning.
    await page.click('#generate-stale button[data-stale="warn"]');
    await expect.poll(() => page.textContent('#status')).toMatch(new RegExp(`^Дорожная карта готова:\\n«${NEW_SHEET}»: `));
    expect(await page.textContent('#status')).toMatch(/\nВнимание: результаты на листе «Результаты» изменились после проверки школ/);
    expect(await page.isHidden('#generate-stale')).toBe(true);
    expect(record()).toBe(checked);
    const made = JSON.stringify(wb.sheet(NEW_SHEET).values);
    // «Сформировать» once more: asked again, not made silently from the same old check.
    await page.click('#generate');
    await expect.poll(() => page.isVisible('#generate-stale')).toBe(true);
    expect(JSON.stringify(wb.sheet(NEW_SHEET).values)).toBe(made);
    // «Проверить заново и продолжить»: checked, then (the tab is there) «Обновить?» after the check's line.
    await page.click('#generate-stale button[data-stale="recheck"]');
    await page.waitForSelector('#confirm:not([hidden])');
    expect(await page.textContent('#confirm-text')).toMatch(
      /^Школы проверены заново по листу «Результаты»: ШНОР: 8 из 33 ОО[^\n]*\nДорожная карта уже есть\. Обновить\?/,
    );
    expect(record()).not.toBe(checked);
    expect(await page.isHidden('#stale')).toBe(true);
    // «Обновить»: the data agree with the check now, so nothing is asked and nothing warned.
    await page.click('#confirm-yes');
    await expect.poll(() => page.textContent('#status')).toMatch(/^Дорожная карта готова:/);
    expect(await page.textContent('#status')).not.toContain('Внимание');
    expect(await page.isHidden('#generate-stale')).toBe(true);
    await page.close();
  });

  it('results changed while the panel is open: «Сформировать» asks; «Проверить заново и продолжить» checks and makes the new ШНОР’s roadmap in one call', async () => {
    const wb = new MemoryWorkbook(grids);
    expect(analyze(wb).kind).toBe('done');
    const endpoints = makeRoadmapEndpoints(wb, NOW);
    const creates: unknown[] = [];
    const page = await openSidebar(browser, 'roadmap', {
      ...endpoints,
      apiCreateRoadmaps: (req: Parameters<typeof endpoints.apiCreateRoadmaps>[0]) => {
        creates.push(req.stale);
        return endpoints.apiCreateRoadmaps(req);
      },
    });
    await page.setViewportSize({ width: 300, height: 700 });
    await page.waitForSelector(`input[data-login="${NEW_SHNOR}"]`);
    expect(await page.isHidden('#stale')).toBe(true);
    // A corrected report pasted over while the panel is open: «СОШ № 7» is a ШНОР now.
    worsenSchool7(wb.sheet('Результаты').values);
    await page.check(`input[data-login="${NEW_SHNOR}"]`);
    await page.click('#propose');
    await page.waitForSelector(`.owner[data-owner="${NEW_SHNOR}"] input[data-code]`);
    expect(await page.textContent(`.owner[data-owner="${NEW_SHNOR}"]`)).toContain('статус: ШНОР');
    await page.click('#generate');
    await expect.poll(() => page.isVisible('#generate-stale')).toBe(true);
    expect(wb.sheets.has(NEW_SHEET)).toBe(false);
    await page.click('#generate-stale button[data-stale="recheck"]');
    await expect
      .poll(() => page.textContent('#status'))
      .toMatch(
        new RegExp(`^Школы проверены заново по листу «Результаты»: ШНОР: 8 из 33 ОО[^\\n]*\\nДорожная карта готова:\\n«${NEW_SHEET}»: `),
      );
    expect(creates).toEqual(['ask', 'recheck']);
    expect(checkedStatus(wb.sheet(SUMMARY_SHEET).values, NEW_SHNOR)).toBe('ШНОР');
    expect(parseRoadmap(wb.sheet(NEW_SHEET).values).meta?.owner).toBe(NEW_SHNOR);
    expect(await inViewport(page, '#open-tabs button')).toBe(true);
    await page.close();
  });

  it('escapes what it shows: a school name with markup stays text', async () => {
    const wb = new MemoryWorkbook(grids);
    const endpoints = makeRoadmapEndpoints(wb, NOW);
    const start = endpoints.apiRoadmapStart();
    if (start.kind !== 'start') throw new Error(start.message);
    const hostile = { ...start, schools: [{ ...start.schools[0]!, name: '<img src=x onerror="window.__pwned=1">' }], notes: ['<b>x</b>'] };
    const page = await openSidebar(browser, 'roadmap', { ...endpoints, apiRoadmapStart: () => hostile });
    await page.waitForSelector('input[data-login]');
    expect(await page.locator('#schools label.check').first().textContent()).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await page.textContent('#notes')).toBe('<b>x</b>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });
});
