/**
 * A region's year of Ф1 «Индивидуальные результаты»: 2,000 schools × 20 ВПР procedures × 60 pupils ≈ 2.4
 * million pupil rows, one sheet per procedure as a regional coordinator downloads them. Used by `npm run
 * bench` (read time and memory of the core reader) and by the emulator test of the upload (the per-school
 * summaries a region sends to Sheets).
 */
import type { Grid } from '../src/core/results';
import { scaleTable } from '../src/core/scales';
import type { CellValue } from '../src/core/text';
import { type F1Spec, markCounts, pupilSheet, sampleBounds, sampleTasks, simulatePupils, type F1School } from './pupil-files';
import { rng } from './make-sample';

export const REGION_SCHOOLS = 2000;
export const REGION_PUPILS = 60;
/** ВПР МА and РУ 4–8 in two years: 20 procedures. */
export const REGION_PROCEDURES = [2025, 2026].flatMap((year) =>
  (['МА', 'РУ'] as const).flatMap((subject) => [4, 5, 6, 7, 8].map((grade) => ({ year, subject, grade }))),
);

/** The k-th procedure's Ф1 sheet for the whole region. */
export function regionPupilGrid(k: number, schools = REGION_SCHOOLS, perSchool = REGION_PUPILS): Grid & { pupils: number } {
  const p = REGION_PROCEDURES[k % REGION_PROCEDURES.length] as (typeof REGION_PROCEDURES)[number];
  const rand = rng(1000 + k);
  const tasks = sampleTasks(p.subject, p.grade);
  const bounds = sampleBounds(tasks);
  const list: F1School[] = [];
  let pupils = 0;
  for (let i = 0; i < schools; i++) {
    const two = ((i * 37) % 400) / 10;
    const counts = markCounts(perSchool, [two, 40, 45 - two / 2, 15 - two / 2]);
    const raised = Math.round(perSchool * (i % 11 === 0 ? 0.25 : 0.05));
    const rows = simulatePupils(rand, tasks, bounds, counts, [3, perSchool - 3 - raised, raised], 10001);
    pupils += rows.length;
    list.push({ login: `edu${String(500000 + i)}`, name: `МБОУ «СОШ № ${i + 1}»`, territory: `Район ${1 + (i % 40)}`, pupils: rows });
  }
  const spec: F1Spec = {
    subject: p.subject === 'МА' ? 'Математика' : 'Русский язык',
    grade: p.grade,
    year: p.year,
    date: `20.04.${p.year}`,
    tasks,
    levels: true,
  };
  return { sheet: `${p.subject} ${p.grade} Индивидуальные результаты`, values: pupilSheet(spec, list).values, pupils };
}

export interface PupilsReport {
  procedures: number;
  schools: number;
  pupils: number;
  /** The core reader over every sheet (values already in memory), and the per-school summaries. */
  parseMs: number;
  /** Processor time of the reading (on a shared machine the wall time is longer). */
  parseCpuMs: number;
  summariseMs: number;
  /** Heap held by every pupil kept (the command line keeps them), after a collection; and the process's peak. */
  keptMb: number;
  peakMb: number;
  /** One procedure's file (2,000 schools, ≈ 120,000 rows) written as .xlsx and read back as the command line reads it. */
  xlsx: { rows: number; bytes: number; readMs: number; readCpuMs: number };
  /** Rows of «Результаты участников» for the region and their cells (the Sheets path keeps these, not the pupils). */
  summaryRows: number;
  summaryCells: number;
  /**
   * Tasks and score peaks of the region (core/tasks.ts, with the shipped mark scales): the rows read back as a
   * check in Sheets reads them, the blocks of «Задания» against the district (here the region), the peaks,
   * and «Задания» built as cells.
   */
  tasks: { readBackMs: number; blocksMs: number; peaksMs: number; tabMs: number; weak: number; peaks: number; tabCells: number };
}

