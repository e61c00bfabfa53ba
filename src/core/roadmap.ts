/**
 * Proposing a roadmap from the catalogue: for the district (МППКО) its own measures; for a school (ШППКО)
 * the measures its verdict calls for — low maths brings the maths activities, low ВПР in grade 5 the
 * move from primary school, ГИА the exam preparation, ШНСУ the parents' and psychologists' work, and the
 * school's risk factors their measures. Every proposal says why, and the methodologist ticks and unticks.
 */
import { type CatalogueActivity, forDistrict, forSchool, type RiskFactor } from './catalogue';
import type { Status } from './verdict';

export interface SchoolProfile {
  status: Status;
  /** Canonical labels of the school's low results in the years looked at. */
  lowProcedures: string[];
  shnsu: boolean;
  risks: RiskFactor[];
}

export interface Proposal {
  activity: CatalogueActivity;
  /** Why it is proposed, in words; empty when it is offered but not ticked. */
  reasons: string[];
  selected: boolean;
}

/** What an activity is about: its text and result (not the direction's name, which is general). */
const text = (a: CatalogueActivity) => `${a.activity} ${a.result}`.toLowerCase();

interface Need {
  applies: (p: SchoolProfile) => boolean;
  matches: (a: CatalogueActivity) => boolean;
  reason: string;
  /** A district measure matching this need is offered to the school too, as one it takes part in. */
  district?: boolean;
}

/** A whole word (\b does not work with Cyrillic): «гиа» but not «коллегиальных». */
const word = (alternatives: string) => new RegExp(`(?<![а-яё])(${alternatives})(?![а-яё])`);

/**
 * Primary school and the move to grade 5, in a text the district wrote without ticking «Переход 4→5».
 * Not a bare «начальн»: «начального, основного, среднего общего образования» is about every level.
 */
const TRANSITION =
  /преемствен|адаптаци\S* (пяти|5)|пятиклассник|5[-\s]?(х\s)?класс|4[-\s]?(х\s)?класс|из начальной школы|младш\S* школьник/;

const low = (p: SchoolProfile, re: RegExp) => p.lowProcedures.some((l) => re.test(l));

const NEEDS: Need[] = [
  {
    applies: (p) => low(p, / МА/),
    matches: (a) => a.subjects.includes('математика') || /математ/.test(text(a)),
    reason: 'низкие результаты по математике',
    district: true,
  },
  {
    applies: (p) => low(p, / РУ/),
    matches: (a) => a.subjects.includes('русский язык') || /русск(ий|ому) язык/.test(text(a)),
    reason: 'низкие результаты по русскому языку',
    district: true,
  },
  {
    applies: (p) => low(p, /^ВПР .. 5\b/),
    matches: (a) => a.transition || TRANSITION.test(text(a)),
    reason: 'низкие результаты ВПР в 5 классе: переход из начальной школы в основную',
    district: true,
  },
  {
    applies: (p) => low(p, /^(ОГЭ|ЕГЭ)/),
    matches: (a) => word('гиа|огэ|егэ').test(text(a)) || /итогов(ой|ая|ую) аттестац/.test(text(a)),
    reason: 'низкие результаты ГИА',
  },
  {
    applies: (p) => low(p, /^ВПР/),
    matches: (a) => word('впр').test(text(a)) || /всероссийск(их|ие|ой|ую|ая) провероч/.test(text(a)),
    reason: 'низкие результаты ВПР',
  },
  {
    applies: (p) => p.shnsu,
    matches: (a) => a.targets.includes('родители') || /психолог/.test(`${text(a)} ${a.responsible.toLowerCase()}`),
    reason: 'неблагоприятные социальные условия (ШНСУ): работа с родителями и психологическая поддержка',
  },
];

/** Said of the core measures of every ШНОР's programme. */
export const SHNOR_CORE = 'статус ШНОР: основные меры школьной программы';

/** Said of a district measure offered to a school: the school takes part in it. */
export const DISTRICT_PART = 'мероприятие района с участием школы';

/**
 * Every measure of the catalogue a school takes part in (level «школа» or «район и школа»), ticked where
 * the profile calls for it, with every reason that applies; and the district's own measures that answer
 * a need the school measures hardly cover (a subject, the move from primary school), ticked, marked as
 * the district's measure the school takes part in. The school's management measures (its programme, its
 * report, its assessment system) go to every ШНОР.
 */
export function proposeForSchool(profile: SchoolProfile, catalogue: readonly CatalogueActivity[]): Proposal[] {
  const out: Proposal[] = [];
  for (const activity of catalogue) {
    const needs = NEEDS.filter((n) => n.applies(profile) && n.matches(activity));
    if (!forSchool(activity)) {
      if (needs.some((n) => n.district)) out.push({ activity, reasons: [...needs.map((n) => n.reason), DISTRICT_PART], selected: true });
      continue;
    }
    const reasons = needs.map((n) => n.reason);
    for (const r of activity.risks) if (profile.risks.includes(r)) reasons.push(`фактор риска: ${r}`);
    if (profile.status === 'ШНОР' && activity.core) reasons.unshift(SHNOR_CORE);
    out.push({ activity, reasons, selected: reasons.length > 0 });
  }
  return out;
}

/** Every measure the district carries out (level «район» or «район и школа»), ticked unless its block is left out. */
export function proposeForDistrict(catalogue: readonly CatalogueActivity[], blocks?: readonly string[]): Proposal[] {
  return catalogue.filter(forDistrict).map((activity) => {
    const selected = blocks === undefined || blocks.includes(activity.block);
    return { activity, reasons: selected ? ['мероприятие муниципальной программы'] : [], selected };
  });
}
