import { describe, expect, it } from 'vitest';
import { presetCriteria } from '../../src/core/criteria';
import { defaultObjectivitySettings, markedExclusions, objectivityMarkers, parseJournalComparison } from '../../src/core/objectivity';
import type { SchoolKind } from '../../src/core/registry';
import type { Result, School } from '../../src/core/results';
import { assess, reasonsText } from '../../src/core/verdict';

const result = (procedure: string, year: number, fail: number, high: number | null): Result => ({
  procedure,
  year,
  fail,
  state: 'held',
  high,
  participants: 50,
  row: 0,
  col: 0,
});
const school = (login: string, results: Result[]): School => ({
  key: login,
  login,
  name: `Школа ${login}`,
  territory: '',
  row: 0,
  results,
});

/** Four schools; sch000004 has ВПР МА 5 far above the district while its ОГЭ МА is below it. */
function district(ogeHigh4 = 5, withOge = true): School[] {
  const rows: Array<[string, number, number, number, number]> = [
    // login, ВПР МА 5 «2», ВПР МА 5 high, ОГЭ МА «2», ОГЭ МА high
    ['sch000001', 12, 10, 10, 10],
    ['sch000002', 15, 12, 12, 12],
    ['sch000003', 10, 14, 8, 14],
    ['sch000004', 2, 50, 14, ogeHigh4],
  ];
  return rows.map(([login, f, h, of, oh]) =>
    school(login, [
      result('ВПР МА 5', 2026, f, h),
      ...(withOge || login !== 'sch000004' ? [result('ОГЭ МА', 2026, of, oh)] : []),
      result('ВПР РУ 5', 2026, 10, 15),
    ]),
  );
}
const kinds = (kind: SchoolKind) => new Map<string, SchoolKind | null>([['sch000004', kind]]);

const COMPARISON_HEADER = [
  'Год',
  'Класс',
  'Предмет',
  'Логин',
  'ОО',
  'Понизили (Отметка < Отметка по журналу) %',
  'Подтвердили (Отметка = Отметке по журналу) %',
  'Повысили (Отметка > Отметка по журналу) %',
];

describe('the «Сравнение отметок с отметками по журналу» sheet', () => {
  it('reads the ФИС ОКО long layout with its wording, decimal commas and % signs', () => {
    const t = parseJournalComparison({
      sheet: 'Сравнение с журналом',
      values: [
        ['Сравнение отметок с отметками по журналу'],
        COMPARISON_HEADER,
        ['2026', '5', 'Математика', 'SCH000004', 'Школа 4', '10,5', '55,5%', '34'],
        ['2026', '6', 'Русский язык', 'sch000001', 'Школа 1', 20, 75, 5],
        ['', '', '', '', '', '', '', ''],
        ['2026', '5', 'Астрономия', 'sch000002', 'Школа 2', 20, 75, 5],
        ['2026', '5', 'Математика', 'sch000002', 'Школа 2', 20, 'много', 5],
        ['2026', '5', 'Математика', 'sch000004', 'Школа 4', 10, 60, 30],
      ],
    });
    expect(t.rows.map((r) => [r.key, r.procedure, r.year, r.lowered, r.confirmed, r.raised, r.row])).toEqual([
      ['sch000004', 'ВПР МА 5', 2026, 10.5, 55.5, 34, 3],
      ['sch000001', 'ВПР РУ 6', 2026, 20, 75, 5, 4],
      ['sch000002', 'ВПР МА 5', 2026, 20, null, 5, 7],
    ]);
    expect(t.problems.map((p) => `${p.row} ${p.column} ${p.value}: ${p.message}`)).toEqual([
      '6 C Астрономия 5: процедура не распознана: не распознан предмет «астрономия»; строка не учитывается',
      '7 G много: не число: доля не прочитана',
      '8 C ВПР МА 5: ВПР МА 5, 2026 для этой ОО уже есть в строке 3: строка не учитывается',
    ]);
  });

  it('takes short headers, fractions and a Процедура column; says when it finds no such table', () => {
    const t = parseJournalComparison({
      sheet: 'Журнал',
      values: [
        ['Процедура', 'Год', 'Класс', 'Предмет', 'Логин ОО', 'Понизили', 'Подтвердили', 'Повысили'],
        ['ВПР', '2025-2026', '4', 'Рус', 'sch000003', 0.1, 0.7, 0.2],
      ],
    });
    expect(t.rows.map((r) => [r.procedure, r.year, r.lowered, r.confirmed, r.raised])).toEqual([['ВПР РУ 4', 2026, 10, 70, 20]]);
    const none = parseJournalComparison({ sheet: 'Заметки', values: [['Логин', 'ОО']] });
    expect(none.rows).toEqual([]);
    expect(none.problems[0]?.message).toMatch(/^не найдены столбцы «Повысили», «Подтвердили»/);
  });
});

