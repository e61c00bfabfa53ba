/** The form's own checks say what the server says, for everything both check. */
import { describe, expect, it } from 'vitest';
import { ACTIVITY_LIMITS, type ActivityForm, checkActivity, emptyActivityForm } from '../../src/core/activity';
import { ROADMAP_STATUSES } from '../../src/core/roadmap-sheet';
import { localErrors, localWarnings } from '../../src/sidebar/activity/check';

const base: ActivityForm = {
  ...emptyActivityForm(),
  block: 'Управленческий блок',
  activity: 'Совещание',
  schools: ['sch771005'],
  period: '2026-09-01/2027-08-31',
};

const cases: Array<[string, Partial<ActivityForm>]> = [
  ['nothing filled', { block: '', activity: ' ', schools: [], status: '' }],
  ['no period', { period: '' }],
  ['unknown status', { status: 'почти' }],
  ['dates reversed', { start: '2026-12-01', end: '2026-11-01' }],
  ['too long', { activity: 'а'.repeat(ACTIVITY_LIMITS.activity + 5), mark: 'м'.repeat(ACTIVITY_LIMITS.mark + 1) }],
  ['a date with no such day', { start: '31.02.2026' }],
  ['an ISO date with no such day', { end: '2027-02-29' }],
  ['no such month', { start: '01.13.2026' }],
  ['a date half typed', { start: '01.09.2026', end: '30.1' }],
  ['not a date', { start: 'к маю' }],
  ['dates as typed, reversed', { start: '30.11.2026', end: '2026-11-01' }],
  ['a year off the period', { start: '01.09.2025', end: '2029-01-10' }],
  ['reversed and a year off', { start: '01.09.2028', end: '01.10.2026' }],
  ['all fine', { start: '1.9.2026', end: '2027-05-31' }],
];

describe('the sidebar’s checks', () => {
  for (const [name, patch] of cases) {
    it(`agree with the server: ${name}`, () => {
      const form = { ...base, ...patch };
      const server = checkActivity(form, { schools: new Set(['sch771005']) }).errors;
      const local = localErrors(form, { edit: false, limits: ACTIVITY_LIMITS, statuses: ROADMAP_STATUSES });
      expect(local).toEqual(server);
    });
  }

  it('warn of a date outside the period as the server does', () => {
    const form = { ...base, start: '15.08.2026', end: '2027-09-10' };
    expect(localWarnings(form)).toEqual({
      start: checkActivity(form, { schools: new Set(['sch771005']) }).warnings.start,
      end: 'Дата 10.09.2027 вне периода дорожной карты (01.09.2026 – 31.08.2027).',
    });
    expect(localWarnings({ ...base, start: '01.10.2026' })).toEqual({});
  });

  it('do not ask for schools when editing', () => {
    const ctx = { edit: true, limits: ACTIVITY_LIMITS, statuses: ROADMAP_STATUSES };
    expect(localErrors({ ...base, schools: [] }, ctx)).toEqual({});
  });

  it('say which date is impossible and which is unfinished', () => {
    const ctx = { edit: false, limits: ACTIVITY_LIMITS, statuses: ROADMAP_STATUSES };
    expect(localErrors({ ...base, start: '31.02.2026', end: '31.0' }, ctx)).toEqual({
      start: 'Такой даты нет: в феврале 2026 года 28 дней.',
      end: 'Дата введена не полностью: нужны день, месяц и год.',
    });
  });
});
