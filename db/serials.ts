// A serial (GS1 AI 21) names one unique item: it may be live on one basket line only, in the basket
// now or in a sale before. The unique index of migration 0005 is the backstop; this says where it is.
import type Database from 'better-sqlite3';
import type { BasketStatus } from '../core/types';
import { StoreError } from './errors';

/** Refuses a serial already live on a line: in this basket, or sold before (`duplicate_serial`). */
export function requireSerialFree(db: Database.Database, gtin: string, serial: string): void {
  const holder = db
    .prepare(
      `SELECT b.status, s.receipt_number AS receiptNumber FROM basket_lines l
         JOIN baskets b ON b.id = l.basket_id LEFT JOIN sales s ON s.basket_id = b.id
        WHERE l.gtin = ? AND l.serial = ? AND l.removed_at IS NULL`,
    )
    .get(gtin, serial) as { status: BasketStatus; receiptNumber: string | null } | undefined;
  if (!holder) return;
  throw new StoreError(
    'duplicate_serial',
    holder.receiptNumber
      ? `Item ${gtin} with serial ${serial} was already sold (receipt ${holder.receiptNumber})`
      : `Item ${gtin} with serial ${serial} is already in the basket`,
  );
}
