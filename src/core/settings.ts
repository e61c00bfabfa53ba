/**
 * The district's shared settings as rows of the visible tab «Настройки ШНОР»: the chosen preset and every
 * parameter of the criteria, so that everyone who opens the workbook gets the same verdict. Hand edits of
 * the tab are read back and validated, with the row named in every message.
 */
import {
  CONTEXT_FACTORS,
  type ContextFactor,
  type ContextSettings,
  contextSettingsIssues,
  defaultContextSettings,
  FACTOR_INFO,
} from './context';
import { type Criteria, criteriaIssues, DEFAULT_PRESET_ID, findPreset, PRESETS, presetCriteria } from './criteria';
import { defaultObjectivitySettings, type ObjectivitySettings, objectivitySettingsIssues } from './objectivity';
import { defaultTaskSettings, type TaskSettings, taskSettingsIssues } from './tasks';
import { type CellValue, normalizeHeader, parseNumberCell } from './text';
import { moscowYear } from './results';

export const SETTINGS_SHEET = 'Настройки ШНОР';
export const SETTINGS_HEADER = ['Параметр', 'Значение', 'Пояснение'];

export interface Settings {
  criteria: Criteria;
  /** The result sheet to use when the active sheet is not one. */
  resultSheet: string;
  /** A year-on-year rise of %«2» by this many points or more is a worsening; a fall as large, an improvement. */
  dynamicsThreshold: number;
  /** E-mails (lower case) of the district's methodologists, who may change everything; the owner is one always. */
  methodologists?: string[];
  /** ШНСУ: weights of the social-context index and the cut-off (defaults when absent). */
  shnsu?: ContextSettings;
  /** Objectivity markers: thresholds and whether marked results count (defaults when absent). */
  objectivity?: ObjectivitySettings;
  /** Tasks and score distributions of the per-pupil results (defaults when absent). */
  tasks?: TaskSettings;
}

/** The task-analysis settings, or the defaults. */
export function taskSettings(s: Settings): TaskSettings {
  return s.tasks ?? defaultTaskSettings();
}

/** The ШНСУ settings, or the documented preset. */
export function shnsuSettings(s: Settings): ContextSettings {
  return s.shnsu ?? defaultContextSettings();
}

/** The objectivity settings, or the defaults. */
export function objectivitySettings(s: Settings): ObjectivitySettings {
  return s.objectivity ?? defaultObjectivitySettings();
}

type Key =
  | keyof Omit<Criteria, 'rule1' | 'rule2'>
  | 'rule1.enabled'
  | 'rule1.minLow'
  | 'rule2.enabled'
  | 'rule2.years'
  | 'rule2.sameProcedure'
  | 'resultSheet'
  | 'dynamicsThreshold'
  | 'methodologists'
  | `shnsu.weight.${ContextFactor}`
  | 'shnsu.cutoffMode'
  | 'shnsu.cutoff'
  | 'objectivity.raisedMax'
  | 'objectivity.confirmedMin'
  | 'objectivity.highExcess'
  | 'objectivity.countMarked'
  | 'tasks.weakMargin';

interface Field {
  key: Key;
  label: string;
  hint: string;
  kind: 'preset' | 'number' | 'integer' | 'bool' | 'procedures' | 'year' | 'combine' | 'text' | 'emails' | 'choice';
  /** The values a `choice` field takes. */
  options?: string[];
  /** A heading the sidebar shows before the first field of a group. */
  section?: string;
}

const CUTOFF_MODES = { доля: 'share', индекс: 'value' } as const;

