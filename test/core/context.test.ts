import { describe, expect, it } from 'vitest';
import { contextIndex, contextStatus, defaultContextSettings, describeContextMethod, type ContextSettings } from '../../src/core/context';
import { parseRegistry } from '../../src/core/registry';

/** Four schools of a registry; the fourth has no share of parents with higher education. */
const HEADER = [
  'Логин',
  'Название ОО',
  'Тип ОО',
  'Местность',
  'Малокомплектная',
  'Доля из малоимущих семей, %',
  'Доля из неполных семей, %',
  'Доля с родителями с высшим образованием, %',
  'Доля с неродным русским языком, %',
  'Доля на профилактическом учёте, %',
  'Доля с ОВЗ, %',
];
const registry = parseRegistry({
  sheet: 'Школы',
  values: [
    HEADER,
    ['sch000001', 'Школа А', 'СОШ', 'город', 'нет', 10, 20, 50, 0, 0, 2],
    ['sch000002', 'Школа Б', 'СОШ', 'село', 'да', 40, 30, 10, 10, 4, 6],
    ['sch000003', 'Школа В', 'СОШ', 'город', 'нет', 32.5, 25, 20, 5, 2, 4],
    ['sch000004', 'Школа Г', 'ООШ', 'село', 'да', 30, 25, '', 5, 2, 4],
  ],
});

describe('the ШНСУ index', () => {
  it('matches the hand-worked example of the preset (weights 3, 1, 3, 1, 1, 1, 1, 1)', () => {
    expect(registry.problems).toEqual([]);
    const a = contextIndex(registry.schools, defaultContextSettings());
    // Min–max over А, Б, В (Г lacks a share). Favourable part f: 1 − n for adverse factors, n for higher education.
    //   factor              А  Б  В          w
    //   малоимущие 10/40/32,5 → 1, 0, 0,25  3
    //   неполные   20/30/25   → 1, 0, 0,5   1
    //   высшее     50/10/20   → 1, 0, 0,25  3
    //   неродной   0/10/5     → 1, 0, 0,5   1
    //   учёт       0/4/2      → 1, 0, 0,5   1
    //   ОВЗ        2/6/4      → 1, 0, 0,5   1
    //   село       0/1/0      → 1, 0, 1     1
    //   МКШ        0/1/0      → 1, 0, 1     1
    // А = 100 · 12/12 = 100; Б = 0; В = 100 · (0,75 + 0,5 + 0,75 + 0,5 + 0,5 + 0,5 + 1 + 1)/12 = 100 · 5,5/12 = 45,83…
    const index = Object.fromEntries(a.schools.map((s) => [s.login, s.index]));
    expect(index.sch000001).toBe(100);
    expect(index.sch000002).toBe(0);
    expect(index.sch000003).toBeCloseTo((100 * 5.5) / 12, 6);
    expect(index.sch000004).toBeNull();
    // The lowest 25 % of three indexed schools: round(0,75) = 1 school.
    expect(a.indexed).toBe(3);
    expect(a.schools.map((s) => s.shnsu)).toEqual([false, true, false, null]);
    expect(a.boundary).toBe(0);
  });

  it('reports missing context data by school and column, never as zero', () => {
    const a = contextIndex(registry.schools, defaultContextSettings());
    expect(a.gaps).toEqual([{ login: 'sch000004', name: 'Школа Г', row: 5, column: 'Доля с родителями с высшим образованием, %' }]);
    expect(contextStatus('норма', a.byLogin.get('sch000004'))).toBe('нет данных о контексте');
    expect(contextStatus('норма', undefined)).toBe('нет данных о контексте');
    // With the factor weighted 0 the school needs no such share, and gets an index.
    const s: ContextSettings = defaultContextSettings();
    s.weights.higherEducation = 0;
    const b = contextIndex(registry.schools, s);
    expect(b.gaps).toEqual([]);
    expect(b.byLogin.get('sch000004')?.index).not.toBeNull();
  });

  it('cuts by an index value, and other weights give the weighted mean by hand', () => {
    const s = defaultContextSettings();
    s.cutoff = { mode: 'value', value: 50 };
    const a = contextIndex(registry.schools, s);
    expect(a.schools.map((x) => x.shnsu)).toEqual([false, true, true, null]);
    expect(a.boundary).toBeCloseTo(45.833333, 5);
    // Only poverty (weight 1) and the rural flag (weight 3): В = 100 · (0,25 + 3 · 1)/4 = 81,25.
    const only: ContextSettings = {
      weights: {
        lowIncome: 1,
        singleParent: 0,
        higherEducation: 0,
        nonNativeRussian: 0,
        preventiveRegister: 0,
        disabilities: 0,
        rural: 3,
        small: 0,
      },
      cutoff: { mode: 'share', value: 50 },
    };
    const b = contextIndex(registry.schools, only);
    expect(b.byLogin.get('sch000003')?.index).toBe(81.25);
    // Г has both: 100 · ((1 − (30 − 10)/30) + 3 · 0)/4 = 8,33…
    expect(b.byLogin.get('sch000004')?.index).toBeCloseTo((100 * (1 - 20 / 30)) / 4, 6);
    // Half of four: the two lowest (Б 0, Г 8,3).
    expect(b.schools.filter((x) => x.shnsu).map((x) => x.login)).toEqual(['sch000002', 'sch000004']);
  });

  it('leaves out a factor on which all schools are equal, and says so', () => {
    const same = parseRegistry({
      sheet: 'Школы',
      values: [
        HEADER,
        ['sch000001', 'А', 'СОШ', 'село', 'нет', 10, 20, 50, 0, 0, 2],
        ['sch000002', 'Б', 'СОШ', 'село', 'нет', 40, 20, 50, 0, 0, 2],
      ],
    });
    const a = contextIndex(same.schools, defaultContextSettings());
    expect(a.used).toEqual(['lowIncome']);
    expect(a.schools.map((s) => s.index)).toEqual([100, 0]);
    expect(describeContextMethod(a)).toContain('Не различают школы района и не учтены: доля из неполных семей');
  });
});

describe('statuses beside the verdict', () => {
  const a = contextIndex(registry.schools, defaultContextSettings());
  const low = a.byLogin.get('sch000002');
  const high = a.byLogin.get('sch000001');
  it('резильентная: a ШНСУ school whose results hold no low one', () => {
    expect(contextStatus('норма', low)).toBe('резильентная');
    expect(contextStatus('ШНОР', low)).toBe('ШНОР и ШНСУ');
    expect(contextStatus('зона риска', low)).toBe('ШНСУ');
    expect(contextStatus('нет данных', low)).toBe('ШНСУ');
    expect(contextStatus('норма', high)).toBe('не ШНСУ');
    expect(contextStatus('ШНОР', high)).toBe('не ШНСУ');
  });
});
