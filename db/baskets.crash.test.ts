// Crash safety with a real process kill: a child process writes to the store and SIGKILLs itself
// (no close, no checkpoint, no exit handlers), then the file is reopened as a restarted kiosk would.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../test/helpers/temp-db';
import { allBasketLines, basketLines, currentBasket } from './baskets';
import { verifyJournal } from './journal';
import { pendingEvents } from './outbox';
import { paymentsToRecover } from './payments';
import { saleForBasket } from './sales';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DB_DIR = fileURLToPath(new URL('.', import.meta.url));

const CHILD = `
import { openDatabase } from ${JSON.stringify(join(DB_DIR, 'open.ts'))};
import { addItem, openBasket, removeLine } from ${JSON.stringify(join(DB_DIR, 'baskets.ts'))};
import { createPayment, updatePayment } from ${JSON.stringify(join(DB_DIR, 'payments.ts'))};
import { completeSale } from ${JSON.stringify(join(DB_DIR, 'sales.ts'))};

const [path, scenario] = process.argv.slice(2);
const db = openDatabase(path);
const item = (gtin, name, unit, unitPrice) => ({ gtin, barcode: gtin.slice(1), name, unit, unitPrice, taxRateBp: 700, ageLimit: null });
const milk = item('04000000000017', 'Milk', 'each', 119);
const cheese = item('02100000000002', 'Cheese', 'kg', 1890);
const die = () => process.kill(process.pid, 'SIGKILL');

const basket = openBasket(db, 'EUR');
addItem(db, basket.id, milk, 2);
addItem(db, basket.id, cheese, 345);
const bread = addItem(db, basket.id, item('04000000000024', 'Bread', 'each', 249), 1);
removeLine(db, basket.id, bread.id);
const pay = () => {
  const p = createPayment(db, { basketId: basket.id, provider: 'sim', amount: 891, currency: 'EUR', expiresAt: new Date(2e12) });
  return updatePayment(db, p.id, { status: 'pending', providerRef: 'prov-1', qrPayload: 'https://pay.example/1' });
};
process.stdout.write('committed\\n');
if (scenario === 'basket') die();
if (scenario === 'mid-transaction') {
  db.transaction(() => {
    addItem(db, basket.id, milk, 5);
    die(); // killed before COMMIT
  })();
}
if (scenario === 'payment') {
  pay();
  die();
}
if (scenario === 'sale') {
  const p = pay();
  completeSale(db, {
    basketId: basket.id, paymentId: p.id, storeId: 'S001', terminalId: 'K01', soldAt: new Date(),
    makeReceipt: (receiptNumber) => ({ total: 891, taxTotal: 58, json: { receiptNumber } }),
  });
  die();
}
`;

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
  temp.db.close(); // the child is the only writer until it dies
});
afterEach(() => temp.cleanup());

function runAndKill(scenario: string): void {
  const script = join(temp.dir, 'child.ts');
  writeFileSync(script, CHILD);
  const child = spawnSync(process.execPath, ['--import', 'tsx', script, temp.path, scenario], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(child.stderr).toBe('');
  expect(child.stdout).toBe('committed\n');
  expect(child.signal).toBe('SIGKILL');
  temp.reopen();
}

const liveLines = (basketId: string) =>
  basketLines(temp.db, basketId).map((l) => [l.name, l.unit, l.quantity]);

describe('crash safety (child process killed with SIGKILL)', () => {
  it('finds the open basket and its lines, with the removal recorded', () => {
    runAndKill('basket');
    const basket = currentBasket(temp.db);
    expect(basket?.status).toBe('open');
    expect(liveLines(basket!.id)).toEqual([
      ['Milk', 'each', 2],
      ['Cheese', 'kg', 345],
    ]);
    expect(allBasketLines(temp.db, basket!.id).find((l) => l.name === 'Bread')?.removedAt).not.toBeNull();
    expect(pendingEvents(temp.db, 100).map((e) => e.type)).toEqual([
      'basket.opened',
      'basket.item_added',
      'basket.item_added',
      'basket.item_added',
      'journal.appended', // the void's journal entry, committed with the removal
      'basket.line_removed',
    ]);
  });

  it('loses the uncommitted change, and only it, when killed inside a transaction', () => {
    runAndKill('mid-transaction');
    const basket = currentBasket(temp.db);
    expect(liveLines(basket!.id)).toEqual([
      ['Milk', 'each', 2],
      ['Cheese', 'kg', 345],
    ]);
    expect(pendingEvents(temp.db, 100)).toHaveLength(6);
    expect(temp.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('finds the payment in flight', () => {
    runAndKill('payment');
    const basket = currentBasket(temp.db);
    expect(basket?.status).toBe('paying');
    expect(paymentsToRecover(temp.db)).toMatchObject([
      {
        basketId: basket!.id,
        status: 'pending',
        amount: 891,
        providerRef: 'prov-1',
        qrPayload: 'https://pay.example/1',
      },
    ]);
    expect(liveLines(basket!.id)).toHaveLength(2);
  });

  it('finds the finished sale that was not yet dismissed', () => {
    runAndKill('sale');
    const basket = currentBasket(temp.db);
    expect(basket?.status).toBe('paid');
    const sale = saleForBasket(temp.db, basket!.id);
    expect(sale).toMatchObject({ receiptNumber: 'S001-K01-000001', total: 891 });
    expect(JSON.parse(sale!.receiptJson)).toEqual({ receiptNumber: 'S001-K01-000001' });
    expect(paymentsToRecover(temp.db)).toEqual([]);
    expect(pendingEvents(temp.db, 100).at(-1)?.type).toBe('sale.completed');
    // The journal committed with the sale: the void, the payment paid and the sale, chained.
    expect(verifyJournal(temp.db)).toMatchObject({ ok: true, count: 3 });
  });
});
