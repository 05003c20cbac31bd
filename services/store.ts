// Where a terminal keeps its data: DATA_DIR/openlane.db (SQLite) and DATA_DIR/settings.json, in a
// directory only its user can read (data-dir.ts).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type Database } from '../db/open';
import { createPrivateFile, securePrivateDir } from './data-dir';
import { loadSettings, type Settings } from './settings';

export interface TerminalStore {
  dataDir: string;
  db: Database;
  settings: Settings;
}

/** The data directory: the flag, else OPENLANE_DATA, else ~/.openlane. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.OPENLANE_DATA ?? join(homedir(), '.openlane'));
}

/** Opens the store's database (migrating it) and settings. */
export function openTerminalStore(dataDir: string, options: { nativeBinding?: string } = {}): TerminalStore {
  securePrivateDir(dataDir);
  const settings = loadSettings(dataDir);
  // SQLite gives the -wal and -shm files the mode of the database file: 0600 from the start.
  const path = join(dataDir, 'openlane.db');
  createPrivateFile(path);
  const db = openDatabase(path, options);
  return { dataDir, db, settings };
}
