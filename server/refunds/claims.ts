// POST /v1/refund-claims: an online terminal asks "may these quantities of these lines come back?" before
// it refunds. Checked and recorded in one transaction that holds the sale's row lock, so of two claims on
// the same line at once, the second is checked after the first is written and sees it. A granted claim
// counts against the sale until its refund arrives, or for a day at most (sale-state.ts, CLAIM_HOLD_HOURS). Idempotent on the refund id: the same
// claim again is granted again, and a different claim under a used id is refused.
import type { RefundClaim } from '../../core/sync';
import type { DeviceContext } from '../auth/authenticate';
import type { Database, Queryable } from '../db/database';
import { sqlState } from '../db/database';
import { fail, type HttpFailure } from '../result';
import { CLAIM_HOLD_HOURS, findSale, soldLines, takenBack, takenQuantities } from './sale-state';

export type ClaimOutcome = { ok: true; granted: true } | HttpFailure;

export async function claimLines(
  db: Database,
  device: DeviceContext,
  claim: RefundClaim,
): Promise<ClaimOutcome> {
  try {
    return await db.transaction((tx) => decide(tx, device, claim));
  } catch (error) {
    // The same refund id claimed at the same moment for another sale (the key, not the sale's lock,
    // kept them apart).
    if (sqlState(error) === '23505') return usedId(claim);
    throw error;
  }
}

async function decide(tx: Queryable, device: DeviceContext, claim: RefundClaim): Promise<ClaimOutcome> {
  const sale = await findSale(tx, device.storeId, claim.receiptNumber, { lock: true });
  if (!sale) return notFound(claim.receiptNumber);
  const asked = [...claim.lines].sort((a, b) => a.line - b.line);
  const held = await heldClaim(tx, device.storeId, claim.refundId);
  if (held?.expired) await dropClaim(tx, device.storeId, claim.refundId);
  else if (held) {
    const same =
      held.receiptNumber === claim.receiptNumber && JSON.stringify(held.lines) === JSON.stringify(asked);
    return same ? { ok: true, granted: true } : usedId(claim);
  }
  if (await refundRecorded(tx, device.storeId, claim.refundId)) return { ok: true, granted: true };
  const lines = soldLines(sale.payload);
  const before = takenQuantities(await takenBack(tx, device.storeId, sale, claim.refundId));
  const beyond = asked.flatMap(({ line, quantity }) => {
    const sold = lines[line]?.sold ?? 0;
    const refunded = before.get(line) ?? 0;
    return refunded + quantity > sold ? [{ line, sold, refunded, asked: quantity }] : [];
  });
  if (beyond.length > 0) {
    const named = beyond
      .map((b) =>
        b.line >= lines.length
          ? `line ${b.line} is not on the receipt (it has ${lines.length})`
          : `line ${b.line} sold ${b.sold}, ${b.refunded} already back, ${b.asked} asked`,
      )
      .join('; ');
    return fail(409, 'refund_exceeds_sale', `the refund asks back more than was sold: ${named}`, {
      granted: false,
      lines: beyond,
    });
  }
  await tx.query(
    `INSERT INTO refund_claims (store_id, refund_id, receipt_number, device_id, terminal_id, staff_id, lines, claimed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, now())`,
    [
      device.storeId,
      claim.refundId,
      claim.receiptNumber,
      device.deviceId,
      claim.terminalId,
      claim.staffId,
      JSON.stringify(asked),
    ],
  );
  return { ok: true, granted: true };
}

async function heldClaim(
  tx: Queryable,
  storeId: string,
  refundId: string,
): Promise<{ receiptNumber: string; lines: unknown; expired: boolean } | null> {
  const { rows } = await tx.query<{ receipt_number: string; lines: unknown; expired: boolean }>(
    `SELECT receipt_number, lines, claimed_at <= now() - make_interval(hours => $3) AS expired
     FROM refund_claims WHERE store_id = $1 AND refund_id = $2`,
    [storeId, refundId, CLAIM_HOLD_HOURS],
  );
  const row = rows[0];
  if (!row) return null;
  const lines = typeof row.lines === 'string' ? (JSON.parse(row.lines) as unknown) : row.lines;
  // jsonb orders an object's keys its own way: compare as { line, quantity } again.
  const plain = Array.isArray(lines)
    ? lines.map((l: { line: number; quantity: number }) => ({ line: l.line, quantity: l.quantity }))
    : [];
  return { receiptNumber: row.receipt_number, lines: plain, expired: row.expired };
}

/** An expired claim asked again: it is decided afresh against what others have taken since. */
async function dropClaim(tx: Queryable, storeId: string, refundId: string): Promise<void> {
  await tx.query('DELETE FROM refund_claims WHERE store_id = $1 AND refund_id = $2', [storeId, refundId]);
}

async function refundRecorded(tx: Queryable, storeId: string, refundId: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT 1 FROM refunds WHERE store_id = $1 AND id = $2', [
    storeId,
    refundId,
  ]);
  return rows.length > 0;
}

export function notFound(receiptNumber: string): HttpFailure {
  return fail(404, 'sale_not_found', `this store has no sale with receipt number ${receiptNumber}`);
}

function usedId(claim: RefundClaim): HttpFailure {
  return fail(
    409,
    'refund_id_used',
    `refund ${claim.refundId} has already claimed other lines; a new refund needs a new id`,
  );
}

/**
 * Releases the device's granted claim `refundId` whose refund has not arrived: its lines are free again.
 * False when there is none (never made, refused, released already, or followed by its refund).
 */
export async function releaseClaim(db: Database, device: DeviceContext, refundId: string): Promise<boolean> {
  const { rows } = await db.query(
    `DELETE FROM refund_claims c WHERE c.store_id = $1 AND c.refund_id = $2 AND c.device_id = $3
       AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.store_id = c.store_id AND r.id = c.refund_id)
     RETURNING c.refund_id`,
    [device.storeId, refundId, device.deviceId],
  );
  return rows.length > 0;
}
