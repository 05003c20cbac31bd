// Telling this process's open event streams that a device was revoked, at once. A revocation made by
// another HQ process on the same database reaches them through the stream's own poll instead
// (server/http/stream.ts checks its connected devices against `devices.revoked_at` on every poll).
// Keyed by the database object, so two HQ servers in one process (tests) never hear each other's.
import type { Queryable } from '../db/database';

type Listener = (deviceId: string) => void;
const listeners = new WeakMap<Queryable, Set<Listener>>();

/** Calls `listener` with each device revoked through `db` in this process; returns the unsubscribe. */
export function onDeviceRevoked(db: Queryable, listener: Listener): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/** Called after the revocation has committed. */
export function announceRevoked(db: Queryable, deviceId: string): void {
  for (const listener of listeners.get(db) ?? []) listener(deviceId);
}

/** Of these devices, the ones revoked now: what a stream poll ends. */
export async function revokedAmong(q: Queryable, deviceIds: readonly string[]): Promise<string[]> {
  if (deviceIds.length === 0) return [];
  const { rows } = await q.query<{ id: string }>(
    'SELECT id FROM devices WHERE revoked_at IS NOT NULL AND id = ANY($1::uuid[])',
    [deviceIds],
  );
  return rows.map((row) => row.id);
}

/** What a revoked device's stream is told before it ends, and its next request too. */
export const REVOKED_REASON = 'this device has been revoked; enrol it again';
