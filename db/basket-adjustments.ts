// The counter's price overrides and discounts on a basket (migration 0019): each written in one
// transaction with its journal entry (kind `override`) and its outbox event, only on an open basket.
// A line's override or discount, or the sale discount, replaces the live one of its kind: the old row
// is marked removed, never deleted. Adjustments of a removed line no longer count.
import type Database from 'better-sqlite3';
import type { OverrideEntry } from '../core/journal';
import {
  priceBasket,
  type AdjustableLine,
  type Discount,
  type PricedBasket,
} from '../core/pricing/adjustments';
import type { TaxMode } from '../core/types';
import { uuidv7 } from '../core/uuid7';
import type { BasketLineRecord } from './basket-records';
import { basketLines, requireOpenBasket } from './baskets';
import { appendJournal } from './journal';
import { appendEvent } from './outbox';

export type AdjustmentKind = 'price_override' | 'line_discount' | 'sale_discount';

/** One live adjustment, as the screen and the journal name it. */
export interface AdjustmentRecord {
  id: string;
  basketId: string;
  lineId: string | null;
  kind: AdjustmentKind;
  /** price_override only. */
  unitPrice: number | null;
  /** line_discount, sale_discount only. */
  discount: Discount | null;
  reason: string;
  staffId: string;
  approverId: string | null;
  createdAt: string;
}

/** A live line with its live override and discount, ready for core/pricing's priceBasket. */
export type AdjustedLineRecord = BasketLineRecord &
  AdjustableLine & { override: AdjustmentRecord | null; lineDiscount: AdjustmentRecord | null };

export interface AdjustedBasket {
  lines: AdjustedLineRecord[];
  sale: AdjustmentRecord | null;
}

/** What to write: the adjustment, and the journal entry that records it (built by the caller, who priced it). */
export interface NewAdjustment {
  lineId: string | null;
  kind: AdjustmentKind;
  unitPrice?: number;
  discount?: Discount;
  reason: string;
  staffId: string;
  approverId: string | null;
}

interface AdjustmentRow {
  id: string;
  basket_id: string;
  line_id: string | null;
  kind: AdjustmentKind;
  unit_price: number | null;
  discount_kind: Discount['kind'] | null;
  discount_value: number | null;
  reason: string;
  staff_id: string;
  approver_id: string | null;
  created_at: string;
}

/** The live adjustments of a basket whose line (if any) is still live. */
export function liveAdjustments(db: Database.Database, basketId: string): AdjustmentRecord[] {
  const rows = db
    .prepare(
      `SELECT a.* FROM basket_adjustments a LEFT JOIN basket_lines l ON l.id = a.line_id
        WHERE a.basket_id = ? AND a.removed_at IS NULL AND (a.line_id IS NULL OR l.removed_at IS NULL)
        ORDER BY a.created_at, a.id`,
    )
    .all(basketId) as AdjustmentRow[];
  return rows.map(toAdjustment);
}

/** The basket's live lines with their adjustments, and its sale discount. */
export function adjustedBasket(db: Database.Database, basketId: string): AdjustedBasket {
  const live = liveAdjustments(db, basketId);
  const find = (lineId: string, kind: AdjustmentKind) =>
    live.find((a) => a.lineId === lineId && a.kind === kind) ?? null;
  const lines = basketLines(db, basketId).map((line) => {
    const override = find(line.id, 'price_override');
    const lineDiscount = find(line.id, 'line_discount');
    return {
      ...line,
      priceOverride: override?.unitPrice ?? null,
      discount: lineDiscount?.discount ?? null,
      override,
      lineDiscount,
    };
  });
  return { lines, sale: live.find((a) => a.kind === 'sale_discount') ?? null };
}

/**
 * The basket as the screen, the receipt and the sale price it: its live lines with their adjustments,
 * priced with the sale discount by core/pricing's priceBasket (`priced.lines[i]` is `lines[i]`).
 */
export function pricedBasket(
  db: Database.Database,
  basketId: string,
  taxMode: TaxMode,
): AdjustedBasket & { priced: PricedBasket } {
  const adjusted = adjustedBasket(db, basketId);
  return { ...adjusted, priced: priceBasket(adjusted.lines, adjusted.sale?.discount ?? null, taxMode) };
}

