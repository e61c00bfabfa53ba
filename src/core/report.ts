/**
 * «Аналитическая справка»: the text a methodologist pastes into the office's document after every
 * identification — criteria, counts with shares, the list with reasons, who entered and left the list,
 * dynamics by procedure. Russian number agreement throughout (1 школа, 2 школы, 5 школ, 21 школа).
 */
import type { Figure } from './chart';
import { countsProcedure } from './criteria';
import { type DistrictView, districtTrendFigure, schoolYearFigure, statusFigure } from './figures';
import type { School } from './results';
import type { LevelRecord } from './levels';
import { type ReportTasks, tasksSection } from './tasks-report';
import { type ContextStatus, NO_CONTEXT } from './context';
import { findPreset, lowResultText, ruleText } from './criteria';
import type { Marker, ObjectivitySettings } from './objectivity';
import type { ProcedureDynamics } from './dynamics';
import { changeLine, type Effect, NOT_A_CAUSE, progressRule, signed } from './effect';
import { describeIndicatorValue, type Indicator, judgeIndicator } from './indicators';
import type { Counts } from './monitor';
import { formatNumber, plural } from './text';
import type { Assessment, Verdict } from './verdict';

const SCHOOL: [string, string, string] = ['школа', 'школы', 'школ'];
const ORG: [string, string, string] = [
  'общеобразовательная организация',
  'общеобразовательные организации',
  'общеобразовательных организаций',
];

/** «6 из 17 ОО (35 %)» */
export function shareText(n: number, total: number): string {
  const share = total === 0 ? 0 : (n / total) * 100;
  return `${n} из ${total} ОО (${formatNumber(share, 0)} %)`;
}

/** «отнесена 21 школа», «отнесены 2 школы», «отнесено 5 школ» */
export function countedSchools(n: number): string {
  const verb = plural(n, ['отнесена', 'отнесены', 'отнесено']);
  return `${verb} ${n} ${plural(n, SCHOOL)}`;
}

export interface ReportInput {
  sheet: string;
  /** What differs from «ШНОР: итоги» (core/source-record), said right under the first line; null when nothing. */
  sourceWarning?: string | null;
  assessment: Assessment;
  /** The identification a year earlier on the same data, when the data reach back far enough. */
  previous: Assessment | null;
  procedures: string[];
  years: number[];
  dynamics: ProcedureDynamics[];
  dynamicsThreshold: number;
  /** «дд.мм.гггг» */
  date: string;
  /** The programme's indicators from «Показатели», when the workbook has them. */
  indicators?: Indicator[];
  /** ШНСУ, resilient schools and objectivity markers; absent: the paragraphs are left out. */
  beyond?: ReportBeyond;
  /** The workbook's roadmaps of the period («ДК …» tabs) on the date; absent: the section is left out. */
  roadmaps?: RoadmapExecution;
  /** Last year's ШНОР beside the district (core/effect) and the share done of each one's roadmap; absent: left out. */
  effect?: { effect: Effect; done: ReadonlyMap<string, number | null> };
  /** Files with results that were not read («Прочитанные файлы»): the справка opens with the warning. */
  incomplete?: { headline: string; lines: string[] } | null;
  /** «Средние ФИС ОКО»: the reports' rows по району, по региону, по России; absent or empty: the table is left out. */
  levels?: LevelRecord[];
  /** Which parameters of «Настройки ШНОР» were not set and were taken by default (defaultsSentence); '' or absent: none. */
  settingsDefaults?: string;
  /** Tasks and score peaks from the pupils' results (core/tasks-report); absent: the section is left out. */
  tasks?: ReportTasks;
  /** The schools and the district's means the figures are drawn from; absent: no figures. */
  figures?: { view: DistrictView; schools: readonly School[] };
}

/** Up to this many ШНОР get a figure each in the справка; more are left to «Карточка ОО» (shnor card --all). */
export const SCHOOL_FIGURES_MAX = 30;

export interface ReportBeyond {
  /** Null when the workbook has no registry «Школы». */
  context: { method: string; statuses: ReadonlyMap<string, ContextStatus> } | null;
  /** Markers of the years the verdict looked at, by school key. */
  markers: ReadonlyMap<string, Marker[]>;
  objectivity: ObjectivitySettings;
  /** The comparison sheet, when the workbook has one. */
  comparisonSheet: string | null;
}

const who = (v: Verdict) => (v.login ? `${v.name} (${v.login})` : v.name);

