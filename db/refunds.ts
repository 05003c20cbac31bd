// Refunds (migration 0012): money back to the shopper for (part of) a sale, by the tender it was paid
// with. A refund is a payment in the other direction: stored `created` with its own reference before
// any call to the provider, then moved by the same lifecycle (core/payment/lifecycle.ts, direction
// `refund`), each change in one transaction with its outbox event. Cash is handed over at once: stored paid.
import type Database from 'better-sqlite3';
import { isFinal, paymentMoveRefusal } from '../core/payment/lifecycle';
import type { PaymentStatus, TenderKind } from '../core/types';
import { StoreError } from './errors';
import { appendEvent } from './outbox';
import { newPaymentReference, requirePayment } from './payments';
import { uuidv7 } from '../core/uuid7';

export interface RefundRecord {
  id: string;
  saleId: string;
  kind: TenderKind;
  /** The original payment its provider refunds; null for cash. */
  paymentId: string | null;
  /** Our reference for the refund (≤ 32 chars, unique), `RF…`. */
  reference: string;
  /** Null for cash. */
  provider: string | null;
  status: PaymentStatus;
  amount: number;
  currency: string;
  providerRef: string | null;
  /** Why the money goes back, in the staff's words. */
  reason: string;
  /** The staff member who authorised it. */
  authorisedBy: string;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewRefund {
  saleId: string;
  kind: TenderKind;
  /** Required for a code refund: the sale's tender payment it gives back. */
  paymentId?: string;
  /** Minor units, > 0; with the sale's other refunds, at most what the sale (and the tender) took. */
  amount: number;
  reason: string;
  authorisedBy: string;
}

export interface RefundUpdate {
  status?: PaymentStatus;
  providerRef?: string | null;
  failureReason?: string | null;
}

export const MAX_REFUND_REASON = 200;

interface RefundRow {
  id: string;
  sale_id: string;
  kind: TenderKind;
  payment_id: string | null;
  reference: string;
  provider: string | null;
  status: PaymentStatus;
  amount: number;
  currency: string;
  provider_ref: string | null;
  reason: string;
  authorised_by: string;
  failure_reason: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Records a refund of a sale, with event `refund.created`: a code refund `created` (the provider is
 * asked next), a cash refund `paid` (handed over now). Refused with `invalid_refund` naming what is
 * wrong: an amount beyond what the sale or its tender took, a payment that is not one of its tenders.
 */
export function createRefund(db: Database.Database, input: NewRefund, now: Date = new Date()): RefundRecord {
  const reason = input.reason.trim();
  if (reason.length < 1 || reason.length > MAX_REFUND_REASON)
    throw new StoreError('invalid_refund', `A refund's reason must be 1 to ${MAX_REFUND_REASON} characters`);
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw new StoreError('invalid_refund', `A refund must be whole minor units > 0, got ${input.amount}`);
  if (input.authorisedBy.trim() === '')
    throw new StoreError('invalid_refund', 'A refund names who authorised it');
  const cash = input.kind === 'cash';
  if (cash === (input.paymentId !== undefined))
    throw new StoreError(
      'invalid_refund',
      'A code refund names the payment it gives back; a cash refund none',
    );
  return db.transaction(() => {
    const sale = db.prepare('SELECT currency FROM sales WHERE id = ?').get(input.saleId) as
      { currency: string } | undefined;
    if (!sale) throw new StoreError('sale_not_found', `No sale ${input.saleId}`);
    const payment = input.paymentId ? requirePayment(db, input.paymentId) : null;
    const id = uuidv7();
    const at = now.toISOString();
    try {
      db.prepare(
        `INSERT INTO refunds (id, sale_id, kind, payment_id, reference, provider, status, amount, currency,
           reason, authorised_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        input.saleId,
        input.kind,
        payment?.id ?? null,
        newRefundReference(),
        payment?.provider ?? null,
        cash ? 'paid' : 'created',
        input.amount,
        sale.currency,
        reason,
        input.authorisedBy,
        at,
        at,
      );
    } catch (error) {
      throw new StoreError('invalid_refund', `Refund of sale ${input.saleId}: ${(error as Error).message}`);
    }
    const refund = requireRefund(db, id);
    appendEvent(db, 'refund.created', refund, now);
    return refund;
  })();
}

/**
 * Moves a refund along the payment lifecycle's moves (else `illegal_transition`), with event
 * `refund.status_changed`; field-only updates write no event, like a payment's.
 */
export function updateRefund(
  db: Database.Database,
  refundId: string,
  update: RefundUpdate,
  now: Date = new Date(),
): RefundRecord {
  return db.transaction(() => {
    const before = requireRefund(db, refundId);
    if (isFinal(before.status))
      throw new StoreError('illegal_transition', `Refund ${refundId} is ${before.status}, which is final`);
    const status = update.status ?? before.status;
    const refusal = paymentMoveRefusal(before.status, status);
    if (refusal) throw new StoreError('illegal_transition', `Refund ${refundId} ${refusal}`);
    db.prepare(
      'UPDATE refunds SET status = ?, provider_ref = ?, failure_reason = ?, updated_at = ? WHERE id = ?',
    ).run(
      status,
      update.providerRef === undefined ? before.providerRef : update.providerRef,
      update.failureReason === undefined ? before.failureReason : update.failureReason,
      now.toISOString(),
      refundId,
    );
    const refund = requireRefund(db, refundId);
    if (status !== before.status)
      appendEvent(db, 'refund.status_changed', { ...refund, previousStatus: before.status }, now);
    return refund;
  })();
}

export function getRefund(db: Database.Database, refundId: string): RefundRecord | null {
  const row = db.prepare('SELECT * FROM refunds WHERE id = ?').get(refundId) as RefundRow | undefined;
  return row ? toRefund(row) : null;
}

/** The refund, or `refund_not_found`. */
export function requireRefund(db: Database.Database, refundId: string): RefundRecord {
  const refund = getRefund(db, refundId);
  if (!refund) throw new StoreError('refund_not_found', `No refund ${refundId}`);
  return refund;
}

/** The refunds of a sale, oldest first. */
export function saleRefunds(db: Database.Database, saleId: string): RefundRecord[] {
  const rows = db
    .prepare('SELECT * FROM refunds WHERE sale_id = ? ORDER BY created_at, id')
    .all(saleId) as RefundRow[];
  return rows.map(toRefund);
}

/** Refunds a restarted terminal must follow to their end with the provider (created, pending, unknown). */
export function refundsToRecover(db: Database.Database): RefundRecord[] {
  const rows = db
    .prepare(
      "SELECT * FROM refunds WHERE status IN ('created', 'pending', 'unknown') ORDER BY created_at, id",
    )
    .all() as RefundRow[];
  return rows.map(toRefund);
}

/** A fresh unique refund reference of 32 characters, `RF` + 30 hex digits (a payment's is `OL…`). */
export function newRefundReference(): string {
  return `RF${newPaymentReference().slice(2)}`;
}

function toRefund(row: RefundRow): RefundRecord {
  return {
    id: row.id,
    saleId: row.sale_id,
    kind: row.kind,
    paymentId: row.payment_id,
    reference: row.reference,
    provider: row.provider,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    providerRef: row.provider_ref,
    reason: row.reason,
    authorisedBy: row.authorised_by,
    failureReason: row.failure_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
