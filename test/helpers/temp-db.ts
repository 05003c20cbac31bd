// A fresh terminal store in its own temp directory, so tests use real SQLite files (WAL and all)
// and can close and reopen the same file the way a restarted kiosk does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
