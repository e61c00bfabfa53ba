/**
 * `npm run bench [-- --json]`: speed and memory of the engine at 100, 1,000, 10,000 and 40,000 schools
 * (three years, 20 procedures, wide layout with a two-row header), and of «Проверить школы по критериям» on
 * the in-memory workbook: its spreadsheet calls beside a cell-by-cell baseline. Each size runs in its own process so
 * that the peak memory is its own. Goal: engine under 2 s for 40,000 schools on 2 cores.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { AppsScriptEmulator, type UiHost } from '../src/cli/emulator/apps-script';
import { LIMIT_SECONDS } from '../src/cli/emulator/cost';
import { fileURLToPath } from 'node:url';
import { analyze, STATUS_COLORS, LOW_CELL_COLOR } from '../src/actions/analyze';
import { createRoadmaps, type CreateRequest, roadmapProposals, roadmapStart } from '../src/actions/roadmap';
import { presetCriteria } from '../src/core/criteria';
import { schoolYear } from '../src/core/terms';
import { type Grid, parseResultTable } from '../src/core/results';
import type { CellValue } from '../src/core/text';
import { type Assessment, assess } from '../src/core/verdict';
import { MemoryWorkbook } from '../src/workbook/memory';
import { UPLOAD_BATCH, uploadRows } from '../src/actions/upload';
import { combinedRows } from '../src/core/combine';
import { combineFiles, readSource } from '../src/core/sources';
import { marksReport, type ReportSchool, type ReportSpec } from './fisoko-reports';
import { measurePupils, type PupilsReport, pupilsLines } from './bench-pupils';
import { figuresLines, measureFigures } from './bench-figures';

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

/** Region sizes for the Apps Script estimate (a region is up to 2,000 schools, inside 6 minutes). */
export const APPS_SCRIPT_SIZES = [100, 1_000, 2_000];

export interface AppsScriptAction {
  action: string;
  /** Seconds by the emulator's cost model (the longest run, and all runs together). */
  seconds: number;
  totalSeconds: number;
  runs: number;
  calls: number;
}

export interface AppsScriptReport {
  schools: number;
  actions: AppsScriptAction[];
  /** Cells of the spreadsheet's grids after every action (Sheets holds 10 million at most). */
  cells: number;
}

/**
 * Every menu action of the built bundle (dist/Code.js) on the Apps Script emulator for a region of `n`
 * schools, run by its owner: set-up, the check, the справка, the indicators, the catalogue, protection,
 * and a roadmap for every ШНОР school in as many runs as the time budget needs («Продолжить»).
 */
