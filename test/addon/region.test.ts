/**
 * A 2,000-school region through the bundle on the emulator, timed by its cost model: the check and the
 * справка each within half of Apps Script's 6 minutes, and a roadmap for every ШНОР school across as many
 * runs as the time budget needs — exactly one tab per school, each sized to its content, and a journal
 * row for every tab; then «Обновить защиту листов» across as many runs as it needs, each within half the limit,
 * ending with one protection per tab that needs one and a journal row for each.
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
    expect(rec.alerts.at(-1)).toMatch(/\nСправка составлена/);

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

    // «Обновить защиту листов» after the roadmaps: as many runs as the budget needs, each within half the limit.
    const before = journal.values.entries().filter(([k]) => k.endsWith(':3')).length;
    let refreshes = 0;
    let placed = 0;
    for (;;) {
      refreshes++;
      expect(refreshes).toBeLessThan(10);
      callGlobal(context, 'menuProtect');
      expect(em.clock.seconds).toBeLessThan(LIMIT_SECONDS / 2);
      const said = rec.alerts.at(-1) ?? '';
      const partial =
        /^Защита обновлена не полностью: на месте (\d+) из (\d+) защит листов; выберите «Обновить защиту листов» ещё раз/.exec(said);
      if (!partial) {
        expect(said).toMatch(/^Защита обновлена: \d+ листов под защитой надстройки\./);
        break;
      }
      expect(Number(partial[1])).toBeGreaterThan(placed);
      placed = Number(partial[1]);
    }
    expect(refreshes).toBeGreaterThan(1);
    // Exactly one protection of the whole tab for every tab that needs one, and one of each roadmap's header rows.
    const own = ss.em.wb.protections.filter((p) => p.description.startsWith('ШНОР: '));
    const whole = own.filter((p) => p.range === null).map((p) => p.sheet);
    expect(new Set(whole).size).toBe(whole.length);
    for (const t of tabs) {
      expect(whole).toContain(t.name);
      expect(own.filter((p) => p.sheet === t.name && p.range !== null)).toHaveLength(1);
    }
    for (const t of ['ШНОР: итоги', 'Аналитическая справка', JOURNAL_SHEET]) expect(whole).toContain(t);
    // The journal: a row for the protection of every roadmap tab, in whichever run it was made.
    const protectedRows = journal.values
      .entries()
      .filter(([k]) => k.endsWith(':3'))
      .slice(before)
      .map(([k, v]) => [v, journal.values.get(k.replace(/:3$/, ':5'))]);
    for (const t of tabs) expect(protectedRows.some(([v, what]) => v === t.name && String(what).startsWith('защита: '))).toBe(true);
    // A refresh with nothing to change only reads: well within the limit.
    callGlobal(context, 'menuProtect');
    expect(rec.alerts.at(-1)).toMatch(/^Защита уже соответствует реестру и настройкам/);
    expect(em.clock.seconds).toBeLessThan(LIMIT_SECONDS / 4);
  }, 600_000);
});
