// The PGlite adapter: PostgreSQL compiled to WASM, embedded in this process with its files in a
// directory. Zero set-up, but a single process with one connection, and not crash-durable: for a
// trial or a small store, not for a chain (see server/README.md).
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, Queryable, QueryResult } from './database';
import { closeDataTree } from './private-dir';

const LOCK_FILE = 'openlane-hq.pid';

/** Opens (creating on first use) the PGlite database in `dataDir`; one process at a time. */
export async function openPglite(dataDir: string): Promise<Database> {
  closeDataTree(dataDir);
  const releaseLock = lockDirectory(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(join(dataDir, 'pgdata'));
    // PGlite made its files 0666 (inside the closed directory): close them too.
    closeDataTree(dataDir);
  } catch (error) {
    releaseLock();
    throw error;
  }
  return {
    kind: 'pglite',
    ...wrap(db),
    // PGlite's transaction holds its one connection: other queries queue behind it, like a row lock.
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async close() {
      try {
        await db.close();
        closeDataTree(dataDir);
      } finally {
        releaseLock();
      }
    },
  };
}

function wrap(on: PGlite | Transaction): Queryable {
  return {
    async query<Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      const result = await on.query<Row>(text, params as unknown[] | undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
    async exec(sql: string) {
      await on.exec(sql);
    },
  };
}

/**
 * Two processes writing one PGlite directory would corrupt it, so the directory carries the pid of
 * the process that has it open. A lock left by a process that died is taken over.
 */
function lockDirectory(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (isAlive(holder)) {
        throw new Error(
          `the HQ data directory ${dataDir} is in use by process ${holder}; PGlite allows one process at a time ` +
            '(run PostgreSQL with --database for more)',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`cannot lock the HQ data directory ${dataDir}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
