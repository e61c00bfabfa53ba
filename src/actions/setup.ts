/**
 * «Подготовить рабочую книгу района»: creates the add-on's tabs that are missing and repairs what is
 * missing in those that exist — header cells, notes, validation, number formats, frozen header rows —
 * without deleting or overwriting anything a person wrote:
 * - a header cell a person changed is kept: columns are found by forgiving headers (core/registry), a
 *   column that cannot be found is added after the last one, and headers the add-on does not know are
 *   reported as the district's own columns;
 * - a note, validation or number format a person set on a column is kept; only empty ones are filled;
 * - frozen rows are only ever raised to cover the header;
 * - tabs that exist and are generated (итоги, показатели, справочник) or the district's data (results)
 *   and the roadmap tabs are left as they are.
 * Everything is read and decided first; the writes follow, so a failure while reading writes nothing,
 * and a second run finds nothing to do and writes nothing.
 */
import { PRESETS } from '../core/criteria';
import { JOURNAL_COLUMNS, JOURNAL_HEADER, JOURNAL_SHEET } from '../core/journal';
import { parseRegistry, REGISTRY_COLUMNS, REGISTRY_SHEET, type RegistryColumn, SCHOOL_KINDS } from '../core/registry';
import { isRoadmapSheet } from '../core/roles';
import { defaultSettings, SETTINGS_FIELDS, SETTINGS_SHEET, settingsToRows } from '../core/settings';
import { type CellValue, columnLetter, normalizeHeader } from '../core/text';
import { ensureJournal } from '../workbook/audited';
import type { Range, SheetLayout, Validation, Workbook } from '../workbook/port';
import { findResultSheet, SUMMARY_SHEET } from './analyze';
import { CATALOGUE_SHEET, writeCatalogue } from './catalogue';
import { buildIndicators, INDICATORS_SHEET } from './indicators';
import { type ProtectionOutcome, refreshProtection } from './protection';
import { loadSettings, writeSettings } from './settings';
import { toasting } from './toast';

export const SETUP_TITLE = 'Подготовить рабочую книгу района';

/** Rows of the registry that get validation and formats: at least this many, and always 500 beyond the data. */
const VALIDATION_ROWS = 1000;

/** The first columns of the wide result layout, for a new, empty result sheet. */
export const RESULT_TEMPLATE: ReadonlyArray<{ header: string; note: string; width: number }> = [
  { header: 'Территория', note: 'Муниципалитет или населённый пункт школы.', width: 140 },
  { header: 'Название ОО', note: 'Название школы, как в ФИС ОКО.', width: 260 },
  {
    header: 'Логин ОО',
    note: 'Логин ОО в ФИС ОКО (sch и шесть цифр): по нему школа связывается с реестром «Школы» и с прошлыми годами.',
    width: 110,
  },
];
const RESULT_TEMPLATE_NEXT_NOTE =
  'Дальше — по группе столбцов на процедуру и год: в строке 1 объединённая ячейка «ВПР МА 5 2026», в строке 2 под ней « % 2» и «% Выс. рез-тов». Или в одной строке: «ВПР МА 5 2026 % 2».';

export interface SetupOutcome {
  kind: 'done';
  created: string[];
  repaired: string[];
  /** What a person should know: tabs left alone, columns of the district's own, what could not be repaired. */
  notes: string[];
  protection: ProtectionOutcome | null;
  message: string;
}

type Op = () => void;

/** The validation of a login cell: empty, or one of the three prefixes and six digits (core/login). */
const loginFormula = (a: string) =>
  `=OR(${a}="",AND(OR(LEFT(${a},3)="sch",LEFT(${a},3)="edu",LEFT(${a},3)="ksh"),LEN(${a})=9,ISNUMBER(VALUE(MID(${a},4,6)))))`;

/** A validation rule for a registry column's data cells; `top` is the 1-based first data row. */
function registryRule(c: RegistryColumn, col: number, top: number): Validation | null {
  const a = `${columnLetter(col)}${top}`;
  switch (c.type) {
    case 'login':
      return {
        kind: 'formula',
        formula: loginFormula(a),
        help: 'Логин ОО в ФИС ОКО: edu (до 2022 года sch, у некоторых школ ksh) и шесть цифр, например edu771001.',
        strict: false,
      };
    case 'kind':
      return { kind: 'list', values: [...SCHOOL_KINDS], strict: false };
    case 'place':
      return { kind: 'list', values: ['город', 'село'], strict: true };
    case 'yesno':
      return { kind: 'list', values: ['да', 'нет'], strict: true };
    case 'count':
      return { kind: 'number', min: 0, max: 100000, integer: true };
    case 'percent':
      return { kind: 'number', min: 0, max: 100 };
    default:
      return null;
  }
}

