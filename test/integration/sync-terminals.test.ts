// Terminals and HQ in sync, on real parts: one HQ server (on PGlite, then on real PostgreSQL),
// terminal data dirs opened as `openlane` opens them, sales made through the real checkout (basket handlers, the payment
// flow and the payment simulator over HTTP), and real HTTP between terminal and HQ. Faults: a response
// lost after HQ committed, HQ stopped mid-push and restarted, a poison event, HQ unreachable.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StockPayloads } from '../../core/sync';
import { findProduct } from '../../db/catalog';
import { appendEvent, outboxStats } from '../../db/outbox';
import { deadLetters, syncState } from '../../db/sync';
import { createEnrolmentCode, deleteCatalogEntries, importCatalogCsv, startServer } from '../../server';
import type { RunningServer } from '../../server';
import { basketHandlers } from '../../services/checkout/basket-handlers';
import { createCheckoutContext } from '../../services/checkout/context';
import { createPaymentFlow, type PaymentFlow } from '../../services/checkout/payment-flow';
import { createEventHub } from '../../services/events';
import { createSimulatorProvider } from '../../services/payments/simulator/provider';
import type { PaymentSimulator } from '../../services/payments/simulator/server';
import { openTerminalStore, type TerminalStore } from '../../services/store';
import {
  createHqClient,
  enrolTerminal,
  HqError,
  loadCredentials,
  saveCredentials,
  startSync,
  syncOnce,
  type HqClientOptions,
  type SyncEvent,
} from '../../services/sync';
import { enrolCommand } from '../../cli/commands/enrol';
import { statusCommand } from '../../cli/commands/status';
import { syncCommand } from '../../cli/commands/sync';
import { PRODUCTS, WALLET, startSimulator, waitFor } from '../helpers/checkout';
import { BACKENDS, startBackend, type TestBackend } from '../helpers/postgres';