/** The paragraphs on ШНСУ, resilient schools and objectivity. */
export function beyondParagraphs(a: Assessment, b: ReportBeyond): string[] {
  const out: string[] = [];
  if (!b.context) {
    out.push(
      'Социальный контекст: реестр школ «Школы» в книге не найден — школы, функционирующие в неблагоприятных социальных условиях (ШНСУ), и резильентные школы не определялись.',
    );
  } else {
    const status = (v: Verdict) => b.context?.statuses.get(v.key) ?? NO_CONTEXT;
    const withIndex = a.verdicts.filter((v) => status(v) !== NO_CONTEXT);
    const both = a.verdicts.filter((v) => status(v) === 'ШНОР и ШНСУ');
    const resilient = a.verdicts.filter((v) => status(v) === 'резильентная');
    const plain = a.verdicts.filter((v) => status(v) === 'ШНСУ');
    const shnsu = both.length + resilient.length + plain.length;
    const none = a.verdicts.filter((v) => status(v) === NO_CONTEXT);
    out.push(`Социальный контекст. ${b.context.method}`);
    out.push(
      `К ШНСУ ${countedSchools(shnsu)}: ${shareText(shnsu, withIndex.length)} с рассчитанным индексом. ` +
        `Одновременно ШНОР и ШНСУ — ${both.length} ${plural(both.length, SCHOOL)}${both.length ? ` (${both.map((v) => v.name).join(', ')})` : ''}; ` +
        `ШНСУ в зоне риска или без данных о результатах — ${plain.length}.`,
    );
    if (resilient.length > 0) {
      out.push(
        `Резильентные школы (низкий индекс социального благополучия, нет низких результатов) — ${resilient.length} ${plural(resilient.length, SCHOOL)}. ` +
          'Их опыт — положительная практика: его стоит изучить и распространить среди ШНОР района.',
      );
      resilient.forEach((v, i) => {
        const marked = b.markers.has(v.key) ? ' — есть признаки необъективности результатов, опыт стоит сначала подтвердить' : '';
        out.push(`${i + 1}. ${who(v)}${marked}.`);
      });
    } else out.push('Резильентных школ (низкий индекс социального благополучия, нет низких результатов) не выявлено.');
    if (none.length > 0)
      out.push(
        `Нет данных о контексте: ${none.length} ${plural(none.length, SCHOOL)} (${none.map((v) => v.name).join(', ')}) — индекс не вычислен, ` +
          'сведения нужно внести в реестр «Школы».',
      );
  }
  const o = b.objectivity;
  const marked = a.verdicts.filter((v) => b.markers.has(v.key));
  const basis =
    `доля «Повысили» более ${formatNumber(o.raisedMax)} %, «Подтвердили» менее ${formatNumber(o.confirmedMin)} %` +
    `${b.comparisonSheet ? ` (сравнение с журнальными отметками, лист «${b.comparisonSheet}»)` : ' (сравнения с журнальными отметками в книге нет)'}; ` +
    `доля высоких результатов ВПР выше средней по району на ${formatNumber(o.highExcess)} п. п. и более, не подтверждённая ОГЭ/ЕГЭ, — кроме гимназий и лицеев`;
  if (marked.length === 0) out.push(`Признаков необъективности результатов не выявлено (проверялось: ${basis}).`);
  else {
    out.push(`Признаки необъективности результатов (${basis}) — у ${marked.length} ${plural(marked.length, ['школы', 'школ', 'школ'])}:`);
    marked.forEach((v, i) => out.push(`${i + 1}. ${who(v)}: ${(b.markers.get(v.key) ?? []).map((m) => m.text).join('; ')}.`));
    out.push(
      o.countMarked
        ? 'Результаты с признаками учитываются при отнесении к ШНОР: признаки — повод проверить объективность, а не основание менять статус.'
        : 'Результаты с признаками не учитываются при отнесении к ШНОР (так задано в настройках); в основаниях каждой школы это указано.',
    );
  }
  return out;
}

/** A part of the справка: the sheet tab, the .docx file and the text all render the same blocks. */
export type ReportBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** `spans`: how many of the document's REPORT_COLUMNS each column takes (they add up to REPORT_COLUMNS.length). */
  | { kind: 'table'; header: string[]; rows: string[][]; spans: number[] }
  /** A numbered figure: `caption` is the whole line under it («Рисунок 2. Доля «2» по району, ВПР МА 5»). */
  | { kind: 'figure'; figure: Figure; caption: string };

