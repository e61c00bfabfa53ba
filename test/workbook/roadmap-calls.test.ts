/**
 * What one roadmap tab costs in Apps Script: «Создать дорожную карту…» through AppsScriptWorkbook on the
 * emulator (src/cli/emulator), counted call by call. A tab is the difference between making two tabs and
 * making one, so the reads every run makes once (the catalogue, the results, the registry) are left out.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRoadmaps } from '../../src/actions/roadmap';
import { CATALOGUE } from '../../src/core/catalogue';
import type { Grid } from '../../src/core/results';
import { schoolYear } from '../../src/core/terms';
import { AppsScriptWorkbook } from '../../src/workbook/appsscript';
import { sampleGrids } from '../support/sample';
import { install, stubSpreadsheetOf, uninstall } from '../support/sheets-stub';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});
afterEach(() => uninstall());

const period = schoolYear(2026);

/** Calls by name and seconds by the cost model of making roadmaps for these schools. */
function run(schools: string[], codes: string[]): { calls: Map<string, number>; seconds: number } {
  const ss = stubSpreadsheetOf(grids);
  install(ss);
  const wb = new AppsScriptWorkbook(ss.gas());
  const selected = Object.fromEntries(schools.map((s) => [s, codes]));
  const out = createRoadmaps(wb, { owner: 'schools', schools, period, selected, today: '2026-10-05' });
  expect(out.kind).toBe('done');
  uninstall();
  return { calls: new Map(ss.em.calls), seconds: ss.em.clock.seconds };
}

/** Per call name: what the second tab added. */
function perTab(codes: string[]): { calls: Record<string, number>; total: number; seconds: number } {
  const one = run(['sch771005'], codes);
  const two = run(['sch771005', 'sch771009'], codes);
  const calls: Record<string, number> = {};
  for (const [k, n] of two.calls) {
    const d = n - (one.calls.get(k) ?? 0);
    if (d !== 0) calls[k] = d;
  }
  return { calls, total: Object.values(calls).reduce((a, b) => a + b, 0), seconds: two.seconds - one.seconds };
}

describe('a roadmap tab in Apps Script', () => {
  it('costs a small fixed number of calls, whatever the number of activities', () => {
    const few = perTab(CATALOGUE.slice(0, 3).map((a) => a.id));
    const many = perTab(CATALOGUE.map((a) => a.id));
    console.log(JSON.stringify(few, null, 1), many.total, many.seconds);
    expect(many.calls).toEqual(few.calls);
  });
});
