// The basket of the terminal: at most one that is not closed, its lines copied from the catalog at
// scan time, every change written in one transaction with its outbox event. Only an open basket changes.
import type Database from 'better-sqlite3';
import type { VoidEntry } from '../core/journal';
import { basketMoveRefusal } from '../core/payment/lifecycle';
import type { BasketStatus } from '../core/types';
import { uuidv7 } from '../core/uuid7';
import type { BasketLineRecord, BasketRecord, ScannedItem } from './basket-records';
import { toBasket, toLine, type BasketRow, type LineRow } from './basket-rows';
import { journalVoid, linePriceChange, voidedPart } from './basket-voids';
import { StoreError } from './errors';
import { appendEvent } from './outbox';
import { requireSerialFree } from './serials';

export type { BasketStatus };
export type { BasketLineRecord, BasketRecord, ScannedItem } from './basket-records';

// Kept here too: services import StoreError from 'db/baskets'.
export { StoreError, type StoreErrorCode } from './errors';

/** Largest quantity a line may hold (pieces or grams); keeps totals far from unsafe integers. */
export const MAX_LINE_QUANTITY = 1_000_000;

/** The one basket that is not closed (open, paying or paid-but-not-dismissed), or null. */
export function currentBasket(db: Database.Database): BasketRecord | null {
  const row = db.prepare("SELECT * FROM baskets WHERE status <> 'closed'").get() as BasketRow | undefined;
  return row ? toBasket(row) : null;
}

export function getBasket(db: Database.Database, basketId: string): BasketRecord | null {
  const row = db.prepare('SELECT * FROM baskets WHERE id = ?').get(basketId) as BasketRow | undefined;
  return row ? toBasket(row) : null;
}

/** The current basket if there is one, else a new open basket (event `basket.opened`). */
export function openBasket(db: Database.Database, currency: string, now: Date = new Date()): BasketRecord {
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new StoreError('invalid_currency', `Currency must be an ISO 4217 code like EUR, got "${currency}"`);
  }
  return db.transaction(() => {
    const existing = currentBasket(db);
    if (existing) return existing;
    const id = uuidv7();
    const at = now.toISOString();
    db.prepare(
      "INSERT INTO baskets (id, status, currency, created_at, updated_at) VALUES (?, 'open', ?, ?, ?)",
    ).run(id, currency, at, at);
    appendEvent(db, 'basket.opened', { basketId: id, currency }, now);
    return requireBasket(db, id);
  })();
}

/** Live lines (not removed) in scan order. */
export function basketLines(db: Database.Database, basketId: string): BasketLineRecord[] {
  const rows = db
    .prepare('SELECT * FROM basket_lines WHERE basket_id = ? AND removed_at IS NULL ORDER BY position')
    .all(basketId) as LineRow[];
  return rows.map(toLine);
}

/** Every line ever scanned into the basket, removed ones included, in scan order (loss prevention). */
export function allBasketLines(db: Database.Database, basketId: string): BasketLineRecord[] {
  const rows = db
    .prepare('SELECT * FROM basket_lines WHERE basket_id = ? ORDER BY position')
    .all(basketId) as LineRow[];
  return rows.map(toLine);
}

/**
 * Adds `quantity` of an item. The same `each` item at the same price raises its live line; a
 * weighed `kg` item always gets its own line (quantity in grams). Event `basket.item_added`.
 */
export function addItem(
  db: Database.Database,
  basketId: string,
  item: ScannedItem,
  quantity: number,
  now: Date = new Date(),
): BasketLineRecord {
  validateItem(item);
  validateQuantity(quantity);
  if (item.serial && quantity !== 1)
    throw new StoreError('invalid_quantity', `A serialised item is one piece; got quantity ${quantity}`);
  return db.transaction(() => {
    requireOpenBasket(db, basketId);
    if (item.serial) requireSerialFree(db, item.gtin, item.serial);
    const at = now.toISOString();
    // Each serialised item is its own line: the serial is what the line sells.
    const same = item.unit === 'each' && !item.serial ? findSameEachLine(db, basketId, item) : undefined;
    let lineId: string;
    if (same) {
      validateQuantity(same.quantity + quantity);
      lineId = same.id;
      db.prepare('UPDATE basket_lines SET quantity = quantity + ?, updated_at = ? WHERE id = ?').run(
        quantity,
        at,
        lineId,
      );
    } else {
      lineId = insertLine(db, basketId, item, quantity, at);
    }
    touchBasket(db, basketId, at, lineId);
    const line = requireLine(db, basketId, lineId);
    appendEvent(db, 'basket.item_added', { ...lineEvent(line), quantityAdded: quantity }, now);
    return line;
  })();
}

