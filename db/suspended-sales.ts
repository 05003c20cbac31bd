// Sales put aside at the counter (migration 0020): the basket is closed exactly as it was, lines kept
// live, and a row here says it waits; resuming copies its lines into a new open basket. Nothing is
// voided by suspending or resuming; voiding a waiting one is a journalled void like any other.
import type Database from 'better-sqlite3';
import type { TaxMode } from '../core/types';
import { uuidv7 } from '../core/uuid7';
import { basketTenders, STANDING } from './basket-tenders';
import { basketLines, copyLines, requireBasket, requireOpenBasket } from './baskets';
import { emptySale } from './counter-sale';
import type { BasketRecord } from './basket-records';
import { journalVoid } from './basket-voids';
import { carryMember } from './members';
import { carryAdjustments, pricedBasket } from './basket-adjustments';
import { StoreError } from './errors';
import { appendEvent } from './outbox';
import { activePayment } from './payments';
import { voidedSale } from './sale-voids';

export interface SuspendedSale {
  id: string;
  basketId: string;
  label: string;
  staffId: string | null;
  suspendedAt: string;
  currency: string;
  /**
   * Live lines and pieces (a weighed line counts once), and their total in minor units as the basket
   * showed it: with the counter's overrides and discounts, in the store's tax mode.
   */
  lines: number;
  items: number;
  total: number;
}

interface SuspendedRow {
  id: string;
  basket_id: string;
  label: string;
  staff_id: string | null;
  suspended_at: string;
}

/** A label is what the cashier reads in the list: 1–40 characters after trimming. */
export const MAX_LABEL = 40;

/**
 * Puts the open basket aside: closed as it is, a waiting row naming who and when; its total priced in
 * `taxMode` (the store's, as the basket was). Refused as
 * `basket_not_open` (nothing open), `payment_in_progress` (it is paying, a payment or a counter tender
 * stands or is in flight) or `empty_basket`.
 */
export function suspendBasket(
  db: Database.Database,
  basketId: string,
  options: { label?: string; staffId: string | null; taxMode: TaxMode },
  now: Date = new Date(),
): SuspendedSale {
  return db.transaction(() => {
    const basket = requireBasket(db, basketId);
    // A basket with money moving (a payment, a tender in flight) is never put aside half paid.
    if (basket.status === 'paying' || activePayment(db, basketId))
      throw new StoreError('payment_in_progress', 'A payment is in progress; finish or cancel it first');
    // A counter tender that stands (taken, in flight, being refunded) is money on this sale: suspending
    // would hide it. The tender screen keeps the basket paying while one stands; this holds regardless.
    const standing = basketTenders(db, basketId).filter((tender) => STANDING.includes(tender.state));
    if (standing.length > 0)
      throw new StoreError(
        'payment_in_progress',
        `${standing.length} tender(s) stand on this sale; finish it or take them back first`,
      );
    requireOpenBasket(db, basketId);
    const lines = basketLines(db, basketId);
    if (lines.length === 0) throw new StoreError('empty_basket', 'There is nothing in the sale to suspend');
    const label = labelOf(options.label, now);
    const at = now.toISOString();
    const id = uuidv7();
    db.prepare(
      "UPDATE baskets SET status = 'closed', updated_at = ?, last_changed_line_id = NULL WHERE id = ?",
    ).run(at, basketId);
    db.prepare(
      'INSERT INTO suspended_sales (id, basket_id, label, staff_id, suspended_at) VALUES (?, ?, ?, ?, ?)',
    ).run(id, basketId, label, options.staffId, at);
    const sale = toSale(db, requireWaiting(db, id), options.taxMode);
    appendEvent(
      db,
      'sale.suspended',
      { suspendedId: id, basketId, label, staffId: options.staffId, lines: sale.lines, total: sale.total },
      now,
    );
    return sale;
  })();
}

/** The sales waiting to be resumed or voided, oldest first, priced in the store's `taxMode`. */
export function suspendedSales(db: Database.Database, taxMode: TaxMode): SuspendedSale[] {
  return waitingRows(db).map((row) => toSale(db, row, taxMode));
}

/** The labels of the sales waiting, oldest first (what keeps a shift from closing). */
export function suspendedLabels(db: Database.Database): string[] {
  return waitingRows(db).map((row) => row.label);
}

/**
 * Brings a waiting sale back as the current open basket: its lines (and member) copied exactly. The
 * counter must hold no other sale: an empty open basket is used, anything else is `sale_in_progress`.
 */
