/** «Проверить школы по критериям» in the built bundle over ФИС ОКО reports imported as tabs (File → Import → «Insert new sheets»). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readGrids } from '../../src/cli/input';
import { presetCriteria } from '../../src/core/criteria';
import { findResultTable, type Grid } from '../../src/core/results';
import { assess } from '../../src/core/verdict';
import { importedTabs, writeWide } from '../support/fisoko-district';
import { callGlobal, loadBundle } from '../support/gas';
import { key, type StubSpreadsheet, stubSpreadsheetApp, stubSpreadsheetOf } from '../support/sheets-stub';

let wide: Grid[];
beforeAll(async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'shnor-gather-')), 'район.xlsx');
  await writeWide(path);
  wide = await readGrids(path);
});

/** Column values of a stub tab from row 1 down, as text. */
function column(ss: StubSpreadsheet, tab: string, col: number): string[] {
  const sheet = ss.sheets.find((s) => s.name === tab);
  if (!sheet) throw new Error(`нет вкладки ${tab}`);
  const out: string[] = [];
  for (let r = 0; sheet.values.has(key(r, 0)); r++) out.push(String(sheet.values.get(key(r, col)) ?? ''));
  return out;
}

describe('«Проверить школы…» over imported report tabs', () => {
  it('reads every report tab and the ГИА tab together: the verdicts of the same data as one wide table, without asking', () => {
    const ss = stubSpreadsheetOf(importedTabs());
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    callGlobal(context, 'menuCheckSchools');
    expect(rec.prompts).toEqual([]);
    expect(rec.locks).toBe(1);
    const logins = column(ss, 'Результаты ФИС ОКО', 5);
    const statuses = column(ss, 'Результаты ФИС ОКО', 12);
    expect(statuses[0]).toBe('Статус ШНОР');
    const got = new Map<string, string>();
    logins.slice(1).forEach((l, i) => got.set(l, statuses[i + 1] as string));
    const expected = assess(findResultTable(wide).schools, presetCriteria('novokuznetsk-2020'));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected.verdicts.map((v) => [v.login, v.status])));
    // The source is named on every row; the journal report became «Сравнение с журналом».
    expect(new Set(column(ss, 'Результаты ФИС ОКО', 10).slice(1))).toEqual(
      new Set([...importedTabs().map((t) => `вкладка «${t.sheet}»`)].filter((t) => !t.includes('Сравнение'))),
    );
    expect(column(ss, 'Сравнение с журналом', 8)).toEqual(['Повысили', '37', '5']);
    // Nothing the user imported was changed.
    for (const t of importedTabs()) {
      const tab = ss.sheets.find((s) => s.name === t.sheet);
      expect(tab?.values.get(key(0, 0))).toBe(t.values[0]?.[0]);
    }
    // A second run replaces the gathered rows instead of adding them.
    const rows = logins.length;
    callGlobal(context, 'menuCheckSchools');
    expect(column(ss, 'Результаты ФИС ОКО', 5)).toHaveLength(rows);
    expect(rec.alerts.join('\n') + rec.dialogs.map((d) => d.html).join('\n')).toMatch(/ШНОР: 2 из 6 ОО/);
  });

  it('asks when a result table of the usual layout covers the same procedures and years', () => {
    const ss = stubSpreadsheetOf([...wide, ...importedTabs()]);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), answers: ['1'] });
    callGlobal(context, 'onOpen', {});
    callGlobal(context, 'menuCheckSchools');
    expect(rec.prompts).toHaveLength(1);
    expect(rec.prompts[0]).toMatch(/вкладки-отчёты ФИС ОКО \(\d+\) и таблица результатов за те же процедуры и годы: «Приложение»/);
    expect(rec.prompts[0]).toContain('1. Результаты ФИС ОКО\n2. Приложение');
    expect(column(ss, 'Результаты ФИС ОКО', 12)[0]).toBe('Статус ШНОР');
  });

  it("reads tabs of today's layout (edu logins after the name, the flattened journal header) and says when a report tab is not read", () => {
    // Today's layout as in real downloads (pikhaev1988/saascrm95, apps/vpr/fixtures/all_files.txt); one more
    // report tab whose title rows lost the subject cannot be read.
    const tabs = importedTabs('today');
    const cut = tabs[0] as Grid;
    const broken: Grid = { sheet: '2849699', values: cut.values.map((r, i) => (i === 2 ? ['ВПР 2026'] : i === 3 ? ['Предмет:'] : r)) };
    const ss = stubSpreadsheetOf([...tabs, broken]);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    callGlobal(context, 'menuCheckSchools');
    expect(rec.prompts).toEqual([]);
    const logins = column(ss, 'Результаты ФИС ОКО', 5);
    const statuses = column(ss, 'Результаты ФИС ОКО', 12);
    const got = new Map<string, string>();
    logins.slice(1).forEach((l, i) => got.set(l.replace(/^edu/, 'sch'), statuses[i + 1] as string));
    const expected = assess(findResultTable(wide).schools, presetCriteria('novokuznetsk-2020'));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected.verdicts.map((v) => [v.login, v.status])));
    expect(new Set(logins.slice(1))).toEqual(new Set(['edu770001', 'edu770002', 'edu770003', 'edu770004', 'edu770005', 'edu770006']));
    expect(column(ss, 'Сравнение с журналом', 8)).toEqual(['Повысили', '37', '5']);
    // «Прочитанные файлы» names the tab that was not read; «ШНОР: итоги» opens with the warning.
    expect(column(ss, 'Прочитанные файлы', 2)).toContain('не прочитан');
    const head = ss.sheets.find((x) => x.name === 'ШНОР: итоги')?.values.get(key(2, 3));
    expect(String(head)).toMatch(
      /^ВНИМАНИЕ: Прочитано 8 из 9 файлов с результатами; вердикт неполный\. Не прочитаны:\nвкладка «2849699» — лист «2849699»: отчёт ФИС ОКО без предмета/,
    );
  });

  it('a «Сравнение с журналом» kept by hand stays as it is: the journal reports go to «Сравнение с журналом (ФИС ОКО)», the check reads both', () => {
    // The hand-kept tab of the sample district (scripts/make-sample.ts): no «Файл» column.
    const hand: Grid = {
      sheet: 'Сравнение с журналом',
      values: [
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
        [2025, 5, 'математика', 'sch770003', 'МБОУ «СОШ № 3»', 25, 10, 50, 40],
      ],
    };
    const ss = stubSpreadsheetOf([...importedTabs(), hand]);
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss) });
    callGlobal(context, 'onOpen', {});
    callGlobal(context, 'menuCheckSchools');
    expect(column(ss, 'Сравнение с журналом', 8)).toEqual(['Повысили (Отметка > Отметка по журналу) %', '40']);
    expect(column(ss, 'Сравнение с журналом (ФИС ОКО)', 8)).toEqual(['Повысили', '37', '5']);
    const said = rec.alerts.join('\n') + rec.dialogs.map((d) => d.html).join('\n');
    expect(said).toContain(
      'Лист «Сравнение с журналом» ведётся вручную и не меняется: сравнение с журналом из ФИС ОКО записывается на лист',
    );
    // The head of «ШНОР: итоги» names both tabs as the source of the objectivity markers.
    const summary = ss.sheets.find((s) => s.name === 'ШНОР: итоги');
    expect((summary?.values.entries() ?? []).map(([, v]) => String(v)).join('\n')).toContain(
      'сравнение с журналом — лист «Сравнение с журналом» и лист «Сравнение с журналом (ФИС ОКО)»',
    );
  });
});
