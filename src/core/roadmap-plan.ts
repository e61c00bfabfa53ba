/**
 * Generating a roadmap: the chosen activities of the catalogue as the rows of a roadmap tab, grouped in
 * block sections in catalogue order and numbered «1.1, 1.2, 2.1 …»; the programme's term kept as text in
 * «Сроки» and read into Начало / Окончание within the chosen period, with a note saying how — or why
 * there are no dates. Regenerating replaces only rows the add-on wrote and nobody touched: rows people
 * edited or added stay in their block section, and are not duplicated by what is generated anew.
 */
import { type CatalogueActivity, DIRECTIONS, sourceActivity } from './catalogue';
import {
  fingerprint,
  formatIsoDate,
  isEditedByPeople,
  type ParsedRoadmap,
  type RoadmapMeta,
  type RoadmapRow,
  type RoadmapStatus,
} from './roadmap-sheet';
import { type Period, parseTerm, placeTerm, termShape } from './terms';

/** A block section of a roadmap (the shape roadmapBody writes). */
export interface PlanSection {
  block: string;
  rows: RoadmapRow[];
}

export const GENERATED_STATUS: RoadmapStatus = 'запланировано';
/** The section for rows people added without a block and outside any section. */
export const OTHER_BLOCK = 'Прочие мероприятия';

export interface PlannedDates {
  start: string | null;
  end: string | null;
  /** For the note on «Начало»: how the dates were read from the term, or why there are none; '' when plain. */
  note: string;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const monthEnd = (y: number, m: number) => iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
const ym = (date: string) => ({ y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)) });
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const span = (p: Period) => `${formatIsoDate(p.from)}–${formatIsoDate(p.to)}`;

/** Months of [start, end] that fall in the period. */
function overlapMonths(start: string, end: string, p: Period): number {
  const a = Math.max(ym(start).y * 12 + ym(start).m, ym(p.from).y * 12 + ym(p.from).m);
  const b = Math.min(ym(end).y * 12 + ym(end).m, ym(p.to).y * 12 + ym(p.to).m);
  return Math.max(0, b - a + 1);
}

const clamp = (start: string, end: string, p: Period): [string, string] => [start < p.from ? p.from : start, end > p.to ? p.to : end];

/** The first time month `m` comes in the period, or null. */
function occurrence(m: number, p: Period): [string, string] | null {
  const from = ym(p.from);
  const y = m >= from.m ? from.y : from.y + 1;
  const start = iso(y, m, 1);
  if (start > p.to && !(y === from.y && m === from.m)) return null;
  return clamp(start, monthEnd(y, m), p);
}

/**
 * Start and end of a term within the period. The programmes' own years (2020–2024) are long past: a
 * dated term outside the period is moved into it — recurring months («май, ноябрь 2020-2022г.») to their
 * first and last time in the period, a month of a given year to the same place of the chosen school year,
 * bare years («2020-2022г.») to the whole period.
 */