/**
 * The document's grid: pixel widths of the columns the tab uses, together the text width of an A4 page
 * (210 mm − 30 mm − 10 mm = 170 mm ≈ 642 px). Prose spans all of them; a table's column spans one or more.
 */
export const REPORT_COLUMNS = [36, 150, 90, 90, 90, 186] as const;

export interface RoadmapExecution {
  /** «2026/27» */
  periods: string;
  roadmaps: Array<{ sheet: string; /** A school's login, or «район». */ owner: string; ownerName: string; counts: Counts }>;
}

/** A value as the справка prints it: one decimal. Changes are computed from these, so the columns add up. */
export const printed = (v: number): number => Math.round(v * 10) / 10;

/** «+1,1», «−0,5», «0» — the difference of two printed values. */
export function printedChange(before: number, after: number): string {
  const d = printed(printed(after) - printed(before));
  return `${d > 0 ? '+' : ''}${formatNumber(d)}`;
}

const RULE_NAMES: Record<'rule1' | 'rule2', string> = { rule1: '1', rule2: '2' };

function rulesCell(v: Verdict): string {
  if (v.status !== 'ШНОР') return '—';
  return v.rules.map((r) => RULE_NAMES[r]).join(' и ');
}

/** «2026: ВПР МА 5 — 35,6 %, ОГЭ МА — 36,5 %. 2025: …» — the low results by year, latest first. */
export function lowsByYear(v: Verdict): string[] {
  const years = [...new Set(v.low.map((l) => l.year))].sort((a, b) => b - a);
  const parts = years.map(
    (y) =>
      `${y}: ${v.low
        .filter((l) => l.year === y)
        .map((l) => `${l.procedure} — ${formatNumber(l.value)} %`)
        .join(', ')}`,
  );
  return parts;
}

/** The low results by year, and how many results were not counted. */
export function shortReasons(v: Verdict): string {
  const parts = lowsByYear(v);
  const extra = v.smallSamples.length + (v.excluded?.length ?? 0);
  if (extra > 0) parts.push(`не учтено: ${extra} (малая выборка или признаки необъективности)`);
  return parts.length > 0 ? `${parts.join('. ')}.` : '—';
}

/** «Правило 1 — …» stated with the numbers the list refers to. */
function criteriaBlocks(r: ReportInput): ReportBlock[] {
  const c = r.assessment.criteria;
  const a = r.assessment;
  const out: ReportBlock[] = [];
  const preset = findPreset(c.preset);
  out.push({
    kind: 'paragraph',
    text:
      `${preset ? `Применён набор критериев «${preset.name}». ` : ''}Результат оценочной процедуры считается низким, если ${lowResultText(c)}. ` +
      `Учитываются ${r.procedures.length} ${plural(r.procedures.length, ['процедура', 'процедуры', 'процедур'])}: ${r.procedures.join(', ')}.` +
      (c.minParticipants > 0 ? ` Результаты, где участников меньше ${c.minParticipants}, считаются малой выборкой и не учитываются.` : ''),
  });
  const window = a.window;
  const rules: string[] = [];
  if (c.rule1.enabled) rules.push(`Правило 1: ${ruleText(c, 'rule1', { year: a.year })}.`);
  if (c.rule2.enabled) rules.push(`Правило 2: ${ruleText(c, 'rule2', { years: window.slice(-c.rule2.years) })}.`);
  for (const t of rules) out.push({ kind: 'paragraph', text: t });
  const names = [c.rule1.enabled ? 'правило 1' : '', c.rule2.enabled ? 'правило 2' : ''].filter(Boolean);
  out.push({
    kind: 'paragraph',
    text:
      names.length === 2
        ? `Школа относится к ШНОР, если ${c.combine === 'OR' ? 'выполнено правило 1 или правило 2' : 'выполнены оба правила'}. Школа с низкими результатами, не отвечающая этому условию, — в зоне риска.`
        : `Школа относится к ШНОР, если выполнено ${names[0] ?? 'правило'}. Школа с низкими результатами, не отвечающая этому условию, — в зоне риска.`,
  });
  if (r.settingsDefaults) out.push({ kind: 'paragraph', text: r.settingsDefaults });
  return out;
}

