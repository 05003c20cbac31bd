// What a terminal reads of its store's stock: the levels changed after its cursor (`version:gtin`), in
// change order, so it keeps HQ's on hand in its own SQLite and shows it offline.
import type { StockLevelChange } from '../../core/sync';
import { parseStockCursor, stockCursor } from '../../core/sync';
import type { Queryable } from '../db/database';
import { toNumber } from '../db/database';

export async function stockChanges(
  q: Queryable,
  storeId: string,
  since: string,
  limit: number,
): Promise<{ items: StockLevelChange[]; nextCursor: string; complete: boolean; behind?: true } | null> {
  const cursor = parseStockCursor(since);
  if (!cursor) return null;
  // A cursor past HQ's newest version: HQ's database went back (restored from an older backup). The
  // terminal starts again from the beginning rather than wait for versions it already passed.
  const { rows: newest } = await q.query<{ version: unknown }>(
    'SELECT version FROM stock_level_versions WHERE store_id = $1',
    [storeId],
  );
  if (cursor.version > toNumber(newest[0]?.version ?? 0))
    return { items: [], nextCursor: '', complete: false, behind: true };
  const { rows } = await q.query<{ gtin: string; on_hand: unknown; version: unknown }>(
    `SELECT gtin, on_hand, version FROM stock_levels
     WHERE store_id = $1 AND (version, gtin) > ($2::int8, $3::text) ORDER BY version, gtin LIMIT $4`,
    [storeId, cursor.version, cursor.gtin, limit],
  );
  const items = rows.map((r) => ({
    gtin: r.gtin,
    onHand: toNumber(r.on_hand),
    version: toNumber(r.version),
  }));
  const last = items.at(-1);
  return {
    items,
    nextCursor: last ? stockCursor(last.version, last.gtin) : since,
    complete: items.length < limit,
  };
}
