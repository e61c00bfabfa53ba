/**
 * One result sheet per workbook: the sample district (sample/district.xlsx: «Результаты», «Школы»,
 * «Сравнение с журналом») with its ФИС ОКО reports imported as tabs (sample/fisoko, one tab per file,
 * named as the file) — the book of issue 21, where the check read «Результаты ФИС ОКО» and every other
 * action «Результаты». Every action on the in-memory workbook takes the checked sheet, says so in its
 * first line, and warns when the results or the criteria changed since the check.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, readSourceRecord, SUMMARY_SHEET } from '../../src/actions/analyze';
import { compareAction, CURRENT_SETTINGS } from '../../src/actions/compare';
import { importSchools } from '../../src/actions/import-schools';
import { MONITOR_SHEET, writeMonitor } from '../../src/actions/monitor';
import { buildIndicators } from '../../src/actions/indicators';
import { REPORT_SHEET, writeReport } from '../../src/actions/report';
import { roadmapStart } from '../../src/actions/roadmap';
import { saveSettings, settingsToForm } from '../../src/actions/settings';
import { readGrids } from '../../src/cli/input';
import { COMBINED_SHEET } from '../../src/core/combine';
import { findResultTable, type Grid } from '../../src/core/results';
import { defaultSettings } from '../../src/core/settings';
import { resultsFingerprint } from '../../src/core/source-record';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { sampleGrids } from '../support/sample';

const FISOKO = join(import.meta.dirname, '..', '..', 'sample', 'fisoko');
let book: Grid[];
beforeAll(async () => {
  const tabs: Grid[] = [];
  for (const file of readdirSync(FISOKO).sort()) {
    if (!/статистика|сравнение/.test(file)) continue;
    const [grid] = await readGrids(join(FISOKO, file));
    tabs.push({ ...(grid as Grid), sheet: basename(file, extname(file)) });
  }
  book = [...(await sampleGrids()), ...tabs];
});

const copy = (grids: Grid[]) => new MemoryWorkbook(grids.map((g) => ({ ...g, values: g.values.map((r) => [...r]) })));

/** The first line each action shows, with the ШНОР count it works from where it has one. */
function everyAction(wb: MemoryWorkbook) {
  const report = writeReport(wb, { now: new Date('2026-12-06T12:00:00Z') });
  const compare = compareAction(wb, { a: CURRENT_SETTINGS, b: 'rosobrnadzor-2025-or' });
  const roadmap = roadmapStart(wb);
  const indicators = buildIndicators(wb);
  const registry = importSchools(wb, { confirmed: [] });
  if (report.kind !== 'done' || compare.kind !== 'done' || indicators.kind !== 'done' || registry.kind !== 'done')
    throw new Error(JSON.stringify([report.kind, compare.kind, indicators.kind, registry.kind]));
  const reportLines = wb.sheet(REPORT_SHEET).values.map((r) => String(r[0] ?? ''));
  return {
    lines: {
      report: report.source,
      compare: compare.message.split('\n')[0],
      roadmap: roadmap.notes[0],
      indicators: indicators.message.split('\n')[0],
      registry: registry.message.split('\n')[0],
    },
    reportLines,
    shnor: {
      report: report.blocks.find((b) => b.kind === 'table' && b.header[4] === 'Основания'),
      compare: compare.comparison.a.assessment.verdicts.filter((v) => v.status === 'ШНОР').length,
      roadmap: roadmap.schools.filter((s) => s.status === 'ШНОР').length,
    },
  };
}

