/**
 * How many lines a spreadsheet program breaks a cell's text into: the text measured with the widths of
 * the books' font (Calibri 11, regular or bold; LibreOffice draws Carlito, of the same widths) and
 * wrapped the way LibreOffice Calc and Excel wrap it — at spaces and after hyphens and dashes, a word
 * longer than the line broken between letters, each explicit line break a new line.
 */
import { CALIBRI_WIDTHS, FONT_UNITS_PER_EM } from './font-widths';

/** Pixels (96 dpi) of a font unit of an 11-point font. */
const PX_PER_UNIT = (11 * 96) / 72 / FONT_UNITS_PER_EM;

/** Code points below this are looked up in the tables; the others take the width of a wide letter. */
const TABLE_END = 0x2200;

function table(bold: boolean): Float64Array {
  const px = new Float64Array(TABLE_END).fill(-1);
  for (const [from, regular, boldWidths] of CALIBRI_WIDTHS)
    (bold ? boldWidths : regular).forEach((w, i) => {
      if (w >= 0) px[from + i] = w * PX_PER_UNIT;
    });
  // A character the font lacks (LibreOffice draws it from another font): as wide as «Ш», one of the widest letters.
  const wide = px[0x428] as number;
  for (let c = 0; c < TABLE_END; c++) if ((px[c] as number) < 0) px[c] = wide;
  // A no-break space as a space; a tab as four.
  px[0xa0] = px[0x20] as number;
  px[9] = 4 * (px[0x20] as number);
  return px;
}

const WIDTHS = { regular: table(false), bold: table(true) };
const WIDE_PX = { regular: WIDTHS.regular[0x428] as number, bold: WIDTHS.bold[0x428] as number };

/** After these a line may break (the character stays on the line): hyphen, its Unicode forms, en and em dashes. */
const isBreakAfter = (c: number) => c === 0x2d || (c >= 0x2010 && c <= 0x2014);
const isSpace = (c: number) => c === 0x20 || c === 9;

/** Width in pixels (96 dpi) of a text in Calibri 11, bold or not. */
export function textPixels(text: string, bold = false): number {
  const px = bold ? WIDTHS.bold : WIDTHS.regular;
  const wide = bold ? WIDE_PX.bold : WIDE_PX.regular;
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    w += c < TABLE_END ? (px[c] as number) : wide;
  }
  return w;
}

/** Lines of one paragraph (no line breaks in it) wrapped into `width` pixels. */
function paragraphLines(text: string, width: number, px: Float64Array, wide: number): number {
  let lines = 1;
  let used = 0; // the line so far, up to the end of the last word placed (spaces after it not counted)
  let i = 0;
  const n = text.length;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  while (i < n) {
    // The next word: up to a space, or up to and with a hyphen or dash.
    let word = 0;
    let j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (isSpace(c)) break;
      word += c < TABLE_END ? (px[c] as number) : wide;
      if (isBreakAfter(c)) {
        j++;
        break;
      }
    }
    if (used > 0 && used + word > width) {
      lines++;
      used = 0;
    }
    if (used === 0 && word > width) {
      // A word longer than the line: broken between its letters.
      for (let k = i; k < j; k++) {
        const c = text.charCodeAt(k);
        const w = c < TABLE_END ? (px[c] as number) : wide;
        if (used > 0 && used + w > width) {
          lines++;
          used = 0;
        }
        used += w;
      }
    } else used += word;
    // The spaces after the word: they go at the end of the line, or before the next word on it.
    let space = 0;
    for (; j < n && isSpace(text.charCodeAt(j)); j++) space += px[text.charCodeAt(j)] as number;
    i = j;
    if (i < n && space > 0) {
      if (used + space > width) {
        lines++;
        used = 0;
      } else used += space;
    }
  }
  return lines;
}

/**
 * Lines a cell's text takes when wrapped into `width` pixels (96 dpi) of Calibri 11, bold or not: each
 * explicit line break starts a new line, and each paragraph is wrapped as LibreOffice and Excel do.
 */
export function wrappedLineCount(text: string, width: number, bold = false): number {
  const px = bold ? WIDTHS.bold : WIDTHS.regular;
  const wide = bold ? WIDE_PX.bold : WIDE_PX.regular;
  let lines = 0;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const part = end < 0 ? text.slice(start) : text.slice(start, end);
    lines += paragraphLines(part.endsWith('\r') ? part.slice(0, -1) : part, width, px, wide);
    if (end < 0) return lines;
    start = end + 1;
  }
}
