import { describe, expect, it } from 'vitest';
import { presetCriteria } from '../../src/core/criteria';
import {
  buildReport,
  buildReportBlocks,
  countedSchools,
  printedChange,
  REPORT_COLUMNS,
  type ReportBlock,
  shareText,
} from '../../src/core/report';
import type { Result, School } from '../../src/core/results';
import { assess } from '../../src/core/verdict';

function school(key: string, cells: Record<string, number>): School {
  const results: Result[] = Object.entries(cells).map(([k, fail]) => {
    const [, procedure, year] = /^(.*) (\d{4})$/.exec(k) as RegExpExecArray;
    return { procedure: procedure as string, year: Number(year), fail, state: 'held', high: null, participants: null, row: 0, col: 0 };
  });
  return { key, login: key, name: `СОШ ${key}`, territory: '', row: 0, results };
}

describe('Russian number agreement', () => {
  it.each([
    [1, 'отнесена 1 школа'],
    [2, 'отнесены 2 школы'],
    [4, 'отнесены 4 школы'],
    [5, 'отнесено 5 школ'],
    [11, 'отнесено 11 школ'],
    [21, 'отнесена 21 школа'],
    [0, 'отнесено 0 школ'],
  ])('%i → %s', (n, text) => {
    expect(countedSchools(n)).toBe(text);
  });
  it('shares like the programmes write them', () => {
    expect(shareText(6, 17)).toBe('6 из 17 ОО (35 %)');
    expect(shareText(0, 0)).toBe('0 из 0 ОО (0 %)');
  });
});

