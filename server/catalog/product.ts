// One product as the back office shows it (GET /admin/v1/products/:gtin): the chain's fields, and the
// price overrides of the stores the reader may see.
import type { NetContent } from '../../core/catalog/net-content';
import type { Product } from '../../core/types';
import type { Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';

export interface StorePriceView {
  store: string;
  price: number;
  updatedAt: string;
}

export interface ProductDetail extends Required<
  Omit<Product, 'names' | 'plu' | 'netContent' | 'noSale' | 'maxPerBasket'>
> {
  // Its sale restrictions are read and changed on their own (server/restrictions/, RestrictionsPanel).
  names: Record<string, string> | null;
  plu: string | null;
  netContent: NetContent | null;
  currency: string;
  deleted: boolean;
  /** The catalog version of its last change: terminals at or past it have it. */
  version: number;
  updatedAt: string;
  storePrices: StorePriceView[];
}

interface ProductRow {
  gtin: string;
  barcode: string;
  name: string;
  names: Record<string, string> | null;
  currency: string;
  price: unknown;
  tax_rate_bp: number;
  unit: 'each' | 'kg';
  age_limit: number | null;
  department: string | null;
  plu: string | null;
  grid: boolean;
  net_content: number | null;
  net_content_unit: 'g' | 'ml' | null;
  deleted: boolean;
  version: unknown;
  updated_at: unknown;
}

/** The product row (locked for the transaction with `forUpdate`), or null when HQ has no such GTIN. */
export async function readProduct(
  q: Queryable,
  gtin: string,
  options: { forUpdate?: boolean; stores?: readonly string[] | null } = {},
): Promise<ProductDetail | null> {
  const { rows } = await q.query<ProductRow>(
    `SELECT gtin, barcode, name, names, currency, price, tax_rate_bp, unit, age_limit, department, plu, grid,
            net_content, net_content_unit, deleted, version, updated_at
     FROM products WHERE gtin = $1 ${options.forUpdate ? 'FOR UPDATE' : ''}`,
    [gtin],
  );
  const row = rows[0];
  if (!row) return null;
  const stores = options.stores ?? null;
  const overrides = await q.query<{ code: string; price: unknown; updated_at: unknown }>(
    `SELECT s.code, o.price, o.updated_at FROM store_prices o JOIN stores s ON s.id = o.store_id
     WHERE o.gtin = $1 AND NOT o.deleted AND ($2::text[] IS NULL OR s.code = ANY($2::text[]))
     ORDER BY s.code`,
    [gtin, stores],
  );
  return {
    gtin: row.gtin,
    barcode: row.barcode,
    name: row.name,
    names: row.names,
    currency: row.currency,
    price: toNumber(row.price),
    taxRateBp: row.tax_rate_bp,
    unit: row.unit,
    ageLimit: row.age_limit,
    department: row.department,
    plu: row.plu,
    grid: row.grid,
    netContent:
      row.net_content === null || row.net_content_unit === null
        ? null
        : { amount: row.net_content, unit: row.net_content_unit },
    deleted: row.deleted,
    version: toNumber(row.version),
    updatedAt: toIso(row.updated_at),
    storePrices: overrides.rows.map((o) => ({
      store: o.code,
      price: toNumber(o.price),
      updatedAt: toIso(o.updated_at),
    })),
  };
}

/** The catalog fields of a product, as the importer writes them (what an edit compares and audits). */
export function catalogFields(p: ProductDetail | Product): Product {
  return {
    gtin: p.gtin,
    barcode: p.barcode,
    name: p.name,
    names: p.names && Object.keys(p.names).length > 0 ? p.names : null,
    price: p.price,
    taxRateBp: p.taxRateBp,
    unit: p.unit,
    ageLimit: p.ageLimit,
    department: p.department,
    plu: p.plu ?? null,
    grid: p.grid === true,
    netContent: p.netContent ?? null,
  };
}
