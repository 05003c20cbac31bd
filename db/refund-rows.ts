// How a refund (db/refunds.ts) sits in its three tables: written in one go, read back whole.
import type Database from 'better-sqlite3';
import { newPaymentReference } from './payments';
import type { RefundDisposition, RefundReason } from '../core/sync';
import type { PaymentStatus, TenderKind, Unit } from '../core/types';

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

/** A fresh unique refund reference of 32 characters, `RF` + 30 hex digits (a payment's is `OL…`). */
export function newRefundReference(): string {
  return `RF${newPaymentReference().slice(2)}`;
}

/** `store-terminal-Rsequence`: a refund's own number, beside the receipts' `store-terminal-sequence`. */
export function refundNumber(storeId: string, terminalId: string, sequence: number): string {
  return `${storeId}-${terminalId}-R${String(sequence).padStart(6, '0')}`;
}

/** Inserts the refund, its lines and its tenders (cash paid, code `created`), inside the caller's transaction. */
export function insertRefund(
  db: Database.Database,
  input: NewRefund & { id: string; sequence: number; at: string },
): void {
  db.prepare(
    `INSERT INTO refunds (id, refund_number, sequence, store_id, terminal_id, sale_id, receipt_number, currency,
       total, tax_total, cash_rounding, staff_id, approved_by, shift_id, offline, training, sale_json, state,
       created_at)
     VALUES (@id, @refundNumber, @sequence, @storeId, @terminalId, @saleId, @receiptNumber, @currency, @total,
       @taxTotal, @cashRounding, @staffId, @approvedBy, @shiftId, @offline, @training, @saleJson, 'in_progress', @at)`,
  ).run({
    ...input,
    refundNumber: refundNumber(input.storeId, input.terminalId, input.sequence),
    offline: input.offline ? 1 : 0,
    training: input.training ? 1 : 0,
    saleJson: input.sale === null ? null : JSON.stringify(input.sale),
    lines: undefined,
    tenders: undefined,
    sale: undefined,
  });
  const line = db.prepare(
    `INSERT INTO refund_lines (refund_id, line, receipt_number, gtin, name, unit, tax_rate_bp, quantity, amount,
       tax, sold, paid, reason, disposition)
     VALUES (@id, @line, @receiptNumber, @gtin, @name, @unit, @taxRateBp, @quantity, @amount, @tax, @sold, @paid,
       @reason, @disposition)`,
  );
  for (const l of input.lines) line.run({ id: input.id, ...l });
  const tender = db.prepare(
    `INSERT INTO refund_tenders (refund_id, position, kind, sale_position, took, payment_id, payment_reference,
       payment_provider_ref, reference, provider, status, amount, currency, created_at, updated_at)
     VALUES (@id, @position, @kind, @salePosition, @took, @paymentId, @paymentReference, @paymentProviderRef,
       @reference, @provider, @status, @amount, @currency, @at, @at)`,
  );
  input.tenders.forEach((t, i) =>
    tender.run({
      id: input.id,
      position: i + 1,
      ...t,
      reference: newRefundReference(),
      status: t.kind === 'cash' ? 'paid' : 'created',
      currency: input.currency,
      at: input.at,
    }),
  );
}

export interface RefundRow {
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

export function toRefund(db: Database.Database, row: RefundRow): RefundRecord {
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
