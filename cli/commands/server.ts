// `openlane server …`: the HQ sync server, its enrolment codes and its catalog.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { formatImportErrors } from '../../services/catalog-import';
import {
  DEFAULT_PORT,
  DEFAULT_ROTATION_GRACE_SECONDS,
  rotateStoreKey,
  importCatalogCsv,
  importPurchaseOrders,
  openDatabase,
  resolveTarget,
  startServer,
  type Database,
  type DatabaseTarget,
  type RunningServer,
} from '../../server';
import { parse, parsePort, UsageError } from './args';
import { ENROLMENT_CODE_HELP, ENROLMENT_CODE_USAGE, enrolmentCodeCommand } from './enrolment-code';
import { describeListenError } from './listen-error';
import { importPrices, PRICE_HELP, PRICE_USAGE } from './server-prices';

const WHERE = `--data DIR      PGlite data directory (default $OPENLANE_HQ_DATA, else ~/.openlane/hq)
  --database URL  postgres://… — a PostgreSQL server (default $DATABASE_URL)`;

const USAGE = `Usage: openlane server [--port N] [--host H] [--data DIR | --database URL [--reports-database URL]]
${ENROLMENT_CODE_USAGE}
       openlane server catalog import FILE.csv [--store STORE] [--currency CUR] [--data DIR | --database URL]
       openlane server store-key rotate --store STORE [--grace SECONDS] [--data DIR | --database URL]
       openlane server po import FILE.csv [--data DIR | --database URL]
${PRICE_USAGE}

Runs the HQ server that terminals sync with, makes one-time enrolment codes for a store's terminals
(the store is created on first use), and imports the chain's catalog (without --store) or one
store's prices (with --store), in the CSV format of 'openlane catalog import'.
'store-key rotate' gives a store a new lane-link key; its terminals take it on their next sync, and
the old one is still handed out for --grace seconds (default ${DEFAULT_ROTATION_GRACE_SECONDS}; 0 for a stolen key).
'po import' imports purchase orders (columns store,po_number,supplier,barcode,quantity[,expected_on]):
each becomes an expected delivery its store's terminals receive against; a file with a bad row is refused whole.
${PRICE_HELP}
${ENROLMENT_CODE_HELP}
  --port N        HTTP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H        address to listen on (default 127.0.0.1)
  --trust-proxy ADDRS  behind a load balancer: the proxies (addresses or CIDRs, comma-separated)
                  whose X-Forwarded-For gives the terminal's address
  --reports-database URL  a streaming replica of --database that the back office's reports read
                  (default $OPENLANE_HQ_REPORTS_DATABASE_URL, else the primary itself)
  ${WHERE}`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  database: { type: 'string' },
  'reports-database': { type: 'string' },
  'trust-proxy': { type: 'string' },
  store: { type: 'string' },
  currency: { type: 'string' },
  grace: { type: 'string' },
  ttl: { type: 'string' },
  url: { type: 'string' },
  token: { type: 'string' },
} as const;

export async function serverCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const { values, positionals } = parse(args, OPTIONS, USAGE);
  let where: DatabaseTarget;
  try {
    where = resolveTarget({ dataDir: values.data, databaseUrl: values.database });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const [action, ...rest] = positionals;
  if (action === undefined) return serve(where, values);
  if ((action === 'enrolment-code' || action === 'enrol-code') && rest.length === 0) {
    return enrolmentCodeCommand(where, values, USAGE);
  }
  if (action === 'store-key' && rest[0] === 'rotate' && rest.length === 1) {
    return rotateKey(where, values);
  }
  if (action === 'catalog' && rest[0] === 'import' && rest.length === 2) {
    return importCatalog(where, rest[1]!, values);
  }
  if (action === 'po' && rest[0] === 'import' && rest.length === 2) {
    return importPos(where, rest[1]!);
  }
  if (action === 'price' && rest[0] === 'import' && rest.length === 2) {
    return importPrices(rest[1]!, (run) => withDatabase(where, run));
  }
  throw new UsageError(USAGE);
}

