/**
 * «Карточка ОО»: one school on one page — its status and the reasons, ШНСУ / резильентная, objectivity
 * markers, and figures (core/figures) each with its numbers beside it: %«2» per procedure over the years
 * against the district and the threshold, marks 2–5 of the reference year, where per-pupil data exist the
 * primary-score histogram with the mark boundaries and task completion with weak tasks marked, and the
 * school's roadmap. Pure: `schoolCard` builds the card, `cardTab` lays it out on a tab, `cardBlocks` gives
 * it to the .docx writer as the справка's blocks.
 */
import { type Figure, figureBlock } from './chart';
import { type ContextStatus, NO_CONTEXT } from './context';
import { describeCriteria } from './criteria';
import {
  type DistrictView,
  histogramFigure,
  marksFigure,
  roadmapFigure,
  tasksFigure,
  trendFigure,
  trendProcedures,
  WEAK_SIGN,
} from './figures';
import type { Counts } from './monitor';
import type { Marker } from './objectivity';
import { type PupilSummary, summaryShares } from './pupils';
import { lowsByYear, type ReportBlock } from './report';
import type { School } from './results';
import { groupSummaries, type TaskBlock } from './tasks';
import { type CellValue, formatNumber, plural } from './text';
import type { Assessment, Verdict } from './verdict';

export const CARD_SHEET = 'Карточка ОО';

export interface CardInput {
  /** The result sheet the verdicts come from. */
  sheet: string;
  /** What differs from «ШНОР: итоги» (core/source-record), or null. */
  sourceWarning: string | null;
  assessment: Assessment;
  verdict: Verdict;
  school: School;
  district: DistrictView;
  counted: (procedure: string) => boolean;
  /** Null when the workbook has no registry «Школы». */
  context: { status: ContextStatus; detail: string } | null;
  /** Markers of the years the verdict looked at. */
  markers: Marker[];
  /** Every per-pupil summary of the district (empty without them) and the task blocks built from them. */
  pupils: { summaries: PupilSummary[]; blocks: TaskBlock[]; weakMargin: number };
  /** The school's roadmap of the period, or null when it has none; `period` is «2026/27». */
  roadmap: { sheet: string; counts: Counts } | null;
  period: string;
  /** дд.мм.гггг */
  date: string;
}

/** One figure of the card and what is said under it. */
export interface CardSection {
  /** Bold line over a group of figures («Доля «2» по годам»). */
  group: string;
  figure: Figure;
  /** A line under the numbers («* — слабое задание…»); '' when none. */
  note: string;
}

export interface Card {
  title: string;
  /** Label and text, one per line of the head. */
  facts: Array<[string, string]>;
  /** Lines said in place of figures that cannot be drawn (no per-pupil data, no marks). */
  absent: string[];
  sections: CardSection[];
}

const who = (v: Pick<Verdict, 'name' | 'login'>) => (v.login ? `${v.name} (${v.login})` : v.name);

/** What a dropdown item says for a school: «Название (логин)». */
export const cardChoice = who;

/** At most this many procedures get the per-pupil figures on a card (the others are on «Задания»). */
export const PUPIL_PROCEDURES_MAX = 3;

/**
 * The procedures whose pupils the card shows: the school's latest year of per-pupil data, the procedures
 * low that year by the verdict, the highest %«2» first (at most PUPIL_PROCEDURES_MAX); without a low one,
 * the one with the highest %«2». `left` counts the low ones left out.
 */
export function pupilProcedures(own: readonly PupilSummary[], v: Verdict): { shown: PupilSummary[]; left: number } {
  if (own.length === 0) return { shown: [], left: 0 };
  const year = Math.max(...own.map((s) => s.year));
  const worstFirst = own
    .filter((s) => s.year === year && s.participants > 0)
    .sort((a, b) => (summaryShares(b).fail ?? 0) - (summaryShares(a).fail ?? 0) || (a.procedure < b.procedure ? -1 : 1));
  const low = new Set(v.low.filter((l) => l.year === year).map((l) => l.procedure));
  const chosen = worstFirst.filter((s) => low.has(s.procedure));
  if (chosen.length === 0) return { shown: worstFirst.slice(0, 1), left: 0 };
  return { shown: chosen.slice(0, PUPIL_PROCEDURES_MAX), left: Math.max(0, chosen.length - PUPIL_PROCEDURES_MAX) };
}

