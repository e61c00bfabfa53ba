/**
 * A figure (core/chart) as an SVG picture: the image of the .docx, of a .xlsx that holds a picture, and of
 * the local preview. Hand-written rather than a charting library: four kinds of chart, each a few dozen
 * shapes, drawn the same way on every machine; what a library would add (themes, animation, interaction)
 * a printed справка has no use for, while what it needs — Russian numbers with a decimal comma, the mark
 * boundaries of a histogram, dashes and hatching that survive black-and-white printing — is what one
 * would have to configure there anyway.
 *
 * Black and white: the school is solid and dark, the district dashed and grey, the region dash-dotted,
 * Russia dotted-and-dashed, a threshold a thin dotted line; parts of a whole (marks 2/3/4/5) go from dark to
 * light with every other part hatched, and each part wide enough carries its number.
 */
import type { Figure, FigureSeries, SeriesRole } from '../core/chart';
import { formatNumber } from '../core/text';

/** The font every renderer is given (figure-png loads its file; a browser falls back to a sans-serif). */
export const FIGURE_FONT = 'PT Sans';

export interface RoleStyle {
  /** The colour on screen; its grey is what a black-and-white printer shows. */
  color: string;
  /** The fill of a column or bar. */
  fill: string;
  /** SVG stroke-dasharray ('' solid). */
  dash: string;
  width: number;
  marker: 'circle' | 'square' | 'diamond' | null;
  /** Columns of this role are hatched (an id of a pattern below). */
  hatch: 'diagonal' | 'cross' | null;
}

/** How each role is drawn, in every renderer (Sheets and the .xlsx take the same colours and dashes). */
export const ROLE_STYLES: Record<Exclude<SeriesRole, 'part'>, RoleStyle> = {
  school: { color: '#1b3f73', fill: '#1b3f73', dash: '', width: 2.5, marker: 'circle', hatch: null },
  district: { color: '#7a7a7a', fill: '#a6a6a6', dash: '7 4', width: 2, marker: 'square', hatch: null },
  region: { color: '#3f7fbf', fill: '#d6e4f2', dash: '9 3 2 3', width: 1.75, marker: 'diamond', hatch: 'diagonal' },
  russia: { color: '#8c5a2b', fill: '#efe2d2', dash: '12 3 2 3 2 3', width: 1.75, marker: null, hatch: 'cross' },
  threshold: { color: '#b3261e', fill: '#b3261e', dash: '2 3', width: 1.5, marker: null, hatch: null },
};

/**
 * Parts of a whole, dark to light (marks 2 → 5 read as «bad → good»); their greys differ by about a fifth
 * each, and every other part is hatched besides.
 */
export const PART_FILLS = ['#7f1d1d', '#d9822b', '#8fb8de', '#1f5f9f', '#6b6b6b', '#c8c8c8'];

/** The style of the i-th series of a figure (parts count among the parts only). */
export function seriesStyle(figure: Figure, index: number): RoleStyle {
  const s = figure.series[index] as FigureSeries;
  if (s.role !== 'part') return ROLE_STYLES[s.role];
  const part = figure.series.slice(0, index).filter((x) => x.role === 'part').length;
  const fill = PART_FILLS[part % PART_FILLS.length] as string;
  return { color: fill, fill, dash: '', width: 1, marker: null, hatch: part % 2 === 1 ? 'diagonal' : null };
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => String(Math.round(v * 10) / 10);

/** Rough width of a text in PT Sans (an average letter is about half the size; enough to lay out labels). */
export const textWidth = (text: string, size: number) => text.length * size * 0.52;

/** A value as the figure's axis shows it: «12,5» or «12,5 %». */
export function valueText(figure: Figure, v: number, digits = 1): string {
  return figure.axis.percent ? `${formatNumber(v, digits)} %` : formatNumber(v, digits);
}

/** Round ends and a step of 1, 2 or 5 × 10ⁿ giving about five ticks. */
export function niceScale(lo: number, hi: number): { min: number; max: number; step: number } {
  if (hi <= lo) hi = lo + 1;
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag) as number;
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step, step };
}

