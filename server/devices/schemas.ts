// The shapes the stores-and-devices routes check requests with and answer in; the OpenAPI document is
// made from these (server/http/route-doc.ts).
import { z } from 'zod';
import { STORE_CODE } from '../auth/enrolment';

export const storeCode = z.string().regex(STORE_CODE, "must be 1 to 32 letters, digits or '_'");
const storeName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must not hold control characters');

export const createStoreBody = z.strictObject({ code: storeCode, name: storeName });
export const storeParams = z.strictObject({ code: storeCode });
/** What a store's page may change; at least one of them. */
export const editStoreBody = z
  .strictObject({
    name: storeName.optional(),
    timeZone: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(64, 'must be at most 64 characters')
      .optional(),
  })
  .refine((body) => body.name !== undefined || body.timeZone !== undefined, {
    message: 'give a name or a timeZone to change',
  });
export const devicesQuery = z.strictObject({ store: storeCode.optional() });
export const deviceParams = z.strictObject({ id: z.uuid('must be a device id') });
export const enrolmentCodeBody = z.strictObject({
  store: storeCode,
  ttlSeconds: z
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .optional(),
});

const attention = z.enum([
  'never_seen',
  'not_seen',
  'sales_waiting',
  'clock_off',
  'catalog_behind',
  'software_differs',
]);
export const deviceView = z.object({
  deviceId: z.string(),
  storeCode: z.string(),
  name: z.string().nullable(),
  terminalId: z.string().nullable(),
  role: z.string().nullable(),
  enrolledAt: z.string(),
  lastSeenAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  clockSkewMs: z.number().nullable(),
  softwareVersion: z.string().nullable(),
  catalogVersion: z.number().nullable(),
  outbox: z
    .object({ pending: z.number(), pendingSales: z.number(), oldestAt: z.string().nullable() })
    .nullable(),
  revoked: z.boolean(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  attention: z.array(attention),
});
export const storeView = z.object({
  code: z.string(),
  name: z.string().nullable(),
  timeZone: z.string(),
  createdAt: z.string(),
  devices: z.object({ active: z.number(), needAttention: z.number(), revoked: z.number() }),
  lastSeenAt: z.string().nullable(),
});
export const hqFactsView = z.object({ catalogVersion: z.number(), softwareVersion: z.string() });
export const storesReply = z.object({ ok: z.literal(true), stores: z.array(storeView) });
export const storeReply = z.object({
  ok: z.literal(true),
  store: storeView,
  devices: z.array(deviceView),
  hq: hqFactsView,
});
export const devicesReply = z.object({
  ok: z.literal(true),
  devices: z.array(deviceView),
  hq: hqFactsView,
});
export const deviceReply = z.object({ ok: z.literal(true), device: deviceView });
export const enrolmentCodeReply = z.object({
  ok: z.literal(true),
  code: z.string(),
  storeCode: z.string(),
  expiresAt: z.string(),
});
