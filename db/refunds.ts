// Refunds (migrations 0012, 0022): money back to the shopper for lines of a sale — this terminal's sale,
// another terminal's that HQ sent, or none (a return without a receipt). A refund is written whole, in
// ONE transaction, before any provider is asked: its gap-free number, its lines and its tenders, each
// tender `created` with its own reference (`RF…`); a cash tender is handed over at once and stored paid.
// Each code tender then moves through the payment lifecycle (core/payment/lifecycle.ts) as its provider
// answers; when every tender is final the refund is completed, in one transaction with its journal entry
// and its `refund.completed` outbox event (core/sync/refunds.ts RefundPayload).
import type Database from 'better-sqlite3';
import { isFinal, paymentMoveRefusal } from '../core/payment/lifecycle';
import type { RefundDisposition, RefundReason } from '../core/sync';
import type { PaymentStatus, TenderKind, Unit } from '../core/types';
import { uuidv7 } from '../core/uuid7';
import { StoreError } from './errors';
import { newPaymentReference } from './payments';

export interface RefundLineRecord {
  line: number;
  /** The sale's receipt number; null for a return without a receipt. */
  receiptNumber: string | null;
  gtin: string | null;
  name: string;
  unit: Unit;
  taxRateBp: number;
  quantity: number;
  amount: number;
  tax: number;
  /** The sale line's quantity and what the shopper paid for it, as known when refunding; null without a receipt. */
  sold: number | null;
  paid: number | null;
  reason: RefundReason;
  disposition: RefundDisposition;
}

