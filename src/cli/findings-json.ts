/**
 * `shnor analyze --json`, per school: the markers beside the verdict and the weak tasks
 * (src/core/tasks.ts), as the machine-readable form names them — kinds `score-peaks`,
 * `journal-raised`, `journal-confirmed`, `high-unconfirmed`; numbers in %, procedures as the product names
 * them («ВПР МА 5»). The journal comparison counted per pupil (with the pupils whose marks differ by 2 and
 * more) comes from the per-school summaries, as Sheets has it.
 */
import type { MarkerKind } from '../core/objectivity';
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
  }>;
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
    if (!f) bySchool.set(key, (f = { markers: [], weakTasks: [], journal: [] }));
    return f;
  };
  for (const m of beyond.markers) of(m.key).markers.push({ kind: KINDS[m.kind], procedure: m.procedure, year: m.year, text: m.text });
  for (const b of beyond.pupils.blocks)
    for (const s of b.schools)
      for (const t of weakTasks(s))
        of(s.key).weakTasks.push({
          procedure: s.procedure,
          year: s.year,
          task: t.number,
          level: t.level,
          max: t.max,
          completion: round(t.completion),
          district: round(t.district),
        });
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
  return (key) => bySchool.get(key) ?? { markers: [], weakTasks: [], journal: [] };
}
