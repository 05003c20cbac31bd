// Product lookup at the counter (F3): by PLU, by the beginning of a barcode, or by name in any language
// the catalog has. Each kind takes an index where one exists — the PLU index, the GTIN key, the name
// index of migration 0020 — and only a word inside a name falls back to a scan, which stops at a page.
import type Database from 'better-sqlite3';
import type { Product } from '../core/types';
import { parseNames } from './catalog-names';

/** A product as the lookup lists it. */
export interface FoundProduct extends Pick<Product, 'gtin' | 'barcode' | 'name' | 'price' | 'unit'> {
  names: Readonly<Record<string, string>> | null;
  plu: string | null;
}

/** One page of results: a cashier refines the query rather than scrolling a thousand rows. */
export const SEARCH_LIMIT = 20;
/** Longest query taken: a name or a barcode, never a paragraph. */
export const MAX_QUERY = 64;

type Row = Omit<FoundProduct, 'names'> & { names: string | null };

const COLUMNS = 'gtin, barcode, name, price, unit, names, plu';

interface Statements {
  plu: Database.Statement<[string], Row>;
  gtinRange: Database.Statement<[string, string], Row>;
  namePrefix: Database.Statement<[string, string], Row>;
  nameWithin: Database.Statement<[string, string, string], Row>;
}

const statementsByDb = new WeakMap<Database.Database, Statements>();

function statements(db: Database.Database): Statements {
  let cached = statementsByDb.get(db);
  if (!cached) {
    cached = {
      plu: db.prepare(`SELECT ${COLUMNS} FROM products WHERE plu = ? ORDER BY gtin LIMIT ${SEARCH_LIMIT}`),
      gtinRange: db.prepare(
        `SELECT ${COLUMNS} FROM products WHERE gtin >= ? AND gtin < ? ORDER BY gtin LIMIT ${SEARCH_LIMIT}`,
      ),
      // A range on the NOCASE index: "mil" finds "Milk" and "MILD" without reading other rows.
      namePrefix: db.prepare(
        `SELECT ${COLUMNS} FROM products
         WHERE name >= ? COLLATE NOCASE AND name < ? COLLATE NOCASE
         ORDER BY name COLLATE NOCASE LIMIT ${SEARCH_LIMIT}`,
      ),
      nameWithin: db.prepare(
        `SELECT ${COLUMNS} FROM products
         WHERE name LIKE ? ESCAPE '\\'
            OR (names IS NOT NULL AND names LIKE ? ESCAPE '\\'
                -- The text matched somewhere in the JSON: a name, not a language tag ("zh-CN").
                AND EXISTS (SELECT 1 FROM json_each(names) WHERE value LIKE ? ESCAPE '\\'))
         LIMIT ${SEARCH_LIMIT}`,
      ),
    };
    statementsByDb.set(db, cached);
  }
  return cached;
}

/**
 * Up to SEARCH_LIMIT products for what the cashier typed: digits look up a PLU and the beginning of a
 * barcode; anything else (or digits that found nothing) a name, its beginning first, then a word inside
 * it or a name in another language. Blank finds nothing.
 */
export function searchCatalog(db: Database.Database, query: string): FoundProduct[] {
  const q = query.trim().slice(0, MAX_QUERY);
  if (q === '') return [];
  const found = new Map<string, FoundProduct>();
  const take = (rows: Row[]) => {
    for (const row of rows) {
      if (found.size >= SEARCH_LIMIT) return;
      if (!found.has(row.gtin)) found.set(row.gtin, toFound(row));
    }
  };
  const s = statements(db);
  if (/^\d+$/.test(q)) {
    if (q.length === 4 || q.length === 5) take(s.plu.all(q));
    if (q.length >= 3) for (const [from, to] of gtinRanges(q)) take(s.gtinRange.all(from, to));
  }
  // Digits that named a PLU or barcodes are not also searched for inside names ("Item 34011").
  if (found.size > 0) return [...found.values()];
  take(s.namePrefix.all(q, `${q}\u{10FFFF}`));
  if (found.size < SEARCH_LIMIT) {
    const pattern = `%${escapeLike(q)}%`;
    take(s.nameWithin.all(pattern, pattern, pattern));
  }
  return [...found.values()];
}

/**
 * The GTIN-14 key ranges a barcode beginning with `digits` lies in: a barcode is stored left-padded to
 * 14, so an EAN-13 starting "6901" is a GTIN from "06901", a UPC-A one from "006901", an EAN-8 from
 * "0000006901", a GTIN-14 from "6901".
 */
function gtinRanges(digits: string): [string, string][] {
  return [13, 12, 8, 14]
    .filter((length) => digits.length <= length)
    .map((length) => {
      const from = digits.padStart(digits.length + 14 - length, '0');
      return [from, `${from}:`] as [string, string];
    });
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toFound(row: Row): FoundProduct {
  return { ...row, names: row.names ? parseNames(row.names) : null };
}
