/**
 * A methodologist's first hour in the local preview (issue 21), walked in one test as a user would: the real
 * bundle on the sample district behind real Chromium, the 300-px panel and the dialogs. Upload the sample's
 * 41 ФИС ОКО files → check the schools → the справка → the indicators → the registry → a school's roadmap →
 * one more activity → the settings → «О надстройке» → the criteria comparison. At each step it reads what is
 * on the screen (texts, within the viewport), and across the steps: the same result sheet named in every
 * output and the same ШНОР schools counted; each panel's primary button in view however it is scrolled;
 * numbers with a decimal comma; toasts of work in progress gone when the work is done; and the comparison,
 * made after the criteria changed, offering to check the schools again before it writes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreviewWorkbook } from '../../src/cli/preview/load';
import { launch, screenshotPath } from '../support/browser';
import { openPreview, seenInPanel } from '../support/preview';
import { SAMPLE_XLSX } from '../support/sample';
import { summaryTable } from '../support/summary';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const FOLDER = join(import.meta.dirname, '..', '..', 'sample', 'fisoko');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Generous: the machine is shared, the bundle runs in node:vm behind an HTTP round trip. */
const SLOW = { timeout: 60_000 };

/** Whether an element of the page lies wholly inside the viewport. */
async function seenOnPage(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  const view = page.viewportSize();
  return (
    !!box && !!view && box.height > 0 && box.y >= 0 && box.x >= 0 && box.y + box.height <= view.height && box.x + box.width <= view.width
  );
}

const tabNames = (page: Page) => page.$$eval('#tabs .tab', (t) => t.map((x) => x.textContent ?? ''));

/**
 * The panel's primary button stays in view however far the panel is scrolled: its bar is sticky, and the
 * button is seen with the panel scrolled to the top and to the bottom.
 */
async function primaryStays(frame: Frame, selector: string): Promise<void> {
  const position = await frame.$eval(selector, (b) => {
    for (let e: HTMLElement | null = b as HTMLElement; e; e = e.parentElement) {
      const p = getComputedStyle(e).position;
      if (p === 'sticky' || p === 'fixed') return p;
    }
    return 'static';
  });
  expect(position, selector).toBe('sticky');
  for (const y of [0, 1e6]) {
    await frame.evaluate((to) => window.scrollTo(0, to), y);
    expect(await seenInPanel(frame, selector), `${selector} at scroll ${y}`).toBe(true);
  }
}

/** What the toasts say when an item has finished: the closing one of what was done, never «…» of the work. */
const toastsLeft = (page: Page) => page.$$eval('#toasts .toast', (t) => t.map((x) => x.textContent ?? ''));

