/**
 * A methodologist's first hour in the local preview (issue 21), walked in one test as a user would: the real
 * bundle on the sample district behind real Chromium, the 300-px panel and the dialogs. Upload the sample's
 * 41 ФИС ОКО files → check the schools → the справка → a school's roadmap → one more activity → the settings
 * → the criteria comparison. At each step it reads what is on the screen (texts, within the viewport), and
 * across the steps: the same result sheet named in every output and the same ШНОР schools counted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

describe('the first hour in the preview: every menu item in order, one sheet and one ШНОР count throughout', () => {
  it('upload → check → справка → roadmap → activity → settings → comparison', async () => {
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
      expect(await seenInPanel(upload, '#write')).toBe(true);
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
      await dialog.getByRole('button', { name: /^(Закрыть|ОК)$/ }).click();
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
      await alert.getByRole('button', { name: 'ОК' }).click();
      await expect.poll(() => page.textContent('#tabs .tab.active'), SLOW).toBe('Аналитическая справка');
      const report = await p.grid();
      expect(report[0]?.[0]).toBe('Аналитическая справка по итогам выявления школ с низкими образовательными результатами');
      expect(report[1]?.[0]).toMatch(new RegExp(`^Дата составления: \\d\\d\\.\\d\\d\\.\\d{4}\\. Источник данных: лист «${sheet}»\\.$`));
      expect(report.some((r) => r[0]?.startsWith(`К школам с низкими образовательными результатами отнесено ${n} школ из 33 ОО`))).toBe(
        true,
      );
      const listed = report.filter((r) => r[2] === 'ШНОР');
      expect(listed).toHaveLength(n);
      expect(listed.map((r) => (r[1]?.match(/\(((?:sch|edu|ksh)\d+)\)$/) ?? [])[1]).sort()).toEqual(logins);
      expect(await seenOnPage(page, '#sheet tbody tr[data-row="2"]')).toBe(true);

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
      expect(await seenInPanel(roadmap, '#generate')).toBe(true);
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
      await page.click('#sidebar-close');

      // 7. «Сравнить критерии…»: the same sheet; the checked criteria (B) give the same N; the changed settings are flagged.
      await p.menu('Сравнить критерии…');
      const compare = await p.sidebar();
      await compare.waitForSelector('#b option', { state: 'attached', ...SLOW });
      await compare.selectOption('#b', 'novokuznetsk-2020');
      await compare.click('#run');
      await expect.poll(() => compare.textContent('#status'), SLOW).toContain('Подробности — на листе «Сравнение критериев»');
      const status = (await compare.textContent('#status')) as string;
      expect(status).toMatch(new RegExp(`^Источник данных: лист «${sheet}»\\.`));
      expect(status).toContain('критерии в настройках изменились после проверки школ');
      expect(status).toMatch(new RegExp(`ШНОР по A: \\d+, по B: ${n};`));
      expect(await seenInPanel(compare, '#status')).toBe(true);
      await expect.poll(() => tabNames(page), SLOW).toContain('Сравнение критериев');

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
