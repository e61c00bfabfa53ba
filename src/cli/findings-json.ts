/**
 * `shnor analyze --json`, per school: the markers beside the verdict, the weak tasks with what they check
 * (`text`, null where no description is known; src/core/task-texts.ts) and the systematic gaps
 * (src/core/tasks.ts), as the machine-readable form names them — kinds `score-peaks`,
 * `journal-raised`, `journal-confirmed`, `high-unconfirmed`; numbers in %, procedures as the product names
 * them («ВПР МА 5»). The journal comparison counted per pupil (with the pupils whose marks differ by 2 and
 * more) comes from the per-school summaries, as Sheets has it.
 */
import type { MarkerKind } from '../core/objectivity';
import { systematicGaps, taskKey } from '../core/task-texts';
import { weakTasks } from '../core/tasks';
import type { Beyond } from '../actions/beyond';

const KINDS: Record<MarkerKind, string> = {
  повысили: 'journal-raised',
  подтвердили: 'journal-confirmed',
  'выше района': 'high-unconfirmed',
  'пик на границе': 'score-peaks',
};

const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

export interface SchoolFindingsJson {
  markers: Array<{ kind: string; procedure: string; year: number; text: string }>;
  weakTasks: Array<{
    procedure: string;
    year: number;
    task: string;
    level: string | null;
    max: number | null;
    completion: number | null;
    district: number | null;
    /** What the task checks; null when no description is known. */
    text: string | null;
    section: string | null;
  }>;
  /** Sections where most of the school's tasks are weak (whole tasks: «9», not «9.1»). */
  gaps: Array<{ procedure: string; year: number; section: string; tasks: string[]; total: number }>;
  journal: Array<{
    procedure: string;
    year: number;
    compared: number;
    lowered: number;
    confirmed: number;
    raised: number;
    /** Null when the book's «Результаты участников» was written before the count was kept. */
    differBy2: number | null;
  }>;
}

export function findingsJson(beyond: Beyond): (key: string) => SchoolFindingsJson {
  const bySchool = new Map<string, SchoolFindingsJson>();
  const of = (key: string) => {
    let f = bySchool.get(key);
    if (!f) bySchool.set(key, (f = { markers: [], weakTasks: [], gaps: [], journal: [] }));
    return f;
  };
  for (const m of beyond.markers) of(m.key).markers.push({ kind: KINDS[m.kind], procedure: m.procedure, year: m.year, text: m.text });
  for (const b of beyond.pupils.blocks) {
    const texts = beyond.pupils.texts.get(`${b.procedure}|${b.year}`);
    for (const s of b.schools) {
      for (const t of weakTasks(s)) {
        const d = texts?.byTask.get(taskKey(t.number));
        of(s.key).weakTasks.push({
          procedure: s.procedure,
          year: s.year,
          task: t.number,
          level: t.level,
          max: t.max,
          completion: round(t.completion),
          district: round(t.district),
          text: d?.text || null,
          section: d?.section || null,
        });
      }
      for (const g of systematicGaps(s, texts))
        of(s.key).gaps.push({ procedure: s.procedure, year: s.year, section: g.section, tasks: g.weak, total: g.total });
    }
  }
  // The same per-school summaries Sheets keeps in «Результаты участников»: the same numbers in both.
  for (const s of beyond.pupils.summaries)
    if (s.journal.compared > 0)
      of(s.key).journal.push({
        procedure: s.procedure,
        year: s.year,
        compared: s.journal.compared,
        lowered: s.journal.lowered,
        confirmed: s.journal.confirmed,
        raised: s.journal.raised,
        differBy2: s.journal.far,
      });
  return (key) => bySchool.get(key) ?? { markers: [], weakTasks: [], gaps: [], journal: [] };
}
