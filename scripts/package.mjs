/**
 * `npm run package [-- --out DIR] [-- --no-build]`: what a methodologist needs to install the add-on by hand,
 * without Node or clasp — the built files to paste into Расширения → Apps Script of the district's spreadsheet
 * and the steps, in Russian:
 *   DIR/shnor-apps-script/      Код.gs (dist/Code.js), one .html per sidebar, appsscript.json, ИНСТРУКЦИЯ.txt
 *   DIR/shnor-apps-script.zip   the same folder in one file, to send or put on a shared drive.
 * DIR is out/ by default (ignored by git). Prints both paths.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crc32, deflateRawSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const FOLDER = 'shnor-apps-script';
/** The script file's name in the package: the editor's own first file is «Код.gs» in Russian. */
export const SCRIPT = 'Код.gs';
export const INSTRUCTIONS = 'ИНСТРУКЦИЯ.txt';

/** The steps, with the sidebars' file names as the add-on opens them (HtmlService.createHtmlOutputFromFile). */
export function instructions(htmlNames) {
  const list = htmlNames.map((n) => `     ${n}.html  →  файл «${n}»`).join('\n');
  return `ШНОР — надстройка Google Таблиц: установка без программиста
=============================================================

В этой папке:
  ${SCRIPT.padEnd(17)} код надстройки (большой файл: копируйте его целиком);
  ${'*.html'.padEnd(17)} боковые панели (${htmlNames.length} файлов);
  ${'appsscript.json'.padEnd(17)} манифест: часовой пояс и права, которые надстройка просит;
  ${INSTRUCTIONS.padEnd(17)} этот файл.

Открывайте файлы Блокнотом (правая кнопка мыши → «Открыть с помощью» → «Блокнот»), выделяйте всё
(Ctrl+A), копируйте (Ctrl+C) и вставляйте (Ctrl+V) туда, куда сказано ниже.

1. Откройте в браузере таблицу района (или создайте новую: Google Таблицы → «Пустая таблица»).
   Работайте в профиле браузера, где вошли только в ОДИН Google-аккаунт — тот, которым пользуетесь
   для работы (см. «Если что-то не так»).
2. В таблице: «Расширения» → «Apps Script». Откроется редактор скрипта этой таблицы.
   Вверху слева переименуйте проект («Проект без названия») в «ШНОР»: под этим именем меню
   надстройки появится в «Расширениях».
3. Слева «Настройки проекта» (значок шестерёнки) → поставьте флажок
   «Показывать файл манифеста "appsscript.json" в редакторе». Вернитесь в «Редактор» (значок < >).
4. Слева в «Файлы» откройте appsscript.json, удалите всё, что там написано, и вставьте содержимое
   файла appsscript.json из этой папки.
5. Откройте в редакторе файл «Код.gs» (в английском интерфейсе — «Code.gs»), удалите всё, что
   в нём есть, и вставьте содержимое файла ${SCRIPT} из этой папки.
6. Для каждой боковой панели: «Файлы» → «+» → «HTML», введите имя БЕЗ «.html» точно как здесь,
   удалите всё содержимое нового файла и вставьте содержимое одноимённого файла из этой папки:
${list}
7. Сохраните (значок дискеты или Ctrl+S). Закройте вкладку редактора.
8. Обновите страницу таблицы (F5). Через несколько секунд появится «Расширения» → «ШНОР».
   При первом выборе пункта меню Google попросит разрешение: «Требуется авторизация» →
   «Продолжить» → ваш аккаунт. Если написано «Приложение не проверено Google» — это ваш
   собственный скрипт: «Дополнительные настройки» → «Перейти на страницу "ШНОР"» → «Разрешить».
   Надстройке нужны только эта таблица, её окна и ваш адрес (по нему определяется роль
   и подписываются строки журнала). Каждый, кто впервые откроет меню, разрешит то же для себя.
9. «Расширения» → «ШНОР» → «Подготовить рабочую книгу района». Затем заполните «Школы»
   (адреса ответственных) и «Настройки ШНОР» (адреса методистов) и выполните
   «Обновить защиту листов».

Дать доступ школам
  Надстройка работает у каждого, у кого есть право РЕДАКТИРОВАТЬ таблицу. Откройте «Настройки
  доступа» (кнопка справа вверху) и добавьте адреса методистов и ответственных школ как редакторов.
  Защита листов надстройки только ограничивает, кто что меняет внутри таблицы; доступа к самому
  файлу она не даёт — без «Настроек доступа» школа таблицу не откроет.

Новая версия надстройки
  Повторите шаги 4–7 с новыми файлами (имена HTML-файлов те же; если появился новый — добавьте).
  Данные таблицы при этом не меняются.

Если что-то не так
  • Меню «ШНОР» не появилось — обновите страницу ещё раз; проверьте, что код сохранён.
  • «Это действие доступно только методистам района…» — надстройка называет адрес, под которым
    вы вошли; если он не тот, выйдите из лишних аккаунтов. Когда в браузере открыто несколько
    Google-аккаунтов, окна надстройки могут работать от имени другого из них (так устроены
    Google Таблицы). Заведите отдельный профиль браузера для рабочего аккаунта.
  • Таблица личного аккаунта (@gmail.com): Google может не сообщать надстройке адрес её владельца.
    Тогда впишите адреса всех методистов района, и свой тоже, в строку «Методисты района
    (эл. почта)» листа «Настройки ШНОР»: пока она пуста, а владелец не известен, пункты методиста
    доступны всем, кто может редактировать таблицу.
`;
}