async function serve(
  where: DatabaseTarget,
  values: { port?: string; host?: string; 'reports-database'?: string; 'trust-proxy'?: string },
) {
  const port = parsePort(values.port, DEFAULT_PORT);
  const host = values.host ?? '127.0.0.1';
  const reportsDatabaseUrl =
    values['reports-database'] ?? (process.env.OPENLANE_HQ_REPORTS_DATABASE_URL || undefined);
  if (reportsDatabaseUrl && !('databaseUrl' in where))
    throw new UsageError(`--reports-database needs --database URL (a PostgreSQL primary)\n\n${USAGE}`);
  let server: RunningServer;
  // Without OPENLANE_HQ_ADMIN_TOKEN a new chain could never make its first admin: this run gets a random
  // one, printed below only while HQ has no users (like a notebook server's login token).
  const setupToken = process.env.OPENLANE_HQ_ADMIN_TOKEN ? undefined : randomBytes(24).toString('base64url');
  try {
    const trustProxy = values['trust-proxy']?.split(',').map((a) => a.trim());
    server = await startServer({
      ...where,
      port,
      host,
      reportsDatabaseUrl,
      trustProxy,
      ...(setupToken ? { adminToken: setupToken } : {}),
    });
  } catch (error) {
    const message = describeListenError(error, { host, port, flag: '--port' });
    if (message === null) throw error;
    console.error(`openlane server: ${message}`);
    return 1;
  }
  // Tests and scripts read this line to find the URL.
  const storage =
    'databaseUrl' in where
      ? `PostgreSQL${reportsDatabaseUrl ? ', reports from a replica' : ''}`
      : `PGlite in ${where.dataDir}`;
  // The setup token first: whoever reads the line below (a person, a test, a script) has it all.
  if (setupToken && (await firstAdminNeeded(server.url))) {
    console.log(
      `HQ has no users yet: open the back office and make the first admin with this setup token\n` +
        `  ${setupToken}\n(valid while this server runs; set OPENLANE_HQ_ADMIN_TOKEN to choose your own)`,
    );
  }
  console.log(`OpenLane HQ is serving at ${server.url} (${storage}); the back office: ${server.url}/`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
  return 0;
}

/** Whether HQ has no users yet (its sign-in state, as the back office reads it). */
async function firstAdminNeeded(url: string): Promise<boolean> {
  try {
    const reply = await fetch(`${url}/admin/v1/sign-in-state`);
    const body = (await reply.json()) as { firstAdminNeeded?: boolean };
    return body.firstAdminNeeded === true;
  } catch {
    return false;
  }
}

async function importCatalog(
  where: DatabaseTarget,
  file: string,
  values: { store?: string; currency?: string },
): Promise<number> {
  const text = await readText(file);
  if (text === null) return 1;
  return withDatabase(where, async (db) => {
    const result = await importCatalogCsv(db, text, { store: values.store, currency: values.currency });
    if (!result.ok) {
      console.error(`${file} was refused; nothing was changed.\n${formatImportErrors(result.errors)}`);
      return 1;
    }
    const scope = result.store ? `store ${result.store}'s prices` : 'the chain catalog';
    console.log(
      `Imported ${result.rows} rows into ${scope}: ` +
        (result.changed > 0
          ? `${result.changed} changed, catalog version ${result.version}`
          : `nothing changed, the catalog stays at version ${result.version}`) +
        (result.withNetContent > 0 ? `; ${result.withNetContent} with a net content for a unit price.` : '.'),
    );
    return 0;
  });
}

/** `po import`: all the file's purchase orders, or none with every bad row named by line. */
async function importPos(where: DatabaseTarget, file: string): Promise<number> {
  const text = await readText(file);
  if (text === null) return 1;
  return withDatabase(where, async (db) => {
    const result = await importPurchaseOrders(db, text);
    if (!result.ok) {
      console.error(`${file} was refused; nothing was changed.\n${formatImportErrors(result.errors)}`);
      return 1;
    }
    const named = result.orders.map((o) => `${o.store} ${o.number} (${o.lines} lines)`).join(', ');
    console.log(
      `Imported ${result.orders.length} purchase order${result.orders.length === 1 ? '' : 's'}: ${named}.`,
    );
    return 0;
  });
}

/** A file's text, or null after saying why it cannot be read. */
async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    console.error(
      `${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
    return null;
  }
}

async function rotateKey(where: DatabaseTarget, values: { store?: string; grace?: string }) {
  if (!values.store) throw new UsageError(`store-key rotate needs --store STORE\n\n${USAGE}`);
  const store = values.store;
  const grace = values.grace === undefined ? DEFAULT_ROTATION_GRACE_SECONDS : Number(values.grace);
  if (!/^\d{1,6}$/.test(values.grace ?? '0'))
    throw new UsageError(`--grace must be a whole number of seconds, not "${values.grace}"\n\n${USAGE}`);
  return withDatabase(where, async (db) => {
    try {
      const rotation = await rotateStoreKey(db, store, grace);
      // The key itself is never printed: terminals fetch it from HQ.
      console.log(
        `Store ${rotation.storeCode} has a new store key. Its terminals take it on their next sync; ` +
          `the old key is still given out until ${rotation.previousUntil}.`,
      );
      return 0;
    } catch (error) {
      console.error(`openlane server store-key rotate: ${(error as Error).message}`);
      return 1;
    }
  });
}

async function withDatabase(where: DatabaseTarget, run: (db: Database) => Promise<number>): Promise<number> {
  const db = await openDatabase(where);
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}
