// The store key: one secret per store, shared by its terminals to sign what they say to each other over
// the store's LAN (services/lanes/auth.ts). Made from crypto randomness the first time the store needs
// it, handed to devices at enrolment and on sync; never logged. A rotation keeps the old key for a grace
// period, so a terminal that has the new key and one that has not synced yet still understand each other.
import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import { toIso } from '../db/database';

/** How long a rotated-out key is still handed out (and so accepted) by default: one sync interval and then some. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 10 * 60;

export interface StoreKeys {
  key: string;
  /** The key before the last rotation, while its grace lasts (HQ's clock); else null. */
  previousKey: string | null;
}

/** 32 random bytes, base64url: 43 characters, above the lane link's 32-character minimum. */
export function newStoreKey(): string {
  return randomBytes(32).toString('base64url');
}

/** The store's key, made on first need (a race between two servers keeps whichever was written first). */
export async function storeKeys(q: Queryable, storeId: string): Promise<StoreKeys> {
  await q.query('INSERT INTO store_keys (store_id, key) VALUES ($1, $2) ON CONFLICT (store_id) DO NOTHING', [
    storeId,
    newStoreKey(),
  ]);
  const { rows } = await q.query<{ key: string; previous_key: string | null; previous_live: boolean }>(
    `SELECT key, previous_key, coalesce(previous_until > now(), false) AS previous_live
     FROM store_keys WHERE store_id = $1`,
    [storeId],
  );
  const row = rows[0]!;
  return { key: row.key, previousKey: row.previous_live ? row.previous_key : null };
}

export interface Rotation {
  storeCode: string;
  rotatedAt: string;
  /** Until when the old key is still handed out; equal to rotatedAt with no grace. */
  previousUntil: string;
}

/**
 * Gives a store a new key; the old one is still handed out for `graceSeconds` (0: at once refused by
 * every terminal as soon as it syncs — for a key known to be stolen). Throws on a store HQ does not know.
 */
export async function rotateStoreKey(
  db: Database,
  storeCode: string,
  graceSeconds: number = DEFAULT_ROTATION_GRACE_SECONDS,
): Promise<Rotation> {
  if (!Number.isSafeInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > 7 * 24 * 3600)
    throw new Error(`the grace must be a whole number of seconds from 0 to a week, not ${graceSeconds}`);
  return db.transaction(async (tx) => {
    const found = await tx.query<{ id: string }>('SELECT id FROM stores WHERE code = $1', [storeCode]);
    const storeId = found.rows[0]?.id;
    if (!storeId) throw new Error(`HQ has no store "${storeCode}"`);
    await storeKeys(tx, storeId);
    const { rows } = await tx.query<{ rotated_at: Date; previous_until: Date }>(
      `UPDATE store_keys SET previous_key = key, key = $2, rotated_at = now(),
         previous_until = now() + make_interval(secs => $3)
       WHERE store_id = $1 RETURNING rotated_at, previous_until`,
      [storeId, newStoreKey(), graceSeconds],
    );
    const row = rows[0]!;
    return { storeCode, rotatedAt: toIso(row.rotated_at), previousUntil: toIso(row.previous_until) };
  });
}
