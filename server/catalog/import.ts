// HQ's catalog import: the terminal's CSV format (core/catalog), chain-wide or for one store. A file
// with any bad row is refused whole; a good one lands in ONE transaction at ONE new catalog version (at
// none when it changes nothing: the lanes then have nothing to download).
import { readFile } from 'node:fs/promises';
import { checkGtin } from '../../core/barcode/gtin';
import { readCsv } from '../../core/catalog/csv';
import type { CsvRecord } from '../../core/catalog/csv';
import { catalogProducts } from '../../core/catalog/import-rows';
import type { CatalogRowError } from '../../core/catalog/import-rows';
import type { Product } from '../../core/types';
import { ensureStore, findStore } from '../auth/enrolment';
import type { Database, Queryable } from '../db/database';
import { currentCatalogVersion, takeCatalogVersion, writeAtNextVersion } from './version';
import {
  deleteChainProducts,
  deleteStorePrices,
  missingChainProducts,
  upsertChainProducts,
  upsertStorePrices,
} from './write';

export type { CatalogRowError } from '../../core/catalog/import-rows';

export interface CatalogImportOptions {
  /** A store code: the file's prices become that store's overrides. Without it the file is chain-wide. */
  store?: string;
  /** ISO 4217 currency the prices are written in; default CNY. */
  currency?: string;
  /** Tax rate for rows without tax_rate, in basis points; default 1300. */
  defaultTaxRateBp?: number;
  /** Rows per INSERT statement. */
  batchSize?: number;
  /** Called after each batch with the line reached, for a progress bar (the back office's import jobs). */
  onProgress?: (line: number) => void;
  /**
   * Runs inside the import's transaction just before it commits (an audit row commits with the import);
   * not at all when the file changed nothing.
   */
  beforeCommit?: (tx: Queryable, result: { rows: number; changed: number; version: number }) => Promise<void>;
}

export type CatalogImportResult =
  | {
      ok: true;
      rows: number;
      changed: number;
      /** The new catalog version; when nothing changed, the current one (no version was taken). */
      version: number;
      store: string | null;
      /** Of the rows, how many have a net content (a unit price per kg / per l); 0 for a store's prices. */
      withNetContent: number;
    }
  | { ok: false; errors: CatalogRowError[] };

class RefusedFile extends Error {}

/**
 * Imports catalog CSV text. Chain-wide it adds and updates products; for a store it sets the store's
 * prices, and only the price column is used (every row must still be valid and a chain product).
 */
export async function importCatalogCsv(
  db: Database,
  text: string,
  options: CatalogImportOptions = {},
): Promise<CatalogImportResult> {
  const currency = options.currency ?? 'CNY';
  const batchSize = options.batchSize ?? 2000;
  const errors: CatalogRowError[] = [];
  let result: CatalogImportResult;
  try {
    result = await db.transaction(async (tx) => {
      // The file is read inside the transaction, from its first line on every run: a run after a
      // serialization failure (db/retry.ts) starts afresh, with no errors or lines kept from the last.
      errors.length = 0;
      const lines = new LineTracker(readCsv(text));
      const products = catalogProducts(
        lines,
        { currency, defaultTaxRateBp: options.defaultTaxRateBp ?? 1300 },
        errors,
      );
      const storeId = options.store === undefined ? null : await ensureStore(tx, options.store);
      const written = await writeAtNextVersion(
        tx,
        async (version) => {
          const tally = { rows: 0, changed: 0, withNetContent: 0 };
          for (const batch of batches(products, lines, batchSize)) {
            if (errors.length > 0) continue; // keep checking to report every bad row, but write no more
            tally.rows += batch.length;
            if (!storeId) tally.withNetContent += batch.filter((b) => b.product.netContent).length;
            tally.changed += storeId
              ? await writeStoreBatch(tx, storeId, batch, version, errors)
              : await upsertChainProducts(
                  tx,
                  batch.map((b) => b.product),
                  currency,
                  version,
                );
            options.onProgress?.(lines.line);
          }
          if (errors.length > 0) throw new RefusedFile(); // rolls back what was written before the first bad row
          return tally;
        },
        (tally) => tally.changed > 0,
      );
      const { rows, changed, withNetContent } = written.result;
      // A file that changes nothing (last week's, again) takes no version and leaves no audit row.
      const version = written.version ?? (await currentCatalogVersion(tx));
      if (written.version !== null) await options.beforeCommit?.(tx, { rows, changed, version });
      return { ok: true as const, rows, changed, version, store: options.store ?? null, withNetContent };
    });
  } catch (error) {
    if (error instanceof RefusedFile) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
    throw error;
  }
  if (result.ok && result.changed >= ANALYZE_AFTER) await refreshStatistics(db);
  return result;
}

