// POST /v1/link: a device says which terminal it is (its terminal id and role) and gets what the lane
// link needs from HQ — the store key (and, during a rotation, the one before) and the store's kiosks,
// so the attendant console lists a lane that has never reported to it — and the store's name, so a store
// renamed in the back office is renamed on its tills at their next sync. Terminals call it on every sync.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { LinkReply, LinkRequest, StoreLane } from '../../core/sync';
import type { DeviceContext } from '../auth/authenticate';
import { storeKeys } from '../auth/store-keys';
import type { Database, Queryable } from '../db/database';
import { invalidRequest } from '../result';
import { sendFailure } from './errors';

const linkBody = z.strictObject({
  terminalId: z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'must be a terminal id: letters and digits, at most 8'),
  role: z.enum(['kiosk', 'counter', 'attendant']),
}) satisfies z.ZodType<LinkRequest>;

/** What POST /v1/link answers, typed against core/sync's LinkReply so the document cannot drift from it. */
const linkReply = z.strictObject({
  storeCode: z.string(),
  storeKey: z.string().describe('the store’s key for signing requests between its terminals'),
  previousStoreKey: z.string().nullable().describe('the key before a rotation while its grace lasts'),
  lanes: z.array(z.strictObject({ terminalId: z.string(), name: z.string().nullable() })),
  storeName: z
    .string()
    .nullable()
    .describe(
      'the store’s name for its terminals’ screens, receipts and payment codes; null when it has none',
    ),
}) satisfies z.ZodType<LinkReply>;

const linkDoc = {
  summary: 'Say which terminal this device is; get the store’s lane-link key and its kiosks',
  auth: 'device',
  tags: ['sync'],
  body: linkBody,
  reply: linkReply,
} as const;

export function registerLinkRoute(
  app: FastifyInstance,
  db: Database,
  deviceOf: (request: FastifyRequest) => { device: DeviceContext },
): void {
  app.post('/v1/link', { config: { doc: linkDoc } }, async (request, reply) => {
    const parsed = linkBody.safeParse(request.body ?? {});
    if (!parsed.success)
      return sendFailure(
        reply,
        invalidRequest('bad_request', 'the link request is not valid', parsed.error.issues),
      );
    const { device } = deviceOf(request);
    const answer = await db.transaction(async (tx): Promise<LinkReply> => {
      await tx.query('UPDATE devices SET terminal_id = $2, role = $3 WHERE id = $1', [
        device.deviceId,
        parsed.data.terminalId,
        parsed.data.role,
      ]);
      const keys = await storeKeys(tx, device.storeId);
      return {
        storeCode: device.storeCode,
        storeKey: keys.key,
        previousStoreKey: keys.previousKey,
        lanes: await storeLanes(tx, device.storeId),
        storeName: await storeName(tx, device.storeId),
      };
    });
    return reply.header('cache-control', 'no-store').send(answer);
  });
}

async function storeName(q: Queryable, storeId: string): Promise<string | null> {
  const { rows } = await q.query<{ name: string | null }>('SELECT name FROM stores WHERE id = $1', [storeId]);
  return rows[0]?.name ?? null;
}

/** The store's kiosks that are still enrolled; a terminal id enrolled twice is listed once, newest name. */
async function storeLanes(q: Queryable, storeId: string): Promise<StoreLane[]> {
  const { rows } = await q.query<{ terminal_id: string; name: string | null }>(
    `SELECT DISTINCT ON (terminal_id) terminal_id, name FROM devices
     WHERE store_id = $1 AND revoked_at IS NULL AND role = 'kiosk' AND terminal_id IS NOT NULL
     ORDER BY terminal_id, enrolled_at DESC`,
    [storeId],
  );
  return rows.map((row) => ({ terminalId: row.terminal_id, name: row.name }));
}
