// `openlane sync`: one full sync with HQ — the outbox up, the catalog down — and a summary.
import { storeLinkSync } from '../../services/lanes/hq-link';
import { createHqClient, HqError, loadCredentials, syncOnce } from '../../services/sync';
import { openTerminalStore, resolveDataDir } from '../../services/store';
import { describeSyncWarning } from '../../services/sync/warnings';
import { parse, UsageError } from './args';

const USAGE = `Usage: openlane sync [--data DIR]

Sends every event waiting in the outbox to HQ, then pulls the catalog changes, and prints a summary.
Exits 1 when HQ cannot be reached or refuses (nothing is lost: the events stay queued).`;

export async function syncCommand(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const { values, positionals } = parse(args, { data: { type: 'string' } }, USAGE);
  if (positionals.length > 0) throw new UsageError(USAGE);
  const dataDir = resolveDataDir(values.data);
  const credentials = loadCredentials(dataDir);
  if (!credentials) {
    console.error(`This terminal is not enrolled with HQ (no ${dataDir}/hq.json); run openlane enrol first.`);
    return 1;
  }
  const store = openTerminalStore(dataDir);
  try {
    const started = performance.now();
    const summary = await syncOnce(store.db, createHqClient(credentials), {
      currency: store.settings.currency,
      // The lane link's store key and lanes too; a running terminal on this directory picks them up.
      afterSync: storeLinkSync(dataDir, store.settings).afterSync,
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Synced with ${credentials.serverUrl} in ${seconds.toFixed(1)} s: ` +
        `${summary.pushed} events sent, ${summary.duplicates} already at HQ, ${summary.rejected} rejected; ` +
        `${summary.pulled} products updated, ${summary.deleted} deleted, catalog version ${summary.catalogVersion}` +
        (summary.skewMs === undefined ? '.' : `; clock skew ${summary.skewMs} ms.`),
    );
    if (summary.prices)
      console.log(`${summary.prices} dated price changes received from HQ; each takes effect at its time.`);
    if (summary.demoRemoved > 0)
      console.log(
        `Removed the ${summary.demoRemoved} demo store products: this terminal now sells HQ's catalog (its sales are kept).`,
      );
    if (summary.rejected > 0)
      console.log('Rejected events are listed by openlane status (outbox.deadLetters).');
    for (const warning of summary.warnings)
      console.error(`Warning: ${describeSyncWarning(store.db, warning)}`);
    return 0;
  } catch (error) {
    if (!(error instanceof HqError)) throw error;
    const prefix = error.kind === 'unreachable' ? 'HQ cannot be reached' : 'HQ refused the sync';
    console.error(
      `${prefix}: ${error.message}. Nothing was lost; the outbox keeps every event for the next sync.`,
    );
    return 1;
  } finally {
    store.db.close();
  }
}
