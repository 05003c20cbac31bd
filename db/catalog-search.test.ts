import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../core/barcode/gtin';
import type { Product } from '../core/types';
import { useTempDatabase } from '../test/helpers/temp-db';
import { upsertProductPage, upsertProducts } from './catalog';
import { searchCatalog, SEARCH_LIMIT } from './catalog-search';

const temp = useTempDatabase();

function product(body: string, name: string, extra: Partial<Product> = {}): Product {
  const barcode = withCheckDigit(body);
  return {
    gtin: barcode.padStart(14, '0'),
    barcode,
    name,
    price: 100,
    taxRateBp: 900,
    unit: 'each',
    ageLimit: null,
    department: null,
    ...extra,
  };
}

const BANANAS = product('2000000040110', 'Bananas', { unit: 'kg', plu: '4011', names: { 'zh-CN': '香蕉' } });
const MILK = product('690000000001', 'Fresh Milk 1 L', { names: { 'zh-CN': '鲜牛奶' } });
const MILD = product('690000000002', 'MILD Salsa');
const GUM = product('6900005', 'Mint Gum');
const names = (query: string) => searchCatalog(temp.db, query).map((p) => p.name);

describe('catalog search (F3 at the counter)', () => {
  it('finds by PLU, by the beginning of an EAN-13 or EAN-8 barcode, by name in any case or language', () => {
    temp.db.transaction(() => upsertProducts(temp.db, [BANANAS, MILK, MILD, GUM]))();
    expect(names('4011')).toEqual(['Bananas']);
    expect(names('690000000')).toEqual(['Fresh Milk 1 L', 'MILD Salsa']);
    expect(names('69000')).toEqual(['Fresh Milk 1 L', 'MILD Salsa', 'Mint Gum']);
    expect(names('mil')).toEqual(['MILD Salsa', 'Fresh Milk 1 L']);
    expect(names('milk')).toEqual(['Fresh Milk 1 L']);
    expect(names('香蕉')).toEqual(['Bananas']);
    expect(names('牛奶')).toEqual(['Fresh Milk 1 L']);
    // A language tag is no name: "cn" is in every {"zh-CN": …} but names nothing.
    expect(names('cn')).toEqual([]);
    expect(searchCatalog(temp.db, 'bananas')[0]).toMatchObject({
      plu: '4011',
      unit: 'kg',
      names: { 'zh-CN': '香蕉' },
    });
  });

  it('finds nothing for blank input, and reads % and _ as letters, not wildcards', () => {
    temp.db.transaction(() => upsertProducts(temp.db, [MILK, product('690000000003', '100% Juice')]))();
    expect(names('   ')).toEqual([]);
    expect(names('%')).toEqual(['100% Juice']);
    expect(names('_')).toEqual([]);
  });

  it('on a big catalog, answers a page from the indexes, and a word inside a name by a scan', () => {
    const rows: Product[] = [];
    for (let i = 0; i < 200_000; i++)
      rows.push(product(`69${String(i).padStart(10, '0')}`, `Item ${String(i).padStart(6, '0')} Rice`));
    temp.db.transaction(() => {
      for (let i = 0; i < rows.length; i += 1000) upsertProductPage(temp.db, rows.slice(i, i + 1000));
      upsertProducts(temp.db, [BANANAS]);
    })();
    // A name's beginning, in any case: the first page in name order.
    expect(names('item 1234').slice(0, 2)).toEqual(['Item 123400 Rice', 'Item 123401 Rice']);
    expect(names('item 1234')).toHaveLength(SEARCH_LIMIT);
    expect(names('Item 123456')).toEqual(['Item 123456 Rice']);
    expect(searchCatalog(temp.db, 'rice')).toHaveLength(SEARCH_LIMIT);
    expect(names('4011')).toEqual(['Bananas']);
    expect(names('香蕉')).toEqual(['Bananas']);
    const plan = (sql: string) =>
      (temp.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('a', 'b') as { detail: string }[])
        .map((r) => r.detail)
        .join(' ');
    expect(
      plan('SELECT name FROM products WHERE name >= ? COLLATE NOCASE AND name < ? COLLATE NOCASE'),
    ).toMatch(/SEARCH products USING (COVERING )?INDEX products_name_nocase/);
    expect(plan('SELECT name FROM products WHERE gtin >= ? AND gtin < ?')).toMatch(
      /SEARCH products USING PRIMARY KEY/,
    );
  });
});
