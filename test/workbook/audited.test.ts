import { SETTINGS_FIELDS } from '../../src/core/settings';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, clearColouring, SUMMARY_SHEET } from '../../src/actions/analyze';
import { writeCatalogue } from '../../src/actions/catalogue';
import { importSchools } from '../../src/actions/import-schools';
import { buildIndicators } from '../../src/actions/indicators';
import { refreshProtection } from '../../src/actions/protection';
import { writeReport } from '../../src/actions/report';
import { saveSettings, settingsToForm } from '../../src/actions/settings';
import { setupWorkbook } from '../../src/actions/setup';
import { JOURNAL_HEADER, JOURNAL_SHEET, journalRow, moscowTime, previousText, ROWS_LIMIT, rowsText } from '../../src/core/journal';
import { CELL_TEXT_LIMIT } from '../../src/core/text';
import { REGISTRY_SHEET } from '../../src/core/registry';
import type { Grid } from '../../src/core/results';
import { defaultSettings, SETTINGS_SHEET } from '../../src/core/settings';
import { AuditedWorkbook } from '../../src/workbook/audited';
import { MemoryWorkbook } from '../../src/workbook/memory';
import type { Workbook } from '../../src/workbook/port';
import { sampleGrids } from '../support/sample';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const NOW = new Date('2026-03-05T09:07:00Z');
const USER = 'metod@rono.example';

function book(): MemoryWorkbook {
  const wb = new MemoryWorkbook(grids);
  wb.user = USER;
  wb.owner = USER;
  return wb;
}

/** Runs an action through the audit decorator and returns the journal rows it appended. */
function audited(wb: MemoryWorkbook, action: string, run: (w: Workbook) => unknown): unknown[][] {
  const before = wb.sheets.has(JOURNAL_SHEET) ? wb.sheet(JOURNAL_SHEET).values.length : 1;
  const a = new AuditedWorkbook(wb, { action, now: () => NOW });
  run(a);
  a.flush();
  return wb.sheet(JOURNAL_SHEET).values.slice(before);
}

