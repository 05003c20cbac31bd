// What stops a shift from closing: money or goods still in the middle of a sale. Each blocker looks at
// the store and names what is in the way; the close is refused with the first one's code and message.
// Suspended sales (db/suspended-sales.ts, F7 at the counter) are a blocker too: listed, they must be
// resumed or voided before the close.
import type { Database } from '../../db/open';
import { suspendedLabels } from '../../db/suspended-sales';

export interface CloseBlock {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** A check run before a close; null when it has nothing against it. */
export type CloseBlocker = (db: Database) => CloseBlock | null;

/** A basket open or paying with goods on it: the sale must be finished or voided first. */
export const saleInProgress: CloseBlocker = (db) => {
  const row = db
    .prepare(
      `SELECT b.id, b.status, count(l.id) AS lines FROM baskets b JOIN basket_lines l ON l.basket_id = b.id
       WHERE b.status IN ('open', 'paying') GROUP BY b.id LIMIT 1`,
    )
    .get() as { id: string; status: string; lines: number } | undefined;
  if (!row) return null;
  return {
    code: 'sale_in_progress',
    message: `A sale is still in progress (${row.lines} line(s), ${row.status}): finish it or void it, then close the shift`,
    details: { basketId: row.id, status: row.status },
  };
};

/**
 * Sales put aside and still waiting: goods the cashier has not sold or voided. A shift closed over them
 * would leave a basket nobody answers for, so each must be resumed (and finished) or voided first.
 */
export const suspendedWaiting: CloseBlocker = (db) => {
  const labels = suspendedLabels(db);
  if (labels.length === 0) return null;
  const count = labels.length === 1 ? '1 suspended sale is' : `${labels.length} suspended sales are`;
  return {
    code: 'suspended_sales',
    message: `${count} still waiting: resume and finish or void each (F7 on an empty sale lists them), then close the shift`,
    details: { count: labels.length, labels },
  };
};

/**
 * A refund still with a payment provider (services/refund): its cash is out of the drawer but it is not
 * journalled until every tender is final, so the Z report would disagree with the journal. Wait for it
 * (or ask the provider again with the refund's Retry), then close.
 */
export const refundInProgress: CloseBlocker = (db) => {
  const row = db
    .prepare("SELECT refund_number FROM refunds WHERE state = 'in_progress' ORDER BY created_at LIMIT 1")
    .get() as { refund_number: string } | undefined;
  if (!row) return null;
  return {
    code: 'refund_in_progress',
    message: `Refund ${row.refund_number} is still waiting for the payment provider: wait for it or retry it, then close the shift`,
    details: { refundNumber: row.refund_number },
  };
};

/** Every blocker a close runs, in order. */
export const CLOSE_BLOCKERS: CloseBlocker[] = [saleInProgress, suspendedWaiting, refundInProgress];

/** The first thing in the way of a close, or null. */
export function closeBlock(
  db: Database,
  blockers: readonly CloseBlocker[] = CLOSE_BLOCKERS,
): CloseBlock | null {
  for (const blocker of blockers) {
    const block = blocker(db);
    if (block) return block;
  }
  return null;
}