/** Per procedure of the year: ФИС ОКО's district, region and Russia, where the reports give them. */
function levelsTable(r: ReportInput, year: number): ReportBlock | null {
  const levels = (r.levels ?? []).filter((l) => l.year === year && l.marks[0] !== null);
  if (levels.length === 0) return null;
  const procedures = [...new Set(levels.map((l) => l.procedure))].filter((p) => r.procedures.includes(p)).sort();
  if (procedures.length === 0) return null;
  const cell = (p: string, level: LevelRecord['level']) => {
    const found = levels.filter((l) => l.procedure === p && l.level === level);
    // A region's book may hold several municipalities: the district's figure only when there is one.
    return found.length === 1 ? formatNumber(found[0]?.marks[0] as number) : '—';
  };
  return {
    kind: 'table',
    header: ['Процедура', 'По району', 'По региону', 'По России'],
    rows: procedures.map((p) => [p, cell(p, 'район'), cell(p, 'регион'), cell(p, 'Россия')]),
    spans: [3, 1, 1, 1],
  };
}

function dynamicsTable(r: ReportInput, year: number): ReportBlock {
  const rows = r.dynamics.map((d) => [
    `${d.procedure}${d.procedure.startsWith('ЕГЭ') ? ' (не преодолели минимальный порог)' : ' (доля «2»)'}`,
    `${year - 1} → ${year}`,
    `${formatNumber(printed(d.before))} → ${formatNumber(printed(d.after))}`,
    printedChange(d.before, d.after),
    `${d.worse} / ${d.better} из ${d.schools}`,
  ]);
  return {
    kind: 'table',
    header: ['Процедура', 'Годы', 'Средняя по ОО, %', 'Изменение, п. п.', 'Ухудшились / улучшились, ОО'],
    rows,
    spans: [2, 1, 1, 1, 1],
  };
}

