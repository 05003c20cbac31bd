// Which of a device's states need someone to look: decided here, once, so the back office only puts
// the reasons into words. Thresholds follow the terminal's own: it syncs every minute and its status
// bar warns at 15 minutes of waiting sales (services/sync STALE_OUTBOX_SECONDS).

/** Why a device needs a look, most urgent first. */
export type Attention =
  | 'never_seen' // enrolled, never synced
  | 'not_seen' // no contact for NOT_SEEN_MS
  | 'sales_waiting' // sales waited more than WAITING_MS at its last report
  | 'clock_off' // its clock is CLOCK_OFF_MS or more from HQ's
  | 'catalog_behind' // behind HQ's catalog, and its last report is CATALOG_LATE_MS old
  | 'software_differs'; // it runs another OpenLane version than HQ

export const NOT_SEEN_MS = 15 * 60_000;
export const WAITING_MS = 15 * 60_000;
export const CLOCK_OFF_MS = 2 * 60_000;
export const CATALOG_LATE_MS = 5 * 60_000;

export interface DeviceFacts {
  revoked: boolean;
  enrolledAt: number;
  lastSeenAt: number | null;
  reportedAt: number | null;
  clockSkewMs: number | null;
  catalogVersion: number | null;
  softwareVersion: string | null;
  pendingSales: number | null;
  /** HQ's clock. */
  oldestWaitingAt: number | null;
}

/** The reasons to look at a device now; none for a revoked one (it is done with). */
export function attentionOf(
  device: DeviceFacts,
  hq: { catalogVersion: number; softwareVersion: string },
  now: number,
): Attention[] {
  if (device.revoked) return [];
  const reasons: Attention[] = [];
  if (device.lastSeenAt === null) reasons.push('never_seen');
  else if (now - device.lastSeenAt > NOT_SEEN_MS) reasons.push('not_seen');
  if (
    (device.pendingSales ?? 0) > 0 &&
    device.oldestWaitingAt !== null &&
    now - device.oldestWaitingAt > WAITING_MS
  ) {
    reasons.push('sales_waiting');
  }
  if (device.clockSkewMs !== null && Math.abs(device.clockSkewMs) >= CLOCK_OFF_MS) reasons.push('clock_off');
  if (
    device.catalogVersion !== null &&
    device.reportedAt !== null &&
    device.catalogVersion < hq.catalogVersion &&
    now - device.reportedAt > CATALOG_LATE_MS
  ) {
    reasons.push('catalog_behind');
  }
  if (device.softwareVersion !== null && device.softwareVersion !== hq.softwareVersion) {
    reasons.push('software_differs');
  }
  return reasons;
}
