/**
 * Native charts in a saved .xlsx. exceljs writes no charts, so the saved file gets them afterwards: for each
 * tab with charts a drawing part anchoring one DrawingML chart part per chart (ECMA-376 Part 1, §21.2 charts,
 * §20.5 spreadsheet drawing), each series referring to the cells of the data block written beside it, with
 * those numbers cached so that a reader that does not recalculate (LibreOffice, a viewer) draws them as they
 * are. The series look as in figure-svg: the school solid and dark, the district dashed, a threshold dotted,
 * hatched parts of a whole.
 */
import { strFromU8, strToU8 } from 'fflate';
import type { Figure } from '../core/chart';
import type { ChartSpec } from './port';
import { seriesStyle, type RoleStyle } from './figure-svg';
import { ZipPackage } from './zip-package';

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const EMU_PER_PX = 9525;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** 0-based column to letters (0 → A, 26 → AA). */
function letters(col: number): string {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** An absolute reference to a block of a sheet: 'Лист'!$B$2:$B$4. */
export function cellRef(sheet: string, row: number, col: number, rows = 1, cols = 1): string {
  const a = `$${letters(col)}$${row + 1}`;
  const b = `$${letters(col + cols - 1)}$${row + rows}`;
  return `'${sheet.replace(/'/g, "''")}'!${rows === 1 && cols === 1 ? a : `${a}:${b}`}`;
}

/** The figure a chart draws: its own, or a plain column chart of its block (header row, category column). */
export function figureOf(chart: ChartSpec, block: (string | number | null)[][]): Figure {
  if (chart.figure) return chart.figure;
  const header = block[0] ?? [];
  return {
    kind: 'column',
    title: chart.title,
    categories: block.slice(1).map((r) => String(r[0] ?? '')),
    series: header.slice(1).map((name, j) => ({
      name: String(name ?? ''),
      role: j === 0 ? 'school' : 'district',
      values: block.slice(1).map((r) => (typeof r[j + 1] === 'number' ? (r[j + 1] as number) : null)),
    })),
    axis: { title: '', percent: false },
    size: { width: 600, height: 320 },
  };
}

const hex = (color: string) => color.replace('#', '').toUpperCase();
const solid = (color: string) => `<a:solidFill><a:srgbClr val="${hex(color)}"/></a:solidFill>`;

/** DrawingML's preset dash nearest to each role's SVG dash. */
function presetDash(dash: string): string {
  if (!dash) return 'solid';
  const parts = dash.split(' ').map(Number);
  if (parts.length >= 6) return 'lgDashDotDot';
  if (parts.length === 4) return 'dashDot';
  return (parts[0] ?? 0) <= 2 ? 'sysDot' : 'dash';
}

function lineProps(style: RoleStyle): string {
  return `<c:spPr><a:ln w="${Math.round(style.width * 12700)}" cap="rnd">${solid(style.color)}<a:prstDash val="${presetDash(style.dash)}"/><a:round/></a:ln></c:spPr>`;
}

function fillProps(style: RoleStyle): string {
  const fill = style.hatch
    ? `<a:pattFill prst="${style.hatch === 'cross' ? 'smGrid' : 'wdUpDiag'}"><a:fgClr><a:srgbClr val="${style.hatch === 'cross' ? '5F5F5F' : 'FFFFFF'}"/></a:fgClr><a:bgClr><a:srgbClr val="${hex(style.fill)}"/></a:bgClr></a:pattFill>`
    : solid(style.fill);
  return `<c:spPr>${fill}<a:ln w="6350">${solid(style.fill === '#ffffff' ? '#5f6368' : style.fill)}</a:ln></c:spPr>`;
}

function marker(style: RoleStyle): string {
  if (!style.marker) return '<c:marker><c:symbol val="none"/></c:marker>';
  return `<c:marker><c:symbol val="${style.marker}"/><c:size val="6"/><c:spPr>${style.marker === 'square' ? solid('#ffffff') : solid(style.color)}<a:ln w="15875">${solid(style.color)}</a:ln></c:spPr></c:marker>`;
}

function strCache(values: string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join('')}</c:strCache>`;
}

function numCache(values: (number | null)[]): string {
  const pts = values.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function richText(text: string, size: number, bold: boolean): string {
  const b = bold ? ' b="1"' : ' b="0"';
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"${b}/></a:pPr><a:r><a:rPr lang="ru-RU" sz="${size}"${b}/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
}

const titleXml = (text: string, size: number, bold: boolean) =>
  text ? `<c:title>${richText(text, size, bold)}<c:overlay val="0"/></c:title>` : '';

/** Which series of a figure are drawn as lines (the rest as columns or bars), as figure-svg draws them. */
function asLine(figure: Figure, i: number): boolean {
  const s = figure.series[i];
  if (!s) return false;
  if (figure.kind === 'line') return true;
  if (figure.kind === 'stacked-bar') return false;
  if (figure.kind === 'histogram') return i > 0 || s.role === 'threshold';
  return s.role === 'threshold';
}

/** The chart part of one chart: its series referring to the data block at chart.range on `sheet`. */
export function chartXml(sheet: string, chart: ChartSpec): string {
  const { row, col, rows } = chart.range;
  const figure = chart.figure ?? figureOf(chart, []);
  const n = figure.categories.length;
  const catRef = cellRef(sheet, row + 1, col, rows - 1, 1);
  const series = (indices: number[], line: boolean) =>
    indices
      .map((i) => {
        const s = figure.series[i] as Figure['series'][number];
        const style = seriesStyle(figure, i);
        const head = `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${esc(cellRef(sheet, row, col + 1 + i))}</c:f>${strCache([s.name])}</c:strRef></c:tx>`;
        const data =
          `<c:cat><c:strRef><c:f>${esc(catRef)}</c:f>${strCache(figure.categories)}</c:strRef></c:cat>` +
          `<c:val><c:numRef><c:f>${esc(cellRef(sheet, row + 1, col + 1 + i, n, 1))}</c:f>${numCache(s.values.slice(0, n).map((v) => v ?? null))}</c:numRef></c:val>`;
        return line
          ? `<c:ser>${head}${lineProps(style)}${marker(style)}${data}<c:smooth val="0"/></c:ser>`
          : `<c:ser>${head}${fillProps(style)}<c:invertIfNegative val="0"/>${data}</c:ser>`;
      })
      .join('');
  const all = figure.series.map((_, i) => i);
  const lineIdx = all.filter((i) => asLine(figure, i));
  const barIdx = all.filter((i) => !asLine(figure, i));
  const axes = '<c:axId val="500"/><c:axId val="600"/>';
  const horizontal = figure.kind === 'stacked-bar';
  let plots = '';
  if (barIdx.length > 0) {
    const grouping = horizontal ? 'stacked' : 'clustered';
    const gap = figure.kind === 'histogram' ? 5 : 60;
    const overlap = horizontal ? '<c:overlap val="100"/>' : '';
    plots += `<c:barChart><c:barDir val="${horizontal ? 'bar' : 'col'}"/><c:grouping val="${grouping}"/><c:varyColors val="0"/>${series(barIdx, false)}<c:gapWidth val="${gap}"/>${overlap}${axes}</c:barChart>`;
  }
  if (lineIdx.length > 0)
    plots += `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series(lineIdx, true)}<c:marker val="1"/>${axes}</c:lineChart>`;
  const marks = (figure.marks ?? []).map((m) => `«${m.label}» — от ${figure.categories[m.at] ?? m.at}`).join(', ');
  const catTitle = marks ? `Границы отметок: ${marks}` : '';
  const scaling = [
    '<c:orientation val="minMax"/>',
    figure.axis.max !== undefined ? `<c:max val="${figure.axis.max}"/>` : '',
    figure.axis.min !== undefined ? `<c:min val="${figure.axis.min}"/>` : '',
  ].join('');
  const fmt = figure.axis.percent ? '0" %"' : 'General';
  const font = '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="ru-RU"/></a:p></c:txPr>';
  const catAx =
    `<c:catAx><c:axId val="500"/><c:scaling><c:orientation val="${horizontal ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'l' : 'b'}"/>${titleXml(catTitle, 900, false)}<c:numFmt formatCode="General" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${font}<c:crossAx val="600"/><c:crosses val="autoZero"/>` +
    '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>';
  const valAx =
    `<c:valAx><c:axId val="600"/><c:scaling>${scaling}</c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? 'b' : 'l'}"/>` +
    `<c:majorGridlines><c:spPr><a:ln w="6350">${solid('#d0d0d0')}</a:ln></c:spPr></c:majorGridlines>${titleXml(figure.axis.title, 900, false)}` +
    `<c:numFmt formatCode="${esc(fmt)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${font}` +
    `<c:crossAx val="500"/><c:crosses val="${horizontal ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:lang val="ru-RU"/><c:roundedCorners val="0"/>` +
    `<c:chart>${titleXml(chart.title, 1200, true)}<c:autoTitleDeleted val="${chart.title ? 0 : 1}"/><c:plotArea><c:layout/>${plots}${catAx}${valAx}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${font}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${solid('#ffffff')}<a:ln>${solid('#d0d0d0')}</a:ln></c:spPr></c:chartSpace>`
  );
}