const SHNSU_FIELDS: Field[] = [
  ...CONTEXT_FACTORS.map((f, i): Field => ({
    key: `shnsu.weight.${f}`,
    label: `ШНСУ: вес — ${FACTOR_INFO[f].label}`,
    hint: `${FACTOR_INFO[f].direction === 'favourable' ? 'Повышает' : 'Снижает'} индекс социального благополучия; 0 — не учитывать. Столбец реестра «${FACTOR_INFO[f].column}»`,
    kind: 'number',
    ...(i === 0 ? { section: 'ШНСУ: социальный контекст' } : {}),
  })),
  {
    key: 'shnsu.cutoffMode',
    label: 'ШНСУ: отсечение',
    hint: 'доля — ШНСУ это заданный процент школ с самым низким индексом; индекс — школы с индексом не выше заданного значения',
    kind: 'choice',
    options: Object.keys(CUTOFF_MODES),
  },
  {
    key: 'shnsu.cutoff',
    label: 'ШНСУ: порог отсечения',
    hint: 'Для «доля» — процент школ (25 — нижняя четверть); для «индекс» — значение 0–100',
    kind: 'number',
  },
];

const OBJECTIVITY_FIELDS: Field[] = [
  {
    key: 'objectivity.raisedMax',
    label: 'Необъективность: «Повысили» более, %',
    hint: 'Признак, если доля участников ВПР, получивших отметку выше журнальной, больше этого значения',
    kind: 'number',
    section: 'Признаки необъективности',
  },
  {
    key: 'objectivity.confirmedMin',
    label: 'Необъективность: «Подтвердили» менее, %',
    hint: 'Признак, если доля участников ВПР, подтвердивших журнальную отметку, меньше этого значения',
    kind: 'number',
  },
  {
    key: 'objectivity.highExcess',
    label: 'Необъективность: ВПР выше средней по району на, п. п.',
    hint: 'Признак, если доля высоких результатов ВПР выше средней по району на столько пунктов, доля «2» не выше средней, а ОГЭ/ЕГЭ по предмету не подтверждают (кроме гимназий и лицеев)',
    kind: 'number',
  },
  {
    key: 'objectivity.countMarked',
    label: 'Учитывать результаты с признаками необъективности',
    hint: 'да — признаки только показываются; нет — такие результаты не учитываются в статусе ШНОР, и причины это называют',
    kind: 'bool',
  },
];

export const SETTINGS_FIELDS: readonly Field[] = [
  {
    key: 'preset',
    label: 'Набор критериев',
    hint: 'Выберите из списка: набор одной из программ или «Свой набор района» (параметры ниже изменены вручную)',
    kind: 'preset',
  },
  {
    key: 'threshold',
    label: 'Порог доли «2», %',
    hint: 'Результат низкий, если доля «2» (ниже минимума) не меньше порога',
    kind: 'number',
  },
  { key: 'inclusive', label: 'Порог включительно', hint: 'да — «не менее» (≥), нет — «более» (>)', kind: 'bool' },
  {
    key: 'procedures',
    label: 'Процедуры',
    hint: 'Через «;»: ВПР МА 5; ОГЭ РУ; ЕГЭ МА* (все уровни). Пусто — все процедуры',
    kind: 'procedures',
  },
  { key: 'referenceYear', label: 'Год отсчёта', hint: 'Пусто — последний год в данных', kind: 'year' },
  { key: 'rule1.enabled', label: 'Правило 1 включено', hint: 'да / нет', kind: 'bool' },
  {
    key: 'rule1.minLow',
    label: 'Правило 1: процедур с низкими результатами',
    hint: 'Не меньше стольких процедур в году отсчёта',
    kind: 'integer',
  },
  { key: 'rule2.enabled', label: 'Правило 2 включено', hint: 'да / нет', kind: 'bool' },
  { key: 'rule2.years', label: 'Правило 2: лет подряд', hint: 'Низкий результат в каждом из стольких последних лет', kind: 'integer' },
  { key: 'rule2.sameProcedure', label: 'Правило 2: та же процедура', hint: 'да — по одной и той же процедуре во все годы', kind: 'bool' },
  { key: 'combine', label: 'Объединение правил', hint: 'или / и', kind: 'combine' },
  {
    key: 'minParticipants',
    label: 'Минимум участников',
    hint: 'Меньше — «малая выборка», не учитывается; 0 — без ограничения',
    kind: 'integer',
  },
  {
    key: 'dynamicsThreshold',
    label: 'Порог динамики, п. п.',
    hint: 'Рост доли «2» на столько процентных пунктов и больше за год — ухудшение, такое же снижение — улучшение',
    kind: 'number',
  },
  {
    key: 'resultSheet',
    label: 'Лист с результатами',
    hint: 'Для первой проверки, если открыт не лист с результатами; после неё все действия берут лист последней проверки (первая строка «ШНОР: итоги»)',
    kind: 'text',
  },
  {
    key: 'methodologists',
    label: 'Методисты района (эл. почта)',
    hint: 'Адреса через запятую: кто меняет всё в книге (проверка, настройки, реестр, защита). Владелец книги — методист всегда',
    kind: 'emails',
  },
  ...SHNSU_FIELDS,
  ...OBJECTIVITY_FIELDS,
  {
    key: 'tasks.weakMargin',
    label: 'Задания: ниже района на, п. п.',
    hint: 'Задание слабое для школы, если выполнено недостаточно по порогам ФИОКО (базовое — менее 57 %, повышенное — менее 28,5 %) и ниже района на столько процентных пунктов и больше',
    kind: 'number',
    section: 'Задания и распределение баллов',
  },
];

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** E-mails of a cell: separated by commas, semicolons or spaces, lower case; `bad` holds what is not an address. */
export function parseEmails(text: string): { emails: string[]; bad: string[] } {
  const emails: string[] = [];
  const bad: string[] = [];
  for (const part of text.split(/[,;\s]+/)) {
    const e = part.trim().toLowerCase();
    if (!e) continue;
    if (!EMAIL.test(e)) bad.push(part.trim());
    else if (!emails.includes(e)) emails.push(e);
  }
  return { emails, bad };
}

