import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
/** The command-line shell: `shnor analyze <file.xlsx|file.csv> [--preset ID] [--threshold PERCENT] [--json]`. */
import { parseArgs } from 'node:util';
import { type Criteria, CriteriaError, DEFAULT_PRESET_ID, findPreset, PRESETS, presetCriteria, validateCriteria } from '../core/criteria';
import { describeProblem, type Grid, parseResultTable, type ResultTable } from '../core/results';
import { columnLetter, parseNumberCell } from '../core/text';
import { type Assessment, assess, reasonsText, STATUSES, summaryLine } from '../core/verdict';
import { analyze, trendYears } from '../actions/analyze';
import { worstTrend } from '../core/dynamics';
import { buildIndicators } from '../actions/indicators';
import { writeCatalogue } from '../actions/catalogue';
import { createRoadmaps, type CreateRequest, roadmapProposals, roadmapStart } from '../actions/roadmap';
import { REPORT_SHEET, writeReport } from '../actions/report';
import type { ReportBlock } from '../core/report';
import { writeSettings } from '../actions/settings';
import { forgetParses } from '../actions/shared-table';
import {
  CRITERIA_FIELDS,
  DEFAULT_DYNAMICS_THRESHOLD,
  DEFAULT_RESULT_SHEET,
  defaultsSentence,
  defaultsText,
  noSettingsTabSentence,
  type Settings,
  SETTINGS_SHEET,
  settingsFromRows,
} from '../core/settings';
import { MemoryWorkbook } from '../workbook/memory';
import { loadBeyond } from '../actions/beyond';
import { findingsJson, type SchoolFindingsJson } from './findings-json';
import { XlsxWorkbook } from '../workbook/xlsx';
import { checkOutput, saveBook, saveDocx, withBook, withParses } from './book';
import { CARD_HELP, runCard } from './card';
import { COMPARE_HELP, runCompare } from './compare';
import { MONITOR_HELP, runMonitor } from './monitor';
import { ROADMAP_HELP, runRoadmap } from './roadmap';
import { runTemplate, TEMPLATE_HELP } from './template';
import { InputError } from './input';
import { failure, oneLine } from './messages';
export { internalErrorText } from './messages';
import { replaceRows, styleLongTab } from '../actions/gather';
import { PUPILS_SHEET } from '../core/pupils-tab';
import { COMBINED_SHEET } from '../core/combine';
import { LEVELS_SHEET } from '../core/levels';
import { COMPARISON_SHEET } from '../core/objectivity';
import { checkMemory, incompleteText, type Inputs, loadInputs, readingLines, runEstimate } from './inputs';
import { describeSheet, type FileReading, fileStatus, READING_SHEET, skippedReason } from '../core/sources';
import { Progress, type ProgressStream, STEP_NAMES, type StepName } from './progress';

/**
 * A district-sized list of ШНОР schools gets its roadmaps as tabs of the book; a region's would be hundreds
 * of tabs nobody opens in one book (and minutes of writing): those go one book per school with
 * `shnor roadmap --out-dir`.
 */
export const ROADMAPS_IN_BOOK = 40;

export const EXIT = { done: 0, problems: 1, failed: 2 } as const;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where the progress bar is drawn (stderr): only when it is a terminal, or with --progress. */
  progress?: ProgressStream;
}

const EXIT_CODES =
  'Коды выхода: 0 — готово; 1 — готово, но в таблице есть нечитаемые ячейки (см. отчёт) или не прочитан файл с результатами (вердикт неполный); 2 — не удалось выполнить.';

const MANY_INPUTS = `Вместо одного файла можно указать несколько файлов и папок (.xlsx и .csv любого из понятных
видов вперемешку, в том числе отчёты ФИС ОКО «Статистика по отметкам» и «Сравнение отметок с
отметками по журналу»): они сводятся в одну таблицу «Результаты ФИС ОКО»; школа — одна по логину.`;

