// Writing the stock ledger for a batch: each event's movements, counts turned into adjustments, and
// the per-product on-hand (stock_levels) that the batch moves, written once at the end of the batch.
import type { StockWarning } from '../../core/sync';
import { MAX_QUANTITY } from '../../core/sync/values';
import type { DeviceContext } from '../auth/authenticate';
import type { Queryable } from '../db/database';
import { toNumber } from '../db/database';
import type { EventPlan, Rejection } from './plan';
import { stampStockVersion } from '../counts/versions';

/**
 * The on-hand changes of a batch's applied events, not yet written to stock_levels, and the products
 * whose on-hand the batch's bulk runs wrote themselves (bulk.ts): together, what the batch moved.
 */
export class PendingLevels {
  private readonly deltas = new Map<string, { quantity: number; movements: number }>();
  private readonly written = new Set<string>();

  add(gtin: string, quantity: number): void {
    const entry = this.deltas.get(gtin) ?? { quantity: 0, movements: 0 };
    entry.quantity += quantity;
    entry.movements += 1;
    this.deltas.set(gtin, entry);
  }

  /** A product whose on-hand a bulk run has already written in this transaction. */
  touch(gtin: string): void {
    this.written.add(gtin);
  }

  pending(gtin: string): number {
    return this.deltas.get(gtin)?.quantity ?? 0;
  }

  /**
   * Writes the batch's pending on-hand changes in one statement, in GTIN order (so two batches take
   * their row locks in the same order), and returns the products the batch left below zero.
   */
  async flush(tx: Queryable, storeId: string): Promise<StockWarning[]> {
    const gtins = [...this.deltas.keys()].sort();
    if (gtins.length > 0) {
      await tx.query(
        `INSERT INTO stock_levels (store_id, gtin, on_hand, movements)
         SELECT $1, u.gtin, u.quantity::numeric(15, 0), u.movements
         FROM unnest($2::text[], $3::int8[], $4::int8[]) AS u (gtin, quantity, movements) ORDER BY u.gtin
         ON CONFLICT (store_id, gtin) DO UPDATE SET
           on_hand = (stock_levels.on_hand + excluded.on_hand)::numeric(15, 0),
           movements = stock_levels.movements + excluded.movements`,
        [
          storeId,
          gtins,
          gtins.map((g) => this.deltas.get(g)!.quantity),
          gtins.map((g) => this.deltas.get(g)!.movements),
        ],
      );
    }
    const moved = [...new Set([...gtins, ...this.written])];
    if (moved.length === 0) return [];
    // The change marker terminals pull levels by (server/counts/versions.ts): last, after the rows.
    await stampStockVersion(tx, storeId, moved.sort());
    const { rows } = await tx.query<{ gtin: string; on_hand: unknown }>(
      `SELECT gtin, on_hand FROM stock_levels WHERE store_id = $1 AND gtin = ANY($2::text[]) AND on_hand < 0
       ORDER BY gtin`,
      [storeId, moved],
    );
    return rows.map((r) => ({ code: 'negative_stock' as const, gtin: r.gtin, onHand: toNumber(r.on_hand) }));
  }
}

interface MovementRow {
  gtin: string;
  quantity: number;
  kind: string;
  counted: number | null;
}

/**
 * Writes one event's movements. A count locks its product's level row first, so counts of one product
 * run one after the other, and becomes the adjustment from what HQ holds (committed, plus this batch).
 * Returns the rows written, for the caller to add to the batch's pending levels once the event stands.
 */
export async function insertMovements(
  tx: Queryable,
  device: DeviceContext,
  plan: EventPlan,
  receivedAt: Date,
  levels: PendingLevels,
): Promise<MovementRow[]> {
  const rows: MovementRow[] = plan.movements.map((m) => ({ ...m, counted: null }));
  for (const count of [...plan.counts].sort((a, b) => a.gtin.localeCompare(b.gtin))) {
    const onHand = (await lockLevel(tx, device.storeId, count.gtin)) + levels.pending(count.gtin);
    rows.push({
      gtin: count.gtin,
      quantity: count.counted - onHand,
      kind: 'adjustment',
      counted: count.counted,
    });
  }
  if (rows.length === 0) return rows;
  await tx.query(
    `INSERT INTO stock_movements (store_id, event_id, line_no, gtin, quantity, kind, counted, device_id, occurred_at,
       received_at)
     SELECT $1, $2, u.line_no, u.gtin, u.quantity, u.kind, u.counted, $3, $4, $5
     FROM unnest($6::int4[], $7::text[], $8::int8[], $9::text[], $10::int8[]) AS u (line_no, gtin, quantity, kind, counted)`,
    [
      device.storeId,
      plan.event.id,
      device.deviceId,
      plan.event.occurredAt,
      receivedAt,
      rows.map((_, i) => i + 1),
      rows.map((r) => r.gtin),
      rows.map((r) => r.quantity),
      rows.map((r) => r.kind),
      rows.map((r) => r.counted),
    ],
  );
  return rows;
}

/**
 * The rejection of an event whose movements would take a product's on-hand (held, plus what this batch
 * has applied before it) beyond ±MAX_QUANTITY; null when it stays inside. Exact, in bigint.
 */
export async function onHandOutOfRange(
  tx: Queryable,
  storeId: string,
  rows: readonly MovementRow[],
  levels: PendingLevels,
): Promise<Rejection | null> {
  if (rows.length === 0) return null;
  const deltas = new Map<string, bigint>();
  for (const r of rows) deltas.set(r.gtin, (deltas.get(r.gtin) ?? 0n) + BigInt(r.quantity));
  const { rows: held } = await tx.query<{ gtin: string; on_hand: string }>(
    'SELECT gtin, on_hand::text AS on_hand FROM stock_levels WHERE store_id = $1 AND gtin = ANY($2::text[])',
    [storeId, [...deltas.keys()]],
  );
  const committed = new Map(held.map((r) => [r.gtin, BigInt(r.on_hand)]));
  const max = BigInt(MAX_QUANTITY);
  for (const [gtin, delta] of deltas) {
    const total = (committed.get(gtin) ?? 0n) + BigInt(levels.pending(gtin)) + delta;
    if (total > max || total < -max) {
      const reason = `the on-hand of ${gtin} would be ${total}, beyond the ±${MAX_QUANTITY} HQ holds`;
      return { code: 'quantity_out_of_range', reason };
    }
  }
  return null;
}

/** Locks a product's level row (creating it at zero) and returns its committed on-hand. */
export async function lockLevel(tx: Queryable, storeId: string, gtin: string): Promise<number> {
  const { rows } = await tx.query<{ on_hand: unknown }>(
    `INSERT INTO stock_levels (store_id, gtin, on_hand, movements) VALUES ($1, $2, 0, 0)
     ON CONFLICT (store_id, gtin) DO UPDATE SET on_hand = stock_levels.on_hand RETURNING on_hand`,
    [storeId, gtin],
  );
  return toNumber(rows[0]!.on_hand);
}
