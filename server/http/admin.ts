// The admin API: what `openlane server …` does with the database directly, over HTTP, so it also works
// while a PGlite server holds its directory, and from another machine; and everything the back office
// (backoffice/) shows and changes. Every request acts for someone (server/office/access.ts): a signed-in
// user, or the bootstrap admin token set at start. Each route decides what its actor may do.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CURRENCY_CODE } from '../../core/money';
import { createEnrolmentCode, STORE_CODE } from '../auth/enrolment';
import { deleteCatalogEntries, importCatalogCsv } from '../catalog/import';
import type { Database } from '../db/database';
import { toIso, toNumber } from '../db/database';
import { listRefundFlags } from '../refunds/flags';
import { listStockFlags } from '../stock/flags';
import { registerStockAdminRoutes } from '../stock/routes';
import { registerCountReviewRoutes } from '../counts/routes';
import { registerSalesReportRoutes } from '../reports/routes';
import { actorOf, refuse } from '../office/request';
import { createOfficeAuthenticator } from '../office/authenticate';
import { fail, invalidRequest } from '../result';
import { sendFailure } from './errors';

export interface AdminOptions {
  /** The bootstrap admin token (at least 24 characters); null: only signed-in users get in. */
  token: string | null;
  /** Largest catalog file accepted, in bytes. */
  csvLimitBytes: number;
}

const store = z.string().regex(STORE_CODE, "must be 1 to 32 letters, digits or '_'");
const codeBody = z.strictObject({
  store,
  ttlSeconds: z
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .optional(),
});
const importQuery = z.strictObject({
  store: store.optional(),
  currency: z.string().regex(CURRENCY_CODE, 'must be an ISO 4217 code like CNY').optional(),
});
const deleteBody = z.strictObject({
  barcodes: z.array(z.string().max(20)).min(1).max(100_000),
  store: store.optional(),
});
const devicesQuery = z.strictObject({ store });
const flagsQuery = z.strictObject({
  store,
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number from 1 to 1000')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1000, 'must be a whole number from 1 to 1000')
    .optional(),
});

