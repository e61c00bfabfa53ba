/**
 * What the actions need beyond the result sheet: the registry «Школы» (ШНСУ index, school kinds) and the
 * optional ФИС ОКО comparison of marks with the journal (objectivity markers). At most two sheet reads,
 * whatever the number of schools. A workbook without them gets one clear line, never an error.
 */
import { loginKey, mergedLoginsNote } from '../core/login';
import {
  type ContextAssessment,
  contextIndex,
  contextStatus,
  type ContextStatus,
  describeContextMethod,
  NO_CONTEXT,
} from '../core/context';
import {
  COMPARISON_OWN_SHEET,
  COMPARISON_SHEET,
  type ComparisonTable,
  comparisonHeaderRow,
  type Marker,
  markedExclusions,
  markersBySchool,
  objectivityMarkers,
  parseJournalComparison,
} from '../core/objectivity';
import { parseRegistry, REGISTRY_COLUMNS, REGISTRY_SHEET, type Registry, type SchoolKind } from '../core/registry';
import type { Problem, ResultTable } from '../core/results';
import { objectivitySettings, type Settings, shnsuSettings } from '../core/settings';
import { columnLetter, normalizeHeader, plural } from '../core/text';
import type { Assessment } from '../core/verdict';
import type { Workbook } from '../workbook/port';
import { loadPupilFindings, peakMarker, type PupilFindings } from './pupil-findings';

export interface Beyond {
  registry: Registry | null;
  context: ContextAssessment | null;
  comparison: ComparisonTable | null;
  /** Every marker over all years of the data. */
  markers: Marker[];
  markersByKey: Map<string, Marker[]>;
  /** Whether marked results count; when not, `exclude` lists them for `assess`. */
  countMarked: boolean;
  exclude: Map<string, string> | undefined;
  /** Tasks and score peaks from «Результаты участников» (empty without the tab). */
  pupils: PupilFindings;
  /** Unreadable registry or comparison cells and missing context data, with sheet, row and column. */
  problems: Problem[];
}

/**
 * The comparison sheets: «Сравнение с журналом» and the add-on's «Сравнение с журналом (ФИС ОКО)» (written
 * there when the first is kept by hand), else a tab whose name speaks of the journal.
 */
export function comparisonSheetNames(names: readonly string[]): string[] {
  const known = [COMPARISON_SHEET, COMPARISON_OWN_SHEET].filter((n) => names.includes(n));
  if (known.length > 0) return known;
  const other = names.find((n) => /журнал/.test(normalizeHeader(n)) && /сравн|отметк/.test(normalizeHeader(n)));
  return other ? [other] : [];
}

export function loadBeyond(wb: Workbook, names: readonly string[], table: ResultTable, settings: Settings): Beyond {
  const problems: Problem[] = [];
  let registry: Registry | null = null;
  let context: ContextAssessment | null = null;
  if (names.includes(REGISTRY_SHEET)) {
    registry = parseRegistry(wb.readSheet(REGISTRY_SHEET));
    problems.push(...registry.problems);
    if (registry.headerRow >= 0) {
      context = contextIndex(registry.schools, shnsuSettings(settings));
      const header = registry.headerRow;
      const cols = new Map<string, number>();
      for (const [key, c] of Object.entries(registry.columns)) cols.set(key, c as number);
      for (const g of context.gaps) {
        const col = [...cols].find(([key]) => registryHeaderOf(key) === g.column)?.[1];
        problems.push({
          severity: 'предупреждение',
          sheet: REGISTRY_SHEET,
          row: col === undefined ? header + 1 : g.row,
          column: col === undefined ? null : columnLetter(col),
          value: '',
          message:
            col === undefined
              ? `нет столбца «${g.column}»: индекс ШНСУ для «${g.name}» (${g.login}) не вычислен — нет данных о контексте`
              : `пусто в «${g.column}»: индекс ШНСУ для «${g.name}» (${g.login}) не вычислен — нет данных о контексте`,
        });
      }
    } else registry = null;
  }
  let comparison: ComparisonTable | null = null;
  for (const cmpName of comparisonSheetNames(names)) {
    const grid = wb.readSheet(cmpName);
    if (comparisonHeaderRow(grid) < 0 && cmpName !== COMPARISON_SHEET && cmpName !== COMPARISON_OWN_SHEET) continue;
    const got = parseJournalComparison(grid);
    problems.push(...got.problems);
    // Both tabs: the one kept by hand first; a school's procedure and year it has are not counted twice.
    if (!comparison) comparison = got;
    else {
      const first: ComparisonTable = comparison;
      const seen = new Set<string>(first.rows.map((r) => `${r.key}|${r.procedure}|${r.year}`));
      comparison = {
        sheet: `${first.sheet}» и лист «${got.sheet}`,
        rows: [...first.rows, ...got.rows.filter((r) => !seen.has(`${r.key}|${r.procedure}|${r.year}`))],
        problems: [...first.problems, ...got.problems],
      };
    }
  }
  const kinds = new Map<string, SchoolKind | null>();
  if (registry) {
    const byLogin = new Map(registry.schools.map((s) => [loginKey(s.login), s]));
    const respelled: string[][] = [];
    for (const s of table.schools) {
      if (!s.login) continue;
      const entry = byLogin.get(loginKey(s.login));
      kinds.set(s.key, entry?.kind ?? null);
      if (entry && entry.login !== s.login) respelled.push([s.login, entry.login]);
    }
    // The registry may still say sch… where the results say edu…: one school, said once.
    if (respelled.length > 0)
      problems.push({
        severity: 'сведения',
        sheet: REGISTRY_SHEET,
        row: null,
        column: null,
        value: '',
        message: mergedLoginsNote(respelled),
      });
  }
  const o = objectivitySettings(settings);
  const shares = objectivityMarkers(table.schools, comparison?.rows ?? [], kinds, o);
  const pupils = loadPupilFindings(wb, names, settings);
  problems.push(...pupils.problems, ...pupils.textProblems);
  // Peaks stand beside the verdict only: they never leave a result out of the status.
  const markers = [...shares, ...pupils.peaks.map(peakMarker)].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : b.year - a.year || (a.procedure < b.procedure ? -1 : a.procedure > b.procedure ? 1 : 0),
  );
  return {
    pupils,
    registry,
    context,
    comparison,
    markers,
    markersByKey: markersBySchool(markers),
    countMarked: o.countMarked,
    exclude: o.countMarked ? undefined : markedExclusions(shares),
    problems,
  };
}

