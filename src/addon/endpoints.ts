/** `google.script.run` targets: the shared endpoints bound to the active spreadsheet; writes under the lock. */
import { type Endpoints, listPresets, makeEndpoints } from '../actions/endpoints';
import type { SettingsForm } from '../actions/settings';
import { activeWorkbook } from '../workbook/appsscript';
import { withDocumentLock } from './lock';

const bound = (): Endpoints => makeEndpoints(activeWorkbook());

export function apiListPresets(): ReturnType<Endpoints['apiListPresets']> {
  return listPresets();
}

export function apiGetSettings(): ReturnType<Endpoints['apiGetSettings']> {
  return bound().apiGetSettings();
}

export function apiSaveSettings(form: Partial<SettingsForm>): ReturnType<Endpoints['apiSaveSettings']> {
  return withDocumentLock(() => bound().apiSaveSettings(form));
}

export function apiCompareChoices(): ReturnType<Endpoints['apiCompareChoices']> {
  return bound().apiCompareChoices();
}

export function apiCompareCriteria(a: string, b: string, sheet?: string): ReturnType<Endpoints['apiCompareCriteria']> {
  return withDocumentLock(() => bound().apiCompareCriteria(a, b, sheet));
}