export function schoolCard(c: CardInput): Card {
  const v = c.verdict;
  const a = c.assessment;
  const facts: Array<[string, string]> = [];
  facts.push(['Статус', `${v.status}${a.year === null ? '' : ` (год отсчёта ${a.year})`}`]);
  const lows = lowsByYear(v);
  const reasons = [
    ...v.ruleTexts,
    ...(lows.length > 0 ? [`Низкие результаты — ${lows.join('. ')}.`] : []),
    ...[...v.smallSamples, ...(v.excluded ?? [])].map((t) => `${t}.`),
  ];
  facts.push(['Основания', reasons.length > 0 ? reasons.join(' ') : 'Низких результатов нет.']);
  facts.push([
    'Социальный контекст',
    c.context
      ? `${c.context.status === NO_CONTEXT ? 'нет данных о контексте' : c.context.status}; ${c.context.detail}`
      : 'реестр «Школы» в книге не найден: ШНСУ и резильентность не определялись',
  ]);
  facts.push([
    'Признаки необъективности',
    c.markers.length > 0 ? c.markers.map((m) => m.text).join('; ') : 'не выявлено в годы, по которым вынесен статус',
  ]);
  facts.push([
    'Дорожная карта',
    c.roadmap ? `лист «${c.roadmap.sheet}», на ${c.date}: ${countsText(c.roadmap.counts)}` : `на ${c.period} не составлена`,
  ]);
  facts.push([
    'Источник',
    `лист «${c.sheet}»; ${describeCriteria(a.criteria).replace(/\.$/, '')}. Район — среднее по ОО района.${c.sourceWarning ? ` Внимание: ${c.sourceWarning}` : ''}`,
  ]);

  const sections: CardSection[] = [];
  const absent: string[] = [];
  for (const p of trendProcedures(
    c.school,
    v.low.map((l) => l.procedure),
    c.counted,
  ))
    sections.push({
      group: 'Доля «2» по годам: школа, район и порог',
      figure: trendFigure(c.school, p, c.district, a.criteria.threshold),
      note: '',
    });
  if (a.year !== null) {
    const marks = marksFigure(c.school, a.year, c.district);
    if (marks) sections.push({ group: `Отметки ${a.year} года`, figure: marks, note: '' });
    else
      absent.push(`Отметки «2»–«5» ${a.year} года: в таблице результатов нет долей всех отметок (только доля «2») — рисунок не строится.`);
  }
  const own = c.pupils.summaries.filter((s) => s.key === v.key);
  const { shown: chosen, left } = pupilProcedures(own, v);
  if (chosen.length === 0)
    absent.push('Индивидуальных результатов (Ф1) школы нет — распределение первичных баллов и выполнение заданий не показываются.');
  if (left > 0)
    absent.push(
      `Первичные баллы и выполнение заданий — по ${chosen.length} процедурам с наибольшей долей «2» из ${chosen.length + left} с низким результатом; все процедуры — на вкладке «Задания».`,
    );
  const groups = chosen.length > 0 ? groupSummaries(c.pupils.summaries) : [];
  for (const s of chosen) {
    const group = groups.find((g) => g[0]?.procedure === s.procedure && g[0]?.year === s.year) ?? [s];
    const hist = histogramFigure(s, group);
    if (hist)
      sections.push({
        group: 'Первичные баллы (индивидуальные результаты)',
        figure: hist,
        note:
          (hist.marks ?? []).length > 0
            ? `Границы отметок в районе (наименьший балл, получивший отметку): ${(hist.marks ?? []).map((m) => `${m.label.split(' ')[0]} — с ${m.at}`).join(', ')}; на рисунке — вертикальные линии.`
            : 'Границы отметок не определены: в районе нет участников с отметками.',
      });
    const block = c.pupils.blocks.find((b) => b.procedure === s.procedure && b.year === s.year);
    const tasks = block?.schools.find((x) => x.key === v.key);
    const fig = tasks ? tasksFigure(tasks) : null;
    if (fig)
      sections.push({
        group: 'Выполнение заданий',
        figure: fig,
        note: `${WEAK_SIGN} — слабое задание: выполнено недостаточно и на ${formatNumber(c.pupils.weakMargin)} п. п. и более ниже района.`,
      });
  }
  if (c.roadmap) sections.push({ group: 'Дорожная карта', figure: roadmapFigure(c.roadmap.counts, c.period), note: '' });
  return { title: `Карточка ОО: ${who(v)}`, facts, absent, sections };
}

