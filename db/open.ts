// Opens the terminal's SQLite store: WAL for concurrent reads while writing, FULL sync so a commit
// the UI reported as done survives a power cut, and every migration applied.
import Database from 'better-sqlite3';
import { migrate } from './migrate';

export type { Database } from 'better-sqlite3';

export interface OpenOptions {
  /** Path of an Electron-ABI build of better-sqlite3 (the Electron app passes its own). */
  nativeBinding?: string;
  /** Open without applying migrations (tests of the migrations themselves). */
  skipMigrations?: boolean;
}

/** Opens (creating if needed) the store at `path`, ready for use. */
export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  // In WAL mode NORMAL may lose the last commits on power loss; FULL syncs the WAL on every commit.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!options.skipMigrations) migrate(db);
  return db;
}
