/**
 * «Показатели ОО»: a block per ШНОР school — its %«2» per procedure per year against the district
 * average, and its own target, which the school or the methodologist enters and a refresh keeps.
 */
import { countsProcedure } from '../core/criteria';
import type { ResultTable } from '../core/results';
import type { Settings } from '../core/settings';
import { type CellValue, normalizeHeader, parseNumberCell } from '../core/text';
import type { Assessment } from '../core/verdict';
import type { Workbook } from '../workbook/port';
import { rectangular } from './analyze';

export const SCHOOL_INDICATORS_SHEET = 'Показатели ОО';
const TARGET = 'Цель ОО, % «2»';

/** Targets already entered, by login (or name) and procedure. */
function readTargets(values: CellValue[][]): { targets: Map<string, number>; problems: string[] } {
  const targets = new Map<string, number>();
  const problems: string[] = [];
  let school = '';
  let targetCol = -1;
  values.forEach((row, r) => {
    const first = String(row[0] ?? '').trim();
    const key = /^ОО: .*\(([^()]+)\)$/.exec(first)?.[1] ?? (first.startsWith('ОО: ') ? first : null);
    if (key) {
      school = key;
      return;
    }
    if (normalizeHeader(first) === 'процедура') {
      targetCol = row.findIndex((v) => normalizeHeader(v) === normalizeHeader(TARGET));
      return;
    }
    if (school === '' || targetCol < 0 || first === '') return;
    const p = parseNumberCell(row[targetCol]);
    if (p.kind === 'number') targets.set(`${school}|${first}`, p.value);
    else if (p.kind === 'invalid')
      problems.push(`Лист «${SCHOOL_INDICATORS_SHEET}», строка ${r + 1}: цель «${String(row[targetCol])}» — не число.`);
  });
  return { targets, problems };
}

export function writeSchoolIndicators(wb: Workbook, names: string[], table: ResultTable, a: Assessment, settings: Settings): string[] {
  const existing = names.includes(SCHOOL_INDICATORS_SHEET)
    ? readTargets(wb.readSheet(SCHOOL_INDICATORS_SHEET).values)
    : { targets: new Map(), problems: [] };
  if (existing.problems.length > 0) return existing.problems;
  const c = settings.criteria;
  const years = table.years.filter((y) => a.year === null || y <= a.year).slice(-3);
  const last = years[years.length - 1];
  // District average %«2» per procedure and year (by procedure, then year: no key made per result).
  const sums = new Map<string, Map<number, { sum: number; n: number }>>();
  for (const s of table.schools) {
    for (const r of s.results) {
      if (r.state !== 'held' || r.fail === null || !countsProcedure(c, r.procedure)) continue;
      let years = sums.get(r.procedure);
      if (years === undefined) sums.set(r.procedure, (years = new Map()));
      let cur = years.get(r.year);
      if (cur === undefined) years.set(r.year, (cur = { sum: 0, n: 0 }));
      cur.sum += r.fail;
      cur.n++;
    }
  }
  const avg = (p: string, y: number) => {
    const v = sums.get(p)?.get(y);
    return v ? Math.round((v.sum / v.n) * 10) / 10 : null;
  };
  const header = [
    'Процедура',
    ...years.map((y) => `% «2», ${y}`),
    `Среднее по району, ${last ?? ''}`,
    'Разница со средним, п. п.',
    TARGET,
    'Цель достигнута',
  ];
  const width = header.length;
  const rows: CellValue[][] = [
    ['Показатели школ с низкими образовательными результатами'],
    [
      'Доля «2» по каждой процедуре против средней по району. Столбец «Цель ОО» заполняет школа или методист; при обновлении он сохраняется.',
    ],
    [],
  ];
  const bold: number[] = [0];
  const bySchool = new Map(table.schools.map((s) => [s.key, s]));
  for (const v of a.verdicts.filter((x) => x.status === 'ШНОР')) {
    const school = bySchool.get(v.key);
    if (!school) continue;
    const id = v.login ?? v.name;
    bold.push(rows.length, rows.length + 1);
    rows.push([`ОО: ${v.name} (${id})`], header);
    const procs = [
      ...new Set(school.results.filter((r) => r.state === 'held' && countsProcedure(c, r.procedure)).map((r) => r.procedure)),
    ].sort();
    for (const p of procs) {
      const own = (y: number) => school.results.find((r) => r.procedure === p && r.year === y && r.state === 'held')?.fail ?? null;
      const mine = last === undefined ? null : own(last);
      const district = last === undefined ? null : avg(p, last);
      const target = existing.targets.get(`${id}|${p}`) ?? null;
      rows.push([
        p,
        ...years.map(own),
        district,
        mine === null || district === null ? null : Math.round((mine - district) * 10) / 10,
        target,
        target === null || mine === null ? '' : mine <= target ? 'да' : 'нет',
      ]);
    }
    rows.push([]);
  }
  const block = rectangular(rows, width);
  const { created } = wb.ensureSheet(SCHOOL_INDICATORS_SHEET);
  if (!created) wb.clearSheet(SCHOOL_INDICATORS_SHEET);
  wb.writeBlock(SCHOOL_INDICATORS_SHEET, 0, 0, block);
  const boldSet = new Set(bold);
  wb.setFontWeights(
    SCHOOL_INDICATORS_SHEET,
    0,
    0,
    block.map((_, r) => block[0]!.map(() => (boldSet.has(r) ? 'bold' : 'normal'))),
  );
  wb.setColumnWidths(SCHOOL_INDICATORS_SHEET, 0, [260, ...years.map(() => 90), 130, 150, 130, 120]);
  // The title and the explanation take the table's width; a school's line wraps in its column. Nothing is
  // frozen here (the schools' blocks each have their own header): a frozen column left by hand would make
  // Sheets refuse the merges («You can't merge frozen and non-frozen columns»).
  wb.freeze(SCHOOL_INDICATORS_SHEET, 0, 0);
  wb.mergeAcross(SCHOOL_INDICATORS_SHEET, { row: 0, col: 0, rows: 2, cols: width });
  wb.setWrap(SCHOOL_INDICATORS_SHEET, { row: 0, col: 0, rows: block.length, cols: width }, true);
  return [];
}
