/**
 * Many inputs, one dataset: result tables of any layout (wide, long, ФИС ОКО reports) from several files
 * become one list of records — one per school, procedure and year — and one comparison with the journal.
 * A school is one school across files by its login (by its name only when no file gives a login). The
 * same result twice with equal values is one record; with different values it is a problem naming both
 * files, sheets and rows, and the first stands. The records are written as one long results tab (the
 * layout `parseResultTable` reads back) with the source named on every row.
 */
import { LoginSpellings, mergedLoginsNote } from './login';
import { COMPARISON_SHEET, type JournalComparison } from './objectivity';
import { parseProcedureLabel, SUBJECTS } from './procedure';
import type { Grid, Problem, Result, ResultTable } from './results';
import { type CellValue, formatNumber } from './text';

/** The long results tab the combined data is written to (CLI book, upload sidebar, gathered report tabs). */
export const COMBINED_SHEET = 'Результаты ФИС ОКО';
export const FILE_HEADER = 'Файл';
export const PLACE_HEADER = 'Лист, строка';
export const COMBINED_HEADER = [
  'Год',
  'Процедура',
  'Класс',
  'Предмет',
  'Муниципалитет',
  'Логин',
  'ОО',
  'Кол-во участников',
  '2',
  '5',
  FILE_HEADER,
  PLACE_HEADER,
] as const;
/** Column widths (pixels) of the long tab, so that names and sources are read, not cut. */
export const COMBINED_WIDTHS = [50, 80, 50, 190, 190, 90, 260, 90, 50, 50, 260, 150];
export const COMPARISON_WIDTHS = [50, 80, 50, 190, 90, 260, 80, 95, 80, 260, 150];
export const COMPARISON_HEADER = [
  'Год',
  'Процедура',
  'Класс',
  'Предмет',
  'Логин',
  'ОО',
  'Понизили',
  'Подтвердили',
  'Повысили',
  FILE_HEADER,
  PLACE_HEADER,
] as const;

export interface SourceTable {
  file: string;
  table: ResultTable;
}

export interface SourceComparison {
  file: string;
  sheet: string;
  rows: readonly JournalComparison[];
}

export interface Origin {
  file: string;
  sheet: string;
  /** 1-based sheet row. */
  row: number;
}

export interface CombinedRecord extends Origin {
  key: string;
  login: string | null;
  name: string;
  territory: string;
  procedure: string;
  year: number;
  state: Result['state'];
  fail: number | null;
  high: number | null;
  participants: number | null;
}

export interface CombinedComparison extends JournalComparison {
  file: string;
  sheet: string;
}

export interface Combined {
  records: CombinedRecord[];
  comparison: CombinedComparison[];
  /** Every source's own problems (their sheet named with the file) and the conflicts between sources. */
  problems: Problem[];
}

/** «район.xlsx / Результаты»; a CSV's only sheet is the file itself (named by its path in a folder). */
export function sourceName(file: string, sheet: string): string {
  return file === '' || file === sheet || file.endsWith(`/${sheet}`) ? file || sheet : `${file} / ${sheet}`;
}

const close = (a: number | null, b: number | null) => a === null || b === null || Math.abs(a - b) < 0.051;
const where = (o: Origin) => `«${sourceName(o.file, o.sheet)}», строка ${o.row}`;
const pct = (v: number | null) => (v === null ? 'пусто' : `${formatNumber(v, 2)} %`);

