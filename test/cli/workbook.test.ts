/**
 * `shnor analyze -o` end to end, the output read back with exceljs as Excel or LibreOffice would open it:
 * the colours each cell shows (conditional formats evaluated), the fills as stored in the file, data
 * validation where the actions set it, a round trip, and inputs left byte for byte as they were.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_COLORS, CONTEXT_HEADER, LOW_CELL_COLOR, MARKER_COLOR, STATUS_COLORS, SUMMARY_TEXT_COL } from '../../src/actions/analyze';
import { summaryTable } from '../support/summary';
import type { ContextStatus } from '../../src/core/context';
import { conditionalLook } from '../../src/cli/preview/formula';
import { parseNumberCell } from '../../src/core/text';
import type { Status } from '../../src/core/verdict';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { writeReport } from '../../src/actions/report';
import { readGrids } from '../../src/cli/input';
import { findResultTable } from '../../src/core/results';
import { defaultSettings } from '../../src/core/settings';
import { criteriaFingerprint, resultsFingerprint } from '../../src/core/source-record';

const root = join(import.meta.dirname, '..', '..');
function shnor(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'dist-cli', 'shnor.cjs'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const dir = mkdtempSync(join(tmpdir(), 'shnor-book-'));
const SHNOR = ['sch771005', 'sch771009', 'sch771012', 'sch771013', 'sch771016', 'sch771019', 'sch771027'];

/** What a cell of a sheet shows through the sheet's conditional formats, as in the file. */
async function looks(path: string, sheet: string) {
  const wb = await XlsxWorkbook.load(path);
  const grid = wb.readSheet(sheet);
  const cell = (r: number, c: number) => grid.values[r]?.[c] ?? null;
  return { grid, look: conditionalLook(wb.conditionalRules(sheet), cell), rules: wb.conditionalRules(sheet) };
}

type Model = { conditionalFormattings: Array<{ ref: string; rules: Array<{ type: string; formulae: string[]; style?: ExcelJS.Style }> }> };

