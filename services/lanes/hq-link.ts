// The lane link's part of a sync with HQ: the terminal says which terminal it is (so HQ can list the
// store's kiosks to the console) and takes the store key HQ gives, saved in hq-store.json and handed
// to the running link at once. A terminal that is not enrolled simply never syncs: settings.json's key.
import type { HqClient } from '../sync/hq-client';
import { refreshStoreLink } from '../sync/store-link';
import type { PublicSettings } from '../api/contract';
import { publicSettings, type Settings } from '../settings';
import { createStoreKeyRing, type StoreKeyRing } from './key-ring';

export interface StoreLinkSync {
  keys: StoreKeyRing;
  /** For the sync loop: POST /v1/link after each sync, then the link's keys and lanes reloaded. */
  afterSync(client: HqClient): Promise<void>;
}

export function storeLinkSync(
  dataDir: string,
  settings: Pick<Settings, 'lanes' | 'terminalId' | 'role'>,
): StoreLinkSync {
  const keys = createStoreKeyRing(dataDir, settings);
  return {
    keys,
    async afterSync(client) {
      const info = await refreshStoreLink(dataDir, client, {
        terminalId: settings.terminalId,
        // HQ's link tells kiosks apart from the rest (its devices table knows three roles): a stock
        // terminal is staff-run like a counter, and says so.
        role: settings.role === 'stock' ? 'counter' : settings.role,
      });
      if (info) keys.reload();
    },
  };
}

/**
 * An enrolled terminal goes by its store's name at HQ: its screens, receipts, shift reports and payment
 * codes show what the chain's office calls the store, and a rename there reaches the till at its next
 * sync. settings.json's `storeName` names a terminal that is not enrolled. `changed` hears the new name.
 */
export function followHqStoreName(
  keys: Pick<StoreKeyRing, 'hqStoreName' | 'subscribe'>,
  settings: Settings,
  changed: (settings: PublicSettings) => void,
): () => void {
  const follow = () => {
    const name = keys.hqStoreName();
    if (!name || name === settings.storeName) return;
    settings.storeName = name;
    changed(publicSettings(settings));
  };
  follow();
  return keys.subscribe(follow);
}
