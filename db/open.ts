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
  cacheStatements(db);
  if (!options.skipMigrations) migrate(db);
  return db;
}

/**
 * Keeps each prepared statement for its SQL text. The code prepares its statements where it uses them,
 * which reads best; compiling the same SQL again on every scan cost a counter a fifth of its handler
 * time. A kept statement is handed out with its modes reset (a caller's `.pluck()` does not leak into
 * the next caller), and one still iterating is never shared: that caller gets a fresh one.
 */
const MAX_KEPT_STATEMENTS = 2000;

function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const kept = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    const statement = kept.get(sql);
    if (statement && !statement.busy) {
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
      return statement.safeIntegers(false);
    }
    const made = prepare(sql);
    if (statement) return made;
    // SQL is written in the code, so there are a few hundred texts; a bound keeps any built one in check.
    if (kept.size >= MAX_KEPT_STATEMENTS) kept.clear();
    kept.set(sql, made);
    return made;
  }) as typeof db.prepare;
}
