// The report rollups (migration 0022) kept up as sales arrive: SQL that the statement storing a run of
// sales (server/events/bulk.ts) carries as CTEs, so a sale is added to them in the same statement — the
// same atomic step — that stores it, and only when it was newly stored: a resent sale adds nothing.
// Two HQ processes add into the same rows safely: each upsert adds under the row's lock. Rows are upserted
// in key order, so two runs of one store take those locks in the same order.
import type { Queryable } from '../db/database';
import type { EventPlan } from '../events/plan';

/**
 * CTEs that roll up the sales of a CTE named `incoming` — (event_id, training, currency, total,
 * tax_total, line_count, sold_at), the sales newly stored — for the store `$store`; `$lines` and
 * `$tenders` are the JSON documents made by rollupRows.
 */
export function rollupCtes(store: string, lines: string, tenders: string): string {
  return `
local_sales AS (
  SELECT i.*, (i.sold_at AT TIME ZONE (SELECT time_zone FROM stores WHERE id = ${store})) AS local_at
  FROM incoming i
), hour_rollup AS (
  INSERT INTO sales_by_hour (store_id, day, hour, training, currency, sales, total, tax_total, lines)
  SELECT ${store}, local_at::date, extract(hour FROM local_at)::int2, training, currency, count(*), sum(total),
    sum(tax_total), sum(line_count)
  FROM local_sales GROUP BY 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
  ON CONFLICT (store_id, day, hour, training, currency) DO UPDATE SET sales = sales_by_hour.sales + excluded.sales,
    total = sales_by_hour.total + excluded.total, tax_total = sales_by_hour.tax_total + excluded.tax_total,
    lines = sales_by_hour.lines + excluded.lines
), department_rollup AS (
  INSERT INTO sales_by_department (store_id, day, training, currency, department, lines, amount)
  SELECT ${store}, s.local_at::date, s.training, s.currency, coalesce(p.department, ''), count(*), sum(l.amount)
  FROM json_to_recordset(${lines}::json) AS l (event_id uuid, gtin text, amount int8)
  JOIN local_sales s ON s.event_id = l.event_id
  LEFT JOIN products p ON p.gtin = l.gtin
  GROUP BY 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
  ON CONFLICT (store_id, day, training, currency, department) DO UPDATE SET
    lines = sales_by_department.lines + excluded.lines, amount = sales_by_department.amount + excluded.amount
), tender_rollup AS (
  INSERT INTO sales_by_tender (store_id, day, training, currency, kind, payments, amount)
  SELECT ${store}, s.local_at::date, s.training, s.currency, t.kind, count(*), sum(t.amount)
  FROM json_to_recordset(${tenders}::json) AS t (event_id uuid, kind text, amount int8)
  JOIN local_sales s ON s.event_id = t.event_id
  GROUP BY 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
  ON CONFLICT (store_id, day, training, currency, kind) DO UPDATE SET
    payments = sales_by_tender.payments + excluded.payments, amount = sales_by_tender.amount + excluded.amount
)`;
}

/** The JSON documents rollupCtes reads: every sold line and every tender of the sales in `plans`. */
export function rollupRows(plans: readonly EventPlan[]): { lines: string; tenders: string } {
  const lines: { event_id: string; gtin: string; amount: number }[] = [];
  const tenders: { event_id: string; kind: string; amount: number }[] = [];
  for (const { event, sale } of plans) {
    if (!sale) continue;
    for (const l of sale.lines) lines.push({ event_id: event.id, gtin: l.gtin, amount: l.amount });
    for (const t of sale.tenders) tenders.push({ event_id: event.id, kind: t.kind, amount: t.amount });
  }
  return { lines: JSON.stringify(lines), tenders: JSON.stringify(tenders) };
}

const ROLL_UP_ONE = `
WITH incoming AS (
  SELECT $2::uuid AS event_id, $3::bool AS training, $4::text AS currency, $5::int8 AS total,
    $6::int8 AS tax_total, $7::int8 AS line_count, $8::timestamptz AS sold_at
), ${rollupCtes('$1', '$9', '$10')}
SELECT 1`;

/** Rolls up one sale just stored (the event-by-event path of server/events/ingest.ts). */
export async function rollUpSale(tx: Queryable, storeId: string, plan: EventPlan): Promise<void> {
  const sale = plan.sale;
  if (!sale) return;
  const { lines, tenders } = rollupRows([plan]);
  await tx.query(ROLL_UP_ONE, [
    storeId,
    plan.event.id,
    sale.training,
    sale.currency,
    sale.total,
    sale.taxTotal,
    sale.lines.length,
    sale.soldAt,
    lines,
    tenders,
  ]);
}
