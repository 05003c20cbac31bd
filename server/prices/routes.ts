// GET /v1/prices?after=CURSOR&limit=N (device token): the price changes for the device's own store —
// chain-wide and its own — after the cursor. A cursor beyond HQ's counter (HQ restored from an older
// backup) is 409 cursor_ahead: the terminal starts again from 0.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parsePriceCursor } from '../../core/sync';
import type { DeviceContext } from '../auth/authenticate';
import type { Database } from '../db/database';
import { sendFailure } from '../http/errors';
import { fail, invalidRequest } from '../result';
import { currentPriceVersion, priceChanges } from './changes';

const query = z.strictObject({
  after: z.string().max(40).optional(),
  limit: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 5000, 'must be from 1 to 5000')
    .optional(),
});

const pricesDoc = {
  summary: 'The store’s dated price changes (the chain’s and its own) after the cursor',
  description: 'In (version, id) order; a cursor beyond HQ’s is 409 `cursor_ahead`: start again from 0.',
  auth: 'device',
  tags: ['sync'],
  query,
} as const;

export function registerPriceRoutes(
  app: FastifyInstance,
  db: Database,
  deviceOf: (request: FastifyRequest) => { device: DeviceContext },
): void {
  app.get('/v1/prices', { config: { doc: pricesDoc } }, async (request, reply) => {
    const parsed = query.safeParse(request.query ?? {});
    if (!parsed.success)
      return sendFailure(
        reply,
        invalidRequest('bad_request', 'the price query is not valid', parsed.error.issues),
      );
    const cursor = parsePriceCursor(parsed.data.after ?? '0');
    if (!cursor)
      return sendFailure(
        reply,
        fail(400, 'bad_cursor', 'after must be 0 or a nextCursor this server returned'),
      );
    if (cursor.version > (await currentPriceVersion(db)))
      return sendFailure(
        reply,
        fail(
          409,
          'cursor_ahead',
          `the terminal's prices (version ${cursor.version}) are ahead of HQ's: start again from 0`,
        ),
      );
    const page = await priceChanges(db, deviceOf(request).device.storeId, cursor, parsed.data.limit ?? 1000);
    return reply.send({ ok: true, ...page });
  });
}
