// The catalog feed a terminal pulls: its store's view (chain products with the store's prices) changed
// after a cursor, in (version, gtin) order, deletes as tombstones. One SQL statement reads each page, so
// the page sees one snapshot: a page can never mix rows from before and after another commit.
import type { Unit } from '../../core/types';
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

export type CatalogItem =
  | {
      gtin: string;
      version: number;
      deleted: false;
      barcode: string;
      name: string;
      currency: string;
      price: number;
      taxRateBp: number;
      unit: Unit;
      ageLimit: number | null;
      department: string | null;
    }
  | { gtin: string; version: number; deleted: true };

export interface CatalogPage {
  items: CatalogItem[];
  /** Pass as `after` for the next page; when there is nothing new, the same cursor again. */
  nextCursor: string;
  /** Whether the page was full, so more may follow at once. */
  more: boolean;
  /** The newest committed catalog version when the page was read. */
  catalogVersion: number;
}

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

interface ItemRow {
  gtin: string;
  v: unknown;
  deleted: boolean;
  barcode: string;
  name: string;
  currency: string;
  price: unknown;
  tax_rate_bp: number;
  unit: Unit;
  age_limit: number | null;
  department: string | null;
}

// Each product appears once, at its effective version: the later of its own and its store override's.
// The first branch walks products by (version, gtin), the second the store's overrides, both on indexes.
const PAGE_SQL = `
  SELECT * FROM (
    (SELECT p.gtin, p.version AS v, p.deleted, p.barcode, p.name, p.currency,
            CASE WHEN o.deleted IS FALSE THEN o.price ELSE p.price END AS price,
            p.tax_rate_bp, p.unit, p.age_limit, p.department
     FROM products p LEFT JOIN store_prices o ON o.store_id = $1 AND o.gtin = p.gtin
     WHERE (p.version, p.gtin) > ($2, $3) AND (o.version IS NULL OR o.version <= p.version)
       AND NOT (p.deleted AND p.version <= $4)
     ORDER BY p.version, p.gtin LIMIT $5)
    UNION ALL
    (SELECT p.gtin, o.version AS v, p.deleted, p.barcode, p.name, p.currency,
            CASE WHEN o.deleted THEN p.price ELSE o.price END AS price,
            p.tax_rate_bp, p.unit, p.age_limit, p.department
     FROM store_prices o JOIN products p ON p.gtin = o.gtin
     WHERE o.store_id = $1 AND (o.store_id, o.version, o.gtin) > ($1, $2, $3) AND o.version > p.version
       AND NOT (p.deleted AND o.version <= $4)
     ORDER BY o.version, o.gtin LIMIT $5)
  ) AS changed
  ORDER BY v, gtin LIMIT $5`;

/** One page of the store's catalog changes after `cursor` (at most `limit` items). */
export async function catalogChanges(
  q: Queryable,
  storeId: string,
  after: CatalogCursor,
  limit: number,
): Promise<CatalogPage> {
  const catalogVersion = await currentCatalogVersion(q);
  // A snapshot begins now: deletes committed so far concern products this terminal never had.
  const base = after.version === 0 && after.gtin === '' && after.base === 0 ? catalogVersion : after.base;
  const { rows } = await q.query<ItemRow>(PAGE_SQL, [storeId, after.version, after.gtin, base, limit]);
  const items = rows.map(toItem);
  const last = items[items.length - 1];
  const next: CatalogCursor = last ? { version: last.version, gtin: last.gtin, base } : { ...after, base };
  return { items, nextCursor: formatCursor(next), more: items.length === limit, catalogVersion };
}

function toItem(row: ItemRow): CatalogItem {
  const version = toNumber(row.v);
  if (row.deleted) return { gtin: row.gtin, version, deleted: true };
  return {
    gtin: row.gtin,
    version,
    deleted: false,
    barcode: row.barcode,
    name: row.name,
    currency: row.currency,
    price: toNumber(row.price),
    taxRateBp: row.tax_rate_bp,
    unit: row.unit,
    ageLimit: row.age_limit,
    department: row.department,
  };
}
