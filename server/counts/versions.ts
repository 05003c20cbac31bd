// The stock change marker: each write of a store's stock_levels takes the store's next version from one
// row, locked until commit, so versions are handed out in commit order (migration 0014). Taken last in
// a transaction, after the level rows, so the lock is held only until the commit.
import type { Queryable } from '../db/database';
import { toNumber } from '../db/database';

/** Takes the store's next stock version and stamps it on the level rows of `gtins`. */
export async function stampStockVersion(
  tx: Queryable,
  storeId: string,
  gtins: readonly string[],
): Promise<void> {
  if (gtins.length === 0) return;
  const { rows } = await tx.query<{ version: unknown }>(
    `INSERT INTO stock_level_versions (store_id, version) VALUES ($1, 1)
     ON CONFLICT (store_id) DO UPDATE SET version = stock_level_versions.version + 1 RETURNING version`,
    [storeId],
  );
  await tx.query('UPDATE stock_levels SET version = $3 WHERE store_id = $1 AND gtin = ANY($2::text[])', [
    storeId,
    [...gtins],
    toNumber(rows[0]!.version),
  ]);
}
