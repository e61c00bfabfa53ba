import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('npm run demo', () => {
  it('writes the sample district book and prints a short Russian summary with where the file is', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shnor-demo-')), 'demo.xlsx');
    // The suite has built already; a second build here would race with the tests that read dist/.
    const r = spawnSync(process.execPath, ['scripts/demo.mjs', '--no-build', '-o', out], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(out)).toBe(true);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Пример: вымышленный район (sample/district.xlsx), 33 ОО, год отсчёта 2026, критерии novokuznetsk-2020.');
    expect(lines[1]).toBe('  ШНОР: 7, зона риска: 2, норма: 24.');
    expect(lines[2]).toMatch(/^ {2}ШНОР: sch771005 МБОУ «СОШ № 5»; sch771009 .*sch771027 МКОУ «ООШ с\. Кедровка»\.$/);
    expect(lines[3]).toBe(
      '  Замечаний при чтении: 1 (например, лист «Результаты», строка 5, столбец AO: «4о» — Не число; ячейка не учитывается).',
    );
    // The roadmaps are for the current school year, so their tab names move with the calendar.
    expect(lines[4]).toMatch(
      new RegExp(
        '^Вкладки книги: «Результаты», «Школы», «Сравнение с журналом», «Настройки ШНОР», «ШНОР — итоги», «Показатели ОО», «Показатели», ' +
          '«Аналитическая справка», «Справочник мероприятий», ' +
          ['СОШ № 12', 'СОШ № 13', 'СОШ № 5', 'СОШ № 9', 'Каменская СОШ', 'Ключевская СОШ', 'ООШ с\\. Кедровка']
            .map((n) => `«ДК ${n} \\d{4}–\\d{2}»`)
            .join(', ') +
          '\\.$',
      ),
    );
    expect(lines[5]).toBe(`Книга записана: ${out}`);
    expect(lines).toHaveLength(7);
  });
});
