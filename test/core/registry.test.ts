import { describe, expect, it } from 'vitest';
import { parseRegistry, REGISTRY_COLUMNS, registryRows, REGISTRY_SHEET } from '../../src/core/registry';
import { describeProblem } from '../../src/core/results';
import { sampleGrids } from '../support/sample';

describe('the school registry', () => {
  it('reads the sample district: 33 schools keyed by login, context shares, risks and e-mails', async () => {
    const grid = (await sampleGrids()).find((g) => g.sheet === REGISTRY_SHEET);
    expect(grid).toBeDefined();
    const reg = parseRegistry(grid!);
    expect(reg.problems).toEqual([]);
    expect(reg.schools).toHaveLength(33);
    const first = reg.schools[0]!;
    expect(first.login).toBe('sch771001');
    expect(first.kind).toBe('гимназия');
    expect(first.rural).toBe(false);
    expect(first.emails).toEqual(['director771001@school.example', 'zamuvr771001@school.example']);
    expect(Object.values(first.context).every((v) => typeof v === 'number')).toBe(true);
    const weak = reg.schools.find((s) => s.login === 'sch771005')!;
    expect(weak.risks).toContain('высокая доля обучающихся с рисками учебной неуспешности');
    expect(reg.schools.filter((s) => s.risks.length > 0).length).toBeGreaterThan(3);
  });

  it('matches forgiving headers, reports bad cells with sheet, row and column, never reads blanks as zero', () => {
    const reg = parseRegistry({
      sheet: 'Школы',
      values: [
        ['Реестр школ'],
        ['логин ОО', 'Наименование ОО', 'Тип', 'Местность', 'МКШ', 'Доля малоимущих', 'Доля с ОВЗ, %', 'E-mail'],
        ['SCH420220 ', 'СОШ №12', 'средняя школа', 'село', 'да', '35,5%', '', 'a@b.ru; плохой'],
        ['sch420220', 'дубль'],
        ['', 'без логина'],
        ['sch420221', 'Лицей', 'лицей', 'где-то', 'может', '140', 'много', ''],
      ],
    });
    expect(reg.headerRow).toBe(1);
    expect(reg.schools.map((s) => s.login)).toEqual(['sch420220', 'sch420221']);
    const a = reg.schools[0]!;
    expect(a).toMatchObject({ kind: 'СОШ', rural: true, small: true, emails: ['a@b.ru'], row: 3 });
    expect(a.context.lowIncome).toBe(35.5);
    expect(a.context.disabilities).toBeNull();
    expect(a.context.singleParent).toBeNull();
    const texts = reg.problems.map(describeProblem);
    expect(texts).toContain('Лист «Школы», строка 3, столбец H: «плохой» — не похоже на адрес электронной почты');
    expect(texts).toContain('Лист «Школы», строка 4, столбец A: «sch420220» — логин уже встречался в строке 3: строка пропущена');
    expect(texts.some((t) => t.startsWith('Лист «Школы», строка 5, столбец A') && t.includes('нет логина'))).toBe(true);
    expect(texts).toContain('Лист «Школы», строка 6, столбец D: «где-то» — местность не распознана; ожидается «город» или «село»');
    expect(texts).toContain('Лист «Школы», строка 6, столбец F: «140» — доля должна быть от 0 до 100 %');
    expect(texts).toContain('Лист «Школы», строка 6, столбец G: «много» — не число: доля не прочитана');
  });

  it('says so when there is no login column', () => {
    const reg = parseRegistry({ sheet: 'Школы', values: [['Название'], ['СОШ']] });
    expect(reg.schools).toEqual([]);
    expect(reg.problems[0]!.message).toContain('«Логин»');
  });

  it('writes rows that read back the same', () => {
    const values = [
      ['Логин', 'Название ОО'],
      ['sch000001', 'ООШ'],
      ['sch000002', 'СОШ'],
    ];
    const reg = parseRegistry({ sheet: 'Школы', values });
    const again = parseRegistry({ sheet: 'Школы', values: [REGISTRY_COLUMNS.map((c) => c.header), ...registryRows(reg.schools)] });
    expect(again.schools.map(({ row: _row, ...s }) => s)).toEqual(reg.schools.map(({ row: _row, ...s }) => s));
  });
});
