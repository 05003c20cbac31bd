import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import type { Product } from '../../core/types';
import { upsertProducts } from '../../db/catalog';
import { openTempDatabase, type TempDatabase } from '../../test/helpers/temp-db';
import { lookupScan } from './scan-lookup';

const product = (barcode: string, name: string): Product => ({
  gtin: barcode.padStart(14, '0'),
  barcode,
  name,
  price: 500,
  taxRateBp: 1300,
  unit: 'each',
  ageLimit: null,
  department: null,
});

describe('from a scan to a product', () => {
  let temp: TempDatabase;
  beforeEach(() => {
    temp = openTempDatabase();
    upsertProducts(temp.db, [
      product('6901234567892', 'Jasmine Rice'),
      product('042100005264', 'Small US Snack'), // stored as UPC-A; its UPC-E is 04252614
      product('96385074', 'Chewing Gum'), // EAN-8
    ]);
  });
  afterEach(() => temp.cleanup());

  const name = (raw: string) => {
    const found = lookupScan(temp.db, raw);
    return found.ok ? found.product.name : found.code;
  };

  it('reads codes with or without an AIM symbology identifier', () => {
    expect(name('6901234567892')).toBe('Jasmine Rice');
    expect(name(']E06901234567892')).toBe('Jasmine Rice');
    expect(name(']E496385074')).toBe('Chewing Gum');
  });

  it('finds a product stored under its UPC-A from its UPC-E and EAN-13 forms', () => {
    expect(name('04252614')).toBe('Small US Snack');
    expect(name(']E004252614')).toBe('Small US Snack');
    expect(name('0042100005264')).toBe('Small US Snack');
  });

  it('reads the GTIN of a GS1 DataMatrix or GS1-128 element string', () => {
    expect(name(']d201069012345678921726123110LOT42\x1d21SN0001')).toBe('Jasmine Rice');
    expect(name(']C10106901234567892')).toBe('Jasmine Rice');
  });

  it('never reads a wallet payment code as a product', () => {
    expect(name('134567890123456789')).toBe('payment_code'); // WeChat Pay: 18 digits, 10–15
    expect(name('2812345678901234')).toBe('payment_code'); // Alipay: 16–24 digits, 25–30
  });

  it('says why a code is refused, and tells unknown items from unreadable codes', () => {
    expect(lookupScan(temp.db, '6901234567893')).toMatchObject({
      code: 'invalid_code',
      message: /should be 2/,
    });
    expect(lookupScan(temp.db, 'hello')).toMatchObject({ code: 'invalid_code', message: /not all digits/ });
    expect(lookupScan(temp.db, '   ')).toMatchObject({ code: 'invalid_code', message: /empty/ });
    expect(lookupScan(temp.db, ']d2ABC')).toMatchObject({ code: 'invalid_code', message: /AI 01/ });
    expect(name(withCheckDigit('400638133393'))).toBe('item_not_found');
  });
});
