// Payments by payment code. A payment is stored BEFORE any network call, so a restarted kiosk finds
// the payment in flight and asks the provider instead of charging again. Every status change is
// one transaction with its outbox event, and moves the basket with it.
import type Database from 'better-sqlite3';
import type { JournalEntry } from '../core/journal';
import {
  basketAfterPayment,
  isFinal,
  isInFlight,
  paymentMoveRefusal,
  PAYMENT_MOVES,
} from '../core/payment/lifecycle';
import type { PaymentMethod, PaymentStatus } from '../core/types';
import { uuidv7 } from '../core/uuid7';
import { moveBasketStatus, requireBasket } from './baskets';
import { StoreError } from './errors';
import { appendJournal } from './journal';
import { appendEvent } from './outbox';

export type { PaymentMethod };
// The moves themselves are core's (core/payment/lifecycle.ts); kept here for the store's callers.
export { PAYMENT_MOVES, isInFlight };

export interface PaymentRecord {
  id: string;
  basketId: string;
  /** Our reference sent to the provider (≤ 32 chars, unique). */
  reference: string;
  provider: string;
  method: PaymentMethod;
  /** The wallet code charged, masked (`1345****7788`); never the code itself. Null when merchant-presented. */
  maskedCode: string | null;
  /** The wallet the charged code belonged to (its code pattern's id, `wechat`); null when merchant-presented. */
  wallet: string | null;
  status: PaymentStatus;
  amount: number;
  currency: string;
  qrPayload: string | null;
  providerRef: string | null;
  /** ISO 8601. */
  expiresAt: string;
  failureReason: string | null;
  /**
   * The attendant who marked it paid after seeing the shopper's phone, when the provider could not
   * confirm it (services/checkout/attendant-override.ts); null when the provider confirmed it.
   */
  confirmedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewPayment {
  basketId: string;
  provider: string;
  /** Minor units, > 0. */
  amount: number;
  currency: string;
  expiresAt: Date;
  /** Default `merchant_presented`. */
  method?: PaymentMethod;
  /** Required for `customer_presented`: the masked code, never the whole one. */
  maskedCode?: string;
  /** For `customer_presented`: the wallet the store's code patterns recognised. */
  wallet?: string;
  /**
   * A tender at the counter (db/basket-tenders.ts): the basket may already be `paying` (other tenders
   * stand) and stays so; the schema bounds the amount by what is still due.
   */
  tendering?: boolean;
}

export interface PaymentUpdate {
  status?: PaymentStatus;
  qrPayload?: string | null;
  providerRef?: string | null;
  failureReason?: string | null;
}

interface PaymentRow {
  id: string;
  basket_id: string;
  reference: string;
  provider: string;
  method: PaymentMethod;
  masked_code: string | null;
  wallet: string | null;
  status: PaymentStatus;
  amount: number;
  currency: string;
  qr_payload: string | null;
  provider_ref: string | null;
  expires_at: string;
  failure_reason: string | null;
  confirmed_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A fresh unique reference of 32 characters: `OL` + a UUIDv7's hex without its version and variant nibbles. */
export function newPaymentReference(): string {
  // Providers cap references at 32 characters; the two dropped nibbles are (almost all) constant bits.
  const hex = uuidv7().replace(/-/g, '');
  return `OL${hex.slice(0, 12)}${hex.slice(13, 16)}${hex.slice(17)}`;
}

/**
 * Records a payment (status `created`) before any network call, and moves the basket open→paying,
 * in one transaction with event `payment.created`. A customer-presented payment's provider ref is
 * its reference from the start: the provider finds a charge by it even when its answer was lost.
 */
export function createPayment(
  db: Database.Database,
  input: NewPayment,
  now: Date = new Date(),
): PaymentRecord {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
    throw new StoreError(
      'invalid_payment',
      `Payment amount must be a whole number of minor units > 0, got ${input.amount}`,
    );
  }
  if (input.provider.trim() === '') throw new StoreError('invalid_payment', 'Payment provider is empty');
  if (Number.isNaN(input.expiresAt.getTime()))
    throw new StoreError('invalid_payment', 'Payment expiresAt is not a valid time');
  const method = input.method ?? 'merchant_presented';
  const maskedCode = method === 'customer_presented' ? checkedMask(input.maskedCode) : null;
  const wallet = method === 'customer_presented' ? (input.wallet ?? null) : null;
  return db.transaction(() => {
    const basket = requireBasket(db, input.basketId);
    const alreadyPaying = input.tendering === true && basket.status === 'paying';
    if (basket.status !== 'open' && !alreadyPaying) {
      throw new StoreError(
        'basket_not_open',
        `Basket ${basket.id} is ${basket.status}; a payment starts from an open basket`,
      );
    }
    if (basket.currency !== input.currency) {
      throw new StoreError(
        'invalid_payment',
        `Payment currency ${input.currency} differs from basket ${basket.id} currency ${basket.currency}`,
      );
    }
    const id = uuidv7();
    const at = now.toISOString();
    const reference = newPaymentReference();
    db.prepare(
      `INSERT INTO payments (id, basket_id, reference, provider, method, masked_code, wallet, provider_ref,
         status, amount, currency, expires_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'created', ?, ?, ?, ?, ?)`,
    ).run(
      id,
      basket.id,
      reference,
      input.provider,
      method,
      maskedCode,
      wallet,
      method === 'customer_presented' ? reference : null,
      input.amount,
      input.currency,
      input.expiresAt.toISOString(),
      at,
      at,
    );
    if (!alreadyPaying) moveBasketStatus(db, basket.id, 'paying', now);
    const payment = requirePayment(db, id);
    appendEvent(db, 'payment.created', payment, now);
    return payment;
  })();
}

/**
 * Updates a payment. A status change must be allowed by PAYMENT_MOVES (else `illegal_transition`)
 * and writes event `payment.status_changed`; declined/cancelled send the basket back to open.
 * Field-only updates (QR payload, provider ref) write no event: the next status event carries them.
 */
export function updatePayment(
  db: Database.Database,
  paymentId: string,
  update: PaymentUpdate,
  now: Date = new Date(),
): PaymentRecord {
  return db.transaction(() => {
    const before = requirePayment(db, paymentId);
    const status = update.status ?? before.status;
    const changesStatus = status !== before.status;
    if (isFinal(before.status)) {
      throw new StoreError('illegal_transition', `Payment ${paymentId} is ${before.status}, which is final`);
    }
    const refusal = paymentMoveRefusal(before.status, status);
    if (refusal) throw new StoreError('illegal_transition', `Payment ${paymentId} ${refusal}`);
    const at = now.toISOString();
    db.prepare(
      `UPDATE payments SET status = ?, qr_payload = ?, provider_ref = ?, failure_reason = ?, updated_at = ? WHERE id = ?`,
    ).run(
      status,
      pick(update, 'qrPayload', before.qrPayload),
      pick(update, 'providerRef', before.providerRef),
      pick(update, 'failureReason', before.failureReason),
      at,
      paymentId,
    );
    if (changesStatus && status !== 'paid') {
      // Ended unpaid: the shopper may try again or change the basket. (Paid moves it with its sale.)
      const basket = requireBasket(db, before.basketId);
      const next = basketAfterPayment(basket.status, status);
      // At the counter a failed tender leaves the others standing: the basket stays paying for them.
      if (next !== basket.status && !(next === 'open' && tendersStand(db, basket.id)))
        moveBasketStatus(db, basket.id, next, now);
    }
    const payment = requirePayment(db, paymentId);
    // A final status is money that moved or did not: journalled here, so no caller can skip it.
    if (changesStatus && isFinal(status)) appendJournal(db, paymentJournalEntry(payment, before.status), now);
    if (changesStatus)
      appendEvent(db, 'payment.status_changed', { ...payment, previousStatus: before.status }, now);
    return payment;
  })();
}

/**
 * Records that an attendant vouches for a payment in flight (pending or unknown), inside the caller's
 * transaction that then completes its sale; the schema lets this happen once, never on a final payment.
 * No event of its own: the sale's `payment.status_changed` and `sale.completed` carry the record.
 */
export function markConfirmedBy(
  db: Database.Database,
  paymentId: string,
  attendantId: string,
): PaymentRecord {
  if (!db.inTransaction)
    throw new Error('markConfirmedBy must run inside the transaction that completes the sale');
  const before = requirePayment(db, paymentId);
  if (before.status !== 'pending' && before.status !== 'unknown') {
    throw new StoreError(
      'illegal_transition',
      `Payment ${paymentId} is ${before.status}; only a pending or unknown payment can be marked paid`,
    );
  }
  db.prepare('UPDATE payments SET confirmed_by = ? WHERE id = ?').run(attendantId, paymentId);
  return requirePayment(db, paymentId);
}

export function getPayment(db: Database.Database, paymentId: string): PaymentRecord | null {
  const row = db.prepare('SELECT * FROM payments WHERE id = ?').get(paymentId) as PaymentRow | undefined;
  return row ? toPayment(row) : null;
}

/** The basket's payment in flight (created, pending or unknown), or null. */
export function activePayment(db: Database.Database, basketId: string): PaymentRecord | null {
  const row = db
    .prepare("SELECT * FROM payments WHERE basket_id = ? AND status IN ('created', 'pending', 'unknown')")
    .get(basketId) as PaymentRow | undefined;
  return row ? toPayment(row) : null;
}

/** Payments a restarted terminal must settle with the provider (created, pending, unknown), oldest first. */
export function paymentsToRecover(db: Database.Database): PaymentRecord[] {
  const rows = db
    .prepare(
      "SELECT * FROM payments WHERE status IN ('created', 'pending', 'unknown') ORDER BY created_at, id",
    )
    .all() as PaymentRow[];
  return rows.map(toPayment);
}

/** The payment, or `payment_not_found`. */
export function requirePayment(db: Database.Database, paymentId: string): PaymentRecord {
  const payment = getPayment(db, paymentId);
  if (!payment) throw new StoreError('payment_not_found', `No payment ${paymentId}`);
  return payment;
}

/**
 * The journal entry of a payment that reached a final status; `receiptNumber` when it paid a sale in
 * the same transaction. Throws if the payment is not final.
 */
export function paymentJournalEntry(
  payment: PaymentRecord,
  previousStatus: PaymentStatus,
  receiptNumber: string | null = null,
): JournalEntry {
  const { status } = payment;
  if (status !== 'paid' && status !== 'declined' && status !== 'cancelled')
    throw new Error(`Payment ${payment.id} is ${status}; only a final payment is journalled`);
  return {
    kind: 'payment',
    data: {
      paymentId: payment.id,
      basketId: payment.basketId,
      reference: payment.reference,
      provider: payment.provider,
      method: payment.method,
      status,
      previousStatus,
      amount: payment.amount,
      currency: payment.currency,
      maskedCode: payment.maskedCode,
      providerRef: payment.providerRef,
      failureReason: payment.failureReason,
      receiptNumber,
    },
  };
}

/** True when the basket is tendered at the counter and a tender of it still stands (migration 0018). */
function tendersStand(db: Database.Database, basketId: string): boolean {
  return (
    db
      .prepare(
        "SELECT 1 FROM basket_tenders WHERE basket_id = ? AND state IN ('pending', 'taken', 'reversing') LIMIT 1",
      )
      .get(basketId) !== undefined
  );
}

/** A wallet code is a bearer secret: what is stored must be a mask, never the code. */
function checkedMask(masked: string | undefined): string {
  if (!masked || !masked.includes('*') || /\d{9}/.test(masked) || masked.length > 32) {
    throw new StoreError(
      'invalid_payment',
      'A customer-presented payment needs the masked payment code (e.g. 1345****7788), never the code itself',
    );
  }
  return masked;
}

/** An update's field when given (null clears it), else the current value. */
function pick(
  update: PaymentUpdate,
  key: 'qrPayload' | 'providerRef' | 'failureReason',
  current: string | null,
) {
  const value = update[key];
  return value === undefined ? current : value;
}

function toPayment(row: PaymentRow): PaymentRecord {
  return {
    id: row.id,
    basketId: row.basket_id,
    reference: row.reference,
    provider: row.provider,
    method: row.method,
    maskedCode: row.masked_code,
    wallet: row.wallet,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    qrPayload: row.qr_payload,
    providerRef: row.provider_ref,
    expiresAt: row.expires_at,
    failureReason: row.failure_reason,
    confirmedBy: row.confirmed_by ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