/** Sets a live line's quantity (≥ 1). Event `basket.quantity_changed`. */
export function setQuantity(
  db: Database.Database,
  basketId: string,
  lineId: string,
  quantity: number,
  now: Date = new Date(),
): BasketLineRecord {
  validateQuantity(quantity);
  return db.transaction(() => {
    const basket = requireOpenBasket(db, basketId);
    const before = requireLine(db, basketId, lineId);
    if (before.serial && quantity !== 1)
      throw new StoreError(
        'invalid_quantity',
        `${before.name} is one serialised piece (serial ${before.serial}); scan each piece instead`,
      );
    const at = now.toISOString();
    db.prepare('UPDATE basket_lines SET quantity = ?, updated_at = ? WHERE id = ?').run(quantity, at, lineId);
    touchBasket(db, basketId, at, lineId);
    const line = requireLine(db, basketId, lineId);
    // Lowering a quantity takes goods off the basket as surely as removing the line: a void.
    if (quantity < before.quantity)
      journalVoid(
        db,
        'quantity_reduced',
        basket,
        [voidedPart(before, quantity, linePriceChange(db, lineId))],
        now,
      );
    appendEvent(
      db,
      'basket.quantity_changed',
      { ...lineEvent(line), previousQuantity: before.quantity },
      now,
    );
    return line;
  })();
}

/** Removes a live line: never deleted, marked removed_at (kept for loss prevention). Event `basket.line_removed`. */
export function removeLine(
  db: Database.Database,
  basketId: string,
  lineId: string,
  now: Date = new Date(),
): BasketLineRecord {
  return removeLines(db, basketId, [lineId], 'line_removed', now)[0]!;
}

/**
 * Removes live lines as ONE void of `reason` (an attendant refusing the age-restricted items takes
 * them all at once), each with its `basket.line_removed` event. Inside the caller's transaction, if any.
 */
export function removeLines(
  db: Database.Database,
  basketId: string,
  lineIds: readonly string[],
  reason: VoidEntry['reason'],
  now: Date = new Date(),
): BasketLineRecord[] {
  return db.transaction(() => {
    const basket = requireOpenBasket(db, basketId);
    const at = now.toISOString();
    const removed = lineIds.map((lineId) => {
      requireLine(db, basketId, lineId);
      db.prepare('UPDATE basket_lines SET removed_at = ?, updated_at = ? WHERE id = ?').run(at, at, lineId);
      return toLine(db.prepare('SELECT * FROM basket_lines WHERE id = ?').get(lineId) as LineRow);
    });
    const highlight =
      basket.lastChangedLineId && lineIds.includes(basket.lastChangedLineId)
        ? null
        : basket.lastChangedLineId;
    touchBasket(db, basketId, at, highlight);
    if (removed.length > 0)
      journalVoid(
        db,
        reason,
        basket,
        removed.map((line) => voidedPart(line, 0, linePriceChange(db, line.id))),
        now,
      );
    for (const line of removed) appendEvent(db, 'basket.line_removed', lineEvent(line), now);
    return removed;
  })();
}

/** Cancels an open basket: every live line removed, status closed. One event `basket.cancelled`. */
export function cancelBasket(db: Database.Database, basketId: string, now: Date = new Date()): BasketRecord {
  return db.transaction(() => {
    const basket = requireOpenBasket(db, basketId);
    const at = now.toISOString();
    const removed = basketLines(db, basketId);
    closeEmptied(db, basketId, at);
    // An empty basket given up voids nothing (an idle kiosk does it all day).
    if (removed.length > 0)
      journalVoid(
        db,
        'basket_cancelled',
        basket,
        removed.map((l) => voidedPart(l, 0, linePriceChange(db, l.id))),
        now,
      );
    appendEvent(db, 'basket.cancelled', { basketId, removedLines: removed.map(lineEvent) }, now);
    return requireBasket(db, basketId);
  })();
}

