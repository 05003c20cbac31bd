// The recall list: lots and serials of products that must not be sold. A table now; HQ fills it later.
import type Database from 'better-sqlite3';
import { StoreError } from './errors';

export interface Recall {
  gtin: string;
  kind: 'lot' | 'serial';
  value: string;
  reason: string;
}

/** Adds (or re-words) a recall of one lot or serial of a product. */
export function addRecall(db: Database.Database, recall: Recall, now: Date = new Date()): void {
  if (!/^\d{14}$/.test(recall.gtin) || !recall.value || !recall.reason.trim())
    throw new StoreError('invalid_item', `A recall needs a GTIN-14, a ${recall.kind} and a reason`);
  db.prepare(
    `INSERT INTO recalls (gtin, kind, value, reason, added_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (gtin, kind, value) DO UPDATE SET reason = excluded.reason`,
  ).run(recall.gtin, recall.kind, recall.value, recall.reason.trim(), now.toISOString());
}

/** The recall that covers this item's lot or serial, if any. */
export function findRecall(
  db: Database.Database,
  item: { gtin: string; lot?: string | null; serial?: string | null },
): Recall | null {
  if (!item.lot && !item.serial) return null;
  const row = db
    .prepare(
      `SELECT gtin, kind, value, reason FROM recalls
        WHERE gtin = ? AND ((kind = 'lot' AND value = ?) OR (kind = 'serial' AND value = ?)) LIMIT 1`,
    )
    .get(item.gtin, item.lot ?? null, item.serial ?? null) as Recall | undefined;
  return row ?? null;
}
