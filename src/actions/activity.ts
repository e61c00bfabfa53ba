/**
 * «Добавить мероприятие…» and «Изменить мероприятие…»: the activity form's data (blocks, catalogue
 * suggestions, schools of the registry, roadmap tabs and periods, statuses), loading a selected roadmap
 * row into it, and saving: a new row at the end of its block's section on the roadmap tab of every
 * chosen school (the tab is created when missing), or the loaded row updated in place.
 *
 * A save reads and writes in one function (`saveActivity`), which the add-on runs under the document
 * lock: two people saving at once are served one after the other and both rows land. The whole save is
 * computed first (`planActivity`), then written (`applyActivity`).
 */
import { loginKey } from '../core/login';
import {
  ACTIVITY_LIMITS,
  type ActivityField,
  type ActivityForm,
  type ActivityValue,
  blockKey,
  checkActivity,
  currentSchoolYear,
  emptyActivityForm,
  parsePeriodValue,
  periodValue,
  placeActivity,
  rowTexts,
} from '../core/activity';
import { CATALOGUE, levelWords } from '../core/catalogue';
import { type CatalogueKey, headerKey } from '../core/catalogue-tab';
import { parseRegistry, REGISTRY_SHEET } from '../core/registry';
import {
  DISTRICT_OWNER,
  isoToDate,
  parseRoadmap,
  periodLabel,
  periodTabLabel,
  ROADMAP_COLUMN,
  ROADMAP_COLUMNS,
  ROADMAP_FIRST_ROW,
  ROADMAP_HEADER_ROW,
  ROADMAP_PREFIX,
  ROADMAP_STATUSES,
  roadmapSheetName,
  type RoadmapMeta,
  shortSchoolName,
} from '../core/roadmap-sheet';
import { schoolYear, type Period } from '../core/terms';
import { type CellValue, normalizeHeader, plural } from '../core/text';
import type { Workbook } from '../workbook/port';
import { CATALOGUE_SHEET } from './catalogue';
import { type WriteTarget, writeRefusal } from './protection';
import { tabNamesOf, tabUnderOldName } from './roadmap-find';
import { layoutRoadmapTab, ROADMAP_COLORS } from './roadmap-tab';

/** A catalogue activity offered as the user types: picking it fills the other fields. */
export interface Suggestion {
  code: string;
  block: string;
  activity: string;
  term: string;
  responsible: string;
  result: string;
  document: string;
  /** 'район', 'школа' or 'район и школа'. */
  level: string;
}

export interface RoadmapTabInfo {
  sheet: string;
  /** Who it is for, as the tab name says: «СОШ № 5», «район». */
  who: string;
  /** «2026/27». */
  label: string;
}

/** The row the form edits, and what it held when loaded (compared again before the save). */
export interface ActivityOriginal {
  sheet: string;
  /** 1-based. */
  row: number;
  cells: string[];
}

export interface LoadedActivity {
  form: ActivityForm;
  original: ActivityOriginal;
  /** For the form's header: «СОШ № 5 (sch771005)», «район»; and the period. */
  owner: string;
  periodLabel: string;
  number: string;
}

export type LoadResult = { ok: true; loaded: LoadedActivity } | { ok: false; message: string };

export interface ActivityView {
  /** The longest text of each field (the form checks as the user types; the server checks again). */
  limits: Record<string, number>;
  blocks: string[];
  suggestions: Suggestion[];
  schools: Array<{ login: string; name: string }>;
  roadmaps: RoadmapTabInfo[];
  periods: Array<{ value: string; label: string }>;
  defaultPeriod: string;
  statuses: string[];
  responsibles: string[];
  /** What could not be read (no registry, a registry problem), for the form's notice. */
  problems: string[];
  /** The row to edit, when the form opens for one. */
  load: LoadResult | null;
}

export type ActivitySaveForm = ActivityForm & { original?: ActivityOriginal | null };