const CRITERIA_OPTIONS = `  --preset ID          набор критериев (по умолчанию ${DEFAULT_PRESET_ID}):
${PRESETS.map((p) => `                         ${p.id} — ${p.name}`).join('\n')}
  --threshold ПРОЦЕНТ  порог доли «2», например 30 или 25,5
  --sheet ИМЯ          лист с результатами (без него — единственный подходящий видимый лист)`;

const COMMON_OPTIONS = `  --progress           показывать ход работы на stderr и тогда, когда это не терминал
                       (в терминале он показывается сам; stdout остаётся чистым)
  -h, --help           эта справка`;

/** `shnor <command> --help`, one text per command. */
export const COMMAND_HELP: Record<string, string> = {
  card: CARD_HELP,
  compare: COMPARE_HELP,
  monitor: MONITOR_HELP,
  roadmap: ROADMAP_HELP,
  template: TEMPLATE_HELP,
  analyze: `shnor analyze — применить критерии ШНОР к таблице результатов

Использование:
  shnor analyze <файл.xlsx|файл.csv> [параметры]
  shnor analyze <файл|папка>... [параметры]

${MANY_INPUTS}

Печатает таблицу: статус каждой ОО (ШНОР, зона риска, норма, нет данных), причины и отчёт о чтении
таблицы (лист, строка, столбец каждой нечитаемой ячейки).

Параметры:
${CRITERIA_OPTIONS}
  --json               вывести один документ JSON вместо таблицы
  -o, --output ФАЙЛ    записать книгу .xlsx с вкладками надстройки: «ШНОР: итоги», раскрашенный
                       лист результатов, «Показатели», «Показатели ОО», «Аналитическая справка»,
                       «Справочник мероприятий», дорожные карты ШНОР на текущий учебный год
                       («ДК …», если ШНОР не больше ${ROADMAPS_IN_BOOK}; больше — shnor roadmap --out-dir;
                       уже созданные не меняются), «Настройки ШНОР» (вход не меняется)
  --docx ФАЙЛ          вместе с -o: записать и аналитическую справку документом Word (.docx)
${COMMON_OPTIONS}

Примеры:
  shnor analyze sample/district.xlsx
  shnor analyze sample/fisoko/
  shnor analyze results.csv --preset rosobrnadzor-2025-or --threshold 25 --json
  shnor analyze results.xlsx -o checked.xlsx --docx справка.docx

${EXIT_CODES}
`,
  report: `shnor report — текст аналитической справки

Использование:
  shnor report <файл.xlsx|файл.csv> [параметры]
  shnor report <файл|папка>... [параметры]

Печатает по абзацам тот же текст, что пункт меню «Аналитическая справка» пишет на вкладку: критерии,
итоги и перечень ШНОР с основаниями, изменение перечня, динамику, показатели, выводы. Строка таблицы
печатается одной строкой, ячейки разделены « | ».

Параметры:
${CRITERIA_OPTIONS}
  --docx ФАЙЛ          записать справку документом Word: A4, Times New Roman 14, интервал 1,5,
                       поля 30 / 10 / 20 / 20 мм, таблицы с повторяющейся строкой заголовков
${COMMON_OPTIONS}

Примеры:
  shnor report sample/district.csv --preset rosobrnadzor-2025-and > справка.txt
  shnor report sample/district.xlsx --docx справка.docx

${EXIT_CODES}
`,
};

