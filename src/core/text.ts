/** Text helpers of the domain: forgiving header normalisation, Russian numbers and plurals. */

const QUOTES = /["'«»“”„`]/g;

/** Lower case, ё→е, no quotes, single spaces, trimmed: the form headers are compared in. */
export function normalizeHeader(raw: unknown): string {
  return String(raw ?? '')
    .replace(QUOTES, ' ')
    .replace(/\u00a0/g, ' ')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The same without any spaces or dots: for short metric names such as `" % 2"` or `% Выс. рез-тов`. */
export function compactHeader(raw: unknown): string {
  return normalizeHeader(raw).replace(/[\s.]/g, '');
}

export type CellValue = string | number | boolean | Date | null | undefined;

/** What a result cell holds once read. */
export type ParsedNumber =
  { kind: 'number'; value: number; percentSign: boolean } | { kind: 'blank' } | { kind: 'notHeld' } | { kind: 'invalid' };

const NOT_HELD = new Set(['-', '—', '–', '--', 'х', 'x', 'н/п', 'не проводилась', 'не проводилось']);

/** Reads a number as districts write it: `38`, `38,5`, `38.5 %`, `"0,4"`, `-` (not held), blank. */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d*)?$/;

/**
 * Most text cells of a CSV are plain numbers («12,3», «-4», «7.»): their value at once, as parseNumberCell
 * reads them, or null for anything else (spaces, a % sign, quotes, «-»).
 */
export function plainNumber(raw: string): number | null {
  return PLAIN_NUMBER.test(raw) ? Number(raw.replace(',', '.')) : null;
}

export function parseNumberCell(raw: CellValue): ParsedNumber {
  if (raw === null || raw === undefined) return { kind: 'blank' };
  if (typeof raw === 'number') return Number.isFinite(raw) ? { kind: 'number', value: raw, percentSign: false } : { kind: 'invalid' };
  if (typeof raw === 'boolean' || raw instanceof Date) return { kind: 'invalid' };
  const plain = plainNumber(raw);
  if (plain !== null) return { kind: 'number', value: plain, percentSign: false };
  const text = raw.replace(QUOTES, '').replace(/[\s\u00a0\u202f]/g, '');
  if (text === '') return { kind: 'blank' };
  if (NOT_HELD.has(text.toLowerCase())) return { kind: 'notHeld' };
  const percentSign = text.endsWith('%');
  const body = (percentSign ? text.slice(0, -1) : text).replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(body)) return { kind: 'invalid' };
  return { kind: 'number', value: Number(body), percentSign };
}

/** A number with a decimal comma and at most `digits` decimals, no trailing zeros: 29,9; 30; 35. */
export function formatNumber(value: number, digits = 1): string {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return String(rounded).replace('.', ',').replace('-', '−');
}

/** `38 %` — a percentage as it is quoted in a справка. */
export function formatPercent(value: number, digits = 1): string {
  return `${formatNumber(value, digits)} %`;
}

/** Russian plural form: plural(21, ['школа', 'школы', 'школ']) → 'школа'. */
export function plural(n: number, forms: readonly [string, string, string]): string {
  const abs = Math.abs(Math.trunc(n));
  const mod10 = abs % 10;
  const mod100 = abs % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

/** Column letter of a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * The longest text a cell of Google Sheets takes: 50,000 characters («Your input contains more than the
 * maximum of 50000 characters in a single cell»).
 */
export const CELL_TEXT_LIMIT = 50_000;

/**
 * Text that fits a cell: longer text is cut, and says so at its end — how much of it is shown — so that
 * nothing is lost silently.
 */
export function capCellText(text: string, limit = CELL_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  // Thousands apart by a no-break space, as in Russian print (no Intl: the same in Apps Script and Node).
  const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '\u00a0');
  const note = (shown: number) => ` … [текст сокращён: ${grouped(shown)} из ${grouped(text.length)} знаков — больше ячейка не вмещает]`;
  const shown = limit - note(limit).length;
  return text.slice(0, shown) + note(shown);
}
