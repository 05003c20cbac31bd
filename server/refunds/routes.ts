// The refund routes of core/sync/refunds.ts (device token; the device's own store only — a sale of
// another store is `sale_not_found`, as if it did not exist):
//   GET  /v1/sales/{receiptNumber}   → HqSaleView, or 404 sale_not_found
//   GET  /v1/sales?date&amount&maskedCode[&tz]  → { ok, sales: SaleSummary[] } (at most 20, newest first)
//   POST /v1/refund-claims  RefundClaim → { ok, granted: true }, 409 refund_exceeds_sale (details.lines),
//                                          404 sale_not_found, 409 refund_id_used
//   DELETE /v1/refund-claims/{refundId}  → { ok, released } (the device's own claim, before its refund)
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MAX_EVENT_LINES, type RefundClaim } from '../../core/sync';
import { MAX_QUANTITY, isRealTime } from '../../core/sync/values';
import type { DeviceContext } from '../auth/authenticate';
import type { Database } from '../db/database';
import { sendFailure } from '../http/errors';
import { fail, invalidRequest } from '../result';
import { claimLines, notFound, releaseClaim } from './claims';
import { knownTimeZone, searchSales } from './search';
import { saleView } from './sale-view';

const RECEIPT_NUMBER = /^[A-Za-z0-9_]{1,32}-[A-Za-z0-9_]{1,32}-\d{1,12}$/;
const receiptNumber = z
  .string()
  .regex(RECEIPT_NUMBER, 'must be a receipt number like S001-C01-000042 (store-terminal-sequence)');
const label = z.string().regex(/^[^\p{Cc}]{1,64}$/u, 'must be 1 to 64 characters without control characters');

const claimBody = z.strictObject({
  refundId: z.uuid('must be the refund id (a UUID)'),
  receiptNumber,
  terminalId: z.string().regex(/^[A-Za-z0-9_]{1,32}$/, 'must be a terminal id: letters, digits, _'),
  staffId: label,
  lines: z
    .array(
      z.strictObject({
        line: z
          .number()
          .int()
          .min(0)
          .max(MAX_EVENT_LINES, `must be a line of the receipt (0 to ${MAX_EVENT_LINES})`),
        quantity: z
          .number()
          .int('must be whole pieces or grams')
          .min(1, 'must be at least 1')
          .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`),
      }),
    )
    .min(1, 'must name at least one line')
    .max(MAX_EVENT_LINES)
    .refine((lines) => new Set(lines.map((l) => l.line)).size === lines.length, 'names a line twice'),
}) satisfies z.ZodType<RefundClaim>;

const searchQuery = z
  .strictObject({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day like 2026-12-07')
      .refine(
        (d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || isRealTime(`${d}T00:00:00Z`),
        'is not a day of the calendar',
      )
      .optional(),
    amount: z
      .string()
      .regex(/^\d{1,15}$/, 'must be a whole number of minor units')
      .transform(Number)
      .optional(),
    maskedCode: z
      .string()
      .regex(/^[0-9*]{4,32}$/, 'must be a masked code like 1345****7788, or its last 4 to 8 digits')
      .optional(),
    tz: z.string().max(64).refine(knownTimeZone, 'must be an IANA time zone like Asia/Shanghai').optional(),
  })
  .refine((s) => s.date !== undefined || s.amount !== undefined || s.maskedCode !== undefined, {
    message: 'give at least one of date, amount and maskedCode',
  });

const refundId = z.uuid('must be the refund id (a UUID)');

const saleDoc = {
  summary: 'A sale of the device’s store as HQ knows it, with what has come back of each line',
  auth: 'device',
  tags: ['refunds'],
  params: z.strictObject({ receiptNumber }),
} as const;
const searchDoc = {
  summary: 'Find a sale to refund by day, total or masked payment code (at most 20, newest first)',
  auth: 'device',
  tags: ['refunds'],
  query: searchQuery,
} as const;
const claimDoc = {
  summary: 'Claim lines of a sale for a refund: granted, or refused naming each line beyond the sale',
  auth: 'device',
  tags: ['refunds'],
  body: claimBody,
} as const;
const releaseDoc = {
  summary: 'Give back the device’s own granted claim before its refund (abandoned, declined)',
  auth: 'device',
  tags: ['refunds'],
  params: z.strictObject({ refundId }),
} as const;

export function registerRefundRoutes(
  app: FastifyInstance,
  db: Database,
  deviceOf: (request: FastifyRequest) => { device: DeviceContext },
): void {
  app.get('/v1/sales/:receiptNumber', { config: { doc: saleDoc } }, async (request, reply) => {
    const { receiptNumber: raw } = request.params as { receiptNumber: string };
    const parsed = receiptNumber.safeParse(raw);
    if (!parsed.success)
      return sendFailure(
        reply,
        invalidRequest(
          'bad_request',
          'the receipt number is not valid',
          parsed.error.issues.map((i) => ({ ...i, path: ['receiptNumber'] })),
        ),
      );
    const { device } = deviceOf(request);
    const view = await saleView(db, device, parsed.data);
    if (!view) return sendFailure(reply, notFound(parsed.data));
    return reply.header('cache-control', 'no-store').send(view);
  });

  app.get('/v1/sales', { config: { doc: searchDoc } }, async (request, reply) => {
    const parsed = searchQuery.safeParse(request.query ?? {});
    if (!parsed.success)
      return sendFailure(
        reply,
        invalidRequest('bad_request', 'the sale search is not valid', parsed.error.issues),
      );
    const { device } = deviceOf(request);
    const sales = await searchSales(db, device.storeId, parsed.data);
    return reply.header('cache-control', 'no-store').send({ ok: true, sales });
  });

  app.post('/v1/refund-claims', { config: { doc: claimDoc } }, async (request, reply) => {
    const parsed = claimBody.safeParse(request.body ?? {});
    if (!parsed.success)
      return sendFailure(
        reply,
        invalidRequest('bad_request', 'the refund claim is not valid', parsed.error.issues),
      );
    const outcome = await claimLines(db, deviceOf(request).device, parsed.data);
    return outcome.ok ? reply.send(outcome) : sendFailure(reply, outcome);
  });

  app.delete('/v1/refund-claims/:refundId', { config: { doc: releaseDoc } }, async (request, reply) => {
    const parsed = refundId.safeParse((request.params as { refundId: string }).refundId);
    if (!parsed.success)
      return sendFailure(reply, fail(400, 'bad_request', 'refundId: must be the refund id (a UUID)'));
    const released = await releaseClaim(db, deviceOf(request).device, parsed.data);
    return reply.send({ ok: true, released });
  });
}
