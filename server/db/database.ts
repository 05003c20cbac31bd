// The one query interface the HQ server is written against. Two adapters implement it: node-postgres
// (a pool of connections to a real PostgreSQL server) and PGlite (embedded, one connection, in-process).
// Two small adapters were chosen over serving PGlite through a socket: PGlite is single-connection, and
// interleaving several wire-protocol clients on it is fragile, while its own API already queues work.

/** Something SQL can be sent to: the database itself, or one open transaction. */
export interface Queryable {
  /** One statement with $1… parameters. Pass JSON values as JSON text (JSON.stringify). */
  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<Row>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface QueryOptions {
  /**
   * For a hot statement: the name PostgreSQL keeps it under, parsed and planned, on each connection,
   * so later runs send only the parameters. One name, one text. PGlite (in-process) ignores it.
   */
  prepareAs?: string;
}

export interface QueryResult<Row> {
  rows: Row[];
  /** Rows inserted, updated or deleted (0 for a SELECT on PGlite). */
  rowCount: number;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs fn in one transaction (the database's default isolation: READ COMMITTED, or SERIALIZABLE where
   * it is set so) and commits when it resolves; rolls back when it throws. Inside fn use only `tx`: on
   * PGlite the database waits for the transaction to finish. On a serialization failure or a deadlock
   * fn runs again in a new transaction (retry.ts), so fn must change nothing outside `tx` and keep no
   * state from one run to the next; when the runs are used up it throws RetryLater.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where the data lives: an embedded PGlite directory, or a PostgreSQL connection URL. */
export type DatabaseTarget = { dataDir: string } | { databaseUrl: string };

/** A PostgreSQL error's SQLSTATE, when the error carries one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** The constraint a unique or check violation names (node-postgres and PGlite both report it). */
export function constraintOf(error: unknown): string | undefined {
  const constraint = (error as { constraint?: unknown } | null)?.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}

/**
 * A count, sum or bigint column as a JS number: node-postgres returns int8 as text, PGlite as a number
 * (or a bigint past 2^53). Every quantity the server keeps — versions, minor units, stock — stays below 2^53.
 */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`database value ${String(value)} is not a safe integer`);
  return n;
}

/** A timestamptz column as ISO 8601 text (both drivers return a Date). */
export function toIso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