export interface ActivitySaveResult {
  ok: boolean;
  message: string;
  errors: Partial<Record<ActivityField, string>>;
  warnings: Partial<Record<ActivityField, string>>;
  /** Where the rows went: sheet and 1-based row. */
  placed: Array<{ sheet: string; row: number }>;
  /** After an edit: the row as it now stands, for the next save from the same form. */
  original?: ActivityOriginal;
}

const DISTRICT_NAME = 'муниципальная';
const WIDTH = ROADMAP_COLUMNS.length;

const text = (v: CellValue): string => (v === null || v === undefined ? '' : String(v).trim());
const unique = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter((x) => x !== ''))];

/** The district's catalogue tab when it has one (it edits it), else the shipped catalogue. */
export function readSuggestions(wb: Workbook, names: readonly string[]): Suggestion[] {
  const out: Suggestion[] = [];
  if (names.includes(CATALOGUE_SHEET)) {
    const values = wb.readSheet(CATALOGUE_SHEET).values;
    const keys = (values[0] ?? []).map(headerKey);
    const col = (k: CatalogueKey) => keys.indexOf(k);
    const [code, block, level, activity, term, responsible, result, document] = (
      ['code', 'block', 'level', 'activity', 'term', 'responsible', 'result', 'document'] as const
    ).map(col);
    if ((activity as number) >= 0) {
      for (const line of values.slice(1)) {
        const at = (c: number | undefined) => (c !== undefined && c >= 0 ? text(line[c]) : '');
        if (!at(activity)) continue;
        out.push({
          code: at(code),
          block: at(block),
          activity: at(activity),
          term: at(term),
          responsible: at(responsible),
          result: at(result),
          document: at(document),
          level: at(level),
        });
      }
    }
  }
  if (out.length === 0) {
    for (const a of CATALOGUE) {
      out.push({
        code: a.id,
        block: a.block,
        activity: a.activity,
        term: a.term,
        responsible: a.responsible,
        result: a.result,
        document: a.document,
        level: levelWords(a.level),
      });
    }
  }
  const seen = new Set<string>();
  return out.filter((s) => (seen.has(s.activity) ? false : (seen.add(s.activity), true)));
}

/** The registry's schools; problems as sentences. */
export function readSchools(
  wb: Workbook,
  names: readonly string[],
): { schools: Array<{ login: string; name: string }>; problems: string[] } {
  if (!names.includes(REGISTRY_SHEET)) {
    return {
      schools: [],
      problems: [`Нет листа «${REGISTRY_SHEET}»: школы для выбора берутся из него. Пока можно добавить мероприятие района.`],
    };
  }
  const registry = parseRegistry(wb.readSheet(REGISTRY_SHEET));
  const errors = registry.problems.filter((p) => p.severity === 'ошибка');
  return {
    schools: registry.schools.map((s) => ({ login: s.login, name: s.name })),
    problems: errors.length > 0 ? [`В реестре «${REGISTRY_SHEET}» есть ошибки (${errors.length}); школы с ними не показаны.`] : [],
  };
}

/** Roadmap tabs as their names tell: «ДК СОШ № 5 2026–27» → СОШ № 5, 2026/27. */
export function roadmapTabs(names: readonly string[]): RoadmapTabInfo[] {
  return names
    .filter((n) => n.startsWith(ROADMAP_PREFIX))
    .map((sheet) => {
      const m = /^(.*)\s(\d{4}(?:[/–]\d{2}|–\d{4})?)$/.exec(sheet.slice(ROADMAP_PREFIX.length));
      return { sheet, who: m ? (m[1] as string) : sheet.slice(ROADMAP_PREFIX.length), label: m ? (m[2] as string) : '' };
    });
}

/** A period from a tab name's label: «2026–27» (or «2026/27») is the school year, «2026–2028» from September to August. */
function labelPeriod(label: string): Period | null {
  let m = /^(\d{4})[/–](\d{2})$/.exec(label);
  if (m) return schoolYear(Number(m[1]));
  m = /^(\d{4})–(\d{4})$/.exec(label);
  if (m) return { from: `${m[1]}-09-01`, to: `${m[2]}-08-31` };
  m = /^(\d{4})$/.exec(label);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  return null;
}

