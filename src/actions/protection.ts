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
import type { Protection, Workbook } from '../workbook/port';
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

export function refreshProtection(wb: Workbook): ProtectionOutcome {
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
  const current = all.filter((p) => p.description.startsWith(PROTECTION_MARKER));
  const people = new Set(all.filter((p) => !p.description.startsWith(PROTECTION_MARKER) && p.range === null).map((p) => p.sheet));
  plan.protections = plan.protections.filter((p) => p.range !== null || !people.has(p.sheet));
  for (const sheet of people)
    if (names.includes(sheet)) plan.notes.push(`«${sheet}»: лист уже защищён вручную; надстройка эту защиту не меняет.`);
  const changed = !sameProtections(current, plan.protections);
  if (changed) wb.replaceProtections(PROTECTION_MARKER, plan.protections);
  const tabs = new Set(plan.protections.map((p) => p.sheet)).size;
  const head = changed
    ? `Защита обновлена: ${tabs} ${plural(tabs, ['лист', 'листа', 'листов'])} под защитой надстройки.`
    : `Защита уже соответствует реестру и настройкам: ${tabs} ${plural(tabs, ['лист', 'листа', 'листов'])}, ничего не изменено.`;
  const who = `Методисты района: ${districtMethodologists(owner, listed).join(', ')}.`;
  return { kind: 'done', changed, plan, message: [head, who, ...plan.notes].join('\n') };
}