const ACTIVITY: [string, string, string] = ['мероприятие', 'мероприятия', 'мероприятий'];

function countsText(k: Counts): string {
  return (
    `${k.total} ${plural(k.total, ACTIVITY)}: выполнено ${k.done}, в работе ${k.inProgress}, запланировано ${k.planned}, ` +
    `просрочено ${k.overdue}${k.cancelled ? `, отменено ${k.cancelled}` : ''}`
  );
}

/** «Рисунок 3. ВПР МА 5: доля «2», %» */
export const figureCaption = (n: number, f: Figure) => `Рисунок ${n}. ${f.title}`;

// ——— On a tab ———

/**
 * The tab's columns: the label and the figure's categories, four of series values, then the chart's place.
 * Together 836 px: an A4 page in landscape (the .xlsx prints it so).
 */
export const CARD_WIDTHS = [150, 76, 76, 76, 76, 382] as const;
/** Rows of the tab's grid a chart takes at its height (21 px a row). */
const ROW_PX = 21;
/** The dropdown: row 2, column B (0-based). */
export const CHOICE_CELL = { row: 1, col: 1 } as const;
export const CHOICE_LABEL = 'ОО (выберите и выполните «ШНОР → Карточка ОО»)';
/** The same line in a file written by the command line, where nothing redraws. */
export const FILE_CHOICE_LABEL = 'ОО';

export interface CardChart {
  figure: Figure;
  /** The numbers block (figureBlock) on the tab, 0-based. */
  range: { row: number; col: number; rows: number; cols: number };
  anchor: { row: number; col: number };
}

export interface CardTab {
  values: CellValue[][];
  bold: boolean[];
  /** Runs of rows merged across (the title, the facts' texts from column B, the lines said instead of figures): few calls. */
  merges: Array<{ row: number; col: number; rows: number; cols: number }>;
  /** Text that wraps (the merged rows); captions, group lines and notes overflow into the empty cells beside them. */
  wraps: boolean[][];
  /** Number formats of the numbers blocks («0.0» for percentages, «0» for counts, «@» for the categories). */
  formats: string[][];
  fills: (string | null)[][];
  charts: CardChart[];
}

const FACT_FILL = '#f3f3f3';
const HEADER_FILL = '#e8eaed';

