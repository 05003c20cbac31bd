// Writing the catalog inside a caller's transaction: chain-wide products and store price overrides.
// Each statement writes only rows that really change, so re-importing a file sends terminals nothing.
import type { Product } from '../../core/types';
import type { Queryable } from '../db/database';
import { searchGrams, searchText } from './grams';

/**
 * Upserts chain products at `version`; returns how many rows changed. A product's sale restrictions
 * (`noSale`, `maxPerBasket`) are written only when the products carry them: a catalog file without
 * those columns (last month's file, re-imported) and a product edit leave what HQ has as it is. A new
 * product without them has none.
 */
export async function upsertChainProducts(
  tx: Queryable,
  products: readonly Product[],
  currency: string,
  version: number,
): Promise<number> {
  if (products.length === 0) return 0;
  const setsNoSale = carries(products, 'noSale');
  const setsMaxPerBasket = carries(products, 'maxPerBasket');
  const { rowCount } = await tx.query(
    `INSERT INTO products (gtin, barcode, name, currency, price, tax_rate_bp, unit, age_limit, department,
       names, plu, grid, net_content, net_content_unit, no_sale, max_per_basket, version)
     SELECT u.gtin, u.barcode, u.name, $12, u.price, u.tax_rate_bp, u.unit, u.age_limit, u.department,
       u.names::jsonb, u.plu, u.grid, u.net_content, u.net_content_unit, u.no_sale::jsonb, u.max_per_basket, $13
     FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::int4[], $6::text[], $7::int4[], $8::text[],
                 $9::text[], $10::text[], $11::bool[], $14::int4[], $15::text[], $16::text[], $17::int4[])
       AS u (gtin, barcode, name, price, tax_rate_bp, unit, age_limit, department, names, plu, grid,
             net_content, net_content_unit, no_sale, max_per_basket)
     ON CONFLICT (gtin) DO UPDATE SET
       barcode = excluded.barcode, name = excluded.name, currency = excluded.currency, price = excluded.price,
       tax_rate_bp = excluded.tax_rate_bp, unit = excluded.unit, age_limit = excluded.age_limit,
       department = excluded.department, names = excluded.names, plu = excluded.plu, grid = excluded.grid,
       net_content = excluded.net_content, net_content_unit = excluded.net_content_unit,
       no_sale = CASE WHEN $18::bool THEN excluded.no_sale ELSE products.no_sale END,
       max_per_basket = CASE WHEN $19::bool THEN excluded.max_per_basket ELSE products.max_per_basket END,
       deleted = false, version = excluded.version, updated_at = now()
     WHERE products.deleted
        OR (products.barcode, products.name, products.currency, products.price, products.tax_rate_bp,
            products.unit, products.age_limit, products.department, products.names, products.plu, products.grid,
            products.net_content, products.net_content_unit)
           IS DISTINCT FROM
           (excluded.barcode, excluded.name, excluded.currency, excluded.price, excluded.tax_rate_bp,
            excluded.unit, excluded.age_limit, excluded.department, excluded.names, excluded.plu, excluded.grid,
            excluded.net_content, excluded.net_content_unit)
        OR ($18::bool AND products.no_sale IS DISTINCT FROM excluded.no_sale)
        OR ($19::bool AND products.max_per_basket IS DISTINCT FROM excluded.max_per_basket)`,
    [
      products.map((p) => p.gtin),
      products.map((p) => p.barcode),
      products.map((p) => p.name),
      products.map((p) => p.price),
      products.map((p) => p.taxRateBp),
      products.map((p) => p.unit),
      products.map((p) => p.ageLimit),
      products.map((p) => p.department),
      // As JSON text: unnest cannot take a jsonb[] from the driver, and a cast per row is cheap.
      products.map((p) => (p.names && Object.keys(p.names).length > 0 ? JSON.stringify(p.names) : null)),
      products.map((p) => p.plu ?? null),
      products.map((p) => p.grid === true),
      currency,
      version,
      products.map((p) => p.netContent?.amount ?? null),
      products.map((p) => p.netContent?.unit ?? null),
      products.map((p) => (p.noSale ? JSON.stringify(p.noSale.map(({ from, to }) => ({ from, to }))) : null)),
      products.map((p) => p.maxPerBasket ?? null),
      setsNoSale,
      setsMaxPerBasket,
    ],
  );
  if (rowCount > 0) await refreshSearchGrams(tx, products);
  return rowCount;
}

