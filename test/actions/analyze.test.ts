import { beforeAll, describe, expect, it } from 'vitest';
import { benchGrid } from '../../scripts/bench';
import { LOWS_HEADER, RULE_MARKER, STATUS_HEADER, SUMMARY_SHEET, analyze, clearColouring } from '../../src/actions/analyze';
import { saveSettings, settingsToForm } from '../../src/actions/settings';
import type { Grid } from '../../src/core/results';
import { defaultSettings, SETTINGS_SHEET } from '../../src/core/settings';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { PRINTED_SUMMARY_KEYS, type SummaryKey, summaryColumnIndex, summaryColumns } from '../../src/core/summary-columns';
import { columnLetter } from '../../src/core/text';
import { sampleGrids } from '../support/sample';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const USER_RULE = { ranges: [{ row: 3, col: 1, rows: 10, cols: 1 }], formula: '=LEN(B4)>30', background: '#cfe2f3' };

function district(): MemoryWorkbook {
  const wb = new MemoryWorkbook(grids);
  const sheet = wb.sheet('Результаты');
  sheet.rules.push({ ...USER_RULE });
  sheet.backgrounds[5] = [null, '#ffff00'];
  sheet.notes[0] = ['Заметка методиста'];
  return wb;
}
/** What a person sees of a sheet: every non-empty cell of every layer, and the sheet's settings. */
const cells = (grid: unknown[][]) =>
  grid.flatMap((row, r) => (row ?? []).flatMap((v, c) => (v === null || v === undefined || v === '' ? [] : [[r, c, v]])));
const snapshot = (wb: MemoryWorkbook) =>
  JSON.parse(
    JSON.stringify(
      [...wb.sheets.values()].map((s) => ({
        ...s,
        values: cells(s.values),
        formulas: cells(s.formulas),
        backgrounds: cells(s.backgrounds),
        weights: cells(s.weights),
        notes: cells(s.notes),
        numberFormats: [...s.numberFormats],
        widths: [...s.widths],
      })),
    ),
  );

