import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/actions/analyze';
import { MONITOR_SHEET, overdueReminders, writeMonitor } from '../../src/actions/monitor';
import { conditionalLook } from '../../src/cli/preview/formula';
import { JOURNAL_HEADER, JOURNAL_SHEET } from '../../src/core/journal';
import { STATE_COLORS } from '../../src/core/monitor';
import type { Grid } from '../../src/core/results';
import { schoolYear } from '../../src/core/terms';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { type Act, roadmapGrid } from '../support/roadmaps';
import { NEW_SHNOR, worsenSchool7 } from '../support/changed-results';
import { sampleGrids } from '../support/sample';
import { memoryState, writeCalls } from '../support/state';

let sample: Grid[];
beforeAll(async () => {
  sample = await sampleGrids();
});

const period = schoolYear(2026);
/** A school roadmap with an activity in every state, at fixed end dates of the 2026/27 school year. */
const MIXED: Act[] = [
  { number: '1.1', activity: 'Анализ результатов ВПР', status: 'выполнено', end: '2026-10-31' },
  { number: '1.2', activity: 'Методический семинар для учителей математики', status: 'в работе', end: '2026-12-20' },
  { number: '1.3', activity: 'Диагностика дефицитов учителей', status: 'запланировано', end: '2027-03-31' },
  { number: '1.4', activity: 'Заседание школьного методического объединения', status: 'запланировано', end: '2026-11-15' },
  { number: '1.5', activity: 'Выездной семинар (отменён)', status: 'отменено', end: '2026-10-01' },
  { number: '1.6', activity: 'Мониторинговый выезд', status: 'просрочено', end: '2027-05-31' },
];
const SECOND: Act[] = [
  { number: '2.1', activity: 'Консультации для родителей', status: 'запланировано', end: null, term: 'по графику' },
  { number: '2.2', activity: 'Открытые уроки', status: 'выполнено', end: '2027-05-20' },
];
const DONE: Act[] = [
  { number: '1.1', activity: 'Самодиагностика школы', status: 'выполнено', end: '2026-10-15' },
  { number: '1.2', activity: 'План повышения квалификации', status: 'выполнено', end: '2027-02-01' },
];

function book(): MemoryWorkbook {
  const grids = [
    ...sample,
    roadmapGrid({ owner: 'район', ownerName: 'муниципальная', period }, []),
    roadmapGrid({ owner: 'sch771005', ownerName: 'МБОУ «СОШ № 5»', period }, [
      { block: 'Управление и мониторинг', acts: MIXED },
      { block: 'Работа с родителями', acts: SECOND },
    ]),
    roadmapGrid({ owner: 'sch771009', ownerName: 'МБОУ «ООШ № 9»', period }, [{ block: 'управление и мониторинг', acts: DONE }]),
    // Last year's roadmap: not of the period.
    roadmapGrid({ owner: 'sch771012', ownerName: 'МБОУ «СОШ № 12»', period: schoolYear(2025) }, [
      { block: 'Управление и мониторинг', acts: DONE },
    ]),
    {
      sheet: JOURNAL_SHEET,
      values: [
        JOURNAL_HEADER,
        ['10.10.2026 09:15', 'metod@example.ru', 'Создать дорожную карту…', 'ДК СОШ № 5 2026–27', '4–12', 'новый лист', ''],
        [
          '12.11.2026 14:02',
          'zam@school5.example.ru',
          'Изменить мероприятие…',
          'ДК СОШ № 5 2026–27',
          '5',
          'значения',
          'J5: было «запланировано»',
        ],
        ['11.11.2026 08:00', 'metod@example.ru', 'Создать дорожную карту…', 'ДК ООШ № 9 2026–27', '4–6', 'новый лист', ''],
      ],
      merges: [],
    },
  ];
  return new MemoryWorkbook(grids);
}

const CLOCKS = {
  start: new Date('2026-09-02T06:00:00Z'),
  middle: new Date('2027-01-15T06:00:00Z'),
  end: new Date('2027-06-30T06:00:00Z'),
};

