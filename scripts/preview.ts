/**
 * `npm run preview [-- file.xlsx|file.csv] [-- --port N]`: builds dist/, then serves on 127.0.0.1 a page
 * with the add-on's menu, sidebars and dialogs beside an HTML view of the workbook's tabs. The real
 * bundle dist/Code.js runs on an in-memory copy of the sample district (or of the file given); the file
 * is never written. Prints the address; Ctrl+C stops it.
 */
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from '../build.mjs';
import { InputError } from '../src/cli/input';
import { loadPreviewInputs } from '../src/cli/preview/load';
import { startPreview } from '../src/cli/preview/server';

const root = join(import.meta.dirname, '..');

const HELP = `npm run preview [-- ФАЙЛ.xlsx|ФАЙЛ.csv|ПАПКА...] [-- --port ПОРТ]
  Локальный предпросмотр надстройки: меню «ШНОР», боковые панели и вкладки книги в браузере.
  Без файла — пример района (sample/district.xlsx). Файл не изменяется: всё происходит в памяти.
  Папка или несколько файлов — как «Файл → Импорт → Вставить новые листы» в Таблицах: вкладка на
  каждый файл (например, npm run preview -- sample/fisoko), их сводит «Проверить школы…».
  --port ПОРТ   порт на 127.0.0.1 (по умолчанию свободный)
  --no-build    не собирать dist/ заново (он уже собран)
`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: { port: { type: 'string' }, 'no-build': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${HELP}`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const files = args.positionals.length > 0 ? args.positionals.map((p) => resolve(p)) : [join(root, 'sample', 'district.xlsx')];
  const file = files.length === 1 ? (files[0] as string) : `${files.length} файлов`;
  const port = args.values.port === undefined ? 0 : Number(args.values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`Порт «${args.values.port}» — не число от 0 до 65535.\n`);
    return 2;
  }
  // --no-build: for the tests, which build once before every file runs.
  if (!args.values['no-build']) await build();
  let wb;
  try {
    wb = await loadPreviewInputs(files);
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const preview = await startPreview({ wb, title: basename(file), dist: join(root, 'dist'), port });
  process.stdout.write(
    `Предпросмотр ШНОР: ${preview.url}\nКнига: ${file} (в памяти, файл не меняется). Остановить: Ctrl+C\n` +
      `Вы — владелец книги и методист района: ${wb.user ?? ''}\n`,
  );
  const stop = () => void preview.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`Внутренняя ошибка: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