/** The card laid out: title, the choice, the facts, then every figure with its caption, its numbers and its chart's place. */
export function cardTab(card: Card, choice: string, statusFill: string | null, label: string = CHOICE_LABEL): CardTab {
  const width = CARD_WIDTHS.length;
  const values: CellValue[][] = [];
  const bold: boolean[] = [];
  const wraps: boolean[][] = [];
  const formats: string[][] = [];
  const fills: (string | null)[][] = [];
  const charts: CardChart[] = [];
  const push = (cells: CellValue[], opts: { bold?: boolean; fill?: (string | null)[]; format?: string[]; wrap?: boolean } = {}) => {
    values.push(Array.from({ length: width }, (_, i) => cells[i] ?? null));
    bold.push(!!opts.bold);
    fills.push(Array.from({ length: width }, (_, i) => opts.fill?.[i] ?? null));
    formats.push(Array.from({ length: width }, (_, i) => opts.format?.[i] ?? ''));
    wraps.push(new Array<boolean>(width).fill(!!opts.wrap));
    return values.length - 1;
  };
  push([card.title], { bold: true, wrap: true });
  const merges: CardTab['merges'] = [{ row: 0, col: 0, rows: 1, cols: width }];
  push([label, choice], { bold: true, fill: [null, '#fff2cc'], wrap: true });
  for (const [label, text] of card.facts) push([label, text], { fill: [FACT_FILL, label === 'Статус' ? statusFill : null], wrap: true });
  merges.push({ row: 1, col: 1, rows: card.facts.length + 1, cols: width - 1 });
  if (card.absent.length > 0) {
    merges.push({ row: values.length, col: 0, rows: card.absent.length, cols: width });
    for (const line of card.absent) push([line], { wrap: true });
  }
  let group = '';
  card.sections.forEach((s, i) => {
    if (s.group !== group) {
      push([]);
      push([s.group], { bold: true });
      group = s.group;
    }
    push([figureCaption(i + 1, s.figure)], { bold: true });
    const block = figureBlock(s.figure);
    const first = values.length;
    const format = s.figure.axis.percent ? '0.0' : '0';
    block.forEach((row, r) =>
      push(row, {
        bold: r === 0,
        fill: r === 0 ? row.map(() => HEADER_FILL) : undefined,
        format: r === 0 ? undefined : row.map((_, c) => (c === 0 ? '@' : format)),
        wrap: r === 0,
      }),
    );
    const cols = block[0]?.length ?? 1;
    charts.push({ figure: s.figure, range: { row: first, col: 0, rows: block.length, cols }, anchor: { row: first - 1, col: width - 1 } });
    // The chart is as tall as its figure: rows below the numbers keep its place.
    const tall = Math.ceil(s.figure.size.height / ROW_PX);
    for (let k = block.length; k < tall; k++) push([]);
    if (s.note) push([s.note]);
  });
  return { values, bold, merges, wraps, formats, fills, charts };
}

// ——— In a document ———

/** The card as the справка's blocks (title, facts, numbered figures each with its numbers): for the .docx. */
export function cardBlocks(card: Card): ReportBlock[] {
  const out: ReportBlock[] = [{ kind: 'title', text: card.title }];
  for (const [label, text] of card.facts) out.push({ kind: 'paragraph', text: `${label}: ${text}` });
  for (const line of card.absent) out.push({ kind: 'paragraph', text: line });
  let group = '';
  card.sections.forEach((s, i) => {
    if (s.group !== group) {
      out.push({ kind: 'heading', text: s.group });
      group = s.group;
    }
    out.push({ kind: 'figure', figure: s.figure, caption: figureCaption(i + 1, s.figure) });
    const block = figureBlock(s.figure);
    const header = (block[0] ?? []).map((x, k) => (k === 0 ? '' : String(x ?? '')));
    const spans = docSpans(header.length);
    out.push({
      kind: 'table',
      header,
      rows: block.slice(1).map((row) => row.map((x, k) => (k === 0 ? String(x ?? '') : typeof x === 'number' ? formatNumber(x) : '—'))),
      spans,
    });
    if (s.note) out.push({ kind: 'paragraph', text: s.note });
  });
  return out;
}

/** A numbers table over the document's six columns: the categories take what the series (one column each) leave. */
function docSpans(cols: number): number[] {
  if (cols <= 1) return [6];
  if (cols === 2) return [3, 3];
  if (cols === 3) return [2, 2, 2];
  return [Math.max(1, 7 - cols), ...Array.from({ length: Math.min(cols - 1, 5) }, () => 1)];
}
