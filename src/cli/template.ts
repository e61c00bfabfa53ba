/** `shnor template -o district.xlsx`: an empty, prepared district workbook — the set-up action on a new book. */
import { parseArgs } from 'node:util';
import { setupWorkbook } from '../actions/setup';
import { XlsxWorkbook } from '../workbook/xlsx';
import { checkOutput, saveBook } from './book';
import { failure } from './messages';
import type { Io } from './main';
import { Progress, STEP_NAMES } from './progress';

export const TEMPLATE_HELP = `shnor template — пустая подготовленная книга района

Использование:
  shnor template -o район.xlsx

Выполняет пункт меню «Подготовить рабочую книгу района» над новой книгой: «Школы» (реестр с примечаниями
к столбцам и проверкой данных), «Результаты» (шаблон широкой таблицы), «Настройки ШНОР», «ШНОР: итоги»,
«Показатели», «Справочник мероприятий», «Журнал изменений». Книгу можно заполнить в Excel или загрузить
на Google Диск и открыть с надстройкой.

Параметры:
  -o, --output ФАЙЛ    куда записать книгу (.xlsx); существующий файл заменяется
  --progress           показывать ход работы на stderr и тогда, когда это не терминал
  -h, --help           эта справка

Коды выхода: 0 — готово; 2 — не удалось выполнить.`;

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runTemplate(argv: string[], io: Io): Promise<number> {
  let values: { output?: string; progress?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true }));
  } catch (e) {
    const m = /'(-[^']+)'/.exec((e as Error).message);
    io.err(`${m ? `Неизвестный или неполный параметр ${m[1]}.` : 'Параметры указаны неверно.'} Справка: shnor template --help`);
    return 2;
  }
  if (values.help) {
    io.out(`${TEMPLATE_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0 || !values.output) {
    io.err(`Укажите только файл книги: shnor template -o район.xlsx. Справка: shnor template --help`);
    return 2;
  }
  const output = values.output;
  const bar = Progress.on(io.progress, [STEP_NAMES.setup, STEP_NAMES.write], values.progress === true);
  try {
    checkOutput(null, output);
    bar.step(STEP_NAMES.setup);
    const wb = XlsxWorkbook.empty();
    const outcome = setupWorkbook(wb);
    bar.step(STEP_NAMES.write);
    await saveBook(wb, output);
    bar.clear();
    io.out(`${outcome.message}\nКнига записана: ${output}\n`);
    return 0;
  } catch (e) {
    bar.clear();
    return failure(e, io);
  }
}
