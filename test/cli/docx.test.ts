/** The справка's .docx: each figure block is a picture no wider than the text, with its caption under it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { ReportBlock } from '../../src/core/report';
import { reportDocx } from '../../src/cli/docx';
import { pdfWords, toPdf, WRITER_MISSING } from '../support/libreoffice';
import { histogramFigure, marksFigure, trendFigure } from '../support/figures';

const wide = { ...trendFigure(), size: { width: 900, height: 400 } };
const blocks: ReportBlock[] = [
  { kind: 'title', text: 'Аналитическая справка' },
  { kind: 'paragraph', text: 'Доля «2» школы снижается (рисунок 1), отметки — на рисунке 2.' },
  { kind: 'figure', figure: trendFigure(), caption: 'Рисунок 1. Доля «2», ВПР МА 5: школа и район' },
  { kind: 'figure', figure: marksFigure(), caption: 'Рисунок 2. Отметки ВПР МА 5, 2026' },
  { kind: 'heading', text: 'Баллы' },
  { kind: 'figure', figure: histogramFigure(), caption: 'Рисунок 3. Первичные баллы, ВПР МА 5, 2026' },
  { kind: 'figure', figure: wide, caption: 'Рисунок 4. Широкий рисунок' },
];
const EMU_PER_PX = 9525;
/** 17 cm of text width in EMU. */
const TEXT_WIDTH = (170 / 25.4) * 914400;

describe('reportDocx with figures', async () => {
  const data = await reportDocx(blocks);
  const zip = await JSZip.loadAsync(data);
  const document = (await zip.file('word/document.xml')?.async('string')) ?? '';

  it('holds one picture per figure block, each the figure drawn at twice its size', async () => {
    const media = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(media).toHaveLength(4);
    const sizes = await Promise.all(media.map(async (f) => ((await zip.file(f)?.async('nodebuffer')) as Buffer).readUInt32BE(16)));
    expect(sizes.sort((a, b) => a - b)).toEqual([1280, 1280, 1280, 1800]);
  });

  it('shows each picture at its size, narrowed to the text width when wider, with its proportions', () => {
    const extents = [...document.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(extents).toHaveLength(4);
    expect(extents[0]).toEqual([640 * EMU_PER_PX, 320 * EMU_PER_PX]);
    for (const [cx] of extents) expect(cx).toBeLessThanOrEqual(TEXT_WIDTH);
    const [cx, cy] = extents[3] as number[];
    expect(cx).toBeGreaterThan(TEXT_WIDTH - 2 * EMU_PER_PX);
    expect((cx as number) / (cy as number)).toBeCloseTo(900 / 400, 2);
  });

  it('writes each caption right under its picture', () => {
    const paragraphs = [...document.matchAll(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs)].map((m) => m[0]);
    for (const b of blocks) {
      if (b.kind !== 'figure') continue;
      const at = paragraphs.findIndex((p) => p.includes(`>${b.caption}</w:t>`));
      expect(at, b.caption).toBeGreaterThan(0);
      expect(paragraphs[at - 1]).toContain('<w:drawing>');
    }
  });

  it.skipIf(WRITER_MISSING !== null)(
    `opens in LibreOffice Writer, captions on the pages${WRITER_MISSING ? ` — пропущено: ${WRITER_MISSING}` : ''}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'shnor-docx-'));
      const file = join(dir, 'справка.docx');
      writeFileSync(file, data);
      const [pdf] = await toPdf([file]);
      const words = (await pdfWords(pdf as string)).map((w) => w.t);
      expect(words).toEqual(expect.arrayContaining(['Рисунок', '1.', '4.', 'Широкий']));
    },
    120_000,
  );
});
