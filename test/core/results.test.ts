import { describe, expect, it } from 'vitest';
import { describeProblem, type Grid, NotAResultTableError, parseResultTable } from '../../src/core/results';

/** The appendix header of the Новокузнецк programme (seed 004), shortened to three groups. */
function wideGrid(rows: unknown[][], merged = true): Grid {
  const top = ['Территория', 'Название ОО', 'Логин ОО', 'ВПр МА 5 2019', '', 'ВПр РУ 6 2019', '', 'ОГЭ МА 2018', ''];
  const sub = ['', '', '', '" % 2"', '% Выс. рез-тов', '" % 2"', '% Выс. рез-тов', '" % 2"', '% Выс. рез-тов'];
  return {
    sheet: 'Приложение 1',
    values: [top, sub, ...rows] as Grid['values'],
    merges: merged
      ? [
          { row: 0, col: 3, rows: 1, cols: 2 },
          { row: 0, col: 5, rows: 1, cols: 2 },
          { row: 0, col: 7, rows: 1, cols: 2 },
        ]
      : [],
  };
}

describe('wide layout with a two-row header', () => {
  const grid = wideGrid([
    ['Центральный', 'МБОУ «СОШ № 12»', 'sch420012', 38, 5, '12,5', '3', '-', '-'],
    ['Центральный', 'СОШ №14', 'SCH420014', '30%', '', '', '', 31, 0],
    ['Заводской', 'ООШ № 7', 'sch420007', '4o', 1],
  ]);

  it.each([true, false])('reads groups, metrics and values (merges given: %s)', (merged) => {
    const t = parseResultTable(wideGrid(grid.values.slice(2), merged));
    expect(t.layout).toBe('wide');
    expect(t.firstDataRow).toBe(2);
    expect(t.procedures).toEqual(['ВПР МА 5', 'ВПР РУ 6', 'ОГЭ МА']);
    expect(t.years).toEqual([2018, 2019]);
    expect(t.schools.map((s) => s.login)).toEqual(['sch420012', 'sch420014', 'sch420007']);
    const [a, b, c] = t.schools;
    expect(a?.name).toBe('МБОУ «СОШ № 12»');
    expect(a?.territory).toBe('Центральный');
    expect(a?.results).toEqual([
      { procedure: 'ВПР МА 5', year: 2019, fail: 38, state: 'held', high: 5, participants: null, row: 2, col: 3 },
      { procedure: 'ВПР РУ 6', year: 2019, fail: 12.5, state: 'held', high: 3, participants: null, row: 2, col: 5 },
      { procedure: 'ОГЭ МА', year: 2018, fail: null, state: 'notHeld', high: null, participants: null, row: 2, col: 7 },
    ]);
    expect(b?.results.map((r) => [r.procedure, r.fail, r.state])).toEqual([
      ['ВПР МА 5', 30, 'held'],
      ['ВПР РУ 6', null, 'blank'],
      ['ОГЭ МА', 31, 'held'],
    ]);
    // A row shorter than the header: the missing cells are blank, not errors.
    expect(c?.results.map((r) => r.state)).toEqual(['blank', 'blank', 'blank']);
    expect(t.problems).toEqual([
      { severity: 'ошибка', sheet: 'Приложение 1', row: 5, column: 'D', value: '4o', message: 'Не число; ячейка не учитывается.' },
    ]);
  });

  it('reads shares given as fractions and says so', () => {
    const t = parseResultTable(
      wideGrid([
        ['', 'СОШ 1', 'sch000001', '0,4', 0.1, 0.2, 0, 0.1, 0.01],
        ['', 'СОШ 2', 'sch000002', 0.05, 0.3, '0,35', 0, 0.2, 0.02],
      ]),
    );
    expect(t.schools[0]?.results.map((r) => r.fail)).toEqual([40, 20, 10]);
    expect(t.schools[1]?.results.map((r) => r.fail)).toEqual([5, 35, 20]);
    const notes = t.problems.filter((p) => p.severity === 'сведения');
    expect(notes.map((p) => p.column)).toEqual(['D', 'F', 'H', 'E', 'I']);
    expect(notes[0]?.message).toMatch(/доли/);
    expect(t.guesses.map((g) => g.fraction)).toEqual([true, true, true, true, true]);
  });

  it('reads a column of tiny shares as percentages when the other columns of its kind hold percentages', () => {
    const t = parseResultTable(
      wideGrid([
        ['', 'СОШ 1', 'sch000001', 0.8, 10, 12, 5, 30, 1],
        ['', 'СОШ 2', 'sch000002', 0.5, 20, 40, 0, 20, 2],
      ]),
    );
    expect(t.schools.map((s) => s.results[0]?.fail)).toEqual([0.8, 0.5]);
    expect(t.guesses).toEqual([{ col: 3, fraction: false }]);
    // A spreadsheet's percent format decides outright.
    const formatted = parseResultTable(wideGrid([['', 'СОШ 1', 'sch000001', 0.8, 10, 12, 5, 30, 1]]), {
      percentFormatted: (c) => (c === 3 ? true : undefined),
    });
    expect(formatted.schools[0]?.results[0]?.fail).toBe(80);
    expect(formatted.guesses).toEqual([]);
  });

  it('skips totals rows with a note and reports rows without identity and duplicates', () => {
    const t = parseResultTable(
      wideGrid([
        ['', 'СОШ 1', 'sch000001', 10],
        ['', '', '', 33],
        ['', 'СОШ 1 (повтор)', 'sch000001', 50],
        ['', 'Итого по району', '', 20],
        [],
        ['', 'Школа без логина', '', 35],
        ['', 'СОШ 9', 'ш9', 35],
      ]),
    );
    expect(t.schools.map((s) => s.key)).toEqual(['sch000001', 'name:школа без логина', 'ш9']);
    expect(t.problems.map((p) => [p.severity, p.row, p.message])).toEqual([
      ['ошибка', 4, 'Нет ни логина, ни названия ОО; строка не учитывается.'],
      ['ошибка', 5, 'ОО уже есть в строке 3; строка не учитывается.'],
      ['сведения', 6, 'Строка итогов пропущена.'],
      ['предупреждение', 9, 'Логин не похож на логин ФИС ОКО (sch, edu или ksh и цифры); используется как есть.'],
    ]);
  });

  it('reports headers it cannot place, with sheet, row and column', () => {
    const g = wideGrid([['', 'СОШ 1', 'sch000001', 10, 1, 2, 3, 4, 5, 6, 7, 8]]);
    g.values[0]?.push('ВПР астрономия 5 2019', 'Численность учителей', 'ВПР МА 5 2020');
    g.values[1]?.push('" % 2"', '', 'Средний балл');
    const t = parseResultTable(g);
    const warnings = t.problems.filter((p) => p.severity === 'предупреждение').map(describeProblem);
    expect(warnings).toEqual([
      'Лист «Приложение 1», строка 1, столбец J: «ВПР астрономия 5 2019 / " % 2"» — Заголовок «ВПР астрономия 5 2019» / «" % 2"» не распознан: не распознан предмет «астрономия»; столбец не учитывается.',
      'Лист «Приложение 1», строка 1, столбец K: «Численность учителей / » — Заголовок «Численность учителей» не распознан: не указана процедура (ВПР, ОГЭ или ЕГЭ); столбец не учитывается.',
      'Лист «Приложение 1», строка 2, столбец L: «Средний балл» — Заголовок «ВПР МА 5 2020» / «Средний балл»: показатель «Средний балл» не используется в критериях; столбец не учитывается.',
    ]);
  });

  it('refuses a sheet that is not a result table, in Russian', () => {
    expect(() =>
      parseResultTable({
        sheet: 'Лист1',
        values: [
          ['a', 'b'],
          [1, 2],
        ],
      }),
    ).toThrow(NotAResultTableError);
    expect(() => parseResultTable({ sheet: 'Лист1', values: [['Логин', 'Класс']] })).toThrow(
      /Лист «Лист1»: не найдено ни одного столбца с долей «2»/,
    );
  });

  it('finds the header below a title', () => {
    const g = wideGrid([['', 'СОШ 1', 'sch000001', 31]]);
    g.values.unshift(['Результаты оценочных процедур'], []);
    g.merges = g.merges?.map((m) => ({ ...m, row: m.row + 2 }));
    const t = parseResultTable(g);
    expect(t.firstDataRow).toBe(4);
    expect(t.schools[0]?.results[0]).toMatchObject({ fail: 31, row: 4, col: 3 });
  });
});

