/**
 * What the settings sidebar warns about without refusing to save: procedures the criteria name that the
 * result sheet does not hold, and years the rules look at that are not in its data.
 */
import { matchesProcedure } from '../core/procedure';
import type { Settings } from '../core/settings';
import type { Workbook } from '../workbook/port';
import { findResultSheet, readSourceRecord } from './analyze';

/** On the sheet every action takes: the last check's, else the one the settings name. */
export function settingsWarnings(wb: Workbook, settings: Settings): string[] {
  const names = wb.sheetNames();
  const record = readSourceRecord(wb, names);
  const found = findResultSheet(wb, names, settings.resultSheet, undefined, record ? { sheet: record.sheet, check: false } : undefined);
  if (!('table' in found)) return [];
  const { table, grid } = found;
  const c = settings.criteria;
  const out: string[] = [];
  const named = c.procedures.filter((p) => p !== '*');
  const absent = named.filter((p) => !table.procedures.some((label) => matchesProcedure(label, [p])));
  if (absent.length > 0)
    out.push(
      `На листе «${grid.sheet}» нет результатов по ${absent.map((p) => (p.endsWith('*') ? `${p.slice(0, -1).trim()} (все варианты)` : p)).join(', ')}: ` +
        'эти процедуры ни на чей статус не повлияют. Проверьте написание или уберите их.',
    );
  const years = table.years;
  if (c.referenceYear !== null && !years.includes(c.referenceYear))
    out.push(
      `Года отсчёта ${c.referenceYear} нет в данных листа «${grid.sheet}» (есть ${years.join(', ')}): у всех школ будет «нет данных».`,
    );
  const reference = c.referenceYear ?? years[years.length - 1];
  if (reference !== undefined && c.rule2.enabled) {
    const window = Array.from({ length: c.rule2.years }, (_, i) => reference - c.rule2.years + 1 + i);
    const missing = window.filter((y) => !years.includes(y));
    if (missing.length > 0 && years.includes(reference))
      out.push(
        `Правило 2 смотрит на годы ${window.join(', ')}, а в данных нет ${missing.join(', ')}: по правилу 2 ни одна школа не будет отнесена к ШНОР.`,
      );
  }
  return out;
}
