// Effective-dated price changes from HQ (migration 0025) and the shelf labels printed. The price in
// force at a time is the latest change effective at or before it — the store's over the chain's when
// both take effect at the same moment — else the catalog's own price. Times are ms since the epoch.
import type { Database } from './open';

/** A price change as HQ sent it. */
export interface PriceChangeRow {
  hqId: number;
  gtin: string;
  price: number;
  /** ms since the epoch (UTC). */
  effectiveAt: number;
  storeLevel: boolean;
  /** Cancelled at HQ: the stored change is forgotten (it never takes effect). */
  cancelled?: boolean;
}

/** A price and the moment it takes (or took) effect. */
export interface DatedPrice {
  price: number;
  effectiveAt: number;
}

// The store's change wins over the chain's at the same moment; hq_id breaks what is left of a tie.
const WINNER = 'ORDER BY effective_at DESC, store_level DESC, hq_id DESC LIMIT 1';

/** Stores (or replaces, by HQ's id) changes HQ sent, and forgets the cancelled ones; one transaction. */
export function savePriceChanges(
  db: Database,
  rows: readonly PriceChangeRow[],
  cursor: string,
  receivedAt: Date,
): void {
  const upsert = db.prepare(
    `INSERT INTO price_changes (hq_id, gtin, price, effective_at, store_level, received_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (hq_id) DO UPDATE SET gtin = excluded.gtin, price = excluded.price,
       effective_at = excluded.effective_at, store_level = excluded.store_level,
       received_at = excluded.received_at`,
  );
  const forget = db.prepare('DELETE FROM price_changes WHERE hq_id = ?');
  const at = receivedAt.toISOString();
  db.transaction(() => {
    for (const r of rows) {
      if (r.cancelled) forget.run(r.hqId);
      else upsert.run(r.hqId, r.gtin, r.price, r.effectiveAt, r.storeLevel ? 1 : 0, at);
    }
    db.prepare(
      'INSERT INTO price_feed (id, cursor) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET cursor = excluded.cursor',
    ).run(cursor);
  })();
}

/** Where the price feed is: HQ's cursor after the last change received ('0' before the first). */
export function priceFeedCursor(db: Database): string {
  const row = db.prepare('SELECT cursor FROM price_feed WHERE id = 1').get() as
    { cursor: string } | undefined;
  return row?.cursor ?? '0';
}

/** The dated price in force for an item at `at`, or null when no change has taken effect (the catalog's applies). */
export function datedPriceAt(db: Database, gtin: string, at: number): DatedPrice | null {
  return (
    (db
      .prepare(
        `SELECT price, effective_at AS effectiveAt FROM price_changes
         WHERE gtin = ? AND effective_at <= ? ${WINNER}`,
      )
      .get(gtin, at) as DatedPrice | undefined) ?? null
  );
}

/** The first change after `at` that HQ has sent for an item, or null. */
export function nextDatedPrice(db: Database, gtin: string, at: number): DatedPrice | null {
  const first = db
    .prepare('SELECT min(effective_at) AS t FROM price_changes WHERE gtin = ? AND effective_at > ?')
    .get(gtin, at) as { t: number | null };
  return first.t === null ? null : datedPriceAt(db, gtin, first.t);
}

/** Items with a change taking effect in (from, to], each once, in the order they take effect. */
export function itemsChangingBetween(db: Database, from: number, to: number): string[] {
  const rows = db
    .prepare(
      `SELECT gtin FROM price_changes WHERE effective_at > ? AND effective_at <= ?
       GROUP BY gtin ORDER BY min(effective_at), gtin`,
    )
    .all(from, to) as { gtin: string }[];
  return rows.map((r) => r.gtin);
}

/** A shelf label that went to a printer. */
export interface LabelPrint {
  gtin: string;
  price: number;
  effectiveAt: number | null;
  printer: 'receipt' | 'label';
  staffId: string;
}

export function recordLabelPrints(db: Database, prints: readonly LabelPrint[], printedAt: Date): void {
  const insert = db.prepare(
    `INSERT INTO label_prints (gtin, price, effective_at, printer, staff_id, printed_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const at = printedAt.toISOString();
  db.transaction(() => {
    for (const p of prints) insert.run(p.gtin, p.price, p.effectiveAt, p.printer, p.staffId, at);
  })();
}

/** Whether a label with this price and effective date was printed already. */
export function labelPrinted(db: Database, gtin: string, price: number, effectiveAt: number | null): boolean {
  return (
    db
      .prepare('SELECT 1 FROM label_prints WHERE gtin = ? AND price = ? AND effective_at IS ? LIMIT 1')
      .get(gtin, price, effectiveAt) !== undefined
  );
}
