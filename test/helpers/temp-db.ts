// A fresh terminal store in its own temp directory, so tests use real SQLite files (WAL and all)
// and can close and reopen the same file the way a restarted kiosk does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { migrate } from '../../db/migrate';
import { openDatabase } from '../../db/open';
import type { Database, OpenOptions } from '../../db/open';

export interface TempDatabase {
  /** The open connection; replaced by `reopen()`. */
  db: Database;
  /** The database file. */
  path: string;
  /** The temp directory holding the file and its -wal/-shm companions. */
  dir: string;
  /** Closes the connection (if open) and opens the same file again, as a restart would. */
  reopen(options?: OpenOptions): Database;
  /** Closes the connection and deletes the directory. */
  cleanup(): void;
}

/** Opens a new SQLite file in a fresh temp directory (migrations applied unless told otherwise). */
export function openTempDatabase(options: OpenOptions = {}): TempDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'openlane-db-'));
  const path = join(dir, 'terminal.sqlite');
  const temp: TempDatabase = {
    db: openDatabase(path, options),
    path,
    dir,
    reopen(reopenOptions = {}) {
      if (temp.db.open) temp.db.close();
      temp.db = openDatabase(path, reopenOptions);
      return temp.db;
    },
    cleanup() {
      if (temp.db.open) temp.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return temp;
}

/**
 * A fresh temp database for every test of the calling file, cleaned up after it. With `schemaVersion`
 * it is migrated only that far (tests of one migration). The returned handle always points at the
 * current test's database, so tests read `temp.db` as before.
 */
export function useTempDatabase(schemaVersion?: number): TempDatabase {
  let current: TempDatabase | undefined;
  beforeEach(() => {
    current = openTempDatabase({ skipMigrations: schemaVersion !== undefined });
    if (schemaVersion !== undefined) migrate(current.db, { target: schemaVersion });
  });
  afterEach(() => current?.cleanup());
  const now = (): TempDatabase => {
    if (!current) throw new Error('useTempDatabase: the database exists only inside a test');
    return current;
  };
  return {
    get db() {
      return now().db;
    },
    get path() {
      return now().path;
    },
    get dir() {
      return now().dir;
    },
    reopen: (options) => now().reopen(options),
    cleanup: () => now().cleanup(),
  };
}
