/** `npm run push`: builds dist/ and sends it to Apps Script with clasp, once a real scriptId is set. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { scriptId } = JSON.parse(readFileSync(join(root, '.clasp.json'), 'utf8'));
if (!scriptId || !/^[A-Za-z0-9_-]{20,}$/.test(scriptId) || scriptId.startsWith('PASTE')) {
  process.stderr.write(
    [
      'В .clasp.json не указан scriptId проекта Apps Script.',
      'Новый проект, привязанный к новой таблице: удалите заготовку .clasp.json и выполните',
      '  npx clasp login && npx clasp create --type sheets --title "ШНОР" --rootDir dist',
      '(clasp сам запишет scriptId в .clasp.json). Или впишите в "scriptId" идентификатор существующего скрипта:',
      'Таблица → Расширения → Apps Script → Настройки проекта → Идентификатор скрипта.',
      '',
    ].join('\n'),
  );
  process.exit(2);
}
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 2;
if (run(process.execPath, ['build.mjs']) !== 0) process.exit(2);
process.exit(run('npx', ['clasp', 'push', '--force']));
