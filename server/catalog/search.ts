// Product search for the back office, as the reader types (GET /admin/v1/products). What is typed
// decides how it is looked up, each way on its own index (migration 0019):
//   digits        → GTIN prefix, with or without leading zeros, and PLU prefix; in GTIN order
//   one ASCII character → names (the main one) starting with it; in name order
//   anything else → a substring of any of the product's names, in any language; in name order
// Every page is at most `limit` rows; `after` (the last GTIN of a page) continues in the same order.
import type { Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';
import { queryGrams } from './grams';

export interface ProductSummary {
  gtin: string;
  barcode: string;
  name: string;
  names: Record<string, string> | null;
  plu: string | null;
  department: string | null;
  unit: 'each' | 'kg';
  currency: string;
  /** The chain price, in minor units. */
  price: number;
  /** With a store: that store's own price, or null when it sells at the chain price. */
  storePrice: number | null;
  updatedAt: string;
}

export interface SearchOptions {
  query: string;
  /** A store's id: results carry its price overrides. */
  storeId?: string | null;
  limit: number;
  /** The GTIN of the last product of the previous page. */
  after?: string | null;
}

export interface SearchPage {
  products: ProductSummary[];
  /** Pass as `after` for the next page; null at the end. */
  next: string | null;
}

const COLUMNS = `p.gtin, p.barcode, p.name, p.names, p.plu, p.department, p.unit, p.currency, p.price,
  p.updated_at, o.price AS store_price`;
const STORE_JOIN = `LEFT JOIN store_prices o ON o.store_id = $1 AND o.gtin = p.gtin AND NOT o.deleted`;

/** `%` and `_` typed by the reader are letters, not wildcards. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchProducts(q: Queryable, options: SearchOptions): Promise<SearchPage> {
  const typed = options.query.trim();
  const store = options.storeId ?? null;
  const limit = options.limit;
  const after = options.after ?? null;
  let rows: Row[];
  if (typed === '') {
    rows = await page(
      q,
      `NOT p.deleted AND ($2::text IS NULL OR p.gtin > $2)`,
      'p.gtin',
      [store, after],
      limit,
    );
  } else if (/^\d+$/.test(typed)) {
    rows = await byCode(q, typed, store, after, limit);
  } else if (typed.length === 1 && typed.charCodeAt(0) < 128) {
    rows = await page(
      q,
      `lower(p.name) COLLATE "C" LIKE lower($3) || '%' AND NOT p.deleted AND ($2::text IS NULL OR
       (lower(p.name) COLLATE "C", p.gtin) > (SELECT lower(name) COLLATE "C", gtin FROM products WHERE gtin = $2))`,
      'lower(p.name) COLLATE "C", p.gtin',
      [store, after, likeEscape(typed)],
      limit,
    );
  } else {
    rows = await byName(q, typed, store, after, limit);
  }
  const products = rows.map(summary);
  return { products, next: rows.length === limit ? rows.at(-1)!.gtin : null };
}

/** How many names, in order, are read for a common substring before the gram index is asked instead. */
const WALK = 2000;

/**
 * A substring of any name. A common one ('milk', '金') is in many of the first names in name order, so
 * walking names in order and keeping the first matches answers at once, where the gram index would find
 * a hundred thousand products to sort. A rare one is not found that way: then the gram index finds the
 * few products that have it, and they are sorted.
 */
async function byName(
  q: Queryable,
  typed: string,
  store: string | null,
  after: string | null,
  limit: number,
): Promise<Row[]> {
  const lowered = typed.toLowerCase();
  const params = [store, after, likeEscape(lowered)];
  const { rows: walked } = await q.query<Row>(
    `WITH page AS (
       SELECT gtin, name FROM (
         SELECT gtin, name, search_text FROM product_search
         WHERE ($2::text IS NULL OR (name, gtin) > (SELECT name, gtin FROM products WHERE gtin = $2))
         ORDER BY name, gtin LIMIT ${WALK}) AS first_names
       WHERE search_text LIKE '%' || $3 || '%' ORDER BY name, gtin LIMIT ${limit | 0})
     SELECT ${COLUMNS} FROM page JOIN products p ON p.gtin = page.gtin ${STORE_JOIN}
     ORDER BY p.name, p.gtin`,
    params,
  );
  if (walked.length === limit) return walked;
  // MATERIALIZED: the gram index answers first, whatever the planner guesses of how common the grams are
  // (left to itself it may walk every name in order looking for a rare one). The matches are sorted in
  // product_search itself; only the page's rows are read from products.
  const { rows } = await q.query<Row>(
    `WITH found AS MATERIALIZED (
       SELECT gtin, name FROM product_search
       WHERE grams @> $4::text[] AND search_text LIKE '%' || $3 || '%'),
     page AS (
       SELECT gtin FROM found
       WHERE ($2::text IS NULL OR (name, gtin) > (SELECT name, gtin FROM products WHERE gtin = $2))
       ORDER BY name, gtin LIMIT ${limit | 0})
     SELECT ${COLUMNS} FROM page JOIN products p ON p.gtin = page.gtin ${STORE_JOIN}
     ORDER BY p.name, p.gtin`,
    [...params, queryGrams(lowered)],
  );
  return rows;
}

/** Digits: PLUs starting with them (first page only: there are few), then GTINs starting with them. */
async function byCode(
  q: Queryable,
  digits: string,
  store: string | null,
  after: string | null,
  limit: number,
): Promise<Row[]> {
  const plus =
    after === null && digits.length <= 5
      ? await page(
          q,
          `p.plu COLLATE "C" LIKE $2 || '%' AND NOT p.deleted`,
          'p.plu COLLATE "C", p.gtin',
          [store, digits],
          limit,
        )
      : [];
  const short = digits.replace(/^0+/, '');
  const gtins = await page(
    q,
    `ltrim(p.gtin, '0') COLLATE "C" LIKE $2 || '%' AND NOT p.deleted
     AND ($3::text IS NULL OR ltrim(p.gtin, '0') COLLATE "C" > ltrim($3, '0'))`,
    `ltrim(p.gtin, '0') COLLATE "C"`,
    [store, short, after],
    limit,
  );
  const seen = new Set(plus.map((r) => r.gtin));
  return [...plus, ...gtins.filter((r) => !seen.has(r.gtin))].slice(0, limit);
}

interface Row {
  gtin: string;
  barcode: string;
  name: string;
  names: Record<string, string> | null;
  plu: string | null;
  department: string | null;
  unit: 'each' | 'kg';
  currency: string;
  price: unknown;
  updated_at: unknown;
  store_price: unknown;
}

async function page(
  q: Queryable,
  where: string,
  order: string,
  params: unknown[],
  limit: number,
): Promise<Row[]> {
  const { rows } = await q.query<Row>(
    `SELECT ${COLUMNS} FROM products p ${STORE_JOIN} WHERE ${where} ORDER BY ${order} LIMIT ${limit | 0}`,
    params,
  );
  return rows;
}

function summary(r: Row): ProductSummary {
  return {
    gtin: r.gtin,
    barcode: r.barcode,
    name: r.name,
    names: r.names,
    plu: r.plu,
    department: r.department,
    unit: r.unit,
    currency: r.currency,
    price: toNumber(r.price),
    storePrice: r.store_price === null ? null : toNumber(r.store_price),
    updatedAt: toIso(r.updated_at),
  };
}
