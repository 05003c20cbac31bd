// The sale restrictions a terminal reads from HQ (issue 14): a product's `noSale` / `maxPerBasket` in the
// catalog feed, and GET /v1/sale-rules's reply — what is believed, and what is refused.
import { describe, expect, it } from 'vitest';
import { catalogProduct, checkCatalogProduct, type RawCatalogItem } from './protocol';
import { saleRulesReply } from './sale-rules-pull';

const item: RawCatalogItem = {
  gtin: '06901234567892',
  version: 3,
  deleted: false,
  barcode: '6901234567892',
  name: 'Baijiu 500 ml',
  currency: 'CNY',
  price: 8800,
  taxRateBp: 1300,
  unit: 'each',
  ageLimit: 18,
  department: 'Alcohol',
};

describe('a product’s restrictions in the catalog feed', () => {
  it('keeps the windows and the maximum HQ sent, and nothing else of them', () => {
    const product = checkCatalogProduct({
      ...item,
      noSale: [{ to: '07:00', from: '22:00', note: 'x' }],
      maxPerBasket: 2,
    });
    expect(product?.noSale).toEqual([{ from: '22:00', to: '07:00' }]);
    expect(product?.maxPerBasket).toBe(2);
  });

  it('reads an older HQ (no fields) as none, and null or [] as sent', () => {
    expect(checkCatalogProduct(item)).not.toHaveProperty('noSale');
    expect(checkCatalogProduct({ ...item, noSale: null, maxPerBasket: null })).toMatchObject({
      noSale: null,
      maxPerBasket: null,
    });
    expect(checkCatalogProduct({ ...item, noSale: [] })?.noSale).toEqual([]);
  });

  it.each([
    [{ noSale: [{ from: '24:00', to: '07:00' }] }],
    [{ noSale: [{ from: '22:00', to: '22:00' }] }],
    [{ noSale: '22:00-07:00' }],
    [{ noSale: Array.from({ length: 9 }, () => ({ from: '01:00', to: '02:00' })) }],
    [{ maxPerBasket: 0 }],
    [{ maxPerBasket: 2.5 }],
    [{ maxPerBasket: 10_000 }],
  ])('refuses the item %j (the schema says why)', (bad) => {
    expect(checkCatalogProduct({ ...item, ...bad })).toBeNull();
    expect(catalogProduct.safeParse({ ...item, ...bad }).success).toBe(false);
  });
});

describe('GET /v1/sale-rules as the terminal reads it', () => {
  it('takes a whole list or `unchanged`', () => {
    const rules = [{ department: 'Alcohol', noSale: [{ from: '22:00', to: '07:00' }], maxPerBasket: null }];
    expect(saleRulesReply.parse({ ok: true, version: 7, rules })).toMatchObject({ version: 7, rules });
    expect(saleRulesReply.parse({ ok: true, version: 7, unchanged: true })).toMatchObject({
      unchanged: true,
    });
  });

  it.each([
    [{ ok: true, version: 7 }],
    [{ ok: true, version: -1, rules: [] }],
    [{ ok: true, version: 7, rules: [{ department: ' ', noSale: [], maxPerBasket: null }] }],
    [
      {
        ok: true,
        version: 7,
        rules: [{ department: 'A', noSale: [{ from: '7:00', to: '08:00' }], maxPerBasket: null }],
      },
    ],
    [{ ok: true, version: 7, rules: [{ department: 'A', noSale: [], maxPerBasket: 0 }] }],
  ])('refuses %j whole', (bad) => {
    expect(saleRulesReply.safeParse(bad).success).toBe(false);
  });
});
