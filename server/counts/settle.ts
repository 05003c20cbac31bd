// A count turned into the adjustment counted − expected AT ITS MOMENT, and kept exact afterwards.
//
// expected = the store's on hand from every movement that occurred (terminal clock) at or before the
// count's moment, but the count's own adjustments. The count's adjustment is booked dated at that moment
// (kind `adjustment`, tagged with its session), so the ledger at the count's moment equals what was
// counted, and a sale after it (made during the count, on any lane) still takes stock away from there.
//
// A movement that reaches HQ after the count but occurred before it — a kiosk that was offline during
// the count — would leave the ledger at the count's moment off by its quantity. The count absorbs it:
// every time movements of a counted item arrive, the counts of that item whose moment is at or after
// the earliest of them are worked out again, in the order of their moments, and each books only the
// difference from what it already booked. So the result does not depend on the order things arrive in.
// A count held for review books nothing (what it booked before the review opened is taken back).
import { uuidv7 } from '../../core/uuid7';
import type { Queryable } from '../db/database';
import { toNumber } from '../db/database';
import { lockLevel } from '../events/stock';
import { stampStockVersion } from './versions';

interface CountItem {
  session_id: string;
  gtin: string;
  counted: unknown;
  anchor_at: Date;
  adjusted: unknown;
  held: boolean;
}

/**
 * Re-settles the counts of the products in `touched` (product → the earliest moment that changed) and
 * returns the products whose on hand moved. Run inside a transaction; `deviceId` is the device whose
 * events caused it, recorded on the adjustment.
 */
export async function settleCounts(
  tx: Queryable,
  storeId: string,
  deviceId: string,
  touched: ReadonlyMap<string, Date>,
  receivedAt: Date,
): Promise<string[]> {
  if (touched.size === 0) return [];
  const gtins = [...touched.keys()].sort();
  // Most sales touch nothing counted: one look, with no lock, finds the products worth locking.
  const { rows: counted } = await tx.query<{ gtin: string; latest: Date }>(
    `SELECT gtin, max(anchor_at) AS latest FROM count_items WHERE store_id = $1 AND gtin = ANY($2::text[])
     GROUP BY gtin ORDER BY gtin`,
    [storeId, gtins],
  );
  const moved: string[] = [];
  for (const { gtin, latest } of counted) {
    const from = touched.get(gtin)!;
    if (latest.getTime() < from.getTime()) continue;
    // Locked first, so two batches settle one product one after the other, each reading what the
    // other booked.
    let onHand = await lockLevel(tx, storeId, gtin);
    const { rows: items } = await tx.query<CountItem>(
      `SELECT session_id, gtin, counted, anchor_at, adjusted, held FROM count_items
       WHERE store_id = $1 AND gtin = $2 AND anchor_at >= $3 ORDER BY anchor_at, session_id`,
      [storeId, gtin, from],
    );
    let changed = false;
    for (const item of items) {
      const expected = onHand - (await notExpected(tx, storeId, item));
      const target = item.held ? 0 : toNumber(item.counted) - expected;
      const delta = target - toNumber(item.adjusted);
      if (delta === 0) continue;
      await book(tx, { storeId, deviceId, item, delta, receivedAt });
      onHand += delta;
      changed = true;
    }
    if (changed) moved.push(gtin);
  }
  await stampStockVersion(tx, storeId, moved);
  return moved;
}

/** What on hand holds that the count's expected does not: movements after its moment, and its own. */
async function notExpected(tx: Queryable, storeId: string, item: CountItem): Promise<number> {
  const { rows } = await tx.query<{ after: unknown; own: unknown }>(
    `SELECT
       (SELECT coalesce(sum(quantity), 0) FROM stock_movements
        WHERE store_id = $1 AND gtin = $2 AND occurred_at > $3) AS after,
       (SELECT coalesce(sum(quantity), 0) FROM stock_movements
        WHERE store_id = $1 AND count_session = $4 AND gtin = $2 AND occurred_at <= $3) AS own`,
    [storeId, item.gtin, item.anchor_at, item.session_id],
  );
  return toNumber(rows[0]!.after) + toNumber(rows[0]!.own);
}

async function book(
  tx: Queryable,
  m: { storeId: string; deviceId: string; item: CountItem; delta: number; receivedAt: Date },
): Promise<void> {
  const { item } = m;
  await tx.query(
    `INSERT INTO stock_movements (store_id, event_id, line_no, gtin, quantity, kind, counted, device_id, occurred_at,
       received_at, count_session) VALUES ($1, $2, 1, $3, $4, 'adjustment', $5, $6, $7, $8, $9)`,
    [
      m.storeId,
      uuidv7(),
      item.gtin,
      m.delta,
      item.counted,
      m.deviceId,
      item.anchor_at,
      m.receivedAt,
      item.session_id,
    ],
  );
  await tx.query(
    `UPDATE count_items SET adjusted = adjusted + $4 WHERE store_id = $1 AND session_id = $2 AND gtin = $3`,
    [m.storeId, item.session_id, item.gtin, m.delta],
  );
  await tx.query(
    `UPDATE stock_levels SET on_hand = on_hand + $3, movements = movements + 1 WHERE store_id = $1 AND gtin = $2`,
    [m.storeId, item.gtin, m.delta],
  );
}