function drawingXml(charts: ChartSpec[], firstId: number): string {
  const anchors = charts.map((chart, i) => {
    const size = chart.figure?.size ?? { width: 600, height: 320 };
    return (
      `<xdr:oneCellAnchor><xdr:from><xdr:col>${chart.anchor.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${chart.anchor.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:ext cx="${size.width * EMU_PER_PX}" cy="${size.height * EMU_PER_PX}"/>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${firstId + i}" name="${esc(chart.title || `Диаграмма ${i + 1}`)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors.join('')}</xdr:wsDr>`;
}

const rels = (items: { id: string; type: string; target: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items
    .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`)
    .join('')}</Relationships>`;

const text = (zip: ZipPackage, name: string) => strFromU8(zip.read(name) ?? new Uint8Array());

/** Where each sheet's XML is in the package, by the sheet's name. */
function sheetParts(zip: ZipPackage): Map<string, string> {
  const book = text(zip, 'xl/workbook.xml');
  const bookRels = text(zip, 'xl/_rels/workbook.xml.rels');
  const targets = new Map<string, string>();
  for (const m of bookRels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?xl\//, '').replace(/^\//, ''));
  }
  const out = new Map<string, string>();
  for (const m of book.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    const target = id ? targets.get(id) : undefined;
    if (name !== undefined && target) out.set(unescapeXml(name), `xl/${target}`);
  }
  return out;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The elements a <drawing> must come before in a worksheet (ECMA-376 CT_Worksheet's sequence). */
const AFTER_DRAWING = [
  '<legacyDrawing',
  '<legacyDrawingHF',
  '<drawingHF',
  '<picture',
  '<oleObjects',
  '<controls',
  '<webPublishItems',
  '<tableParts',
  '<extLst',
  '</worksheet>',
];

/**
 * The package with the charts added: `charts` by sheet name. A sheet that has a drawing already (someone's
 * pictures) keeps it and gets no native chart: its data block is still there. Only the parts that change are
 * unpacked and packed again (the sheets with charts, their relationships, the content types); the rest of
 * the package is copied as it is. Returns the new package as pieces to write one after another, and the
 * sheets that got charts.
 */
export function addCharts(xlsx: Uint8Array, charts: ReadonlyMap<string, ChartSpec[]>): { pieces: Uint8Array[]; drawn: string[] } {
  const zip = new ZipPackage(xlsx);
  const parts = sheetParts(zip);
  let types = text(zip, '[Content_Types].xml');
  const drawn: string[] = [];
  let drawingNo = 0;
  let chartNo = 0;
  const free = (prefix: string, n: number) => {
    while (zip.has(`${prefix}${n}.xml`)) n++;
    return n;
  };
  for (const [sheet, list] of charts) {
    const part = parts.get(sheet);
    if (!part || list.length === 0) continue;
    let xml = text(zip, part);
    if (xml.includes('<drawing ')) continue;
    drawingNo = free('xl/drawings/drawing', drawingNo + 1);
    const drawing = `xl/drawings/drawing${drawingNo}.xml`;
    const chartTargets: { id: string; type: string; target: string }[] = [];
    list.forEach((chart, i) => {
      chartNo = free('xl/charts/chart', chartNo + 1);
      zip.write(`xl/charts/chart${chartNo}.xml`, strToU8(chartXml(sheet, chart)));
      chartTargets.push({ id: `rId${i + 1}`, type: `${REL}/chart`, target: `../charts/chart${chartNo}.xml` });
      types = types.replace('</Types>', `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="${CT_CHART}"/></Types>`);
    });
    zip.write(drawing, strToU8(drawingXml(list, 2)));
    zip.write(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, strToU8(rels(chartTargets)));
    types = types.replace('</Types>', `<Override PartName="/${drawing}" ContentType="${CT_DRAWING}"/></Types>`);
    // The sheet's relationship to its drawing, beside those it has (notes, links).
    const relsPath = part.replace(/([^/]+)$/, '_rels/$1.rels');
    const existing = zip.has(relsPath) ? text(zip, relsPath) : rels([]);
    let id = 1;
    while (existing.includes(`Id="rIdShnorDrawing${id}"`)) id++;
    const relId = `rIdShnorDrawing${id}`;
    zip.write(
      relsPath,
      strToU8(
        existing.replace(
          '</Relationships>',
          `<Relationship Id="${relId}" Type="${REL}/drawing" Target="../drawings/drawing${drawingNo}.xml"/></Relationships>`,
        ),
      ),
    );
    if (!/<worksheet\b[^>]*xmlns:r=/.test(xml)) xml = xml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS_R}"`);
    const at = Math.min(...AFTER_DRAWING.map((t) => xml.indexOf(t)).filter((i) => i >= 0));
    xml = `${xml.slice(0, at)}<drawing r:id="${relId}"/>${xml.slice(at)}`;
    zip.write(part, strToU8(xml));
    drawn.push(sheet);
  }
  if (drawn.length === 0) return { pieces: [xlsx], drawn };
  zip.write('[Content_Types].xml', strToU8(types));
  return { pieces: zip.pieces(1), drawn };
}
