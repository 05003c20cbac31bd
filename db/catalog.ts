// The product catalog table (migration 0001). findProduct is on the scan path, so its statement is
// prepared once per database and returns rows already shaped as Products (no per-row mapping).
import type Database from 'better-sqlite3';
import { demoProducts } from '../core/catalog/demo-store';
import type { NetContent } from '../core/catalog/net-content';
import type { Product } from '../core/types';

interface Statements {
  find: Database.Statement<[string], Product>;
  upsert: Database.Statement<UpsertParams>;
  /** The upsert that keeps a product's restrictions where the product does not carry them. */
  upsertKeeping: Database.Statement<[...UpsertParams, number, number]>;
  /** The same upsert for UPSERT_ROWS products at once. */
  upsertMany: Database.Statement<unknown[]>;
  count: Database.Statement<[], { n: number }>;
  any: Database.Statement<[], { one: number }>;
  remove: Database.Statement<[string]>;
  netContent: Database.Statement<[string], { amount: number | null; unit: NetContent['unit'] | null }>;
}

type UpsertParams = [
  string,
  string,
  string,
  number,
  number,
  string,
  number | null,
  string | null,
  string | null,
  string | null,
  number,
  number | null,
  string | null,
  string | null,
  number | null,
  number,
];

/** Parameters per product row of the upsert. */
const UPSERT_COLUMNS = 16;
// Products per multi-row upsert: one statement per 50 rows spends ~20 % less CPU than one per row
// (a sync's first snapshot writes a million), and 50 × 16 parameters stay far below SQLite's limit.
const UPSERT_ROWS = 50;

/**
 * With `keepAbsentRules` two more parameters say whether the row sets `no_sale` and `max_per_basket`;
 * where it does not, the product keeps what it has (a local catalog file without those columns).
 */
function upsertSql(rows: number, keepAbsentRules = false): string {
  const rule = (column: string) =>
    keepAbsentRules
      ? `CASE WHEN ? THEN excluded.${column} ELSE products.${column} END`
      : `excluded.${column}`;
  const row = `(${Array.from({ length: UPSERT_COLUMNS }, () => '?').join(', ')})`;
  const values = Array.from({ length: rows }, () => row).join(', ');
  return `INSERT INTO products (gtin, barcode, name, price, tax_rate_bp, unit, age_limit, department,
      names, plu, grid, net_content, net_content_unit, no_sale, max_per_basket, updated_at)
    VALUES ${values}
    ON CONFLICT (gtin) DO UPDATE SET barcode = excluded.barcode, name = excluded.name,
      price = excluded.price, tax_rate_bp = excluded.tax_rate_bp, unit = excluded.unit,
      age_limit = excluded.age_limit, department = excluded.department, names = excluded.names,
      plu = excluded.plu, grid = excluded.grid, net_content = excluded.net_content,
      net_content_unit = excluded.net_content_unit, no_sale = ${rule('no_sale')},
      max_per_basket = ${rule('max_per_basket')}, updated_at = excluded.updated_at`;
}

/** A product as the upsert's parameters, in its column order. */
function upsertParams(product: Product, now: number): UpsertParams {
  const { gtin, barcode, name, price, taxRateBp, unit, ageLimit, department, names, plu, grid, netContent } =
    product;
  // HQ's sale restrictions (migration 0028): absent (a local import, an older HQ) is none.
  const noSale = product.noSale ? JSON.stringify(product.noSale.map(({ from, to }) => ({ from, to }))) : null;
  const namesJson = names && Object.keys(names).length > 0 ? JSON.stringify(names) : null;
  return [
    gtin,
    barcode,
    name,
    price,
    taxRateBp,
    unit,
    ageLimit,
    department,
    namesJson,
    plu ?? null,
    grid ? 1 : 0,
    netContent?.amount ?? null,
    netContent?.unit ?? null,
    noSale,
    product.maxPerBasket ?? null,
    now,
  ];
}

// Keyed weakly so a closed and forgotten Database takes its statements with it.
const statementsByDb = new WeakMap<Database.Database, Statements>();

