/**
 * «Сравнить критерии…»: two sets of criteria — the current settings or any preset — applied to the same
 * result sheet, written to the tab «Сравнение критериев»: every school with its status under A and under
 * B, the differing ones first and marked, and by which rule they differ.
 */
import { type Comparison, compareCriteria, comparisonSummary, rulesText, type Side, sideText } from '../core/compare';
import { type Criteria, describeCriteria, findPreset, PRESETS, presetCriteria } from '../core/criteria';
import { SETTINGS_SHEET } from '../core/settings';
import type { CellValue } from '../core/text';
import { reasonsText } from '../core/verdict';
import type { Workbook } from '../workbook/port';
import {
  prepare,
  rectangular,
  recheckFirst,
  RULE_MARKER,
  rulesByKeyText,
  type Stale,
  type StaleOutcome,
  STATUS_COLORS,
  staleStop,
} from './analyze';
import { loadBeyond } from './beyond';
import { loadSettings } from './settings';
import { toasting } from './toast';

export const COMPARE_SHEET = 'Сравнение критериев';
/** The side that stands for the workbook's own settings. */
export const CURRENT_SETTINGS = 'settings';
export const COMPARE_HEADER_ROW = 5;
export const DIFFERENCE_COLORS: Record<string, string> = {
  'только по A': '#f4c7c3',
  'только по B': '#c9daf8',
  'другой статус': '#fff2cc',
};

export interface CompareChoice {
  id: string;
  name: string;
  description: string;
}

export interface CompareChoices {
  choices: CompareChoice[];
  /** Suggested sides: the current settings against the first preset that differs from them. */
  a: string;
  b: string;
  /** Problems of the settings tab (the current settings cannot be compared while there are any). */
  problems: string[];
}

export function compareChoices(wb: Workbook): CompareChoices {
  const loaded = loadSettings(wb, wb.sheetNames());
  const current = loaded.settings.criteria;
  const where = loaded.stored ? `Лист «${SETTINGS_SHEET}»` : 'Листа настроек нет — действуют настройки по умолчанию';
  const choices: CompareChoice[] = [
    { id: CURRENT_SETTINGS, name: 'Текущие настройки', description: `${where}. ${describeCriteria(current)}` },
    ...PRESETS.map((p) => ({ id: p.id, name: p.name, description: describeCriteria(p.criteria) })),
  ];
  const other = PRESETS.find((p) => p.id !== current.preset) ?? PRESETS[0];
  return { choices, a: CURRENT_SETTINGS, b: other?.id ?? '', problems: loaded.problems.map((p) => p.message) };
}

export type CompareOutcome =
  | { kind: 'done'; sheet: string; comparison: Comparison; summary: string; message: string }
  | { kind: 'choose'; candidates: string[]; message: string }
  | { kind: 'failed'; message: string }
  | StaleOutcome;

/** What the sidebar gets: plain data, only what it shows. */
export type CompareView =
  | {
      kind: 'done';
      message: string;
      summary: string;
      a: string;
      b: string;
      differing: Array<{ login: string; name: string; a: string; b: string; difference: string; cause: string; why: string }>;
    }
  | { kind: 'choose'; candidates: string[]; message: string }
  | { kind: 'failed'; message: string }
  /** The results or the criteria changed since the last check: the panel offers to check again. */
  | StaleOutcome;

export function compareView(o: CompareOutcome): CompareView {
  if (o.kind !== 'done') return o;
  const c = o.comparison;
  return {
    kind: 'done',
    message: o.message,
    summary: o.summary,
    a: c.a.label,
    b: c.b.label,
    differing: c.rows
      .filter((r) => r.difference !== '')
      .map((r) => ({
        login: r.login ?? '',
        name: r.name,
        a: r.a.status,
        b: r.b.status,
        difference: r.difference,
        cause: r.cause,
        why: r.why,
      })),
  };
}

function resolveSide(id: string, current: Criteria): Side | string {
  if (id === CURRENT_SETTINGS) {
    const preset = findPreset(current.preset);
    return { id, label: `Текущие настройки${preset ? ` («${preset.name}»)` : ' (свой набор)'}`, criteria: current };
  }
  const preset = findPreset(id);
  if (!preset) return `Нет набора критериев «${id}». Есть: ${[CURRENT_SETTINGS, ...PRESETS.map((p) => p.id)].join(', ')}.`;
  return { id, label: preset.name, criteria: presetCriteria(id) };
}

interface CompareOptions {
  a: string;
  b: string;
  sheet?: string;
  threshold?: number;
  /** When the data differ from «ШНОР: итоги»: see analyze.Stale (the CLI and the default: go on with the warning). */
  stale?: Stale;
}

export function compareAction(wb: Workbook, options: CompareOptions): CompareOutcome {
  if (options.a === options.b) return { kind: 'failed', message: 'Выберите два разных набора критериев.' };
  return recheckFirst(
    wb,
    options.stale,
    (stale) =>
      toasting(
        wb,
        'Сравниваю критерии…',
        () => `Сравнение готово: вкладка «${COMPARE_SHEET}».`,
        () => compareRun(wb, { ...options, stale }),
      ),
    (o, line) => (o.kind === 'done' ? { ...o, message: `${line}\n${o.message}` } : o),
  );
}

