// A count session's lines as they arrive, from any terminal of the store: kept (once each, by line id),
// then the session's count of each item they touch is worked out again.
//
// The count of an item in a session is the sum over its locations. In one location, one device's count
// is its running total there (its latest line). Two devices counting the same item in the same location
// are not summed: a review is opened, and the item is held (it moves no stock) until a reviewer accepts
// one of the devices' counts. The count stands for the moment of the latest line it uses.
import { uuidv7 } from '../../core/uuid7';
import type { DeviceContext } from '../auth/authenticate';
import type { Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';
import type { SessionCount } from './schema';

export async function recordCountLines(
  tx: Queryable,
  device: DeviceContext,
  count: SessionCount,
  eventId: string,
  receivedAt: Date,
): Promise<void> {
  for (const line of count.lines) {
    await tx.query(
      `INSERT INTO count_lines (store_id, line_id, session_id, gtin, location, counter, device_id, staff_id, counted,
         counted_at, event_id, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (store_id, line_id) DO NOTHING`,
      [
        device.storeId,
        line.lineId,
        count.sessionId,
        line.gtin,
        line.location,
        count.deviceId,
        device.deviceId,
        count.staffId,
        line.counted,
        line.countedAt,
        eventId,
        receivedAt,
      ],
    );
  }
  for (const gtin of [...new Set(count.lines.map((l) => l.gtin))].sort())
    await recountItem(tx, device.storeId, count.sessionId, gtin, receivedAt);
}

interface LocationCount {
  location: string;
  counter: string;
  counted: number;
  countedAt: string;
}

/** Works out a session's count of one item from all its lines and reviews, and keeps it in count_items. */
export async function recountItem(
  tx: Queryable,
  storeId: string,
  sessionId: string,
  gtin: string,
  now: Date,
): Promise<void> {
  // Each device's latest line per location: its running total there, and when.
  const { rows } = await tx.query<{ location: string; counter: string; counted: unknown; counted_at: Date }>(
    `SELECT DISTINCT ON (location, counter) location, counter, counted, counted_at FROM count_lines
     WHERE store_id = $1 AND session_id = $2 AND gtin = $3 ORDER BY location, counter, counted_at DESC, counted DESC`,
    [storeId, sessionId, gtin],
  );
  const byLocation = new Map<string, LocationCount[]>();
  for (const r of rows) {
    const entry = {
      location: r.location,
      counter: r.counter,
      counted: toNumber(r.counted),
      countedAt: toIso(r.counted_at),
    };
    byLocation.set(r.location, [...(byLocation.get(r.location) ?? []), entry]);
  }
  const accepted = await acceptedCounters(tx, storeId, sessionId, gtin);
  let counted = 0;
  let anchor = '';
  let held = false;
  for (const [location, counts] of byLocation) {
    let used: LocationCount | undefined = counts[0];
    if (counts.length > 1) {
      await openReview(tx, storeId, sessionId, gtin, location, now);
      const choice = accepted.get(location);
      used = choice === undefined ? undefined : counts.find((c) => c.counter === choice);
      if (!used) {
        held = true;
        continue;
      }
    }
    counted += used!.counted;
    if (used!.countedAt > anchor) anchor = used!.countedAt;
  }
  if (anchor === '')
    anchor = rows
      .map((r) => toIso(r.counted_at))
      .sort()
      .at(-1)!;
  await tx.query(
    `INSERT INTO count_items (store_id, session_id, gtin, counted, anchor_at, held) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (store_id, session_id, gtin) DO UPDATE SET counted = excluded.counted,
       anchor_at = excluded.anchor_at, held = excluded.held`,
    [storeId, sessionId, gtin, counted, anchor, held],
  );
}

async function acceptedCounters(
  tx: Queryable,
  storeId: string,
  sessionId: string,
  gtin: string,
): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ location: string; accepted_counter: string }>(
    `SELECT location, accepted_counter FROM count_reviews
     WHERE store_id = $1 AND session_id = $2 AND gtin = $3 AND state = 'accepted'`,
    [storeId, sessionId, gtin],
  );
  return new Map(rows.map((r) => [r.location, r.accepted_counter]));
}

async function openReview(
  tx: Queryable,
  storeId: string,
  sessionId: string,
  gtin: string,
  location: string,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO count_reviews (id, store_id, session_id, gtin, location, state, created_at)
     VALUES ($1, $2, $3, $4, $5, 'open', $6) ON CONFLICT (store_id, session_id, gtin, location) DO NOTHING`,
    [uuidv7(), storeId, sessionId, gtin, location, now],
  );
}
