// HQ's database restored from an older backup: the terminal's catalog cursor now points past anything
// HQ has. HQ says so (409 cursor_ahead) instead of answering with empty pages, and the terminal takes a
// fresh snapshot — its catalog ends exactly as HQ's, and the sale it made meanwhile still goes up once.
// Real parts: an HQ server on a PGlite directory backed up and restored by copying it while HQ is
// stopped (PGlite's own files), a terminal data dir, the real sync and the real checkout.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countProducts, findProduct } from '../../db/catalog';
import { syncState } from '../../db/sync';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { basketHandlers } from '../../services/checkout/basket-handlers';
import { createCheckoutContext } from '../../services/checkout/context';
import { createPaymentFlow } from '../../services/checkout/payment-flow';
import { createEventHub } from '../../services/events';
import { createSimulatorProvider } from '../../services/payments/simulator/provider';
import type { PaymentSimulator } from '../../services/payments/simulator/server';
import { openTerminalStore } from '../../services/store';
import { syncDataDir } from '../helpers/sync-data-dir';
import { enrolTerminal } from '../../services/sync';
import { PRODUCTS, WALLET, startSimulator } from '../helpers/checkout';
import { startBackend, type TestBackend } from '../helpers/postgres';

const { milk, bread, gum } = PRODUCTS;
const csv = (products: (typeof milk)[]) =>
  [
    'barcode,name,price,tax_rate,unit,age_limit,department',
    ...products.map(
      (p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},${p.taxRateBp / 100},each,,Test`,
    ),
  ].join('\n');

describe('HQ restored from an older backup', () => {
  let backend: TestBackend;
  let server: RunningServer;
  let sim: PaymentSimulator;
  let root: string;
  let data: string;
  let port: number;

  const sync = () => syncDataDir(data);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'openlane-restore-'));
    data = join(root, 'terminal');
    backend = await startBackend('pglite');
    sim = await startSimulator();
    server = await startServer({ port: 0, dataDir: backend.dataDir });
    port = Number(new URL(server.url).port);
    openTerminalStore(data).db.close();
    const settingsPath = join(data, 'settings.json');
    const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as object;
    writeFileSync(
      settingsPath,
      JSON.stringify({ ...settings, payment: { provider: 'simulator', url: sim.url, port: 0 } }),
    );
    const { code } = await createEnrolmentCode(server.db, 'S001');
    await enrolTerminal({ dataDir: data, serverUrl: server.url, code, terminalName: 'K01' });
  });

  afterAll(async () => {
    await server?.close();
    await sim?.close();
    await backend?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('takes a fresh snapshot, ends with exactly HQ’s catalog, and still sends its sale once', async () => {
    expect((await importCatalogCsv(server.db, csv([milk, bread]), { currency: 'CNY' })).ok).toBe(true);
    // The nightly backup: HQ stopped, its data directory copied.
    await server.close();
    const backup = join(root, 'backup');
    cpSync(backend.dataDir!, backup, { recursive: true });
    server = await startServer({ port, dataDir: backend.dataDir });

    // After the backup: gum is added and bread's price changes; the terminal syncs them.
    const dearBread = { ...bread, price: bread.price + 100 };
    expect((await importCatalogCsv(server.db, csv([dearBread, gum]), { currency: 'CNY' })).ok).toBe(true);
    await sync();
    const before = openTerminalStore(data);
    const aheadCursor = syncState(before.db).catalogCursor;
    expect(countProducts(before.db)).toBe(3);

    // A sale while HQ is being restored: it waits in the outbox.
    const ctx = createCheckoutContext(before.db, before.settings, createEventHub());
    const flow = createPaymentFlow(ctx, createSimulatorProvider({ baseUrl: sim.url }), 'simulator');
    const basket = basketHandlers(ctx, () => [], flow.payByCode);
    expect((await basket['basket.addScan']({ code: gum.barcode, source: 'keypad' })).ok).toBe(true);
    const paid = await basket['basket.addScan']({ code: WALLET.pays, source: 'keypad' });
    expect(paid.ok && paid.value.status).toBe('paid');
    flow.close();
    before.db.close();

    // HQ's disk dies; it is restored from the backup, which knows neither gum nor the new price.
    await server.close();
    rmSync(backend.dataDir!, { recursive: true, force: true });
    cpSync(backup, backend.dataDir!, { recursive: true });
    server = await startServer({ port, dataDir: backend.dataDir });

    const result = await sync();
    expect(result.warnings.join('\n')).toMatch(/older catalog than this terminal.*fresh snapshot/);
    const after = openTerminalStore(data);
    try {
      expect(countProducts(after.db)).toBe(2);
      expect(findProduct(after.db, gum.gtin)).toBeNull();
      expect(findProduct(after.db, bread.gtin)?.price).toBe(bread.price);
      expect(syncState(after.db).catalogCursor).not.toBe(aheadCursor);
    } finally {
      after.db.close();
    }
    const { rows } = await server.db.query<{ n: unknown }>('SELECT count(*) AS n FROM sales');
    expect(Number(rows[0]!.n)).toBe(1);

    // The next sync is an ordinary one: no second snapshot.
    const again = await sync();
    expect(again.warnings).toEqual([]);
  });
});
