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
import { presumedOwner } from '../workbook/appsscript';
import type { Protection, Range, Workbook } from '../workbook/port';
import { loadSettings } from './settings';

export type ProtectionOutcome =
  { kind: 'done'; changed: boolean; plan: ProtectionPlan; message: string } | { kind: 'failed'; message: string };

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

const key = (p: Protection) =>
  JSON.stringify([p.sheet, p.range, p.description, !!p.warningOnly, p.warningOnly ? [] : [...new Set(p.editors)].sort()]);

/** Whether two sets of protections say the same (order aside). */
export function sameProtections(a: readonly Protection[], b: readonly Protection[]): boolean {
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/**
 * Refreshes the add-on's protections. With `stop` (a time budget, asked before each new protection) it
 * may leave some for the next run, and says so.
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
  const roadmapOwners = new Map<string, string | null>();
  for (const name of names.filter(isRoadmapSheet)) {
    const owner = String(wb.readSheet(name).values[ROADMAP_META_ROW]?.[1] ?? '').trim();
    roadmapOwners.set(name, owner || null);
  }
  const plan = protectionPlan({
    sheets: names,
    owner,
    methodologists: listed,
    schools: registryPeople(wb, names),
    roadmapOwners,
    resultSheets: names.includes(loaded.settings.resultSheet) ? [loaded.settings.resultSheet] : [],
  });
  // Sheets has one protection per whole sheet: a sheet a person protected as a whole keeps theirs.
  const all = wb.readProtections('');
  const own = all.filter((p) => p.description.startsWith(PROTECTION_MARKER));
  const people = new Set(all.filter((p) => !p.description.startsWith(PROTECTION_MARKER) && p.range === null).map((p) => p.sheet));
  plan.protections = plan.protections.filter((p) => p.range !== null || !people.has(p.sheet));
  for (const sheet of people)
    if (names.includes(sheet)) plan.notes.push(`«${sheet}»: лист уже защищён вручную; надстройка эту защиту не меняет.`);
  // The add-on's own protections the person running may not edit: only the owner (or their editors) can change them.
  const locked = own.filter((p) => p.locked);
  const lockedSheets = [...new Set(locked.map((p) => p.sheet))];
  const current = own.filter((p) => !p.locked);
  const mine = plan.protections.filter((p) => !locked.some((l) => l.sheet === p.sheet && sameRange(l.range, p.range)));
  const presumed = owner ?? presumedOwner(current, mine);
  const changed = !sameProtections(
    presumed ? current.map((p) => ({ ...p, editors: p.editors.filter((m) => m !== presumed) })) : current,
    mine.map((p) => ({ ...p, editors: presumed ? p.editors.filter((m) => m !== presumed) : p.editors })),
  );
  const left = changed ? wb.replaceProtections(PROTECTION_MARKER, mine, stop) : 0;
  if (locked.length > 0) plan.notes.push(lockedMessage(lockedSheets, owner, wb.currentUser()));
  const tabs = new Set(plan.protections.map((p) => p.sheet)).size;
  const head =
    left > 0
      ? `Защита обновлена не полностью: поставлено ${mine.length - left} из ${mine.length}. Выберите «${PROTECT_ACTION}» ещё раз — ` +
        'Google Таблицы дают одному запуску не больше 6 минут, следующий продолжит с того же места.'
      : locked.length > 0
        ? `Защита ${changed ? 'обновлена не полностью' : 'не обновлена'}: часть листов может перезащитить только владелец книги.`
        : changed
          ? `Защита обновлена: ${tabs} ${plural(tabs, ['лист', 'листа', 'листов'])} под защитой надстройки.`
          : `Защита уже соответствует реестру и настройкам: ${tabs} ${plural(tabs, ['лист', 'листа', 'листов'])}, ничего не изменено.`;
  const who = `Методисты района: ${districtMethodologists(owner, listed).join(', ')}.`;
  return { kind: 'done', changed, plan, message: [head, who, ...plan.notes].join('\n') };
}

const sameRange = (a: Range | null, b: Range | null) =>
  a === b || (!!a && !!b && a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols);

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

/**
 * Foresees what Sheets would refuse: the protections on the sheets an action is about to write that the
 * person running may not edit. Null when nothing bars the action; else the Russian message saying that
 * nothing was changed and whom to ask.
 */
export function writeRefusal(wb: Workbook, sheets: readonly string[], action: string): string | null {
  const names = wb.sheetNames();
  const present = [...new Set(sheets)].filter((s) => names.includes(s));
  if (present.length === 0) return null;
  const locked = wb.lockedProtections(present);
  if (locked.length === 0) return null;
  const barred = [...new Set(locked.map((p) => p.sheet))];
  const own = locked.filter((p) => p.description.startsWith(PROTECTION_MARKER));
  const user = wb.currentUser();
  const head = `«${action}»: ничего не изменено — ${barred.length === 1 ? 'лист' : 'листы'} ${quoted(barred)} под защитой, которую ${user ? `вам (${user})` : 'вам'} менять нельзя.`;
  if (own.length === locked.length) return `${head}\n${lockedMessage(barred, wb.ownerEmail(), user)}`;
  return `${head}\nЭту защиту поставил кто-то из коллег вручную: попросите его или ${ownerPhrase(wb.ownerEmail())} добавить вас в редакторы защиты («Данные → Защищённые листы и диапазоны»).`;
}