/**
 * Whether the products set this restriction. One statement sets it for all of its rows or for none, so
 * a call mixing products with and without it is a caller's mistake (a file's columns are the same on
 * every row), refused rather than clearing the rule of the products that do not carry it.
 */
function carries(products: readonly Product[], field: 'noSale' | 'maxPerBasket'): boolean {
  const count = products.filter((p) => p[field] !== undefined).length;
  if (count > 0 && count < products.length)
    throw new Error(`upsertChainProducts: ${field} is set on some products and not on others`);
  return count > 0;
}

/**
 * Cuts the search grams (server/catalog/grams.ts, migration 0019) of these products whose names changed
 * since their grams were cut; a price or tax change leaves them alone.
 */
export async function refreshSearchGrams(
  tx: Queryable,
  products: readonly Pick<Product, 'gtin' | 'name' | 'names'>[],
): Promise<void> {
  const texts = products.map((p) => searchText(p.name, p.names));
  await tx.query(
    `INSERT INTO product_search (gtin, name, search_text, grams)
     SELECT u.gtin, u.name, u.text, string_to_array(u.grams, chr(1))
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u (gtin, name, text, grams)
       JOIN products p ON p.gtin = u.gtin AND NOT p.deleted
       LEFT JOIN product_search s ON s.gtin = u.gtin
     WHERE (s.name, s.search_text) IS DISTINCT FROM (u.name, u.text)
     ON CONFLICT (gtin) DO UPDATE SET name = excluded.name, search_text = excluded.search_text, grams = excluded.grams`,
    [
      products.map((p) => p.gtin),
      products.map((p) => p.name),
      texts,
      // One text per product, its grams joined by U+0001 (a name can hold no control character).
      texts.map((text) => searchGrams(text).join('\u0001')),
    ],
  );
}

/** Upserts a store's price overrides at `version`; every GTIN must be a live chain product. */
export async function upsertStorePrices(
  tx: Queryable,
  storeId: string,
  prices: readonly { gtin: string; price: number }[],
  version: number,
): Promise<number> {
  if (prices.length === 0) return 0;
  const { rowCount } = await tx.query(
    `INSERT INTO store_prices (store_id, gtin, price, version)
     SELECT $1, u.gtin, u.price, $4 FROM unnest($2::text[], $3::int8[]) AS u (gtin, price)
     ON CONFLICT (store_id, gtin) DO UPDATE SET
       price = excluded.price, deleted = false, version = excluded.version, updated_at = now()
     WHERE store_prices.deleted OR store_prices.price <> excluded.price`,
    [storeId, prices.map((p) => p.gtin), prices.map((p) => p.price), version],
  );
  return rowCount;
}

/** Of these GTINs, the ones that are not live chain products. */
export async function missingChainProducts(tx: Queryable, gtins: readonly string[]): Promise<Set<string>> {
  const { rows } = await tx.query<{ gtin: string }>(
    'SELECT gtin FROM products WHERE gtin = ANY($1::text[]) AND NOT deleted',
    [gtins],
  );
  const found = new Set(rows.map((r) => r.gtin));
  return new Set(gtins.filter((g) => !found.has(g)));
}

/** Marks chain products deleted (tombstones at `version`); returns how many were live. */
export async function deleteChainProducts(
  tx: Queryable,
  gtins: readonly string[],
  version: number,
): Promise<number> {
  const { rowCount } = await tx.query(
    `UPDATE products SET deleted = true, version = $2, updated_at = now()
     WHERE gtin = ANY($1::text[]) AND NOT deleted`,
    [gtins, version],
  );
  // A deleted product is found no more.
  await tx.query('DELETE FROM product_search WHERE gtin = ANY($1::text[])', [gtins]);
  return rowCount;
}

/** Removes a store's overrides, so the chain price applies again; returns how many were live. */
export async function deleteStorePrices(
  tx: Queryable,
  storeId: string,
  gtins: readonly string[],
  version: number,
): Promise<number> {
  const { rowCount } = await tx.query(
    `UPDATE store_prices SET deleted = true, version = $3, updated_at = now()
     WHERE store_id = $1 AND gtin = ANY($2::text[]) AND NOT deleted`,
    [storeId, gtins, version],
  );
  return rowCount;
}
