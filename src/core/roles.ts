/**
 * Roles in the shared district workbook and the protection that follows from them. District
 * methodologists — the owner and the addresses in «Настройки ШНОР» — may change everything; a school's
 * people (its e-mails in «Школы») may edit only their school's roadmap tab; the registry, the settings,
 * the result sheet and the generated tabs are protected for everyone else. Pure: the plan is computed
 * here from the registry, the settings and the tab names, and applied through the port.
 */
import { loginKey } from './login';
import { JOURNAL_SHEET } from './journal';
import { COMPARISON_OWN_SHEET, COMPARISON_SHEET } from './objectivity';
import { REGISTRY_SHEET } from './registry';
import { SCALES_SHEET } from './scales';
import { DISTRICT_OWNER, ROADMAP_COLUMNS, ROADMAP_HEADER_ROW, ROADMAP_PREFIX } from './roadmap-sheet';
import { SETTINGS_SHEET } from './settings';

/** Every protection the add-on sets has a description starting with this; people's own stay untouched. */
export const PROTECTION_MARKER = 'ШНОР: ';

/** The tabs of the district (when they exist): only methodologists change them. */
export const DISTRICT_TABS: readonly string[] = [
  REGISTRY_SHEET,
  SETTINGS_SHEET,
  'ШНОР: итоги',
  'Показатели',
  'Показатели ОО',
  'Аналитическая справка',
  'Справочник мероприятий',
  // The objectivity input decides which results count; the comparison of criteria is the district's.
  COMPARISON_SHEET,
  COMPARISON_OWN_SHEET,
  'Сравнение критериев',
  // The district's mark scales decide where the score peaks are looked for.
  SCALES_SHEET,
  'Карточка ОО',
];

export interface SchoolPeople {
  login: string;
  name: string;
  emails: string[];
}

export interface RoleInput {
  /** Who runs the add-on (lower case), null when the spreadsheet does not say. */
  user: string | null;
  owner: string | null;
  /** From «Настройки ШНОР». */
  methodologists: readonly string[];
  schools: readonly SchoolPeople[];
}

export type Role =
  | { kind: 'methodologist'; why: 'owner' | 'listed' | 'no roles yet' }
  | { kind: 'school'; logins: string[] }
  | { kind: 'none' }
  | { kind: 'unknown' };

/** The owner first, then the listed addresses, lower case, once each. */
export function districtMethodologists(owner: string | null, listed: readonly string[]): string[] {
  const out: string[] = [];
  for (const e of [owner, ...listed]) {
    const m = (e ?? '').trim().toLowerCase();
    if (m && !out.includes(m)) out.push(m);
  }
  return out;
}

/**
 * The role of the person at the menu. While the district has named no methodologists and the owner is
 * not known (a shared drive, a file), there is nobody to tell apart: everyone with edit access is one.
 */
export function roleOf(input: RoleInput): Role {
  const user = (input.user ?? '').toLowerCase();
  const listed = districtMethodologists(null, input.methodologists);
  if (listed.length === 0 && !input.owner) return { kind: 'methodologist', why: 'no roles yet' };
  if (!user) return { kind: 'unknown' };
  if (input.owner && user === input.owner.toLowerCase()) return { kind: 'methodologist', why: 'owner' };
  if (listed.includes(user)) return { kind: 'methodologist', why: 'listed' };
  const logins = input.schools.filter((s) => s.emails.includes(user)).map((s) => s.login);
  return logins.length > 0 ? { kind: 'school', logins } : { kind: 'none' };
}

/** The Russian refusal of an action the role does not allow; null when it is allowed. */
export function districtRefusal(input: RoleInput, action: string): string | null {
  const role = roleOf(input);
  if (role.kind === 'methodologist') return null;
  const who =
    role.kind === 'unknown'
      ? 'Google не сообщил надстройке ваш адрес, поэтому она не может проверить вашу роль.'
      : role.kind === 'school'
        ? `Вы вошли как ${input.user} — ответственный за ${role.logins.length === 1 ? 'школу' : 'школы'} ${role.logins.join(', ')}: вам доступна дорожная карта своей школы.`
        : `Вы вошли как ${input.user}; этого адреса нет среди методистов района.`;
  const ask = input.owner
    ? `Если вы методист района, попросите владельца книги (${input.owner}) добавить ваш адрес в строку «Методисты района (эл. почта)» листа «${SETTINGS_SHEET}».`
    : `Если вы методист района, попросите коллегу-методиста добавить ваш адрес в строку «Методисты района (эл. почта)» листа «${SETTINGS_SHEET}».`;
  return `Это действие доступно только методистам района: «${action}».\n${who}\n${ask}`;
}

/** A protection the plan asks for: the port's Protection, plus why (for the report). */
export interface PlannedProtection {
  sheet: string;
  /** Null: the whole tab. */
  range: { row: number; col: number; rows: number; cols: number } | null;
  description: string;
  editors: string[];
  /** Warning only: anyone may edit after a warning (the journal, which the add-on appends to for everyone). */
  warningOnly?: boolean;
}

export interface ProtectionInput {
  sheets: readonly string[];
  owner: string | null;
  methodologists: readonly string[];
  schools: readonly SchoolPeople[];
  /** Each roadmap tab's owner from its row 2: a login, «район», or null when it cannot be read. */
  roadmapOwners: ReadonlyMap<string, string | null>;
  /** Sheets with the district's results (protected like the district's tabs). */
  resultSheets: readonly string[];
}

export interface ProtectionPlan {
  protections: PlannedProtection[];
  /** What a methodologist should know: tabs left to methodologists alone for want of addresses, and why. */
  notes: string[];
}

export const isRoadmapSheet = (name: string) => name.startsWith(ROADMAP_PREFIX);

