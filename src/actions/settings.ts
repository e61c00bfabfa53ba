/** Reading and saving the shared settings tab «Настройки ШНОР». */
import { type Criteria, describeCriteria, findPreset, PRESETS, presetCriteria } from '../core/criteria';
import {
  DEFAULT_DYNAMICS_THRESHOLD,
  defaultSettings,
  presetTitle,
  presetTitles,
  SETTINGS_FIELDS,
  SETTINGS_SHEET,
  type Settings,
  defaultsSentence,
  noSettingsTabSentence,
  type SettingDefault,
  type SettingsProblem,
  settingsFromRows,
  settingsToRows,
} from '../core/settings';
import type { CellValue } from '../core/text';
import type { Workbook } from '../workbook/port';

export interface LoadedSettings {
  settings: Settings;
  problems: SettingsProblem[];
  /** Whether the tab exists; without it the defaults apply. */
  stored: boolean;
  /** The parameters the tab lacks or leaves empty, and what stands in for each. */
  defaults: SettingDefault[];
}

/** One read of the tab, or the defaults when there is none. */
export function loadSettings(wb: Workbook, sheetNames: string[]): LoadedSettings {
  if (!sheetNames.includes(SETTINGS_SHEET)) return { settings: defaultSettings(), problems: [], stored: false, defaults: [] };
  const { settings, problems, defaults } = settingsFromRows(wb.readSheet(SETTINGS_SHEET).values);
  return { settings, problems, stored: true, defaults };
}

/**
 * What was taken by default, in one sentence for the справка, the check's message and the command line:
 * the parameters the tab lacks or leaves empty, or the whole tab when there is none; '' when none.
 */
export function settingsDefaultsLine(loaded: LoadedSettings): string {
  if (!loaded.stored) return noSettingsTabSentence(loaded.settings.criteria.preset);
  return defaultsSentence(loaded.defaults);
}

/** The sidebar's form: every parameter as the text a person typed, exactly as the tab holds it. */
export type SettingsForm = Record<(typeof SETTINGS_FIELDS)[number]['key'], string>;

export function settingsToForm(s: Settings): SettingsForm {
  const rows = settingsToRows(s).slice(1);
  const form = {} as SettingsForm;
  SETTINGS_FIELDS.forEach((f, i) => {
    const v = rows[i]?.[1] ?? '';
    // A number as a person types it here: «25,5», never «25.5».
    form[f.key] = typeof v === 'number' ? String(v).replace('.', ',') : String(v);
  });
  // The sidebar's list chooses by id; the tab shows the preset's title.
  form.preset = s.criteria.preset;
  return form;
}

export interface SaveResult {
  ok: boolean;
  /** Field → Russian message, for the sidebar to show beside the field. */
  errors: Record<string, string>;
  message: string;
  /** What was saved but will not work as meant (procedures or years absent from the data). */
  warnings?: string[];
  /** The settings as the tab now holds them (a preset changed by hand reads «Свой набор района»): the panel shows these. */
  form?: SettingsForm;
  /** The saved criteria in words (describeCriteria, without the preset's name). */
  description?: string;
}

/** The criteria in the words of the check and the справка, without «Набор «…». » (the panel names the preset above). */
export function criteriaDescription(c: Criteria): string {
  return describeCriteria(c).replace(/^Набор «[^»]*»\. /, '');
}

/** Validates the form like a hand edit of the tab, and writes the tab only when everything is valid. */
export function saveSettings(wb: Workbook, form: Partial<SettingsForm>): SaveResult {
  const rows: CellValue[][] = SETTINGS_FIELDS.map((f) => [f.label, form[f.key] ?? '']);
  const { settings, problems } = settingsFromRows(rows);
  if (problems.length > 0) {
    const errors: Record<string, string> = {};
    for (const p of problems) errors[p.field] ??= p.message.replace(/^Лист «[^»]+»(, строка \d+)?( \(«[^»]+»\))?: /, '');
    return { ok: false, errors, message: 'Настройки не сохранены: исправьте отмеченные поля.' };
  }
  writeSettings(wb, settings);
  // Read back what the tab now says, so that the panel shows exactly that.
  const saved = settingsFromRows(wb.readSheet(SETTINGS_SHEET).values).settings;
  return {
    ok: true,
    errors: {},
    message: `Настройки сохранены на листе «${SETTINGS_SHEET}».`,
    form: settingsToForm(saved),
    description: criteriaDescription(saved.criteria),
  };
}

/**
 * Writes the settings into the tab: rows are found by their label, so rows a person added or moved stay
 * where they are; only the «Значение» and «Пояснение» of known rows change. One read and one write.
 */
export function writeSettings(wb: Workbook, settings: Settings): void {
  const s: Settings = { ...settings, criteria: { ...settings.criteria } };
  const preset = findPreset(s.criteria.preset);
  if (preset && JSON.stringify({ ...preset.criteria, preset: '' }) !== JSON.stringify({ ...s.criteria, preset: '' }))
    s.criteria.preset = 'custom';
  const wanted = settingsToRows(s);
  const { created } = wb.ensureSheet(SETTINGS_SHEET);
  const existing = created ? [] : wb.readSheet(SETTINGS_SHEET).values;
  const out: CellValue[][] = existing.map((r) => [r[0] ?? null, r[1] ?? null, r[2] ?? null]);
  for (const row of wanted) {
    const i = out.findIndex((r) => String(r[0] ?? '').trim() === String(row[0]));
    if (i >= 0) out[i] = row;
    else out.push(row);
  }
  wb.writeBlock(SETTINGS_SHEET, 0, 0, out);
  if (created) {
    wb.freeze(SETTINGS_SHEET, 1, 1);
    wb.setFontWeights(SETTINGS_SHEET, 0, 0, [['bold', 'bold', 'bold']]);
    wb.setColumnWidths(SETTINGS_SHEET, 0, [300, 220, 520]);
    // Labels, values and explanations wrap within their columns, on screen and on paper.
    wb.setWrap(SETTINGS_SHEET, { row: 0, col: 0, rows: out.length, cols: 3 }, true);
    const presetRow = out.findIndex((r) => r[0] === SETTINGS_FIELDS[0]?.label);
    wb.setValidation(SETTINGS_SHEET, { row: presetRow, col: 1, rows: 1, cols: 1 }, { kind: 'list', values: presetTitles(), strict: false });
    // The ids stay within reach of the command line, in a note, not in the cell people read.
    wb.setNotes(SETTINGS_SHEET, presetRow, 1, [
      [`Для командной строки (shnor … --preset): ${PRESETS.map((p) => `${p.id} — «${presetTitle(p.id)}»`).join('; ')}.`],
    ]);
  }
}

/** The presets as the sidebar needs them. */
export function presetForms(): Array<{ id: string; name: string; source: string; description: string; form: SettingsForm }> {
  return PRESETS.map((p) => ({
    id: p.id,
    name: p.name,
    source: p.source,
    description: criteriaDescription(p.criteria),
    form: settingsToForm({ criteria: presetCriteria(p.id), resultSheet: '', dynamicsThreshold: DEFAULT_DYNAMICS_THRESHOLD }),
  }));
}