/** Every live line removed and the basket closed, inside the caller's transaction (cancel, a counter's void). */
export function closeEmptied(db: Database.Database, basketId: string, at: string): void {
  db.prepare(
    'UPDATE basket_lines SET removed_at = ?, updated_at = ? WHERE basket_id = ? AND removed_at IS NULL',
  ).run(at, at, basketId);
  db.prepare(
    "UPDATE baskets SET status = 'closed', updated_at = ?, last_changed_line_id = NULL WHERE id = ?",
  ).run(at, basketId);
}

/**
 * Moves the basket along open→paying, paying→open, paying→paid, paid→closed; anything else is
 * `illegal_transition`. Event `basket.status_changed`.
 */
export function setStatus(
  db: Database.Database,
  basketId: string,
  status: BasketStatus,
  now: Date = new Date(),
): BasketRecord {
  return db.transaction(() => {
    const before = requireBasket(db, basketId);
    const after = moveBasketStatus(db, basketId, status, now);
    appendEvent(db, 'basket.status_changed', { basketId, from: before.status, to: status }, now);
    return after;
  })();
}

/**
 * The status move of setStatus WITHOUT an event (the allowed moves are core's BASKET_MOVES), for payments and sales whose own event reports it.
 * Call it inside the caller's transaction.
 */
export function moveBasketStatus(
  db: Database.Database,
  basketId: string,
  status: BasketStatus,
  now: Date = new Date(),
): BasketRecord {
  const basket = requireBasket(db, basketId);
  const refusal = basketMoveRefusal(basket.status, status);
  if (refusal) throw new StoreError('illegal_transition', `Basket ${basketId} ${refusal}`);
  db.prepare('UPDATE baskets SET status = ?, updated_at = ? WHERE id = ?').run(
    status,
    now.toISOString(),
    basketId,
  );
  return requireBasket(db, basketId);
}

/** The basket, or `basket_not_found`. */
export function requireBasket(db: Database.Database, basketId: string): BasketRecord {
  const basket = getBasket(db, basketId);
  if (!basket) throw new StoreError('basket_not_found', `No basket ${basketId}`);
  return basket;
}

/** The basket if it is open, else `basket_not_found` or `basket_not_open`. */
export function requireOpenBasket(db: Database.Database, basketId: string): BasketRecord {
  const basket = requireBasket(db, basketId);
  if (basket.status !== 'open') {
    throw new StoreError(
      'basket_not_open',
      `Basket ${basketId} is ${basket.status}; only an open basket can change`,
    );
  }
  return basket;
}

function requireLine(db: Database.Database, basketId: string, lineId: string): BasketLineRecord {
  const row = db
    .prepare('SELECT * FROM basket_lines WHERE id = ? AND basket_id = ? AND removed_at IS NULL')
    .get(lineId, basketId) as LineRow | undefined;
  if (!row) throw new StoreError('line_not_found', `Basket ${basketId} has no line ${lineId}`);
  return toLine(row);
}

function findSameEachLine(db: Database.Database, basketId: string, item: ScannedItem): LineRow | undefined {
  // Same price and tax too: if the price changed mid-basket (catalog sync), the new price gets its own line.
  // A line the counter overrode or discounted keeps its own quantity: the next piece is at the shelf price.
  return db
    .prepare(
      `SELECT * FROM basket_lines WHERE basket_id = ? AND removed_at IS NULL AND unit = 'each'
         AND gtin = ? AND unit_price = ? AND tax_rate_bp = ? AND lot IS ? AND expiry IS ?
         AND serial IS NULL
         AND NOT EXISTS (SELECT 1 FROM basket_adjustments a WHERE a.line_id = basket_lines.id AND a.removed_at IS NULL)
         ORDER BY position DESC LIMIT 1`,
    )
    .get(basketId, item.gtin, item.unitPrice, item.taxRateBp, item.lot ?? null, item.expiry ?? null) as
    LineRow | undefined;
}

