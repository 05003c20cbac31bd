// Voids: goods taken off a basket before payment (a line removed, a quantity lowered, a basket given up),
// journalled in the transaction of the change so loss prevention sees every one.
import type Database from 'better-sqlite3';
import type { VoidEntry, VoidedLine } from '../core/journal';
import { lineTotal } from '../core/pricing/line';
import type { BasketLineRecord, BasketRecord } from './basket-records';
import { appendJournal } from './journal';

/** What leaves the basket when `line` goes down to `remaining` (0: the whole line). */
export function voidedPart(line: BasketLineRecord, remaining: number): VoidedLine {
  const kept = remaining === 0 ? 0 : lineTotal({ ...line, quantity: remaining });
  return {
    lineId: line.id,
    gtin: line.gtin,
    name: line.name,
    unit: line.unit,
    unitPrice: line.unitPrice,
    quantity: line.quantity - remaining,
    amount: lineTotal(line) - kept,
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
