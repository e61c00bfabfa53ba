import { beforeAll, describe, expect, it } from 'vitest';
import {
  activityView,
  type ActivitySaveForm,
  type ActivitySaveResult,
  applyActivity,
  loadActivity,
  loadSelection,
  planActivity,
  roadmapBlocks,
  saveActivity,
} from '../../src/actions/activity';
import { CATALOGUE_SHEET, writeCatalogue } from '../../src/actions/catalogue';
import { emptyActivityForm } from '../../src/core/activity';
import { CATALOGUE } from '../../src/core/catalogue';
import { CATALOGUE_COLUMNS } from '../../src/core/catalogue-tab';
import type { Grid } from '../../src/core/results';
import { isEditedByPeople, parseRoadmap, ROADMAP_COLUMN } from '../../src/core/roadmap-sheet';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { sampleGrids } from '../support/sample';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const NOW = new Date('2026-10-05T09:00:00Z');
const PERIOD = '2026-09-01/2027-08-31';
const SCHOOL5 = 'ДК СОШ № 5 2026–27';
const catalogued = CATALOGUE.find((a) => a.level === 'school')!;

const form = (patch: Partial<ActivitySaveForm> = {}): ActivitySaveForm => ({
  ...emptyActivityForm(),
  block: 'Управленческий блок',
  activity: 'Совещание при директоре по итогам ВПР',
  schools: ['sch771005'],
  period: PERIOD,
  term: 'октябрь',
  responsible: 'Директор',
  result: 'План коррекции',
  document: 'Протокол',
  ...patch,
});

const rowsOf = (wb: MemoryWorkbook, sheet: string) => parseRoadmap(wb.sheet(sheet).values).rows;

describe('the activity form’s data', () => {
  it('offers the registry’s schools, the catalogue, statuses, roadmap tabs and the current school year', () => {
    const wb = new MemoryWorkbook(grids);
    saveActivity(wb, form());
    const view = activityView(wb, NOW);
    expect(view.schools).toHaveLength(33);
    expect(view.schools[4]).toEqual({ login: 'sch771005', name: 'МБОУ «СОШ № 5»' });
    expect(view.suggestions).toHaveLength(CATALOGUE.length);
    expect(view.suggestions.find((s) => s.activity === catalogued.activity)).toMatchObject({
      code: catalogued.id,
      block: catalogued.block,
      responsible: catalogued.responsible,
      result: catalogued.result,
      document: catalogued.document,
      term: catalogued.term,
    });
    expect(view.blocks).toContain(catalogued.block);
    expect(view.statuses).toEqual(['запланировано', 'в работе', 'выполнено', 'просрочено', 'отменено']);
    expect(view.defaultPeriod).toBe(PERIOD);
    expect(view.periods).toEqual([
      { value: PERIOD, label: '2026/27' },
      { value: '2027-09-01/2028-08-31', label: '2027/28' },
    ]);
    expect(view.roadmaps).toEqual([{ sheet: SCHOOL5, who: 'СОШ № 5', label: '2026–27' }]);
    expect(view.problems).toEqual([]);
    expect(view.load).toBeNull();
    expect(roadmapBlocks(wb, ['sch771005', 'sch771003', 'район'], PERIOD)).toEqual(['Управленческий блок']);
    expect(roadmapBlocks(wb, ['sch771005'], '')).toEqual([]);
  });

  it('takes suggestions from «Справочник мероприятий» when the district has it, with its edits', () => {
    const wb = new MemoryWorkbook(grids);
    writeCatalogue(wb);
    const s = wb.sheet(CATALOGUE_SHEET);
    s.values[1]![CATALOGUE_COLUMNS.findIndex((c) => c.key === 'activity')] = 'Своё мероприятие района';
    const view = activityView(wb, NOW);
    expect(view.suggestions[0]?.activity).toBe('Своё мероприятие района');
    expect(view.suggestions.map((x) => x.activity)).not.toContain(CATALOGUE[0]!.activity);
  });

  it('without «Школы» offers the district only, and says why', () => {
    const wb = new MemoryWorkbook(grids.filter((g) => g.sheet !== 'Школы'));
    const view = activityView(wb, NOW);
    expect(view.schools).toEqual([]);
    expect(view.problems[0]).toMatch(/^Нет листа «Школы»/);
  });
});

