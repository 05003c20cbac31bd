// The outbox: events for HQ, written in the same SQLite transaction as the change they report, so a
// change and its event commit together or not at all. The sync client reads the pending tail.
import type Database from 'better-sqlite3';
import { uuidv7 } from '../core/uuid7';

export interface OutboxEvent {
  /** UUIDv7 made on the terminal; HQ ingests idempotently on it. */
  id: string;
  /** `family.what_happened`, e.g. `basket.item_added`. */
  type: string;
  payload: unknown;
  /** Terminal's clock, ISO 8601. */
  occurredAt: string;
  sentAt: string | null;
}

export interface OutboxStats {
  pending: number;
  /** occurred_at of the oldest unsent event, or null when nothing is pending. */
  oldestOccurredAt: string | null;
}

interface OutboxRow {
  id: string;
  type: string;
  payload: string;
  occurred_at: string;
  sent_at: string | null;
}

/**
 * Records an event. Call it INSIDE the transaction of the change it reports, so both commit together.
 * Returns the event id.
 */
export function appendEvent(
  db: Database.Database,
  type: string,
  payload: unknown,
  occurredAt: Date = new Date(),
): string {
  if (!db.inTransaction) {
    // An event written on its own could commit without its change (or the change without it).
    throw new Error(`appendEvent(${type}) must run inside the transaction of the change it reports`);
  }
  const json = JSON.stringify(payload);
  if (json === undefined) throw new Error(`Event ${type} has no JSON payload`);
  const id = uuidv7();
  db.prepare('INSERT INTO outbox (id, type, payload, occurred_at) VALUES (?, ?, ?, ?)').run(
    id,
    type,
    json,
    occurredAt.toISOString(),
  );
  return id;
}

/** Up to `limit` unsent events in the order they were committed. */
export function pendingEvents(db: Database.Database, limit: number): OutboxEvent[] {
  // rowid is commit order; uuidv7 order could differ if the terminal's clock was set back.
  const rows = db
    .prepare(
      'SELECT id, type, payload, occurred_at, sent_at FROM outbox WHERE sent_at IS NULL ORDER BY rowid LIMIT ?',
    )
    .all(Math.max(0, Math.floor(limit))) as OutboxRow[];
  return rows.map(toEvent);
}

/** Marks events as delivered; already-sent ids keep their first time. Returns how many changed. */
export function markSent(db: Database.Database, ids: readonly string[], sentAt: Date = new Date()): number {
  const mark = db.prepare('UPDATE outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL');
  const at = sentAt.toISOString();
  return db.transaction(() => ids.reduce((count, id) => count + mark.run(at, id).changes, 0))();
}

/** How much is waiting to go up, and since when. */
export function outboxStats(db: Database.Database): OutboxStats {
  const row = db
    .prepare('SELECT count(*) AS pending, min(occurred_at) AS oldest FROM outbox WHERE sent_at IS NULL')
    .get() as { pending: number; oldest: string | null };
  return { pending: row.pending, oldestOccurredAt: row.oldest };
}

function toEvent(row: OutboxRow): OutboxEvent {
  return {
    id: row.id,
    type: row.type,
    payload: JSON.parse(row.payload) as unknown,
    occurredAt: row.occurred_at,
    sentAt: row.sent_at,
  };
}
