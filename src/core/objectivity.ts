/**
 * Signs of non-objective ВПР results (DOMAIN.md «ШНСУ, resilience, objectivity»): from ФИС ОКО's
 * «Сравнение отметок с отметками по журналу» (shares «Понизили», «Подтвердили», «Повысили» per school,
 * procedure and year) and from results far above the district average that ОГЭ/ЕГЭ do not confirm in a
 * school that is not a гимназия or лицей. Every marker says which numbers raised it. Markers stand beside
 * the verdict; whether marked results still count is a setting.
 */
import { loginKey } from './login';
import { readProcedureHeader } from './procedure';
import type { SchoolKind } from './registry';
import type { Grid, Problem, School } from './results';
import { type CellValue, columnLetter, normalizeHeader, parseNumberCell } from './text';
import { formatNumber } from './text';

export const COMPARISON_SHEET = 'Сравнение с журналом';
/** Where the add-on writes the ФИС ОКО comparison when «Сравнение с журналом» is kept by hand. */
export const COMPARISON_OWN_SHEET = 'Сравнение с журналом (ФИС ОКО)';

export interface JournalComparison {
  /** `loginKey` of the login, or `name:` and the normalised name: the key the result table uses. */
  key: string;
  login: string | null;
  name: string;
  procedure: string;
  year: number;
  /** Shares in percent; null when the cell is empty. */
  lowered: number | null;
  confirmed: number | null;
  raised: number | null;
  /** 1-based sheet row. */
  row: number;
}

export interface ComparisonTable {
  sheet: string;
  rows: JournalComparison[];
  problems: Problem[];
}

type Col = 'year' | 'grade' | 'subject' | 'exam' | 'login' | 'name' | 'lowered' | 'confirmed' | 'raised';

function shareColumn(h: string): 'lowered' | 'confirmed' | 'raised' | null {
  if (h.startsWith('понизил')) return 'lowered';
  if (h.startsWith('подтвердил')) return 'confirmed';
  if (h.startsWith('повысил')) return 'raised';
  return null;
}

/** Whether a header is a count rather than a share («Понизили, чел.», «Повысили (кол-во)»). */
const isCount = (h: string) => /(кол-?во|количество|чел|\bn\b)/.test(h) && !h.includes('%');

function headerColumns(row: CellValue[]): Partial<Record<Col, number>> | null {
  const cols: Partial<Record<Col, number>> = {};
  const counts: Partial<Record<Col, number>> = {};
  row.forEach((cell, c) => {
    const h = normalizeHeader(cell);
    if (h === '') return;
    const share = shareColumn(h);
    if (share) {
      if (isCount(h)) counts[share] ??= c;
      else cols[share] ??= c;
      return;
    }
    if (/^(год|учебный год)$/.test(h)) cols.year ??= c;
    else if (/^(класс|параллель)$/.test(h)) cols.grade ??= c;
    else if (/^предмет$/.test(h)) cols.subject ??= c;
    else if (/^(процедура|оценочная процедура|вид)$/.test(h)) cols.exam ??= c;
    else if (h.startsWith('логин')) cols.login ??= c;
    else if (/^(оо|название оо|наименование оо|название|наименование|школа|образовательная организация)$/.test(h)) cols.name ??= c;
  });
  // Only counts given: better than nothing, but they are not shares; read them only when no share column is there.
  for (const k of ['lowered', 'confirmed', 'raised'] as const) if (cols[k] === undefined && counts[k] !== undefined) cols[k] = counts[k];
  if (cols.raised === undefined || cols.confirmed === undefined) return null;
  if (cols.login === undefined && cols.name === undefined) return null;
  return cols;
}

/** The header row of a comparison sheet (0-based), or −1: a row with «Повысили», «Подтвердили» and a school column. */
export function comparisonHeaderRow(grid: Grid): number {
  for (let r = 0; r < Math.min(grid.values.length, 15); r++) if (headerColumns(grid.values[r] ?? [])) return r;
  return -1;
}

const cellText = (v: CellValue) =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();

/**
 * Reads the long layout of the ФИС ОКО export: Год, Класс, Предмет, Логин, ОО, Понизили, Подтвердили,
 * Повысили (shares; `%`, decimal commas and fractions 0–1 accepted), optionally Процедура (default ВПР).
 * Headers may carry the ФИС ОКО wording «Повысили (Отметка > Отметка по журналу) %».
 */
