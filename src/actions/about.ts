/**
 * «О надстройке»: the version, the settings the actions use now (read from «Настройки ШНОР», one read)
 * and what to do first. Plain data for the sidebar.
 */
import { type Criteria, describeCriteria, findPreset, presetCriteria } from '../core/criteria';
import { SETTINGS_SHEET } from '../core/settings';
import { formatNumber } from '../core/text';
import { VERSION } from '../core/version';
import type { Workbook } from '../workbook/port';
import { loadSettings } from './settings';

export interface AboutView {
  version: string;
  /** Label and value, in the order shown. */
  settings: Array<[string, string]>;
  /** The criteria in one paragraph, as the справка words them. */
  criteria: string;
  /** Problems of the settings tab, which the actions refuse to run with. */
  problems: string[];
}

/** The preset's name when the criteria are the preset's own; otherwise the district's own set. */
function presetLine(c: Criteria): string {
  const preset = findPreset(c.preset);
  if (!preset) return 'свой набор района';
  const same = JSON.stringify(presetCriteria(preset.id)) === JSON.stringify(c);
  return same ? `«${preset.name}»` : `свой набор района (на основе «${preset.name}»)`;
}

export function aboutView(wb: Workbook): AboutView {
  const loaded = loadSettings(wb, wb.sheetNames());
  const s = loaded.settings;
  const c = s.criteria;
  return {
    version: VERSION,
    settings: [
      ['Набор критериев', presetLine(c)],
      ['Низкий результат', `${c.inclusive ? 'не менее' : 'более'} ${formatNumber(c.threshold)} % участников с «2»`],
      ['Год отсчёта', c.referenceYear === null ? 'последний год в данных' : String(c.referenceYear)],
      ['Лист результатов', s.resultSheet],
      ['Где хранятся', loaded.stored ? `лист «${SETTINGS_SHEET}»` : `листа «${SETTINGS_SHEET}» нет — действуют настройки по умолчанию`],
    ],
    criteria: describeCriteria(c),
    problems: loaded.problems.map((p) => p.message),
  };
}