export interface RefundTenderRecord {
  refundId: string;
  /** In the refund's fixed order: code tenders first, cash last. */
  position: number;
  kind: TenderKind;
  /** The sale's tender given back, and what it took; null for a return without a receipt. */
  salePosition: number | null;
  took: number | null;
  paymentId: string | null;
  paymentReference: string | null;
  paymentProviderRef: string | null;
  /** Our refund reference at the provider (`RF…`). */
  reference: string;
  provider: string | null;
  status: PaymentStatus;
  amount: number;
  currency: string;
  providerRef: string | null;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RefundRecord {
  id: string;
  refundNumber: string;
  sequence: number;
  storeId: string;
  terminalId: string;
  saleId: string | null;
  receiptNumber: string | null;
  currency: string;
  total: number;
  taxTotal: number;
  cashRounding: number;
  staffId: string;
  approvedBy: string | null;
  shiftId: string | null;
  offline: boolean;
  training: boolean;
  /** The sale as known when refunding (this terminal's receipt, or HQ's view), or null. */
  sale: unknown;
  state: 'in_progress' | 'done';
  createdAt: string;
  completedAt: string | null;
  lines: RefundLineRecord[];
  tenders: RefundTenderRecord[];
}

export type NewRefundLine = RefundLineRecord;

export type NewRefundTender = Pick<
  RefundTenderRecord,
  | 'kind'
  | 'salePosition'
  | 'took'
  | 'paymentId'
  | 'paymentReference'
  | 'paymentProviderRef'
  | 'provider'
  | 'amount'
>;

export type NewRefund = Pick<
  RefundRecord,
  | 'storeId'
  | 'terminalId'
  | 'saleId'
  | 'receiptNumber'
  | 'currency'
  | 'total'
  | 'taxTotal'
  | 'cashRounding'
  | 'staffId'
  | 'approvedBy'
  | 'shiftId'
  | 'offline'
  | 'training'
  | 'sale'
> & { id?: string; lines: NewRefundLine[]; tenders: NewRefundTender[] };

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
      db.prepare(
        `INSERT INTO refunds (id, refund_number, sequence, store_id, terminal_id, sale_id, receipt_number, currency,
           total, tax_total, cash_rounding, staff_id, approved_by, shift_id, offline, training, sale_json, state,
           created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'in_progress', ?)`,
      ).run(
        id,
        refundNumber(input.storeId, input.terminalId, sequence),
        sequence,
        input.storeId,
        input.terminalId,
        input.saleId,
        input.receiptNumber,
        input.currency,
        input.total,
        input.taxTotal,
        input.cashRounding,
        input.staffId,
        input.approvedBy,
        input.shiftId,
        input.offline ? 1 : 0,
        input.training ? 1 : 0,
        input.sale === null ? null : JSON.stringify(input.sale),
        at,
      );
      const line = db.prepare(
        `INSERT INTO refund_lines (refund_id, line, receipt_number, gtin, name, unit, tax_rate_bp, quantity,
           amount, tax, sold, paid, reason, disposition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const l of input.lines)
        line.run(
          id,
          l.line,
          l.receiptNumber,
          l.gtin,
          l.name,
          l.unit,
          l.taxRateBp,
          l.quantity,
          l.amount,
          l.tax,
          l.sold,
          l.paid,
          l.reason,
          l.disposition,
        );
      const tender = db.prepare(
        `INSERT INTO refund_tenders (refund_id, position, kind, sale_position, took, payment_id, payment_reference,
           payment_provider_ref, reference, provider, status, amount, currency, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      input.tenders.forEach((t, i) =>
        tender.run(
          id,
          i + 1,
          t.kind,
          t.salePosition,
          t.took,
          t.paymentId,
          t.paymentReference,
          t.paymentProviderRef,
          newRefundReference(),
          t.provider,
          t.kind === 'cash' ? 'paid' : 'created',
          t.amount,
          input.currency,
          at,
          at,
        ),
      );
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

/** A fresh unique refund reference of 32 characters, `RF` + 30 hex digits (a payment's is `OL…`). */
export function newRefundReference(): string {
  return `RF${newPaymentReference().slice(2)}`;
}

/** `store-terminal-Rsequence`: a refund's own number, beside the receipts' `store-terminal-sequence`. */
export function refundNumber(storeId: string, terminalId: string, sequence: number): string {
  return `${storeId}-${terminalId}-R${String(sequence).padStart(6, '0')}`;
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

interface RefundRow {
  id: string;
  refund_number: string;
  sequence: number;
  store_id: string;
  terminal_id: string;
  sale_id: string | null;
  receipt_number: string | null;
  currency: string;
  total: number;
  tax_total: number;
  cash_rounding: number;
  staff_id: string;
  approved_by: string | null;
  shift_id: string | null;
  offline: number;
  training: number;
  sale_json: string | null;
  state: 'in_progress' | 'done';
  created_at: string;
  completed_at: string | null;
}

function toRefund(db: Database.Database, row: RefundRow): RefundRecord {
  const lines = db
    .prepare(
      `SELECT line, receipt_number AS receiptNumber, gtin, name, unit, tax_rate_bp AS taxRateBp, quantity, amount,
         tax, sold, paid, reason, disposition FROM refund_lines WHERE refund_id = ? ORDER BY line`,
    )
    .all(row.id) as RefundLineRecord[];
  const tenders = db
    .prepare(
      `SELECT refund_id AS refundId, position, kind, sale_position AS salePosition, took, payment_id AS paymentId,
         payment_reference AS paymentReference, payment_provider_ref AS paymentProviderRef, reference, provider,
         status, amount, currency, provider_ref AS providerRef, failure_reason AS failureReason,
         created_at AS createdAt, updated_at AS updatedAt
       FROM refund_tenders WHERE refund_id = ? ORDER BY position`,
    )
    .all(row.id) as RefundTenderRecord[];
  return {
    id: row.id,
    refundNumber: row.refund_number,
    sequence: row.sequence,
    storeId: row.store_id,
    terminalId: row.terminal_id,
    saleId: row.sale_id,
    receiptNumber: row.receipt_number,
    currency: row.currency,
    total: row.total,
    taxTotal: row.tax_total,
    cashRounding: row.cash_rounding,
    staffId: row.staff_id,
    approvedBy: row.approved_by,
    shiftId: row.shift_id,
    offline: row.offline === 1,
    training: row.training === 1,
    sale: row.sale_json === null ? null : (JSON.parse(row.sale_json) as unknown),
    state: row.state,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    lines,
    tenders,
  };
}
