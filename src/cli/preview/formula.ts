/**
 * A small evaluator of custom-formula conditional formats, enough to show a sheet's colours as Sheets,
 * Excel and LibreOffice would: the rule's formula is written for the top-left cell of its first range,
 * relative references move with the cell, `$` parts stay. It knows the operators and the functions a
 * conditional format of this kind uses (AND, OR, NOT, IF, N, ISNUMBER, SEARCH, SUBSTITUTE, ADDRESS,
 * COLUMN, ROW, …); a formula it cannot read makes the rule not apply, as an invalid rule would not.
 */
import type { ConditionalRule, Range } from '../../workbook/port';
import type { CellValue } from '../../core/text';

/** A spreadsheet error value (#VALUE!, #NAME?, …): never true, spreads through most functions. */
export class FormulaError {
  constructor(readonly code: string) {}
}

type Value = string | number | boolean | null | FormulaError;

type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'ref'; row: number; col: number; absRow: boolean; absCol: boolean }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'un'; op: string; a: Node }
  | { t: 'bin'; op: string; a: Node; b: Node }
  | { t: 'pct'; a: Node };

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|("(?:[^"]|"")*")|(\$?[A-Za-z]{1,3}\$?\d+)(?![A-Za-z0-9_(])|([A-Za-z_][A-Za-z0-9_.]*)|(<>|<=|>=|[-+*/^&=<>(),;%:]))/y;

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`Не разобрать формулу: ${text}`);
    out.push(m[0].trim());
  }
  return out;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Parses a formula (with or without the leading '=') into a tree. */
export function parseFormula(formula: string): Node {
  const tokens = tokenize(formula.replace(/^\s*=/, ''));
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (t: string) => {
    if (next() !== t) throw new Error(`Ожидалось «${t}» в формуле ${formula}`);
  };
  const comparison = (): Node => {
    let a = concat();
    while (['=', '<>', '<', '>', '<=', '>='].includes(peek() ?? '')) {
      const op = next() as string;
      a = { t: 'bin', op, a, b: concat() };
    }
    return a;
  };
  const concat = (): Node => {
    let a = additive();
    while (peek() === '&') {
      next();
      a = { t: 'bin', op: '&', a, b: additive() };
    }
    return a;
  };
  const additive = (): Node => {
    let a = term();
    while (peek() === '+' || peek() === '-') {
      const op = next() as string;
      a = { t: 'bin', op, a, b: term() };
    }
    return a;
  };
  const term = (): Node => {
    let a = power();
    while (peek() === '*' || peek() === '/') {
      const op = next() as string;
      a = { t: 'bin', op, a, b: power() };
    }
    return a;
  };
  const power = (): Node => {
    let a = unary();
    while (peek() === '^') {
      next();
      a = { t: 'bin', op: '^', a, b: unary() };
    }
    return a;
  };
  const unary = (): Node => {
    if (peek() === '-' || peek() === '+') {
      const op = next() as string;
      return { t: 'un', op, a: unary() };
    }
    let a = primary();
    while (peek() === '%') {
      next();
      a = { t: 'pct', a };
    }
    return a;
  };
  const primary = (): Node => {
    const tok = next();
    if (tok === undefined) throw new Error(`Формула оборвана: ${formula}`);
    if (tok === '(') {
      const e = comparison();
      expect(')');
      return e;
    }
    if (/^\d/.test(tok)) return { t: 'num', v: Number(tok) };
    if (tok.startsWith('"')) return { t: 'str', v: tok.slice(1, -1).replace(/""/g, '"') };
    const ref = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(tok);
    if (ref && peek() !== '(') {
      if (peek() === ':') throw new Error(`Диапазоны в формуле не поддерживаются: ${formula}`);
      return { t: 'ref', absCol: ref[1] === '$', col: columnIndex(ref[2] as string), absRow: ref[3] === '$', row: Number(ref[4]) - 1 };
    }
    if (/^[A-Za-z_]/.test(tok)) {
      const name = tok.toUpperCase();
      if (peek() !== '(') {
        if (name === 'TRUE' || name === 'FALSE') return { t: 'bool', v: name === 'TRUE' };
        throw new Error(`Неизвестное имя «${tok}» в формуле ${formula}`);
      }
      next();
      const args: Node[] = [];
      if (peek() !== ')') {
        args.push(comparison());
        while (peek() === ',' || peek() === ';') {
          next();
          args.push(comparison());
        }
      }
      expect(')');
      return { t: 'call', name, args };
    }
    throw new Error(`Неожиданное «${tok}» в формуле ${formula}`);
  };
  const tree = comparison();
  if (i !== tokens.length) throw new Error(`Лишнее «${tokens[i]}» в формуле ${formula}`);
  return tree;
}

/** Where a formula is evaluated: the cell (0-based), the cell it was written for, and the sheet's values. */
export interface FormulaContext {
  row: number;
  col: number;
  anchorRow: number;
  anchorCol: number;
  cell: (row: number, col: number) => CellValue;
}

const isErr = (v: Value): v is FormulaError => v instanceof FormulaError;
const VALUE = new FormulaError('#VALUE!');

