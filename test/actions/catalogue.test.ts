import { describe, expect, it } from 'vitest';
import { CATALOGUE_HEADER, CATALOGUE_SHEET, writeCatalogue } from '../../src/actions/catalogue';
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
