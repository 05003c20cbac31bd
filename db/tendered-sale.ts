// A counter sale, written once its tenders cover the total: in ONE transaction the gap-free receipt
// number, the sale (naming the cashier, the shift and the cash rounding), its tenders, the basket
// turning paid, the journal's `sale` entry and the `sale.completed` event. Never updated afterwards.
import type Database from 'better-sqlite3';
import { checkTenders, type Tender } from '../core/payment/tenders';
import { formatReceiptNumber, markTrainingReceipt, type Receipt } from '../core/receipt';
import type { CounterSalePayload } from '../core/sync';
import { uuidv7 } from '../core/uuid7';
import { basketTenders, tenderingOf, type BasketTender } from './basket-tenders';
import { basketLines, moveBasketStatus, requireBasket } from './baskets';
import { StoreError } from './errors';
import { appendJournal } from './journal';
import { appendEvent } from './outbox';
import {
  isTrainingStore,
  nextSequence,
  saleEntryOf,
  saleForBasket,
  soldLines,
  type MadeReceipt,
  type SaleRecord,
} from './sales';
import { recordTenders } from './tenders';

/** The tenders a sale is written with, and what they add up to. */
export interface SettledTenders {
  tenders: Tender[];
  cashRounding: number;
  change: number;
}

export interface CompleteTenderedSaleInput {
  basketId: string;
  storeId: string;
  terminalId: string;
  /** The staff member signed in at the counter. */
  staffId: string;
  /** The terminal's open shift, or null outside one. */
  shiftId: string | null;
  soldAt: Date;
  /** Builds the receipt once the number is known; throwing rolls the whole sale back. */
  makeReceipt: (receiptNumber: string, settled: SettledTenders) => MadeReceipt;
}

/**
 * The taken tenders of a basket as a sale records them, or why they do not complete it yet
 * (`tenders_not_settled`: one in flight or being reversed, or not covering the total).
 */
export function settledTenders(db: Database.Database, basketId: string): SettledTenders {
  const tendering = tenderingOf(db, basketId);
  if (!tendering) throw new StoreError('tenders_not_settled', `Basket ${basketId} has no tenders`);
  const all = basketTenders(db, basketId);
  const unsettled = all.find((t) => t.state === 'pending' || t.state === 'reversing');
  if (unsettled)
    throw new StoreError(
      'tenders_not_settled',
      `Tender ${unsettled.position} of basket ${basketId} is still ${unsettled.state}`,
    );
  const taken = all.filter((t) => t.state === 'taken');
  const cashRounding = taken.reduce((sum, t) => sum + t.rounding, 0);
  const tenders = taken.map(saleTender);
  const checked = checkTenders(tendering.total, tenders, cashRounding);
  if (!checked.ok) throw new StoreError('tenders_not_settled', checked.error.message);
  return { tenders, cashRounding, change: checked.value.change };
}

/**
 * Records the sale of a paying basket whose taken tenders cover its total. Idempotent: a basket that
 * has its sale already returns it and changes nothing (makeReceipt is not called).
 */
export function completeTenderedSale(db: Database.Database, input: CompleteTenderedSaleInput): SaleRecord {
  return db.transaction(() => {
    const existing = saleForBasket(db, input.basketId);
    if (existing) return existing;
    const basket = requireBasket(db, input.basketId);
    if (basket.status !== 'paying')
      throw new StoreError(
        'illegal_transition',
        `Basket ${basket.id} is ${basket.status}; only a paying basket can be sold`,
      );
    const settled = settledTenders(db, basket.id);
    const total = tenderingOf(db, basket.id)!.total;
    const sequence = nextSequence(db, input.storeId, input.terminalId);
    const receiptNumber = formatReceiptNumber(input.storeId, input.terminalId, sequence);
    const training = isTrainingStore(db);
    const made = input.makeReceipt(receiptNumber, settled);
    if (
      made.total !== total ||
      !Number.isSafeInteger(made.taxTotal) ||
      made.taxTotal < 0 ||
      made.taxTotal > total
    )
      throw new StoreError(
        'amount_mismatch',
        `Receipt ${receiptNumber} totals ${made.total} (tax ${made.taxTotal}) but the tenders were for ${total}`,
      );
    const json = training ? markTrainingReceipt(made.json as Receipt) : made.json;
    const at = input.soldAt.toISOString();
    const id = uuidv7();
    db.prepare(
      `INSERT INTO sales (id, basket_id, payment_id, receipt_number, sequence, store_id, terminal_id, currency,
         total, tax_total, sold_at, receipt_json, staff_id, shift_id, cash_rounding)
       VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      basket.id,
      receiptNumber,
      sequence,
      input.storeId,
      input.terminalId,
      basket.currency,
      total,
      made.taxTotal,
      at,
      JSON.stringify(json),
      input.staffId,
      input.shiftId,
      settled.cashRounding,
    );
    recordTenders(db, id, settled.tenders);
    moveBasketStatus(db, basket.id, 'paid', input.soldAt);
    const sale = saleForBasket(db, basket.id)!;
    const lines = basketLines(db, basket.id);
    appendJournal(
      db,
      {
        kind: 'sale',
        data: {
          ...saleEntryOf(
            sale,
            settled.tenders.flatMap((t) => (t.paymentId ? [t.paymentId] : [])),
            lines.length,
          ),
          tenders: settled.tenders,
          cashRounding: settled.cashRounding,
          staffId: input.staffId,
        },
      },
      input.soldAt,
      { storeId: sale.storeId, terminalId: sale.terminalId },
    );
    const { receiptJson, ...fields } = sale;
    const payload: CounterSalePayload = {
      ...fields,
      receipt: JSON.parse(receiptJson) as CounterSalePayload['receipt'],
      paymentId: null,
      ...(training ? { training: true } : {}),
      lines: soldLines(lines, json),
      tenders: settled.tenders,
      cashRounding: settled.cashRounding,
      change: settled.change,
      staffId: input.staffId,
      shiftId: input.shiftId,
    };
    appendEvent(db, 'sale.completed', payload, input.soldAt);
    return sale;
  })();
}

/** A taken basket tender as the sale keeps it. */
function saleTender(tender: BasketTender): Tender {
  return {
    kind: tender.kind,
    amount: tender.amount,
    ...(tender.tendered !== undefined ? { tendered: tender.tendered } : {}),
    ...(tender.paymentId !== undefined ? { paymentId: tender.paymentId } : {}),
  };
}
