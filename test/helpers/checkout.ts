// A checkout on real parts for tests: a real SQLite file in a temp dir with a small known catalog,
// the real payment simulator over HTTP, and a phone's approve/decline as the simulator's pay page gets it.
import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import type { Product } from '../../core/types';
import { upsertProducts } from '../../db/catalog';
import type { Database } from '../../db/open';
import { getPayment, type PaymentRecord } from '../../db/payments';
import type { ApiResult, TerminalEvent } from '../../services/api/contract';
import { basketHandlers } from '../../services/checkout/basket-handlers';
import { createCheckoutContext, type CheckoutContext } from '../../services/checkout/context';
import { createPaymentFlow, type PaymentFlow } from '../../services/checkout/payment-flow';
import { createEventHub } from '../../services/events';
import type { Fault } from '../../services/payments/simulator/faults';
import { createSimulatorProvider } from '../../services/payments/simulator/provider';
import {
  startPaymentSimulator,
  type PaymentSimulator,
  type PaymentSimulatorOptions,
} from '../../services/payments/simulator/server';
import { DEFAULT_SETTINGS } from '../../services/settings';
import { openTempDatabase, type TempDatabase } from './temp-db';

function product(body: string, fields: Omit<Product, 'gtin' | 'barcode' | 'department'>): Product {
  const barcode = withCheckDigit(body);
  return { gtin: barcode.padStart(14, '0'), barcode, department: 'Test', ...fields };
}

/** The test store's catalog: prices in fen, chosen so every total is easy to check by hand. */
export const PRODUCTS = {
  milk: product('690000000001', {
    name: 'Fresh Milk 1 L',
    price: 1290,
    taxRateBp: 900,
    unit: 'each',
    ageLimit: null,
  }),
  bread: product('690000000002', {
    name: 'Toast Bread',
    price: 850,
    taxRateBp: 1300,
    unit: 'each',
    ageLimit: null,
  }),
  beer: product('690000000003', {
    name: 'Lager 500 ml',
    price: 650,
    taxRateBp: 1300,
    unit: 'each',
    ageLimit: 18,
  }),
  /** 1001 fen per kg, so 500 g is exactly 500.5 fen: half-up rounding shows. */
  apples: product('690000000004', {
    name: 'Fuji Apples',
    price: 1001,
    taxRateBp: 900,
    unit: 'kg',
    ageLimit: null,
  }),
  /** An EAN-8 pack. */
  gum: product('6900005', { name: 'Mint Gum', price: 250, taxRateBp: 1300, unit: 'each', ageLimit: null }),
} satisfies Record<string, Product>;

/** A valid EAN-13 that is not in the catalog. */
export const UNKNOWN_EAN = withCheckDigit('690000000099');

/**
 * WeChat Pay payment codes (18 digits, 10–15) the simulator answers by their last digit: 0–6 paid at
 * once, 7–8 the shopper confirms on the phone, 9 declined for insufficient balance.
 */
export const WALLET = {
  pays: '134512345678901230',
  confirms: '134512345678901237',
  declines: '134512345678901239',
  /** An Alipay code (16–24 digits, 25–30) that pays at once. */
  alipay: '2812345678901234',
} as const;

export interface TestCheckout {
  ctx: CheckoutContext;
  db: Database;
  temp: TempDatabase;
  /** Every event the checkout emitted, in order. */
  events: TerminalEvent[];
  basket: ReturnType<typeof basketHandlers>;
  cleanup(): void;
}

/** A checkout on a fresh SQLite file holding PRODUCTS; settings are the defaults plus `overrides`. */
export function openCheckout(overrides: Partial<CheckoutContext['settings']> = {}): TestCheckout {
  const temp = openTempDatabase();
  const db = temp.db;
  db.transaction(() => upsertProducts(db, Object.values(PRODUCTS)))();
  const ctx = createCheckoutContext(db, { ...DEFAULT_SETTINGS, ...overrides }, createEventHub());
  const events: TerminalEvent[] = [];
  const unsubscribe = ctx.events.subscribe((event) => events.push(event));
  return {
    ctx,
    db,
    temp,
    events,
    basket: basketHandlers(ctx, () => []),
    cleanup() {
      unsubscribe();
      temp.cleanup();
    },
  };
}

/**
 * The real simulator on 127.0.0.1 (port 0 = any free port), started for tests: its fault injection is
 * on, with `faults` in force from the start and /api/faults to switch more.
 */
export function startSimulator(
  port = 0,
  {
    faults = [],
    ...options
  }: Omit<PaymentSimulatorOptions, 'port' | 'testFaults'> & { faults?: Fault[] } = {},
): Promise<PaymentSimulator> {
  return startPaymentSimulator({ ...options, testFaults: faults, port });
}

/** A payment flow talking to the simulator at `baseUrl` through the real provider (see withFlow). */
export function paymentFlowFor(checkout: TestCheckout, baseUrl: string): PaymentFlow {
  return withFlow(
    checkout,
    createPaymentFlow(checkout.ctx, createSimulatorProvider({ baseUrl, timeoutMs: 2000 }), 'simulator'),
  );
}

