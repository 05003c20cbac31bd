import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('the CSV a table exports', () => {
  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(
      toCsv(
        ['name', 'price'],
        [
          ['Milk, 1 l', 12.5],
          ['say "hi"', null],
          ['a\nb', 0],
        ],
      ),
    ).toBe('name,price\r\n"Milk, 1 l",12.5\r\n"say ""hi""",\r\n"a\nb",0\r\n');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-5')).toBe("'-5");
    // A number is a number, negative or not.
    expect(csvCell(-5)).toBe('-5');
  });
});