describe('adding an activity', () => {
  it('creates the school’s roadmap tab, puts the row under its block and says where it went', () => {
    const wb = new MemoryWorkbook(grids);
    const r = saveActivity(wb, form());
    expect(r.ok).toBe(true);
    expect(r.message).toBe(`Добавлено в «${SCHOOL5}», строка 5. Создан лист: «${SCHOOL5}».`);
    expect(r.placed).toEqual([{ sheet: SCHOOL5, row: 5 }]);
    expect(r.warnings.term).toBe('Даты по срокам: 01.10.2026 – 31.10.2026. Месяцы отнесены к выбранному периоду.');
    const parsed = parseRoadmap(wb.sheet(SCHOOL5).values);
    expect(parsed.meta).toEqual({ owner: 'sch771005', ownerName: 'МБОУ «СОШ № 5»', period: { from: '2026-09-01', to: '2027-08-31' } });
    expect(parsed.sections).toEqual([{ sheetRow: 4, block: 'Управленческий блок' }]);
    expect(parsed.rows[0]).toMatchObject({
      sheetRow: 5,
      number: '1.1',
      activity: 'Совещание при директоре по итогам ВПР',
      start: '2026-10-01',
      end: '2026-10-31',
      status: 'запланировано',
      school: 'sch771005',
      code: '',
      control: '',
    });
    expect(isEditedByPeople(parsed.rows[0]!)).toBe(true);
    const s = wb.sheet(SCHOOL5);
    expect(s.weights[3]?.[0]).toBe('bold');
    expect(s.weights[4]?.[0]).toBe('normal');
    expect(s.validations.length).toBeGreaterThan(0);
  });

  it('continues the block’s numbering, opens new sections at the end, and inserts into a middle section', () => {
    const wb = new MemoryWorkbook(grids);
    saveActivity(wb, form());
    expect(saveActivity(wb, form({ activity: 'Второе' })).message).toBe(`Добавлено в «${SCHOOL5}», строка 6.`);
    expect(saveActivity(wb, form({ block: 'Методический блок', activity: 'Третье' })).placed).toEqual([{ sheet: SCHOOL5, row: 8 }]);
    wb.resetCalls();
    const r = saveActivity(wb, form({ activity: 'Четвёртое' }));
    expect(r.placed).toEqual([{ sheet: SCHOOL5, row: 7 }]);
    expect(wb.calls.get('insertRows')).toBe(1);
    expect(rowsOf(wb, SCHOOL5).map((x) => [x.sheetRow, x.number, x.activity])).toEqual([
      [5, '1.1', 'Совещание при директоре по итогам ВПР'],
      [6, '1.2', 'Второе'],
      [7, '1.3', 'Четвёртое'],
      [9, '2.1', 'Третье'],
    ]);
    expect(parseRoadmap(wb.sheet(SCHOOL5).values).sections.map((x) => x.sheetRow)).toEqual([4, 8]);
  });

  it('one form, several roadmaps: each chosen school and the district, with the catalogue code', () => {
    const wb = new MemoryWorkbook(grids);
    const r = saveActivity(wb, form({ activity: catalogued.activity, schools: ['sch771005', 'sch771003', 'район'] }));
    expect(r.ok).toBe(true);
    expect(r.placed.map((p) => p.sheet)).toEqual([SCHOOL5, 'ДК СОШ № 3 2026–27', 'ДК район 2026–27']);
    expect(r.message).toMatch(
      /^Добавлено в 3 дорожные карты: «ДК СОШ № 5 2026–27», строка 5; «ДК СОШ № 3 2026–27», строка 5; «ДК район 2026–27», строка 5\./,
    );
    expect(rowsOf(wb, 'ДК район 2026–27')[0]).toMatchObject({ school: 'район', code: catalogued.id });
    expect(parseRoadmap(wb.sheet('ДК район 2026–27').values).meta?.owner).toBe('район');
  });

  it('finds the existing tab of the school for the period and keeps what people wrote there', () => {
    const wb = new MemoryWorkbook(grids);
    saveActivity(wb, form());
    wb.sheet(SCHOOL5).values[4]![ROADMAP_COLUMN.mark] = 'Проведено 12.10, протокол № 3';
    saveActivity(wb, form({ activity: 'Второе' }));
    expect(wb.sheetNames().filter((n) => n.startsWith('ДК '))).toEqual([SCHOOL5]);
    expect(rowsOf(wb, SCHOOL5)[0]?.mark).toBe('Проведено 12.10, протокол № 3');
    // A tab of the same name that belongs to another school is not written into.
    const other = new MemoryWorkbook(grids);
    saveActivity(other, form());
    other.sheet(SCHOOL5).values[1]![1] = 'sch999999';
    const r = saveActivity(other, form({ activity: 'Второе' }));
    expect(r.placed[0]?.sheet).toBe('ДК СОШ № 5 sch771005 2026–27');
  });

  it('a school renamed in the registry keeps its tab: the next save goes to the tab whose row 2 names it', () => {
    const wb = new MemoryWorkbook(grids);
    saveActivity(wb, form());
    const registry = wb.sheet('Школы').values;
    const row = registry.findIndex((r) => r[0] === 'sch771005');
    registry[row]![1] = 'МБОУ «Лицей № 5»';
    const r = saveActivity(wb, form({ activity: 'Второе' }));
    expect(r.placed.map((p) => p.sheet)).toEqual([SCHOOL5]);
    expect(wb.sheetNames().filter((n) => n.startsWith('ДК '))).toEqual([SCHOOL5]);
    expect(rowsOf(wb, SCHOOL5).map((x) => x.activity)).toEqual(['Совещание при директоре по итогам ВПР', 'Второе']);
  });

  it('refuses an invalid form with messages by field and writes nothing', () => {
    const wb = new MemoryWorkbook(grids);
    wb.resetCalls();
    const r = saveActivity(wb, form({ block: ' ', start: '2026-12-01', end: '2026-11-01', schools: [] }));
    expect(r.ok).toBe(false);
    expect(r.message).toBe('Мероприятие не сохранено: исправьте отмеченные поля.');
    expect(r.errors).toEqual({
      block: 'Укажите блок (направление).',
      schools: 'Выберите хотя бы одну школу или «район».',
      end: 'Окончание раньше начала.',
    });
    expect([...wb.calls.keys()].filter((k) => !['sheetNames', 'readSheet'].includes(k))).toEqual([]);
  });

  it('costs the same number of calls on a tab of 10 rows and of 300', () => {
    const costs: number[] = [];
    for (const n of [10, 300]) {
      const wb = new MemoryWorkbook(grids);
      saveActivity(wb, form());
      for (let i = 0; i < n; i++)
        saveActivity(wb, form({ block: i % 2 ? 'Методический блок' : 'Управленческий блок', activity: `№ ${i}` }));
      wb.resetCalls();
      saveActivity(wb, form({ activity: 'Последнее' }));
      costs.push(wb.totalCalls);
    }
    expect(costs[0]).toBe(costs[1]);
    expect(costs[0]).toBeLessThanOrEqual(9);
  });

  it('stores text that looks like a formula as text', () => {
    const wb = new MemoryWorkbook(grids);
    const hostile = ['=IMPORTXML("http://x","//a")', '+7 (900) 000-00-00', '-1', '@all'];
    saveActivity(wb, form({ activity: hostile[0], responsible: hostile[1], result: hostile[2], document: hostile[3] }));
    const s = wb.sheet(SCHOOL5);
    expect(s.values[4]?.slice(ROADMAP_COLUMN.activity, ROADMAP_COLUMN.activity + 1)).toEqual([hostile[0]]);
    expect([
      s.values[4]?.[ROADMAP_COLUMN.responsible],
      s.values[4]?.[ROADMAP_COLUMN.result],
      s.values[4]?.[ROADMAP_COLUMN.document],
    ]).toEqual(hostile.slice(1));
    expect(s.formulas.flat().filter((f) => f)).toEqual([]);
  });
});

