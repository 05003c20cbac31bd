import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, withCheckDigit } from '../barcode/gtin';
import { readCsv } from './csv';
import { validateCatalogRows, type ValidateOptions } from './import-rows';

const CNY: ValidateOptions = { currency: 'CNY', defaultTaxRateBp: 1300 };
const MILK = withCheckDigit('690123456789');
const RICE = withCheckDigit('690123456790');

const validate = (text: string, options: ValidateOptions = CNY) =>
  validateCatalogRows(readCsv(text), options);
/** The error messages of a one-row file (header + row) as "line: message". */
const errorsOf = (header: string, row: string, options: ValidateOptions = CNY) =>
  validate(`${header}\n${row}\n`, options).errors.map((e) => `${e.line}: ${e.message}`);

describe('validateCatalogRows: good rows', () => {
  it('turns a full row into a product, with columns in any order', () => {
    const { products, errors } = validate(
      `department,unit,price,barcode,age_limit,name,tax_rate\nDairy,kg,128.00,${MILK},18,Cheddar,7.5\n`,
    );
    expect(errors).toEqual([]);
    expect(products).toEqual([
      {
        gtin: `0${MILK}`,
        barcode: MILK,
        name: 'Cheddar',
        price: 12800,
        taxRateBp: 750,
        unit: 'kg',
        ageLimit: 18,
        department: 'Dairy',
      },
    ]);
  });

  it('applies the defaults: tax rate from the options, unit each, no age limit, no department', () => {
    const { products } = validate(`barcode,name,price,age_limit,unit\n${MILK},Whole Milk 1 L,13.5,0,\n`, {
      currency: 'CNY',
      defaultTaxRateBp: 900,
    });
    expect(products[0]).toMatchObject({
      price: 1350,
      taxRateBp: 900,
      unit: 'each',
      ageLimit: null,
      department: null,
    });
  });

  it('reads prices in the store currency: JPY has no decimals', () => {
    const { products } = validate(`barcode,name,price\n${MILK},Milk,198\n`, {
      currency: 'JPY',
      defaultTaxRateBp: 800,
    });
    expect(products[0]?.price).toBe(198);
  });
});

describe('validateCatalogRows: header errors', () => {
  it('refuses an empty file', () => {
    expect(validate('').errors[0]?.message).toMatch(/the file is empty/);
  });

  it('names a missing required column', () => {
    expect(validate(`barcode,name\n${MILK},Milk\n`).errors).toEqual([
      { line: 1, message: 'the header has no "price" column; it needs barcode,name,price' },
    ]);
  });

  it('names a misspelt column and suggests the right one', () => {
    expect(validate(`barcode,name,prcie\n${MILK},Milk,1\n`).errors.map((e) => e.message)).toEqual([
      'unknown column "prcie" (did you mean "price"?); the columns are barcode, name, price, tax_rate, unit, age_limit, department, plu, grid, net_content, max_per_basket, no_sale and name_<language> (like name_zh-CN)',
      'the header has no "price" column; it needs barcode,name,price',
    ]);
  });

  it('refuses a column given twice', () => {
    expect(validate(`barcode,name,price,name\n`).errors[0]?.message).toBe(
      'column "name" appears twice in the header',
    );
  });
});