export const DEFAULT_RESULT_SHEET = 'Результаты';
export const DEFAULT_DYNAMICS_THRESHOLD = 10;

export function defaultSettings(): Settings {
  return { criteria: presetCriteria(DEFAULT_PRESET_ID), resultSheet: DEFAULT_RESULT_SHEET, dynamicsThreshold: DEFAULT_DYNAMICS_THRESHOLD };
}

function valueOf(s: Settings, key: Key): CellValue {
  const c = s.criteria;
  switch (key) {
    case 'rule1.enabled':
      return c.rule1.enabled ? 'да' : 'нет';
    case 'rule1.minLow':
      return c.rule1.minLow;
    case 'rule2.enabled':
      return c.rule2.enabled ? 'да' : 'нет';
    case 'rule2.years':
      return c.rule2.years;
    case 'rule2.sameProcedure':
      return c.rule2.sameProcedure ? 'да' : 'нет';
    case 'inclusive':
      return c.inclusive ? 'да' : 'нет';
    case 'procedures':
      return c.procedures.join('; ');
    case 'referenceYear':
      return c.referenceYear ?? '';
    case 'combine':
      return c.combine === 'OR' ? 'или' : 'и';
    case 'resultSheet':
      return s.resultSheet;
    case 'dynamicsThreshold':
      return s.dynamicsThreshold;
    case 'methodologists':
      return (s.methodologists ?? []).join(', ');
    case 'shnsu.cutoffMode':
      return shnsuSettings(s).cutoff.mode === 'share' ? 'доля' : 'индекс';
    case 'shnsu.cutoff':
      return shnsuSettings(s).cutoff.value;
    case 'objectivity.raisedMax':
      return objectivitySettings(s).raisedMax;
    case 'objectivity.confirmedMin':
      return objectivitySettings(s).confirmedMin;
    case 'objectivity.highExcess':
      return objectivitySettings(s).highExcess;
    case 'tasks.weakMargin':
      return taskSettings(s).weakMargin;
    case 'objectivity.countMarked':
      return objectivitySettings(s).countMarked ? 'да' : 'нет';
    case 'preset':
      return presetTitle(c.preset);
    default:
      if (key.startsWith('shnsu.weight.')) return shnsuSettings(s).weights[key.slice('shnsu.weight.'.length) as ContextFactor];
      return c[key as keyof Criteria] as CellValue;
  }
}

