// DATA_DIR/hq-store.json: what HQ told this terminal about its store for the lane link — the store key
// (and, during a rotation, the key before it) and the store's kiosks. The key is a secret shared by the
// store's terminals, so the file is written 0600 like hq.json and never logged. It is written at
// enrolment (from the enrolment answer) and on every sync (POST /v1/link); settings.json's
// `lanes.key`, when set, wins over it (services/lanes/key-ring.ts).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LinkRequest, StoreLane } from '../../core/sync';
import { readJsonFile, writePrivateJson } from './credentials';
import type { HqClient } from './hq-client';

export const STORE_LINK_FILE = 'hq-store.json';

export interface StoreLinkInfo {
  storeCode: string;
  storeKey: string;
  previousStoreKey: string | null;
  /** The store's kiosks as HQ lists them; empty until the first sync after enrolment. */
  lanes: StoreLane[];
  /** The store's name at HQ; null or absent while HQ has none to give. */
  storeName?: string | null;
  /** This terminal's clock when HQ said it. */
  receivedAt: string;
}

const schema = z.object({
  storeCode: z.string().min(1),
  storeKey: z.string().min(32),
  previousStoreKey: z.string().min(32).nullable(),
  lanes: z.array(z.object({ terminalId: z.string().min(1), name: z.string().nullable() })),
  storeName: z.string().nullable().optional(),
  receivedAt: z.string(),
});

export function storeLinkPath(dataDir: string): string {
  return join(dataDir, STORE_LINK_FILE);
}

/** What HQ last said, or null when it never did. A damaged file throws, naming it. */
export function loadStoreLink(dataDir: string): StoreLinkInfo | null {
  const fix = 'the next sync rewrites it';
  return readJsonFile(storeLinkPath(dataDir), schema, { notJson: fix, damaged: fix });
}

export function saveStoreLink(dataDir: string, info: StoreLinkInfo): void {
  writePrivateJson(storeLinkPath(dataDir), info);
}

/** After (re-)enrolling: the new store's key, or no file at all when HQ gave none (an older HQ). */
export function resetStoreLink(dataDir: string, storeCode: string, storeKey: string | undefined): void {
  if (storeKey === undefined) {
    rmSync(storeLinkPath(dataDir), { force: true });
    return;
  }
  saveStoreLink(dataDir, {
    storeCode,
    storeKey,
    previousStoreKey: null,
    lanes: [],
    receivedAt: new Date().toISOString(),
  });
}

/**
 * Tells HQ which terminal this is and saves what it answers. Null (and the file untouched) when HQ is
 * older than the lane link; an HqError when HQ cannot be reached or refuses.
 */
export async function refreshStoreLink(
  dataDir: string,
  client: Pick<HqClient, 'link'>,
  hello: LinkRequest,
): Promise<StoreLinkInfo | null> {
  const reply = client.link ? await client.link(hello) : null;
  if (!reply) return null;
  const info: StoreLinkInfo = { ...reply, receivedAt: new Date().toISOString() };
  saveStoreLink(dataDir, info);
  return info;
}
