/**
 * `shnor roadmap <file> [-o out.xlsx]`: the «Создать дорожную карту…» action from the command line, with
 * the sidebar's choices as options — the district or schools, the period, the blocks, ШНСУ marks. Without
 * -o it prints what would be proposed, with the reasons; with -o it writes the book with one tab per roadmap.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { commandArgs } from './command-args';
import { createRoadmaps, type CreateRequest, roadmapProposals, roadmapStart } from '../actions/roadmap';
import { cellDate, periodLabel } from '../core/roadmap-sheet';
import { describeProblem, NotAResultTableError } from '../core/results';
import { failure } from './messages';
import { schoolYear, type Period } from '../core/terms';
import { plural } from '../core/text';
import { checkOutput, saveBook, withBook } from './book';
import { errnoText, InputError, readGrids } from './input';
import { checkMemory, incompleteText, type Inputs, loadInputs, runEstimate } from './inputs';
import { loginKey } from '../core/login';
import type { XlsxWorkbook } from '../workbook/xlsx';
import type { Io } from './main';
import { Progress, STEP_NAMES } from './progress';

export const ROADMAP_HELP = `shnor roadmap — дорожные карты района и школ (пункт меню «Создать дорожную карту…»)

Использование:
  shnor roadmap <файл.xlsx|файл.csv> [параметры]               что будет предложено и почему
  shnor roadmap <файл.xlsx|файл.csv> -o книга.xlsx [параметры]  записать книгу с вкладками «ДК …»
  shnor roadmap <файл|папка>... [параметры]                     несколько файлов и папок выгрузок вместе
  shnor roadmap <файл.xlsx|файл.csv> --out-dir ПАПКА           по книге на школу (и на район)

Кому:
  --district             дорожная карта района (МППКО)
  --schools ЛОГИНЫ       школы через запятую (ШППКО); без --district и --schools — все ШНОР
Период (по умолчанию текущий учебный год, с 1 сентября по московскому времени):
  --year ГОД             учебный год, который начинается в этом году: 2026 — это 2026/27
  --from ДАТА --to ДАТА  свой период (дд.мм.гггг или гггг-мм-дд)
Что включить:
  --blocks "А;Б"         только эти блоки (через «;»), по умолчанию все
  --all                  все предложенные мероприятия, а не только отмеченные по результатам школы
  --shnsu ЛОГИНЫ         школы, которые методист относит к ШНСУ сверх индекса реестра «Школы»
  --sheet ИМЯ            лист результатов (без него — единственный подходящий видимый лист)
  --yes                  заменить уже созданные карты того же периода (строки, изменённые или
                         добавленные людьми, сохраняются)
  -o, --output ФАЙЛ      куда записать книгу (.xlsx); входной файл не меняется
  --out-dir ПАПКА        каждую карту — отдельной книгой в папку: «логин Название ОО.xlsx»
                         (карта района — «Район.xlsx»); так пишутся карты сотен школ региона
  --progress             показывать ход работы на stderr и тогда, когда это не терминал
  -h, --help             эта справка

Коды выхода: 0 — готово; 1 — готово, но в таблице есть нечитаемые ячейки; 2 — не удалось выполнить.`;

const OPTIONS = {
  district: { type: 'boolean' },
  schools: { type: 'string' },
  year: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  blocks: { type: 'string' },
  all: { type: 'boolean' },
  shnsu: { type: 'string' },
  sheet: { type: 'string' },
  yes: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  'out-dir': { type: 'string' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const list = (text: string | undefined, sep: RegExp) =>
  (text ?? '')
    .split(sep)
    .map((x) => x.trim())
    .filter((x) => x !== '');

function periodOf(values: { year?: string; from?: string; to?: string }, fallback: Period): Period {
  if (values.from !== undefined || values.to !== undefined) {
    const from = cellDate(values.from ?? '');
    const to = cellDate(values.to ?? '');
    if (!from || !to) throw new InputError('Период: укажите обе даты --from и --to (дд.мм.гггг или гггг-мм-дд).');
    return { from, to };
  }
  if (values.year !== undefined) {
    if (!/^\d{4}$/.test(values.year.trim())) throw new InputError(`--year: ожидается год, например 2026, а не «${values.year}».`);
    return schoolYear(Number(values.year));
  }
  return fallback;
}

export async function runRoadmap(argv: string[], io: Io): Promise<number> {
  const args = commandArgs('roadmap', argv, OPTIONS, `${ROADMAP_HELP}\n`, io);
  if (typeof args === 'number') return args;
  const { values, positionals, fail } = args;
  if (positionals.length === 0) return fail('Укажите файл книги (.xlsx) или таблицы результатов (.csv), или папку выгрузок.');
  if (values.district && values.schools) return fail('Либо --district, либо --schools: карты района и школ создаются отдельно.');
  const input = positionals.length === 1 ? (positionals[0] as string) : null;
  const output = values.output as string | undefined;
  const outDir = values['out-dir'] as string | undefined;
  if (output !== undefined && outDir !== undefined) return fail('Либо -o (одна книга), либо --out-dir (книга на каждую карту).');
  const S = STEP_NAMES;
  const bar = Progress.on(
    io.progress,
    output || outDir ? [S.read, S.check, S.roadmaps, S.write] : [S.read, S.check],
    values.progress === true,
  );
  try {
    if (output) checkOutput(input, output);
    bar.step(S.read);
    // The roadmaps are written into the input's book: a book's memory and time.
    const estimate = runEstimate(positionals, await checkMemory(positionals, 'book', false), 'roadmap');
    if (estimate) {
      bar.clear();
      io.err(estimate);
    }
    let grids: Awaited<ReturnType<typeof readGrids>>;
    let book = input;
    let problems: string[] = [];
    let parses: Inputs['parses'] = [];
    try {
      const inputs = await loadInputs(positionals, values.sheet as string | undefined);
      ({ grids, parses } = inputs);
      book = inputs.file;
      problems = inputs.table.problems.filter((p) => p.severity === 'ошибка').map(describeProblem);
      if (inputs.incomplete) io.out(`${incompleteText(inputs.incomplete)}\n`);
    } catch (e) {
      // A book without results still has the district's roadmap; schools need their verdicts.
      if (!(e instanceof NotAResultTableError) || !values.district || input === null) throw e;
      grids = await readGrids(input);
    }
    // Should an action need a sheet left in the file whole, the work is done again on the whole book (withBook).
    return await withBook(book, grids, parses, async (wb) => {
      bar.step(S.check);
      const start = roadmapStart(wb, { sheet: values.sheet as string | undefined });
      const period = periodOf(values as { year?: string; from?: string; to?: string }, start.period);
      let schools = list(values.schools as string | undefined, /[,;\s]+/).map((s) => s.toLowerCase());
      if (!values.district && schools.length === 0) {
        schools = start.schools.filter((s) => s.status === 'ШНОР').map((s) => s.login);
        if (schools.length === 0) throw new InputError('В таблице нет ШНОР: укажите школы в --schools или карту района --district.');
      }
      // sch… and edu… with the same digits are one school: the login is taken as the results show it.
      const known = new Map(start.schools.map((s) => [loginKey(s.login), s.login]));
      const unknown = schools.filter((s) => !known.has(loginKey(s)));
      schools = schools.map((s) => known.get(loginKey(s)) ?? s);
      if (unknown.length > 0) throw new InputError(`Нет таких школ ни в результатах, ни в реестре: ${unknown.join(', ')}.`);
      const request: CreateRequest = {
        owner: values.district ? 'district' : 'schools',
        schools: values.district ? undefined : schools,
        period,
        blocks: list(values.blocks as string | undefined, /;/),
        sheet: start.resultSheet ?? undefined,
        shnsu: list(values.shnsu as string | undefined, /[,;\s]+/).map((s) => s.toLowerCase()),
        selected: {},
        confirmed: values.yes === true,
      };
      const proposals = roadmapProposals(wb, request);
      if ('error' in proposals) throw new InputError(proposals.error);
      for (const o of proposals.owners) request.selected[o.owner] = o.items.filter((i) => values.all || i.selected).map((i) => i.code);
      if (outDir !== undefined) {
        bar.step(S.roadmaps);
        const { written, warnings } = await writeBooks(input, wb, request, proposals.owners, outDir);
        bar.clear();
        io.out(`Книг записано: ${written.length} — в папку ${outDir}\n`);
        for (const w of warnings) io.out(`${w}\n`);
        for (const p of problems) io.err(`${p}\n`);
        return problems.length > 0 ? 1 : 0;
      }
      if (!output) {
        bar.clear();
        io.out(proposalText(proposals.owners, period, values.all === true));
        for (const n of proposals.notes) io.out(`${n}\n`);
        for (const p of problems) io.err(`${p}\n`);
        return problems.length > 0 ? 1 : 0;
      }
      bar.step(S.roadmaps);
      const outcome = createRoadmaps(wb, request);
      if (outcome.kind === 'confirm')
        throw new InputError(
          `${outcome.message.replace(/\n/g, ' ')} Чтобы заменить, добавьте --yes (изменённые людьми строки сохранятся).`,
        );
      // No `stale` asked for: made by the current data, the message warning when the check was of others.
      if (outcome.kind === 'failed' || outcome.kind === 'stale') throw new InputError(outcome.message);
      bar.step(S.write);
      await saveBook(wb, output);
      bar.clear();
      io.out(`${outcome.message}\nКнига записана: ${output}\n`);
      for (const p of problems) io.err(`${p}\n`);
      return problems.length > 0 ? 1 : 0;
    });
  } catch (e) {
    bar.clear();
    return failure(e, io);
  }
}

/** Up to this many roadmaps are made in one pass over the results; each is then moved into its own book. */
const BATCH = 25;

