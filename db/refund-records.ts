// What a refund leaves behind once every tender is final (db/refunds.ts), and what the terminal's own
// refunds say about a sale: in ONE transaction the refund turns done, its journal entry (`refund` /
// `refunded`) is written and its `refund.completed` outbox event for HQ (core/sync/refunds.ts).
import type Database from 'better-sqlite3';
import type { RefundedEntry } from '../core/journal';
import type { RefundPayload } from '../core/sync';
import { appendJournal } from './journal';
import { appendEvent } from './outbox';
import { markRefundDone, requireRefund, type RefundRecord } from './refunds';

/** Completes a refund whose tenders are all final: done, journalled, and sent to HQ. Idempotent. */
export function completeRefund(
  db: Database.Database,
  refundId: string,
  now: Date = new Date(),
): RefundRecord {
  return db.transaction(() => {
    const before = requireRefund(db, refundId);
    if (before.state === 'done') return before;
    const refund = markRefundDone(db, refundId, now);
    const payload = refundPayload(refund);
    const entry: RefundedEntry = {
      action: 'refunded',
      refundId: refund.id,
      refundNumber: refund.refundNumber,
      receiptNumber: refund.receiptNumber,
      currency: refund.currency,
      total: refund.total,
      taxTotal: refund.taxTotal,
      cashRounding: refund.cashRounding,
      lines: payload.lines.map(({ line, gtin, quantity, amount, reason, disposition }) => ({
        line,
        gtin,
        quantity,
        amount,
        reason,
        disposition,
      })),
      tenders: refund.tenders.map((t) => ({
        kind: t.kind,
        amount: t.amount,
        status: t.status,
        reference: t.kind === 'cash' ? null : t.reference,
      })),
      staffId: refund.staffId,
      approvedBy: refund.approvedBy,
      shiftId: refund.shiftId,
      offline: refund.offline,
    };
    appendJournal(db, { kind: 'refund', data: entry }, now, {
      storeId: refund.storeId,
      terminalId: refund.terminalId,
    });
    appendEvent(db, 'refund.completed', payload, now);
    return refund;
  })();
}

/** The `refund.completed` payload of a refund: every tender, a declined one marked as such. */
export function refundPayload(refund: RefundRecord): RefundPayload {
  return {
    id: refund.id,
    refundNumber: refund.refundNumber,
    receiptNumber: refund.receiptNumber,
    storeId: refund.storeId,
    terminalId: refund.terminalId,
    staffId: refund.staffId,
    approvedBy: refund.approvedBy,
    shiftId: refund.shiftId,
    currency: refund.currency,
    total: refund.total,
    taxTotal: refund.taxTotal,
    cashRounding: refund.cashRounding,
    lines: refund.lines.map((l) => ({
      line: l.line,
      gtin: l.gtin,
      unit: l.unit,
      quantity: l.quantity,
      amount: l.amount,
      reason: l.reason,
      disposition: l.disposition,
    })),
    tenders: refund.tenders.map((t) => ({
      kind: t.kind,
      amount: t.amount,
      paymentId: t.paymentId,
      reference: t.kind === 'cash' ? null : t.reference,
      ...(t.status === 'paid' ? {} : { status: 'declined' as const }),
    })),
    refundedAt: refund.completedAt ?? refund.createdAt,
    offline: refund.offline,
    ...(refund.training ? { training: true } : {}),
  };
}

/** What this terminal's refunds have taken back of a sale: per line, and per sale tender (still standing). */
export interface RefundedOfSale {
  /** Per line: what came back, and the sold quantity and paid amount the refunds were made against. */
  lines: Map<number, { quantity: number; amount: number; tax: number; sold: number; paid: number }>;
  tenders: Map<number, number>;
}

export function refundedOfSale(db: Database.Database, receiptNumber: string): RefundedOfSale {
  const lines = db
    .prepare(
      `SELECT line, sum(quantity) AS quantity, sum(amount) AS amount, sum(tax) AS tax, max(sold) AS sold,
         max(paid) AS paid FROM refund_lines WHERE receipt_number = ? GROUP BY line`,
    )
    .all(receiptNumber) as {
    line: number;
    quantity: number;
    amount: number;
    tax: number;
    sold: number;
    paid: number;
  }[];
  const tenders = db
    .prepare(
      `SELECT t.sale_position AS position, sum(t.amount) AS amount FROM refund_tenders t
       JOIN refunds r ON r.id = t.refund_id
       WHERE r.receipt_number = ? AND t.sale_position IS NOT NULL AND t.status NOT IN ('declined', 'cancelled')
       GROUP BY t.sale_position`,
    )
    .all(receiptNumber) as { position: number; amount: number }[];
  return {
    lines: new Map(lines.map(({ line, ...rest }) => [line, rest])),
    tenders: new Map(tenders.map((t) => [t.position, t.amount])),
  };
}