export function measureAppsScript(n: number): AppsScriptReport {
  const dist = join(import.meta.dirname, '..', 'dist');
  if (!existsSync(join(dist, 'Code.js'))) spawnSync(process.execPath, [join(import.meta.dirname, '..', 'build.mjs')], { stdio: 'ignore' });
  const wb = new MemoryWorkbook([benchGrid(n)]);
  wb.owner = 'metodist@region.example';
  wb.user = wb.owner;
  const em = new AppsScriptEmulator(wb);
  const answers = ['1'];
  let said = '';
  const ui: UiHost = {
    menu: () => undefined,
    alert: (_title, text) => (said = text),
    ask: () => ({ button: 'OK', text: answers.shift() ?? '' }),
    showSidebar: () => undefined,
    showDialog: () => undefined,
    toast: () => undefined,
  };
  const context = vm.createContext(em.globals(ui, { dist, title: 'Регион' }));
  em.useRealm(context);
  vm.runInContext(readFileSync(join(dist, 'Code.js'), 'utf8'), context, { filename: 'Code.js' });
  let runs = 0;
  let longest = 0;
  let total = 0;
  // Each call of a top-level function is one execution, as a menu click or a google.script.run call is.
  const call = (name: string, ...args: unknown[]): unknown => {
    em.beginExecution();
    runs++;
    try {
      return (context[name] as (...a: unknown[]) => unknown)(...args);
    } finally {
      longest = Math.max(longest, em.clock.seconds);
      total += em.clock.seconds;
    }
  };
  const actions: AppsScriptAction[] = [];
  const timed = (action: string, run: () => void) => {
    const before = em.log.length;
    runs = 0;
    longest = 0;
    total = 0;
    run();
    actions.push({ action, seconds: round(longest), totalSeconds: round(total), runs, calls: em.log.length - before });
  };
  timed('Подготовить рабочую книгу района', () => call('menuSetup'));
  timed('Проверить школы по критериям', () => call('menuCheckSchools'));
  timed('Аналитическая справка', () => call('menuReport'));
  timed('Построить вкладку показателей', () => call('menuIndicators'));
  timed('Справочник мероприятий', () => call('menuCatalogue'));
  timed('Обновить защиту листов', () => call('menuProtect'));
  timed('Создать дорожную карту… (все ШНОР)', () => {
    const start = call('apiRoadmapStart') as { schools: Array<{ login: string; status: string }> };
    const schools = start.schools.filter((s) => s.status === 'ШНОР').map((s) => s.login);
    const period = schoolYear(2026);
    const proposals = call('apiRoadmapProposals', { owner: 'schools', schools, period }) as {
      owners: Array<{ owner: string; items: Array<{ code: string; selected: boolean }> }>;
    };
    const selected = Object.fromEntries(proposals.owners.map((o) => [o.owner, o.items.filter((i) => i.selected).map((i) => i.code)]));
    let done: string[] = [];
    for (let k = 0; k < 50; k++) {
      const out = call('apiCreateRoadmaps', { owner: 'schools', schools, period, selected, done }) as {
        kind: string;
        done?: string[];
        message: string;
      };
      if (out.kind !== 'partial') {
        if (out.kind !== 'done') throw new Error(out.message);
        break;
      }
      done = out.done ?? [];
    }
  });
  // With a protection per roadmap tab to make, the refresh after the roadmaps is the heavy one.
  // It works in runs of half the limit, like the roadmaps («выберите … ещё раз»).
  timed('Обновить защиту листов (после карт)', () => {
    for (let k = 0; ; k++) {
      call('menuProtect');
      if (!/^Защита обновлена не полностью: на месте/.test(said)) break;
      if (k === 20) throw new Error(said);
    }
  });
  timed('Обновить защиту листов (без изменений)', () => call('menuProtect'));
  timed('Проверить школы по критериям (после карт)', () => call('menuCheckSchools'));
  timed('Мониторинг дорожных карт (после карт)', () => call('menuMonitor'));
  timed('Аналитическая справка (после карт)', () => call('menuReport'));
  timed('Эффективность программы', () => call('menuEffect'));
  return { schools: n, actions, cells: em.totalCells() };
}

const round = (x: number) => Math.round(x * 10) / 10;

function printAppsScript(reports: AppsScriptReport[]): void {
  process.stdout.write(`\nApps Script (эмулятор, модель времени src/cli/emulator/cost.ts; предел ${LIMIT_SECONDS} с на запуск):\n`);
  const cols = ['действие', ...reports.map((r) => `${r.schools} школ: с / запусков / вызовов`)];
  process.stdout.write(
    `${cols[0]!.padEnd(40)}${cols
      .slice(1)
      .map((c) => c.padEnd(34))
      .join('')}\n`,
  );
  for (const [i, a] of (reports[0]?.actions ?? []).entries()) {
    const cells = reports.map((r) => {
      const x = r.actions[i] as AppsScriptAction;
      return `${x.seconds}${x.runs > 1 ? ` (всего ${x.totalSeconds})` : ''} / ${x.runs} / ${x.calls}`;
    });
    process.stdout.write(`${a.action.padEnd(40)}${cells.map((c) => c.padEnd(34)).join('')}\n`);
  }
  process.stdout.write(`${'ячеек в книге'.padEnd(40)}${reports.map((r) => String(r.cells).padEnd(34)).join('')}\n`);
}