const REGISTRY_FORMATS: Partial<Record<RegistryColumn['type'], string>> = { login: '@', count: '0', percent: '0.0' };
const REGISTRY_WIDTHS: Record<RegistryColumn['type'], number> = {
  login: 110,
  text: 220,
  kind: 90,
  place: 90,
  yesno: 110,
  count: 110,
  percent: 130,
  risks: 320,
  emails: 260,
};

const isBlank = (v: CellValue) => v === null || v === undefined || String(v).trim() === '';
const emptyGrid = (values: CellValue[][]) => values.every((r) => r.every(isBlank));

/** Notes for the cells of one row that have none; people's notes stay. One setNotes over the span, or none. */
function fillNotes(wb: Workbook, sheet: string, row: number, existing: string[], wanted: Map<number, string>): Op | null {
  const cols = [...wanted].filter(([c]) => (existing[c] ?? '') === '').map(([c]) => c);
  if (cols.length === 0) return null;
  const from = Math.min(...cols);
  const to = Math.max(...cols);
  const block = Array.from({ length: to - from + 1 }, (_, i) => {
    const c = from + i;
    return cols.includes(c) ? (wanted.get(c) as string) : (existing[c] ?? '');
  });
  return () => wb.setNotes(sheet, row, from, [block]);
}

/** Validation and number formats of a column, only where its first data cell has none. */
function fillColumnFormats(
  wb: Workbook,
  sheet: string,
  layout: SheetLayout | null,
  col: number,
  data: Range,
  rule: Validation | null,
  format: string | undefined,
): Op[] {
  const ops: Op[] = [];
  const validation = layout ? (layout.validations[1]?.[col] ?? null) : null;
  const current = layout ? (layout.numberFormats[1]?.[col] ?? '') : '';
  if (rule && validation === null) ops.push(() => wb.setValidation(sheet, { ...data, col }, rule));
  if (format && current === '') ops.push(() => wb.setNumberFormat(sheet, { ...data, col }, format));
  return ops;
}

