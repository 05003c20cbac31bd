// A sale arriving whole at the counter (a resumed one, a kiosk's handed over) needs the counter free:
// no sale at all, or an empty open basket it can fill.
import type Database from 'better-sqlite3';
import { basketLines, currentBasket, openBasket } from './baskets';
import type { BasketRecord } from './basket-records';
import { StoreError } from './errors';

/** Refused as `sale_in_progress` while the counter holds a sale with lines, or one being paid. */
export function requireNoSale(db: Database.Database): void {
  const current = currentBasket(db);
  if (current && (current.status !== 'open' || basketLines(db, current.id).length > 0))
    throw new StoreError('sale_in_progress', 'Finish, suspend or void the sale on the counter first');
}

/** The counter's empty open basket, or a new one, for a sale arriving whole. */
export function emptySale(db: Database.Database, currency: string, now: Date): BasketRecord {
  requireNoSale(db);
  return currentBasket(db) ?? openBasket(db, currency, now);
}
