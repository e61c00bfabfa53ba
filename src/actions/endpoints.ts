/**
 * What the sidebars call through `google.script.run`, written once against the port: the add-on binds it
 * to the active spreadsheet, the browser tests and the local preview to an in-memory workbook.
 * Arguments and results are plain data.
 */
import { describeCriteria, PRESETS } from '../core/criteria';
import { CRITERIA_FIELDS, CUSTOM_PRESET_TITLE, SETTINGS_FIELDS } from '../core/settings';
import type { Workbook } from '../workbook/port';
import { type Stale, staleArg } from './analyze';
import { makeActivityEndpoints } from './activity-endpoints';
import { buildIndicatorsFromTemplate, type BuildIndicatorsResult } from './indicator-templates';
import { compareAction, type CompareChoices, compareChoices, type CompareView, compareView } from './compare';
import { settingsWarnings } from './settings-warnings';
import {
  criteriaDescription,
  loadSettings,
  presetForms,
  type SaveResult,
  type SettingsForm,
  saveSettings,
  settingsToForm,
} from './settings';

export interface PresetSummary {
  id: string;
  name: string;
  source: string;
  description: string;
}

export interface SettingsView {
  form: SettingsForm;
  stored: boolean;
  problems: string[];
  fields: Array<{ key: string; label: string; hint: string; kind: string; options?: string[]; section?: string; criteria?: boolean }>;
  presets: ReturnType<typeof presetForms>;
  /** The title of the district's own set («Свой набор района»), as the tab writes it. */
  customTitle: string;
  /** The stored criteria in words (as the check and the справка say them). */
  description: string;
  sheets: string[];
  /** Procedures and years of the settings that the result sheet does not hold. */
  warnings: string[];
}

export function listPresets(): PresetSummary[] {
  return PRESETS.map((p) => ({ id: p.id, name: p.name, source: p.source, description: describeCriteria(p.criteria) }));
}

export function makeEndpoints(wb: Workbook) {
  return {
    apiListPresets: (): PresetSummary[] => listPresets(),
    apiGetSettings: (): SettingsView => {
      const sheets = wb.sheetNames();
      const loaded = loadSettings(wb, sheets);
      return {
        form: settingsToForm(loaded.settings),
        stored: loaded.stored,
        problems: loaded.problems.map((p) => p.message),
        fields: SETTINGS_FIELDS.map((f) => ({
          key: f.key,
          label: f.label,
          hint: f.hint,
          kind: f.kind,
          ...(f.options ? { options: f.options } : {}),
          ...(f.section ? { section: f.section } : {}),
          criteria: CRITERIA_FIELDS.has(f.key),
        })),
        presets: presetForms(),
        customTitle: CUSTOM_PRESET_TITLE,
        description: criteriaDescription(loaded.settings.criteria),
        sheets,
        warnings: settingsWarnings(wb, loaded.settings),
      };
    },
    apiSaveSettings: (form: Partial<SettingsForm>): SaveResult => {
      const result = saveSettings(wb, form);
      return result.ok ? { ...result, warnings: settingsWarnings(wb, loadSettings(wb, wb.sheetNames()).settings) } : result;
    },
    ...makeActivityEndpoints(wb),
    apiCompareChoices: (): CompareChoices => compareChoices(wb),
    /** `stale`: the panel asks first ('ask'), then goes on as the person chose ('warn' or 'recheck'). */
    apiCompareCriteria: (a: string, b: string, sheet?: string, stale?: Stale): CompareView =>
      compareView(compareAction(wb, { a, b, sheet: sheet || undefined, stale: staleArg(stale) })),
    apiBuildIndicators: (template: string, stale?: Stale): BuildIndicatorsResult =>
      buildIndicatorsFromTemplate(wb, template, staleArg(stale)),
  };
}

export type Endpoints = ReturnType<typeof makeEndpoints>;
/** Endpoints that change the workbook: the add-on runs them under the document lock. */
export const WRITING_ENDPOINTS: ReadonlyArray<keyof Endpoints> = [
  'apiSaveSettings',
  'apiSaveActivity',
  'apiCompareCriteria',
  'apiBuildIndicators',
];
