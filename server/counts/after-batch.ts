// After a batch is committed: the counts its events touch are settled again (settle.ts), in a
// transaction of their own. Settling reads only committed movements, so of two batches racing on one
// product the later settle sees both; and since it books only differences, running it again (a resent
// batch, answered `duplicate`) changes nothing that is already right.
import type { DeviceContext } from '../auth/authenticate';
import type { Database } from '../db/database';
import type { EventPlan } from '../events/plan';
import { settleCounts } from './settle';

/** Per product, the earliest moment a plan of the batch moved or counted it. */
export function touchedByBatch(plans: readonly EventPlan[]): Map<string, Date> {
  const touched = new Map<string, Date>();
  const note = (gtin: string, at: string) => {
    const time = new Date(at);
    const seen = touched.get(gtin);
    if (!seen || time < seen) touched.set(gtin, time);
  };
  for (const plan of plans) {
    for (const m of plan.movements) note(m.gtin, plan.event.occurredAt);
    for (const c of plan.counts) note(c.gtin, plan.event.occurredAt);
    for (const l of plan.sessionCount?.lines ?? []) note(l.gtin, l.countedAt);
  }
  return touched;
}

export async function settleAfterBatch(
  db: Database,
  device: DeviceContext,
  plans: readonly EventPlan[],
  receivedAt: Date,
): Promise<void> {
  const touched = touchedByBatch(plans);
  if (touched.size === 0) return;
  // Most batches touch nothing counted: one read, and no transaction at all.
  const { rows } = await db.query<{ gtin: string }>(
    'SELECT DISTINCT gtin FROM count_items WHERE store_id = $1 AND gtin = ANY($2::text[])',
    [device.storeId, [...touched.keys()]],
  );
  if (rows.length === 0) return;
  // A deadlock with another batch settling the same counts is run again by the adapter (db/retry.ts).
  await db.transaction((tx) => settleCounts(tx, device.storeId, device.deviceId, touched, receivedAt));
}