/**
 * Builds the checkout's basket handlers again with the flow's `payByCode`, as a terminal builds them,
 * so a wallet code scanned through `checkout.basket` pays through `flow`. Returns the flow.
 */
export function withFlow(checkout: TestCheckout, flow: PaymentFlow): PaymentFlow {
  checkout.basket = basketHandlers(checkout.ctx, () => [], flow.payByCode);
  return flow;
}

/** What the shopper's phone does: press Approve or Decline on the pay page the QR code opened. */
export function press(qrPayload: string, decision: 'approve' | 'decline'): Promise<Response> {
  return fetch(`${qrPayload}/${decision}`, { method: 'POST', headers: { Accept: 'application/json' } });
}

/** The simulator's own record of a payment, by its id or our reference (404: it never heard of it). */
export async function simulatorRecord(
  simulatorUrl: string,
  key: string,
): Promise<{ status: number; body: Record<string, unknown> & { payUrl?: string; status?: string } }> {
  const response = await fetch(`${simulatorUrl}/api/payments/${encodeURIComponent(key)}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** What the shopper does on the phone for a charged code that asks to be confirmed. */
export async function confirmOnPhone(
  simulatorUrl: string,
  reference: string,
  decision: 'approve' | 'decline',
): Promise<Response> {
  const { body } = await simulatorRecord(simulatorUrl, reference);
  if (typeof body.payUrl !== 'string') throw new Error(`the simulator has no payment ${reference}`);
  return press(body.payUrl, decision);
}

/** The value of a result that must be ok; else the test fails with its code and message. */
export function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Polls an async probe until it returns something truthy; fails naming `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | null | false>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Polls until `probe` returns something truthy; fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | null | undefined | false,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface ChargeCounts {
  /** Sales per basket, over all baskets. */
  salesPerBasket: number[];
  /** Paid payments per basket, over all baskets that have a payment. */
  paidPaymentsPerBasket: number[];
  /** Paid payments that have no sale, and sales whose payment is not paid. */
  unmatched: number;
}

/** What the store's own records say was charged; "never twice" means every count is at most 1. */
export function chargeCounts(db: Database): ChargeCounts {
  const salesPerBasket = db
    .prepare('SELECT count(s.id) AS n FROM baskets b LEFT JOIN sales s ON s.basket_id = b.id GROUP BY b.id')
    .all() as { n: number }[];
  const paidPerBasket = db
    .prepare("SELECT sum(status = 'paid') AS n FROM payments GROUP BY basket_id")
    .all() as { n: number }[];
  const { unmatched } = db
    .prepare(
      `SELECT
         (SELECT count(*) FROM payments p WHERE p.status = 'paid'
            AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.payment_id = p.id)) +
         (SELECT count(*) FROM sales s JOIN payments p ON p.id = s.payment_id WHERE p.status <> 'paid')
         AS unmatched`,
    )
    .get() as { unmatched: number };
  return {
    salesPerBasket: salesPerBasket.map((r) => r.n),
    paidPaymentsPerBasket: paidPerBasket.map((r) => r.n),
    unmatched,
  };
}

/**
 * Nobody was charged twice: per basket at most one sale and one paid payment, and no paid payment
 * without its sale (nor a sale without its paid payment).
 */
export function expectChargedAtMostOnce(db: Database): void {
  const counts = chargeCounts(db);
  expect(Math.max(0, ...counts.salesPerBasket)).toBeLessThanOrEqual(1);
  expect(Math.max(0, ...counts.paidPaymentsPerBasket)).toBeLessThanOrEqual(1);
  expect(counts.unmatched).toBe(0);
}

/** The outbox event types, oldest first. */
export function outboxTypes(db: Database): string[] {
  return (db.prepare('SELECT type FROM outbox ORDER BY rowid').all() as { type: string }[]).map(
    (r) => r.type,
  );
}

/** The payment stored last (the one the basket is paying with, or paid with, now). */
export function latestPayment(db: Database): PaymentRecord {
  const { id } = db.prepare('SELECT id FROM payments ORDER BY created_at DESC, id DESC LIMIT 1').get() as {
    id: string;
  };
  return getPayment(db, id)!;
}

/** A wallet code is a bearer secret: none of WALLET's may be in the events, the outbox or the file. */
export function expectNoWholeCode(checkout: TestCheckout): void {
  const seen = [
    JSON.stringify(checkout.events),
    JSON.stringify(checkout.db.prepare('SELECT * FROM outbox').all()),
    JSON.stringify(checkout.db.prepare('SELECT * FROM payments').all()),
    ...['', '-wal'].map((suffix) =>
      existsSync(checkout.temp.path + suffix) ? readFileSync(checkout.temp.path + suffix, 'latin1') : '',
    ),
  ].join('\n');
  for (const code of Object.values(WALLET)) expect(seen.includes(code), `${code} written down`).toBe(false);
}

/** A port that was just ours and is now closed: nothing listens there until we start on it again. */
export async function closedPort(): Promise<{ url: string; port: number }> {
  const gone = await startSimulator();
  await gone.close();
  return { url: gone.url, port: Number(new URL(gone.url).port) };
}
