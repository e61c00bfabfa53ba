/**
 * «Создать дорожную карту…»: the district's roadmap (МППКО) or one per chosen school (ШППКО) for a
 * period, from «Справочник мероприятий» (the tab as the district keeps it, or the shipped catalogue).
 * For a school the proposal follows its current verdict on the result sheet and the risk factors of the
 * registry «Школы», and the school's weak ВПР tasks (from «Результаты участников») add methodical help on
 * their topics (core/roadmap-tasks); the methodologist ticks and unticks, then each roadmap goes into its own tab.
 * Generating again into an existing tab asks first, then replaces only the rows the add-on wrote and
 * nobody touched. Every step is a fixed number of port calls per tab, whatever the number of activities.
 */
import { loginKey } from '../core/login';
import { currentSchoolYear, moscowToday } from '../core/activity';
import { type CatalogueActivity, DIRECTIONS, type RiskFactor, ROLES, sourceTitle } from '../core/catalogue';
import { contextIndex } from '../core/context';
import { parseRegistry, REGISTRY_SHEET, type RegistryEntry } from '../core/registry';
import { proposeForDistrict, proposeForSchool, type Proposal, type SchoolProfile } from '../core/roadmap';
import { taskHelpFor } from '../core/roadmap-tasks';
import { placeActivityTerm, type PlanSection, planRoadmap, type Regeneration, regenerate, startNote } from '../core/roadmap-plan';
import {
  cellDate,
  DISTRICT_OWNER,
  formatIsoDate,
  type ParsedRoadmap,
  parseRoadmap,
  periodLabel,
  ROADMAP_COLUMNS,
  ROADMAP_FIRST_ROW,
  type RoadmapMeta,
  type RoadmapRow,
  roadmapSheetName,
} from '../core/roadmap-sheet';
import { describeProblem } from '../core/results';
import { type Period, schoolYear } from '../core/terms';
import { shnsuSettings } from '../core/settings';
import { type CellValue, columnLetter, plural } from '../core/text';
import { assess, type Status, STATUSES } from '../core/verdict';
import type { Workbook } from '../workbook/port';
import { prepare, recheckFirst, type Stale, staleArg, type StaleOutcome, staleStop } from './analyze';
import { CATALOGUE_SHEET, readCatalogue } from './catalogue';
import { tabNamesOf, tabUnderOldName } from './roadmap-find';
import { loadSettings } from './settings';
import { writeRoadmapTab } from './roadmap-tab';
import { loadPupilFindings, NO_PUPIL_FINDINGS, type PupilFindings } from './pupil-findings';

/** A school as the sidebar lists it: ШНОР first, then зона риска, норма, нет данных. */
export interface RoadmapSchool {
  login: string;
  name: string;
  status: Status;
  /** Procedures with low results in the years the criteria look at: «ВПР МА 5», «ОГЭ РУ». */
  low: string[];
  risks: RiskFactor[];
  shnsu: boolean;
}

export interface RoadmapBlock {
  name: string;
  /** Activities of the district and of schools in the block. */
  district: number;
  school: number;
  /** Programmes the block comes from. */
  sources: string[];
}

export interface RoadmapStart {
  schools: RoadmapSchool[];
  blocks: RoadmapBlock[];
  /** The current school year (Europe/Moscow: it starts in September), and the years around it. */
  period: Period;
  years: Array<{ label: string; period: Period }>;
  /** The result sheet the verdicts come from; null when there is none. */
  resultSheet: string | null;
  /** Several sheets hold results: the sidebar asks which. */
  candidates: string[];
  /** Catalogue from the tab or shipped; what could not be read. */
  catalogueFromTab: boolean;
  notes: string[];
  /**
   * The results or the criteria changed since the last check («ШНОР: итоги»): what differs. The panel
   * shows it with «Проверить заново и продолжить»; null when the statuses agree with the check.
   */
  stale: string | null;
}

export interface ProposalItem {
  code: string;
  block: string;
  activity: string;
  term: string;
  responsible: string;
  level: 'район' | 'школа';
  reasons: string[];
  selected: boolean;
}