describe('one result sheet for every action', () => {
  it('every action takes the checked sheet even when another result table is open, and says so in its first line', () => {
    const wb = copy(book);
    // Reports and «Результаты» cover the same procedures: the check asks; the person picks the reports.
    const asked = analyze(wb);
    expect(asked.kind === 'choose' && asked.candidates).toEqual([COMBINED_SHEET, 'Результаты']);
    const checked = analyze(wb, { sheet: COMBINED_SHEET });
    if (checked.kind !== 'done') throw new Error(checked.message);
    const shnor = checked.assessment.verdicts.filter((v) => v.status === 'ШНОР').length;
    const record = readSourceRecord(wb, wb.sheetNames());
    expect(record).toMatchObject({ sheet: COMBINED_SHEET, tabs: 40, schools: checked.assessment.verdicts.length });
    expect(String(wb.sheet(SUMMARY_SHEET).values[0]?.[3])).toMatch(
      /^Источник данных: лист «Результаты ФИС ОКО» \(из 40 вкладок ФИС ОКО\), \d+ ОО; отпечаток данных [0-9a-f]{8}, критериев [0-9a-f]{8}$/,
    );
    // The person looks at «Результаты» (the trap of the issue): every action still reads the checked sheet.
    wb.active = 'Результаты';
    const got = everyAction(wb);
    const same = `Источник данных: лист «${COMBINED_SHEET}» — тот же, что в последней проверке школ («ШНОР: итоги»).`;
    expect(got.lines).toEqual({ report: same, compare: same, roadmap: same, indicators: same, registry: same });
    expect(got.reportLines[1]).toBe(`Дата составления: 06.12.2026. Источник данных: лист «${COMBINED_SHEET}».`);
    expect(got.reportLines.some((l) => l.startsWith('Внимание'))).toBe(false);
    // The same ШНОР count in the check, the справка's list, the comparison and the roadmap panel.
    expect(got.shnor.compare).toBe(shnor);
    expect(got.shnor.roadmap).toBe(shnor);
    const list = got.shnor.report;
    expect(list?.kind === 'table' && list.rows.filter((r) => r[2] === 'ШНОР').length).toBe(shnor);
  });

  it('says when the results or the criteria changed since the check, and asks before writing when told to', () => {
    const wb = copy(book);
    analyze(wb, { sheet: COMBINED_SHEET });
    // A share of «2» corrected by hand in the long tab.
    const tab = wb.sheet(COMBINED_SHEET);
    const header = (tab.values[0] ?? []).map(String);
    const fail = header.indexOf('2');
    expect(fail).toBeGreaterThan(0);
    (tab.values[1] as unknown[])[fail] = 99;
    const changed =
      `Источник данных: лист «${COMBINED_SHEET}». Внимание: результаты на листе «${COMBINED_SHEET}» изменились после проверки школ — ` +
      '«ШНОР: итоги» составлены по другим данным. Запустите «Проверить школы по критериям» заново.';
    const got = everyAction(wb);
    expect(got.lines).toEqual({ report: changed, compare: changed, roadmap: changed, indicators: changed, registry: changed });
    expect(got.reportLines[2]).toBe(`Внимание: ${changed.replace(/^.*Внимание: /, '')}`);
    // «Мониторинг дорожных карт» finds the ШНОР without a roadmap on the current data, and says they changed.
    writeMonitor(wb);
    expect(wb.sheet(MONITOR_SHEET).values.map((r) => String(r[0] ?? ''))).toContain(
      `ШНОР без дорожной карты определены по текущим данным. Внимание: ${changed.replace(/^.*Внимание: /, '')}`,
    );
    // Asked to stop (the add-on's menu item does), the справка writes nothing and names the sheet to check again.
    const before = wb.sheet(REPORT_SHEET).values.map((r) => [...r]);
    const stale = writeReport(wb, { stale: 'ask' });
    // The one who asks offers the check itself: its message leaves out «Запустите … заново».
    expect(stale).toEqual({
      kind: 'stale',
      sheet: COMBINED_SHEET,
      message: changed.replace(/^.*Внимание: /, '').replace(' Запустите «Проверить школы по критериям» заново.', ''),
    });
    expect(wb.sheet(REPORT_SHEET).values).toEqual(before);
    // Checked again: the same data everywhere once more.
    // With another result table open, the check asks rather than switch; from «ШНОР: итоги» it keeps to its sheet.
    wb.active = 'Результаты';
    expect(analyze(wb).kind).toBe('choose');
    wb.active = SUMMARY_SHEET;
    const again = analyze(wb);
    expect(again.kind === 'done' && again.sheet).toBe(COMBINED_SHEET);
    expect(writeReport(wb, { stale: 'ask' })).toMatchObject({ kind: 'done' });
    // New criteria in the settings: the итоги were made with others.
    expect(saveSettings(wb, { ...settingsToForm(defaultSettings()), threshold: '25' }).ok).toBe(true);
    const report = writeReport(wb);
    expect(report.kind === 'done' && report.source).toMatch(/Внимание: критерии в настройках изменились после проверки школ/);
  });

  it('warns on «ШНОР: итоги» written by an earlier version, without a record', () => {
    const wb = copy(book);
    analyze(wb, { sheet: 'Результаты' });
    (wb.sheet(SUMMARY_SHEET).values[0] as unknown[])[3] = null;
    const report = writeReport(wb);
    expect(report.kind === 'done' && report.source).toBe(
      'Источник данных: лист «Результаты». Внимание: в «ШНОР: итоги» не записано, по каким данным они составлены (проверка прежней версии надстройки) — запустите «Проверить школы по критериям» заново.',
    );
    expect(wb.sheet(REPORT_SHEET).values[2]?.[0]).toMatch(/^Внимание: в «ШНОР: итоги» не записано/);
  });

  it('fingerprints the results, not their order or the add-on’s colouring', () => {
    const wb = copy(book);
    analyze(wb, { sheet: 'Результаты' });
    const record = readSourceRecord(wb, wb.sheetNames());
    // The check wrote its status columns into «Результаты»; the fingerprint is still that of the data.
    const results = book.find((g) => g.sheet === 'Результаты') as Grid;
    expect(record?.data).toBe(resultsFingerprint(findResultTable([results])));
    const rows = results.values;
    // Title, group and metric header rows stay; the schools come in the opposite order.
    const reordered = { ...results, values: [...rows.slice(0, 3), ...rows.slice(3).reverse()] };
    expect(resultsFingerprint(findResultTable([reordered]))).toBe(record?.data);
    expect(writeReport(wb).kind === 'done' && (writeReport(wb) as { source: string }).source).toMatch(/— тот же/);
  });
});
