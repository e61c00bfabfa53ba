/**
 * What the per-pupil summaries of «Результаты участников» add to the verdicts (src/core/tasks.ts): peaks of
 * the primary scores at the mark boundaries, as markers beside the verdict (never a change of status, even
 * when marked results do not count), and each school's tasks against the district, described in words
 * (src/core/task-texts.ts: the district's «Описания заданий», and shipped descriptions — none yet). One read of each
 * tab, only when it is there.
 */
import type { Marker } from '../core/objectivity';
import { type PupilSummary } from '../core/pupils';
import { parsePupilSummaryRows, PUPILS_SHEET } from '../core/pupils-tab';
import { type Settings, taskSettings } from '../core/settings';
import type { Problem } from '../core/results';
import { parseScalesTab, SCALES_SHEET, scaleTable, type ScaleTable } from '../core/scales';
import { type BlockTexts, describeBlocks, type DistrictText, parseTextsTab, SHIPPED_TASK_TEXTS, TEXTS_SHEET } from '../core/task-texts';
import { type ScorePeak, scorePeaks, type TaskBlock, taskBlocks } from '../core/tasks';
import type { Workbook } from '../workbook/port';

export interface PupilFindings {
  summaries: PupilSummary[];
  peaks: ScorePeak[];
  blocks: TaskBlock[];
  /** Rows of «Шкалы отметок ВПР» that do not read, with sheet, row and column. */
  problems: Problem[];
  /** The descriptions of each block's tasks, by procedure and year (core/task-texts textsOf). */
  texts: Map<string, BlockTexts>;
  /** The rows of «Описания заданий» as read (null: no such tab), and what could not be read in them. */
  districtTexts: DistrictText[] | null;
  textProblems: Problem[];
}

export const NO_PUPIL_FINDINGS: PupilFindings = {
  summaries: [],
  peaks: [],
  blocks: [],
  problems: [],
  texts: new Map(),
  districtTexts: null,
  textProblems: [],
};

/**
 * The summaries of «Результаты участников» with the mark scales: the shipped ones under the district's rows
 * of «Шкалы отметок ВПР» (read only when there are pupils to judge).
 */
export function loadPupilFindings(wb: Workbook, names: readonly string[], settings: Settings): PupilFindings {
  if (!names.includes(PUPILS_SHEET)) return NO_PUPIL_FINDINGS;
  const own = names.includes(SCALES_SHEET) ? parseScalesTab(wb.readSheet(SCALES_SHEET)) : { scales: [], problems: [] };
  const tab = names.includes(TEXTS_SHEET) ? parseTextsTab(wb.readSheet(TEXTS_SHEET).values) : null;
  return {
    ...pupilFindings(parsePupilSummaryRows(wb.readSheet(PUPILS_SHEET).values).summaries, settings, tab, scaleTable(own.scales)),
    problems: own.problems,
  };
}

export function pupilFindings(
  summaries: PupilSummary[],
  settings: Settings,
  tab: { rows: DistrictText[]; problems: Problem[] } | null = null,
  scales: ScaleTable = scaleTable(),
): PupilFindings {
  const s = taskSettings(settings);
  const blocks = taskBlocks(summaries, s, scales);
  return {
    summaries,
    peaks: scorePeaks(summaries, s, scales),
    blocks,
    problems: [],
    texts: describeBlocks(blocks, { shipped: SHIPPED_TASK_TEXTS, district: tab?.rows ?? [] }),
    districtTexts: tab?.rows ?? null,
    textProblems: tab?.problems ?? [],
  };
}

/** A peak as a marker of «ШНОР: итоги». */
export const peakMarker = (p: ScorePeak): Marker => ({
  key: p.key,
  procedure: p.procedure,
  year: p.year,
  kind: 'пик на границе',
  text: p.text,
});