const HELP = `shnor — поиск школ с низкими образовательными результатами (ШНОР)

Команды:
  shnor analyze <файл.xlsx|файл.csv> [параметры]   применить критерии к таблице результатов
  shnor report <файл.xlsx|файл.csv> [параметры]    текст аналитической справки
  shnor compare <файл> --a НАБОР --b НАБОР         сравнить два набора критериев: кто различается и почему
  shnor roadmap <файл> [-o книга.xlsx | --out-dir ПАПКА]  дорожные карты района и школ
  shnor monitor <книга.xlsx> [-o книга.xlsx]      мониторинг дорожных карт, напоминания, эффективность
  shnor card <файл> --school ЛОГИН -o карточка.xlsx  карточка ОО (--all --out-dir ПАПКА — всех ШНОР)
  shnor template -o район.xlsx                     пустая подготовленная книга района

Вместо файла везде можно указать несколько файлов и папок выгрузок (в том числе отчёты ФИС ОКО).
  shnor <команда> --help                           параметры команды

Параметры analyze:
${CRITERIA_OPTIONS}
  --json               вывести один документ JSON вместо таблицы
  -o, --output ФАЙЛ    записать книгу .xlsx с вкладками надстройки: «ШНОР: итоги», раскрашенный
                       лист результатов, «Показатели», «Показатели ОО», «Аналитическая справка»,
                       «Справочник мероприятий», дорожные карты ШНОР на текущий учебный год
                       («ДК …», если ШНОР не больше ${ROADMAPS_IN_BOOK}; больше — shnor roadmap --out-dir;
                       уже созданные не меняются), «Настройки ШНОР» (вход не меняется)
${COMMON_OPTIONS}

${EXIT_CODES}
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    if (topic !== undefined && COMMAND_HELP[topic] === undefined) {
      io.err(`Неизвестная команда «${topic}». Справка: shnor --help`);
      return EXIT.failed;
    }
    io.out(topic !== undefined ? (COMMAND_HELP[topic] as string) : HELP);
    return command === undefined ? EXIT.failed : EXIT.done;
  }
  if (command === 'compare') return runCompare(rest, io);
  if (command === 'card') return runCard(rest, io);
  if (command === 'roadmap') return runRoadmap(rest, io);
  if (command === 'monitor') return runMonitor(rest, io);
  if (command === 'template') return runTemplate(rest, io);
  if (command !== 'analyze' && command !== 'report') {
    io.err(`Неизвестная команда «${command}». Справка: shnor --help`);
    return EXIT.failed;
  }
  let args: ReturnType<typeof parseAnalyzeArgs>;
  try {
    args = parseAnalyzeArgs(rest);
  } catch (e) {
    io.err(`${(e as Error).message} Справка: shnor ${command} --help`);
    return EXIT.failed;
  }
  if (args.help) {
    io.out(COMMAND_HELP[command] as string);
    return EXIT.done;
  }
  if (command === 'analyze' && args.docx !== undefined && args.output === undefined) {
    io.err('Параметр --docx записывает справку вместе с книгой: укажите и -o ФАЙЛ.xlsx (или используйте shnor report --docx).');
    return EXIT.failed;
  }
  if (command === 'report' && (args.json || args.output !== undefined)) {
    io.err(`Команда report не принимает ${args.json ? '--json' : '-o'}: справка печатается текстом. Справка: shnor report --help`);
    return EXIT.failed;
  }
  const S = STEP_NAMES;
  const steps: StepName[] =
    command === 'report'
      ? [S.read, S.check, S.report]
      : args.output !== undefined
        ? [S.read, S.check, S.summary, S.indicators, S.roadmaps, S.report, S.write]
        : [S.read, S.check];
  const bar = Progress.on(io.progress, steps, args.progress);
  try {
    bar.step(S.read);
    const weight = await checkMemory(args.files, args.output !== undefined ? 'book' : 'json');
    const estimate = runEstimate(args.files, weight, args.output !== undefined ? 'book' : 'json');
    if (estimate) {
      bar.clear();
      io.err(estimate);
    }
    const inputs = await loadInputs(args.files, args.sheet);
    // Files with results that were not read: said before anything else, and the run ends with code 1.
    const incomplete = inputs.incomplete ? incompleteText(inputs.incomplete) : '';
    const { criteria, bookSettings, notes, defaults } = chooseCriteria(inputs.grids, args.preset, args.threshold);
    const settingsWith = (resultSheet: string): Settings => ({
      ...(bookSettings ?? { dynamicsThreshold: DEFAULT_DYNAMICS_THRESHOLD }),
      criteria,
      resultSheet,
    });
    bar.step(S.check);
    const checked = check(
      inputs,
      criteria,
      settingsWith(inputs.table.sheet),
      notes,
      command === 'report' ? 'none' : args.json ? 'json' : 'text',
    );
    const warn = () => {
      for (const n of notes) io.err(`Внимание: ${oneLine(n)}`);
    };
    const code = checked.failed || incomplete !== '' ? EXIT.problems : EXIT.done;
    const sheet = checked.sheet;
    if (command === 'report') {
      // The same action as the menu item, on an in-memory copy of the input.
      bar.step(S.report);
      const wb = withParses(new MemoryWorkbook(inputs.grids), inputs.parses);
      writeSettings(wb, settingsWith(sheet));
      const outcome = writeReport(wb, { sheet, settingsDefaults: defaults });
      if (outcome.kind !== 'done') throw new InputError(outcome.message);
      if (args.docx !== undefined) await saveDocx(inputs.file, args.docx, outcome.blocks);
      bar.clear();
      if (incomplete) io.out(`${incomplete}\n`);
      warn();
      if (args.docx !== undefined) io.out(`Справка записана: ${args.docx}\n`);
      else io.out(`${outcome.lines.join('\n\n')}\n`);
      return code;
    }
    if (args.output !== undefined) {
      // The run's table is let go before the book is written (a region's takes hundreds of megabytes):
      // the book holds what it needs.
      const book = { file: inputs.file, grids: inputs.grids, parses: inputs.parses };
      inputs.grids = [];
      inputs.parses = [];
      inputs.table = { ...inputs.table, schools: [], problems: [] };
      await writeWorkbook(book, args.output, sheet, settingsWith(sheet || DEFAULT_RESULT_SHEET), bar, notes, args.docx, defaults);
    }
    bar.clear();
    // JSON stays one document on stdout: the warning goes first to stderr and into the document.
    if (incomplete) (args.json ? io.err : io.out)(`${incomplete}${args.json ? '' : '\n'}`);
    warn();
    io.out(
      checked.json ? `${JSON.stringify({ ...checked.json, notes, incomplete: inputs.incomplete, ...checked.files })}\n` : checked.text,
    );
    if (args.output !== undefined && !args.json) io.out(`Книга записана: ${args.output}\n`);
    if (args.docx !== undefined && !args.json) io.out(`Справка записана: ${args.docx}\n`);
    return code;
  } catch (e) {
    bar.clear();
    return failure(e, io);
  }
}

/**
 * The verdicts of the input's table and what is printed of them (made now, so that neither the verdicts
 * nor the text's makings are held while a book is written); scale warnings join `notes`.
 */
/** What each input file held, for --json: present only for combined inputs. */
function filesJson(readings: readonly FileReading[]) {
  const files = readings.map((r) => ({
    file: r.file,
    status: fileStatus(r),
    what: r.recognised
      ? r.sheets
          .filter((s) => s.kind !== 'не результаты')
          .map(describeSheet)
          .join('; ')
      : skippedReason(r),
  }));
  return files.length > 0 ? { files } : {};
}

function check(inputs: Inputs, criteria: Criteria, settings: Settings, notes: string[], print: 'json' | 'text' | 'none') {
  const table = inputs.table;
  const assessment = assess(table.schools, criteria);
  notes.push(...scaleWarnings(inputs.grids, table, criteria, assessment));
  // Per school: objectivity markers and weak tasks (from the pupils' results where the input has them).
  const findings = () =>
    findingsJson(
      loadBeyond(
        new MemoryWorkbook(inputs.grids),
        inputs.grids.map((g) => g.sheet),
        table,
        settings,
      ),
    );
  return {
    sheet: table.sheet,
    failed: table.problems.some((p) => p.severity === 'ошибка'),
    json: print === 'json' ? toJson(assessment, table, findings()) : null,
    files: print === 'json' ? filesJson(inputs.readings) : {},
    text: print === 'text' ? toText(assessment, table, inputs.readings) : '',
  };
}

/**
 * Columns whose scale was guessed from their values (all within 0…1: fractions or tiny percentages) are
 * read the other way too; when that would change a school's status, the user is told, naming the columns.
 */
export function scaleWarnings(grids: readonly Grid[], table: ResultTable, criteria: Criteria, a: Assessment): string[] {
  if (table.guesses.length === 0) return [];
  const grid = grids.find((g) => g.sheet === table.sheet);
  if (!grid) return [];
  const flipped = new Map(table.guesses.map((g) => [g.col, !g.fraction]));
  const other = assess(parseResultTable(grid, { percentFormatted: (c) => flipped.get(c) }).schools, criteria);
  const before = new Map(a.verdicts.map((v) => [v.login ?? v.name, v.status]));
  const changed = other.verdicts.filter((v) => before.get(v.login ?? v.name) !== v.status).length;
  if (changed === 0) return [];
  const cols = table.guesses.map((g) => columnLetter(g.col)).join(', ');
  const read = table.guesses[0]?.fraction ? 'как доли (0,4 → 40 %)' : 'как проценты (0,8 → 0,8 %)';
  return [
    `лист «${table.sheet}», столбцы ${cols}: все значения не больше 1 и прочитаны ${read}; при другом прочтении статус изменился бы у ${changed} ОО. Проверьте, в каких единицах столбцы, и при необходимости исправьте таблицу.`,
  ];
}

/**
 * The criteria of a run. A district book keeps its own settings: they stand unless --preset or --threshold
 * is given. A settings value that cannot be read stops the run, naming its row — unless --preset or
 * --threshold is given, which then stands in for the whole tab and says so. Nothing is ever chosen silently.
 */
export function chooseCriteria(
  grids: readonly Grid[],
  preset: string | undefined,
  threshold: string | undefined,
): { criteria: Criteria; bookSettings: Settings | null; notes: string[]; defaults: string } {
  const explicit = preset !== undefined || threshold !== undefined;
  const notes: string[] = [];
  const stored = grids.find((g) => g.sheet === SETTINGS_SHEET);
  const reading = stored ? settingsFromRows(stored.values) : null;
  if (reading && reading.problems.length > 0) {
    const first = (reading.problems[0]?.message ?? '').replace(/\.$/, '');
    const more = reading.problems.length > 1 ? ` (и ещё замечаний: ${reading.problems.length - 1})` : '';
    if (!explicit)
      throw new InputError(
        `${first}${more}. Настройки книги не применены, работа остановлена: исправьте вкладку «${SETTINGS_SHEET}» или задайте критерии явно (--preset, --threshold).`,
      );
    notes.push(
      `вкладка «${SETTINGS_SHEET}» с ошибками не применена (${first}${more}); действуют критерии из --preset/--threshold, остальное — по умолчанию.`,
    );
  }
  const criteria = buildCriteria(preset, threshold);
  const usable = reading && reading.problems.length === 0 ? reading.settings : null;
  // What the tab lacks or leaves empty and the run takes by default is said (criteria given here stand in for the tab's).
  const taken = usable && reading ? reading.defaults.filter((d) => !explicit || !CRITERIA_FIELDS.has(d.field)) : [];
  notes.push(...defaultsText(taken).map(lowerFirst));
  // The same in one sentence for the справка's criteria section (the written book's tab holds every value,
  // so the справка learns it from here, as the add-on's learns it from the tab).
  const defaults = stored ? defaultsSentence(taken) : explicit ? '' : noSettingsTabSentence(criteria.preset);
  if (usable && !explicit) return { criteria: usable.criteria, bookSettings: usable, notes, defaults };
  if (usable && explicit) {
    const given = [preset !== undefined ? `--preset ${preset}` : '', threshold !== undefined ? `--threshold ${threshold}` : ''].filter(
      Boolean,
    );
    notes.push(
      `критерии вкладки «${SETTINGS_SHEET}» заменены параметрами командной строки (${given.join(', ')}); в записанной книге вкладка покажет их.`,
    );
  }
  return { criteria, bookSettings: usable, notes, defaults };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function parseAnalyzeArgs(argv: string[]) {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (e) {
    const m = /'(-[^']+)'/.exec((e as Error).message);
    throw new Error(m ? `Неизвестный или неполный параметр ${m[1]}.` : 'Параметры указаны неверно.');
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true as const, files: [], json: false, progress: false };
  if (positionals.length === 0) throw new Error('Укажите файл с результатами (.xlsx или .csv).');
  return {
    help: false as const,
    files: positionals,
    preset: values.preset,
    threshold: values.threshold,
    sheet: values.sheet,
    json: values.json === true,
    output: values.output,
    docx: values.docx,
    progress: values.progress === true,
  };
}

/**
 * The same action as the menu item, through the .xlsx implementation of the port: the input is loaded
 * (or, for a CSV, put on a sheet of a new book), the settings tab records the criteria, and the book is
 * written to `output`. The input file itself is never written.
 */
async function writeWorkbook(
  inputs: Pick<Inputs, 'file' | 'grids' | 'parses'>,
  output: string,
  sheet: string,
  settings: Settings,
  bar: Progress,
  notes: string[],
  docx?: string,
  /** What the input's settings left to the defaults (chooseCriteria), for the справка. */
  settingsDefaults = '',
) {
  const input = inputs.file;
  checkOutput(input, output);
  // The tables as read, held here only until the tabs are made (a stream book may need them twice, see withBook):
  // the inputs let go of them now, and this holder before the book is written.
  const held: { grids: Grid[]; parses?: Inputs['parses'] } = { grids: inputs.grids, parses: inputs.parses };
  inputs.grids = [];
  inputs.parses = [];
  // «Результаты участников» is written as the add-on writes it (its lists wrapped, rows as tall as they need).
  const pupils = input === null ? held.grids.find((g) => g.sheet === PUPILS_SHEET) : undefined;
  const rows = held.grids.reduce((n, g) => n + g.values.length, 0);
  const said = notes.length;
  const blocks = await withBook(
    input,
    held.grids.filter((g) => g !== pupils),
    held.parses,
    async (wb) => {
      notes.length = said;
      const made = fillBook(wb, input, held.grids, pupils, rows, sheet, settings, bar, notes, settingsDefaults, docx !== undefined);
      held.grids = [];
      held.parses = undefined;
      bar.step(STEP_NAMES.write);
      forgetParses(wb);
      collect(rows);
      await saveBook(wb, output);
      return made;
    },
  );
  if (docx !== undefined) await saveDocx(input, docx, blocks);
}

/** Every tab the menu makes, in the order a methodologist would make them; the справка's blocks. */
function fillBook(
  wb: XlsxWorkbook,
  input: string | null,
  grids: readonly Grid[],
  pupils: Grid | undefined,
  rows: number,
  sheet: string,
  settings: Settings,
  bar: Progress,
  notes: string[],
  settingsDefaults: string,
  /** The справка's blocks are kept for a .docx only (a region's справка is large). */
  keepBlocks: boolean,
): ReportBlock[] {
  let blocks: ReportBlock[] = [];
  if (pupils) replaceRows(wb, wb.sheetNames(), PUPILS_SHEET, pupils.values[0] ?? [], pupils.values.slice(1));
  // Combined inputs: the long tabs are the add-on's own, laid out as «Загрузить выгрузки…» lays them out.
  if (input === null)
    for (const g of grids)
      if ([COMBINED_SHEET, COMPARISON_SHEET, READING_SHEET, LEVELS_SHEET].includes(g.sheet))
        styleLongTab(wb, g.sheet, g.values[0]?.length ?? 0, g.values.length);
  writeSettings(wb, settings);
  collect(rows);
  // Every tab the menu makes, in the order a methodologist would make them. A step answers only whether it
  // was done: its outcome (a region's verdicts, dynamics, markers) is not held through the next steps.
  const steps: Array<[StepName, () => StepSaid]> = [
    [STEP_NAMES.summary, () => said(analyze(wb, { sheet }))],
    [STEP_NAMES.indicators, () => said(buildIndicators(wb, { sheet, template: 'computed' }))],
    // After the roadmaps, so that its conclusions count them; its tab keeps its place before theirs.
    [
      STEP_NAMES.roadmaps,
      () => {
        wb.ensureSheet(REPORT_SHEET);
        return said(shnorRoadmaps(wb, sheet, notes));
      },
    ],
    [
      STEP_NAMES.report,
      () => {
        const out = writeReport(wb, { sheet, settingsDefaults });
        if (out.kind === 'done' && keepBlocks) blocks = out.blocks;
        return said(out);
      },
    ],
  ];
  steps.forEach(([name, step], i) => {
    bar.step(name);
    const outcome = step();
    if (outcome.kind !== 'done') throw new InputError(outcome.message ?? 'Действие не выполнено.');
    // After the last step the write collects, once the parses are let go.
    if (i < steps.length - 1) collect(rows);
  });
  return blocks;
}

type StepSaid = { kind: string; message?: string };
const said = (o: StepSaid): StepSaid => ({ kind: o.kind, message: o.message });

/**
 * A full garbage collection between the steps of a large run: V8 otherwise lets each step's garbage pile up
 * to gigabytes before collecting (the heap limit is a quarter of the machine's memory), and the peak the
 * machine sees is that pile. Within a step, the heap may grow by HEAP_GROWING_PERCENT of what is live
 * before V8 collects (its own choice is up to twice): 40,000 schools' -o peaks at 1.4 GB instead of 1.7 GB
 * for about a tenth more processor time. Small runs never need it.
 */
let fullCollection: (() => void) | null = null;
function collect(rows: number): void {
  if (rows < LARGE_ROWS) return;
  if (!fullCollection) {
    setFlagsFromString('--expose-gc');
    setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    fullCollection = runInNewContext('gc') as () => void;
  }
  fullCollection();
}
const HEAP_GROWING_PERCENT = 30;
const LARGE_ROWS = 5_000;

/**
 * «Справочник мероприятий» and, for every ШНОР school, its roadmap for the current school year with the
 * activities its verdict calls for — as a methodologist would start them. A roadmap that is already in the
 * book is left as it is (the menu item asks before replacing; here nobody can be asked).
 */
function shnorRoadmaps(wb: XlsxWorkbook, sheet: string, notes: string[]): { kind: string; message?: string } {
  writeCatalogue(wb);
  const start = roadmapStart(wb, { sheet });
  const schools = start.schools.filter((s) => s.status === 'ШНОР').map((s) => s.login);
  if (schools.length === 0) return { kind: 'done' };
  if (schools.length > ROADMAPS_IN_BOOK) {
    notes.push(
      `дорожные карты в книгу не записаны: ШНОР ${schools.length}, а вкладки «ДК …» пишутся в книгу не больше чем для ${ROADMAPS_IN_BOOK} школ. Карты всех школ отдельными книгами: shnor roadmap ФАЙЛ --out-dir ПАПКА.`,
    );
    return { kind: 'done' };
  }
  const request: CreateRequest = { owner: 'schools', schools, period: start.period, sheet, selected: {} };
  const proposals = roadmapProposals(wb, request);
  if ('error' in proposals) return { kind: 'failed', message: proposals.error };
  const fresh = proposals.owners.filter((o) => !o.exists && o.problem === '');
  if (fresh.length === 0) return { kind: 'done' };
  for (const o of fresh) request.selected[o.owner] = o.items.filter((i) => i.selected).map((i) => i.code);
  request.schools = fresh.map((o) => o.owner);
  const outcome = createRoadmaps(wb, request);
  if (outcome.kind !== 'failed' || fresh.length < 2) return outcome;
  // Two schools whose names agree for as long as a tab name may be: made one at a time, the second tab
  // gets the school's login in its name instead of the first one's.
  for (const o of fresh) {
    const one = createRoadmaps(wb, { ...request, schools: [o.owner] });
    if (one.kind !== 'done') return one;
  }
  return { kind: 'done' };
}

const OPTIONS = {
  preset: { type: 'string' },
  threshold: { type: 'string' },
  sheet: { type: 'string' },
  json: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  docx: { type: 'string' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function buildCriteria(presetId: string | undefined, threshold: string | undefined): Criteria {
  const id = presetId ?? DEFAULT_PRESET_ID;
  if (!findPreset(id)) throw new CriteriaError([`Нет набора критериев «${id}». Есть: ${PRESETS.map((p) => p.id).join(', ')}.`]);
  const criteria = presetCriteria(id);
  if (threshold !== undefined) {
    const t = parseNumberCell(threshold);
    if (t.kind !== 'number') throw new CriteriaError([`Порог «${threshold}» — не число.`]);
    criteria.threshold = t.value;
  }
  const problems = validateCriteria(criteria);
  if (problems.length > 0) throw new CriteriaError(problems);
  return criteria;
}

function toJson(a: Assessment, table: ResultTable, findings: (key: string) => SchoolFindingsJson) {
  // The worst procedure's %«2» by year: the trend «ШНОР: итоги» draws beside the verdict.
  const years = trendYears(table.years, a.year);
  const schools = new Map(table.schools.map((s) => [s.key, s]));
  const worst = (key: string) => {
    const s = schools.get(key);
    const t = s && a.year !== null ? worstTrend(s, a.criteria, a.year, years) : null;
    return t ? { procedure: t.procedure, years, shares: t.shares } : null;
  };
  return {
    preset: a.criteria.preset,
    year: a.year,
    schools: a.verdicts.map((v) => ({
      login: v.login,
      name: v.name,
      status: v.status,
      rules: v.rules,
      low: v.low.map((l) => ({ procedure: l.procedure, year: l.year, value: l.value })),
      reasons: reasonsText(v),
      worst: worst(v.key),
      ...findings(v.key),
    })),
    problems: table.problems,
  };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function toText(a: Assessment, table: ResultTable, readings: readonly FileReading[]): string {
  const preset = findPreset(a.criteria.preset);
  const lines: string[] = readings.length > 0 ? readingLines(readings) : [];
  lines.push(`Лист «${table.sheet}»: ${table.schools.length} ОО, годы ${table.years.join(', ')}, процедур: ${table.procedures.length}.`);
  lines.push(
    `Критерии: ${preset?.name ?? a.criteria.preset}, порог ${String(a.criteria.threshold).replace('.', ',')} %, год отсчёта ${a.year ?? '—'}.`,
  );
  lines.push(summaryLine(a), '');
  const nameWidth = Math.min(
    44,
    a.verdicts.reduce((w, v) => Math.max(w, v.name.length), 2),
  );
  lines.push(`${pad('Статус', 11)}${pad('Логин', 11)}${pad('ОО', nameWidth + 2)}Причины`);
  for (const status of STATUSES) {
    for (const v of a.verdicts.filter((x) => x.status === status)) {
      const reasons = reasonsText(v);
      const name = v.name.length > nameWidth ? `${v.name.slice(0, nameWidth - 1)}…` : v.name;
      lines.push(`${pad(v.status, 11)}${pad(v.login ?? '—', 11)}${pad(name, nameWidth + 2)}${reasons[0] ?? ''}`);
      for (const r of reasons.slice(1)) lines.push(`${' '.repeat(22 + nameWidth + 2)}${r}`);
    }
  }
  if (table.problems.length > 0) {
    lines.push('', `Замечания при чтении таблицы (${table.problems.length}):`);
    for (const p of table.problems) lines.push(`  [${p.severity}] ${describeProblem(p)}`);
  } else {
    lines.push('', 'Таблица прочитана без замечаний.');
  }
  return `${lines.join('\n')}\n`;
}
