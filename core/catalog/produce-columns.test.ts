import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../barcode/gtin';
import { readCsv } from './csv';
import { validateCatalogRows } from './import-rows';

const CNY = { currency: 'CNY', defaultTaxRateBp: 900 };
const BANANA = withCheckDigit('690123456789');
const APPLE = withCheckDigit('690123456790');
const validate = (text: string) => validateCatalogRows(readCsv(text), CNY);
const errorsOf = (text: string) => validate(text).errors.map((e) => `${e.line}: ${e.message}`);

describe('catalog name_<language> columns', () => {
  it('reads a name per language beside name, the tag in canonical case', () => {
    const { products, errors } = validate(
      `barcode,name,price,name_zh-cn,name_fr\n${BANANA},Bananas,6.90,香蕉,Bananes\n${APPLE},Apples,12.90,,\n`,
    );
    expect(errors).toEqual([]);
    expect(products[0]).toMatchObject({ name: 'Bananas', names: { 'zh-CN': '香蕉', fr: 'Bananes' } });
    // An empty cell is no name in that language: the shopper sees `name`.
    expect(products[1]).not.toHaveProperty('names');
  });

  it('refuses a column whose tag is not BCP 47, naming it', () => {
    expect(errorsOf(`barcode,name,price,name_zh_CN\n${BANANA},Bananas,6.90,香蕉\n`)).toEqual([
      '1: column "name_zh_CN": "zh_CN" is not a BCP 47 language tag; write it like name_zh-CN, name_en or name_pt-BR',
    ]);
    expect(errorsOf(`barcode,name,price,name_zh-CN,name_zh-cn\n`)).toEqual([
      '1: column "name_zh-CN" appears twice in the header',
    ]);
  });

  it('refuses a name that is too long or holds a control character, with the row', () => {
    const long = '香'.repeat(201);
    expect(
      errorsOf(
        `barcode,name,price,name_zh-CN\n${BANANA},Bananas,6.90,${long}\n${APPLE},Apples,12.90,"苹\u0007果"\n`,
      ),
    ).toEqual([
      '2: name_zh-CN has 201 characters; at most 200 are allowed',
      '3: name_zh-CN contains the control character U+0007; remove it',
    ]);
  });
});

describe('catalog plu and grid columns', () => {
  it('reads IFPS PLUs; a product with a PLU is in the grid unless told otherwise', () => {
    const { products, errors } = validate(
      `barcode,name,price,unit,plu,grid\n${BANANA},Bananas,6.90,kg,4011,\n${APPLE},Organic Apples,15.90,kg,94131,no\n`,
    );
    expect(errors).toEqual([]);
    expect(products[0]).toMatchObject({ plu: '4011', grid: true });
    expect(products[1]).toMatchObject({ plu: '94131' });
    expect(products[1]).not.toHaveProperty('grid');
  });

  it('refuses a PLU that is not one, a PLU used twice and a grid that is not yes or no', () => {
    expect(
      errorsOf(
        `barcode,name,price,plu,grid\n${BANANA},Bananas,6.90,401,\n${APPLE},Apples,12.90,4011,maybe\n`,
      ),
    ).toEqual([
      '2: plu "401" is not a produce PLU: 4 digits from 3000 to 4999, or 5 digits starting with 9 (organic, like 94011) or 83/84',
      '3: grid "maybe" is not yes or no',
    ]);
    expect(
      errorsOf(`barcode,name,price,plu\n${BANANA},Bananas,6.90,4011\n${APPLE},Apples,12.90,4011\n`),
    ).toEqual(['3: plu 4011 is already on line 2']);
  });
});
