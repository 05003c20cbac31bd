// The price-change feed a terminal pulls (GET /v1/prices): its store's changes — chain-wide and its
// own — after a cursor, in (version, id) order, one snapshot per page.
import type { PriceChangeItem, PriceChangesPage } from '../../core/sync';
import type { Queryable } from '../db/database';
import { toNumber } from '../db/database';

export async function priceChanges(
  q: Queryable,
  storeId: string,
  after: { version: number; id: number },
  limit: number,
): Promise<PriceChangesPage> {
  const { rows } = await q.query<{
    id: unknown;
    version: unknown;
    gtin: string;
    price: unknown;
    currency: string;
    effective_at: Date | string;
    store_level: boolean;
    cancelled: boolean;
  }>(
    `SELECT c.id, c.version, c.gtin, c.price, p.currency, c.effective_at, c.store_id IS NOT NULL AS store_level,
            c.cancelled_at IS NOT NULL AS cancelled
     FROM price_changes c JOIN products p ON p.gtin = c.gtin
     WHERE (c.store_id IS NULL OR c.store_id = $1) AND (c.version, c.id) > ($2, $3)
     ORDER BY c.version, c.id LIMIT $4`,
    [storeId, after.version, after.id, limit],
  );
  const changes: PriceChangeItem[] = rows.map((r) => ({
    id: toNumber(r.id),
    gtin: r.gtin,
    price: toNumber(r.price),
    currency: r.currency,
    effectiveAt: new Date(r.effective_at).toISOString(),
    storeLevel: r.store_level,
    ...(r.cancelled ? { cancelled: true } : {}),
  }));
  const last = rows.at(-1);
  const nextCursor = last
    ? `${toNumber(last.version)}:${toNumber(last.id)}`
    : after.version === 0 && after.id === 0
      ? '0'
      : `${after.version}:${after.id}`;
  return { changes, nextCursor, more: rows.length === limit };
}

/** The newest committed price-change version. */
export async function currentPriceVersion(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ version: unknown }>(
    'SELECT version FROM price_change_version WHERE id = 1',
  );
  return toNumber(rows[0]!.version);
}
