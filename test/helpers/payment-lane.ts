// A checkout lane against a simulator of its own with fault modes on (services/payments/simulator/faults.ts),
// for services/checkout/payment-faults.test.ts: real SQLite, the simulator over real HTTP, restarts that
// close the flow and the connection and open both again on the same file. Each test's afterEach closes
// `lanes` (checking expectConsistent) and `simulators`.
import { expect } from 'vitest';
import { getPayment, type PaymentRecord } from '../../db/payments';
import { saleForBasket } from '../../db/sales';
import type { Fault } from '../../services/payments/simulator/faults';
import { createSimulatorProvider } from '../../services/payments/simulator/provider';
import type { PaymentSimulator } from '../../services/payments/simulator/server';
import { addScan } from '../../services/checkout/basket-handlers';
import { createCheckoutContext, type CheckoutContext } from '../../services/checkout/context';
import { createPaymentFlow, type PaymentFlow } from '../../services/checkout/payment-flow';
import {
  PRODUCTS,
  chargeCounts,
  latestPayment as latestPaymentIn,
  openCheckout,
  simulatorRecord,
  startSimulator,
  value,
  waitFor,
  type TestCheckout,
} from './checkout';

/** Short, so a lost answer is noticed quickly; the simulator's `slow` answers are shorter or longer. */
export const TIMEOUT_MS = 800;
/** milk + bread + gum. */
export const TOTAL = 2390;

export interface Lane {
  checkout: TestCheckout;
  ctx: CheckoutContext;
  flow: PaymentFlow;
  sim: PaymentSimulator;
}

export const lanes: Lane[] = [];
export const simulators: PaymentSimulator[] = [];

/** A simulator of the test's own with `faults` on, and a lane with a basket of TOTAL on it. */
export async function laneWith(
  faults: Fault[],
  settings: { paymentTimeoutSeconds?: number } = {},
): Promise<Lane> {
  const sim = await startSimulator(0, { faults });
  simulators.push(sim);
  const checkout = openCheckout(settings);
  for (const item of [PRODUCTS.milk, PRODUCTS.bread, PRODUCTS.gum])
    value(await checkout.basket['basket.addScan']({ code: item.barcode, source: 'keypad' }));
  const lane: Lane = { checkout, ctx: checkout.ctx, flow: flowFor(checkout.ctx, sim), sim };
  lanes.push(lane);
  return lane;
}

export function flowFor(ctx: CheckoutContext, sim: PaymentSimulator): PaymentFlow {
  const provider = createSimulatorProvider({ baseUrl: sim.url, timeoutMs: TIMEOUT_MS });
  return createPaymentFlow(ctx, provider, 'simulator');
}

/**
 * The kiosk process dies and starts again on the same SQLite file: the flow and the connection are
 * closed, a new connection and flow are opened, and the flow recovers what was in flight.
 */
export function restart(lane: Lane): void {
  lane.flow.close();
  const db = lane.checkout.temp.reopen();
  (lane.checkout as { db: TestCheckout['db'] }).db = db;
  lane.ctx = createCheckoutContext(db, lane.ctx.settings, lane.ctx.events);
  lane.flow = flowFor(lane.ctx, lane.sim);
  lane.flow.recover();
}

/** Switches a fault on (or all off) while the lane runs, through the simulator's admin endpoint. */
export async function setFault(lane: Lane, fault: Fault | 'off'): Promise<void> {
  const url = `${lane.sim.url}/api/faults`;
  const response =
    fault === 'off'
      ? await fetch(url, { method: 'DELETE' })
      : await fetch(url, { method: 'POST', body: JSON.stringify(fault) });
  expect(response.ok).toBe(true);
}

/** The shopper taps Pay: the kiosk's QR payment. */
export async function payByQr(lane: Lane): Promise<PaymentRecord> {
  const view = value(await lane.flow.handlers['payment.start']({}));
  return getPayment(lane.ctx.db, view.id)!;
}

/** The shopper's wallet code arrives from the scanner: the answer at once, the charge goes on. */
export function payByCode(lane: Lane, code: string): PaymentRecord {
  value(addScan(lane.ctx, code, 'camera', lane.flow.payByCode));
  return latestPayment(lane);
}

export function latestPayment(lane: Lane): PaymentRecord {
  return latestPaymentIn(lane.ctx.db);
}

/** The payment once it is final (paid, declined or cancelled) in the lane's current store. */
export function finalOf(lane: Lane, paymentId: string, timeoutMs = 6000): Promise<PaymentRecord> {
  return waitFor(
    `payment ${paymentId} to be final`,
    () => {
      const now = getPayment(lane.ctx.db, paymentId)!;
      return ['paid', 'declined', 'cancelled'].includes(now.status) && now;
    },
    timeoutMs,
  );
}

/** Waits until the kiosk has a QR code to show (a create that was lost is asked again). */
export function qrShown(lane: Lane, paymentId: string, timeoutMs = 6000): Promise<string> {
  return waitFor(
    `payment ${paymentId} to show a QR`,
    () => {
      const now = getPayment(lane.ctx.db, paymentId)!;
      return now.status === 'pending' && now.qrPayload;
    },
    timeoutMs,
  );
}

/** The receipts the screen was sent for a payment (the event hub outlives restarts, as the screen does). */
export const receiptsOf = (lane: Lane, reference: string) =>
  lane.checkout.events.filter(
    (e) => e.type === 'sale.completed' && e.receipt.payments.some((p) => p.reference === reference),
  );

/** The invariants every test ends with (see the header). */
export async function expectConsistent(lane: Lane): Promise<void> {
  const { db } = lane.checkout;
  const payments = db.prepare('SELECT id FROM payments').all() as { id: string }[];
  const paidAtSimulator = new Map<string, number>();
  for (const { id } of payments) {
    const payment = getPayment(db, id)!;
    expect(['paid', 'declined', 'cancelled'], `payment ${id} left ${payment.status}`).toContain(
      payment.status,
    );
    const record = await simulatorRecord(lane.sim.url, payment.reference);
    const simStatus = record.status === 200 ? record.body.status : 'never heard of';
    // Paid at the kiosk only with the provider's word; paid at the provider always paid at the kiosk.
    expect(payment.status === 'paid', `kiosk ${payment.status}, simulator ${simStatus}`).toBe(
      simStatus === 'paid',
    );
    if (simStatus === 'paid') {
      paidAtSimulator.set(payment.basketId, (paidAtSimulator.get(payment.basketId) ?? 0) + 1);
      expect(record.body.amount).toBe(payment.amount);
      expect(saleForBasket(db, payment.basketId)).toMatchObject({ paymentId: id, total: payment.amount });
      expect(receiptsOf(lane, payment.reference)).toHaveLength(1);
    }
  }
  for (const count of paidAtSimulator.values()) expect(count).toBe(1);
  const counts = chargeCounts(db);
  expect(Math.max(0, ...counts.salesPerBasket)).toBeLessThanOrEqual(1);
  expect(counts.unmatched).toBe(0);
}

/** The simulator's own record of a payment by our reference. */
export async function atSimulator(lane: Lane, reference: string) {
  const record = await simulatorRecord(lane.sim.url, reference);
  return record.status === 200 ? record.body : null;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