function table(wb: MemoryWorkbook) {
  const values = wb.sheet(MONITOR_SHEET).values;
  const header = values.findIndex((r) => r[0] === 'Дорожная карта');
  const h = values[header] as string[];
  const rows: Record<string, Record<string, unknown>> = {};
  for (let r = header + 1; r < values.length && values[r]?.[2]; r++) {
    const line = values[r] as unknown[];
    rows[String(line[1])] = Object.fromEntries(h.map((k, i) => [k, line[i]]));
    rows[String(line[1])]!.row = r;
  }
  return { values, header, rows };
}

describe('«Мониторинг дорожных карт» at three clocks of the school year', () => {
  it('counts every state at the start, the middle and the end of 2026/27', () => {
    const expected = {
      start: {
        Всего: 8,
        Выполнено: 2,
        'В работе': 1,
        Запланировано: 3,
        Просрочено: 1,
        Отменено: 1,
        'Сроки наступили': 0,
        p: '—',
        near: '1.4',
        old: '1.6',
      },
      middle: {
        Всего: 8,
        Выполнено: 2,
        'В работе': 0,
        Запланировано: 2,
        Просрочено: 3,
        Отменено: 1,
        'Сроки наступили': 3,
        p: 33.3,
        near: '1.3',
        old: '1.4',
      },
      end: {
        Всего: 8,
        Выполнено: 2,
        'В работе': 0,
        Запланировано: 1,
        Просрочено: 4,
        Отменено: 1,
        'Сроки наступили': 6,
        p: 33.3,
        near: '',
        old: '1.4',
      },
    };
    for (const [clock, now] of Object.entries(CLOCKS) as [keyof typeof CLOCKS, Date][]) {
      const wb = book();
      writeMonitor(wb, { now });
      const { rows } = table(wb);
      const five = rows['МБОУ «СОШ № 5» (sch771005)'] as Record<string, unknown>;
      const e = expected[clock];
      for (const k of ['Всего', 'Выполнено', 'В работе', 'Запланировано', 'Просрочено', 'Отменено', 'Сроки наступили'] as const)
        expect([clock, k, five[k]]).toEqual([clock, k, e[k]]);
      expect(five['Выполнено из наступивших, %']).toBe(e.p);
      expect(String(five['Ближайшее мероприятие']).slice(0, 3)).toBe(e.near);
      const nearest = five['Ближайший срок'] as Date | null;
      expect(nearest ? nearest.toISOString().slice(0, 10) : null).toBe({ start: '2026-11-15', middle: '2027-03-31', end: null }[clock]);
      expect(String(five['Самое давнее просроченное']).startsWith(e.old)).toBe(true);
      expect(five.Состояние).toBe('есть просроченные');
    }
  });

  it('says how each roadmap stands, colours it so, lists ШНОР without a roadmap and leaves other periods out', () => {
    const wb = book();
    const out = writeMonitor(wb, { now: CLOCKS.middle });
    if (out.kind !== 'done') throw new Error(out.message);
    const { values, rows } = table(wb);
    expect(values[0]?.[0]).toBe('Мониторинг дорожных карт на 15.01.2027');
    expect(rows['муниципальная (район)']?.Состояние).toBe('нет мероприятий');
    expect(rows['МБОУ «ООШ № 9» (sch771009)']?.Состояние).toBe('в графике');
    expect(rows['МБОУ «ООШ № 9» (sch771009)']?.['Выполнено из наступивших, %']).toBe(100);
    // sch771012's roadmap is last year's: the school is listed as without one, the tab is not a row.
    const missing = Object.entries(rows)
      .filter(([, r]) => r.Состояние === 'нет дорожной карты')
      .map(([k]) => k.replace(/.*\((.*)\)$/, '$1'));
    expect(missing.sort()).toEqual(['sch771012', 'sch771013', 'sch771016', 'sch771019', 'sch771027']);
    expect(out.data.otherPeriods).toBe(1);
    expect(String(values[1]?.[0])).toContain('Карт других периодов (не показаны): 1.');
    // The journal's latest row of the tab, not the last one appended for another tab.
    expect(rows['МБОУ «СОШ № 5» (sch771005)']?.['Последнее изменение']).toBe('12.11.2026 14:02');
    expect(rows['МБОУ «СОШ № 5» (sch771005)']?.['Кто изменил']).toBe('zam@school5.example.ru');
    expect(rows['муниципальная (район)']?.['Последнее изменение']).toBe('нет записей');
    // Colours through the tab's own rules, as Sheets and Excel apply them.
    const s = wb.sheet(MONITOR_SHEET);
    const look = conditionalLook(wb.conditionalRules(MONITOR_SHEET), (r, c) => s.values[r]?.[c] ?? null);
    for (const r of Object.values(rows)) {
      const state = r.Состояние as keyof typeof STATE_COLORS;
      expect([state, look(r.row as number, 0).background]).toEqual([state, STATE_COLORS[state]]);
      expect(look(r.row as number, 15).background).toBe(STATE_COLORS[state]);
    }
    // Links to the tabs; the filter over the first table.
    const header = values.findIndex((r) => r[0] === 'Дорожная карта');
    const five = rows['МБОУ «СОШ № 5» (sch771005)']!.row as number;
    expect(s.formulas[five]?.[0]).toMatch(/^=HYPERLINK\("#gid=\d+&range=A1","ДК СОШ № 5 2026–27"\)$/);
    expect(s.filter).toEqual({ row: header, col: 0, rows: Object.keys(rows).length + 1, cols: 16 });
    // The second table: by block, «Управление и мониторинг» of both schools counted together.
    const blockHeader = values.findIndex((r) => r[0] === 'Блок (направление)');
    const blocks = values.slice(blockHeader + 1).filter((r) => r[0]);
    expect(blocks.map((r) => [r[0], r[1], r[3], r[4], r[7]])).toEqual([
      ['Управление и мониторинг', 2, 8, 3, 3],
      ['Работа с родителями', 1, 2, 1, 0],
    ]);
    expect(look(blockHeader + 1, 5).background).toBe(STATE_COLORS['есть просроченные']);
  });

  it('replaces its own tab when run again, and touches no other tab', () => {
    const wb = book();
    writeMonitor(wb, { now: CLOCKS.start });
    const before = new Map(
      [...wb.sheets].filter(([n]) => n !== MONITOR_SHEET && n !== JOURNAL_SHEET).map(([n, s]) => [n, JSON.stringify(s.values)]),
    );
    const tabs = wb.sheetNames().length;
    writeMonitor(wb, { now: CLOCKS.end });
    expect(wb.sheetNames().length).toBe(tabs);
    expect(String(wb.sheet(MONITOR_SHEET).values[0]?.[0])).toBe('Мониторинг дорожных карт на 30.06.2027');
    for (const [n, v] of before) expect([n, JSON.stringify(wb.sheet(n).values)]).toEqual([n, v]);
  });

  it('reads each roadmap tab once: the calls do not grow with the rows', () => {
    const wb = book();
    writeMonitor(wb, { now: CLOCKS.middle });
    const tabs = wb.sheetNames().filter((n) => n.startsWith('ДК ')).length;
    // Each roadmap once, the journal once, the results and the settings for the check.
    expect(wb.calls.get('readSheet')).toBeLessThanOrEqual(tabs + 8);
    expect(wb.calls.get('linkPrefix')).toBe(3);
  });
});

