// The back office's sales reports over 10,000,000 sale lines (issue 14: sales by day ≤ 1 s), on a real
// PostgreSQL 15 as test/helpers/postgres.ts starts it, with HQ's own migrations (startServer).
//
// Set-up, not timed: 2,000,000 sales of 5 lines each (10,000,000 lines) over 365 days in 20 stores in
// Asia/Shanghai, 2% of them training sales, made in SQL with generate_series — the sales rows as ingest
// stores them, and the rollups (migration 0022) as ingest would have added them for those sales: per
// local hour, per local day and department (20 departments, each line its share of the sale), per day
// and tender. Timed: the report queries (server/reports/queries.ts) over the whole year and every
// store, and one store's month, each run 20 times; the whole GET /admin/v1/reports/sales over HTTP; and,
// as the baseline, the same by-day figures summed from the 2,000,000 sales rows themselves.
import { startServer } from '../../server';
import {
  reportStores,
  salesByDay,
  salesByDepartment,
  salesByStore,
  salesByTender,
  type SalesQuery,
} from '../../server/reports/queries';
import type { Queryable } from '../../server';
import { call, startBackend } from '../helpers/postgres';
import { percentile, type BenchRow } from './table';

const SALES = 2_000_000;
const LINES_PER_SALE = 5;
const STORES = 20;
const DAYS = 365;
const RUNS = 20;
const TOKEN = 'office-reports-bench-token-0123456789';
const TARGET_MS = 1000;

// Sale i: store i % 20, day i / 20 % 365 at 08:00–21:59 local, a total of 10.00–99.99, every 50th training.
const GENERATED = `
WITH gen AS (
  SELECT i, st.id AS store_id, st.code,
    timestamptz '2025-01-01 00:00:00+08' + make_interval(days => (i / ${STORES}) % ${DAYS},
      hours => 8 + (i * 7) % 14, mins => (i * 13) % 60) AS sold_at,
    1000 + (i * 37) % 9000 AS total, i % 50 = 0 AS training
  FROM generate_series(1, ${SALES}) AS i
  JOIN stores st ON st.code = 'B' || lpad((i % ${STORES} + 1)::text, 3, '0')
)`;
const LOCAL_DAY = `(g.sold_at AT TIME ZONE 'Asia/Shanghai')::date`;

const SETUP = [
  `INSERT INTO stores (id, code, time_zone) SELECT gen_random_uuid(), 'B' || lpad(n::text, 3, '0'), 'Asia/Shanghai'
   FROM generate_series(1, ${STORES}) AS n`,
  `${GENERATED}
   INSERT INTO sales (store_id, id, event_id, device_id, receipt_number, terminal_id, currency, total, tax_total,
     sold_at, received_at, training)
   SELECT g.store_id, gen_random_uuid(), gen_random_uuid(), g.store_id, g.code || '-T01-' || g.i, 'T01', 'CNY',
     g.total, g.total / 10, g.sold_at, g.sold_at, g.training FROM gen g`,
  `${GENERATED}
   INSERT INTO sales_by_hour (store_id, day, hour, training, currency, sales, total, tax_total, lines)
   SELECT g.store_id, ${LOCAL_DAY}, extract(hour FROM g.sold_at AT TIME ZONE 'Asia/Shanghai')::int2, g.training,
     'CNY', count(*), sum(g.total), sum(g.total / 10), count(*) * ${LINES_PER_SALE}
   FROM gen g GROUP BY 1, 2, 3, 4`,
  `${GENERATED}
   INSERT INTO sales_by_department (store_id, day, training, currency, department, lines, amount)
   SELECT g.store_id, ${LOCAL_DAY}, g.training, 'CNY', 'Department ' || ((g.i + l * 7) % 20), count(*),
     sum(g.total / ${LINES_PER_SALE} + CASE WHEN l = 1 THEN g.total % ${LINES_PER_SALE} ELSE 0 END)
   FROM gen g CROSS JOIN generate_series(1, ${LINES_PER_SALE}) AS l GROUP BY 1, 2, 3, 5`,
  `${GENERATED}
   INSERT INTO sales_by_tender (store_id, day, training, currency, kind, payments, amount)
   SELECT g.store_id, ${LOCAL_DAY}, g.training, 'CNY', (ARRAY['cash', 'wallet_code', 'merchant_qr'])[g.i % 3 + 1],
     count(*), sum(g.total)
   FROM gen g GROUP BY 1, 2, 3, 5`,
  `ANALYZE`,
];