export interface OwnerProposals {
  /** A login, or «район». */
  owner: string;
  ownerName: string;
  sheet: string;
  /** The tab exists: generating asks before replacing. */
  exists: boolean;
  status: Status | null;
  /** Why these proposals: the profile in words. */
  profile: string[];
  /** Why this owner's tab cannot be written as it stands ('' when it can). */
  problem: string;
  items: ProposalItem[];
}

export interface ProposalRequest {
  owner: 'district' | 'schools';
  schools?: string[];
  period: Period;
  /** Blocks to include; empty or absent: all. */
  blocks?: string[];
  /** The result sheet when several hold results. */
  sheet?: string;
  /** Schools the methodologist marks as ШНСУ. */
  shnsu?: string[];
}

export interface CreateRequest extends ProposalRequest {
  /** Per owner (login or «район»), the codes ticked. */
  selected: Record<string, string[]>;
  /** The user has agreed to regenerate existing tabs. */
  confirmed?: boolean;
  /**
   * The day the roadmap is made (ISO, Moscow); terms already past move to their next time. Absent: today.
   * Tests fix it; the sidebar never sends it.
   */
  today?: string;
  /** Tabs earlier runs of this same request wrote («Продолжить»): they are not written again. */
  done?: string[];
  /**
   * When the results or the criteria changed since the last check (see analyze.Stale): the panel sends
   * 'ask' at «Сформировать» (nothing is written, the panel asks), then the person's choice — 'recheck'
   * (the check, then the roadmaps, in one call) or 'warn' (on by the current data, the message warns).
   * Absent (the CLI): on, with the warning.
   */
  stale?: Stale;
}

/**
 * A time budget for one execution (Apps Script stops a run at 6 minutes): seconds spent so far, and the
 * seconds after which no new tab is started. Without one (the CLI) every tab is written in one go.
 */
export interface TimeBudget {
  elapsed(): number;
  limit: number;
}

export type CreateOutcome =
  | { kind: 'done'; message: string; sheets: string[] }
  /** The budget ran out: `done` holds every tab written so far (this run and the earlier ones); run again with it. */
  | { kind: 'partial'; message: string; sheets: string[]; done: string[]; total: number }
  | {
      kind: 'confirm';
      message: string;
      tabs: Array<{ sheet: string; replaced: number; keptEdited: number; keptAdded: number }>;
    }
  | { kind: 'failed'; message: string }
  | StaleOutcome;

/** The school year a day belongs to in Moscow: from 1 September (one definition, shared with the activity form). */
export { currentSchoolYear };

interface Context {
  names: string[];
  catalogue: CatalogueActivity[];
  schools: RoadmapSchool[];
  resultSheet: string | null;
  candidates: string[];
  catalogueFromTab: boolean;
  notes: string[];
  /** The statuses come from other data than «ШНОР: итоги»: what differs, and the sheet to check again. */
  stale: StaleOutcome | null;
  /** The source line's warning (what a roadmap made anyway carries); null when the data agree with the check. */
  warning: string | null;
  /** The per-pupil findings (weak tasks and their descriptions), empty without «Результаты участников». */
  pupils: PupilFindings;
}