/** Writes an adjustment in place of the live one of its kind, with its journal entry and `basket.adjusted`. */
export function writeAdjustment(
  db: Database.Database,
  basketId: string,
  adjustment: NewAdjustment,
  journal: OverrideEntry,
  now: Date = new Date(),
): AdjustmentRecord {
  return db.transaction(() => {
    requireOpenBasket(db, basketId);
    const at = now.toISOString();
    endLive(db, basketId, adjustment.lineId, adjustment.kind, at);
    const id = uuidv7();
    db.prepare(
      `INSERT INTO basket_adjustments (id, basket_id, line_id, kind, unit_price, discount_kind, discount_value,
         reason, staff_id, approver_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      basketId,
      adjustment.lineId,
      adjustment.kind,
      adjustment.unitPrice ?? null,
      adjustment.discount?.kind ?? null,
      adjustment.discount?.value ?? null,
      adjustment.reason,
      adjustment.staffId,
      adjustment.approverId,
      at,
    );
    db.prepare('UPDATE baskets SET updated_at = ? WHERE id = ?').run(at, basketId);
    appendJournal(db, { kind: 'override', data: journal }, now);
    const record = toAdjustment(
      db.prepare('SELECT * FROM basket_adjustments WHERE id = ?').get(id) as AdjustmentRow,
    );
    appendEvent(db, 'basket.adjusted', { ...record, change: 'given' }, now);
    return record;
  })();
}

/** Takes back the live adjustment of a kind (nothing to take back: false), journalled as `removed`. */
export function removeAdjustment(
  db: Database.Database,
  basketId: string,
  lineId: string | null,
  kind: AdjustmentKind,
  journal: OverrideEntry,
  now: Date = new Date(),
): boolean {
  return db.transaction(() => {
    requireOpenBasket(db, basketId);
    const at = now.toISOString();
    const ended = endLive(db, basketId, lineId, kind, at);
    if (!ended) return false;
    db.prepare('UPDATE baskets SET updated_at = ? WHERE id = ?').run(at, basketId);
    appendJournal(db, { kind: 'override', data: journal }, now);
    appendEvent(db, 'basket.adjusted', { basketId, lineId, kind, id: ended, change: 'removed' }, now);
    return true;
  })();
}

/** Marks the live adjustment of a kind removed; its id, or null when there was none. */
function endLive(
  db: Database.Database,
  basketId: string,
  lineId: string | null,
  kind: AdjustmentKind,
  at: string,
): string | null {
  const row = db
    .prepare(
      `SELECT id FROM basket_adjustments WHERE basket_id = ? AND kind = ? AND line_id IS ? AND removed_at IS NULL`,
    )
    .get(basketId, kind, lineId) as { id: string } | undefined;
  if (!row) return null;
  db.prepare('UPDATE basket_adjustments SET removed_at = ? WHERE id = ?').run(at, row.id);
  return row.id;
}

function toAdjustment(row: AdjustmentRow): AdjustmentRecord {
  return {
    id: row.id,
    basketId: row.basket_id,
    lineId: row.line_id,
    kind: row.kind,
    unitPrice: row.unit_price,
    discount:
      row.discount_kind !== null && row.discount_value !== null
        ? { kind: row.discount_kind, value: row.discount_value }
        : null,
    reason: row.reason,
    staffId: row.staff_id,
    approverId: row.approver_id,
    createdAt: row.created_at,
  };
}

/**
 * Carries a basket's live adjustments over to another basket whose lines were copied from it (a
 * suspended sale resumed): `lineIds` maps each old line to its copy. Who gave and approved each stays
 * as it was, and its time is kept, so the resumed sale is priced exactly as it was put aside. Runs in
 * the caller's transaction; nothing is journalled again (the adjustment was, when it was given).
 */
export function carryAdjustments(
  db: Database.Database,
  fromBasketId: string,
  toBasketId: string,
  lineIds: ReadonlyMap<string, string>,
): void {
  const insert = db.prepare(
    `INSERT INTO basket_adjustments (id, basket_id, line_id, kind, unit_price, discount_kind, discount_value,
       reason, staff_id, approver_id, created_at)
     SELECT ?, ?, ?, kind, unit_price, discount_kind, discount_value, reason, staff_id, approver_id, created_at
     FROM basket_adjustments WHERE id = ?`,
  );
  const live = db
    .prepare('SELECT id, line_id FROM basket_adjustments WHERE basket_id = ? AND removed_at IS NULL')
    .all(fromBasketId) as { id: string; line_id: string | null }[];
  for (const row of live) {
    const lineId = row.line_id === null ? null : lineIds.get(row.line_id);
    if (lineId === undefined) continue; // a line that was not copied takes its adjustment with it
    insert.run(uuidv7(), toBasketId, lineId, row.id);
  }
}
