/** The trend of «ШНОР: итоги»: the worst procedure and its %«2» by year, the formula and its text form. */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/core/settings';
import { worstTrend, worstTrendText } from '../../src/core/dynamics';
import type { Result, School } from '../../src/core/results';
import { sparklineFormula, sparklineSource, textSparkline } from '../../src/core/sparkline';

const result = (procedure: string, year: number, fail: number | null): Result => ({
  procedure,
  year,
  fail,
  state: fail === null ? 'notHeld' : 'held',
  high: null,
  participants: 40,
  row: 0,
  col: 0,
});

const school = (results: Result[]): School => ({ key: 'sch1', login: 'sch771001', name: 'СОШ', territory: '', row: 0, results });

describe('the worst procedure’s trend', () => {
  const criteria = defaultSettings().criteria;
  it('takes the procedure of the criteria with the highest %«2» in the latest year, over the years asked', () => {
    const s = school([
      result('ВПР МА 5', 2024, 20),
      result('ВПР МА 5', 2026, 28),
      result('ВПР РУ 5', 2024, 10),
      result('ВПР РУ 5', 2025, 12),
      result('ВПР РУ 5', 2026, 35),
      // Not a procedure of the criteria: never the worst, however high.
      result('ВПР МА 8', 2026, 90),
      // After the reference year: not read.
      result('ВПР МА 5', 2027, 99),
    ]);
    const t = worstTrend(s, criteria, 2026, [2024, 2025, 2026]);
    expect(t).toEqual({ procedure: 'ВПР РУ 5', shares: [10, 12, 35] });
    expect(worstTrendText(t, [2024, 2025, 2026])).toBe('ВПР РУ 5, 2024–2026: 10 → 12 → 35 %');
    // A year without the procedure is left out of the words, and the span says which years are there.
    expect(worstTrendText({ procedure: 'ВПР МА 5', shares: [20, null, 28.25] }, [2024, 2025, 2026])).toBe(
      'ВПР МА 5, 2024–2026: 20 → 28,3 %',
    );
    expect(worstTrend(school([result('ВПР МА 8', 2026, 50)]), criteria, 2026, [2026])).toBeNull();
    expect(worstTrendText(null, [2026])).toBe('');
  });
});

describe('a SPARKLINE', () => {
  it('is a formula over the row’s block, read back by the adapters', () => {
    const f = sparklineFormula({ row: 6, col: 12, rows: 1, cols: 3 });
    expect(f).toBe('=SPARKLINE(M7:O7,{"charttype","line";"ymin",0;"color","#3c4043";"linewidth",1.5;"empty","ignore"})');
    expect(sparklineSource(f)).toEqual({ row: 6, col: 12, rows: 1, cols: 3 });
    expect(sparklineSource('=HYPERLINK("#gid=0&range=A8","строка 8")')).toBeNull();
  });

  it('as text: a block per year from 0 to the largest, a dot where there is no value', () => {
    expect(textSparkline([10, 20, 40])).toBe('▂ ▄ █');
    expect(textSparkline([26.3, 26.8, 27.3])).toBe('█ █ █');
    expect(textSparkline([0, null, 0])).toBe('▁ · ▁');
    expect(textSparkline([null, null])).toBe('');
  });
});
