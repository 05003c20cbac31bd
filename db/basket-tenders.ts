// The tenders of a sale in progress at the counter (migration 0018): each stored the moment it is
// taken — cash at once, a code tender with its payment before any call to the provider — so a
// restarted terminal finds the same tenders. The basket is `paying` while any tender stands.
import type Database from 'better-sqlite3';
import type { Tender } from '../core/payment/tenders';
import type { TenderKind } from '../core/types';
import { moveBasketStatus, requireBasket } from './baskets';
import { StoreError } from './errors';
import { appendJournal } from './journal';
import { createPayment, requirePayment, type NewPayment, type PaymentRecord } from './payments';

export type TenderState = 'pending' | 'taken' | 'failed' | 'reversing' | 'reversed';

export interface BasketTender extends Tender {
  basketId: string;
  position: number;
  /** Cash that settled the rest: its cash rounding (signed); 0 otherwise. */
  rounding: number;
  state: TenderState;
  staffId: string;
  /** A paid code tender taken back: our refund reference, and the provider's refund id once known. */
  refundReference: string | null;
  refundRef: string | null;
  failureReason: string | null;
  reversedBy: string | null;
  takenAt: string;
  updatedAt: string;
}

/** What is tendered: the basket's total, fixed while a tender stands. */
export interface Tendering {
  basketId: string;
  total: number;
  currency: string;
}

interface TenderRow {
  basket_id: string;
  position: number;
  kind: TenderKind;
  amount: number;
  tendered: number | null;
  rounding: number;
  payment_id: string | null;
  state: TenderState;
  staff_id: string;
  refund_reference: string | null;
  refund_ref: string | null;
  failure_reason: string | null;
  reversed_by: string | null;
  taken_at: string;
  updated_at: string;
}

/** The states in which a tender counts towards the sale (or may still). */
export const STANDING: readonly TenderState[] = ['pending', 'taken', 'reversing'];

export interface NewCashTender extends Tendering {
  /** What the cash pays towards the total (after rounding when it settles the rest). */
  amount: number;
  /** What the shopper handed over (≥ amount). */
  tendered: number;
  rounding: number;
  staffId: string;
}

/** Records cash taken, in one transaction: the basket starts (or goes on) paying. */
export function takeCashTender(db: Database.Database, input: NewCashTender, now = new Date()): BasketTender {
  return db.transaction(() => {
    beginTendering(db, input, now);
    const position = nextPosition(db, input.basketId);
    const at = now.toISOString();
    db.prepare(
      `INSERT INTO basket_tenders (basket_id, position, kind, amount, tendered, rounding, state, staff_id,
         taken_at, updated_at) VALUES (?, ?, 'cash', ?, ?, ?, 'taken', ?, ?, ?)`,
    ).run(input.basketId, position, input.amount, input.tendered, input.rounding, input.staffId, at, at);
    return requireTender(db, input.basketId, position);
  })();
}

export interface NewCodeTender extends Tendering {
  staffId: string;
  payment: Omit<NewPayment, 'basketId' | 'currency' | 'tendering'>;
}

/**
 * Stores a code tender with its payment (status `created`) before any call to the provider, in one
 * transaction; the schema refuses a payment beyond what is still due, or a second one in flight.
 */