/** The form's data; with `target`, the row to edit is loaded into it. */
export function activityView(wb: Workbook, now: Date, target?: { sheet: string; row: number } | null): ActivityView {
  const names = wb.sheetNames();
  const suggestions = readSuggestions(wb, names);
  const { schools, problems } = readSchools(wb, names);
  const roadmaps = roadmapTabs(names);
  const current = currentSchoolYear(now);
  const periods = new Map<string, string>();
  for (const p of [current, schoolYear(Number(current.from.slice(0, 4)) + 1)]) periods.set(periodValue(p), periodLabel(p));
  for (const r of roadmaps) {
    const p = labelPeriod(r.label);
    if (p && periodTabLabel(p) === r.label && !periods.has(periodValue(p))) periods.set(periodValue(p), periodLabel(p));
  }
  const load = target ? loadActivity(wb, target.sheet, target.row, names) : null;
  if (load?.ok && !periods.has(load.loaded.form.period)) periods.set(load.loaded.form.period, load.loaded.periodLabel);
  const sectionBlocks = load?.ok ? parseRoadmap(wb.readSheet(load.loaded.original.sheet).values).sections.map((s) => s.block) : [];
  return {
    limits: { ...ACTIVITY_LIMITS },
    blocks: unique([...sectionBlocks, ...suggestions.map((s) => s.block)]),
    suggestions,
    schools,
    roadmaps,
    periods: [...periods].map(([value, label]) => ({ value, label })).sort((a, b) => a.value.localeCompare(b.value)),
    defaultPeriod: periodValue(current),
    statuses: [...ROADMAP_STATUSES],
    responsibles: unique(suggestions.map((s) => s.responsible)),
    problems,
    load,
  };
}

/**
 * Section headings of the roadmap tabs that rows for these schools and period would go to, offered as
 * blocks once the schools are chosen (at most ten tabs are read).
 */
export function roadmapBlocks(wb: Workbook, schools: readonly string[], periodText: string): string[] {
  const period = parsePeriodValue(periodText);
  if (!period) return [];
  const names = wb.sheetNames();
  const registry = new Map(readSchools(wb, names).schools.map((s) => [s.login, s.name]));
  const found: string[] = [];
  for (const login of schools.slice(0, 10)) {
    const owner = login === DISTRICT_OWNER ? DISTRICT_OWNER : login;
    const sheet = roadmapSheetName({ owner, ownerName: owner === DISTRICT_OWNER ? DISTRICT_NAME : (registry.get(owner) ?? owner), period });
    if (!names.includes(sheet)) continue;
    found.push(...parseRoadmap(wb.readSheet(sheet).values).sections.map((s) => s.block));
  }
  return unique(found);
}

const HOW_TO_EDIT = 'Выделите строку мероприятия на листе дорожной карты («ДК …») и выберите «Изменить мероприятие…».';

/** Whether a tab has the roadmap header in row 3. */
function hasRoadmapHeader(values: CellValue[][]): boolean {
  const header = values[ROADMAP_HEADER_ROW] ?? [];
  return ROADMAP_COLUMNS.slice(0, 3).every((c, i) => normalizeHeader(header[i]) === normalizeHeader(c.header));
}