/** Read time and memory for a region's Ф1 files; run in a process of its own for its peak memory. */
export async function measurePupils(): Promise<PupilsReport> {
  const { mkdtempSync, rmSync, statSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { readGrids } = await import('../src/cli/input');
  const { parsePupilSheet, summarise } = await import('../src/core/pupils');
  const { pupilSummaryRows } = await import('../src/core/pupils-tab');
  const { writeReportXlsx } = await import('./fisoko-reports');
  type Sheet = Exclude<ReturnType<typeof parsePupilSheet>, string | null>;
  const kept: Sheet[] = [];
  const summaries: ReturnType<typeof summarise> = [];
  let parseMs = 0;
  let summariseMs = 0;
  let pupils = 0;
  let peak = 0;
  let parseCpu = 0;
  let xlsx = { rows: 0, bytes: 0, readMs: 0, readCpuMs: 0 };
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (let k = 0; k < REGION_PROCEDURES.length; k++) {
    const grid = regionPupilGrid(k);
    if (k === 0) {
      const dir = mkdtempSync(join(tmpdir(), 'shnor-bench-f1-'));
      const path = join(dir, 'Ф1_Индивидуальные результаты.xlsx');
      await writeReportXlsx(path, grid.sheet, { values: grid.values as never, merges: [] });
      const start = performance.now();
      const startCpu = cpu();
      const read = await readGrids(path);
      const sheet = parsePupilSheet(read[0] as Grid, path);
      if (!sheet || typeof sheet === 'string') throw new Error('the written Ф1 file does not read');
      xlsx = {
        rows: grid.values.length,
        bytes: statSync(path).size,
        readMs: Math.round(performance.now() - start),
        readCpuMs: Math.round(cpu() - startCpu),
      };
      rmSync(dir, { recursive: true, force: true });
    }
    let start = performance.now();
    const startCpu = cpu();
    const sheet = parsePupilSheet(grid, `Ф1 ${k + 1}.xlsx`);
    parseMs += performance.now() - start;
    parseCpu += cpu() - startCpu;
    if (!sheet || typeof sheet === 'string') throw new Error(`sheet ${k} does not read`);
    pupils += sheet.pupils;
    start = performance.now();
    summaries.push(...summarise(sheet));
    summariseMs += performance.now() - start;
    kept.push(sheet);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const keptMb = Math.round(process.memoryUsage().heapUsed / 1e6);
  const rows = pupilSummaryRows(summaries);
  const tasks = measureTasks(
    rows,
    await import('../src/core/pupils-tab'),
    await import('../src/core/tasks'),
    await import('../src/core/tasks-tab'),
  );
  return {
    procedures: REGION_PROCEDURES.length,
    schools: REGION_SCHOOLS,
    pupils,
    parseMs: Math.round(parseMs),
    parseCpuMs: Math.round(parseCpu),
    summariseMs: Math.round(summariseMs),
    keptMb: kept.length > 0 ? keptMb : 0,
    peakMb: Math.round(peak / 1e6),
    xlsx,
    summaryRows: rows.length - 1,
    summaryCells: rows.length * (rows[0]?.length ?? 0),
    tasks,
  };
}

/** Tasks and peaks of a region from the rows of «Результаты участников», timed step by step. */
function measureTasks(
  rows: CellValue[][],
  tab: typeof import('../src/core/pupils-tab'),
  core: typeof import('../src/core/tasks'),
  view: typeof import('../src/core/tasks-tab'),
): PupilsReport['tasks'] {
  let start = performance.now();
  const { summaries } = tab.parsePupilSummaryRows(rows);
  const readBackMs = Math.round(performance.now() - start);
  const scales = scaleTable();
  start = performance.now();
  const blocks = core.taskBlocks(summaries, core.defaultTaskSettings(), scales);
  const blocksMs = Math.round(performance.now() - start);
  start = performance.now();
  const peaks = core.scorePeaks(summaries, core.defaultTaskSettings(), scales);
  const peaksMs = Math.round(performance.now() - start);
  start = performance.now();
  const built = view.tasksTab(blocks, core.defaultTaskSettings().weakMargin, new Map(summaries.map((s) => [s.key, s.login])));
  const tabMs = Math.round(performance.now() - start);
  return {
    readBackMs,
    blocksMs,
    peaksMs,
    tabMs,
    weak: blocks.reduce((n, b) => n + b.schools.reduce((m, x) => m + core.weakTasks(x).length, 0), 0),
    peaks: peaks.length,
    tabCells: built.values.length * built.width,
  };
}

export function pupilsLines(r: PupilsReport): string[] {
  const perSecond = Math.round(r.pupils / (r.parseCpuMs / 1000));
  return [
    `Индивидуальные результаты (Ф1) региона за год: ${r.procedures} процедур × ${r.schools} ОО, ${r.pupils} участников —`,
    `  разбор ${r.parseMs} мс (процессорного времени ${r.parseCpuMs} мс: ${perSecond} участников в секунду), итоги по школам ${r.summariseMs} мс; ` +
      `все участники в памяти: ${r.keptMb} МБ кучи, пик процесса ${r.peakMb} МБ`,
    `  чтение одного файла .xlsx (${r.xlsx.rows} строк, ${(r.xlsx.bytes / 1e6).toFixed(1)} МБ) командной строкой: ${r.xlsx.readMs} мс, процессорного времени ${r.xlsx.readCpuMs} мс ` +
      `(≈ ${Math.round((r.xlsx.readCpuMs * r.procedures) / 1000)} с на ${r.procedures} файлов)`,
    `  в Google Таблицах — итоги по школам: ${r.summaryRows} строк «Результаты участников», ${r.summaryCells} ячеек из 10 000 000`,
    `  задания и пики по этим итогам: чтение листа ${r.tasks.readBackMs} мс, выполнение заданий по ${r.procedures} блокам ${r.tasks.blocksMs} мс ` +
      `(слабых заданий ${r.tasks.weak}), пики на границах ${r.tasks.peaksMs} мс (${r.tasks.peaks}), лист «Задания» ${r.tasks.tabMs} мс, ${r.tasks.tabCells} ячеек`,
  ];
}
