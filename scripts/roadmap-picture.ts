/**
 * `npx tsx scripts/roadmap-picture.ts`: the README's picture of a roadmap tab (docs/roadmap-tab.png). Makes
 * the roadmap of МБОУ «СОШ № 5» of the sample district (sample/district.xlsx) for 2026/27 as on 1 September
 * 2026, with the proposals' ticks, and draws the columns a reader sees (up to «Отметка о выполнении») as a
 * table with wrapped text, in headless Chromium (CHROMIUM_PATH or /usr/bin/chromium). Writes only the picture.
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createRoadmaps, roadmapProposals } from '../src/actions/roadmap';
import { ROADMAP_COLUMN, ROADMAP_COLUMNS, ROADMAP_FIRST_ROW } from '../src/core/roadmap-sheet';
import { schoolYear } from '../src/core/terms';
import { XlsxWorkbook } from '../src/workbook/xlsx';

const root = join(import.meta.dirname, '..');
const SCHOOL = 'sch771005';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const ru = (v: unknown) =>
  (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')).replace(/^(\d{4})-(\d\d)-(\d\d)$/, '$3.$2.$1');

async function main(): Promise<void> {
  const wb = await XlsxWorkbook.load(join(root, 'sample', 'district.xlsx'));
  const period = schoolYear(2026);
  const view = roadmapProposals(wb, { owner: 'schools', schools: [SCHOOL], period });
  if ('error' in view) throw new Error(view.error);
  const codes = view.owners[0]!.items.filter((i) => i.selected).map((i) => i.code);
  const out = createRoadmaps(wb, { owner: 'schools', schools: [SCHOOL], period, selected: { [SCHOOL]: codes }, today: '2026-09-01' });
  if (out.kind !== 'done') throw new Error(out.message);
  const values = wb.readSheet(out.sheets[0]!).values;
  const shown = ROADMAP_COLUMNS.slice(0, ROADMAP_COLUMN.mark + 1);
  const widths = shown.map((c) => (c.key === 'block' ? 120 : c.key === 'mark' ? 110 : c.width));
  const rows: string[] = [];
  rows.push(`<caption>${escape(String(values[0]![0]))}</caption>`);
  rows.push(`<tr>${shown.map((c) => `<th>${escape(c.header)}</th>`).join('')}</tr>`);
  for (const line of values.slice(ROADMAP_FIRST_ROW)) {
    if (line.every((v) => v === null || v === '')) continue;
    const heading = !line[ROADMAP_COLUMN.activity];
    if (heading) {
      rows.push(`<tr class="section"><td>${escape(ru(line[0]))}</td><td colspan="${shown.length - 1}">${escape(ru(line[1]))}</td></tr>`);
      continue;
    }
    // The direction stands in the heading above: the picture leaves its repetition out.
    rows.push(`<tr>${shown.map((c, i) => `<td>${c.key === 'block' ? '' : escape(ru(line[i]))}</td>`).join('')}</tr>`);
  }
  const html = `<!doctype html><meta charset="utf-8"><style>
    body { font: 11px/1.3 'DejaVu Sans', Arial, sans-serif; margin: 12px; }
    table { border-collapse: collapse; table-layout: fixed; }
    caption { text-align: left; font-weight: bold; padding: 0 0 6px; }
    th { background: #d9d9d9; text-align: left; }
    th, td { border: 1px solid #bbb; padding: 3px 4px; vertical-align: top; overflow-wrap: anywhere; }
    tr.section td { background: #e8eaf6; font-weight: bold; }
  </style><table>${`<colgroup>${widths.map((w) => `<col style="width:${w}px">`).join('')}</colgroup>`}${rows.join('')}</table>`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: widths.reduce((a, b) => a + b, 0) + 40, height: 600 } });
    await page.setContent(html);
    const file = join(root, 'docs', 'roadmap-tab.png');
    await page.locator('table').screenshot({ path: file });
    console.log(`Картинка записана: ${file}`);
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
