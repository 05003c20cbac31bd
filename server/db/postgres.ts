// The node-postgres adapter: a pool of connections to a real PostgreSQL server (what a chain runs).
import pg from 'pg';
import type { Database, Queryable, QueryOptions, QueryResult } from './database';
import { toNumber } from './database';
import { retryOnConflict } from './retry';

const INT8 = 20;

// int8 as a JS number, as PGlite returns it, so the code above sees one kind of value from both.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 && format !== 'binary') return (text: string) => toNumber(text);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export interface PostgresOptions {
  /** Connections in the pool; each concurrent transaction holds one. */
  max?: number;
}

/** Connects a pool to `url` (postgres://…) and checks that the server answers. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const settings = await sessionSettings(url);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, options: settings });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Every statement outside a transaction, and every transaction, runs again on a serialization
  // failure or a deadlock (retry.ts): on a SERIALIZABLE engine any write may meet one.
  return {
    kind: 'postgres',
    query: (text, params, options) => retryOnConflict(() => run(pool, text, params, options)),
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: (fn) => retryOnConflict(() => runTransaction(pool, fn)),
    close: () => pool.end(),
  };
}

/** fn in one transaction on one pooled connection: committed when it resolves, rolled back when it throws. */
async function runTransaction<T>(pool: pg.Pool, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const tx: Queryable = {
      query: (text, params, options) => run(client, text, params, options),
      exec: async (sql) => {
        await client.query(sql);
      },
    };
    const result = await fn(tx);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}

async function run<Row>(
  on: pg.Pool | pg.PoolClient,
  text: string,
  params?: readonly unknown[],
  options: QueryOptions = {},
): Promise<QueryResult<Row>> {
  const result = await on.query({ text, values: params as unknown[] | undefined, name: options.prepareAs });
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
}

/**
 * Checks that the server answers, and picks what each connection sets: lz4 for the values PostgreSQL
 * compresses (event payloads are a few kB of JSON each) where the server has it (PostgreSQL 14 and
 * later, built with lz4), as it compresses several times faster than the default pglz for about the
 * same size. A server without it keeps its default.
 */
async function sessionSettings(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ lz4: boolean }>(
      "SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'",
    );
    return rows[0]?.lz4 ? '-c default_toast_compression=lz4' : undefined;
  } catch (error) {
    throw new Error(`cannot connect to PostgreSQL at ${redact(url)}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL without its password, for error messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the given URL';
  }
}
