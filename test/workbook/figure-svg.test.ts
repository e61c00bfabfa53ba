/** The picture of a figure: its SVG says the figure's numbers in Russian; its PNG has the stated size, in PT Sans. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { figureSvg, grey, PART_FILLS, ROLE_STYLES } from '../../src/workbook/figure-svg';
import { figureFontFiles, figurePng } from '../../src/workbook/figure-png';
import { allFigures, histogramFigure, marksFigure, statusFigure, trendFigure } from '../support/figures';

/** The texts of an SVG, entities decoded. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] as string)
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );

/** The characters a TrueType font maps (its cmap, format 4: the Basic Multilingual Plane). */
function fontChars(file: string): (c: number) => boolean {
  const b = readFileSync(file);
  const tables = b.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) if (b.toString('latin1', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = b.readUInt32BE(12 + i * 16 + 8);
  const subtables = b.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const at = cmap + b.readUInt32BE(cmap + 4 + i * 8 + 4);
    if (b.readUInt16BE(at) !== 4) continue;
    const segs = b.readUInt16BE(at + 6) / 2;
    const ends = at + 14;
    const starts = ends + segs * 2 + 2;
    return (c) => {
      for (let s = 0; s < segs; s++) {
        if (c <= b.readUInt16BE(ends + s * 2)) return c >= b.readUInt16BE(starts + s * 2) && b.readUInt16BE(ends + s * 2) !== 0xffff;
      }
      return false;
    };
  }
  throw new Error('no cmap format 4');
}