/** The value axis of a figure: its fixed ends where given, else round ends around the values (from 0). */
export function valueScale(figure: Figure): { min: number; max: number; step: number } {
  const values = figure.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  let hi = values.length ? Math.max(...values) : 1;
  if (figure.kind === 'stacked-bar') {
    hi = Math.max(1, ...figure.categories.map((_, i) => figure.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)));
  }
  const lo = Math.min(0, ...values);
  const nice = niceScale(figure.axis.min ?? lo, figure.axis.max ?? hi);
  return { min: figure.axis.min ?? nice.min, max: figure.axis.max ?? nice.max, step: nice.step };
}

/** Words of a text in lines no wider than `width` at `size`. */
function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

interface Options {
  /** Draw the title above the chart (a .docx leaves it to the caption «Рисунок N. …» under the picture). */
  title?: boolean;
}

const TEXT = '#202124';
const GRID = '#d0d0d0';
const AXIS = '#5f6368';
/** A white outline under a label, so that a line or a hatch running behind it never hides a digit. */
const HALO = 'stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round"';

/** The figure as a standalone SVG document of figure.size pixels. */
export function figureSvg(figure: Figure, options: Options = {}): string {
  const { width, height } = figure.size;
  const out: string[] = [];
  const text = (x: number, y: number, s: string, attrs = '') => out.push(`<text x="${n(x)}" y="${n(y)}" ${attrs}>${esc(s)}</text>`);
  let top = 10;
  if (options.title ?? true) {
    for (const l of wrap(figure.title, width - 20, 15)) {
      top += 17;
      text(width / 2, top, l, 'font-size="15" font-weight="bold" text-anchor="middle"');
    }
    top += 8;
  }
  // The legend: one row or more at the bottom.
  const legend: { x: number; y: number; i: number }[] = [];
  let lx = 0;
  let rows = 1;
  const rowWidth = width - 20;
  const items = figure.series.map((s, i) => ({ i, w: 30 + textWidth(s.name, 12) + 16 }));
  for (const it of items) {
    if (lx > 0 && lx + it.w > rowWidth) {
      rows++;
      lx = 0;
    }
    legend.push({ x: lx, y: rows, i: it.i });
    lx += it.w;
  }
  const legendHeight = rows * 18 + 6;
  const bottom = height - legendHeight - 4;
  // Centre each legend row.
  for (let r = 1; r <= rows; r++) {
    const inRow = legend.filter((l) => l.y === r);
    const last = inRow[inRow.length - 1];
    const used = last ? last.x + (items[last.i]?.w ?? 0) : 0;
    const shift = 10 + (rowWidth - used) / 2;
    for (const l of inRow) l.x += shift;
  }
  const plot = layoutPlot(figure, width, top, bottom);
  drawPlot(figure, plot, out, text);
  for (const l of legend) {
    const y = bottom + 6 + (l.y - 1) * 18 + 9;
    drawSwatch(figure, l.i, l.x, y, out);
    text(l.x + 30, y + 4, (figure.series[l.i] as FigureSeries).name, 'font-size="12"');
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FIGURE_FONT}, 'PT Sans', Arial, sans-serif" fill="${TEXT}">`,
    PATTERNS,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
  ].join('\n');
}

const PATTERNS = [
  '<defs>',
  '<pattern id="hatch-diagonal" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern>',
  '<pattern id="hatch-cross" width="6" height="6" patternUnits="userSpaceOnUse"><path d="M0 3H6M3 0V6" stroke="#5f5f5f" stroke-width="1"/></pattern>',
  '</defs>',
].join('');

/** The lighter hatch lines show on dark fills; on light fills the hatch is drawn dark. */
function hatchFill(style: RoleStyle): string | null {
  if (!style.hatch) return null;
  if (style.hatch === 'cross') return 'url(#hatch-cross)';
  return grey(style.fill) < 150 ? 'url(#hatch-diagonal)' : 'url(#hatch-cross)';
}

/** The grey (0–255) a colour prints as. */
export function grey(hex: string): number {
  const v = parseInt(hex.slice(1), 16);
  return 0.299 * ((v >> 16) & 255) + 0.587 * ((v >> 8) & 255) + 0.114 * (v & 255);
}

