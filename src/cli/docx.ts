/**
 * The справка as a Word document in the conventions of a Russian office document: A4, margins 30 / 10 /
 * 20 / 20 mm (left / right / top / bottom), Times New Roman 14, 1.5 line spacing, a 1.25 cm first-line
 * indent, justified prose; tables with a header row that repeats on every page (Times New Roman 12,
 * single spacing, so that a table row stays readable in 17 cm). The same blocks as the tab.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { REPORT_COLUMNS, type ReportBlock } from '../core/report';
import { type FigurePng, figurePngAsync } from '../workbook/figure-png';

const FONT = 'Times New Roman';
/** Half-points. */
const BODY = 28;
const TABLE = 24;
const TEXT_WIDTH_MM = 210 - 30 - 10;
/** Millimetres to twentieths of a point, rounded (A4 is 11906 × 16838). */
const mm = (v: number): number => Math.round((v * 1440) / 25.4);

function prose(block: Exclude<ReportBlock, { kind: 'table' | 'figure' }>): Paragraph {
  const title = block.kind === 'title';
  const heading = block.kind === 'heading';
  return new Paragraph({
    alignment: title ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: title || heading ? undefined : { firstLine: mm(12.5) },
    spacing: { line: 360, lineRule: LineRuleType.AUTO, before: heading ? 240 : 0, after: title ? 240 : 0 },
    keepNext: heading || title,
    children: [new TextRun({ text: block.text, font: FONT, size: BODY, bold: title || heading })],
  });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function table(block: Extract<ReportBlock, { kind: 'table' }>): Table {
  const total = REPORT_COLUMNS.reduce((s, w) => s + w, 0);
  let at = 0;
  const widths = block.spans.map((span) => {
    const px = REPORT_COLUMNS.slice(at, at + span).reduce((s, w) => s + w, 0);
    at += span;
    return mm((px / total) * TEXT_WIDTH_MM);
  });
  const cell = (text: string, i: number, bold: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      margins: { left: 60, right: 60 },
      children: [
        new Paragraph({
          alignment: bold ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text, font: FONT, size: TABLE, bold })],
        }),
      ],
    });
  return new Table({
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: block.header.map((t, i) => cell(t, i, true)) }),
      ...block.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, i, false)) })),
    ],
  });
}

/** Pixels (at 96 dpi) of the text width: a picture is never wider (17 cm). */
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH_MM / 25.4) * 96);

/**
 * A figure: its picture (drawn at twice its size, shown at its size or narrowed to the text width, so it
 * stays crisp on screen and paper) centred, and the caption «Рисунок N. …» under it, kept on one page.
 * The picture has no title of its own: the caption names it.
 */
function figure(block: Extract<ReportBlock, { kind: 'figure' }>, { png }: FigurePng): Paragraph[] {
  const { width, height } = block.figure.size;
  const k = Math.min(1, TEXT_WIDTH_PX / width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120, after: 60 },
      children: [
        new ImageRun({
          type: 'png',
          data: png,
          transformation: { width: Math.round(width * k), height: Math.round(height * k) },
          altText: { name: block.caption, description: block.figure.title, title: block.caption },
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 240, after: 240 },
      children: [new TextRun({ text: block.caption, font: FONT, size: TABLE })],
    }),
  ];
}

/** The blocks as a .docx file's bytes. */
export async function reportDocx(blocks: readonly ReportBlock[]): Promise<Buffer> {
  // The pictures first, side by side off the main thread.
  const pictures = await Promise.all(
    blocks.map((b) => (b.kind === 'figure' ? figurePngAsync(b.figure, { scale: 2, title: false }) : null)),
  );
  const children: Array<Paragraph | Table> = [];
  for (const [i, b] of blocks.entries()) {
    if (b.kind === 'table') {
      children.push(table(b));
      // Word needs a paragraph between a table and what follows.
      children.push(new Paragraph({ spacing: { line: 240 }, children: [] }));
    } else if (b.kind === 'figure') children.push(...figure(b, pictures[i] as FigurePng));
    else children.push(prose(b));
  }
  const doc = new Document({
    creator: 'ШНОР',
    title: 'Аналитическая справка',
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              left: mm(30),
              right: mm(10),
              top: mm(20),
              bottom: mm(20),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