/** The catalogue, the verdicts of the result sheet and the registry's risk factors: a fixed number of reads. */
function loadContext(wb: Workbook, sheet: string | undefined, shnsu: readonly string[] = [], withPupils = false): Context {
  const names = wb.sheetNames();
  const notes: string[] = [];
  const catalogue = readCatalogue(wb, names);
  for (const p of catalogue.problems.slice(0, 10)) notes.push(describeProblem(p));
  if (catalogue.problems.length > 10) notes.push(`… и ещё замечаний: ${catalogue.problems.length - 10}.`);
  if (catalogue.superseded > 0)
    notes.push(
      `В «${CATALOGUE_SHEET}» ${catalogue.superseded} ${plural(catalogue.superseded, ['строка', 'строки', 'строк'])} прежней версии (по пункту программы): они не предлагаются — каждая вошла в «Источники» одного из мероприятий справочника. Запустите пункт меню «Справочник мероприятий», чтобы дописать эти мероприятия.`,
    );
  const registry = names.includes(REGISTRY_SHEET) ? parseRegistry(wb.readSheet(REGISTRY_SHEET)) : null;
  const byLogin = new Map<string, RegistryEntry>((registry?.schools ?? []).map((s) => [loginKey(s.login), s]));
  const marked = new Set(shnsu.map(loginKey));
  const schools = new Map<string, RoadmapSchool>();
  const ready = prepare(wb, sheet, { refused: 'школы для дорожных карт по результатам не отобраны', question: 'Какой взять?' });
  // ШНСУ from the registry's social-context index (the settings' weights and cut-off), and the schools the methodologist marks.
  const index =
    registry && registry.headerRow >= 0
      ? contextIndex(registry.schools, shnsuSettings(ready.kind === 'ready' ? ready.loaded.settings : loadSettings(wb, names).settings))
      : null;
  const isShnsu = (login: string) => marked.has(loginKey(login)) || index?.byLogin.get(loginKey(login))?.shnsu === true;
  let resultSheet: string | null = null;
  let candidates: string[] = [];
  let stale: StaleOutcome | null = null;
  let warning: string | null = null;
  if (ready.kind === 'ready') {
    resultSheet = ready.grid.sheet;
    stale = staleStop(ready.source, 'ask');
    warning = ready.source.warning;
    // The first line: which sheet the statuses come from, and whether «ШНОР: итоги» say the same.
    notes.unshift(ready.source.line);
    for (const v of assess(ready.table.schools, ready.loaded.settings.criteria).verdicts) {
      const login = (v.login ?? v.key).toLowerCase();
      const reg = byLogin.get(loginKey(login));
      schools.set(loginKey(login), {
        login,
        name: v.name || reg?.name || login,
        status: v.status,
        low: [...new Set(v.low.map((l) => l.procedure))],
        risks: reg?.risks ?? [],
        shnsu: isShnsu(login),
      });
    }
  } else if (ready.kind === 'choose') {
    candidates = ready.candidates;
    notes.push(ready.message);
  } else notes.push(`${ready.message} Статусы школ не определены: предложения — по факторам риска реестра.`);
  for (const reg of registry?.schools ?? []) {
    if (!schools.has(loginKey(reg.login)))
      schools.set(loginKey(reg.login), {
        login: reg.login,
        name: reg.name || reg.login,
        status: 'нет данных',
        low: [],
        risks: reg.risks,
        shnsu: isShnsu(reg.login),
      });
  }
  const ordered = [...schools.values()].sort(
    (a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || a.name.localeCompare(b.name, 'ru'),
  );
  // Only proposals need the weak tasks: the sidebar's first view does not read «Результаты участников».
  const pupils = withPupils
    ? loadPupilFindings(wb, names, ready.kind === 'ready' ? ready.loaded.settings : loadSettings(wb, names).settings)
    : NO_PUPIL_FINDINGS;
  return {
    names,
    catalogue: catalogue.activities,
    schools: ordered,
    resultSheet,
    candidates,
    catalogueFromTab: catalogue.fromTab,
    notes,
    stale,
    warning,
    pupils,
  };
}

function blocksOf(catalogue: readonly CatalogueActivity[]): RoadmapBlock[] {
  const out = new Map<string, RoadmapBlock>();
  for (const a of catalogue) {
    const b = out.get(a.block) ?? { name: a.block, district: 0, school: 0, sources: [] };
    if (a.level !== 'school') b.district++;
    if (a.level !== 'district') b.school++;
    for (const id of a.sources) {
      const title = sourceTitle(id.split('/')[0] as string);
      if (!b.sources.includes(title)) b.sources.push(title);
    }
    out.set(a.block, b);
  }
  return [...out.values()];
}

/** What the sidebar opens with: the schools with their status, the blocks, the period. */
export function roadmapStart(wb: Workbook, options: { sheet?: string; now?: Date } = {}): RoadmapStart {
  const ctx = loadContext(wb, options.sheet);
  const period = currentSchoolYear(options.now ?? new Date());
  const y = Number(period.from.slice(0, 4));
  const years = [y - 1, y, y + 1, y + 2].map((year) => ({ label: periodLabel(schoolYear(year)), period: schoolYear(year) }));
  if (!ctx.catalogueFromTab)
    ctx.notes.push(
      `Вкладки «${CATALOGUE_SHEET}» нет: предлагаются мероприятия программ, встроенные в надстройку. Создайте вкладку пунктом меню «Справочник мероприятий», чтобы добавить свои.`,
    );
  return {
    schools: ctx.schools,
    blocks: blocksOf(ctx.catalogue),
    period,
    years,
    resultSheet: ctx.resultSheet,
    candidates: ctx.candidates,
    catalogueFromTab: ctx.catalogueFromTab,
    notes: ctx.notes,
    stale: ctx.stale?.message ?? null,
  };
}

function checkPeriod(p: Period | undefined): string | null {
  const from = cellDate(p?.from ?? null);
  const to = cellDate(p?.to ?? null);
  if (!from || !to) return 'Период задан неверно: укажите даты начала и окончания.';
  if (from > to) return `Период задан неверно: начало ${formatIsoDate(from)} позже окончания ${formatIsoDate(to)}.`;
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 6) return 'Период длиннее шести лет: выберите период программы покороче.';
  return null;
}

