// The counter's void key: the whole open sale given up by the staff member signed in, with a reason.
// Unlike a kiosk's basket cancel (`basket_cancelled`, an idle lane giving up), it is a cashier's act:
// journalled as a `void` with reason `sale_voided`, who did it and why, every line at what it was
// worth after its discounts; event `basket.voided`.
import type Database from 'better-sqlite3';
import type { VoidedLine } from '../core/journal';
import { pricedBasket } from './basket-adjustments';
import type { BasketRecord } from './basket-records';
import { closeEmptied, requireBasket, requireOpenBasket } from './baskets';
import { appendJournal } from './journal';
import { appendEvent } from './outbox';
import { StoreError } from './errors';

/** Voids the open basket: every live line removed, the basket closed, one `void` entry. */
export function voidSale(
  db: Database.Database,
  basketId: string,
  staffId: string,
  note: string,
  now: Date = new Date(),
): BasketRecord {
  return db.transaction(() => {
    const basket = requireOpenBasket(db, basketId);
    const voided = voidedSale(db, basketId);
    if (voided.length === 0) throw new StoreError('basket_empty', 'There is nothing in the sale to void');
    const at = now.toISOString();
    closeEmptied(db, basketId, at);
    const amount = voided.reduce((sum, line) => sum + line.amount, 0);
    appendJournal(
      db,
      {
        kind: 'void',
        data: {
          reason: 'sale_voided',
          basketId,
          currency: basket.currency,
          lines: voided,
          amount,
          staffId,
          note,
        },
      },
      now,
    );
    appendEvent(db, 'basket.voided', { basketId, staffId, note, lines: voided, amount }, now);
    return requireBasket(db, basketId);
  })();
}

/**
 * Every live line of a basket as a void of the whole sale takes it off: at what it was being sold for,
 * after its override, its discount and its share of the sale discount (F8, a suspended sale voided).
 */
export function voidedSale(db: Database.Database, basketId: string): VoidedLine[] {
  // Tax mode does not change a line's net amount, only the tax on top of it.
  const { lines, priced } = pricedBasket(db, basketId, 'inclusive');
  return lines.map((line, i) => ({
    lineId: line.id,
    gtin: line.gtin,
    name: line.name,
    unit: line.unit,
    unitPrice: line.priceOverride ?? line.unitPrice,
    quantity: line.quantity,
    amount: priced.lines[i]!.net,
  }));
}
