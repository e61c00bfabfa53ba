/**
 * «Карточка ОО»: the card of the school chosen in the tab's dropdown (B2), drawn on the add-on's own tab.
 * The first run makes the tab with the dropdown of the district's schools and draws the first ШНОР; each
 * later run reads the choice and draws that school, replacing the tab's cells and charts. Every tab is read
 * once (results, settings, registry, comparison, pupils, the card itself, the school's roadmap); the writes
 * are a fixed number of calls, whatever the school.
 */
import { currentSchoolYear, moscowToday } from '../core/activity';
import {
  type Card,
  CARD_SHEET,
  CARD_WIDTHS,
  cardChoice,
  cardTab,
  CHOICE_CELL,
  CHOICE_LABEL,
  FILE_CHOICE_LABEL,
  schoolCard,
} from '../core/card';
import { contextDetail } from '../core/context';
import { countsProcedure } from '../core/criteria';
import { type DistrictView, districtView } from '../core/figures';
import { loginKey } from '../core/login';
import { monitorRoadmap } from '../core/monitor';
import { parseRoadmap, periodLabel, type RoadmapMeta } from '../core/roadmap-sheet';
import type { ResultTable } from '../core/results';
import { taskSettings } from '../core/settings';
import { normalizeHeader } from '../core/text';
import { type Assessment, assess, STATUSES, type Verdict } from '../core/verdict';
import type { Workbook } from '../workbook/port';
import { prepare, type StaleOutcome, staleStop, STATUS_COLORS } from './analyze';
import { type Beyond, contextStatuses, loadBeyond, windowMarkers } from './beyond';
import { moscowDate } from './report';
import { tabNamesOf, tabUnderOldName } from './roadmap-find';
import { toasting } from './toast';

/** What every card of a run is drawn from: read once. */
export interface CardData {
  names: string[];
  sheet: string;
  warning: string | null;
  table: ResultTable;
  assessment: Assessment;
  beyond: Beyond;
  district: DistrictView;
  weakMargin: number;
  now: Date;
}

export type CardDataOutcome =
  | { kind: 'ready'; data: CardData }
  | { kind: 'choose'; candidates: string[]; message: string }
  | { kind: 'failed'; message: string }
  | StaleOutcome;

export function loadCardData(wb: Workbook, options: { sheet?: string; stale?: 'ask' | 'warn'; now?: Date } = {}): CardDataOutcome {
  const ready = prepare(wb, options.sheet, { refused: 'карточка не построена', question: 'По какому построить карточку?' });
  if (ready.kind !== 'ready') return ready;
  const stop = staleStop(ready.source, options.stale);
  if (stop) return stop;
  const { table, loaded, names } = ready;
  const beyond = loadBeyond(wb, names, table, loaded.settings);
  const assessment = assess(table.schools, loaded.settings.criteria, { exclude: beyond.exclude });
  return {
    kind: 'ready',
    data: {
      names,
      sheet: ready.grid.sheet,
      warning: ready.source.warning,
      table,
      assessment,
      beyond,
      district: districtView(table.schools, table.years),
      weakMargin: taskSettings(loaded.settings).weakMargin,
      now: options.now ?? new Date(),
    },
  };
}

/** The dropdown's items: ШНОР first, then the risk zone, the others, each by name. */
export function cardChoices(a: Assessment): Verdict[] {
  return [...a.verdicts].sort(
    (x, y) =>
      STATUSES.indexOf(x.status) - STATUSES.indexOf(y.status) ||
      x.name.localeCompare(y.name, 'ru') ||
      (x.login ?? '').localeCompare(y.login ?? ''),
  );
}

