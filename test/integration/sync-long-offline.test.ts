// The network gone for a long run: 10,000 sales queue up in the outbox while the background sync backs
// off against an HQ that is down; HQ comes back and the loop catches up by itself, every sale once.
// The sales are `sale.completed` payloads shaped as db/sales.ts writes them (test/helpers/sale-events.ts),
// appended through db/outbox.ts in one transaction; making 10,000 through the checkout would take
// minutes and test the checkout, not the queue.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, outboxStats } from '../../db/outbox';
import { createEnrolmentCode, startServer } from '../../server';
import type { RunningServer } from '../../server';
import { openTerminalStore, type TerminalStore } from '../../services/store';
import {
  createHqClient,
  enrolTerminal,
  loadCredentials,
  startSync,
  type SyncEvent,
} from '../../services/sync';
import { PRODUCTS, waitFor } from '../helpers/checkout';
import { startBackend, type TestBackend } from '../helpers/postgres';
import { salePayload } from '../helpers/sale-events';

const SALES = 10_000;
let backend: TestBackend;
let server: RunningServer | null;
let store: TerminalStore;
let dir: string;

beforeAll(async () => {
  backend = await startBackend('pglite');
  server = await startServer({ port: 0, dataDir: backend.dataDir });
  dir = mkdtempSync(join(tmpdir(), 'openlane-offline-'));
  openTerminalStore(dir).db.close();
  const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...settings, terminalId: 'K09' }));
  const { code } = await createEnrolmentCode(server.db, 'S001');
  await enrolTerminal({ dataDir: dir, serverUrl: server.url, code });
  store = openTerminalStore(dir);
});

afterAll(async () => {
  if (store?.db.open) store.db.close();
  await server?.close();
  await backend?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function queueSales(count: number): void {
  const { milk } = PRODUCTS;
  const lines = [{ gtin: milk.gtin, name: milk.name, quantity: 1, unitPrice: milk.price }];
  store.db.transaction(() => {
    for (let sequence = 1; sequence <= count; sequence++) {
      appendEvent(
        store.db,
        'sale.completed',
        salePayload({ store: 'S001', terminal: 'K09', sequence, lines }),
      );
    }
  })();
}

describe('a long run offline', () => {
  it('queues 10,000 sales while HQ is down, then the loop delivers every one exactly once', async () => {
    const port = Number(new URL(server!.url).port);
    await server!.close();
    server = null;
    const events: SyncEvent[] = [];
    const loop = startSync({
      db: store.db,
      client: createHqClient(loadCredentials(dir)!),
      currency: 'CNY',
      intervalMs: 60_000,
      backoffMs: 50,
      maxBackoffMs: 400,
      onEvent: (e) => events.push(e),
    });
    try {
      queueSales(SALES);
      await waitFor(
        'a few failed attempts',
        () => events.filter((e) => e.type === 'failed').length >= 3,
        10_000,
      );
      expect(outboxStats(store.db).pending).toBe(SALES);
      const offline = events.filter((e) => e.type === 'status').at(-1);
      expect(offline).toMatchObject({ status: { sync: { online: false }, outbox: { pending: SALES } } });

      server = await startServer({ port, dataDir: backend.dataDir });
      const started = Date.now();
      await waitFor('the outbox to drain', () => outboxStats(store.db).pending === 0, 50_000);
      console.log(`${SALES} queued sales delivered in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await waitFor('a sync that went through', () => events.some((e) => e.type === 'synced'), 10_000);
    } finally {
      await loop.stop();
    }
    const { rows } = await server.db.query<{ n: unknown; receipts: unknown }>(
      'SELECT count(*) AS n, count(DISTINCT receipt_number) AS receipts FROM sales',
    );
    expect(Number(rows[0]!.n)).toBe(SALES);
    expect(Number(rows[0]!.receipts)).toBe(SALES);
    const { rows: stock } = await server.db.query<{ n: unknown }>(
      'SELECT sum(quantity) AS n FROM stock_movements WHERE gtin = $1',
      [PRODUCTS.milk.gtin],
    );
    expect(Number(stock[0]!.n)).toBe(-SALES);
  });
});
