/**
 * A 2,000-school region through the bundle on the emulator, timed by its cost model: the check and the
 * справка each within half of Apps Script's 6 minutes, and a roadmap for every ШНОР school across as many
 * runs as the time budget needs — exactly one tab per school, each sized to its content, and a journal
 * row for every tab.
 */
import { describe, expect, it } from 'vitest';
import { benchGrid } from '../../scripts/bench';
import { LIMIT_SECONDS } from '../../src/cli/emulator/cost';
import { JOURNAL_SHEET } from '../../src/core/journal';
import { callGlobal, loadBundle } from '../support/gas';
import { stubSpreadsheetApp, stubSpreadsheetOf } from '../support/sheets-stub';

const OWNER = 'boss@region.example';

describe('a region of 2,000 schools in Sheets', () => {
  it('the check and the справка within half the limit; roadmaps for every ШНОР in runs that stop and continue cleanly', () => {
    const ss = stubSpreadsheetOf([benchGrid(2000)]);
    ss.owner = OWNER;
    const { context, rec, emulator: em } = loadBundle({ spreadsheetApp: stubSpreadsheetApp(ss), user: OWNER });

    callGlobal(context, 'menuCheckSchools');
    expect(em.clock.seconds).toBeLessThan(LIMIT_SECONDS / 2);
    expect(ss.sheets.some((s) => s.name === 'ШНОР: итоги')).toBe(true);
    callGlobal(context, 'menuReport');
    expect(em.clock.seconds).toBeLessThan(LIMIT_SECONDS / 2);
    expect(rec.alerts.at(-1)).toMatch(/^Справка составлена/);

    const start = callGlobal(context, 'apiRoadmapStart') as { schools: Array<{ login: string; status: string }> };
    const schools = start.schools.filter((s) => s.status === 'ШНОР').map((s) => s.login);
    expect(schools.length).toBeGreaterThan(150);
    const period = { from: '2026-09-01', to: '2027-08-31' };
    const proposals = callGlobal(context, 'apiRoadmapProposals', { owner: 'schools', schools, period }) as {
      owners: Array<{ owner: string; items: Array<{ code: string; selected: boolean }> }>;
    };
    const selected = Object.fromEntries(proposals.owners.map((o) => [o.owner, o.items.filter((i) => i.selected).map((i) => i.code)]));
    let done: string[] = [];
    let runs = 0;
    for (;;) {
      runs++;
      expect(runs).toBeLessThan(20);
      const out = callGlobal(context, 'apiCreateRoadmaps', { owner: 'schools', schools, period, selected, done }) as {
        kind: string;
        message: string;
        done?: string[];
        sheets: string[];
      };
      expect(em.clock.seconds).toBeLessThan(LIMIT_SECONDS);
      if (out.kind === 'done') break;
      expect(out.kind).toBe('partial');
      expect(out.message).toMatch(new RegExp(`^Создано ${out.done?.length} из ${schools.length} карт; нажмите «Продолжить»`));
      expect(new Set(out.done).size).toBe(out.done?.length);
      done = out.done ?? [];
    }
    expect(runs).toBeGreaterThan(1);
    // About 310 tabs at 17 calls and ~1.7 s each, half of the 6 minutes a run: three runs (eight when a tab
    // took 58 calls and every run read again the tabs the earlier ones wrote).
    expect(runs).toBeLessThanOrEqual(3);
    const tabs = ss.sheets.filter((s) => s.name.startsWith('ДК '));
    expect(tabs).toHaveLength(schools.length);
    // Each tab's grid is what it holds, not Sheets' 1000 × 26.
    for (const t of tabs.slice(0, 5)) expect(t.maxRows).toBeLessThan(100);
    expect(em.totalCells()).toBeLessThan(2_000_000);
    // The journal: one row per tab written, in whichever run.
    const journal = ss.sheets.find((s) => s.name === JOURNAL_SHEET)!;
    const rows = journal.values.entries().filter(([k, v]) => k.endsWith(':3') && typeof v === 'string' && v.startsWith('ДК '));
    expect(new Set(rows.map(([, v]) => v)).size).toBe(schools.length);
    expect(rows).toHaveLength(schools.length);
  }, 600_000);
});
