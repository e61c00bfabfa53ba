/**
 * Каталог мероприятий дорожных карт поддержки ШНОР (DOMAIN.md «Roadmaps»), в два слоя:
 * - источники: все 118 мероприятий пяти муниципальных программ / дорожных карт (seeds/000–004) дословно,
 *   по файлу данных на программу (catalogue-data/<программа>.json: текст, пункт, блок, срок, ответственные,
 *   результат, документ; поля level, subjects, targets, risks, transition — разметка составителя);
 * - канонический каталог (catalogue-data/canonical.json): близкие мероприятия разных программ слиты в одно,
 *   со списком всех источников; каждое — в одном из пяти направлений, общих для всех программ (их блоки
 *   сведены: управление и мониторинг; педагоги; обучающиеся; родители и партнёры; переход 4→5), с уровнем
 *   (район / школа / оба), ролями ответственных, ожидаемым результатом, документом и сроком без года
 *   («сентябрь», «октябрь, март», «в течение учебного года»), который дорожная карта относит к своему периоду.
 * Каждое мероприятие-источник прослеживается ровно к одному каноническому (тест test/core/catalogue.test.ts).
 * Дорожные карты и «Справочник мероприятий» строятся из канонического каталога; тексты источников остаются
 * в справочнике как происхождение.
 */
import bezhetsk from './catalogue-data/bezhetsk-2021.json';
import canonical from './catalogue-data/canonical.json';
import konakovo from './catalogue-data/konakovo-2022-2023.json';
import novokuznetsk from './catalogue-data/novokuznetsk-2020.json';
import sayansky from './catalogue-data/sayansky-2020-2022.json';
import seryshevsky from './catalogue-data/seryshevsky-2023.json';

/** На кого направлено мероприятие. */
export type Target = 'педагоги' | 'руководители' | 'обучающиеся' | 'родители';

/** Факторы риска низких результатов (проект «500+»: первые три — подтверждённые названия). */
export type RiskFactor =
  | 'низкий уровень оснащения школы'
  | 'дефицит педагогических кадров'
  | 'высокая доля обучающихся с рисками учебной неуспешности'
  | 'недостаточная предметная и методическая компетентность педагогов'
  | 'низкая учебная мотивация обучающихся'
  | 'низкий уровень вовлечённости родителей';

export const RISK_FACTORS: readonly RiskFactor[] = [
  'низкий уровень оснащения школы',
  'дефицит педагогических кадров',
  'высокая доля обучающихся с рисками учебной неуспешности',
  'недостаточная предметная и методическая компетентность педагогов',
  'низкая учебная мотивация обучающихся',
  'низкий уровень вовлечённости родителей',
];

export const TARGETS: readonly Target[] = ['педагоги', 'руководители', 'обучающиеся', 'родители'];

export interface SourceDoc {
  id: string;
  title: string;
}

/** Who carries an activity out: the municipality, a school, or both (each its own part). */
export type Level = 'district' | 'school' | 'both';

/** One activity of a programme, as printed. */
export interface SourceActivity {
  /** `${source}/${item}`, stable. */
  id: string;
  /** SourceDoc id. */
  source: string;
  /** The document's own item number without a trailing dot ('1.3', '15'); '#N' is positional where the document has none. */
  item: string;
  /** Block / direction / section / task heading the item stands under (without its number). */
  block: string;
  level: 'district' | 'school';
  activity: string;
  /** Сроки as printed ('' if none). */
  term: string;
  /** Ответственные / исполнители as printed ('' if none). */
  responsible: string;
  /** Ожидаемый результат as printed ('' if none). */
  result: string;
  /** Документ, закрепляющий результат, as printed ('' if none). */
  document: string;
  subjects: string[];
  targets: Target[];
  risks: RiskFactor[];
  transition: boolean;
}

interface SourceFile {
  id: string;
  title: string;
  seed: string;
  note: string;
  activities: Array<Omit<SourceActivity, 'id' | 'source'>>;
}

const FILES = [bezhetsk, seryshevsky, sayansky, konakovo, novokuznetsk] as unknown as SourceFile[];

export const SOURCES: readonly SourceDoc[] = FILES.map((f) => ({ id: f.id, title: f.title }));

export const SOURCE_ACTIVITIES: readonly SourceActivity[] = FILES.flatMap((f) =>
  f.activities.map((a) => ({ ...a, id: `${f.id}/${a.item}`, source: f.id })),
);

/** A canonical activity: what a roadmap row is made from, and a row of «Справочник мероприятий». */
export interface CatalogueActivity {
  /** Short stable code («У1», «П7»); for a district's own row a hash of its text. */
  id: string;
  /** The direction (one of DIRECTIONS for the shipped ones; a district may add its own). */
  block: string;
  level: Level;
  /** The activity as a roadmap shows it: no names, no years, typos corrected, ШНОР throughout. */
  activity: string;
  /** The term without a year: «сентябрь», «октябрь, март», «в течение учебного года», «по графику ОО». */
  term: string;
  /** Responsible roles, comma-separated («руководитель ОО, муниципальный координатор»). */
  responsible: string;
  result: string;
  document: string;
  /** School subjects the text names (математика, русский язык, …); empty when it is about all subjects. */
  subjects: string[];
  targets: Target[];
  risks: RiskFactor[];
  /** About primary school and the move to grade 5: proposed to a school with low ВПР in grade 5. */
  transition: boolean;
  /** SourceActivity ids it stands for; empty for an activity added by the catalogue's compilers or by the district. */
  sources: string[];
  /** Programme drafting, forming the team, analysing last year's results: at the start of the period. */
  planning: boolean;
  /**
   * The core of every ШНОР's own programme (ШППКО): drafting and reporting on it, its assessment system,
   * diagnosing teachers' needs and their training, lesson observation, pupils' plans, parents informed.
   */
  core: boolean;
}

interface CanonicalFile {
  directions: string[];
  activities: Array<Omit<CatalogueActivity, 'responsible'> & { direction: string; roles: string[] }>;
}

const CANONICAL = canonical as unknown as CanonicalFile;

/** The directions in the order every roadmap shows them. */
export const DIRECTIONS: readonly string[] = CANONICAL.directions;

export const CATALOGUE: readonly CatalogueActivity[] = CANONICAL.activities.map((a) => ({
  id: a.id,
  block: a.direction,
  level: a.level,
  activity: a.activity,
  term: a.term,
  responsible: a.roles.join(', '),
  result: a.result,
  document: a.document,
  subjects: a.subjects,
  targets: a.targets,
  risks: a.risks,
  transition: a.transition,
  sources: a.sources,
  planning: a.planning,
  core: a.core,
}));

/** Roles a roadmap names as responsible (the dropdown of «Ответственные»). */
export const ROLES: readonly string[] = [...new Set(CANONICAL.activities.flatMap((a) => a.roles))];

const sourceById = new Map(SOURCE_ACTIVITIES.map((s) => [s.id, s]));

export function sourceActivity(id: string): SourceActivity | undefined {
  return sourceById.get(id);
}

export function sourceTitle(id: string): string {
  return SOURCES.find((s) => s.id === id)?.title ?? id;
}

/** The level in words, as the catalogue tab writes it. */
export function levelWords(level: Level): string {
  return level === 'district' ? 'район' : level === 'school' ? 'школа' : 'район и школа';
}

/** Whether an activity goes into the district's roadmap / a school's. */
export const forDistrict = (a: Pick<CatalogueActivity, 'level'>) => a.level !== 'school';
export const forSchool = (a: Pick<CatalogueActivity, 'level'>) => a.level !== 'district';
