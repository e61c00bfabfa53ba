/**
 * Which data «ШНОР: итоги» were computed from: the result sheet, the ФИС ОКО tabs gathered into it, and a
 * fingerprint of the results and of the criteria. «Проверить школы по критериям» writes it as a line of
 * «ШНОР: итоги» («Источник данных»), in words a methodologist can read and a colleague can check; every
 * other action reads it back, takes the same sheet, and compares the fingerprints with what it reads
 * now, so that «ШНОР: итоги», the справка and the result sheet never disagree without a visible warning.
 *
 * Why the line on the tab and not the document's properties: the record travels with the tab it
 * describes (a copy of the book, a deleted «ШНОР: итоги» — the record goes with it), it is seen by the
 * person who prints the итоги, and it is the same in Sheets and in an .xlsx written by the command line.
 */
import type { Criteria } from './criteria';
import type { ResultTable } from './results';
import { plural } from './text';

/** The label of the record's line on «ШНОР: итоги». */
export const SOURCE_LABEL = 'Источник данных';

export interface SourceRecord {
  /** The result sheet the check read. */
  sheet: string;
  /** ФИС ОКО report tabs gathered into it by that check (empty when none). */
  tabs: number;
  schools: number;
  /** Fingerprint of the results as read (see resultsFingerprint). */
  data: string;
  /** Fingerprint of the criteria applied (see criteriaFingerprint). */
  criteria: string;
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32 bits, of `text` continued from the hash `h` (a text hashed in pieces hashes as the whole). */
function fnvStep(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short fingerprint a person can compare by eye. */
function fnv(text: string): string {
  return hex(fnvStep(FNV_OFFSET, text));
}

const hex = (h: number) => h.toString(16).padStart(8, '0');

/**
 * Fingerprints already taken, by the schools they were taken of: every action of a run finds the same
 * parse (see actions/shared-table) and a region's fingerprint sorts millions of lines.
 */
const taken = new WeakMap<object, string>();

/**
 * The results as the criteria see them — school, procedure, year, share of «2», participants, high
 * results — in a fixed order: the same data gives the same fingerprint whatever the row order, the
 * colouring or the add-on's own columns; any changed number, school or procedure changes it.
 */
export function resultsFingerprint(table: Pick<ResultTable, 'schools'>): string {
  const known = taken.get(table.schools);
  if (known !== undefined) return known;
  // The lines joined by line breaks, hashed a line at a time (a region's text would be a hundred megabytes).
  // A line starts with its school's key and `|`: when no key holds a `|` and no two schools share one, the
  // lines sort as the schools by `key|`, each school's lines together — a school at a time, not millions of
  // lines built and sorted at once.
  const byKey = table.schools.map((s) => ({ s, head: `${s.key}|` })).sort((a, b) => (a.head < b.head ? -1 : a.head > b.head ? 1 : 0));
  const apart = byKey.every((x, i) => !x.s.key.includes('|') && (i === 0 || byKey[i - 1]!.head !== x.head));
  const lines = new LineHash(apart ? table.schools : []);
  if (apart) for (const { s } of byKey) lines.school(s);
  else lines.sorted(table.schools.flatMap((s) => s.results.map((r) => lineOf(s, r))));
  const print = hex(lines.h);
  taken.set(table.schools, print);
  return print;
}

type SchoolOf = ResultTable['schools'][number];
type ResultOf = SchoolOf['results'][number];

/** A result's line: school, procedure, year, state, share of «2», participants, high results, by `|`. */
const lineOf = (s: SchoolOf, r: ResultOf) =>
  [s.key, r.procedure, r.year, r.state, r.fail ?? '', r.participants ?? '', r.high ?? ''].join('|');

const BAR = 0x7c;
const NEW_LINE = 0x0a;
/** How many numbers' texts a fingerprint keeps (a share has a thousand values at one decimal). */
const MAX_NUMBERS = 20_000;

/** FNV-1a of lines in order, each after a line break but the first. */
class LineHash {
  h = FNV_OFFSET;
  private first = true;
  /** `procedure|year|` of each procedure and year, made once, and its place among them all in sorted order. */
  private heads = new Map<string, Map<number, { text: string; rank: number }>>();

  constructor(schools: readonly SchoolOf[]) {
    const all: Array<{ text: string; rank: number }> = [];
    for (const s of schools)
      for (const r of s.results) {
        let years = this.heads.get(r.procedure);
        if (years === undefined) this.heads.set(r.procedure, (years = new Map()));
        if (!years.has(r.year)) {
          const head = { text: `${r.procedure}|${r.year}|`, rank: 0 };
          years.set(r.year, head);
          all.push(head);
        }
      }
    all.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)).forEach((head, i) => (head.rank = i));
  }

  /** A number's text, as a line writes it: shares repeat (29,3 in many schools), their texts are made once. */
  private number(x: number): string {
    let text = this.numbers.get(x);
    if (text === undefined) {
      text = String(x);
      if (this.numbers.size < MAX_NUMBERS) this.numbers.set(x, text);
    }
    return text;
  }

  private numbers = new Map<number, string>();

  private char(code: number): void {
    this.h = Math.imul(this.h ^ code, 0x01000193) >>> 0;
  }

  private start(): void {
    if (!this.first) this.char(NEW_LINE);
    this.first = false;
  }

  sorted(lines: string[]): void {
    for (const line of lines.sort()) {
      this.start();
      this.h = fnvStep(this.h, line);
    }
  }

