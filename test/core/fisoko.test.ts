import { describe, expect, it } from 'vitest';
import { journalReport, marksReport, type ReportSpec } from '../../scripts/fisoko-reports';
import { parseFisOkoReport, type JournalReport, type MarksReport } from '../../src/core/fisoko';
import { type Grid, parseResultTable } from '../../src/core/results';

const spec: ReportSpec = {
  exam: 'ВПР',
  subject: 'Математика',
  grade: 5,
  year: 2025,
  region: 'Энская область',
  municipality: 'Энский муниципальный округ',
  header: 'two-row',
  indent: false,
  titleOrder: 'usual',
};
const schools = [
  { login: 'sch770001', name: 'МБОУ «СОШ № 12»', participants: 54, marks: [31.48, 40.74, 20.37, 7.41] as [number, number, number, number] },
  {
    login: 'sch770002',
    name: 'МКОУ «Ключевская СОШ»',
    participants: 9,
    marks: [11.11, 44.44, 33.33, 11.11] as [number, number, number, number],
  },
];
const grid = (s: ReportSpec, sheet = 'Лист1'): Grid => {
  const { values, merges } = marksReport(s, schools);
  return { sheet, values, merges };
};

describe('ФИС ОКО «Статистика по отметкам»', () => {
  it.each([
    ['two-row header', { header: 'two-row' }],
    ['one-row header, indented schools', { header: 'one-row', indent: true }],
    ['title rows in another order', { titleOrder: 'other', header: 'one-row' }],
  ] as const)('%s: the procedure from the title, one long-layout result per school', (_, variant) => {
    const got = parseFisOkoReport(grid({ ...spec, ...variant }), 'выгрузка.xlsx') as MarksReport;
    expect(got.kind).toBe('marks');
    expect([got.procedure, got.year, got.from]).toEqual(['ВПР МА 5', 2025, ['заголовок']]);
    const t = got.table;
    expect(t.schools.map((s) => [s.login, s.name, s.territory])).toEqual([
      ['sch770001', 'МБОУ «СОШ № 12»', 'Энский муниципальный округ'],
      ['sch770002', 'МКОУ «Ключевская СОШ»', 'Энский муниципальный округ'],
    ]);
    const r = t.schools[0]?.results[0];
    expect([r?.procedure, r?.year, r?.fail, r?.high, r?.participants, r?.state]).toEqual(['ВПР МА 5', 2025, 31.48, 7.41, 54, 'held']);
    // The three aggregate rows are reported, not read as schools; the municipality is the district.
    expect(got.aggregates.map((a) => a.name)).toEqual(['Вся выборка', 'Энская область', 'Энский муниципальный округ']);
    expect(got.district?.participants).toBe(63);
    expect(t.problems.filter((p) => p.severity !== 'сведения')).toEqual([]);
    expect(t.problems.map((p) => p.message)).toEqual(
      Array(3).fill(
        expect.stringMatching(/^Итоговая строка, не школа \(по (России|региону|району): участников \d+, «2» [\d,]+ %\); пропущена\.$/),
      ),
    );
    expect(t.problems[2]).toMatchObject({ severity: 'сведения', sheet: 'Лист1', column: 'A', value: 'Энский муниципальный округ' });
  });

  it('takes what the title does not say from the file name, then the sheet name', () => {
    const plain = grid(spec).values.slice(6);
    const fromFile = parseFisOkoReport({ sheet: 'Лист1', values: plain }, 'ВПР_РУ_6_2024_Статистика по отметкам.xlsx') as MarksReport;
    expect([fromFile.procedure, fromFile.year, fromFile.from]).toEqual(['ВПР РУ 6', 2024, ['имя файла']]);
    const fromSheet = parseFisOkoReport({ sheet: 'ВПР МА 7 2026', values: plain }, 'report (3).xlsx') as MarksReport;
    expect([fromSheet.procedure, fromSheet.year]).toEqual(['ВПР МА 7', 2026]);
    // The title wins where it speaks.
    const both = parseFisOkoReport(grid(spec), 'ВПР РУ 6 2024.xlsx') as MarksReport;
    expect([both.procedure, both.year]).toEqual(['ВПР МА 5', 2025]);
    expect(parseFisOkoReport({ sheet: 'Лист1', values: plain }, 'report.xlsx')).toMatch(/без предмета/);
  });

  it('reads ОГЭ and ЕГЭ reports with levels', () => {
    const ege = parseFisOkoReport(grid({ ...spec, exam: 'ЕГЭ', grade: null, subject: 'Математика (профильный уровень)' })) as MarksReport;
    expect(ege.procedure).toBe('ЕГЭ МА проф');
    const oge = parseFisOkoReport(grid({ ...spec, exam: 'ОГЭ', grade: null, subject: 'Русский язык' })) as MarksReport;
    expect(oge.procedure).toBe('ОГЭ РУ');
  });

  it('is not taken for the long layout, nor the long layout for it', () => {
    const long: Grid = {
      sheet: 'long',
      values: [
        ['Год', 'Класс', 'Предмет', 'Логин', 'ОО', '2', '3', '4', '5'],
        [2025, 5, 'Математика', 'sch770001', 'СОШ', 30, 40, 20, 10],
      ],
    };
    expect(parseFisOkoReport(long)).toBeNull();
    expect(parseResultTable(long).layout).toBe('long');
  });

  it('reports a bad cell with its row and column and a repeated school', () => {
    const g = grid({ ...spec, header: 'one-row' });
    const values = g.values.map((r) => [...r]);
    const first = values.findIndex((r) => String(r[0]).startsWith('(sch770001)'));
    (values[first] as unknown[])[2] = '3l';
    values.push([...(values[first] as []), null]);
    const got = parseFisOkoReport({ ...g, values }) as MarksReport;
    const errors = got.table.problems.filter((p) => p.severity === 'ошибка');
    expect(errors).toEqual([
      expect.objectContaining({ row: first + 1, column: 'C', value: '3l' }),
      expect.objectContaining({ row: values.length, column: 'A', message: `ОО уже есть в строке ${first + 1}; строка не учитывается.` }),
    ]);
    expect(got.table.schools[0]?.results[0]?.state).toBe('blank');
  });
});

describe('ФИС ОКО «Сравнение отметок с отметками по журналу»', () => {
  it.each([false, true])('reads each school block as one comparison row (indented: %s)', (indent) => {
    const { values } = journalReport({ ...spec, indent }, [
      { login: 'sch770001', name: 'МБОУ «СОШ № 12»', participants: 50, shares: [4, 62, 34] },
      { login: 'sch770002', name: 'МКОУ «Ключевская СОШ»', participants: 10, shares: [10, 80, 10] },
    ]);
    const got = parseFisOkoReport({ sheet: 'Лист1', values }, 'x.xlsx') as JournalReport;
    expect(got.kind).toBe('journal');
    expect(got.rows.map((r) => [r.key, r.procedure, r.year, r.lowered, r.confirmed, r.raised])).toEqual([
      ['sch770001', 'ВПР МА 5', 2025, 4, 62, 34],
      ['sch770002', 'ВПР МА 5', 2025, 10, 80, 10],
    ]);
    expect(got.aggregates.map((a) => a.name)).toEqual(['Вся выборка', 'Энская область', 'Энский муниципальный округ']);
    expect(got.district?.fail).toBeCloseTo(30, 0);
    expect(got.problems.every((p) => p.severity === 'сведения')).toBe(true);
  });
});