/** The справка as blocks: title, sections with headings, tables, conclusions. */
export function buildReportBlocks(r: ReportInput): ReportBlock[] {
  const a = r.assessment;
  const total = a.verdicts.length;
  const shnor = a.verdicts.filter((v) => v.status === 'ШНОР');
  const risk = a.verdicts.filter((v) => v.status === 'зона риска');
  const noData = a.verdicts.filter((v) => v.status === 'нет данных');
  const out: ReportBlock[] = [];
  const h = (text: string) => out.push({ kind: 'heading', text });
  const p = (text: string) => out.push({ kind: 'paragraph', text });
  let section = 0;
  const heading = (text: string) => h(`${++section}. ${text}`);
  // Figures are numbered in the order they stand; the text before each names its number.
  let figures = 0;
  const next = () => figures + 1;
  const figure = (f: Figure) => out.push({ kind: 'figure', figure: f, caption: `Рисунок ${++figures}. ${f.title}` });
  out.push({ kind: 'title', text: 'Аналитическая справка по итогам выявления школ с низкими образовательными результатами' });
  p(`Дата составления: ${r.date}. Источник данных: лист «${r.sheet}».`);
  if (r.sourceWarning) p(`Внимание: ${r.sourceWarning}`);
  if (r.incomplete) {
    p(
      `ВНИМАНИЕ: ${r.incomplete.headline}. Выводы ниже сделаны без данных этих файлов; прочитайте их и составьте справку снова. Не прочитаны:`,
    );
    for (const line of r.incomplete.lines) p(line);
  }

  heading('Критерии отнесения к ШНОР');
  out.push(...criteriaBlocks(r));

  heading('Итоги выявления');
  p(
    `Проанализированы результаты ${total} ${plural(total, ['общеобразовательной организации', 'общеобразовательных организаций', 'общеобразовательных организаций'])} ` +
      `по ${r.procedures.length} ${plural(r.procedures.length, ['оценочной процедуре', 'оценочным процедурам', 'оценочным процедурам'])} ` +
      `за ${r.years.join(', ')} ${r.years.length === 1 ? 'год' : 'годы'}; год отсчёта — ${a.year ?? 'нет данных'}.`,
  );
  p(
    `К школам с низкими образовательными результатами ${countedSchools(shnor.length)} из ${total} ОО (${percentOf(shnor.length, total)} %). ` +
      `В зоне риска (есть низкие результаты, но условия ШНОР не выполнены) — ${risk.length} ${plural(risk.length, SCHOOL)} (${percentOf(risk.length, total)} %).` +
      (noData.length > 0 ? ` Нет данных за год отсчёта: ${noData.length} ${plural(noData.length, ORG)}.` : ''),
  );
  if (r.figures && total > 0) {
    p(`Распределение ${total} ОО района по статусу — см. рисунок ${next()}.`);
    figure(statusFigure(a));
  }
  const listed = [...shnor, ...risk];
  if (listed.length > 0) {
    p(
      shnor.length > 0
        ? 'Перечень ШНОР и школ в зоне риска с основаниями (в основаниях — доля участников с «2» или не преодолевших минимальный порог):'
        : 'Школ, отвечающих критериям ШНОР, не выявлено. Школы в зоне риска с основаниями:',
    );
    out.push({
      kind: 'table',
      header: ['№', 'ОО', 'Статус', 'Правило', 'Основания'],
      rows: listed.map((v, i) => [String(i + 1), who(v), v.status, rulesCell(v), shortReasons(v)]),
      spans: [1, 1, 1, 1, 2],
    });
    if (r.figures && a.year !== null) {
      const each = schoolFigures(r, shnor, a.year, next());
      if (each.text) p(each.text);
      for (const f of each.figures) figure(f);
    }
  } else p('Школ, отвечающих критериям ШНОР, и школ в зоне риска не выявлено.');

  const change = listChange(r, shnor);
  heading('Изменение перечня');
  p(change.text);

  const year = a.year;
  if (r.dynamics.length > 0 && year !== null) {
    heading('Динамика результатов');
    p(
      `Средняя по ОО, у которых есть результаты за ${year - 1} и ${year} годы; изменение вычислено по приведённым значениям. ` +
        `Ухудшились или улучшились — ОО, где доля изменилась на ${formatNumber(r.dynamicsThreshold)} п. п. и более.`,
    );
    out.push(dynamicsTable(r, year));
  }
  const trend = r.figures ? districtTrendFigure(r.procedures, r.figures.view) : null;
  if (trend) {
    if (!(r.dynamics.length > 0 && year !== null)) heading('Динамика результатов');
    p(
      `Доля «2» (ЕГЭ — не преодолевших минимальный порог) по каждой процедуре за ${r.figures?.view.years.join(', ')} годы, ` +
        `среднее по ОО с результатом за год, — см. рисунок ${next()}.`,
    );
    figure(trend);
  }
  const compared = year === null ? null : levelsTable(r, year);
  if (compared) {
    heading('Сравнение с районом, регионом и Россией');
    p(
      `Доля участников с отметкой «2» в ${year} году по данным ФИС ОКО, % — строки отчётов «Статистика по отметкам»: муниципалитет ` +
        '(по району), регион (по региону), «Вся выборка» (по России). С ними сравниваются результаты школ.',
    );
    out.push(compared);
  }
  if (r.roadmaps) {
    heading('Исполнение дорожных карт');
    for (const t of executionParagraphs(r, r.roadmaps, shnor)) p(t);
  }
  if (r.effect) {
    heading('Эффективность программы');
    out.push(...effectBlocks(r.effect.effect, r.effect.done));
  }
  if (r.beyond) {
    heading('Социальный контекст и объективность результатов');
    for (const t of beyondParagraphs(a, r.beyond)) p(t);
  }
  if (r.tasks) {
    heading('Выполнение заданий и распределение баллов');
    out.push(...tasksSection(r.tasks));
  }
  const judged = (r.indicators ?? []).map((ind) => ({ ind, j: judgeIndicator(ind, a.year) }));
  if (judged.length > 0) {
    heading('Показатели программы');
    out.push({
      kind: 'table',
      header: ['№', 'Показатель', 'План', 'Факт', 'Статус'],
      rows: judged.map(({ ind, j }, i) => [
        String(i + 1),
        `${ind.name}${j.year === null ? '' : ` (${j.year})`}`,
        j.plan === null
          ? 'не задан'
          : `${describeIndicatorValue(j.plan, ind.unit)}${j.planYear !== j.year ? ` (план на ${j.planYear})` : ''}`,
        j.actual === null ? 'не внесён' : describeIndicatorValue(j.actual, ind.unit),
        j.status,
      ]),
      spans: [1, 2, 1, 1, 1],
    });
  }
  heading('Выводы');
  for (const t of conclusions(
    r,
    shnor,
    change,
    judged.map((x) => ({ name: x.ind.name, status: x.j.status })),
  ))
    p(t);
  return out;
}

function percentOf(n: number, total: number): string {
  return formatNumber(total === 0 ? 0 : (n / total) * 100, 0);
}

