// HQ's import of effective-dated price changes: CSV `barcode,price,effective_at[,store]`. Every row is
// checked first — the barcode a chain product, the price a decimal in its currency, the time an ISO
// 8601 instant with its offset and still to come, the store one HQ knows — and a file with any bad row
// is refused whole, naming each. A good one lands in ONE transaction at ONE new price-change version.
import { checkGtin } from '../../core/barcode/gtin';
import { readCsv } from '../../core/catalog/csv';
import type { CatalogRowError } from '../../core/catalog/import-rows';
import { currencyExponent, parseDecimalToMinor } from '../../core/money';
import type { Database, Queryable } from '../db/database';
import { toNumber } from '../db/database';

export type PriceImportResult =
  { ok: true; rows: number; version: number } | { ok: false; errors: CatalogRowError[] };

export const PRICE_COLUMNS = ['barcode', 'price', 'effective_at'] as const;

/** An instant with its offset: 2026-12-08T06:00:00+08:00 or …Z (a time without one is ambiguous). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

interface Row {
  line: number;
  gtin: string;
  barcode: string;
  priceText: string;
  effectiveAt: Date;
  store: string | null;
}

interface Known {
  products: Map<string, { currency: string; deleted: boolean }>;
  stores: Map<string, string>;
}

/** Imports price-change CSV text; `now` is HQ's clock (a change must take effect after it). */
export async function importPriceCsv(
  db: Database,
  text: string,
  now = new Date(),
): Promise<PriceImportResult> {
  const errors: CatalogRowError[] = [];
  const rows = readRows(text, now, errors);
  const known = await lookUp(db, rows);
  const priced = rows.flatMap((row) => price(row, known, errors));
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  if (priced.length === 0)
    return { ok: false, errors: [{ line: 0, message: 'the file has no price changes' }] };
  const version = await db.transaction(async (tx) => {
    const taken = await takePriceVersion(tx, priced.length);
    for (const [i, p] of priced.entries()) {
      // A change imported again keeps its id (the terminal replaces it by id) and takes the new version.
      await tx.query(
        `INSERT INTO price_changes (id, store_id, gtin, price, effective_at, version) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (gtin, effective_at, coalesce(store_id, '00000000-0000-0000-0000-000000000000'::uuid))
         DO UPDATE SET price = excluded.price, version = excluded.version, imported_at = now(), cancelled_at = NULL`,
        [taken.firstId + i, p.storeId, p.gtin, p.price, p.effectiveAt.toISOString(), taken.version],
      );
    }
    return taken.version;
  });
  return { ok: true, rows: priced.length, version };
}

/** The records as rows, every problem of form named with its line. */
function readRows(text: string, now: Date, errors: CatalogRowError[]): Row[] {
  const rows: Row[] = [];
  let header: string[] | null = null;
  const seen = new Map<string, number>();
  for (const record of readCsv(text)) {
    if (record.error) {
      errors.push({ line: record.line, message: record.error });
      continue;
    }
    if (!header) {
      header = record.fields.map((f) => f.trim().toLowerCase());
      const missing = PRICE_COLUMNS.filter((c) => !header!.includes(c));
      if (missing.length > 0)
        errors.push({
          line: record.line,
          message: `the header must name ${PRICE_COLUMNS.join(', ')} (and optionally store); ${missing.join(', ')} missing`,
        });
      continue;
    }
    const field = (name: string) => record.fields[header!.indexOf(name)]?.trim() ?? '';
    const problems: string[] = [];
    const barcode = field('barcode');
    const checked = checkGtin(barcode);
    if (!checked.ok) problems.push(`barcode ${checked.message}`);
    const when = field('effective_at');
    const at = INSTANT.test(when) ? new Date(when) : null;
    if (!at || !Number.isFinite(at.getTime()))
      problems.push(`effective_at "${when}" is not a time like 2026-12-08T06:00:00+08:00`);
    else if (at.getTime() <= now.getTime())
      problems.push(`effective_at "${when}" has passed: a price change must take effect in the future`);
    const store = header.includes('store') && field('store') !== '' ? field('store') : null;
    const key = `${checked.ok ? checked.gtin14 : barcode} ${at?.getTime()} ${store ?? ''}`;
    if (problems.length === 0 && seen.has(key)) problems.push(`the same change as line ${seen.get(key)}`);
    else seen.set(key, record.line);
    if (problems.length > 0 || !checked.ok || !at) {
      errors.push(...problems.map((message) => ({ line: record.line, message })));
      continue;
    }
    rows.push({
      line: record.line,
      gtin: checked.gtin14,
      barcode,
      priceText: field('price'),
      effectiveAt: at,
      store,
    });
  }
  if (!header) errors.push({ line: 0, message: 'the file is empty: it needs a header and price changes' });
  return rows;
}

/** The products and stores the rows name, read in two queries. */
async function lookUp(q: Queryable, rows: readonly Row[]): Promise<Known> {
  const gtins = [...new Set(rows.map((r) => r.gtin))];
  const codes = [...new Set(rows.flatMap((r) => (r.store ? [r.store] : [])))];
  const products = await q.query<{ gtin: string; currency: string; deleted: boolean }>(
    'SELECT gtin, currency, deleted FROM products WHERE gtin = ANY($1::text[])',
    [gtins],
  );
  const stores = await q.query<{ id: string; code: string }>(
    'SELECT id, code FROM stores WHERE code = ANY($1::text[])',
    [codes],
  );
  return {
    products: new Map(products.rows.map((p) => [p.gtin, p])),
    stores: new Map(stores.rows.map((s) => [s.code, s.id])),
  };
}

function price(row: Row, known: Known, errors: CatalogRowError[]) {
  const product = known.products.get(row.gtin);
  const storeId = row.store ? known.stores.get(row.store) : null;
  const problems: string[] = [];
  if (!product || product.deleted) problems.push(`barcode "${row.barcode}" is not in the chain catalog`);
  if (storeId === undefined) problems.push(`there is no store "${row.store}"`);
  const exponent = currencyExponent(product?.currency ?? 'CNY');
  const minor = parseDecimalToMinor(row.priceText, exponent);
  if (minor === null)
    problems.push(
      `price "${row.priceText}" is not an amount like 12.50 in ${product?.currency ?? 'the currency'}`,
    );
  if (problems.length > 0 || minor === null || storeId === undefined) {
    errors.push(...problems.map((message) => ({ line: row.line, message })));
    return [];
  }
  return [{ gtin: row.gtin, price: minor, effectiveAt: row.effectiveAt, storeId }];
}

/** The next price-change version and `ids` new ids, under the counter's row lock (see migration 0015). */
export async function takePriceVersion(
  tx: Queryable,
  ids: number,
): Promise<{ version: number; firstId: number }> {
  const { rows } = await tx.query<{ version: unknown; last_id: unknown }>(
    `UPDATE price_change_version SET version = version + 1, last_id = last_id + $1 WHERE id = 1
     RETURNING version, last_id`,
    [ids],
  );
  return { version: toNumber(rows[0]!.version), firstId: toNumber(rows[0]!.last_id) - ids + 1 };
}