function planRegistry(wb: Workbook, names: string[], out: SetupOutcome, ops: Op[]): void {
  const exists = names.includes(REGISTRY_SHEET);
  const values = exists ? wb.readSheet(REGISTRY_SHEET).values : [];
  if (!exists || emptyGrid(values)) {
    const data = { row: 1, col: 0, rows: Math.max(VALIDATION_ROWS, values.length + 500), cols: 1 };
    ops.push(() => {
      if (!exists) wb.ensureSheet(REGISTRY_SHEET);
      wb.writeBlock(REGISTRY_SHEET, 0, 0, [REGISTRY_COLUMNS.map((c) => c.header)]);
      wb.setNotes(REGISTRY_SHEET, 0, 0, [REGISTRY_COLUMNS.map((c) => c.note)]);
      wb.setFontWeights(REGISTRY_SHEET, 0, 0, [REGISTRY_COLUMNS.map(() => 'bold')]);
      wb.freeze(REGISTRY_SHEET, 1, 2);
      wb.setColumnWidths(
        REGISTRY_SHEET,
        0,
        REGISTRY_COLUMNS.map((c) => REGISTRY_WIDTHS[c.type]),
      );
    });
    REGISTRY_COLUMNS.forEach((c, col) =>
      ops.push(...fillColumnFormats(wb, REGISTRY_SHEET, null, col, data, registryRule(c, col, 2), REGISTRY_FORMATS[c.type])),
    );
    (exists ? out.repaired : out.created).push(REGISTRY_SHEET);
    return;
  }
  const registry = parseRegistry({ sheet: REGISTRY_SHEET, values });
  if (registry.headerRow < 0) {
    out.notes.push(
      `Лист «${REGISTRY_SHEET}» заполнен, но в первых 10 строках нет столбца «Логин»: лист не изменён. Добавьте столбец «Логин» (ключ школы) и запустите подготовку снова.`,
    );
    return;
  }
  const h = registry.headerRow;
  const header = values[h] ?? [];
  let next = header.length;
  while (next > 0 && isBlank(header[next - 1])) next--;
  const col: Partial<Record<RegistryColumn['key'], number>> = { ...registry.columns };
  const added: RegistryColumn[] = [];
  for (const c of REGISTRY_COLUMNS) {
    if (col[c.key] !== undefined) continue;
    col[c.key] = next + added.length;
    added.push(c);
  }
  const ours = new Set(Object.values(col));
  const foreign = header.map((v, i) => ({ v, i })).filter(({ v, i }) => !isBlank(v) && !ours.has(i));
  if (foreign.length > 0)
    out.notes.push(
      `«${REGISTRY_SHEET}»: столбцы района ${foreign.map(({ v, i }) => `${columnLetter(i)} «${String(v).trim()}»`).join(', ')} надстройка не ведёт и оставляет как есть.`,
    );
  const width = Math.max(header.length, next + added.length);
  const layout = wb.readLayout(REGISTRY_SHEET, { row: h, col: 0, rows: 2, cols: width });
  const before = ops.length;
  if (added.length > 0) {
    ops.push(() => wb.writeBlock(REGISTRY_SHEET, h, next, [added.map((c) => c.header)]));
    ops.push(() => wb.setFontWeights(REGISTRY_SHEET, h, next, [added.map(() => 'bold')]));
    out.notes.push(
      `«${REGISTRY_SHEET}»: добавлены столбцы ${added.map((c) => `«${c.header}» (${columnLetter(col[c.key] as number)})`).join(', ')}.`,
    );
  }
  const notes = fillNotes(
    wb,
    REGISTRY_SHEET,
    h,
    layout.notes[0] ?? [],
    new Map(REGISTRY_COLUMNS.map((c) => [col[c.key] as number, c.note])),
  );
  if (notes) ops.push(notes);
  if (layout.frozen.rows < h + 1) ops.push(() => wb.freeze(REGISTRY_SHEET, h + 1, layout.frozen.cols));
  const data = { row: h + 1, col: 0, rows: Math.max(VALIDATION_ROWS, values.length - h - 1 + 500), cols: 1 };
  for (const c of REGISTRY_COLUMNS) {
    const at = col[c.key] as number;
    ops.push(...fillColumnFormats(wb, REGISTRY_SHEET, layout, at, data, registryRule(c, at, h + 2), REGISTRY_FORMATS[c.type]));
  }
  if (ops.length > before) out.repaired.push(REGISTRY_SHEET);
}

function planSettings(wb: Workbook, names: string[], out: SetupOutcome, ops: Op[]): void {
  const yearRule: Validation = { kind: 'number', min: 2000, max: 2100, integer: true };
  const yearLabel = SETTINGS_FIELDS.find((f) => f.key === 'referenceYear')?.label ?? '';
  const presetLabel = SETTINGS_FIELDS[0]?.label ?? '';
  if (!names.includes(SETTINGS_SHEET)) {
    const rows = settingsToRows(defaultSettings());
    const yearRow = rows.findIndex((r) => r[0] === yearLabel);
    ops.push(() => {
      writeSettings(wb, defaultSettings());
      wb.setValidation(SETTINGS_SHEET, { row: yearRow, col: 1, rows: 1, cols: 1 }, yearRule);
    });
    out.created.push(SETTINGS_SHEET);
    return;
  }
  const values = wb.readSheet(SETTINGS_SHEET).values;
  const labels = values.map((r) => normalizeHeader(r[0]));
  const wanted = settingsToRows(defaultSettings()).slice(1);
  const missing = wanted.filter((r) => !labels.includes(normalizeHeader(r[0])));
  const before = ops.length;
  if (missing.length > 0) {
    ops.push(() => wb.writeBlock(SETTINGS_SHEET, values.length, 0, missing));
    out.notes.push(`«${SETTINGS_SHEET}»: добавлены строки ${missing.map((r) => `«${String(r[0])}»`).join(', ')} (значения по умолчанию).`);
  }
  const rowOf = (label: string) => {
    const i = labels.indexOf(normalizeHeader(label));
    return i >= 0 ? i : values.length + missing.findIndex((r) => r[0] === label);
  };
  const height = values.length + missing.length;
  const layout = wb.readLayout(SETTINGS_SHEET, { row: 0, col: 1, rows: Math.max(height, 1), cols: 1 });
  const presetRow = rowOf(presetLabel);
  const yearRow = rowOf(yearLabel);
  if (presetRow >= 0 && (layout.validations[presetRow]?.[0] ?? null) === null) {
    ops.push(() =>
      wb.setValidation(SETTINGS_SHEET, { row: presetRow, col: 1, rows: 1, cols: 1 }, { kind: 'list', values: presetIds(), strict: false }),
    );
  }
  if (yearRow >= 0 && (layout.validations[yearRow]?.[0] ?? null) === null)
    ops.push(() => wb.setValidation(SETTINGS_SHEET, { row: yearRow, col: 1, rows: 1, cols: 1 }, yearRule));
  if (layout.frozen.rows < 1) ops.push(() => wb.freeze(SETTINGS_SHEET, 1, layout.frozen.cols));
  if (ops.length > before) out.repaired.push(SETTINGS_SHEET);
}