function toNumber(v: Value): number | FormulaError {
  if (isErr(v)) return v;
  if (v === null || v === '') return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : VALUE;
}

function toText(v: Value): string | FormulaError {
  if (isErr(v)) return v;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function toBool(v: Value): boolean | FormulaError {
  if (isErr(v)) return v;
  if (typeof v === 'boolean') return v;
  if (v === null || v === '') return false;
  if (typeof v === 'number') return v !== 0;
  const up = v.toUpperCase();
  if (up === 'TRUE') return true;
  if (up === 'FALSE') return false;
  return VALUE;
}

/** Excel's order for comparing: numbers < text < booleans; text without regard to case; a blank is 0 or "". */
function compare(a: Value, b: Value): number {
  const rank = (v: Value) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  let x = a;
  let y = b;
  if (x === null) x = typeof y === 'string' ? '' : typeof y === 'boolean' ? false : 0;
  if (y === null) y = typeof x === 'string' ? '' : typeof x === 'boolean' ? false : 0;
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === 'string' && typeof y === 'string') {
    const p = x.toLowerCase();
    const q = y.toLowerCase();
    return p < q ? -1 : p > q ? 1 : 0;
  }
  return Number(x) - Number(y);
}

function cellValue(v: CellValue): Value {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return (v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
  return v;
}

function evaluate(node: Node, ctx: FormulaContext): Value {
  switch (node.t) {
    case 'num':
    case 'str':
    case 'bool':
      return node.v;
    case 'ref': {
      const row = node.absRow ? node.row : node.row + (ctx.row - ctx.anchorRow);
      const col = node.absCol ? node.col : node.col + (ctx.col - ctx.anchorCol);
      if (row < 0 || col < 0) return new FormulaError('#REF!');
      return cellValue(ctx.cell(row, col));
    }
    case 'un': {
      const a = toNumber(evaluate(node.a, ctx));
      return isErr(a) ? a : node.op === '-' ? -a : a;
    }
    case 'pct': {
      const a = toNumber(evaluate(node.a, ctx));
      return isErr(a) ? a : a / 100;
    }
    case 'bin': {
      const a = evaluate(node.a, ctx);
      const b = evaluate(node.b, ctx);
      if (isErr(a)) return a;
      if (isErr(b)) return b;
      if (node.op === '&') return `${toText(a) as string}${toText(b) as string}`;
      if (['=', '<>', '<', '>', '<=', '>='].includes(node.op)) {
        const c = compare(a, b);
        return { '=': c === 0, '<>': c !== 0, '<': c < 0, '>': c > 0, '<=': c <= 0, '>=': c >= 0 }[node.op] as boolean;
      }
      const x = toNumber(a);
      const y = toNumber(b);
      if (isErr(x)) return x;
      if (isErr(y)) return y;
      if (node.op === '+') return x + y;
      if (node.op === '-') return x - y;
      if (node.op === '*') return x * y;
      if (node.op === '^') return x ** y;
      return y === 0 ? new FormulaError('#DIV/0!') : x / y;
    }
    case 'call':
      return call(node.name, node.args, ctx);
  }
}

function call(name: string, args: Node[], ctx: FormulaContext): Value {
  const ev = (i: number): Value => (args[i] === undefined ? null : evaluate(args[i] as Node, ctx));
  const text = (i: number) => toText(ev(i));
  const num = (i: number) => toNumber(ev(i));
  switch (name) {
    case 'AND':
    case 'OR': {
      let result = name === 'AND';
      for (let i = 0; i < args.length; i++) {
        const b = toBool(ev(i));
        if (isErr(b)) return b;
        result = name === 'AND' ? result && b : result || b;
      }
      return result;
    }
    case 'NOT': {
      const b = toBool(ev(0));
      return isErr(b) ? b : !b;
    }
    case 'IF': {
      const b = toBool(ev(0));
      if (isErr(b)) return b;
      return b ? ev(1) : args.length > 2 ? ev(2) : false;
    }
    case 'IFERROR': {
      const v = ev(0);
      return isErr(v) ? ev(1) : v;
    }
    case 'N': {
      const v = ev(0);
      return isErr(v) ? v : typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : 0;
    }
    case 'ISNUMBER':
      return typeof ev(0) === 'number';
    case 'ISTEXT':
      return typeof ev(0) === 'string';
    case 'ISBLANK':
      return ev(0) === null;
    case 'ISERROR':
      return isErr(ev(0));
    case 'LEN': {
      const t = text(0);
      return isErr(t) ? t : t.length;
    }
    case 'TRIM': {
      const t = text(0);
      return isErr(t) ? t : t.trim().replace(/ +/g, ' ');
    }
    case 'UPPER':
    case 'LOWER': {
      const t = text(0);
      return isErr(t) ? t : name === 'UPPER' ? t.toUpperCase() : t.toLowerCase();
    }
    case 'EXACT': {
      const a = text(0);
      const b = text(1);
      return isErr(a) ? a : isErr(b) ? b : a === b;
    }
    case 'SEARCH':
    case 'FIND': {
      const needle = text(0);
      const hay = text(1);
      const start = args.length > 2 ? num(2) : 1;
      if (isErr(needle)) return needle;
      if (isErr(hay)) return hay;
      if (isErr(start)) return start;
      const i = name === 'SEARCH' ? hay.toLowerCase().indexOf(needle.toLowerCase(), start - 1) : hay.indexOf(needle, start - 1);
      return i < 0 ? VALUE : i + 1;
    }
    case 'SUBSTITUTE': {
      const t = text(0);
      const from = text(1);
      const to = text(2);
      if (isErr(t)) return t;
      if (isErr(from)) return from;
      if (isErr(to)) return to;
      return from === '' ? t : t.split(from).join(to);
    }
    case 'LEFT':
    case 'RIGHT': {
      const t = text(0);
      const n = args.length > 1 ? num(1) : 1;
      if (isErr(t)) return t;
      if (isErr(n)) return n;
      return name === 'LEFT' ? t.slice(0, n) : n === 0 ? '' : t.slice(-n);
    }
    case 'MID': {
      const t = text(0);
      const s = num(1);
      const n = num(2);
      if (isErr(t)) return t;
      if (isErr(s)) return s;
      if (isErr(n)) return n;
      return t.slice(s - 1, s - 1 + n);
    }
    case 'VALUE':
      return num(0);
    case 'ABS': {
      const n = num(0);
      return isErr(n) ? n : Math.abs(n);
    }
    case 'ROW':
      return ctx.row + 1;
    case 'COLUMN':
      return ctx.col + 1;
    case 'ADDRESS': {
      const r = num(0);
      const c = num(1);
      const abs = args.length > 2 ? num(2) : 1;
      if (isErr(r)) return r;
      if (isErr(c)) return c;
      if (isErr(abs)) return abs;
      let letters = '';
      for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
      const colAbs = abs === 1 || abs === 3 ? '$' : '';
      const rowAbs = abs === 1 || abs === 2 ? '$' : '';
      return `${colAbs}${letters}${rowAbs}${r}`;
    }
    default:
      return new FormulaError('#NAME?');
  }
}

/** Whether a formula holds at a cell; a formula that cannot be read or gives an error does not. */
export function formulaHolds(formula: string, ctx: FormulaContext): boolean {
  try {
    const v = evaluate(parseFormula(formula), ctx);
    return toBool(v) === true;
  } catch {
    return false;
  }
}

const inside = (r: Range, row: number, col: number) => row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;

/** What the conditional rules of a sheet show on a cell: the first rule that holds sets each property. */
export interface CellLook {
  background?: string;
  fontColor?: string;
  bold?: boolean;
}

/**
 * A function giving, for a cell, what the sheet's rules make of it. Formulas are parsed once per rule.
 * Rules without a formula (other kinds, kept from a user's file) are not shown.
 */
export function conditionalLook(rules: ConditionalRule[], cell: FormulaContext['cell']): (row: number, col: number) => CellLook {
  const parsed = rules.map((rule) => {
    let tree: Node | null = null;
    try {
      tree = rule.formula ? parseFormula(rule.formula) : null;
    } catch {
      tree = null;
    }
    return { rule, tree, anchor: rule.ranges[0] };
  });
  return (row, col) => {
    const look: CellLook = {};
    for (const { rule, tree, anchor } of parsed) {
      if (!tree || !anchor || !rule.ranges.some((r) => inside(r, row, col))) continue;
      const ctx = { row, col, anchorRow: anchor.row, anchorCol: anchor.col, cell };
      if (toBool(evaluate(tree, ctx)) !== true) continue;
      if (look.background === undefined && rule.background) look.background = rule.background;
      if (look.fontColor === undefined && rule.fontColor) look.fontColor = rule.fontColor;
      if (look.bold === undefined && rule.bold !== undefined) look.bold = rule.bold;
    }
    return look;
  };
}

/** The box a SPARKLINE is drawn in (an SVG viewBox stretched over the cell). */
export const SPARK_BOX = { width: 100, height: 24 } as const;

/**
 * A SPARKLINE line as Sheets draws it with «ymin» 0 and «empty» «ignore»: one point per value, evenly
 * spaced, from 0 at the bottom to the largest value at the top (a margin of 2 units), empty cells and text
 * left out and the line joining the points around them. An SVG path; '' when there is no number.
 */
export function sparklinePath(values: readonly CellValue[]): string {
  const points = values
    .map((v, i) => [i, typeof v === 'number' ? v : null] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null);
  if (points.length === 0) return '';
  const max = Math.max(...points.map(([, v]) => v), 0) || 1;
  const { width, height } = SPARK_BOX;
  const x = (i: number) => (values.length === 1 ? width / 2 : 2 + (i / (values.length - 1)) * (width - 4));
  const y = (v: number) => height - 2 - (v / max) * (height - 4);
  const round = (n: number) => Math.round(n * 10) / 10;
  return points.map(([i, v], k) => `${k === 0 ? 'M' : 'L'}${round(x(i))} ${round(y(Math.max(0, v)))}`).join(' ');
}