describe('figureSvg', () => {
  it('writes the numbers of a trend with decimal commas, the series names and the axis in Russian', () => {
    const t = texts(figureSvg(trendFigure()));
    expect(t).toEqual(
      expect.arrayContaining(['Доля «2», ВПР МА 5', '31,5', '27,3', '22,1', '14,2', '13,8', 'Школа', 'Район', 'Порог 15 %']),
    );
    expect(t).toEqual(expect.arrayContaining(['0 %', '10 %', '20 %', '30 %', '40 %', 'Доля «2», %', '2024', '2025', '2026']));
    // A year without the district's value has no number and no point.
    expect(t.filter((s) => /^\d/.test(s) && !/%$/.test(s) && !/^20\d\d$/.test(s))).toHaveLength(5);
  });

  it('never writes a decimal point, in any figure', () => {
    for (const f of allFigures()) for (const s of texts(figureSvg(f))) expect(s, f.title).not.toMatch(/\d\.\d/);
  });

  it('draws the school solid, the district dashed and the threshold dotted, across the whole plot', () => {
    const svg = figureSvg(trendFigure());
    const paths = [...svg.matchAll(/<path d="([^"]+)" fill="none" stroke="(#[0-9a-f]+)"([^>]*)>/g)].map((m) => [
      m[0],
      m[1],
      m[2],
      m[3]?.match(/stroke-dasharray="([^"]+)"/)?.[1],
    ]);
    const by = (color: string) => paths.find((p) => p[2] === color);
    expect(by(ROLE_STYLES.school.color)?.[3]).toBeUndefined();
    expect(by(ROLE_STYLES.district.color)?.[3]).toBe(ROLE_STYLES.district.dash);
    // The district has two points (2026 is missing): one segment.
    expect(by(ROLE_STYLES.district.color)?.[1]?.match(/[ML]/g)).toEqual(['M', 'L']);
    const threshold = by(ROLE_STYLES.threshold.color);
    expect(threshold?.[3]).toBe('2 3');
    const xs = (threshold?.[1] ?? '').match(/[ML]([\d.]+)/g)?.map((m) => Number(m.slice(1))) ?? [];
    const grid = [...svg.matchAll(/<line x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)" y2="[\d.]+" stroke="#d0d0d0"/g)][0];
    expect(xs[0]).toBe(Number(grid?.[1]));
    expect(xs[xs.length - 1]).toBe(Number(grid?.[2]));
  });

  it("draws a histogram's mark boundaries as vertical lines at the lowest score of each mark, labelled", () => {
    const f = histogramFigure();
    const svg = figureSvg(f);
    const marks = [
      ...svg.matchAll(
        /<line x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)" y2="[\d.]+" stroke="#202124" stroke-width="1.25" stroke-dasharray="5 3"\/>/g,
      ),
    ];
    expect(marks).toHaveLength(3);
    for (const m of marks) expect(m[1]).toBe(m[2]);
    // Each line stands between the label of the score below and that of the mark's lowest score.
    const label = (s: string) =>
      Number(
        [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" font-size="11" text-anchor="middle">([^<]*)<\/text>/g)].find(
          (m) => m[2] === s,
        )?.[1],
      );
    marks.forEach((m, i) => {
      const at = (f.marks ?? [])[i]?.at ?? 0;
      expect(Number(m[1])).toBeGreaterThan(label(String(at - 1)));
      expect(Number(m[1])).toBeLessThan(label(String(at)));
    });
    expect(texts(svg)).toEqual(expect.arrayContaining(['3', '4', '5']));
    // The school's columns: one per score with pupils.
    const columns = [...svg.matchAll(new RegExp(`<rect [^>]*fill="${ROLE_STYLES.school.fill}"`, 'g'))].filter(
      (m) => !m[0].includes('width="18"'),
    );
    expect(columns.length).toBe(f.series[0]?.values.filter((v) => v !== null).length ?? 0);
  });

  it("labels the parts of a stacked bar, each part's width its share", () => {
    const svg = figureSvg(marksFigure());
    expect(texts(svg)).toEqual(expect.arrayContaining(['22', '40', '28', '10', '12', '36', '16', 'Отметка «2»', 'Отметка «5»', '100 %']));
    const widths = PART_FILLS.slice(0, 4).map((fill) =>
      Number(svg.match(new RegExp(`<rect x="[\\d.]+" y="[\\d.]+" width="([\\d.]+)" height="[\\d.]+" fill="${fill}"`))?.[1]),
    );
    const total = widths.reduce((a, b) => a + b, 0);
    expect((widths[0] ?? 0) / total).toBeCloseTo(22.1 / 100, 2);
  });

  it('keeps the roles apart in black and white', () => {
    expect(Math.abs(grey(ROLE_STYLES.school.fill) - grey(ROLE_STYLES.district.fill))).toBeGreaterThan(80);
    // Neighbouring parts differ in grey or in hatching (every other part is hatched).
    for (let i = 1; i < 4; i++) expect(Math.abs(grey(PART_FILLS[i] as string) - grey(PART_FILLS[i - 1] as string))).toBeGreaterThan(25);
  });

  it('leaves the title to the caption when asked', () => {
    expect(texts(figureSvg(statusFigure(), { title: false }))).not.toContain('Школы района по статусу');
    expect(texts(figureSvg(statusFigure()))).toContain('Школы района по статусу');
  });
});

describe('figurePng', () => {
  it('draws each figure at twice its size as a PNG', () => {
    for (const f of allFigures()) {
      const { png, width, height } = figurePng(f);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([f.size.width * 2, f.size.height * 2]);
      expect([width, height]).toEqual([f.size.width * 2, f.size.height * 2]);
    }
  });

  it('has every letter of the pictures in its font (no empty boxes)', () => {
    const [regular, bold] = figureFontFiles().map(fontChars);
    const chars = new Set(allFigures().flatMap((f) => texts(figureSvg(f)).join('')));
    for (const ch of 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя«»—−№ %') chars.add(ch);
    for (const ch of chars) {
      expect(regular?.(ch.codePointAt(0) ?? 0), ch).toBe(true);
      expect(bold?.(ch.codePointAt(0) ?? 0), ch).toBe(true);
    }
  });

  it('draws text: a picture with a title has dark pixels where the title is, one without has none there', () => {
    const f = statusFigure();
    const dark = (withTitle: boolean) => {
      const { png } = figurePng(f, { scale: 1, title: withTitle });
      return png.length;
    };
    // Text makes the image busier, hence a larger PNG; the same picture without its title is smaller.
    expect(dark(true)).toBeGreaterThan(dark(false));
  });
});