export function registerAdminRoutes(app: FastifyInstance, db: Database, options: AdminOptions): void {
  const authenticate = createOfficeAuthenticator(db, { token: options.token });
  app.register(async (scope) => {
    scope.addContentTypeParser(
      ['text/csv', 'text/plain'],
      { parseAs: 'string', bodyLimit: options.csvLimitBytes },
      (_req, body, done) => done(null, body),
    );
    scope.addHook('onRequest', async (request, reply) => {
      const who = await authenticate(request);
      if (!who.ok) return sendFailure(reply, who);
      request.actor = who.actor;
    });

    // Who is signed in, for the back office to show (and to know what to offer).
    scope.get('/admin/v1/session', async (request, reply) => {
      const actor = actorOf(request);
      return reply.send({
        ok: true,
        actor: { name: actor.name, role: actor.role, stores: actor.stores, kind: actor.kind },
      });
    });

    scope.post('/admin/v1/enrolment-codes', async (request, reply) => {
      const body = codeBody.safeParse(request.body ?? {});
      if (!body.success) return sendFailure(reply, invalid('request', body.error));
      if (refuse(request, reply, 'devices.write', body.data.store)) return reply;
      return reply
        .code(201)
        .send({ ok: true, ...(await createEnrolmentCode(db, body.data.store, body.data)) });
    });

    scope.post('/admin/v1/catalog/import', async (request, reply) => {
      const query = importQuery.safeParse(request.query ?? {});
      if (!query.success) return sendFailure(reply, invalid('query', query.error));
      if (refuse(request, reply, query.data.store ? 'prices.write' : 'catalog.write', query.data.store))
        return reply;
      if (typeof request.body !== 'string') {
        return sendFailure(
          reply,
          fail(415, 'unsupported_media_type', 'send the catalog as "Content-Type: text/csv"'),
        );
      }
      const result = await importCatalogCsv(db, request.body, query.data);
      if (result.ok) return reply.send(result);
      const message = `nothing was imported: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}`;
      return sendFailure(
        reply,
        fail(400, 'catalog_invalid', message, { errors: result.errors.slice(0, 1000) }),
      );
    });

    scope.post('/admin/v1/catalog/delete', async (request, reply) => {
      const body = deleteBody.safeParse(request.body ?? {});
      if (!body.success) return sendFailure(reply, invalid('request', body.error));
      if (refuse(request, reply, body.data.store ? 'prices.write' : 'catalog.write', body.data.store))
        return reply;
      try {
        return reply.send({ ok: true, ...(await deleteCatalogEntries(db, body.data.barcodes, body.data)) });
      } catch (error) {
        return sendFailure(reply, fail(400, 'bad_request', (error as Error).message));
      }
    });

    scope.get('/admin/v1/devices', async (request, reply) => {
      const query = devicesQuery.safeParse(request.query ?? {});
      if (!query.success) return sendFailure(reply, invalid('query', query.error));
      if (refuse(request, reply, 'read', query.data.store)) return reply;
      return reply.send({ ok: true, devices: await listDevices(db, query.data.store) });
    });

    // Refunds that took back more than their sale sold (issue 12), for the back office.
    scope.get('/admin/v1/refund-flags', async (request, reply) => {
      const query = flagsQuery.safeParse(request.query ?? {});
      if (!query.success) return sendFailure(reply, invalid('query', query.error));
      if (refuse(request, reply, 'read', query.data.store)) return reply;
      const flags = await listRefundFlags(db, query.data.store, query.data.limit ?? 100);
      return reply.send({ ok: true, flags });
    });

    // Purchase orders (issue 13), and a delivery note received twice.
    registerStockAdminRoutes(scope, db);
    scope.get('/admin/v1/stock-flags', async (request, reply) => {
      const query = flagsQuery.safeParse(request.query ?? {});
      if (!query.success) return sendFailure(reply, invalid('query', query.error));
      if (refuse(request, reply, 'read', query.data.store)) return reply;
      const flags = await listStockFlags(db, query.data.store, query.data.limit ?? 100);
      return reply.send({ ok: true, flags });
    });
    // Counts held for review (issue 13): two devices counted one item in one location.
    registerCountReviewRoutes(scope, db);

    // The back office (issue 14), one module per area.
    registerSalesReportRoutes(scope, db, db);
  });
}

function invalid(what: string, error: z.ZodError) {
  return invalidRequest('bad_request', `the ${what} is not valid`, error.issues);
}

export interface DeviceView {
  deviceId: string;
  name: string | null;
  enrolledAt: string;
  lastSeenAt: string | null;
  /** Server receive time minus the terminal's clock at its last batch, for people to see. */
  clockSkewMs: number | null;
  revoked: boolean;
}

async function listDevices(db: Database, storeCode: string): Promise<DeviceView[]> {
  const { rows } = await db.query<{
    id: string;
    name: string | null;
    enrolled_at: Date;
    last_seen_at: Date | null;
    clock_skew_ms: unknown;
    revoked_at: Date | null;
  }>(
    `SELECT d.id, d.name, d.enrolled_at, d.last_seen_at, d.clock_skew_ms, d.revoked_at
     FROM devices d JOIN stores s ON s.id = d.store_id WHERE s.code = $1 ORDER BY d.enrolled_at, d.id`,
    [storeCode],
  );
  return rows.map((r) => ({
    deviceId: r.id,
    name: r.name,
    enrolledAt: toIso(r.enrolled_at),
    lastSeenAt: r.last_seen_at ? toIso(r.last_seen_at) : null,
    clockSkewMs: r.clock_skew_ms === null ? null : toNumber(r.clock_skew_ms),
    revoked: r.revoked_at !== null,
  }));
}
