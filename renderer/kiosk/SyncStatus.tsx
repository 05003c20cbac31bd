// A quiet line for staff about the sync with HQ: a dot, "HQ", and when it last synced; amber only when
// sales have waited long or the till's clock is minutes off HQ's. A thin bar while a large catalog downloads. Nothing for a terminal never
// enrolled (the Help dialog says "Not connected to HQ"), so shoppers see no alarm.
import { memo } from 'react';
import type { SyncProgressView, SyncView } from '../../services/api/contract';
import { useI18n, type Messages } from '../i18n';
import { syncFraction } from '../common/state';

/** HQ's code for a device it revoked (server/auth/authenticate.ts). */
const DEVICE_REVOKED = 'device_revoked';

/** The status text: synced, not yet synced, offline, or offline with sales waiting. */
export function syncLine(t: Messages, sync: SyncView, now: number): string {
  const { outbox } = sync;
  // HQ revoked this device: no sync will go through until it is enrolled again, so staff are told why.
  if (!sync.sync.online && sync.sync.lastErrorCode === DEVICE_REVOKED) return t.hqRemoved;
  if (!sync.sync.online) {
    if (outbox.pendingSales > 0) return t.hqWaiting(outbox.pendingSales, t.age(outbox.oldestAgeSeconds ?? 0));
    return t.hqOffline;
  }
  const last = sync.sync.lastSyncAt ? Date.parse(sync.sync.lastSyncAt) : Number.NaN;
  if (Number.isNaN(last)) return t.hqNotSyncedYet;
  return t.hqSynced(t.ago(Math.max(0, (now - last) / 1000)));
}

/**
 * What Help tells staff about HQ: the header's own status line (the same function, so the two never
 * disagree) and which catalog the till sells from. A terminal never enrolled has no status line.
 */
export function helpSyncLines(
  t: Messages,
  sync: SyncView,
  now: number,
): { status: string | null; catalog: string } {
  if (!sync.sync.enrolled) return { status: null, catalog: t.hqNotConnected };
  return {
    status: `${t.hq} · ${syncLine(t, sync, now)}`,
    catalog:
      sync.catalog.version > 0
        ? t.catalogVersion(sync.catalog.version, sync.catalog.products)
        : t.hqNoCatalogYet(sync.catalog.products),
  };
}

/** Below this the difference is the network's delay, not a wrong clock. */
const IN_STEP_MS = 2000;
/** From here the header says it too: receipts and reports would carry a visibly wrong time. */
export const CLOCK_WARNING_MS = 5 * 60_000;

/** How this till's clock stands against HQ's (skew = HQ minus till), or null before HQ has answered. */
export function clockLine(t: Messages, skewMs: number | null): string | null {
  if (skewMs === null) return null;
  if (Math.abs(skewMs) < IN_STEP_MS) return t.clockInStep;
  return t.clockSkew(skewMs > 0, t.age(Math.abs(skewMs) / 1000));
}

export const SyncStatus = memo(function SyncStatus({
  sync,
  progress,
}: {
  sync: SyncView | null;
  progress: SyncProgressView | null;
}) {
  const { t } = useI18n();
  if (!sync?.sync.enrolled) return null;
  const online = sync.sync.online;
  const skew = sync.sync.clockSkewMs;
  const clockWrong = skew !== null && Math.abs(skew) >= CLOCK_WARNING_MS;
  const removed = !online && sync.sync.lastErrorCode === DEVICE_REVOKED;
  const tone = removed || sync.outbox.stale || clockWrong ? 'stale' : online ? 'ok' : 'off';
  return (
    <span className={`sync-status ${tone}`} data-testid="sync-status" data-online={online}>
      <span className="sync-line">
        <span className="dot" aria-hidden="true" />
        <span className="sync-hq">{t.hq}</span>
        <span data-testid="sync-text">{syncLine(t, sync, Date.now())}</span>
        {clockWrong ? <span data-testid="sync-clock">· {clockLine(t, skew)}</span> : null}
      </span>
      {progress ? (
        <span
          className="sync-progress"
          role="progressbar"
          aria-label={t.hqDownloading}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(syncFraction(progress) * 100)}
          data-testid="sync-progress"
        >
          <span style={{ width: `${Math.round(syncFraction(progress) * 100)}%` }} />
        </span>
      ) : null}
    </span>
  );
});
