// Reading stores and devices for the back office: each device with what it last reported and the
// reasons it needs a look (attention.ts), each store with its devices counted by state.
import { OPENLANE_VERSION } from '../../core/version';
import { currentCatalogVersion } from '../catalog/version';
import type { Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';
import { attentionOf, type Attention } from './attention';

export interface DeviceView {
  deviceId: string;
  storeCode: string;
  /** The name given at enrolment (`--name`), or null. */
  name: string | null;
  /** Its terminal id and role, once it has synced with an HQ that asks (POST /v1/link). */
  terminalId: string | null;
  role: string | null;
  enrolledAt: string;
  /** Its last contact with HQ (a batch of events or a report), HQ's clock. */
  lastSeenAt: string | null;
  /** Its last report (POST /v1/telemetry); null for a terminal too old to report. */
  reportedAt: string | null;
  /** HQ's clock minus the device's, in ms: positive when the device is behind. */
  clockSkewMs: number | null;
  softwareVersion: string | null;
  catalogVersion: number | null;
  /** Its outbox at its last report; null before one. */
  outbox: { pending: number; pendingSales: number; oldestAt: string | null } | null;
  /** Kept from the first version of this list (issue 7), for scripts that read it. */
  revoked: boolean;
  revokedAt: string | null;
  revokedBy: string | null;
  attention: Attention[];
}

export interface StoreView {
  code: string;
  name: string | null;
  /** Where its report days begin (IANA name). */
  timeZone: string;
  createdAt: string;
  devices: { active: number; needAttention: number; revoked: number };
  /** The most recent contact of any of its devices. */
  lastSeenAt: string | null;
}

/** What devices are compared with: HQ's catalog version and its own software version. */
export interface HqFacts {
  catalogVersion: number;
  softwareVersion: string;
}

export async function hqFacts(q: Queryable): Promise<HqFacts> {
  return { catalogVersion: await currentCatalogVersion(q), softwareVersion: OPENLANE_VERSION };
}

interface DeviceRow {
  id: string;
  store_code: string;
  name: string | null;
  terminal_id: string | null;
  role: string | null;
  enrolled_at: Date;
  last_seen_at: Date | null;
  reported_at: Date | null;
  clock_skew_ms: unknown;
  software_version: string | null;
  catalog_version: unknown;
  outbox_pending: unknown;
  outbox_pending_sales: unknown;
  outbox_oldest_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

const DEVICE_COLUMNS = `d.id, s.code AS store_code, d.name, d.terminal_id, d.role, d.enrolled_at, d.last_seen_at,
  d.reported_at, d.clock_skew_ms, d.software_version, d.catalog_version, d.outbox_pending,
  d.outbox_pending_sales, d.outbox_oldest_at, d.revoked_at, d.revoked_by`;

/**
 * Devices of the given stores (null: every store), revoked ones last, then by store and terminal.
 * `store` narrows to one store.
 */
export async function listDevices(
  q: Queryable,
  stores: readonly string[] | null,
  now: number = Date.now(),
): Promise<DeviceView[]> {
  const { rows } = await q.query<DeviceRow>(
    `SELECT ${DEVICE_COLUMNS} FROM devices d JOIN stores s ON s.id = d.store_id
     WHERE $1::text[] IS NULL OR s.code = ANY($1::text[])
     ORDER BY d.revoked_at IS NOT NULL, s.code, d.terminal_id NULLS LAST, d.enrolled_at, d.id`,
    [stores],
  );
  const hq = await hqFacts(q);
  return rows.map((row) => deviceView(row, hq, now));
}

/** One device, or null when there is none with this id. */
export async function findDevice(q: Queryable, deviceId: string): Promise<DeviceView | null> {
  const { rows } = await q.query<DeviceRow>(
    `SELECT ${DEVICE_COLUMNS} FROM devices d JOIN stores s ON s.id = d.store_id WHERE d.id = $1`,
    [deviceId],
  );
  return rows[0] ? deviceView(rows[0], await hqFacts(q), Date.now()) : null;
}

function deviceView(row: DeviceRow, hq: HqFacts, now: number): DeviceView {
  const ms = (d: Date | null) => (d ? new Date(d).getTime() : null);
  const nullable = (v: unknown) => (v === null || v === undefined ? null : toNumber(v));
  const view: Omit<DeviceView, 'attention'> = {
    deviceId: row.id,
    storeCode: row.store_code,
    name: row.name,
    terminalId: row.terminal_id,
    role: row.role,
    enrolledAt: toIso(row.enrolled_at),
    lastSeenAt: row.last_seen_at ? toIso(row.last_seen_at) : null,
    reportedAt: row.reported_at ? toIso(row.reported_at) : null,
    clockSkewMs: nullable(row.clock_skew_ms),
    softwareVersion: row.software_version,
    catalogVersion: nullable(row.catalog_version),
    outbox:
      row.reported_at === null
        ? null
        : {
            pending: toNumber(row.outbox_pending),
            pendingSales: toNumber(row.outbox_pending_sales),
            oldestAt: row.outbox_oldest_at ? toIso(row.outbox_oldest_at) : null,
          },
    revoked: row.revoked_at !== null,
    revokedAt: row.revoked_at ? toIso(row.revoked_at) : null,
    revokedBy: row.revoked_by,
  };
  const attention = attentionOf(
    {
      revoked: row.revoked_at !== null,
      enrolledAt: ms(row.enrolled_at)!,
      lastSeenAt: ms(row.last_seen_at),
      reportedAt: ms(row.reported_at),
      clockSkewMs: view.clockSkewMs,
      catalogVersion: view.catalogVersion,
      softwareVersion: view.softwareVersion,
      pendingSales: view.outbox?.pendingSales ?? null,
      oldestWaitingAt: ms(row.outbox_oldest_at),
    },
    hq,
    now,
  );
  return { ...view, attention };
}

/** The stores an actor sees (null: all), each with its devices counted by state. */
export async function listStores(
  q: Queryable,
  stores: readonly string[] | null,
  now: number = Date.now(),
): Promise<StoreView[]> {
  const { rows } = await q.query<{ code: string; name: string | null; time_zone: string; created_at: Date }>(
    `SELECT code, name, time_zone, created_at FROM stores WHERE $1::text[] IS NULL OR code = ANY($1::text[]) ORDER BY code`,
    [stores],
  );
  const devices = await listDevices(q, stores, now);
  return rows.map((row) => {
    const mine = devices.filter((d) => d.storeCode === row.code);
    const seen = mine.map((d) => d.lastSeenAt).filter((t): t is string => t !== null);
    return {
      code: row.code,
      name: row.name,
      timeZone: row.time_zone,
      createdAt: toIso(row.created_at),
      devices: {
        active: mine.filter((d) => d.revokedAt === null).length,
        needAttention: mine.filter((d) => d.attention.length > 0).length,
        revoked: mine.filter((d) => d.revokedAt !== null).length,
      },
      lastSeenAt: seen.length > 0 ? seen.reduce((a, b) => (a > b ? a : b)) : null,
    };
  });
}
