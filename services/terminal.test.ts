import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoProducts } from '../core/catalog/demo-store';
import { countProducts, findProduct, upsertProducts } from '../db/catalog';
import { openDatabase } from '../db/open';
import { press, waitFor, WALLET } from '../test/helpers/checkout';
import { CASHIER, seedCounterStaff, STAFF_PINS } from '../test/helpers/staff';
import type { ApiResult, TerminalEvent } from './api/contract';
import { DEFAULT_SETTINGS } from './settings';
import { startTerminal, type Terminal } from './terminal';

const dirs: string[] = [];
const running: Terminal[] = [];

afterEach(async () => {
  for (const terminal of running.splice(0)) await terminal.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'openlane-terminal-'));
  dirs.push(dir);
  return dir;
}

async function start(dir: string): Promise<Terminal> {
  const terminal = await startTerminal({ dataDir: dir });
  running.push(terminal);
  return terminal;
}

async function stop(terminal: Terminal): Promise<void> {
  running.splice(running.indexOf(terminal), 1);
  await terminal.close();
}

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A plain piece from the demo store (not weighed, no age limit). */
const demoPiece = () => demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;

describe('startTerminal', () => {
  it('creates settings.json and loads the demo store into an empty catalog', async () => {
    const dir = dataDir();
    const terminal = await start(dir);
    const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as unknown;
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(value(await terminal.api['settings.get']({}))).toMatchObject({ storeId: 'S001', currency: 'CNY' });

    const piece = demoPiece();
    const basket = value(await terminal.api['basket.addScan']({ code: piece.barcode, source: 'keypad' }));
    expect(basket.lines[0]).toMatchObject({ name: piece.name, unitPrice: piece.price });
    await stop(terminal);

    const db = openDatabase(join(dir, 'openlane.db'));
    try {
      expect(countProducts(db)).toBe(demoProducts().length);
    } finally {
      db.close();
    }
  });

  it('does not load the demo store again over a catalog that has products', async () => {
    const dir = dataDir();
    await stop(await start(dir));
    const piece = demoPiece();
    const db = openDatabase(join(dir, 'openlane.db'));
    try {
      // Store IT changed a price since: a restart must keep it.
      upsertProducts(db, [{ ...piece, price: piece.price + 1 }]);
      expect(findProduct(db, piece.gtin)!.price).toBe(piece.price + 1);
    } finally {
      db.close();
    }
    const terminal = await start(dir);
    const basket = value(await terminal.api['basket.addScan']({ code: piece.barcode, source: 'keypad' }));
    expect(basket.lines[0]!.unitPrice).toBe(piece.price + 1);
  });

  it('serves a whole sale through its api: scan, pay by code, receipt, next shopper', async () => {
    const terminal = await start(dataDir());
    const events: TerminalEvent[] = [];
    terminal.subscribe((event) => events.push(event));
    const piece = demoPiece();

    value(await terminal.api['basket.addScan']({ code: piece.barcode, source: 'keypad' }));
    const basket = value(await terminal.api['basket.addScan']({ code: piece.barcode, source: 'keypad' }));
    expect(basket.totals.total).toBe(piece.price * 2);

    const payment = value(await terminal.api['payment.start']({}));
    expect(payment).toMatchObject({ status: 'pending', amount: piece.price * 2 });
    expect((await press(payment.qrPayload!, 'approve')).status).toBe(200);
    const sold = await waitFor('sale.completed', () => events.find((e) => e.type === 'sale.completed'));
    expect(sold.receipt).toMatchObject({
      receiptNumber: 'S001-K01-000001',
      totals: { total: piece.price * 2 },
    });

    const session = value(await terminal.api['session.get']({}));
    expect(session.receipt).toEqual(sold.receipt);
    expect(value(await terminal.api['receipt.get']({ receiptNumber: 'S001-K01-000001' }))).toEqual(
      sold.receipt,
    );
    expect(value(await terminal.api['sale.finish']({}))).toMatchObject({ basket: null, receipt: null });
  });

  it('a counter takes a wallet code only from a cashier signed in, and then as a tender', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, role: 'counter' }));
    seedCounterStaff(dir);
    const terminal = await start(dir);
    const code = () => terminal.api['basket.addScan']({ code: WALLET.pays, source: 'wedge' });
    // Nobody signed in: refused before any payment starts (no kiosk-style payment as a fallback).
    expect(await code()).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    value(await terminal.api['staff.signIn']({ badge: CASHIER.badge, pin: STAFF_PINS.cashier }));
    expect(value(await terminal.api['tender.state']({})).tenders).toEqual([]);
    const piece = demoPiece();
    value(await terminal.api['basket.addScan']({ code: piece.barcode, source: 'keypad' }));
    value(await code());
    expect(value(await terminal.api['tender.state']({})).tenders).toEqual([
      expect.objectContaining({ kind: 'wallet_code', amount: piece.price }),
    ]);
  });

  it('a terminal never enrolled sells as ever and says it is not connected to HQ', async () => {
    const terminal = await start(dataDir());
    const status = value(await terminal.api['sync.status']({}));
    expect(status).toMatchObject({
      sync: { enrolled: false, online: false, serverUrl: null },
      catalog: { products: demoProducts().length, version: 0 },
    });
    expect(value(await terminal.api['session.get']({})).sync).toMatchObject({ sync: { enrolled: false } });
    expect(await terminal.api['sync.now']({})).toMatchObject({ ok: false, error: { code: 'not_enrolled' } });
    const basket = value(
      await terminal.api['basket.addScan']({ code: demoPiece().barcode, source: 'keypad' }),
    );
    expect(basket.lines).toHaveLength(1);
  });

  it('a damaged hq.json is logged and the terminal still sells', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'hq.json'), '{ not json');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const terminal = await start(dir);
      expect(error.mock.calls.join('\n')).toMatch(/not syncing with HQ: .*hq\.json is not valid JSON/);
      expect(value(await terminal.api['sync.status']({})).sync.enrolled).toBe(false);
    } finally {
      error.mockRestore();
    }
  });

  it('close() stops everything: a process that sold and closed exits on its own', async () => {
    const dir = dataDir();
    const script = join(dir, 'run-terminal.mts');
    const terminalModule = fileURLToPath(new URL('./terminal.ts', import.meta.url));
    writeFileSync(
      script,
      `import { startTerminal } from ${JSON.stringify(terminalModule)};
const terminal = await startTerminal({ dataDir: process.argv[2] });
const sold = new Promise((resolve) => terminal.subscribe((e) => e.type === 'sale.completed' && resolve(e)));
const added = await terminal.api['basket.addScan']({ code: process.argv[3], source: 'keypad' });
if (!added.ok) throw new Error(added.error.message);
const payment = await terminal.api['payment.start']({});
if (!payment.ok) throw new Error(payment.error.message);
await fetch(payment.value.qrPayload + '/approve', { method: 'POST', headers: { Accept: 'application/json' } });
await sold;
await terminal.close();
console.log('closed');
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir, demoPiece().barcode], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exit = await new Promise<number | null | 'hung'>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('hung');
      }, 15_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect({ exit, output }).toEqual({ exit: 0, output: 'closed\n' });
    expect(existsSync(join(dir, 'openlane.db'))).toBe(true);
  });
});