/** What the settings tab calls the district's own criteria (the command line's `custom`). */
export const CUSTOM_PRESET_TITLE = 'Свой набор района';

/**
 * A preset as the settings tab names it: its name without commas, since a spreadsheet's list of choices
 * (a dropdown) is written with commas between them («Новокузнецк 2020»).
 */
export function presetTitle(id: string): string {
  if (id === 'custom') return CUSTOM_PRESET_TITLE;
  const p = findPreset(id);
  return p ? p.name.replace(/,\s*/g, ' ') : id;
}

/** Every preset's title, then the district's own: the dropdown of the settings tab. */
export function presetTitles(): string[] {
  return [...PRESETS.map((p) => presetTitle(p.id)), CUSTOM_PRESET_TITLE];
}

/** The id of a preset named by its title, its name or its id (as older tabs and the command line write it). */
export function presetIdOf(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === 'custom' || t === CUSTOM_PRESET_TITLE.toLowerCase()) return 'custom';
  for (const p of PRESETS) if ([p.id, p.name, presetTitle(p.id)].some((x) => x.toLowerCase() === t)) return p.id;
  return null;
}

/** The tab's rows, header first. */
export function settingsToRows(s: Settings): CellValue[][] {
  return [SETTINGS_HEADER, ...SETTINGS_FIELDS.map((f) => [f.label, valueOf(s, f.key), f.hint])];
}

export interface SettingsProblem {
  /** The parameter (`threshold`, `rule1.minLow`, …, `preset`, `rules`). */
  field: string;
  /** 1-based row of the tab, when the problem is in one row. */
  row: number | null;
  /** «Лист «Настройки ШНОР», строка 3 («Порог доли «2», %»): «abc» — не число.» */
  message: string;
}

/** A parameter the tab lacks (no row) or leaves empty, and what is used instead. */
export interface SettingDefault {
  field: string;
  label: string;
  /** 1-based row of an empty cell; null when the tab has no row for the parameter. */
  row: number | null;
  /** What is used instead, as the tab would show it («Новокузнецк, 2020», «30», «все процедуры»). */
  used: string;
}

export interface SettingsReading {
  settings: Settings;
  problems: SettingsProblem[];
  /** Every parameter taken by default because the tab lacks it or leaves it empty. */
  defaults: SettingDefault[];
}

/** What an empty cell of these parameters means, in words (their hints say so too). */
const EMPTY_MEANS: Partial<Record<string, string>> = {
  procedures: 'все процедуры',
  referenceYear: 'последний год в данных',
  methodologists: 'только владелец книги',
};

/** The defaults as sentences: «Набор критериев» (строка 2) пуст — взято по умолчанию: «…». */
export function defaultsText(defaults: readonly SettingDefault[]): string[] {
  return defaults.map((d) =>
    d.row === null
      ? `На вкладке «${SETTINGS_SHEET}» нет строки «${d.label}» — взято по умолчанию: ${d.used}.`
      : `Вкладка «${SETTINGS_SHEET}», строка ${d.row}: «${d.label}» не заполнено — взято по умолчанию: ${d.used}.`,
  );
}

/** When the book has no settings tab: every parameter is the default, in one sentence. */
export function noSettingsTabSentence(presetId: string): string {
  return `Вкладки «${SETTINGS_SHEET}» нет: все параметры взяты по умолчанию (набор критериев «${presetTitle(presetId)}»).`;
}