/** Rows changed by one import after which the planner's statistics are refreshed. */
const ANALYZE_AFTER = 1000;

/**
 * Without fresh statistics after a bulk load, PostgreSQL may page the catalog feed by scanning and
 * sorting the whole table for every page (measured: a 200k-row snapshot took 3x as long), instead of
 * walking the (version, gtin) index. Best effort: autovacuum would get there later anyway.
 */
async function refreshStatistics(db: Database): Promise<void> {
  try {
    await db.query('ANALYZE products');
    await db.query('ANALYZE store_prices');
  } catch {
    // statistics are an optimisation; the import has committed
  }
}

async function writeStoreBatch(
  tx: Queryable,
  storeId: string,
  batch: readonly Lined[],
  version: number,
  errors: CatalogRowError[],
): Promise<number> {
  const missing = await missingChainProducts(
    tx,
    batch.map((b) => b.product.gtin),
  );
  for (const { product, line } of batch) {
    if (missing.has(product.gtin)) {
      errors.push({
        line,
        message: `barcode "${product.barcode}" is not in the chain catalog; a store can only set prices of chain products`,
      });
    }
  }
  if (errors.length > 0) return 0;
  return upsertStorePrices(
    tx,
    storeId,
    batch.map(({ product }) => ({ gtin: product.gtin, price: product.price })),
    version,
  );
}

/** importCatalogCsv on a file; an unreadable file is refused the same way as a bad one. */
export async function importCatalogFile(
  db: Database,
  path: string,
  options: CatalogImportOptions = {},
): Promise<CatalogImportResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { ok: false, errors: [{ line: 0, message: `cannot read ${path} (${reason})` }] };
  }
  return importCatalogCsv(db, text, options);
}

export interface CatalogDeleteResult {
  deleted: number;
  version: number;
}

/**
 * Deletes chain products (terminals get tombstones), or with `store` removes the store's price
 * overrides so the chain price applies again. Barcodes in any GTIN form; a bad one throws.
 */
export async function deleteCatalogEntries(
  db: Database,
  barcodes: readonly string[],
  options: { store?: string } = {},
): Promise<CatalogDeleteResult> {
  const gtins = barcodes.map((barcode) => {
    const checked = checkGtin(barcode);
    if (!checked.ok) throw new Error(`barcode "${barcode}" ${checked.message}`);
    return checked.gtin14;
  });
  return db.transaction(async (tx) => {
    const storeId = options.store === undefined ? null : await findStore(tx, options.store);
    if (options.store !== undefined && !storeId) throw new Error(`there is no store "${options.store}"`);
    const version = await takeCatalogVersion(tx);
    const deleted = storeId
      ? await deleteStorePrices(tx, storeId, gtins, version)
      : await deleteChainProducts(tx, gtins, version);
    return { deleted, version };
  });
}

interface Lined {
  product: Product;
  line: number;
}

/**
 * catalogProducts yields a product right after reading its record, so the line of the record read last
 * is the line of the product just yielded: that is how a store import names the line of a bad GTIN.
 */
class LineTracker implements Iterable<CsvRecord> {
  line = 0;
  constructor(private readonly records: Iterable<CsvRecord>) {}
  *[Symbol.iterator](): Iterator<CsvRecord> {
    for (const record of this.records) {
      this.line = record.line;
      yield record;
    }
  }
}

function* batches(products: Iterable<Product>, lines: LineTracker, size: number): Generator<Lined[]> {
  let batch: Lined[] = [];
  for (const product of products) {
    batch.push({ product, line: lines.line });
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
