/** `shnor monitor` end to end: the sample district's book with roadmaps, the written book read back with exceljs. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDate, parseRoadmap } from '../../src/core/roadmap-sheet';
import { worksheetGrid } from '../../src/workbook/xlsx-values';

const root = join(import.meta.dirname, '..', '..');
function shnor(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'dist-cli', 'shnor.cjs'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const dir = mkdtempSync(join(tmpdir(), 'shnor-monitor-'));
const book = join(dir, 'район.xlsx');
/** The last day of the roadmaps' period, as дд.мм.гггг: every activity's end has passed by then. */
let end = '';

beforeAll(async () => {
  // The sample district checked, with a roadmap for each of its 7 ШНОР (as a methodologist's book is).
  expect(shnor('analyze', 'sample/district.xlsx', '-o', book).code).toBeLessThanOrEqual(1);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  const tab = wb.worksheets.find((w) => w.name.startsWith('ДК '))!;
  const meta = parseRoadmap(worksheetGrid(tab).values).meta!;
  end = formatIsoDate(meta.period.to);
});

describe('shnor monitor', () => {
  it('writes the monitoring and effect tabs with links to the roadmaps and a filter, and the reminders; the input is unchanged', async () => {
    const out = join(dir, 'мониторинг.xlsx');
    const letters = join(dir, 'письма.txt');
    const before = sha(book);
    const r = shnor('monitor', book, '-o', out, '--date', end, '--effect', '--reminders', letters);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Вкладка «Мониторинг дорожных карт»: 7 дорожных карт периода');
    expect(r.out).toContain('Напоминаний: 7 — в файле');
    expect(sha(book)).toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Мониторинг дорожных карт')!;
    const grid = worksheetGrid(ws).values;
    const header = grid.findIndex((l) => l[0] === 'Дорожная карта');
    expect(ws.autoFilter).toBe(`A${header + 1}:P${header + 8}`);
    // Excel's internal link to the tab: =HYPERLINK("#'ДК …'!A1";…).
    const link = ws.getCell(header + 2, 1).value as { formula: string };
    expect(link.formula).toMatch(/^HYPERLINK\("#'ДК [^']+'!A1","ДК [^"]+"\)$/);
    const target = /#'([^']+)'!/.exec(link.formula)?.[1];
    expect(wb.getWorksheet(target!)).toBeTruthy();
    for (let r = header + 1; r < header + 8; r++) expect(grid[r]?.[2]).toBe('есть просроченные');
    expect(wb.getWorksheet('Эффективность программы')).toBeTruthy();
    // The tabs of the book it was given keep their print areas absolute (exceljs saved them as $A1:$G49:
    // LibreOffice printed «Справочник мероприятий» cut).
    const zip = await JSZip.loadAsync(readFileSync(out));
    const names = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    const areas = [...names.matchAll(/<definedName name="_xlnm.Print_Area"[^>]*>([^<]*)</g)].map((m) =>
      (m[1] as string).replace(/&apos;/g, "'"),
    );
    expect(areas).toContain(`'Справочник мероприятий'!$A$1:$G$${wb.getWorksheet('Справочник мероприятий')!.actualRowCount}`);
    for (const a of areas) expect(a).toMatch(/!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+$/);
    const text = readFileSync(letters, 'utf8');
    expect(text.match(/Уважаемый руководитель /g)).toHaveLength(7);
    expect(text).toMatch(/Кому: \S+@/);
  });

  it('prints the table without -o, and refuses what it cannot do in Russian', () => {
    const r = shnor('monitor', book, '--date', end);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Мониторинг дорожных карт на \d\d\.\d\d\.\d{4}, период /);
    expect(r.out).toContain('По направлениям (блокам):');
    expect(shnor('monitor', '--help').out).toContain('Напоминания о просроченных мероприятиях');
    expect(shnor('monitor').code).toBe(2);
    expect(shnor('monitor', book, '--date', '31.02.2027').err).toContain('--date: ожидается дата дд.мм.гггг');
    expect(shnor('monitor', book, '--effect', '--before', '2019').err).toMatch(/нет результатов 2019 года/);
  });
});