export function resumeSuspended(
  db: Database.Database,
  suspendedId: string,
  options: { staffId: string | null; currency: string },
  now: Date = new Date(),
): BasketRecord {
  return db.transaction(() => {
    const sale = requireWaiting(db, suspendedId);
    const basket = emptySale(db, options.currency, now);
    const old = requireBasket(db, sale.basket_id);
    const oldLines = basketLines(db, sale.basket_id);
    const copies = copyLines(db, basket.id, oldLines, now);
    // Its price overrides and discounts come back with it: the sale is priced as it was put aside.
    const lineIds = new Map(oldLines.map((line, i) => [line.id, copies[i]!.id]));
    carryAdjustments(db, sale.basket_id, basket.id, lineIds);
    carryMember(db, basket.id, old.member);
    const at = now.toISOString();
    db.prepare(
      'UPDATE suspended_sales SET resumed_at = ?, resumed_by = ?, resumed_basket_id = ? WHERE id = ?',
    ).run(at, options.staffId, basket.id, suspendedId);
    appendEvent(
      db,
      'sale.resumed',
      { suspendedId, fromBasketId: sale.basket_id, basketId: basket.id, staffId: options.staffId },
      now,
    );
    return requireBasket(db, basket.id);
  })();
}

/**
 * Voids a waiting sale (it will not be resumed): journalled as a void of its lines at their price after
 * the counter's overrides and discounts, with the reason.
 */
export function voidSuspended(
  db: Database.Database,
  suspendedId: string,
  options: { staffId: string | null; reason: string },
  now: Date = new Date(),
): void {
  const reason = options.reason.trim();
  if (reason.length < 1 || reason.length > 200)
    throw new StoreError('invalid_reason', 'Give a reason of 1 to 200 characters for voiding the sale');
  db.transaction(() => {
    const sale = requireWaiting(db, suspendedId);
    const basket = requireBasket(db, sale.basket_id);
    db.prepare('UPDATE suspended_sales SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?').run(
      now.toISOString(),
      options.staffId,
      reason,
      suspendedId,
    );
    // At what it was being sold for, as F8 journals an open sale voided.
    journalVoid(db, 'suspended_voided', basket, voidedSale(db, sale.basket_id), now);
    appendEvent(db, 'sale.suspended_voided', { suspendedId, basketId: sale.basket_id, reason }, now);
  })();
}

function waitingRows(db: Database.Database): SuspendedRow[] {
  return db
    .prepare(
      `SELECT id, basket_id, label, staff_id, suspended_at FROM suspended_sales
       WHERE resumed_at IS NULL AND voided_at IS NULL ORDER BY suspended_at, id`,
    )
    .all() as SuspendedRow[];
}

function requireWaiting(db: Database.Database, suspendedId: string): SuspendedRow {
  const row = db
    .prepare(
      `SELECT id, basket_id, label, staff_id, suspended_at, resumed_at, voided_at FROM suspended_sales
       WHERE id = ?`,
    )
    .get(suspendedId) as (SuspendedRow & { resumed_at: string | null; voided_at: string | null }) | undefined;
  if (!row) throw new StoreError('suspended_not_found', `No suspended sale ${suspendedId}`);
  if (row.resumed_at || row.voided_at)
    throw new StoreError(
      'suspended_not_waiting',
      `That sale was already ${row.resumed_at ? 'resumed' : 'voided'}; refresh the list`,
    );
  return row;
}

function toSale(db: Database.Database, row: SuspendedRow, taxMode: TaxMode): SuspendedSale {
  const basket = requireBasket(db, row.basket_id);
  const { lines, priced } = pricedBasket(db, row.basket_id, taxMode);
  return {
    id: row.id,
    basketId: row.basket_id,
    label: row.label,
    staffId: row.staff_id,
    suspendedAt: row.suspended_at,
    currency: basket.currency,
    lines: lines.length,
    items: lines.reduce((n, line) => n + (line.unit === 'kg' ? 1 : line.quantity), 0),
    total: priced.totals.total,
  };
}

/** The cashier's label, or the time it was put aside (HH:MM, the terminal's clock) when none is given. */
function labelOf(label: string | undefined, now: Date): string {
  const given = label?.trim() ?? '';
  if (given.length > MAX_LABEL)
    throw new StoreError('invalid_label', `A label is at most ${MAX_LABEL} characters`);
  if (given !== '') return given;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(now.getHours())}:${pad(now.getMinutes())}`;
}
