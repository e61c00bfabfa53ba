import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/core/catalogue';
import { CATALOGUE_TAB_HEADER, catalogueTabRow, ownCode, parseCatalogueTab } from '../../src/core/catalogue-tab';
import type { CellValue } from '../../src/core/text';

const SHEET = 'Справочник мероприятий';
const grid = (values: CellValue[][]) => ({ sheet: SHEET, values, merges: [] });

describe('«Справочник мероприятий» read back', () => {
  it('reads the shipped rows back as they were shipped', () => {
    const tab = parseCatalogueTab(grid([[...CATALOGUE_TAB_HEADER], ...CATALOGUE.map(catalogueTabRow)]));
    expect(tab.problems).toEqual([]);
    expect(tab.activities).toEqual(CATALOGUE);
  });

  it('reads a district’s own rows with subjects, targets, risks and the 4→5 flag, and its edits of shipped rows', () => {
    const values: CellValue[][] = [[...CATALOGUE_TAB_HEADER], ...CATALOGUE.slice(0, 3).map(catalogueTabRow)];
    (values[1] as CellValue[])[7] = 'ИМЦ района';
    const own = [
      '',
      'Наш район',
      '',
      'Преемственность',
      'школа',
      'Адаптация пятиклассников: совместные уроки учителей 4 и 5 классов',
      'Сентябрь-октябрь',
      'Зам. директора по УВР',
      '',
      '',
      'Математика; русский язык',
      'педагоги, обучающиеся',
      'низкая учебная мотивация',
      'да',
    ];
    values.push(own);
    const tab = parseCatalogueTab(grid(values));
    expect(tab.problems).toEqual([]);
    expect(tab.activities[0]!.responsible).toBe('ИМЦ района');
    const added = tab.activities[3]!;
    expect(added).toMatchObject({
      id: ownCode(own[5] as string),
      source: 'Наш район',
      block: 'Преемственность',
      level: 'school',
      subjects: ['математика', 'русский язык'],
      targets: ['педагоги', 'обучающиеся'],
      risks: ['низкая учебная мотивация обучающихся'],
      transition: true,
    });
    expect(added.id).toMatch(/^свой-/);
  });

  it('an older tab without «Переход 4→5» keeps the shipped flags; columns may be moved', () => {
    const header = [...CATALOGUE_TAB_HEADER].slice(0, -1).reverse();
    const rows = CATALOGUE.map((a) => catalogueTabRow(a).slice(0, -1).reverse());
    const tab = parseCatalogueTab(grid([header, ...rows]));
    expect(tab.activities.filter((a) => a.transition).map((a) => a.id)).toEqual(['bezhetsk-2021/#9', 'novokuznetsk-2020/2.7']);
  });

  it('names sheet, row and column of what it cannot read, and skips rows without an activity or with a repeated code', () => {
    const row = (over: Record<number, CellValue>) => {
      const r: CellValue[] = new Array(CATALOGUE_TAB_HEADER.length).fill('');
      for (const [k, v] of Object.entries(over)) r[Number(k)] = v;
      return r;
    };
    const tab = parseCatalogueTab(
      grid([
        [...CATALOGUE_TAB_HEADER],
        row({ 0: 'р/1', 5: 'Раз', 4: 'область', 11: 'инопланетяне', 12: 'плохая погода', 13: 'может быть' }),
        row({ 0: 'р/2', 3: 'Блок' }),
        row({ 0: 'р/1', 5: 'Два' }),
      ]),
    );
    expect(tab.activities.map((a) => a.id)).toEqual(['р/1']);
    expect(tab.problems.map((p) => `${p.row}${p.column} ${p.value}: ${p.message.split(/[;:]/)[0]}`)).toEqual([
      '2E область: уровень не распознан',
      '2L инопланетяне: неизвестная целевая группа',
      '2M плохая погода: неизвестный фактор риска',
      '2N может быть: ожидается «да» или пусто',
      '3F : нет текста мероприятия',
      '4A р/1: код уже встречался в строке 2',
    ]);
    expect(parseCatalogueTab(grid([['что-то']])).problems[0]?.message).toBe('не найден столбец «Мероприятие»');
  });
});
