// A product's price as the shelf shows it: the price in force, its unit price, and the change HQ has
// sent that is not in force yet. The price in force is the latest effective-dated change from HQ that
// has taken effect at `now` (db/price-changes.ts), else the catalog's price. A scan is priced the same
// way (services/checkout/scan-lookup.ts), so the shelf, the label and the till agree at every moment.
//
// Unit price: per kg for items sold by weight (their price is per kg); for a piece with a net content
// in the catalog (500 g, 1.5 l), its price per kg or per litre; none for a piece without one.
import { unitPriceOfContent, type NetContent } from '../../core/catalog/net-content';
import type { Product } from '../../core/types';
import { findNetContent } from '../../db/catalog';
import { datedPriceAt, nextDatedPrice } from '../../db/price-changes';
import type { ShelfPriceView } from '../api/contract';
import type { Database } from '../../db/open';

export function shelfPrice(db: Database, product: Product, now: Date): ShelfPriceView {
  const inForce = datedPriceAt(db, product.gtin, now.getTime());
  const price = inForce?.price ?? product.price;
  const next = nextDatedPrice(db, product.gtin, now.getTime());
  return {
    price,
    unitPrice: unitPriceOf(product, price, findNetContent(db, product.gtin)),
    effectiveFrom: inForce ? new Date(inForce.effectiveAt).toISOString() : null,
    next: next ? { price: next.price, effectiveFrom: new Date(next.effectiveAt).toISOString() } : null,
  };
}

/** The unit price a shelf label prints for this product at `price`, given its net content. */
export function unitPriceOf(
  product: Product,
  price: number,
  content: NetContent | null,
): ShelfPriceView['unitPrice'] {
  if (product.unit === 'kg') return { amount: price, per: 'kg' };
  return content ? unitPriceOfContent(price, content) : null;
}

/** The product at the price in force at `now` (the catalog's, unless a dated change has taken effect). */
export function pricedAt(db: Database, product: Product, now: Date): Product {
  const inForce = datedPriceAt(db, product.gtin, now.getTime());
  return inForce && inForce.price !== product.price ? { ...product, price: inForce.price } : product;
}

/** Items a screen lists (the produce grid, the counter's lookup) at the prices in force at `now`. */
export function listedAt<T extends { gtin: string; price: number }>(
  db: Database,
  items: T[],
  now: Date,
): T[] {
  return items.map((item) => {
    const inForce = datedPriceAt(db, item.gtin, now.getTime());
    return inForce ? { ...item, price: inForce.price } : item;
  });
}