const presetIds = () => [...PRESETS.map((p) => p.id), 'custom'];

function planResults(wb: Workbook, names: string[], out: SetupOutcome, ops: Op[]): void {
  const { settings } = loadSettings(wb, names);
  const sheet = settings.resultSheet;
  if (names.includes(sheet)) return;
  const found = findResultSheet(wb, names, sheet);
  if (!('error' in found)) {
    const where = 'candidates' in found ? found.candidates.join('», «') : found.grid.sheet;
    out.notes.push(`Результаты — на листе «${where}»; лист «${sheet}» не создан.`);
    return;
  }
  const top = 3;
  const loginCol = RESULT_TEMPLATE.length - 1;
  const a = `${columnLetter(loginCol)}${top}`;
  ops.push(() => {
    wb.ensureSheet(sheet);
    wb.writeBlock(sheet, 0, 0, [RESULT_TEMPLATE.map((c) => c.header)]);
    wb.setNotes(sheet, 0, 0, [[...RESULT_TEMPLATE.map((c) => c.note), RESULT_TEMPLATE_NEXT_NOTE]]);
    wb.setFontWeights(sheet, 0, 0, [RESULT_TEMPLATE.map(() => 'bold')]);
    wb.freeze(sheet, 2, RESULT_TEMPLATE.length);
    wb.setColumnWidths(
      sheet,
      0,
      RESULT_TEMPLATE.map((c) => c.width),
    );
    wb.setNumberFormat(sheet, { row: 2, col: loginCol, rows: VALIDATION_ROWS, cols: 1 }, '@');
    wb.setValidation(
      sheet,
      { row: 2, col: loginCol, rows: VALIDATION_ROWS, cols: 1 },
      {
        kind: 'formula',
        formula: loginFormula(a),
        help: 'Логин ОО в ФИС ОКО: edu, sch или ksh и шесть цифр.',
        strict: false,
      },
    );
  });
  out.created.push(sheet);
}

/** Whether a tab is there, also under the name an .xlsx file gives it («ШНОР — итоги» for «ШНОР: итоги»). */
const present = (names: string[], name: string) => names.includes(name) || names.includes(name.replace(/\s*:\s*/g, ' — '));

function planSummary(wb: Workbook, names: string[], out: SetupOutcome, ops: Op[]): void {
  if (present(names, SUMMARY_SHEET)) return;
  ops.push(() => {
    wb.ensureSheet(SUMMARY_SHEET);
    wb.writeBlock(SUMMARY_SHEET, 0, 0, [
      ['Итоги проверки по критериям ШНОР'],
      ['Заполняется пунктом меню «ШНОР → Проверить школы по критериям»; вкладку ведёт надстройка, правки в ней не сохраняются.'],
    ]);
    wb.setFontWeights(SUMMARY_SHEET, 0, 0, [['bold']]);
  });
  out.created.push(SUMMARY_SHEET);
}