describe('validateCatalogRows: row errors', () => {
  const header = 'barcode,name,price,tax_rate,unit,age_limit';
  const row = (fields: Partial<Record<string, string>>) =>
    [
      fields.barcode ?? MILK,
      fields.name ?? 'Milk',
      fields.price ?? '12.50',
      fields.tax ?? '13',
      fields.unit ?? 'each',
      fields.age ?? '',
    ]
      .map((f) => (f.includes(',') ? `"${f}"` : f))
      .join(',');

  it('names the expected check digit of a wrong barcode', () => {
    const body = '690123456789';
    const wrong = `${body}${(gs1CheckDigit(body) + 1) % 10}`;
    expect(errorsOf(header, row({ barcode: wrong }))).toEqual([
      `2: barcode "${wrong}" has check digit ${(gs1CheckDigit(body) + 1) % 10}; it should be ${gs1CheckDigit(body)}`,
    ]);
  });

  it('refuses a barcode that is missing, not digits or the wrong length', () => {
    expect(errorsOf(header, row({ barcode: '' }))).toEqual(['2: barcode is missing']);
    expect(errorsOf(header, row({ barcode: '69012A' }))).toEqual(['2: barcode "69012A" is not all digits']);
    expect(errorsOf(header, row({ barcode: '12345' }))).toEqual([
      '2: barcode "12345" has 5 digits; a GTIN has 8, 12, 13 or 14',
    ]);
  });

  it('refuses a missing name', () => {
    expect(errorsOf(header, row({ name: '  ' }))).toEqual(['2: name is missing']);
  });

  it('refuses a name over 200 characters and a department over 80, naming the line and the length', () => {
    const withDept = `${header},department`;
    expect(errorsOf(withDept, `${row({ name: '豆'.repeat(201) })},${'D'.repeat(81)}`)).toEqual([
      '2: name has 201 characters; at most 200 are allowed',
      '2: department has 81 characters; at most 80 are allowed',
    ]);
    expect(errorsOf(withDept, `${row({ name: '豆'.repeat(200) })},${'D'.repeat(80)}`)).toEqual([]);
  });

  it('refuses control characters in a name or department (a receipt printer would obey them)', () => {
    const withDept = `${header},department`;
    expect(errorsOf(withDept, `${row({ name: 'Soap\u001bp\u0000\u0019' })},"Dairy\nFrozen"`)).toEqual([
      '2: name contains the control character U+001B; remove it',
      '2: department contains the control character U+000A; remove it',
    ]);
  });

  it('refuses a price with a decimal comma', () => {
    expect(errorsOf(header, row({ price: '12,50' }))).toEqual([
      '2: price "12,50" is not a decimal like 12.50',
    ]);
  });

  it('refuses a negative, empty or over-precise price', () => {
    expect(errorsOf(header, row({ price: '-1.00' }))).toEqual(['2: price "-1.00" is negative']);
    expect(errorsOf(header, row({ price: '' }))).toEqual(['2: price is missing']);
    expect(errorsOf(header, row({ price: '1.005' }))).toEqual([
      '2: price "1.005" has 3 decimals; the store currency has 2',
    ]);
  });

  it('refuses a tax rate over 100 %, with 3 decimals or not a number', () => {
    for (const tax of ['130', '7.125', 'thirteen']) {
      expect(errorsOf(header, row({ tax }))).toEqual([
        `2: tax_rate "${tax}" is not a percentage from 0 to 100 with at most 2 decimals, like 13 or 7.5`,
      ]);
    }
  });

  it('reads "13%" as 13 %, and refuses a blank tax rate when there is no default', () => {
    expect(validate(`${header}\n${row({ tax: '13%' })}\n`).products[0]?.taxRateBp).toBe(1300);
    expect(errorsOf(header, row({ tax: '' }), { currency: 'CNY' })).toEqual([
      '2: tax_rate is missing and no default tax rate is set',
    ]);
  });

  it('refuses a unit other than each or kg', () => {
    expect(errorsOf(header, row({ unit: 'box' }))).toEqual(['2: unit "box" is not "each" or "kg"']);
  });

  it('refuses an age limit that is not a whole number from 0 to 99', () => {
    for (const age of ['18.5', '100', '-1']) {
      expect(errorsOf(header, row({ age }))).toEqual([
        `2: age_limit "${age}" is not a whole number of years from 0 to 99`,
      ]);
    }
  });

  it('refuses a row with the wrong number of fields, hinting at quoting', () => {
    expect(errorsOf('barcode,name,price', `${MILK},Milk,12,50`)).toEqual([
      '2: has 4 fields; the header has 3 (a value with a comma must be in double quotes)',
    ]);
    expect(errorsOf('barcode,name,price', `${MILK},Milk`)).toEqual(['2: has 2 fields; the header has 3']);
  });

  it('reports malformed quoting with its line', () => {
    expect(errorsOf('barcode,name,price', `${MILK},"Milk"1L,12`)).toEqual([
      '2: text after the closing quote of field 2',
    ]);
  });

  it('refuses a duplicate barcode, naming the first line', () => {
    const text = `barcode,name,price\n${MILK},Milk,1\n${RICE},Rice,2\n${MILK},Milk again,3\n`;
    expect(validate(text).errors).toEqual([{ line: 4, message: `barcode "${MILK}" is already on line 2` }]);
  });

  it('sees a UPC-A and the same code as EAN-13 as one product', () => {
    const upc = withCheckDigit('01234567890');
    const text = `barcode,name,price\n${upc},Syrup,1\n0${upc},Syrup,1\n`;
    expect(validate(text).errors).toEqual([
      { line: 3, message: `barcode "0${upc}" is already on line 2 as "${upc}" (both are GTIN 00${upc})` },
    ]);
  });

  it('reports every problem of every bad row, and keeps the good rows', () => {
    const text = [
      header,
      row({}),
      row({ barcode: RICE, price: '12,50', unit: 'box', age: 'adult' }),
      row({ barcode: withCheckDigit('690123456791'), name: '' }),
    ].join('\n');
    const { products, errors } = validate(text);
    expect(products.map((p) => p.barcode)).toEqual([MILK]);
    expect(errors).toEqual([
      { line: 3, message: 'price "12,50" is not a decimal like 12.50' },
      { line: 3, message: 'unit "box" is not "each" or "kg"' },
      { line: 3, message: 'age_limit "adult" is not a whole number of years from 0 to 99' },
      { line: 4, message: 'name is missing' },
    ]);
  });
});
