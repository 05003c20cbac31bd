// Reports from a PostgreSQL streaming replica: HQ started with --reports-database (reportsDatabaseUrl)
// hands the admin routes a second, read-only handle on a real hot standby (pg_basebackup -R, its own
// port). Terminals sync to the primary; a sales-by-day report query on the reports handle is answered by
// the standby, which has the sales a moment later (replication lag), and refuses any write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server';
import { sqlState } from '../../server/db/database';
import { call, enrolDevice, startPostgres, type PostgresCluster } from '../helpers/postgres';
import { startReplica } from '../helpers/postgres-replica';
import { sale } from '../helpers/sale-events';

const ADMIN = 'replica-test-admin-token-0123456789';
const TEA = '06900000000014';

describe('reports from a streaming replica', () => {
  let primary: PostgresCluster;
  let replica: PostgresCluster;
  let hq: RunningServer;

  beforeAll(async () => {
    primary = await startPostgres();
    replica = await startReplica(primary);
    // The replica was copied before HQ made its schema: HQ waits for it to replay the migrations.
    hq = await startServer({
      port: 0,
      databaseUrl: primary.url,
      reportsDatabaseUrl: replica.url,
      adminToken: ADMIN,
    });
  });

  afterAll(async () => {
    await hq?.close();
    await replica?.stop();
    await primary?.stop();
  });

  it('says reports come from the replica, and answers a report query there', async () => {
    const source = await call(hq.url, 'GET', '/admin/v1/reports/source', { token: ADMIN });
    expect(source.status).toBe(200);
    expect(source.body).toMatchObject({ ok: true, source: 'replica' });

    const till = await enrolDevice(hq.url, async () => {
      const made = await call(hq.url, 'POST', '/admin/v1/enrolment-codes', {
        token: ADMIN,
        body: { store: 'S001' },
      });
      return made.body as { code: string };
    });
    const events = [1, 2, 3].map((n) =>
      sale('S001', 'C01', [{ gtin: TEA, name: 'Oolong tea', quantity: n, unitPrice: 1000 }]),
    );
    const synced = await call(hq.url, 'POST', '/v1/events', { token: till.token, body: { events } });
    expect(synced.status).toBe(200);
    const total = events.reduce((sum, e) => sum + e.payload.total, 0);

    // Sales by day, as the reports screen asks it, on the reports handle: the standby has them once it has
    // replayed the primary's commit.
    const byDay = async () => {
      const { rows } = await hq.reportsDb.query<{
        day: string;
        sales: unknown;
        total: unknown;
        standby: boolean;
      }>(
        `SELECT to_char(sold_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS sales, sum(total) AS total,
                pg_is_in_recovery() AS standby
         FROM sales WHERE NOT training GROUP BY 1 ORDER BY 1`,
      );
      return rows.map((r) => ({
        day: r.day,
        sales: Number(r.sales),
        total: Number(r.total),
        standby: r.standby,
      }));
    };
    const today = new Date().toISOString().slice(0, 10);
    await expect.poll(byDay).toEqual([{ day: today, sales: 3, total, standby: true }]);

    // It is a replica, not the primary under another name: it refuses writes.
    const write = await hq.reportsDb
      .query("UPDATE stores SET code = code WHERE code = 'S001'")
      .catch((e) => e);
    expect(sqlState(write)).toBe('25006'); // read_only_sql_transaction
    expect(hq.reportsDb).not.toBe(hq.db);
  });
});
