/**
 * `npm run bench [-- --json]`: speed and memory of the engine at 100, 1,000, 10,000 and 40,000 schools
 * (three years, 20 procedures, wide layout with a two-row header), and of «Проверить школы по критериям» on
 * the in-memory workbook: its spreadsheet calls beside a cell-by-cell baseline. Each size runs in its own process so
 * that the peak memory is its own. Goal: engine under 2 s for 40,000 schools on 2 cores.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { analyze, STATUS_COLORS, LOW_CELL_COLOR } from '../src/actions/analyze';
import { createRoadmaps, type CreateRequest, roadmapProposals, roadmapStart } from '../src/actions/roadmap';
import { presetCriteria } from '../src/core/criteria';
import { schoolYear } from '../src/core/terms';
import { type Grid, parseResultTable } from '../src/core/results';
import type { CellValue } from '../src/core/text';
import { type Assessment, assess } from '../src/core/verdict';
import { MemoryWorkbook } from '../src/workbook/memory';

export const SIZES = [100, 1_000, 10_000, 40_000];
export const BENCH_YEARS = [2024, 2025, 2026];
export const BENCH_PROCEDURES = [
  ...[4, 5, 6, 7, 8].flatMap((g) => [`ВПР МА ${g}`, `ВПР РУ ${g}`]),
  'ВПР ОМ 4',
  'ВПР ИС 5',
  'ВПР БИ 5',
  'ВПР ГЕ 6',
  'ВПР ОБ 6',
  'ОГЭ МА',
  'ОГЭ РУ',
  'ЕГЭ МА база',
  'ЕГЭ МА проф',
  'ЕГЭ РУ',
];

/** A district of `n` schools in the wide layout; values vary deterministically, some cells are `-`. */
export function benchGrid(n: number): Grid {
  const top: CellValue[] = ['Территория', 'Название ОО', 'Логин ОО'];
  const sub: CellValue[] = ['', '', ''];
  const merges: NonNullable<Grid['merges']> = [];
  for (const p of BENCH_PROCEDURES) {
    for (const y of BENCH_YEARS) {
      merges.push({ row: 0, col: top.length, rows: 1, cols: 2 });
      top.push(`${p} ${y}`, '');
      sub.push('" % 2"', '% Выс. рез-тов');
    }
  }
  const values: CellValue[][] = [top, sub];
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let i = 0; i < n; i++) {
    const row: CellValue[] = [`Территория ${i % 50}`, `МБОУ «СОШ № ${i + 1}»`, `sch${String(100000 + i)}`];
    const weak = next() < 0.15 ? 25 : 0;
    for (let k = 0; k < BENCH_PROCEDURES.length * BENCH_YEARS.length; k++) {
      if (k % 29 === 7 && i % 5 === 0) row.push('-', '-');
      else row.push(Math.round((next() * 20 + weak) * 10) / 10, Math.round(next() * 300) / 10);
    }
    values.push(row);
  }
  return { sheet: 'Результаты', values, merges };
}

export interface SizeReport {
  schools: number;
  engineMs: number;
  actionMs: number;
  peakMb: number;
  shnor: number;
  /** Spreadsheet calls of «Проверить школы по критериям». */
  calls: number;
  /** Calls of the same colouring done cell by cell, the way a hand-written script would. */
  baselineCalls: number;
  /** «Создать дорожную карту…» for every ШНОР school (up to ROADMAP_MAX_SCHOOLS schools): time, tabs, calls. */
  roadmaps: { ms: number; tabs: number; calls: number } | null;
}

/** Above this many schools a roadmap per ШНОР school is more tabs than a workbook should hold. */
export const ROADMAP_MAX_SCHOOLS = 1_000;

