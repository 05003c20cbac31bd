// The recall list (migration 0027): HQ's recalls as the lane last pulled them (services/sync/
// recalls-pull.ts), and the refusals it reports. A recall covers every pack of a GTIN or only its
// listed lots and serials; which one covers a scanned pack is core/recalls' matchRecall.
import type Database from 'better-sqlite3';
import type { RecallBlockedPayload, RecallFeedItem, RecallRule } from '../core/recalls';
import { appendEvent } from './outbox';

/** Where the lane is in HQ's recall feed: '0' before the first pull. */
export function recallFeedCursor(db: Database.Database): string {
  const row = db.prepare('SELECT cursor FROM recall_feed WHERE id = 1').get() as
    { cursor: string } | undefined;
  return row?.cursor ?? '0';
}

/**
 * Stores a page of HQ's feed and the cursor after it, in one transaction: each recall replaces the one
 * with its id (an ended recall comes again, inactive). With `replace`, every recall not in `items` is
 * dropped first — the whole list read again after HQ was restored from an older backup.
 */
export function saveRecalls(
  db: Database.Database,
  items: readonly RecallFeedItem[],
  cursor: string,
  receivedAt: Date,
  options: { replace?: boolean } = {},
): void {
  const at = receivedAt.toISOString();
  const upsert = db.prepare(
    `INSERT INTO recall_list (id, gtin, reason, active, created_at, ended_at, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET gtin = excluded.gtin, reason = excluded.reason,
       active = excluded.active, created_at = excluded.created_at, ended_at = excluded.ended_at,
       received_at = excluded.received_at`,
  );
  const clearValues = db.prepare('DELETE FROM recall_values WHERE recall_id = ?');
  const addValue = db.prepare(
    'INSERT OR IGNORE INTO recall_values (recall_id, kind, value) VALUES (?, ?, ?)',
  );
  db.transaction(() => {
    if (options.replace) {
      db.prepare('DELETE FROM recall_values').run();
      db.prepare('DELETE FROM recall_list').run();
    }
    for (const item of items) {
      upsert.run(item.id, item.gtin, item.reason, item.active ? 1 : 0, item.createdAt, item.endedAt, at);
      clearValues.run(item.id);
      for (const lot of item.lots) addValue.run(item.id, 'lot', lot);
      for (const serial of item.serials) addValue.run(item.id, 'serial', serial);
    }
    db.prepare(
      `INSERT INTO recall_feed (id, cursor, synced_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET cursor = excluded.cursor, synced_at = excluded.synced_at`,
    ).run(cursor, at);
  })();
}

/** The active recalls of one GTIN, with their lots and serials. */
export function activeRecallsOf(db: Database.Database, gtin: string): RecallRule[] {
  const recalls = db
    .prepare('SELECT id, gtin, reason FROM recall_list WHERE gtin = ? AND active = 1 ORDER BY created_at, id')
    .all(gtin) as { id: string; gtin: string; reason: string }[];
  if (recalls.length === 0) return [];
  const values = db.prepare('SELECT kind, value FROM recall_values WHERE recall_id = ? ORDER BY kind, value');
  return recalls.map((r) => {
    const rows = values.all(r.id) as { kind: 'lot' | 'serial'; value: string }[];
    return {
      ...r,
      lots: rows.filter((v) => v.kind === 'lot').map((v) => v.value),
      serials: rows.filter((v) => v.kind === 'serial').map((v) => v.value),
    };
  });
}

/** How many recalls are active on this lane (for its status). */
export function activeRecallCount(db: Database.Database): number {
  return (db.prepare('SELECT count(*) AS n FROM recall_list WHERE active = 1').get() as { n: number }).n;
}

/** Writes a refused sale of a recalled item: its `recall.blocked` event, in a transaction of its own. */
export function recordRecallBlocked(
  db: Database.Database,
  payload: RecallBlockedPayload,
  at: Date = new Date(),
): string {
  return db.transaction(() => appendEvent(db, 'recall.blocked', payload, at))();
}

/**
 * Reports a basket line a recall reached after it was scanned, the first time it stops a payment: its
 * `recall.blocked` event and the line's mark, in one transaction. False (nothing written) when the
 * line was reported before — each line is reported once, however often payment is tried.
 */
export function recordLineRecallBlocked(
  db: Database.Database,
  lineId: string,
  payload: RecallBlockedPayload,
  at: Date = new Date(),
): boolean {
  return db.transaction(() => {
    const seen = db.prepare('SELECT 1 FROM recall_line_blocks WHERE line_id = ?').get(lineId);
    if (seen) return false;
    const eventId = appendEvent(db, 'recall.blocked', { ...payload, lineId }, at);
    db.prepare(
      'INSERT INTO recall_line_blocks (line_id, recall_id, event_id, blocked_at) VALUES (?, ?, ?, ?)',
    ).run(lineId, payload.recallId, eventId, at.toISOString());
    return true;
  })();
}
