import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../barcode/gtin';
import { readCsv } from './csv';
import { validateCatalogRows } from './import-rows';
import { parseMaxPerBasket, parseNoSaleCell } from './restriction-columns';

const WHISKY = withCheckDigit('690123450012');
const BEER = withCheckDigit('690123450013');
const GIN = withCheckDigit('690123450014');
const validate = (text: string) =>
  validateCatalogRows(readCsv(text), { currency: 'CNY', defaultTaxRateBp: 1300 });

describe('the catalog file’s max_per_basket and no_sale columns', () => {
  it('reads a limit, hours, "any" and empty cells into the product', () => {
    const { products, errors } = validate(
      [
        'barcode,name,price,max_per_basket,no_sale',
        `${WHISKY},Whisky,199.00,2,22:00-07:00; 12:00-13:00`,
        `${BEER},Beer,6.50,,ANY`,
        `${GIN},Gin,99.00,,`,
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(products.map((p) => [p.name, p.maxPerBasket, p.noSale])).toEqual([
      [
        'Whisky',
        2,
        [
          { from: '22:00', to: '07:00' },
          { from: '12:00', to: '13:00' },
        ],
      ],
      ['Beer', null, []],
      ['Gin', null, null],
    ]);
  });

  it('leaves the fields out when the file has no such column, so HQ keeps what it has', () => {
    const { products } = validate(`barcode,name,price,no_sale\n${WHISKY},Whisky,199.00,\n`);
    expect(products[0]).toHaveProperty('noSale', null);
    expect(products[0]).not.toHaveProperty('maxPerBasket');
    expect(validate(`barcode,name,price\n${WHISKY},Whisky,199.00\n`).products[0]).not.toHaveProperty(
      'noSale',
    );
  });

  it('names the line and the expected form of each bad cell, and keeps no row', () => {
    const { products, errors } = validate(
      [
        'barcode,name,price,max_per_basket,no_sale',
        `${WHISKY},Whisky,199.00,0,`,
        `${BEER},Beer,6.50,2.5,late`,
        `${GIN},Gin,99.00,10000,22:00-22:00`,
      ].join('\n'),
    );
    expect(products).toEqual([]);
    const form =
      'write windows of the store\'s local time like 22:00-07:00 or 22:00-07:00; 12:00-13:00 (at most 8), "any" ' +
      'for sold at any hour, or leave it empty to follow its department';
    expect(errors).toEqual([
      { line: 2, message: 'max_per_basket "0" must be a whole number from 1 to 9999 (empty for no maximum)' },
      {
        line: 3,
        message: 'max_per_basket "2.5" must be a whole number from 1 to 9999 (empty for no maximum)',
      },
      {
        line: 3,
        message: `no_sale "late" is not no-sale hours (no-sale hours "late" must be HH:MM-HH:MM (00:00 to 23:59)); ${form}`,
      },
      {
        line: 4,
        message: 'max_per_basket "10000" must be a whole number from 1 to 9999 (empty for no maximum)',
      },
      {
        line: 4,
        message: `no_sale "22:00-22:00" is not no-sale hours (no-sale hours "22:00-22:00" are empty: from and to must differ); ${form}`,
      },
    ]);
  });

  it('refuses a cell of separators only rather than reading it as "any hour"', () => {
    const problems: string[] = [];
    expect(parseNoSaleCell(' ; ', problems)).toBeNull();
    expect(problems).toEqual([
      expect.stringMatching(/^no_sale " ; " is not no-sale hours \(it has no window\)/),
    ]);
    expect(parseNoSaleCell('01:00-02:00;'.repeat(9), ((problems.length = 0), problems))).toBeNull();
    expect(problems[0]).toMatch(/at most 8 no-sale windows/);
    expect(parseMaxPerBasket('9999', [])).toBe(9999);
    expect(parseMaxPerBasket('-1', ((problems.length = 0), problems))).toBeNull();
    expect(problems).toHaveLength(1);
  });
});
