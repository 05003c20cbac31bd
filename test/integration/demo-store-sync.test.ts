// A terminal that sold from the demo store before it was enrolled: when HQ's first catalog arrives (real
// HQ on PGlite, real `openlane sync`), the demo products go and HQ's stay — a demo GTIN HQ sells itself
// keeps HQ's row — and the sale made from the demo store is kept and still reaches HQ.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { enrolTerminal } from '../../services/sync';
import { startTerminal } from '../../services/terminal';
import { PRODUCTS } from '../helpers/checkout';
import { runOpenlane, sellOn } from '../helpers/cli';
import { startBackend, type TestBackend } from '../helpers/postgres';

const { milk, bread } = PRODUCTS;
const demo = demoProducts().filter((p) => p.unit === 'each' && p.ageLimit === null);
/** Sold from the demo store before enrolment. */
const soldDemo = demo[0]!;
/** A demo GTIN HQ also sells, under its own name and price. */
const sharedDemo = demo[1]!;
const CSV = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  ...[milk, bread].map(
    (p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},${p.taxRateBp / 100},each,,Test`,
  ),
  `${sharedDemo.barcode},HQ house brand,4.20,13,each,,Test`,
].join('\n');

describe("HQ's first catalog on a terminal that sold from the demo store", () => {
  let backend: TestBackend;
  let server: RunningServer;
  let dir: string;
  let receiptNumber: string;
  const products = () => {
    const db = new Database(join(dir, 'openlane.db'), { readonly: true });
    try {
      return db.prepare('SELECT barcode, name FROM products ORDER BY barcode').all() as {
        barcode: string;
        name: string;
      }[];
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    backend = await startBackend('pglite');
    server = await startServer({ port: 0, dataDir: backend.dataDir });
    expect((await importCatalogCsv(server.db, CSV, { currency: 'CNY' })).ok).toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'openlane-demo-sync-'));
    // Standalone first: the demo store, and a sale from it.
    const terminal = await startTerminal({ dataDir: dir });
    try {
      receiptNumber = await sellOn(terminal, [{ code: soldDemo.barcode }]);
    } finally {
      await terminal.close();
    }
    const { code } = await createEnrolmentCode(server.db, 'S001');
    await enrolTerminal({ dataDir: dir, serverUrl: server.url, code, terminalName: 'K01' });
  });

  afterAll(async () => {
    await server?.close();
    await backend?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('removes the demo products, keeps HQ catalog and the sale, and says so', async () => {
    expect(products().length).toBe(demoProducts().length);
    const sync = await runOpenlane(['sync', '--data', dir]);
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stdout).toContain(
      `Removed the ${demoProducts().length - 1} demo store products: this terminal now sells HQ's catalog (its sales are kept).`,
    );
    expect(products()).toEqual(
      [
        { barcode: milk.barcode, name: milk.name },
        { barcode: bread.barcode, name: bread.name },
        { barcode: sharedDemo.barcode, name: 'HQ house brand' },
      ].sort((a, b) => a.barcode.localeCompare(b.barcode)),
    );

    // The sale made from the demo store is whole on the terminal and arrived at HQ.
    const db = new Database(join(dir, 'openlane.db'), { readonly: true });
    try {
      const sale = db
        .prepare('SELECT receipt_json FROM sales WHERE receipt_number = ?')
        .get(receiptNumber) as {
        receipt_json: string;
      };
      expect(JSON.parse(sale.receipt_json).lines).toMatchObject([{ name: soldDemo.name }]);
    } finally {
      db.close();
    }
    const atHq = await server.db.query('SELECT count(*)::int AS n FROM sales WHERE receipt_number = $1', [
      receiptNumber,
    ]);
    expect(atHq.rows[0]).toEqual({ n: 1 });

    // Later syncs leave the catalog alone.
    const again = await runOpenlane(['sync', '--data', dir]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('demo');
    expect(products()).toHaveLength(3);
  });
});
