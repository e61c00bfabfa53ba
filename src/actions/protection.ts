/**
 * «Обновить защиту листов»: protects the district's tabs for the methodologists, each school's roadmap for
 * the methodologists and the school's registry e-mails, the journal with a warning. The plan is computed
 * from the registry, the settings and the tabs (core/roles); only the add-on's own protections (their
 * description starts with the marker) are replaced, and nothing is written when they already match.
 */
import { parseRegistry, REGISTRY_SHEET } from '../core/registry';
import { ROADMAP_META_ROW } from '../core/roadmap-sheet';
import {
  districtMethodologists,
  isRoadmapSheet,
  PROTECTION_MARKER,
  type ProtectionPlan,
  protectionPlan,
  type RoleInput,
  type SchoolPeople,
} from '../core/roles';
import { SETTINGS_SHEET } from '../core/settings';
import { plural } from '../core/text';
import type { Range, Workbook } from '../workbook/port';
import { readSourceRecord } from './analyze';
import { loadSettings } from './settings';

export type ProtectionOutcome =
  | { kind: 'done'; changed: boolean; /** Protections left for the next run. */ left: number; plan: ProtectionPlan; message: string }
  | { kind: 'failed'; message: string };

/** The schools' people from the registry tab (no tab: none). */
export function registryPeople(wb: Workbook, names: string[]): SchoolPeople[] {
  if (!names.includes(REGISTRY_SHEET)) return [];
  return parseRegistry(wb.readSheet(REGISTRY_SHEET)).schools.map((s) => ({ login: s.login, name: s.name, emails: s.emails }));
}

/** What deciding a role needs: one read of the settings and of the registry, the user and the owner. */
export function roleInput(wb: Workbook, names: string[] = wb.sheetNames()): RoleInput {
  const loaded = loadSettings(wb, names);
  return {
    user: wb.currentUser(),
    owner: wb.ownerEmail(),
    methodologists: loaded.settings.methodologists ?? [],
    schools: registryPeople(wb, names),
  };
}

/**
 * Refreshes the add-on's protections. Each roadmap tab's owner is read from its row 2 (one cell a tab);
 * a protection already as wanted is known by its description and left untouched. With `stop` (a time
 * budget, asked before each change) it may leave some for the next run, and says so: running it again
 * goes on from there, and never makes a protection twice.
 */
export function refreshProtection(wb: Workbook, stop?: () => boolean): ProtectionOutcome {
  const names = wb.sheetNames();
  const loaded = loadSettings(wb, names);
  const owner = wb.ownerEmail();
  const listed = loaded.settings.methodologists ?? [];
  if (districtMethodologists(owner, listed).length === 0) {
    return {
      kind: 'failed',
      message: `Защита не применена: не указаны методисты района. Впишите их адреса в строку «Методисты района (эл. почта)» листа «${SETTINGS_SHEET}», иначе менять книгу смог бы только владелец.`,
    };
  }
  const roadmaps = names.filter(isRoadmapSheet);
  const cells = wb.readCells(roadmaps.map((sheet) => ({ sheet, row: ROADMAP_META_ROW, col: 1 })));
  const roadmapOwners = new Map(roadmaps.map((sheet, i) => [sheet, String(cells[i] ?? '').trim() || null]));
  const plan = protectionPlan({
    sheets: names,
    owner,
    methodologists: listed,
    schools: registryPeople(wb, names),
    roadmapOwners,
    // The result sheet the settings name and the one the last check read (they may differ).
    resultSheets: [...new Set([loaded.settings.resultSheet, readSourceRecord(wb, names)?.sheet ?? ''])].filter((s) => names.includes(s)),
  });
  const changes = wb.replaceProtections(PROTECTION_MARKER, plan.protections, stop);
  // Sheets has one protection per whole sheet: a sheet a person protected as a whole keeps theirs.
  const people = new Set(changes.people);
  plan.protections = plan.protections.filter((p) => p.range !== null || !people.has(p.sheet));
  for (const sheet of changes.people)
    if (names.includes(sheet)) plan.notes.push(`«${sheet}»: лист уже защищён вручную; надстройка эту защиту не меняет.`);
  // The add-on's own protections the person running may not edit: only the owner (or their editors) can change them.
  const lockedSheets = [...new Set(changes.locked.map((p) => p.sheet))];
  if (lockedSheets.length > 0) plan.notes.push(lockedMessage(lockedSheets, owner, wb.currentUser()));
  const changed = changes.made.length + changes.removed.length > 0;
  const total = plan.protections.length;
  const tabs = new Set(plan.protections.map((p) => p.sheet)).size;
  const head =
    changes.left > 0
      ? `Защита обновлена не полностью: на месте ${total - changes.left} из ${total} ${plural(total, ['защиты', 'защит', 'защит'])} листов; ` +
        `выберите «${PROTECT_ACTION}» ещё раз — следующий запуск продолжит с того же места (Google Таблицы дают одному запуску не больше 6 минут).`
      : lockedSheets.length > 0
        ? `Защита ${changed ? 'обновлена не полностью' : 'не обновлена'}: часть листов может перезащитить только владелец книги.`
        : changed
          ? `Защита обновлена: ${tabs} ${plural(tabs, ['лист', 'листа', 'листов'])} под защитой надстройки.`
          : `Защита уже соответствует реестру и настройкам: ${tabs} ${plural(tabs, ['лист', 'листа', 'листов'])}, ничего не изменено.`;
  const who = `Методисты района: ${districtMethodologists(owner, listed).join(', ')}.`;
  return { kind: 'done', changed, left: changes.left, plan, message: [head, who, ...plan.notes].join('\n') };
}

