// Opening the HQ database: PGlite in a directory by default, PostgreSQL when given a URL; migrated.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Database, DatabaseTarget } from './database';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export interface TargetOptions {
  /** --database URL */
  databaseUrl?: string;
  /** --data DIR */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Where the HQ data lives: --database, else --data, else DATABASE_URL, else OPENLANE_HQ_DATA,
 * else ~/.openlane/hq (PGlite). Giving both --database and --data is an error.
 */
export function resolveTarget(options: TargetOptions = {}): DatabaseTarget {
  const env = options.env ?? process.env;
  if (options.databaseUrl && options.dataDir) {
    throw new Error('give either --database URL (PostgreSQL) or --data DIR (PGlite), not both');
  }
  if (options.databaseUrl) return { databaseUrl: checkUrl(options.databaseUrl) };
  if (options.dataDir) return { dataDir: options.dataDir };
  if (env.DATABASE_URL) return { databaseUrl: checkUrl(env.DATABASE_URL) };
  return { dataDir: env.OPENLANE_HQ_DATA || join(homedir(), '.openlane', 'hq') };
}

function checkUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      `the database URL must start with postgres:// or postgresql://, got "${url.slice(0, 40)}"`,
    );
  }
  return url;
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const db =
    'databaseUrl' in target ? await openPostgres(target.databaseUrl) : await openPglite(target.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}

/**
 * Opens the read-only handle report queries use: a streaming replica of the HQ database (or any copy that
 * follows it). It is not migrated — a replica cannot be written, and it takes the primary's schema as it
 * replays — so it is waited for (up to `waitMs`) until it has replayed the primary's migrations; a URL
 * naming a database that never gets HQ's schema is refused.
 */
export async function openReportsDatabase(
  url: string,
  primary: Database,
  waitMs = 30_000,
): Promise<Database> {
  const version = async (db: Database) => {
    const { rows } = await db.query<{ found: string | null }>(
      "SELECT to_regclass('schema_migrations')::text AS found",
    );
    if (!rows[0]?.found) return 0;
    const max = await db.query<{ v: unknown }>('SELECT max(version) AS v FROM schema_migrations');
    return Number(max.rows[0]?.v ?? 0);
  };
  const want = await version(primary);
  const db = await openPostgres(checkUrl(url), { max: 4 });
  try {
    const deadline = Date.now() + waitMs;
    while ((await version(db)) < want) {
      if (Date.now() > deadline)
        throw new Error(
          `the reports database has not HQ's schema (version ${want}) after ${waitMs / 1000} s: ` +
            'give a streaming replica of the HQ database, and check that it is replaying',
        );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}

/** Opens the database for one job (a CLI command) and closes it afterwards, whatever happens. */
export async function withDatabase<T>(options: TargetOptions, job: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(resolveTarget(options));
  try {
    return await job(db);
  } finally {
    await db.close();
  }
}