function compareRun(wb: Workbook, options: CompareOptions & { stale?: 'ask' | 'warn' }): CompareOutcome {
  const ready = prepare(wb, options.sheet, { refused: 'сравнение не выполнено', question: 'По какому сравнить?' });
  if (ready.kind !== 'ready') return ready;
  const stop = staleStop(ready.source, options.stale);
  if (stop) return stop;
  const { table, grid, loaded, names } = ready;
  const sides: Side[] = [];
  for (const id of [options.a, options.b]) {
    const s = resolveSide(id, loaded.settings.criteria);
    if (typeof s === 'string') return { kind: 'failed', message: s };
    if (options.threshold !== undefined) s.criteria = { ...s.criteria, threshold: options.threshold };
    sides.push(s);
  }
  const beyond = loadBeyond(wb, names, table, loaded.settings);
  const comparison = compareCriteria(table.schools, sides[0] as Side, sides[1] as Side, { exclude: beyond.exclude });
  const summary = comparisonSummary(comparison);
  writeComparison(wb, comparison, grid.sheet, ready.source.warning);
  return {
    kind: 'done',
    sheet: grid.sheet,
    comparison,
    summary,
    message: `${ready.source.line}\n${summary} Подробности — на листе «${COMPARE_SHEET}».`,
  };
}

function writeComparison(wb: Workbook, c: Comparison, sheet: string, warning: string | null): void {
  const year =
    c.a.assessment.year === c.b.assessment.year
      ? `год отсчёта ${c.a.assessment.year ?? '—'}`
      : `годы отсчёта: A — ${c.a.assessment.year ?? '—'}, B — ${c.b.assessment.year ?? '—'}`;
  // The school, both statuses, what differs and why, then the reasons beside them, so that a school and its
  // reasons are read on one screen; the rules and the login, which a reader seldom needs, go last.
  const header = [
    '№',
    'ОО',
    'Статус по A',
    'Статус по B',
    'Различие',
    'Почему (по какому правилу)',
    'Причины по A',
    'Причины по B',
    'Правила по A',
    'Правила по B',
    'Логин',
  ];
  const rows: CellValue[][] = [
    ['Сравнение критериев ШНОР'],
    [sideText('A', c.a)],
    [sideText('B', c.b)],
    [`Лист «${sheet}», ${year}. ${comparisonSummary(c)}${warning ? ` Внимание: ${warning}` : ''}`],
    [],
    header,
  ];
  c.rows.forEach((r, i) => {
    const a = inOneLine(reasonsText(r.a));
    const b = inOneLine(reasonsText(r.b));
    rows.push([
      i + 1,
      r.name,
      r.a.status,
      r.b.status,
      r.difference,
      r.why,
      a,
      b !== '' && b === a ? 'те же, что по A' : b,
      rulesText(r.a),
      rulesText(r.b),
      r.login ?? '',
    ]);
  });
  const width = header.length;
  const { created } = wb.ensureSheet(COMPARE_SHEET);
  if (!created) wb.clearSheet(COMPARE_SHEET);
  wb.writeBlock(COMPARE_SHEET, 0, 0, rectangular(rows, width));
  wb.setFontWeights(COMPARE_SHEET, COMPARE_HEADER_ROW, 0, [header.map(() => 'bold')]);
  // Only the header rows stay: the title lines run across the columns, which a frozen column would cut.
  wb.freeze(COMPARE_SHEET, COMPARE_HEADER_ROW + 1, 0);
  wb.setColumnWidths(COMPARE_SHEET, 0, COMPARE_WIDTHS);
  // Header and body wrap inside their columns, each cell read from its top line.
  wb.setWrap(COMPARE_SHEET, { row: COMPARE_HEADER_ROW, col: 0, rows: c.rows.length + 1, cols: width }, true);
  if (c.rows.length === 0) return;
  const body = { row: COMPARE_HEADER_ROW + 1, rows: c.rows.length };
  wb.replaceConditionalRules(COMPARE_SHEET, RULE_MARKER, [
    ...rulesByKeyText(
      DIFFERENCE_COLORS,
      [
        { ...body, col: 0, cols: 2 },
        { ...body, col: 4, cols: 2 },
      ],
      4,
      body.row,
    ),
    ...rulesByKeyText(STATUS_COLORS, [{ ...body, col: 2, cols: 1 }], 2, body.row),
    ...rulesByKeyText(STATUS_COLORS, [{ ...body, col: 3, cols: 1 }], 3, body.row),
  ]);
}

/** Column widths in pixels: the school, the short statuses, the reasons wide enough for a few lines. */
const COMPARE_WIDTHS = [36, 220, 90, 90, 100, 300, 380, 380, 110, 110, 90];

/** Reasons run on in one cell: «…(нужно не менее 2). ВПР МА 6, 2026: …; ВПР РУ 5, …». */
function inOneLine(reasons: readonly string[]): string {
  return reasons.map((t, i) => (i < reasons.length - 1 && !/[.!?;]$/.test(t) ? `${t};` : t)).join(' ');
}
