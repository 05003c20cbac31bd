// Training sales at HQ, on PGlite and on PostgreSQL: migration 0008 adds the flag (old sales stay real),
// a terminal in training mode (its payments go to the built-in simulator) sends its sales flagged, and
// HQ keeps them but counts them nowhere: they move no stock, by either of its write paths.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReceiptNumber } from '../../core/receipt';
import { saleEvent, type SalePayload } from '../../core/sync';
import { uuidv7 } from '../../core/uuid7';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import type { Database } from '../../server';
import { loadMigrations, migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import type { ApiResult } from '../../services/api/contract';
import { openTerminalStore } from '../../services/store';
import { enrolTerminal } from '../../services/sync';
import { startTerminal } from '../../services/terminal';
import { PRODUCTS, WALLET } from '../helpers/checkout';
import { BACKENDS, call, enrolDevice, startBackend, type TestBackend } from '../helpers/postgres';

const { milk } = PRODUCTS;
const CSV = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  `${milk.barcode},${milk.name},${(milk.price / 100).toFixed(2)},${milk.taxRateBp / 100},each,,Test`,
].join('\n');

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe.each(BACKENDS)('training sales at HQ on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  const dirs: string[] = [];

  const rows = async (sql: string, params: unknown[] = []) =>
    (await server.db.query<Record<string, unknown>>(sql, params)).rows;
  const onHand = async (gtin: string) =>
    Number((await rows('SELECT on_hand FROM stock_levels WHERE gtin = $1', [gtin]))[0]?.on_hand ?? 0);

  beforeAll(async () => {
    backend = await startBackend(kind);
    server = await startServer({ port: 0, dataDir: backend.dataDir, databaseUrl: backend.databaseUrl });
    expect((await importCatalogCsv(server.db, CSV, { currency: 'CNY' })).ok).toBe(true);
  });

  afterAll(async () => {
    await server?.close();
    await backend?.stop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('migration 0008 adds the flag: sales stored before it stay real, new ones may be training', async () => {
    // A database of its own, migrated to 0007 first, as an HQ that ran the previous release.
    const own = await startBackend(kind);
    const db: Database = own.databaseUrl
      ? await openPostgres(own.databaseUrl)
      : await openPglite(own.dataDir!);
    try {
      const all = loadMigrations();
      expect(all[7]).toMatchObject({ version: 8, name: 'training' });
      await migrate(db, all.slice(0, 7));
      const insert = (columns: string, values: string) =>
        db.query(
          `INSERT INTO sales (store_id, id, event_id, device_id, receipt_number, terminal_id, currency, total,
             tax_total, sold_at, received_at${columns})
           VALUES ($1, $2, $3, $4, $5, 'K01', 'CNY', 1290, 106, now(), now()${values})`,
          [randomUUID(), randomUUID(), randomUUID(), randomUUID(), `S001-K01-${randomUUID().slice(0, 6)}`],
        );
      await insert('', '');
      expect(await migrate(db, all.slice(0, 8))).toBe(8);
      await insert(', training', ', true');
      const { rows: stored } = await db.query<{ training: boolean }>(
        'SELECT training FROM sales ORDER BY sold_at, training',
      );
      expect(stored.map((r) => r.training)).toEqual([false, true]);
    } finally {
      await db.close();
      await own.stop();
    }
  });

  it('stores a training terminal’s sale flagged, and its milk never leaves HQ’s stock; a real one does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openlane-training-'));
    dirs.push(dir);
    openTerminalStore(dir).db.close();
    const { code } = await createEnrolmentCode(server.db, 'S001');
    await enrolTerminal({ dataDir: dir, serverUrl: server.url, code, terminalName: 'K01' });
    // The default settings: the built-in payment simulator, so the terminal is in training mode.
    const terminal = await startTerminal({ dataDir: dir, sync: { intervalMs: 60_000, backoffMs: 200 } });
    let sent: { payload: SalePayload } | undefined;
    try {
      expect(value(await terminal.api['settings.get']({})).training).toBe(true);
      // The catalog arrives first: the milk is sold once HQ's catalog has it.
      await expect
        .poll(async () => (await terminal.api['basket.addScan']({ code: milk.barcode, source: 'keypad' })).ok)
        .toBe(true);
      const paid = value(await terminal.api['basket.addScan']({ code: WALLET.pays, source: 'keypad' }));
      expect(paid.status).toBe('paid');
      value(await terminal.api['sync.now']({}));
      await expect
        .poll(async () => (await rows('SELECT training FROM sales')).map((r) => r.training))
        .toEqual([true]);
      // The event as the terminal sent it (whether the loop or sync.now took it up).
      const { db } = openTerminalStore(dir);
      try {
        const row = db.prepare("SELECT payload FROM outbox WHERE type = 'sale.completed'").get() as {
          payload: string;
        };
        sent = { payload: JSON.parse(row.payload) as SalePayload };
      } finally {
        db.close();
      }
    } finally {
      await terminal.close();
    }
    expect(sent?.payload).toMatchObject({ training: true, receipt: { training: true } });
    expect(await rows("SELECT count(*)::int AS n FROM stock_movements WHERE kind = 'sale'")).toEqual([
      { n: 0 },
    ]);
    expect(await onHand(milk.gtin)).toBe(0);

    // The same sale as a real terminal would send it moves the stock: the flag alone made the difference.
    const device = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S001'), 'K02');
    const real = resale(sent!.payload, 'K02', false);
    const reply = await call(server.url, 'POST', '/v1/events', {
      token: device.token,
      body: { events: [real] },
    });
    expect(reply.body.results).toEqual([expect.objectContaining({ status: 'applied' })]);
    expect(await onHand(milk.gtin)).toBe(-1);

    // Event by event (a batch whose bulk write fails on a reused receipt number): still flagged, still no stock.
    const training = resale(sent!.payload, 'K02', true);
    const clash = resale(sent!.payload, 'K02', false);
    clash.payload.receiptNumber = real.payload.receiptNumber;
    const mixed = await call(server.url, 'POST', '/v1/events', {
      token: device.token,
      body: { events: [training, clash] },
    });
    expect(mixed.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'rejected']);
    const saleId = training.payload.id;
    expect(await rows('SELECT training FROM sales WHERE id = $1', [saleId])).toEqual([{ training: true }]);
    expect(await onHand(milk.gtin)).toBe(-1);
  });
});

let sequence = 100;
/** The terminal's sale sent again as a new sale of `terminalId` (new ids and receipt number), real or training. */
function resale(payload: SalePayload, terminalId: string, training: boolean) {
  const receiptNumber = formatReceiptNumber('S001', terminalId, ++sequence);
  const { training: _was, ...rest } = payload;
  return saleEvent({
    ...rest,
    id: uuidv7(),
    terminalId,
    receiptNumber,
    ...(training ? { training: true } : {}),
  });
}
