// HQ on a database that runs every transaction SERIALIZABLE, as CockroachDB does by default: office writes
// that collide are run again by the adapter (server/db/retry.ts), never answered 500. A real PostgreSQL
// is set with `default_transaction_isolation = 'serializable'`; a session of the test's own holds the
// price and catalog counter rows changed, so every write sent meanwhile waits on them, and its commit
// hands each of those writes a serialization failure (SQLSTATE 40001) — the collision is certain, not
// left to timing. Then each write must be done once or refused with a clear code, and the data add up.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startServer, type RunningServer } from '../../server';
import { call, startPostgres, type HqReply, type PostgresCluster } from '../helpers/postgres';

const TOKEN = 'serializable-test-admin-token-0123456789';
const MILK = '06901234567892';
const PRICE_CHANGES = 5;
const EDITS = 3;

describe('HQ on a SERIALIZABLE database', () => {
  let cluster: PostgresCluster;
  let hq: RunningServer;
  let sql: pg.Client;

  beforeAll(async () => {
    cluster = await startPostgres();
    sql = new pg.Client({ connectionString: cluster.url });
    await sql.connect();
    await sql.query("ALTER DATABASE postgres SET default_transaction_isolation = 'serializable'");
    hq = await startServer({ port: 0, databaseUrl: cluster.url, adminToken: TOKEN });
    const imported = await call(hq.url, 'POST', '/admin/v1/catalog/import', {
      token: TOKEN,
      rawBody: `barcode,name,price\n${MILK},Milk,12.90\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await sql?.end();
    await hq?.close();
    await cluster?.stop();
  });

  it('runs colliding price changes and product edits again: none answers 500, and the data add up', async () => {
    // A new session of HQ's gets the database's setting: the writes below run SERIALIZABLE.
    const probe = new pg.Client({ connectionString: cluster.url });
    await probe.connect();
    onTestFinished(() => probe.end());
    expect((await probe.query('SHOW transaction_isolation')).rows[0].transaction_isolation).toBe(
      'serializable',
    );
    const versionBefore = await catalogVersion();

    await sql.query('BEGIN');
    // Changed but not moved: the writes find the rows changed since they began, yet the version stays.
    await sql.query('UPDATE price_change_version SET version = version WHERE id = 1');
    await sql.query('UPDATE catalog_version SET version = version WHERE id = 1');
    const future = (day: number) => new Date(Date.UTC(2031, 0, day, 6)).toISOString();
    const asked: Promise<HqReply>[] = [
      ...Array.from({ length: PRICE_CHANGES }, (_, i) =>
        call(hq.url, 'POST', `/admin/v1/products/${MILK}/price-changes`, {
          token: TOKEN,
          body: { price: `${10 + i}.50`, effectiveAt: future(i + 1) },
        }),
      ),
      ...Array.from({ length: EDITS }, (_, i) =>
        call(hq.url, 'PATCH', `/admin/v1/products/${MILK}`, { token: TOKEN, body: { name: `Milk ${i}` } }),
      ),
    ];
    // Every write has begun and waits on the held rows before they are let go.
    await expect
      .poll(
        async () =>
          // Not from the holding session: a transaction sees the activity view as of its first look.
          (
            await probe.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
            )
          ).rows[0]!.n,
        { timeout: 10_000 },
      )
      .toBe(PRICE_CHANGES + EDITS);
    await sql.query('COMMIT');
    const answers = await Promise.all(asked);

    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).not.toBe(500);
      if (answer.status >= 300)
        expect(answer).toMatchObject({ status: 503, body: { error: { code: 'retry_later' } } });
    }
    const scheduled = answers.slice(0, PRICE_CHANGES).filter((a) => a.status === 201);
    const edited = answers.slice(PRICE_CHANGES).filter((a) => a.status === 200);
    // Each collided once at least; the adapter ran them again until they went through one by one.
    expect(scheduled.length).toBeGreaterThan(0);
    expect(edited.length).toBeGreaterThan(0);

    // Done once each: one price change, one audit entry and one catalog version per write that succeeded.
    const { rows: changes } = await sql.query<{ id: string; price: number }>(
      'SELECT id, price FROM price_changes WHERE gtin = $1',
      [MILK],
    );
    expect(changes.map((c) => Number(c.id)).sort()).toEqual(
      scheduled.map((a) => a.body.change.id as number).sort(),
    );
    const { rows: audit } = await sql.query<{ action: string; n: number }>(
      "SELECT action, count(*)::int AS n FROM office_audit WHERE action IN ('price_change.schedule', 'product.update') GROUP BY action ORDER BY action",
    );
    expect(audit).toEqual(
      [
        { action: 'price_change.schedule', n: scheduled.length },
        { action: 'product.update', n: edited.length },
      ].filter((row) => row.n > 0),
    );
    expect(await catalogVersion()).toBe(versionBefore + scheduled.length + edited.length);
    const { rows: product } = await sql.query<{ name: string }>('SELECT name FROM products WHERE gtin = $1', [
      MILK,
    ]);
    const lastEdit = edited.map((a) => a.body.product.name as string);
    expect(lastEdit).toContain(product[0]!.name);
  });

  async function catalogVersion(): Promise<number> {
    const { rows } = await sql.query<{ version: string }>('SELECT version FROM catalog_version WHERE id = 1');
    return Number(rows[0]!.version);
  }
});
