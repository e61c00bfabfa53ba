/**
 * Assessment procedures (ВПР, ОГЭ, ЕГЭ) and their canonical labels: `ВПР МА 5`, `ОГЭ РУ`, `ЕГЭ МА проф`.
 * Headers are matched forgivingly: `ВПр`/`ВПР`, `МА`/`Мат`/`математика`, `РУ`/`Рус`/`русский язык`.
 */
import { normalizeHeader } from './text';

export type Exam = 'ВПР' | 'ОГЭ' | 'ЕГЭ';
export type Level = 'база' | 'проф' | 'углубл';

export interface Procedure {
  exam: Exam;
  /** Two-letter subject code: МА, РУ, ОМ, ИС, … */
  subject: string;
  /** Grade for ВПР; null for ОГЭ and ЕГЭ. */
  grade: number | null;
  level: Level | null;
  /** Canonical label, the key of the procedure everywhere. */
  label: string;
}

export const SUBJECTS: ReadonlyArray<{ code: string; name: string; aliases: string[] }> = [
  { code: 'МА', name: 'математика', aliases: ['ма', 'мат', 'матем', 'математика', 'алгебра'] },
  { code: 'РУ', name: 'русский язык', aliases: ['ру', 'рус', 'русск', 'русский', 'русский язык', 'рус яз', 'русяз', 'ря'] },
  { code: 'ОМ', name: 'окружающий мир', aliases: ['ом', 'окр мир', 'окружающий мир', 'окр'] },
  { code: 'ИС', name: 'история', aliases: ['ис', 'ист', 'история'] },
  { code: 'ОБ', name: 'обществознание', aliases: ['об', 'общ', 'обществ', 'обществознание'] },
  { code: 'БИ', name: 'биология', aliases: ['би', 'био', 'биол', 'биология'] },
  { code: 'ГЕ', name: 'география', aliases: ['ге', 'гео', 'геогр', 'география'] },
  { code: 'ФИ', name: 'физика', aliases: ['фи', 'физ', 'физика'] },
  { code: 'ХИ', name: 'химия', aliases: ['хи', 'хим', 'химия'] },
  { code: 'ИН', name: 'информатика', aliases: ['ин', 'инф', 'информ', 'информатика', 'информатика и икт'] },
  { code: 'ЛИ', name: 'литература', aliases: ['ли', 'лит', 'литер', 'литература'] },
  { code: 'АЯ', name: 'английский язык', aliases: ['ая', 'англ', 'англ яз', 'английский', 'английский язык'] },
  { code: 'НЯ', name: 'немецкий язык', aliases: ['ня', 'нем', 'немецкий', 'немецкий язык'] },
];

const SUBJECT_BY_ALIAS = new Map<string, string>();
for (const s of SUBJECTS) for (const a of s.aliases) SUBJECT_BY_ALIAS.set(a, s.code);

const EXAMS = new Map<string, Exam>([
  ['впр', 'ВПР'],
  ['огэ', 'ОГЭ'],
  ['егэ', 'ЕГЭ'],
  ['гве', 'ОГЭ'],
]);
const LEVEL_WORDS: Array<[RegExp, Level]> = [
  [/^(база|баз|базов|базовая|базовый|б)$/, 'база'],
  [/^(проф|профиль|профильная|профильный|п)$/, 'проф'],
  [/^(углубл|углуб|углубленная|углубленный|угл)$/, 'углубл'],
];
const NOISE = new Set(['класс', 'кл', 'год', 'г', 'уровень', 'уровня', 'ур', 'по', 'в', 'язык']);

export function procedureLabel(p: Omit<Procedure, 'label'>): string {
  return [p.exam, p.subject, p.grade ?? '', p.level ?? ''].filter((x) => x !== '').join(' ');
}

function makeProcedure(exam: Exam, subject: string, grade: number | null, level: Level | null): Procedure {
  // Grade matters only for ВПР; «базовая» ВПР is the ordinary one, so it carries no level.
  const g = exam === 'ВПР' ? grade : null;
  let l = level;
  if (exam === 'ВПР' && l !== 'углубл') l = null;
  if (exam === 'ОГЭ') l = null;
  if (subject !== 'МА') l = null;
  const p = { exam, subject, grade: g, level: l };
  return { ...p, label: procedureLabel(p) };
}

export interface HeaderReading {
  procedure: Procedure | null;
  year: number | null;
  /** Words left over after the procedure and year were read (a metric name in one-row headers). */
  rest: string;
  /** Why it is not a procedure, when it is not. */
  problem?: string;
}

/**
 * Reads `ВПр МА 5 2019`, `ЕГЭ математика (профильная) 2020`, `ВПР МА 5 2019 % 2`.
 * `defaultExam` is used by the long layout, where the exam may be a separate column or absent (ВПР).
 */
