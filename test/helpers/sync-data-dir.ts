// One sync of an enrolled terminal's data directory with its HQ, as `openlane sync` does: the store
// opened, synced, closed again (so the test can read the same files between syncs).
import { openTerminalStore } from '../../services/store';
import { createHqClient, loadCredentials, syncOnce } from '../../services/sync';

export async function syncDataDir(data: string, currency = 'CNY') {
  const store = openTerminalStore(data);
  try {
    return await syncOnce(store.db, createHqClient(loadCredentials(data)!), { currency });
  } finally {
    store.db.close();
  }
}
