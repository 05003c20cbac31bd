// HQ migration 0022 on a database that ran the previous release (PGlite, then PostgreSQL): the sales
// already stored are rolled up once, by UTC day (every store's zone until one is set), by department
// from the catalog and by tender, as ingest rolls up the sales that come after it.
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { loadMigrations, migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { BACKENDS, startBackend, type TestBackend } from '../helpers/postgres';
import { RICE, SOAP, TEA, counterSale } from '../helpers/refund-hq';

const STORE = '0190a5b2-0000-7000-8000-00000000000a';
const DEVICE = '0190a5b2-0000-7000-8000-00000000000b';

describe.each(BACKENDS)('HQ migration 0022_sales_reports on %s', (kind) => {
  let own: TestBackend | undefined;
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    await own?.stop();
  });

  it('rolls up the sales held before it, by UTC day, department and tender', async () => {
    own = await startBackend(kind);
    db = own.databaseUrl ? await openPostgres(own.databaseUrl) : await openPglite(own.dataDir!);
    const all = loadMigrations();
    expect(all[21]).toMatchObject({ version: 22, name: 'sales_reports' });
    await migrate(db, all.slice(0, 21));
    await db.query(`INSERT INTO stores (id, code) VALUES ($1, 'S001')`, [STORE]);
    for (const [gtin, department] of [
      [TEA, 'Drinks'],
      [RICE, 'Grocery'],
      [SOAP, null],
    ])
      await db.query(
        `INSERT INTO products (gtin, barcode, name, currency, price, tax_rate_bp, unit, version, department)
         VALUES ($1, $1, 'x', 'CNY', 100, 0, 'each', 1, $2)`,
        [gtin, department],
      );
    const sales = [
      counterSale('S001', 'C01', new Date('2026-03-01T23:30:00Z')),
      counterSale('S001', 'C01', new Date('2026-03-02T00:30:00Z'), { training: true }),
    ];
    for (const { event } of sales) {
      const p = event.payload;
      await db.query(
        `INSERT INTO events (store_id, id, device_id, type, payload, occurred_at, received_at)
         VALUES ($1, $2, $3, 'sale.completed', $4::json, $5, now())`,
        [STORE, event.id, DEVICE, JSON.stringify(p), event.occurredAt],
      );
      await db.query(
        `INSERT INTO sales (store_id, id, event_id, device_id, receipt_number, terminal_id, currency, total,
           tax_total, sold_at, received_at, training) VALUES ($1, $2, $3, $4, $5, 'C01', 'CNY', $6, $7, $8, now(), $9)`,
        [STORE, p.id, event.id, DEVICE, p.receiptNumber, p.total, p.taxTotal, p.soldAt, p.training === true],
      );
    }
    expect(await migrate(db, all.slice(0, 22))).toBe(22);

    const rows = async (sql: string) =>
      (await db!.query<Record<string, unknown>>(sql)).rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
      );
    const paid = (sales[0]!.event.payload.receipt.lines as { paid: number }[]).map((l) => l.paid);
    expect(
      await rows(
        `SELECT day::text AS day, hour, training, sales::int, total::int, lines::int FROM sales_by_hour ORDER BY day`,
      ),
    ).toEqual([
      { day: '2026-03-01', hour: 23, training: false, sales: 1, total: 8000, lines: 3 },
      { day: '2026-03-02', hour: 0, training: true, sales: 1, total: 8000, lines: 3 },
    ]);
    expect(
      await rows(
        `SELECT department, lines::int, amount::int FROM sales_by_department WHERE NOT training ORDER BY department`,
      ),
    ).toEqual([
      { department: '', lines: 1, amount: paid[2] },
      { department: 'Drinks', lines: 1, amount: paid[0] },
      { department: 'Grocery', lines: 1, amount: paid[1] },
    ]);
    expect(
      await rows(
        `SELECT kind, payments::int, amount::int FROM sales_by_tender WHERE NOT training ORDER BY kind`,
      ),
    ).toEqual([
      { kind: 'cash', payments: 1, amount: 3000 },
      { kind: 'wallet_code', payments: 1, amount: 5000 },
    ]);
    expect(await rows(`SELECT time_zone FROM stores`)).toEqual([{ time_zone: 'UTC' }]);
  });
});
