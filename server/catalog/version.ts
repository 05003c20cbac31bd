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
