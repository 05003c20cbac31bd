// Which store key the lane link signs with, and which it accepts. settings.json's `lanes.key` wins (a
// store without HQ, or one that wants its own); otherwise the key HQ handed out at enrolment or on the
// last sync (DATA_DIR/hq-store.json). During a rotation HQ also gives the key before, which is still
// accepted and tried when the other terminal refuses the new one, until HQ stops giving it.
import type { StoreLane } from '../../core/sync';
import type { Settings } from '../settings';
import { loadStoreLink, type StoreLinkInfo } from '../sync/store-link';

export interface StoreKeyRing {
  /** The key to sign with, or null: no lane link. */
  current(): string | null;
  /** A rotated-out key HQ still gives, to try when the other end refuses `current`; else null. */
  previous(): string | null;
  /** Every key a request may come signed with now, the current first. */
  accepted(): readonly string[];
  /** Where the key comes from, for the link's status. */
  source(): 'settings' | 'hq' | null;
  /** The store's kiosks as HQ last listed them (empty without HQ). */
  hqLanes(): readonly StoreLane[];
  /** The store's name as HQ last gave it, or null (no HQ, or an HQ that does not send it). */
  hqStoreName(): string | null;
  /** Reads hq-store.json again (after a sync or `openlane enrol`); listeners hear of any change. */
  reload(): void;
  subscribe(listener: () => void): () => void;
}

export function createStoreKeyRing(dataDir: string | null, settings: Pick<Settings, 'lanes'>): StoreKeyRing {
  const listeners = new Set<() => void>();
  let hq: StoreLinkInfo | null = null;
  const read = (): StoreLinkInfo | null => {
    if (!dataDir) return null;
    try {
      return loadStoreLink(dataDir);
    } catch (error) {
      // A damaged file must not stop the till: the link runs without HQ's key until the next sync.
      console.error(`openlane: ${(error as Error).message}`);
      return null;
    }
  };
  const fingerprint = (info: StoreLinkInfo | null) =>
    info ? JSON.stringify([info.storeKey, info.previousStoreKey, info.lanes, info.storeName]) : '';
  hq = read();
  const fromSettings = () => settings.lanes.key;
  return {
    current: () => fromSettings() ?? hq?.storeKey ?? null,
    previous: () => (fromSettings() ? null : (hq?.previousStoreKey ?? null)),
    accepted() {
      const key = fromSettings();
      if (key) return [key];
      return hq ? [hq.storeKey, ...(hq.previousStoreKey ? [hq.previousStoreKey] : [])] : [];
    },
    source: () => (fromSettings() ? 'settings' : hq ? 'hq' : null),
    hqLanes: () => hq?.lanes ?? [],
    hqStoreName: () => hq?.storeName || null,
    reload() {
      const next = read();
      if (fingerprint(next) === fingerprint(hq)) return;
      hq = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A ring holding one fixed key (tests, benchmarks, a store key given in code). */
export function fixedKeyRing(key: string | null): StoreKeyRing {
  return createStoreKeyRing(null, { lanes: { key } as Settings['lanes'] });
}