/** One tab per ШНОР school with the activities its verdict calls for, on the checked workbook. */
function measureRoadmaps(wb: MemoryWorkbook): { ms: number; tabs: number; calls: number } {
  const start = performance.now();
  const info = roadmapStart(wb);
  const schools = info.schools.filter((s) => s.status === 'ШНОР').map((s) => s.login);
  const request: CreateRequest = { owner: 'schools', schools, period: schoolYear(2026), selected: {} };
  const proposals = roadmapProposals(wb, request);
  if ('error' in proposals) throw new Error(proposals.error);
  for (const o of proposals.owners) request.selected[o.owner] = o.items.filter((i) => i.selected).map((i) => i.code);
  wb.resetCalls();
  const outcome = createRoadmaps(wb, request);
  if (outcome.kind !== 'done') throw new Error(outcome.message);
  return { ms: Math.round(performance.now() - start), tabs: outcome.sheets.length, calls: wb.totalCalls };
}

/** The baseline: the same statuses and low-cell colours, one call per cell. */
export function baselineColouring(wb: MemoryWorkbook, sheet: string, a: Assessment, statusCol: number): void {
  for (const v of a.verdicts) {
    wb.writeBlock(sheet, v.row, statusCol, [[v.status]]);
    wb.setBackgrounds(sheet, v.row, statusCol, [[STATUS_COLORS[v.status]]]);
    for (const l of v.low) wb.setBackgrounds(sheet, l.cell.row, l.cell.col, [[LOW_CELL_COLOR]]);
  }
}

function measure(n: number): SizeReport {
  const grid = benchGrid(n);
  const criteria = presetCriteria('novokuznetsk-2020');
  // The grid is the input, as a spreadsheet read hands it over: its making is not the engine's garbage.
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  const table = parseResultTable(grid);
  const a = assess(table.schools, criteria);
  const engineMs = Math.round(performance.now() - start);
  const wb = new MemoryWorkbook([grid]);
  const actionStart = performance.now();
  analyze(wb);
  const actionMs = Math.round(performance.now() - actionStart);
  const calls = wb.totalCalls;
  const base = new MemoryWorkbook([grid]);
  baselineColouring(base, grid.sheet, a, grid.values[1]?.length ?? 0);
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const roadmaps = n <= ROADMAP_MAX_SCHOOLS ? measureRoadmaps(wb) : null;
  return { schools: n, engineMs, actionMs, peakMb, shnor: a.counts.ШНОР, calls, baselineCalls: base.totalCalls, roadmaps };
}

/** The CLI on a region's CSV: `analyze -o` (the whole book) or `analyze --json` (read and decide). */
export const CLI_SIZES: Array<{ schools: number; mode: 'book' | 'json' }> = [
  { schools: 2_000, mode: 'book' },
  { schools: 5_000, mode: 'book' },
  { schools: 40_000, mode: 'json' },
  { schools: 40_000, mode: 'book' },
];

export interface CliReport {
  schools: number;
  mode: 'book' | 'json';
  ms: number;
  /** CPU time of the process (user + system): on a shared machine the wall clock also counts others' work. */
  cpuMs: number;
  peakMb: number;
  code: number;
}

