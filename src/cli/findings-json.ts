/**
 * `shnor analyze --json`, per school: the markers beside the verdict and the weak tasks
 * (src/core/tasks.ts), as the machine-readable form names them — kinds `score-peaks`,
 * `journal-raised`, `journal-confirmed`, `high-unconfirmed`; numbers in %, procedures as the product names
 * them («ВПР МА 5»). The journal comparison counted per pupil (with the pupils whose marks differ by 2 and
 * more) comes from every pupil the command line keeps.
 */
import type { MarkerKind } from '../core/objectivity';
import type { PupilSheet } from '../core/pupils';
import { journalGaps, weakTasks } from '../core/tasks';
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
    differBy2: number;
  }>;
}

export function findingsJson(beyond: Beyond, pupils: readonly PupilSheet[]): (key: string) => SchoolFindingsJson {
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
  const summaries = new Map(beyond.pupils.summaries.map((s) => [`${s.key}|${s.procedure}|${s.year}`, s]));
  for (const sheet of pupils)
    for (const g of journalGaps(sheet)) {
      const j = summaries.get(`${g.key}|${g.procedure}|${g.year}`)?.journal;
      of(g.key).journal.push({
        procedure: g.procedure,
        year: g.year,
        compared: g.compared,
        lowered: j?.lowered ?? 0,
        confirmed: j?.confirmed ?? 0,
        raised: j?.raised ?? 0,
        differBy2: g.far,
      });
    }
  return (key) => bySchool.get(key) ?? { markers: [], weakTasks: [], journal: [] };
}
