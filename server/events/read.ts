// What a store reads back: its dead letters, and its stock as the sum of the ledger.
import type { Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';

export interface DeadLetter {
  id: string;
  /** The event's id as the terminal sent it (null when it had none). */
  eventId: string | null;
  type: string | null;
  code: string;
  reason: string;
  deviceId: string;
  receivedAt: string;
  /** The event exactly as received. */
  event: unknown;
}

/** A page of the store's dead letters, oldest first, after the dead letter `after`. */
export async function listDeadLetters(
  q: Queryable,
  storeId: string,
  options: { after?: string; limit: number },
): Promise<DeadLetter[]> {
  const { rows } = await q.query<{
    id: string;
    event_key: string | null;
    type: string | null;
    reason_code: string;
    reason: string;
    device_id: string;
    received_at: Date;
    event: unknown;
  }>(
    `SELECT id, event_key, type, reason_code, reason, device_id, received_at, event FROM dead_letters
     WHERE store_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
    [storeId, options.after ?? null, options.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_key,
    type: r.type,
    code: r.reason_code,
    reason: r.reason,
    deviceId: r.device_id,
    receivedAt: toIso(r.received_at),
    event: r.event,
  }));
}

export interface StockLevel {
  gtin: string;
  /** The sum of every movement (kept in stock_levels as they are written): pieces, or grams for kg. */
  onHand: number;
  movements: number;
  /** Below zero: more sold than HQ knows arrived. Flagged for the store to count, never refused. */
  negative: boolean;
}

/** On-hand per product of the store (one product with `gtin`), in GTIN order after `after`. */
export async function stockLevels(
  q: Queryable,
  storeId: string,
  options: { gtin?: string; after?: string; limit: number },
): Promise<StockLevel[]> {
  const { rows } = await q.query<{ gtin: string; on_hand: unknown; movements: unknown }>(
    `SELECT gtin, on_hand, movements FROM stock_levels
     WHERE store_id = $1 AND ($2::text IS NULL OR gtin = $2) AND gtin > $3 ORDER BY gtin LIMIT $4`,
    [storeId, options.gtin ?? null, options.after ?? '', options.limit],
  );
  return rows.map((r) => {
    const onHand = toNumber(r.on_hand);
    return { gtin: r.gtin, onHand, movements: toNumber(r.movements), negative: onHand < 0 };
  });
}
