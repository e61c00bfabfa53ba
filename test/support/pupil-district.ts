/**
 * One simulated district of pupils, given two ways: as ФИС ОКО's aggregated reports («Статистика по
 * отметкам» and «Сравнение отметок с отметками по журналу», shares rounded to two decimals as ФИС ОКО does)
 * and as the per-pupil «Индивидуальные результаты» (Ф1) they are computed from. Both must give the same
 * verdicts.
 */
import { journalReport, marksReport, type ReportSpec } from '../../scripts/fisoko-reports';
import { type F1School, pupilSheet, type PupilRow, sampleBounds, sampleTasks, simulatePupils } from '../../scripts/pupil-files';
import type { Grid } from '../../src/core/results';
import { rng } from '../../scripts/make-sample';

export interface PupilDistrict {
  reports: Grid[];
  f1: Grid[];
}

const SUBJECTS = { МА: 'Математика', РУ: 'Русский язык' } as const;
const round2 = (x: number) => Math.round(x * 100) / 100;

export function pupilDistrict(schoolCount = 16, seed = 7): PupilDistrict {
  const rand = rng(seed);
  const schools = Array.from({ length: schoolCount }, (_, i) => ({
    login: `sch77${String(3001 + i).padStart(4, '0')}`,
    name: `МБОУ «СОШ № ${i + 1}»`,
    // A few weak schools around the 30 % line, one that raises its marks against the journal.
    weakness: i % 5 === 0 ? 0.85 + rand() * 0.15 : i % 7 === 3 ? 0.6 : rand() * 0.4,
    raises: i === 4,
  }));
  const reports: Grid[] = [];
  const f1: Grid[] = [];
  for (const year of [2025, 2026])
    for (const subject of ['МА', 'РУ'] as const)
      for (const grade of [5, 6]) {
        const tasks = sampleTasks(subject, grade);
        const bounds = sampleBounds(tasks);
        const f1Schools: F1School[] = [];
        const marks: Array<{ login: string; name: string; participants: number; marks: [number, number, number, number] }> = [];
        const journal: Array<{ login: string; name: string; participants: number; shares: [number, number, number] }> = [];
        for (const s of schools) {
          // Small schools too: the «малая выборка» rule must agree as well.
          const n = s.weakness > 0.8 ? 8 + Math.floor(rand() * 30) : 20 + Math.floor(rand() * 60);
          const two = Math.min(n, Math.round(n * (s.weakness * 0.45 + rand() * 0.08)));
          const five = Math.round((n - two) * (1 - s.weakness) * 0.3);
          const four = Math.round((n - two - five) * 0.45);
          const counts: [number, number, number, number] = [two, n - two - five - four, four, five];
          const raised = s.raises ? Math.round(n * 0.3) : Math.round(n * rand() * 0.08);
          const lowered = Math.round(n * rand() * 0.1);
          const withJournal = n - Math.floor(rand() * 3);
          const pupils: PupilRow[] = simulatePupils(rand, tasks, bounds, counts, [lowered, withJournal - lowered - raised, raised], 10001);
          f1Schools.push({ login: s.login, name: s.name, territory: 'Энский муниципальный округ', pupils });
          marks.push({ login: s.login, name: s.name, participants: n, marks: counts.map((c) => round2((100 * c) / n)) as never });
          // What the pupils really show against the journal (the simulation may not place everyone).
          const cmp = [0, 0, 0];
          for (const p of pupils) {
            if (p.journal === null) continue;
            const k = p.mark < p.journal ? 0 : p.mark === p.journal ? 1 : 2;
            cmp[k] = (cmp[k] as number) + 1;
          }
          const compared = cmp[0]! + cmp[1]! + cmp[2]!;
          journal.push({
            login: s.login,
            name: s.name,
            participants: compared,
            shares: cmp.map((c) => round2((100 * c) / compared)) as never,
          });
        }
        const spec: ReportSpec = {
          exam: 'ВПР',
          subject: SUBJECTS[subject],
          grade,
          year,
          region: 'Энская область',
          municipality: 'Энский муниципальный округ',
          header: 'two-row',
          indent: false,
          titleOrder: 'usual',
        };
        const m = marksReport(spec, marks);
        reports.push({ sheet: `${subject} ${grade} ${year} Статистика`, values: m.values, merges: m.merges });
        const j = journalReport({ ...spec, header: 'one-row' }, journal);
        reports.push({ sheet: `${subject} ${grade} ${year} Сравнение`, values: j.values, merges: j.merges });
        const p = pupilSheet({ subject: SUBJECTS[subject], grade, year, date: `20.04.${year}`, tasks, levels: true }, f1Schools);
        f1.push({ sheet: `${subject} ${grade} ${year} Индивидуальные`, values: p.values });
      }
  return { reports, f1 };
}
