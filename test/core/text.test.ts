import { describe, expect, it } from 'vitest';
import { capCellText, CELL_TEXT_LIMIT, columnLetter, formatNumber, normalizeHeader, parseNumberCell, plural } from '../../src/core/text';

describe('text helpers', () => {
  it.each([
    [38, { kind: 'number', value: 38, percentSign: false }],
    ['38,5', { kind: 'number', value: 38.5, percentSign: false }],
    [' 38.5 % ', { kind: 'number', value: 38.5, percentSign: true }],
    ['"0,4"', { kind: 'number', value: 0.4, percentSign: false }],
    ['1\u00a0000', { kind: 'number', value: 1000, percentSign: false }],
    ['-', { kind: 'notHeld' }],
    ['—', { kind: 'notHeld' }],
    ['', { kind: 'blank' }],
    ['  ', { kind: 'blank' }],
    [null, { kind: 'blank' }],
    ['4o', { kind: 'invalid' }],
    ['12,5,3', { kind: 'invalid' }],
    [true, { kind: 'invalid' }],
  ])('parseNumberCell(%j)', (raw, expected) => {
    expect(parseNumberCell(raw as never)).toEqual(expected);
  });

  it('formats numbers the Russian way', () => {
    expect(formatNumber(29.9)).toBe('29,9');
    expect(formatNumber(30)).toBe('30');
    expect(formatNumber(35.29, 0)).toBe('35');
    expect(formatNumber(-2.5)).toBe('−2,5');
  });

  it.each([
    [1, 'школа'],
    [2, 'школы'],
    [4, 'школы'],
    [5, 'школ'],
    [11, 'школ'],
    [12, 'школ'],
    [14, 'школ'],
    [21, 'школа'],
    [22, 'школы'],
    [25, 'школ'],
    [111, 'школ'],
    [101, 'школа'],
  ])('plural(%i) → %s', (n, form) => {
    expect(plural(n, ['школа', 'школы', 'школ'])).toBe(form);
  });

  it('normalises headers and names columns', () => {
    expect(normalizeHeader(' "ВПр  МА 5 2019" ')).toBe('впр ма 5 2019');
    expect(normalizeHeader('Учёт')).toBe('учет');
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});

describe('capCellText: a text that fits a cell of Sheets', () => {
  it('leaves a text within 50,000 characters as it is; cuts a longer one to 50,000 and says how much is shown', () => {
    expect(capCellText('коротко')).toBe('коротко');
    const exact = 'а'.repeat(CELL_TEXT_LIMIT);
    expect(capCellText(exact)).toBe(exact);
    const long = 'б'.repeat(CELL_TEXT_LIMIT + 10_000);
    const cut = capCellText(long);
    expect(cut.length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    expect(cut.startsWith('б'.repeat(49_000))).toBe(true);
    const shown = cut.indexOf(' … [');
    expect(cut.slice(shown)).toBe(
      ` … [текст сокращён: ${String(shown).replace(/\B(?=(\d{3})+$)/g, '\u00a0')} из 60\u00a0000 знаков — больше ячейка не вмещает]`,
    );
  });
});
