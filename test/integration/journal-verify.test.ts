// `openlane journal verify` as an auditor runs it: real sales through the checkout and the payment
// simulator, the terminal's SQLite file closed, then edited with a separate SQLite connection (the
// append-only triggers dropped first, as someone with the file would), and the real CLI run on it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult, PaymentView } from '../../services/api/contract';
import type { PaymentSimulator } from '../../services/payments/simulator/server';
import { getPayment } from '../../db/payments';
import {
  PRODUCTS,
  openCheckout,
  paymentFlowFor,
  press,
  startSimulator,
  waitFor,
  type TestCheckout,
} from '../helpers/checkout';

const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));

let sim: PaymentSimulator;
let dir: string;
/** The closed SQLite file of a terminal after a short day of trading; each test works on a copy. */
let pristine: string;

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function pay(
  checkout: TestCheckout,
  flow: ReturnType<typeof paymentFlowFor>,
  decision: 'approve' | 'decline',
) {
  const payment: PaymentView = value(await flow.handlers['payment.start']({}));
  expect((await press(payment.qrPayload!, decision)).status).toBe(200);
  const final = decision === 'approve' ? 'paid' : 'declined';
  await waitFor(
    `payment ${payment.id} ${final}`,
    () => getPayment(checkout.db, payment.id)?.status === final,
    10_000,
  );
}

/**
 * The journal this day writes: 1 void (bread taken off), 2 payment declined, 3 payment paid and
 * 4 sale S001-K01-000001 (milk), 5 payment paid and 6 sale S001-K01-000002 (gum, milk), 7 void (a
 * basket given up).
 */
async function tradeOneDay(): Promise<string> {
  const checkout = openCheckout();
  const flow = paymentFlowFor(checkout, sim.url);
  const scan = (code: string) => checkout.basket['basket.addScan']({ code, source: 'keypad' });
  try {
    value(await scan(PRODUCTS.milk.barcode));
    const withBread = value(await scan(PRODUCTS.bread.barcode));
    const bread = withBread.lines.find((line) => line.name === PRODUCTS.bread.name)!;
    value(await checkout.basket['basket.removeLine']({ lineId: bread.id }));
    await pay(checkout, flow, 'decline');
    await pay(checkout, flow, 'approve');
    value(await checkout.basket['sale.finish']({}));

    value(await scan(PRODUCTS.gum.barcode));
    value(await scan(PRODUCTS.milk.barcode));
    await pay(checkout, flow, 'approve');
    value(await checkout.basket['sale.finish']({}));

    value(await scan(PRODUCTS.bread.barcode));
    value(await checkout.basket['basket.cancel']({}));
  } finally {
    flow.close();
  }
  checkout.db.close(); // the last connection: SQLite folds the WAL back into the file
  const file = join(dir, 'pristine.db');
  copyFileSync(checkout.temp.path, file);
  checkout.cleanup();
  return file;
}

/** A data directory holding a copy of the day's file, edited by `statements` with the triggers dropped. */
function tamperedCopy(...statements: string[]): string {
  const data = mkdtempSync(join(dir, 'data-'));
  const file = join(data, 'openlane.db');
  copyFileSync(pristine, file);
  if (statements.length > 0) {
    const raw = new Database(file);
    for (const trigger of ['journal_no_update', 'journal_no_delete', 'journal_append_only_next'])
      raw.exec(`DROP TRIGGER ${trigger}`);
    for (const sql of statements) raw.exec(sql);
    raw.close();
  }
  return data;
}

function verify(data: string) {
  const run = spawnSync(process.execPath, [BIN, 'journal', 'verify', '--data', data], { encoding: 'utf8' });
  return {
    status: run.status,
    line: run.stderr.trim(),
    json: JSON.parse(run.stdout) as Record<string, unknown>,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-journal-'));
  sim = await startSimulator();
  pristine = await tradeOneDay();
});

afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openlane journal verify', () => {
  it('proves the untouched journal, whose sales agree with the sales table', () => {
    const data = tamperedCopy();
    const { status, line, json } = verify(data);
    expect(line).toMatch(
      /^Journal intact: entries 1–7 chained, head [0-9a-f]{16}…; 7 match their copy for HQ\.$/,
    );
    expect(json).toMatchObject({
      ok: true,
      count: 7,
      head: { seq: 7 },
      matchedOutboxCopies: 7,
      appendOnlyTriggers: true,
    });
    expect(status).toBe(0);

    const db = new Database(join(data, 'openlane.db'), { readonly: true });
    try {
      const kinds = db.prepare('SELECT kind FROM journal ORDER BY seq').pluck().all();
      expect(kinds).toEqual(['void', 'payment', 'payment', 'sale', 'payment', 'sale', 'void']);
      const journalled = db
        .prepare(
          `SELECT json_extract(entry, '$.data.receiptNumber') AS receipt, json_extract(entry, '$.data.total') AS total
           FROM journal WHERE kind = 'sale' ORDER BY seq`,
        )
        .all();
      const sold = db.prepare('SELECT receipt_number AS receipt, total FROM sales ORDER BY sequence').all();
      expect(journalled).toEqual(sold);
      expect(sold).toEqual([
        { receipt: 'S001-K01-000001', total: PRODUCTS.milk.price },
        { receipt: 'S001-K01-000002', total: PRODUCTS.milk.price + PRODUCTS.gum.price },
      ]);
    } finally {
      db.close();
    }
  });

  it('names the payment whose amount was edited', () => {
    const { status, line, json } = verify(
      tamperedCopy("UPDATE journal SET entry = json_set(entry, '$.data.amount', 1) WHERE seq = 3"),
    );
    expect(json).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'edited',
      kind: 'payment',
      receiptNumber: 'S001-K01-000001',
      intactThrough: 2,
      appendOnlyTriggers: false,
    });
    expect(line).toMatch(/^Journal broken at seq 3 \(payment, receipt S001-K01-000001\): edited — /);
    expect(status).toBe(1);
  });

  it('names the sale that was removed', () => {
    const { status, line, json } = verify(tamperedCopy('DELETE FROM journal WHERE seq = 4'));
    expect(json).toMatchObject({
      ok: false,
      count: 6,
      seq: 4,
      problem: 'removed',
      kind: 'sale',
      receiptNumber: 'S001-K01-000001',
      detail: 'entry 4 is missing: the journal goes from 3 to 5',
    });
    expect(line).toMatch(/^Journal broken at seq 4 \(sale, receipt S001-K01-000001\): removed — /);
    expect(status).toBe(1);
  });

  it('names the first of two sales whose places were swapped', () => {
    const { status, line, json } = verify(
      tamperedCopy(
        'UPDATE journal SET seq = 1000 WHERE seq = 4',
        'UPDATE journal SET seq = 4 WHERE seq = 6',
        'UPDATE journal SET seq = 6 WHERE seq = 1000',
      ),
    );
    expect(json).toMatchObject({
      ok: false,
      seq: 4,
      problem: 'reordered',
      kind: 'sale',
      receiptNumber: 'S001-K01-000001',
      detail: 'it was written as entry 6; the entry written as 4 is now at seq 6',
    });
    expect(line).toMatch(/^Journal broken at seq 4 \(sale, receipt S001-K01-000001\): reordered — /);
    expect(status).toBe(1);
  });

  it('says plainly when there is no store to verify', () => {
    const run = spawnSync(process.execPath, [BIN, 'journal', 'verify', '--data', join(dir, 'nowhere')], {
      encoding: 'utf8',
    });
    expect(run.stderr).toMatch(/There is no terminal store at .*nowhere.*openlane\.db/);
    expect(run.status).toBe(1);
  });
});
