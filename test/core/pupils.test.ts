import { describe, expect, it } from 'vitest';
import { pupilSheet, RU4_2026, type F1School, type F1Spec } from '../../scripts/pupil-files';
import {
  completion,
  NOT_DONE,
  NO_SCORE,
  parsePupilSheet,
  pupilAt,
  type PupilSheet,
  summarise,
  summaryResults,
} from '../../src/core/pupils';
import type { Grid } from '../../src/core/results';
import { readSource } from '../../src/core/sources';
import { parsePupilSummaryRows, PUPILS_HEADER, pupilSummaryRows } from '../../src/core/pupils-tab';
import type { CellValue } from '../../src/core/text';

/**
 * The real 2026 file «Ф1_Индивидуальные результаты.xlsx», sheet «РУ 4 Индивидуальные результаты», from the
 * public dump pikhaev1988/saascrm95 apps/vpr/fixtures/all_files.txt: rows 1–8 and the first four pupils
 * (rows 10–13) cell for cell; the school's line says 4 participants here (89 in the file, which has them all).
 */
const REAL: Grid = {
  sheet: 'РУ 4 Индивидуальные результаты',
  values: [
    ['Индивидуальные результаты'],
    [],
    ['ВПР 2026 Русский язык 4 класс'],
    ['Предмет:', 'Русский язык'],
    ['Максимальный первичный балл:', 24],
    ['Дата:', '20.04.2026'],
    [null, null, 'Уровень сложности задания', null, null, null, 'Б', 'Б', 'Б', 'Б', 'Б', 'Б', 'Б', 'Б', 'П', 'П', 'П', 'П', 'Б', 'Б', 'Б'],
    [
      'ОО',
      'Муниципалитет',
      'Название ОО',
      'Код участника',
      'Класс',
      'Вариант',
      '1 (2б)',
      '2 (1б)',
      '3 (2б)',
      '4 (3б)',
      '5 (2б)',
      '6 (1б)',
      '7 (1б)',
      '8 (2б)',
      '9.1 (1б)',
      '9.2 (2б)',
      '10.1 (1б)',
      '10.2 (2б)',
      '11 (1б)',
      '12.1 (2б)',
      '12.2 (1б)',
      'Первичный балл',
      'Отметка',
      'Отметка по журналу',
    ],
    ['МБОУ «СОШ №1 г.Урус-Мартан»(edu203389) | Кол-во участников: 4'],
    ...[
      [40001, 1, 1, 1, 1, 2, 1, 1, 0, 0, 1, 1, 2, 1, 2, 0, 1, 1, 15, 3, 3],
      [40002, 1, 1, 2, 1, 2, 0, 1, 1, 1, 2, 0, 0, 0, 0, 1, 2, 1, 14, 3, 3],
      [40003, 1, 1, 2, 1, 2, 3, 2, 1, 1, 2, 1, 2, 1, 2, 1, 2, 1, 24, 5, 5],
      [40004, 1, 1, 0, 0, 0, 3, 0, 1, 0, 2, 1, 2, 0, 0, 1, 2, 1, 13, 3, 3],
    ].map((r) => ['edu203389', 'Урус-Мартановский муниципальный район', 'МБОУ «СОШ №1 г.Урус-Мартан»(edu203389)', ...r]),
  ],
};

const read = (g: Grid, file = 'Ф1_Индивидуальные результаты.xlsx') => parsePupilSheet(g, file) as PupilSheet;

