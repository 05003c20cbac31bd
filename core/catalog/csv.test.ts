import { describe, expect, it } from 'vitest';
import { readCsv, type CsvRecord } from './csv';

const read = (text: string): CsvRecord[] => [...readCsv(text)];

describe('readCsv', () => {
  it('reads plain records with their line numbers', () => {
    expect(read('barcode,name,price\n6901234567892,Milk,12.50\n')).toEqual([
      { line: 1, fields: ['barcode', 'name', 'price'] },
      { line: 2, fields: ['6901234567892', 'Milk', '12.50'] },
    ]);
  });

  it('reads CRLF line ends and a last line without a line break', () => {
    expect(read('a,b\r\nc,d')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ]);
  });

  it('ignores a UTF-8 byte order mark', () => {
    expect(read('\uFEFFbarcode,name\n1,x\n')[0]).toEqual({ line: 1, fields: ['barcode', 'name'] });
  });

  it('skips blank lines but keeps counting them', () => {
    expect(read('a\n\n\r\nb\n\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 4, fields: ['b'] },
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const records = read('"Rice, Jasmine","12"" Pizza","two\r\nlines",x\nnext,"",\n');
    expect(records).toEqual([
      { line: 1, fields: ['Rice, Jasmine', '12" Pizza', 'two\r\nlines', 'x'] },
      { line: 3, fields: ['next', '', ''] },
    ]);
  });

  it('reads empty fields, including a trailing one at the end of the text', () => {
    expect(read(',,\na,')).toEqual([
      { line: 1, fields: ['', '', ''] },
      { line: 2, fields: ['a', ''] },
    ]);
  });

  it('reports an unterminated quote on the line it opened, without throwing', () => {
    const records = read('a,b\n1,"never closed\n2,x\n');
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({ line: 2, error: 'a quoted field opened on line 2 is never closed' });
  });

  it('reports text after a closing quote and goes on with the next line', () => {
    const records = read('"Milk"x,1\n"ok",2\n');
    expect(records[0]).toMatchObject({ line: 1, error: 'text after the closing quote of field 1' });
    expect(records[1]).toEqual({ line: 2, fields: ['ok', '2'] });
  });

  it('reports a bare quote inside an unquoted field', () => {
    const records = read('12" Pizza,1\nok,2\n');
    expect(records[0]?.error).toMatch(/a quote inside unquoted field 1/);
    expect(records[1]).toEqual({ line: 2, fields: ['ok', '2'] });
  });

  it('counts lines after a quoted field spanning several lines', () => {
    const records = read('"a\nb\nc",1\nnext,2\n');
    expect(records.map((r) => r.line)).toEqual([1, 4]);
  });
});
