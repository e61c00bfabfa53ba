/**
 * `npm run screenshots [-- --out DIR]`: builds dist/, then draws the README's pictures (docs/*.png) in
 * headless Chromium, in Russian, on the sample district: the preview with the sheet coloured and the settings
 * open, and the four sidebars as a methodologist leaves them. The tests never write them: run this when a
 * sidebar's look changes, look at the pictures, commit them.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { build } from '../build.mjs';
import { makeActivityEndpoints } from '../src/actions/activity-endpoints';
import { analyze } from '../src/actions/analyze';
import { makeEndpoints } from '../src/actions/endpoints';
import { makeRoadmapEndpoints } from '../src/actions/roadmap-endpoints';
import { checkUpload, type UploadBatch, type UploadPlan, uploadRows } from '../src/actions/upload';
import { CATALOGUE } from '../src/core/catalogue';
import type { Grid } from '../src/core/results';
import { loadPreviewWorkbook } from '../src/cli/preview/load';
import { MemoryWorkbook } from '../src/workbook/memory';
import { chromiumBuild, launch, openSidebar } from '../test/support/browser';
import { openPreview } from '../test/support/preview';
import { NEW_SHNOR, worsenSchool7 } from '../test/support/changed-results';
import { SAMPLE_XLSX, sampleGrids } from '../test/support/sample';

const root = join(import.meta.dirname, '..');
/** «Today» of the pictures: early in the 2026/27 school year. */
const NOW = new Date('2026-10-05T09:00:00Z');

type Scene = (browser: Browser, grids: Grid[]) => Promise<Page>;

