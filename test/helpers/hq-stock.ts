// HQ's on hand of a product at a store, read straight from its stock_levels (0 when it has no row).
import type { Queryable } from '../../server/db/database';

export async function hqOnHand(db: Queryable, gtin: string, store = 'S001'): Promise<number> {
  const { rows } = await db.query<{ on_hand: unknown }>(
    `SELECT l.on_hand FROM stock_levels l JOIN stores s ON s.id = l.store_id WHERE s.code = $1 AND l.gtin = $2`,
    [store, gtin],
  );
  return Number(rows[0]?.on_hand ?? 0);
}