/** 00:00 on 1 January 1980, the first moment a .zip can name (MS-DOS time in the low half, date in the high). */
const DOS_1980 = ((1 << 5) | 1) << 16;

/** A .zip of `files` (name → bytes), deflated, names in UTF-8 (general-purpose flag bit 11). */
export function zip(files) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt32LE(DOS_1980, 10); // a fixed time: the same bytes for the same files
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    head.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(0x0314, 4); // made by: Unix, 2.0
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(DOS_1980, 12);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(0o100644 * 0x10000, 38); // -rw-r--r--
    entry.writeUInt32LE(offset, 42);
    local.push(head, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += head.length + nameBytes.length + packed.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

/** Writes the folder and the .zip from `dist` into `out`; returns their paths. */
export function packageAddon(dist, out) {
  const htmlNames = readdirSync(dist)
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -'.html'.length))
    .sort();
  if (htmlNames.length === 0) throw new Error(`В ${dist} нет HTML-файлов боковых панелей: сначала npm run build.`);
  const files = [
    [SCRIPT, readFileSync(join(dist, 'Code.js'))],
    ...htmlNames.map((n) => [`${n}.html`, readFileSync(join(dist, `${n}.html`))]),
    ['appsscript.json', readFileSync(join(dist, 'appsscript.json'))],
    // With a byte-order mark, so that Windows' Notepad reads it as UTF-8 whatever its version.
    [INSTRUCTIONS, Buffer.from(`\ufeff${instructions(htmlNames).replace(/\n/g, '\r\n')}`, 'utf8')],
  ];
  const folder = join(out, FOLDER);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const [name, data] of files) writeFileSync(join(folder, name), data);
  const archive = join(out, `${FOLDER}.zip`);
  writeFileSync(archive, zip(files.map(([name, data]) => [`${FOLDER}/${name}`, data])));
  return { folder, archive };
}

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-build': { type: 'boolean' } } });
  const out = resolve(values.out ?? join(root, 'out'));
  if (!values['no-build']) {
    const { build } = await import('../build.mjs');
    await build();
  }
  const { folder, archive } = packageAddon(join(root, 'dist'), out);
  const kb = Math.round(statSync(archive).size / 1024);
  process.stdout.write(`Папка для установки вручную: ${folder}\nАрхив: ${archive} (${kb} КБ)\nШаги — в ${join(folder, INSTRUCTIONS)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
