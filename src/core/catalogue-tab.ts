/**
 * «Справочник мероприятий» as a tab the district edits and extends: the catalogue's columns, and reading
 * the tab back into activities — the district's own rows included — so that the roadmap proposals use
 * what the district keeps there, not only what the add-on shipped. Headers are matched forgivingly;
 * whatever cannot be read is a problem naming the sheet, row and column.
 */
import {
  CATALOGUE,
  type CatalogueActivity,
  type Level,
  levelWords,
  RISK_FACTORS,
  type RiskFactor,
  sourceActivity,
  sourceTitle,
  TARGETS,
  type Target,
} from './catalogue';
import type { Grid, Problem } from './results';
import { type CellValue, columnLetter, normalizeHeader } from './text';

export type CatalogueKey =
  | 'code'
  | 'sources'
  | 'block'
  | 'level'
  | 'activity'
  | 'term'
  | 'responsible'
  | 'result'
  | 'document'
  | 'subjects'
  | 'targets'
  | 'risks'
  | 'transition';

export interface CatalogueColumn {
  key: CatalogueKey;
  header: string;
  /** Further spellings (normalised). */
  aliases: string[];
  width: number;
}

/**
 * The tab's columns in order: the direction and the activity first (the tab opens on them), the sources'
 * own words after the canonical fields, the code last. Columns are found by header, so a district may move them.
 */
export const CATALOGUE_COLUMNS: readonly CatalogueColumn[] = [
  { key: 'block', header: 'Направление', aliases: ['блок (направление)', 'блок', 'раздел'], width: 200 },
  { key: 'activity', header: 'Мероприятие', aliases: ['мероприятия', 'наименование мероприятия'], width: 380 },
  { key: 'level', header: 'Уровень', aliases: ['чье мероприятие', 'исполнитель'], width: 90 },
  { key: 'term', header: 'Сроки', aliases: ['срок', 'сроки исполнения'], width: 130 },
  { key: 'responsible', header: 'Ответственные', aliases: ['ответственный', 'ответственные (исполнители)', 'исполнители'], width: 180 },
  { key: 'result', header: 'Ожидаемый результат', aliases: ['результат'], width: 260 },
  { key: 'document', header: 'Документ, закрепляющий результат', aliases: ['документ'], width: 200 },
  {
    key: 'sources',
    header: 'Источники (текст программ)',
    aliases: ['источники', 'источник', 'программа', 'документ-источник'],
    width: 420,
  },
  { key: 'subjects', header: 'Предметы', aliases: ['предмет', 'учебные предметы'], width: 120 },
  { key: 'targets', header: 'Целевые группы', aliases: ['целевая группа', 'для кого'], width: 140 },
  { key: 'risks', header: 'Факторы риска', aliases: ['фактор риска', 'риски'], width: 200 },
  { key: 'transition', header: 'Переход 4→5', aliases: ['переход 4-5', 'переход 4->5', 'переход в 5 класс', 'преемственность'], width: 90 },
  { key: 'code', header: 'Код', aliases: ['код мероприятия'], width: 60 },
];

export const CATALOGUE_TAB_HEADER: readonly string[] = CATALOGUE_COLUMNS.map((c) => c.header);

const LEVELS: Record<string, Level> = {
  'район и школа': 'both',
  'район, школа': 'both',
  оба: 'both',
  район: 'district',
  районный: 'district',
  муниципальный: 'district',
  муниципалитет: 'district',
  district: 'district',
  школа: 'school',
  оо: 'school',
  школьный: 'school',
  school: 'school',
};

/** The sources of a canonical activity in the programmes' own words, one per line. */
export function sourcesText(a: Pick<CatalogueActivity, 'sources'>): string {
  return a.sources
    .map((id) => {
      const s = sourceActivity(id);
      if (!s) return id;
      const details = [s.term && `срок: ${s.term}`, s.responsible && `отв.: ${s.responsible}`].filter(Boolean).join('; ');
      return `${sourceTitle(s.source)}, п. ${s.item.replace(/^#/, '')}: ${s.activity}${details ? ` (${details})` : ''}`;
    })
    .join('\n');
}

/** One activity as the tab's row. */
export function catalogueTabRow(a: CatalogueActivity): CellValue[] {
  const cells: Record<CatalogueKey, CellValue> = {
    code: a.id,
    sources: a.sources.length > 0 ? sourcesText(a) : 'Дополнено составителями каталога: в пяти программах таких мероприятий нет.',
    block: a.block,
    level: levelWords(a.level),
    activity: a.activity,
    term: a.term,
    responsible: a.responsible,
    result: a.result,
    document: a.document,
    subjects: a.subjects.join('; '),
    targets: a.targets.join('; '),
    risks: a.risks.join('; '),
    transition: a.transition ? 'да' : '',
  };
  return CATALOGUE_COLUMNS.map((c) => cells[c.key]);
}

export function headerKey(cell: CellValue): CatalogueKey | null {
  const h = normalizeHeader(cell);
  if (!h) return null;
  for (const c of CATALOGUE_COLUMNS) if (normalizeHeader(c.header) === h) return c.key;
  for (const c of CATALOGUE_COLUMNS) if (c.aliases.includes(h)) return c.key;
  if (h.startsWith('переход')) return 'transition';
  return null;
}

const text = (v: CellValue): string =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).replace(/\s+/g, ' ').trim();

