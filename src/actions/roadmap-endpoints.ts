/**
 * What the sidebar «Создать дорожную карту…» calls through `google.script.run`, written once against the
 * port: the add-on binds it to the active spreadsheet, the browser tests to an in-memory workbook.
 * Arguments and results are plain data (dates as ISO strings).
 */
import type { Workbook } from '../workbook/port';
import { recheckFirst, staleArg } from './analyze';
import {
  type CreateOutcome,
  type CreateRequest,
  type ProposalRequest,
  createRoadmaps,
  roadmapProposals,
  type RoadmapStart,
  roadmapStart,
} from './roadmap';

/** What the panel opens with, or why the check it asked to run again could not run. */
export type RoadmapStartView = (RoadmapStart & { kind: 'start' }) | { kind: 'failed'; message: string };

export function makeRoadmapEndpoints(wb: Workbook, now: () => Date = () => new Date()) {
  return {
    /**
     * The panel's start; with `stale` 'recheck' («Проверить заново и продолжить» beside the warning that
     * the results changed since the last check) the schools are checked again first.
     */
    apiRoadmapStart: (sheet?: string | null, stale?: string): RoadmapStartView =>
      recheckFirst(
        wb,
        staleArg(stale) === 'recheck' ? 'recheck' : undefined,
        () => ({ kind: 'start' as const, ...roadmapStart(wb, { sheet: sheet ?? undefined, now: now() }) }),
        (o, line) => ({ ...o, notes: [line, ...o.notes] }),
      ),
    apiRoadmapProposals: (req: ProposalRequest) => roadmapProposals(wb, req),
    apiCreateRoadmaps: (req: CreateRequest): CreateOutcome => createRoadmaps(wb, req),
  };
}

export type RoadmapEndpoints = ReturnType<typeof makeRoadmapEndpoints>;
/** Endpoints that change the workbook: the add-on runs them under the document lock. */
export const WRITING_ROADMAP_ENDPOINTS: ReadonlyArray<keyof RoadmapEndpoints> = ['apiCreateRoadmaps'];
