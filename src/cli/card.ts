/**
 * `shnor card`: «Карточка ОО» offline — one school's card as a book (.xlsx, the tab the menu item draws) and
 * as a Word document (the same figures' captions and numbers), or one card per ШНОР into a folder. The
 * inputs are read and the verdicts made once, whatever the number of cards.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { commandArgs } from './command-args';
import { cardChoices, cardOf, findVerdict, loadCardData, unknownSchool, writeCardTab } from '../actions/card';
import { writeSettings } from '../actions/settings';
import { CARD_SHEET, cardBlocks } from '../core/card';
import { describeProblem } from '../core/results';
import { DEFAULT_DYNAMICS_THRESHOLD, type Settings } from '../core/settings';
import { plural } from '../core/text';
import type { Verdict } from '../core/verdict';
import { MemoryWorkbook } from '../workbook/memory';
import { XlsxWorkbook } from '../workbook/xlsx';
import { checkOutput, saveBook, saveDocx, withParses } from './book';
import { errnoText, InputError } from './input';
import { incompleteText, loadInputs } from './inputs';
import { chooseCriteria, type Io } from './main';
import { failure, oneLine } from './messages';
import { Progress, STEP_NAMES } from './progress';
import { bookFileName } from './roadmap';

export const CARD_HELP = `shnor card — карточка ОО (пункт меню «Карточка ОО»)

Использование:
  shnor card <файл|папка>... --school ЛОГИН -o карточка.xlsx [--docx карточка.docx]
  shnor card <файл|папка>... --all --out-dir ПАПКА [--word]

Карточка одной школы: статус и основания, ШНСУ / резильентная, признаки необъективности, рисунки
с числами рядом — доля «2» по годам (школа, район, порог) по каждой процедуре, отметки «2»–«5»
года отсчёта, где есть индивидуальные результаты — первичные баллы с границами отметок и выполнение
заданий со слабыми заданиями, мероприятия дорожной карты. Числа те же, что на листе «ШНОР: итоги».

Параметры:
  --school ЛОГИН       школа (логин sch…/edu…; логины — в столбце «Логин» листа «ШНОР: итоги»
                       или в выводе shnor analyze ФАЙЛ)
  -o, --output ФАЙЛ    записать карточку книгой .xlsx (вкладка «${CARD_SHEET}»)
  --docx ФАЙЛ          записать карточку документом Word (.docx)
  --all                карточки всех ШНОР — каждая своей книгой в папку --out-dir
  --out-dir ПАПКА      куда писать карточки с --all: «логин Название ОО.xlsx»
  --word               с --all: и документ Word рядом с каждой книгой
  --preset ID, --threshold ПРОЦЕНТ  критерии, как у shnor analyze (без них — из книги или по умолчанию)
  --sheet ИМЯ          лист с результатами (без него — единственный подходящий видимый лист)
  --progress           показывать ход работы на stderr и тогда, когда это не терминал
  -h, --help           эта справка

Примеры:
  shnor card sample/district.xlsx --school sch771012 -o карточка.xlsx --docx карточка.docx
  shnor card выгрузки/ --all --out-dir карточки --word

Коды выхода: 0 — готово; 1 — готово, но в таблице есть нечитаемые ячейки или не прочитан файл с результатами; 2 — не удалось выполнить.`;

const OPTIONS = {
  school: { type: 'string' },
  output: { type: 'string', short: 'o' },
  docx: { type: 'string' },
  all: { type: 'boolean' },
  'out-dir': { type: 'string' },
  word: { type: 'boolean' },
  preset: { type: 'string' },
  threshold: { type: 'string' },
  sheet: { type: 'string' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runCard(argv: string[], io: Io): Promise<number> {
  const args = commandArgs('card', argv, OPTIONS, `${CARD_HELP}\n`, io);
  if (typeof args === 'number') return args;
  const { values, positionals, fail } = args;
  if (positionals.length === 0) return fail('Укажите файл с результатами (.xlsx или .csv) или папку выгрузок.');
  const all = values.all === true;
  const outDir = values['out-dir'];
  if (all && values.school !== undefined) return fail('Либо --school (одна карточка), либо --all (карточки всех ШНОР).');
  if (all && outDir === undefined) return fail('С --all укажите папку: --out-dir ПАПКА.');
  if (all && (values.output !== undefined || values.docx !== undefined))
    return fail('С --all карточки пишутся в папку --out-dir (документы Word рядом — --word), а не в -o или --docx.');
  if (!all && values.school === undefined)
    return fail(
      'Укажите школу: --school ЛОГИН (логины — в столбце «Логин» листа «ШНОР: итоги» или в выводе shnor analyze ФАЙЛ), или --all --out-dir ПАПКА.',
    );
  if (!all && values.output === undefined && values.docx === undefined)
    return fail('Укажите, куда записать карточку: -o карточка.xlsx и/или --docx карточка.docx.');
  if (!all && (outDir !== undefined || values.word)) return fail('--out-dir и --word — для --all.');
  const input = positionals.length === 1 ? (positionals[0] as string) : null;
  const S = STEP_NAMES;
  const bar = Progress.on(io.progress, [S.read, S.check, S.write], values.progress === true);
  try {
    if (values.output !== undefined) checkOutput(input, values.output);
    if (values.docx !== undefined) checkOutput(input, values.docx, '--docx');
    bar.step(S.read);
    const inputs = await loadInputs(positionals, values.sheet);
    const problems = inputs.table.problems.filter((p) => p.severity === 'ошибка').map(describeProblem);
    const { criteria, bookSettings, notes } = chooseCriteria(inputs.grids, values.preset, values.threshold);
    const settings: Settings = {
      ...(bookSettings ?? { dynamicsThreshold: DEFAULT_DYNAMICS_THRESHOLD }),
      criteria,
      resultSheet: inputs.table.sheet,
    };
    bar.step(S.check);
    const wb = withParses(new MemoryWorkbook(inputs.grids), inputs.parses);
    writeSettings(wb, settings);
    const got = loadCardData(wb, { sheet: inputs.table.sheet });
    if (got.kind !== 'ready') throw new InputError(got.message);
    const d = got.data;
    const write = async (v: Verdict, xlsx: string, docx: string | undefined) => {
      const card = cardOf(wb, d, v);
      if (xlsx !== '') {
        const book = XlsxWorkbook.empty();
        book.ensureSheet(CARD_SHEET);
        writeCardTab(book, card, v, null, true);
        await saveBook(book, xlsx);
      }
      if (docx !== undefined) await saveDocx(inputs.file, docx, cardBlocks(card));
      return card;
    };
    bar.step(S.write);
    const said: string[] = [];
    if (inputs.incomplete) said.push(incompleteText(inputs.incomplete));
    for (const n of notes) said.push(`Внимание: ${oneLine(n)}`);
    if (all) {
      const shnor = cardChoices(d.assessment).filter((v) => v.status === 'ШНОР');
      if (shnor.length === 0) throw new InputError(`На листе «${d.sheet}» нет ШНОР: карточки не записаны. Одну школу: --school ЛОГИН.`);
      try {
        await mkdir(outDir as string, { recursive: true });
      } catch (e) {
        throw new InputError(`Не удалось создать папку ${outDir}: ${errnoText(e)}.`);
      }
      const used = new Set<string>();
      for (const v of shnor) {
        let name = bookFileName(v.login ?? '', v.name, false);
        if (used.has(name)) name = name.replace(/\.xlsx$/, ` (${used.size + 1}).xlsx`);
        used.add(name);
        const path = join(outDir as string, name);
        checkOutput(input, path);
        await write(v, path, values.word ? path.replace(/\.xlsx$/, '.docx') : undefined);
      }
      bar.clear();
      for (const s of said) io.out(`${s}\n`);
      io.out(
        `Карточек ШНОР записано: ${shnor.length} ${plural(shnor.length, ['книга', 'книги', 'книг'])}${values.word ? ' и столько же документов Word' : ''} — в папку ${outDir}\n`,
      );
    } else {
      const v = findVerdict(d.assessment, values.school as string);
      if (!v) throw new InputError(unknownSchool(values.school as string, d.sheet));
      const card = await write(v, values.output ?? '', values.docx);
      bar.clear();
      for (const s of said) io.out(`${s}\n`);
      io.out(`Карточка ОО: ${card.title.replace(/^Карточка ОО: /, '')} — ${v.status}, рисунков ${card.sections.length}.\n`);
      if (values.output !== undefined) io.out(`Книга записана: ${values.output}\n`);
      if (values.docx !== undefined) io.out(`Документ записан: ${values.docx}\n`);
    }
    for (const p of problems) io.err(`${p}\n`);
    return problems.length > 0 || inputs.incomplete ? 1 : 0;
  } catch (e) {
    bar.clear();
    return failure(e, io);
  }
}
