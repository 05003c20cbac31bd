// Catalog import from a CSV file: every row is checked before anything is written, and a good file
// lands in ONE transaction, so a terminal never sells from a half-imported catalog.
import { readCsv } from '../core/catalog/csv';
import { catalogProducts, type CatalogRowError } from '../core/catalog/import-rows';
import type { Product } from '../core/types';
import { countProducts, upsertProducts } from '../db/catalog';
import type { Database } from '../db/open';
import { readInputFile } from './input-file';

export type { CatalogRowError } from '../core/catalog/import-rows';

export interface ImportOptions {
  /** The store currency the prices are written in. */
  currency: string;
  /** Tax rate, in basis points, for rows without a tax_rate. */
  defaultTaxRateBp: number;
}

export type ImportResult =
  | {
      ok: true;
      imported: number;
      created: number;
      updated: number;
      /** Of the imported, how many have a net content (a unit price per kg / per l on the shelf). */
      withNetContent: number;
    }
  | { ok: false; errors: CatalogRowError[] };

/** Reads, validates and imports a catalog CSV; writes nothing unless every row is good. */
export function importCatalogFile(db: Database, path: string, options: ImportOptions): ImportResult {
  const file = readInputFile(path);
  if (!file.ok) return { ok: false, errors: [{ line: 0, message: file.message }] };
  const { text } = file;
  const errors: CatalogRowError[] = [];
  const products = catalogProducts(readCsv(text), options, errors);
  // Rows arrive in the file's order, not GTIN order, so each insert lands on a random page of the
  // table: a cache big enough for the whole table spares re-reading pages (measured in test/bench).
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    return db
      .transaction((): ImportResult => {
        // Counting inside the transaction tells created from updated without a lookup per row.
        const before = countProducts(db);
        const tally = { netContent: 0 };
        const imported = upsertProducts(db, whileNoErrors(products, errors, tally));
        if (errors.length > 0) throw new RefusedFile(); // rolls back the rows written before the first bad one
        const created = countProducts(db) - before;
        return { ok: true, imported, created, updated: imported - created, withNetContent: tally.netContent };
      })
      .immediate();
  } catch (error) {
    if (error instanceof RefusedFile) return { ok: false, errors };
    // The transaction has rolled back: the catalog is as it was before the import.
    const message = `the catalog could not be written (${(error as Error).message}); nothing was imported`;
    return { ok: false, errors: [{ line: 0, message }] };
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

/** Page cache during an import, in KiB as a negative cache_size: 256 MiB, released afterwards. */
const IMPORT_CACHE_KIB = -262_144;

class RefusedFile extends Error {}

/**
 * Rows are written as they pass validation, so a million-row file is never held in memory as
 * products; after the first bad row, writing stops but checking goes on to report every error.
 */
function* whileNoErrors(
  products: Iterable<Product>,
  errors: readonly CatalogRowError[],
  tally: { netContent: number },
): Generator<Product> {
  for (const product of products) {
    if (errors.length > 0) continue;
    if (product.netContent) tally.netContent++;
    yield product;
  }
}

/** The errors as CLI lines, "line 7: price …", at most `max` of them and then "…and N more". */
export function formatImportErrors(errors: readonly CatalogRowError[], max = 50): string {
  const lines = errors
    .slice(0, max)
    .map(({ line, message }) => (line > 0 ? `line ${line}: ${message}` : message));
  const rows = new Set(errors.filter((error) => error.line > 0).map((error) => error.line)).size;
  const where = rows > 0 ? ` on ${rows} line${rows === 1 ? '' : 's'}` : '';
  const head = `Nothing was imported: ${errors.length} problem${errors.length === 1 ? '' : 's'}${where}.`;
  const tail = errors.length > max ? [`…and ${errors.length - max} more`] : [];
  return [head, ...lines, ...tail].join('\n');
}
