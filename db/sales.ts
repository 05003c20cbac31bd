// Sales: written once, in ONE transaction with the payment turning paid, its tender, the next gap-free
// receipt number, the basket turning paid and the `sale.completed` event. Never updated afterwards.
import type Database from 'better-sqlite3';
import { tenderKindOf } from '../core/payment/tenders';
import { formatReceiptNumber, markTrainingReceipt, type Receipt } from '../core/receipt';
import type { SaleEntry } from '../core/journal';
import type { SalePayload, SoldLine } from '../core/sync';
import type { PaymentStatus } from '../core/types';
import { uuidv7 } from '../core/uuid7';
import { basketLines, moveBasketStatus, requireBasket, type BasketLineRecord } from './baskets';
import { StoreError } from './errors';
import { appendJournal } from './journal';
import { appendEvent } from './outbox';
import { paymentJournalEntry, requirePayment } from './payments';
import { recordTenders } from './tenders';

export interface SaleRecord {
  id: string;
  basketId: string;
  /** The code payment of a sale paid by one (every sale the screens write); null when no code paid it. */
  paymentId: string | null;
  /** `${storeId}-${terminalId}-${sequence padded to 6}`. */
  receiptNumber: string;
  sequence: number;
  storeId: string;
  terminalId: string;
  currency: string;
  total: number;
  taxTotal: number;
  /** Terminal's clock, ISO 8601. */
  soldAt: string;
  /** The receipt exactly as stored (JSON text). */
  receiptJson: string;
}

export interface MadeReceipt {
  /** Minor units; must equal the payment's amount. */
  total: number;
  taxTotal: number;
  /** The whole receipt, stored as JSON and carried by the `sale.completed` event. */
  json: unknown;
}

export interface CompleteSaleInput {
  basketId: string;
  paymentId: string;
  storeId: string;
  terminalId: string;
  soldAt: Date;
  /** Builds the receipt once the number is known; throwing rolls the whole sale back. */
  makeReceipt: (receiptNumber: string) => MadeReceipt;
}

/** Connections whose terminal is in training mode (its payments are simulated). */
const trainingConnections = new WeakSet<Database.Database>();

/**
 * Says whether the sales written on this connection are training sales: the terminal decides once at
 * start, from its payment provider (services/terminal.ts). Each sale carries the mark it was made with
 * — in its receipt and its event — so a store that later goes live never turns old sales real.
 */
export function setTrainingMode(db: Database.Database, training: boolean): void {
  if (training) trainingConnections.add(db);
  else trainingConnections.delete(db);
}

/** Whether this connection writes training sales (setTrainingMode). */
export function isTrainingStore(db: Database.Database): boolean {
  return trainingConnections.has(db);
}

export /** Whether this connection's terminal is in training mode (its payments are simulated). */
function isTrainingMode(db: Database.Database): boolean {
  return trainingConnections.has(db);
}

interface SaleRow {
  id: string;
  basket_id: string;
  payment_id: string | null;
  receipt_number: string;
  sequence: number;
  store_id: string;
  terminal_id: string;
  currency: string;
  total: number;
  tax_total: number;
  sold_at: string;
  receipt_json: string;
}

/**
 * Records the sale of a paying basket whose payment the provider confirmed, with that payment as its
 * one tender. Idempotent: if the basket already has a sale, returns it and changes nothing (makeReceipt
 * is not called).
 */
