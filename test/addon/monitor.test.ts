/**
 * «Мониторинг дорожных карт», the reminders and «Эффективность программы» through the built bundle on the
 * Apps Script emulator: a region's 300 roadmaps read and summed within the time budget of one execution,
 * counted call by call; the district's sample book for the reminders' dialog and the effect tab.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { benchGrid } from '../../scripts/bench';
import { MONITOR_SHEET } from '../../src/actions/monitor';
import { LIMIT_SECONDS } from '../../src/cli/emulator/cost';
import { JOURNAL_HEADER, JOURNAL_SHEET } from '../../src/core/journal';
import type { Grid } from '../../src/core/results';
import { schoolYear } from '../../src/core/terms';
import { callGlobal, loadBundle } from '../support/gas';
import { type Act, roadmapGrid } from '../support/roadmaps';
import { NEW_SHNOR, worsenSchool7 } from '../support/changed-results';
import { sampleGrids } from '../support/sample';
import { key, stubSpreadsheetApp, stubSpreadsheetOf } from '../support/sheets-stub';

const OWNER = 'boss@region.example';
const period = schoolYear(2026);
const STATUSES = ['выполнено', 'в работе', 'запланировано', 'просрочено', 'отменено'] as const;

/** 25 activities in five blocks, every status, end dates through the year. */
function acts(i: number): Array<{ block: string; acts: Act[] }> {
  return ['Управление', 'Педагоги', 'Обучающиеся', 'Родители', 'Переход в 5 класс'].map((block, b) => ({
    block,
    acts: Array.from({ length: 5 }, (_, k) => ({
      number: `${b + 1}.${k + 1}`,
      activity: `Мероприятие ${b + 1}.${k + 1} школы ${i}: семинар, диагностика или консультация по плану`,
      status: STATUSES[(i + b + k) % 5] as Act['status'],
      end: `2026-${String(9 + ((b + k) % 4)).padStart(2, '0')}-${String(10 + k).padStart(2, '0')}`,
    })),
  }));
}

describe('a region’s 300 roadmaps in Sheets', () => {
  it('are read and summed in one execution within half the limit, a fixed number of calls per tab', () => {
    const region = benchGrid(2000);
    const logins = [...new Set(region.values.map((r) => String(r[2] ?? '')).filter((v) => /^(sch|edu)\d{6}$/.test(v)))].slice(0, 300);
    expect(logins).toHaveLength(300);
    const maps = logins.map((login, i) => roadmapGrid({ owner: login, ownerName: `МБОУ «СОШ № ${i + 1}»`, period }, acts(i)));
    const journal: Grid = {
      sheet: JOURNAL_SHEET,
      values: [
        JOURNAL_HEADER,
        ...Array.from({ length: 3000 }, (_, k) => [
          `${String(1 + (k % 28)).padStart(2, '0')}.10.2026 10:${String(k % 60).padStart(2, '0')}`,
          `user${k % 40}@region.example`,
          'Изменить мероприятие…',
          maps[k % 300]!.sheet,
          String(5 + (k % 20)),
          'значения',
          '',
        ]),
      ],
      merges: [],
    };
    const ss = stubSpreadsheetOf([region, ...maps, journal]);
    ss.owner = OWNER;
    const { context, rec, emulator: em } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: OWNER });
    callGlobal(context, 'menuMonitor');
    expect(em.clock.seconds).toBeLessThan(LIMIT_SECONDS / 2);
    // Per roadmap tab: its data range, values and merges (one read) and its id for the link.
    const perTab = (name: string) => em.log.filter((c) => c.sheet !== null && c.sheet.startsWith('ДК ') && c.call === name).length;
    expect(perTab('Range.getValues')).toBe(300);
    expect(perTab('Sheet.getSheetId')).toBe(300);
    expect(em.clock.calls).toBeLessThan(300 * 5 + 200);
    expect(rec.alerts.at(-1)).toMatch(/^Вкладка «Мониторинг дорожных карт»: 300 дорожных карт периода 2026\/27/);
    const tab = ss.sheets.find((s) => s.name === 'Мониторинг дорожных карт')!;
    const header = [...Array(20).keys()].find((r) => tab.values.get(key(r, 0)) === 'Дорожная карта')!;
    const links = tab.formulas.entries().filter(([k, f]) => k.endsWith(':0') && f.startsWith('=HYPERLINK("#gid='));
    expect(links).toHaveLength(300);
    // The filter covers the header, the 300 roadmaps and the region's ШНОР without one (rows «нет дорожной карты»).
    let last = header + 1;
    while (tab.values.get(key(last, 2))) last++;
    const missing = [...Array(last - header - 1).keys()].filter((k) => tab.values.get(key(header + 1 + k, 2)) === 'нет дорожной карты');
    expect(missing.length).toBeGreaterThan(0);
    expect(last - header - 1).toBe(300 + missing.length);
    expect(tab.s.filter).toEqual({ row: header, col: 0, rows: 301 + missing.length, cols: 16 });
    // Run again: the tab is replaced (the old filter removed first, as Sheets requires), nothing added.
    const tabs = ss.sheets.length;
    callGlobal(context, 'menuMonitor');
    expect(ss.sheets.length).toBe(tabs);
    expect(em.log.filter((c) => c.call === 'Filter.remove')).toHaveLength(1);
    expect(em.clock.seconds).toBeLessThan(LIMIT_SECONDS / 2);
  });
});

