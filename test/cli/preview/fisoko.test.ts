/** The preview over sample/fisoko: the folder as imported tabs, «Проверить школы…» gathers them into one long tab. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPreviewInputs } from '../../../src/cli/preview/load';
import { PreviewSession } from '../../../src/cli/preview/session';
import { DIST } from '../../support/gas';

const FOLDER = join(import.meta.dirname, '..', '..', '..', 'sample', 'fisoko');

describe('npm run preview -- sample/fisoko', () => {
  it('opens one tab per file, as File → Import → «Insert new sheets», and the check reads them together', async () => {
    const wb = await loadPreviewInputs([FOLDER]);
    const names = [...wb.sheets.keys()];
    expect(names).toHaveLength(41);
    expect(names).toContain('2026 ВПР МА 5 статистика по отметкам');
    expect(names).toContain('ГИА 2024–2026 (РЦОИ)');
    const session = new PreviewSession(wb, { dist: DIST, title: 'fisoko' });
    const got = session.runMenu('menuCheckSchools');
    expect(got.kind).toBe('done');
    const tabs = [...wb.sheets.keys()];
    expect(tabs).toContain('Результаты ФИС ОКО');
    expect(tabs).toContain('Сравнение с журналом');
    expect(tabs).toContain('ШНОР: итоги');
    const long = wb.readSheet('Результаты ФИС ОКО').values;
    expect(long[0]?.slice(10, 13)).toEqual(['Файл', 'Лист, строка', 'Статус ШНОР']);
    expect(long.slice(1).every((r) => /^вкладка «/.test(String(r[10])))).toBe(true);
    const summary = wb.readSheet('ШНОР: итоги').values.flat().join('\n');
    expect(summary).toMatch(/ШНОР: \d+ из 33 ОО/);
  });
});