const { milk, bread, gum } = PRODUCTS;
const CSV = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  ...[milk, bread, gum].map(
    (p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},${p.taxRateBp / 100},each,,Test`,
  ),
].join('\n');

let backend: TestBackend;
let server: RunningServer;
let port: number;
let sim: PaymentSimulator;
const dirs: string[] = [];
const opened: Terminal[] = [];

interface Terminal {
  dir: string;
  store: TerminalStore;
  flow: PaymentFlow;
  basket: ReturnType<typeof basketHandlers>;
  /** Sells these items (each once per entry) and pays with a wallet code that pays at once. */
  sell(items: (typeof milk)[]): Promise<void>;
  sync(options?: HqClientOptions & { batchSize?: number }): ReturnType<typeof syncOnce>;
  close(): void;
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A terminal data dir as `openlane serve` opens it, enrolled with HQ, the catalog not yet pulled. */
async function terminal(terminalId: string): Promise<Terminal> {
  const dir = tempDir(`openlane-sync-${terminalId}-`);
  openTerminalStore(dir).db.close(); // writes the default settings.json
  const settingsPath = join(dir, 'settings.json');
  const { readFileSync, writeFileSync } = await import('node:fs');
  const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(settingsPath, JSON.stringify({ ...settings, terminalId }));
  const { code } = await createEnrolmentCode(server.db, 'S001');
  await enrolTerminal({ dataDir: dir, serverUrl: server.url, code, terminalName: terminalId });
  return openTerminal(dir);
}

function openTerminal(dir: string): Terminal {
  const store = openTerminalStore(dir);
  const ctx = createCheckoutContext(store.db, store.settings, createEventHub());
  const flow = createPaymentFlow(
    ctx,
    createSimulatorProvider({ baseUrl: sim.url, timeoutMs: 2000 }),
    'simulator',
  );
  const basket = basketHandlers(ctx, () => [], flow.payByCode);
  const t: Terminal = {
    dir,
    store,
    flow,
    basket,
    async sell(items) {
      for (const item of items) {
        const added = await basket['basket.addScan']({ code: item.barcode, source: 'keypad' });
        if (!added.ok) throw new Error(`scan ${item.barcode}: ${added.error.message}`);
      }
      const paid = await basket['basket.addScan']({ code: WALLET.pays, source: 'keypad' });
      if (!paid.ok || paid.value.status !== 'paid') throw new Error(`not paid: ${JSON.stringify(paid)}`);
    },
    sync(options = {}) {
      return syncOnce(store.db, createHqClient(loadCredentials(dir)!, options), {
        currency: store.settings.currency,
        batchSize: options.batchSize,
      });
    },
    close() {
      flow.close();
      if (store.db.open) store.db.close();
    },
  };
  opened.push(t);
  return t;
}

const hqCount = async (sql: string, params: unknown[] = []): Promise<number> => {
  const { rows } = await server.db.query<{ n: unknown }>(sql, params);
  return Number(rows[0]!.n);
};
const onHand = async (gtin: string): Promise<number> => {
  const { rows } = await server.db.query<{ n: unknown }>(
    'SELECT coalesce(sum(quantity), 0) AS n FROM stock_movements WHERE gtin = $1',
    [gtin],
  );
  return Number(rows[0]!.n);
};
const localSales = (t: Terminal) =>
  (t.store.db.prepare('SELECT id FROM sales').all() as { id: string }[]).map((r) => r.id);

/** Starts HQ on the same port and data directory, as after a restart. */
async function restartServer(options: { catalogPollMs?: number } = {}) {
  server = await startServer({ port, ...where(), catalogPollMs: options.catalogPollMs ?? 100 });
}

/** The backend's data: a PGlite directory or a PostgreSQL URL. */
const where = () => ({ dataDir: backend.dataDir, databaseUrl: backend.databaseUrl });

// Everything below runs once on PGlite and once on a real PostgreSQL 15, as a store chain would run HQ.
describe.each(BACKENDS)('HQ on %s', (kind) => {
  beforeAll(async () => {
    backend = await startBackend(kind);
    sim = await startSimulator();
    server = await startServer({ port: 0, ...where(), catalogPollMs: 100 });
    port = Number(new URL(server.url).port);
    const imported = await importCatalogCsv(server.db, CSV, { currency: 'CNY' });
    expect(imported.ok).toBe(true);
  });

  afterEach(() => {
    for (const t of opened.splice(0)) t.close();
  });

  afterAll(async () => {
    await server?.close();
    await sim?.close();
    await backend?.stop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  describe('enrolment', () => {
    it('saves the credentials 0600 with the server URL, and a used code is refused', async () => {
      const dir = tempDir('openlane-enrol-');
      const { code } = await createEnrolmentCode(server.db, 'S001');
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        expect(await enrolCommand(['--server', `${server.url}/`, '--code', code, '--data', dir])).toBe(0);
        expect(log.mock.calls.join('\n')).toMatch(
          /Enrolled with http:\/\/127\.0\.0\.1:\d+ as device .* of store S001/,
        );
      } finally {
        log.mockRestore();
      }
      const saved = loadCredentials(dir)!;
      expect(saved).toMatchObject({ serverUrl: server.url, storeCode: 'S001' });
      expect(statSync(join(dir, 'hq.json')).mode & 0o777).toBe(0o600);

      const other = tempDir('openlane-enrol-');
      const refused = enrolTerminal({ dataDir: other, serverUrl: server.url, code });
      await expect(refused).rejects.toThrow(HqError);
      await expect(refused).rejects.toThrow(/already been used/);
      expect(loadCredentials(other)).toBeNull();
      // Enrolling an enrolled terminal again is refused before anything is sent.
      await expect(enrolTerminal({ dataDir: dir, serverUrl: server.url, code })).rejects.toThrow(
        /already enrolled/,
      );
    });
  });

  describe('two terminals selling offline', () => {
    it('pull the catalog, sell offline, sync: HQ holds every sale once and stock is the sum of both', async () => {
      const k1 = await terminal('K01');
      const k2 = await terminal('K02');
      for (const t of [k1, k2]) {
        const first = await t.sync();
        expect(first).toMatchObject({ pulled: 3, deleted: 0, rejected: 0 });
        expect(findProduct(t.store.db, milk.gtin)).toMatchObject({ price: milk.price, name: milk.name });
      }
      const salesBefore = await hqCount('SELECT count(*) AS n FROM sales');
      const [milkBefore, breadBefore, gumBefore] = [
        await onHand(milk.gtin),
        await onHand(bread.gtin),
        await onHand(gum.gtin),
      ];

      // Offline: nothing but SQLite and the payment simulator.
      await k1.sell([milk, milk, bread]);
      await k1.sell([gum]);
      await k2.sell([milk, gum, gum]);
      await k2.sell([bread]);
      await k2.sell([milk]);
      expect(outboxStats(k1.store.db).pending).toBeGreaterThan(0);

      const [s1, s2] = await Promise.all([k1.sync(), k2.sync()]);
      expect(s1).toMatchObject({ rejected: 0, duplicates: 0 });
      expect(s2).toMatchObject({ rejected: 0, duplicates: 0 });
      expect(s1.skewMs).toEqual(expect.any(Number));
      for (const t of [k1, k2]) expect(outboxStats(t.store.db).pending).toBe(0);

      const sold = [...localSales(k1), ...localSales(k2)];
      expect(await hqCount('SELECT count(*) AS n FROM sales')).toBe(salesBefore + 5);
      for (const id of sold)
        expect(await hqCount('SELECT count(*) AS n FROM sales WHERE id = $1', [id])).toBe(1);
      expect(await onHand(milk.gtin)).toBe(milkBefore - 4);
      expect(await onHand(bread.gtin)).toBe(breadBefore - 2);
      expect(await onHand(gum.gtin)).toBe(gumBefore - 3);

      // Syncing again sends nothing and doubles nothing.
      expect(await k1.sync()).toMatchObject({ pushed: 0, duplicates: 0 });
      expect(await hqCount('SELECT count(*) AS n FROM sales')).toBe(salesBefore + 5);
    });
  });

  describe('faults', () => {
    it('a response lost after HQ committed: the resend is answered duplicate, nothing doubles', async () => {
      const t = await terminal('K03');
      await t.sync();
      await t.sell([milk]);
      await t.sell([bread, gum]);
      const pending = outboxStats(t.store.db).pending;
      const salesBefore = await hqCount('SELECT count(*) AS n FROM sales');
      const milkBefore = await onHand(milk.gtin);

      // The request reaches HQ and HQ commits; then the connection drops before the terminal reads the answer.
      const losing: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (String(input).endsWith('/v1/events')) {
          await response.body?.cancel();
          throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
        }
        return response;
      };
      await expect(t.sync({ fetch: losing })).rejects.toThrow(/cannot be reached \(ECONNRESET\)/);
      expect(outboxStats(t.store.db).pending).toBe(pending);
      expect(syncState(t.store.db).lastError).toMatch(/ECONNRESET/);
      expect(await hqCount('SELECT count(*) AS n FROM sales')).toBe(salesBefore + 2);

      const again = await t.sync();
      expect(again).toMatchObject({ pushed: 0, duplicates: pending, rejected: 0 });
      expect(outboxStats(t.store.db).pending).toBe(0);
      expect(await hqCount('SELECT count(*) AS n FROM sales')).toBe(salesBefore + 2);
      expect(await onHand(milk.gtin)).toBe(milkBefore - 1);
    });

    it('HQ stopped mid-push and restarted: the terminal resumes and nothing is lost or doubled', async () => {
      const t = await terminal('K04');
      await t.sync();
      for (let i = 0; i < 6; i++) await t.sell([gum]);
      const pending = outboxStats(t.store.db).pending;
      const salesBefore = await hqCount('SELECT count(*) AS n FROM sales');
      const gumBefore = await onHand(gum.gtin);

      let batches = 0;
      const dying: typeof fetch = async (input, init) => {
        if (String(input).endsWith('/v1/events') && ++batches === 3) await server.close();
        return fetch(input, init);
      };
      await expect(t.sync({ fetch: dying, batchSize: 5 })).rejects.toThrow(/cannot be reached/);
      const left = outboxStats(t.store.db).pending;
      expect(left).toBe(pending - 10);

      await expect(t.sync()).rejects.toThrow(HqError);
      await restartServer();
      const resumed = await t.sync();
      expect(resumed).toMatchObject({ pushed: left, duplicates: 0, rejected: 0 });
      expect(await hqCount('SELECT count(*) AS n FROM sales')).toBe(salesBefore + 6);
      expect(await onHand(gum.gtin)).toBe(gumBefore - 6);
    });

    it('a poison event is rejected into the local dead-letter list without holding back the rest', async () => {
      const t = await terminal('K05');
      await t.sync();
      await t.sell([milk]);
      const poison = t.store.db.transaction(() =>
        appendEvent(t.store.db, 'stock.adjusted', {
          lines: [{ gtin: '123', quantity: 1 }],
          reason: 'found',
        } satisfies StockPayloads['stock.adjusted']),
      )();
      await t.sell([bread]);
      const salesBefore = await hqCount('SELECT count(*) AS n FROM sales');

      const summary = await t.sync({ batchSize: 2 });
      expect(summary.rejected).toBe(1);
      expect(outboxStats(t.store.db).pending).toBe(0);
      expect(await hqCount('SELECT count(*) AS n FROM sales')).toBe(salesBefore + 2);
      expect(deadLetters(t.store.db)).toEqual([
        expect.objectContaining({ eventId: poison, type: 'stock.adjusted', reasonCode: 'bad_payload' }),
      ]);
      expect(deadLetters(t.store.db)[0]!.reason).toMatch(/gtin/);
      expect(await hqCount('SELECT count(*) AS n FROM dead_letters WHERE event_key = $1', [poison])).toBe(1);
    });
  });

  describe('the catalog from HQ', () => {
    it('a price change and a delete reach the terminal; a price in another currency is skipped with a warning', async () => {
      const t = await terminal('K06');
      await t.sync();
      expect(findProduct(t.store.db, gum.gtin)).not.toBeNull();
      const tea = '5901234123457';
      const changed = await importCatalogCsv(
        server.db,
        `barcode,name,price\n${milk.barcode},${milk.name},13.50`,
      );
      expect(changed.ok).toBe(true);
      await importCatalogCsv(server.db, `barcode,name,price\n${tea},Green Tea,4.50`, { currency: 'EUR' });
      await deleteCatalogEntries(server.db, [gum.barcode]);

      const summary = await t.sync();
      expect(summary).toMatchObject({ pulled: 1, deleted: 1, skipped: 1 });
      expect(summary.warnings).toEqual([
        expect.stringMatching(/0*5901234123457 skipped: priced in EUR, .* sells in CNY/),
      ]);
      expect(findProduct(t.store.db, milk.gtin)).toMatchObject({ price: 1350 });
      expect(findProduct(t.store.db, gum.gtin)).toBeNull();
      expect(findProduct(t.store.db, `0${tea}`)).toBeNull();
      expect(syncState(t.store.db).catalogVersion).toBe(summary.catalogVersion);
      expect(summary.catalogVersion).toBeGreaterThan(0);
      // Put the catalog back for any test after this one.
      await importCatalogCsv(server.db, CSV);
    });

    it('the background loop syncs by itself when HQ announces a new catalog version', async () => {
      const t = await terminal('K07');
      const events: SyncEvent[] = [];
      const loop = startSync({
        db: t.store.db,
        client: createHqClient(loadCredentials(t.dir)!),
        currency: 'CNY',
        intervalMs: 60_000,
        onEvent: (e) => events.push(e),
      });
      try {
        await waitFor('the first sync', () => events.some((e) => e.type === 'synced'), 10_000);
        await importCatalogCsv(server.db, `barcode,name,price\n${bread.barcode},${bread.name},9.10`);
        await waitFor('the new price', () => findProduct(t.store.db, bread.gtin)?.price === 910, 10_000);
        const last = events.filter((e) => e.type === 'status').at(-1);
        expect(last).toMatchObject({ status: { sync: { online: true }, outbox: { pending: 0 } } });
        expect(events.some((e) => e.type === 'progress' && e.progress.done)).toBe(true);
      } finally {
        await loop.stop();
      }
    });
  });

  describe('refused by HQ', () => {
    it('a wrong secret: the sync fails saying so, and the events stay queued', async () => {
      const t = await terminal('K10');
      await t.sync();
      await t.sell([milk]);
      const pending = outboxStats(t.store.db).pending;
      const salesBefore = await hqCount('SELECT count(*) AS n FROM sales');
      saveCredentials(t.dir, { ...loadCredentials(t.dir)!, secret: 'not-the-secret' });
      const refused = t.sync();
      await expect(refused).rejects.toMatchObject({ kind: 'refused', status: 401, code: 'bad_credentials' });
      expect(outboxStats(t.store.db).pending).toBe(pending);
      expect(syncState(t.store.db).lastError).toMatch(/device id or secret is wrong/);
      expect(await hqCount('SELECT count(*) AS n FROM sales')).toBe(salesBefore);
    });
  });

  describe('openlane sync and status', () => {
    it('print a summary and the state; sync exits 1 saying HQ cannot be reached', async () => {
      const t = await terminal('K08');
      t.close();
      const out: string[] = [];
      const err: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
      vi.spyOn(console, 'error').mockImplementation((text: string) => void err.push(text));
      try {
        expect(await syncCommand(['--data', t.dir])).toBe(0);
        expect(out.join('\n')).toMatch(/Synced with .* catalog version \d+/);
        out.length = 0;
        expect(await statusCommand(['--data', t.dir])).toBe(0);
        const status = JSON.parse(out.join('\n'));
        expect(status).toMatchObject({
          catalog: { products: 3, version: expect.any(Number) },
          outbox: { pending: 0, oldestAgeSeconds: null },
          sync: { online: true, lastSyncAt: expect.any(String), serverUrl: server.url },
        });

        await server.close();
        err.length = 0;
        expect(await syncCommand(['--data', t.dir])).toBe(1);
        expect(err.join('\n')).toMatch(/HQ cannot be reached.*Nothing was lost/);
        out.length = 0;
        expect(await statusCommand(['--data', t.dir])).toBe(0);
        expect(JSON.parse(out.join('\n'))).toMatchObject({
          sync: { online: false, lastError: expect.stringMatching(/cannot be reached/) },
        });
      } finally {
        vi.restoreAllMocks();
        await restartServer();
      }
    });
  });
});