describe('the district book in Sheets', () => {
  let grids: Grid[];
  beforeAll(async () => {
    grids = await sampleGrids();
  });

  it('shows the reminders to copy in a dialog, writing nothing and sending nothing', () => {
    const overdue: Act[] = [
      { number: '1.1', activity: 'Анализ результатов ВПР <по классам>', status: 'просрочено', end: '2026-10-01' },
      { number: '1.2', activity: 'Совещание', status: 'выполнено', end: '2026-10-05' },
    ];
    const ss = stubSpreadsheetOf([
      ...grids,
      roadmapGrid({ owner: 'sch771005', ownerName: 'МБОУ «СОШ № 5»', period }, [{ block: 'Управление', acts: overdue }]),
    ]);
    ss.owner = OWNER;
    const { context, rec, emulator: em } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: OWNER });
    const before = em.log.length;
    callGlobal(context, 'menuReminders');
    const html = rec.dialogs.at(-1)?.html ?? '';
    expect(html).toContain('Уважаемый руководитель МБОУ «СОШ № 5»!');
    expect(html).toContain('1. 1.1 Анализ результатов ВПР &lt;по классам&gt; (срок 01.10.2026)');
    expect(html).toContain('Скопировать текст');
    expect(em.log.slice(before).some((c) => /^(Range\.set|Sheet\.insert|Spreadsheet\.insertSheet)/.test(c.call))).toBe(false);
    expect(em.log.some((c) => c.call.startsWith('MailApp'))).toBe(false);
  });

  it('«Мониторинг дорожных карт» asks Да/Нет when the results changed since the check: «×» writes nothing, «Нет» writes it warned, «Да» checks first', () => {
    /** Checked, then «СОШ № 7» a ШНОР by new results; the person answers the dialog with `confirms`. */
    const changed = (confirms: string[]) => {
      const ss = stubSpreadsheetOf(grids);
      ss.owner = OWNER;
      const loaded = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: OWNER, confirms });
      callGlobal(loaded.context, 'menuCheckSchools');
      worsenSchool7(ss.em.wb.sheet('Результаты').values);
      const summary = () => JSON.stringify(ss.em.wb.sheet('ШНОР: итоги').values);
      const tab = () => ss.sheets.find((s) => s.name === MONITOR_SHEET);
      const lines = () => ss.em.wb.sheet(MONITOR_SHEET).values.map((r) => String(r[0] ?? ''));
      return { ss, ...loaded, summary, before: summary(), tab, lines };
    };
    const warning = /^ШНОР без дорожной карты определены по текущим данным\. Внимание: результаты на листе «Результаты» изменились/;
    // «×»: asked, nothing checked, nothing written.
    const closed = changed([]);
    const locks = closed.rec.locks;
    callGlobal(closed.context, 'menuMonitor');
    expect(closed.rec.asked.at(-1)).toEqual({ title: 'ШНОР: данные изменились после проверки', buttons: 'YES_NO' });
    expect(closed.rec.alerts.at(-1)).toMatch(
      /^Внимание: результаты на листе «Результаты» изменились после проверки школ — «ШНОР: итоги» составлены по другим данным\.\n\nПроверить школы заново и продолжить\?/,
    );
    expect(closed.tab()).toBeUndefined();
    expect(closed.summary()).toBe(closed.before);
    expect(closed.rec.locks).toBe(locks + 1);
    // «Нет»: the tab by the current data, «СОШ № 7» without a roadmap, the warning above the table.
    const no = changed(['NO']);
    callGlobal(no.context, 'menuMonitor');
    expect(no.lines().some((l) => warning.test(l))).toBe(true);
    expect(no.lines().some((l) => l === '—')).toBe(true);
    expect(no.ss.em.wb.sheet(MONITOR_SHEET).values.some((r) => String(r[1]).endsWith(`(${NEW_SHNOR})`))).toBe(true);
    expect(no.summary()).toBe(no.before);
    expect(no.rec.alerts.at(-1)).toMatch(/^Вкладка «Мониторинг дорожных карт»: 0 дорожных карт периода .*, ШНОР без карты — 8\.\n/);
    expect(no.rec.alerts.at(-1)?.split('\n')[1]).toMatch(warning);
    // «Да»: checked again on the same sheet, then the tab, without the warning.
    const yes = changed(['YES']);
    callGlobal(yes.context, 'menuMonitor');
    expect(yes.summary()).not.toBe(yes.before);
    expect(yes.lines().some((l) => /Внимание/.test(l))).toBe(false);
    expect(yes.rec.alerts.at(-1)).toMatch(/ШНОР без карты — 8\.\nСтроки можно сортировать/);
  });

  it('«Эффективность программы» builds its tab with the disclaimer', () => {
    const ss = stubSpreadsheetOf(grids);
    ss.owner = OWNER;
    const { context, rec } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: OWNER });
    callGlobal(context, 'menuEffect');
    expect(rec.alerts.at(-1)).toMatch(/^Вкладка «Эффективность программы»: ШНОР 2025 года — \d+/);
    const tab = ss.sheets.find((s) => s.name === 'Эффективность программы')!;
    expect(String(tab.values.get(key(1, 0)))).toMatch(/^Это описание, а не доказательство причины/);
  });
});