export function readProcedureHeader(raw: unknown, defaultExam?: Exam): HeaderReading {
  const text = normalizeHeader(raw)
    .replace(/[(),;:_/\\]/g, ' ')
    .replace(/(\d)(кл|класс|г)(?=[\s.]|$)/g, '$1 $2')
    .replace(/\b(20\d\d)-(20\d\d)\b/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
  const tokens = text.split(' ').filter((t) => t !== '');
  let exam: Exam | null = null;
  let grade: number | null = null;
  let year: number | null = null;
  let level: Level | null = null;
  const words: string[] = [];
  let restStart = -1;
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i] as string;
    const t = raw.replace(/\.+$/, '');
    const named = EXAMS.get(t);
    if (exam === null && named !== undefined) {
      exam = named;
      continue;
    }
    if (/^(19|20)\d\d$/.test(t) && year === null) {
      year = Number(t);
      continue;
    }
    if (/^\d{1,2}$/.test(t) && grade === null && Number(t) >= 2 && Number(t) <= 11) {
      grade = Number(t);
      continue;
    }
    const lv = LEVEL_WORDS.find(([re]) => re.test(t));
    if (lv && words.length > 0) {
      level = lv[1];
      continue;
    }
    if (NOISE.has(t)) continue;
    if (t.startsWith('%') || /^(доля|кол-?во|средн|выс|низк|\d)/.test(t)) {
      restStart = i;
      break;
    }
    words.push(t);
  }
  const rest = restStart >= 0 ? tokens.slice(restStart).join(' ') : '';
  const examFinal = exam ?? defaultExam ?? null;
  if (examFinal === null) return { procedure: null, year, rest, problem: 'не указана процедура (ВПР, ОГЭ или ЕГЭ)' };
  const subjectWords = words.join(' ');
  let subject = SUBJECT_BY_ALIAS.get(subjectWords);
  if (subject === undefined) {
    // «русский язык» written out, «математика профильная» with the level already taken, or «мат.».
    for (let n = words.length; n > 0 && subject === undefined; n--) {
      subject = SUBJECT_BY_ALIAS.get(words.slice(0, n).join(' '));
    }
  }
  if (subject === undefined) {
    return { procedure: null, year, rest, problem: subjectWords ? `не распознан предмет «${subjectWords}»` : 'не указан предмет' };
  }
  if (examFinal === 'ВПР' && grade === null) return { procedure: null, year, rest, problem: 'для ВПР не указан класс' };
  return { procedure: makeProcedure(examFinal, subject, grade, level), year, rest };
}

/** Parses a canonical label back, for criteria that name procedures. */
export function parseProcedureLabel(label: string): Procedure | null {
  const r = readProcedureHeader(label);
  if (!r.procedure || r.year !== null || r.rest !== '') return null;
  return r.procedure;
}

/**
 * Whether a procedure is among those the criteria count. Patterns are labels (`ВПР МА 5`),
 * labels ending in `*` (`ЕГЭ МА*` covers `ЕГЭ МА база` and `ЕГЭ МА проф`), or `*` for all.
 */
export function matchesProcedure(label: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return true;
  // Asked for every result of a region (millions of times) with a few labels: each answer is kept with its
  // pattern list (criteria are data and never changed in place; a list of another length starts afresh).
  let memo = patterns === last.patterns ? last.memo : matched.get(patterns);
  if (memo === undefined || memo.length !== patterns.length) matched.set(patterns, (memo = { length: patterns.length, labels: new Map() }));
  last.patterns = patterns;
  last.memo = memo;
  let answer = memo.labels.get(label);
  if (answer === undefined) memo.labels.set(label, (answer = matchesAny(label, patterns)));
  return answer;
}

interface Memo {
  length: number;
  labels: Map<string, boolean>;
}
const matched = new WeakMap<readonly string[], Memo>();
/** The list asked last (a run asks about one list millions of times in a row). */
const last: { patterns: readonly string[] | null; memo: Memo | undefined } = { patterns: null, memo: undefined };

function matchesAny(label: string, patterns: readonly string[]): boolean {
  for (const p of patterns) {
    if (p === '*' || p === label) return true;
    if (p.endsWith('*')) {
      const prefix = p.slice(0, -1).trimEnd();
      if (label === prefix || label.startsWith(`${prefix} `)) return true;
    }
  }
  return false;
}

/** ОГЭ and ЕГЭ speak of the minimum, ВПР of the mark «2». */
export function failWording(label: string): string {
  return label.startsWith('ЕГЭ') ? 'не преодолели минимальный порог' : '«2»';
}
