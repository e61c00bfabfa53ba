/** «Загрузить выгрузки…» in Chromium with Ф1 «Индивидуальные результаты» files: parsed in the browser by the core reader, per-school summaries sent. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReportXlsx } from '../../scripts/fisoko-reports';
import { analyze } from '../../src/actions/analyze';
import { type UploadBatch, uploadRows } from '../../src/actions/upload';
import { COMBINED_SHEET } from '../../src/core/combine';
import { parsePupilSummaryRows, PUPILS_SHEET } from '../../src/core/pupils-tab';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { launch, openSidebar } from '../support/browser';
import { pupilDistrict } from '../support/pupil-district';

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'shnor-upload-f1-'));
const district = pupilDistrict(16, 7);
const names: string[] = [];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  browser = await launch();
  for (const g of district.f1) {
    // As ФИС ОКО names them: «Ф1_Индивидуальные результаты.xlsx», one per procedure and year (numbered by the browser on download).
    const name = `Ф1_Индивидуальные результаты (${names.length + 1}).xlsx`;
    await writeReportXlsx(join(dir, name), g.sheet, { values: g.values as never, merges: [] });
    names.push(name);
  }
});
afterAll(async () => {
  await browser?.close();
});

describe('the «Загрузить выгрузки…» sidebar with Ф1 files', () => {
  it('reads them in the browser, writes results, the comparison and «Результаты участников»; the check gives the reports’ verdicts', async () => {
    const wb = new MemoryWorkbook([{ sheet: 'Лист1', values: [] }]);
    const batches: UploadBatch[] = [];
    const page = await openSidebar(browser, 'upload', {
      apiUploadResults: (b: UploadBatch) => {
        batches.push(b);
        return uploadRows(wb, b);
      },
    });
    await page.setInputFiles(
      '#files',
      names.map((n) => ({ name: n, mimeType: XLSX_TYPE, buffer: readFileSync(join(dir, n)) })),
    );
    await page.waitForSelector('#result:not([hidden])');
    expect(await page.locator('#list li').count()).toBe(8);
    const first = (await page.locator(`#list li[data-file="${names[0]}"]`).textContent()) ?? '';
    expect(first).toMatch(/индивидуальные результаты: ВПР МА 5, 2025 — 16 ОО, участников \d+ \(из: заголовок\)/);
    expect(await page.textContent('#summary')).toMatch(
      /^Будет записано: 128 строк результатов \(16 ОО\) и 128 строк сравнения с журналом из файлов: 8\. Индивидуальные результаты \(\d+ участников\) записываются итогами по школам: 128 строк на лист «Результаты участников»; строки участников остаются в файлах\.$/,
    );
    await page.click('#write');
    await expect
      .poll(() => page.textContent('#status'))
      .toMatch(
        /^Записано на лист «Результаты ФИС ОКО»: 128 строк, на лист «Сравнение с журналом»: 128, на лист «Результаты участников»: 128\./,
      );
    expect(batches[0]?.pupils?.length).toBe(128);
    const back = parsePupilSummaryRows(wb.readSheet(PUPILS_SHEET).values);
    expect(back.skipped).toEqual([]);
    expect(back.summaries.length).toBe(128);
    expect(wb.readSheet(COMBINED_SHEET).values).toHaveLength(129);

    // The same verdicts as the aggregated reports of the same pupils.
    const fromPupils = analyze(wb);
    const fromReports = analyze(new MemoryWorkbook(district.reports));
    if (fromPupils.kind !== 'done' || fromReports.kind !== 'done') throw new Error('not checked');
    expect(fromPupils.summary).toBe(fromReports.summary);
    expect(fromPupils.assessment.verdicts.map((v) => [v.key, v.status, v.ruleTexts])).toEqual(
      fromReports.assessment.verdicts.map((v) => [v.key, v.status, v.ruleTexts]),
    );

    // Loading the same files again replaces their rows everywhere.
    await page.setInputFiles(
      '#files',
      names.slice(0, 2).map((n) => ({ name: n, mimeType: XLSX_TYPE, buffer: readFileSync(join(dir, n)) })),
    );
    await page.waitForFunction(() => document.querySelectorAll('#list li').length === 2);
    await page.click('#write');
    await expect.poll(() => page.textContent('#status')).toMatch(/прежних строк этих файлов заменено: 96\./);
    expect(parsePupilSummaryRows(wb.readSheet(PUPILS_SHEET).values).summaries.length).toBe(128);
    await page.close();
  });
});
