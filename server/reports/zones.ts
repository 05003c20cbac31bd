// A store's time zone: the name checked against both the JS runtime and the database (reports turn
// instants into local days in SQL, the screens in JavaScript), and a change that re-adds the store's
// rollups in the new zone, since their days and hours begin where the zone says.
import type { Queryable } from '../db/database';
import { rebuildStoreRollups } from './rebuild';

export const UNKNOWN_ZONE_HINT = 'give an IANA name like Asia/Shanghai or Europe/Paris';

/** The zone's name as the database spells it, when both it and the JS runtime know it. */
export async function knownZone(q: Queryable, name: string): Promise<string | null> {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
  } catch {
    return null;
  }
  const { rows } = await q.query<{ name: string }>(
    'SELECT name FROM pg_timezone_names WHERE lower(name) = lower($1) ORDER BY name = $1 DESC LIMIT 1',
    [name],
  );
  return rows[0]?.name ?? null;
}

/** Moves a store to another zone inside the caller's transaction (the caller audits it). */
export async function changeStoreZone(tx: Queryable, storeId: string, zone: string): Promise<void> {
  await tx.query('UPDATE stores SET time_zone = $2 WHERE id = $1', [storeId, zone]);
  await rebuildStoreRollups(tx, storeId);
}