describe('the first hour in the preview: every menu item in order, one sheet and one ШНОР count throughout', () => {
  it('upload → check → справка → indicators → registry → roadmap → activity → settings → about → comparison', async () => {
    const wb = await loadPreviewWorkbook(SAMPLE_XLSX);
    const p = await openPreview(browser, wb);
    const page = p.page;
    try {
      // 1. «Загрузить выгрузки…»: the note before «Записать» beside it, then the success message in view.
      await p.menu('Загрузить выгрузки…');
      const upload = await p.sidebar();
      const files = readdirSync(FOLDER).map((f) => ({
        name: f,
        mimeType: f.endsWith('.csv') ? 'text/csv' : XLSX_TYPE,
        buffer: readFileSync(join(FOLDER, f)),
      }));
      expect(files).toHaveLength(41);
      await upload.setInputFiles('#files', files);
      await expect.poll(() => upload.textContent('#notes'), SLOW).toMatch(/^Лист «Сравнение с журналом» ведётся вручную/);
      expect(await seenInPanel(upload, '#notes')).toBe(true);
      await primaryStays(upload, '#write');
      await upload.click('#write');
      await expect
        .poll(() => upload.textContent('#status'), SLOW)
        .toMatch(
          /^Записано на лист «Результаты ФИС ОКО»: \d+ строк, на лист «Сравнение с журналом \(ФИС ОКО\)»: \d+\. Лист «Результаты ФИС ОКО» открыт: «Проверить школы по критериям» проверит его/,
        );
      expect(await seenInPanel(upload, '#status')).toBe(true);
      // The uploaded rows are in front, so the check below reads them (no check was made before).
      await expect.poll(() => page.textContent('#tabs .tab.active'), SLOW).toBe('Результаты ФИС ОКО');
      await page.click('#sidebar-close');

      // 2. «Проверить школы по критериям»: the dialog names the sheet and the count N (the remarks' dialog
      // when reading left remarks, else the plain message).
      await p.menu('Проверить школы по критериям');
      const dialog = page.getByRole('dialog', { name: /^ШНОР(: итоги проверки)?$/ });
      await dialog.waitFor(SLOW);
      const remarks = (await page.locator('.html-dialog iframe').count()) > 0;
      const text = () => (remarks ? page.frameLocator('.html-dialog iframe').locator('body').innerText() : dialog.innerText());
      const source = /Источник данных: лист «([^»]+)»\.\s+ШНОР: (\d+) из 33 ОО/;
      await expect.poll(text, SLOW).toMatch(source);
      const said = (await text()).match(source) as RegExpMatchArray;
      const sheet = said[1] as string;
      const n = Number(said[2]);
      expect(sheet).toBe('Результаты ФИС ОКО');
      expect(n).toBeGreaterThan(0);
      // The remarks' dialog closes by its own button; the plain message by «ОК» (its title bar has «×» too).
      if (remarks) await dialog.getByRole('button', { name: 'Закрыть' }).click();
      else await dialog.getByRole('button', { name: 'ОК', exact: true }).click();
      // The toast «Проверяю школы…» gave way to what was done.
      expect((await toastsLeft(page)).every((t) => !t.endsWith('…'))).toBe(true);
      // «ШНОР: итоги»: the same sheet in its source record, N rows of ШНОР.
      await expect.poll(() => page.textContent('#tabs .tab.active'), SLOW).toBe('ШНОР: итоги');
      const summary = await p.grid();
      expect(summary[0]?.[1]).toMatch(new RegExp(`^Источник данных: лист «${sheet}», 33 ОО`));
      expect(summary[2]?.[1]).toMatch(new RegExp(`^Лист «${sheet}», год отсчёта \\d{4}\\. ШНОР: ${n} из 33 ОО`));
      // The columns a reader needs first; read by the column map.
      expect(summary[5]?.slice(0, 4)).toEqual(['№', 'ОО', 'Статус', 'Основание']);
      const t = summaryTable(summary);
      const shnor = t.rows.filter((r) => r[t.col('status')] === 'ШНОР');
      expect(shnor).toHaveLength(n);
      const logins = shnor.map((r) => r[t.col('login')] as string).sort();

      // 3. «Аналитическая справка»: its message and its first lines name the same sheet; its list has N ШНОР.
      await p.menu('Аналитическая справка');
      const alert = page.getByRole('dialog', { name: 'ШНОР' });
      await alert.waitFor(SLOW);
      expect(await alert.innerText()).toContain(
        `Источник данных: лист «${sheet}» — тот же, что в последней проверке школ («ШНОР: итоги»).`,
      );
      await alert.getByRole('button', { name: 'ОК', exact: true }).click();
      expect(await toastsLeft(page)).toEqual(['Справка готова.']);
      await expect.poll(() => page.textContent('#tabs .tab.active'), SLOW).toBe('Аналитическая справка');
      const report = await p.grid();
      expect(report[0]?.[0]).toBe('Аналитическая справка по итогам выявления школ с низкими образовательными результатами');
      expect(report[1]?.[0]).toMatch(new RegExp(`^Дата составления: \\d\\d\\.\\d\\d\\.\\d{4}\\. Источник данных: лист «${sheet}»\\.$`));
      expect(report.some((r) => r[0]?.startsWith(`К школам с низкими образовательными результатами отнесено ${n} школ из 33 ОО`))).toBe(
        true,
      );
      // The list's rows (a school with its login, then its status) — not a figure's numbers, whose head also says «ШНОР».
      const listed = report.filter((r) => r[2] === 'ШНОР' && /\((?:sch|edu|ksh)\d+\)$/.test(r[1] ?? ''));
      expect(listed).toHaveLength(n);
      expect(listed.map((r) => (r[1]?.match(/\(((?:sch|edu|ksh)\d+)\)$/) ?? [])[1]).sort()).toEqual(logins);
      expect(await seenOnPage(page, '#sheet tbody tr[data-row="2"]')).toBe(true);

      // 3a. «Построить вкладку показателей»: the dialog's «Построить» names the same sheet.
      await p.menu('Построить вкладку показателей');
      const indicators = page.getByRole('dialog', { name: 'ШНОР — вкладка показателей' });
      await indicators.waitFor(SLOW);
      const built = page.frameLocator('.html-dialog iframe');
      await built.getByRole('button', { name: 'Построить' }).click();
      await expect
        .poll(() => built.locator('#status').textContent(), SLOW)
        .toMatch(new RegExp(`^Источник данных: лист «${sheet}» — тот же, что в последней проверке школ`));
      await built.getByRole('button', { name: 'Закрыть' }).click();
      await indicators.waitFor({ state: 'detached' });

      // 3b. «Заполнить реестр школ из результатов…»: the same sheet, and every one of the N ШНОР in «Школы».
      await p.menu('Заполнить реестр школ из результатов…');
      const registry = page.getByRole('dialog', { name: /^ШНОР/ });
      await registry.waitFor(SLOW);
      expect(await registry.innerText()).toContain(`Источник данных: лист «${sheet}» — тот же, что в последней проверке школ`);
      // Name matches to confirm: «все»; then the message of what was written.
      if ((await registry.locator('input').count()) > 0) {
        await registry.locator('input').fill('все');
        await registry.getByRole('button', { name: 'ОК', exact: true }).click();
        await expect.poll(() => page.locator('.dialog .dialog-text').count(), SLOW).toBe(1);
      }
      await page.locator('.dialog').getByRole('button', { name: 'ОК', exact: true }).click();
      await p.tab('Школы');
      const registered = (await p.grid()).flat().map((c) => c.toLowerCase());
      expect(logins.filter((l) => !registered.includes(l) && !registered.includes(`sch${l.slice(3)}`))).toEqual([]);

      // 4. «Создать дорожную карту…»: the panel names the same sheet and offers the same N ШНОР schools first.
      await p.menu('Создать дорожную карту…');
      const roadmap = await p.sidebar();
      await roadmap.waitForSelector('#schools input[data-login]', SLOW);
      await roadmap.click('#notes-title');
      expect(await roadmap.textContent('#notes')).toContain(
        `Источник данных: лист «${sheet}» — тот же, что в последней проверке школ («ШНОР: итоги»).`,
      );
      const offered = await roadmap.$$eval('#schools label.check', (labels) =>
        labels.map((l) => [l.querySelector('input')?.dataset.login ?? '', l.querySelector('.badge')?.textContent ?? '']),
      );
      expect(offered.slice(0, n).every(([, status]) => status === 'ШНОР')).toBe(true);
      expect(
        offered
          .filter(([, status]) => status === 'ШНОР')
          .map(([login]) => login)
          .sort(),
      ).toEqual(logins);
      const school = logins.includes('sch771005') ? 'sch771005' : (logins[0] as string);
      await roadmap.check(`input[data-login="${school}"]`);
      await roadmap.click('#propose');
      await roadmap.waitForSelector(`.owner[data-owner="${school}"] input[data-code]`, SLOW);
      await primaryStays(roadmap, '#generate');
      await roadmap.click('#generate');
      await expect
        .poll(() => roadmap.textContent('#status'), SLOW)
        .toMatch(/^Дорожная карта готова:\n«ДК [^»]+ \d{4}–\d{2}»: \d+ мероприят/);
      expect(await seenInPanel(roadmap, '#status')).toBe(true);
      const tab = ((await roadmap.textContent('#status')) as string).match(/«(ДК [^»]+)»/)?.[1] as string;
      await expect.poll(() => tabNames(page), SLOW).toContain(tab);
      await expect.poll(() => page.textContent('#tabs .tab.active'), SLOW).toBe(tab);
      expect(await seenOnPage(page, '#tabs .tab.active')).toBe(true);
      await page.click('#sidebar-close');

      // 5. «Добавить мероприятие…»: one activity for that school lands in its «ДК …» tab.
      await p.menu('Добавить мероприятие…');
      const activity = await p.sidebar();
      await activity.waitForSelector('body[data-ready="true"]', SLOW);
      await primaryStays(activity, '#save');
      // The registry may still name the school by its old login (sch…) while the reports say edu…: one school.
      await activity.check(`#school-list input[value$="${school.slice(3)}"]`);
      await activity.selectOption('#block-select', 'Управление и мониторинг');
      await activity.fill('#activity', 'Мониторинг посещения уроков');
      await activity.fill('#term', 'ноябрь');
      await activity.click('#save');
      await expect.poll(() => activity.textContent('#status-line'), SLOW).toMatch(new RegExp(`^Добавлено в «${tab}», строка \\d+\\.`));
      expect(await seenInPanel(activity, '#status-line')).toBe(true);
      expect(await activity.textContent('#error')).toBe('');
      const row = Number(((await activity.textContent('#status-line')) as string).match(/строка (\d+)/)?.[1]);
      await page.click('#sidebar-close');
      await p.tab(tab);
      const drawn = await p.grid();
      expect(drawn[row - 1]?.[2]).toBe('Мониторинг посещения уроков');
      expect(drawn[row - 1]?.[3]).toBe('ноябрь');

      // 6. «Настройки критериев…»: a change saved, the panel shows the saved value with a decimal comma, reopened too.
      await p.menu('Настройки критериев…');
      const settings = await p.sidebar();
      await settings.waitForSelector('#f-threshold', SLOW);
      expect(await settings.inputValue('#f-threshold')).toBe('30');
      await primaryStays(settings, '#save');
      await settings.fill('#f-threshold', '25,5');
      await settings.click('#save');
      await expect.poll(() => settings.textContent('#status'), SLOW).toBe('Настройки сохранены на листе «Настройки ШНОР».');
      expect(await seenInPanel(settings, '#status')).toBe(true);
      expect(await settings.inputValue('#f-threshold')).toBe('25,5');
      expect(await settings.textContent('#preset-source')).toContain('не менее 25,5 % участников');
      await page.click('#sidebar-close');
      await p.menu('Настройки критериев…');
      const reopened = await p.sidebar();
      await reopened.waitForSelector('#f-threshold', SLOW);
      await expect.poll(() => reopened.inputValue('#f-threshold'), SLOW).toBe('25,5');
      // The preset follows what was saved: the district's own set, described with the saved value.
      expect(await reopened.textContent('#preset-source')).toContain('не менее 25,5 % участников');
      await page.click('#sidebar-close');

      // 6a. «О надстройке»: the current settings with the decimal comma, never a point.
      await p.menu('О надстройке');
      const about = await p.sidebar();
      await expect.poll(() => about.textContent('#criteria'), SLOW).toContain('25,5 %');
      const current = `${await about.textContent('#settings')} ${await about.textContent('#criteria')}`;
      expect(current).toMatch(/25,5/);
      expect(current).not.toMatch(/\d\.\d/);
      await page.click('#sidebar-close');

      // 7. «Сравнить критерии…»: the same sheet; the checked criteria (B) give the same N; the changed settings are flagged.
      await p.menu('Сравнить критерии…');
      const compare = await p.sidebar();
      await compare.waitForSelector('#b option', { state: 'attached', ...SLOW });
      await compare.selectOption('#b', 'novokuznetsk-2020');
      expect(await compare.textContent('#a-desc')).toContain('не менее 25,5 % участников');
      await primaryStays(compare, '#run');
      await compare.click('#run');
      // The criteria changed since the check: nothing written yet, the warning with the offer beside the button.
      await expect.poll(() => compare.isVisible('#stale'), SLOW).toBe(true);
      expect(await compare.textContent('#stale .warning')).toBe(
        'Внимание: критерии в настройках изменились после проверки школ — «ШНОР: итоги» составлены по другим данным.',
      );
      expect(await seenInPanel(compare, '#stale button[data-stale="recheck"]')).toBe(true);
      expect(await tabNames(page)).not.toContain('Сравнение критериев');
      // «Продолжить по текущим данным»: «ШНОР: итоги» stay as checked, the comparison carries the warning.
      await compare.click('#stale button[data-stale="warn"]');
      await expect.poll(() => compare.textContent('#status'), SLOW).toContain('Подробности — на листе «Сравнение критериев»');
      const status = (await compare.textContent('#status')) as string;
      expect(status).toMatch(new RegExp(`^Источник данных: лист «${sheet}»\\.`));
      expect(status).toContain('критерии в настройках изменились после проверки школ');
      expect(status).toMatch(new RegExp(`ШНОР по A: \\d+, по B: ${n};`));
      expect(await seenInPanel(compare, '#status')).toBe(true);
      await expect.poll(() => tabNames(page), SLOW).toContain('Сравнение критериев');
      expect((await toastsLeft(page)).every((t) => !t.endsWith('…'))).toBe(true);

      // At the end of the hour «ШНОР: итоги» still records the same sheet and the same N.
      await p.tab('ШНОР: итоги');
      const last = await p.grid();
      expect(last[0]?.[1]).toMatch(new RegExp(`^Источник данных: лист «${sheet}», 33 ОО`));
      expect(
        summaryTable(last)
          .column('status')
          .filter((s) => s === 'ШНОР'),
      ).toHaveLength(n);
      await page.screenshot({ path: screenshotPath('first-hour-end.png') });
    } finally {
      await p.close();
    }
  }, 300_000);
});
