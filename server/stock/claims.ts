// POST /v1/delivery-claims: an online terminal starting to receive a delivery note asks HQ for its
// reference first, so a second terminal of the store is refused at once, naming who took it and when.
// A reference already booked (delivery_receipts) or claimed by another receiving is refused; the same
// receiving asking again is granted again (idempotent on the receiving id). Two claims racing for one
// reference meet at the primary key: the loser is answered with the winner.
import { deliveryReferenceKey, type DeliveryClaim, type DeliveryHolder } from '../../core/sync';
import type { DeviceContext } from '../auth/authenticate';
import type { Database, Queryable } from '../db/database';
import { sqlState, toIso } from '../db/database';
import { fail, type HttpFailure } from '../result';

/** How long a claim holds a delivery note without its receiving arriving. */
export const DELIVERY_CLAIM_HOURS = 24;

export type DeliveryClaimOutcome = { ok: true; granted: true } | HttpFailure;

export async function claimDelivery(
  db: Database,
  device: DeviceContext,
  claim: DeliveryClaim,
): Promise<DeliveryClaimOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction((tx) => decide(tx, device, claim));
    } catch (error) {
      // Another claim of the same reference committed between our read and our insert: read it again.
      if (sqlState(error) === '23505' && attempt === 0) continue;
      throw error;
    }
  }
}

async function decide(
  tx: Queryable,
  device: DeviceContext,
  claim: DeliveryClaim,
): Promise<DeliveryClaimOutcome> {
  const key = deliveryReferenceKey(claim.reference);
  const booked = await tx.query<{
    receiving_id: string | null;
    terminal_id: string | null;
    staff_id: string | null;
    received_at: Date;
  }>(
    'SELECT receiving_id, terminal_id, staff_id, received_at FROM delivery_receipts WHERE store_id = $1 AND reference_key = $2',
    [device.storeId, key],
  );
  const b = booked.rows[0];
  if (b) {
    if (b.receiving_id === claim.receivingId) return { ok: true, granted: true };
    return taken(claim.reference, {
      receivingId: b.receiving_id ?? '',
      terminalId: b.terminal_id ?? '(unknown terminal)',
      staffId: b.staff_id ?? '(unknown staff)',
      at: toIso(b.received_at),
    });
  }
  // A claim whose receiving never arrived (its terminal died mid-delivery) holds the note a day at most,
  // as a refund claim does; the note is then free, and a double is still flagged at ingest.
  await tx.query(
    `DELETE FROM delivery_claims WHERE store_id = $1 AND reference_key = $2 AND receiving_id <> $3
       AND claimed_at <= now() - make_interval(hours => $4)`,
    [device.storeId, key, claim.receivingId, DELIVERY_CLAIM_HOURS],
  );
  const held = await tx.query<{
    reference_key: string;
    receiving_id: string;
    terminal_id: string;
    staff_id: string;
    claimed_at: Date;
  }>(
    `SELECT reference_key, receiving_id, terminal_id, staff_id, claimed_at FROM delivery_claims
     WHERE store_id = $1 AND (reference_key = $2 OR receiving_id = $3)`,
    [device.storeId, key, claim.receivingId],
  );
  const byReference = held.rows.find((r) => r.reference_key === key);
  if (byReference) {
    if (byReference.receiving_id === claim.receivingId) return { ok: true, granted: true };
    return taken(claim.reference, {
      receivingId: byReference.receiving_id,
      terminalId: byReference.terminal_id,
      staffId: byReference.staff_id,
      at: toIso(byReference.claimed_at),
    });
  }
  if (held.rows.length > 0)
    return fail(
      409,
      'receiving_id_used',
      `receiving ${claim.receivingId} has claimed another delivery note; a new receiving needs a new id`,
    );
  await tx.query(
    `INSERT INTO delivery_claims (store_id, reference_key, receiving_id, device_id, terminal_id, staff_id, claimed_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())`,
    [device.storeId, key, claim.receivingId, device.deviceId, claim.terminalId, claim.staffId],
  );
  return { ok: true, granted: true };
}

function taken(reference: string, holder: DeliveryHolder): HttpFailure {
  return fail(
    409,
    'delivery_already_received',
    `delivery note ${reference} was taken by ${holder.staffId} on terminal ${holder.terminalId} at ${holder.at}: a store receives it once`,
    { holder },
  );
}

/** Gives back the device's claim of a receiving cancelled before it was booked; false when there is none. */
export async function releaseDeliveryClaim(
  db: Database,
  device: DeviceContext,
  receivingId: string,
): Promise<boolean> {
  const { rows } = await db.query(
    'DELETE FROM delivery_claims WHERE store_id = $1 AND receiving_id = $2 AND device_id = $3 RETURNING receiving_id',
    [device.storeId, receivingId, device.deviceId],
  );
  return rows.length > 0;
}
