// Down: HQ's catalog changes after the saved cursor, page by page until HQ says there is no more. A page
// is written in parts of APPLY_PART rows, one SQLite transaction each, the last of which moves the
// cursor past the page: a crash or a lost connection resumes at the last whole page, and the parts of a
// page written before it are simply written again (an upsert of the same row). Items are checked one by
// one: a bad one, or one priced in another currency than the store's, is skipped with a warning naming
// it (and never blocks the feed). The write lock is held for one part at a time and the event loop is
// free between parts, so a scan waits for one part at a time (a few tens of ms) through a first sync
// of a million products. A part's commit can still stall for longer while the OS writes back the
// hundreds of MB such a sync writes (the sync bench shows it); only a writer off this thread avoids it.
import { describeIssues } from '../../core/result';
import type { Product } from '../../core/types';
import type { Database } from '../../db/open';
import {
  type CatalogPageChanges,
  applyCatalogPage,
  restartCatalogSnapshot,
  retireProductsOutsideSnapshot,
  syncState,
} from '../../db/sync';
import { HqError, type HqClient } from './hq-client';
import type { RawCatalogItem } from './protocol';
import { catalogProduct, catalogTombstone, checkCatalogProduct } from './protocol';

export const PAGE_SIZE = 5000;
/** Rows written per transaction: how long a scan can wait for the catalog while a page is applied. */
export const APPLY_PART = 1000;

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
  /** The demo store's products removed when HQ's first catalog completed (0 on every later sync). */
  demoRemoved: number;
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
    demoRemoved: 0,
  };
  const warn = (text: string) => {
    if (result.warnings.length < maxWarnings) result.warnings.push(text);
  };
  let received = 0;
  let cursor = syncState(db).catalogCursor;
  let pending = client.catalogPage(cursor, limit);
  /** Set when HQ said our cursor is ahead of its catalog and a full snapshot replaces ours. */
  let restarted = false;
  for (;;) {
    let page: Awaited<typeof pending>;
    try {
      page = await pending;
    } catch (error) {
      if (restarted || !(error instanceof HqError) || error.code !== 'cursor_ahead') throw error;
      restarted = true;
      warn(
        'HQ has an older catalog than this terminal (its database was reset or restored): taking a fresh snapshot',
      );
      restartCatalogSnapshot(db);
      cursor = syncState(db).catalogCursor;
      pending = client.catalogPage(cursor, limit);
      continue;
    }
    // The next page is asked for before this one is written: HQ reads and sends it meanwhile, so
    // neither side waits for the other (the first sync of a big catalog is a few hundred pages).
    pending = page.more ? client.catalogPage(page.nextCursor, limit) : Promise.resolve(page);
    // A failure is seen when it is awaited; until then it must not count as unhandled.
    pending.catch(() => undefined);
    if (page.more) await letRequestOut();
    const { upserts, deletes } = sortItems(page.items, options.currency, skip);
    const applied = await applyInParts(db, {
      after: cursor,
      upserts,
      deletes,
      nextCursor: page.nextCursor,
      caughtUpVersion: page.more ? null : page.catalogVersion,
    });
    if (applied.stale) {
      // Another sync moved the cursor: the page asked for ahead is of no use either.
      await pending.catch(() => undefined);
      cursor = syncState(db).catalogCursor;
      pending = client.catalogPage(cursor, limit);
      continue;
    }
    cursor = page.nextCursor;
    received += page.items.length;
    result.upserted += applied.upserted;
    result.deleted += applied.deleted;
    result.demoRemoved += applied.demoRemoved;
    result.pages++;
    result.catalogVersion = page.more ? result.catalogVersion : page.catalogVersion;
    options.onProgress?.({
      received,
      version: page.items.at(-1)?.version ?? page.catalogVersion,
      targetVersion: page.catalogVersion,
      done: !page.more,
    });
    if (!page.more) {
      // A restarted snapshot (this pull's, or one a stopped pull began) is complete: what it did
      // not bring, HQ no longer has.
      if (syncState(db).snapshotRestarted) result.deleted += retireProductsOutsideSnapshot(db);
      return result;
    }
  }

  function skip(gtin: unknown, why: string) {
    result.skipped++;
    warn(`catalog item ${String(gtin)} skipped: ${why}`);
  }
}

/** One turn of the event loop, so the request just started is written before a page is applied. */
const letRequestOut = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A page's upserts in parts, each its own transaction with the event loop free between them; only the
 * last part (with the deletes) moves the cursor. Every part is a page that moves the cursor to where
 * it stands, so each checks, as a whole page does, that no other sync has moved it meanwhile.
 */
async function applyInParts(
  db: Database,
  page: CatalogPageChanges,
): Promise<ReturnType<typeof applyCatalogPage>> {
  const parts: Product[][] = [];
  for (let start = 0; start < page.upserts.length; start += APPLY_PART) {
    parts.push(page.upserts.slice(start, start + APPLY_PART));
  }
  const last = parts.pop() ?? [];
  let upserted = 0;
  for (const part of parts) {
    const stay = { ...page, upserts: part, deletes: [], nextCursor: page.after, caughtUpVersion: null };
    const applied = applyCatalogPage(db, stay);
    if (applied.stale) return applied;
    upserted += applied.upserted;
    await letRequestOut();
  }
  const applied = applyCatalogPage(db, { ...page, upserts: last });
  return { ...applied, upserted: upserted + applied.upserted };
}

/**
 * A page's items as upserts and deletes. Each is checked on its own: a bad one, or one priced in
 * another currency than the store's, is skipped with the reason (and never blocks the feed).
 */
function sortItems(
  items: readonly RawCatalogItem[],
  currency: string,
  skip: (gtin: unknown, why: string) => void,
): { upserts: Product[]; deletes: string[] } {
  const upserts: Product[] = [];
  const deletes: string[] = [];
  for (const raw of items) {
    if (raw.deleted) {
      const tomb = catalogTombstone.safeParse(raw);
      if (tomb.success) deletes.push(tomb.data.gtin);
      else skip(raw.gtin, describeIssues(tomb.error.issues, { max: 3 }));
      continue;
    }
    const item = checkCatalogProduct(raw);
    if (!item) {
      const checked = catalogProduct.safeParse(raw);
      skip(
        raw.gtin,
        checked.success ? 'it is not a valid catalog item' : describeIssues(checked.error.issues, { max: 3 }),
      );
    } else if (item.currency !== currency) {
      skip(item.gtin, `priced in ${item.currency}, but this store sells in ${currency}; it was not changed`);
    } else {
      // The product as the catalog keeps it: checkCatalogProduct gave only known fields, less the feed's own.
      const { version: _version, deleted: _deleted, currency: _currency, ...product } = item;
      upserts.push(product);
    }
  }
  return { upserts, deletes };
}