/** A file name from a login and a school name: no characters a file system forbids, not too long. */
export function bookFileName(owner: string, ownerName: string, district: boolean): string {
  const base = district ? 'Район' : `${owner} ${ownerName}`;
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120)
    .trim();
  return `${clean || owner}.xlsx`;
}

/**
 * One book per roadmap in `dir`; made in batches, each tab moved into its own book as soon as it is made.
 * Returns the books and the warnings of the batches' messages (the data differ from the last check), once each.
 */
async function writeBooks(
  input: string | null,
  wb: XlsxWorkbook,
  request: CreateRequest,
  owners: Owners,
  dir: string,
): Promise<{ written: string[]; warnings: string[] }> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`Не удалось создать папку ${dir}: ${errnoText(e)}.`);
  }
  const written: string[] = [];
  const warnings = new Set<string>();
  const make = async (batch: Owners): Promise<void> => {
    const req: CreateRequest = {
      ...request,
      schools: request.owner === 'district' ? undefined : batch.map((o) => o.owner),
      selected: Object.fromEntries(batch.map((o) => [o.owner, request.selected[o.owner] ?? []])),
    };
    const outcome = createRoadmaps(wb, req);
    if (outcome.kind === 'failed' && batch.length > 1) {
      // Two schools whose tabs would share a name: one at a time, each in its own book.
      for (const o of batch) await make([o]);
      return;
    }
    if (outcome.kind === 'confirm')
      throw new InputError(`${outcome.message.replace(/\n/g, ' ')} Чтобы заменить, добавьте --yes (изменённые людьми строки сохранятся).`);
    if (outcome.kind === 'failed' || outcome.kind === 'stale') throw new InputError(outcome.message);
    for (const line of outcome.message.split('\n')) if (line.startsWith('Внимание: ')) warnings.add(line);
    outcome.sheets.forEach((sheet, i) => {
      const o = batch.find((x) => x.sheet === sheet) ?? (batch[i] as Owners[number]);
      const path = join(dir, bookFileName(o.owner, o.ownerName, request.owner === 'district'));
      checkOutput(input, path);
      pending.push(saveBook(wb.takeSheet(sheet), path).then(() => void written.push(path)));
    });
    await Promise.all(pending.splice(0));
  };
  const pending: Promise<void>[] = [];
  for (let i = 0; i < owners.length; i += BATCH) await make(owners.slice(i, i + BATCH));
  return { written, warnings: [...warnings] };
}

type Owners = Extract<ReturnType<typeof roadmapProposals>, { owners: unknown }>['owners'];

function proposalText(owners: Owners, period: Period, all: boolean): string {
  const out: string[] = [];
  for (const o of owners) {
    const chosen = o.items.filter((i) => all || i.selected);
    out.push(`${o.ownerName} — вкладка «${o.sheet}», ${periodLabel(period)}${o.exists ? ' (уже есть: замена только с --yes)' : ''}`);
    if (o.profile.length > 0) out.push(`  ${o.profile.join('; ')}`);
    if (o.problem) out.push(`  не записать: ${o.problem}`);
    out.push(
      `  мероприятий: ${chosen.length} из ${o.items.length} ${plural(o.items.length, ['предложенного', 'предложенных', 'предложенных'])}`,
    );
    let block = '';
    for (const i of chosen) {
      if (i.block !== block) {
        block = i.block;
        out.push(`  ${block}`);
      }
      out.push(`    • ${i.activity}${i.term ? ` (${i.term})` : ''}`);
      if (i.reasons.length > 0) out.push(`      почему: ${i.reasons.join('; ')}`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