/** The defaults in one sentence for the справка and the check's message; '' when there are none. */
export function defaultsSentence(defaults: readonly SettingDefault[]): string {
  if (defaults.length === 0) return '';
  const items = defaults.map((d) => `«${d.label}» — ${d.used}${d.row === null ? ' (строки нет)' : ''}`);
  return `Не заданы на вкладке «${SETTINGS_SHEET}» и взяты по умолчанию: ${items.join('; ')}.`;
}

const YES = new Set(['да', 'yes', 'true', 'истина', '1', '+', 'вкл']);
const NO = new Set(['нет', 'no', 'false', 'ложь', '0', '-', 'выкл']);

/**
 * Reads the tab back. Rows are found by their label, so a methodologist may reorder them or add notes;
 * a missing row keeps the preset's value. Every value that cannot be read is named with its row.
 */
export function settingsFromRows(rows: CellValue[][], now: Date = new Date()): SettingsReading {
  const problems: SettingsProblem[] = [];
  const byLabel = new Map<string, { value: CellValue; row: number }>();
  rows.forEach((r, i) => {
    const label = normalizeHeader(r[0]);
    if (label === '') return;
    const earlier = byLabel.get(label);
    if (earlier === undefined) byLabel.set(label, { value: r[1] ?? null, row: i + 1 });
    else {
      // Which of two rows was meant is not for the program to guess.
      const f = SETTINGS_FIELDS.find((x) => normalizeHeader(x.label) === label);
      problems.push({
        field: f?.key ?? label,
        row: i + 1,
        message: `Лист «${SETTINGS_SHEET}», строки ${earlier.row} и ${i + 1}: параметр «${String(r[0]).trim()}» указан дважды — оставьте одну строку.`,
      });
    }
  });
  const find = (f: Field) => byLabel.get(normalizeHeader(f.label));
  const where = (f: Field, row: number) => `Лист «${SETTINGS_SHEET}», строка ${row} («${f.label}»)`;

  const presetField = SETTINGS_FIELDS[0] as Field;
  const presetCell = find(presetField);
  const presetText = String(presetCell?.value ?? '').trim();
  // Parameters without a value of their own: named afterwards with the value that stands in.
  const unset: Array<{ f: Field; row: number | null }> = [];
  if (presetText === '') unset.push({ f: presetField, row: presetCell?.row ?? null });
  let presetId = presetText === '' ? DEFAULT_PRESET_ID : (presetIdOf(presetText) ?? presetText);
  if (presetId !== 'custom' && !findPreset(presetId)) {
    problems.push({
      field: 'preset',
      row: presetCell?.row ?? null,
      message: `${where(presetField, presetCell?.row ?? 0)}: нет набора «${presetId}»; взят «${presetTitle(DEFAULT_PRESET_ID)}».`,
    });
    presetId = DEFAULT_PRESET_ID;
  }
  const s: Settings = {
    criteria: presetCriteria(presetId === 'custom' ? DEFAULT_PRESET_ID : presetId),
    resultSheet: DEFAULT_RESULT_SHEET,
    dynamicsThreshold: DEFAULT_DYNAMICS_THRESHOLD,
    shnsu: defaultContextSettings(),
    objectivity: defaultObjectivitySettings(),
    tasks: defaultTaskSettings(),
  };
  s.criteria.preset = presetId;
  const c = s.criteria;
  const shnsu = s.shnsu as ContextSettings;
  const objectivity = s.objectivity as ObjectivitySettings;

  for (const f of SETTINGS_FIELDS.slice(1)) {
    const cell = find(f);
    if (!cell) {
      unset.push({ f, row: null });
      continue;
    }
    const raw = cell.value;
    const text = raw === null || raw === undefined ? '' : String(raw).trim();
    if (text === '' && (f.key in EMPTY_MEANS || f.kind === 'text')) unset.push({ f, row: cell.row });
    const fail = (msg: string) => problems.push({ field: f.key, row: cell.row, message: `${where(f, cell.row)}: «${text}» — ${msg}` });
    if (f.key.startsWith('shnsu.') || f.key.startsWith('objectivity.')) {
      readBeyond(f, raw, text, shnsu, objectivity, fail);
      continue;
    }
    switch (f.kind) {
      case 'bool': {
        const t = text.toLowerCase();
        const v = raw === true || YES.has(t) ? true : raw === false || NO.has(t) ? false : null;
        if (v === null) fail('нужно «да» или «нет».');
        else if (f.key === 'inclusive') c.inclusive = v;
        else if (f.key === 'rule1.enabled') c.rule1.enabled = v;
        else if (f.key === 'rule2.enabled') c.rule2.enabled = v;
        else if (f.key === 'rule2.sameProcedure') c.rule2.sameProcedure = v;
        break;
      }
      case 'number':
      case 'integer': {
        const p = parseNumberCell(raw);
        if (p.kind !== 'number') fail('не число.');
        else if (f.kind === 'integer' && !Number.isInteger(p.value)) fail('нужно целое число.');
        else if (f.key === 'threshold') c.threshold = p.value;
        else if (f.key === 'rule1.minLow') c.rule1.minLow = p.value;
        else if (f.key === 'rule2.years') c.rule2.years = p.value;
        else if (f.key === 'minParticipants') c.minParticipants = p.value;
        else if (f.key === 'tasks.weakMargin') (s.tasks as TaskSettings).weakMargin = p.value;
        else if (f.key === 'dynamicsThreshold') {
          if (p.value <= 0 || p.value > 100) fail('нужно число больше 0 и не больше 100.');
          else s.dynamicsThreshold = p.value;
        }
        break;
      }
      case 'year': {
        if (text === '') c.referenceYear = null;
        else if (/^\d{4}$/.test(text) && Number(text) > moscowYear(now))
          fail(`год ещё не наступил (сегодня ${moscowYear(now)} год): годом отсчёта может быть только прошедший или текущий.`);
        else if (/^\d{4}$/.test(text)) c.referenceYear = Number(text);
        else fail('нужен год из четырёх цифр или пустая ячейка.');
        break;
      }
      case 'procedures':
        c.procedures =
          text === ''
            ? []
            : text
                .split(/[;\n]+/)
                .map((x) => x.trim())
                .filter((x) => x !== '');
        break;
      case 'combine': {
        const t = text.toLowerCase();
        if (t === 'или' || t === 'or') c.combine = 'OR';
        else if (t === 'и' || t === 'and') c.combine = 'AND';
        else fail('нужно «или» либо «и».');
        break;
      }
      case 'text':
        if (text !== '') s.resultSheet = text;
        break;
      case 'emails': {
        const { emails, bad } = parseEmails(text);
        if (bad.length > 0) fail(`не адрес электронной почты: ${bad.map((b) => `«${b}»`).join(', ')}.`);
        else s.methodologists = emails;
        break;
      }
      default:
        break;
    }
  }
  const seen = new Set(problems.map((p) => p.field));
  for (const i of criteriaIssues(c)) {
    if (seen.has(i.field)) continue;
    const f = SETTINGS_FIELDS.find((x) => x.key === i.field);
    const cell = f ? find(f) : undefined;
    problems.push({
      field: i.field,
      row: cell?.row ?? null,
      message: `Лист «${SETTINGS_SHEET}»${cell ? `, строка ${cell.row}` : ''}: ${i.message}`,
    });
  }
  if (s.resultSheet.trim() === '') problems.push({ field: 'resultSheet', row: null, message: 'Не указан лист с результатами.' });
  for (const i of [
    ...contextSettingsIssues(shnsu),
    ...objectivitySettingsIssues(objectivity),
    ...taskSettingsIssues(s.tasks as TaskSettings),
  ]) {
    if (seen.has(i.field)) continue;
    const f = SETTINGS_FIELDS.find((x) => x.key === i.field);
    const cell = f ? find(f) : undefined;
    problems.push({
      field: i.field,
      row: cell?.row ?? null,
      message: `Лист «${SETTINGS_SHEET}»${cell ? `, строка ${cell.row}` : ''}${f ? ` («${f.label}»)` : ''}: ${i.message}`,
    });
  }
  const shown = new Map(settingsToRows(s).map((r) => [r[0], r[1]]));
  // An empty cell the tab of the preset leaves empty too («Год отсчёта», the methodologists) is a choice, not a gap.
  const blank = (v: CellValue | undefined) => v === null || v === undefined || String(v).trim() === '';
  const preset = { ...s, criteria: presetCriteria(presetId === 'custom' ? DEFAULT_PRESET_ID : presetId), methodologists: undefined };
  const usual = new Map(settingsToRows(preset).map((r) => [r[0], r[1]]));
  const defaults = unset
    .filter((u) => !problems.some((p) => p.field === u.f.key))
    .filter((u) => u.row === null || u.f.key === 'preset' || !blank(usual.get(u.f.label)))
    .map(({ f, row }): SettingDefault => {
      const value = shown.get(f.label);
      const empty = value === null || value === undefined || String(value).trim() === '';
      const used = empty ? (EMPTY_MEANS[f.key] ?? 'не задано') : f.key === 'preset' ? `«${presetTitle(presetId)}»` : `«${String(value)}»`;
      return { field: f.key, label: f.label, row, used };
    });
  return { settings: s, problems, defaults };
}