describe('objectivity markers', () => {
  const settings = defaultObjectivitySettings();
  const comparison = parseJournalComparison({
    sheet: 'Сравнение с журналом',
    values: [
      COMPARISON_HEADER,
      ['2026', '5', 'Математика', 'sch000001', 'Школа 1', 10, 56, 34],
      ['2026', '5', 'Русский язык', 'sch000002', 'Школа 2', 29, 41, 30],
      ['2026', '5', 'Математика', 'sch000003', 'Школа 3', 15, 75, 10],
    ],
  }).rows;

  it('«Повысили» above the threshold, saying which numbers raised it', () => {
    const m = objectivityMarkers(district(20), comparison.slice(0, 1), new Map(), settings);
    expect(m).toEqual([
      { key: 'sch000001', procedure: 'ВПР МА 5', year: 2026, kind: 'повысили', text: 'ВПР МА 5, 2026: «Повысили» 34 % > 15 %' },
    ]);
  });

  it('«Подтвердили» below the threshold (and «Повысили» 30 % with it)', () => {
    const m = objectivityMarkers(district(20), comparison.slice(1, 2), new Map(), settings);
    expect(m.map((x) => x.text)).toEqual(['ВПР РУ 5, 2026: «Повысили» 30 % > 15 %', 'ВПР РУ 5, 2026: «Подтвердили» 41 % < 50 %']);
  });

  it('ВПР far above the district that ОГЭ does not confirm, in a school that is not a гимназия or лицей', () => {
    const m = objectivityMarkers(district(5), [], kinds('СОШ'), settings);
    expect(m).toHaveLength(1);
    expect(m[0]?.kind).toBe('выше района');
    // District mean of high results for ВПР МА 5: (10 + 12 + 14 + 50)/4 = 21,5; of «2»: (12 + 15 + 10 + 2)/4 = 9,75.
    // ОГЭ МА high: (10 + 12 + 14 + 5)/4 = 10,25.
    expect(m[0]?.text).toBe(
      'ВПР МА 5, 2026: высоких результатов 50 % — на 28,5 п. п. выше средней по району (21,5 %) при «2» 2 % (средняя 9,8 %); ' +
        'ГИА не подтверждает — ОГЭ МА 2026: высоких результатов 5 % при средней 10,3 %',
    );
    expect(objectivityMarkers(district(5), [], kinds('гимназия'), settings)).toEqual([]);
    expect(objectivityMarkers(district(5), [], kinds('лицей'), settings)).toEqual([]);
    // ОГЭ above the average confirms; no ОГЭ at all confirms nothing and refutes nothing.
    expect(objectivityMarkers(district(30), [], kinds('СОШ'), settings)).toEqual([]);
    expect(objectivityMarkers(district(5, false), [], kinds('СОШ'), settings)).toEqual([]);
    // A stricter setting: 30 points above is needed, 28,5 is not enough.
    expect(objectivityMarkers(district(5), [], kinds('СОШ'), { ...settings, highExcess: 30 })).toEqual([]);
  });

  it('none on clean data', () => {
    expect(objectivityMarkers(district(20), comparison.slice(2), kinds('СОШ'), settings)).toEqual([]);
  });

  it('marked results still count by default; when they do not, the verdict says the result was excluded', () => {
    const schools = [
      school('sch000009', [result('ВПР МА 5', 2025, 35, 5), result('ВПР МА 5', 2026, 40, 5), result('ВПР РУ 5', 2026, 10, 40)]),
    ];
    const markers = objectivityMarkers(
      schools,
      [
        {
          key: 'sch000009',
          login: 'sch000009',
          name: '',
          procedure: 'ВПР РУ 5',
          year: 2026,
          lowered: 5,
          confirmed: 60,
          raised: 35,
          row: 2,
        },
      ],
      new Map(),
      settings,
    );
    const criteria = presetCriteria('novokuznetsk-2020');
    const counted = assess(schools, criteria).verdicts[0];
    expect(counted?.excluded).toEqual([]);
    const v = assess(schools, criteria, { exclude: markedExclusions(markers) }).verdicts[0];
    expect(v?.status).toBe('ШНОР');
    expect(v?.excluded).toEqual([
      'ВПР РУ 5, 2026: не учитывается как результат с признаками необъективности (ВПР РУ 5, 2026: «Повысили» 35 % > 15 %)',
    ]);
    expect(reasonsText(v!).at(-1)).toBe(v?.excluded[0]);
    // The only result of the reference year excluded: nothing is left to judge the year by.
    const only = [school('sch000008', [result('ВПР РУ 5', 2026, 10, 40)])];
    const w = assess(only, criteria, { exclude: new Map([['sch000008|ВПР РУ 5|2026', 'ВПР РУ 5, 2026: «Повысили» 35 % > 15 %']]) });
    expect(w.verdicts[0]?.status).toBe('нет данных');
  });
});
