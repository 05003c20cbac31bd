// upsertProductPage (a sync page, many rows per statement) writes exactly what upsertProducts does.
import { describe, expect, it } from 'vitest';
import type { Product } from '../core/types';
import { useTempDatabase } from '../test/helpers/temp-db';
import { countProducts, findProduct, upsertProductPage, upsertProducts } from './catalog';

const temp = useTempDatabase();

const product = (i: number, extra: Partial<Product> = {}): Product => ({
  gtin: `0690000${String(i).padStart(7, '0')}`,
  barcode: `690000${String(i).padStart(7, '0')}`,
  name: `Item ${i}`,
  price: 100 + i,
  taxRateBp: i % 2 ? 900 : 1300,
  unit: i % 5 ? 'each' : 'kg',
  ageLimit: i % 7 ? null : 18,
  department: i % 3 ? 'Pantry' : null,
  ...extra,
});

describe('upsertProductPage', () => {
  it('writes every product of a page whose size is not a multiple of the statement size', () => {
    const page = Array.from({ length: 123 }, (_, i) => product(i));
    expect(upsertProductPage(temp.db, page, 1)).toBe(123);
    expect(countProducts(temp.db)).toBe(123);
    for (const p of page) expect(findProduct(temp.db, p.gtin)).toEqual(p);
  });

  it('updates products already there, and lets the later of two rows for one GTIN win', () => {
    upsertProducts(temp.db, [product(1), product(60)]);
    const page = Array.from({ length: 100 }, (_, i) => product(i, { name: `New ${i}` }));
    page[10] = product(1, { price: 1 }); // the same GTIN twice in the first statement
    page[75] = product(60, { price: 2 }); // and in the second
    upsertProductPage(temp.db, page, 1);
    expect(countProducts(temp.db)).toBe(98); // the two replaced rows (10 and 75) were never written
    expect(findProduct(temp.db, product(1).gtin)).toEqual(product(1, { price: 1 }));
    expect(findProduct(temp.db, product(60).gtin)).toEqual(product(60, { price: 2 }));
    expect(findProduct(temp.db, product(99).gtin)?.name).toBe('New 99');
  });

  it('refuses a bad row as upsertProducts does', () => {
    expect(() => upsertProductPage(temp.db, [product(1, { price: -1 })])).toThrow(/CHECK/);
    expect(() =>
      upsertProductPage(
        temp.db,
        Array.from({ length: 50 }, (_, i) => product(i, i === 49 ? { name: ' ' } : {})),
      ),
    ).toThrow(/CHECK/);
  });
});