export function planDates(term: string, period: Period): PlannedDates {
  const r = parseTerm(term, period);
  const quoted = term.trim() ? `«${term.trim()}» — ` : 'Срок в программе не указан — ';
  if (r.kind === 'undated') {
    const why = r.note.replace(/^Срок не указан\.\s*/, 'даты не указаны. Укажите их вручную.');
    return { start: null, end: null, note: `${quoted}${lowerFirst(why)}` };
  }
  if (r.kind === 'period') {
    const how = r.note === 'В течение всего периода.' ? 'весь период' : lowerFirst(r.note.replace(/\.$/, ''));
    return { start: r.start, end: r.end, note: `${quoted}${how}: ${span(period)}.` };
  }
  const start = r.start as string;
  const end = r.end as string;
  const shape = termShape(term);
  if (start >= period.from && end <= period.to) {
    return { start, end, note: shape.years.length === 0 ? `${quoted}месяцы отнесены к выбранному периоду.` : '' };
  }
  const whole = (why: string): PlannedDates => ({ start: period.from, end: period.to, note: `${quoted}${why}: ${span(period)}.` });
  if (shape.months.length === 0) return whole('годы программы; здесь — весь выбранный период');
  if (shape.years.length === 0 || shape.recurring) {
    const found = [...new Set(shape.months)].map((m) => occurrence(m, period)).filter((x): x is [string, string] => x !== null);
    if (found.length === 0) return whole('указанных месяцев нет в выбранном периоде; здесь — весь период');
    const s = found.map((f) => f[0]).sort()[0] as string;
    const e = found.map((f) => f[1]).sort()[found.length - 1] as string;
    const how = shape.recurring
      ? 'ежегодно в указанные месяцы; здесь — их первый и последний раз в выбранном периоде'
      : 'месяцы отнесены к выбранному периоду';
    return { start: s, end: e, note: `${quoted}${how}.` };
  }
  // A month of a given year: the same place in the chosen period. School years are aligned from August,
  // so «Август-сентябрь 2020г.» stays at the start of the year.
  const alignYear = (date: string) => (ym(date).m >= 8 ? ym(date).y : ym(date).y - 1);
  const delta = alignYear(period.from) - alignYear(start);
  const shift = (date: string, d: number) => `${Number(date.slice(0, 4)) + d}${date.slice(4)}`;
  const shiftEnd = (d: number) => monthEnd(ym(end).y + d, ym(end).m);
  // The same place; failing that (a month before the period starts) a year later or earlier.
  const best = [delta, delta + 1, delta - 1]
    .map((d) => ({ d, months: overlapMonths(shift(start, d), shiftEnd(d), period) }))
    .find((x) => x.months > 0) ?? { d: delta, months: 0 };
  if (best.months === 0) return whole('срок программы вне выбранного периода; здесь — весь период');
  const [s, e] = clamp(shift(start, best.d), shiftEnd(best.d), period);
  return { start: s, end: e, note: `${quoted}срок программы перенесён в выбранный период.` };
}

/** Renumbers the rows section by section: 1.1, 1.2, 2.1 … (the number is not part of the control mark). */
export function numberSections(sections: readonly PlanSection[]): PlanSection[] {
  return sections.map((s, i) => ({ block: s.block, rows: s.rows.map((r, j) => ({ ...r, number: `${i + 1}.${j + 1}` })) }));
}

/** The term of an activity in the period as of `today`: what «Сроки» shows, the dates and the note on «Начало». */
export function placeActivityTerm(
  a: Pick<CatalogueActivity, 'term' | 'sources'>,
  period: Period,
  today?: string,
): PlannedDates & { text: string } {
  const placed = placeTerm(a.term, period, today ?? period.from);
  const printed = [...new Set(a.sources.map((id) => sourceActivity(id)?.term ?? '').filter((t) => t !== ''))];
  const origin = printed.length > 0 ? ` Сроки в программах-источниках: ${printed.map((t) => `«${t}»`).join('; ')}.` : '';
  if (placed) return { text: placed.text, start: placed.start, end: placed.end, note: `${placed.note}${origin}`.trim() };
  // A term the district wrote with a year or in its own words: read as printed.
  const d = planDates(a.term, period);
  return { text: a.term, ...d };
}

/** One generated row: the activity, its term placed in the period, status «запланировано», the control mark. */
export function generatedRow(a: CatalogueActivity, meta: RoadmapMeta, today?: string): RoadmapRow {
  const dates = placeActivityTerm(a, meta.period, today);
  const row: Omit<RoadmapRow, 'control'> = {
    number: '',
    block: a.block,
    activity: a.activity,
    term: dates.text,
    start: dates.start,
    end: dates.end,
    responsible: a.responsible,
    result: a.result,
    document: a.document,
    status: GENERATED_STATUS,
    mark: '',
    school: meta.owner,
    code: a.id,
  };
  return { ...row, control: fingerprint(row) };
}

/**
 * The roadmap of the chosen activities: the directions in their fixed order (a district's own blocks
 * after them, in the order given), activities in the order given within each, numbered.
 */