describe('journal texts', () => {
  it('writes Moscow time, row ranges and previous values compactly', () => {
    expect(moscowTime(NOW)).toBe('05.03.2026 12:07');
    expect(moscowTime(new Date('2026-12-31T22:30:00Z'))).toBe('01.01.2027 01:30');
    expect(rowsText([4, 0, 1, 2, 9, 10])).toBe('1–3, 5, 10–11');
    expect(
      previousText([
        { row: 4, col: 1, value: 'СОШ' },
        { row: 2, col: 0, value: 38.5 },
      ]),
    ).toBe('A3: было 38,5; B5: было «СОШ»');
    const many = Array.from({ length: 500 }, (_, i) => ({ row: i, col: 2, value: `значение номер ${i} ${'x'.repeat(100)}` }));
    const text = previousText(many);
    expect(text.length).toBeLessThanOrEqual(1500);
    expect(text).toMatch(/; … и ещё \d+ ячеек$/);
    expect(text).toContain('C1: было «значение номер 0 xxxxxxxx');
  });

  it('a journal row fits cells of Sheets whatever the action did: rows «… и ещё N строк», long texts cut with a note', () => {
    // Every other row of 100,000: «1, 3, 5, …» would run to 600,000 characters.
    const odd = Array.from({ length: 50_000 }, (_, i) => i * 2);
    const rows = rowsText(odd);
    expect(rows.length).toBeLessThanOrEqual(ROWS_LIMIT);
    expect(rows).toMatch(/^1, 3, 5, .*, … и ещё \d+ строк$/);
    const shown = rows.split(', ').filter((p) => /^\d+$/.test(p)).length;
    expect(rows).toContain(`и ещё ${50_000 - shown} строк`);
    const row = journalRow({
      when: NOW,
      who: 'metod@rono.example',
      action: 'Защитить',
      sheet: 'Школы',
      rows: odd,
      what: Array.from({ length: 5000 }, (_, i) => `доступ к вкладке ДК школы № ${i} для head${i}@school.example`),
      previous: [],
      before: Array.from({ length: 5000 }, (_, i) => `прежние редакторы: teacher${i}@school.example, other${i}@school.example`),
    });
    for (const cell of row) expect(String(cell).length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    expect(String(row[5])).toMatch(/… \[текст сокращён: [\d\u00a0]+ из [\d\u00a0]+ знаков — больше ячейка не вмещает\]$/);
    expect(String(row[6])).toMatch(/^прежние редакторы: teacher0@/);
  });
});

describe('«Журнал изменений»: a row per tab for every action of the menu', () => {
  it('set-up, settings, the check, clearing, indicators, the справка, the catalogue, import and protection', () => {
    const wb = book();
    const setup = audited(wb, 'Подготовить рабочую книгу района', (w) => setupWorkbook(w));
    expect(wb.sheet(JOURNAL_SHEET).values[0]).toEqual(JOURNAL_HEADER);
    expect(setup.map((r) => r[3])).toEqual([
      REGISTRY_SHEET,
      SETTINGS_SHEET,
      SUMMARY_SHEET,
      'Показатели ОО',
      'Показатели',
      'Справочник мероприятий',
      'Результаты',
      'Сравнение с журналом',
    ]);
    expect(setup[0]?.slice(0, 3)).toEqual(['05.03.2026 12:07', USER, 'Подготовить рабочую книгу района']);
    expect(setup[0]?.[5]).toBe('примечания; закреплено строк: 1, столбцов: 0; проверка данных; формат чисел; защита: metod@rono.example');
    expect(setup[1]?.[5]).toMatch(/^создан лист; значения; закреплено строк: 1, столбцов: 1;/);
    // The settings tab: a title row and one row per field.
    expect(setup[1]?.[4]).toBe(`1–${SETTINGS_FIELDS.length + 1}`);

    const form = settingsToForm(defaultSettings());
    const settings = audited(wb, 'Настройки критериев…', (w) =>
      saveSettings(w, { ...form, threshold: '25', methodologists: 'second@rono.example' }),
    );
    expect(settings).toHaveLength(1);
    expect(settings[0]?.[3]).toBe(SETTINGS_SHEET);
    expect(settings[0]?.[6]).toBe('B2: было «Новокузнецк 2020»; B3: было 30');

    const check = audited(wb, 'Проверить школы по критериям', (w) => analyze(w));

    expect(check.map((r) => [r[3], r[5]])).toEqual([
      [
        SUMMARY_SHEET,
        'лист очищен и записан заново; значения; формулы; шрифт; заливка; ширина столбцов; объединение ячеек; закреплено строк: 6, столбцов: 3; перенос текста; условное форматирование надстройки',
      ],
      ['Результаты', 'значения; примечания; условное форматирование надстройки'],
    ]);
    // The placeholder of the summary is what it replaced.
    expect(check[0]?.[6]).toBe(
      'A1: было «Итоги проверки по критериям ШНОР»; A2: было «Заполняется пунктом меню «ШНОР → Проверить школы по критериям»; вкладку ведёт н…»',
    );
    expect(check[1]?.[4]).toBe('3–37');
    expect(check[1]?.[6]).toBe('');

    const cleared = audited(wb, 'Снять раскраску', (w) => clearColouring(w));
    expect(cleared).toHaveLength(1);
    expect(cleared[0]?.[5]).toBe('значения стёрты; примечания; условное форматирование надстройки снято');
    expect(String(cleared[0]?.[6])).toMatch(
      /^CP3: было «Статус ШНОР»; CQ3: было «Низкие результаты ШНОР»; CR3: было «Социальный контекст ШНОР»; CP4: было «норма»/,
    );

    const indicators = audited(wb, 'Построить вкладку показателей', (w) => buildIndicators(w));
    expect(indicators.map((r) => r[3])).toEqual(['Показатели ОО', 'Показатели']);
    const report = audited(wb, 'Аналитическая справка', (w) => writeReport(w, { now: NOW }));
    expect(report.map((r) => r[3])).toEqual(['Аналитическая справка']);
    expect(report[0]?.[5]).toMatch(/^создан лист; формат чисел; значения/);
    expect(audited(wb, 'Справочник мероприятий', (w) => writeCatalogue(w))).toEqual([]);

    const reg = wb.sheet(REGISTRY_SHEET).values;
    reg.splice(30);
    const imported = audited(wb, 'Заполнить реестр школ из результатов…', (w) => importSchools(w));
    expect(imported.map((r) => [r[3], r[4], r[5], r[6]])).toEqual([[REGISTRY_SHEET, '31–34', 'значения', '']]);

    const protection = audited(wb, 'Обновить защиту листов', (w) => refreshProtection(w));
    // The settings named another methodologist: every district tab gets a new editor; the journal's warning is as it was.
    expect(protection.map((r) => r[3])).toEqual([
      'Результаты',
      REGISTRY_SHEET,
      'Сравнение с журналом',
      SETTINGS_SHEET,
      SUMMARY_SHEET,
      'Показатели ОО',
      'Показатели',
      'Справочник мероприятий',
      'Аналитическая справка',
    ]);
    expect(protection[0]?.[5]).toBe('защита: metod@rono.example, second@rono.example');
    expect(protection[0]?.[6]).toBe('защита: metod@rono.example');
    expect(protection[protection.length - 1]?.[6]).toBe(''); // «Аналитическая справка» is new: no protection before
  });

  it('costs at most one extra read per tab, and one append for the whole action', () => {
    const wb = book();
    setupWorkbook(wb);
    wb.resetCalls();
    const a = new AuditedWorkbook(wb, { action: 'Проверить школы по критериям', now: () => NOW });
    analyze(a);
    const reads = wb.calls.get('readSheet') ?? 0;
    a.flush();
    expect(wb.calls.get('appendRows')).toBe(1);
    const plain = book();
    setupWorkbook(plain);
    plain.resetCalls();
    analyze(plain);
    // The result sheet is known from the action's own read; only the summary it clears is read once.
    expect(reads).toBe((plain.calls.get('readSheet') ?? 0) + 1);
  });

  it('marks the rows of an action that failed midway «прервано», so that what it wrote can be traced', () => {
    const wb = book();
    const a = new AuditedWorkbook(wb, { action: 'Заполнить реестр школ из результатов…', now: () => NOW });
    a.writeBlock(REGISTRY_SHEET, 1, 1, [['Новое имя']]);
    a.flush('нет связи с таблицей');
    const row = wb.sheet(JOURNAL_SHEET).values[1];
    expect(row?.[2]).toBe('Заполнить реестр школ из результатов… — прервано: нет связи с таблицей');
    expect(row?.[6]).toBe('B2: было «МБОУ «Гимназия № 1»»');
  });

  it('an action that writes nothing leaves the journal alone', () => {
    const wb = book();
    const a = new AuditedWorkbook(wb, { action: 'Проверить школы по критериям', now: () => NOW });
    a.readSheet('Результаты');
    expect(a.flush()).toBe(0);
    expect(wb.sheets.has(JOURNAL_SHEET)).toBe(false);
  });
});
