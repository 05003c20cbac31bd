// A sale as refunds see it at HQ: its lines as sold (read from the sale's event, kept as the terminal
// sent it), and what has been taken back of them so far — recorded refunds, and granted claims whose
// refund has not arrived yet. The claim route, the refund ingest and the sale view all read these.
import type { Unit } from '../../core/types';
import type { Queryable } from '../db/database';
import { toNumber } from '../db/database';

/**
 * How long a claim holds its lines without its refund arriving. A terminal sends its refund within
 * moments, or gives the claim back when its own write fails; a claim older than this is one whose
 * refund never happened (a terminal that died between the two), and it stops blocking the shopper's
 * refund at another till. Should that refund arrive after all, HQ flags the excess as for an offline one.
 */
export const CLAIM_HOLD_HOURS = 24;

export interface HeldSale {
  id: string;
  receiptNumber: string;
  terminalId: string;
  currency: string;
  total: number;
  soldAt: Date;
  training: boolean;
  /** The `sale.completed` payload as the terminal sent it. */
  payload: Record<string, unknown>;
}

/** A sold line, named by its index in the sale's receipt. */
export interface SoldLine {
  line: number;
  gtin: string | null;
  name: string;
  unit: Unit;
  /** Pieces, or grams. */
  sold: number;
}

/** One refunded (or claimed) line of an earlier refund of the sale, with who did it. */
export interface Taken {
  kind: 'refund' | 'claim';
  refundId: string;
  refundNumber: string | null;
  terminalId: string;
  staffId: string;
  approvedBy: string | null;
  offline: boolean;
  line: number;
  quantity: number;
  /** Null for a claim: its money is known only when its refund arrives. */
  amount: number | null;
}

/**
 * The store's sale with this receipt number, or null. `lock` takes its row lock until the transaction
 * ends: claims and refunds of one sale are then checked one after the other, so two at once cannot both
 * see the line still free.
 */
export async function findSale(
  q: Queryable,
  storeId: string,
  receiptNumber: string,
  { lock = false } = {},
): Promise<HeldSale | null> {
  const { rows } = await q.query<{
    id: string;
    receipt_number: string;
    terminal_id: string;
    currency: string;
    total: unknown;
    sold_at: Date;
    training: boolean;
    payload: unknown;
  }>(
    `SELECT s.id, s.receipt_number, s.terminal_id, s.currency, s.total, s.sold_at, s.training, e.payload
     FROM sales s JOIN events e ON e.store_id = s.store_id AND e.id = s.event_id
     WHERE s.store_id = $1 AND s.receipt_number = $2${lock ? ' FOR UPDATE OF s' : ''}`,
    [storeId, receiptNumber],
  );
  const row = rows[0];
  if (!row) return null;
  const payload = typeof row.payload === 'string' ? (JSON.parse(row.payload) as unknown) : row.payload;
  return {
    id: row.id,
    receiptNumber: row.receipt_number,
    terminalId: row.terminal_id,
    currency: row.currency,
    total: toNumber(row.total),
    soldAt: row.sold_at,
    training: row.training,
    payload: isObject(payload) ? payload : {},
  };
}

/**
 * The sale's lines: the receipt's lines (how refunds name a line) with the GTIN of the stock line at the
 * same index. A sale event from before receipts carried their lines has only its stock lines.
 */
export function soldLines(payload: Record<string, unknown>): SoldLine[] {
  const receipt = isObject(payload.receipt) ? payload.receipt : {};
  const printed = Array.isArray(receipt.lines) ? receipt.lines : [];
  const stock = Array.isArray(payload.lines) ? payload.lines : [];
  const count = printed.length > 0 ? printed.length : stock.length;
  return Array.from({ length: count }, (_, i) => {
    const shown = isObject(printed[i]) ? printed[i] : {};
    const moved = isObject(stock[i]) ? stock[i] : {};
    const gtin =
      typeof moved.gtin === 'string' ? moved.gtin : typeof shown.gtin === 'string' ? shown.gtin : null;
    const quantity = whole(shown.quantity) ?? whole(moved.quantity) ?? 0;
    return {
      line: i,
      gtin: gtin && /^\d{8,14}$/.test(gtin) ? gtin.padStart(14, '0') : null,
      name: typeof shown.name === 'string' ? shown.name : (gtin ?? `line ${i + 1}`),
      unit: shown.unit === 'kg' || moved.unit === 'kg' ? 'kg' : 'each',
      sold: quantity,
    };
  });
}

/**
 * What has been taken back of the sale: the lines of its recorded refunds (of the sale's own kind,
 * training or live) and of its granted claims not yet followed by their refund. `except` leaves out one
 * refund id (the refund or claim being checked).
 */
export async function takenBack(
  q: Queryable,
  storeId: string,
  sale: Pick<HeldSale, 'receiptNumber' | 'training'>,
  except: string | null = null,
): Promise<Taken[]> {
  const { rows } = await q.query<{
    kind: 'refund' | 'claim';
    refund_id: string;
    refund_number: string | null;
    terminal_id: string;
    staff_id: string;
    approved_by: string | null;
    offline: boolean;
    line: number;
    quantity: unknown;
    amount: unknown;
  }>(
    `SELECT 'refund' AS kind, r.id AS refund_id, r.refund_number, r.terminal_id, r.staff_id, r.approved_by,
       r.offline, l.line, l.quantity, l.amount, r.received_at AS at
     FROM refunds r JOIN refund_lines l ON l.store_id = r.store_id AND l.refund_id = r.id
     WHERE r.store_id = $1 AND r.receipt_number = $2 AND r.training = $3 AND l.line IS NOT NULL
       AND ($4::uuid IS NULL OR r.id <> $4::uuid)
     UNION ALL
     SELECT 'claim', c.refund_id, NULL, c.terminal_id, c.staff_id, NULL, false, (x ->> 'line')::int,
       (x ->> 'quantity')::bigint, NULL, c.claimed_at
     FROM refund_claims c CROSS JOIN jsonb_array_elements(c.lines) AS x
     WHERE c.store_id = $1 AND c.receipt_number = $2 AND ($4::uuid IS NULL OR c.refund_id <> $4::uuid)
       AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.store_id = c.store_id AND r.id = c.refund_id)
       AND c.claimed_at > now() - make_interval(hours => $5)
     ORDER BY at, refund_id`,
    [storeId, sale.receiptNumber, sale.training, except, CLAIM_HOLD_HOURS],
  );
  return rows.map((r) => ({
    kind: r.kind,
    refundId: r.refund_id,
    refundNumber: r.refund_number,
    terminalId: r.terminal_id,
    staffId: r.staff_id,
    approvedBy: r.approved_by,
    offline: r.offline,
    line: r.line,
    quantity: toNumber(r.quantity),
    amount: r.amount === null ? null : toNumber(r.amount),
  }));
}

/** The quantity taken back of each line so far. */
export function takenQuantities(taken: readonly Taken[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const t of taken) out.set(t.line, (out.get(t.line) ?? 0) + t.quantity);
  return out;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function whole(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}