describe('editing an activity', () => {
  function withRows(): MemoryWorkbook {
    const wb = new MemoryWorkbook(grids);
    saveActivity(wb, form());
    saveActivity(wb, form({ activity: 'Второе', start: '2026-11-01', end: '2026-11-30', term: 'ноябрь' }));
    return wb;
  }

  it('loads the selected row into the form, and updates that row in place', () => {
    const wb = withRows();
    wb.selection = { sheet: SCHOOL5, row: 5, col: 2 };
    const load = loadSelection(wb);
    expect(load.ok).toBe(true);
    if (!load.ok) return;
    expect(load.loaded.form).toMatchObject({
      block: 'Управленческий блок',
      activity: 'Второе',
      schools: ['sch771005'],
      period: PERIOD,
      start: '2026-11-01',
      end: '2026-11-30',
      status: 'запланировано',
    });
    expect(load.loaded.owner).toBe('СОШ № 5 (sch771005)');
    expect(load.loaded.number).toBe('1.2');
    const r = saveActivity(wb, { ...load.loaded.form, status: 'выполнено', mark: 'Проведено', original: load.loaded.original });
    expect(r).toMatchObject({ ok: true, message: `Изменено: «${SCHOOL5}», строка 6.` });
    expect(rowsOf(wb, SCHOOL5).map((x) => [x.number, x.activity, x.status, x.mark])).toEqual([
      ['1.1', 'Совещание при директоре по итогам ВПР', 'запланировано', ''],
      ['1.2', 'Второе', 'выполнено', 'Проведено'],
    ]);
    // The same form saves again: the result carries the row as it now stands.
    expect(saveActivity(wb, { ...load.loaded.form, status: 'в работе', original: r.original }).ok).toBe(true);
  });

  it('an edit writes only the cells that changed: a link in «Документ» survives a change of status', () => {
    const wb = withRows();
    const sheet = wb.sheet(SCHOOL5);
    const doc = ROADMAP_COLUMN.document;
    sheet.formulas[5] = sheet.formulas[5] ?? [];
    sheet.formulas[5]![doc] = '=HYPERLINK("https://example.org/prikaz","Приказ № 5")';
    sheet.values[5]![doc] = 'Приказ № 5';
    const load = loadActivity(wb, SCHOOL5, 6);
    if (!load.ok) throw new Error(load.message);
    wb.resetCalls();
    const r = saveActivity(wb, { ...load.loaded.form, status: 'выполнено', original: load.loaded.original });
    expect(r.ok).toBe(true);
    expect(wb.calls.get('writeBlock')).toBe(1);
    expect(sheet.formulas[5]?.[doc]).toBe('=HYPERLINK("https://example.org/prikaz","Приказ № 5")');
    expect(sheet.values[5]?.[ROADMAP_COLUMN.status]).toBe('выполнено');
  });

  it('finds the row again when rows were added above it meanwhile', () => {
    const wb = withRows();
    const load = loadActivity(wb, SCHOOL5, 6);
    if (!load.ok) throw new Error(load.message);
    wb.insertRows(SCHOOL5, 4, 2);
    const r = saveActivity(wb, { ...load.loaded.form, status: 'в работе', original: load.loaded.original });
    expect(r.message).toBe(`Изменено: «${SCHOOL5}», строка 8.`);
    expect(rowsOf(wb, SCHOOL5).find((x) => x.activity === 'Второе')?.status).toBe('в работе');
  });

  it('refuses when someone else changed or deleted the row meanwhile, and overwrites nothing', () => {
    const wb = withRows();
    const load = loadActivity(wb, SCHOOL5, 6);
    if (!load.ok) throw new Error(load.message);
    wb.sheet(SCHOOL5).values[5]![ROADMAP_COLUMN.mark] = 'Чужая правка';
    const r = saveActivity(wb, { ...load.loaded.form, status: 'отменено', original: load.loaded.original });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(
      /^Строка не найдена: пока форма была открыта, мероприятие «Второе» на листе «ДК СОШ № 5 2026–27» изменили или удалили\./,
    );
    expect(rowsOf(wb, SCHOOL5)[1]).toMatchObject({ status: 'запланировано', mark: 'Чужая правка' });
  });

  it('does not move a row to another block', () => {
    const wb = withRows();
    const load = loadActivity(wb, SCHOOL5, 6);
    if (!load.ok) throw new Error(load.message);
    const r = saveActivity(wb, { ...load.loaded.form, block: 'Методический блок', original: load.loaded.original });
    expect(r.errors.block).toMatch(/^Блок строки не меняется при изменении/);
  });

  it('says clearly what is selected when it is not an activity row', () => {
    const wb = withRows();
    const message = (sheet: string, row: number) => {
      const l = loadActivity(wb, sheet, row);
      return l.ok ? '' : l.message;
    };
    expect(message('Школы', 3)).toMatch(/^Лист «Школы» — не дорожная карта\. Выделите строку мероприятия на листе дорожной карты/);
    expect(message(SCHOOL5, 3)).toMatch(/^Строка 3 листа «ДК СОШ № 5 2026–27» — заголовок дорожной карты, мероприятия идут с 4-й строки/);
    expect(message(SCHOOL5, 4)).toBe(
      'Строка 4 листа «ДК СОШ № 5 2026–27» — заголовок блока «Управленческий блок». Выделите строку мероприятия под ним.',
    );
    expect(message(SCHOOL5, 40)).toMatch(/^Строка 40 листа «ДК СОШ № 5 2026–27» пуста/);
    wb.ensureSheet('ДК заметки');
    expect(message('ДК заметки', 5)).toMatch(/^На листе «ДК заметки» нет шапки дорожной карты в строке 3/);
    expect(loadSelection(new MemoryWorkbook(grids))).toEqual({ ok: false, message: expect.stringMatching(/^Ничего не выделено/) });
  });
});

