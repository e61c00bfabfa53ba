import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_LIMITS,
  type ActivityForm,
  checkActivity,
  currentSchoolYear,
  emptyActivityForm,
  placeActivity,
} from '../../src/core/activity';
import { ROADMAP_COLUMN, ROADMAP_COLUMNS } from '../../src/core/roadmap-sheet';
import type { CellValue } from '../../src/core/text';

const PERIOD = '2026-09-01/2027-08-31';
const schools = new Set(['sch771005', 'sch771006']);
const form = (patch: Partial<ActivityForm> = {}): ActivityForm => ({
  ...emptyActivityForm(),
  block: 'Управленческий блок',
  activity: 'Совещание с руководителями ШНОР',
  schools: ['sch771005'],
  period: PERIOD,
  ...patch,
});

describe('checking an activity', () => {
  it('names every missing required field in Russian, beside its field', () => {
    const c = checkActivity({ ...emptyActivityForm(), status: '', period: PERIOD }, { schools });
    expect(c.ok).toBe(false);
    expect(c.errors).toEqual({
      block: 'Укажите блок (направление).',
      activity: 'Укажите мероприятие.',
      schools: 'Выберите хотя бы одну школу или «район».',
      status: 'Выберите статус.',
    });
    expect(c.value).toBeNull();
  });

  it('knows the registry’s schools and the district, and the statuses', () => {
    expect(checkActivity(form({ schools: ['SCH771005', 'район'] }), { schools }).value?.schools).toEqual(['sch771005', 'район']);
    expect(checkActivity(form({ schools: ['sch000001'] }), { schools }).errors.schools).toBe('Нет в реестре «Школы»: sch000001.');
    expect(checkActivity(form({ status: 'сделано' }), { schools }).errors.status).toMatch(/^Статус — одно из: запланировано, в работе/);
    expect(checkActivity(form({ period: '' }), { schools }).errors.period).toBe('Выберите период дорожной карты.');
  });

  it('reads dates as ISO or дд.мм.гггг, refuses unreadable ones and an end before the start', () => {
    expect(checkActivity(form({ start: '01.10.2026', end: '2026-10-31' }), { schools }).value).toMatchObject({
      start: '2026-10-01',
      end: '2026-10-31',
    });
    expect(checkActivity(form({ start: '31.02.2027' }), { schools }).errors.start).toBe('Такой даты нет: в феврале 2027 года 28 дней.');
    expect(checkActivity(form({ end: '31.1' }), { schools }).errors.end).toBe('Дата введена не полностью: нужны день, месяц и год.');
    expect(checkActivity(form({ end: 'к маю' }), { schools }).errors.end).toBe('Не дата: «к маю». Введите дату как дд.мм.гггг.');
    expect(checkActivity(form({ start: '2026-11-01', end: '2026-10-01' }), { schools }).errors.end).toBe('Окончание раньше начала.');
  });

  it('takes the dates from the term when none are given, and says so', () => {
    const c = checkActivity(form({ term: 'октябрь' }), { schools });
    expect(c.value).toMatchObject({ start: '2026-10-01', end: '2026-10-31' });
    expect(c.warnings.term).toBe('Даты по срокам: 01.10.2026 – 31.10.2026. Месяцы отнесены к выбранному периоду.');
    const undated = checkActivity(form({ term: 'по отдельному графику' }), { schools });
    expect(undated.ok).toBe(true);
    expect(undated.value).toMatchObject({ start: null, end: null });
    expect(undated.warnings.term).toMatch(/^Даты не указаны/);
    // Given dates win over the term.
    expect(checkActivity(form({ term: 'октябрь', start: '2026-12-01' }), { schools }).value).toMatchObject({
      start: '2026-12-01',
      end: null,
    });
  });

  it('warns about a date outside the roadmap’s period, refuses one far outside it', () => {
    const near = checkActivity(form({ end: '2027-09-15' }), { schools });
    expect(near.ok).toBe(true);
    expect(near.warnings.end).toBe('Дата 15.09.2027 вне периода дорожной карты (01.09.2026 – 31.08.2027).');
    const far = checkActivity(form({ start: '2062-10-01' }), { schools });
    expect(far.errors.start).toMatch(/далеко за пределами периода дорожной карты .*проверьте год/);
    // The tab's own period wins over the form's.
    expect(
      checkActivity(form({ end: '2027-09-15' }), { schools, period: { from: '2026-09-01', to: '2028-08-31' } }).warnings.end,
    ).toBeUndefined();
  });

  it('limits the length of every text', () => {
    const c = checkActivity(form({ activity: 'а'.repeat(ACTIVITY_LIMITS.activity + 1), document: 'д'.repeat(501) }), { schools });
    expect(c.errors.activity).toBe(`Не длиннее ${ACTIVITY_LIMITS.activity} знаков (сейчас ${ACTIVITY_LIMITS.activity + 1}).`);
    expect(c.errors.document).toBe('Не длиннее 500 знаков (сейчас 501).');
  });

  it('does not ask for schools when a row is edited', () => {
    expect(checkActivity(form({ schools: [] }), { schools, edit: true }).ok).toBe(true);
  });
});

