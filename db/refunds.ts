// Refunds (migrations 0012, 0022): money back to the shopper for lines of a sale — this terminal's sale,
// another terminal's that HQ sent, or none (a return without a receipt). A refund is written whole, in
// ONE transaction, before any provider is asked: its gap-free number, its lines and its tenders, each
// tender `created` with its own reference (`RF…`); a cash tender is handed over at once and stored paid.
// Each code tender then moves through the payment lifecycle (core/payment/lifecycle.ts) as its provider
// answers; when every tender is final the refund is completed, in one transaction with its journal entry
// and its `refund.completed` outbox event (core/sync/refunds.ts RefundPayload).
import type Database from 'better-sqlite3';
import { isFinal, paymentMoveRefusal } from '../core/payment/lifecycle';
import type { PaymentStatus } from '../core/types';
import { uuidv7 } from '../core/uuid7';
import { StoreError } from './errors';
import {
  insertRefund,
  toRefund,
  type NewRefund,
  type RefundRecord,
  type RefundRow,
  type RefundTenderRecord,
} from './refund-rows';

export type {
  NewRefund,
  NewRefundLine,
  NewRefundTender,
  RefundLineRecord,
  RefundRecord,
  RefundTenderRecord,
} from './refund-rows';

export interface RefundTenderUpdate {
  status?: PaymentStatus;
  providerRef?: string | null;
  failureReason?: string | null;
}

/**
 * Writes a refund whole, before any provider is asked: numbered, its lines, its tenders (cash paid,
 * code `created`). `invalid_refund` naming what is wrong — lines or tenders that do not add up, or that
 * the database refuses because they take back more than was sold (migration 0022's triggers).
 */
export function createRefund(db: Database.Database, input: NewRefund, now: Date = new Date()): RefundRecord {
  const problem = refundProblem(input);
  if (problem) throw new StoreError('invalid_refund', problem);
  return db.transaction(() => {
    const id = input.id ?? uuidv7();
    const at = now.toISOString();
    const sequence = nextRefundSequence(db, input.storeId, input.terminalId);
    try {
      insertRefund(db, { ...input, id, sequence, at });
    } catch (error) {
      if (error instanceof StoreError) throw error;
      const message = (error as Error).message;
      const what = `Refund of ${input.receiptNumber ?? 'no receipt'}: ${message}`;
      // The database's own "never more back than sold" (migration 0022) has the last word.
      throw new StoreError(/more than its/.test(message) ? 'refund_exceeds_sale' : 'invalid_refund', what);
    }
    return requireRefund(db, id);
  })();
}

/** Moves one tender of a refund along the payment lifecycle's moves, else `illegal_transition`. */
export function updateRefundTender(
  db: Database.Database,
  refundId: string,
  position: number,
  update: RefundTenderUpdate,
  now: Date = new Date(),
): RefundTenderRecord {
  return db.transaction(() => {
    const before = requireRefund(db, refundId).tenders.find((t) => t.position === position);
    if (!before) throw new StoreError('refund_not_found', `Refund ${refundId} has no tender ${position}`);
    if (isFinal(before.status))
      throw new StoreError(
        'illegal_transition',
        `Refund ${refundId} tender ${position} is ${before.status}, which is final`,
      );
    const status = update.status ?? before.status;
    const refusal = paymentMoveRefusal(before.status, status);
    if (refusal)
      throw new StoreError('illegal_transition', `Refund ${refundId} tender ${position} ${refusal}`);
    db.prepare(
      `UPDATE refund_tenders SET status = ?, provider_ref = ?, failure_reason = ?, updated_at = ?
       WHERE refund_id = ? AND position = ?`,
    ).run(
      status,
      update.providerRef === undefined ? before.providerRef : update.providerRef,
      update.failureReason === undefined ? before.failureReason : update.failureReason,
      now.toISOString(),
      refundId,
      position,
    );
    return requireRefund(db, refundId).tenders.find((t) => t.position === position)!;
  })();
}

/** Marks a refund done (every tender final), inside the caller's transaction. */
export function markRefundDone(db: Database.Database, refundId: string, now: Date): RefundRecord {
  const refund = requireRefund(db, refundId);
  if (refund.tenders.some((t) => !isFinal(t.status)))
    throw new StoreError('refund_in_progress', `Refund ${refund.refundNumber} still waits for a provider`);
  db.prepare("UPDATE refunds SET state = 'done', completed_at = ? WHERE id = ?").run(
    now.toISOString(),
    refundId,
  );
  return requireRefund(db, refundId);
}

export function getRefund(db: Database.Database, refundId: string): RefundRecord | null {
  const row = db.prepare('SELECT * FROM refunds WHERE id = ?').get(refundId) as RefundRow | undefined;
  return row ? toRefund(db, row) : null;
}

/** The refund, or `refund_not_found`. */
export function requireRefund(db: Database.Database, refundId: string): RefundRecord {
  const refund = getRefund(db, refundId);
  if (!refund) throw new StoreError('refund_not_found', `No refund ${refundId}`);
  return refund;
}

/** Refunds a restarted terminal must follow to their end: not done yet. */
export function refundsToRecover(db: Database.Database): RefundRecord[] {
  const rows = db
    .prepare("SELECT * FROM refunds WHERE state = 'in_progress' ORDER BY created_at, id")
    .all() as RefundRow[];
  return rows.map((row) => toRefund(db, row));
}

function nextRefundSequence(db: Database.Database, storeId: string, terminalId: string): number {
  const row = db
    .prepare(
      `INSERT INTO refund_sequences (store_id, terminal_id, last_sequence) VALUES (?, ?, 1)
       ON CONFLICT (store_id, terminal_id) DO UPDATE SET last_sequence = last_sequence + 1
       RETURNING last_sequence`,
    )
    .get(storeId, terminalId) as { last_sequence: number };
  return row.last_sequence;
}

/** What is wrong with a refund before the database sees it: its figures must add up. */
function refundProblem(input: NewRefund): string | null {
  if (input.lines.length === 0) return 'A refund gives back at least one line';
  if (input.staffId.trim() === '') return 'A refund names the staff member who made it';
  const total = input.lines.reduce((sum, l) => sum + l.amount, 0);
  const tax = input.lines.reduce((sum, l) => sum + l.tax, 0);
  if (total !== input.total || tax !== input.taxTotal)
    return `The lines give back ${total} (tax ${tax}), but the refund says ${input.total} (tax ${input.taxTotal})`;
  const paid = input.tenders.reduce((sum, t) => sum + t.amount, 0);
  if (paid !== input.total + input.cashRounding)
    return `The tenders pay back ${paid}, but the refund is ${input.total} with ${input.cashRounding} cash rounding`;
  if (input.cashRounding !== 0 && !input.tenders.some((t) => t.kind === 'cash') && paid !== 0)
    return 'Only cash is rounded, and this refund pays back no cash';
  return null;
}