export function completeSale(db: Database.Database, input: CompleteSaleInput): SaleRecord {
  return db.transaction(() => {
    const existing = saleForBasket(db, input.basketId);
    if (existing) return existing;
    const payment = requirePayment(db, input.paymentId);
    if (payment.basketId !== input.basketId) {
      throw new StoreError(
        'payment_mismatch',
        `Payment ${payment.id} belongs to basket ${payment.basketId}, not ${input.basketId}`,
      );
    }
    const basket = requireBasket(db, input.basketId);
    if (basket.status !== 'paying') {
      throw new StoreError(
        'illegal_transition',
        `Basket ${basket.id} is ${basket.status}; only a paying basket can be sold`,
      );
    }
    if (payment.status !== 'pending' && payment.status !== 'unknown' && payment.status !== 'paid') {
      throw new StoreError(
        'illegal_transition',
        `Payment ${payment.id} is ${payment.status}; it cannot become paid`,
      );
    }
    const sequence = nextSequence(db, input.storeId, input.terminalId);
    const receiptNumber = formatReceiptNumber(input.storeId, input.terminalId, sequence);
    const training = trainingConnections.has(db);
    const made = input.makeReceipt(receiptNumber);
    checkReceipt(made, payment.amount, receiptNumber);
    const receipt = training ? { ...made, json: markTrainingReceipt(made.json as Receipt) } : made;
    const at = input.soldAt.toISOString();
    const id = uuidv7();
    const receiptJson = JSON.stringify(receipt.json);
    db.prepare("UPDATE payments SET status = 'paid', updated_at = ? WHERE id = ? AND status <> 'paid'").run(
      at,
      payment.id,
    );
    db.prepare(
      `INSERT INTO sales (id, basket_id, payment_id, receipt_number, sequence, store_id, terminal_id, currency,
         total, tax_total, sold_at, receipt_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      basket.id,
      payment.id,
      receiptNumber,
      sequence,
      input.storeId,
      input.terminalId,
      payment.currency,
      receipt.total,
      receipt.taxTotal,
      at,
      receiptJson,
    );
    const tender = { kind: tenderKindOf(payment.method), amount: payment.amount, paymentId: payment.id };
    recordTenders(db, id, [tender]);
    moveBasketStatus(db, basket.id, 'paid', input.soldAt);
    const sale = saleForBasket(db, basket.id)!;
    const lines = basketLines(db, basket.id);
    journalSale(db, sale, payment.id, payment.status, lines.length, input.soldAt);
    const payload: SalePayload = {
      ...saleFields(sale),
      paymentId: payment.id,
      // HQ keeps a training sale out of every total and its lines out of the stock.
      ...(training ? { training: true } : {}),
      // What HQ's stock ledger and traceability need per line: the product, how many (grams for kg).
      lines: soldLines(lines, receipt.json),
      payment: {
        id: payment.id,
        reference: payment.reference,
        provider: payment.provider,
        providerRef: payment.providerRef,
        amount: payment.amount,
      },
      tenders: [tender],
    };
    appendEvent(db, 'sale.completed', payload, input.soldAt);
    return sale;
  })();
}

/**
 * A sale's lines as its `sale.completed` event carries them (what HQ's stock and traceability need),
 * each with what the shopper paid for it as its receipt line says (the receipt's lines are the basket's,
 * in order), so HQ can tell a refund what a line may give back.
 */
export function soldLines(lines: readonly BasketLineRecord[], receipt?: unknown): SoldLine[] {
  const receiptLines = (receipt as { lines?: { paid?: unknown }[] } | undefined)?.lines ?? [];
  return lines.map((line, i) => {
    const paid = receiptLines[i]?.paid;
    return {
      gtin: line.gtin,
      quantity: line.quantity,
      unit: line.unit,
      unitPrice: line.unitPrice,
      ...(line.lot ? { lot: line.lot } : {}),
      ...(line.serial ? { serial: line.serial } : {}),
      ...(typeof paid === 'number' ? { paid } : {}),
    };
  });
}

/** The sale of a basket, or null. */

export function saleForBasket(db: Database.Database, basketId: string): SaleRecord | null {
  const row = db.prepare('SELECT * FROM sales WHERE basket_id = ?').get(basketId) as SaleRow | undefined;
  return row ? toSale(row) : null;
}

export function saleByReceiptNumber(db: Database.Database, receiptNumber: string): SaleRecord | null {
  const row = db.prepare('SELECT * FROM sales WHERE receipt_number = ?').get(receiptNumber) as
    SaleRow | undefined;
  return row ? toSale(row) : null;
}

/** The sale this terminal recorded last (what `openlane receipt reprint` prints without a number). */
export function lastSale(db: Database.Database): SaleRecord | null {
  const row = db.prepare('SELECT * FROM sales ORDER BY rowid DESC LIMIT 1').get() as SaleRow | undefined;
  return row ? toSale(row) : null;
}

/**
 * Puts a finished sale away once the shopper has seen the receipt: basket paid → closed, event
 * `basket.status_changed`. `sale_not_found` if the basket has no sale.
 */
export function closeSale(db: Database.Database, basketId: string, now: Date = new Date()): SaleRecord {
  return db.transaction(() => {
    const sale = saleForBasket(db, basketId);
    if (!sale) throw new StoreError('sale_not_found', `Basket ${basketId} has no sale to close`);
    const before = requireBasket(db, basketId);
    moveBasketStatus(db, basketId, 'closed', now);
    appendEvent(db, 'basket.status_changed', { basketId, from: before.status, to: 'closed' }, now);
    return sale;
  })();
}

/**
 * The journal entries of a sale, in its transaction: the payment turning paid (unless it already was,
 * and was journalled then), then the sale. The sale names its own terminal, whatever is bound.
 */
function journalSale(
  db: Database.Database,
  sale: SaleRecord,
  paymentId: string,
  paymentStatusBefore: PaymentStatus,
  lineCount: number,
  at: Date,
): void {
  const terminal = { storeId: sale.storeId, terminalId: sale.terminalId };
  if (paymentStatusBefore !== 'paid') {
    const paid = requirePayment(db, paymentId);
    appendJournal(db, paymentJournalEntry(paid, paymentStatusBefore, sale.receiptNumber), at, terminal);
  }
  appendJournal(db, { kind: 'sale', data: saleEntryOf(sale, [paymentId], lineCount) }, at, terminal);
}

/** The journal's `sale` entry of a sale written: what its receipt says and which payments paid it. */
export function saleEntryOf(sale: SaleRecord, paymentIds: string[], lineCount: number): SaleEntry {
  return {
    saleId: sale.id,
    basketId: sale.basketId,
    receiptNumber: sale.receiptNumber,
    currency: sale.currency,
    total: sale.total,
    taxTotal: sale.taxTotal,
    soldAt: sale.soldAt,
    paymentIds,
    lineCount,
  };
}

/** The next receipt sequence of a terminal, taken inside the caller's transaction (rolled back with it). */
export function nextSequence(db: Database.Database, storeId: string, terminalId: string): number {
  const row = db
    .prepare(
      `INSERT INTO terminal_sequences (store_id, terminal_id, last_sequence) VALUES (?, ?, 1)
       ON CONFLICT (store_id, terminal_id) DO UPDATE SET last_sequence = last_sequence + 1
       RETURNING last_sequence`,
    )
    .get(storeId, terminalId) as { last_sequence: number };
  return row.last_sequence;
}

function checkReceipt(receipt: MadeReceipt, amountPaid: number, receiptNumber: string): void {
  const { total, taxTotal } = receipt;
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(taxTotal) || taxTotal < 0 || taxTotal > total) {
    throw new StoreError(
      'amount_mismatch',
      `Receipt ${receiptNumber} has total ${total} and tax ${taxTotal}; both must be whole minor units, 0 ≤ tax ≤ total`,
    );
  }
  if (total !== amountPaid) {
    throw new StoreError(
      'amount_mismatch',
      `Receipt ${receiptNumber} totals ${total} but the payment was for ${amountPaid}`,
    );
  }
  if (JSON.stringify(receipt.json) === undefined) {
    throw new StoreError('amount_mismatch', `Receipt ${receiptNumber} has no JSON content`);
  }
}

function saleFields(sale: SaleRecord) {
  const { receiptJson, ...rest } = sale;
  return { ...rest, receipt: JSON.parse(receiptJson) as SalePayload['receipt'] };
}

export function toSale(row: SaleRow): SaleRecord {
  return {
    id: row.id,
    basketId: row.basket_id,
    paymentId: row.payment_id,
    receiptNumber: row.receipt_number,
    sequence: row.sequence,
    storeId: row.store_id,
    terminalId: row.terminal_id,
    currency: row.currency,
    total: row.total,
    taxTotal: row.tax_total,
    soldAt: row.sold_at,
    receiptJson: row.receipt_json,
  };
}