export function parseJournalComparison(grid: Grid): ComparisonTable {
  const problems: Problem[] = [];
  const { sheet, values } = grid;
  const add = (row: number | null, col: number | undefined, value: CellValue, message: string, severity: Problem['severity'] = 'ошибка') =>
    problems.push({
      severity,
      sheet,
      row,
      column: col === undefined ? null : columnLetter(col),
      value: cellText(value),
      message,
    });
  const h = comparisonHeaderRow(grid);
  if (h < 0) {
    add(null, undefined, '', 'не найдены столбцы «Повысили», «Подтвердили» и логин или название ОО: сравнение с журналом не прочитано');
    return { sheet, rows: [], problems };
  }
  const cols = headerColumns(values[h] ?? []) as Partial<Record<Col, number>>;
  if (cols.year === undefined) add(h + 1, undefined, '', 'нет столбца «Год»: сравнение с журналом не прочитано');
  if (cols.subject === undefined) add(h + 1, undefined, '', 'нет столбца «Предмет»: сравнение с журналом не прочитано');
  if (cols.year === undefined || cols.subject === undefined) return { sheet, rows: [], problems };
  // Fractions: a share column whose numbers are all within 0…1.
  const fraction = new Set<number>();
  for (const k of ['lowered', 'confirmed', 'raised'] as const) {
    const c = cols[k];
    if (c === undefined) continue;
    let max = Number.NEGATIVE_INFINITY;
    let between = false;
    let percent = false;
    for (let r = h + 1; r < values.length; r++) {
      const p = parseNumberCell(values[r]?.[c]);
      if (p.kind !== 'number') continue;
      max = Math.max(max, p.value);
      if (p.value > 0 && p.value < 1) between = true;
      if (p.percentSign) percent = true;
    }
    if (max <= 1 && between && !percent) fraction.add(c);
  }
  const rows: JournalComparison[] = [];
  const seen = new Map<string, number>();
  for (let r = h + 1; r < values.length; r++) {
    const line = values[r] ?? [];
    if (line.every((v) => cellText(v) === '')) continue;
    const sheetRow = r + 1;
    const login = cols.login === undefined ? '' : cellText(line[cols.login]).toLowerCase().replace(/\s+/g, '');
    const name = cols.name === undefined ? '' : cellText(line[cols.name]).replace(/\s+/g, ' ');
    if (login === '' && name === '') {
      add(sheetRow, cols.login ?? cols.name, '', 'нет ни логина, ни названия ОО: строка не учитывается');
      continue;
    }
    const yearText = cellText(line[cols.year]);
    const year = /(19|20)\d\d(?!.*(19|20)\d\d)/.exec(yearText);
    if (!year) {
      add(sheetRow, cols.year, yearText, 'не указан год: строка не учитывается');
      continue;
    }
    const exam = cols.exam === undefined ? '' : cellText(line[cols.exam]);
    const subject = cellText(line[cols.subject]);
    const grade = cols.grade === undefined ? '' : cellText(line[cols.grade]);
    const reading = readProcedureHeader(`${exam} ${subject} ${grade}`, exam === '' ? 'ВПР' : undefined);
    if (!reading.procedure) {
      add(
        sheetRow,
        cols.subject,
        `${exam} ${subject} ${grade}`.trim(),
        `процедура не распознана: ${reading.problem}; строка не учитывается`,
      );
      continue;
    }
    const key = login !== '' ? loginKey(login) : `name:${normalizeHeader(name)}`;
    const procedure = reading.procedure.label;
    const dupKey = `${key}|${procedure}|${year[0]}`;
    const earlier = seen.get(dupKey);
    if (earlier !== undefined) {
      add(sheetRow, cols.subject, procedure, `${procedure}, ${year[0]} для этой ОО уже есть в строке ${earlier}: строка не учитывается`);
      continue;
    }
    seen.set(dupKey, sheetRow);
    const share = (k: 'lowered' | 'confirmed' | 'raised'): number | null => {
      const c = cols[k];
      if (c === undefined) return null;
      const p = parseNumberCell(line[c]);
      if (p.kind === 'blank' || p.kind === 'notHeld') return null;
      if (p.kind === 'invalid') {
        add(sheetRow, c, line[c], 'не число: доля не прочитана');
        return null;
      }
      const v = fraction.has(c) ? p.value * 100 : p.value;
      if (v < 0 || v > 100) {
        add(sheetRow, c, line[c], 'доля вне пределов 0–100 %: не учитывается');
        return null;
      }
      return Math.round(v * 1e6) / 1e6;
    };
    const entry: JournalComparison = {
      key,
      login: login === '' ? null : login,
      name: name || login,
      procedure,
      year: Number(year[0]),
      lowered: share('lowered'),
      confirmed: share('confirmed'),
      raised: share('raised'),
      row: sheetRow,
    };
    const parts = [entry.lowered, entry.confirmed, entry.raised];
    if (parts.every((x) => x !== null)) {
      const sum = (parts as number[]).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 100) > 1.5)
        add(
          sheetRow,
          cols.raised,
          formatNumber(sum),
          `сумма долей «Понизили», «Подтвердили», «Повысили» — ${formatNumber(sum)} %, а не 100 %`,
          'предупреждение',
        );
    }
    rows.push(entry);
  }
  return { sheet, rows, problems };
}