describe('«Проверить школы по критериям» on the sample district', () => {
  it('writes «ШНОР: итоги» with one row per school, reasons, counts per year and links', () => {
    const wb = district();
    const out = analyze(wb);
    expect(out.kind).toBe('done');
    if (out.kind !== 'done') return;
    expect(out.sheet).toBe('Результаты');
    expect(out.summary).toMatch(/^ШНОР: \d+ из 33 ОО \(\d+ %\), зона риска: \d+$/);
    const s = wb.sheet(SUMMARY_SHEET);
    expect(s.values[0]?.[0]).toBe('Итоги проверки по критериям ШНОР');
    // The first line says which data the verdicts come from: every other action reads it back.
    expect(String(s.values[0]?.[3])).toMatch(
      /^Источник данных: лист «Результаты», 33 ОО; отпечаток данных [0-9a-f]{8}, критериев [0-9a-f]{8}$/,
    );
    // Each line's label stays in the frozen columns, its text after them.
    expect(s.values.slice(1, 4).map((r) => r[0])).toEqual(['Критерии', 'Итог', 'Контекст и объективность']);
    expect(String(s.values[1]?.[3])).toMatch(/^Набор «Новокузнецк, 2020»/);
    expect(String(s.values[2]?.[3])).toMatch(/^Лист «Результаты», год отсчёта 2026\. ШНОР: \d+ из 33 ОО/);
    expect(s.values[4]?.slice(2, 8)).toEqual([
      'Цвета строк:',
      'ШНОР',
      'зона риска',
      'норма',
      'нет данных',
      'низкий результат (на листе результатов)',
    ]);
    expect(s.backgrounds[4]?.slice(3, 8)).toEqual(['#f4c7c3', '#fce8b2', '#b7e1cd', '#e0e0e0', '#e06666']);
    const header = s.values[5] ?? [];
    // The columns a reader of the printout needs first, then the details: the map every reader goes by.
    expect(header).toEqual([
      '№',
      'ОО',
      'Статус',
      'Основание',
      'Динамика к прошлому году (2025 → 2026), процедур',
      'Худшая процедура: доля «2» по годам',
      'Ход доли «2»',
      'Признаки необъективности',
      'Логин',
      'Территория',
      '2026: низких результатов',
      '2025: низких результатов',
      '2024: доля «2» худшей процедуры, %',
      '2025: доля «2» худшей процедуры, %',
      '2026: доля «2» худшей процедуры, %',
      'Строка в таблице',
      'Социальный контекст',
      'Индекс благополучия (0–100)',
      'Существенные изменения доли «2»',
      'Причины',
    ]);
    expect(header).toEqual(summaryColumns([2025, 2026], [2024, 2025, 2026], 2026).map((c) => c.header));
    expect(PRINTED_SUMMARY_KEYS.map((k) => summaryColumnIndex(header, k))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const col = (key: SummaryKey, year?: number) => summaryColumnIndex(header, key, year);
    const rows = s.values.slice(6);
    expect(rows).toHaveLength(33);
    const five = rows.find((r) => r[col('login')] === 'sch771005');
    expect(five?.[col('school')]).toBe('МБОУ «СОШ № 5» (sch771005)');
    expect(five?.[col('status')]).toBe('ШНОР');
    expect(five?.[col('reason')]).toBe('Правила 1 и 2: 4 низких результата в 2026, 5 в 2025');
    expect(rows.find((r) => r[col('login')] === 'sch771007')?.[col('reason')]).toBe(
      'Критерии ШНОР не выполнены: 1 низкий результат в 2025',
    );
    expect(String(five?.[col('details')])).toMatch(/^2026: ВПР МА 5 — 35,6 %, .*\. 2025: ВПР МА 5 — 37,8 %/);
    // Newest year first, as in «Основание».
    expect([col('lows', 2026), col('lows', 2025)].map((c) => five?.[c])).toEqual([4, 5]);
    const i = rows.indexOf(five as never);
    expect(s.formulas[6 + i]?.[col('link')]).toBe('=HYPERLINK("#gid=0&range=A8","строка 8")');
    // The worst procedure in words and its shares, the trend drawn from the row's own shares.
    const shares = [2024, 2025, 2026].map((y) => five?.[col('share', y)]);
    expect(shares.every((v) => typeof v === 'number')).toBe(true);
    expect(five?.[col('worst')]).toBe(`ВПР РУ 5, 2024–2026: ${shares.map((v) => String(v).replace('.', ',')).join(' → ')} %`);
    const shareLetters = `${columnLetter(col('share', 2024))}${7 + i}:${columnLetter(col('share', 2026))}${7 + i}`;
    expect(s.formulas[6 + i]?.[col('trend')]).toBe(
      `=SPARKLINE(${shareLetters},{"charttype","line";"ymin",0;"color","#3c4043";"linewidth",1.5;"empty","ignore"})`,
    );
    // Sheets shows a picture there, no value.
    expect(five?.[col('trend')]).toBeNull();
    // Dynamics against the year before, with the changes beyond the threshold spelled out.
    // Both directions counted, as many as the detail spells out.
    for (const r of rows) {
      const detail = String(r[col('changes')] ?? '');
      const count = (t: string) => detail.split('; ').filter((l) => l.endsWith(`— ${t}`)).length;
      const m = /^ухудшились (\d+), улучшились (\d+)$/.exec(String(r[col('dynamics')]));
      if (m) expect([Number(m[1]), Number(m[2])]).toEqual([count('ухудшение'), count('улучшение')]);
      else {
        expect(r[col('dynamics')]).toBe('нет сравнения');
        expect(detail).toBe('');
      }
    }
    expect(rows.some((r) => /^ухудшились [1-9]\d*, улучшились [1-9]/.test(String(r[col('dynamics')])))).toBe(true);
    const flagged = rows.map((r) => String(r[col('changes')] ?? '')).filter((t) => t !== '');
    expect(flagged.length).toBeGreaterThan(0);
    for (const t of flagged)
      for (const line of t.split('; '))
        expect(line).toMatch(/^[А-ЯЁ]{3} [А-ЯЁ]{2}( \d| база| проф)*: [+−]\d+(,\d)? п\. п\. \(.+ → .+ %\) — (ухудшение|улучшение)$/);
    // No line breaks anywhere: nothing to draw over a neighbour; the long cells wrap in their columns.
    expect(s.values.flat().some((v) => typeof v === 'string' && v.includes('\n'))).toBe(false);
    expect(s.wraps.slice(6).every((r) => r.length === header.length && r.every(Boolean))).toBe(true);
    expect(s.wraps[5]?.every(Boolean)).toBe(true);
    // No merge crosses the frozen columns' edge (Sheets refuses it): labels over №, the school and its
    // status; the text over the other printed columns, within a screen's width.
    expect(s.merges).toEqual([
      ...[0, 1, 2, 3].map((row) => ({ row, col: 0, rows: 1, cols: 3 })),
      ...[0, 1, 2, 3].map((row) => ({ row, col: 3, rows: 1, cols: 5 })),
    ]);
    // On paper: the printed columns only.
    expect(s.printColumns).toBe(PRINTED_SUMMARY_KEYS.length);
    // ШНОР first, then зона риска, норма.
    const order = rows.map((r) => r[col('status')]);
    expect(order).toEqual(
      [...order].sort(
        (a, b) =>
          ['ШНОР', 'зона риска', 'норма', 'нет данных'].indexOf(String(a)) -
          ['ШНОР', 'зона риска', 'норма', 'нет данных'].indexOf(String(b)),
      ),
    );
    expect(s.frozen).toEqual({ rows: 6, cols: 3 });
    expect(s.rules.every((r) => r.formula.includes(RULE_MARKER))).toBe(true);
    // A tab whose head an earlier version merged across the frozen edge is rebuilt all the same.
    s.merges = [0, 1, 2, 3].map((row) => ({ row, col: 0, rows: 1, cols: header.length }));
    expect(analyze(wb).kind).toBe('done');
    expect(wb.sheet(SUMMARY_SHEET).merges.every((m) => m.col + m.cols <= 3 || m.col >= 3)).toBe(true);
  });

  it('colours the result sheet through its own columns and rules; the user’s rules, fills and cells stay', () => {
    const wb = district();
    const before = wb.readSheet('Результаты').values;
    analyze(wb);
    const sheet = wb.sheet('Результаты');
    const width = before[2]?.length ?? 0;
    expect(sheet.values[2]?.[width]).toBe(STATUS_HEADER);
    expect(sheet.values[2]?.[width + 1]).toBe(LOWS_HEADER);
    expect(sheet.values[7]?.[width]).toBe('ШНОР'); // sch771005 on row 8
    expect(sheet.values[7]?.[width + 1]).toBe(
      'ВПР МА 5 2026; ВПР МА 6 2026; ВПР РУ 5 2026; ОГЭ МА 2026; ВПР МА 5 2025; ВПР МА 6 2025; ВПР РУ 6 2025; ОГЭ МА 2025; ОГЭ РУ 2025',
    );
    expect(sheet.notes[2]?.[width]).toMatch(/Цвета: ШНОР — красный, зона риска — жёлтый, норма — зелёный, нет данных — серый/);
    // Every original cell is as it was.
    const after = wb.readSheet('Результаты').values;
    for (let r = 0; r < before.length; r++) expect(after[r]?.slice(0, width)).toEqual(before[r]);
    expect(sheet.rules[0]).toEqual(USER_RULE);
    const backgrounds = sheet.rules.slice(1).map((r) => r.background);
    expect(backgrounds.slice(0, 4)).toEqual(['#f4c7c3', '#fce8b2', '#b7e1cd', '#e0e0e0']);
    // The social context of the registry, in the add-on's third column, last.
    expect(backgrounds.slice(-4)).toEqual(['#d5a6bd', '#d9d2e9', '#a4c2f4', '#efefef']);
    const lowRules = sheet.rules.slice(5, -4);
    expect(lowRules.length).toBeGreaterThan(1);
    expect(lowRules.every((r) => r.background === '#e06666' && r.fontColor === '#ffffff')).toBe(true);
    expect(sheet.rules[1]?.formula).toBe(`=AND(${RULE_MARKER}=0,$CP4="ШНОР")`);
    // Each low cell of СОШ № 5 (row 8) is covered by a rule of its column naming its procedure and year.
    const grid = wb.readSheet('Результаты');
    const v = analyze(wb);
    if (v.kind !== 'done') throw new Error(v.kind);
    const five = v.assessment.verdicts.find((x) => x.login === 'sch771005')!;
    for (const l of five.low) {
      const rule = lowRules.find((r) => r.ranges.some((x) => x.col === l.cell.col && x.row <= l.cell.row && l.cell.row < x.row + x.rows));
      expect(rule?.formula).toContain(`SEARCH("; ${l.procedure} ${l.year};","; "&$CQ4&";")`);
    }
    expect(grid.values[7]?.[width + 1]).toContain('ВПР МА 5 2026');
    expect(sheet.backgrounds[5]).toEqual([null, '#ffff00']);
  });

  it('re-running replaces only its own output', () => {
    const wb = district();
    analyze(wb);
    const once = snapshot(wb);
    analyze(wb);
    expect(snapshot(wb)).toEqual(once);
  });

  it('«Снять раскраску» restores the sheet exactly', () => {
    const wb = district();
    const before = snapshot(wb);
    analyze(wb);
    const out = clearColouring(wb);
    expect(out).toEqual({ removed: true, sheet: 'Результаты', message: 'Раскраска снята с листа «Результаты».' });
    const after = snapshot(wb).filter((s: { name: string }) => s.name !== SUMMARY_SHEET);
    expect(after).toEqual(before);
    expect(clearColouring(wb).removed).toBe(false);
  });

  it('reports unreadable cells and still judges the rest', () => {
    const wb = district();
    const out = analyze(wb);
    if (out.kind !== 'done') throw new Error(out.kind);
    expect(out.problems.filter((p) => p.severity === 'ошибка')).toEqual([
      { severity: 'ошибка', sheet: 'Результаты', row: 5, column: 'AO', value: '4о', message: 'Не число; ячейка не учитывается.' },
    ]);
    expect(out.assessment.verdicts).toHaveLength(33);
  });

  it('applies the settings of the tab, and refuses to run on invalid hand edits, naming the row', () => {
    const wb = district();
    const form = settingsToForm(defaultSettings());
    expect(saveSettings(wb, { ...form, threshold: '20' }).ok).toBe(true);
    const lower = analyze(wb);
    if (lower.kind !== 'done') throw new Error(lower.kind);
    const base = analyze(new MemoryWorkbook(grids));
    if (base.kind !== 'done') throw new Error(base.kind);
    expect(lower.assessment.counts.ШНОР).toBeGreaterThan(base.assessment.counts.ШНОР);
    const tab = wb.sheet(SETTINGS_SHEET);
    const row = tab.values.findIndex((r) => r[0] === 'Порог доли «2», %');
    (tab.values[row] as unknown[])[1] = 'тридцать';
    const bad = analyze(wb);
    expect(bad).toEqual({
      kind: 'failed',
      message: `Настройки содержат ошибки, проверка не выполнена:\nЛист «Настройки ШНОР», строка ${row + 1} («Порог доли «2», %»): «тридцать» — не число.`,
    });
  });

  it('takes the active sheet, else the settings’ sheet, and asks when several sheets hold results; then keeps to the checked one', () => {
    const wb = new MemoryWorkbook([
      { sheet: 'Заметки', values: [['план']] },
      { ...grids[0]!, sheet: '2025' },
      { ...grids[0]!, sheet: '2026' },
    ]);
    const out = analyze(wb);
    expect(out.kind).toBe('choose');
    if (out.kind === 'choose') expect(out.candidates).toEqual(['2025', '2026']);
    wb.active = '2025';
    const active = analyze(wb);
    expect(active.kind === 'done' && active.sheet).toBe('2025');
    expect(active.kind === 'done' && active.switched).toBe(null);
    // Checked once, the sheet stays: looking at another result table, the check asks instead of switching.
    const other = analyze(wb, { sheet: '2026' });
    expect(other.kind === 'done' && other.switched).toBe('Проверен лист «2026»; прошлая проверка была по листу «2025».');
    const asked = analyze(wb);
    expect(asked.kind === 'choose' && asked.candidates).toEqual(['2026', '2025']);
    expect(asked.kind === 'choose' && asked.message).toMatch(/^Последняя проверка школ была по листу «2026», а открыт лист «2025»/);
    wb.active = 'Заметки';
    const kept = analyze(wb);
    expect(kept.kind === 'done' && kept.sheet).toBe('2026');
    const none = analyze(new MemoryWorkbook([{ sheet: 'Заметки', values: [['план']] }]));
    expect(none.kind).toBe('failed');
  });

  it('never takes a hidden sheet silently: a visible one wins and the hidden is named; a hidden one alone is taken with a note', () => {
    const wb = new MemoryWorkbook([
      { sheet: 'Заметки', values: [['план']] },
      { ...grids[0]!, sheet: 'Архив 2024' },
      { ...grids[0]!, sheet: '2026' },
    ]);
    wb.sheet('Архив 2024').hidden = true;
    const out = analyze(wb);
    expect(out.kind === 'done' && out.sheet).toBe('2026');
    if (out.kind !== 'done') return;
    expect(out.problems.map((p) => p.message)).toContain(
      'Скрытые листы с результатами не учитываются: «Архив 2024»; чтобы взять один из них, укажите его явно.',
    );
    // Two visible candidates and a hidden one: only the visible ones are offered.
    const three = new MemoryWorkbook([
      { sheet: 'Заметки', values: [['план']] },
      { ...grids[0]!, sheet: 'Архив 2024' },
      { ...grids[0]!, sheet: '2025' },
      { ...grids[0]!, sheet: '2026' },
    ]);
    three.sheet('Архив 2024').hidden = true;
    const asked = analyze(three);
    expect(asked.kind === 'choose' && asked.candidates).toEqual(['2025', '2026']);
    // Only a hidden sheet holds results: it is taken, and the report says why.
    const alone = new MemoryWorkbook([
      { sheet: 'Заметки', values: [['план']] },
      { ...grids[0]!, sheet: 'Архив 2024' },
    ]);
    alone.sheet('Архив 2024').hidden = true;
    const taken = analyze(alone);
    expect(taken.kind === 'done' && taken.sheet).toBe('Архив 2024');
    if (taken.kind === 'done')
      expect(taken.problems.map((p) => p.message)).toContain('Лист скрыт; взят, потому что других листов с результатами нет.');
  });
});

describe('spreadsheet calls', () => {
  it('are the same for 10 and 2,000 schools', () => {
    const counts = [10, 2000].map((n) => {
      const wb = new MemoryWorkbook([benchGrid(n)]);
      analyze(wb);
      const first = Object.fromEntries(wb.calls);
      wb.resetCalls();
      analyze(wb);
      const second = Object.fromEntries(wb.calls);
      wb.resetCalls();
      clearColouring(wb);
      return { first, second, clear: Object.fromEntries(wb.calls) };
    });
    expect(counts[1]).toEqual(counts[0]);
    const total = Object.values(counts[0]!.first).reduce((a, b) => a + b, 0);
    // The trend's formulas one more call, the print area one more (none in Sheets, which has no print settings).
    expect(total).toBeLessThanOrEqual(25);
  });
});
