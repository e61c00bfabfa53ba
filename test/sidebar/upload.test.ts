/** «Загрузить выгрузки…» in Chromium: several files at once, what was recognised, the rows written; the same files again replace them. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/actions/analyze';
import { checkUpload, type UploadBatch, type UploadPlan, uploadRows } from '../../src/actions/upload';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { writeFolder, writeFolderToday } from '../support/fisoko-district';
import { writeReport } from '../../src/actions/report';
import { sampleGrids } from '../support/sample';
import { inViewport, launch, openSidebar, screenshotPath } from '../support/browser';

let browser: Browser;
const dir = join(mkdtempSync(join(tmpdir(), 'shnor-upload-')), 'выгрузки');
const files = [
  'ВПР МА 5 2025 Статистика по отметкам.xlsx',
  'ВПР МА 5 2026 Статистика по отметкам.csv',
  'ВПР РУ 5 2025 Статистика по отметкам.xlsx',
  'ВПР РУ 5 2026 Статистика по отметкам.csv',
  'ВПР МА 6 2025 Статистика по отметкам.xlsx',
  'ВПР МА 6 2026 Статистика по отметкам.csv',
  'ГИА 2025-2026.csv',
  'ВПР МА 5 2026 Сравнение с журналом.xlsx',
  'Пояснительная записка.csv',
].map((f) => join(dir, f));

/**
 * The files as the browser's file picker hands them over: name and bytes. Given as paths, Chromium would
 * open them itself, and under a Russian locale the machine lacks (the tests' LANG=ru_RU.UTF-8) it cannot
 * open a path in Cyrillic at all.
 */
function picked(paths: string[]) {
  return paths.map((p) => ({ name: basename(p), mimeType: p.endsWith('.csv') ? 'text/csv' : XLSX_TYPE, buffer: readFileSync(p) }));
}
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  browser = await launch();
  await writeFolder(dir);
});
afterAll(async () => {
  await browser?.close();
});