const SCENES: Record<string, Scene> = {
  /** Расширения → ШНОР, the check run, the result sheet coloured, «Настройки критериев…» open beside it. */
  'preview.png': async (browser) => {
    const p = await openPreview(browser, await loadPreviewWorkbook(SAMPLE_XLSX));
    const page = p.page;
    await p.menu('Проверить школы по критериям');
    const dialog = page.getByRole('dialog', { name: 'ШНОР: итоги проверки' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Закрыть' }).click();
    await p.tab('Результаты');
    await p.menu('Настройки критериев…');
    const frame = await p.sidebar();
    await frame.waitForSelector('#f-threshold');
    await page.evaluate(() => {
      document.getElementById('sheet')?.scrollTo(0, 0);
      document.getElementById('toasts')?.replaceChildren();
    });
    page.once('close', () => void p.preview.close());
    return page;
  },

  /** The settings saved after a preset was changed by hand. */
  'settings-sidebar.png': async (browser, grids) => {
    const page = await openSidebar(browser, 'settings', makeEndpoints(new MemoryWorkbook(grids)));
    await page.waitForSelector('#f-threshold');
    await page.selectOption('#preset', 'rosobrnadzor-2025-and');
    await page.fill('#f-threshold', '25,5');
    await page.fill('#f-procedures', 'ВПР МА 5; ВПР РУ 5');
    await page.click('#save');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Настройки сохранены'));
    return page;
  },

  /** The district's own settings (20 %) against the Рособрнадзор «и» preset. */
  'compare-sidebar.png': async (browser, grids) => {
    const endpoints = makeEndpoints(new MemoryWorkbook(grids));
    endpoints.apiSaveSettings({ ...endpoints.apiGetSettings().form, threshold: '20' });
    const page = await openSidebar(browser, 'compare', endpoints);
    await page.waitForSelector('#a option', { state: 'attached' });
    await page.selectOption('#b', 'rosobrnadzor-2025-and');
    await page.click('#run');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('Подробности'));
    return page;
  },

  /** The criteria changed after the check: «Сравнить» stops, the warning beside the offer to check again. */
  'compare-stale.png': async (browser, grids) => {
    const wb = new MemoryWorkbook(grids);
    const endpoints = makeEndpoints(wb);
    analyze(wb);
    endpoints.apiSaveSettings({ ...endpoints.apiGetSettings().form, threshold: '25,5' });
    const page = await openSidebar(browser, 'compare', endpoints);
    await page.waitForSelector('#a option', { state: 'attached' });
    await page.click('#run');
    await page.waitForSelector('#stale:not([hidden])');
    return page;
  },

  /** A school chosen, the proposals with their reasons, one unticked. */
  'roadmap-sidebar.png': async (browser, grids) => {
    const page = await openSidebar(
      browser,
      'roadmap',
      makeRoadmapEndpoints(new MemoryWorkbook(grids), () => NOW),
    );
    await page.check('input[data-login="sch771005"]');
    await page.click('#propose');
    // A canonical activity of the «Обучающиеся» direction, unticked by the methodologist.
    await page.waitForSelector('input[data-code="О6"]');
    await page.uncheck('input[data-code="О6"]');
    await page.locator('.owner[data-owner="sch771005"]').evaluate((node) => node.scrollIntoView());
    return page;
  },

  /**
   * New results for «СОШ № 7» after the check: the warning passed by, its roadmap proposed, «Сформировать»
   * pressed — nothing made, the question again beside the button.
   */
  'roadmap-stale.png': async (browser, grids) => {
    const wb = new MemoryWorkbook(grids);
    analyze(wb);
    worsenSchool7(wb.sheet('Результаты').values);
    const page = await openSidebar(
      browser,
      'roadmap',
      makeRoadmapEndpoints(wb, () => NOW),
    );
    await page.check(`input[data-login="${NEW_SHNOR}"]`);
    await page.click('#propose');
    await page.waitForSelector(`.owner[data-owner="${NEW_SHNOR}"] input[data-code]`);
    await page.click('#generate');
    await page.waitForSelector('#generate-stale:not([hidden])');
    return page;
  },

  /** The sample district's 41 ФИС ОКО files read: what «Записать» will do, said beside the button before the click. */
  'upload-sidebar.png': async (browser, grids) => {
    const wb = new MemoryWorkbook(grids);
    const page = await openSidebar(browser, 'upload', {
      apiUploadCheck: (p: UploadPlan) => checkUpload(wb, p),
      apiUploadResults: (b: UploadBatch) => uploadRows(wb, b),
    });
    const folder = join(root, 'sample', 'fisoko');
    await page.setInputFiles(
      '#files',
      readdirSync(folder).map((f) => ({
        name: f,
        mimeType: f.endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: readFileSync(join(folder, f)),
      })),
    );
    await page.waitForFunction(() => document.getElementById('notes')?.textContent?.startsWith('Лист «Сравнение с журналом»'));
    await page.click('#list-title');
    await page.fill('#list-filter', 'ВПР МА 5');
    return page;
  },

  /** One activity from the catalogue saved, the next one being typed. */
  'activity-sidebar.png': async (browser, grids) => {
    const wb = new MemoryWorkbook(grids);
    const page = await openSidebar(browser, 'activity', { ...makeEndpoints(wb), ...makeActivityEndpoints(wb, () => NOW) });
    await page.waitForSelector('body[data-ready="true"]');
    const catalogued = CATALOGUE.find((a) => a.level === 'school' && a.responsible && a.result && a.document && a.term)!;
    await page.fill('#school-filter', 'сош № 5');
    await page.check('#school-list input[value="sch771005"]');
    await page.fill('#activity', catalogued.activity);
    // The catalogue's term is the source programme's («декабрь 2022»): this district's December instead.
    await page.fill('#term', 'декабрь');
    await page.click('#save');
    await page.waitForFunction(() => document.getElementById('status-line')?.textContent?.startsWith('Добавлено'));
    await page.fill('#school-filter', '');
    await page.fill('#activity', 'Мониторинг посещения уроков');
    await page.fill('#term', 'ноябрь');
    await page.selectOption('#status', 'в работе');
    return page;
  },
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-build': { type: 'boolean' } } });
  const out = resolve(values.out ?? join(root, 'docs'));
  mkdirSync(out, { recursive: true });
  if (!values['no-build']) await build();
  const chromium = await chromiumBuild();
  if (!chromium.russianStrings) {
    process.stderr.write(
      `Внимание: у этого Chromium (${chromium.executablePath}) нет русских строк интерфейса — поля дат будут «dd.mm.yyyy». ` +
        'Для README поставьте Chromium из Debian с chromium-l10n.\n',
    );
  }
  const grids = await sampleGrids();
  const browser = await launch(chromium);
  try {
    for (const [name, scene] of Object.entries(SCENES)) {
      const page = await scene(browser, grids);
      // As seen: the panel's height, its sticky footer at the bottom. A whole-page picture draws the footer
      // where the viewport ended, over the fields behind it (the settings panel lost «Правило 2: лет подряд»).
      await page.screenshot({ path: join(out, name) });
      await page.close();
      process.stdout.write(`${join(out, name)}\n`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
