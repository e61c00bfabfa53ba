/**
 * What the per-pupil summaries of «Результаты участников» add to the verdicts (src/core/tasks.ts): peaks of
 * the primary scores at the mark boundaries, as markers beside the verdict (never a change of status, even
 * when marked results do not count), and each school's tasks against the district. One sheet read, only when
 * the tab is there.
 */
import type { Marker } from '../core/objectivity';
import { type PupilSummary } from '../core/pupils';
import { parsePupilSummaryRows, PUPILS_SHEET } from '../core/pupils-tab';
import { type Settings, taskSettings } from '../core/settings';
import { type ScorePeak, scorePeaks, type TaskBlock, taskBlocks } from '../core/tasks';
import type { Workbook } from '../workbook/port';

export interface PupilFindings {
  summaries: PupilSummary[];
  peaks: ScorePeak[];
  blocks: TaskBlock[];
}

export const NO_PUPIL_FINDINGS: PupilFindings = { summaries: [], peaks: [], blocks: [] };

export function loadPupilFindings(wb: Workbook, names: readonly string[], settings: Settings): PupilFindings {
  if (!names.includes(PUPILS_SHEET)) return NO_PUPIL_FINDINGS;
  return pupilFindings(parsePupilSummaryRows(wb.readSheet(PUPILS_SHEET).values).summaries, settings);
}

export function pupilFindings(summaries: PupilSummary[], settings: Settings): PupilFindings {
  const s = taskSettings(settings);
  return { summaries, peaks: scorePeaks(summaries, s), blocks: taskBlocks(summaries, s) };
}

/** A peak as a marker of «ШНОР: итоги». */
export const peakMarker = (p: ScorePeak): Marker => ({
  key: p.key,
  procedure: p.procedure,
  year: p.year,
  kind: 'пик на границе',
  text: p.text,
});