interface Owner {
  meta: RoadmapMeta;
  school: RoadmapSchool | null;
}

function owners(ctx: Context, req: ProposalRequest): Owner[] | string {
  const period = { from: cellDate(req.period.from) as string, to: cellDate(req.period.to) as string };
  if (req.owner === 'district') return [{ meta: { owner: DISTRICT_OWNER, ownerName: 'муниципальная', period }, school: null }];
  const logins = [...new Set((req.schools ?? []).map((s) => s.trim().toLowerCase()).filter(Boolean))];
  if (logins.length === 0) return 'Не выбрана ни одна школа.';
  const out: Owner[] = [];
  for (const login of logins) {
    const school = ctx.schools.find((s) => loginKey(s.login) === loginKey(login));
    if (!school) return `Школа ${login} не найдена ни в таблице результатов, ни в реестре «${REGISTRY_SHEET}».`;
    out.push({ meta: { owner: school.login, ownerName: school.name, period }, school });
  }
  return out;
}

function profileOf(s: RoadmapSchool): SchoolProfile {
  return { status: s.status, lowProcedures: s.low, shnsu: s.shnsu, risks: s.risks };
}

function profileWords(s: RoadmapSchool): string[] {
  const out = [`статус: ${s.status}`];
  if (s.low.length > 0) out.push(`низкие результаты: ${s.low.join(', ')}`);
  if (s.risks.length > 0) out.push(`факторы риска: ${s.risks.join('; ')}`);
  if (s.shnsu) out.push('ШНСУ');
  return out;
}

/** A school's methodical help on the topics of its weak tasks: proposed, ticked, beside the catalogue's. */
const taskHelp = (ctx: Context, o: Owner): Proposal[] =>
  o.school
    ? taskHelpFor(o.school.login, ctx.pupils.blocks, ctx.pupils.texts).map((h) => ({
        activity: h.activity,
        reasons: h.reasons,
        selected: true,
      }))
    : [];

function proposalsFor(ctx: Context, o: Owner, blocks: readonly string[] | undefined): Proposal[] {
  const inBlocks = (p: Proposal) => !blocks || blocks.length === 0 || blocks.includes(p.activity.block);
  const all = o.school ? proposeForSchool(profileOf(o.school), ctx.catalogue) : proposeForDistrict(ctx.catalogue);
  return [...all, ...taskHelp(ctx, o)].filter(inBlocks);
}

type Resolved = { sheet: string; existing: ParsedRoadmap | null; previousRows: number } | { error: string };

/**
 * The owner's tab: «ДК СОШ № 5 2026–27»; when that name is taken by another school's roadmap (two
 * «СОШ № 5» in a district), the login is added. A tab of that name that is not a roadmap is refused.
 */