describe('«Индивидуальные результаты» (Ф1)', () => {
  it('reads the real 2026 layout: title, difficulty, tasks with their maxima, every pupil', () => {
    const s = read(REAL);
    expect([s.procedure, s.year, s.from, s.maxScore, s.date]).toEqual(['ВПР РУ 4', 2026, ['заголовок'], 24, '20.04.2026']);
    expect(s.tasks.map((t) => `${t.number}/${t.max}/${t.level}`).join(' ')).toBe(
      '1/2/Б 2/1/Б 3/2/Б 4/3/Б 5/2/Б 6/1/Б 7/1/Б 8/2/Б 9.1/1/П 9.2/2/П 10.1/1/П 10.2/2/П 11/1/Б 12.1/2/Б 12.2/1/Б',
    );
    expect(s.missing).toEqual([]);
    expect(s.schools).toEqual([
      {
        key: 'edu203389',
        login: 'edu203389',
        name: 'МБОУ «СОШ №1 г.Урус-Мартан»',
        territory: 'Урус-Мартановский муниципальный район',
        row: 9,
        declared: 4,
      },
    ]);
    expect(s.pupils).toBe(4);
    const p = pupilAt(s, 0);
    expect([p.code, p.classLabel, p.variant, p.primary, p.mark, p.journal, p.row]).toEqual(['40001', '1', '1', 15, 3, 3, 10]);
    expect(p.scores).toEqual([1, 1, 2, 1, 1, 0, 0, 1, 1, 2, 1, 2, 0, 1, 1]);
    expect(s.problems).toEqual([]);

    const [sum] = summarise(s);
    expect(sum?.participants).toBe(4);
    expect(sum?.marks).toEqual([0, 3, 0, 1]);
    expect(sum?.journal).toEqual({ compared: 4, lowered: 0, confirmed: 4, raised: 0, far: 0 });
    // Task 1 (2 points): 1 + 2 + 2 + 0 of 8.
    expect(sum?.tasks[0]).toMatchObject({ number: '1', points: 5, pupils: 4 });
    expect(completion(sum?.tasks[0] as never)).toBe(62.5);
    expect(sum?.histogram.length).toBe(25);
    expect([sum?.histogram[13], sum?.histogram[14], sum?.histogram[15], sum?.histogram[24]]).toEqual([1, 1, 1, 1]);
    expect(sum?.lowest).toEqual([null, 13, null, 24]);
  });

  it('label variants, X and empty cells, several schools, no difficulty row', () => {
    const spec: F1Spec = {
      subject: 'Русский язык',
      grade: 7,
      year: 2025,
      date: '15.04.2025',
      tasks: [
        { label: '1К1 (4б)', level: 'Б' },
        { label: '5(1) (1б)', level: 'Б' },
        { label: '11.3 k1 (2б)', level: 'П' },
        { label: '4К1 (3б)', level: 'П' },
      ],
      levels: false,
    };
    const schools: F1School[] = [
      {
        login: 'edu770001',
        name: 'МБОУ «СОШ № 1»',
        territory: 'Энский округ',
        pupils: [
          { code: 1, classLabel: 1, variant: 1, scores: [4, 'X', 2, 3], primary: 9, mark: 4, journal: 3 },
          { code: 2, classLabel: 1, variant: 2, scores: [1, 0, 'Х', null], primary: 1, mark: 2, journal: 4 },
        ],
      },
      {
        login: 'sch770002',
        name: 'МКОУ «Ключевская СОШ»',
        territory: 'Энский округ',
        pupils: [{ code: 3, classLabel: 2, variant: 1, scores: [2, 1, 0, 1], primary: 4, mark: 3, journal: null }],
      },
    ];
    const s = read({ sheet: 'РУ 7 Индивидуальные результаты', values: pupilSheet(spec, schools).values });
    expect(s.tasks.map((t) => [t.number, t.max])).toEqual([
      ['1К1', 4],
      ['5(1)', 1],
      ['11.3 К1', 2],
      ['4К1', 3],
    ]);
    expect(s.missing).toEqual(['уровни сложности заданий']);
    expect(s.schools.map((x) => x.key)).toEqual(['edu770001', 'sch770002']);
    expect(Array.from(s.scores.slice(0, 8))).toEqual([4, NOT_DONE, 2, 3, 1, 0, NOT_DONE, NO_SCORE]);
    expect(pupilAt(s, 1).notDone).toEqual([false, false, true, false]);
    const [a, b] = summarise(s);
    // X counts as 0 points for a pupil who did the work; an empty cell is not counted.
    expect(a?.tasks.map((t) => [t.points, t.pupils])).toEqual([
      [5, 2],
      [0, 2],
      [2, 2],
      [3, 1],
    ]);
    // «2» against the journal's «4»: two marks apart.
    expect(a?.journal).toEqual({ compared: 2, lowered: 1, confirmed: 0, raised: 1, far: 1 });
    expect(b?.journal.compared).toBe(0);
    const { table, comparison } = summaryResults(s, [a, b] as never);
    expect(table.schools.map((x) => [x.key, x.results[0]?.fail, x.results[0]?.high, x.results[0]?.participants])).toEqual([
      ['edu770001', 50, 0, 2],
      ['sch770002', 0, 0, 1],
    ]);
    expect(comparison.map((c) => [c.key, c.lowered, c.confirmed, c.raised])).toEqual([['edu770001', 50, 0, 50]]);
    expect(s.problems).toEqual([]);
  });

  it('older protocols without maxima: reads what is there and says what is missing', () => {
    const values = REAL.values.map((r) => [...r]);
    values[4] = [];
    values[6] = [];
    values[7] = (values[7] as string[]).map((h) => String(h).replace(/\s*\(\d+б\)$/, ''));
    values[2] = ['ВПР 2021 Русский язык 4 класс'];
    const s = read({ sheet: 'Лист1', values }, 'протокол.xlsx');
    expect([s.procedure, s.year]).toEqual(['ВПР РУ 4', 2021]);
    expect(s.tasks.map((t) => t.number)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9.1',
      '9.2',
      '10.1',
      '10.2',
      '11',
      '12.1',
      '12.2',
    ]);
    expect(s.missing).toEqual(['максимальные баллы заданий', 'уровни сложности заданий', 'максимальный первичный балл']);
    const [sum] = summarise(s);
    expect(completion(sum?.tasks[0] as never)).toBeNull();
    expect(sum?.marks).toEqual([0, 3, 0, 1]);
    expect(readSource('протокол.xlsx', [{ sheet: 'Лист1', values }]).sheets[0]?.missing).toEqual(s.missing);
  });

  it('names sheet, row and column of every bad cell', () => {
    const values = REAL.values.map((r) => [...r]);
    (values[9] as unknown[])[6] = 3; // task 1 has max 2
    (values[10] as unknown[])[22] = 6; // mark
    (values[11] as unknown[])[8] = 'два';
    (values[12] as unknown[])[21] = 30; // primary above 24
    const s = read({ sheet: REAL.sheet, values });
    expect(s.problems.map((p) => [p.severity, p.row, p.column, p.value, p.message])).toEqual([
      ['ошибка', 10, 'G', '3', 'Балл 3 больше максимума задания 1 (2); ячейка не учитывается.'],
      ['ошибка', 11, 'W', '6', 'Отметка должна быть от 2 до 5; не учитывается.'],
      ['ошибка', 12, 'I', 'два', 'Балл за задание 3 не число и не «X»; ячейка не учитывается.'],
      ['ошибка', 13, 'V', '30', 'Первичный балл больше максимального (24); не учитывается.'],
    ]);
    expect(s.problems.every((p) => p.sheet === REAL.sheet)).toBe(true);
    const [sum] = summarise(s);
    expect(sum?.participants).toBe(3);
  });

  it('procedure and year from the file name, then the sheet name, when the title does not say', () => {
    const plain = REAL.values.slice(6);
    const s = read({ sheet: 'Лист1', values: plain }, 'ВПР 2025 МА 5 Индивидуальные результаты.xlsx');
    expect([s.procedure, s.year, s.from]).toEqual(['ВПР МА 5', 2025, ['имя файла']]);
    const t = read({ sheet: 'РУ 6 Индивидуальные результаты', values: plain }, 'ВПР 2024.xlsx');
    expect([t.procedure, t.year]).toEqual(['ВПР РУ 6', 2024]);
    expect(parsePupilSheet({ sheet: 'Лист1', values: plain }, 'выгрузка.xlsx')).toMatch(/без предмета/);
  });

  it('is not taken for other tables', () => {
    expect(
      parsePupilSheet({
        sheet: 'x',
        values: [
          ['Логин', 'ОО', 'ВПР МА 5 2025'],
          ['sch770001', 'СОШ', 12],
        ],
      }),
    ).toBeNull();
    expect(RU4_2026.length).toBe(15);
  });

  it('readSource: the sheet as «индивидуальные результаты», a result per school and the comparison', () => {
    const got = readSource('Ф1.xlsx', [REAL]);
    expect(got.sheets[0]).toMatchObject({
      kind: 'индивидуальные результаты',
      procedures: ['ВПР РУ 4'],
      years: [2026],
      schools: 1,
      pupils: 4,
    });
    expect(got.tables[0]?.table.schools[0]?.results[0]).toMatchObject({ fail: 0, high: 25, participants: 4 });
    expect(got.comparisons[0]?.rows[0]).toMatchObject({ confirmed: 100, raised: 0 });
    expect(got.summaries?.length).toBe(1);
  });
});

