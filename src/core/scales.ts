/**
 * Mark boundaries of ВПР: ФИОКО's «Рекомендации по переводу первичных баллов в отметки по пятибалльной
 * шкале», per procedure and year, shipped as reviewable data (scale-data/vpr.json, each scale with its
 * source; what could not be sourced is left out) and kept by the district on a tab of its own, «Шкалы
 * отметок ВПР», where its rows win over the shipped ones.
 *
 * The score peaks (tasks.ts) need the lowest primary score of «3», «4», «5». A Ф1 file shows it only where
 * pupils stand on it: a district with nobody at 16 points of ВПР РУ 4 2026 shows «4» from 17 although the
 * scale says 16, and a year without a «5» shows no boundary for «5» at all. `resolveBoundaries` takes the
 * scale where the file agrees with it, the file where there is no scale, and the file — saying so — where
 * the pupils contradict the scale (someone below the scale's boundary got the mark, or someone at or above
 * it got a lower one).
 */
import { readProcedureHeader } from './procedure';
import type { Grid, Problem } from './results';
import data from './scale-data/vpr.json';
import { type CellValue, columnLetter, normalizeHeader, parseNumberCell } from './text';

export const SCALES_SHEET = 'Шкалы отметок ВПР';

type Mark = '2' | '3' | '4' | '5';
const MARKS: readonly Mark[] = ['2', '3', '4', '5'];

/** One scale as the data file gives it: every mark's range of primary scores, both ends included. */
export interface ShippedScale {
  procedure: string;
  year: number;
  max: number;
  marks: Record<Mark, [number, number]>;
  source: string;
}

/** A scale as the analyses use it: the lowest primary score of «3», «4», «5». */
export interface MarkScale {
  procedure: string;
  year: number;
  max: number | null;
  from: [number, number, number];
  /** Where it came from, in words. */
  source: string;
  /** The district's own row (added, or different from the shipped one). */
  district: boolean;
}

export const SHIPPED_SCALES: readonly ShippedScale[] = data.scales as ShippedScale[];

/** What is wrong with a shipped scale: ranges from 0 to the maximum, each after the one before, no gaps. */
export function shippedScaleIssues(s: ShippedScale): string[] {
  const out: string[] = [];
  const where = `${s.procedure}, ${s.year}`;
  if (!readProcedureHeader(s.procedure).procedure) out.push(`${where}: процедура не распознана`);
  if (!s.source.trim()) out.push(`${where}: нет источника`);
  let next = 0;
  for (const m of MARKS) {
    const r = s.marks[m];
    if (!r || r.length !== 2 || !r.every((x) => Number.isInteger(x))) {
      out.push(`${where}: диапазон «${m}» не из двух целых чисел`);
      return out;
    }
    if (r[0] !== next) out.push(`${where}: «${m}» начинается с ${r[0]}, а должна с ${next}`);
    if (r[1] < r[0]) out.push(`${where}: «${m}» — от ${r[0]} до ${r[1]}`);
    next = r[1] + 1;
  }
  if (next - 1 !== s.max) out.push(`${where}: «5» кончается на ${next - 1}, а максимальный балл ${s.max}`);
  return out;
}

const fromShipped = (s: ShippedScale): MarkScale => ({
  procedure: s.procedure,
  year: s.year,
  max: s.max,
  from: [s.marks['3'][0], s.marks['4'][0], s.marks['5'][0]],
  source: `шкала ФИОКО ${s.year}`,
  district: false,
});

/** Procedure and year → scale. */
export type ScaleTable = ReadonlyMap<string, MarkScale>;

const scaleKey = (procedure: string, year: number) => `${procedure}|${year}`;

export const NO_SCALES: ScaleTable = new Map();

/** The shipped scales with the district's rows over them. */
export function scaleTable(district: readonly MarkScale[] = []): ScaleTable {
  const out = new Map<string, MarkScale>();
  for (const s of SHIPPED_SCALES) out.set(scaleKey(s.procedure, s.year), fromShipped(s));
  for (const s of district) out.set(scaleKey(s.procedure, s.year), s);
  return out;
}

export function scaleFor(table: ScaleTable, procedure: string, year: number): MarkScale | null {
  return table.get(scaleKey(procedure, year)) ?? null;
}

// ——— The tab ———

export const SCALES_HEADER = [
  'Процедура',
  'Год',
  'Макс. первичный балл',
  '«3» — от, баллов',
  '«4» — от, баллов',
  '«5» — от, баллов',
  'Источник',
] as const;
export const SCALES_WIDTHS = [110, 60, 110, 110, 110, 110, 560];
/** The header's row (0-based) as `scalesTabRows` writes it. */
export const SCALES_HEADER_ROW = 3;