function insertLine(
  db: Database.Database,
  basketId: string,
  item: ScannedItem,
  quantity: number,
  at: string,
): string {
  const id = uuidv7();
  const { next } = db
    .prepare('SELECT coalesce(max(position), 0) + 1 AS next FROM basket_lines WHERE basket_id = ?')
    .get(basketId) as { next: number };
  db.prepare(
    `INSERT INTO basket_lines (id, basket_id, position, gtin, barcode, name, unit, unit_price, quantity,
       tax_rate_bp, age_limit, lot, serial, expiry, names, added_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    basketId,
    next,
    item.gtin,
    item.barcode,
    item.name,
    item.unit,
    item.unitPrice,
    quantity,
    item.taxRateBp,
    item.ageLimit,
    item.lot ?? null,
    item.serial ?? null,
    item.expiry ?? null,
    item.names && Object.keys(item.names).length > 0 ? JSON.stringify(item.names) : null,
    at,
    at,
  );
  return id;
}

function touchBasket(
  db: Database.Database,
  basketId: string,
  at: string,
  lastChangedLineId: string | null,
): void {
  db.prepare('UPDATE baskets SET updated_at = ?, last_changed_line_id = ? WHERE id = ?').run(
    at,
    lastChangedLineId,
    basketId,
  );
}

/**
 * Copies lines as they were (price, names, lot, serial, quantity) into an open basket, in their order,
 * inside the caller's transaction: a resumed or handed-over sale brings back exactly what was rung up.
 * No event: the caller's own event (`sale.resumed`, `handover.received`) reports the copy.
 */
export function copyLines(
  db: Database.Database,
  basketId: string,
  lines: readonly (ScannedItem & { quantity: number })[],
  now: Date = new Date(),
): BasketLineRecord[] {
  requireOpenBasket(db, basketId);
  const at = now.toISOString();
  const ids = lines.map((line) => {
    validateItem(line);
    validateQuantity(line.quantity);
    return insertLine(db, basketId, line, line.quantity, at);
  });
  if (ids.length > 0) touchBasket(db, basketId, at, ids[ids.length - 1]!);
  return ids.map((id) => requireLine(db, basketId, id));
}

function validateQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    throw new StoreError(
      'invalid_quantity',
      `Quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY} (pieces, or grams for kg), got ${quantity}`,
    );
  }
}

function validateItem(item: ScannedItem): void {
  const problem =
    (!/^\d{14}$/.test(item.gtin) && `gtin must be 14 digits, got "${item.gtin}"`) ||
    (item.barcode === '' && 'barcode is empty') ||
    (item.name.trim() === '' && 'name is empty') ||
    (item.unit !== 'each' && item.unit !== 'kg' && `unit must be each or kg, got "${String(item.unit)}"`) ||
    (!(Number.isSafeInteger(item.unitPrice) && item.unitPrice >= 0) &&
      `unitPrice must be a whole number of minor units ≥ 0, got ${item.unitPrice}`) ||
    (!(Number.isInteger(item.taxRateBp) && item.taxRateBp >= 0 && item.taxRateBp <= 10000) &&
      `taxRateBp must be a whole number from 0 to 10000, got ${item.taxRateBp}`) ||
    (item.ageLimit !== null &&
      !(Number.isInteger(item.ageLimit) && item.ageLimit >= 1 && item.ageLimit <= 99) &&
      `ageLimit must be null or a whole number from 1 to 99, got ${item.ageLimit}`);
  if (problem) throw new StoreError('invalid_item', `Item ${item.gtin}: ${problem}`);
}

function lineEvent(line: BasketLineRecord) {
  return {
    basketId: line.basketId,
    lineId: line.id,
    position: line.position,
    gtin: line.gtin,
    barcode: line.barcode,
    name: line.name,
    unit: line.unit,
    unitPrice: line.unitPrice,
    quantity: line.quantity,
    taxRateBp: line.taxRateBp,
    ageLimit: line.ageLimit,
    ...(line.lot ? { lot: line.lot } : {}),
    ...(line.serial ? { serial: line.serial } : {}),
    ...(line.expiry ? { expiry: line.expiry } : {}),
  };
}
