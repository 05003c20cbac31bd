// Effective-dated prices end to end on real parts: a real HQ on PGlite over HTTP, a price change
// imported there, synced to a running terminal (startTerminal, real SQLite), HQ then gone — the lane is
// offline — and the terminal's clock moved past the change's time: a scan is priced at the new price
// from then on, at the old one before, and a line already in the basket keeps the price it was scanned at.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datedPriceAt } from '../../db/price-changes';
import { openDatabase } from '../../db/open';
import {
  createEnrolmentCode,
  importCatalogCsv,
  importPriceCsv,
  startServer,
  type RunningServer,
} from '../../server';
import { serverCommand } from '../../cli/commands/server';
import { openTerminalStore } from '../../services/store';
import { createHqClient, enrolTerminal } from '../../services/sync';
import { loadMigrations, migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { startTerminal } from '../../services/terminal';
import { PRODUCTS, UNKNOWN_EAN } from '../helpers/checkout';
import { value } from '../helpers/cli';
import { startBackend, type TestBackend } from '../helpers/postgres';

const { milk, bread } = PRODUCTS;
const CSV = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  ...[milk, bread].map(
    (p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},${p.taxRateBp / 100},each,,Test`,
  ),
].join('\n');
const WAIT = { timeout: 15_000, interval: 50 };

let backend: TestBackend;
let server: RunningServer;
const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `openlane-${name}-`));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  backend = await startBackend('pglite');
  server = await startServer({ port: 0, dataDir: backend.dataDir, catalogPollMs: 100 });
  expect((await importCatalogCsv(server.db, CSV, { currency: 'CNY' })).ok).toBe(true);
});

afterAll(async () => {
  await server?.close();
  await backend?.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A time on the hour, some hours from now (HQ takes only changes still to come, by its own clock). */
const hoursAhead = (hours: number) =>
  new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + hours * 3_600_000);

describe('a price change imported at HQ', () => {
  it('reaches the terminal ahead of time and applies at its moment on an offline lane', async () => {
    const effective = hoursAhead(2);
    const { code } = await createEnrolmentCode(server.db, 'S001'); // HQ knows store S001 from here on
    const imported = await importPriceCsv(
      server.db,
      `barcode,price,effective_at,store\n${milk.barcode},11.90,${effective.toISOString()},\n${bread.barcode},7.00,${effective.toISOString()},S009\n`,
    ).catch((e: unknown) => e);
    // S009 is no store of HQ's: the whole file is refused.
    expect(imported).toMatchObject({ ok: false, errors: [{ line: 3, message: 'there is no store "S009"' }] });
    expect(
      await importPriceCsv(
        server.db,
        `barcode,price,effective_at,store\n${milk.barcode},11.90,${effective.toISOString()},\n${bread.barcode},7.00,${effective.toISOString()},S001\n`,
      ),
    ).toMatchObject({ ok: true, rows: 2 });

    const dir = tempDir('dated-prices');
    openTerminalStore(dir).db.close();
    await enrolTerminal({ dataDir: dir, serverUrl: server.url, code, terminalName: 'K01' });
    let now = new Date(effective.getTime() - 60_000);
    const terminal = await startTerminal({ dataDir: dir, clock: () => now, sync: { intervalMs: 60_000 } });
    try {
      // The sync brought both changes (the chain's milk, store S001's bread) before they take effect.
      const reader = openDatabase(join(dir, 'openlane.db'), { skipMigrations: true });
      try {
        await expect
          .poll(() => datedPriceAt(reader, bread.gtin, effective.getTime())?.price ?? null, WAIT)
          .toBe(700);
        expect(datedPriceAt(reader, milk.gtin, effective.getTime())).toEqual({
          price: 1190,
          effectiveAt: effective.getTime(),
        });
      } finally {
        reader.close();
      }
      await server.close(); // HQ is gone: the lane is offline from here on
      const scan = async () =>
        value(await terminal.api['basket.addScan']({ code: milk.barcode, source: 'keypad' }));
      expect((await scan()).lines.map((l) => l.unitPrice)).toEqual([1290]);
      now = effective; // 06:00 on the lane
      const after = await scan();
      expect(after.lines.map((l) => [l.unitPrice, l.quantity])).toEqual([
        [1290, 1],
        [1190, 1],
      ]);
      // The lane notices HQ is gone as its stream drops (a loaded machine may take a moment).
      await expect
        .poll(async () => value(await terminal.api['sync.status']({})).sync.online, WAIT)
        .toBe(false);
    } finally {
      await terminal.close();
      server = await startServer({ port: 0, dataDir: backend.dataDir, catalogPollMs: 100 });
    }
  });

  it('refuses a bad file whole, naming every bad row, and changes nothing', async () => {
    const before = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM price_changes');
    const future = hoursAhead(30).toISOString();
    const result = await importPriceCsv(
      server.db,
      [
        'barcode,price,effective_at',
        `${milk.barcode},9.90,${future}`,
        `${milk.barcode},9.90,2020-01-01T06:00:00Z`,
        `${milk.barcode},9.90,tomorrow at six`,
        `${milk.barcode},9.90,2030-01-01T06:00:00`,
        `${UNKNOWN_EAN},9.90,${future}`,
        `${bread.barcode},-1,${future}`,
        `${milk.barcode},9.95,${future}`,
        `${bread.barcode},"unclosed,${future}`,
      ].join('\n'),
    );
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.errors.map((e) => `${e.line}: ${e.message}`);
    expect(messages).toEqual([
      '3: effective_at "2020-01-01T06:00:00Z" has passed: a price change must take effect in the future',
      '4: effective_at "tomorrow at six" is not a time like 2026-12-08T06:00:00+08:00',
      '5: effective_at "2030-01-01T06:00:00" is not a time like 2026-12-08T06:00:00+08:00',
      `6: barcode "${UNKNOWN_EAN}" is not in the chain catalog`,
      '7: price "-1" is not an amount like 12.50 in CNY',
      '8: the same change as line 2',
      '9: a quoted field opened on line 9 is never closed',
    ]);
    const after = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM price_changes');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('is imported by `openlane server price import`, which refuses a bad file and says nothing changed', async () => {
    const dir = tempDir('hq-cli');
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const logged: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = (...args: unknown[]) => logged.push(args.join(' '));
    console.error = (...args: unknown[]) => logged.push(args.join(' '));
    try {
      const data = join(dir, 'hq');
      expect(await serverCommand(['catalog', 'import', file('catalog.csv', CSV), '--data', data])).toBe(0);
      const bad = file('bad.csv', `barcode,price\n${milk.barcode},9.90\n`);
      expect(await serverCommand(['price', 'import', bad, '--data', data])).toBe(1);
      expect(logged.join('\n')).toMatch(
        /bad\.csv was refused; nothing was changed[\s\S]*effective_at missing/,
      );
      const good = file(
        'good.csv',
        `barcode,price,effective_at\n${milk.barcode},9.90,${hoursAhead(5).toISOString()}\n`,
      );
      expect(await serverCommand(['price', 'import', good, '--data', data])).toBe(0);
      expect(logged.at(-1)).toBe('Imported 1 price changes (price version 1).');
    } finally {
      console.log = log;
      console.error = error;
    }
  });

  it('answers hostile requests to GET /v1/prices with a clear error and nothing else', async () => {
    const dir = tempDir('prices-route');
    const { code } = await createEnrolmentCode(server.db, 'S001');
    const credentials = await enrolTerminal({
      dataDir: dir,
      serverUrl: server.url,
      code,
      terminalName: 'K02',
    });
    const client = createHqClient(credentials);
    const get = async (query: string) => {
      const response = await client.request!(`/v1/prices${query}`, { method: 'GET' });
      return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
    };
    expect((await fetch(`${server.url}/v1/prices`)).status).toBe(401);
    expect(await get('?after=abc')).toMatchObject({ status: 400, body: { error: { code: 'bad_cursor' } } });
    expect(await get('?after=1:2:3')).toMatchObject({ status: 400, body: { error: { code: 'bad_cursor' } } });
    expect(await get('?limit=0')).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect(await get('?limit=99999999999')).toMatchObject({ status: 400 });
    expect(await get('?store=S002')).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect(await get('?after=999999:1')).toMatchObject({
      status: 409,
      body: { error: { code: 'cursor_ahead' } },
    });
    const page = await get('?after=0&limit=1');
    expect(page).toMatchObject({ status: 200, body: { ok: true, more: true } });
  });

  it('migration 0015 adds price changes to an HQ at 14, one change per item, moment and scope', async () => {
    const own = await startBackend('pglite');
    const db = await openPglite(own.dataDir!);
    try {
      const all = loadMigrations();
      expect(all[14]).toMatchObject({ version: 15, name: 'price_changes' });
      await migrate(db, all.slice(0, 14));
      // The product as an HQ at 14 holds it (today's catalog import writes columns of later migrations).
      await db.query(
        `INSERT INTO products (gtin, barcode, name, currency, price, tax_rate_bp, unit, version)
         VALUES ($1, $2, $3, 'CNY', $4, $5, 'each', 1)`,
        [milk.gtin, milk.barcode, milk.name, milk.price, milk.taxRateBp],
      );
      expect(await migrate(db, all.slice(0, 15))).toBe(15);
      let id = 0;
      const insert = (price: number) =>
        db.query(
          `INSERT INTO price_changes (id, store_id, gtin, price, effective_at, version) VALUES ($4, NULL, $1, $2, $3, 1)`,
          [milk.gtin, price, '2030-01-01T06:00:00Z', ++id],
        );
      await insert(990);
      await expect(insert(980)).rejects.toThrow(/price_changes_once/);
      await expect(insert(-1)).rejects.toThrow(/price_changes_price_check/);
    } finally {
      await db.close();
      await own.stop();
    }
  });
});