function resolveSheet(wb: Workbook, names: string[], meta: RoadmapMeta, known: readonly RoadmapSchool[]): Resolved {
  const tried: string[] = [];
  for (const candidate of sheetCandidates(meta)) {
    let sheet = candidate;
    let values: CellValue[][];
    if (names.includes(sheet)) values = wb.readSheet(sheet).values;
    else {
      // Not under its present name: perhaps under the name the school had when the tab was made.
      const moved = meta.owner === DISTRICT_OWNER ? null : tabUnderOldName(wb, names, meta.owner, meta.period, known);
      if (!moved) return { sheet, existing: null, previousRows: 0 };
      ({ sheet, values } = moved);
    }
    const parsed = parseRoadmap(values);
    if (!parsed.meta)
      return {
        error: `Лист «${sheet}» уже есть, и это не дорожная карта надстройки (во второй строке нет «Для:» и периода). Переименуйте его и повторите.`,
      };
    if (parsed.meta.owner === meta.owner) {
      if (parsed.meta.period.from !== meta.period.from || parsed.meta.period.to !== meta.period.to)
        return {
          error: `Лист «${sheet}» — дорожная карта за другой период (${formatIsoDate(parsed.meta.period.from)}–${formatIsoDate(parsed.meta.period.to)}). Переименуйте его или выберите тот же период.`,
        };
      if (parsed.problems.length > 0) {
        const p = parsed.problems[0] as ParsedRoadmap['problems'][number];
        return {
          error: `Лист «${sheet}», строка ${p.row}, столбец ${p.column}: «${p.value}» — ${p.message}. Исправьте и повторите: иначе при обновлении эта ячейка потерялась бы.`,
        };
      }
      // Cells people wrote right of the roadmap's columns would stay in their rows while the activities move.
      for (let r = ROADMAP_FIRST_ROW; r < values.length; r++) {
        const line = values[r] ?? [];
        for (let c = ROADMAP_COLUMNS.length; c < line.length; c++) {
          const v = line[c];
          if (v !== null && v !== undefined && String(v).trim() !== '')
            return {
              error: `Лист «${sheet}», строка ${r + 1}, столбец ${columnLetter(c)}: «${String(v).slice(0, 60)}» — справа от столбцов дорожной карты есть записи. При обновлении мероприятия сдвинутся, а эти записи остались бы на месте, рядом с другими мероприятиями. Перенесите их в «Отметку о выполнении» (или на отдельный лист) и повторите.`,
            };
        }
      }
      return { sheet, existing: parsed, previousRows: Math.max(0, values.length - ROADMAP_FIRST_ROW) };
    }
    tried.push(sheet);
  }
  return { error: `Листы ${tried.map((t) => `«${t}»`).join(' и ')} заняты дорожными картами других школ. Переименуйте один из них.` };
}

/** The owner's tab name, then the one with the login added (a school's only) for when the first is another school's. */
function sheetCandidates(meta: RoadmapMeta): string[] {
  return tabNamesOf(meta.owner, meta.ownerName, meta.period).slice(0, 2);
}

/**
 * The tab an earlier run of the same request wrote for this owner, known without reading it: its name with
 * the login, or its plain name when no other owner of the request could have taken that one.
 */
function doneTab(meta: RoadmapMeta, done: ReadonlySet<string>, plainNames: ReadonlyMap<string, number>): string | null {
  const [plain, withLogin] = sheetCandidates(meta) as [string, string | undefined];
  if (withLogin && done.has(withLogin)) return withLogin;
  return done.has(plain) && plainNames.get(plain) === 1 ? plain : null;
}

/** The sidebar's proposal view: per owner the activities with reasons, ticked as the profile calls for. */
export function roadmapProposals(wb: Workbook, req: ProposalRequest): { owners: OwnerProposals[]; notes: string[] } | { error: string } {
  const bad = checkPeriod(req.period);
  if (bad) return { error: bad };
  const ctx = loadContext(wb, req.sheet, req.shnsu, true);
  const list = owners(ctx, req);
  if (typeof list === 'string') return { error: list };
  const out: OwnerProposals[] = [];
  for (const o of list) {
    const resolved = resolveSheet(wb, ctx.names, o.meta, ctx.schools);
    out.push({
      owner: o.meta.owner,
      ownerName: o.school ? o.school.name : 'Муниципальная дорожная карта (МППКО)',
      sheet: 'sheet' in resolved ? resolved.sheet : roadmapSheetName(o.meta),
      exists: 'sheet' in resolved ? resolved.existing !== null : true,
      status: o.school?.status ?? null,
      problem: 'error' in resolved ? resolved.error : '',
      profile: o.school ? profileWords(o.school) : [],
      items: proposalsFor(ctx, o, req.blocks).map((p) => ({
        code: p.activity.id,
        block: p.activity.block,
        activity: p.activity.activity,
        term: p.activity.term,
        responsible: p.activity.responsible,
        level: o.school && p.activity.level !== 'district' ? 'школа' : 'район',
        reasons: p.reasons,
        selected: p.selected,
      })),
    });
  }
  return { owners: out, notes: ctx.notes };
}

