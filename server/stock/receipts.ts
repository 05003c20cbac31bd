// Applying a `stock.received` that names a delivery note (called by server/events/ingest.ts inside the
// event's savepoint). The delivery-once rule at HQ: the first receiving of a reference in a store books
// it; a later one (two offline terminals took the same note) moves NO stock and raises a
// `delivery_received_twice` flag naming both receivings, devices and staff. A booked receiving against an
// expected delivery adds to that delivery's received and damaged per line, and a transfer's comes in as
// `transfer_in`.
import type { DeviceContext } from '../auth/authenticate';
import type { Queryable } from '../db/database';
import { toIso } from '../db/database';
import type { PlannedMovement } from '../events/plan';
import type { ReceiptFacts } from './receipt-facts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ReceivingParty {
  receivingId: string | null;
  deviceId: string;
  terminalId: string | null;
  staffId: string | null;
  at: string;
}

/** Records the receipt; returns the movements to write (none when the reference was booked already). */
export async function recordReceipt(
  tx: Queryable,
  device: DeviceContext,
  eventId: string,
  facts: ReceiptFacts,
  movements: readonly PlannedMovement[],
  receivedAt: Date,
): Promise<PlannedMovement[]> {
  const delivery = await deliveryOf(tx, device.storeId, facts.deliveryId);
  const { rows } = await tx.query(
    `INSERT INTO delivery_receipts (store_id, reference_key, reference, receiving_id, delivery_id, event_id, device_id,
       terminal_id, staff_id, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (store_id, reference_key) DO NOTHING RETURNING event_id`,
    [
      device.storeId,
      facts.referenceKey,
      facts.reference,
      facts.receivingId,
      delivery?.id ?? null,
      eventId,
      device.deviceId,
      facts.terminalId,
      facts.staffId,
      receivedAt,
    ],
  );
  // Taken before by another receiving: flagged, nothing booked. The same receiving's next event (a stock
  // file longer than one event's lines) books its part like the first.
  if (rows.length === 0 && !(await sameReceiving(tx, device.storeId, facts))) {
    await flagSecond(tx, device, eventId, facts, movements, receivedAt);
    return [];
  }
  await tx.query('DELETE FROM delivery_claims WHERE store_id = $1 AND reference_key = $2', [
    device.storeId,
    facts.referenceKey,
  ]);
  if (!delivery) return [...movements];
  await addToDelivery(tx, delivery.id, movements, facts.damaged);
  return delivery.kind === 'transfer'
    ? movements.map((m) => ({ ...m, kind: 'transfer_in' as const }))
    : [...movements];
}

async function sameReceiving(tx: Queryable, storeId: string, facts: ReceiptFacts): Promise<boolean> {
  if (facts.receivingId === null) return false;
  const { rows } = await tx.query<{ receiving_id: string | null }>(
    'SELECT receiving_id FROM delivery_receipts WHERE store_id = $1 AND reference_key = $2',
    [storeId, facts.referenceKey],
  );
  return rows[0]?.receiving_id === facts.receivingId;
}

async function deliveryOf(tx: Queryable, storeId: string, id: string | null) {
  if (!id || !UUID.test(id)) return null;
  const { rows } = await tx.query<{ id: string; kind: 'purchase_order' | 'transfer' }>(
    'SELECT id, kind FROM expected_deliveries WHERE store_id = $1 AND id = $2',
    [storeId, id],
  );
  return rows[0] ?? null;
}

/** Adds what came in to the delivery's lines; an item it did not list is stock all the same. */
async function addToDelivery(
  tx: Queryable,
  deliveryId: string,
  movements: readonly PlannedMovement[],
  damaged: readonly { gtin: string; quantity: number }[],
): Promise<void> {
  const sums = new Map<string, { received: number; damaged: number }>();
  const at = (gtin: string) => sums.get(gtin) ?? sums.set(gtin, { received: 0, damaged: 0 }).get(gtin)!;
  for (const m of movements) at(m.gtin).received += m.quantity;
  for (const d of damaged) at(d.gtin).damaged += d.quantity;
  const gtins = [...sums.keys()].sort();
  if (gtins.length === 0) return;
  await tx.query(
    `UPDATE expected_delivery_lines l SET received = l.received + u.received, damaged = l.damaged + u.damaged
     FROM unnest($2::text[], $3::int8[], $4::int8[]) AS u (gtin, received, damaged)
     WHERE l.delivery_id = $1 AND l.gtin = u.gtin`,
    [deliveryId, gtins, gtins.map((g) => sums.get(g)!.received), gtins.map((g) => sums.get(g)!.damaged)],
  );
}

async function flagSecond(
  tx: Queryable,
  device: DeviceContext,
  eventId: string,
  facts: ReceiptFacts,
  movements: readonly PlannedMovement[],
  receivedAt: Date,
): Promise<void> {
  const { rows } = await tx.query<{
    receiving_id: string | null;
    device_id: string;
    terminal_id: string | null;
    staff_id: string | null;
    received_at: Date;
  }>(
    `SELECT receiving_id, device_id, terminal_id, staff_id, received_at FROM delivery_receipts
     WHERE store_id = $1 AND reference_key = $2`,
    [device.storeId, facts.referenceKey],
  );
  const held = rows[0]!;
  const first: ReceivingParty = {
    receivingId: held.receiving_id,
    deviceId: held.device_id,
    terminalId: held.terminal_id,
    staffId: held.staff_id,
    at: toIso(held.received_at),
  };
  const second: ReceivingParty = {
    receivingId: facts.receivingId,
    deviceId: device.deviceId,
    terminalId: facts.terminalId,
    staffId: facts.staffId,
    at: receivedAt.toISOString(),
  };
  const details = {
    first,
    second,
    notBooked: movements.map((m) => ({ gtin: m.gtin, quantity: m.quantity })),
    damaged: facts.damaged,
  };
  await tx.query(
    `INSERT INTO stock_flags (store_id, event_id, code, reference, details, flagged_at)
     VALUES ($1, $2, 'delivery_received_twice', $3, $4::jsonb, $5) ON CONFLICT DO NOTHING`,
    [device.storeId, eventId, facts.reference, JSON.stringify(details), receivedAt],
  );
}
