// An attendant's typed weight on a kiosk with a scale: the line and the journal's `override` entry
// (`weight_entered`) written in ONE transaction, so no typed weight is ever sold without the record of
// who vouched for it — and no record names a line that is not there.
import type Database from 'better-sqlite3';
import { lineTotal } from '../core/pricing/line';
import type { BasketLineRecord, ScannedItem } from './basket-records';
import { addItem } from './baskets';
import { appendJournal } from './journal';

export interface TypedWeight {
  /** The attendant (settings' id) whose badge and PIN were checked. */
  attendantId: string;
  /** What the scale said when the weight was typed (the journal's "why"). */
  scaleState: string;
}

/**
 * Adds a weighed item at a typed weight with its journal entry. Throws a StoreError (nothing written)
 * when the basket is not open or the item or weight is refused; any failure of the journal rolls the
 * line back.
 */
export function addTypedWeightLine(
  db: Database.Database,
  basketId: string,
  item: ScannedItem,
  grams: number,
  typed: TypedWeight,
  now: Date = new Date(),
): BasketLineRecord {
  return db.transaction(() => {
    const line = addItem(db, basketId, item, grams, now);
    appendJournal(
      db,
      {
        kind: 'override',
        data: {
          action: 'weight_entered',
          basketId,
          lineId: line.id,
          attendantId: typed.attendantId,
          gtin: line.gtin,
          name: line.name,
          grams,
          unitPrice: line.unitPrice,
          amount: lineTotal({
            unit: 'kg',
            unitPrice: line.unitPrice,
            quantity: grams,
            taxRateBp: line.taxRateBp,
          }),
          scaleState: typed.scaleState,
        },
      },
      now,
    );
    return line;
  })();
}
