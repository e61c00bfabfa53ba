/** `google.script.run` targets: the shared endpoints bound to the active spreadsheet; writes under the lock. */
import { type Endpoints, listPresets, makeEndpoints } from '../actions/endpoints';
import type { SettingsForm } from '../actions/settings';
import { activeWorkbook } from '../workbook/appsscript';
import { districtWorkbook } from './audit';
import { withDocumentLock } from './lock';

const bound = (): Endpoints => makeEndpoints(activeWorkbook());

export function apiListPresets(): ReturnType<Endpoints['apiListPresets']> {
  return listPresets();
}

export function apiGetSettings(): ReturnType<Endpoints['apiGetSettings']> {
  return bound().apiGetSettings();
}

export function apiSaveSettings(form: Partial<SettingsForm>): ReturnType<Endpoints['apiSaveSettings']> {
  const got = districtWorkbook('Настройки критериев…');
  if ('refusal' in got) return { ok: false, errors: {}, message: got.refusal };
  return withDocumentLock(() => makeEndpoints(got.wb).apiSaveSettings(form));
}

export function apiCompareChoices(): ReturnType<Endpoints['apiCompareChoices']> {
  return bound().apiCompareChoices();
}

/** Writes «Сравнение критериев»: a district action, under the lock, recorded in the journal. */
export function apiCompareCriteria(a: string, b: string, sheet?: string): ReturnType<Endpoints['apiCompareCriteria']> {
  const got = districtWorkbook('Сравнить критерии…');
  if ('refusal' in got) return { kind: 'failed', message: got.refusal };
  return withDocumentLock(() => makeEndpoints(got.wb).apiCompareCriteria(a, b, sheet));
}
