// The admin API: what `openlane server …` does with the database directly, over HTTP, so it also works
// while a PGlite server holds its directory, and from another machine; and everything the back office
// (backoffice/) shows and changes. Every request acts for someone (server/office/access.ts): a signed-in
// user, or the bootstrap admin token set at start. Each route decides what its actor may do.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CURRENCY_CODE } from '../../core/money';
import { STORE_CODE } from '../auth/enrolment';
import { deleteCatalogEntries, importCatalogCsv } from '../catalog/import';
import { registerCatalogOfficeRoutes } from '../catalog/office-routes';
import type { Database } from '../db/database';
import { listRefundFlags } from '../refunds/flags';
import { listStockFlags } from '../stock/flags';
import { registerStockAdminRoutes } from '../stock/routes';
import { registerCountReviewRoutes } from '../counts/routes';
import { registerDeviceAdminRoutes } from '../devices/routes';
import { refuse, parseOr400 } from '../office/request';
import { registerRecallRoutes } from '../recalls/routes';
import { registerStockOfficeRoutes } from '../stock/office-routes';
import { registerProblemRoutes } from '../problems/routes';
import { registerRestrictionRoutes } from '../restrictions/routes';
import { registerSalesReportRoutes } from '../reports/routes';
import { createOfficeAuthenticator } from '../office/authenticate';
import { registerOfficeUserRoutes } from '../office/routes';
import { fail } from '../result';
import { sendFailure } from './errors';
import { registerReportsSourceRoute } from './reports-source';
import { withDoc } from './route-doc';

export interface AdminOptions {
  /** The bootstrap admin token (at least 24 characters); null: only signed-in users get in. */
  token: string | null;
  /** Largest catalog file accepted, in bytes. */
  csvLimitBytes: number;
  /**
   * Where report queries read (`openlane server --reports-database`): a streaming replica, or the primary
   * itself when there is none. Only reads go there, and they may be a moment behind the primary.
   */
  reportsDb?: Database;
}

const store = z.string().regex(STORE_CODE, "must be 1 to 32 letters, digits or '_'");
const importQuery = z.strictObject({
  store: store.optional(),
  currency: z.string().regex(CURRENCY_CODE, 'must be an ISO 4217 code like CNY').optional(),
});
const deleteBody = z.strictObject({
  barcodes: z.array(z.string().max(20)).min(1).max(100_000),
  store: store.optional(),
});
const flagsQuery = z.strictObject({
  store,
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number from 1 to 1000')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1000, 'must be a whole number from 1 to 1000')
    .optional(),
});

// Each route's options with its OpenAPI doc (route-doc.ts), made of the schemas above.
const docs = {
  catalogImport: withDoc({
    summary: 'Import the chain’s catalog, or one store’s prices (with store), from a CSV file',
    description: 'All or nothing: a bad file is 400 `catalog_invalid` with `details.errors` by line.',
    auth: 'office',
    tags: ['catalog'],
    query: importQuery,
    body: 'text/csv',
  }),
  catalogDelete: withDoc({
    summary: 'Delete products from the chain (tombstones), or remove a store’s price overrides',
    auth: 'office',
    tags: ['catalog'],
    body: deleteBody,
  }),
  refundFlags: withDoc({
    summary: 'Refunds that took back more than their sale sold, newest first',
    auth: 'office',
    tags: ['refunds'],
    query: flagsQuery,
  }),
  stockFlags: withDoc({
    summary: 'Stock flags, newest first: a delivery note received twice, both receivings named',
    auth: 'office',
    tags: ['stock'],
    query: flagsQuery,
  }),
};

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

    scope.post('/admin/v1/catalog/import', docs.catalogImport, async (request, reply) => {
      const query = parseOr400(reply, importQuery, request.query, 'query');
      if (!query) return reply;
      if (refuse(request, reply, query.store ? 'prices.write' : 'catalog.write', query.store)) return reply;
      if (typeof request.body !== 'string') {
        return sendFailure(
          reply,
          fail(415, 'unsupported_media_type', 'send the catalog as "Content-Type: text/csv"'),
        );
      }
      const result = await importCatalogCsv(db, request.body, query);
      if (result.ok) return reply.send(result);
      const message = `nothing was imported: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}`;
      return sendFailure(
        reply,
        fail(400, 'catalog_invalid', message, { errors: result.errors.slice(0, 1000) }),
      );
    });

    scope.post('/admin/v1/catalog/delete', docs.catalogDelete, async (request, reply) => {
      const body = parseOr400(reply, deleteBody, request.body, 'request');
      if (!body) return reply;
      if (refuse(request, reply, body.store ? 'prices.write' : 'catalog.write', body.store)) return reply;
      try {
        return reply.send({ ok: true, ...(await deleteCatalogEntries(db, body.barcodes, body)) });
      } catch (error) {
        return sendFailure(reply, fail(400, 'bad_request', (error as Error).message));
      }
    });

    // Refunds that took back more than their sale sold (issue 12), for the back office.
    scope.get('/admin/v1/refund-flags', docs.refundFlags, async (request, reply) => {
      const query = parseOr400(reply, flagsQuery, request.query, 'query');
      if (!query) return reply;
      if (refuse(request, reply, 'read', query.store)) return reply;
      const flags = await listRefundFlags(db, query.store, query.limit ?? 100);
      return reply.send({ ok: true, flags });
    });

    // Purchase orders (issue 13), and a delivery note received twice.
    registerStockAdminRoutes(scope, db);
    scope.get('/admin/v1/stock-flags', docs.stockFlags, async (request, reply) => {
      const query = parseOr400(reply, flagsQuery, request.query, 'query');
      if (!query) return reply;
      if (refuse(request, reply, 'read', query.store)) return reply;
      const flags = await listStockFlags(db, query.store, query.limit ?? 100);
      return reply.send({ ok: true, flags });
    });
    // Counts held for review (issue 13): two devices counted one item in one location.
    registerCountReviewRoutes(scope, db);

    // The back office (issue 14), one module per area.
    registerOfficeUserRoutes(scope, db, { tokenSet: options.token !== null });
    registerReportsSourceRoute(scope, options.reportsDb ?? db);
    registerDeviceAdminRoutes(scope, db);
    registerRecallRoutes(scope, db);
    registerStockOfficeRoutes(scope, db);
    registerProblemRoutes(scope, db);
    registerCatalogOfficeRoutes(scope, db);
    registerRestrictionRoutes(scope, db);
    registerSalesReportRoutes(scope, db, options.reportsDb ?? db);
  });
}
