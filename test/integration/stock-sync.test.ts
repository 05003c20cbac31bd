// Store staff record stock on two terminals with no network — deliveries, a shelf count, a correction,
// a transfer — through the real `openlane stock` command on real data dirs; then both sync with a real
// HQ (PGlite, then PostgreSQL) over HTTP, and HQ's stock ledger holds every movement once, merged.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stockCommand } from '../../cli/commands/stock';
import { syncCommand } from '../../cli/commands/sync';
import { outboxStats } from '../../db/outbox';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { openTerminalStore } from '../../services/store';
import { enrolTerminal } from '../../services/sync';
import { PRODUCTS } from '../helpers/checkout';
import { BACKENDS, startBackend, type TestBackend } from '../helpers/postgres';

const { milk, bread, apples } = PRODUCTS;
const CSV = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  ...[milk, bread, apples].map(
    (p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},${p.taxRateBp / 100},${p.unit},,Test`,
  ),
].join('\n');

describe.each(BACKENDS)('stock recorded offline on terminals, merged at HQ on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let dir: string;
  const output: string[] = [];

  /** Runs `openlane stock …` as the command line does, keeping what it printed. */
  const stock = async (terminal: string, ...args: string[]) => {
    output.length = 0;
    const keep = (text: string) => void output.push(text);
    vi.spyOn(console, 'log').mockImplementation(keep);
    vi.spyOn(console, 'error').mockImplementation(keep);
    try {
      return await stockCommand([...args, '--data', join(dir, terminal)]);
    } finally {
      vi.restoreAllMocks();
    }
  };
  const sync = async (terminal: string) => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await syncCommand(['--data', join(dir, terminal)])).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
  };
  const file = (name: string, rows: [string, string][]) => {
    const path = join(dir, name);
    writeFileSync(path, ['barcode,quantity', ...rows.map((r) => r.join(','))].join('\n'));
    return path;
  };
  const onHand = async (gtin: string) => {
    const { rows } = await server.db.query<{ on_hand: unknown }>(
      `SELECT l.on_hand FROM stock_levels l JOIN stores s ON s.id = l.store_id WHERE s.code = 'S001' AND l.gtin = $1`,
      [gtin],
    );
    return rows.length ? Number(rows[0]!.on_hand) : 0;
  };
  const pending = (terminal: string) => {
    const store = openTerminalStore(join(dir, terminal));
    try {
      return outboxStats(store.db).pending;
    } finally {
      store.db.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-stock-'));
    backend = await startBackend(kind);
    server = await startServer({ port: 0, dataDir: backend.dataDir, databaseUrl: backend.databaseUrl });
    expect((await importCatalogCsv(server.db, CSV, { currency: 'CNY' })).ok).toBe(true);
    for (const terminal of ['K01', 'K02']) {
      const data = join(dir, terminal);
      openTerminalStore(data).db.close(); // writes the default settings.json
      const settingsPath = join(data, 'settings.json');
      const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as object;
      writeFileSync(settingsPath, JSON.stringify({ ...settings, terminalId: terminal }));
      const { code } = await createEnrolmentCode(server.db, 'S001');
      await enrolTerminal({ dataDir: data, serverUrl: server.url, code, terminalName: terminal });
      await sync(terminal); // the catalog comes down; then the network goes
    }
  });

  afterAll(async () => {
    await server?.close();
    await backend?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('two deliveries on two terminals, both sent later: HQ holds the sum, kilograms as grams', async () => {
    const note = file('delivery-1.csv', [
      [milk.barcode, '24'],
      [bread.barcode, '10'],
      [apples.barcode, '12.5'],
    ]);
    expect(await stock('K01', 'receive', note, '--reference', 'DN-20261201-7')).toBe(0);
    expect(output.join('\n')).toMatch(/Recorded a delivery of 3 products .*next sync/);
    expect(await stock('K02', 'receive', file('delivery-2.csv', [[milk.barcode, '12']]))).toBe(0);
    expect(pending('K01')).toBe(1);

    await sync('K01');
    await sync('K02');
    expect(await onHand(milk.gtin)).toBe(36);
    expect(await onHand(bread.gtin)).toBe(10);
    expect(await onHand(apples.gtin)).toBe(12_500);
    expect(pending('K01')).toBe(0);
  });

  it('a shelf count becomes the adjustment that makes HQ agree; a correction and a transfer move it on', async () => {
    expect(await stock('K01', 'count', file('count.csv', [[milk.barcode, '30']]))).toBe(0);
    expect(
      await stock('K02', 'adjust', file('broken.csv', [[bread.barcode, '-1']]), '--reason', 'broken'),
    ).toBe(0);
    expect(await stock('K02', 'transfer', file('to-s002.csv', [[bread.barcode, '4']]), '--to', 'S002')).toBe(
      0,
    );
    await sync('K01');
    await sync('K02');

    expect(await onHand(milk.gtin)).toBe(30);
    expect(await onHand(bread.gtin)).toBe(5);
    const { rows } = await server.db.query<{ kind: string; quantity: unknown; counted: unknown }>(
      'SELECT kind, quantity, counted FROM stock_movements WHERE gtin = $1 ORDER BY received_at, line_no',
      [milk.gtin],
    );
    // The ledger keeps every movement; the count's is the difference, with what was counted beside it.
    expect(
      rows.map((r) => [r.kind, Number(r.quantity), r.counted === null ? null : Number(r.counted)]),
    ).toEqual([
      ['delivery', 24, null],
      ['delivery', 12, null],
      ['adjustment', -6, 30],
    ]);
  });

  it('a file with bad rows is refused whole, every row named, and nothing waits to be sent', async () => {
    const bad = file('bad.csv', [
      [milk.barcode, '3'],
      ['6900000000038', '1'],
      [bread.barcode, '1.5'],
    ]);
    expect(await stock('K01', 'receive', bad)).toBe(1);
    expect(output.join('\n')).toMatch(/refused; nothing was recorded/);
    expect(output.join('\n')).toMatch(/line 3: barcode 6900000000038 is not in this store's catalog/);
    expect(output.join('\n')).toMatch(/line 4: quantity "1.5" must be whole pieces/);
    expect(pending('K01')).toBe(0);
    await expect(stock('K01', 'adjust', bad)).rejects.toThrow(/stock adjust needs --reason/);
    await expect(stock('K01', 'transfer', bad)).rejects.toThrow(/exactly one of --to STORE or --from STORE/);
    await expect(stock('K01', 'count', bad, '--reason', 'x')).rejects.toThrow(
      /--reason does not go with "stock count"/,
    );
  });
});
