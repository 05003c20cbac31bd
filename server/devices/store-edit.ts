// Editing a store from its page: its name and its time zone. One transaction takes the row, changes what
// differs and audits the before and after of just those fields; a zone change re-adds the store's sales
// rollups in the new zone (server/reports/zones.ts), as PUT …/time-zone does.
import type { Database } from '../db/database';
import type { Actor } from '../office/access';
import { recordAudit } from '../office/audit';
import { changeStoreZone, knownZone, UNKNOWN_ZONE_HINT } from '../reports/zones';
import { fail, type Result } from '../result';

export interface StoreChanges {
  name?: string;
  timeZone?: string;
}

interface StoreFields {
  name?: string | null;
  timeZone?: string;
}

/** Applies the changes to store `code`; `changed` names the fields that really changed. */
export async function editStore(
  db: Database,
  actor: Actor,
  code: string,
  changes: StoreChanges,
): Promise<Result<{ changed: (keyof StoreFields)[] }>> {
  const zone = changes.timeZone === undefined ? undefined : await knownZone(db, changes.timeZone);
  if (zone === null)
    return fail(
      400,
      'unknown_time_zone',
      `"${changes.timeZone}" is not a time zone HQ knows; ${UNKNOWN_ZONE_HINT}`,
    );
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; name: string | null; time_zone: string }>(
      'SELECT id, name, time_zone FROM stores WHERE code = $1 FOR UPDATE',
      [code],
    );
    const row = rows[0];
    if (!row) return fail(404, 'store_not_found', `there is no store ${code}`);
    const before: StoreFields = {};
    const after: StoreFields = {};
    if (changes.name !== undefined && changes.name !== row.name) {
      await tx.query('UPDATE stores SET name = $2 WHERE id = $1', [row.id, changes.name]);
      before.name = row.name;
      after.name = changes.name;
    }
    if (zone !== undefined && zone !== row.time_zone) {
      await changeStoreZone(tx, row.id, zone);
      before.timeZone = row.time_zone;
      after.timeZone = zone;
    }
    const changed = Object.keys(after) as (keyof StoreFields)[];
    // Saving the form unchanged is not a change: nothing to audit.
    if (changed.length > 0)
      await recordAudit(tx, actor, {
        action: 'store.update',
        targetType: 'store',
        targetId: code,
        store: code,
        before,
        after,
      });
    return { ok: true as const, changed };
  });
}
