// The back office's first page: each store's takings today (its own local today) against the same day
// last week, today's sales by local hour, and the open problems that are cheap to count.
import type { Queryable } from '../db/database';
import { toNumber } from '../db/database';
import type { ReportStore } from './queries';

const n = toNumber;

export async function overview(db: Queryable, stores: readonly ReportStore[]) {
  const ids = stores.map((s) => s.id);
  // Real sales only: training sales never count in takings.
  const { rows: takings } = await db.query<Record<string, unknown>>(
    `WITH local AS (SELECT id, code, (now() AT TIME ZONE time_zone)::date AS today FROM stores WHERE id = ANY($1::uuid[]))
     SELECT l.code, l.today::text AS today, h.currency,
       coalesce(sum(h.total) FILTER (WHERE h.day = l.today), 0) AS today_total,
       coalesce(sum(h.sales) FILTER (WHERE h.day = l.today), 0) AS today_sales,
       coalesce(sum(h.total) FILTER (WHERE h.day = l.today - 7), 0) AS last_week_total,
       coalesce(sum(h.sales) FILTER (WHERE h.day = l.today - 7), 0) AS last_week_sales
     FROM local l LEFT JOIN sales_by_hour h
       ON h.store_id = l.id AND h.training = false AND (h.day = l.today OR h.day = l.today - 7)
     GROUP BY l.code, l.today, h.currency ORDER BY l.code, h.currency`,
    [ids],
  );
  const { rows: hours } = await db.query<Record<string, unknown>>(
    `SELECT h.hour, h.currency, sum(h.sales) AS sales, sum(h.total) AS total
     FROM stores s JOIN sales_by_hour h ON h.store_id = s.id AND h.training = false
       AND h.day = (now() AT TIME ZONE s.time_zone)::date
     WHERE s.id = ANY($1::uuid[]) GROUP BY h.hour, h.currency ORDER BY h.hour, h.currency`,
    [ids],
  );
  const { rows: problems } = await db.query<Record<string, unknown>>(
    `SELECT (SELECT count(*) FROM refund_flags WHERE store_id = ANY($1::uuid[])) AS refund_flags,
       (SELECT count(*) FROM stock_flags WHERE store_id = ANY($1::uuid[])) AS stock_flags,
       (SELECT count(*) FROM dead_letters WHERE store_id = ANY($1::uuid[])) AS dead_letters`,
    [ids],
  );
  const p = problems[0] ?? {};
  return {
    stores: takings.map((r) => ({
      store: String(r.code),
      today: String(r.today),
      currency: (r.currency as string | null) ?? null,
      todayTotal: n(r.today_total),
      todaySales: n(r.today_sales),
      lastWeekTotal: n(r.last_week_total),
      lastWeekSales: n(r.last_week_sales),
    })),
    hours: hours.map((r) => ({
      hour: n(r.hour),
      currency: String(r.currency),
      sales: n(r.sales),
      total: n(r.total),
    })),
    problems: {
      refundFlags: n(p.refund_flags),
      stockFlags: n(p.stock_flags),
      deadLetters: n(p.dead_letters),
    },
  };
}