describe('buildReport', () => {
  const c = presetCriteria('novokuznetsk-2020');
  const schools = [
    school('a', { 'ВПР МА 5 2026': 40, 'ВПР РУ 5 2026': 35, 'ВПР МА 5 2025': 10, 'ВПР РУ 5 2025': 10 }),
    school('b', { 'ВПР МА 5 2026': 5, 'ВПР МА 5 2025': 45, 'ВПР РУ 5 2025': 31, 'ВПР МА 5 2024': 35 }),
    school('c', { 'ВПР МА 5 2026': 31, 'ВПР МА 5 2025': 5, 'ЕГЭ МА база 2026': 20 }),
  ];
  const a = assess(schools, c);
  const previous = assess(schools, { ...c, referenceYear: 2025 });
  const input = {
    sheet: 'Результаты',
    assessment: a,
    previous,
    procedures: ['ВПР МА 5', 'ВПР РУ 5', 'ЕГЭ МА база'],
    years: [2024, 2025, 2026],
    // A hand-worked example: 13.14 → 12.56 prints as 13,1 → 12,6, so the change is −0,5 (not −0,58 → −0,6);
    // 19.44 → 19.26 prints as 19,4 → 19,3: −0,1 (not −0,18 → −0,2, and never «0»).
    dynamics: [
      { procedure: 'ЕГЭ МА база', before: 13.14, after: 12.56, delta: -0.58, schools: 24, worse: 1, better: 1 },
      { procedure: 'ВПР РУ 6', before: 19.44, after: 19.26, delta: -0.18, schools: 33, worse: 0, better: 1 },
    ],
    dynamicsThreshold: 10,
    date: '24.11.2026',
    roadmaps: {
      periods: '2026/27',
      roadmaps: [
        {
          sheet: 'ДК СОШ a 2026–27',
          owner: 'a',
          ownerName: 'СОШ a',
          counts: { total: 12, done: 3, inProgress: 4, planned: 2, overdue: 2, cancelled: 1, due: 6, doneOfDue: 3 },
        },
      ],
    },
  };
  const blocks = buildReportBlocks(input);
  const lines = buildReport(input);
  const table = (header0: string) =>
    blocks.find((b) => b.kind === 'table' && b.header[1] === header0) as Extract<ReportBlock, { kind: 'table' }>;

  it('states the counts once, with agreement and shares', () => {
    expect(lines).toContain(
      'К школам с низкими образовательными результатами отнесена 1 школа из 3 ОО (33 %). В зоне риска (есть низкие результаты, но условия ШНОР не выполнены) — 2 школы (67 %).',
    );
    expect(lines).toContain(
      'Проанализированы результаты 3 общеобразовательных организаций по 3 оценочным процедурам за 2024, 2025, 2026 годы; год отсчёта — 2026.',
    );
  });

  it('numbers the rules where the criteria are stated and cites the same numbers in the list; no wildcard, as many procedures as said', () => {
    expect(lines).toContain('Правило 1: низкие результаты не менее чем по 2 процедурам в году отсчёта (2026).');
    expect(lines).toContain('Правило 2: низкий результат хотя бы по одной процедуре в каждом из 2 последних лет (2025, 2026).');
    expect(lines).toContain(
      'Школа относится к ШНОР, если выполнено правило 1 или правило 2. Школа с низкими результатами, не отвечающая этому условию, — в зоне риска.',
    );
    const criteria = lines.find((l) => l.includes('Учитываются')) ?? '';
    expect(criteria).toContain('Учитываются 3 процедуры: ВПР МА 5, ВПР РУ 5, ЕГЭ МА база.');
    expect(lines.join('\n')).not.toMatch(/\*/);
    const list = table('ОО');
    expect(list.header).toEqual(['№', 'ОО', 'Статус', 'Правило', 'Основания']);
    expect(list.rows[0]).toEqual(['1', 'СОШ a (a)', 'ШНОР', '1', '2026: ВПР МА 5 — 40 %, ВПР РУ 5 — 35 %.']);
    expect(list.rows.map((r) => r[2])).toEqual(['ШНОР', 'зона риска', 'зона риска']);
    expect(list.spans.reduce((x, y) => x + y, 0)).toBe(REPORT_COLUMNS.length);
  });

  it('phrases ЕГЭ as «не преодолели минимальный порог», never with a «2»', () => {
    const dyn = table('Годы');
    expect(dyn.rows[0]?.[0]).toBe('ЕГЭ МА база (не преодолели минимальный порог)');
    expect(lines.join('\n')).not.toMatch(/ЕГЭ[^|;.]*«2»/);
  });

  it('computes every printed change from the printed values (hand-worked)', () => {
    const dyn = table('Годы');
    expect(dyn.rows).toEqual([
      ['ЕГЭ МА база (не преодолели минимальный порог)', '2025 → 2026', '13,1 → 12,6', '−0,5', '1 / 1 из 24'],
      ['ВПР РУ 6 (доля «2»)', '2025 → 2026', '19,4 → 19,3', '−0,1', '0 / 1 из 33'],
    ]);
    expect(printedChange(19.44, 19.26)).toBe('−0,1');
    expect(printedChange(19.46, 19.54)).toBe('0');
    expect(printedChange(11.76, 12.14)).toBe('+0,3');
  });

  it('says who entered and left the list, and concludes from the figures', () => {
    expect(lines).toContain(
      'По тем же критериям на данных 2025 года к ШНОР была отнесена 1 школа из 3 ОО. Вошли в перечень — 1 школа (СОШ a); вышли из перечня — 1 школа (СОШ b); остались — 0 школ.',
    );
    const i = lines.findIndex((l) => /^\d+\. Выводы$/.test(l));
    expect(i).toBeGreaterThan(0);
    expect(lines.slice(i + 1)).toEqual([
      'В 2026 году к ШНОР отнесена 1 школа — 33 % ОО района. По сравнению с 2025 годом впервые вошли 1 (СОШ a), вышли 1 (СОШ b).',
      'Средняя доля низких отметок снизилась по 2 процедурам: ЕГЭ МА база (−0,5 п. п.), ВПР РУ 6 (−0,1 п. п.).',
      'Существенное ухудшение (на 10 п. п. и более) — ЕГЭ МА база: 1 ОО; этим процедурам нужно особое внимание.',
    ]);
  });

  it('says how the roadmaps are executed, each number once', () => {
    const i = lines.findIndex((l) => /^\d+\. Исполнение дорожных карт$/.test(l));
    expect(lines.slice(i + 1, i + 3)).toEqual([
      'В книге 1 дорожная карта: 12 мероприятий на период 2026/27. На 24.11.2026 выполнено 3, в работе 4, запланировано 2, просрочено 2, отменено 1. ' +
        'Срок окончания прошёл у 6 мероприятий; выполнены из них 3 (50 %).',
      'Просроченные мероприятия есть в 1 карте: СОШ a — 2.',
    ]);
    // The roadmaps' figures are not repeated in the conclusions.
    expect(lines.filter((l) => l.includes('12 мероприятий'))).toHaveLength(1);
  });

  it('names the ШНОР without a roadmap, and says when there are no roadmaps at all', () => {
    const none = buildReport({ ...input, roadmaps: { periods: '2026/27', roadmaps: [] } });
    expect(none).toContain('Дорожные карты в книге ещё не составлены: их нет ни у одной из 1 ШНОР.');
    const other = buildReport({
      ...input,
      roadmaps: { periods: '2026/27', roadmaps: [{ ...input.roadmaps.roadmaps[0]!, owner: 'b', ownerName: 'СОШ b' }] },
    });
    expect(other).toContain('Без дорожной карты на этот период — 1 ШНОР: СОШ a.');
  });
});
