import { describe, expect, it } from 'vitest';
import { CATALOGUE_HEADER, CATALOGUE_SHEET, readCatalogue, writeCatalogue } from '../../src/actions/catalogue';
import { CATALOGUE } from '../../src/core/catalogue';
import { MemoryWorkbook } from '../../src/workbook/memory';

describe('«Справочник мероприятий»', () => {
  it('copies every activity of the programmes with its source and item', () => {
    const wb = new MemoryWorkbook([]);
    const out = writeCatalogue(wb);
    expect(out.added).toBe(CATALOGUE.length);
    const values = wb.sheet(CATALOGUE_SHEET).values;
    expect(values[0]).toEqual(CATALOGUE_HEADER);
    expect(values).toHaveLength(CATALOGUE.length + 1);
    expect(wb.sheet(CATALOGUE_SHEET).numberFormats.get(`0:0:${CATALOGUE.length + 500}:${CATALOGUE_HEADER.length}`)).toBe('@');
    const item = values.find((r) => r[0] === 'novokuznetsk-2020/2.5');
    expect(item?.[2]).toBe('2.5');
    expect(item?.[6]).toBe('Сентябрь, 2020');
    expect(item?.[7]).toBe('ИПК');
  });

  it('keeps the district’s edits and additions, and adds back only what is missing', () => {
    const wb = new MemoryWorkbook([]);
    writeCatalogue(wb);
    const sheet = wb.sheet(CATALOGUE_SHEET);
    const edited = sheet.values.findIndex((r) => r[0] === 'novokuznetsk-2020/2.5');
    (sheet.values[edited] as unknown[])[7] = 'ИМЦ района';
    sheet.values.push(['район/1', 'Наш район', '1', 'Свой блок', 'район', 'Своё мероприятие']);
    const removed = sheet.values.splice(5, 1)[0];
    const before = sheet.values.length;
    const out = writeCatalogue(wb);
    expect(out.added).toBe(1);
    expect(sheet.values).toHaveLength(before + 1);
    expect(sheet.values.find((r) => r[0] === 'novokuznetsk-2020/2.5')?.[7]).toBe('ИМЦ района');
    expect(sheet.values.some((r) => r[0] === 'район/1')).toBe(true);
    expect(sheet.values.at(-1)?.[0]).toBe(removed?.[0]);
    expect(writeCatalogue(wb).added).toBe(0);
  });
});

describe('«Справочник мероприятий» of an older version', () => {
  it('gets the «Переход 4→5» column appended, filled for shipped rows only, and is read back by the proposals', () => {
    const wb = new MemoryWorkbook([]);
    writeCatalogue(wb);
    const sheet = wb.sheet(CATALOGUE_SHEET);
    // As an older version wrote it: no last column; the district added a row.
    sheet.values = sheet.values.map((r) => r.slice(0, -1));
    sheet.values.push(['район/1', 'Наш район', '1', 'Свой блок', 'школа', 'Своё мероприятие']);
    const out = writeCatalogue(wb);
    expect(out.added).toBe(0);
    expect(sheet.values[0]?.at(-1)).toBe('Переход 4→5');
    expect(sheet.values.find((r) => r[0] === 'bezhetsk-2021/#9')?.at(-1)).toBe('да');
    expect(sheet.values.find((r) => r[0] === 'район/1')?.[CATALOGUE_HEADER.length - 1] ?? null).toBeNull();
    const read = readCatalogue(wb, wb.sheetNames());
    expect(read.fromTab).toBe(true);
    expect(read.activities).toHaveLength(CATALOGUE.length + 1);
    expect(read.activities.at(-1)).toMatchObject({ id: 'район/1', level: 'school', block: 'Свой блок', transition: false });
  });

  it('without the tab the shipped catalogue applies', () => {
    const wb = new MemoryWorkbook([]);
    expect(readCatalogue(wb, []).activities).toEqual(CATALOGUE);
  });
});