interface Plot {
  x: number;
  y: number;
  w: number;
  h: number;
  scale: { min: number; max: number; step: number };
}

function layoutPlot(figure: Figure, width: number, top: number, bottom: number): Plot {
  const scale = valueScale(figure);
  const ticks = tickValues(scale).map((v) => valueText(figure, v));
  const tickWidth = Math.max(...ticks.map((t) => textWidth(t, 11)));
  const axisTitle = figure.axis.title ? 18 : 0;
  if (figure.kind === 'stacked-bar') {
    const labelWidth = Math.min(width * 0.35, Math.max(...figure.categories.map((c) => textWidth(c, 12))) + 10);
    const x = 10 + labelWidth;
    return { x, y: top + 4, w: width - x - 20, h: bottom - top - 4 - 22 - axisTitle, scale };
  }
  const x = 10 + axisTitle + tickWidth + 6;
  return { x, y: top + 14, w: width - x - 16, h: bottom - top - 14 - 24, scale };
}

function tickValues(scale: Plot['scale']): number[] {
  const out: number[] = [];
  for (let v = scale.min; v <= scale.max + scale.step / 1000; v += scale.step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

type TextFn = (x: number, y: number, s: string, attrs?: string) => void;

function drawPlot(figure: Figure, p: Plot, out: string[], text: TextFn): void {
  const { min, max } = p.scale;
  const digits = p.scale.step < 1 ? 1 : 0;
  const horizontal = figure.kind === 'stacked-bar';
  const along = (v: number) => ((Math.min(max, Math.max(min, v)) - min) / (max - min || 1)) * (horizontal ? p.w : p.h);
  // Grid and value ticks.
  for (const v of tickValues(p.scale)) {
    const label = valueText(figure, v, digits);
    if (horizontal) {
      const x = p.x + along(v);
      out.push(`<line x1="${n(x)}" y1="${n(p.y)}" x2="${n(x)}" y2="${n(p.y + p.h)}" stroke="${GRID}" stroke-width="1"/>`);
      text(x, p.y + p.h + 15, label, 'font-size="11" text-anchor="middle"');
    } else {
      const y = p.y + p.h - along(v);
      out.push(`<line x1="${n(p.x)}" y1="${n(y)}" x2="${n(p.x + p.w)}" y2="${n(y)}" stroke="${GRID}" stroke-width="1"/>`);
      text(p.x - 6, y + 4, label, 'font-size="11" text-anchor="end"');
    }
  }
  if (figure.axis.title) {
    if (horizontal) text(p.x + p.w / 2, p.y + p.h + 33, figure.axis.title, 'font-size="12" text-anchor="middle"');
    else
      out.push(
        `<text transform="translate(18 ${n(p.y + p.h / 2)}) rotate(-90)" font-size="12" text-anchor="middle">${esc(figure.axis.title)}</text>`,
      );
  }
  const count = figure.categories.length;
  const band = (horizontal ? p.h : p.w) / Math.max(1, count);
  // Category labels, thinned out when they would overlap (a histogram's 0 … 40 scores).
  const widest = Math.max(1, ...figure.categories.map((c) => textWidth(c, 11)));
  const every = horizontal ? 1 : Math.max(1, Math.ceil((widest + 6) / band));
  figure.categories.forEach((c, i) => {
    if (horizontal) text(p.x - 8, p.y + band * (i + 0.5) + 4, c, 'font-size="12" text-anchor="end"');
    else if (i % every === 0) text(p.x + band * (i + 0.5), p.y + p.h + 16, c, 'font-size="11" text-anchor="middle"');
  });
  if (figure.kind === 'stacked-bar') drawStacked(figure, p, band, along, out, text);
  else drawColumnsAndLines(figure, p, band, along, out, text);
  // The axes themselves, over the shapes.
  if (horizontal) out.push(`<line x1="${n(p.x)}" y1="${n(p.y)}" x2="${n(p.x)}" y2="${n(p.y + p.h)}" stroke="${AXIS}" stroke-width="1"/>`);
  else {
    const y0 = p.y + p.h - along(Math.max(min, 0));
    out.push(`<line x1="${n(p.x)}" y1="${n(y0)}" x2="${n(p.x + p.w)}" y2="${n(y0)}" stroke="${AXIS}" stroke-width="1"/>`);
  }
  // A histogram's mark boundaries: a line at the lowest score of each mark, its mark above it.
  for (const m of figure.marks ?? []) {
    const x = p.x + band * m.at;
    out.push(
      `<line x1="${n(x)}" y1="${n(p.y - 2)}" x2="${n(x)}" y2="${n(p.y + p.h)}" stroke="${TEXT}" stroke-width="1.25" stroke-dasharray="5 3"/>`,
    );
    text(x + 4, p.y + 10, m.label, `font-size="13" font-weight="bold" ${HALO}`);
  }
}

type Along = (v: number) => number;

function drawColumnsAndLines(figure: Figure, p: Plot, band: number, along: Along, out: string[], text: TextFn): void {
  const base = p.y + p.h - along(Math.max(p.scale.min, 0));
  const yOf = (v: number) => p.y + p.h - along(v);
  // In a column chart every series but a threshold is a column; in a histogram the school's (the first
  // series') are columns and the others (the district's shape) lines; in a line chart all are lines.
  const asColumn = (s: FigureSeries, i: number) =>
    figure.kind === 'column' ? s.role !== 'threshold' : figure.kind === 'histogram' ? i === 0 && s.role !== 'threshold' : false;
  const columns = figure.series.map((s, i) => (asColumn(s, i) ? i : -1)).filter((i) => i >= 0);
  const gap = figure.kind === 'histogram' ? 0.04 : 0.2;
  const colWidth = (band * (1 - 2 * gap)) / Math.max(1, columns.length);
  const labelled = figure.kind !== 'histogram' && figure.categories.length * Math.max(1, columns.length) <= 16;
  columns.forEach((si, k) => {
    const s = figure.series[si] as FigureSeries;
    const style = seriesStyle(figure, si);
    const hatch = hatchFill(style);
    s.values.forEach((v, c) => {
      if (v === null) return;
      const x = p.x + band * c + band * gap + colWidth * k;
      const y = Math.min(yOf(v), base);
      const h = Math.abs(base - yOf(v));
      const rect = `x="${n(x)}" y="${n(y)}" width="${n(Math.max(0.5, colWidth - (figure.kind === 'histogram' ? 0 : 1)))}" height="${n(h)}"`;
      out.push(`<rect ${rect} fill="${style.fill}" stroke="${grey(style.fill) > 180 ? AXIS : 'none'}" stroke-width="0.75"/>`);
      if (hatch) out.push(`<rect ${rect} fill="${hatch}"/>`);
      if (labelled) text(x + colWidth / 2, y - 4, formatNumber(v, 1), 'font-size="11" text-anchor="middle"');
    });
  });
  figure.series.forEach((s, si) => {
    if (asColumn(s, si)) return;
    const style = seriesStyle(figure, si);
    const points = s.values.map((v, c) => (v === null ? null : { x: p.x + band * (c + 0.5), y: yOf(v), v }));
    // A threshold is the same everywhere: a line across the whole plot, not from the first to the last centre.
    const flat = s.role === 'threshold' && points.every((q) => q === null || q.v === points.find((r) => r)?.v);
    const segments: string[] = [];
    let open = false;
    points.forEach((q, c) => {
      if (!q) return void (open = false);
      const x = flat && c === 0 ? p.x : flat && c === points.length - 1 ? p.x + p.w : q.x;
      segments.push(`${open ? 'L' : 'M'}${n(x)} ${n(q.y)}`);
      open = true;
    });
    if (flat && points.length === 1 && points[0]) segments.push(`L${n(p.x + p.w)} ${n(points[0].y)}`);
    if (segments.length === 0) return;
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    out.push(
      `<path d="${segments.join(' ')}" fill="none" stroke="${style.color}" stroke-width="${style.width}"${dash} stroke-linejoin="round"/>`,
    );
    for (const q of points) {
      if (!q) continue;
      if (style.marker) out.push(marker(style, q.x, q.y));
      // Values on the lines of the school and the district (a reader of a printout has no tooltip).
      if (figure.kind === 'line' && (s.role === 'school' || s.role === 'district') && points.length <= 8) {
        // The district's number goes on the side away from the school's line, both on a white halo.
        const school = figure.series.find((o) => o.role === 'school')?.values[points.indexOf(q)];
        const above = s.role === 'school' || school === null || school === undefined || q.v >= school;
        const bold = s.role === 'school' ? ' font-weight="bold"' : '';
        text(q.x, above ? q.y - 8 : q.y + 17, formatNumber(q.v, 1), `font-size="11" text-anchor="middle"${bold} ${HALO}`);
      }
    }
  });
}

function marker(style: RoleStyle, x: number, y: number): string {
  if (style.marker === 'circle') return `<circle cx="${n(x)}" cy="${n(y)}" r="3.5" fill="${style.color}"/>`;
  if (style.marker === 'square')
    return `<rect x="${n(x - 3.5)}" y="${n(y - 3.5)}" width="7" height="7" fill="#ffffff" stroke="${style.color}" stroke-width="1.5"/>`;
  return `<path d="M${n(x)} ${n(y - 4.5)}L${n(x + 4.5)} ${n(y)}L${n(x)} ${n(y + 4.5)}L${n(x - 4.5)} ${n(y)}Z" fill="${style.color}"/>`;
}

function drawStacked(figure: Figure, p: Plot, band: number, along: Along, out: string[], text: TextFn): void {
  figure.categories.forEach((_, c) => {
    let at = 0;
    const y = p.y + band * c + band * 0.2;
    const h = band * 0.6;
    figure.series.forEach((s, si) => {
      const v = s.values[c];
      if (v === null || v === undefined || v <= 0) return;
      const style = seriesStyle(figure, si);
      const x = p.x + along(at);
      const w = along(at + v) - along(at);
      const rect = `x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}"`;
      out.push(`<rect ${rect} fill="${style.fill}" stroke="#ffffff" stroke-width="1"/>`);
      const hatch = hatchFill(style);
      if (hatch) out.push(`<rect ${rect} fill="${hatch}"/>`);
      const label = formatNumber(v, figure.axis.percent ? 0 : 1);
      if (textWidth(label, 11) + 6 < w) {
        const dark = grey(style.fill) < 140;
        // A label sits on a plain box, so that hatching never runs through its digits.
        const bw = textWidth(label, 11) + 6;
        out.push(
          `<rect x="${n(x + w / 2 - bw / 2)}" y="${n(y + h / 2 - 8)}" width="${n(bw)}" height="15" rx="2" fill="${dark ? style.fill : '#ffffff'}"/>`,
        );
        text(x + w / 2, y + h / 2 + 4, label, `font-size="11" text-anchor="middle" fill="${dark ? '#ffffff' : TEXT}"`);
      }
      at += v;
    });
  });
}

/** The legend's sample of a series: a line with its dash and marker, or a box with its fill and hatch. */
function drawSwatch(figure: Figure, i: number, x: number, y: number, out: string[]): void {
  const s = figure.series[i] as FigureSeries;
  const style = seriesStyle(figure, i);
  const boxed =
    figure.kind === 'stacked-bar' || (figure.kind === 'column' && s.role !== 'threshold') || (figure.kind === 'histogram' && i === 0);
  if (boxed) {
    const rect = `x="${n(x + 4)}" y="${n(y - 6)}" width="18" height="12"`;
    out.push(`<rect ${rect} fill="${style.fill}" stroke="${grey(style.fill) > 180 ? AXIS : 'none'}" stroke-width="0.75"/>`);
    const hatch = hatchFill(style);
    if (hatch) out.push(`<rect ${rect} fill="${hatch}"/>`);
    return;
  }
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  out.push(`<line x1="${n(x)}" y1="${n(y)}" x2="${n(x + 26)}" y2="${n(y)}" stroke="${style.color}" stroke-width="${style.width}"${dash}/>`);
  if (style.marker) out.push(marker(style, x + 13, y));
}
