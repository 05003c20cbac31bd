// Starting the HQ server: open (and migrate) the database, then listen. What `openlane server` runs.
import type { AddressInfo } from 'node:net';
import { HQ_BODY_LIMIT_BYTES } from '../core/sync/limits';
import { DEFAULT_TOKEN_TTL_SECONDS, tokenKey } from './auth/enrolment';
import type { Database } from './db/database';
import { openDatabase, openReportsDatabase, resolveTarget } from './db/open';
import { buildApp } from './http/app';

export interface StartOptions {
  /** Default 8430; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1; 0.0.0.0 to serve a network (behind TLS: tokens are bearer secrets). */
  host?: string;
  /** PGlite data directory. */
  dataDir?: string;
  /** postgres://… — a real PostgreSQL server. Without either, DATABASE_URL or ~/.openlane/hq. */
  databaseUrl?: string;
  /**
   * postgres://… — a read-only streaming replica of the HQ database that the back office's reports read
   * from, so long report queries never load the primary that terminals sync with. Default: the primary.
   * Needs databaseUrl (a PostgreSQL primary). The replica is not migrated: it follows the primary.
   */
  reportsDatabaseUrl?: string;
  /** How long a device token lives; default 600 s. */
  tokenTtlSeconds?: number;
  /** Largest request body; default 4 MiB. */
  bodyLimitBytes?: number;
  /** How often the catalog version is checked for the event stream; default 1000 ms. */
  catalogPollMs?: number;
  /** Comment lines that keep idle event streams open through proxies; default 25 s. */
  heartbeatMs?: number;
  logger?: boolean;
  /**
   * Behind a load balancer or reverse proxy: which proxies' X-Forwarded-For to believe, so a request's
   * address (rate limits, logs) is the terminal's, not the balancer's. Fastify's trustProxy: true (any), or
   * the proxies' addresses/CIDRs ('10.0.0.0/8,127.0.0.1'). Default: none.
   */
  trustProxy?: boolean | string | string[];
  /**
   * Opens the admin API (/admin/v1/…) to this bearer token, at least 24 characters; default the
   * OPENLANE_HQ_ADMIN_TOKEN environment variable. Without one the admin API is closed.
   */
  adminToken?: string;
  /** Largest catalog file the admin API accepts; default 256 MiB. */
  csvLimitBytes?: number;
}

export interface RunningServer {
  /** http://host:port */
  url: string;
  /** The server's own database handle (PGlite allows one per directory, so use this one). */
  db: Database;
  /** Where report queries read: the reports replica when one was given, else `db` itself. */
  reportsDb: Database;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8430;

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isSafeInteger(tokenTtlSeconds) || tokenTtlSeconds < 1) {
    throw new Error(`tokenTtlSeconds must be a positive whole number, got ${tokenTtlSeconds}`);
  }
  const adminToken = options.adminToken ?? process.env.OPENLANE_HQ_ADMIN_TOKEN ?? null;
  if (adminToken !== null && adminToken.length < 24) {
    throw new Error('the admin token must be at least 24 characters (e.g. openssl rand -base64 32)');
  }
  const target = resolveTarget({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  if (options.reportsDatabaseUrl && !('databaseUrl' in target))
    throw new Error(
      'a reports database (a PostgreSQL replica) needs a PostgreSQL primary: give --database too',
    );
  const db = await openDatabase(target);
  let reportsDb = db;
  try {
    if (options.reportsDatabaseUrl) reportsDb = await openReportsDatabase(options.reportsDatabaseUrl, db);
    const { app } = await buildApp({
      db,
      key: await tokenKey(db),
      tokenTtlSeconds,
      bodyLimitBytes: options.bodyLimitBytes ?? HQ_BODY_LIMIT_BYTES,
      catalogPollMs: options.catalogPollMs ?? 1000,
      heartbeatMs: options.heartbeatMs ?? 25_000,
      logger: options.logger,
      trustProxy: options.trustProxy,
      admin: { token: adminToken, csvLimitBytes: options.csvLimitBytes ?? 256 * 1024 * 1024, reportsDb },
    });
    const host = options.host ?? '127.0.0.1';
    // A port in use must not leave the catalog poll running: the process would stay alive, serving nothing.
    await app.listen({ port: options.port ?? DEFAULT_PORT, host }).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    const { port } = app.server.address() as AddressInfo;
    let closing: Promise<void> | null = null;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      db,
      reportsDb,
      close: () =>
        (closing ??= (async () => {
          try {
            await app.close();
          } finally {
            if (reportsDb !== db) await reportsDb.close().catch(() => undefined);
            await db.close();
          }
        })()),
    };
  } catch (error) {
    if (reportsDb !== db) await reportsDb.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
