/**
 * Roadmap tabs in the add-on's own layout (src/actions/roadmap-tab.ts): title row, the owner and period
 * row, the header, then a heading row per block and its activities — as «Создать дорожную карту…» writes
 * them and as people then fill in their statuses.
 */
import { roadmapBody, roadmapTitle } from '../../src/actions/roadmap-tab';
import type { Grid } from '../../src/core/results';
import {
  fingerprint,
  ROADMAP_COLUMNS,
  roadmapMetaCells,
  type RoadmapMeta,
  type RoadmapRow,
  type RoadmapStatus,
  roadmapSheetName,
} from '../../src/core/roadmap-sheet';
import type { CellValue } from '../../src/core/text';

export interface Act {
  number: string;
  activity: string;
  status: RoadmapStatus | '';
  end: string | null;
  start?: string | null;
  term?: string;
}

export function roadmapGrid(meta: RoadmapMeta, blocks: Array<{ block: string; acts: Act[] }>): Grid {
  const sections = blocks.map((b) => ({
    block: b.block,
    rows: b.acts.map((a): RoadmapRow => {
      const row: Omit<RoadmapRow, 'control'> = {
        number: a.number,
        block: b.block,
        activity: a.activity,
        term: a.term ?? '',
        start: a.start ?? null,
        end: a.end,
        responsible: 'Заместитель директора по УВР',
        result: 'Справка',
        document: 'Приказ',
        status: a.status,
        mark: '',
        school: meta.owner,
        code: '',
      };
      return { ...row, control: fingerprint(row) };
    }),
  }));
  const values: CellValue[][] = [
    [roadmapTitle(meta)],
    roadmapMetaCells(meta),
    ROADMAP_COLUMNS.map((c) => c.header),
    ...roadmapBody(sections).values,
  ];
  return { sheet: roadmapSheetName(meta), values, merges: [] };
}
