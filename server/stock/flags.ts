// The stock flags of a store, newest first, for the back office (GET /admin/v1/stock-flags): today a
// delivery note two offline terminals both received — the second booked nothing — naming both.
import type { Queryable } from '../db/database';
import { toIso } from '../db/database';

export interface StockFlagView {
  eventId: string;
  code: string;
  reference: string;
  details: unknown;
  flaggedAt: string;
}

export async function listStockFlags(
  q: Queryable,
  storeCode: string,
  limit: number,
): Promise<StockFlagView[]> {
  const { rows } = await q.query<{
    event_id: string;
    code: string;
    reference: string;
    details: unknown;
    flagged_at: Date;
  }>(
    `SELECT f.event_id, f.code, f.reference, f.details, f.flagged_at FROM stock_flags f JOIN stores s ON s.id = f.store_id
     WHERE s.code = $1 ORDER BY f.flagged_at DESC, f.event_id LIMIT $2`,
    [storeCode, limit],
  );
  return rows.map((r) => ({
    eventId: r.event_id,
    code: r.code,
    reference: r.reference,
    details: typeof r.details === 'string' ? (JSON.parse(r.details) as unknown) : r.details,
    flaggedAt: toIso(r.flagged_at),
  }));
}