/**
 * The CLI on a region's CSV: `analyze --json` (read and decide) and `analyze -o` (the whole book) at each
 * size; the book's time is shown beside its own read-and-decide time (goal: never more than 30 times it).
 */
export const CLI_SIZES: Array<{ schools: number; mode: 'book' | 'json'; input?: 'csv' | 'xlsx' }> = [
  ...[2_000, 5_000, 40_000].flatMap((schools) => [
    { schools, mode: 'json' as const },
    { schools, mode: 'book' as const },
  ]),
  // The same region as an .xlsx book: read as a stream for the verdicts; for a book its sheet stays in the file (stream-book).
  { schools: 40_000, mode: 'json' as const, input: 'xlsx' as const },
  { schools: 40_000, mode: 'book' as const, input: 'xlsx' as const },
  // Goal: finishes or is refused before work starts (exit 2, the memory estimate), never a crash of V8.
  { schools: 300_000, mode: 'json' as const },
  { schools: 300_000, mode: 'book' as const },
];

export interface CliReport {
  schools: number;
  mode: 'book' | 'json';
  input?: 'csv' | 'xlsx';
  ms: number;
  /** CPU time of the process (user + system): on a shared machine the wall clock also counts others' work. */
  cpuMs: number;
  peakMb: number;
  code: number;
  /** Refused before work started (the memory estimate), with its message. */
  refused?: string;
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

/** The bench district as an .xlsx book (its two-row header merged), written as a stream. */
export async function writeBenchXlsx(n: number, path: string): Promise<void> {
  const ExcelJS = (await import('exceljs')).default;
  const g = benchGrid(n);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const ws = book.addWorksheet(g.sheet);
  for (const m of g.merges ?? []) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
  for (const line of g.values) ws.addRow(line).commit();
  ws.commit();
  await book.commit();
}

async function measureCli(n: number, mode: 'book' | 'json', kind: 'csv' | 'xlsx' = 'csv'): Promise<CliReport> {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { run } = await import('../src/cli/main');
  const dir = mkdtempSync(join(tmpdir(), 'shnor-bench-'));
  try {
    const input = join(dir, `район-${n}.${kind}`);
    if (kind === 'xlsx') await writeBenchXlsx(n, input);
    else writeFileSync(input, benchCsv(n));
    (globalThis as { gc?: () => void }).gc?.();
    const args = mode === 'book' ? ['analyze', input, '-o', join(dir, 'книга.xlsx')] : ['analyze', input, '--json'];
    const cpu = process.cpuUsage();
    const start = performance.now();
    let said = '';
    const code = await run(args, { out: () => undefined, err: (t) => (said += t) });
    const ms = Math.round(performance.now() - start);
    const used = process.cpuUsage(cpu);
    const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const refused = /Работа не начата/.test(said) ? said.trim() : undefined;
    return { schools: n, mode, input: kind, ms, cpuMs: Math.round((used.user + used.system) / 1000), peakMb, code, refused };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cliSizes(): CliReport[] {
  const only = process.argv.indexOf('--schools');
  const sizes = only >= 0 ? (process.argv[only + 1] ?? '').split(',').map(Number) : null;
  return CLI_SIZES.filter((s) => !sizes || sizes.includes(s.schools)).map(({ schools, mode, input = 'csv' }) => {
    const r = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        '--expose-gc',
        '--max-old-space-size=4096',
        fileURLToPath(import.meta.url),
        '--cli',
        String(schools),
        mode,
        input,
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) return { schools, mode, input, ms: -1, cpuMs: -1, peakMb: -1, code: r.status ?? -1 };
    return JSON.parse(r.stdout) as CliReport;
  });
}

/** The book's time over its own read-and-decide time (`--json` on the same file), or '' where either failed. */
export function bookRatio(reports: readonly CliReport[], r: CliReport): string {
  const json = reports.find((x) => x.schools === r.schools && x.mode === 'json' && x.input === r.input);
  if (r.mode !== 'book' || !json || json.ms <= 0 || r.ms <= 0) return '';
  return `${(r.ms / json.ms).toFixed(1).replace('.', ',')}×`;
}

function printCli(reports: CliReport[]): void {
  const [one, five, fifteen] = loadavg().map((x) => x.toFixed(2).replace('.', ','));
  process.stdout.write(`\nКомандная строка на таблице региона (shnor analyze); средняя загрузка ${one} / ${five} / ${fifteen}:\n`);
  const cols = ['школ', 'вход', 'режим', 'время, мс', 'процессор, мс', 'пик памяти, МБ', 'к --json', 'код выхода'];
  process.stdout.write(`${cols.map((c) => c.padEnd(16)).join('')}\n`);
  for (const r of reports) {
    const row = [
      r.schools,
      r.input ?? 'csv',
      r.mode === 'book' ? '-o книга' : '--json',
      r.ms,
      r.cpuMs,
      r.peakMb,
      bookRatio(reports, r),
      r.code === 2 && r.refused ? '2 (отказ до работы)' : r.code,
    ];
    process.stdout.write(`${row.map((c) => String(c).padEnd(16)).join('')}\n`);
  }
}

/** A region's cards: `shnor card --all` on the bench region of 2,000 schools (310 ШНОР). Goal: under a minute. */
export const CARDS_SCHOOLS = 2_000;

export interface CardsReport {
  schools: number;
  files: number;
  ms: number;
  cpuMs: number;
  peakMb: number;
  code: number;
}

async function measureCards(): Promise<CardsReport> {
  const { mkdtempSync, readdirSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { run } = await import('../src/cli/main');
  const dir = mkdtempSync(join(tmpdir(), 'shnor-bench-cards-'));
  try {
    const input = join(dir, `район-${CARDS_SCHOOLS}.csv`);
    writeFileSync(input, benchCsv(CARDS_SCHOOLS));
    const out = join(dir, 'карточки');
    const cpu = process.cpuUsage();
    const start = performance.now();
    const code = await run(['card', input, '--all', '--out-dir', out], { out: () => undefined, err: () => undefined });
    const ms = Math.round(performance.now() - start);
    const used = process.cpuUsage(cpu);
    return {
      schools: CARDS_SCHOOLS,
      files: readdirSync(out).length,
      ms,
      cpuMs: Math.round((used.user + used.system) / 1000),
      peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
      code,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cardsChild(): CardsReport {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--cards-child'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as CardsReport;
}

function cardsLine(c: CardsReport): string {
  return (
    `Карточки ОО всех ШНОР региона (shnor card --all, ${c.schools} ОО): ${c.files} книг за ${c.ms} мс ` +
    `(процессор ${c.cpuMs} мс, пик памяти ${c.peakMb} МБ, код выхода ${c.code}); цель — меньше минуты`
  );
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--cards-child')) {
    void measureCards().then((r) => process.stdout.write(JSON.stringify(r)));
    return;
  }
  if (args.includes('--cards')) {
    process.stdout.write(`${cardsLine(cardsChild())}\n`);
    return;
  }
  if (args.includes('--apps-script')) {
    process.stdout.write(JSON.stringify(APPS_SCRIPT_SIZES.map(measureAppsScript)));
    return;
  }
  const sizeArg = args.indexOf('--size');
  if (sizeArg >= 0) {
    process.stdout.write(JSON.stringify(measure(Number(args[sizeArg + 1]))));
    return;
  }
  const cliArg = args.indexOf('--cli');
  if (cliArg >= 0) {
    void measureCli(
      Number(args[cliArg + 1]),
      args[cliArg + 2] === 'json' ? 'json' : 'book',
      args[cliArg + 3] === 'xlsx' ? 'xlsx' : 'csv',
    ).then((r) => process.stdout.write(JSON.stringify(r)));
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
  const gas = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--apps-script'], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (gas.status !== 0) throw new Error(gas.stderr);
  const appsScript = JSON.parse(gas.stdout) as AppsScriptReport[];
  const cli = cliSizes();
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ sizes, appsScript, cli })}\n`);
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
  printAppsScript(appsScript);
  printCli(cli);
  process.stdout.write(`\n${cardsLine(cardsChild())}\n`);
}

/**
 * A region's year through «Загрузить выгрузки…»: 40 ФИС ОКО reports of 2,000 schools each, read and combined
 * as the sidebar does in the browser, then written in batches of UPLOAD_BATCH rows; «Проверить школы…» on
 * the tab written. Calls are those of the batches (one per batch and tab at most).
 */
export function measureRegionUpload(): {
  files: number;
  schools: number;
  rows: number;
  readMs: number;
  batches: number;
  writeMs: number;
  calls: number;
  checkMs: number;
} {
  const schools: ReportSchool[] = Array.from({ length: 2000 }, (_, i) => {
    const two = Math.round(((i * 37) % 400) / 10);
    return {
      login: `sch${String(500000 + i)}`,
      name: `МБОУ «СОШ № ${i + 1}»`,
      participants: 20 + (i % 80),
      marks: [two, 40, 45 - two / 2, 15 - two / 2],
    };
  });
  const files = Array.from({ length: 40 }, (_, i) => {
    const spec: ReportSpec = {
      exam: 'ВПР',
      subject: i % 2 ? 'Математика' : 'Русский язык',
      grade: 4 + (Math.floor(i / 2) % 5),
      year: 2023 + Math.floor(i / 10),
      region: 'Энская область',
      municipality: 'Энская область',
      header: i % 3 ? 'two-row' : 'one-row',
      indent: true,
      titleOrder: 'usual',
    };
    return { name: `отчёт ${i + 1}.xlsx`, grid: { sheet: 'Статистика по отметкам', ...marksReport(spec, schools) } };
  });
  let start = performance.now();
  const combined = combineFiles(files.map((f) => readSource(f.name, [f.grid])));
  const rows = combinedRows(combined.records).slice(1);
  const readMs = Math.round(performance.now() - start);
  const wb = new MemoryWorkbook([{ sheet: 'Лист1', values: [] }]);
  wb.resetCalls();
  start = performance.now();
  let batches = 0;
  for (let i = 0; i < rows.length; i += UPLOAD_BATCH, batches++)
    uploadRows(wb, { files: files.map((f) => f.name), first: i === 0, results: rows.slice(i, i + UPLOAD_BATCH), comparison: [] });
  const writeMs = Math.round(performance.now() - start);
  const calls = wb.totalCalls;
  start = performance.now();
  analyze(wb);
  const checkMs = Math.round(performance.now() - start);
  return { files: files.length, schools: schools.length, rows: rows.length, readMs, batches, writeMs, calls, checkMs };
}

/** Ф1 of a region, in a process of its own (its peak memory is its own); `--pupils` alone runs only this. */
function pupilsChild(): PupilsReport {
  const r = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), '--pupils-child'], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as PupilsReport;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--pupils-child')) {
  process.stdout.write(`${JSON.stringify(await measurePupils())}\n`);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--pupils')) {
  process.stdout.write(`${pupilsLines(pupilsChild()).join('\n')}\n`);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--figures')) {
  process.stdout.write(`${figuresLines(await measureFigures()).join('\n')}\n`);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main();
  // The region's upload is part of the whole report only: not of a measuring child, nor of --cli-only.
  if (!['--json', '--size', '--cli', '--cli-only', '--apps-script', '--cards', '--cards-child'].some((a) => process.argv.includes(a))) {
    const u = measureRegionUpload();
    process.stdout.write(
      `\nВыгрузки региона за год («Загрузить выгрузки…»): ${u.files} файлов по ${u.schools} ОО, ${u.rows} строк — ` +
        `чтение и сведение ${u.readMs} мс, запись ${u.batches} частями ${u.writeMs} мс (${u.calls} вызовов), проверка ${u.checkMs} мс\n`,
    );
    process.stdout.write(`\n${pupilsLines(pupilsChild()).join('\n')}\n`);
    process.stdout.write(`\n${figuresLines(await measureFigures()).join('\n')}\n`);
  }
}