describe('the «Загрузить выгрузки…» sidebar in Chromium', () => {
  it('reads many files in the browser, shows each before writing, writes batches of plain data; loading again replaces', async () => {
    const wb = new MemoryWorkbook([{ sheet: 'Лист1', values: [] }]);
    const batches: UploadBatch[] = [];
    const endpoints = {
      apiUploadCheck: (p: UploadPlan) => checkUpload(wb, p),
      apiUploadResults: (b: UploadBatch) => {
        batches.push(b);
        return uploadRows(wb, b);
      },
    };
    const page = await openSidebar(browser, 'upload', endpoints);
    await page.setInputFiles('#files', picked(files));
    await page.waitForSelector('#result:not([hidden])');
    const items = page.locator('#list li');
    expect(await items.count()).toBe(9);
    const text = async (name: string) => (await page.locator(`#list li[data-file="${name}"]`).textContent()) ?? '';
    expect(await text('ВПР МА 5 2025 Статистика по отметкам.xlsx')).toContain(
      'статистика по отметкам: ВПР МА 5, 2025 — 6 ОО (из: заголовок)',
    );
    expect(await text('ВПР МА 6 2026 Статистика по отметкам.csv')).toContain('статистика по отметкам: ВПР МА 6, 2026 — 6 ОО');
    expect(await text('ГИА 2025-2026.csv')).toContain('результаты: ЕГЭ РУ, ОГЭ МА, 2025, 2026 — 6 ОО');
    expect(await text('ВПР МА 5 2026 Сравнение с журналом.xlsx')).toContain('сравнение с журналом: ВПР МА 5, 2026 — 2 ОО');
    expect(await text('Пояснительная записка.csv')).toMatch(/не результаты: /);
    expect(await page.isHidden('#incomplete')).toBe(true);
    expect(await page.textContent('#summary')).toBe(
      'Будет записано: 60 строк результатов (6 ОО) и 2 строки сравнения с журналом из файлов: 8.',
    );
    expect(await page.textContent('#list-title')).toBe('Что распознано: файлов 9, пропущено 1');
    // Nothing is written before the button.
    expect(batches).toHaveLength(0);
    await page.click('#write');
    await expect
      .poll(() => page.textContent('#status'))
      .toMatch(/^Записано на лист «Результаты ФИС ОКО»: 60 строк, на лист «Сравнение с журналом»: 2\./);
    const long = wb.readSheet('Результаты ФИС ОКО').values;
    expect(long).toHaveLength(61);
    expect(new Set(long.slice(1).map((r) => r[10]))).toEqual(new Set(files.slice(0, 7).map((f) => f.split('/').at(-1))));
    // Plain data only: numbers, text and nulls.
    expect(batches[0]?.results.flat().every((v) => v === null || typeof v === 'string' || typeof v === 'number')).toBe(true);

    // The same files again: their rows are replaced, not added.
    await page.setInputFiles('#files', picked(files.slice(0, 4)));
    await page.waitForFunction(() => document.querySelectorAll('#list li').length === 4);
    await expect
      .poll(() => page.textContent('#notes'))
      .toBe('Строки этих файлов, загруженные раньше (24), будут заменены; строки других файлов останутся.');
    await page.click('#write');
    await expect.poll(() => page.textContent('#status')).toMatch(/прежних строк этих файлов заменено: 24\./);
    expect(wb.readSheet('Результаты ФИС ОКО').values).toHaveLength(61);
    // The check reads the tab written.
    const outcome = analyze(wb);
    expect(outcome.kind).toBe('done');
    expect(outcome.kind === 'done' && outcome.summary).toMatch(/ШНОР: 2 из 6 ОО/);
    await page.close();
  });

  it("reads today's layout (edu logins after the name, the flattened journal header) and says loudly when a report is not read", async () => {
    // The layout of real 2024 and 2026 downloads (pikhaev1988/saascrm95, apps/vpr/fixtures/all_files.txt).
    const today = join(dir, '..', 'нынешние');
    await writeFolderToday(today);
    writeFileSync(join(today, '2849700.xlsx'), 'не книга');
    const names = readdirSync(today).sort();
    const wb = new MemoryWorkbook([{ sheet: 'Лист1', values: [] }]);
    const batches: UploadBatch[] = [];
    const page = await openSidebar(browser, 'upload', {
      apiUploadResults: (b: UploadBatch) => {
        batches.push(b);
        return uploadRows(wb, b);
      },
    });
    await page.setInputFiles('#files', picked(names.map((n) => join(today, n))));
    await page.waitForSelector('#result:not([hidden])');
    expect(await page.locator('#list li').count()).toBe(names.length);
    const text = async (name: string) => (await page.locator(`#list li[data-file="${name}"]`).textContent()) ?? '';
    expect(await text('2849651.xlsx')).toContain(
      'статистика по отметкам: ВПР МА 5, 2025 — 6 ОО (из: заголовок); Энский муниципальный округ: «2»',
    );
    expect(await text('ВПР МА 5 2026 журнал.xlsx')).toContain('сравнение с журналом: ВПР МА 5, 2026 — 2 ОО');
    expect(await text('Пояснительная записка.txt')).toContain('не результаты: не похож на таблицу результатов');
    expect(await text('2849700.xlsx')).toMatch(/НЕ ПРОЧИТАН: Файл 2849700\.xlsx не читается как книга Excel/);
    const warning = await page.textContent('#incomplete');
    expect(warning?.split('\n')).toEqual([
      'Прочитано 8 из 9 файлов с результатами; вердикт неполный. Не прочитаны:',
      '2849700.xlsx — Файл 2849700.xlsx не читается как книга Excel (.xlsx).',
    ]);
    await page.click('#write');
    await expect.poll(() => page.textContent('#status')).toMatch(/^Записано на лист «Результаты ФИС ОКО»: 60 строк/);
    // The status of every file went with the first batch; the check and the справка say the verdict is partial.
    expect(batches[0]?.readings?.map((r) => [r[0], r[2]])).toContainEqual(['2849700.xlsx', 'не прочитан']);
    const outcome = analyze(wb);
    expect(outcome.kind === 'done' && outcome.summary).toMatch(
      /^Прочитано 8 из 9 файлов с результатами; вердикт неполный\. ШНОР: 2 из 6 ОО/,
    );
    expect(String(wb.readSheet('ШНОР: итоги').values[2]?.[3])).toMatch(
      /^ВНИМАНИЕ: Прочитано 8 из 9 файлов с результатами; вердикт неполный\. Не прочитаны:\n2849700\.xlsx — /,
    );
    const report = writeReport(wb);
    expect(report.kind === 'done' && report.lines.slice(0, 4).join('\n')).toContain(
      'ВНИМАНИЕ: Прочитано 8 из 9 файлов с результатами; вердикт неполный.',
    );
    // The reports' rows по району, по региону, по России are kept for the справка.
    const levels = wb.readSheet('Средние ФИС ОКО').values;
    expect(levels[0]?.slice(0, 4)).toEqual(['Год', 'Процедура', 'Уровень', 'Название']);
    expect(levels.filter((r) => r[1] === 'ВПР МА 5' && r[0] === 2026).map((r) => [r[2], r[3], r[4]])).toEqual([
      ['по району', 'Энский муниципальный округ', 'reg77_m001'],
      ['по региону', 'Энская область', null],
      ['по России', 'Вся выборка', null],
    ]);
    expect(report.kind === 'done' && report.lines.join('\n')).toMatch(/\nВПР МА 5 \| 17,2 \| 13,8 \| 8,6(\n|$)/);
    // The logins as today's files write them.
    expect(
      new Set(
        wb
          .readSheet('Результаты ФИС ОКО')
          .values.slice(1)
          .map((r) => r[5]),
      ),
    ).toEqual(new Set(['edu770001', 'edu770002', 'edu770003', 'edu770004', 'edu770005', 'edu770006']));
    await page.close();
  });

  it('sends a region-sized load in batches of 2 000 rows', async () => {
    const wb = new MemoryWorkbook([{ sheet: 'Лист1', values: [] }]);
    const rows = Array.from({ length: 4500 }, (_, i) => [
      2026,
      'ВПР',
      5,
      'математика',
      'Район',
      `sch${String(100000 + i)}`,
      `ОО ${i}`,
      20,
      10,
      5,
      'a.csv',
      'строка 1',
    ]);
    const first = uploadRows(wb, { files: ['a.csv'], first: true, results: rows.slice(0, 2000), comparison: [] });
    const second = uploadRows(wb, { files: ['a.csv'], first: false, results: rows.slice(2000, 4000), comparison: [] });
    const third = uploadRows(wb, { files: ['a.csv'], first: false, results: rows.slice(4000), comparison: [] });
    expect([first, second, third].every((o) => o.ok)).toBe(true);
    expect(wb.readSheet('Результаты ФИС ОКО').values).toHaveLength(4501);
    const again = uploadRows(wb, { files: ['a.csv'], first: true, results: rows.slice(0, 10), comparison: [] });
    expect(again).toEqual({ ok: true, removed: 4500, written: 10, capped: 0, comparisonSheet: null, note: null });
    expect(wb.readSheet('Результаты ФИС ОКО').values.filter((r) => r.some((v) => v !== null))).toHaveLength(11);
    expect(uploadRows(wb, { files: ['a.csv'], first: true, results: [[1, 2]], comparison: [] })).toMatchObject({ ok: false });
  });

  it('a «Сравнение с журналом» kept by hand: said before «Записать», next to the button; results written, the comparison on a tab of its own that the check reads', async () => {
    // The hand-kept tab of the sample district, header as scripts/make-sample.ts writes it: no «Файл» column.
    const hand = [
      [
        'Год',
        'Класс',
        'Предмет',
        'Логин',
        'ОО',
        'Кол-во участников',
        'Понизили (Отметка < Отметка по журналу) %',
        'Подтвердили (Отметка = Отметке по журналу) %',
        'Повысили (Отметка > Отметка по журналу) %',
      ],
      [2025, 5, 'математика', 'sch999001', 'Школа, которой нет в файлах', 25, 10, 80, 10],
    ];
    const wb = new MemoryWorkbook([
      { sheet: 'Лист1', values: [] },
      { sheet: 'Сравнение с журналом', values: hand },
    ]);
    const written: UploadBatch[] = [];
    const page = await openSidebar(browser, 'upload', {
      apiUploadCheck: (p: UploadPlan) => checkUpload(wb, p),
      apiUploadResults: (b: UploadBatch) => {
        written.push(b);
        return uploadRows(wb, b);
      },
    });
    await page.setViewportSize({ width: 300, height: 600 });
    await page.setInputFiles('#files', picked(files));
    await expect
      .poll(() => page.textContent('#notes'))
      .toBe(
        'Лист «Сравнение с журналом» ведётся вручную и не меняется: сравнение с журналом из ФИС ОКО записывается на лист «Сравнение с журналом (ФИС ОКО)». Проверка и справка читают оба листа.',
      );
    // Before any click: the note and the enabled button are both on screen, the lists folded with counts.
    expect(written).toHaveLength(0);
    expect(await page.isEnabled('#write')).toBe(true);
    expect(await inViewport(page, '#notes')).toBe(true);
    expect(await inViewport(page, '#write')).toBe(true);
    expect(await page.locator('#list-box').getAttribute('open')).toBeNull();
    // Unfolded, the list of nine files is searchable.
    await page.click('#list-title');
    await page.fill('#list-filter', 'журнал');
    expect(await page.locator('#list li:visible').count()).toBe(1);
    expect(await page.textContent('#list-shown')).toBe('Показано 1 из 9');
    await page.fill('#list-filter', '');
    await page.click('#list-title');
    await page.screenshot({ path: screenshotPath('upload-before.png') });
    await page.click('#write');
    await expect
      .poll(() => page.textContent('#status'))
      .toBe(
        'Записано на лист «Результаты ФИС ОКО»: 60 строк, на лист «Сравнение с журналом (ФИС ОКО)»: 2. Теперь — «Проверить школы по критериям».',
      );
    expect(await inViewport(page, '#status')).toBe(true);
    await page.screenshot({ path: screenshotPath('upload-after.png') });
    // The person's tab is as it was; the add-on's comparison is on its own tab; the results are written.
    expect(wb.readSheet('Сравнение с журналом').values).toEqual(hand);
    expect(wb.readSheet('Сравнение с журналом (ФИС ОКО)').values).toHaveLength(3);
    expect(wb.readSheet('Результаты ФИС ОКО').values).toHaveLength(61);
    // Every reader of the comparison reads both tabs.
    const outcome = analyze(wb);
    expect(outcome.kind).toBe('done');
    if (outcome.kind !== 'done') throw new Error(outcome.message);
    const beyond = outcome.beyond;
    expect(beyond.comparison?.sheet).toBe('Сравнение с журналом» и лист «Сравнение с журналом (ФИС ОКО)');
    expect(beyond.comparison?.rows.map((r) => r.key).sort()).toEqual(
      ['sch999001', ...written[0]!.comparison.map((r) => String(r[4]).toLowerCase())].sort(),
    );

    // Loaded again: the same tab, its rows replaced.
    await page.setInputFiles('#files', picked(files.slice(7, 8)));
    await expect.poll(() => page.textContent('#notes')).toMatch(/будут заменены/);
    await page.click('#write');
    await expect
      .poll(() => page.textContent('#status'))
      .toMatch(/на лист «Сравнение с журналом \(ФИС ОКО\)»: 2; прежних строк этих файлов заменено: 2\./);
    expect(wb.readSheet('Сравнение с журналом (ФИС ОКО)').values).toHaveLength(3);
    await page.close();
  });

  it('a «Результаты ФИС ОКО» kept by hand: the refusal is beside the disabled button before any click, nothing is written', async () => {
    const hand = [['Логин', 'ОО', 'ВПР МА 5 2026']];
    const wb = new MemoryWorkbook([{ sheet: 'Результаты ФИС ОКО', values: hand }]);
    let calls = 0;
    const page = await openSidebar(browser, 'upload', {
      apiUploadCheck: (p: UploadPlan) => checkUpload(wb, p),
      apiUploadResults: (b: UploadBatch) => {
        calls++;
        return uploadRows(wb, b);
      },
    });
    await page.setViewportSize({ width: 300, height: 600 });
    await page.setInputFiles('#files', picked(files));
    await expect
      .poll(() => page.textContent('#refusal'))
      .toBe(
        'Лист «Результаты ФИС ОКО» ведётся вручную (нет столбца «Файл»): надстройка в него не пишет. Переименуйте его, и загрузка создаст свой.',
      );
    expect(await page.isDisabled('#write')).toBe(true);
    expect(await inViewport(page, '#refusal')).toBe(true);
    expect(await inViewport(page, '#write')).toBe(true);
    expect(calls).toBe(0);
    // The server refuses the same way when asked anyway.
    const row = [2026, 'ВПР', 5, 'математика', 'Район', 'sch100000', 'ОО', 20, 10, 5, 'a.csv', 'строка 1'];
    expect(uploadRows(wb, { files: ['a.csv'], first: true, results: [row], comparison: [] })).toEqual({
      ok: false,
      message:
        'Лист «Результаты ФИС ОКО» ведётся вручную (нет столбца «Файл»): надстройка в него не пишет. Переименуйте его, и загрузка создаст свой. Ничего не записано.',
    });
    expect(wb.readSheet('Результаты ФИС ОКО').values).toEqual(hand);
    await page.close();
  });

  it('the sample district and its 41 ФИС ОКО files (sample/fisoko): what the preview once refused is written, the comparison beside the hand-kept tab', async () => {
    const wb = new MemoryWorkbook(await sampleGrids());
    const hand = JSON.stringify(wb.readSheet('Сравнение с журналом').values);
    const page = await openSidebar(browser, 'upload', {
      apiUploadCheck: (p: UploadPlan) => checkUpload(wb, p),
      apiUploadResults: (b: UploadBatch) => uploadRows(wb, b),
    });
    await page.setViewportSize({ width: 300, height: 700 });
    const folder = join(import.meta.dirname, '..', '..', 'sample', 'fisoko');
    const all = readdirSync(folder).map((f) => join(folder, f));
    expect(all).toHaveLength(41);
    await page.setInputFiles('#files', picked(all));
    await expect.poll(() => page.textContent('#notes')).toMatch(/^Лист «Сравнение с журналом» ведётся вручную и не меняется/);
    expect(await page.textContent('#list-title')).toBe('Что распознано: файлов 41');
    // The search finds files by words, a number as a whole number: «5» is the grade, not a part of «2025».
    await page.click('#list-title');
    await page.fill('#list-filter', 'ВПР МА 5');
    expect(await page.locator('#list li:visible').count()).toBe(all.filter((f) => / ВПР МА 5 /.test(f)).length);
    await page.click('#list-title');
    expect(await inViewport(page, '#notes')).toBe(true);
    expect(await inViewport(page, '#write')).toBe(true);
    expect(await page.isEnabled('#write')).toBe(true);
    await page.click('#write');
    await expect.poll(() => page.textContent('#status')).toMatch(/^Записано на лист «Результаты ФИС ОКО»: \d+ строк/);
    expect(await inViewport(page, '#status')).toBe(true);
    const results = wb.readSheet('Результаты ФИС ОКО').values.length - 1;
    expect(results).toBeGreaterThan(1000);
    expect(await page.textContent('#status')).toContain(`«Результаты ФИС ОКО»: ${results} строк`);
    expect(JSON.stringify(wb.readSheet('Сравнение с журналом').values)).toBe(hand);
    expect(wb.sheetNames()).toContain('Сравнение с журналом (ФИС ОКО)');
    await page.close();
  });
});
