/**
 * A workbook as LibreOffice lays it out: the .xlsx converted to PDF by LibreOffice Calc (headless), the
 * PDF's words with their boxes read by pdftotext -bbox-layout (poppler-utils), and, for a cell's text, the
 * lines LibreOffice broke it into. `.ci/run` installs both, with the fonts the comparison needs; a machine
 * without them skips the tests that use them and says why (`LIBREOFFICE_MISSING`).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

function onPath(program: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, program);
    if (dir && existsSync(file)) return file;
  }
  return null;
}

const SOFFICE = onPath('soffice');
const PDFTOTEXT = onPath('pdftotext');

/** The font fontconfig gives for a family, or '' without fontconfig. */
function fontFor(family: string): string {
  try {
    return execFileSync('fc-match', ['-f', '%{family}', family], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

/**
 * Why the LibreOffice tests cannot run here, or null when they can: the programs, and fonts of the same
 * widths as Arial (the preview's, as Sheets') and Calibri (the .xlsx's) — others would break lines elsewhere.
 */
export const LIBREOFFICE_MISSING: string | null = (() => {
  const missing = [
    SOFFICE ? '' : 'soffice (Debian: libreoffice-calc)',
    PDFTOTEXT ? '' : 'pdftotext (Debian: poppler-utils)',
    /Liberation Sans/.test(fontFor('Arial')) ? '' : 'шрифта Liberation Sans вместо Arial (Debian: fonts-liberation)',
    /Carlito/.test(fontFor('Calibri')) ? '' : 'шрифта Carlito вместо Calibri (Debian: fonts-crosextra-carlito)',
  ].filter(Boolean);
  return missing.length === 0 ? null : `нет ${missing.join(', ')}; .ci/run ставит их`;
})();

/** Why a .docx cannot be laid out here (LibreOffice Writer missing), or null when it can. */
export const WRITER_MISSING: string | null =
  LIBREOFFICE_MISSING ??
  (existsSync('/usr/lib/libreoffice/program/libswlo.so')
    ? null
    : 'нет LibreOffice Writer (Debian: libreoffice-writer); .ci/run ставит его');

/** A word of the PDF: its page, its box in points (y down), its text without spaces. */
export interface PdfWord {
  page: number;
  x: number;
  y: number;
  x2: number;
  y2: number;
  t: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITIES[e] ?? m),
  );

/** Every word of every page of a PDF, as pdftotext -bbox-layout gives them. */
export async function pdfWords(pdf: string): Promise<PdfWord[]> {
  const { stdout } = await run(PDFTOTEXT as string, ['-bbox-layout', pdf, '-'], { maxBuffer: 256 * 1024 * 1024 });
  const words: PdfWord[] = [];
  let page = -1;
  const tag = /<page\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (let m = tag.exec(stdout); m; m = tag.exec(stdout)) {
    if (m[0] === '<page') {
      page++;
      continue;
    }
    const t = unescape(m[5] as string).replace(/\s+/g, '');
    if (t) words.push({ page, x: Number(m[1]), y: Number(m[2]), x2: Number(m[3]), y2: Number(m[4]), t });
  }
  return words;
}

/**
 * The books converted to PDF by LibreOffice Calc, in one run with a profile of its own (two instances
 * sharing one would wait for each other); PDFs beside the books. Returns the PDFs' paths.
 */
export async function toPdf(books: string[]): Promise<string[]> {
  if (LIBREOFFICE_MISSING) throw new Error(LIBREOFFICE_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'shnor-lo-'));
  const profile = pathToFileURL(join(dir, 'profile')).href;
  await run(SOFFICE as string, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...books], {
    timeout: 180_000,
  });
  return books.map((b) => {
    const pdf = join(dir, basename(b).replace(/\.(xlsx|docx)$/i, '.pdf'));
    readFileSync(pdf);
    return pdf;
  });
}

/**
 * The lines LibreOffice broke a cell's text into: the unused words that spell `text` (spaces left out),
 * the first at some place of a page, each next line the first one below at the same left edge (the cells
 * are aligned left). Tries every place the text could start, and every split of a line's words, until
 * the whole text is spelled. The words taken are marked used, so that equal texts of other cells
 * are found at their own places. Null when the text is not in the PDF.
 */
export function pdfLines(words: readonly PdfWord[], used: Set<number>, text: string): string[] | null {
  const s = text.replace(/\s+/g, '');
  if (!s) return [];
  const byPage = new Map<number, number[]>();
  words.forEach((w, i) => {
    if (used.has(i)) return;
    const list = byPage.get(w.page) ?? [];
    list.push(i);
    byPage.set(w.page, list);
  });
  // The words of one line right of a word: same page, same top, in reading order.
  const lineFrom = (i: number) => {
    const w = words[i] as PdfWord;
    return (byPage.get(w.page) ?? [])
      .filter((j) => Math.abs((words[j] as PdfWord).y - w.y) < 0.6 && (words[j] as PdfWord).x >= w.x - 0.01)
      .sort((a, b) => (words[a] as PdfWord).x - (words[b] as PdfWord).x);
  };
  const extend = (first: number, pos: number): number[][] | null => {
    const line = lineFrom(first);
    const taken: number[] = [];
    let at = pos;
    for (const j of line) {
      const t = (words[j] as PdfWord).t;
      if (!s.startsWith(t, at)) break;
      taken.push(j);
      at += t.length;
    }
    const head = words[first] as PdfWord;
    const height = head.y2 - head.y;
    for (let k = taken.length; k >= 1; k--) {
      const end = pos + taken.slice(0, k).reduce((n, j) => n + (words[j] as PdfWord).t.length, 0);
      if (end === s.length) return [taken.slice(0, k)];
      // The next line is the first one below at the same left edge (the cell's, or one of the cell below).
      const below = (byPage.get(head.page) ?? []).filter((j) => {
        const w = words[j] as PdfWord;
        return Math.abs(w.x - head.x) < 1.5 && w.y > head.y + height * 0.3;
      });
      if (below.length === 0) continue;
      const next = below.reduce((a, b) => ((words[b] as PdfWord).y < (words[a] as PdfWord).y ? b : a));
      if (!s.startsWith((words[next] as PdfWord).t, end)) continue;
      const rest = extend(next, end);
      if (rest) return [taken.slice(0, k), ...rest];
    }
    return null;
  };
  const starts = words.map((w, i) => i).filter((i) => !used.has(i) && s.startsWith((words[i] as PdfWord).t));
  for (const i of starts) {
    const lines = extend(i, 0);
    if (lines) {
      for (const l of lines) for (const j of l) used.add(j);
      return lines.map((l) => l.map((j) => (words[j] as PdfWord).t).join(''));
    }
  }
  return null;
}
