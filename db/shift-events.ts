// A shift's events (core/shift) read from the terminal's tables, for its X and Z reports: the float,
// every sale rung up in it (sales.shift_id) with its tenders and cash rounding, its pay-ins, pay-outs
// and no-sales, the whole sales voided while it was open, and the money its refunds gave back
// (refunds.shift_id). The figures are then core/shift's alone.
import type Database from 'better-sqlite3';
import type { Tender } from '../core/payment/tenders';
import type { ShiftEvent } from '../core/shift';
import type { TenderKind } from '../core/types';
import { cashMovesOf, type ShiftRecord } from './shifts';

interface TenderRow {
  sale_id: string;
  total: number;
  cash_rounding: number;
  training: number | null;
  kind: TenderKind;
  amount: number;
  tendered: number | null;
  payment_id: string | null;
}

/** Every event of `shift`, float first, in the order they happened. */
export function shiftEventsOf(db: Database.Database, shift: ShiftRecord): ShiftEvent[] {
  const events: ShiftEvent[] = [{ kind: 'float', amount: shift.floatTotal }];
  events.push(...salesOf(db, shift.id, shift.training === true));
  for (const move of cashMovesOf(db, shift.id)) {
    if (move.kind === 'no_sale') events.push({ kind: 'no_sale', reason: move.reason });
    else events.push({ kind: move.kind, amount: move.amount, reason: move.reason });
  }
  events.push(...voidsOf(db, shift.id));
  events.push(...refundsOf(db, shift.id, shift.training === true));
  return events;
}

/**
 * The money the shift's refunds gave back (refunds.shift_id), one event per tender paid back: cash out of
 * the drawer, or a QR or wallet payment's refund. A tender still with its provider, or declined, gave
 * nothing back (yet). A refund counts in a shift of its own kind, as a sale does.
 */
function refundsOf(db: Database.Database, shiftId: string, trainingShift: boolean): ShiftEvent[] {
  const rows = db
    .prepare(
      `SELECT t.kind, t.amount, r.training FROM refunds r JOIN refund_tenders t ON t.refund_id = r.id
       WHERE r.shift_id = ? AND t.status = 'paid' ORDER BY r.sequence, t.position`,
    )
    .all(shiftId) as { kind: TenderKind; amount: number; training: number }[];
  return rows.map((row) => ({
    kind: 'refund',
    amount: row.amount,
    ...(row.kind === 'cash' ? {} : { tender: row.kind }),
    ...((row.training === 1) !== trainingShift ? { training: true } : {}),
  }));
}

/**
 * The shift's sales, each with its tenders in the order taken. A sale counts in a shift of its own kind:
 * a training shift counts training sales, a live one live sales; the other kind is marked as counting
 * nowhere (core/shift's `training` flag).
 */
function salesOf(db: Database.Database, shiftId: string, trainingShift: boolean): ShiftEvent[] {
  const rows = db
    .prepare(
      `SELECT s.id AS sale_id, s.total, s.cash_rounding,
         json_extract(s.receipt_json, '$.training') AS training,
         t.kind, t.amount, t.tendered, t.payment_id
       FROM sales s JOIN sale_tenders t ON t.sale_id = s.id
       WHERE s.shift_id = ? ORDER BY s.rowid, t.position`,
    )
    .all(shiftId) as TenderRow[];
  const sales = new Map<string, { total: number; rounding: number; training: boolean; tenders: Tender[] }>();
  for (const row of rows) {
    let sale = sales.get(row.sale_id);
    if (!sale) {
      const training = (row.training === 1) !== trainingShift;
      sale = { total: row.total, rounding: row.cash_rounding, training, tenders: [] };
      sales.set(row.sale_id, sale);
    }
    sale.tenders.push(tenderOf(row));
  }
  return [...sales.values()].map((sale) => ({ kind: 'sale', ...sale }));
}

function tenderOf(row: TenderRow): Tender {
  if (row.kind === 'cash') return { kind: 'cash', amount: row.amount, tendered: row.tendered ?? row.amount };
  return { kind: row.kind, amount: row.amount, paymentId: row.payment_id ?? '' };
}

/**
 * Whole sales voided while the shift was open: the journal's `basket_cancelled` voids written after the
 * shift's `opened` entry and before its `closed` one. The journal's order, not the clock, decides.
 */
function voidsOf(db: Database.Database, shiftId: string): ShiftEvent[] {
  const bounds = db
    .prepare(
      `SELECT min(CASE WHEN json_extract(entry, '$.data.action') = 'opened' THEN seq END) AS opened,
         max(CASE WHEN json_extract(entry, '$.data.action') = 'closed' THEN seq END) AS closed
       FROM journal WHERE kind = 'shift' AND json_extract(entry, '$.data.shiftId') = ?`,
    )
    .get(shiftId) as { opened: number | null; closed: number | null };
  if (bounds.opened === null) return [];
  const rows = db
    .prepare(
      `SELECT json_extract(entry, '$.data.amount') AS total FROM journal
       WHERE kind = 'void' AND json_extract(entry, '$.data.reason') = 'basket_cancelled'
         AND seq > ? AND seq < ? ORDER BY seq`,
    )
    .all(bounds.opened, bounds.closed ?? Number.MAX_SAFE_INTEGER) as { total: number }[];
  return rows.map((row) => ({ kind: 'void', total: row.total }));
}