export function combine(results: readonly SourceTable[], comparisons: readonly SourceComparison[] = []): Combined {
  const problems: Problem[] = [];
  const records: CombinedRecord[] = [];
  const byResult = new Map<string, CombinedRecord>();
  const identity = new Map<string, { name: string; territory: string }>();
  // sch…, edu…, ksh… with the same digits: one school (one key); shown as the newest year writes it.
  const spellings = new LoginSpellings();
  const equalPairs = new Map<string, number>();
  const countEqual = (a: Origin, b: Origin) => {
    const k = `${sourceName(a.file, a.sheet)}\u0000${sourceName(b.file, b.sheet)}`;
    equalPairs.set(k, (equalPairs.get(k) ?? 0) + 1);
  };
  for (const { file, table } of results) {
    for (const p of table.problems) problems.push({ ...p, sheet: sourceName(file, p.sheet) });
    for (const s of table.schools) {
      const known = identity.get(s.key);
      if (!known) identity.set(s.key, { name: s.name, territory: s.territory });
      else if (known.territory === '' && s.territory !== '') known.territory = s.territory;
      for (const r of s.results) {
        if (s.login) spellings.add(s.login, r.year);
        const rec: CombinedRecord = {
          key: s.key,
          login: s.login,
          name: s.name,
          territory: s.territory,
          procedure: r.procedure,
          year: r.year,
          state: r.state,
          fail: r.fail,
          high: r.high,
          participants: r.participants,
          file,
          sheet: table.sheet,
          row: r.row + 1,
        };
        const k = `${s.key}|${r.procedure}|${r.year}`;
        const first = byResult.get(k);
        if (!first) {
          byResult.set(k, rec);
          records.push(rec);
          continue;
        }
        // A blank says nothing: the other source fills it.
        if (first.state === 'blank' && rec.state !== 'blank') {
          Object.assign(first, { state: rec.state, fail: rec.fail, high: rec.high, participants: rec.participants });
          continue;
        }
        if (rec.state === 'blank') continue;
        const same =
          first.state === rec.state &&
          close(first.fail, rec.fail) &&
          close(first.high, rec.high) &&
          (first.participants === null || rec.participants === null || first.participants === rec.participants);
        if (same) {
          first.high ??= rec.high;
          first.participants ??= rec.participants;
          countEqual(first, rec);
          continue;
        }
        const what =
          first.state !== rec.state
            ? `там ${first.state === 'notHeld' ? 'не проводилась' : pct(first.fail)}, здесь ${rec.state === 'notHeld' ? 'не проводилась' : pct(rec.fail)}`
            : !close(first.fail, rec.fail)
              ? `«2»: там ${pct(first.fail)}, здесь ${pct(rec.fail)}`
              : !close(first.high, rec.high)
                ? `высокие результаты: там ${pct(first.high)}, здесь ${pct(rec.high)}`
                : `участников: там ${first.participants}, здесь ${rec.participants}`;
        problems.push({
          severity: 'ошибка',
          sheet: sourceName(file, table.sheet),
          row: rec.row,
          column: null,
          value: s.login ?? s.name,
          message: `${r.procedure}, ${r.year} для «${s.name}» уже прочитан: ${where(first)}; значения различаются (${what}). Учитывается первый; исправьте один из файлов.`,
        });
      }
    }
  }
  for (const { rows } of comparisons) for (const c of rows) if (c.login) spellings.add(c.login, c.year);
  for (const rec of records) {
    const id = identity.get(rec.key);
    if (id) {
      rec.name = id.name;
      rec.territory = id.territory;
    }
    if (rec.login) rec.login = spellings.shown(rec.login) ?? rec.login;
  }
  const merged = spellings.merged();
  if (merged.length > 0)
    problems.push({ severity: 'сведения', sheet: COMBINED_SHEET, row: null, column: null, value: '', message: mergedLoginsNote(merged) });
  for (const [k, n] of equalPairs) {
    const [a, b] = k.split('\u0000') as [string, string];
    problems.push({
      severity: 'сведения',
      sheet: b,
      row: null,
      column: null,
      value: '',
      message: `${n} ${n === 1 ? 'результат совпадает' : 'результатов совпадают'} с «${a}» — учтены один раз.`,
    });
  }

  const comparison: CombinedComparison[] = [];
  const byComparison = new Map<string, CombinedComparison>();
  for (const { file, sheet, rows } of comparisons) {
    for (const c of rows) {
      const k = `${c.key}|${c.procedure}|${c.year}`;
      const rec = { ...c, login: c.login ? (spellings.shown(c.login) ?? c.login) : null, file, sheet };
      const first = byComparison.get(k);
      if (!first) {
        byComparison.set(k, rec);
        comparison.push(rec);
        continue;
      }
      if (close(first.raised, c.raised) && close(first.confirmed, c.confirmed) && close(first.lowered, c.lowered)) continue;
      problems.push({
        severity: 'ошибка',
        sheet: sourceName(file, sheet),
        row: c.row,
        column: null,
        value: c.login ?? c.name,
        message: `Сравнение с журналом ${c.procedure}, ${c.year} для «${c.name}» уже прочитано: ${where(first)}; доли различаются («Повысили»: там ${pct(first.raised)}, здесь ${pct(c.raised)}). Учитывается первое.`,
      });
    }
  }
  return { records, comparison, problems };
}

/** Год, процедура, класс, предмет of a canonical label: «ВПР», 5, «математика»; «ЕГЭ», '', «математика (профильная)». */
export function labelColumns(label: string): [string, number | string, string] {
  let got = LABEL_COLUMNS.get(label);
  if (!got) {
    got = labelColumnsOf(label);
    LABEL_COLUMNS.set(label, got);
  }
  return got;
}

/** Labels are few and records many: each label is read once. */
const LABEL_COLUMNS = new Map<string, [string, number | string, string]>();

function labelColumnsOf(label: string): [string, number | string, string] {
  const p = parseProcedureLabel(label);
  if (!p) return ['', '', label];
  const name = SUBJECTS.find((s) => s.code === p.subject)?.name ?? p.subject;
  const level = p.level === 'проф' ? ' (профильная)' : p.level === 'база' ? ' (базовая)' : p.level === 'углубл' ? ' (углублённая)' : '';
  return [p.exam, p.grade ?? '', `${name}${level}`];
}

const place = (o: Origin) => (sourceName(o.file, o.sheet) === o.file ? `строка ${o.row}` : `${o.sheet}, строка ${o.row}`);

/** The rows of the long results tab, header first. */
export function combinedRows(records: readonly CombinedRecord[]): CellValue[][] {
  const out: CellValue[][] = [[...COMBINED_HEADER]];
  for (const r of records) {
    const [exam, grade, subject] = labelColumns(r.procedure);
    out.push([
      r.year,
      exam,
      grade,
      subject,
      r.territory,
      r.login ?? '',
      r.name,
      r.participants,
      r.state === 'notHeld' ? '-' : r.fail,
      r.high,
      r.file,
      place(r),
    ]);
  }
  return out;
}

/** The rows of «Сравнение с журналом» in the long layout `parseJournalComparison` reads, header first. */
export function comparisonRows(rows: readonly CombinedComparison[]): CellValue[][] {
  const out: CellValue[][] = [[...COMPARISON_HEADER]];
  for (const c of rows) {
    const [exam, grade, subject] = labelColumns(c.procedure);
    out.push([c.year, exam, grade, subject, c.login ?? '', c.name, c.lowered, c.confirmed, c.raised, c.file, place(c)]);
  }
  return out;
}

/** The combined data as the grids of a book: the long results tab and, when there is one, the comparison. */
export function combinedGrids(c: Combined): Grid[] {
  const grids: Grid[] = [{ sheet: COMBINED_SHEET, values: combinedRows(c.records) }];
  if (c.comparison.length > 0) grids.push({ sheet: COMPARISON_SHEET, values: comparisonRows(c.comparison) });
  return grids;
}
