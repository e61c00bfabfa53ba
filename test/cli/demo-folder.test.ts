import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('npm run demo -- sample/fisoko', () => {
  it('takes the folder of ФИС ОКО reports: the same district, the same ШНОР, the combined long tab first', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shnor-demo-folder-')), 'demo.xlsx');
    const r = spawnSync(process.execPath, ['scripts/demo.mjs', '--no-build', 'sample/fisoko', '-o', out], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Пример: вымышленный район (sample/fisoko), 33 ОО, год отсчёта 2026, критерии novokuznetsk-2020.');
    expect(lines[1]).toBe('  ШНОР: 7, зона риска: 2, норма: 24.');
    expect(lines[3]).toMatch(
      /^Вкладки книги: «Результаты ФИС ОКО», «Сравнение с журналом», «Прочитанные файлы», «Средние ФИС ОКО», «Настройки ШНОР», «ШНОР — итоги»/,
    );
    expect(lines.at(-1)).toBe('Подробная таблица: npx shnor analyze sample/fisoko; предпросмотр панелей: npm run preview -- sample/fisoko');
  });
});