export interface ObjectivitySettings {
  /** Marker when «Повысили» is above this share, %. */
  raisedMax: number;
  /** Marker when «Подтвердили» is below this share, %. */
  confirmedMin: number;
  /** ВПР «far above»: share of high results at least this many points above the district mean (and «2» not above it). */
  highExcess: number;
  /** Whether marked results still count for the verdict. */
  countMarked: boolean;
}

export function defaultObjectivitySettings(): ObjectivitySettings {
  return { raisedMax: 15, confirmedMin: 50, highExcess: 20, countMarked: true };
}

export function objectivitySettingsIssues(s: ObjectivitySettings): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  const pct = (v: number) => Number.isFinite(v) && v >= 0 && v <= 100;
  if (!pct(s.raisedMax)) out.push({ field: 'objectivity.raisedMax', message: 'Нужна доля от 0 до 100 %.' });
  if (!pct(s.confirmedMin)) out.push({ field: 'objectivity.confirmedMin', message: 'Нужна доля от 0 до 100 %.' });
  if (!(Number.isFinite(s.highExcess) && s.highExcess > 0 && s.highExcess <= 100))
    out.push({ field: 'objectivity.highExcess', message: 'Нужно число процентных пунктов больше 0 и не больше 100.' });
  return out;
}

/** «пик на границе»: a peak of primary scores at a mark boundary (src/core/tasks.ts), never a change of status. */
export type MarkerKind = 'повысили' | 'подтвердили' | 'выше района' | 'пик на границе';

export interface Marker {
  /** The school key of the result table. */
  key: string;
  procedure: string;
  year: number;
  kind: MarkerKind;
  /** «ВПР МА 5, 2026: «Повысили» 34 % > 15 %» */
  text: string;
}

/** The key of one result: school, procedure, year. */
export const resultKey = (school: string, procedure: string, year: number) => `${school}|${procedure}|${year}`;

export interface Mean {
  fail: number | null;
  high: number | null;
}

/** District means of %«2» and of the share of high results, per procedure and year (unweighted, over schools). */
export function districtMeans(schools: readonly School[]): Map<string, Mean> {
  const out = new Map<string, Mean>();
  for (const m of meansMet(schools).order) out.set(`${m.procedure}|${m.year}`, m.mean);
  return out;
}

interface MeanOf {
  procedure: string;
  year: number;
  mean: Mean;
}

/**
 * The same by procedure, then year, and in the order first met (the order of districtMeans' keys): no key is
 * built per result, which a region has millions of.
 */
function meansMet(schools: readonly School[]): { by: Map<string, Map<number, Mean>>; order: MeanOf[] } {
  type Sum = { procedure: string; year: number; fail: number; nf: number; high: number; nh: number };
  const acc = new Map<string, Map<number, Sum>>();
  const seen: Sum[] = [];
  for (const s of schools) {
    for (const r of s.results) {
      if (r.state !== 'held') continue;
      let years = acc.get(r.procedure);
      if (years === undefined) acc.set(r.procedure, (years = new Map()));
      let a = years.get(r.year);
      if (a === undefined) {
        years.set(r.year, (a = { procedure: r.procedure, year: r.year, fail: 0, nf: 0, high: 0, nh: 0 }));
        seen.push(a);
      }
      if (r.fail !== null) {
        a.fail += r.fail;
        a.nf++;
      }
      if (r.high !== null) {
        a.high += r.high;
        a.nh++;
      }
    }
  }
  const by = new Map<string, Map<number, Mean>>();
  const order = seen.map((a): MeanOf => {
    const mean = { fail: a.nf ? a.fail / a.nf : null, high: a.nh ? a.high / a.nh : null };
    let years = by.get(a.procedure);
    if (years === undefined) by.set(a.procedure, (years = new Map()));
    years.set(a.year, mean);
    return { procedure: a.procedure, year: a.year, mean };
  });
  return { by, order };
}

const subjectOf = (procedure: string) => procedure.split(' ')[1] ?? '';
const pct = (v: number) => `${formatNumber(v)} %`;

