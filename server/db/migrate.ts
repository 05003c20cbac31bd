// Numbered plain-SQL migrations (server/migrations/NNNN_name.sql) applied in order, each in its own
// transaction together with its row in schema_migrations. Several servers starting at once on one
// database are safe: the second to insert a version waits on the first's key and then skips it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';
import { sqlState } from './database';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** In source the SQL sits in server/migrations; a bundle finds it in server-migrations beside itself. */
const CANDIDATE_DIRS = [
  new URL('../migrations/', import.meta.url),
  new URL('./server-migrations/', import.meta.url),
];

export function migrationsDir(): string {
  for (const url of CANDIDATE_DIRS) {
    const dir = fileURLToPath(url);
    if (existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.sql'))) return dir;
  }
  throw new Error(
    `the HQ server's SQL migrations are missing: looked in ${CANDIDATE_DIRS.map((u) => fileURLToPath(u)).join(' and ')}` +
      ' (a build must copy server/migrations to server-migrations beside the bundle)',
  );
}

/** Every NNNN_name.sql of a directory in version order; a gap in the numbers is an error. */
export function loadMigrations(dir: string = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file, index) => {
      const version = Number(file.slice(0, 4));
      if (version !== index + 1)
        throw new Error(`HQ migration ${file} is out of sequence: expected ${index + 1}`);
      return { version, name: file.slice(5, -4), sql: readFileSync(`${dir}/${file}`, 'utf8') };
    });
}

/** Brings the schema up to date; returns the version it is at. */
export async function migrate(db: Database, migrations: Migration[] = loadMigrations()): Promise<number> {
  await createVersionTable(db);
  const applied = await appliedMigrations(db);
  checkKnown(applied, migrations);
  let current = Math.max(0, ...applied.keys());
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    try {
      await db.transaction(async (tx) => {
        // The key is taken first: a concurrent migrator blocks here, then finds the version applied.
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await tx.exec(migration.sql);
      });
    } catch (error) {
      if (sqlState(error) !== '23505') {
        throw new Error(
          `HQ migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
    }
    current = migration.version;
  }
  return current;
}

async function createVersionTable(db: Database): Promise<void> {
  try {
    await db.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version int PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  } catch (error) {
    // Two servers creating it at the same moment: one wins, and the table is there for both.
    if (sqlState(error) !== '23505' && sqlState(error) !== '42P07') throw error;
  }
}

async function appliedMigrations(db: Database): Promise<Map<number, string>> {
  const { rows } = await db.query<{ version: number; name: string }>(
    'SELECT version, name FROM schema_migrations ORDER BY version',
  );
  return new Map(rows.map((r) => [Number(r.version), r.name]));
}

/** A database migrated by a newer server, or with renamed migrations, is refused rather than guessed at. */
function checkKnown(applied: Map<number, string>, migrations: Migration[]): void {
  for (const [version, name] of applied) {
    const known = migrations[version - 1];
    if (!known) {
      throw new Error(
        `the HQ database is at schema version ${version} (${name}), newer than this OpenLane (${migrations.length})`,
      );
    }
    if (known.name !== name) {
      throw new Error(
        `the HQ database's migration ${version} is "${name}" but this OpenLane's is "${known.name}"`,
      );
    }
  }
}