export function planRoadmap(activities: readonly CatalogueActivity[], meta: RoadmapMeta, today?: string): PlanSection[] {
  const sections: PlanSection[] = [];
  const byBlock = new Map<string, PlanSection>();
  for (const a of activities) {
    let s = byBlock.get(a.block);
    if (!s) {
      s = { block: a.block, rows: [] };
      byBlock.set(a.block, s);
      sections.push(s);
    }
    s.rows.push(generatedRow(a, meta, today));
  }
  const rank = (block: string) => {
    const i = DIRECTIONS.indexOf(block);
    return i < 0 ? DIRECTIONS.length : i;
  };
  const ordered = sections.map((s, i) => ({ s, i })).sort((x, y) => rank(x.s.block) - rank(y.s.block) || x.i - y.i);
  return numberSections(ordered.map((x) => x.s));
}

/** The note on «Начало» for a row: how its dates came from its term, when they still do; else none. */
export function startNote(row: Pick<RoadmapRow, 'term' | 'start' | 'end'>, period: Period): string {
  const d = planDates(row.term, period);
  return d.start === row.start && d.end === row.end ? d.note : '';
}

export interface Regeneration {
  sections: PlanSection[];
  /** Rows the add-on wrote and nobody touched: replaced. */
  replaced: number;
  /** Generated rows people changed (text, dates, status, mark …): kept as they are. */
  keptEdited: number;
  /** Rows people added: kept. */
  keptAdded: number;
  /** Generated rows written. */
  written: number;
  /** Generated rows left out because a kept row has their code. */
  skipped: number;
}

/**
 * Merges a new generation into the tab as it is: untouched generated rows go, rows people edited or
 * added stay in their block section (a row without a block in the section it stands under), and a
 * generated row whose code a kept row has is not written again. Sections come in the generated order,
 * then the kept rows' other blocks in the order of the tab; rows are renumbered.
 */
export function regenerate(existing: ParsedRoadmap, generated: readonly PlanSection[]): Regeneration {
  const sectionOf = (sheetRow: number) => {
    let block = '';
    for (const s of existing.sections) if (s.sheetRow < sheetRow) block = s.block;
    return block;
  };
  const kept = existing.rows
    .filter(isEditedByPeople)
    .map((row) => ({ ...row, block: row.block || sectionOf(row.sheetRow) || OTHER_BLOCK }));
  const strip = ({ sheetRow: _, ...row }: RoadmapRow & { sheetRow: number }): RoadmapRow => row;
  const keptByCode = new Map<string, (typeof kept)[number]>();
  for (const k of kept) if (k.code && !keptByCode.has(k.code)) keptByCode.set(k.code, k);
  const blocks = [...new Set([...generated.map((s) => s.block), ...kept.map((k) => k.block)])];
  let written = 0;
  let skipped = 0;
  const sections: PlanSection[] = [];
  for (const block of blocks) {
    const fresh = generated.find((s) => s.block === block)?.rows ?? [];
    const at = new Map(fresh.map((g, i) => [g.code, i]));
    // A kept row takes the place of its code among the generated rows; one without that place follows
    // the row it followed in the tab. Rows are sorted by that place, ties in the tab's order.
    const keyed: { row: RoadmapRow; key: number; seq: number }[] = [];
    let last = -1;
    let seq = 0;
    for (const r of existing.rows) {
      const k = kept.find((x) => x.sheetRow === r.sheetRow);
      const own = r.code ? at.get(r.code) : undefined;
      if (k && k.block === block) keyed.push({ row: strip(k), key: own ?? last, seq: seq++ });
      if (own !== undefined && (k ? k.block === block : r.block === block)) last = own;
    }
    for (const g of fresh) {
      const k = g.code ? keptByCode.get(g.code) : undefined;
      if (k) {
        skipped++;
        continue;
      }
      keyed.push({ row: g, key: at.get(g.code) as number, seq: -1 });
      written++;
    }
    keyed.sort((a, b) => a.key - b.key || a.seq - b.seq);
    if (keyed.length > 0) sections.push({ block, rows: keyed.map((x) => x.row) });
  }
  const keptAdded = kept.filter((k) => !k.control).length;
  return {
    sections: numberSections(sections),
    replaced: existing.rows.length - kept.length,
    keptEdited: kept.length - keptAdded,
    keptAdded,
    written,
    skipped,
  };
}