describe('the current school year in Moscow', () => {
  it('starts on 1 September, Moscow time', () => {
    expect(currentSchoolYear(new Date('2026-08-31T21:30:00Z'))).toEqual({ from: '2026-09-01', to: '2027-08-31' });
    expect(currentSchoolYear(new Date('2026-08-31T20:30:00Z'))).toEqual({ from: '2025-09-01', to: '2026-08-31' });
    expect(currentSchoolYear(new Date('2027-03-10T12:00:00Z'))).toEqual({ from: '2026-09-01', to: '2027-08-31' });
  });
});

/** A roadmap tab's values: three head rows, then the given rows (a string is a section heading). */
function tab(rows: Array<string | [string, string, string]>): CellValue[][] {
  const blank = () => new Array<CellValue>(ROADMAP_COLUMNS.length).fill(null);
  const out: CellValue[][] = [['Дорожная карта'], ['Для:', 'sch771005'], ROADMAP_COLUMNS.map((c) => c.header)];
  for (const r of rows) {
    const line = blank();
    if (typeof r === 'string') line[ROADMAP_COLUMN.block] = r;
    else {
      line[ROADMAP_COLUMN.number] = r[0];
      line[ROADMAP_COLUMN.block] = r[1];
      line[ROADMAP_COLUMN.activity] = r[2];
    }
    out.push(line);
  }
  return out;
}

describe('where a new activity goes', () => {
  const values = tab([
    'Управленческий блок',
    ['1.1', 'Управленческий блок', 'А'],
    ['1.2', 'Управленческий блок', 'Б'],
    'Методический блок',
    ['2.1', 'Методический блок', 'В'],
  ]);

  it('at the end of its block’s section, numbered on, moving the rows below', () => {
    expect(placeActivity(values, 'Управленческий блок')).toEqual({ row: 6, insert: true, heading: false, number: '1.3' });
    expect(placeActivity(values, '  управленческий   БЛОК ')).toEqual({ row: 6, insert: true, heading: false, number: '1.3' });
  });

  it('at the end of the sheet for the last section: nothing to move', () => {
    expect(placeActivity(values, 'Методический блок')).toEqual({ row: 8, insert: false, heading: false, number: '2.2' });
  });

  it('under a new heading at the end for a new block', () => {
    expect(placeActivity(values, 'Психолого-педагогический блок')).toEqual({ row: 8, insert: false, heading: true, number: '3.1' });
    expect(placeActivity(tab([]), 'Управленческий блок')).toEqual({ row: 3, insert: false, heading: true, number: '1.1' });
  });

  it('numbers a section without numbers by its place, and an empty section from 1', () => {
    const plain = tab(['2. Первый', ['', 'Первый', 'А'], 'Второй']);
    expect(placeActivity(plain, 'Первый')).toEqual({ row: 5, insert: true, heading: false, number: '2.2' });
    expect(placeActivity(plain, 'Второй')).toEqual({ row: 6, insert: false, heading: false, number: '2.1' });
  });

  it('after the last row of its block when a person’s table has no headings', () => {
    const flat = tab([
      ['1', 'Первый', 'А'],
      ['2', 'Второй', 'Б'],
    ]);
    expect(placeActivity(flat, 'Первый')).toMatchObject({ row: 4, insert: true, heading: false });
  });
});