function planJournal(wb: Workbook, names: string[], out: SetupOutcome, ops: Op[]): void {
  if (!names.includes(JOURNAL_SHEET)) {
    ops.push(() => ensureJournal(wb));
    out.created.push(JOURNAL_SHEET);
    return;
  }
  const values = wb.readSheet(JOURNAL_SHEET).values;
  const header = values[0] ?? [];
  const layout = wb.readLayout(JOURNAL_SHEET, { row: 0, col: 0, rows: 1, cols: JOURNAL_HEADER.length });
  const before = ops.length;
  const blanks = JOURNAL_HEADER.map((h, i) => (isBlank(header[i]) ? i : -1)).filter((i) => i >= 0);
  const changed = JOURNAL_HEADER.map((h, i) => ({ h, i, v: header[i] })).filter(
    ({ h, v }) => !isBlank(v) && normalizeHeader(v) !== normalizeHeader(h),
  );
  if (blanks.length > 0) {
    const from = Math.min(...blanks);
    const to = Math.max(...blanks);
    const block = JOURNAL_HEADER.slice(from, to + 1).map((h, j) => (blanks.includes(from + j) ? h : (header[from + j] ?? null)));
    ops.push(() => wb.writeBlock(JOURNAL_SHEET, 0, from, [block]));
  }
  for (const { h, i, v } of changed)
    out.notes.push(`«${JOURNAL_SHEET}», ${columnLetter(i)}1: «${String(v)}» вместо «${h}» — заголовок оставлен как есть.`);
  const notes = fillNotes(wb, JOURNAL_SHEET, 0, layout.notes[0] ?? [], new Map(JOURNAL_COLUMNS.map((c, i) => [i, c.note])));
  if (notes) ops.push(notes);
  if (layout.frozen.rows < 1) ops.push(() => wb.freeze(JOURNAL_SHEET, 1, layout.frozen.cols));
  if (ops.length > before) out.repaired.push(JOURNAL_SHEET);
}

/**
 * Prepares the district workbook. With `protect` (the default), protection is refreshed afterwards
 * when there are methodologists to name; a file (the CLI) has none, and gets no protection.
 */
export function setupWorkbook(wb: Workbook, options: { protect?: boolean; stop?: () => boolean } = {}): SetupOutcome {
  return toasting(
    wb,
    'Готовлю рабочую книгу района…',
    () => 'Рабочая книга района готова.',
    () => setupRun(wb, options),
  );
}

function setupRun(wb: Workbook, options: { protect?: boolean; stop?: () => boolean }): SetupOutcome {
  const out: SetupOutcome = { kind: 'done', created: [], repaired: [], notes: [], protection: null, message: '' };
  const ops: Op[] = [];
  const names = wb.sheetNames();
  planRegistry(wb, names, out, ops);
  planResults(wb, names, out, ops);
  planSettings(wb, names, out, ops);
  planSummary(wb, names, out, ops);
  if (!names.includes(INDICATORS_SHEET)) {
    ops.push(() => {
      const r = buildIndicators(wb, { template: 'computed' });
      if (r.kind === 'failed') out.notes.push(`«${INDICATORS_SHEET}» не создана: ${r.message}`);
    });
    out.created.push(INDICATORS_SHEET);
    out.notes.push(
      `«${INDICATORS_SHEET}» начата с шаблона рассчитываемых показателей; другой шаблон — удалите вкладку и выберите его в «Построить вкладку показателей».`,
    );
  }
  if (!names.includes(CATALOGUE_SHEET)) {
    ops.push(() => void writeCatalogue(wb));
    out.created.push(CATALOGUE_SHEET);
  }
  planJournal(wb, names, out, ops);
  const roadmaps = names.filter(isRoadmapSheet);
  if (roadmaps.length > 0) out.notes.push(`Дорожные карты (${roadmaps.length}) не изменялись.`);

  for (const op of ops) op();

  if (options.protect !== false) {
    const p = refreshProtection(wb, options.stop);
    out.protection = p;
    if (p.kind === 'failed') out.notes.push(p.message);
  }
  const parts = [
    out.created.length > 0 ? `Созданы листы: ${out.created.map((s) => `«${s}»`).join(', ')}.` : '',
    out.repaired.length > 0 ? `Дополнены: ${out.repaired.map((s) => `«${s}»`).join(', ')}.` : '',
    out.created.length + out.repaired.length === 0 ? 'Все листы надстройки на месте, исправлять нечего.' : '',
    out.protection?.kind === 'done' ? out.protection.message.split('\n')[0] : '',
    ...out.notes,
  ];
  out.message = parts.filter((p) => p !== '').join('\n');
  return out;
}

/** The registry tab with its header, notes and validation (created or repaired); used before filling it. */
export function ensureRegistry(wb: Workbook, names: string[] = wb.sheetNames()): string[] {
  const out: SetupOutcome = { kind: 'done', created: [], repaired: [], notes: [], protection: null, message: '' };
  const ops: Op[] = [];
  planRegistry(wb, names, out, ops);
  for (const op of ops) op();
  return out.notes;
}
