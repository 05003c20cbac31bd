// checkCatalogProduct (the hand-written fast path) accepts exactly what the catalogProduct schema does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawCatalogItem } from './protocol';
import { catalogProduct, checkCatalogProduct } from './protocol';

const valid: RawCatalogItem = {
  gtin: '06901234567892',
  version: 3,
  deleted: false,
  barcode: '6901234567892',
  name: 'Jasmine Rice',
  currency: 'CNY',
  price: 5990,
  taxRateBp: 900,
  unit: 'each',
  ageLimit: null,
  department: 'Pantry',
  names: { 'zh-CN': '茉莉香米' },
  plu: null,
  grid: false,
  netContent: { amount: 5000, unit: 'g' },
};

const odd: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  '12345678',
  '06901234567892',
  '4011',
  { 'zh-CN': '香蕉' },
  { bad_tag: 'x' },
  'CN',
  'cny',
  'kg',
  -1,
  0,
  1,
  1.5,
  18,
  99,
  100,
  10_000,
  10_001,
  2 ** 53,
  10_000_000_000_000, // 14 digits, but a number: not a GTIN (found by the property below)
  Number.NaN,
  true,
  false,
  [],
  {},
];

const agree = (raw: RawCatalogItem) => {
  const fast = checkCatalogProduct(raw);
  const slow = catalogProduct.safeParse(raw);
  expect(fast !== null, JSON.stringify(raw)).toBe(slow.success);
  if (slow.success) expect(fast).toEqual(slow.data);
};

describe('checkCatalogProduct', () => {
  it('passes a valid item as the schema parses it, without extra fields', () => {
    agree(valid);
    agree({ ...valid, extra: 'dropped', unit: 'kg', ageLimit: 18, department: null });
    agree({ ...valid, plu: '4011', grid: true, names: { 'zh-CN': '香蕉', fr: 'Bananes' } });
    // An HQ older than names and PLUs sends none of them.
    const { names, plu, grid, ...older } = valid;
    expect([names, plu, grid]).toEqual([{ 'zh-CN': '茉莉香米' }, null, false]);
    agree(older as RawCatalogItem);
  });

  it('passes a net content in g or ml, and refuses one a catalog file could not have had', () => {
    agree({ ...valid, netContent: { amount: 1500, unit: 'ml', extra: 1 } });
    agree({ ...valid, netContent: null });
    const { netContent, ...older } = valid;
    expect(netContent).toEqual({ amount: 5000, unit: 'g' });
    agree(older as RawCatalogItem);
    for (const bad of [
      { amount: 0, unit: 'g' },
      { amount: 1.5, unit: 'ml' },
      { amount: 1_000_001, unit: 'g' },
      { amount: 500, unit: 'oz' },
      { amount: '500', unit: 'g' },
      [500, 'g'],
      '500 g',
    ]) {
      agree({ ...valid, netContent: bad });
      expect(checkCatalogProduct({ ...valid, netContent: bad }), JSON.stringify(bad)).toBeNull();
    }
  });

  it('refuses names a catalog file could not have had', () => {
    for (const names of [
      { zh_CN: '香蕉' },
      { 'zh-CN': '' },
      { 'zh-CN': 'a\u0007b' },
      { 'zh-CN': 'x'.repeat(201) },
      ['香蕉'],
    ]) {
      agree({ ...valid, names });
      expect(checkCatalogProduct({ ...valid, names }), JSON.stringify(names)).toBeNull();
    }
  });

  it('agrees with the schema on every field set to an odd value', () => {
    for (const field of Object.keys(valid)) for (const value of odd) agree({ ...valid, [field]: value });
  });

  it('agrees with the schema on arbitrary values', () => {
    const fields = Object.keys(valid);
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.anything(), (field, value) => {
        agree({ ...valid, [field]: value });
      }),
      { numRuns: 2000 },
    );
  });
});
