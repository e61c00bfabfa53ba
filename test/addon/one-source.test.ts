/**
 * The built bundle on the emulator, on the sample district (sample/district.xlsx) with its ФИС ОКО reports
 * (sample/fisoko) imported as tabs — File → Import → «Insert new sheets», one tab per file, named as the
 * file: the book of issue 21. The check reads the tab names once; the справка takes the checked sheet and,
 * when the results changed since, a confirm dialog offers to check again.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EFFECT_SHEET } from '../../src/actions/effect';
import { readGrids } from '../../src/cli/input';
import type { Grid } from '../../src/core/results';
import { callGlobal, loadBundle } from '../support/gas';
import { sampleGrids } from '../support/sample';
import { calls, key, stubSpreadsheetApp, stubSpreadsheetOf } from '../support/sheets-stub';

const FISOKO = join(import.meta.dirname, '..', '..', 'sample', 'fisoko');
let book: Grid[];
beforeAll(async () => {
  const tabs: Grid[] = [];
  for (const file of readdirSync(FISOKO).sort()) {
    if (!/статистика|сравнение/.test(file)) continue;
    const [grid] = await readGrids(join(FISOKO, file));
    tabs.push({ ...(grid as Grid), sheet: basename(file, extname(file)) });
  }
  book = [...(await sampleGrids()), ...tabs];
});

const total = () => [...calls.values()].reduce((a, b) => a + b, 0);

describe('one result sheet in Sheets', () => {
  it('a check of the district with 40 report tabs reads the tab names once', () => {
    expect(book).toHaveLength(43);
    const ss = stubSpreadsheetOf(book);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), answers: ['1'] });
    callGlobal(context, 'onOpen', {});
    calls.clear();
    callGlobal(context, 'menuCheckSchools');
    // The reports and «Результаты» cover the same procedures: asked once, the reports chosen.
    expect(rec.prompts).toHaveLength(1);
    // Before (commit 427b13d): 6 getSheets, 316 Sheet.getName, 686 calls in all. One list of names now:
    // a getName per tab once, and one more for the active sheet.
    expect(calls.get('Spreadsheet.getSheets')).toBe(1);
    expect(calls.get('Sheet.getName')).toBeLessThanOrEqual(book.length + 2);
    // 409 calls when written; since then the two tabs of the reports' reading («Прочитанные файлы», «Средние
    // ФИС ОКО»: created, written, styled, the first read back for the warning), the top alignment that comes
    // with every wrap and the closing toast add about 55. The count does not grow with the tabs' rows.
    expect(total()).toBeLessThan(480);
    // The problems dialog (the hand-kept «Сравнение с журналом» is not written) opens with the source.
    expect(rec.dialogs.at(-1)?.html).toMatch(/<p>Источник данных: лист «Результаты ФИС ОКО»\.<\/p><p><b>ШНОР: \d+ из 33 ОО/);
  });

  it('the справка takes the checked sheet, and offers to check again when its results changed', () => {
    const ss = stubSpreadsheetOf(book);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), answers: ['1'], confirms: ['NO', 'YES'] });
    callGlobal(context, 'onOpen', {});
    callGlobal(context, 'menuCheckSchools');
    const summary = ss.sheets.find((s) => s.name === 'ШНОР: итоги');
    const record = String(summary?.values.get(key(0, 3)));
    expect(record).toMatch(/^Источник данных: лист «Результаты ФИС ОКО» \(из 40 вкладок ФИС ОКО\)/);
    // The person opens «Результаты» and asks for the справка: it is made from the checked sheet.
    ss.em.wb.active = 'Результаты';
    callGlobal(context, 'menuReport');
    expect(rec.alerts.at(-1)).toMatch(/^Источник данных: лист «Результаты ФИС ОКО» — тот же, что в последней проверке школ/);
    const report = () => ss.sheets.find((s) => s.name === 'Аналитическая справка');
    expect(String(report()?.values.get(key(1, 0)))).toMatch(/Источник данных: лист «Результаты ФИС ОКО»\.$/);
    // A number in the long tab corrected by hand: the справка asks first; «Нет» writes it with the warning.
    const long = ss.em.wb.sheet('Результаты ФИС ОКО');
    const fail = (long.values[0] ?? []).map(String).indexOf('2');
    expect(fail).toBeGreaterThan(0);
    (long.values[1] as unknown[])[fail] = 99;
    callGlobal(context, 'menuReport');
    const asked = rec.alerts.at(-2) as string;
    expect(asked).toMatch(
      /^Внимание: результаты на листе «Результаты ФИС ОКО» изменились после проверки школ — «ШНОР: итоги» составлены по другим данным\.\n/,
    );
    expect(asked).toContain('Проверить школы заново и продолжить?');
    expect(rec.asked.at(-1)).toEqual({ title: 'ШНОР: данные изменились после проверки', buttons: 'YES_NO' });
    expect(String(report()?.values.get(key(2, 0)))).toMatch(
      /^Внимание: результаты на листе «Результаты ФИС ОКО» изменились после проверки школ/,
    );
    // «Да»: the check runs again on the same sheet, then the справка, without the warning.
    callGlobal(context, 'menuReport');
    expect(rec.alerts.at(-2)).toContain('Проверить школы заново и продолжить?');
    expect(String(report()?.values.get(key(2, 0)))).not.toMatch(/^Внимание/);
    expect(rec.alerts.at(-1)).toMatch(/— тот же, что в последней проверке школ/);
  });

  /** «ШНОР: итоги» checked, then the criteria changed in the settings panel: the check is out of date. */
  function changedAfterCheck(confirms: string[]) {
    const ss = stubSpreadsheetOf(book);
    const loaded = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), answers: ['1'], confirms });
    callGlobal(loaded.context, 'onOpen', {});
    callGlobal(loaded.context, 'menuCheckSchools');
    const threshold = (value: string) => {
      const view = callGlobal(loaded.context, 'apiGetSettings') as { form: Record<string, unknown> };
      expect(callGlobal(loaded.context, 'apiSaveSettings', { ...view.form, threshold: value })).toMatchObject({ ok: true });
    };
    threshold('25');
    const record = () => String(ss.sheets.find((s) => s.name === 'ШНОР: итоги')?.values.get(key(0, 3)));
    return { ss, ...loaded, record, before: record(), threshold };
  }

  it('«Заполнить реестр…» asks Да/Нет when the results changed: «Да» checks first, «Нет» fills by the current data, «×» writes nothing', () => {
    // «×» (Button.CLOSE): nothing is checked, nothing written.
    const closed = changedAfterCheck([]);
    const names = closed.ss.sheets.map((s) => s.name);
    callGlobal(closed.context, 'menuImportSchools');
    expect(closed.rec.alerts.at(-1)).toMatch(/^Внимание: критерии в настройках изменились после проверки школ/);
    expect(closed.rec.asked.at(-1)?.buttons).toBe('YES_NO');
    expect(closed.ss.sheets.map((s) => s.name)).toEqual(names);
    expect(closed.record()).toBe(closed.before);
    // «Нет»: the registry is filled from the same sheet, its message warns.
    const no = changedAfterCheck(['NO']);
    callGlobal(no.context, 'menuImportSchools');
    expect(no.rec.alerts.at(-1)).toMatch(
      /^Источник данных: лист «Результаты ФИС ОКО»\. Внимание: критерии в настройках изменились после проверки школ/,
    );
    expect(no.record()).toBe(no.before);
    // «Да»: the check runs again on that sheet (its record changes), then the registry, without a warning.
    const yes = changedAfterCheck(['YES']);
    callGlobal(yes.context, 'menuImportSchools');
    expect(yes.record()).not.toBe(yes.before);
    expect(yes.record()).toMatch(/^Источник данных: лист «Результаты ФИС ОКО»/);
    expect(yes.rec.alerts.at(-1)).toMatch(/^Источник данных: лист «Результаты ФИС ОКО» — тот же, что в последней проверке школ/);
  });

  it('«Эффективность программы» asks Да/Нет too when the criteria changed since the check; «×» writes nothing', () => {
    const closed = changedAfterCheck([]);
    callGlobal(closed.context, 'menuEffect');
    expect(closed.rec.asked.at(-1)).toEqual({ title: 'ШНОР: данные изменились после проверки', buttons: 'YES_NO' });
    expect(closed.rec.alerts.at(-1)).toMatch(/^Внимание: критерии в настройках изменились после проверки школ/);
    expect(closed.ss.sheets.some((s) => s.name === EFFECT_SHEET)).toBe(false);
    // «Нет»: the effect is written by the current data.
    const no = changedAfterCheck(['NO']);
    callGlobal(no.context, 'menuEffect');
    expect(no.ss.sheets.some((s) => s.name === EFFECT_SHEET)).toBe(true);
  });

  it('the comparison, the roadmap panel and the indicators dialog stop at changed results and offer the check: «Проверить заново и продолжить» checks, then goes on', () => {
    const { context, ss, record, before, threshold } = changedAfterCheck([]);
    // The comparison asked first ('ask'): nothing written, the warning and the sheet to check.
    const asked = callGlobal(context, 'apiCompareCriteria', 'settings', 'novokuznetsk-2020', '', 'ask') as {
      kind: string;
      message: string;
      sheet: string;
    };
    expect(asked).toEqual({
      kind: 'stale',
      sheet: 'Результаты ФИС ОКО',
      message: expect.stringMatching(
        /^критерии в настройках изменились после проверки школ — «ШНОР: итоги» составлены по другим данным\.$/,
      ),
    });
    expect(ss.sheets.some((s) => s.name === 'Сравнение критериев')).toBe(false);
    // The roadmap panel opens with the warning (its statuses would come from other data than «ШНОР: итоги»).
    const start = callGlobal(context, 'apiRoadmapStart', null) as { kind: string; stale: string | null; notes: string[] };
    expect(start.stale).toMatch(/^критерии в настройках изменились после проверки школ/);
    // «Проверить заново и продолжить» in the roadmap panel: checked again, the start has no warning left.
    const rechecked = callGlobal(context, 'apiRoadmapStart', null, 'recheck') as typeof start;
    expect(record()).not.toBe(before);
    expect(rechecked.stale).toBeNull();
    expect(rechecked.notes[0]).toMatch(/^Школы проверены заново по листу «Результаты ФИС ОКО»: ШНОР: \d+ из 33 ОО/);
    expect(rechecked.notes[1]).toMatch(/— тот же, что в последней проверке школ/);
    // Changed again: the comparison's «Проверить заново и продолжить» checks, then compares in one call.
    threshold('20');
    const second = record();
    const done = callGlobal(context, 'apiCompareCriteria', 'settings', 'novokuznetsk-2020', '', 'recheck') as {
      kind: string;
      message: string;
    };
    expect(done.kind).toBe('done');
    expect(done.message).toMatch(
      /^Школы проверены заново по листу «Результаты ФИС ОКО»: ШНОР: \d+ из 33 ОО.*\nИсточник данных: лист «Результаты ФИС ОКО» — тот же, что в последней проверке школ/,
    );
    expect(record()).not.toBe(second);
    expect(ss.sheets.some((s) => s.name === 'Сравнение критериев')).toBe(true);
    // The indicators dialog likewise: stopped with nothing written, then checked and built.
    threshold('30');
    expect(callGlobal(context, 'apiBuildIndicators', 'computed', 'ask')).toEqual({
      ok: false,
      stale: true,
      message: 'критерии в настройках изменились после проверки школ — «ШНОР: итоги» составлены по другим данным.',
    });
    expect(ss.sheets.some((s) => s.name === 'Показатели')).toBe(false);
    const third = record();
    const built = callGlobal(context, 'apiBuildIndicators', 'computed', 'recheck') as { ok: boolean; message: string };
    expect(built.ok).toBe(true);
    expect(built.message).toMatch(/^Школы проверены заново по листу «Результаты ФИС ОКО»: ШНОР: \d+ из 33 ОО/);
    expect(record()).not.toBe(third);
    expect(ss.sheets.some((s) => s.name === 'Показатели')).toBe(true);
  });
});
