/**
 * `npm run demo [-- ФАЙЛ|ПАПКА...]`: builds, runs the CLI on the bundled sample district (or on the files and
 * folders given, e.g. sample/fisoko — the same district as ФИС ОКО reports) and writes out/demo-district.xlsx,
 * then prints a short Russian summary: counts by status, the ШНОР, the tabs written and where the file is.
 * `-- --no-build` skips the build (the tests build once), `-- -o FILE` writes elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const outIndex = argv.indexOf('-o');
const output = resolve(root, outIndex >= 0 ? argv[outIndex + 1] : 'out/demo-district.xlsx');
// Files and folders given (anything that is not an option or the value of -o); the sample district without them.
const given = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '-o');
const inputs = given.length > 0 ? given : ['sample/district.xlsx'];
const input = inputs.join(' ');

if (!argv.includes('--no-build')) {
  const built = spawnSync(process.execPath, ['build.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) process.exit(2);
}
mkdirSync(dirname(output), { recursive: true });
// stderr is the user's terminal: the progress bar shows there; stdout is the JSON read below.
const run = spawnSync(process.execPath, ['dist-cli/shnor.cjs', 'analyze', ...inputs, '--json', '-o', output], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
  maxBuffer: 64 * 1024 * 1024,
});
// 1 means «done, with parse problems reported»: the sample holds a typo on purpose.
if (run.status === null || run.status > 1) process.exit(2);

const result = JSON.parse(run.stdout);
const count = (status) => result.schools.filter((s) => s.status === status).length;
const book = new ExcelJS.Workbook();
await book.xlsx.readFile(output);

const lines = [
  `Пример: вымышленный район (${input}), ${result.schools.length} ОО, год отсчёта ${result.year}, критерии ${result.preset}.`,
  `  ШНОР: ${count('ШНОР')}, зона риска: ${count('зона риска')}, норма: ${count('норма')}` +
    (count('нет данных') > 0 ? `, нет данных: ${count('нет данных')}` : '') +
    '.',
  `  ШНОР: ${result.schools
    .filter((s) => s.status === 'ШНОР')
    .map((s) => `${s.login} ${s.name}`)
    .join('; ')}.`,
];
const errors = result.problems.filter((p) => p.severity === 'ошибка');
if (errors.length > 0) {
  const p = errors[0];
  lines.push(
    `  Замечаний при чтении: ${errors.length} (например, ${[`лист «${p.sheet}»`, p.row === null ? '' : `строка ${p.row}`, p.column === null ? '' : `столбец ${p.column}`].filter((x) => x !== '').join(', ')}${p.value ? `: «${p.value}»` : ''} — ${p.message.replace(/\.$/, '')}).`,
  );
}
// The hidden «Списки» (dropdown lists too long for Excel to keep inline) is no one's tab.
lines.push(
  `Вкладки книги: ${book.worksheets
    .filter((w) => w.state === 'visible')
    .map((w) => `«${w.name}»`)
    .join(', ')}.`,
);
lines.push(`Книга записана: ${output}`);
lines.push(`Подробная таблица: npx shnor analyze ${input}; предпросмотр панелей: npm run preview${given.length > 0 ? ` -- ${input}` : ''}`);
process.stdout.write(`${lines.join('\n')}\n`);