/** A roadmap row as the form shows it, or why it cannot be edited. */
export function loadActivity(wb: Workbook, sheet: string, row: number, names = wb.sheetNames()): LoadResult {
  if (!names.includes(sheet)) return { ok: false, message: `Нет листа «${sheet}». ${HOW_TO_EDIT}` };
  if (!sheet.startsWith(ROADMAP_PREFIX)) return { ok: false, message: `Лист «${sheet}» — не дорожная карта. ${HOW_TO_EDIT}` };
  const values = wb.readSheet(sheet).values;
  if (!hasRoadmapHeader(values)) {
    return { ok: false, message: `На листе «${sheet}» нет шапки дорожной карты в строке ${ROADMAP_HEADER_ROW + 1}. ${HOW_TO_EDIT}` };
  }
  if (row <= ROADMAP_FIRST_ROW) {
    return {
      ok: false,
      message: `Строка ${row} листа «${sheet}» — заголовок дорожной карты, мероприятия идут с ${ROADMAP_FIRST_ROW + 1}-й строки. ${HOW_TO_EDIT}`,
    };
  }
  const parsed = parseRoadmap(values);
  const section = parsed.sections.find((s) => s.sheetRow === row);
  if (section)
    return {
      ok: false,
      message: `Строка ${row} листа «${sheet}» — заголовок блока «${section.block}». Выделите строку мероприятия под ним.`,
    };
  const found = parsed.rows.find((r) => r.sheetRow === row);
  if (!found) return { ok: false, message: `Строка ${row} листа «${sheet}» пуста. ${HOW_TO_EDIT}` };
  const line = values[row - 1] ?? [];
  const meta = parsed.meta;
  const period = meta?.period ?? labelPeriod(roadmapTabs([sheet])[0]?.label ?? '') ?? null;
  const owner = meta?.owner ?? found.school;
  const ownerLabel = owner === DISTRICT_OWNER ? DISTRICT_OWNER : `${shortSchoolName(meta?.ownerName ?? '') || owner} (${owner})`;
  // Dates and status as they stand in the cells: an unreadable date is shown, and refused on save.
  const cell = (k: keyof typeof ROADMAP_COLUMN) => rowTexts(line)[ROADMAP_COLUMN[k]] as string;
  return {
    ok: true,
    loaded: {
      form: {
        ...emptyActivityForm(),
        block: found.block,
        activity: found.activity,
        schools: owner ? [owner] : [],
        period: period ? periodValue(period) : '',
        term: found.term,
        start: cell('start'),
        end: cell('end'),
        responsible: found.responsible,
        result: found.result,
        document: found.document,
        status: found.status || cell('status'),
        mark: found.mark,
      },
      original: { sheet, row, cells: rowTexts(line) },
      owner: ownerLabel,
      periodLabel: period ? periodLabel(period) : '',
      number: found.number,
    },
  };
}

/** The row under the user's selection. */
export function loadSelection(wb: Workbook): LoadResult {
  const cell = wb.activeCell();
  if (!cell) return { ok: false, message: `Ничего не выделено. ${HOW_TO_EDIT}` };
  return loadActivity(wb, cell.sheet, cell.row + 1);
}

// ---------------------------------------------------------------------------------------------------
// Saving

interface AddTarget {
  sheet: string;
  create: boolean;
  meta: RoadmapMeta;
  /** 0-based. */
  row: number;
  insert: boolean;
  /** Rows to write from `row` (a heading and the activity, or the activity). */
  cells: CellValue[][];
  heading: boolean;
}

export type ActivityPlan =
  | { kind: 'refused'; result: ActivitySaveResult }
  | { kind: 'add'; targets: AddTarget[]; lists: { blocks: string[]; responsibles: string[] }; warnings: ActivitySaveResult['warnings'] }
  | {
      kind: 'edit';
      sheet: string;
      row: number;
      cells: CellValue[];
      /** The row's texts as loaded: only the cells that differ are written (a link or formula left alone stays). */
      was: string[];
      warnings: ActivitySaveResult['warnings'];
    };

const refused = (
  message: string,
  errors: ActivitySaveResult['errors'] = {},
  warnings: ActivitySaveResult['warnings'] = {},
): ActivityPlan => ({
  kind: 'refused',
  result: { ok: false, message, errors, warnings, placed: [] },
});

const NOT_SAVED = 'Мероприятие не сохранено: исправьте отмеченные поля.';

