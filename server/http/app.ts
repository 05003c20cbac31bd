// The Fastify application: framework errors as failure values, the routes, and the catalog stream.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import { registerAdminRoutes } from './admin';
import { registerBackoffice } from './backoffice';
import type { AdminOptions } from './admin';
import { installErrorHandlers } from './errors';
import { collectRoutes, registerOpenApiRoute, type RouteEntry } from './openapi';
import { registerRoutes } from './routes';
import { createCatalogStream } from './stream';
import type { CatalogStream } from './stream';

export interface AppOptions {
  db: Database;
  key: Buffer;
  tokenTtlSeconds: number;
  bodyLimitBytes: number;
  catalogPollMs: number;
  heartbeatMs: number;
  logger?: boolean;
  /** Fastify's trustProxy: whose X-Forwarded-For gives a request's address (see StartOptions). */
  trustProxy?: boolean | string | string[];
  admin: AdminOptions;
}

export async function buildApp(
  options: AppOptions,
): Promise<{ app: FastifyInstance; stream: CatalogStream; routes: readonly RouteEntry[] }> {
  const app = Fastify({
    bodyLimit: options.bodyLimitBytes,
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    // A request id a client can quote: unique across restarts and servers, unlike Fastify's counter.
    genReqId: () => randomUUID(),
    // Open event streams would hold close() forever; on close every connection is ended.
    forceCloseConnections: true,
    return503OnClosing: true,
    // A client trickling its request in is cut off (event streams are responses, not requests).
    requestTimeout: 30_000,
  });
  // The API speaks JSON only: any other body is refused (415) rather than handed over as text.
  app.removeContentTypeParser('text/plain');
  installErrorHandlers(app, options.bodyLimitBytes, options.logger ?? false);
  // Every route from here on is recorded, with its doc, for GET /openapi.json.
  const routes = collectRoutes(app);
  const stream = createCatalogStream(options.db, {
    pollMs: options.catalogPollMs,
    heartbeatMs: options.heartbeatMs,
  });
  app.addHook('preClose', async () => stream.close());
  registerRoutes(app, { db: options.db, key: options.key, tokenTtlSeconds: options.tokenTtlSeconds, stream });
  registerAdminRoutes(app, options.db, options.admin);
  registerBackoffice(app);
  registerOpenApiRoute(app, routes);
  await app.ready();
  return { app, stream, routes };
}
