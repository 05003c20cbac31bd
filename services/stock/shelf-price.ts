// A product's price as the shelf shows it: the price in force, its unit price, and the change HQ has
// sent that is not in force yet. Today: the catalog's price, per kg for items sold by weight; the
// effective-dated prices of issue 13 extend this module (PRICES).
import type { Product } from '../../core/types';
import type { ShelfPriceView } from '../api/contract';
import type { Database } from '../../db/open';

export function shelfPrice(_db: Database, product: Product, _now: Date): ShelfPriceView {
  return {
    price: product.price,
    unitPrice: product.unit === 'kg' ? { amount: product.price, per: 'kg' } : null,
    effectiveFrom: null,
    next: null,
  };
}