interface ListChange {
  text: string;
  entered: Verdict[];
  left: Verdict[];
  previousYear: number | null;
}

function names(vs: Verdict[]): string {
  return vs.map((v) => v.name).join(', ');
}

function listChange(r: ReportInput, shnor: Verdict[]): ListChange {
  if (!r.previous || r.previous.year === null)
    return { text: 'Предыдущего выявления в данных нет: сравнение перечней не проводится.', entered: [], left: [], previousYear: null };
  const before = new Set(r.previous.verdicts.filter((v) => v.status === 'ШНОР').map((v) => v.key));
  const now = new Set(shnor.map((v) => v.key));
  const entered = shnor.filter((v) => !before.has(v.key));
  const left = r.previous.verdicts.filter((v) => v.status === 'ШНОР' && !now.has(v.key));
  const stayed = shnor.length - entered.length;
  const text =
    `По тем же критериям на данных ${r.previous.year} года к ШНОР ${plural(before.size, ['была', 'были', 'было'])} ${countedSchools(before.size)} из ${r.previous.verdicts.length} ОО. ` +
    `Вошли в перечень — ${entered.length} ${plural(entered.length, SCHOOL)}${entered.length ? ` (${names(entered)})` : ''}; ` +
    `вышли из перечня — ${left.length} ${plural(left.length, SCHOOL)}${left.length ? ` (${names(left)})` : ''}; ` +
    `остались — ${stayed} ${plural(stayed, SCHOOL)}.`;
  return { text, entered, left, previousYear: r.previous.year };
}

/** Conclusions: sentences built from the figures above, each only when its figures exist. */
function conclusions(r: ReportInput, shnor: Verdict[], change: ListChange, indicators: Array<{ name: string; status: string }>): string[] {
  const a = r.assessment;
  const total = a.verdicts.length;
  const out: string[] = [];
  let list = `В ${a.year ?? '—'} году к ШНОР ${countedSchools(shnor.length)} — ${percentOf(shnor.length, total)} % ОО района.`;
  if (change.previousYear !== null) {
    if (change.entered.length === 0 && change.left.length === 0)
      list += ` Перечень по сравнению с ${change.previousYear} годом не изменился.`;
    else {
      const parts: string[] = [];
      if (change.entered.length) parts.push(`впервые вошли ${change.entered.length} (${names(change.entered)})`);
      if (change.left.length) parts.push(`вышли ${change.left.length} (${names(change.left)})`);
      list += ` По сравнению с ${change.previousYear} годом ${parts.join(', ')}.`;
    }
  }
  out.push(list);
  if (r.dynamics.length > 0) {
    const delta = (d: ProcedureDynamics) => printed(printed(d.after) - printed(d.before));
    const worse = r.dynamics.filter((d) => delta(d) > 0);
    const better = r.dynamics.filter((d) => delta(d) < 0);
    const fmt = (ds: ProcedureDynamics[]) => ds.map((d) => `${d.procedure} (${printedChange(d.before, d.after)} п. п.)`).join(', ');
    const parts: string[] = [];
    if (worse.length)
      parts.push(`выросла по ${worse.length} ${plural(worse.length, ['процедуре', 'процедурам', 'процедурам'])}: ${fmt(worse)}`);
    if (better.length)
      parts.push(`снизилась по ${better.length} ${plural(better.length, ['процедуре', 'процедурам', 'процедурам'])}: ${fmt(better)}`);
    const same = r.dynamics.length - worse.length - better.length;
    if (same > 0) parts.push(`не изменилась по ${same}`);
    out.push(`Средняя доля низких отметок ${parts.join('; ')}.`);
    const marked = r.dynamics.filter((d) => d.worse > 0);
    if (marked.length > 0)
      out.push(
        `Существенное ухудшение (на ${formatNumber(r.dynamicsThreshold)} п. п. и более) — ${marked.map((d) => `${d.procedure}: ${d.worse} ОО`).join(', ')}; этим процедурам нужно особое внимание.`,
      );
  }
  const count = (status: string) => indicators.filter((i) => i.status === status).length;
  const missed = indicators.filter((i) => i.status === 'не достигнуто');
  const reached = indicators.filter((i) => i.status === 'достигнуто');
  if (indicators.length > 0)
    out.push(
      `Из ${indicators.length} ${plural(indicators.length, ['показателя', 'показателей', 'показателей'])} программы достигнуто ${reached.length}, не достигнуто ${missed.length}` +
        `${missed.length ? ` (${missed.map((i) => `«${i.name.length > 80 ? `${i.name.slice(0, 79)}…` : i.name}»`).join(', ')})` : ''}` +
        `${count('план не задан') ? `; у ${count('план не задан')} план не задан — их стоит дополнить плановыми значениями` : ''}` +
        `${count('нет данных') ? `; по ${count('нет данных')} не внесён факт` : ''}.`,
    );
  return out;
}