/** The tab as the add-on writes it first: two lines on what it is for, the header, the shipped scales. */
export function scalesTabRows(): CellValue[][] {
  const shipped = SHIPPED_SCALES.map((s) => {
    const m = fromShipped(s);
    return [s.procedure, s.year, s.max, ...m.from, s.source];
  });
  return [
    ['Шкалы перевода первичных баллов ВПР в отметки (наименьший первичный балл каждой отметки)'],
    ['Нужны для пиков распределения баллов, когда файл «Индивидуальные результаты» сам границу не показывает (на границе нет участников).'],
    [
      'Строки района важнее шкал надстройки; добавляйте процедуры и годы по рекомендациям ФИОКО. Если участники противоречат шкале, берётся файл — лист «Задания» это называет.',
    ],
    [...SCALES_HEADER],
    ...shipped,
  ];
}

/**
 * The tab read back: each row a scale, checked (procedure known, a year, 0 < «3» < «4» < «5» ≤ maximum);
 * a row that does not read is a problem naming its row and column, and is not used.
 */
export function parseScalesTab(grid: Grid): { scales: MarkScale[]; problems: Problem[] } {
  const scales: MarkScale[] = [];
  const problems: Problem[] = [];
  const want = SCALES_HEADER.map((h) => normalizeHeader(h));
  let header = -1;
  let cols: number[] = [];
  for (let r = 0; r < Math.min(grid.values.length, 10); r++) {
    const row = (grid.values[r] ?? []).map((v) => normalizeHeader(v));
    const found = want.map((h) => row.indexOf(h));
    if (found[0]! >= 0 && found[1]! >= 0 && found[3]! >= 0) {
      header = r;
      cols = found;
      break;
    }
  }
  const problem = (row: number, col: number, value: CellValue, message: string) =>
    problems.push({
      severity: 'предупреждение',
      sheet: grid.sheet,
      row: row + 1,
      column: col >= 0 ? columnLetter(col) : null,
      value: value === null || value === undefined ? '' : String(value),
      message,
    });
  if (header < 0) {
    problem(0, -1, '', `Не найдена строка заголовка («${SCALES_HEADER.join('», «')}»): шкалы района не прочитаны.`);
    return { scales, problems };
  }
  const shipped = scaleTable();
  for (let r = header + 1; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    const cell = (i: number) => (cols[i]! >= 0 ? row[cols[i]!] : null);
    if ([0, 1, 2, 3, 4, 5].every((i) => cell(i) === null || cell(i) === undefined || String(cell(i)).trim() === '')) continue;
    const reading = readProcedureHeader(cell(0));
    if (!reading.procedure || reading.procedure.exam !== 'ВПР') {
      problem(r, cols[0]!, cell(0), 'Процедура не распознана (нужно как «ВПР МА 5»); строка не учитывается.');
      continue;
    }
    const num = (i: number): number | null => {
      const p = parseNumberCell(cell(i));
      return p.kind === 'number' && Number.isInteger(p.value) && p.value >= 0 ? p.value : null;
    };
    const year = num(1);
    if (year === null || year < 2015 || year > 2100) {
      problem(r, cols[1]!, cell(1), 'Год должен быть числом, например 2026; строка не учитывается.');
      continue;
    }
    const maxRaw = cell(2);
    const max = maxRaw === null || maxRaw === undefined || String(maxRaw).trim() === '' ? null : num(2);
    if (max === null && !(maxRaw === null || maxRaw === undefined || String(maxRaw).trim() === '')) {
      problem(r, cols[2]!, maxRaw, 'Максимальный балл должен быть целым числом; строка не учитывается.');
      continue;
    }
    const from = [num(3), num(4), num(5)];
    const bad = from.findIndex((b, i) => b === null || b <= 0 || (i > 0 && b <= (from[i - 1] ?? 0)) || (max !== null && b > max));
    if (bad >= 0) {
      problem(
        r,
        cols[3 + bad]!,
        cell(3 + bad),
        `Наименьшие баллы «3», «4», «5» должны быть целыми, расти слева направо и не превышать максимальный балл; строка не учитывается.`,
      );
      continue;
    }
    const procedure = reading.procedure.label;
    const own = scaleFor(shipped, procedure, year);
    const same = own !== null && own.from.every((b, i) => b === from[i]) && (max === null || own.max === max);
    const note = String(cell(6) ?? '').trim();
    scales.push({
      procedure,
      year,
      max,
      from: from as [number, number, number],
      source: same ? (own as MarkScale).source : `шкала района (лист «${grid.sheet}», строка ${r + 1}${note ? `: ${note}` : ''})`,
      district: !same,
    });
  }
  return { scales, problems };
}

// ——— The boundaries of one procedure and year ———

export type BoundarySource = 'файл' | 'шкала' | 'файл и шкала';