const parts = (v: string) =>
  v
    .split(/[;,\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

function matchRisk(part: string): RiskFactor | undefined {
  const t = normalizeHeader(part);
  return (
    RISK_FACTORS.find((f) => normalizeHeader(f) === t) ??
    RISK_FACTORS.find((f) => normalizeHeader(f).startsWith(t) || t.startsWith(normalizeHeader(f)))
  );
}

function matchTarget(part: string): Target | undefined {
  const t = normalizeHeader(part);
  return TARGETS.find((x) => x === t) ?? TARGETS.find((x) => t.length >= 4 && (x.startsWith(t) || t.startsWith(x.slice(0, 5))));
}

function yesNo(v: CellValue): boolean | null {
  if (typeof v === 'boolean') return v;
  const t = normalizeHeader(v);
  if (t === '') return false;
  if (['да', 'д', '+', '1', 'x', 'х', 'true', 'истина', 'yes', 'v', '✓'].includes(t)) return true;
  if (['нет', 'н', '-', '0', 'false', 'ложь', 'no'].includes(t)) return false;
  return null;
}

/** A code for a row the district added without one: stable while its text stays the same. */
export function ownCode(activity: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < activity.length; i++) {
    h ^= activity.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `свой-${h.toString(36)}`;
}

export interface CatalogueTab {
  activities: CatalogueActivity[];
  problems: Problem[];
  /** 0-based column of each known column found. */
  columns: Partial<Record<CatalogueKey, number>>;
  headerRow: number;
  /** Rows of an older version, one per programme item, now sources of canonical rows: not read as activities. */
  superseded: number;
}

/**
 * Reads the tab. Rows keep the tab's order; a seed row the district edited is read as edited. Without a
 * «Переход 4→5» column (a tab written by an older version) the shipped entries keep their shipped flag.
 */
export function parseCatalogueTab(grid: Grid): CatalogueTab {
  const { sheet, values } = grid;
  const problems: Problem[] = [];
  let headerRow = -1;
  for (let r = 0; r < Math.min(values.length, 10); r++) {
    if ((values[r] ?? []).some((c) => headerKey(c) === 'activity')) {
      headerRow = r;
      break;
    }
  }
  const out: CatalogueTab = { activities: [], problems, columns: {}, headerRow, superseded: 0 };
  if (headerRow < 0) {
    problems.push({ severity: 'ошибка', sheet, row: null, column: null, value: '', message: 'не найден столбец «Мероприятие»' });
    return out;
  }
  (values[headerRow] ?? []).forEach((cell, c) => {
    const key = headerKey(cell);
    if (key && out.columns[key] === undefined) out.columns[key] = c;
  });
  const col = out.columns;
  const shipped = new Map(CATALOGUE.map((a) => [a.id, a]));
  const seen = new Map<string, number>();
  for (let r = headerRow + 1; r < values.length; r++) {
    const line = values[r] ?? [];
    if (line.every((v) => text(v) === '')) continue;
    const sheetRow = r + 1;
    const at = (k: CatalogueKey): CellValue => (col[k] === undefined ? null : line[col[k] as number]);
    const problem = (k: CatalogueKey, value: CellValue, message: string, severity: Problem['severity'] = 'предупреждение') =>
      problems.push({
        severity,
        sheet,
        row: sheetRow,
        column: col[k] === undefined ? null : columnLetter(col[k] as number),
        value: text(value),
        message,
      });
    const activity = text(at('activity'));
    if (!activity) {
      problem('activity', '', 'нет текста мероприятия: строка пропущена');
      continue;
    }
    const id = text(at('code')) || ownCode(activity);
    // A row of the version before the canonical catalogue: its programme item is a source of a canonical row.
    if (sourceActivity(id)) {
      out.superseded++;
      continue;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problem('code', id, `код уже встречался в строке ${earlier}: строка пропущена`);
      continue;
    }
    seen.set(id, sheetRow);
    const levelText = normalizeHeader(at('level'));
    let level: Level | undefined =
      LEVELS[levelText] ?? (levelText.startsWith('район') || levelText.startsWith('муницип') ? 'district' : undefined);
    if (!level) {
      level = shipped.get(id)?.level ?? 'school';
      if (levelText)
        problem(
          'level',
          at('level'),
          `уровень не распознан; ожидается «район», «школа» или «район и школа», принято «${levelWords(level)}»`,
        );
    }
    const targets: Target[] = [];
    for (const p of parts(text(at('targets')))) {
      const t = matchTarget(p);
      if (t) {
        if (!targets.includes(t)) targets.push(t);
      } else problem('targets', p, `неизвестная целевая группа; допустимы: ${TARGETS.join(', ')}`);
    }
    const risks: RiskFactor[] = [];
    for (const p of text(at('risks'))
      .split(/[;\n]/)
      .map((x) => x.trim())
      .filter(Boolean)) {
      const f = matchRisk(p);
      if (f) {
        if (!risks.includes(f)) risks.push(f);
      } else problem('risks', p, `неизвестный фактор риска; допустимы: ${RISK_FACTORS.join('; ')}`);
    }
    let transition: boolean;
    if (col.transition === undefined) transition = shipped.get(id)?.transition ?? false;
    else {
      const yn = yesNo(at('transition'));
      if (yn === null) problem('transition', at('transition'), 'ожидается «да» или пусто');
      transition = yn ?? false;
    }
    out.activities.push({
      id,
      block: text(at('block')) || 'Мероприятия района',
      level,
      activity,
      term: text(at('term')),
      responsible: text(at('responsible')),
      result: text(at('result')),
      document: text(at('document')),
      subjects: parts(text(at('subjects')).toLowerCase()),
      targets,
      risks,
      transition,
      sources: shipped.get(id)?.sources ?? [],
      planning: shipped.get(id)?.planning ?? false,
      core: shipped.get(id)?.core ?? false,
    });
  }
  return out;
}