/**
 * Who may edit what. District tabs and result sheets: the methodologists. A school's roadmap tab: the
 * methodologists and the school's e-mails, its title, owner and header rows the methodologists alone.
 * The district's roadmap: the methodologists. The journal: a warning to everyone (the add-on appends to
 * it for whoever runs an action). Tabs of people's own are not protected.
 */
export function protectionPlan(input: ProtectionInput): ProtectionPlan {
  const methodologists = districtMethodologists(input.owner, input.methodologists);
  // Who a protection lets in by the sheets alone (the settings and the registry), for its fingerprint: the
  // owner, whom Sheets always lets in and Google may not name, is left out of it.
  const listed = districtMethodologists(null, input.methodologists);
  const notes: string[] = [];
  const protections: PlannedProtection[] = [];
  const bySchool = new Map(input.schools.map((s) => [loginKey(s.login), s]));
  const add = (p: PlannedProtection, by: readonly string[]) => protections.push(fingerprinted(p, by));
  const district = (sheet: string): PlannedProtection => ({
    sheet,
    range: null,
    description: `${PROTECTION_MARKER}лист «${sheet}» меняют только методисты района`,
    editors: [...methodologists],
  });
  for (const sheet of input.sheets) {
    if (DISTRICT_TABS.includes(sheet) || input.resultSheets.includes(sheet)) {
      add(district(sheet), listed);
      continue;
    }
    if (sheet === JOURNAL_SHEET) {
      add(
        {
          sheet,
          range: null,
          description: `${PROTECTION_MARKER}журнал ведёт надстройка — не правьте его вручную`,
          editors: [],
          warningOnly: true,
        },
        [],
      );
      continue;
    }
    if (!isRoadmapSheet(sheet)) continue;
    const owner = input.roadmapOwners.get(sheet) ?? null;
    if (owner === null) {
      notes.push(`«${sheet}»: в строке 2 не указано, чья это дорожная карта; лист могут менять только методисты района.`);
      add({ ...district(sheet), description: `${PROTECTION_MARKER}дорожная карта «${sheet}»: только методисты района` }, listed);
      continue;
    }
    if (owner.toLowerCase() === DISTRICT_OWNER) {
      add({ ...district(sheet), description: `${PROTECTION_MARKER}дорожная карта района: только методисты района` }, listed);
      continue;
    }
    const school = bySchool.get(loginKey(owner));
    const emails = school ? school.emails.filter((e) => !methodologists.includes(e)) : [];
    if (!school) notes.push(`«${sheet}»: школы ${owner} нет в реестре «${REGISTRY_SHEET}»; лист могут менять только методисты района.`);
    else if (emails.length === 0)
      notes.push(`«${sheet}»: у школы ${owner} в реестре нет адресов ответственных; лист могут менять только методисты района.`);
    add(
      {
        sheet,
        range: null,
        description: `${PROTECTION_MARKER}дорожная карта школы ${owner}: методисты района и ответственные школы`,
        editors: [...methodologists, ...emails],
      },
      [...listed, ...(school?.emails ?? [])],
    );
    add(
      {
        sheet,
        range: { row: 0, col: 0, rows: ROADMAP_HEADER_ROW + 1, cols: ROADMAP_COLUMNS.length },
        description: `${PROTECTION_MARKER}шапка дорожной карты школы ${owner}: только методисты района`,
        editors: [...methodologists],
      },
      listed,
    );
  }
  return { protections, notes };
}

/**
 * How a protection's description ends: « [сверка 1k9x0qa]», a hash of its sheet, range, kind and the people
 * the sheets let in. Reading a description is one call in Sheets, reading a protection's range and editors
 * four more; with hundreds of roadmap tabs, an unchanged protection is known by its description alone.
 */
const FINGERPRINT = / \[сверка [0-9a-z]+\]$/;

function fingerprinted(p: PlannedProtection, people: readonly string[]): PlannedProtection {
  const who = p.warningOnly ? [] : [...new Set(people.map((e) => e.trim().toLowerCase()).filter((e) => e !== ''))].sort();
  const key = JSON.stringify([p.sheet, p.range, !!p.warningOnly, who]);
  // FNV-1a, 32 bits: a change of a name or an address changes it; no secret is kept in it.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return { ...p, description: `${p.description} [сверка ${h.toString(36)}]` };
}

/** A protection's description without its fingerprint: what a person reads in the journal. */
export function protectionText(description: string): string {
  return description.replace(FINGERPRINT, '');
}

/**
 * The refusal of a roadmap entry (adding or changing an activity) for the owners it touches — school
 * logins or «район»: methodologists may touch every roadmap, a school's people only their school's.
 */
export function roadmapRefusal(input: RoleInput, owners: readonly string[], action: string): string | null {
  const role = roleOf(input);
  if (role.kind === 'methodologist') return null;
  if (role.kind !== 'school') return districtRefusal(input, action);
  if (owners.length === 0) return `«${action}»: не указано, в дорожную карту какой школы записать мероприятие.`;
  // sch… and edu… with the same digits are one school: a registry may still say sch where the roadmap says edu.
  const own = new Set(role.logins.map(loginKey));
  const foreign = owners.filter((o) => !own.has(loginKey(o)));
  if (foreign.length === 0) return null;
  const named = foreign.map((o) => (o === DISTRICT_OWNER ? 'дорожная карта района' : o)).join(', ');
  return `Вы вошли как ${input.user} — ответственный за ${role.logins.length === 1 ? 'школу' : 'школы'} ${role.logins.join(', ')}: «${action}» доступно только для дорожной карты своей школы.\nНельзя: ${named}. Снимите отметку с чужих школ или попросите методиста района.`;
}
