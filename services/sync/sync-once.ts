// One full sync: the outbox up first (sales matter most), then the catalog down. The attempt is
// recorded either way, which is what `online` and `lastSyncAt` report.
import type { Database } from '../../db/open';
import { recordAttempt } from '../../db/sync';
import type { HqClient } from './hq-client';
import type { PullProgress } from './pull';
import { pullCatalog } from './pull';
import { pullDeliveries } from './hq-delivery-desk';
import type { PushResult } from './push';
import { pushOutbox } from './push';
import { pullStockLevels } from './stock-pull';
import { pullPrices } from './prices-pull';
import { HqError } from './hq-client';
import { reportAfterFailure, reportAfterSync } from './telemetry';
import { pullRecalls } from './recalls-pull';
import { pullSaleRules } from './sale-rules-pull';

export interface SyncSummary {
  /** Events HQ applied now. */
  pushed: number;
  /** Events HQ already held (a resend after a lost answer): sent, and nothing doubled. */
  duplicates: number;
  /** Events HQ refused; they are in the local dead-letter list. */
  rejected: number;
  /** Products added or changed from HQ. */
  pulled: number;
  /** Products HQ deleted that were removed here. */
  deleted: number;
  /** The demo store's products, removed as HQ's first catalog arrived. */
  demoRemoved: number;
  /** Catalog items not applied (other currency, malformed); see warnings. */
  skipped: number;
  catalogVersion: number;
  /** Effective-dated price changes received from HQ (issue 13). */
  prices?: number;
  /** Recalls made or ended at HQ received now (issue 14). */
  recalls?: number;
  /** HQ receive time minus this terminal's clock, when a push measured it. */
  skewMs?: number;
  warnings: string[];
}

export interface SyncOnceOptions {
  currency: string;
  pageSize?: number;
  batchSize?: number;
  onProgress?: (progress: PullProgress) => void;
  onPushed?: (result: PushResult) => void;
  now?: () => Date;
  /**
   * Runs after the push and pull (the lane link's POST /v1/link). What it throws does not fail the
   * sync — sales and catalog went through — it becomes a warning.
   */
  afterSync?: (client: HqClient) => Promise<void>;
}

/** Pushes then pulls; throws (an HqError when HQ is the problem) after recording the failed attempt. */
export async function syncOnce(
  db: Database,
  client: HqClient,
  options: SyncOnceOptions,
): Promise<SyncSummary> {
  const now = options.now ?? (() => new Date());
  try {
    const pushed = await pushOutbox(db, client, {
      batchSize: options.batchSize,
      now,
      onBatch: options.onPushed,
    });
    // Recalls before the catalog (issue 14): small, and what a lane must know first.
    const recalls = await pullRecalls(db, client, now);
    const pulled = await pullCatalog(db, client, {
      currency: options.currency,
      pageSize: options.pageSize,
      onProgress: options.onProgress,
    });
    // The store's expected deliveries (issue 13), cached for receiving offline; a failure is a warning.
    const deliveries = await pullDeliveries(db, client, now()).catch((error: unknown) => [
      `expected deliveries: ${(error as Error).message}`,
    ]);
    // Dated price changes come down with the catalog, ahead of the time they take effect.
    const prices = await pullPrices(db, client, { currency: options.currency, now });
    // The chain's department sale rules (issue 14); a failure is a warning and the lanes keep the last.
    const saleRules = await pullSaleRules(db, client).then(
      () => [],
      (error: Error) => [`department sale rules: ${error.message}`],
    );
    const late = await runAfterSync(options, client);
    // Stock levels down (issue 13): a failure is a warning; sales and the catalog went through.
    const stock = await pullStockLevels(db, client, now).then(
      () => [],
      (error: Error) => [error.message],
    );
    // What this terminal tells HQ of itself for the office's device list (issue 14).
    const report = await reportAfterSync(db, client, now());
    const skewMs = pushed.skewMs ?? report.skewMs;
    recordAttempt(db, { ok: true, clockSkewMs: skewMs }, now());
    return {
      pushed: pushed.applied,
      duplicates: pushed.duplicates,
      rejected: pushed.rejected,
      pulled: pulled.upserted,
      deleted: pulled.deleted,
      demoRemoved: pulled.demoRemoved,
      skipped: pulled.skipped,
      catalogVersion: pulled.catalogVersion,
      prices: prices.received,
      ...(skewMs === null ? {} : { skewMs }),
      recalls,
      warnings: [
        ...pushed.warnings,
        ...pulled.warnings,
        ...prices.warnings,
        ...saleRules,
        ...deliveries,
        ...late,
        ...stock,
        ...report.warnings,
      ],
    };
  } catch (error) {
    if (db.open) {
      const code = error instanceof HqError ? error.code : null;
      recordAttempt(db, { ok: false, error: (error as Error).message, code }, now());
      await reportAfterFailure(db, client, error, now());
    }
    throw error;
  }
}

async function runAfterSync(options: SyncOnceOptions, client: HqClient): Promise<string[]> {
  if (!options.afterSync) return [];
  try {
    await options.afterSync(client);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}
