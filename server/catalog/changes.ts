// The catalog feed a terminal pulls: its store's view (chain products with the store's prices) changed
// after a cursor, in (version, gtin) order, deletes as tombstones. One SQL statement reads each page, so
// the page sees one snapshot: a page can never mix rows from before and after another commit.
import type { CatalogItem, CatalogPage } from '../../core/sync';
import type { Queryable } from '../db/database';
import { toNumber } from '../db/database';
import { currentCatalogVersion } from './version';

/**
 * Where a terminal is in the feed: after `version`/`gtin`. A new terminal starts at 0 and its cursor
 * carries the version the snapshot began at (`base`): deletes up to it are of products it never had.
 */
export interface CatalogCursor {
  version: number;
  gtin: string;
  base: number;
}

export type { CatalogItem, CatalogPage } from '../../core/sync';

const CURSOR = /^(\d{1,15})(?::(\d{14})?(?::(\d{1,15}))?)?$/;

/** `V`, `V:GTIN` or `V:GTIN:BASE` (GTIN may be empty) → a cursor; null when malformed. `0` starts a snapshot. */
export function parseCursor(text: string): CatalogCursor | null {
  const match = CURSOR.exec(text);
  if (!match) return null;
  return { version: Number(match[1]), gtin: match[2] ?? '', base: Number(match[3] ?? 0) };
}

export function formatCursor(cursor: CatalogCursor): string {
  // Once past the snapshot's start the base filters nothing, so the cursor drops it.
  const base = cursor.base > cursor.version ? `:${cursor.base}` : '';
  return cursor.gtin === '' && base === ''
    ? String(cursor.version)
    : `${cursor.version}:${cursor.gtin}${base}`;
}

// Each product appears once, at its effective version: the later of its own and its store override's.
// The chain branches walk products by (version, gtin), the override branch the store's overrides, all
// on indexes. Columns are named as the feed's JSON fields, so row_to_json below makes each item as sent.
//
// A store without overrides (most of them) takes the first branch and never touches store_prices: with
// that table empty or tiny the planner probes it by a sequential scan per product, and each scan asks
// the file's size (PGlite: a seek and an fstat through its file layer), measured at half of HQ's CPU
// time in a snapshot. The EXISTS tests run once per statement (one-time filters), so exactly one of the
// two chain branches runs, and all three still read one snapshot.
// The net content as the feed's object ({"amount": 1500, "unit": "ml"}), or null (server migration 0016).
const NET_CONTENT = `CASE WHEN p.net_content IS NULL THEN NULL
  ELSE json_build_object('amount', p.net_content, 'unit', p.net_content_unit) END AS "netContent"`;