const ACTIVITY: [string, string, string] = ['мероприятие', 'мероприятия', 'мероприятий'];
const ROADMAP: [string, string, string] = ['дорожная карта', 'дорожные карты', 'дорожных карт'];

/** «Исполнение дорожных карт»: the totals on the date, the share done of what fell due, who is behind, who has none. */
function executionParagraphs(r: ReportInput, e: RoadmapExecution, shnor: Verdict[]): string[] {
  const maps = e.roadmaps;
  if (maps.length === 0) return [`Дорожные карты в книге ещё не составлены: их нет ни у одной из ${shnor.length} ШНОР.`];
  const t = maps.reduce(
    (s, m) => {
      for (const k of Object.keys(s) as (keyof Counts)[]) s[k] += m.counts[k];
      return s;
    },
    { total: 0, done: 0, inProgress: 0, planned: 0, overdue: 0, cancelled: 0, due: 0, doneOfDue: 0 } as Counts,
  );
  const out: string[] = [];
  out.push(
    `В книге ${maps.length} ${plural(maps.length, ROADMAP)}: ${t.total} ${plural(t.total, ACTIVITY)} на период ${e.periods}` +
      `${maps.some((m) => m.owner === 'район') ? ', в том числе муниципальная карта' : ''}. ` +
      `На ${r.date} выполнено ${t.done}, в работе ${t.inProgress}, запланировано ${t.planned}, просрочено ${t.overdue}, отменено ${t.cancelled}.` +
      (t.due > 0
        ? ` Срок окончания прошёл у ${t.due} ${plural(t.due, ACTIVITY)}; ${plural(t.doneOfDue, ['выполнено', 'выполнены', 'выполнено'])} из них ${t.doneOfDue} (${formatNumber(printed((t.doneOfDue / t.due) * 100))} %).`
        : ' Сроки окончания мероприятий ещё не наступили.'),
  );
  const behind = maps.filter((m) => m.counts.overdue > 0).sort((a, b) => b.counts.overdue - a.counts.overdue);
  out.push(
    behind.length === 0
      ? 'Просроченных мероприятий нет.'
      : `Просроченные мероприятия есть в ${behind.length} ${plural(behind.length, ['карте', 'картах', 'картах'])}: ` +
          `${behind.map((m) => `${m.owner === 'район' ? 'муниципальной' : m.ownerName || m.owner} — ${m.counts.overdue}`).join(', ')}.`,
  );
  const withMap = new Set(maps.map((m) => m.owner));
  const without = shnor.filter((v) => !v.login || !withMap.has(v.login));
  if (without.length > 0) out.push(`Без дорожной карты на этот период — ${without.length} ШНОР: ${names(without)}.`);
  return out;
}

/** Up to this many schools get their changes by procedure in the справка itself. */
export const EFFECT_DETAIL_MAX = 30;