/**
 * Every marker for the given years (all years when `years` is null), ordered by school, year, procedure.
 * - «Повысили» above `raisedMax`; «Подтвердили» below `confirmedMin` (from the comparison rows);
 * - «выше района»: a ВПР result whose share of high results is at least `highExcess` points above the
 *   district mean for that procedure and year while its %«2» is not above the district mean, in a school
 *   that is not a гимназия or лицей (by the registry; a school of unknown kind is checked), and that
 *   ОГЭ/ЕГЭ of the same subject and year do not confirm: the school has such results and none of them is
 *   better than the district average (share of high results above its mean, or, without one, %«2» below it).
 *   Without ОГЭ/ЕГЭ in that subject and year nothing can be confirmed or refuted, and no marker is raised.
 */
export function objectivityMarkers(
  schools: readonly School[],
  comparison: readonly JournalComparison[],
  kinds: ReadonlyMap<string, SchoolKind | null>,
  settings: ObjectivitySettings,
  years: readonly number[] | null = null,
): Marker[] {
  const inYears = (y: number) => years === null || years.includes(y);
  const markers: Marker[] = [];
  for (const c of comparison) {
    if (!inYears(c.year)) continue;
    if (c.raised !== null && c.raised > settings.raisedMax)
      markers.push({
        key: c.key,
        procedure: c.procedure,
        year: c.year,
        kind: 'повысили',
        text: `${c.procedure}, ${c.year}: «Повысили» ${pct(c.raised)} > ${pct(settings.raisedMax)}`,
      });
    if (c.confirmed !== null && c.confirmed < settings.confirmedMin)
      markers.push({
        key: c.key,
        procedure: c.procedure,
        year: c.year,
        kind: 'подтвердили',
        text: `${c.procedure}, ${c.year}: «Подтвердили» ${pct(c.confirmed)} < ${pct(settings.confirmedMin)}`,
      });
  }
  const means = meansMet(schools).by;
  const meanOf = (procedure: string, year: number) => means.get(procedure)?.get(year);
  for (const s of schools) {
    const kind = kinds.get(s.key) ?? null;
    if (kind === 'гимназия' || kind === 'лицей') continue;
    for (const r of s.results) {
      if (!r.procedure.startsWith('ВПР') || r.state !== 'held' || r.high === null || r.fail === null || !inYears(r.year)) continue;
      const m = meanOf(r.procedure, r.year);
      if (!m || m.high === null || m.fail === null) continue;
      const excess = r.high - m.high;
      if (excess < settings.highExcess || r.fail > m.fail) continue;
      const gia = s.results.filter(
        (g) =>
          g.year === r.year && g.state === 'held' && !g.procedure.startsWith('ВПР') && subjectOf(g.procedure) === subjectOf(r.procedure),
      );
      if (gia.length === 0) continue;
      const evidence: string[] = [];
      let confirmed = false;
      for (const g of gia) {
        const gm = meanOf(g.procedure, g.year);
        if (!gm) continue;
        if (g.high !== null && gm.high !== null) {
          if (g.high > gm.high) confirmed = true;
          evidence.push(`${g.procedure} ${g.year}: высоких результатов ${pct(g.high)} при средней ${pct(gm.high)}`);
        } else if (g.fail !== null && gm.fail !== null) {
          if (g.fail < gm.fail) confirmed = true;
          evidence.push(`${g.procedure} ${g.year}: «2» ${pct(g.fail)} при средней ${pct(gm.fail)}`);
        }
      }
      if (confirmed || evidence.length === 0) continue;
      markers.push({
        key: s.key,
        procedure: r.procedure,
        year: r.year,
        kind: 'выше района',
        text:
          `${r.procedure}, ${r.year}: высоких результатов ${pct(r.high)} — на ${formatNumber(excess)} п. п. выше средней по району ` +
          `(${pct(m.high)}) при «2» ${pct(r.fail)} (средняя ${pct(m.fail)}); ГИА не подтверждает — ${evidence.join('; ')}`,
      });
    }
  }
  markers.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : b.year - a.year || (a.procedure < b.procedure ? -1 : 1)));
  return markers;
}

/** Markers grouped by school key. */
export function markersBySchool(markers: readonly Marker[]): Map<string, Marker[]> {
  const out = new Map<string, Marker[]>();
  for (const m of markers) out.set(m.key, [...(out.get(m.key) ?? []), m]);
  return out;
}

/**
 * The results to leave out when marked results do not count: result key → the reason the verdict gives.
 * One result may carry several markers; all are named.
 */
export function markedExclusions(markers: readonly Marker[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of markers) {
    const k = resultKey(m.key, m.procedure, m.year);
    const earlier = out.get(k);
    out.set(k, earlier ? `${earlier}; ${m.text}` : m.text);
  }
  return out;
}
