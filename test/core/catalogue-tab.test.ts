import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/core/catalogue';
import {
  CATALOGUE_COLUMNS,
  CATALOGUE_TAB_HEADER,
  type CatalogueKey,
  catalogueTabRow,
  ownCode,
  parseCatalogueTab,
} from '../../src/core/catalogue-tab';
import { columnLetter, type CellValue } from '../../src/core/text';

const SHEET = 'Справочник мероприятий';
const grid = (values: CellValue[][]) => ({ sheet: SHEET, values, merges: [] });
const at = (key: CatalogueKey) => CATALOGUE_COLUMNS.findIndex((c) => c.key === key);
const row = (cells: Partial<Record<CatalogueKey, CellValue>>): CellValue[] => {
  const r: CellValue[] = new Array(CATALOGUE_TAB_HEADER.length).fill('');
  for (const [k, v] of Object.entries(cells)) r[at(k as CatalogueKey)] = v;
  return r;
};

describe('«Справочник мероприятий» read back', () => {
  it('opens on the direction and the activity; the code comes last; sources are the programmes’ own words', () => {
    expect(CATALOGUE_TAB_HEADER.slice(0, 2)).toEqual(['Направление', 'Мероприятие']);
    expect(CATALOGUE_TAB_HEADER.at(-1)).toBe('Код');
    const team = catalogueTabRow(CATALOGUE.find((a) => a.id === 'У1')!);
    expect(String(team[at('sources')]).split('\n')).toEqual([
      'Бежецкий район, 2021, п. 1: Создание муниципальной команды поддержки ШНОР и разработка дорожной карты (срок: январь 2022; отв.: Отдел образования)',
      'Саянский район, 2020–2022, п. 1.1: Формирование и организация муниципальной команды по поддержке и сопровождению ШНРО (срок: Август-сентябрь 2020г.; отв.: Управление образования)',
      'Саянский район, 2020–2022, п. 1.2: Функционирование муниципальной команды по поддержке и сопровождению ШНРО (срок: 2020-2022г.; отв.: Муниципальная команда по поддержке и сопровождению ШНРО)',
    ]);
    expect(team[at('level')]).toBe('район');
    expect(catalogueTabRow(CATALOGUE.find((a) => a.id === 'У4')!)[at('level')]).toBe('район и школа');
  });

  it('reads the shipped rows back as they were shipped', () => {
    const tab = parseCatalogueTab(grid([[...CATALOGUE_TAB_HEADER], ...CATALOGUE.map(catalogueTabRow)]));
    expect(tab.problems).toEqual([]);
    expect(tab.activities).toEqual(CATALOGUE);
  });

  it('reads a district’s own rows with subjects, targets, risks and the 4→5 flag, and its edits of shipped rows', () => {
    const values: CellValue[][] = [[...CATALOGUE_TAB_HEADER], ...CATALOGUE.slice(0, 3).map(catalogueTabRow)];
    (values[1] as CellValue[])[at('responsible')] = 'ИМЦ района';
    const own = row({
      sources: 'Наш район',
      block: 'Преемственность',
      level: 'школа',
      activity: 'Адаптация пятиклассников: совместные уроки учителей 4 и 5 классов',
      term: 'Сентябрь-октябрь',
      responsible: 'Зам. директора по УВР',
      subjects: 'Математика; русский язык',
      targets: 'педагоги, обучающиеся',
      risks: 'низкая учебная мотивация',
      transition: 'да',
    });
    values.push(own);
    const tab = parseCatalogueTab(grid(values));
    expect(tab.problems).toEqual([]);
    expect(tab.activities[0]!.responsible).toBe('ИМЦ района');
    const added = tab.activities[3]!;
    expect(added).toMatchObject({
      id: ownCode(own[at('activity')] as string),
      block: 'Преемственность',
      level: 'school',
      subjects: ['математика', 'русский язык'],
      targets: ['педагоги', 'обучающиеся'],
      risks: ['низкая учебная мотивация обучающихся'],
      transition: true,
      sources: [],
    });
    expect(added.id).toMatch(/^свой-/);
  });

  it('a tab without «Переход 4→5» keeps the shipped flags; columns may be moved; «район и школа» is read', () => {
    const keep = CATALOGUE_COLUMNS.map((c, i) => (c.key === 'transition' ? -1 : i)).filter((i) => i >= 0);
    const header = keep.map((i) => CATALOGUE_TAB_HEADER[i]!).reverse();
    const rows = CATALOGUE.map((a) => keep.map((i) => catalogueTabRow(a)[i]!).reverse());
    const tab = parseCatalogueTab(grid([header, ...rows]));
    expect(tab.problems).toEqual([]);
    expect(tab.activities.filter((a) => a.transition).map((a) => a.id)).toEqual(['Н1', 'Н2', 'Н3']);
    expect(tab.activities.find((a) => a.id === 'У4')?.level).toBe('both');
  });

  it('names sheet, row and column of what it cannot read, and skips rows without an activity or with a repeated code', () => {
    const tab = parseCatalogueTab(
      grid([
        [...CATALOGUE_TAB_HEADER],
        row({ code: 'р/1', activity: 'Раз', level: 'область', targets: 'инопланетяне', risks: 'плохая погода', transition: 'может быть' }),
        row({ code: 'р/2', block: 'Блок' }),
        row({ code: 'р/1', activity: 'Два' }),
      ]),
    );
    const col = (k: CatalogueKey) => columnLetter(at(k));
    expect(tab.activities.map((a) => a.id)).toEqual(['р/1']);
    expect(tab.problems.map((p) => `${p.row}${p.column} ${p.value}: ${p.message.split(/[;:]/)[0]}`)).toEqual([
      `2${col('level')} область: уровень не распознан`,
      `2${col('targets')} инопланетяне: неизвестная целевая группа`,
      `2${col('risks')} плохая погода: неизвестный фактор риска`,
      `2${col('transition')} может быть: ожидается «да» или пусто`,
      `3${col('activity')} : нет текста мероприятия`,
      `4${col('code')} р/1: код уже встречался в строке 2`,
    ]);
    expect(parseCatalogueTab(grid([['что-то']])).problems[0]?.message).toBe('не найден столбец «Мероприятие»');
  });
});
