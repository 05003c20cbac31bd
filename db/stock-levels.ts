// HQ's stock levels as the sync last read them (migration 0024), and the events HQ has not acknowledged
// since: together, on hand at this store as the terminal knows it (services/stock/counting/on-hand.ts).
//
// "Acknowledged" is exact and needs no clock: an event is in HQ's level when HQ had answered it
// (applied or duplicate, recorded in outbox_results) before the pull that read the level began. Each
// read row keeps that pull's mark, the highest outbox_results rowid then; a pull that reaches the end
// marks every row (HQ did not send a row again because it had not changed). A rejected event never
// enters HQ's ledger, so it counts nowhere.
import type Database from 'better-sqlite3';
import { STOCK_MOVING_TYPES } from '../core/stock/event-effect';

export interface HqLevel {
  gtin: string;
  onHand: number;
  version: number;
}

export interface StockFeed {
  /** HQ's change marker (`version:gtin`) after the last row read; '' before the first. */
  cursor: string;
  /** The acknowledgement mark of the last pull that reached the end. */
  ackMark: number;
  /** When that pull began (terminal clock, ISO), or null when none ever completed. */
  asOf: string | null;
}

export interface PendingStockEvent {
  id: string;
  type: string;
  payload: unknown;
  occurredAt: string;
}

export function stockFeed(db: Database.Database): StockFeed {
  const row = db.prepare('SELECT cursor, ack_mark, as_of FROM hq_stock_feed WHERE id = 1').get() as {
    cursor: string;
    ack_mark: number;
    as_of: string | null;
  };
  return { cursor: row.cursor, ackMark: row.ack_mark, asOf: row.as_of };
}

/** The highest HQ answer recorded so far: a pull beginning now will see every event answered up to it. */
export function currentAckMark(db: Database.Database): number {
  return (db.prepare('SELECT coalesce(max(rowid), 0) AS m FROM outbox_results').get() as { m: number }).m;
}

/** HQ's level of a product and the mark it includes; null when HQ never sent one. */
export function hqLevel(
  db: Database.Database,
  gtin: string,
): { onHand: number; ackMark: number; readAt: string } | null {
  const row = db
    .prepare('SELECT on_hand, ack_mark, read_at FROM hq_stock_levels WHERE gtin = ?')
    .get(gtin) as { on_hand: number; ack_mark: number; read_at: string } | undefined;
  return row ? { onHand: row.on_hand, ackMark: row.ack_mark, readAt: row.read_at } : null;
}

/**
 * Applies one page of HQ's levels with the cursor after it, in one transaction. `mark` is the pull's
 * acknowledgement mark (taken when it began); `complete` says this page reached the end of HQ's changes.
 * A page asked after a cursor another sync has since moved is stale and not applied.
 */
export function applyStockPage(
  db: Database.Database,
  page: { after: string; levels: HqLevel[]; nextCursor: string; complete: boolean },
  mark: number,
  readAt: Date,
): { applied: number; stale: boolean } {
  const upsert = db.prepare(
    `INSERT INTO hq_stock_levels (gtin, on_hand, version, ack_mark, read_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (gtin) DO UPDATE SET on_hand = excluded.on_hand, version = excluded.version,
       ack_mark = excluded.ack_mark, read_at = excluded.read_at`,
  );
  const at = readAt.toISOString();
  return db
    .transaction(() => {
      if (stockFeed(db).cursor !== page.after) return { applied: 0, stale: true };
      for (const l of page.levels) upsert.run(l.gtin, l.onHand, l.version, mark, at);
      db.prepare('UPDATE hq_stock_feed SET cursor = ? WHERE id = 1').run(page.nextCursor);
      if (page.complete)
        db.prepare('UPDATE hq_stock_feed SET ack_mark = max(ack_mark, ?), as_of = ? WHERE id = 1').run(
          mark,
          at,
        );
      return { applied: page.levels.length, stale: false };
    })
    .immediate();
}

/**
 * The events that can move stock and that a level with acknowledgement mark `mark` does not include:
 * not answered yet, or answered (not rejected) after the mark, among those naming `gtin`. In commit order
 * (the outbox's rowid; a UUIDv7 order could differ if the clock was set back).
 */
export function unacknowledgedEvents(db: Database.Database, gtin: string, mark: number): PendingStockEvent[] {
  const types = STOCK_MOVING_TYPES.map(() => '?').join(', ');
  // Every line names its product as "gtin": a cheap filter before the payload is parsed.
  const quoted = JSON.stringify(gtin);
  const rows = db
    .prepare(
      `SELECT o.rowid AS seq, o.id, o.type, o.payload, o.occurred_at FROM outbox o
       WHERE o.sent_at IS NULL AND o.type IN (${types}) AND instr(o.payload, ?) > 0
       UNION ALL
       SELECT o.rowid AS seq, o.id, o.type, o.payload, o.occurred_at
       FROM outbox_results r JOIN outbox o ON o.id = r.event_id
       WHERE r.rowid > ? AND r.status <> 'rejected' AND o.type IN (${types}) AND instr(o.payload, ?) > 0
       ORDER BY seq`,
    )
    .all(...STOCK_MOVING_TYPES, quoted, mark, ...STOCK_MOVING_TYPES, quoted) as {
    id: string;
    type: string;
    payload: string;
    occurred_at: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    payload: JSON.parse(r.payload),
    occurredAt: r.occurred_at,
  }));
}

/** HQ's stock feed went back in time (a restored database): the next pull reads every level again. */
export function restartStockFeed(db: Database.Database, from: string): void {
  db.prepare("UPDATE hq_stock_feed SET cursor = '' WHERE id = 1 AND cursor = ?").run(from);
}