export async function benchOfficeReports(): Promise<BenchRow[]> {
  const backend = await startBackend('postgres');
  const server = await startServer({ port: 0, databaseUrl: backend.databaseUrl, adminToken: TOKEN });
  try {
    const started = performance.now();
    for (const sql of SETUP) await server.db.query(sql);
    console.error(
      `bench: office-reports made ${SALES * LINES_PER_SALE} sale lines in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    const stores = (await reportStores(server.db, null)).filter((s) => s.code.startsWith('B'));
    const year: SalesQuery = { stores, from: '2025-01-01', to: '2025-12-31', training: false };
    const month: SalesQuery = {
      stores: stores.slice(0, 1),
      from: '2025-06-01',
      to: '2025-06-30',
      training: false,
    };
    const days = await salesByDay(server.db, year);
    const lines = days.reduce((sum, d) => sum + d.lines, 0);
    const rows: BenchRow[] = [];
    const timed = async (name: string, run: () => Promise<unknown>, target = false, runs = RUNS) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
      const p95 = percentile(times, 95);
      rows.push({
        name,
        value: `p95 ${p95.toFixed(1)} ms`,
        baseline: `p50 ${percentile(times, 50).toFixed(1)} ms, ${runs} runs`,
        ...(target ? { target: `≤ ${TARGET_MS} ms`, met: p95 <= TARGET_MS } : {}),
      });
      return percentile(times, 50);
    };
    const scale = `${(SALES * LINES_PER_SALE).toLocaleString('en-US')} sale lines, ${STORES} stores, ${DAYS} days`;
    const rolled = await timed(
      `sales by day, a year of every store (${scale})`,
      () => salesByDay(server.db, year),
      true,
    );
    await timed(`sales by day, one store's month (${scale})`, () => salesByDay(server.db, month), true);
    await timed(`sales by store, a year of every store (${scale})`, () => salesByStore(server.db, year));
    await timed(`sales by department, a year of every store (${scale})`, () =>
      salesByDepartment(server.db, year),
    );
    await timed(`sales by tender, a year of every store (${scale})`, () => salesByTender(server.db, year));
    await timed(
      `GET /admin/v1/reports/sales over HTTP, a year of every store, all six breakdowns (${scale})`,
      async () => {
        const reply = await call(
          server.url,
          'GET',
          `/admin/v1/reports/sales?from=2025-01-01&to=2025-12-31&stores=${stores.map((s) => s.code).join(',')}`,
          { token: TOKEN },
        );
        if (reply.status !== 200) throw new Error(JSON.stringify(reply.body));
      },
    );
    const scanned = await timed(
      'baseline: sales by day summed from the 2,000,000 sales rows (no rollup)',
      () => scanSales(server.db),
      false,
      3,
    );
    rows[0]!.baseline += `; from the sales rows ${scanned.toFixed(0)} ms (${(scanned / rolled).toFixed(0)}× slower)`;
    rows.push({
      name: 'office-reports check: the year by day adds up to every real sale line',
      value: `${lines.toLocaleString('en-US')} real lines in ${days.length} days`,
      baseline: `${(SALES * LINES_PER_SALE * 0.98).toLocaleString('en-US')} expected (2% training kept apart)`,
    });
    return rows;
  } finally {
    await server.close();
    await backend.stop();
  }
}

async function scanSales(db: Queryable): Promise<void> {
  await db.query(
    `SELECT (s.sold_at AT TIME ZONE st.time_zone)::date AS day, count(*), sum(s.total) FROM sales s
     JOIN stores st ON st.id = s.store_id WHERE NOT s.training GROUP BY 1 ORDER BY 1`,
  );
}