describe('«Результаты участников»', () => {
  it('writes one row per school and reads it back', () => {
    const s = read(REAL);
    const summaries = summarise(s);
    const rows = pupilSummaryRows(summaries);
    expect(rows[0]).toEqual([...PUPILS_HEADER]);
    expect(rows[1]?.slice(0, 18)).toEqual([
      2026,
      'ВПР',
      4,
      'русский язык',
      'Урус-Мартановский муниципальный район',
      'edu203389',
      'МБОУ «СОШ №1 г.Урус-Мартан»',
      4,
      0,
      3,
      0,
      1,
      4,
      0,
      4,
      0,
      0,
      24,
    ]);
    expect(String(rows[1]?.[18]).startsWith('1 (2б, Б); 2 (1б, Б); 3 (2б, Б)')).toBe(true);
    expect(String(rows[1]?.[20]).startsWith('62,5; ')).toBe(true);
    expect(rows[1]?.slice(22)).toEqual(['—; 13; —; 24', 'Ф1_Индивидуальные результаты.xlsx', 'РУ 4 Индивидуальные результаты, строка 9']);
    const back = parsePupilSummaryRows(rows);
    expect(back.skipped).toEqual([]);
    expect(back.summaries).toEqual(summaries);
    const bad = rows.map((r) => [...r]);
    (bad[1] as CellValue[])[19] = '5/4';
    expect(parsePupilSummaryRows(bad).skipped).toEqual([2]);
    // A tab written before the column «Расходятся с журналом на 2 и более, чел.»: still read, the count unknown.
    const far = PUPILS_HEADER.indexOf('Расходятся с журналом на 2 и более, чел.');
    const older = rows.map((r) => r.filter((_, i) => i !== far));
    const old = parsePupilSummaryRows(older);
    expect(old.skipped).toEqual([]);
    expect(old.summaries.map((x) => x.journal.far)).toEqual([null]);
    expect(old.summaries.map((x) => ({ ...x, journal: { ...x.journal, far: 0 } }))).toEqual(summaries);
  });
});

describe('a pupil row without its code', () => {
  it('is read as a pupil with a warning, not as a school line', () => {
    const values = REAL.values.map((r) => [...r]);
    (values[10] as unknown[])[3] = null;
    const s = read({ sheet: REAL.sheet, values });
    expect(s.pupils).toBe(4);
    expect(s.schools).toHaveLength(1);
    expect(s.problems.map((p) => [p.severity, p.row, p.column, p.message])).toEqual([
      ['предупреждение', 11, 'D', 'У участника нет кода участника; строка учитывается.'],
    ]);
  });
});
