// What the terminal shows of its sync: online or offline, last sync, events waiting and the age of the
// oldest (with a warning when it gets old), and the catalog version. Read from SQLite alone, so
// `openlane status` answers without the network.
import { countProducts } from '../../db/catalog';
import type { Database } from '../../db/open';
import { outboxStats } from '../../db/outbox';
import { countDeadLetters, syncState } from '../../db/sync';

/** An event waiting longer than this makes the status warn; default 15 minutes. */
export const STALE_OUTBOX_SECONDS = 15 * 60;

export interface SyncStatus {
  catalog: { products: number; version: number };
  outbox: {
    pending: number;
    /** Of those, the finished sales (`sale.completed`): what staff count as "sales waiting". */
    pendingSales: number;
    /** Age of the oldest pending event by this terminal's clock; null when nothing waits. */
    oldestAgeSeconds: number | null;
    /** True when the oldest pending event is older than STALE_OUTBOX_SECONDS. */
    stale: boolean;
    /** Events HQ rejected (the local dead-letter list). */
    deadLetters: number;
  };
  sync: {
    enrolled: boolean;
    serverUrl: string | null;
    /**
     * Whether the last sync attempt went through (push and pull, with HQ answering). It is what the
     * terminal last saw, not a live probe: false before the first attempt and after any failed one.
     */
    online: boolean;
    /** The last sync that went through completely (terminal clock, ISO 8601), or null. */
    lastSyncAt: string | null;
    lastAttemptAt: string | null;
    lastError: string | null;
    /** HQ's clock minus this terminal's at the last push, in ms; shown, never used to decide. */
    clockSkewMs: number | null;
  };
}

export function syncStatus(
  db: Database,
  enrolment: { serverUrl: string } | null,
  now: Date = new Date(),
  staleSeconds = STALE_OUTBOX_SECONDS,
): SyncStatus {
  const state = syncState(db);
  const stats = outboxStats(db);
  const oldestAgeSeconds =
    stats.oldestOccurredAt === null
      ? null
      : Math.max(0, Math.round((now.getTime() - Date.parse(stats.oldestOccurredAt)) / 1000));
  return {
    catalog: { products: countProducts(db), version: state.catalogVersion },
    outbox: {
      pending: stats.pending,
      pendingSales: pendingSales(db),
      oldestAgeSeconds,
      stale: oldestAgeSeconds !== null && oldestAgeSeconds > staleSeconds,
      deadLetters: countDeadLetters(db),
    },
    sync: {
      enrolled: enrolment !== null,
      serverUrl: enrolment?.serverUrl ?? null,
      online: state.lastAttemptAt !== null && state.lastError === null,
      lastSyncAt: state.lastSuccessAt,
      lastAttemptAt: state.lastAttemptAt,
      lastError: state.lastError,
      clockSkewMs: state.clockSkewMs,
    },
  };
}

function pendingSales(db: Database): number {
  const row = db
    .prepare("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND type = 'sale.completed'")
    .get() as { n: number };
  return row.n;
}