/** The school a dropdown text or a login names: the item itself, a login in it, or the name alone. */
export function findVerdict(a: Assessment, text: string): Verdict | null {
  const t = text.trim();
  if (t === '') return null;
  const exact = a.verdicts.find((v) => cardChoice(v) === t);
  if (exact) return exact;
  const login = /(?:sch|edu|ksh)\d{6}/i.exec(t)?.[0];
  if (login) return a.verdicts.find((v) => v.login !== null && loginKey(v.login) === loginKey(login)) ?? null;
  const name = normalizeHeader(t);
  const named = a.verdicts.filter((v) => normalizeHeader(v.name) === name);
  return named.length === 1 ? (named[0] as Verdict) : null;
}

/** The card of one school; reads the school's roadmap tab of the current school year (one read at most, a few when renamed). */
export function cardOf(wb: Workbook, d: CardData, v: Verdict): Card {
  const a = d.assessment;
  const school = d.table.schools.find((s) => s.key === v.key);
  if (!school) throw new Error(`Нет школы ${v.key} в таблице`);
  const period = currentSchoolYear(d.now);
  const today = moscowToday(d.now);
  let roadmap: { sheet: string; counts: ReturnType<typeof monitorRoadmap>['counts'] } | null = null;
  if (v.login) {
    const login = v.login;
    const named = tabNamesOf(login, v.name, period).find((n) => d.names.includes(n));
    const found = named
      ? { sheet: named, values: wb.readSheet(named).values }
      : tabUnderOldName(
          wb,
          d.names,
          login,
          period,
          a.verdicts.flatMap((x) => (x.login ? [{ login: x.login, name: x.name }] : [])),
        );
    const parsed = found ? parseRoadmap(found.values) : null;
    if (found && parsed?.meta)
      roadmap = {
        sheet: found.sheet,
        counts: monitorRoadmap(found.sheet, parsed as typeof parsed & { meta: RoadmapMeta }, today, null).counts,
      };
  }
  const statuses = d.beyond.context ? contextStatuses(a, d.beyond) : null;
  const ctx = v.login ? d.beyond.context?.byLogin.get(loginKey(v.login)) : undefined;
  return schoolCard({
    sheet: d.sheet,
    sourceWarning: d.warning,
    assessment: a,
    verdict: v,
    school,
    district: d.district,
    counted: (p) => countsProcedure(a.criteria, p),
    context: statuses ? { status: statuses.get(v.key) ?? 'нет данных о контексте', detail: contextDetail(ctx) } : null,
    markers: windowMarkers(a, d.beyond).get(v.key) ?? [],
    pupils: { summaries: d.beyond.pupils.summaries, blocks: d.beyond.pupils.blocks, weakMargin: d.weakMargin },
    roadmap,
    period: periodLabel(period),
    date: moscowDate(d.now),
  });
}

/**
 * The card on its tab: values, weights, fills, formats, wraps, widths, three merges, the dropdown, the
 * frozen head and the charts — a fixed number of calls. `choices` null: a file of the command line, where
 * nothing redraws — no dropdown, and the line says only which school.
 */
export function writeCardTab(wb: Workbook, card: Card, v: Verdict, choices: readonly Verdict[] | null, created: boolean): void {
  const tab = cardTab(card, cardChoice(v), STATUS_COLORS[v.status], choices ? CHOICE_LABEL : FILE_CHOICE_LABEL);
  const width = CARD_WIDTHS.length;
  if (!created) wb.clearSheet(CARD_SHEET);
  // Formats before values: a category «2024» or «0» written into a plain cell would be read as a number (and a
  // chart would take the column for a series).
  wb.setNumberFormats(CARD_SHEET, 0, 0, tab.formats);
  wb.writeBlock(CARD_SHEET, 0, 0, tab.values);
  wb.setFontWeights(
    CARD_SHEET,
    0,
    0,
    tab.bold.map((b) => new Array<'bold' | 'normal'>(width).fill(b ? 'bold' : 'normal')),
  );
  wb.setBackgrounds(CARD_SHEET, 0, 0, tab.fills);
  wb.setColumnWidths(CARD_SHEET, 0, [...CARD_WIDTHS]);
  for (const m of tab.merges) wb.mergeAcross(CARD_SHEET, m);
  wb.setWraps(CARD_SHEET, 0, 0, tab.wraps);
  if (choices)
    wb.setValidation(
      CARD_SHEET,
      { row: CHOICE_CELL.row, col: CHOICE_CELL.col, rows: 1, cols: 1 },
      { kind: 'list', values: choices.map(cardChoice), strict: true },
    );
  wb.freeze(CARD_SHEET, CHOICE_CELL.row + 1, 0);
  wb.replaceCharts(
    CARD_SHEET,
    tab.charts.map((c, i) => ({ title: `Рисунок ${i + 1}. ${c.figure.title}`, range: c.range, anchor: c.anchor, figure: c.figure })),
  );
}

