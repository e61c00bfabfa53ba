/**
 * What the sidebar «Создать дорожную карту…» calls through `google.script.run`, written once against the
 * port: the add-on binds it to the active spreadsheet, the browser tests to an in-memory workbook.
 * Arguments and results are plain data (dates as ISO strings).
 */
import type { Workbook } from '../workbook/port';
import { type CreateOutcome, type CreateRequest, type ProposalRequest, createRoadmaps, roadmapProposals, roadmapStart } from './roadmap';

export function makeRoadmapEndpoints(wb: Workbook, now: () => Date = () => new Date()) {
  return {
    apiRoadmapStart: (sheet?: string | null) => roadmapStart(wb, { sheet: sheet ?? undefined, now: now() }),
    apiRoadmapProposals: (req: ProposalRequest) => roadmapProposals(wb, req),
    apiCreateRoadmaps: (req: CreateRequest): CreateOutcome => createRoadmaps(wb, req),
  };
}

export type RoadmapEndpoints = ReturnType<typeof makeRoadmapEndpoints>;
/** Endpoints that change the workbook: the add-on runs them under the document lock. */
export const WRITING_ROADMAP_ENDPOINTS: ReadonlyArray<keyof RoadmapEndpoints> = ['apiCreateRoadmaps'];