// A product's own sale restrictions (server migration 0024, issue 14): `noSale` null follows its
// department, [] is any hour; `maxPerBasket` null is none. An older terminal ignores both fields.
const RESTRICTIONS = 'p.no_sale AS "noSale", p.max_per_basket AS "maxPerBasket"';
const HAS_OVERRIDES = 'EXISTS (SELECT 1 FROM store_prices WHERE store_id = $1)';
const PAGE_ROWS = `
  SELECT * FROM (
    (SELECT p.gtin, p.version, p.deleted, p.barcode, p.name, p.currency, p.price,
            p.tax_rate_bp AS "taxRateBp", p.unit, p.age_limit AS "ageLimit", p.department,
            p.names, p.plu, p.grid, ${NET_CONTENT}, ${RESTRICTIONS}
     FROM products p
     WHERE NOT ${HAS_OVERRIDES} AND (p.version, p.gtin) > ($2, $3) AND NOT (p.deleted AND p.version <= $4)
     ORDER BY p.version, p.gtin LIMIT $5)
    UNION ALL
    (SELECT p.gtin, p.version, p.deleted, p.barcode, p.name, p.currency,
            CASE WHEN o.deleted IS FALSE THEN o.price ELSE p.price END AS price,
            p.tax_rate_bp AS "taxRateBp", p.unit, p.age_limit AS "ageLimit", p.department,
            p.names, p.plu, p.grid, ${NET_CONTENT}, ${RESTRICTIONS}
     FROM products p LEFT JOIN store_prices o ON o.store_id = $1 AND o.gtin = p.gtin
     WHERE ${HAS_OVERRIDES} AND (p.version, p.gtin) > ($2, $3)
       AND (o.version IS NULL OR o.version <= p.version) AND NOT (p.deleted AND p.version <= $4)
     ORDER BY p.version, p.gtin LIMIT $5)
    UNION ALL
    (SELECT p.gtin, o.version, p.deleted, p.barcode, p.name, p.currency,
            CASE WHEN o.deleted THEN p.price ELSE o.price END AS price,
            p.tax_rate_bp AS "taxRateBp", p.unit, p.age_limit AS "ageLimit", p.department,
            p.names, p.plu, p.grid, ${NET_CONTENT}, ${RESTRICTIONS}
     FROM store_prices o JOIN products p ON p.gtin = o.gtin
     WHERE o.store_id = $1 AND (o.store_id, o.version, o.gtin) > ($1, $2, $3) AND o.version > p.version
       AND NOT (p.deleted AND o.version <= $4)
     ORDER BY o.version, o.gtin LIMIT $5)
  ) AS changed
  ORDER BY version, gtin LIMIT $5`;

// The database writes the page's JSON itself, in one row: a snapshot is a million items, and turning
// each into a JS row object and back into JSON cost more than the query (PGlite decodes rows in
// JavaScript). `last` is the page's greatest (version, gtin), for the next cursor.
const PAGE_SQL = `
  SELECT count(*)::int AS n,
         coalesce(string_agg(CASE WHEN item.deleted
                    THEN json_build_object('gtin', item.gtin, 'version', item.version, 'deleted', true)::text
                    ELSE row_to_json(item)::text END, ',' ORDER BY item.version, item.gtin), '') AS items,
         max(lpad(item.version::text, 15, '0') || item.gtin) AS last
  FROM (${PAGE_ROWS}) AS item`;

/** A page with its items already JSON: `items` is the text of the items array without its brackets. */
export interface CatalogPageJson extends Omit<CatalogPage, 'items'> {
  items: string;
  count: number;
}

/** One page of the store's catalog changes after `cursor` (at most `limit` items). */
export async function catalogChanges(
  q: Queryable,
  storeId: string,
  after: CatalogCursor,
  limit: number,
): Promise<CatalogPage> {
  const page = await catalogChangesJson(q, storeId, after, limit);
  return { ...page, items: JSON.parse(`[${page.items}]`) as CatalogItem[] };
}

/** The reply body of GET /v1/catalog for this page, as sent. */
export function catalogReplyText(page: CatalogPageJson): string {
  const { nextCursor, more, catalogVersion } = page;
  const tail = JSON.stringify({ nextCursor, more, catalogVersion }).slice(1);
  return `{"ok":true,"items":[${page.items}],${tail}`;
}

/** catalogChanges with the items left as the JSON text the database wrote. */
export async function catalogChangesJson(
  q: Queryable,
  storeId: string,
  after: CatalogCursor,
  limit: number,
): Promise<CatalogPageJson> {
  const catalogVersion = await currentCatalogVersion(q);
  // A snapshot begins now: deletes committed so far concern products this terminal never had.
  const base = after.version === 0 && after.gtin === '' && after.base === 0 ? catalogVersion : after.base;
  const { rows } = await q.query<{ n: number; items: string; last: string | null }>(PAGE_SQL, [
    storeId,
    after.version,
    after.gtin,
    base,
    limit,
  ]);
  const { n, items, last } = rows[0]!;
  const next: CatalogCursor = last
    ? { version: toNumber(last.slice(0, -14)), gtin: last.slice(-14), base }
    : { ...after, base };
  return { items, count: n, nextCursor: formatCursor(next), more: n === limit, catalogVersion };
}
