/**
 * ФИС ОКО reports in today's layouts, as real files: the 2026 «Статистика по отметкам» and the 2024
 * «Сравнение отметок с отметками по журналу» of the public dump pikhaev1988/saascrm95
 * (apps/vpr/fixtures/all_files.txt), written cell for cell as .xlsx (test/support/fisoko-real.ts) and as
 * CSV, read back through the command line's reader.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { journalReportToday, marksReportToday, reportCsv, todaySheetName } from '../../scripts/fisoko-reports';
import { parseFisOkoReport, type JournalReport, type MarksReport } from '../../src/core/fisoko';
import type { Grid } from '../../src/core/results';
import { readGrids } from '../../src/cli/input';
import { JOURNAL_2024, MARKS_2026, writeRealXlsx } from '../support/fisoko-real';

const dir = mkdtempSync(join(tmpdir(), 'shnor-fisoko-today-'));
const grids = new Map<string, Grid>();
const plain = (g: Grid) => g.values.map((r) => r.map((v) => (v === undefined ? null : v))).filter((r) => r.some((v) => v !== null));

beforeAll(async () => {
  for (const f of [MARKS_2026, JOURNAL_2024]) {
    await writeRealXlsx(join(dir, f.file), f);
    grids.set(f.file, (await readGrids(join(dir, f.file)))[0] as Grid);
  }
});

describe('«Статистика по отметкам», 2026 (Ф3)', () => {
  it('reads back cell for cell: marks as numbers, the school without «Кол-во ОО»', () => {
    const g = grids.get(MARKS_2026.file) as Grid;
    expect(g.sheet).toBe('РУ 4 Статистика по отметкам');
    expect(plain(g)).toEqual(MARKS_2026.values.filter((r) => r.length > 0).map((r) => r.map((v) => v ?? null)));
  });

  it('gives the school with its login after the name, the procedure from the title, the levels kept', () => {
    const got = parseFisOkoReport(grids.get(MARKS_2026.file) as Grid, MARKS_2026.file) as MarksReport;
    expect([got.kind, got.procedure, got.year, got.from]).toEqual(['marks', 'ВПР РУ 4', 2026, ['заголовок']]);
    expect(got.table.schools.map((s) => [s.key, s.login, s.name, s.territory, s.row])).toEqual([
      ['sch203389', 'edu203389', 'МБОУ «СОШ №1 г.Урус-Мартан»', 'Урус-Мартановский муниципальный район', 11],
    ]);
    const r = got.table.schools[0]?.results[0];
    expect([r?.procedure, r?.year, r?.fail, r?.high, r?.participants, r?.state, r?.col]).toEqual([
      'ВПР РУ 4',
      2026,
      12.36,
      7.87,
      89,
      'held',
      3,
    ]);
    expect(got.aggregates.map((a) => [a.level, a.name, a.code, a.row, a.schools, a.participants, a.marks])).toEqual([
      ['Россия', 'Вся выборка', null, 9, 35589, 1722202, [5.06, 32.92, 44.33, 17.69]],
      ['регион', 'Чеченская Республика', null, 10, 560, 30216, [13.44, 44.15, 36.28, 6.14]],
      ['район', 'Урус-Мартановский муниципальный район', 'reg20_m012', 11, 47, 3162, [13.57, 46.9, 33.65, 5.88]],
    ]);
    expect(got.district?.fail).toBe(13.57);
    expect(got.problems.map((p) => [p.severity, p.row, p.column, p.message])).toEqual([
      ['сведения', 9, 'A', 'Итоговая строка, не школа (по России: участников 1722202, «2» 5,1 %); пропущена.'],
      ['сведения', 10, 'A', 'Итоговая строка, не школа (по региону: участников 30216, «2» 13,4 %); пропущена.'],
      ['сведения', 11, 'A', 'Итоговая строка, не школа (по району: участников 3162, «2» 13,6 %); пропущена.'],
    ]);
  });

  it('is the same report when saved as CSV (decimal commas, marks as text)', async () => {
    const path = join(dir, 'Ф3_Статистика по отметкам.csv');
    writeFileSync(path, reportCsv({ values: MARKS_2026.values as Array<Array<string | number | null>>, merges: [] }));
    const got = parseFisOkoReport((await readGrids(path))[0] as Grid, 'Ф3_Статистика по отметкам.csv') as MarksReport;
    expect([got.procedure, got.year]).toEqual(['ВПР РУ 4', 2026]);
    expect(got.table.schools[0]?.results[0]).toMatchObject({ fail: 12.36, high: 7.87, participants: 89 });
    expect(got.aggregates.map((a) => a.level)).toEqual(['Россия', 'регион', 'район']);
  });

  it('the municipality without its code is still the district: the row above the schools', () => {
    const values = MARKS_2026.values.map((r) => [...r]);
    (values[10] as unknown[])[0] = 'Урус-Мартановский муниципальный район';
    (values[9] as unknown[])[0] = 'Регион 20';
    const got = parseFisOkoReport({ sheet: MARKS_2026.sheet, values }) as MarksReport;
    expect(got.aggregates.map((a) => [a.level, a.name, a.code])).toEqual([
      ['Россия', 'Вся выборка', null],
      ['регион', 'Регион 20', null],
      ['район', 'Урус-Мартановский муниципальный район', null],
    ]);
  });

  it('a school written with sch or ksh after its name is the same school (one key)', () => {
    for (const login of ['sch203389', 'ksh203389', 'EDU203389']) {
      const values = MARKS_2026.values.map((r) => [...r]);
      (values[11] as unknown[])[0] = `МБОУ «СОШ №1 г.Урус-Мартан» (${login})`;
      const got = parseFisOkoReport({ sheet: MARKS_2026.sheet, values }) as MarksReport;
      expect(got.table.schools.map((s) => [s.key, s.login, s.name])).toEqual([
        ['sch203389', login.toLowerCase(), 'МБОУ «СОШ №1 г.Урус-Мартан»'],
      ]);
    }
  });

  it('the generator of the sample writes the same cells', () => {
    const spec = { exam: 'ВПР' as const, subject: 'Русский язык', grade: 4, year: 2026, date: '20.04.2026', maxScore: 24 };
    const levels = MARKS_2026.values.slice(8, 11).map((r) => ({
      name: r[0] as string,
      schools: r[1] as number,
      participants: r[2] as number,
      shares: r.slice(3) as number[],
    }));
    const sheet = marksReportToday(spec, levels, [
      { login: 'edu203389', name: 'МБОУ «СОШ №1 г.Урус-Мартан»', participants: 89, marks: [12.36, 52.81, 26.97, 7.87] },
    ]);
    expect(sheet.values).toEqual(MARKS_2026.values);
    expect(todaySheetName(spec, 'Статистика по отметкам')).toBe(MARKS_2026.sheet);
  });
});

describe('«Сравнение отметок с отметками по журналу», 2024', () => {
  it('reads back cell for cell', () => {
    const g = grids.get(JOURNAL_2024.file) as Grid;
    expect(g.sheet).toBe('МА 4 Сравнение отметок с отметк');
    expect(plain(g)).toEqual(JOURNAL_2024.values.filter((r) => r.length > 0));
  });

  it('reads the flattened header: one row per group, no «Вся выборка», the shares in their columns', () => {
    const got = parseFisOkoReport(grids.get(JOURNAL_2024.file) as Grid, JOURNAL_2024.file) as JournalReport;
    expect([got.kind, got.procedure, got.year, got.from]).toEqual(['journal', 'ВПР МА 4', 2024, ['заголовок']]);
    expect(got.rows).toEqual([
      {
        key: 'sch203389',
        login: 'edu203389',
        name: 'МБОУ «СОШ №1 г.Урус-Мартан»',
        procedure: 'ВПР МА 4',
        year: 2024,
        lowered: 55.91,
        confirmed: 39.78,
        raised: 4.3,
        row: 11,
      },
    ]);
    expect(got.aggregates.map((a) => [a.level, a.name, a.code, a.participants, a.journal])).toEqual([
      ['регион', 'Чеченская Республика', null, 29589, { lowered: 37.22, confirmed: 60.67, raised: 2.11 }],
      ['район', 'Урус-Мартановский муниципальный район', 'reg20_m012', 2817, { lowered: 40.86, confirmed: 56.66, raised: 2.48 }],
    ]);
    expect(got.problems.every((p) => p.severity === 'сведения')).toBe(true);
  });

  it('«Отметка = Отметка по журналу» and an sch login read alike', () => {
    const spec = { exam: 'ВПР' as const, subject: 'Математика', grade: 4, year: 2024, date: '19.03.2024', maxScore: 20 };
    const sheet = journalReportToday(
      spec,
      [{ name: 'Урус-Мартановский муниципальный район(reg20_m012)', schools: 47, participants: 2817, shares: [40.86, 56.66, 2.48] }],
      [{ login: 'sch203389', name: 'МБОУ «СОШ №1 г.Урус-Мартан»', participants: 93, shares: [55.91, 39.78, 4.3] }],
      'Отметка',
    );
    expect(sheet.values[7]?.[4]).toBe('Подтвердили (Отметка = Отметка по журналу) %');
    const got = parseFisOkoReport({
      sheet: todaySheetName(spec, 'Сравнение отметок с отметками по журналу'),
      values: sheet.values,
    }) as JournalReport;
    expect(got.rows.map((r) => [r.key, r.login, r.lowered, r.confirmed, r.raised])).toEqual([
      ['sch203389', 'sch203389', 55.91, 39.78, 4.3],
    ]);
  });

  it('without title rows, takes the class and subject from the cut sheet name and the year from the file name', () => {
    const values = JOURNAL_2024.values.slice(7);
    const got = parseFisOkoReport({ sheet: JOURNAL_2024.sheet, values }, 'ВПР 2024 выгрузка.xlsx') as JournalReport;
    expect([got.procedure, got.year, got.from]).toEqual(['ВПР МА 4', 2024, ['имя файла', 'имя листа']]);
    expect(parseFisOkoReport({ sheet: JOURNAL_2024.sheet, values }, JOURNAL_2024.file)).toMatch(/не указан год/);
  });
});
