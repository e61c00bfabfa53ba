/**
 * sample/pupils/: the sample district's ВПР as per-pupil «Индивидуальные результаты» (Ф1), one file per
 * procedure and year in the real 2026 layout (scripts/pupil-files.ts), plus the ГИА table of sample/fisoko/.
 * Consistent with sample/district.*: every school has the participants of its result there, and the counts
 * of «2»…«5» are its shares rounded to whole pupils — the «2» never crossing the 30 % line by rounding —
 * so the same schools are ШНОР. The journal marks reproduce the district's comparison (2025 and 2026,
 * the «Повысили» and «Подтвердили» never crossing the markers' lines by rounding); 2024 has no journal marks.
 * A stream of its own (seed + 2): the other sample files do not move.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReportXlsx } from './fisoko-reports';
import type { SampleDistrict, SampleSchool } from './make-sample';
import { MUNICIPALITY, rng, SEED, SUBJECT_CSV, YEARS } from './make-sample';
import { type F1School, markCounts, pupilSheet, pupilSheetName, sampleBounds, sampleTasks, simulatePupils } from './pupil-files';

export const PUPILS_DIR = 'pupils';

/** Journal counts (lowered, confirmed, raised) of `n` pupils from shares, the markers' lines (15 %, 50 %) kept. */
export function journalCounts(n: number, shares: readonly [number, number, number]): [number, number, number] {
  let raised = Math.round((shares[2] * n) / 100);
  let confirmed = Math.round((shares[1] * n) / 100);
  if ((100 * raised) / n > 15 !== shares[2] > 15) raised += shares[2] > 15 ? 1 : -1;
  if ((100 * confirmed) / n < 50 !== shares[1] < 50) confirmed += shares[1] < 50 ? -1 : 1;
  raised = Math.max(0, Math.min(n, raised));
  confirmed = Math.max(0, Math.min(n - raised, confirmed));
  return [n - raised - confirmed, confirmed, raised];
}

export interface PupilFile {
  name: string;
  sheet: string;
  values: Array<Array<string | number | null>>;
}

export function pupilFiles(d: SampleDistrict): PupilFile[] {
  const rand = rng(SEED + 2);
  const files: PupilFile[] = [];
  d.procedures.forEach((p, pi) => {
    if (p.exam !== 'ВПР' || p.grade === null) return;
    const subject = p.subject as 'МА' | 'РУ';
    const tasks = sampleTasks(subject, p.grade);
    const bounds = sampleBounds(tasks);
    YEARS.forEach((year, yi) => {
      const schools: F1School[] = [];
      let code = 10001;
      d.schools.forEach((s: SampleSchool, si) => {
        const m = d.results[si]?.[pi]?.[yi];
        if (!m) return;
        const counts = markCounts(m.participants, m.marks);
        const j = d.journal.find((x) => x.school === si && x.procedure === pi && x.year === year);
        const pupils = simulatePupils(rand, tasks, bounds, counts, j ? journalCounts(m.participants, j.shares) : null, code);
        code += pupils.length;
        schools.push({ login: s.login, name: s.name, territory: MUNICIPALITY, pupils });
      });
      const sheet = pupilSheet(
        { subject: SUBJECT_CSV[subject] as string, grade: p.grade as number, year, date: `${15 + yi}.04.${year}`, tasks, levels: yi > 0 },
        schools,
      );
      files.push({
        name: `${year} ${p.label} индивидуальные результаты.xlsx`,
        sheet: pupilSheetName(subject, p.grade as number),
        values: sheet.values,
      });
    });
  });
  return files;
}

/** Writes the folder afresh; `extra` are files copied as they are (the ГИА table). Returns the number of Ф1 files. */
export async function writePupilFiles(
  d: SampleDistrict,
  dir: string,
  extra: ReadonlyArray<{ name: string; csv: string }>,
): Promise<number> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = pupilFiles(d);
  for (const f of files) await writeReportXlsx(join(dir, f.name), f.sheet, { values: f.values, merges: [] });
  for (const e of extra) writeFileSync(join(dir, e.name), e.csv);
  return files.length;
}
