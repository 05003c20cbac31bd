// `openlane status`: this terminal's catalog, outbox and sync state as JSON, from SQLite alone (no network).
import { loadCredentials, syncStatus } from '../../services/sync';
import { openTerminalStore, resolveDataDir } from '../../services/store';
import { parse, UsageError } from './args';

const USAGE = `Usage: openlane status [--data DIR]

Prints JSON: { catalog: { products, version }, outbox: { pending, oldestAgeSeconds, stale, deadLetters },
sync: { enrolled, serverUrl, online, lastSyncAt, lastAttemptAt, lastError, clockSkewMs } }.
online means the last sync attempt went through; it is not a live probe of HQ.`;

export async function statusCommand(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const { values, positionals } = parse(args, { data: { type: 'string' } }, USAGE);
  if (positionals.length > 0) throw new UsageError(USAGE);
  const dataDir = resolveDataDir(values.data);
  const credentials = loadCredentials(dataDir);
  const store = openTerminalStore(dataDir);
  try {
    console.log(JSON.stringify(syncStatus(store.db, credentials), null, 2));
    return 0;
  } finally {
    store.db.close();
  }
}
