/** The form's own checks say what the server says, for everything both check. */
import { describe, expect, it } from 'vitest';
import { ACTIVITY_LIMITS, type ActivityForm, checkActivity, emptyActivityForm } from '../../src/core/activity';
import { ROADMAP_STATUSES } from '../../src/core/roadmap-sheet';
import { localErrors } from '../../src/sidebar/activity/check';

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
  ['all fine', {}],
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

  it('do not ask for schools when editing, and catch a half-typed date the server never sees', () => {
    const ctx = { edit: true, limits: ACTIVITY_LIMITS, statuses: ROADMAP_STATUSES };
    expect(localErrors({ ...base, schools: [] }, ctx)).toEqual({});
    expect(localErrors(base, { ...ctx, badDates: { end: true } })).toEqual({ end: 'Дата введена не полностью: нужны день, месяц и год.' });
  });
});