  /**
   * One school's lines in sorted order, hashed piece by piece. A line goes on `key|procedure|year|`: when
   * no procedure holds a `|` and no two results share a procedure and year, those heads order the lines;
   * otherwise the school's lines are made and sorted whole.
   */
  school(s: SchoolOf): void {
    const results = s.results;
    const heads = results.map((r) => this.heads.get(r.procedure)!.get(r.year)!);
    const order = heads.map((_, i) => i).sort((a, b) => heads[a]!.rank - heads[b]!.rank);
    const plain = order.every((k, i) => !results[k]!.procedure.includes('|') && (i === 0 || heads[order[i - 1]!] !== heads[k]));
    if (!plain) return this.sorted(results.map((r) => lineOf(s, r)));
    for (const k of order) {
      const r = results[k]!;
      this.start();
      this.h = fnvStep(this.h, s.key);
      this.char(BAR);
      this.h = fnvStep(fnvStep(this.h, heads[k]!.text), r.state);
      this.char(BAR);
      if (r.fail !== null && r.fail !== undefined) this.h = fnvStep(this.h, this.number(r.fail));
      this.char(BAR);
      if (r.participants !== null && r.participants !== undefined) this.h = fnvStep(this.h, this.number(r.participants));
      this.char(BAR);
      if (r.high !== null && r.high !== undefined) this.h = fnvStep(this.h, this.number(r.high));
    }
  }
}

/** The criteria that decide a verdict, whatever their preset's name. */
export function criteriaFingerprint(c: Criteria): string {
  const { preset: _preset, ...rest } = c;
  return fnv(stable(rest));
}

/** JSON with the keys of every object sorted: the same criteria give the same text whatever built them. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** The record as the line reads: «лист «Результаты ФИС ОКО» (из 40 вкладок ФИС ОКО), 33 ОО; отпечаток данных 1a2b3c4d, критериев 5e6f7a8b». */
export function recordText(r: SourceRecord): string {
  const tabs = r.tabs > 0 ? ` (из ${r.tabs} ${plural(r.tabs, ['вкладки', 'вкладок', 'вкладок'])} ФИС ОКО)` : '';
  return `лист «${r.sheet}»${tabs}, ${r.schools} ОО; отпечаток данных ${r.data}, критериев ${r.criteria}`;
}

/** The record back from its line; null when the cell holds something else (an older book, a person's edit). */
export function parseRecord(text: unknown): SourceRecord | null {
  const m = /^лист «(.+)»(?: \(из (\d+) вкладо?к[и]? ФИС ОКО\))?, (\d+) ОО; отпечаток данных ([0-9a-f]{8}), критериев ([0-9a-f]{8})$/.exec(
    String(text ?? '').trim(),
  );
  if (!m) return null;
  return { sheet: m[1] as string, tabs: Number(m[2] ?? 0), schools: Number(m[3]), data: m[4] as string, criteria: m[5] as string };
}

/** How the data an action reads stands to the last check. */
export type SourceState =
  | { kind: 'unchecked' }
  /** «ШНОР: итоги» are there without a record: written by an earlier version, from data no one can tell. */
  | { kind: 'unrecorded' }
  | { kind: 'same'; record: SourceRecord }
  | { kind: 'changed'; record: SourceRecord; what: Array<'sheet' | 'data' | 'criteria'> };

export function sourceState(
  record: SourceRecord | null,
  sheet: string,
  data: string,
  criteria: string,
  summaryExists = false,
): SourceState {
  if (!record) return { kind: summaryExists ? 'unrecorded' : 'unchecked' };
  const what: Array<'sheet' | 'data' | 'criteria'> = [];
  if (record.sheet !== sheet) what.push('sheet');
  else if (record.data !== data) what.push('data');
  if (record.criteria !== criteria) what.push('criteria');
  return what.length === 0 ? { kind: 'same', record } : { kind: 'changed', record, what };
}

/** The action's first line: which sheet it read and how that stands to «ШНОР: итоги». */
export function sourceLine(sheet: string, state: SourceState, summarySheet: string): string {
  const head = `Источник данных: лист «${sheet}»`;
  if (state.kind === 'same') return `${head} — тот же, что в последней проверке школ («${summarySheet}»).`;
  if (state.kind === 'unchecked') return `${head}. Школы по нему ещё не проверялись: «${summarySheet}» не составлены.`;
  if (state.kind === 'unrecorded')
    return `${head}. Внимание: в «${summarySheet}» не записано, по каким данным они составлены (проверка прежней версии надстройки) — запустите «Проверить школы по критериям» заново.`;
  return `${head}. Внимание: ${changeText(state, summarySheet)}`;
}

/** «результаты на листе «…» изменились после проверки школ…» — what differs and what to do. */
export function changeText(state: Extract<SourceState, { kind: 'changed' }>, summarySheet: string): string {
  const parts: string[] = [];
  if (state.what.includes('sheet')) parts.push(`последняя проверка школ была по листу «${state.record.sheet}»`);
  if (state.what.includes('data')) parts.push(`результаты на листе «${state.record.sheet}» изменились после проверки школ`);
  if (state.what.includes('criteria')) parts.push('критерии в настройках изменились после проверки школ');
  return `${parts.join('; ')} — «${summarySheet}» составлены по другим данным. Запустите «Проверить школы по критериям» заново.`;
}
