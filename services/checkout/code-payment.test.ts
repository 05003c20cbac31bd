// Paying with the shopper's wallet code (customer-presented), on real parts: a real SQLite file and
// the real payment simulator over HTTP, stopped, restarted, slowed down and raced the way a store's
// network and power do it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  PRODUCTS,
  WALLET,
  chargeCounts,
  confirmOnPhone,
  openCheckout,
  outboxTypes,
  paymentFlowFor,
  press,
  withFlow,
  simulatorRecord,
  startSimulator,
  waitFor,
  type TestCheckout,
  value,
  eventually,
  closedPort,
  expectNoWholeCode,
  latestPayment,
} from '../../test/helpers/checkout';
import { createPayment, getPayment, type PaymentRecord } from '../../db/payments';
import { saleForBasket } from '../../db/sales';
import { saleTenders } from '../../db/tenders';
import { currentBasket } from '../../db/baskets';
import type { PaymentView, ReceiptView } from '../api/contract';
import { createSimulatorProvider } from '../payments/simulator/provider';
import type { PaymentSimulator, PaymentSimulatorOptions } from '../payments/simulator/server';
import { addScan } from './basket-handlers';
import { createPaymentFlow, type PaymentFlow } from './payment-flow';

let sim: PaymentSimulator;
const opened: TestCheckout[] = [];
const flows: PaymentFlow[] = [];
const extraSimulators: PaymentSimulator[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
afterEach(async () => {
  for (const flow of flows.splice(0)) flow.close();
  for (const simulator of extraSimulators.splice(0)) await simulator.close();
  for (const checkout of opened.splice(0)) {
    // Whatever happened, nobody was charged twice, and the whole wallet code was never written down.
    const counts = chargeCounts(checkout.db);
    expect(Math.max(0, ...counts.salesPerBasket)).toBeLessThanOrEqual(1);
    expect(Math.max(0, ...counts.paidPaymentsPerBasket)).toBeLessThanOrEqual(1);
    expect(counts.unmatched).toBe(0);
    expectNoWholeCode(checkout);
    checkout.cleanup();
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A checkout with milk, bread and gum in an open basket (total 2390) and a flow on `baseUrl`. */
async function basketReady(
  options: { baseUrl?: string; timeoutMs?: number; paymentTimeoutSeconds?: number } = {},
) {
  const checkout = openCheckout(
    options.paymentTimeoutSeconds ? { paymentTimeoutSeconds: options.paymentTimeoutSeconds } : {},
  );
  opened.push(checkout);
  for (const item of [PRODUCTS.milk, PRODUCTS.bread, PRODUCTS.gum])
    value(await checkout.basket['basket.addScan']({ code: item.barcode, source: 'keypad' }));
  const flow = flowOn(checkout, options.baseUrl ?? sim.url, options.timeoutMs);
  return { checkout, flow, api: flow.handlers };
}

function flowOn(checkout: TestCheckout, baseUrl: string, timeoutMs = 2000): PaymentFlow {
  const flow =
    timeoutMs === 2000
      ? paymentFlowFor(checkout, baseUrl)
      : withFlow(
          checkout,
          createPaymentFlow(checkout.ctx, createSimulatorProvider({ baseUrl, timeoutMs }), 'simulator'),
        );
  flows.push(flow);
  return flow;
}

const scanCode = (checkout: TestCheckout, code: string) =>
  checkout.basket['basket.addScan']({ code, source: 'camera' });

const receipts = (checkout: TestCheckout): ReceiptView[] =>
  checkout.events.flatMap((e) => (e.type === 'sale.completed' ? [e.receipt] : []));

const paymentEvents = (checkout: TestCheckout, id: string): PaymentView[] =>
  checkout.events.flatMap((e) => (e.type === 'payment.changed' && e.payment.id === id ? [e.payment] : []));

function waitForStatus(checkout: TestCheckout, paymentId: string, status: string, timeoutMs = 3000) {
  return waitFor(
    `payment ${paymentId} to be ${status}`,
    () => {
      const now = getPayment(checkout.db, paymentId)!;
      return now.status === status && now;
    },
    timeoutMs,
  );
}

/** A simulator of this test's own, on a fresh port, keeping its state in a file so it can be restarted. */
async function ownSimulator(options: Omit<PaymentSimulatorOptions, 'port'> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'openlane-sim-'));
  dirs.push(dir);
  const stateFile = join(dir, 'simulator.json');
  const first = await startSimulator(0, { stateFile, ...options });
  const port = Number(new URL(first.url).port);
  return {
    first,
    url: first.url,
    /** Starts it again on the same port and file (without the fault options). */
    async restart() {
      const again = await startSimulator(port, { stateFile });
      extraSimulators.push(again);
      return again;
    },
  };
}

describe('paying with the shopper’s wallet code', () => {
  it('pays at once for a code that needs no confirmation: the sale and its receipt, no QR', async () => {
    const { checkout } = await basketReady();
    const basket = value(await scanCode(checkout, WALLET.pays));
    expect(basket.status).toBe('paid');

    const payment = latestPayment(checkout.db);
    expect(payment).toMatchObject({
      method: 'customer_presented',
      maskedCode: '1345****1230',
      status: 'paid',
      amount: 2390,
      qrPayload: null,
    });
    expect(paymentEvents(checkout, payment.id).map((p) => p.status)).toEqual(['created', 'paid']);
    expect(paymentEvents(checkout, payment.id).every((p) => p.qrPayload === null)).toBe(true);
    const sale = saleForBasket(checkout.db, payment.basketId)!;
    expect(sale).toMatchObject({ receiptNumber: 'S001-K01-000001', total: 2390, paymentId: payment.id });
    // Its one tender, written with it: the wallet code, for the whole total.
    expect(saleTenders(checkout.db, sale.id)).toEqual([
      { saleId: sale.id, position: 1, kind: 'wallet_code', amount: 2390, paymentId: payment.id },
    ]);
    expect(receipts(checkout).map((r) => r.payments)).toEqual([
      // The receipt says which wallet paid, and the code only as its mask.
      [
        {
          method: 'payment_code',
          provider: 'simulator',
          amount: 2390,
          reference: payment.reference,
          wallet: 'wechat',
          maskedCode: '1345****1230',
        },
      ],
    ]);
    expect((await simulatorRecord(sim.url, payment.reference)).body).toMatchObject({
      status: 'paid',
      amount: 2390,
      maskedCode: '1345****1230',
    });
    expect(outboxTypes(checkout.db)).toEqual(expect.arrayContaining(['payment.created', 'sale.completed']));
  });

  it('an Alipay code pays the same way', async () => {
    const { checkout } = await basketReady();
    expect(value(await scanCode(checkout, WALLET.alipay)).status).toBe('paid');
    expect(latestPayment(checkout.db).maskedCode).toBe('2812****1234');
  });

  it('waits while the shopper confirms on the phone, and is paid within a second of Approve', async () => {
    const { checkout } = await basketReady();
    const basket = value(await scanCode(checkout, WALLET.confirms));
    expect(basket.status).toBe('paying');
    const payment = latestPayment(checkout.db);
    expect(payment).toMatchObject({ status: 'pending', maskedCode: '1345****1237', qrPayload: null });
    const session = value(await checkout.basket['session.get']({}));
    expect(session.payment).toMatchObject({
      id: payment.id,
      method: 'customer_presented',
      status: 'pending',
    });

    expect((await confirmOnPhone(sim.url, payment.reference, 'approve')).status).toBe(200);
    // The watcher long-polls, so it hears at once; without it, the next look would be 30 s away.
    // (How fast is measured by `npm run bench`, not here.)
    await waitForStatus(checkout, payment.id, 'paid', 10_000);
    expect(receipts(checkout)).toHaveLength(1);
  });

  it('a decline says why, opens the basket again, and another code can pay with a new reference', async () => {
    const { checkout } = await basketReady();
    const basket = value(await scanCode(checkout, WALLET.declines));
    expect(basket.status).toBe('open');
    const declined = latestPayment(checkout.db);
    expect(declined).toMatchObject({ status: 'declined', failureReason: 'insufficient balance' });
    expect(value(await checkout.basket['session.get']({})).payment).toBeNull();
    expect(saleForBasket(checkout.db, declined.basketId)).toBeNull();

    expect(value(await scanCode(checkout, WALLET.pays)).status).toBe('paid');
    const paid = latestPayment(checkout.db);
    expect(paid.id).not.toBe(declined.id);
    expect(paid.reference).not.toBe(declined.reference);
  });

  it('cancel at the kiosk reverses a charge waiting for the phone; Approve no longer pays', async () => {
    const { checkout, api } = await basketReady();
    value(await scanCode(checkout, WALLET.confirms));
    const payment = latestPayment(checkout.db);
    const cancelled = value(await api['payment.cancel']({ paymentId: payment.id }));
    expect(cancelled).toMatchObject({ status: 'cancelled', failureReason: 'Cancelled at the kiosk' });
    expect((await confirmOnPhone(sim.url, payment.reference, 'approve')).status).toBe(409);
    expect(currentBasket(checkout.db)!.status).toBe('open');
  });

  it('refuses a code with nothing to pay for, and a second code while one is being paid', async () => {
    const checkout = openCheckout();
    opened.push(checkout);
    flowOn(checkout, sim.url);
    const empty = await scanCode(checkout, WALLET.pays);
    expect(empty.ok || empty.error).toMatchObject({ code: 'payment_code', message: /1345\*\*\*\*1230/ });
    expect(checkout.db.prepare('SELECT count(*) AS n FROM payments').get()).toEqual({ n: 0 });

    value(await checkout.basket['basket.addScan']({ code: PRODUCTS.milk.barcode, source: 'keypad' }));
    value(await scanCode(checkout, WALLET.confirms));
    const second = await scanCode(checkout, WALLET.pays);
    expect(second.ok || second.error).toMatchObject({ code: 'payment_in_progress' });
    expect(checkout.db.prepare('SELECT count(*) AS n FROM payments').get()).toEqual({ n: 1 });
  });
});

describe('a wallet code while the payment QR is on screen', () => {
  it('cancels the QR payment through the provider first, then the code pays', async () => {
    const { checkout, api } = await basketReady();
    const qr = value(await api['payment.start']({}));
    expect(qr).toMatchObject({ method: 'merchant_presented', status: 'pending' });

    expect(value(await scanCode(checkout, WALLET.pays)).status).toBe('paid');
    expect(getPayment(checkout.db, qr.id)).toMatchObject({
      status: 'cancelled',
      failureReason: 'Replaced by the shopper’s payment code',
    });
    expect((await press(qr.qrPayload!, 'approve')).status).toBe(409);
    const code = latestPayment(checkout.db);
    expect(code).toMatchObject({ method: 'customer_presented', status: 'paid' });
    expect(saleForBasket(checkout.db, code.basketId)).toMatchObject({ paymentId: code.id });
  });

  it('when the shopper had paid the QR already, that sale stands and the code charges nothing', async () => {
    const { checkout, flow, api } = await basketReady();
    const qr = value(await api['payment.start']({}));
    flow.close(); // the kiosk restarts, and has not heard yet…
    expect((await press(qr.qrPayload!, 'approve')).status).toBe(200); // …that the shopper paid the QR
    flowOn(checkout, sim.url);

    expect(value(await scanCode(checkout, WALLET.pays)).status).toBe('paid');
    expect(getPayment(checkout.db, qr.id)!.status).toBe('paid');
    expect(saleForBasket(checkout.db, qr.basketId)).toMatchObject({ paymentId: qr.id });
    expect(checkout.db.prepare('SELECT count(*) AS n FROM payments').get()).toEqual({ n: 1 });
    expect(receipts(checkout).map((r) => r.payments[0]!.method)).toEqual(['qr']);
  });

  it('from a serial scanner, a QR that cannot be cancelled yet is a scan.rejected, never a charge', async () => {
    const own = await ownSimulator();
    const { checkout, flow, api } = await basketReady({ baseUrl: own.url });
    const qr = value(await api['payment.start']({}));
    await own.first.close(); // the provider goes away with the QR on screen

    const immediate = addScan(checkout.ctx, WALLET.pays, 'serial', flow.payByCode);
    expect(value(immediate).status).toBe('paying');
    const rejected = await waitFor('the scan to be rejected', () =>
      checkout.events.find((e) => e.type === 'scan.rejected'),
    );
    expect(rejected).toMatchObject({
      type: 'scan.rejected',
      code: '1345****1230',
      source: 'serial',
      error: { code: 'payment_in_progress' },
    });
    expect(checkout.db.prepare('SELECT count(*) AS n FROM payments').get()).toEqual({ n: 1 });

    // Back again: the cancel that was asked for goes through, and the shopper can show the code again.
    await own.restart();
    await waitForStatus(checkout, qr.id, 'cancelled', 4000);
    expect(value(await scanCode(checkout, WALLET.pays)).status).toBe('paid');
  });
});

describe('when the charge’s answer does not come', () => {
  it('an unreachable provider makes it unknown, never declined; back again, the charge it never got is reversed', async () => {
    const gone = await closedPort();
    const { checkout } = await basketReady({ baseUrl: gone.url });
    expect(value(await scanCode(checkout, WALLET.pays)).status).toBe('paying');
    const payment = latestPayment(checkout.db);
    expect(payment).toMatchObject({ status: 'unknown', failureReason: /could not be reached/ });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(getPayment(checkout.db, payment.id)!.status).toBe('unknown');

    const back = await startSimulator(gone.port);
    extraSimulators.push(back);
    const final = await waitForStatus(checkout, payment.id, 'cancelled', 4000);
    expect(final.failureReason).toMatch(/could not be charged; nothing was taken/);
    expect(currentBasket(checkout.db)!.status).toBe('open');
    // The reference is closed at the provider: that charge, should it ever arrive, is refused.
    const provider = createSimulatorProvider({ baseUrl: back.url });
    const late = await provider.charge({
      reference: payment.reference,
      amount: payment.amount,
      currency: payment.currency,
      description: 'late',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      authCode: WALLET.pays,
    });
    expect(late.state.status).toBe('cancelled');
  });

  it('the provider charges and goes down before answering: unknown, then paid once when it is back', async () => {
    const own = await ownSimulator({ chargeDelay: { afterChargeMs: 20_000 } });
    const { checkout } = await basketReady({ baseUrl: own.url });
    const answer = scanCode(checkout, WALLET.pays);
    const payment = latestPayment(checkout.db); // stored before the charge left
    expect(payment.status).toBe('created');
    const charged = await eventually('the charge to reach the provider', async () => {
      const record = await simulatorRecord(own.url, payment.reference);
      return record.status === 200 && record.body;
    });
    expect(charged.status).toBe('paid');
    await own.first.close();

    expect(value(await answer).status).toBe('paying');
    expect(getPayment(checkout.db, payment.id)).toMatchObject({ status: 'unknown' });
    await own.restart();
    await waitForStatus(checkout, payment.id, 'paid', 4000);
    expect(receipts(checkout)).toHaveLength(1);
  });

  it('a lost answer is found by the reference, and the charge sent again returns the one charge', async () => {
    const own = await ownSimulator({ chargeDelay: { afterChargeMs: 2500 } });
    const { checkout } = await basketReady({ baseUrl: own.url, timeoutMs: 800 });
    expect(value(await scanCode(checkout, WALLET.pays)).status).toBe('paying');
    const payment = latestPayment(checkout.db);
    await waitForStatus(checkout, payment.id, 'paid', 4000);
    expect(paymentEvents(checkout, payment.id).map((p) => p.status)).toEqual(['created', 'unknown', 'paid']);

    const charged = await simulatorRecord(own.url, payment.reference);
    const provider = createSimulatorProvider({ baseUrl: own.url, timeoutMs: 5000 });
    const again = await provider.charge({
      reference: payment.reference,
      amount: payment.amount,
      currency: payment.currency,
      description: 'retry',
      expiresAt: payment.expiresAt,
      authCode: WALLET.pays,
    });
    expect(again).toEqual({ providerRef: charged.body.id, state: { status: 'paid' } });
    expect(receipts(checkout)).toHaveLength(1);
  });
});

describe('after a restart', () => {
  it('a charge confirmed on the phone while the kiosk was down completes exactly once', async () => {
    const { checkout, flow } = await basketReady();
    value(await scanCode(checkout, WALLET.confirms));
    const payment = latestPayment(checkout.db);
    flow.close(); // the process dies while the shopper looks at the phone
    await confirmOnPhone(sim.url, payment.reference, 'approve');

    const restarted = flowOn(checkout, sim.url);
    restarted.recover();
    restarted.recover();
    await waitForStatus(checkout, payment.id, 'paid');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receipts(checkout)).toHaveLength(1);
  });

  it('stored but never sent (a crash before the charge left): the reference is reversed, nothing charged', async () => {
    const checkout = (await basketReady()).checkout;
    flows.splice(0).forEach((f) => f.close());
    const payment = storedCharge(checkout);

    flowOn(checkout, sim.url).recover();
    const final = await waitForStatus(checkout, payment.id, 'cancelled');
    expect(final.failureReason).toMatch(/could not be charged/);
    expect((await simulatorRecord(sim.url, payment.reference)).body.status).toBe('cancelled');
  });

  it('stored and sent, the answer lost in the crash: the restarted kiosk finds it paid by the reference', async () => {
    const checkout = (await basketReady()).checkout;
    flows.splice(0).forEach((f) => f.close());
    const payment = storedCharge(checkout);
    // What the dead process had sent before it died.
    await createSimulatorProvider({ baseUrl: sim.url }).charge({
      reference: payment.reference,
      amount: payment.amount,
      currency: payment.currency,
      description: 'before the crash',
      expiresAt: payment.expiresAt,
      authCode: WALLET.pays,
    });

    flowOn(checkout, sim.url).recover();
    await waitForStatus(checkout, payment.id, 'paid');
    expect(receipts(checkout)).toHaveLength(1);
  });
});

/** A customer-presented payment as a kiosk stores it just before it charges the code. */
function storedCharge(checkout: TestCheckout): PaymentRecord {
  const basket = currentBasket(checkout.db)!;
  return createPayment(checkout.db, {
    basketId: basket.id,
    provider: 'simulator',
    amount: 2390,
    currency: basket.currency,
    expiresAt: new Date(Date.now() + 60_000),
    method: 'customer_presented',
    maskedCode: '1345****1230',
  });
}
