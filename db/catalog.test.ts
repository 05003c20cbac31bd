import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../core/barcode/gtin';
import { productNames } from './catalog-names';
import { demoProducts } from '../core/catalog/demo-store';
import type { Product } from '../core/types';
import {
  countProducts,
  deleteProducts,
  findProduct,
  isCatalogEmpty,
  seedDemoStoreIfEmpty,
  upsertProducts,
} from './catalog';
import { useTempDatabase } from '../test/helpers/temp-db';
import { openDatabase } from './open';

const temp = useTempDatabase();

const product = (body: string, overrides: Partial<Product> = {}): Product => {
  const barcode = withCheckDigit(body);
  return {
    gtin: barcode.padStart(14, '0'),
    barcode,
    name: `Item ${body}`,
    price: 990,
    taxRateBp: 1300,
    unit: 'each',
    ageLimit: null,
    department: null,
    ...overrides,
  };
};

describe('catalog store', () => {
  it('finds an upserted product by GTIN-14 exactly as it was written', () => {
    const wine = product('690123456789', {
      unit: 'each',
      ageLimit: 18,
      department: 'Alcohol',
      name: 'Merlot 750 ml',
    });
    const cheese = product('6901234', { unit: 'kg', price: 12800, taxRateBp: 1300 });
    expect(upsertProducts(temp.db, [wine, cheese])).toBe(2);
    expect(findProduct(temp.db, wine.gtin)).toEqual(wine);
    expect(findProduct(temp.db, cheese.gtin)).toEqual(cheese);
  });

  it('deletes products by GTIN, counting only those that were there', () => {
    const milk = product('690123456789');
    const bread = product('690123456790');
    upsertProducts(temp.db, [milk, bread]);
    expect(deleteProducts(temp.db, [milk.gtin, product('690000000001').gtin])).toBe(1);
    expect(findProduct(temp.db, milk.gtin)).toBeNull();
    expect(findProduct(temp.db, bread.gtin)).toEqual(bread);
  });

  it('returns null for an unknown GTIN', () => {
    expect(findProduct(temp.db, product('690000000001').gtin)).toBeNull();
  });

  it('replaces a product written again under the same GTIN', () => {
    const milk = product('690123456789');
    upsertProducts(temp.db, [milk]);
    upsertProducts(temp.db, [{ ...milk, price: 1290, name: 'Whole Milk 1 L' }]);
    expect(countProducts(temp.db)).toBe(1);
    expect(findProduct(temp.db, milk.gtin)).toMatchObject({ price: 1290, name: 'Whole Milk 1 L' });
  });

  it('writes nothing when the caller’s transaction rolls back', () => {
    const write = temp.db.transaction(() => {
      upsertProducts(temp.db, [product('690123456789')]);
      throw new Error('abort');
    });
    expect(() => write()).toThrow('abort');
    expect(isCatalogEmpty(temp.db)).toBe(true);
  });

  it('counts products and tells an empty catalog from a filled one', () => {
    expect(isCatalogEmpty(temp.db)).toBe(true);
    expect(countProducts(temp.db)).toBe(0);
    upsertProducts(temp.db, [product('690123456789'), product('690123456790')]);
    expect(isCatalogEmpty(temp.db)).toBe(false);
    expect(countProducts(temp.db)).toBe(2);
  });

  it('seeds the demo store once, into an empty catalog only', () => {
    const demo = demoProducts();
    expect(seedDemoStoreIfEmpty(temp.db)).toBe(demo.length);
    expect(countProducts(temp.db)).toBe(demo.length);
    // The scan lookup reads what a scan needs; the names come beside it (db/catalog-names.ts).
    const { names, plu, grid, ...scanned } = demo[0]!;
    expect(findProduct(temp.db, demo[0]!.gtin)).toEqual(scanned);
    expect([productNames(temp.db, demo[0]!.gtin), plu, grid]).toEqual([names, '4131', true]);
    expect(seedDemoStoreIfEmpty(temp.db)).toBe(0);
    expect(countProducts(temp.db)).toBe(demo.length);
  });

  it('does not seed over a catalog that already has products', () => {
    upsertProducts(temp.db, [product('690123456789')]);
    expect(seedDemoStoreIfEmpty(temp.db)).toBe(0);
    expect(countProducts(temp.db)).toBe(1);
  });

  it('keeps working across two databases open at once (statements are per database)', () => {
    const other = openDatabase(join(temp.dir, 'other.db'));
    try {
      upsertProducts(other, [product('690123456789')]);
      expect(findProduct(other, product('690123456789').gtin)).not.toBeNull();
      expect(findProduct(temp.db, product('690123456789').gtin)).toBeNull();
    } finally {
      other.close();
    }
  });
});