function activityCells(v: ActivityValue, extra: { number: string; school: string; code: string; control: string }): CellValue[] {
  const cells: CellValue[] = new Array<CellValue>(WIDTH).fill('');
  const put = (k: keyof typeof ROADMAP_COLUMN, value: CellValue) => (cells[ROADMAP_COLUMN[k]] = value);
  put('number', extra.number);
  put('block', v.block);
  put('activity', v.activity);
  put('term', v.term);
  put('start', v.start ? isoToDate(v.start) : '');
  put('end', v.end ? isoToDate(v.end) : '');
  put('responsible', v.responsible);
  put('result', v.result);
  put('document', v.document);
  put('status', v.status);
  put('mark', v.mark);
  put('school', extra.school);
  put('code', extra.code);
  put('control', extra.control);
  return cells;
}

/** The catalogue code of an activity taken from the catalogue word for word; '' for one's own. */
function codeOf(activity: string, suggestions: readonly Suggestion[]): string {
  return suggestions.find((s) => s.activity === activity)?.code ?? '';
}

/** The roadmap tab of an owner for a period: by its name, checked against its owner and period row. */
function findTab(
  wb: Workbook,
  names: readonly string[],
  owner: string,
  ownerName: string,
  period: Period,
  known: readonly { login: string; name: string }[],
): { sheet: string; values: CellValue[][]; meta: RoadmapMeta; create: boolean } {
  const wanted: RoadmapMeta = { owner, ownerName, period };
  const [plain, withLogin, loginOnly] = tabNamesOf(owner, ownerName, period);
  for (const sheet of [plain, withLogin].filter((n): n is string => n !== undefined)) {
    if (!names.includes(sheet)) {
      // Not under its present name: perhaps under the name the school had when the tab was made.
      const moved = owner === DISTRICT_OWNER ? null : tabUnderOldName(wb, names, owner, period, known);
      if (!moved) return { sheet, values: [], meta: wanted, create: true };
      return { sheet: moved.sheet, values: moved.values, meta: parseRoadmap(moved.values).meta ?? wanted, create: false };
    }
    const values = wb.readSheet(sheet).values;
    const meta = parseRoadmap(values).meta;
    if (!meta) return { sheet, values, meta: wanted, create: false };
    if (loginKey(meta.owner) === loginKey(owner) && periodLabel(meta.period) === periodLabel(period))
      return { sheet, values, meta, create: false };
  }
  // Both names are another owner's: a third, by login alone.
  return { sheet: loginOnly ?? (plain as string), values: [], meta: wanted, create: true };
}

/** Reads what the save needs and computes every write; writes nothing. */
export function planActivity(wb: Workbook, form: ActivitySaveForm): ActivityPlan {
  const names = wb.sheetNames();
  const suggestions = readSuggestions(wb, names);
  if (form.original) return planEdit(wb, form, form.original, names, suggestions);
  const { schools } = readSchools(wb, names);
  const byLogin = new Map(schools.map((s) => [s.login, s.name]));
  const check = checkActivity(form, { schools: new Set(byLogin.keys()) });
  if (!check.ok || !check.value) return refused(NOT_SAVED, check.errors, check.warnings);
  const v = check.value;
  const warnings = { ...check.warnings };
  const code = codeOf(v.activity, suggestions);
  const targets: AddTarget[] = [];
  for (const login of v.schools) {
    const owner = login === DISTRICT_OWNER ? DISTRICT_OWNER : login;
    const tab = findTab(wb, names, owner, owner === DISTRICT_OWNER ? DISTRICT_NAME : (byLogin.get(login) ?? login), v.period, schools);
    // Dates against the period the tab really has.
    const again = checkActivity({ ...form, start: v.start ?? '', end: v.end ?? '' }, { schools: null, period: tab.meta.period });
    if (!again.ok)
      return refused(`${NOT_SAVED} Лист «${tab.sheet}»: период ${periodLabel(tab.meta.period)}.`, again.errors, again.warnings);
    Object.assign(warnings, again.warnings);
    const place = placeActivity(tab.values, v.block);
    const row = activityCells(v, { number: place.number, school: owner, code, control: '' });
    const heading = new Array<CellValue>(WIDTH).fill('');
    heading[ROADMAP_COLUMN.block] = v.block;
    targets.push({
      sheet: tab.sheet,
      create: tab.create,
      meta: tab.meta,
      row: place.row,
      insert: place.insert,
      cells: place.heading ? [heading, row] : [row],
      heading: place.heading,
    });
  }
  const anyDistrict = v.schools.includes(DISTRICT_OWNER);
  // «район и школа» goes with both; «район» only with the district's roadmap.
  const listed = anyDistrict ? suggestions : suggestions.filter((s) => s.level !== DISTRICT_OWNER);
  return {
    kind: 'add',
    targets,
    lists: { blocks: unique(listed.map((s) => s.block)), responsibles: unique(listed.map((s) => s.responsible)) },
    warnings,
  };
}

