// The `refund.completed` event as HQ checks it (core/sync/refunds.ts's RefundPayload), and what it plans
// to write: the refund, and a `return` stock movement for each restocked line. Pure, like events/plan.ts.
// A refund is never refused for what it did (the money went out already): only for being malformed or
// naming another store. One that gave back more than the sale sold is recorded, then flagged.
import { z } from 'zod';
import { describeIssues } from '../../core/result';
import { CURRENCY_CODE } from '../../core/money';
import { MAX_EVENT_LINES, REFUND_REASONS, type RefundPayload } from '../../core/sync';
import { count, gtin, isoTime } from '../events/schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = z.string().min(1).max(64);
const money = count.nonnegative();

export const refundSchema = z.looseObject({
  id: z.string().regex(UUID, 'must be a UUID'),
  refundNumber: id,
  receiptNumber: id.nullable(),
  storeId: id,
  terminalId: id,
  staffId: id,
  approvedBy: id.nullable(),
  shiftId: id.nullable(),
  currency: z.string().regex(CURRENCY_CODE, 'must be an ISO 4217 code like CNY'),
  total: money,
  taxTotal: money,
  cashRounding: count,
  lines: z
    .array(
      z.looseObject({
        line: z.number().int().min(0).max(MAX_EVENT_LINES),
        gtin: gtin.nullable(),
        unit: z.enum(['each', 'kg']),
        quantity: count.positive(),
        amount: money,
        reason: z.enum(REFUND_REASONS),
        disposition: z.enum(['restock', 'write_off']),
      }),
    )
    .min(1)
    .max(MAX_EVENT_LINES),
  tenders: z
    .array(
      z.looseObject({
        kind: z.enum(['cash', 'merchant_qr', 'wallet_code']),
        amount: money,
        paymentId: id.nullable(),
        reference: z.string().max(200).nullable(),
      }),
    )
    .max(100),
  refundedAt: isoTime,
  offline: z.boolean(),
  training: z.boolean().optional(),
}) satisfies z.ZodType<RefundPayload>;

export type CheckedRefund = z.infer<typeof refundSchema>;

/** A restocked line going back on the shelf (its GTIN is found from the sale when the event lacks it). */
export interface ReturnMovement {
  gtin: string;
  quantity: number;
  kind: 'return';
}

export type PlannedRefund =
  | { ok: true; refund: CheckedRefund; movements: ReturnMovement[] }
  | { ok: false; code: string; reason: string };

/** Checks a `refund.completed` payload for the device's store. */
export function planRefund(payload: unknown, storeCode: string): PlannedRefund {
  const parsed = refundSchema.safeParse(payload);
  if (!parsed.success)
    return {
      ok: false,
      code: 'bad_payload',
      reason: describeIssues(parsed.error.issues, { prefix: 'payload' }),
    };
  const refund = parsed.data;
  if (refund.storeId !== storeCode) {
    return {
      ok: false,
      code: 'store_mismatch',
      reason: `the refund says store "${refund.storeId}" but this device is enrolled in store "${storeCode}"`,
    };
  }
  if (refund.receiptNumber === null && refund.lines.some((l) => l.disposition === 'restock' && !l.gtin)) {
    return {
      ok: false,
      code: 'bad_payload',
      reason: 'payload.lines: a restocked line of a return without a receipt needs its gtin',
    };
  }
  // Nothing came back to the shelf for real in training: HQ's stock must not think it did.
  const movements =
    refund.training === true
      ? []
      : refund.lines.flatMap((l) =>
          l.disposition === 'restock' && l.gtin
            ? [{ gtin: l.gtin, quantity: l.quantity, kind: 'return' as const }]
            : [],
        );
  return { ok: true, refund, movements };
}