/** «Эффективность программы»: last year's ШНОР beside the district, the indicators, the caution. */
function effectBlocks(e: Effect, done: ReadonlyMap<string, number | null>): ReportBlock[] {
  const out: ReportBlock[] = [];
  const earlier = e.schools.filter((s) => s.movement !== 'вошла в перечень');
  const p = (text: string) => out.push({ kind: 'paragraph', text });
  if (earlier.length === 0) {
    p(`В ${e.before} году по тем же критериям ШНОР не было: сравнивать нечего.`);
    return out;
  }
  p(
    `Сравниваются ШНОР ${e.before} года (по тем же критериям с годом отсчёта ${e.before}) и их результаты ${e.after} года. ${progressRule(e.threshold)}`,
  );
  const group = (what: string) => earlier.filter((s) => s.progress === what);
  const ahead = group('опередила район');
  const behind = group('отстала от района');
  const list = (xs: typeof earlier) => (xs.length ? ` (${xs.map((s) => s.name).join(', ')})` : '');
  p(
    `Из ${earlier.length} ${plural(earlier.length, ['школы', 'школ', 'школ'])} опередили район ${ahead.length}${list(ahead)}, изменились как район ${group('как район').length}, ` +
      `отстали от района ${behind.length}${list(behind)}` +
      `${group('нет сравнения').length ? `, не с чем сравнить ${group('нет сравнения').length}` : ''}.`,
  );
  const [raw, adjusted, vpr, vprAdjusted] = e.indicators;
  const value = (i: (typeof e.indicators)[number] | undefined) =>
    !i || i.value === null ? 'нет данных' : `${formatNumber(i.value)} % (${i.numerator} из ${i.denominator})`;
  p(
    `Показатель «доля ШНОР, обучающиеся которых показали более высокие результаты» (средняя доля «2» снизилась) — ${value(raw)}; ` +
      `с поправкой на район — ${value(adjusted)}. По ВПР (как показатель 4 программы Бежецкого района, только по ШНОР) — ${value(vpr)}; с поправкой на район — ${value(vprAdjusted)}.`,
  );
  out.push({
    kind: 'table',
    header: ['ОО', 'В перечне', 'Изменение доли «2», п. п.: школа / район / разница', 'К району', 'Выполнено мероприятий карты, %'],
    rows: earlier.map((s) => {
      const d = s.login ? (done.get(s.login) ?? null) : null;
      return [
        s.login ? `${s.name} (${s.login})` : s.name,
        s.movement === 'вышла из перечня' ? 'вышла' : 'осталась',
        s.change === null ? '—' : `${signed(s.change)} / ${signed(s.district)} / ${signed(s.relative)}`,
        s.progress,
        d === null ? 'нет карты' : formatNumber(d),
      ];
    }),
    spans: [2, 1, 1, 1, 1],
  });
  // By procedure, a paragraph per school; a region's hundreds are left to the tab, where each school is a row.
  const detail = earlier.filter((s) => s.changes.length > 0);
  if (detail.length > EFFECT_DETAIL_MAX)
    p(
      `Изменения по каждой процедуре у ${detail.length} ${plural(detail.length, ['школы', 'школ', 'школ'])} — на вкладке «Эффективность программы» (пункт меню с тем же названием, в командной строке — shnor monitor --effect).`,
    );
  else if (detail.length > 0) {
    p('По процедурам (доля «2», %: было → стало; изменение; район; разница):');
    for (const s of detail) p(`${s.name}: ${s.changes.map(changeLine).join('; ')}.`);
  }
  p(NOT_A_CAUSE);
  return out;
}

/** The blocks as plain text: one paragraph per line, a table row per line with « | » between cells. */
export function reportText(blocks: readonly ReportBlock[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'table') {
      out.push(b.header.join(' | '));
      for (const row of b.rows) out.push(row.join(' | '));
    } else out.push(b.kind === 'figure' ? b.caption : b.text);
  }
  return out;
}

export function buildReport(r: ReportInput): string[] {
  return reportText(buildReportBlocks(r));
}

/**
 * A small figure per ШНОР (its %«2» of the year per procedure, the district's and the threshold) and the
 * sentence that refers to them (figures from `first` on); a region's hundreds are left to the cards.
 */
function schoolFigures(r: ReportInput, shnor: Verdict[], year: number, first: number): { text: string | null; figures: Figure[] } {
  const f = r.figures;
  if (!f || shnor.length === 0) return { text: null, figures: [] };
  if (shnor.length > SCHOOL_FIGURES_MAX)
    return {
      text: `Рисунки по каждой из ${shnor.length} ШНОР — в карточках ОО (пункт меню «Карточка ОО», в командной строке — shnor card --all).`,
      figures: [],
    };
  const counted = (p: string) => countsProcedure(r.assessment.criteria, p);
  const figures = shnor.flatMap((v) => {
    const school = f.schools.find((s) => s.key === v.key);
    const fig = school ? schoolYearFigure(school, year, f.view, r.assessment.criteria.threshold, counted) : null;
    return fig ? [{ ...fig, title: `${who(v)}: доля «2», ${year}, %` }] : [];
  });
  if (figures.length === 0) return { text: null, figures };
  const last = first + figures.length - 1;
  return {
    text:
      `Доля «2» каждой ШНОР в ${year} году по процедурам рядом со средней по району и порогом ${formatNumber(r.assessment.criteria.threshold)} % — ` +
      (figures.length === 1 ? `см. рисунок ${first}.` : `см. рисунки ${first}–${last}.`),
    figures,
  };
}
