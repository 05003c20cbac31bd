// HQ on more than one machine: TWO HQ processes (two startServer, two ports) on ONE real PostgreSQL,
// started at the same moment (both migrate at once), the store's terminals split between them as a load
// balancer without sticky sessions would split them. Every sale is counted exactly once whichever process
// took it, and however often it was sent; a catalog import taken by either process reaches every
// terminal's event stream; dated price changes and refund claims are one truth across both. Nothing a
// terminal relies on is kept in one process's memory: what either process knows, it read from the database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPriceCsv, startServer, type RunningServer } from '../../server';
import { loadMigrations } from '../../server/db/migrate';
import { call, startPostgres, type PostgresCluster, type TestDevice } from '../helpers/postgres';
import { counterSale } from '../helpers/refund-hq';
import { sale } from '../helpers/sale-events';
import { openCatalogStream, type CatalogStreamReader } from '../helpers/catalog-stream';

const ADMIN = 'two-hq-test-admin-token-0123456789';
const TEA = '06900000000014';
const RICE = '06900000000021';
const CATALOG_HEADER = 'barcode,name,price,tax_rate,unit,age_limit,department';

interface Terminal {
  name: string;
  device: TestDevice;
  /** The HQ process its syncs go to (the load balancer's choice for its connection). */
  home: RunningServer;
  /** The other one: where a resend lands when the balancer picks again. */
  away: RunningServer;
}

type Result = { id: string; status: string };

