/**
 * The activity form's `google.script.run` targets, written once against the port (the add-on binds them
 * to the active spreadsheet and runs the save under the document lock; the browser tests bind them to
 * an in-memory workbook). Arguments and results are plain data.
 */
import { termDates } from '../core/activity';
import type { Workbook } from '../workbook/port';
import {
  type ActivitySaveForm,
  type ActivitySaveResult,
  type ActivityView,
  activityView,
  type LoadResult,
  loadSelection,
  roadmapBlocks,
  saveActivity,
} from './activity';

export function makeActivityEndpoints(wb: Workbook, now: () => Date = () => new Date()) {
  return {
    /** The form's lists; with a target, that row loaded for editing. */
    apiActivityForm: (target?: { sheet: string; row: number } | null): ActivityView => activityView(wb, now(), target ?? null),
    /** The row under the user's selection, for «Изменить выделенную строку». */
    apiActivityFromSelection: (): LoadResult => loadSelection(wb),
    /** Block headings of the roadmap tabs the chosen schools' rows will go to. */
    apiRoadmapBlocks: (schools: string[], period: string): string[] =>
      roadmapBlocks(wb, Array.isArray(schools) ? schools.map(String) : [], String(period ?? '')),
    /** The dates a term gives in the period, shown beside «Сроки» as it is typed. */
    apiTermDates: (term: string, period: string): ReturnType<typeof termDates> => termDates(String(term ?? ''), String(period ?? '')),
    /** Adds or updates; reads and writes in one call, which the add-on runs under the document lock. */
    apiSaveActivity: (form: ActivitySaveForm): ActivitySaveResult => saveActivity(wb, form),
  };
}
