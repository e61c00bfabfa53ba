/**
 * The first-hour path of issue 21 in the local preview (the built bundle behind the 300-px panel): the sample
 * district with its hand-kept «Сравнение с журналом» and the 41 ФИС ОКО files of sample/fisoko. What stopped a
 * first-time user — a refusal out of view after the click, nothing written — now: the note beside «Записать»
 * before the click, the results written, the comparison on its own tab, the message in view.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreviewWorkbook } from '../../src/cli/preview/load';
import { launch, screenshotPath } from '../support/browser';
import { openPreview, seenInPanel } from '../support/preview';
import { SAMPLE_XLSX } from '../support/sample';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const FOLDER = join(import.meta.dirname, '..', '..', 'sample', 'fisoko');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('«Загрузить выгрузки…» in the preview, on the sample district', () => {
  it('says before «Записать» where the comparison goes, writes the results and the comparison, the message in view', async () => {
    const wb = await loadPreviewWorkbook(SAMPLE_XLSX);
    const hand = JSON.stringify(wb.sheet('Сравнение с журналом').values);
    const p = await openPreview(browser, wb);
    try {
      await p.menu('Загрузить выгрузки…');
      const frame = await p.sidebar();
      const files = readdirSync(FOLDER).map((f) => ({
        name: f,
        mimeType: f.endsWith('.csv') ? 'text/csv' : XLSX_TYPE,
        buffer: readFileSync(join(FOLDER, f)),
      }));
      expect(files).toHaveLength(41);
      await frame.setInputFiles('#files', files);
      await expect.poll(() => frame.textContent('#notes'), { timeout: 20_000 }).toMatch(/^Лист «Сравнение с журналом» ведётся вручную/);
      expect(await frame.isEnabled('#write')).toBe(true);
      expect(await seenInPanel(frame, '#write')).toBe(true);
      expect(await seenInPanel(frame, '#notes')).toBe(true);
      await p.page.screenshot({ path: screenshotPath('upload-preview-before.png') });
      await frame.click('#write');
      await expect
        .poll(() => frame.textContent('#status'), { timeout: 30_000 })
        .toMatch(/^Записано на лист «Результаты ФИС ОКО»: \d+ строк, на лист «Сравнение с журналом \(ФИС ОКО\)»: \d+/);
      expect(await seenInPanel(frame, '#status')).toBe(true);
      await p.page.screenshot({ path: screenshotPath('upload-preview-after.png') });
      expect(JSON.stringify(wb.sheet('Сравнение с журналом').values)).toBe(hand);
      await expect.poll(() => p.page.$$eval('#tabs .tab', (t) => t.map((x) => x.textContent))).toContain('Сравнение с журналом (ФИС ОКО)');
      expect(wb.sheet('Результаты ФИС ОКО').values.length).toBeGreaterThan(1000);
    } finally {
      await p.close();
    }
  });
});
