/**
 * The checks the form makes as the user types: required fields, dates (incomplete, impossible, order), lengths. They say what the
 * server says (a test holds them to src/core/activity.ts); the server checks everything again on save
 * and has the last word, also on what only it knows (the registry, the roadmap tab's period).
 */
import type { ActivityField, ActivityForm } from '../../core/activity';
import { periodProblem, readDateInput } from '../../core/date-input';

export interface LocalContext {
  edit: boolean;
  limits: Record<string, number>;
  statuses: readonly string[];
}

export function localErrors(form: ActivityForm, ctx: LocalContext): Partial<Record<ActivityField, string>> {
  const errors: Partial<Record<ActivityField, string>> = {};
  for (const [key, limit] of Object.entries(ctx.limits)) {
    const n = String(form[key as ActivityField] ?? '').trim().length;
    if (n > limit) errors[key as ActivityField] = `Не длиннее ${limit} знаков (сейчас ${n}).`;
  }
  if (!form.block.trim()) errors.block = 'Укажите блок (направление).';
  if (!form.activity.trim()) errors.activity = 'Укажите мероприятие.';
  const status = form.status.trim().toLowerCase();
  if (!status) errors.status = 'Выберите статус.';
  else if (!ctx.statuses.includes(status)) errors.status = `Статус — одно из: ${ctx.statuses.join(', ')}.`;
  if (!ctx.edit && form.schools.length === 0) errors.schools = 'Выберите хотя бы одну школу или «район».';
  if (!form.period) errors.period = 'Выберите период дорожной карты.';
  const dates: Record<'start' | 'end', string | null> = { start: null, end: null };
  for (const key of ['start', 'end'] as const) {
    const reading = readDateInput(form[key] ?? '');
    if ('error' in reading) errors[key] = reading.error;
    else dates[key] = reading.iso;
  }
  if (!errors.start && !errors.end && dates.start && dates.end && dates.start > dates.end) errors.end = 'Окончание раньше начала.';
  const period = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(form.period ?? '');
  for (const key of ['start', 'end'] as const) {
    const d = dates[key];
    const problem = d && period && !errors[key] ? periodProblem(d, period[1]!, period[2]!) : null;
    if (problem && 'error' in problem) errors[key] = problem.error;
  }
  return errors;
}

/** Dates outside the roadmap's period but within a year of it: a warning, as the server gives on save. */
export function localWarnings(form: ActivityForm): Partial<Record<ActivityField, string>> {
  const warnings: Partial<Record<ActivityField, string>> = {};
  const period = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(form.period ?? '');
  if (!period) return warnings;
  for (const key of ['start', 'end'] as const) {
    const reading = readDateInput(form[key] ?? '');
    const problem = 'iso' in reading && reading.iso ? periodProblem(reading.iso, period[1]!, period[2]!) : null;
    if (problem && 'warning' in problem) warnings[key] = problem.warning;
  }
  return warnings;
}