export type CardOutcome =
  | { kind: 'done'; school: string; login: string | null; status: string; figures: number; message: string; card: Card }
  | { kind: 'choose'; candidates: string[]; message: string }
  | { kind: 'failed'; message: string }
  | StaleOutcome;

/**
 * «Карточка ОО»: draws the card of the school chosen on the tab (`login` overrides it: the command line);
 * the first time, the tab with its dropdown and the first ШНОР (or the first school).
 */
export function drawCard(wb: Workbook, options: { sheet?: string; stale?: 'ask' | 'warn'; now?: Date; login?: string } = {}): CardOutcome {
  return toasting(
    wb,
    'Рисую карточку ОО…',
    (o) => `Карточка: ${o.school}.`,
    () => drawRun(wb, options),
  );
}

function drawRun(wb: Workbook, options: { sheet?: string; stale?: 'ask' | 'warn'; now?: Date; login?: string }): CardOutcome {
  const got = loadCardData(wb, options);
  if (got.kind !== 'ready') return got;
  const d = got.data;
  const a = d.assessment;
  const choices = cardChoices(a);
  if (choices.length === 0) return { kind: 'failed', message: `На листе «${d.sheet}» нет ни одной ОО: карточку строить не для кого.` };
  const exists = d.names.includes(CARD_SHEET);
  let v: Verdict | null;
  if (options.login !== undefined) {
    v = findVerdict(a, options.login);
    if (!v) return { kind: 'failed', message: unknownSchool(options.login, d.sheet) };
  } else if (exists) {
    const chosen = wb.readSheet(CARD_SHEET).values[CHOICE_CELL.row]?.[CHOICE_CELL.col];
    const text = chosen === null || chosen === undefined ? '' : String(chosen);
    v = text.trim() === '' ? (choices[0] as Verdict) : findVerdict(a, text);
    if (!v)
      return {
        kind: 'failed',
        message: `Лист «${CARD_SHEET}», ячейка B2: «${text}» — такой ОО нет на листе «${d.sheet}». Выберите школу из выпадающего списка и выполните «ШНОР → Карточка ОО» снова.`,
      };
  } else v = choices[0] as Verdict;
  const card = cardOf(wb, d, v);
  const { created } = wb.ensureSheet(CARD_SHEET);
  writeCardTab(wb, card, v, choices, created);
  return {
    kind: 'done',
    school: cardChoice(v),
    login: v.login,
    status: v.status,
    figures: card.sections.length,
    card,
    message:
      `Карточка ОО «${cardChoice(v)}» (${v.status}) на листе «${CARD_SHEET}»: рисунков ${card.sections.length}. ` +
      'Другую школу выберите в ячейке B2 и выполните «ШНОР → Карточка ОО» снова.',
  };
}

/** An unknown login: where logins are found. */
export function unknownSchool(login: string, sheet: string): string {
  return (
    `ОО «${login}» нет на листе «${sheet}». Логины школ — в столбце «Логин» листа «ШНОР: итоги» ` +
    '(в командной строке: shnor analyze ФАЙЛ — второй столбец таблицы, или shnor analyze ФАЙЛ --json).'
  );
}
