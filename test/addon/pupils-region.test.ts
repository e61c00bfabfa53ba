/**
 * A region's year of Ф1 «Индивидуальные результаты» through the bundle on the emulator: 20 procedures ×
 * 2,000 schools read as the upload sidebar reads them (the core reader), sent by «Загрузить выгрузки…» in
 * batches — each call within the 6-minute limit by the emulator's cost model, the book inside the 10
 * million cells because Sheets keeps one summary row per school, procedure and year — then «Проверить
 * школы…» within half the limit. Ten pupils per school keep the test short: the rows Sheets receives are
 * the same 40,000 whatever the pupils (`npm run bench` reads the full 2.4 million).
 */
import { describe, expect, it } from 'vitest';
import { REGION_PROCEDURES, regionPupilGrid } from '../../scripts/bench-pupils';
import { type UploadBatch, UPLOAD_BATCH } from '../../src/actions/upload';
import { LIMIT_SECONDS } from '../../src/cli/emulator/cost';
import { combinedRows, comparisonRows } from '../../src/core/combine';
import { parsePupilSummaryRows, PUPILS_SHEET, pupilSummaryRows } from '../../src/core/pupils-tab';
import { combineFiles, readSource } from '../../src/core/sources';
import { callGlobal, loadBundle } from '../support/gas';
import { stubSpreadsheetApp, stubSpreadsheetOf } from '../support/sheets-stub';

const OWNER = 'boss@region.example';

describe('a region of Ф1 files in Sheets', () => {
  it('uploads 40,000 per-school summaries in batches within the limit and the cell budget; the check reads them', () => {
    const readings = REGION_PROCEDURES.map((_, k) => {
      const grid = regionPupilGrid(k, 2000, 10);
      return readSource(`Ф1 ${k + 1}.xlsx`, [grid]);
    });
    const combined = combineFiles(readings);
    const results = combinedRows(combined.records).slice(1);
    const comparison = comparisonRows(combined.comparison).slice(1);
    const pupils = pupilSummaryRows(combined.summaries).slice(1);
    expect([results.length, comparison.length, pupils.length]).toEqual([40_000, 40_000, 40_000]);

    const ss = stubSpreadsheetOf([{ sheet: 'Лист1', values: [] }]);
    ss.owner = OWNER;
    const { context, emulator: em } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: OWNER });
    const files = readings.map((r) => r.file);
    const calls = Math.ceil(40_000 / UPLOAD_BATCH);
    let slowest = 0;
    for (let i = 0; i < calls; i++) {
      const batch: UploadBatch = {
        files,
        first: i === 0,
        results: results.slice(i * UPLOAD_BATCH, (i + 1) * UPLOAD_BATCH),
        comparison: comparison.slice(i * UPLOAD_BATCH, (i + 1) * UPLOAD_BATCH),
        pupils: pupils.slice(i * UPLOAD_BATCH, (i + 1) * UPLOAD_BATCH),
      };
      const out = callGlobal(context, 'apiUploadResults', JSON.parse(JSON.stringify(batch))) as { ok: boolean; message?: string };
      expect(out, out.message).toMatchObject({ ok: true });
      slowest = Math.max(slowest, em.clock.seconds);
    }
    expect(slowest).toBeLessThan(LIMIT_SECONDS / 2);
    expect(em.totalCells()).toBeLessThan(10_000_000);
    const tab = ss.sheets.find((s) => s.name === PUPILS_SHEET);
    expect(tab).toBeDefined();

    callGlobal(context, 'menuCheckSchools');
    expect(em.clock.seconds).toBeLessThan(LIMIT_SECONDS / 2);
    expect(ss.sheets.some((s) => s.name === 'ШНОР: итоги')).toBe(true);
    // The summaries read back from the tab Sheets holds.
    const back = parsePupilSummaryRows(ss.em.wb.sheet(PUPILS_SHEET).values);
    expect(back.skipped).toEqual([]);
    expect(back.summaries).toHaveLength(40_000);
  }, 300_000);
});
