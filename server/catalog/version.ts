// The catalog version counter (see migrations/0002_catalog.sql for why it is one locked row).
import type { Queryable } from '../db/database';
import { toNumber } from '../db/database';

/**
 * Takes the next catalog version for the calling transaction. Its row lock is held until commit, so a
 * second writer waits here: versions are handed out in commit order and none is ever seen out of turn.
 */
export async function takeCatalogVersion(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ version: unknown }>(
    'UPDATE catalog_version SET version = version + 1 WHERE id = 1 RETURNING version',
  );
  return toNumber(rows[0]!.version);
}

/** The newest committed catalog version. */
export async function currentCatalogVersion(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ version: unknown }>('SELECT version FROM catalog_version WHERE id = 1');
  return toNumber(rows[0]!.version);
}

/**
 * Runs `write` at the next catalog version and keeps that version only if `changed` says the write
 * changed something. Otherwise everything since the version was taken is rolled back to a savepoint:
 * the counter is as it was, so /v1/stream announces nothing and no lane's pull sees a new version for
 * a save that changed nothing. The version is still taken first, so a writer locks the counter before
 * any product row, in the order every catalog writer takes them (no two writers wait on each other).
 */
export async function writeAtNextVersion<T>(
  tx: Queryable,
  write: (version: number) => Promise<T>,
  changed: (result: T) => boolean,
): Promise<{ result: T; version: number | null }> {
  await tx.query('SAVEPOINT catalog_write');
  const version = await takeCatalogVersion(tx);
  const result = await write(version);
  if (changed(result)) {
    await tx.query('RELEASE SAVEPOINT catalog_write');
    return { result, version };
  }
  await tx.query('ROLLBACK TO SAVEPOINT catalog_write');
  return { result, version: null };
}
