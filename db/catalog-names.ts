// The catalog's columns for other languages and loose produce (migration 0014), apart from
// db/catalog.ts: findProduct stays the one-descent scan lookup it was, and these are read only when
// a line is added or the kiosk opens its "Fruit & vegetables" grid.
import type Database from 'better-sqlite3';
import type { LocalizedNames } from '../core/catalog/language-tag';
import type { GridProduct } from '../core/catalog/produce-columns';

export type { GridProduct } from '../core/catalog/produce-columns';

interface Statements {
  names: Database.Statement<[string], { names: string | null }>;
  byPlu: Database.Statement<[string], { barcode: string }>;
  grid: Database.Statement<[], Omit<GridProduct, 'names'> & { names: string | null }>;
}

const statementsByDb = new WeakMap<Database.Database, Statements>();

function statements(db: Database.Database): Statements {
  let cached = statementsByDb.get(db);
  if (!cached) {
    cached = {
      names: db.prepare('SELECT names FROM products WHERE gtin = ?'),
      // Ordered so that two products sharing a PLU (the schema allows it, see 0014) answer the same one.
      byPlu: db.prepare('SELECT barcode FROM products WHERE plu = ? ORDER BY gtin LIMIT 1'),
      grid: db.prepare(
        `SELECT gtin, barcode, name, names, plu, price, unit FROM products WHERE grid = 1
         ORDER BY plu IS NULL, plu, name LIMIT ${MAX_GRID}`,
      ),
    };
    statementsByDb.set(db, cached);
  }
  return cached;
}

/** More tiles than this is no grid a shopper can use; the catalog's first ones by PLU are shown. */
export const MAX_GRID = 500;

/** The product's names in other languages, or null (none, or no such product). */
export function productNames(db: Database.Database, gtin: string): LocalizedNames | null {
  const row = statements(db).names.get(gtin);
  return row?.names ? parseNames(row.names) : null;
}

/** The barcode of the product with this PLU, or null. */
export function barcodeForPlu(db: Database.Database, plu: string): string | null {
  return statements(db).byPlu.get(plu)?.barcode ?? null;
}

/** The products of the produce grid, PLU items first in PLU order, then the rest by name. */
export function produceGrid(db: Database.Database): GridProduct[] {
  return statements(db)
    .grid.all()
    .map((row) => ({ ...row, names: row.names ? parseNames(row.names) : null }));
}

/** A names column as stored: the CHECK of migration 0014 guarantees a JSON object. */
export function parseNames(json: string): LocalizedNames {
  return JSON.parse(json) as LocalizedNames;
}
