import { describe, expect, it } from 'vitest';
import { JOURNAL_SHEET } from '../../src/core/journal';
import { parseRegistry, REGISTRY_SHEET } from '../../src/core/registry';
import { districtRefusal, PROTECTION_MARKER, protectionPlan, protectionText, roadmapRefusal, roleOf } from '../../src/core/roles';
import { SETTINGS_SHEET } from '../../src/core/settings';

const registry = parseRegistry({
  sheet: REGISTRY_SHEET,
  values: [
    ['Логин', 'Название ОО', 'Эл. почта ответственных'],
    ['sch771001', 'МБОУ «Гимназия № 1»', 'director1@school.example, Zam1@School.example'],
    ['sch771002', 'МАОУ «Лицей № 2»', ''],
    ['sch771003', 'МБОУ «СОШ № 3»', 'head3@school.example; metod@rono.example'],
  ],
});
const schools = registry.schools.map((s) => ({ login: s.login, name: s.name, emails: s.emails }));
const OWNER = 'boss@rono.example';
const METHODOLOGISTS = ['metod@rono.example', 'Second@Rono.example'];

describe('roles', () => {
  const input = (user: string | null, methodologists = METHODOLOGISTS, owner: string | null = OWNER) => ({
    user,
    owner,
    methodologists,
    schools,
  });

  it('the owner and the listed addresses are methodologists; a school’s e-mails are its people', () => {
    expect(roleOf(input(OWNER))).toEqual({ kind: 'methodologist', why: 'owner' });
    expect(roleOf(input('second@rono.example'))).toEqual({ kind: 'methodologist', why: 'listed' });
    expect(roleOf(input('zam1@school.example'))).toEqual({ kind: 'school', logins: ['sch771001'] });
    expect(roleOf(input('stranger@mail.example'))).toEqual({ kind: 'none' });
    expect(roleOf(input(null))).toEqual({ kind: 'unknown' });
  });

  it('a roadmap entry: methodologists everywhere, a school’s people only into their own school’s roadmap', () => {
    const action = 'Добавить мероприятие…';
    // The registry says sch771001; a roadmap made from today's reports says edu771001: the same school.
    expect(roadmapRefusal(input('zam1@school.example'), ['edu771001'], action)).toBeNull();
    expect(roadmapRefusal(input(OWNER), ['sch771002', 'район'], action)).toBeNull();
    expect(roadmapRefusal(input('zam1@school.example'), ['sch771001'], action)).toBeNull();
    const foreign = roadmapRefusal(input('zam1@school.example'), ['sch771001', 'sch771002', 'район'], action);
    expect(foreign).toContain('Нельзя: sch771002, дорожная карта района.');
    // Whose roadmap it is must be known: an empty list is no licence.
    expect(roadmapRefusal(input('zam1@school.example'), [], action)).toContain('не указано, в дорожную карту какой школы');
    expect(roadmapRefusal(input('stranger@mail.example'), ['sch771001'], action)).toMatch(
      /^Это действие доступно только методистам района/,
    );
  });

  it('with no methodologists named and no owner known, everyone with access is one (nothing to tell apart)', () => {
    expect(roleOf(input('zam1@school.example', [], null))).toEqual({ kind: 'methodologist', why: 'no roles yet' });
    expect(roleOf(input('zam1@school.example', [], OWNER))).toEqual({ kind: 'school', logins: ['sch771001'] });
  });

  it('refuses a district action to a school editor in Russian, saying who they are and whom to ask', () => {
    expect(districtRefusal(input(OWNER), 'Проверить школы по критериям')).toBeNull();
    expect(districtRefusal(input('director1@school.example'), 'Проверить школы по критериям')).toBe(
      'Это действие доступно только методистам района: «Проверить школы по критериям».\n' +
        'Вы вошли как director1@school.example — ответственный за школу sch771001: вам доступна дорожная карта своей школы.\n' +
        `Если вы методист района, попросите владельца книги (${OWNER}) добавить ваш адрес в строку «Методисты района (эл. почта)» листа «${SETTINGS_SHEET}».`,
    );
    expect(districtRefusal(input(null), 'Обновить защиту листов')).toMatch(/Google не сообщил надстройке ваш адрес/);
  });
});

