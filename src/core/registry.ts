/**
 * The school registry «Школы»: one row per school keyed by its ФИС ОКО login, with the type, urban or
 * rural, small school, pupils, the context shares ШНСУ is computed from, the school's risk factors and
 * the e-mails of the people who may edit its roadmap. Headers are matched forgivingly; every unreadable
 * cell becomes a problem naming the sheet, row and column, never a silent zero.
 */
import { LOGIN_FORM, LOGIN_PATTERN, loginKey } from './login';
import { RISK_FACTORS, type RiskFactor } from './catalogue';
import type { Grid, Problem } from './results';
import { columnLetter, normalizeHeader, parseNumberCell, type CellValue } from './text';

export const REGISTRY_SHEET = 'Школы';

/** The context shares of DOMAIN.md, in registry order. */
export type ContextKey = 'lowIncome' | 'singleParent' | 'higherEducation' | 'nonNativeRussian' | 'preventiveRegister' | 'disabilities';

export type SchoolKind = 'СОШ' | 'ООШ' | 'НОШ' | 'гимназия' | 'лицей' | 'филиал' | 'другое';
export const SCHOOL_KINDS: readonly SchoolKind[] = ['СОШ', 'ООШ', 'НОШ', 'гимназия', 'лицей', 'филиал', 'другое'];

export interface RegistryColumn {
  key: 'login' | 'name' | 'territory' | 'kind' | 'rural' | 'small' | 'pupils' | ContextKey | 'risks' | 'emails';
  header: string;
  /** What goes there: the note on the header cell. */
  note: string;
  /** Further spellings of the header (normalised, matched as prefixes). */
  aliases: string[];
  type: 'text' | 'login' | 'kind' | 'place' | 'yesno' | 'count' | 'percent' | 'risks' | 'emails';
}

export const REGISTRY_COLUMNS: readonly RegistryColumn[] = [
  {
    key: 'login',
    header: 'Логин',
    note: 'Логин ОО в ФИС ОКО, например sch771001. Ключ школы: по нему связываются результаты всех лет.',
    aliases: ['логин оо', 'логин фис око'],
    type: 'login',
  },
  {
    key: 'name',
    header: 'Название ОО',
    note: 'Полное или краткое название школы.',
    aliases: ['наименование оо', 'оо', 'название', 'наименование'],
    type: 'text',
  },
  {
    key: 'territory',
    header: 'Территория',
    note: 'Муниципалитет или населённый пункт.',
    aliases: ['муниципалитет', 'район'],
    type: 'text',
  },
  { key: 'kind', header: 'Тип ОО', note: 'СОШ, ООШ, НОШ, гимназия, лицей, филиал или другое.', aliases: ['тип', 'вид оо'], type: 'kind' },
  { key: 'rural', header: 'Местность', note: '«город» или «село».', aliases: ['город/село', 'сельская'], type: 'place' },
  {
    key: 'small',
    header: 'Малокомплектная',
    note: '«да» для малокомплектной сельской школы, иначе «нет».',
    aliases: ['мкш'],
    type: 'yesno',
  },
  {
    key: 'pupils',
    header: 'Число обучающихся',
    note: 'Число обучающихся на начало учебного года.',
    aliases: ['количество обучающихся', 'обучающихся', 'контингент'],
    type: 'count',
  },
  {
    key: 'lowIncome',
    header: 'Доля из малоимущих семей, %',
    note: 'Доля обучающихся из малоимущих семей, 0–100 %.',
    aliases: ['малоимущ', 'доля малоимущ'],
    type: 'percent',
  },
  {
    key: 'singleParent',
    header: 'Доля из неполных семей, %',
    note: 'Доля обучающихся из неполных семей, 0–100 %.',
    aliases: ['неполн', 'доля неполн'],
    type: 'percent',
  },
  {
    key: 'higherEducation',
    header: 'Доля с родителями с высшим образованием, %',
    note: 'Доля обучающихся, у которых оба родителя имеют высшее образование, 0–100 %.',
    aliases: ['высш', 'доля с родителями с высш'],
    type: 'percent',
  },
  {
    key: 'nonNativeRussian',
    header: 'Доля с неродным русским языком, %',
    note: 'Доля обучающихся, для которых русский язык не родной, 0–100 %.',
    aliases: ['неродн', 'доля с неродн'],
    type: 'percent',
  },
  {
    key: 'preventiveRegister',
    header: 'Доля на профилактическом учёте, %',
    note: 'Доля обучающихся, состоящих на профилактических учётах, 0–100 %.',
    aliases: ['учет', 'профилакт', 'доля на профилакт'],
    type: 'percent',
  },
  { key: 'disabilities', header: 'Доля с ОВЗ, %', note: 'Доля обучающихся с ОВЗ, 0–100 %.', aliases: ['овз', 'доля овз'], type: 'percent' },
  {
    key: 'risks',
    header: 'Факторы риска',
    note: `Факторы риска школы через «;»: ${RISK_FACTORS.join('; ')}.`,
    aliases: ['риски', 'рисковый профиль'],
    type: 'risks',
  },
  {
    key: 'emails',
    header: 'Эл. почта ответственных',
    note: 'Адреса тех, кто заполняет дорожную карту школы, через запятую.',
    aliases: ['эл почта', 'e-mail', 'email', 'почта', 'электронная почта'],
    type: 'emails',
  },
];