interface Plan {
  sheet: string;
  previousRows: number;
  meta: RoadmapMeta;
  sections: PlanSection[];
  merged: Regeneration | null;
}

const rows = (n: number) => `${n} ${plural(n, ['строка', 'строки', 'строк'])}`;

/**
 * Writes one tab per owner; asks first (without writing anything) when a tab exists and `confirmed` is not
 * set. With `stale` 'ask' it stops, writing nothing, when the results or the criteria changed since the
 * last check; with 'recheck' the schools are checked again first, in the same call (the add-on holds the
 * lock around both), and the message starts with the check's line.
 */
export function createRoadmaps(wb: Workbook, req: CreateRequest, budget?: TimeBudget): CreateOutcome {
  return recheckFirst(
    wb,
    staleArg(req.stale),
    (stale) => createRun(wb, { ...req, stale }, budget),
    (o, line) => (o.kind === 'failed' || o.kind === 'stale' ? o : { ...o, message: `${line}\n${o.message}` }),
  );
}

function createRun(wb: Workbook, req: CreateRequest & { stale?: 'ask' | 'warn' }, budget?: TimeBudget): CreateOutcome {
  const bad = checkPeriod(req.period);
  if (bad) return { kind: 'failed', message: bad };
  const ctx = loadContext(wb, req.sheet, req.shnsu, true);
  const list = owners(ctx, req);
  if (typeof list === 'string') return { kind: 'failed', message: list };
  // Never made silently from other data than the last check: the panel asks again («Сформировать» after
  // the warning it opened with, or data changed while it was open), before anything is written.
  if (req.stale === 'ask' && ctx.stale) return ctx.stale;
  const catalogueCodes = new Map(ctx.catalogue.map((a, i) => [a.id, { a, i }]));
  const today = cellDate(req.today ?? null) ?? moscowToday(new Date());
  const already = new Set(Array.isArray(req.done) ? req.done.map(String) : []);
  const plainNames = new Map<string, number>();
  for (const o of list) plainNames.set(roadmapSheetName(o.meta), (plainNames.get(roadmapSheetName(o.meta)) ?? 0) + 1);
  const plans: Plan[] = [];
  const ownCodes = new Map<string, Map<string, { a: CatalogueActivity; i: number }>>();
  for (const o of list) {
    const help = taskHelp(ctx, o);
    const byCode =
      help.length === 0
        ? catalogueCodes
        : new Map([...catalogueCodes, ...help.map((p, j) => [p.activity.id, { a: p.activity, i: ctx.catalogue.length + j }] as const)]);
    ownCodes.set(o.meta.owner, byCode);
    const codes = req.selected?.[o.meta.owner] ?? [];
    const who = o.school ? `«${o.school.name}»` : 'района';
    const unknown = codes.filter((c) => !byCode.has(c));
    if (unknown.length > 0)
      return {
        kind: 'failed',
        message: `Для ${who} отмечены мероприятия, которых нет в «${CATALOGUE_SHEET}»: ${unknown.join(', ')}. Обновите список предложений.`,
      };
    const chosen = [...new Set(codes)]
      .map((c) => byCode.get(c) as { a: CatalogueActivity; i: number })
      .filter(({ a }) => !req.blocks || req.blocks.length === 0 || req.blocks.includes(a.block))
      .sort((x, y) => x.i - y.i)
      .map(({ a }) => a);
    if (chosen.length === 0) return { kind: 'failed', message: `Для ${who} не отмечено ни одного мероприятия.` };
    // A tab an earlier run of this request wrote is not read again: at region scale that read, repeated in
    // every run for every tab made so far, took more than the tabs themselves.
    const finished = doneTab(o.meta, already, plainNames);
    if (finished) {
      plans.push({ sheet: finished, previousRows: 0, meta: o.meta, sections: [], merged: null });
      continue;
    }
    const resolved = resolveSheet(wb, ctx.names, o.meta, ctx.schools);
    if ('error' in resolved) return { kind: 'failed', message: resolved.error };
    if (plans.some((p) => p.sheet === resolved.sheet))
      return { kind: 'failed', message: `Две выбранные школы получили бы один лист «${resolved.sheet}». Выберите их по отдельности.` };
    const generated = planRoadmap(chosen, o.meta, today);
    const merged = resolved.existing ? regenerate(resolved.existing, generated) : null;
    plans.push({
      sheet: resolved.sheet,
      previousRows: resolved.previousRows,
      meta: o.meta,
      sections: merged ? merged.sections : generated,
      merged,
    });
  }
  const total = plans.length;
  const todo = plans.filter((p) => !already.has(p.sheet));
  const existing = todo.filter((p) => p.merged);
  if (existing.length > 0 && !req.confirmed) {
    const tabs = existing.map((p) => ({
      sheet: p.sheet,
      replaced: p.merged?.replaced ?? 0,
      keptEdited: p.merged?.keptEdited ?? 0,
      keptAdded: p.merged?.keptAdded ?? 0,
    }));
    const lines = tabs.map(
      (t) =>
        `«${t.sheet}»: ${rows(t.replaced)} надстройки будут заменены; изменённые людьми (${t.keptEdited}) и добавленные (${t.keptAdded}) сохранятся.`,
    );
    return { kind: 'confirm', message: `Дорожная карта уже есть. Обновить?\n${lines.join('\n')}`, tabs };
  }
  const messages: string[] = [];
  const written: string[] = [];
  let slowest = 0;
  for (const p of todo) {
    // Stop before a tab that might not fit in what is left of the budget; the next run continues.
    const started = budget?.elapsed() ?? 0;
    if (budget && written.length > 0 && started + slowest * 1.5 > budget.limit) break;
    const responsibles = [...ROLES, ...p.sections.flatMap((s) => s.rows.map((r) => r.responsible))];
    const blocks = [...DIRECTIONS, ...ctx.catalogue.map((a) => a.block), ...p.sections.map((s) => s.block)];
    const byCode = ownCodes.get(p.meta.owner) ?? catalogueCodes;
    const noteOf = (r: RoadmapRow) => {
      const a = r.code ? byCode.get(r.code)?.a : undefined;
      if (!a) return startNote(r, p.meta.period);
      const placed = placeActivityTerm(a, p.meta.period, today);
      return placed.start === r.start && placed.end === r.end ? placed.note : '';
    };
    writeRoadmapTab(wb, p.sheet, p.meta, { blocks, responsibles }, { sections: p.sections, previousRows: p.previousRows, noteOf });
    written.push(p.sheet);
    if (budget) slowest = Math.max(slowest, budget.elapsed() - started);
    const count = p.sections.reduce((n, s) => n + s.rows.length, 0);
    let line = `«${p.sheet}»: ${count} ${plural(count, ['мероприятие', 'мероприятия', 'мероприятий'])} в ${p.sections.length} ${plural(p.sections.length, ['блоке', 'блоках', 'блоках'])}`;
    if (p.merged)
      line += `; заменено строк надстройки: ${p.merged.replaced}, сохранено изменённых людьми: ${p.merged.keptEdited}, добавленных людьми: ${p.merged.keptAdded}`;
    messages.push(`${line}.`);
  }
  const done = [...already, ...written];
  if (written.length < todo.length) {
    const n = done.length;
    return {
      kind: 'partial',
      sheets: written,
      done,
      total,
      message:
        `Создано ${n} из ${total} ${plural(total, ['карты', 'карт', 'карт'])}; нажмите «Продолжить», чтобы создать остальные ` +
        `(Google Таблицы дают одному запуску не больше 6 минут). Уже созданные не создаются заново.\n${messages.join('\n')}`,
    };
  }
  const sheets = written;
  if (already.size > 0) messages.unshift(`Созданы раньше: ${already.size}.`);
  // Made by the current data while «ШНОР: итоги» say otherwise: said under the list of tabs.
  if (ctx.warning) messages.push(`Внимание: ${ctx.warning}`);
  return {
    kind: 'done',
    sheets,
    message: `${total === 1 ? 'Дорожная карта готова' : `Дорожные карты готовы (${total})`}:\n${messages.join('\n')}`,
  };
}