export function takeCodeTender(
  db: Database.Database,
  input: NewCodeTender,
  now = new Date(),
): { tender: BasketTender; payment: PaymentRecord } {
  return db.transaction(() => {
    beginTendering(db, input, now);
    let payment: PaymentRecord;
    try {
      payment = createPayment(
        db,
        { ...input.payment, basketId: input.basketId, currency: input.currency, tendering: true },
        now,
      );
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError('invalid_payment', (error as Error).message);
    }
    const position = nextPosition(db, input.basketId);
    const at = now.toISOString();
    const kind: TenderKind = payment.method === 'customer_presented' ? 'wallet_code' : 'merchant_qr';
    db.prepare(
      `INSERT INTO basket_tenders (basket_id, position, kind, amount, payment_id, state, staff_id, taken_at,
         updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
    ).run(input.basketId, position, kind, payment.amount, payment.id, input.staffId, at, at);
    return { tender: requireTender(db, input.basketId, position), payment };
  })();
}

/** Cash taken back before the sale completes: reversed at once (the cashier hands it back). */
export function reverseCashTender(
  db: Database.Database,
  basketId: string,
  position: number,
  staffId: string,
  now = new Date(),
): BasketTender {
  return db.transaction(() => {
    const tender = requireTender(db, basketId, position);
    if (tender.kind !== 'cash' || tender.state !== 'taken')
      throw new StoreError('tender_not_reversible', `Tender ${position} is not cash that stands`);
    setState(db, tender, 'reversed', { reversed_by: staffId }, now);
    reopenIfNothingStands(db, basketId, now);
    return requireTender(db, basketId, position);
  })();
}

/** A paid code tender taken back: the reversal is stored (`reversing`, with its reference) before any call. */
export function startCodeReversal(
  db: Database.Database,
  basketId: string,
  position: number,
  refundReference: string,
  staffId: string,
  now = new Date(),
): BasketTender {
  return db.transaction(() => {
    const tender = requireTender(db, basketId, position);
    if (tender.kind === 'cash' || tender.state !== 'taken')
      throw new StoreError('tender_not_reversible', `Tender ${position} is not a paid code tender`);
    setState(
      db,
      tender,
      'reversing',
      { reversed_by: staffId, refund_reference: refundReference, failure_reason: null },
      now,
    );
    return requireTender(db, basketId, position);
  })();
}

/** The provider's word on a reversal: refunded (reversed), or refused (the tender stands again). */
export function finishCodeReversal(
  db: Database.Database,
  basketId: string,
  position: number,
  outcome: { refunded: true; refundRef: string | null } | { refunded: false; reason: string },
  now = new Date(),
): BasketTender {
  return db.transaction(() => {
    const tender = requireTender(db, basketId, position);
    if (tender.state !== 'reversing')
      throw new StoreError('tender_not_reversible', `Tender ${position} is not being reversed`);
    if (outcome.refunded) {
      setState(db, tender, 'reversed', { refund_ref: outcome.refundRef }, now);
      // Money went back through the provider: journalled in the same transaction.
      const payment = requirePayment(db, tender.paymentId!);
      appendJournal(
        db,
        {
          kind: 'refund',
          data: {
            action: 'tender_refunded',
            basketId,
            position,
            kind: tender.kind as 'merchant_qr' | 'wallet_code',
            paymentId: payment.id,
            amount: tender.amount,
            currency: payment.currency,
            refundReference: tender.refundReference!,
            refundRef: outcome.refundRef,
            staffId: tender.reversedBy!,
          },
        },
        now,
      );
      reopenIfNothingStands(db, basketId, now);
    } else {
      setState(db, tender, 'taken', { failure_reason: outcome.reason }, now);
    }
    return requireTender(db, basketId, position);
  })();
}

/** The basket's tenders in the order taken, every state (none for a basket never tendered). */
export function basketTenders(db: Database.Database, basketId: string): BasketTender[] {
  const rows = db
    .prepare('SELECT * FROM basket_tenders WHERE basket_id = ? ORDER BY position')
    .all(basketId) as TenderRow[];
  return rows.map(toTender);
}

/** What is being tendered for the basket, or null when it never was. */
export function tenderingOf(db: Database.Database, basketId: string): Tendering | null {
  const row = db
    .prepare('SELECT basket_id, total, currency FROM basket_tendering WHERE basket_id = ?')
    .get(basketId) as { basket_id: string; total: number; currency: string } | undefined;
  return row ? { basketId: row.basket_id, total: row.total, currency: row.currency } : null;
}

/** The tender a payment pays, or null when the payment is not a counter tender (a kiosk's). */
export function tenderOfPayment(db: Database.Database, paymentId: string): BasketTender | null {
  const row = db.prepare('SELECT * FROM basket_tenders WHERE payment_id = ?').get(paymentId) as
    TenderRow | undefined;
  return row ? toTender(row) : null;
}

/** Reversals a restart must finish with the provider (stored, answer not yet written). */
export function reversalsToFinish(db: Database.Database): BasketTender[] {
  const rows = db
    .prepare("SELECT * FROM basket_tenders WHERE state = 'reversing' ORDER BY updated_at")
    .all() as TenderRow[];
  return rows.map(toTender);
}

export function requireTender(db: Database.Database, basketId: string, position: number): BasketTender {
  const row = db
    .prepare('SELECT * FROM basket_tenders WHERE basket_id = ? AND position = ?')
    .get(basketId, position) as TenderRow | undefined;
  if (!row) throw new StoreError('tender_not_found', `Basket ${basketId} has no tender ${position}`);
  return toTender(row);
}

/**
 * The first tender of a basket fixes what is tendered (its total now) and moves it open → paying, so
 * its lines are frozen; later tenders find the same total. A kiosk's payment in flight is not a tender.
 */
function beginTendering(db: Database.Database, input: Tendering, now: Date): void {
  const basket = requireBasket(db, input.basketId);
  if (basket.currency !== input.currency)
    throw new StoreError(
      'invalid_payment',
      `Basket ${basket.id} is in ${basket.currency}, not ${input.currency}`,
    );
  if (!Number.isSafeInteger(input.total) || input.total <= 0)
    throw new StoreError(
      'invalid_tenders',
      `The total to tender must be whole minor units > 0, got ${input.total}`,
    );
  const standing = standingCount(db, basket.id);
  if (standing === 0 && basket.status !== 'open')
    throw new StoreError(
      'basket_not_open',
      `Basket ${basket.id} is ${basket.status}; tendering starts from an open basket`,
    );
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO basket_tendering (basket_id, total, currency, started_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (basket_id) DO UPDATE SET total = excluded.total, currency = excluded.currency,
       updated_at = excluded.updated_at WHERE total <> excluded.total`,
  ).run(basket.id, input.total, input.currency, at, at);
  if (basket.status === 'open' && standing === 0) moveBasketStatus(db, basket.id, 'paying', now);
}

/** Nothing stands and nothing is in flight: the basket opens again (the cashier may change it). */
function reopenIfNothingStands(db: Database.Database, basketId: string, now: Date): void {
  const basket = requireBasket(db, basketId);
  const inFlight = db
    .prepare("SELECT 1 FROM payments WHERE basket_id = ? AND status IN ('created', 'pending', 'unknown')")
    .get(basketId);
  if (basket.status === 'paying' && standingCount(db, basketId) === 0 && !inFlight)
    moveBasketStatus(db, basketId, 'open', now);
}

function standingCount(db: Database.Database, basketId: string): number {
  return (
    db
      .prepare(
        "SELECT count(*) AS n FROM basket_tenders WHERE basket_id = ? AND state IN ('pending', 'taken', 'reversing')",
      )
      .get(basketId) as { n: number }
  ).n;
}

function nextPosition(db: Database.Database, basketId: string): number {
  const row = db
    .prepare('SELECT coalesce(max(position), 0) + 1 AS next FROM basket_tenders WHERE basket_id = ?')
    .get(basketId) as { next: number };
  return row.next;
}

function setState(
  db: Database.Database,
  tender: BasketTender,
  state: TenderState,
  fields: Partial<Pick<TenderRow, 'reversed_by' | 'refund_reference' | 'refund_ref' | 'failure_reason'>>,
  now: Date,
): void {
  const sets = Object.keys(fields).map((key) => `${key} = @${key}`);
  db.prepare(
    `UPDATE basket_tenders SET state = @state, updated_at = @at${sets.map((s) => `, ${s}`).join('')}
     WHERE basket_id = @basketId AND position = @position`,
  ).run({ ...fields, state, at: now.toISOString(), basketId: tender.basketId, position: tender.position });
}

function toTender(row: TenderRow): BasketTender {
  return {
    basketId: row.basket_id,
    position: row.position,
    kind: row.kind,
    amount: row.amount,
    ...(row.tendered !== null ? { tendered: row.tendered } : {}),
    ...(row.payment_id !== null ? { paymentId: row.payment_id } : {}),
    rounding: row.rounding,
    state: row.state,
    staffId: row.staff_id,
    refundReference: row.refund_reference,
    refundRef: row.refund_ref,
    failureReason: row.failure_reason,
    reversedBy: row.reversed_by,
    takenAt: row.taken_at,
    updatedAt: row.updated_at,
  };
}
