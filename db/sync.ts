// What sync keeps in the terminal's SQLite (migration 0007): the catalog feed's cursor, HQ's answer to
// each outbox event (rejections are the local dead-letter list), and how the last sync went. HQ's
// answers are appended, never changed; a catalog page and its cursor commit together.
import type Database from 'better-sqlite3';
import { demoProducts } from '../core/catalog/demo-store';
import type { Product } from '../core/types';
import { deleteProducts, upsertProductPage } from './catalog';
import { markSent } from './outbox';

export interface SyncState {
  /** The nextCursor of the last catalog page applied; `0` before the first snapshot. */
  catalogCursor: string;
  /** The HQ catalog version this terminal has caught up with; 0 = none yet. */
  catalogVersion: number;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  /** Why the last attempt failed; null when it went through. */
  lastError: string | null;
  /** HQ's code for that failure (`device_revoked`…), when it gave one. */
  lastErrorCode: string | null;
  clockSkewMs: number | null;
  /** A fresh snapshot, taken because HQ's catalog went back in time, is under way. */
  snapshotRestarted: boolean;
}

export type EventAnswer =
  | { eventId: string; status: 'applied' | 'duplicate' }
  | { eventId: string; status: 'rejected'; reasonCode: string; reason: string };

export interface DeadLetter {
  eventId: string;
  type: string;
  occurredAt: string;
  reasonCode: string;
  reason: string;
  answeredAt: string;
}

export interface CatalogPageChanges {
  /** The cursor the page was asked for: if another sync moved past it meanwhile, the page is stale. */
  after: string;
  upserts: Product[];
  deletes: string[];
  nextCursor: string;
  /** Set when this page caught up with HQ (its last): the version to record. */
  caughtUpVersion: number | null;
}

interface StateRow {
  catalog_cursor: string;
  catalog_version: number;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_code: string | null;
  clock_skew_ms: number | null;
  snapshot_restarted: number;
}

export function syncState(db: Database.Database): SyncState {
  const row = db.prepare('SELECT * FROM sync_state WHERE id = 1').get() as StateRow;
  return {
    catalogCursor: row.catalog_cursor,
    catalogVersion: row.catalog_version,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorCode: row.last_error_code ?? null,
    clockSkewMs: row.clock_skew_ms,
    snapshotRestarted: row.snapshot_restarted === 1,
  };
}

/**
 * Applies one catalog page and moves the cursor past it in ONE transaction: a crash leaves either the
 * page and its cursor, or neither (the page is then simply pulled again). A page fetched after a cursor
 * that another sync (`openlane sync` beside the running terminal) has since moved is not applied, so an
 * older price can never overwrite a newer one; `stale` says so and the caller reads the cursor again.
 */
export function applyCatalogPage(
  db: Database.Database,
  page: CatalogPageChanges,
  now = Date.now(),
): { upserted: number; deleted: number; demoRemoved: number; stale: boolean } {
  return db
    .transaction(() => {
      const state = syncState(db);
      if (state.catalogCursor !== page.after) return { upserted: 0, deleted: 0, demoRemoved: 0, stale: true };
      const upserted = upsertProductPage(db, page.upserts, now);
      // Noted with the rows themselves, so a crash cannot leave a written product unnoted.
      const first = state.catalogVersion === 0 && !state.snapshotRestarted;
      if (state.snapshotRestarted)
        noteSnapshotGtins(
          db,
          page.upserts.map((p) => p.gtin),
        );
      else if (first) noteSnapshotGtins(db, demoGtinsIn(page.upserts));
      const deleted = deleteProducts(db, page.deletes);
      db.prepare(
        'UPDATE sync_state SET catalog_cursor = ?, catalog_version = coalesce(?, catalog_version) WHERE id = 1',
      ).run(page.nextCursor, page.caughtUpVersion);
      // HQ's first catalog is complete (and not empty): the demo store a terminal sold from before it
      // was enrolled goes, but for any product HQ sent itself. Sales keep their lines (they copy them).
      const demoRemoved = first && (page.caughtUpVersion ?? 0) > 0 ? removeDemoStore(db) : 0;
      return { upserted, deleted, demoRemoved, stale: false };
    })
    .immediate();
}

let demoGtins: ReadonlySet<string> | null = null;

/** The GTINs of a page that are also the demo store's (noted, so HQ's own copy of one is kept). */
function demoGtinsIn(products: readonly Product[]): string[] {
  demoGtins ??= new Set(demoProducts().map((p) => p.gtin));
  return products.filter((p) => demoGtins!.has(p.gtin)).map((p) => p.gtin);
}