const registryHeaderOf = (key: string) => REGISTRY_COLUMNS.find((c) => c.key === key)?.header;

/** The status beside each verdict, by school key; every school «нет данных о контексте» without a registry. */
export function contextStatuses(a: Assessment, b: Beyond): Map<string, ContextStatus> {
  const out = new Map<string, ContextStatus>();
  for (const v of a.verdicts)
    out.set(v.key, b.context ? contextStatus(v.status, v.login ? b.context.byLogin.get(loginKey(v.login)) : undefined) : NO_CONTEXT);
  return out;
}

/** Markers of the years the verdict looked at, by school key. */
export function windowMarkers(a: Assessment, b: Beyond): Map<string, Marker[]> {
  const out = new Map<string, Marker[]>();
  for (const [k, ms] of b.markersByKey) {
    const shown = ms.filter((m) => a.window.includes(m.year));
    if (shown.length > 0) out.set(k, shown);
  }
  return out;
}

/** One line for the head of «ШНОР: итоги»: what the context and the markers found, or why there are none. */
export function beyondLine(a: Assessment, b: Beyond): string {
  const parts: string[] = [];
  if (!b.context) parts.push(`Реестр «${REGISTRY_SHEET}» не найден: ШНСУ и резильентные школы не определялись.`);
  else {
    const statuses = [...contextStatuses(a, b).values()];
    const n = (s: ContextStatus) => statuses.filter((x) => x === s).length;
    const shnsu = n('ШНОР и ШНСУ') + n('ШНСУ') + n('резильентная');
    parts.push(
      `Социальный контекст (лист «${REGISTRY_SHEET}»): ШНСУ — ${shnsu} ${plural(shnsu, ['школа', 'школы', 'школ'])}, из них ШНОР и ШНСУ — ${n('ШНОР и ШНСУ')}, ` +
        `резильентных — ${n('резильентная')}; нет данных о контексте — ${n(NO_CONTEXT)}. ${describeContextMethod(b.context)}`,
    );
  }
  const shown = windowMarkers(a, b);
  const count = [...shown.values()].reduce((s, m) => s + m.length, 0);
  const source = b.comparison ? `сравнение с журналом — лист «${b.comparison.sheet}»` : 'листа сравнения отметок с журналом нет';
  parts.push(
    count === 0
      ? `Признаков необъективности не выявлено (${source}).`
      : `Признаки необъективности: ${count} у ${shown.size} ОО (${source}); ${b.countMarked ? 'результаты с признаками учитываются в статусе' : 'результаты с признаками не учитываются в статусе — причины это называют'}.`,
  );
  const peaks = b.pupils.peaks.filter((p) => a.window.includes(p.year)).length;
  if (peaks > 0)
    parts.push(
      `Из них пиков первичных баллов на границах отметок (лист «Результаты участников»): ${peaks} — только признак, статус они не меняют.`,
    );
  return parts.join(' ');
}
