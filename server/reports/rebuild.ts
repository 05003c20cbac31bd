// A store's rollups made again from its stored sales, in its time zone: what setting a store's zone does
// (its days begin at another hour, so every sale may fall on another day). The same rules as ingest
// (sale-figures.ts) and migration 0022, in SQL over the events as the terminals sent them.
//
// Exactness against sales arriving meanwhile: the rollup tables are locked in SHARE mode first, which
// waits for every batch writing to them to commit and holds new ones back until this commits; readers
// go on. Setting a zone is a setup step, done once per store, so holding ingest back for it is fine.
import type { Queryable } from '../db/database';

const LINES_OF = `CASE WHEN json_typeof(e.payload -> 'lines') = 'array' THEN e.payload -> 'lines'
  ELSE coalesce(e.payload -> 'receipt' -> 'lines', '[]') END`;
const MINOR = (value: string) =>
  `json_typeof(${value}) = 'number' AND (${value} #>> '{}') ~ '^-?[0-9]{1,15}$'`;

const STORE_SALES = `
FROM sales s
JOIN events e ON e.store_id = s.store_id AND e.id = s.event_id
CROSS JOIN (SELECT time_zone FROM stores WHERE id = $1) z`;

const LOCAL = `(s.sold_at AT TIME ZONE z.time_zone)`;

const REBUILD = [
  // YugabyteDB has no LOCK TABLE: there a zone change made while the store's lanes sync may miss or
  // double a sale committed during the rebuild (server/README.md, Sales reports).
  // portability: allow lock-table — setting a store's zone is a one-time setup step
  `LOCK TABLE sales_by_hour, sales_by_department, sales_by_tender IN SHARE MODE`,
  `DELETE FROM sales_by_hour WHERE store_id = $1`,
  `DELETE FROM sales_by_department WHERE store_id = $1`,
  `DELETE FROM sales_by_tender WHERE store_id = $1`,
  `INSERT INTO sales_by_hour (store_id, day, hour, training, currency, sales, total, tax_total, lines)
   SELECT $1, ${LOCAL}::date, extract(hour FROM ${LOCAL})::smallint, s.training, s.currency, count(*),
     sum(s.total), sum(s.tax_total), sum(json_array_length(${LINES_OF}))
   ${STORE_SALES} WHERE s.store_id = $1 GROUP BY 2, 3, 4, 5`,
  `INSERT INTO sales_by_department (store_id, day, training, currency, department, lines, amount)
   SELECT $1, ${LOCAL}::date, s.training, s.currency, coalesce(p.department, ''), count(*),
     sum(CASE WHEN ${MINOR("l.line -> 'paid'")} THEN (l.line ->> 'paid')::bigint
       WHEN ${MINOR("r.line -> 'paid'")} THEN (r.line ->> 'paid')::bigint
       WHEN ${MINOR("r.line -> 'lineTotal'")} THEN (r.line ->> 'lineTotal')::bigint ELSE 0 END)
   ${STORE_SALES}
   CROSS JOIN LATERAL json_array_elements(${LINES_OF}) WITH ORDINALITY AS l (line, n)
   LEFT JOIN LATERAL (SELECT e.payload -> 'receipt' -> 'lines' -> (l.n::int - 1) AS line) r ON true
   LEFT JOIN products p ON p.gtin = lpad(l.line ->> 'gtin', 14, '0')
   WHERE s.store_id = $1 GROUP BY 2, 3, 4, 5`,
  `INSERT INTO sales_by_tender (store_id, day, training, currency, kind, payments, amount)
   SELECT $1, ${LOCAL}::date, s.training, s.currency, t.kind, count(*), sum(t.amount)
   ${STORE_SALES}
   CROSS JOIN LATERAL (
     SELECT left(x ->> 'kind', 32) AS kind, (x ->> 'amount')::bigint AS amount
     FROM json_array_elements(CASE WHEN json_typeof(e.payload -> 'tenders') = 'array' THEN e.payload -> 'tenders' ELSE '[]' END) AS x
     WHERE json_typeof(x -> 'kind') = 'string' AND ${MINOR("x -> 'amount'")}
     UNION ALL
     SELECT 'other', s.total WHERE json_typeof(e.payload -> 'tenders') IS DISTINCT FROM 'array'
   ) t
   WHERE s.store_id = $1 GROUP BY 2, 3, 4, 5`,
];

/** Re-adds every stored sale of the store to the rollups, in the store's zone; inside the caller's transaction. */
export async function rebuildStoreRollups(tx: Queryable, storeId: string): Promise<void> {
  for (const [i, sql] of REBUILD.entries()) await tx.query(sql, i === 0 ? [] : [storeId]);
}