describe('«Мониторинг дорожных карт» when the results changed since the check', () => {
  /** The book checked, then «СОШ № 7» a ШНОР by new results (test/support/changed-results). */
  function changed(): MemoryWorkbook {
    const wb = book();
    expect(analyze(wb, { sheet: 'Результаты' }).kind).toBe('done');
    worsenSchool7(wb.sheet('Результаты').values);
    return wb;
  }
  const missing = (wb: MemoryWorkbook) =>
    Object.entries(table(wb).rows)
      .filter(([, r]) => r.Состояние === 'нет дорожной карты')
      .map(([k]) => k.replace(/.*\((.*)\)$/, '$1'));

  it('asked (the menu item): writes nothing and reads no roadmap; the reads are those of the check’s data alone', () => {
    const wb = changed();
    const before = memoryState(wb);
    wb.resetCalls();
    expect(writeMonitor(wb, { now: CLOCKS.middle, stale: 'ask' })).toEqual({
      kind: 'stale',
      sheet: 'Результаты',
      message: 'результаты на листе «Результаты» изменились после проверки школ — «ШНОР: итоги» составлены по другим данным.',
    });
    expect(writeCalls(wb)).toEqual({});
    expect(memoryState(wb)).toEqual(before);
    const asked = wb.calls.get('readSheet') ?? 0;
    // Gone on: the same reads, then each roadmap and the journal once, and what the ШНОР exclude.
    wb.resetCalls();
    expect(writeMonitor(wb, { now: CLOCKS.middle, stale: 'warn' }).kind).toBe('done');
    const roadmaps = wb.sheetNames().filter((n) => n.startsWith('ДК ')).length;
    expect(wb.calls.get('readSheet')).toBeGreaterThanOrEqual(asked + roadmaps + 1);
  });

  it('gone on («Нет»): the ШНОР without a roadmap of the current data, «СОШ № 7» among them, and the warning; checked again: no warning', () => {
    const wb = changed();
    const out = writeMonitor(wb, { now: CLOCKS.middle, stale: 'warn' });
    expect(out.kind).toBe('done');
    expect(missing(wb)).toContain(NEW_SHNOR);
    const warning =
      'ШНОР без дорожной карты определены по текущим данным. Внимание: результаты на листе «Результаты» изменились после проверки школ — «ШНОР: итоги» составлены по другим данным. Запустите «Проверить школы по критериям» заново.';
    expect(table(wb).values.map((r) => r[0])).toContain(warning);
    // Said in the message as well (the CLI prints it; the add-on shows it after «Нет»).
    expect(out.message.split('\n')).toEqual([expect.stringMatching(/ШНОР без карты — 6\.$/), warning]);
    // The CLI asks nothing: the same tab.
    const cli = changed();
    writeMonitor(cli, { now: CLOCKS.middle });
    expect(cli.sheet(MONITOR_SHEET).values).toEqual(wb.sheet(MONITOR_SHEET).values);
    // «Да»: the check, then the tab — the same ШНОР, no warning, nothing asked.
    expect(analyze(wb, { sheet: 'Результаты' }).kind).toBe('done');
    const checked = writeMonitor(wb, { now: CLOCKS.middle, stale: 'ask' });
    expect(checked.kind === 'done' && checked.message).toMatch(/ШНОР без карты — 6\.$/);
    expect(missing(wb)).toContain(NEW_SHNOR);
    expect(
      table(wb)
        .values.map((r) => String(r[0] ?? ''))
        .some((l) => l.includes('Внимание')),
    ).toBe(false);
  });
});

describe('reminders for overdue activities', () => {
  it('gives a ready text per school with overdue activities, and none for a school without', () => {
    const wb = book();
    const { reminders } = overdueReminders(wb, { now: CLOCKS.middle });
    expect(reminders.map((r) => r.owner)).toEqual(['sch771005']);
    const text = reminders[0]?.text ?? '';
    expect(text).toContain('Уважаемый руководитель МБОУ «СОШ № 5»!');
    expect(text).toContain('По дорожной карте «ДК СОШ № 5 2026–27» на 15.01.2027 просрочены 3 мероприятия:');
    expect(text).toContain('1. 1.4 Заседание школьного методического объединения (срок 15.11.2026)');
    expect(text).toContain('3. 1.6 Мониторинговый выезд (срок 31.05.2027)');
    expect(overdueReminders(wb, { now: CLOCKS.middle, owner: 'sch771009' }).reminders).toEqual([]);
  });
});