function statements(db: Database.Database): Statements {
  let cached = statementsByDb.get(db);
  if (!cached) {
    cached = {
      find: db.prepare(
        `SELECT gtin, barcode, name, price, tax_rate_bp AS taxRateBp, unit, age_limit AS ageLimit, department
         FROM products WHERE gtin = ?`,
      ),
      upsert: db.prepare(upsertSql(1)),
      upsertKeeping: db.prepare(upsertSql(1, true)),
      upsertMany: db.prepare(upsertSql(UPSERT_ROWS)),
      count: db.prepare('SELECT COUNT(*) AS n FROM products'),
      any: db.prepare('SELECT 1 AS one FROM products LIMIT 1'),
      remove: db.prepare('DELETE FROM products WHERE gtin = ?'),
      netContent: db.prepare(
        'SELECT net_content AS amount, net_content_unit AS unit FROM products WHERE gtin = ?',
      ),
    };
    statementsByDb.set(db, cached);
  }
  return cached;
}

/** The product with this GTIN-14, or null. */
export function findProduct(db: Database.Database, gtin14: string): Product | null {
  return statements(db).find.get(gtin14) ?? null;
}

/**
 * The product's net content (500 g, 1.5 l), or null. Apart from findProduct: only the price check and
 * the shelf labels need it, and the scan path keeps its row as it was.
 */
export function findNetContent(db: Database.Database, gtin14: string): NetContent | null {
  const row = statements(db).netContent.get(gtin14);
  return row?.amount && row.unit ? { amount: row.amount, unit: row.unit } : null;
}

/**
 * Inserts or replaces products by GTIN; returns how many were written. A product without `noSale` or
 * `maxPerBasket` (a catalog file without those columns) keeps the restriction the terminal has. Runs
 * no transaction of its own: the caller wraps it, so an import commits all its rows or none.
 */
export function upsertProducts(db: Database.Database, products: Iterable<Product>, now = Date.now()): number {
  const { upsertKeeping } = statements(db);
  let written = 0;
  for (const product of products) {
    const sets = (rule: unknown) => (rule === undefined ? 0 : 1);
    upsertKeeping.run(...upsertParams(product, now), sets(product.noSale), sets(product.maxPerBasket));
    written++;
  }
  return written;
}

/**
 * The rows of a sync page, UPSERT_ROWS products per statement for less CPU. Unlike upsertProducts, a
 * product without `noSale` or `maxPerBasket` has none (an older HQ sends no such fields). Runs no
 * transaction of its own either; a bad row fails the whole call.
 */
export function upsertProductPage(
  db: Database.Database,
  products: readonly Product[],
  now = Date.now(),
): number {
  const { upsert, upsertMany } = statements(db);
  const params: unknown[] = [];
  const whole = products.length - (products.length % UPSERT_ROWS);
  for (let i = 0; i < products.length; i++) {
    const row = upsertParams(products[i]!, now);
    if (i >= whole) {
      upsert.run(...row);
      continue;
    }
    for (const value of row) params.push(value);
    if (params.length === UPSERT_ROWS * UPSERT_COLUMNS) {
      // A GTIN twice in one statement is fine: SQLite upserts row by row, so the second updates the first.
      upsertMany.run(params);
      params.length = 0;
    }
  }
  return products.length;
}

/**
 * Removes products by GTIN-14 (HQ deleted them); returns how many were there. Past sales keep their
 * lines: basket lines copy what they sold. Runs no transaction of its own, like upsertProducts.
 */
export function deleteProducts(db: Database.Database, gtins: Iterable<string>): number {
  const { remove } = statements(db);
  let deleted = 0;
  for (const gtin of gtins) deleted += remove.run(gtin).changes;
  return deleted;
}

/** How many products the catalog holds (a full count: not for the scan path). */
export function countProducts(db: Database.Database): number {
  return statements(db).count.get()!.n;
}

/** Whether the catalog has no product at all (stops at the first row). */
export function isCatalogEmpty(db: Database.Database): boolean {
  return statements(db).any.get() === undefined;
}

/** Fills an empty catalog with the demo store in one transaction; returns how many were added. */
export function seedDemoStoreIfEmpty(db: Database.Database): number {
  return db.transaction(() => (isCatalogEmpty(db) ? upsertProducts(db, demoProducts()) : 0)).immediate();
}