describe('wide layout with one header row', () => {
  it('reads full column names', () => {
    const t = parseResultTable({
      sheet: 'Итоги',
      values: [
        ['Логин ОО', 'Название ОО', 'ВПР МА 5 2019 % 2', 'ВПР МА 5 2019 % Выс. рез-тов', 'ЕГЭ МА проф 2019 % 2', 'ОГЭ РУ 2019 "%2"'],
        ['sch1001', 'Гимназия № 1', '12,5 %', '40', '0', '3'],
      ],
    });
    expect(t.layout).toBe('wide-one-row');
    expect(t.schools[0]?.results.map((r) => [r.procedure, r.year, r.fail, r.high])).toEqual([
      ['ВПР МА 5', 2019, 12.5, 40],
      ['ЕГЭ МА проф', 2019, 0, null],
      ['ОГЭ РУ', 2019, 3, null],
    ]);
    expect(t.problems).toEqual([]);
  });

  it('reports a column without a metric', () => {
    const t = parseResultTable({
      sheet: 'Итоги',
      values: [
        ['Логин', 'ВПР МА 5 2019 % 2', 'ОГЭ РУ 2019'],
        ['sch1001', 1, 2],
      ],
    });
    expect(t.problems.map(describeProblem)).toEqual([
      'Лист «Итоги», строка 1, столбец C — Заголовок «ОГЭ РУ 2019»: не указан показатель (« % 2», «% Выс. рез-тов»); столбец не учитывается.',
    ]);
  });
});

