// The payment simulator's refund endpoints (the rules are refund-book.ts's):
//
//   POST /api/refunds  {"reference", "payment", "paymentReference"?, "amount", "paymentAmount"?,
//                       "currency", "reason"?}
//        201 the refund made (status paid, pending under `refund_pending`, or declined by the bank);
//        200 the refund already made under that reference (never a second one);
//        404 no such payment; 409 with a code and a reason when the payment cannot give it back
//        (payment_not_paid, currency_mismatch, amount_exceeds_refundable, reference_conflict…);
//        400 for a body that is not what is asked.
//   GET  /api/refunds/{reference}  the refund, or 404.
//
// They sit behind the same doors as every other endpoint (Host, and Origin or this machine: doors.ts),
// and meet the fault modes of faults.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from '../../web/http-util';
import { paymentFields } from './charges';
import { lostAnswer, neverArrives, slow } from './fault-routes';
import { readValidJson } from './json-body';
import type { SimulatorFaults } from './faults';
import { refundedSoFar, type RefundBook } from './refund-book';
import type { SimPayment, SimRefund } from './store';

interface RefundContext {
  refunds: RefundBook;
  faults: SimulatorFaults;
}

const text = (max: number) =>
  z.string({ error: 'must be a string' }).max(max, `must be at most ${max} characters`);

export const refundSchema = z.strictObject({
  reference: text(64).min(1, 'must not be empty'),
  payment: text(100).min(1, 'must not be empty'),
  paymentReference: text(64).optional(),
  amount: paymentFields.amount,
  paymentAmount: paymentFields.amount.optional(),
  currency: paymentFields.currency,
  reason: text(200).optional(),
});

/** Answers /api/refunds and /api/refunds/{reference}; false when the path is neither. */
export async function refundRoutes(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RefundContext,
  path: string,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  if (path === '/api/refunds') {
    if (method !== 'POST') notAllowed(res, 'POST');
    else await createRefund(req, res, ctx);
    return true;
  }
  const match = path.match(/^\/api\/refunds\/([^/]+)$/);
  if (!match) return false;
  if (method !== 'GET') {
    notAllowed(res, 'GET');
    return true;
  }
  const reference = decoded(match[1]!);
  const found = ctx.refunds.get(reference);
  await slow(ctx, 'refund_query', { reference, amount: found?.refund.amount });
  if (!found) sendJson(res, 404, apiError('not_found', `no refund with reference "${reference}"`));
  else sendJson(res, 200, refundView(found.refund, found.payment));
  return true;
}

async function createRefund(req: IncomingMessage, res: ServerResponse, ctx: RefundContext): Promise<void> {
  const input = await readValidJson(req, res, refundSchema);
  if (!input) return;
  const target = { reference: input.reference, amount: input.amount };
  await slow(ctx, 'refund', target);
  if (await neverArrives(req, res, ctx, 'refund', target)) return;
  const request = { ...input, reason: input.reason ?? '' };
  const outcome = ctx.refunds.create(request, () => ({
    bankDeclines: ctx.faults.take('decline', 'refund', target) !== null,
    pendingMs: ctx.faults.take('refund_pending', 'refund', target)?.ms,
  }));
  // `duplicate_notify`: the same request delivered once more, a moment later; it must refund nothing more.
  const duplicate = outcome.kind === 'created' ? ctx.faults.take('duplicate_notify', 'refund', target) : null;
  if (duplicate) setTimeout(() => redeliver(ctx, request), duplicate.ms).unref();
  if (await lostAnswer(req, res, ctx, 'refund', target)) return;
  if (outcome.kind === 'not_found') return sendJson(res, 404, apiError('not_found', outcome.message));
  if (outcome.kind === 'declined') return sendJson(res, 409, apiError(outcome.code, outcome.message));
  sendJson(res, outcome.kind === 'created' ? 201 : 200, refundView(outcome.refund, outcome.payment));
}

/** A duplicate delivery of a refund request; a simulator closed meanwhile simply drops it. */
function redeliver(ctx: RefundContext, request: Parameters<RefundBook['create']>[0]): void {
  try {
    ctx.refunds.create(request);
  } catch (error) {
    console.error('payment simulator: a duplicate refund request was dropped:', error);
  }
}

export function refundView(refund: SimRefund, payment: SimPayment) {
  return {
    id: refund.id,
    reference: refund.reference,
    payment: payment.id,
    paymentReference: payment.reference,
    status: refund.status,
    amount: refund.amount,
    currency: refund.currency,
    reason: refund.reason,
    declineReason: refund.declineReason,
    createdAt: new Date(refund.createdAt).toISOString(),
    requests: refund.requests,
    /** What the payment took, and what its refunds have given (or are giving) back so far. */
    paymentAmount: payment.amount,
    refunded: refundedSoFar(payment),
  };
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function apiError(code: string, message: string) {
  return { error: { code, message } };
}

function notAllowed(res: ServerResponse, allow: string): void {
  sendJson(res, 405, apiError('method_not_allowed', `use ${allow}`), { Allow: allow });
}
