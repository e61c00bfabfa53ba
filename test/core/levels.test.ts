/** The comparison levels of real reports (pikhaev1988/saascrm95, apps/vpr/fixtures/all_files.txt) kept as «Средние ФИС ОКО» and read back. */
import { describe, expect, it } from 'vitest';
import { LEVELS_HEADER, levelRecords, levelRows, readLevels } from '../../src/core/levels';
import { readSource } from '../../src/core/sources';
import { JOURNAL_2024, MARKS_2026, NOT_RESULTS } from '../support/fisoko-real';

describe('«Средние ФИС ОКО»', () => {
  const files = [MARKS_2026, JOURNAL_2024, NOT_RESULTS].map((f) => readSource(f.file, [{ sheet: f.sheet, values: f.values }]));

  it('keeps every aggregate row with its level, code, counts and shares; the term marks list is not results', () => {
    expect(files.map((f) => f.sheets.map((s) => s.kind))).toEqual([
      ['статистика по отметкам'],
      ['сравнение с журналом'],
      ['не результаты'],
    ]);
    const rows = levelRows(levelRecords(files));
    expect(rows).toEqual([
      [
        2026,
        'ВПР РУ 4',
        'по району',
        'Урус-Мартановский муниципальный район',
        'reg20_m012',
        47,
        3162,
        13.57,
        46.9,
        33.65,
        5.88,
        null,
        null,
        null,
        MARKS_2026.file,
      ],
      [
        2026,
        'ВПР РУ 4',
        'по региону',
        'Чеченская Республика',
        null,
        560,
        30216,
        13.44,
        44.15,
        36.28,
        6.14,
        null,
        null,
        null,
        MARKS_2026.file,
      ],
      [2026, 'ВПР РУ 4', 'по России', 'Вся выборка', null, 35589, 1722202, 5.06, 32.92, 44.33, 17.69, null, null, null, MARKS_2026.file],
      [
        2024,
        'ВПР МА 4',
        'по району',
        'Урус-Мартановский муниципальный район',
        'reg20_m012',
        null,
        2817,
        null,
        null,
        null,
        null,
        40.86,
        56.66,
        2.48,
        JOURNAL_2024.file,
      ],
      [
        2024,
        'ВПР МА 4',
        'по региону',
        'Чеченская Республика',
        null,
        null,
        29589,
        null,
        null,
        null,
        null,
        37.22,
        60.67,
        2.11,
        JOURNAL_2024.file,
      ],
    ]);
    expect(readLevels([[...LEVELS_HEADER], ...rows])).toEqual(levelRecords(files));
  });
});