export const CONTEXT_KEYS: readonly ContextKey[] = [
  'lowIncome',
  'singleParent',
  'higherEducation',
  'nonNativeRussian',
  'preventiveRegister',
  'disabilities',
];

export interface RegistryEntry {
  login: string;
  name: string;
  territory: string;
  kind: SchoolKind | null;
  rural: boolean | null;
  small: boolean | null;
  pupils: number | null;
  /** Context shares in percent; null where the cell is empty or unreadable. */
  context: Record<ContextKey, number | null>;
  risks: RiskFactor[];
  emails: string[];
  /** 1-based sheet row. */
  row: number;
}

export interface Registry {
  sheet: string;
  /** 0-based header row, or −1 when no header was found. */
  headerRow: number;
  /** 0-based column of each known column found. */
  columns: Partial<Record<RegistryColumn['key'], number>>;
  schools: RegistryEntry[];
  problems: Problem[];
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

function headerKey(cell: CellValue): RegistryColumn['key'] | null {
  const h = normalizeHeader(cell);
  if (!h) return null;
  for (const c of REGISTRY_COLUMNS) if (normalizeHeader(c.header) === h) return c.key;
  for (const c of REGISTRY_COLUMNS) if (c.aliases.some((a) => h === a)) return c.key;
  for (const c of REGISTRY_COLUMNS) if (c.type === 'percent' && c.aliases.some((a) => h.includes(a))) return c.key;
  if (h.startsWith('логин')) return 'login';
  if (h.includes('почт') || h.includes('mail')) return 'emails';
  return null;
}

/** The registry row of headers: the first of the first ten rows that has a login column. */
function findHeader(values: CellValue[][]): number {
  for (let r = 0; r < Math.min(values.length, 10); r++) {
    if ((values[r] ?? []).some((c) => headerKey(c) === 'login')) return r;
  }
  return -1;
}

const text = (v: CellValue) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

export function normalizeLogin(raw: CellValue): string {
  return text(raw).toLowerCase().replace(/\s+/g, '');
}

function parseKind(raw: string): SchoolKind | null | 'invalid' {
  const t = normalizeHeader(raw);
  if (!t) return null;
  if (/гимнази/.test(t)) return 'гимназия';
  if (/лице/.test(t)) return 'лицей';
  if (/филиал/.test(t)) return 'филиал';
  if (/сош|средн/.test(t)) return 'СОШ';
  if (/оош|основн/.test(t)) return 'ООШ';
  if (/нош|начальн/.test(t)) return 'НОШ';
  if (/друг|иное|интернат|центр|вечерн/.test(t)) return 'другое';
  return 'invalid';
}

function parsePlace(raw: string): boolean | null | 'invalid' {
  const t = normalizeHeader(raw);
  if (!t) return null;
  if (/^(село|сельск|сел\.?|деревня|поселок|пос|с|рп)/.test(t)) return true;
  if (/^(город|городск|г\.?$|г )/.test(t)) return false;
  return 'invalid';
}

function parseYesNo(raw: CellValue): boolean | null | 'invalid' {
  if (typeof raw === 'boolean') return raw;
  const t = normalizeHeader(raw);
  if (!t) return null;
  if (['да', 'д', '1', 'yes', 'истина', 'true', '+'].includes(t)) return true;
  if (['нет', 'н', '0', 'no', 'ложь', 'false', '-'].includes(t)) return false;
  return 'invalid';
}

function parseRisks(raw: string): { risks: RiskFactor[]; unknown: string[] } {
  const risks: RiskFactor[] = [];
  const unknown: string[] = [];
  for (const part of raw.split(/[;\n]/)) {
    const t = normalizeHeader(part);
    if (!t) continue;
    const found =
      RISK_FACTORS.find((f) => normalizeHeader(f) === t) ??
      RISK_FACTORS.find((f) => normalizeHeader(f).startsWith(t) || t.startsWith(normalizeHeader(f)));
    if (found) {
      if (!risks.includes(found)) risks.push(found);
    } else unknown.push(part.trim());
  }
  return { risks, unknown };
}

/** Reads the registry from a grid. Schools without a login are reported and skipped; duplicates too. */
export function parseRegistry(grid: Grid): Registry {
  const { sheet, values } = grid;
  const problems: Problem[] = [];
  const headerRow = findHeader(values);
  const registry: Registry = { sheet, headerRow, columns: {}, schools: [], problems };
  if (headerRow < 0) {
    problems.push({
      severity: 'ошибка',
      sheet,
      row: null,
      column: null,
      value: '',
      message: 'не найден столбец «Логин»: реестр школ не прочитан',
    });
    return registry;
  }
  const header = values[headerRow] ?? [];
  header.forEach((cell, c) => {
    const key = headerKey(cell);
    if (key && registry.columns[key] === undefined) registry.columns[key] = c;
  });
  const col = registry.columns;
  const seen = new Map<string, number>();
  for (let r = headerRow + 1; r < values.length; r++) {
    const line = values[r] ?? [];
    if (line.every((v) => text(v) === '')) continue;
    const sheetRow = r + 1;
    const at = (key: RegistryColumn['key']): CellValue => (col[key] === undefined ? null : line[col[key] as number]);
    const problem = (key: RegistryColumn['key'], value: CellValue, message: string, severity: Problem['severity'] = 'ошибка') =>
      problems.push({
        severity,
        sheet,
        row: sheetRow,
        column: col[key] === undefined ? null : columnLetter(col[key] as number),
        value: text(value),
        message,
      });
    const login = normalizeLogin(at('login'));
    if (!login) {
      problem('login', at('login'), 'нет логина ОО: строка пропущена');
      continue;
    }
    if (!LOGIN_PATTERN.test(login)) problem('login', at('login'), `логин ОО не похож на логин ФИС ОКО (${LOGIN_FORM})`, 'предупреждение');
    const earlier = seen.get(loginKey(login));
    if (earlier !== undefined) {
      problem('login', at('login'), `логин уже встречался в строке ${earlier}: строка пропущена`);
      continue;
    }
    seen.set(loginKey(login), sheetRow);

    const kindRaw = text(at('kind'));
    let kind = parseKind(kindRaw);
    if (kind === 'invalid') {
      problem('kind', kindRaw, `тип ОО не распознан; ожидается ${SCHOOL_KINDS.join(', ')}`, 'предупреждение');
      kind = 'другое';
    }
    let rural = parsePlace(text(at('rural')));
    if (rural === 'invalid') {
      problem('rural', at('rural'), 'местность не распознана; ожидается «город» или «село»');
      rural = null;
    }
    let small = parseYesNo(at('small'));
    if (small === 'invalid') {
      problem('small', at('small'), 'ожидается «да» или «нет»');
      small = null;
    }
    let pupils: number | null = null;
    const pupilsCell = parseNumberCell(at('pupils'));
    if (pupilsCell.kind === 'number' && pupilsCell.value >= 0 && Number.isInteger(pupilsCell.value)) pupils = pupilsCell.value;
    else if (pupilsCell.kind === 'number' || pupilsCell.kind === 'invalid')
      problem('pupils', at('pupils'), 'число обучающихся должно быть целым неотрицательным числом');

    const context = {} as Record<ContextKey, number | null>;
    for (const key of CONTEXT_KEYS) {
      const cell = parseNumberCell(at(key));
      context[key] = null;
      if (cell.kind === 'number') {
        if (cell.value < 0 || cell.value > 100) problem(key, at(key), 'доля должна быть от 0 до 100 %');
        else context[key] = cell.value;
      } else if (cell.kind === 'invalid') problem(key, at(key), 'не число: доля не прочитана');
    }

    const { risks, unknown } = parseRisks(text(at('risks')));
    for (const u of unknown) problem('risks', u, `неизвестный фактор риска; допустимы: ${RISK_FACTORS.join('; ')}`, 'предупреждение');

    const emails: string[] = [];
    for (const part of text(at('emails')).split(/[,;\s]+/)) {
      const e = part.trim().toLowerCase();
      if (!e) continue;
      if (EMAIL.test(e)) emails.push(e);
      else problem('emails', part, 'не похоже на адрес электронной почты', 'предупреждение');
    }

    registry.schools.push({
      login,
      name: text(at('name')),
      territory: text(at('territory')),
      kind,
      rural,
      small,
      pupils,
      context,
      risks,
      emails,
      row: sheetRow,
    });
  }
  return registry;
}

/** The registry as rows under the standard header, for writing a new registry or exporting one. */
export function registryRows(schools: readonly RegistryEntry[]): CellValue[][] {
  return schools.map((s) =>
    REGISTRY_COLUMNS.map((c) => {
      switch (c.key) {
        case 'login':
          return s.login;
        case 'name':
          return s.name;
        case 'territory':
          return s.territory;
        case 'kind':
          return s.kind ?? '';
        case 'rural':
          return s.rural === null ? '' : s.rural ? 'село' : 'город';
        case 'small':
          return s.small === null ? '' : s.small ? 'да' : 'нет';
        case 'pupils':
          return s.pupils;
        case 'risks':
          return s.risks.join('; ');
        case 'emails':
          return s.emails.join(', ');
        default:
          return s.context[c.key];
      }
    }),
  );
}
