// The terminal's receiving at HQ (core/sync/receiving.ts; server/stock/routes.ts): claim a delivery
// note's reference when a receiving starts, give the claim back when it is cancelled, and fetch the
// store's expected deliveries on each sync into the SQLite cache (so receiving against one works
// offline). Staff are waiting on a claim: a short timeout, and HQ slow or out of reach is
// `reachable: false` — the receiving goes ahead offline and HQ flags a double later.
import { z } from 'zod';
import type { DeliveryClaim, DeliveryClaimAnswer, ExpectedDelivery } from '../../core/sync';
import type { Database } from '../../db/open';
import { replaceExpectedDeliveries } from '../../db/receivings';
import type { DeliveryDesk } from '../stock/receiving/desk';
import type { HqCredentials } from './credentials';
import { createHqClient, type HqClient, type HqClientOptions } from './hq-client';
import { ask } from './hq-refund-desk';
import { failureReply } from './protocol';

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = (max: number) => z.string().max(max);
const holder = z.object({ receivingId: text(64), terminalId: text(64), staffId: text(64), at: text(64) });
const deliveriesReply = z.object({
  deliveries: z
    .array(
      z.object({
        id: text(64),
        kind: z.enum(['purchase_order', 'transfer']),
        number: text(64),
        from: text(200),
        expectedOn: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .nullable(),
        lines: z
          .array(
            z.object({
              gtin: z.string().regex(/^\d{14}$/),
              expected: count,
              received: count,
              damaged: count,
            }),
          )
          .max(10_000),
      }),
    )
    .max(1000),
}) satisfies z.ZodType<{ deliveries: ExpectedDelivery[] }>;

/** The delivery desk of an enrolled terminal. */
export function createHqDeliveryDesk(
  credentials: HqCredentials,
  options: Pick<HqClientOptions, 'fetch' | 'now'> & { timeoutMs?: number } = {},
): DeliveryDesk {
  const client = createHqClient(credentials, { timeoutMs: options.timeoutMs ?? 3000, ...options });
  return {
    claim: (claim: DeliveryClaim) =>
      ask(
        client,
        'the delivery claim',
        '/v1/delivery-claims',
        { method: 'POST', body: JSON.stringify(claim) },
        (response, body) => {
          if (response.status === 200 && z.object({ granted: z.literal(true) }).safeParse(body).success)
            return { reachable: true, value: { granted: true } };
          const failure = failureReply.safeParse(body);
          if (!failure.success || failure.data.error.code !== 'delivery_already_received') return null;
          const details = z.object({ holder }).safeParse(failure.data.error.details);
          if (!details.success)
            return { reachable: false, why: 'HQ refused the claim without naming who holds it' };
          return {
            reachable: true,
            value: { granted: false, holder: details.data.holder } as DeliveryClaimAnswer,
          };
        },
      ),
    release: (receivingId) =>
      ask(
        client,
        'the claim release',
        `/v1/delivery-claims/${encodeURIComponent(receivingId)}`,
        { method: 'DELETE' },
        (response, body) => {
          const parsed = z.object({ released: z.boolean() }).safeParse(body);
          return response.status === 200 && parsed.success
            ? { reachable: true, value: parsed.data.released }
            : null;
        },
      ),
  };
}

/**
 * Fetches the store's open expected deliveries into the cache (after each sync). A warning when HQ
 * does not serve them (older HQ) or sends what this terminal cannot read; the cache is then kept.
 */
export async function pullDeliveries(db: Database, client: HqClient, now: Date): Promise<string[]> {
  if (!client.request) return [];
  const response = await client.request('/v1/deliveries', { method: 'GET' });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) return [`HQ did not send the expected deliveries (HTTP ${response.status})`];
  const parsed = deliveriesReply.safeParse(body);
  if (!parsed.success)
    return ['HQ sent expected deliveries this terminal cannot read; the last ones are kept'];
  replaceExpectedDeliveries(db, parsed.data.deliveries, now.toISOString());
  return [];
}