describe('two HQ processes on one PostgreSQL', () => {
  let cluster: PostgresCluster;
  let a: RunningServer;
  let b: RunningServer;
  let terminals: Terminal[];

  /**
   * Enrols a terminal as the balancer would route it: the code made on one process, the enrolment taken
   * by another, the token issued by a third call to either — every step finds what the one before wrote.
   */
  async function enrol(name: string, store: string, codeAt: RunningServer, home: RunningServer) {
    const away = home === a ? b : a;
    const made = await call(codeAt.url, 'POST', '/admin/v1/enrolment-codes', {
      token: ADMIN,
      body: { store },
    });
    expect(made.status).toBe(201);
    const enrolled = await call(home.url, 'POST', '/v1/enrol', {
      body: { code: made.body.code, terminalName: name },
    });
    expect(enrolled.status).toBe(201);
    const { deviceId, secret } = enrolled.body as { deviceId: string; secret: string };
    // The token comes from the other process: the signing key is in the database, not in either process.
    const issued = await call(away.url, 'POST', '/v1/token', { body: { deviceId, secret } });
    expect(issued.status).toBe(200);
    const device: TestDevice = { deviceId, secret, storeCode: store, token: issued.body.token };
    return { name, device, home, away };
  }

  const push = async (to: RunningServer, device: TestDevice, events: unknown[]): Promise<Result[]> => {
    const reply = await call(to.url, 'POST', '/v1/events', { token: device.token, body: { events } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.results as Result[];
  };

  beforeAll(async () => {
    cluster = await startPostgres();
    const options = { port: 0, databaseUrl: cluster.url, adminToken: ADMIN, catalogPollMs: 200 };
    // Both start at once, as servers behind a balancer do after a deploy: both run the migrations.
    // B sits behind a proxy on loopback: the terminal's address comes from X-Forwarded-For.
    [a, b] = await Promise.all([startServer(options), startServer({ ...options, trustProxy: '127.0.0.1' })]);
    terminals = [
      await enrol('C01', 'S001', b, a),
      await enrol('C02', 'S001', a, b),
      await enrol('C03', 'S002', a, a),
      await enrol('C04', 'S002', b, b),
    ];
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await cluster?.stop();
  });

  it('migrated the database once, though both servers started on it at the same moment', async () => {
    const { rows } = await a.db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY 1',
    );
    expect(rows.map((r) => Number(r.version))).toEqual(loadMigrations().map((m) => m.version));
  });

  it('counts every sale exactly once: lost replies resent to the other process, one batch sent to both at once', async () => {
    const expected = new Map<string, { sales: number; total: number; tea: number; rice: number }>();
    for (const t of terminals) {
      const batches = [0, 1, 2].map(() =>
        [1, 2, 3, 4, 5].map((n) =>
          sale(t.device.storeCode, t.name, [
            { gtin: TEA, name: 'Oolong tea', quantity: n, unitPrice: 1000 },
            { gtin: RICE, name: 'Rice 5 kg', quantity: 1, unitPrice: 5990 },
          ]),
        ),
      );
      const [first, lost, raced] = batches as [(typeof batches)[0], (typeof batches)[0], (typeof batches)[0]];
      // A plain sync to its own process.
      expect((await push(t.home, t.device, first)).map((r) => r.status)).toEqual(Array(5).fill('applied'));
      // Applied at home, but the reply never reached the terminal; it resends, and the balancer picks the other.
      await push(t.home, t.device, lost);
      expect((await push(t.away, t.device, lost)).map((r) => r.status)).toEqual(Array(5).fill('duplicate'));
      // The same batch at both processes at once (a retry racing a slow first attempt): each event is
      // applied by exactly one of them, and the other answers duplicate.
      const [atHome, atAway] = await Promise.all([
        push(t.home, t.device, raced),
        push(t.away, t.device, raced),
      ]);
      for (const [i, event] of raced.entries()) {
        expect([atHome[i]!.status, atAway[i]!.status].sort(), event.id).toEqual(['applied', 'duplicate']);
      }
      const sent = [...first, ...lost, ...raced];
      const store = expected.get(t.device.storeCode) ?? { sales: 0, total: 0, tea: 0, rice: 0 };
      store.sales += sent.length;
      store.total += sent.reduce((sum, e) => sum + e.payload.total, 0);
      store.tea += sent.reduce((sum, e) => sum + e.payload.lines[0]!.quantity, 0);
      store.rice += sent.length;
      expected.set(t.device.storeCode, store);
    }

    // HQ's totals are exact, read from the one database...
    const { rows } = await b.db.query<{ code: string; sales: number; total: number; events: number }>(
      `SELECT s.code, count(*)::bigint AS sales, sum(x.total)::bigint AS total,
              (SELECT count(*) FROM events e WHERE e.store_id = s.id)::bigint AS events
       FROM sales x JOIN stores s ON s.id = x.store_id GROUP BY s.id, s.code ORDER BY s.code`,
    );
    expect(rows.map((r) => [r.code, Number(r.sales), Number(r.total), Number(r.events)])).toEqual(
      [...expected].map(([code, e]) => [code, e.sales, e.total, e.sales]),
    );
    // ...and every terminal sees the same stock from whichever process it asks.
    for (const t of terminals) {
      const want = expected.get(t.device.storeCode)!;
      for (const server of [a, b]) {
        const stock = await call(server.url, 'GET', '/v1/stock', { token: t.device.token });
        expect(stock.status).toBe(200);
        const onHand = Object.fromEntries(
          (stock.body.items as { gtin: string; onHand: number }[]).map((i) => [i.gtin, i.onHand]),
        );
        expect(onHand).toEqual({ [TEA]: -want.tea, [RICE]: -want.rice });
      }
    }
  });

  it('announces a catalog import to every terminal’s event stream, whichever process took it', async () => {
    // Each terminal listens on its own process; half of them on A, half on B.
    const streams: CatalogStreamReader[] = [];
    try {
      for (const t of terminals) streams.push(await openCatalogStream(t.home.url, t.device.token));
      const start = Math.max(...(await Promise.all(streams.map((s) => s.nextVersion()))));
      for (const [n, importer] of [a, b].entries()) {
        const csv = `${CATALOG_HEADER}\n${TEA},Oolong tea,${10 + n}.00,13,each,,Drinks\n`;
        const imported = await call(importer.url, 'POST', '/admin/v1/catalog/import', {
          token: ADMIN,
          rawBody: csv,
          headers: { 'content-type': 'text/csv' },
        });
        expect(imported.status, JSON.stringify(imported.body)).toBe(200);
        const version = imported.body.version as number;
        expect(version).toBe(start + n + 1);
        for (const stream of streams) await expect.poll(() => stream.latest()).toBe(version);
        // And the product itself comes down from the process that did not take the import.
        for (const t of terminals) {
          const page = await call(t.away.url, 'GET', `/v1/catalog?after=0`, { token: t.device.token });
          const tea = (page.body.items as { gtin: string; price: number }[]).find((i) => i.gtin === TEA);
          expect(tea?.price).toBe((10 + n) * 100);
        }
      }
    } finally {
      for (const stream of streams) await stream.close();
    }
  });

  it('hands out a dated price change from either process, one page from each, in one order', async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const rice = await call(b.url, 'POST', '/admin/v1/catalog/import', {
      token: ADMIN,
      rawBody: `${CATALOG_HEADER}\n${RICE},Rice 5 kg,59.90,9,each,,Grocery\n${TEA},Oolong tea,10.00,13,each,,Drinks\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(rice.status).toBe(200);
    // `openlane server price import` on a third machine: the same database, neither process.
    const imported = await importPriceCsv(
      a.db,
      `barcode,price,effective_at\n${TEA},9.50,${at}\n${RICE},55.00,${at}\n`,
    );
    expect(imported).toMatchObject({ ok: true, rows: 2 });
    const [c02] = [terminals[1]!];
    const first = await call(a.url, 'GET', '/v1/prices?after=0&limit=1', { token: c02.device.token });
    expect(first.status).toBe(200);
    const rest = await call(b.url, 'GET', `/v1/prices?after=${first.body.nextCursor}`, {
      token: c02.device.token,
    });
    const changes = [...first.body.changes, ...rest.body.changes] as { gtin: string; price: number }[];
    expect(changes.map((c) => [c.gtin, c.price]).sort()).toEqual(
      [
        [TEA, 950],
        [RICE, 5500],
      ].sort(),
    );
    // Both processes hand out the same whole list.
    const fromB = await call(b.url, 'GET', '/v1/prices?after=0', { token: c02.device.token });
    expect(fromB.body.changes).toEqual(changes);
  });

  it('decides refund claims on one sale across both processes: one line given back once', async () => {
    const [c01, c02] = [terminals[0]!, terminals[1]!];
    // Rung up on a till of its own (C11), so its receipt number is no other test's.
    const sold = counterSale('S001', 'C11', new Date());
    expect(await push(c01.home, c01.device, [sold.event])).toEqual([
      { id: sold.event.id, status: 'applied' },
    ]);
    const claim = (t: Terminal, to: RunningServer, refundId: string) =>
      call(to.url, 'POST', '/v1/refund-claims', {
        token: t.device.token,
        body: {
          refundId,
          receiptNumber: sold.receiptNumber,
          terminalId: t.name,
          staffId: 'S07',
          lines: [{ line: 0, quantity: 3 }],
        },
      });
    const [idOne, idTwo] = [randomUUID(), randomUUID()];
    // Two tills claim the whole tea line (3) at the same moment, each through a different process.
    const [one, two] = await Promise.all([claim(c01, a, idOne), claim(c02, b, idTwo)]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const [winner, loser, loserId] = one.status === 200 ? [c01, c02, idTwo] : [c02, c01, idOne];
    const winnerId = winner === c01 ? idOne : idTwo;
    expect((one.status === 409 ? one : two).body.error.code).toBe('refund_exceeds_sale');
    // Both processes show the same sale, the granted claim counted.
    const view = (s: RunningServer) =>
      call(s.url, 'GET', `/v1/sales/${sold.receiptNumber}`, { token: c02.device.token });
    const [atA, atB] = await Promise.all([view(a), view(b)]);
    expect(atA.body).toEqual(atB.body);
    expect(atA.body.lines[0]).toMatchObject({ sold: 3, refundedQuantity: 3 });
    // The shopper walks away: the winning till gives its claim back through the OTHER process, and the
    // other till's claim, asked again through either, is granted.
    const released = await call(winner.away.url, 'DELETE', `/v1/refund-claims/${winnerId}`, {
      token: winner.device.token,
    });
    expect(released.body).toEqual({ ok: true, released: true });
    expect((await claim(loser, loser.away, loserId)).status).toBe(200);
  });

  it('behind a trusted proxy, limits guesses per terminal address (X-Forwarded-For), not per proxy', async () => {
    const guess = (from: string) =>
      call(b.url, 'POST', '/v1/enrol', {
        body: { code: randomUUID().slice(0, 19) },
        headers: { 'x-forwarded-for': from },
      });
    for (let i = 0; i < 10; i++) expect((await guess('10.0.0.1')).status).toBe(401);
    expect((await guess('10.0.0.1')).status).toBe(429);
    // Another terminal behind the same proxy is not locked out by its neighbour's guesses.
    expect((await guess('10.0.0.2')).status).toBe(401);
  });
});