const quoted = (sheets: readonly string[]) => sheets.map((s) => `«${s}»`).join(', ');

/** Whom to ask, in Russian: the owner by e-mail when Google names them. */
function ownerPhrase(owner: string | null): string {
  return owner ? `владельца книги (${owner})` : 'владельца книги';
}

/**
 * The Russian message for the add-on's protections that the person running may not change: they were set
 * before this person was listed (or by someone whose list leaves them out); only the owner can widen them.
 */
export function lockedMessage(sheets: readonly string[], owner: string | null, user: string | null): string {
  const who = user ? `вас (${user})` : 'вас';
  return (
    `Защиту ${sheets.length === 1 ? 'листа' : 'листов'} ${quoted(sheets)} поставили, когда ${who} ещё не было среди тех, кто может её менять, ` +
    `и теперь её может изменить только ${owner ? `владелец книги (${owner})` : 'владелец книги'}. ` +
    `Попросите ${ownerPhrase(owner)} выбрать «Расширения → ШНОР → ${PROTECT_ACTION}»: ` +
    `защита впустит всех методистов из «${SETTINGS_SHEET}» и ответственных из реестра.`
  );
}

export const PROTECT_ACTION = 'Обновить защиту листов';

/** Where an action is about to write: a whole sheet (its structure, or every cell), or a block of it. */
export type WriteTarget = string | { sheet: string; range: Range | null };

const overlaps = (a: Range, b: Range) =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

/**
 * Foresees what Sheets would refuse: the protections on the places an action is about to write that the
 * person running may not edit — a sheet's protection bars every write to it, a range's protection the
 * writes that reach its cells. Null when nothing bars the action; else the Russian message saying that
 * nothing was changed and whom to ask.
 */
export function writeRefusal(
  wb: Workbook,
  targets: readonly WriteTarget[],
  action: string,
  /** The tabs there are (read when not given). */
  names: readonly string[] = wb.sheetNames(),
): string | null {
  const writes = targets.map((t) => (typeof t === 'string' ? { sheet: t, range: null } : t)).filter((t) => names.includes(t.sheet));
  if (writes.length === 0) return null;
  const locked = wb
    .lockedProtections([...new Set(writes.map((t) => t.sheet))])
    .filter((p) => writes.some((t) => t.sheet === p.sheet && (p.range === null || t.range === null || overlaps(p.range, t.range))));
  if (locked.length === 0) return null;
  const barred = [...new Set(locked.map((p) => p.sheet))];
  const own = locked.filter((p) => p.description.startsWith(PROTECTION_MARKER));
  const user = wb.currentUser();
  const owner = wb.ownerEmail();
  const head = `«${action}»: ничего не изменено — ${barred.length === 1 ? 'лист' : 'листы'} ${quoted(barred)} под защитой, которую ${user ? `вам (${user})` : 'вам'} менять нельзя.`;
  if (own.length < locked.length)
    return `${head}\nЭту защиту поставил кто-то из коллег вручную: попросите его или ${ownerPhrase(owner)} добавить вас в редакторы защиты («Данные → Защищённые листы и диапазоны»).`;
  const methodologists = districtMethodologists(owner, loadSettings(wb, wb.sheetNames()).settings.methodologists ?? []);
  // A school's person barred from their school's roadmap: any methodologist the protection names can let them in.
  if (barred.every(isRoadmapSheet) && user && !methodologists.includes(user)) {
    const ask = methodologists.length > 0 ? `методиста района (${methodologists.join(', ')})` : ownerPhrase(owner);
    return (
      `${head}\nЗащиту ${barred.length === 1 ? 'листа' : 'листов'} ${quoted(barred)} поставили, когда вашего адреса ещё не было ` +
      `среди адресов школы в реестре «${REGISTRY_SHEET}» (или защиту с тех пор не обновляли). Попросите ${ask} ` +
      `выбрать «Расширения → ШНОР → ${PROTECT_ACTION}»: защита впустит ответственных из реестра, и мероприятие можно будет сохранить.`
    );
  }
  return `${head}\n${lockedMessage(barred, owner, user)}`;
}

/**
 * After an action made new tabs (roadmaps): the protections follow at once, within the time left, so a new
 * school roadmap is not open to every editor until someone runs «Обновить защиту листов». One line for the
 * action's message: what the refresh did, or what to run; null when the district protects nothing.
 */
export function protectNewTabs(wb: Workbook, stop: () => boolean): string | null {
  const out = refreshProtection(wb, stop);
  // No methodologists listed: the district has not set up protection, and nothing is said.
  if (out.kind === 'failed') return null;
  return out.message.split('\n')[0] as string;
}
