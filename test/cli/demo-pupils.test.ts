import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parsePupilSummaryRows, PUPILS_SHEET } from '../../src/core/pupils-tab';
import { worksheetGrid } from '../../src/workbook/xlsx-values';

const root = join(import.meta.dirname, '..', '..');

describe('npm run demo -- sample/pupils', () => {
  it('takes the folder of Ф1 files: the same district, the same ШНОР, «Результаты участников» in the book', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shnor-demo-pupils-')), 'demo.xlsx');
    const r = spawnSync(process.execPath, ['scripts/demo.mjs', '--no-build', 'sample/pupils', '-o', out], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Пример: вымышленный район (sample/pupils), 33 ОО, год отсчёта 2026, критерии novokuznetsk-2020.');
    expect(lines[1]).toBe('  ШНОР: 7, зона риска: 2, норма: 24.');
    expect(lines[3]).toMatch(
      /^Вкладки книги: «Результаты ФИС ОКО», «Сравнение с журналом», «Прочитанные файлы», «Результаты участников», «Настройки ШНОР»/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const tab = parsePupilSummaryRows(worksheetGrid(book.getWorksheet(PUPILS_SHEET) as ExcelJS.Worksheet).values);
    expect(tab.skipped).toEqual([]);
    // One row per school and ВПР with a result: as many as the long tab has ВПР rows.
    const long = worksheetGrid(book.getWorksheet('Результаты ФИС ОКО') as ExcelJS.Worksheet).values.slice(1);
    expect(tab.summaries.length).toBe(long.filter((row) => row[1] === 'ВПР').length);
    expect(tab.summaries.every((s) => s.tasks.length > 0 && s.histogram.reduce((a, b) => a + b, 0) === s.participants)).toBe(true);
  }, 120_000);
});
