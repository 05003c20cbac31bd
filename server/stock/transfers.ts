// A transfer out becomes an expected delivery at the store it goes to (kind `transfer`, the sending
// store's transfer number), which that store's terminals receive with the same screen. Called by
// server/events/ingest.ts inside the event's savepoint. A transfer to a store HQ does not know, or to
// the sender itself, leaves the sender's stock all the same; it just has nowhere to arrive.
import { randomUUID } from 'node:crypto';
import type { DeviceContext } from '../auth/authenticate';
import { findStore } from '../auth/enrolment';
import type { Queryable } from '../db/database';
import { insertDeliveryLines } from './po-import';
import type { TransferFacts } from './receipt-facts';

export async function recordTransferOut(
  tx: Queryable,
  device: DeviceContext,
  eventId: string,
  transfer: TransferFacts,
  receivedAt: Date,
): Promise<void> {
  const toStoreId = await findStore(tx, transfer.toStore);
  if (!toStoreId || toStoreId === device.storeId) return;
  const id = randomUUID();
  const { rows } = await tx.query(
    `INSERT INTO expected_deliveries (id, store_id, kind, number, source, expected_on, created_at, from_event_id)
     VALUES ($1, $2, 'transfer', $3, $4, NULL, $5, $6) ON CONFLICT (store_id, kind, number) DO NOTHING RETURNING id`,
    [id, toStoreId, transfer.number, device.storeCode, receivedAt, eventId],
  );
  if (rows.length === 0) return;
  await insertDeliveryLines(tx, id, transfer.lines);
}