/** A lock like LockService's document lock: whoever holds it runs; the others wait their turn. */
function queueLock() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      const next = tail.then(fn, fn);
      tail = next.catch(() => undefined);
      return next;
    },
  };
}

/**
 * One person's save as two round trips to the spreadsheet, with time in between in which another
 * person's script may run: reading and computing, then writing.
 */
async function session(wb: MemoryWorkbook, f: ActivitySaveForm): Promise<ActivitySaveResult> {
  const plan = planActivity(wb, f);
  await new Promise((resolve) => setTimeout(resolve, 5));
  return applyActivity(wb, plan);
}

describe('two people saving at once', () => {
  it('without the lock the second write lands on the first one’s row: a row is lost (the negative control)', async () => {
    const wb = new MemoryWorkbook(grids);
    saveActivity(wb, form());
    await Promise.all([session(wb, form({ activity: 'Анна' })), session(wb, form({ activity: 'Борис' }))]);
    const activities = rowsOf(wb, SCHOOL5).map((r) => r.activity);
    expect(activities).toHaveLength(2);
    expect(activities.includes('Анна') && activities.includes('Борис')).toBe(false);
  });

  it('with the document lock around read-compute-write both rows land, numbered distinctly', async () => {
    const wb = new MemoryWorkbook(grids);
    saveActivity(wb, form());
    const lock = queueLock();
    const results = await Promise.all([
      lock.run(() => session(wb, form({ activity: 'Анна' }))),
      lock.run(() => session(wb, form({ activity: 'Борис' }))),
    ]);
    expect(results.map((r) => r.message)).toEqual([`Добавлено в «${SCHOOL5}», строка 6.`, `Добавлено в «${SCHOOL5}», строка 7.`]);
    expect(rowsOf(wb, SCHOOL5).map((r) => [r.number, r.activity])).toEqual([
      ['1.1', 'Совещание при директоре по итогам ВПР'],
      ['1.2', 'Анна'],
      ['1.3', 'Борис'],
    ]);
  });

  it('with the lock, two first saves for the same school create its tab once', async () => {
    const wb = new MemoryWorkbook(grids);
    const lock = queueLock();
    await Promise.all([lock.run(() => session(wb, form({ activity: 'Анна' }))), lock.run(() => session(wb, form({ activity: 'Борис' })))]);
    expect(wb.sheetNames().filter((n) => n.startsWith('ДК '))).toEqual([SCHOOL5]);
    expect(rowsOf(wb, SCHOOL5).map((r) => [r.number, r.activity])).toEqual([
      ['1.1', 'Анна'],
      ['1.2', 'Борис'],
    ]);
  });
});