function planEdit(
  wb: Workbook,
  form: ActivitySaveForm,
  original: ActivityOriginal,
  names: readonly string[],
  suggestions: Suggestion[],
): ActivityPlan {
  const { sheet } = original;
  if (!names.includes(sheet)) return refused(`Лист «${sheet}» удалён, пока форма была открыта: изменения не сохранены.`);
  const values = wb.readSheet(sheet).values;
  const parsed = parseRoadmap(values);
  const same = (r: number) => rowTexts(values[r]).join('\u241f') === (original.cells ?? []).join('\u241f');
  let index = original.row - 1;
  if (!same(index)) {
    const matches: number[] = [];
    for (let r = ROADMAP_FIRST_ROW; r < values.length; r++) if (same(r)) matches.push(r);
    if (matches.length === 0) {
      const what = original.cells?.[ROADMAP_COLUMN.activity] ?? '';
      return refused(
        `Строка не найдена: пока форма была открыта, мероприятие «${what}» на листе «${sheet}» изменили или удалили. ` +
          'Изменения не сохранены, чтобы не затереть чужую правку: выделите строку снова и выберите «Изменить мероприятие…».',
      );
    }
    index = matches.reduce((a, b) => (Math.abs(b - index) < Math.abs(a - index) ? b : a));
  }
  const period = parsed.meta?.period ?? parsePeriodValue(form.period);
  const check = checkActivity(form, { schools: null, edit: true, period: period ?? undefined });
  if (!check.ok || !check.value) return refused(NOT_SAVED, check.errors, check.warnings);
  const v = check.value;
  const was = original.cells ?? [];
  const oldBlock = was[ROADMAP_COLUMN.block] ?? '';
  if (blockKey(v.block) !== blockKey(oldBlock)) {
    return refused(NOT_SAVED, {
      block: `Блок строки не меняется при изменении: мероприятие стоит в разделе «${oldBlock}». Чтобы перенести его, добавьте мероприятие в другой блок и удалите эту строку.`,
    });
  }
  const oldActivity = was[ROADMAP_COLUMN.activity] ?? '';
  const code = v.activity === oldActivity ? (was[ROADMAP_COLUMN.code] ?? '') : codeOf(v.activity, suggestions);
  const cells = activityCells(v, {
    number: was[ROADMAP_COLUMN.number] ?? '',
    school: was[ROADMAP_COLUMN.school] ?? '',
    code,
    control: was[ROADMAP_COLUMN.control] ?? '',
  });
  return { kind: 'edit', sheet, row: index, cells, was, warnings: check.warnings };
}

