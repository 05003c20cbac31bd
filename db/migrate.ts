// Numbered SQL migrations (migrations/NNNN_name.sql), applied in order, each in its own transaction.
// SQLite's user_version records the last one applied, so a terminal upgrades itself on start.
import type Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations directory: beside this module in source, and copied beside the bundle in dist/. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Reads every NNNN_name.sql file of a directory, in version order. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file, index) => {
      const version = Number(file.slice(0, 4));
      if (version !== index + 1)
        throw new Error(`Migration ${file} is out of sequence: expected ${index + 1}`);
      return { version, name: file.slice(5, -4), sql: readFileSync(`${dir}/${file}`, 'utf8') };
    });
}

/** Applies the migrations newer than the database's user_version, up to `target` (default: all). */
export function migrate(db: Database.Database, options: { target?: number; dir?: string } = {}): number {
  const migrations = loadMigrations(options.dir);
  const target = options.target ?? migrations.length;
  let current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `The database is at schema version ${current}, newer than this OpenLane (${migrations.length})`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
    current = migration.version;
  }
  return current;
}