describe('the book written by analyze -o, read back', () => {
  const out = join(dir, 'checked.xlsx');
  const inputs = ['sample/district.xlsx', 'sample/district.csv'].map((p) => join(root, p));
  let before: string[];
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    before = inputs.map(sha);
    expect(shnor('analyze', 'sample/district.xlsx', '-o', out).code).toBe(1);
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
  });

  it('leaves the input byte for byte as it was, .xlsx and .csv alike', () => {
    expect(shnor('analyze', 'sample/district.csv', '-o', join(dir, 'from-csv.xlsx')).code).toBe(0);
    expect(inputs.map(sha)).toEqual(before);
  });

  it('colours the status column and the school name of each row by its status, as the cells show it', async () => {
    const { grid, look } = await looks(out, 'Результаты');
    const header = grid.values[2] ?? [];
    const statusCol = header.indexOf('Статус ШНОР');
    const loginCol = (grid.values[1] ?? []).findIndex((v) => /логин/i.test(String(v)));
    const nameCol = (grid.values[1] ?? []).findIndex((v) => /назван/i.test(String(v)));
    expect([statusCol, loginCol, nameCol].every((c) => c >= 0)).toBe(true);
    const seen = new Map<string, string>();
    for (let r = 3; r < grid.values.length; r++) {
      const status = grid.values[r]?.[statusCol] as Status;
      const login = String(grid.values[r]?.[loginCol] ?? '');
      if (!/^sch\d+$/.test(login)) {
        // A row that is not a school (a note under the table) has no status and no colour.
        expect([status ?? null, look(r, nameCol)]).toEqual([null, {}]);
        continue;
      }
      seen.set(login, status);
      expect(look(r, statusCol).background, `${login} ${status}`).toBe(STATUS_COLORS[status]);
      expect(look(r, nameCol).background).toBe(STATUS_COLORS[status]);
      // The login column is the user's: no colour from the status.
      expect(look(r, loginCol).background === STATUS_COLORS[status]).toBe(false);
    }
    expect(seen.size).toBe(33);
    expect([...seen].filter(([, s]) => s === 'ШНОР').map(([l]) => l)).toEqual(SHNOR);
    // The header rows are not coloured.
    expect(look(2, statusCol)).toEqual({});
  });

  it('marks exactly the low cells of a row, white bold on red', async () => {
    const { grid, look } = await looks(out, 'Результаты');
    const header = grid.values[2] ?? [];
    const lowsCol = header.indexOf('Низкие результаты ШНОР');
    const row = grid.values.findIndex((r) => r.includes('sch771005'));
    const labels = String(grid.values[row]?.[lowsCol]).split('; ');
    expect(labels.length).toBeGreaterThanOrEqual(2);
    for (const l of labels) expect(l).toMatch(/^(ВПР|ОГЭ|ЕГЭ) [А-ЯЁ]{2}( \d| база| проф)* 20\d\d$/);
    // The group header above a cell (row 2) names its procedure and year («ВПр МА 5 2026»).
    const group = (c: number) => {
      for (let k = c; k >= 0; k--) if (grid.values[1]?.[k]) return String(grid.values[1][k]).replace(/\s+/g, ' ').toUpperCase();
      return '';
    };
    let marked = 0;
    for (let c = 0; c < Math.min(lowsCol, header.length); c++) {
      const l = look(row, c);
      if (l.background === LOW_CELL_COLOR) {
        expect(l).toMatchObject({ fontColor: '#ffffff', bold: true });
        const value = parseNumberCell(grid.values[row]?.[c]);
        expect(value.kind === 'number' && value.value >= 30, `${c}: ${grid.values[row]?.[c]}`).toBe(true);
        // (The sample spells subjects variously, «МА» or «Мат»: the exam and the year are compared.)
        const words = group(c).split(' ');
        expect(
          labels.some((x) => x.startsWith(words[0] ?? '?') && x.endsWith(words.at(-1) ?? '?')),
          group(c),
        ).toBe(true);
        marked++;
      }
    }
    expect(marked).toBe(labels.length);
  });

  it('stores each fill in the form Excel (bgColor) and LibreOffice (fgColor) read, on the right ranges', () => {
    const model = book.getWorksheet('Результаты') as unknown as Model;
    const byColor = new Map<string, string>();
    for (const cf of model.conditionalFormattings) {
      for (const rule of cf.rules) {
        expect(rule.type).toBe('expression');
        const fill = rule.style?.fill as ExcelJS.FillPattern | undefined;
        expect(fill?.type).toBe('pattern');
        expect(fill?.pattern).toBe('solid');
        expect(fill?.bgColor?.argb).toBe(fill?.fgColor?.argb);
        byColor.set(String(fill?.bgColor?.argb), cf.ref);
      }
    }
    // Status colours on the status column and the school's name; the low-cell red on the user's columns;
    // the social-context colours on the third own column, right of the status (CP) and the low cells (CQ).
    for (const color of ['FFF4C7C3', 'FFFCE8B2', 'FFB7E1CD', 'FFE0E0E0'])
      expect(byColor.get(color)?.split(' ').sort()).toEqual(['B4:B37', 'CP4:CP37']);
    // The low-cell red: one rule per group of the user's columns that hold a low result.
    expect(byColor.get('FFE06666')).toMatch(/^([A-Z]+4:[A-Z]+37 ?)+$/);
    for (const color of ['FFD5A6BD', 'FFD9D2E9', 'FFA4C2F4', 'FFEFEFEF']) expect(byColor.get(color)).toBe('CR4:CR37');
    expect([...byColor.keys()].sort()).toEqual([
      'FFA4C2F4',
      'FFB7E1CD',
      'FFD5A6BD',
      'FFD9D2E9',
      'FFE06666',
      'FFE0E0E0',
      'FFEFEFEF',
      'FFF4C7C3',
      'FFFCE8B2',
    ]);
    // The fills are the add-on's own colours, one per status of the context.
    expect(Object.values(CONTEXT_COLORS).map((c) => `FF${c.slice(1).toUpperCase()}`)).toEqual([
      'FFD5A6BD',
      'FFD9D2E9',
      'FFA4C2F4',
      'FFEFEFEF',
    ]);
    const header = book.getWorksheet('Результаты')!.getRow(3);
    expect([header.getCell('CP').value, header.getCell('CQ').value, header.getCell('CR').value]).toEqual([
      'Статус ШНОР',
      'Низкие результаты ШНОР',
      CONTEXT_HEADER,
    ]);
  });

  it('colours «ШНОР — итоги» by status over the printed columns and from the login to the link, the social context on its two columns, the objectivity markers; links back to the rows', async () => {
    const { grid, look } = await looks(out, 'ШНОР — итоги');
    // Rows 1–4: title, criteria, the count, and the social context and objectivity line (a label in A, its text from D);
    // the legend in row 5, the header in row 6.
    expect(grid.values[3]?.[0]).toBe('Контекст и объективность');
    expect(String(grid.values[3]?.[SUMMARY_TEXT_COL])).toMatch(
      /^Социальный контекст \(лист «Школы»\): ШНСУ — 8 школ, из них ШНОР и ШНСУ — 1, резильентных — 7; нет данных о контексте — 0\. .*Признаки необъективности: 5 у 4 ОО \(сравнение с журналом — лист «Сравнение с журналом»\)/,
    );
    const t = summaryTable(grid.values);
    expect(t.header.slice(0, 4)).toEqual(['№', 'ОО', 'Статус', 'Основание']);
    const [linkCol, contextCol, markersCol] = [t.col('link'), t.col('context'), t.col('markers')];
    expect(t.col('index')).toBe(contextCol + 1);
    const shnorRows = t.rows.filter((r) => r[t.col('status')] === 'ШНОР');
    expect(shnorRows.map((r) => r[t.col('login')])).toEqual(SHNOR);
    const seen = { context: new Map<string, number>(), markers: 0 };
    for (let r = 6; r < grid.values.length; r++) {
      const status = grid.values[r]?.[t.col('status')] as Status;
      for (const c of [t.col('number'), t.col('school'), t.col('reason'), t.col('trend'), t.col('login'), linkCol])
        expect(look(r, c).background, `${r}:${c}`).toBe(STATUS_COLORS[status]);
      const context = grid.values[r]?.[contextCol] as ContextStatus;
      seen.context.set(context, (seen.context.get(context) ?? 0) + 1);
      for (const c of [contextCol, contextCol + 1]) expect(look(r, c).background, `${r}:${c} ${context}`).toBe(CONTEXT_COLORS[context]);
      const marked = String(grid.values[r]?.[markersCol] ?? '') !== '';
      if (marked) seen.markers++;
      expect(look(r, markersCol).background).toBe(marked ? MARKER_COLOR : undefined);
    }
    expect(Object.fromEntries(seen.context)).toEqual({ 'не ШНСУ': 25, 'ШНОР и ШНСУ': 1, резильентная: 7 });
    expect(seen.markers).toBe(4);
    const link = book.getWorksheet('ШНОР — итоги')!.getCell(7, linkCol + 1).value as ExcelJS.CellFormulaValue;
    // In a file the link goes to the sheet by name (Sheets takes the same book with #gid=…).
    expect(link.formula).toMatch(/^HYPERLINK\("#'Результаты'!A(\d+)","строка \1"\)$/);
  });

  it('sets data validation where the actions set it: the preset on «Настройки ШНОР», the direction on «Показатели»', () => {
    const settings = book.getWorksheet('Настройки ШНОР')!;
    const presetRow = settings.getColumn(1).values.findIndex((v) => v === 'Набор критериев');
    const preset = settings.getCell(presetRow, 2).dataValidation;
    // A dropdown that warns but lets a methodologist type another id (the settings check names it then).
    expect(preset).toMatchObject({ type: 'list', allowBlank: true, errorStyle: 'warning' });
    expect(preset.formulae).toEqual([
      '"Новокузнецк 2020,Рособрнадзор 2025 (условия через «или»),Рособрнадзор 2025 (условия через «и»),Свой набор района"',
    ]);

    const indicators = book.getWorksheet('Показатели')!;
    const headerRow = indicators.getColumn(2).values.findIndex((v) => v === 'Показатель');
    expect(headerRow).toBeGreaterThan(0);
    const rows = indicators.rowCount;
    let checked = 0;
    for (let r = headerRow + 1; r <= rows; r++) {
      if (!indicators.getCell(r, 2).value) continue;
      const v = indicators.getCell(r, 4).dataValidation;
      expect(v, `Показатели D${r}`).toMatchObject({ type: 'list', errorStyle: 'stop', formulae: ['"больше,меньше"'] });
      expect(['больше', 'меньше']).toContain(indicators.getCell(r, 4).value);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
    // No validation leaks onto the user's result sheet.
    const results = book.getWorksheet('Результаты') as unknown as { dataValidations: { model: Record<string, unknown> } };
    expect(Object.keys(results.dataValidations.model)).toEqual([]);
  });

  it('every action of the run reads the same parsed input: «ШНОР — итоги» records it, the справка and a later action on the book agree', async () => {
    const grids = await readGrids(inputs[0] as string);
    const table = findResultTable(grids, 'Результаты');
    const d1 = String(book.getWorksheet('ШНОР — итоги')!.getCell(1, SUMMARY_TEXT_COL + 1).value);
    expect(d1).toBe(
      `Источник данных: лист «Результаты», 33 ОО; отпечаток данных ${resultsFingerprint(table)}, критериев ${criteriaFingerprint(defaultSettings().criteria)}`,
    );
    const report = book.getWorksheet('Аналитическая справка')!;
    expect(report.getCell('A2').value).toMatch(/Источник данных: лист «Результаты»\.$/);
    expect(report.getColumn(1).values.some((v) => String(v ?? '').startsWith('Внимание'))).toBe(false);
    // The written book opened again: the record is found under the .xlsx name of the tab, the data are the same.
    const wb = await XlsxWorkbook.load(out);
    const again = writeReport(wb, { now: new Date('2026-12-06T12:00:00Z') });
    expect(again.kind === 'done' && again.source).toBe(
      'Источник данных: лист «Результаты» — тот же, что в последней проверке школ («ШНОР: итоги»).',
    );
  });

  it('round trip: the output analysed again gives the same verdicts, columns and rules, not doubled', async () => {
    const again = join(dir, 'again.xlsx');
    const outSha = sha(out);
    expect(shnor('analyze', out, '-o', again).code).toBe(1);
    expect(sha(out)).toBe(outSha);
    const first = await looks(out, 'Результаты');
    const second = await looks(again, 'Результаты');
    expect(second.grid.values).toEqual(first.grid.values);
    expect(second.rules).toEqual(first.rules);
    const summary1 = await looks(out, 'ШНОР — итоги');
    const summary2 = await looks(again, 'ШНОР — итоги');
    expect(summary2.grid.values.slice(4)).toEqual(summary1.grid.values.slice(4));
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.readFile(again);
    expect(reread.worksheets.map((w) => w.name)).toEqual(book.worksheets.map((w) => w.name));
  });
});
