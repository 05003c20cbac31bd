// A refund whose QR or wallet part a provider turned down (a final `declined`: the money never went
// back) can be given back in cash instead, with a supervisor's approval. In ONE transaction: a cash
// tender added to the refund, paid at once; its `refund` / `cash_instead` journal entry; and a
// `refund.cash_instead` event for HQ. The refund's lines stay as they were: they were given back, now
// in cash. Only in the shift the refund was made in, while it is open: the cash leaves that drawer.
import type Database from 'better-sqlite3';
import type { RefundCashInsteadEntry } from '../core/journal';
import type { RefundCashInsteadPayload } from '../core/sync';
import { StoreError } from './errors';
import { appendJournal } from './journal';
import { appendEvent } from './outbox';
import { newRefundReference, type RefundRecord, type RefundTenderRecord } from './refund-rows';
import { requireRefund } from './refunds';
import { shiftById } from './shifts';

/**
 * Cash already given in place of declined parts: the cash tenders of a refund of a sale that answer to
 * no tender of the sale (a refund's own cash part is always the sale's cash tender given back).
 */
export function isCashInstead(refund: RefundRecord, tender: RefundTenderRecord): boolean {
  return refund.receiptNumber !== null && tender.kind === 'cash' && tender.salePosition === null;
}

/** What providers declined of a refund and no cash has yet replaced (minor units, ≥ 0). */
export function declinedOwed(refund: RefundRecord): number {
  const declined = refund.tenders
    .filter((t) => t.kind !== 'cash' && t.status === 'declined')
    .reduce((sum, t) => sum + t.amount, 0);
  const instead = refund.tenders
    .filter((t) => isCashInstead(refund, t))
    .reduce((sum, t) => sum + t.amount, 0);
  return Math.max(declined - instead, 0);
}

/** Pays in cash what providers declined of a refund; refused (`StoreError`) when there is nothing owed. */
export function payDeclinedInCash(
  db: Database.Database,
  input: { refundId: string; staffId: string; approvedBy: string },
  now: Date = new Date(),
): RefundRecord {
  return db.transaction(() => {
    const refund = requireRefund(db, input.refundId);
    if (refund.state !== 'done')
      throw new StoreError('refund_in_progress', 'The refund is still with its payment provider');
    const owed = declinedOwed(refund);
    if (owed === 0)
      throw new StoreError('nothing_declined', `Refund ${refund.refundNumber} owes the customer nothing`);
    const shift = refund.shiftId ? shiftById(db, refund.shiftId) : null;
    if (shift && shift.closedAt !== null)
      throw new StoreError(
        'shift_closed',
        `Refund ${refund.refundNumber} was made in a shift now closed: pay it from this drawer as a pay-out`,
      );
    const at = now.toISOString();
    const position = Math.max(...refund.tenders.map((t) => t.position)) + 1;
    db.prepare(
      `INSERT INTO refund_tenders (refund_id, position, kind, sale_position, took, payment_id, payment_reference,
         payment_provider_ref, reference, provider, status, amount, currency, created_at, updated_at)
       VALUES (?, ?, 'cash', NULL, NULL, NULL, NULL, NULL, ?, NULL, 'paid', ?, ?, ?, ?)`,
    ).run(refund.id, position, newRefundReference(), owed, refund.currency, at, at);
    const entry: RefundCashInsteadEntry = {
      action: 'cash_instead',
      refundId: refund.id,
      refundNumber: refund.refundNumber,
      receiptNumber: refund.receiptNumber,
      currency: refund.currency,
      tenders: [{ kind: 'cash', amount: owed, status: 'paid', reference: null }],
      staffId: input.staffId,
      approvedBy: input.approvedBy,
      shiftId: refund.shiftId,
    };
    appendJournal(db, { kind: 'refund', data: entry }, now, {
      storeId: refund.storeId,
      terminalId: refund.terminalId,
    });
    const payload: RefundCashInsteadPayload = {
      refundId: refund.id,
      refundNumber: refund.refundNumber,
      receiptNumber: refund.receiptNumber,
      storeId: refund.storeId,
      terminalId: refund.terminalId,
      currency: refund.currency,
      amount: owed,
      staffId: input.staffId,
      approvedBy: input.approvedBy,
      shiftId: refund.shiftId,
      paidAt: at,
    };
    appendEvent(db, 'refund.cash_instead', payload, now);
    return requireRefund(db, refund.id);
  })();
}
