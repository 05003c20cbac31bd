// What the terminal shows of its sync: online or offline, last sync, events waiting and the age of the
// oldest (with a warning when it gets old), and the catalog version. Read from SQLite alone, so
// `openlane status` answers without the network.
import { countProducts } from '../../db/catalog';
import type { Database } from '../../db/open';
import { outboxStats } from '../../db/outbox';
import { countDeadLetters, syncState } from '../../db/sync';
import type { SyncView } from '../api/contract';

/** An event waiting longer than this makes the status warn; default 15 minutes. */
export const STALE_OUTBOX_SECONDS = 15 * 60;

/** The status is the TerminalApi's SyncView: one shape for `openlane status`, events and the screen. */
export type SyncStatus = SyncView;

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
      lastErrorCode: state.lastErrorCode,
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
