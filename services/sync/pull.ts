// Down: HQ's catalog changes after the saved cursor, page by page until HQ says there is no more. Each
// page and the cursor past it are applied in ONE SQLite transaction, so a crash or a lost connection
// resumes at the last whole page. Items are checked one by one: a bad one, or one priced in another
// currency than the store's, is skipped with a warning naming it (and never blocks the feed).
import type { Product } from '../../core/types';
import type { Database } from '../../db/open';
import { applyCatalogPage, syncState } from '../../db/sync';
import type { HqClient } from './hq-client';
import { catalogProduct, catalogTombstone, describe } from './protocol';

export const PAGE_SIZE = 5000;

export interface PullProgress {
  /** Items received in this pull so far. */
  received: number;
  /** The version of the last item applied, and the HQ version being caught up with. */
  version: number;
  targetVersion: number;
  done: boolean;
}

export interface PullResult {
  upserted: number;
  deleted: number;
  skipped: number;
  pages: number;
  catalogVersion: number;
  warnings: string[];
}

export interface PullOptions {
  /** The store's currency (settings.currency): prices in any other are refused. */
  currency: string;
  pageSize?: number;
  onProgress?: (progress: PullProgress) => void;
  /** Skipped items named in warnings, at most; the rest are counted. */
  maxWarnings?: number;
}

export async function pullCatalog(db: Database, client: HqClient, options: PullOptions): Promise<PullResult> {
  const limit = options.pageSize ?? PAGE_SIZE;
  const maxWarnings = options.maxWarnings ?? 20;
  const result: PullResult = {
    upserted: 0,
    deleted: 0,
    skipped: 0,
    pages: 0,
    catalogVersion: 0,
    warnings: [],
  };
  const warn = (text: string) => {
    if (result.warnings.length < maxWarnings) result.warnings.push(text);
  };
  let received = 0;
  for (;;) {
    const cursor = syncState(db).catalogCursor;
    const page = await client.catalogPage(cursor, limit);
    const upserts: Product[] = [];
    const deletes: string[] = [];
    for (const raw of page.items) {
      if (raw.deleted) {
        const tomb = catalogTombstone.safeParse(raw);
        if (tomb.success) deletes.push(tomb.data.gtin);
        else skip(raw.gtin, describe(tomb.error));
        continue;
      }
      const item = catalogProduct.safeParse(raw);
      if (!item.success) {
        skip(raw.gtin, describe(item.error));
      } else if (item.data.currency !== options.currency) {
        skip(
          item.data.gtin,
          `priced in ${item.data.currency}, but this store sells in ${options.currency}; it was not changed`,
        );
      } else {
        const { gtin, barcode, name, price, taxRateBp, unit, ageLimit, department } = item.data;
        upserts.push({ gtin, barcode, name, price, taxRateBp, unit, ageLimit, department });
      }
    }
    const applied = applyCatalogPage(db, {
      after: cursor,
      upserts,
      deletes,
      nextCursor: page.nextCursor,
      caughtUpVersion: page.more ? null : page.catalogVersion,
    });
    if (applied.stale) continue;
    received += page.items.length;
    result.upserted += applied.upserted;
    result.deleted += applied.deleted;
    result.pages++;
    result.catalogVersion = page.more ? result.catalogVersion : page.catalogVersion;
    options.onProgress?.({
      received,
      version: page.items.at(-1)?.version ?? page.catalogVersion,
      targetVersion: page.catalogVersion,
      done: !page.more,
    });
    if (!page.more) return result;
  }

  function skip(gtin: unknown, why: string) {
    result.skipped++;
    warn(`catalog item ${String(gtin)} skipped: ${why}`);
  }
}