describe('long layout', () => {
  const header = ['Год', 'Класс', 'Предмет', 'Муниципалитет', 'Логин', 'ОО', 'Кол-во участников', '2', '3', '4', '5'];

  it('reads one row per school, procedure and year; ВПР when there is no procedure column', () => {
    const t = parseResultTable({
      sheet: 'district.csv',
      values: [
        header,
        [2019, 5, 'Математика', 'Район', 'sch420012', 'СОШ 12', 25, '32,5', '40', '20', '7,5'],
        ['2019', '6', 'Русский язык', 'Район', 'sch420012', 'СОШ 12', '24', '10', '50', '30', '10'],
        [2018, 5, 'Математика', 'Район', 'sch420014', 'СОШ 14', 8, 50, 50, 0, 0],
        [2019, 5, 'Математика', 'Район', 'sch420012', 'СОШ 12', 25, 1, 1, 1, 1],
        [2019, 5, 'Астрономия', 'Район', 'sch420012', 'СОШ 12', 25, 1, 1, 1, 1],
        ['', 5, 'Математика', 'Район', 'sch420012', 'СОШ 12', 25, 1, 1, 1, 1],
      ],
    });
    expect(t.layout).toBe('long');
    expect(t.schools.map((s) => [s.login, s.name, s.row])).toEqual([
      ['sch420012', 'СОШ 12', 1],
      ['sch420014', 'СОШ 14', 3],
    ]);
    expect(t.schools[0]?.results).toEqual([
      // All four marks' shares are kept beside %«2» (the card's marks figure).
      {
        procedure: 'ВПР МА 5',
        year: 2019,
        fail: 32.5,
        state: 'held',
        high: 7.5,
        participants: 25,
        marks: [32.5, 40, 20, 7.5],
        row: 1,
        col: 7,
      },
      { procedure: 'ВПР РУ 6', year: 2019, fail: 10, state: 'held', high: 10, participants: 24, marks: [10, 50, 30, 10], row: 2, col: 7 },
    ]);
    expect(t.schools[1]?.results[0]).toMatchObject({ procedure: 'ВПР МА 5', year: 2018, fail: 50, participants: 8 });
    expect(t.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [5, 'C', 'ВПР МА 5, 2019 для этой ОО уже есть в строке 2; строка не учитывается.'],
      [6, 'C', 'Процедура не распознана: не распознан предмет «астрономия»; строка не учитывается.'],
      [7, 'A', 'Не указан год; строка не учитывается.'],
    ]);
  });

  it('takes the procedure from a Процедура column and fractions from the «2» column', () => {
    const t = parseResultTable({
      sheet: 'gia.csv',
      values: [
        ['Процедура', ...header],
        ['ОГЭ', 2020, 9, 'Математика', 'Р', 'sch1', 'ООШ 1', 30, 0.3, 0.3, 0.3, 0.1],
        ['ЕГЭ', 2020, 11, 'Математика (профильный уровень)', 'Р', 'sch2', 'СОШ 2', 30, 0.1, '-', '-', 0],
        ['ЕГЭ', 2020, 11, 'Русский язык', 'Р', 'sch2', 'СОШ 2', 30, '-', '-', '-', '-'],
      ],
    });
    expect(t.procedures).toEqual(['ЕГЭ МА проф', 'ЕГЭ РУ', 'ОГЭ МА']);
    expect(t.schools.flatMap((s) => s.results.map((r) => [r.procedure, r.fail, r.state]))).toEqual([
      ['ОГЭ МА', 30, 'held'],
      ['ЕГЭ МА проф', 10, 'held'],
      ['ЕГЭ РУ', null, 'notHeld'],
    ]);
    expect(t.problems.some((p) => p.severity === 'сведения' && p.column === 'I')).toBe(true);
  });

  it('rejects shares outside 0–100', () => {
    const t = parseResultTable({ sheet: 's', values: [header, [2019, 5, 'МА', '', 'sch000001', 'СОШ', 10, 140, 0, 0, 0]] });
    expect(t.problems.map(describeProblem)).toEqual([
      'Лист «s», строка 2, столбец H: «140» — Доля вне пределов 0–100 %; ячейка не учитывается.',
    ]);
    expect(t.schools[0]?.results[0]?.state).toBe('blank');
  });
});
