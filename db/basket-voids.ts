// Voids: goods taken off a basket before payment (a line removed, a quantity lowered, a basket given up),
// journalled in the transaction of the change so loss prevention sees every one.
import type Database from 'better-sqlite3';
import type { VoidEntry, VoidedLine } from '../core/journal';
import { priceBasket, type AdjustableLine, type Discount } from '../core/pricing/adjustments';
import type { BasketLineRecord, BasketRecord } from './basket-records';
import { appendJournal } from './journal';

/** A line's live price override and discount (migration 0019), for what its void is worth. */
export type LinePriceChange = Pick<AdjustableLine, 'priceOverride' | 'discount'>;

/** The counter's live override and discount of a line; none at a kiosk. */
export function linePriceChange(db: Database.Database, lineId: string): LinePriceChange {
  const rows = db
    .prepare(
      `SELECT kind, unit_price, discount_kind, discount_value FROM basket_adjustments
        WHERE line_id = ? AND removed_at IS NULL`,
    )
    .all(lineId) as {
    kind: string;
    unit_price: number | null;
    discount_kind: Discount['kind'] | null;
    discount_value: number | null;
  }[];
  const change: LinePriceChange = {};
  for (const row of rows) {
    if (row.kind === 'price_override') change.priceOverride = row.unit_price;
    if (row.kind === 'line_discount' && row.discount_kind && row.discount_value !== null)
      change.discount = { kind: row.discount_kind, value: row.discount_value };
  }
  return change;
}

/**
 * What leaves the basket when `line` goes down to `remaining` (0: the whole line), at the price it
 * was being sold for: with the counter's override and line discount, if any (a sale discount is
 * spread again over what stays, so it is not part of a line's worth).
 */
export function voidedPart(
  line: BasketLineRecord,
  remaining: number,
  change: LinePriceChange = {},
): VoidedLine {
  const worth = (quantity: number) =>
    quantity === 0
      ? 0
      : priceBasket([{ ...line, ...change, quantity }], null, 'inclusive').lines[0]!.lineTotal;
  return {
    lineId: line.id,
    gtin: line.gtin,
    name: line.name,
    unit: line.unit,
    unitPrice: change.priceOverride ?? line.unitPrice,
    quantity: line.quantity - remaining,
    amount: worth(line.quantity) - worth(remaining),
  };
}

/** Journals a void inside the caller's transaction. */
export function journalVoid(
  db: Database.Database,
  reason: VoidEntry['reason'],
  basket: BasketRecord,
  lines: VoidedLine[],
  now: Date,
): void {
  const amount = lines.reduce((sum, line) => sum + line.amount, 0);
  const data: VoidEntry = { reason, basketId: basket.id, currency: basket.currency, lines, amount };
  appendJournal(db, { kind: 'void', data }, now);
}