/** The bench district as the CSV a methodologist would export: a two-row header, `;` and decimal commas. */
export function benchCsv(n: number): string {
  const g = benchGrid(n);
  const top = (g.values[0] ?? []).map((v, i, row) => (v === '' && i > 2 ? row[i - 1] : v));
  for (let i = 3; i < top.length; i++) if (top[i] === '') top[i] = top[i - 1];
  return g.values
    .map((r, i) =>
      (i === 0 ? top : r)
        .map((v) => (typeof v === 'number' ? String(v).replace('.', ',') : String(v ?? '').replace(/[;"]/g, ' ')))
        .join(';'),
    )
    .join('\n');
}

async function measureCli(n: number, mode: 'book' | 'json'): Promise<CliReport> {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { run } = await import('../src/cli/main');
  const dir = mkdtempSync(join(tmpdir(), 'shnor-bench-'));
  try {
    const input = join(dir, `район-${n}.csv`);
    writeFileSync(input, benchCsv(n));
    (globalThis as { gc?: () => void }).gc?.();
    const args = mode === 'book' ? ['analyze', input, '-o', join(dir, 'книга.xlsx')] : ['analyze', input, '--json'];
    const cpu = process.cpuUsage();
    const start = performance.now();
    const code = await run(args, { out: () => undefined, err: () => undefined });
    const ms = Math.round(performance.now() - start);
    const used = process.cpuUsage(cpu);
    const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
    return { schools: n, mode, ms, cpuMs: Math.round((used.user + used.system) / 1000), peakMb, code };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cliSizes(): CliReport[] {
  return CLI_SIZES.map(({ schools, mode }) => {
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, '--expose-gc', '--max-old-space-size=4096', fileURLToPath(import.meta.url), '--cli', String(schools), mode],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) return { schools, mode, ms: -1, cpuMs: -1, peakMb: -1, code: r.status ?? -1 };
    return JSON.parse(r.stdout) as CliReport;
  });
}

function printCli(reports: CliReport[]): void {
  process.stdout.write('\nКомандная строка на CSV региона (shnor analyze):\n');
  const cols = ['школ', 'режим', 'время, мс', 'процессор, мс', 'пик памяти, МБ', 'код выхода'];
  process.stdout.write(`${cols.map((c) => c.padEnd(16)).join('')}\n`);
  for (const r of reports) {
    const row = [r.schools, r.mode === 'book' ? '-o книга' : '--json', r.ms, r.cpuMs, r.peakMb, r.code];
    process.stdout.write(`${row.map((c) => String(c).padEnd(16)).join('')}\n`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const sizeArg = args.indexOf('--size');
  if (sizeArg >= 0) {
    process.stdout.write(JSON.stringify(measure(Number(args[sizeArg + 1]))));
    return;
  }
  const cliArg = args.indexOf('--cli');
  if (cliArg >= 0) {
    void measureCli(Number(args[cliArg + 1]), args[cliArg + 2] === 'json' ? 'json' : 'book').then((r) =>
      process.stdout.write(JSON.stringify(r)),
    );
    return;
  }
  if (args.includes('--cli-only')) {
    printCli(cliSizes());
    return;
  }
  const sizes: SizeReport[] = [];
  for (const n of SIZES) {
    const r = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', fileURLToPath(import.meta.url), '--size', String(n)], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(r.stderr);
    sizes.push(JSON.parse(r.stdout) as SizeReport);
  }
  const cli = cliSizes();
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ sizes, cli })}\n`);
    return;
  }
  const cols = ['школ', 'движок, мс', 'действие, мс', 'пик памяти, МБ', 'ШНОР', 'вызовов', 'вызовов поячеечно'];
  process.stdout.write(`${cols.map((c) => c.padEnd(16)).join('')}\n`);
  for (const s of sizes) {
    const row = [s.schools, s.engineMs, s.actionMs, s.peakMb, s.shnor, s.calls, s.baselineCalls];
    process.stdout.write(`${row.map((c) => String(c).padEnd(16)).join('')}\n`);
  }
  process.stdout.write('\nДорожные карты всех ШНОР («Создать дорожную карту…»):\n');
  const rcols = ['школ', 'карт', 'мс', 'вызовов', 'вызовов на карту'];
  process.stdout.write(`${rcols.map((c) => c.padEnd(16)).join('')}\n`);
  for (const s of sizes) {
    if (!s.roadmaps) continue;
    const row = [s.schools, s.roadmaps.tabs, s.roadmaps.ms, s.roadmaps.calls, (s.roadmaps.calls / Math.max(1, s.roadmaps.tabs)).toFixed(1)];
    process.stdout.write(`${row.map((c) => String(c).padEnd(16)).join('')}\n`);
  }
  printCli(cli);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
