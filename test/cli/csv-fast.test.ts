/**
 * A CSV without quotes is read by splitting lines and values (a region's file several times faster): the
 * rows must be exactly those the full parser (csv-parse) gives, and anything else goes to the parser.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { plainCsvRows, readCsv } from '../../src/cli/input';
import { parseNumberCell } from '../../src/core/text';

const parser = (text: string, delimiter: string) =>
  parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];

describe('a CSV without quotes', () => {
  const texts = [
    '',
    '\n',
    'a',
    'a;b\n1;2',
    'a;b\n1;2\n',
    'a;b\n\n1;2\n\n',
    'a;b\n1;2\n\n\n',
    'a;b\r\n1;2\r\n',
    'a;b\r\n\r\n1;2',
    'a;b\n1;2;3\n4',
    'a;b\n;\n',
    ' a ; b \n 1;2 ',
    'ВПР МА 5 2024;ВПР МА 5 2024\n12,5;-\n0,4;30 %',
    'a,b\n1,2\n',
  ];
  for (const text of texts) {
    const delimiter = text.includes(';') ? ';' : ',';
    it(`${JSON.stringify(text)} → the parser's rows`, () => {
      expect(plainCsvRows(text, delimiter)).toEqual(parser(text, delimiter));
    });
  }

  it('leaves quotes, a lone CR and mixed line breaks to the parser', () => {
    expect(plainCsvRows('a;"b;c"\n1;2', ';')).toBeNull();
    expect(plainCsvRows('a;b\r1;2', ';')).toBeNull();
    expect(plainCsvRows('a;b\r\n1;2\n3;4', ';')).toBeNull();
    expect(readCsv(Buffer.from('a;"b;c"\n1;2'), 'f.csv').values).toEqual([
      ['a', 'b;c'],
      ['1', '2'],
    ]);
  });
});

describe('a number cell read at once', () => {
  it('gives what the full reading gives', () => {
    for (const [text, value] of [
      ['12,5', 12.5],
      ['12.5', 12.5],
      ['-3', -3],
      ['+7', 7],
      ['5,', 5],
      ['0', 0],
      ['007', 7],
    ] as const)
      expect(parseNumberCell(text)).toEqual({ kind: 'number', value, percentSign: false });
    expect(parseNumberCell('12,5 %')).toEqual({ kind: 'number', value: 12.5, percentSign: true });
    expect(parseNumberCell(' 1 234,5 ')).toEqual({ kind: 'number', value: 1234.5, percentSign: false });
    expect(parseNumberCell('1,2,3')).toEqual({ kind: 'invalid' });
    expect(parseNumberCell('-')).toEqual({ kind: 'notHeld' });
  });
});