/** Writes a plan: new tabs laid out, rows moved down where needed, each row in one write. */
export function applyActivity(wb: Workbook, plan: ActivityPlan): ActivitySaveResult {
  if (plan.kind === 'refused') return plan.result;
  if (plan.kind === 'edit') {
    // One write per run of changed cells: what the person did not change is not rewritten.
    const now = rowTexts(plan.cells);
    let c = 0;
    while (c < plan.cells.length) {
      if (now[c] === (plan.was[c] ?? '')) {
        c++;
        continue;
      }
      const start = c;
      while (c < plan.cells.length && now[c] !== (plan.was[c] ?? '')) c++;
      wb.writeBlock(plan.sheet, plan.row, start, [plan.cells.slice(start, c)]);
    }
    const row = plan.row + 1;
    return {
      ok: true,
      message: `Изменено: «${plan.sheet}», строка ${row}.`,
      errors: {},
      warnings: plan.warnings,
      placed: [{ sheet: plan.sheet, row }],
      original: { sheet: plan.sheet, row, cells: rowTexts(plan.cells) },
    };
  }
  const placed: ActivitySaveResult['placed'] = [];
  const created: string[] = [];
  for (const t of plan.targets) {
    if (t.create) {
      layoutRoadmapTab(wb, t.sheet, t.meta, plan.lists);
      created.push(t.sheet);
    }
    if (t.insert) wb.insertRows(t.sheet, t.row, t.cells.length);
    wb.writeBlock(t.sheet, t.row, 0, t.cells);
    const kinds = t.cells.map((_, i) => t.heading && i === 0);
    wb.setFontWeights(
      t.sheet,
      t.row,
      0,
      kinds.map((h) => new Array<'bold' | 'normal'>(WIDTH).fill(h ? 'bold' : 'normal')),
    );
    wb.setBackgrounds(
      t.sheet,
      t.row,
      0,
      kinds.map((h) => new Array<string | null>(WIDTH).fill(h ? ROADMAP_COLORS.section : null)),
    );
    placed.push({ sheet: t.sheet, row: t.row + t.cells.length });
  }
  const where = placed.map((p) => `«${p.sheet}», строка ${p.row}`);
  let message =
    placed.length === 1
      ? `Добавлено в ${where[0]}.`
      : `Добавлено в ${placed.length} ${plural(placed.length, ['дорожную карту', 'дорожные карты', 'дорожных карт'])}: ${where.join('; ')}.`;
  if (created.length > 0) message += ` Создан${created.length > 1 ? 'ы листы' : ' лист'}: ${created.map((s) => `«${s}»`).join(', ')}.`;
  return { ok: true, message, errors: {}, warnings: plan.warnings, placed };
}

/** The menu items' titles: how the journal and the messages name a save. */
export const ADD_ACTIVITY = 'Добавить мероприятие…';
export const EDIT_ACTIVITY = 'Изменить мероприятие…';

/**
 * Where a plan writes on tabs that exist: the rows it adds (moved in, written, formatted) or the row it
 * changes, across the roadmap's columns. A tab it creates has no protection yet.
 */
export function planWrites(plan: ActivityPlan): WriteTarget[] {
  if (plan.kind === 'refused') return [];
  if (plan.kind === 'edit') return [{ sheet: plan.sheet, range: { row: plan.row, col: 0, rows: 1, cols: WIDTH } }];
  return plan.targets
    .filter((t) => !t.create)
    .map((t) => ({ sheet: t.sheet, range: { row: t.row, col: 0, rows: t.cells.length, cols: WIDTH } }));
}

/**
 * Reads, computes and writes in one call: run it under the document lock. Before the first write, the
 * protections of the rows it would write are checked: a save Sheets would refuse half-way is refused
 * whole, in Russian, naming whom to ask, and nothing is written.
 */
export function saveActivity(wb: Workbook, form: ActivitySaveForm): ActivitySaveResult {
  const plan = planActivity(wb, form);
  const writes = planWrites(plan);
  // The tabs written are tabs the plan found (created ones are not among them).
  const refusal = writeRefusal(wb, writes, form.original ? EDIT_ACTIVITY : ADD_ACTIVITY, [
    ...new Set(writes.map((w) => (typeof w === 'string' ? w : w.sheet))),
  ]);
  if (refusal) return { ok: false, message: refusal, errors: {}, warnings: {}, placed: [] };
  return applyActivity(wb, plan);
}