/** The ШНСУ and objectivity rows of the tab. */
function readBeyond(
  f: Field,
  raw: CellValue,
  text: string,
  shnsu: ContextSettings,
  objectivity: ObjectivitySettings,
  fail: (msg: string) => void,
): void {
  if (f.kind === 'bool') {
    const t = text.toLowerCase();
    const v = raw === true || YES.has(t) ? true : raw === false || NO.has(t) ? false : null;
    if (v === null) fail('нужно «да» или «нет».');
    else if (f.key === 'objectivity.countMarked') objectivity.countMarked = v;
    return;
  }
  if (f.kind === 'choice') {
    const t = normalizeHeader(text) as keyof typeof CUTOFF_MODES;
    if (!(t in CUTOFF_MODES))
      fail(
        `нужно ${Object.keys(CUTOFF_MODES)
          .map((x) => `«${x}»`)
          .join(' или ')}.`,
      );
    else shnsu.cutoff.mode = CUTOFF_MODES[t];
    return;
  }
  const p = parseNumberCell(raw);
  if (p.kind !== 'number') {
    fail('не число.');
    return;
  }
  if (f.key.startsWith('shnsu.weight.')) shnsu.weights[f.key.slice('shnsu.weight.'.length) as ContextFactor] = p.value;
  else if (f.key === 'shnsu.cutoff') shnsu.cutoff.value = p.value;
  else if (f.key === 'objectivity.raisedMax') objectivity.raisedMax = p.value;
  else if (f.key === 'objectivity.confirmedMin') objectivity.confirmedMin = p.value;
  else if (f.key === 'objectivity.highExcess') objectivity.highExcess = p.value;
}

/** Whether criteria still equal their preset (otherwise the tab says «custom»). */
export function matchesPreset(c: Criteria): boolean {
  const p = findPreset(c.preset);
  if (!p) return false;
  return JSON.stringify({ ...p.criteria, preset: '' }) === JSON.stringify({ ...c, preset: '' });
}

/**
 * The fields a criteria preset sets: choosing a preset in the sidebar keeps every other field as it is, and
 * the command line's --preset and --threshold stand in for these rows of the settings tab.
 */
export const CRITERIA_FIELDS: ReadonlySet<string> = new Set([
  'preset',
  'threshold',
  'inclusive',
  'procedures',
  'referenceYear',
  'rule1.enabled',
  'rule1.minLow',
  'rule2.enabled',
  'rule2.years',
  'rule2.sameProcedure',
  'combine',
  'minParticipants',
]);
