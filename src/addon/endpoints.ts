/** `google.script.run` targets: the shared endpoints bound to the active spreadsheet; writes under the lock. */
import type { Stale } from '../actions/analyze';
import { type Endpoints, listPresets, makeEndpoints } from '../actions/endpoints';
import { refreshProtection } from '../actions/protection';
import { loadSettings, type SettingsForm } from '../actions/settings';
import { activeWorkbook } from '../workbook/appsscript';
import { districtWorkbook } from './audit';
import { budgetFromNow, withDocumentLock } from './lock';

const bound = (): Endpoints => makeEndpoints(activeWorkbook());

export function apiListPresets(): ReturnType<Endpoints['apiListPresets']> {
  return listPresets();
}

export function apiGetSettings(): ReturnType<Endpoints['apiGetSettings']> {
  return bound().apiGetSettings();
}

/**
 * Saves the settings; when the list of methodologists changed, the protections follow in the same hold of
 * the lock (the roles come from the sheet, and Sheets would refuse the newly listed until then).
 */
export function apiSaveSettings(form: Partial<SettingsForm>): ReturnType<Endpoints['apiSaveSettings']> {
  const got = districtWorkbook('Настройки критериев…');
  if ('refusal' in got) return { ok: false, errors: {}, message: got.refusal };
  const wb = got.wb;
  const stop = budgetFromNow();
  return withDocumentLock(() => {
    const before = (loadSettings(wb, wb.sheetNames()).settings.methodologists ?? []).join(',');
    const saved = makeEndpoints(wb).apiSaveSettings(form);
    if (saved.ok && (loadSettings(wb, wb.sheetNames()).settings.methodologists ?? []).join(',') !== before) {
      const protection = refreshProtection(wb, stop);
      saved.message = `${saved.message}\n${
        protection.kind === 'done'
          ? protection.message
              .split('\n')
              .filter((l, i) => i === 0 || /Защиту лист/.test(l))
              .join('\n')
          : protection.message
      }`;
    }
    return saved;
  });
}

export function apiCompareChoices(): ReturnType<Endpoints['apiCompareChoices']> {
  return bound().apiCompareChoices();
}

/** Writes «Сравнение критериев»: a district action, under the lock, recorded in the journal. */
export function apiCompareCriteria(a: string, b: string, sheet?: string, stale?: Stale): ReturnType<Endpoints['apiCompareCriteria']> {
  const got = districtWorkbook('Сравнить критерии…');
  if ('refusal' in got) return { kind: 'failed', message: got.refusal };
  // «Проверить заново и продолжить»: the check and the comparison in one hold of the lock.
  return withDocumentLock(() => makeEndpoints(got.wb).apiCompareCriteria(a, b, sheet, stale));
}