describe('a save Sheets would refuse', () => {
  const OWNER = 'boss@rono.example';
  const DEPUTY = 'zam771005@school.example';

  /** The school's tab exists, protected as «Обновить защиту листов» protects it: the sheet, and its header rows for the methodologists. */
  function protectedTab(sheetEditors: string[]) {
    const wb = new MemoryWorkbook(grids);
    saveActivity(wb, form());
    wb.owner = OWNER;
    wb.protections.push(
      { sheet: SCHOOL5, range: null, description: 'ШНОР: дорожная карта школы sch771005', editors: sheetEditors },
      { sheet: SCHOOL5, range: { row: 0, col: 0, rows: 3, cols: 14 }, description: 'ШНОР: шапка', editors: [OWNER] },
    );
    wb.user = DEPUTY;
    return wb;
  }

  it('is refused before the first write when the tab’s protection does not name the person, saying whom to ask', () => {
    const wb = protectedTab([OWNER]);
    const before = JSON.stringify(wb.sheet(SCHOOL5).values);
    wb.resetCalls();
    const out = saveActivity(wb, form({ activity: 'Педсовет' }));
    expect(out.ok).toBe(false);
    expect(out.message).toMatch(new RegExp(`^«Добавить мероприятие…»: ничего не изменено — лист «${SCHOOL5}» под защитой`));
    expect(out.message).toContain(`Попросите методиста района (${OWNER})`);
    expect(JSON.stringify(wb.sheet(SCHOOL5).values)).toBe(before);
    expect([...wb.calls.keys()].filter((k) => ['writeBlock', 'insertRows', 'setBackgrounds', 'setFontWeights'].includes(k))).toEqual([]);
  });

  it('goes ahead when only the header rows are the methodologists’: the rows it writes are below them', () => {
    const wb = protectedTab([OWNER, DEPUTY]);
    expect(saveActivity(wb, form({ activity: 'Педсовет' }))).toMatchObject({ ok: true });
    expect(parseRoadmap(wb.sheet(SCHOOL5).values).rows.map((r) => r.activity)).toContain('Педсовет');
  });
});
