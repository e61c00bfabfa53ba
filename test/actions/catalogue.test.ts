import { describe, expect, it } from 'vitest';
import { CATALOGUE_HEADER, CATALOGUE_SHEET, readCatalogue, writeCatalogue } from '../../src/actions/catalogue';
import { roadmapStart } from '../../src/actions/roadmap';
import { CATALOGUE, SOURCE_ACTIVITIES, SOURCES } from '../../src/core/catalogue';
import { CATALOGUE_COLUMNS, type CatalogueKey } from '../../src/core/catalogue-tab';
import type { CellValue } from '../../src/core/text';
import { MemoryWorkbook } from '../../src/workbook/memory';

const at = (key: CatalogueKey) => CATALOGUE_COLUMNS.findIndex((c) => c.key === key);
const CODE = at('code');

describe('«Справочник мероприятий»', () => {
  it('copies every canonical activity with the programmes’ own words, and opens on the activity', () => {
    const wb = new MemoryWorkbook([]);
    const out = writeCatalogue(wb);
    expect(out.added).toBe(CATALOGUE.length);
    expect(out.message).toBe(`На лист «${CATALOGUE_SHEET}» записано мероприятий: ${CATALOGUE.length}.`);
    const sheet = wb.sheet(CATALOGUE_SHEET);
    const values = sheet.values;
    expect(values[0]).toEqual(CATALOGUE_HEADER);
    expect(values).toHaveLength(CATALOGUE.length + 1);
    expect(sheet.numberFormats.get(`0:0:${CATALOGUE.length + 500}:${CATALOGUE_HEADER.length}`)).toBe('@');
    expect(sheet.frozen).toEqual({ rows: 1, cols: 2 });
    const team = values.find((r) => r[CODE] === 'У1')!;
    expect(team[at('activity')]).toMatch(/^Формирование муниципальной команды/);
    expect(team[at('term')]).toBe('сентябрь');
    expect(String(team[at('sources')])).toContain('Саянский район, 2020–2022, п. 1.1:');
    // Every one of the 118 programme items is quoted in exactly one row.
    const quoted = values.slice(1).flatMap((r) => String(r[at('sources')]).split('\n'));
    for (const s of SOURCE_ACTIVITIES) {
      const title = SOURCES.find((d) => d.id === s.source)!.title;
      expect(
        quoted.filter((q) => q.startsWith(`${title}, п. ${s.item.replace('#', '')}: `)),
        s.id,
      ).toHaveLength(1);
    }
  });

  it('keeps the district’s edits and additions, and adds back only what is missing', () => {
    const wb = new MemoryWorkbook([]);
    writeCatalogue(wb);
    const sheet = wb.sheet(CATALOGUE_SHEET);
    const edited = sheet.values.findIndex((r) => r[CODE] === 'П3');
    (sheet.values[edited] as CellValue[])[at('responsible')] = 'ИМЦ района';
    const own: CellValue[] = new Array(CATALOGUE_HEADER.length).fill(null);
    own[at('block')] = 'Свой блок';
    own[at('activity')] = 'Своё мероприятие';
    own[CODE] = 'район/1';
    sheet.values.push(own);
    const removed = sheet.values.splice(5, 1)[0];
    const before = sheet.values.length;
    const out = writeCatalogue(wb);
    expect(out.added).toBe(1);
    expect(sheet.values).toHaveLength(before + 1);
    expect(sheet.values.find((r) => r[CODE] === 'П3')?.[at('responsible')]).toBe('ИМЦ района');
    expect(sheet.values.some((r) => r[CODE] === 'район/1')).toBe(true);
    expect(sheet.values.at(-1)?.[CODE]).toBe(removed?.[CODE]);
    expect(writeCatalogue(wb).added).toBe(0);
  });
});

describe('«Справочник мероприятий» of an older version', () => {
  /** As the version before the canonical catalogue wrote it: one row per programme item. */
  const OLD_HEADER = [
    'Код',
    'Источник',
    'Пункт',
    'Блок (направление)',
    'Уровень',
    'Мероприятие',
    'Сроки',
    'Ответственные',
    'Ожидаемый результат',
    'Документ, закрепляющий результат',
    'Предметы',
    'Целевые группы',
    'Факторы риска',
    'Переход 4→5',
  ];

  it('keeps its rows, adds the canonical ones under its own columns, and proposes the canonical ones and the district’s own', () => {
    const old: CellValue[][] = [
      OLD_HEADER,
      ...SOURCE_ACTIVITIES.map((a) => [
        a.id,
        a.source,
        a.item,
        a.block,
        'район',
        a.activity,
        a.term,
        a.responsible,
        a.result,
        a.document,
        '',
        '',
        '',
        '',
      ]),
      ['район/1', 'Наш район', '1', 'Свой блок', 'школа', 'Своё мероприятие', 'октябрь', '', '', '', '', '', '', ''],
    ];
    const wb = new MemoryWorkbook([{ sheet: CATALOGUE_SHEET, values: old, merges: [] }]);
    const out = writeCatalogue(wb);
    expect(out.added).toBe(CATALOGUE.length);
    const sheet = wb.sheet(CATALOGUE_SHEET);
    expect(sheet.values).toHaveLength(old.length + CATALOGUE.length);
    const added = sheet.values.at(-1)!;
    expect(added[0]).toBe(CATALOGUE.at(-1)!.id);
    expect(added[5]).toBe(CATALOGUE.at(-1)!.activity);
    expect(added[2] ?? null).toBeNull();
    const read = readCatalogue(wb, wb.sheetNames());
    expect(read.activities.map((a) => a.id)).toEqual(['район/1', ...CATALOGUE.map((a) => a.id)]);
    expect(read.superseded).toBe(118);
    expect(roadmapStart(wb).notes.join(' ')).toContain(`В «${CATALOGUE_SHEET}» 118 строк прежней версии (по пункту программы)`);
    expect(read.activities[0]).toMatchObject({ level: 'school', block: 'Свой блок', transition: false });
  });

  it('without the tab the shipped catalogue applies', () => {
    const wb = new MemoryWorkbook([]);
    expect(readCatalogue(wb, []).activities).toEqual(CATALOGUE);
  });
});