/** Removes the demo store's products that HQ's first catalog did not bring; how many. */
function removeDemoStore(db: Database.Database): number {
  const remove = db.prepare(
    'DELETE FROM products WHERE gtin = ? AND gtin NOT IN (SELECT gtin FROM catalog_snapshot)',
  );
  let removed = 0;
  for (const product of demoProducts()) removed += remove.run(product.gtin).changes;
  db.prepare('DELETE FROM catalog_snapshot').run();
  return removed;
}

/**
 * HQ no longer has the versions this terminal's cursor points past (its database was reset or restored
 * from an older backup): start again from a full snapshot. The products stay sellable meanwhile; each
 * page applied notes the GTINs it brings (catalog_snapshot, in the file, so a restart mid-snapshot
 * keeps them), and once the snapshot is complete, retireProductsOutsideSnapshot removes the rest.
 * Unsent sales are not touched.
 */
export function restartCatalogSnapshot(db: Database.Database): void {
  db.transaction(() => {
    db.prepare('DELETE FROM catalog_snapshot').run();
    db.prepare("UPDATE sync_state SET catalog_cursor = '0', snapshot_restarted = 1 WHERE id = 1").run();
  })();
}

function noteSnapshotGtins(db: Database.Database, gtins: readonly string[]): void {
  const insert = db.prepare('INSERT OR IGNORE INTO catalog_snapshot (gtin) VALUES (?)');
  for (const gtin of gtins) insert.run(gtin);
}

/** After a restarted snapshot is complete: removes every product it did not bring; how many. */
export function retireProductsOutsideSnapshot(db: Database.Database): number {
  return db.transaction(() => {
    const removed = db
      .prepare('DELETE FROM products WHERE gtin NOT IN (SELECT gtin FROM catalog_snapshot)')
      .run().changes;
    db.prepare('DELETE FROM catalog_snapshot').run();
    db.prepare('UPDATE sync_state SET snapshot_restarted = 0 WHERE id = 1').run();
    return removed;
  })();
}

/**
 * Keeps HQ's answers and marks the events sent, in one transaction. A rejected event is marked sent too:
 * it is filed here (the dead-letter list) and never holds back the events after it. An event that
 * already has an answer keeps its first one.
 */
export function recordAnswers(
  db: Database.Database,
  answers: readonly EventAnswer[],
  answeredAt: Date = new Date(),
  serverReceivedAt: string | null = null,
): void {
  const insert = db.prepare(
    `INSERT INTO outbox_results (event_id, status, reason_code, reason, answered_at, server_received_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
  );
  const at = answeredAt.toISOString();
  db.transaction(() => {
    for (const a of answers) {
      const rejected = a.status === 'rejected';
      insert.run(
        a.eventId,
        a.status,
        rejected ? a.reasonCode : null,
        rejected ? a.reason : null,
        at,
        serverReceivedAt,
      );
    }
    markSent(
      db,
      answers.map((a) => a.eventId),
      answeredAt,
    );
  }).immediate();
}

/** Notes how a sync attempt ended; a success clears the error and stamps lastSuccessAt. */
export function recordAttempt(
  db: Database.Database,
  outcome: { ok: true; clockSkewMs?: number | null } | { ok: false; error: string; code?: string | null },
  at: Date = new Date(),
): void {
  const iso = at.toISOString();
  if (outcome.ok) {
    db.prepare(
      `UPDATE sync_state SET last_attempt_at = ?, last_success_at = ?, last_error = NULL, last_error_code = NULL,
         clock_skew_ms = coalesce(?, clock_skew_ms) WHERE id = 1`,
    ).run(iso, iso, outcome.clockSkewMs ?? null);
  } else {
    db.prepare(
      'UPDATE sync_state SET last_attempt_at = ?, last_error = ?, last_error_code = ? WHERE id = 1',
    ).run(iso, outcome.error.slice(0, 1000), outcome.code?.slice(0, 64) ?? null);
  }
}

/** The events HQ rejected, newest answer first: the terminal's dead-letter list. */
export function deadLetters(db: Database.Database, limit = 100): DeadLetter[] {
  return db
    .prepare(
      `SELECT r.event_id AS eventId, o.type, o.occurred_at AS occurredAt, r.reason_code AS reasonCode,
         r.reason, r.answered_at AS answeredAt
       FROM outbox_results r JOIN outbox o ON o.id = r.event_id
       WHERE r.status = 'rejected' ORDER BY r.answered_at DESC, o.rowid DESC LIMIT ?`,
    )
    .all(Math.max(0, Math.floor(limit))) as DeadLetter[];
}

export function countDeadLetters(db: Database.Database): number {
  return (
    db.prepare("SELECT count(*) AS n FROM outbox_results WHERE status = 'rejected'").get() as { n: number }
  ).n;
}