describe('the protection plan from a registry', () => {
  const sheets = [
    'Результаты',
    REGISTRY_SHEET,
    SETTINGS_SHEET,
    'ШНОР: итоги',
    'Справочник мероприятий',
    JOURNAL_SHEET,
    'ДК район 2026–27',
    'ДК Гимназия № 1 2026–27',
    'ДК Лицей № 2 2026–27',
    'ДК СОШ № 3 2026–27',
    'ДК Старая 2025–26',
    'ДК Неизвестная 2026–27',
    'Мои заметки',
  ];
  const planOf = (owner: string | null, people = schools) =>
    protectionPlan({
      sheets,
      owner,
      methodologists: METHODOLOGISTS,
      schools: people,
      roadmapOwners,
      resultSheets: ['Результаты'],
    });
  const roadmapOwners = new Map<string, string | null>([
    ['ДК район 2026–27', 'район'],
    ['ДК Гимназия № 1 2026–27', 'sch771001'],
    ['ДК Лицей № 2 2026–27', 'sch771002'],
    ['ДК СОШ № 3 2026–27', 'SCH771003'],
    ['ДК Старая 2025–26', null],
    ['ДК Неизвестная 2026–27', 'sch779999'],
  ]);
  const plan = planOf(OWNER);
  const of = (sheet: string) =>
    plan.protections.filter((p) => p.sheet === sheet).map((p) => ({ ...p, description: protectionText(p.description) }));
  const district = [OWNER, 'metod@rono.example', 'second@rono.example'];

  it('gives the district’s tabs and the results to the methodologists alone', () => {
    for (const sheet of ['Результаты', REGISTRY_SHEET, SETTINGS_SHEET, 'ШНОР: итоги', 'Справочник мероприятий'])
      expect(of(sheet)).toEqual([
        { sheet, range: null, description: `${PROTECTION_MARKER}лист «${sheet}» меняют только методисты района`, editors: district },
      ]);
  });

  it('gives a school’s roadmap to the methodologists and the school’s e-mails, its header rows to the methodologists', () => {
    expect(of('ДК Гимназия № 1 2026–27')).toEqual([
      {
        sheet: 'ДК Гимназия № 1 2026–27',
        range: null,
        description: `${PROTECTION_MARKER}дорожная карта школы sch771001: методисты района и ответственные школы`,
        editors: [...district, 'director1@school.example', 'zam1@school.example'],
      },
      {
        sheet: 'ДК Гимназия № 1 2026–27',
        range: { row: 0, col: 0, rows: 3, cols: 14 },
        description: `${PROTECTION_MARKER}шапка дорожной карты школы sch771001: только методисты района`,
        editors: district,
      },
    ]);
    // A methodologist who is also a school's contact is listed once.
    expect(of('ДК СОШ № 3 2026–27')[0]?.editors).toEqual([...district, 'head3@school.example']);
    // A roadmap owned as edu771001 (today's login) is the registry's sch771001: the school's people edit it.
    const today = protectionPlan({
      sheets: ['ДК Гимназия № 1 2026–27'],
      owner: OWNER,
      methodologists: METHODOLOGISTS,
      schools,
      roadmapOwners: new Map([['ДК Гимназия № 1 2026–27', 'edu771001']]),
      resultSheets: [],
    });
    expect(today.protections[0]?.editors).toEqual([...district, 'director1@school.example', 'zam1@school.example']);
    expect(today.notes).toEqual([]);
  });

  it('leaves to the methodologists the district’s roadmap and roadmaps whose school has no addresses', () => {
    expect(of('ДК район 2026–27')[0]?.editors).toEqual(district);
    expect(of('ДК Лицей № 2 2026–27')[0]?.editors).toEqual(district);
    expect(of('ДК Старая 2025–26')[0]?.editors).toEqual(district);
    expect(of('ДК Неизвестная 2026–27')[0]?.editors).toEqual(district);
    expect(plan.notes).toEqual([
      '«ДК Лицей № 2 2026–27»: у школы sch771002 в реестре нет адресов ответственных; лист могут менять только методисты района.',
      '«ДК Старая 2025–26»: в строке 2 не указано, чья это дорожная карта; лист могут менять только методисты района.',
      '«ДК Неизвестная 2026–27»: школы sch779999 нет в реестре «Школы»; лист могут менять только методисты района.',
    ]);
  });

  it('warns everyone off the journal instead of locking it (the add-on appends for every user), and leaves people’s tabs alone', () => {
    expect(of(JOURNAL_SHEET)).toEqual([
      {
        sheet: JOURNAL_SHEET,
        range: null,
        description: `${PROTECTION_MARKER}журнал ведёт надстройка — не правьте его вручную`,
        editors: [],
        warningOnly: true,
      },
    ]);
    expect(of('Мои заметки')).toEqual([]);
    expect(plan.protections.every((p) => p.description.startsWith(PROTECTION_MARKER))).toBe(true);
  });

  it('ends each description with a fingerprint of whom the sheets let in: the same whether Google names the owner or not, another when an address changes', () => {
    expect(plan.protections.every((p) => / \[сверка [0-9a-z]+\]$/.test(p.description))).toBe(true);
    expect(new Set(plan.protections.map((p) => p.description)).size).toBe(plan.protections.length);
    // A consumer account: Google gives the owner's e-mail as blank; nothing changes for the protections.
    expect(planOf(null).protections.map((p) => p.description)).toEqual(plan.protections.map((p) => p.description));
    const moved = planOf(
      OWNER,
      schools.map((s) => (s.login === 'sch771001' ? { ...s, emails: ['director1@school.example'] } : s)),
    );
    const changed = moved.protections.filter((p, i) => p.description !== plan.protections[i]?.description);
    expect(changed.map((p) => [p.sheet, p.range])).toEqual([['ДК Гимназия № 1 2026–27', null]]);
  });
});
