/**
 * The comparison levels of ФИС ОКО's reports: the rows «Вся выборка» (по России), the region (по региону)
 * and the municipality (по району — the district's own average as ФИС ОКО counts it), per procedure and
 * year, with the marks 2–5 and the journal shares. Kept beside the long results tab as «Средние ФИС ОКО»
 * for the справка (where a procedure has such a figure) and for the analysis of tasks that comes next.
 */
import { type Level, LEVEL_LABEL } from './fisoko';
import type { FileReading } from './sources';
import { type CellValue, normalizeHeader, parseNumberCell } from './text';

export const LEVELS_SHEET = 'Средние ФИС ОКО';
export const LEVELS_HEADER = [
  'Год',
  'Процедура',
  'Уровень',
  'Название',
  'Код',
  'Кол-во ОО',
  'Кол-во участников',
  '2',
  '3',
  '4',
  '5',
  'Понизили',
  'Подтвердили',
  'Повысили',
  'Файл',
] as const;
export const LEVELS_WIDTHS = [50, 90, 90, 300, 90, 70, 90, 50, 50, 50, 50, 80, 90, 80, 260];
const LEVEL_NAMES: Level[] = ['район', 'регион', 'Россия'];

export interface LevelRecord {
  year: number;
  procedure: string;
  level: Level;
  name: string;
  code: string | null;
  schools: number | null;
  participants: number | null;
  /** %«2», «3», «4», «5». */
  marks: Array<number | null>;
  /** «Понизили», «Подтвердили», «Повысили», %. */
  journal: Array<number | null>;
  file: string;
}

/** Every level row of the files' reports; a marks report and a journal report of the same procedure fill one record. */
export function levelRecords(files: readonly FileReading[]): LevelRecord[] {
  const out = new Map<string, LevelRecord>();
  for (const f of files)
    for (const s of f.sheets) {
      const procedure = s.procedures[0];
      const year = s.years[0];
      if (procedure === undefined || year === undefined || s.procedures.length !== 1) continue;
      for (const a of s.levels) {
        if (a.level === null) continue;
        const k = `${procedure}|${year}|${a.level}|${normalizeHeader(a.name)}`;
        const rec = out.get(k) ?? {
          year,
          procedure,
          level: a.level,
          name: a.name,
          code: a.code,
          schools: null,
          participants: null,
          marks: [null, null, null, null],
          journal: [null, null, null],
          file: f.file,
        };
        rec.code ??= a.code;
        rec.schools ??= a.schools;
        if (a.marks) {
          rec.marks = [...a.marks];
          rec.participants = a.participants ?? rec.participants;
        } else rec.participants ??= a.participants;
        if (a.journal) rec.journal = [a.journal.lowered, a.journal.confirmed, a.journal.raised];
        out.set(k, rec);
      }
    }
  return [...out.values()].sort(
    (a, b) =>
      b.year - a.year ||
      (a.procedure < b.procedure ? -1 : a.procedure > b.procedure ? 1 : 0) ||
      LEVEL_NAMES.indexOf(a.level) - LEVEL_NAMES.indexOf(b.level),
  );
}

/** The rows of «Средние ФИС ОКО», without the header. */
export function levelRows(records: readonly LevelRecord[]): CellValue[][] {
  return records.map((r) => [
    r.year,
    r.procedure,
    LEVEL_LABEL[r.level],
    r.name,
    r.code,
    r.schools,
    r.participants,
    ...r.marks,
    ...r.journal,
    r.file,
  ]);
}

/** «Средние ФИС ОКО» read back (the rows the add-on wrote; a row it cannot read is left out). */
export function readLevels(values: readonly CellValue[][]): LevelRecord[] {
  const header = (values[0] ?? []).map((v) => normalizeHeader(v));
  const col = LEVELS_HEADER.map((h) => header.indexOf(normalizeHeader(h)));
  if (col.slice(0, 4).some((c) => c < 0)) return [];
  const num = (row: readonly CellValue[], i: number) => {
    const c = col[i] as number;
    if (c < 0) return null;
    const p = parseNumberCell(row[c]);
    return p.kind === 'number' ? p.value : null;
  };
  const out: LevelRecord[] = [];
  for (const row of values.slice(1)) {
    const label = normalizeHeader(row[col[2] as number]);
    const level = LEVEL_NAMES.find((l) => normalizeHeader(LEVEL_LABEL[l]) === label);
    const year = num(row, 0);
    const procedure = String(row[col[1] as number] ?? '').trim();
    if (!level || year === null || procedure === '') continue;
    out.push({
      year,
      procedure,
      level,
      name: String(row[col[3] as number] ?? '').trim(),
      code: (col[4] as number) >= 0 ? String(row[col[4] as number] ?? '').trim() || null : null,
      schools: num(row, 5),
      participants: num(row, 6),
      marks: [7, 8, 9, 10].map((i) => num(row, i)),
      journal: [11, 12, 13].map((i) => num(row, i)),
      file: (col[14] as number) >= 0 ? String(row[col[14] as number] ?? '') : '',
    });
  }
  return out;
}