export interface Boundaries {
  /** The lowest primary score of «3», «4», «5»; null where neither the file nor a scale gives it. */
  bounds: [number | null, number | null, number | null];
  from: [BoundarySource | null, BoundarySource | null, BoundarySource | null];
  scale: MarkScale | null;
  /** Where the pupils contradict the scale (the file's boundary is used): one clause each. */
  disagreements: string[];
}

const pointsWord = (n: number) => {
  const d = n % 10;
  const dd = n % 100;
  return d === 1 && dd !== 11 ? 'балл' : d >= 2 && d <= 4 && (dd < 12 || dd > 14) ? 'балла' : 'баллов';
};
const withPoints = (n: number) => `${n} ${n % 10 === 1 && n % 100 !== 11 ? 'баллом' : 'баллами'}`;

/**
 * The boundaries of one procedure and year from what the pupils show — `fileLow`: the lowest whole primary
 * score that got «3», «4», «5» (null where nobody got the mark), `histogram`: all the pupils by score,
 * `maxScore`: the file's maximum — and the scale, if any (see the module's comment).
 */
export function resolveBoundaries(
  fileLow: readonly (number | null)[],
  histogram: readonly number[],
  scale: MarkScale | null,
  maxScore: number | null = null,
): Boundaries {
  const out: Boundaries = { bounds: [null, null, null], from: [null, null, null], scale, disagreements: [] };
  // A scale of another work (its maximum is not the file's) is not used at all.
  if (scale !== null && scale.max !== null && maxScore !== null && scale.max !== maxScore) {
    out.disagreements.push(`максимальный первичный балл в файле ${maxScore}, а в шкале ${scale.max}`);
    fileLow.slice(0, 3).forEach((low, k) => {
      out.bounds[k] = low ?? null;
      out.from[k] = low === null || low === undefined ? null : 'файл';
    });
    return out;
  }
  for (let k = 0; k < 3; k++) {
    const low = fileLow[k] ?? null;
    const t = scale?.from[k] ?? null;
    const mark = k + 3;
    if (t === null) {
      out.bounds[k] = low;
      out.from[k] = low === null ? null : 'файл';
      continue;
    }
    // Pupils at the scale's boundary or above it, below the lowest score of this mark or a higher one: they got a lower mark.
    const higher = fileLow.slice(k).filter((x): x is number => x !== null);
    const lowAny = higher.length > 0 ? Math.min(...higher) : histogram.length;
    let under: number | null = null;
    for (let s = t; s < lowAny && s < histogram.length; s++)
      if ((histogram[s] ?? 0) > 0) {
        under = s;
        break;
      }
    if (low !== null && low < t)
      out.disagreements.push(`отметку «${mark}» получили участники с ${withPoints(low)}, а по шкале «${mark}» — от ${t} ${pointsWord(t)}`);
    else if (under !== null)
      out.disagreements.push(
        `участники с ${withPoints(under)} получили отметку ниже «${mark}», а по шкале «${mark}» — от ${t} ${pointsWord(t)}`,
      );
    else {
      out.bounds[k] = t;
      out.from[k] = low === t ? 'файл и шкала' : 'шкала';
      continue;
    }
    out.bounds[k] = low;
    out.from[k] = low === null ? null : 'файл';
  }
  return out;
}

/**
 * The boundaries in words, a line each (short enough for a printed «Задания» page): «Границы отметок по первичному
 * баллу: «3» — от 10, «4» — от 16, «5» — от 21.», then where they come from, then each contradiction.
 */
export function boundariesLines(b: Boundaries): string[] {
  const names = b.bounds.map((x, k) => (x === null ? `«${k + 3}» — не определена` : `«${k + 3}» — от ${x}`)).join(', ');
  const head = `Границы отметок по первичному баллу: ${names}.`;
  if (b.scale === null)
    return [
      head,
      'Взяты по участникам района (наименьший балл с отметкой): шкалы этой процедуры и года нет — её можно внести на лист «Шкалы отметок ВПР».',
    ];
  if (b.disagreements.length > 0)
    return [
      head,
      b.disagreements[0]?.startsWith('максимальный')
        ? `Взяты по файлу — шкала к этой работе не подходит (${b.scale.source}):`
        : `Взяты по файлу — участники противоречат шкале (${b.scale.source}):`,
      ...b.disagreements.map((d, i) => `${d}${i === b.disagreements.length - 1 ? '.' : ';'}`),
    ];
  const gaps = b.from.includes('шкала') ? 'на части границ в файле нет участников, ' : '';
  return [head, `По шкале (${b.scale.source}); ${gaps}файл ей не противоречит.`];
}

/** The same as one paragraph (the справка). */
export const boundariesText = (b: Boundaries): string => boundariesLines(b).join(' ');
