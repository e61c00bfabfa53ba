/** «Создать дорожную карту…»: the menu item opens the sidebar; its endpoints bound to the active spreadsheet. */
import { type CreateRequest, createRoadmaps, type ProposalRequest, type TimeBudget } from '../actions/roadmap';
import { PROTECT_ACTION, protectNewTabs } from '../actions/protection';
import { makeRoadmapEndpoints, type RoadmapEndpoints } from '../actions/roadmap-endpoints';
import { activeWorkbook } from '../workbook/appsscript';
import { districtWorkbook } from './audit';
import { RUN_SECONDS, withDocumentLock } from './lock';
import { showSidebar } from './ui';

const bound = (): RoadmapEndpoints => makeRoadmapEndpoints(activeWorkbook());

export function menuRoadmap(): void {
  showSidebar('roadmap');
}

/**
 * The panel's start. «Проверить заново и продолжить» (`stale` 'recheck') writes: the check runs by a
 * district methodologist, under the lock, recorded in the journal, and the start is read after it.
 */
export function apiRoadmapStart(sheet?: string | null, stale?: string): ReturnType<RoadmapEndpoints['apiRoadmapStart']> {
  if (stale !== 'recheck') return bound().apiRoadmapStart(sheet);
  const got = districtWorkbook('Проверить школы по критериям');
  if ('refusal' in got) return { kind: 'failed', message: got.refusal };
  return withDocumentLock(() => makeRoadmapEndpoints(got.wb).apiRoadmapStart(sheet, 'recheck'));
}

export function apiRoadmapProposals(req: ProposalRequest): ReturnType<RoadmapEndpoints['apiRoadmapProposals']> {
  return bound().apiRoadmapProposals(req);
}

/**
 * Reads the tabs, asks or writes them: one read-modify-write under the document lock, by a district
 * methodologist only, recorded in «Журнал изменений».
 */
export function apiCreateRoadmaps(req: CreateRequest): ReturnType<RoadmapEndpoints['apiCreateRoadmaps']> {
  const started = Date.now();
  const got = districtWorkbook('Создать дорожную карту…');
  if ('refusal' in got) return { kind: 'failed', message: got.refusal };
  // Tabs are written while half of Apps Script's 6 minutes lasts; the rest waits for «Продолжить».
  const budget: TimeBudget = { elapsed: () => (Date.now() - started) / 1000, limit: RUN_SECONDS };
  return withDocumentLock(() => {
    const out = createRoadmaps(got.wb, req, budget);
    // The new tabs get their protection in the same hold of the lock, while the run has time.
    if (out.kind === 'done' && out.sheets.length > 0) {
      const line =
        budget.elapsed() < RUN_SECONDS / 2
          ? protectNewTabs(got.wb, () => budget.elapsed() > RUN_SECONDS - 15)
          : `Новые карты ещё не защищены: выберите «${PROTECT_ACTION}».`;
      if (line) out.message = `${out.message}\n${line}`;
    }
    return out;
  });
}

/**
 * «Открыть «ДК …»» beside «Дорожная карта готова»: the tab named becomes the active one (Sheet.activate
 * changes no cell, so no lock and no role). False when there is no such tab.
 */
export function apiShowSheet(name: string): boolean {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(String(name ?? ''));
  if (!sheet) return false;
  sheet.activate();
  return true;
}
