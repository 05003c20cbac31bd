import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  PRODUCTS,
  chargeCounts,
  openCheckout,
  paymentFlowFor,
  press,
  startSimulator,
  waitFor,
  type TestCheckout,
  value,
} from '../../test/helpers/checkout';
import { getPayment } from '../../db/payments';
import { saleForBasket } from '../../db/sales';
import { saleTenders } from '../../db/tenders';
import type { PaymentView, ReceiptView } from '../api/contract';
import { createSimulatorProvider } from '../payments/simulator/provider';
import type { PaymentSimulator } from '../payments/simulator/server';
import { createPaymentFlow, type PaymentFlow } from './payment-flow';

let sim: PaymentSimulator;
const opened: TestCheckout[] = [];
const flows: PaymentFlow[] = [];
const extraSimulators: PaymentSimulator[] = [];

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
afterEach(async () => {
  for (const flow of flows.splice(0)) flow.close();
  for (const simulator of extraSimulators.splice(0)) await simulator.close();
  for (const checkout of opened.splice(0)) {
    // Whatever happened, the store never charged anyone twice.
    const counts = chargeCounts(checkout.db);
    expect(Math.max(0, ...counts.salesPerBasket)).toBeLessThanOrEqual(1);
    expect(Math.max(0, ...counts.paidPaymentsPerBasket)).toBeLessThanOrEqual(1);
    expect(counts.unmatched).toBe(0);
    checkout.cleanup();
  }
});

/** A checkout with milk and bread in an open basket (total 2140) and a flow on the shared simulator. */
async function basketReady(settings: { paymentTimeoutSeconds?: number } = {}, baseUrl = sim.url) {
  const checkout = openCheckout(settings);
  opened.push(checkout);
  value(await checkout.basket['basket.addScan']({ code: PRODUCTS.milk.barcode, source: 'keypad' }));
  value(await checkout.basket['basket.addScan']({ code: PRODUCTS.bread.barcode, source: 'keypad' }));
  const flow = paymentFlowFor(checkout, baseUrl);
  flows.push(flow);
  return { checkout, flow, api: flow.handlers };
}

const stored = (checkout: TestCheckout, payment: PaymentView) => getPayment(checkout.db, payment.id)!;
const receipts = (checkout: TestCheckout): ReceiptView[] =>
  checkout.events.flatMap((e) => (e.type === 'sale.completed' ? [e.receipt] : []));

function waitForStatus(checkout: TestCheckout, payment: PaymentView, status: string, timeoutMs = 3000) {
  return waitFor(
    `payment ${payment.id} to be ${status}`,
    () => {
      const now = stored(checkout, payment);
      return now.status === status && now;
    },
    timeoutMs,
  );
}

describe('paying by payment code', () => {
  it('starts a pending payment with a pay URL and freezes the basket', async () => {
    const { checkout, api } = await basketReady();
    const payment = value(await api['payment.start']({}));
    expect(payment).toMatchObject({
      status: 'pending',
      amount: 2140,
      currency: 'CNY',
      provider: 'simulator',
    });
    expect(payment.qrPayload).toMatch(new RegExp(`^${sim.url}/pay/sim_`));
    const session = value(await checkout.basket['session.get']({}));
    expect(session.basket!.status).toBe('paying');
    expect(session.payment).toEqual(payment);
    const frozen = await checkout.basket['basket.setQuantity']({
      lineId: session.basket!.lines[0]!.id,
      quantity: 5,
    });
    expect(frozen.ok || frozen.error).toMatchObject({ code: 'basket_not_open' });
    const events = checkout.events.filter((e) => e.type === 'payment.changed');
    expect(events.at(-1)).toEqual({ type: 'payment.changed', payment });
  });

  it('refuses to start with nothing in the basket', async () => {
    const checkout = openCheckout();
    opened.push(checkout);
    const flow = paymentFlowFor(checkout, sim.url);
    flows.push(flow);
    const result = await flow.handlers['payment.start']({});
    expect(result.ok || result.error).toMatchObject({ code: 'basket_empty' });
  });

  it('completes the sale as soon as the shopper approves, with receipt S001-K01-000001', async () => {
    const { checkout, api } = await basketReady();
    const payment = value(await api['payment.start']({}));
    expect((await press(payment.qrPayload!, 'approve')).status).toBe(200);
    // The watcher long-polls, so it hears at once; without it, the next look would be 30 s away.
    // (How fast is measured by `npm run bench`, not here.)
    await waitForStatus(checkout, payment, 'paid', 10_000);

    const sale = saleForBasket(checkout.db, payment.basketId)!;
    expect(sale).toMatchObject({ receiptNumber: 'S001-K01-000001', total: 2140, paymentId: payment.id });
    expect(saleTenders(checkout.db, sale.id)).toEqual([
      { saleId: sale.id, position: 1, kind: 'merchant_qr', amount: 2140, paymentId: payment.id },
    ]);
    expect(receipts(checkout)).toHaveLength(1);
    const receipt = receipts(checkout)[0]!;
    expect(receipt.receiptNumber).toBe('S001-K01-000001');
    expect(receipt.totals.total).toBe(payment.amount);
    expect(receipt.payments).toEqual([
      { method: 'qr', provider: 'simulator', amount: 2140, reference: payment.reference },
    ]);
    expect(value(await api['payment.get']({ paymentId: payment.id })).status).toBe('paid');
    const session = value(await checkout.basket['session.get']({}));
    expect(session.basket!.status).toBe('paid');
    expect(session.receipt).toEqual(receipt);
  });

  it('a second tap on Pay shows the same payment, never a second one', async () => {
    const { checkout, api } = await basketReady();
    const [a, b] = await Promise.all([api['payment.start']({}), api['payment.start']({})]);
    const again = value(await api['payment.start']({}));
    expect(value(a).id).toBe(again.id);
    expect(value(b).id).toBe(again.id);
    const count = checkout.db.prepare('SELECT count(*) AS n FROM payments').get() as { n: number };
    expect(count.n).toBe(1);
  });

  it('a decline says why, reopens the basket, and the shopper can change it and pay with a NEW payment', async () => {
    const { checkout, api } = await basketReady();
    const first = value(await api['payment.start']({}));
    expect((await press(first.qrPayload!, 'decline')).status).toBe(200);
    const declined = await waitForStatus(checkout, first, 'declined');
    expect(declined.failureReason).toMatch(/declined/i);

    const session = value(await checkout.basket['session.get']({}));
    expect(session.basket!.status).toBe('open');
    expect(session.payment).toBeNull();
    const changed = value(
      await checkout.basket['basket.setQuantity']({ lineId: session.basket!.lines[0]!.id, quantity: 2 }),
    );
    expect(changed.totals.total).toBe(2140 + 1290);

    const second = value(await api['payment.start']({}));
    expect(second.id).not.toBe(first.id);
    expect(second.reference).not.toBe(first.reference);
    expect(second.amount).toBe(3430);
    await press(second.qrPayload!, 'approve');
    await waitForStatus(checkout, second, 'paid');
    expect(saleForBasket(checkout.db, second.basketId)).toMatchObject({ paymentId: second.id, total: 3430 });
  });

  it('cancel at the kiosk cancels the payment and reopens the basket; the code no longer pays', async () => {
    const { checkout, api } = await basketReady();
    const payment = value(await api['payment.start']({}));
    const cancelled = value(await api['payment.cancel']({ paymentId: payment.id }));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.failureReason).toMatch(/cancelled at the kiosk/i);
    expect(value(await checkout.basket['session.get']({})).basket!.status).toBe('open');
    expect((await press(payment.qrPayload!, 'approve')).status).toBe(409);
    expect(saleForBasket(checkout.db, payment.basketId)).toBeNull();
  });

  it('an unexpired code that nobody scans is cancelled on expiry, saying it expired', async () => {
    const { checkout, api } = await basketReady({ paymentTimeoutSeconds: 1 });
    const payment = value(await api['payment.start']({}));
    expect(payment.status).toBe('pending');
    const expired = await waitForStatus(checkout, payment, 'cancelled', 4000);
    expect(expired.failureReason).toMatch(/expir/i);
    expect(value(await checkout.basket['session.get']({})).basket!.status).toBe('open');
  });
});

describe('when things go wrong', () => {
  it('an unreachable provider leaves the payment unknown (never declined) until it answers again', async () => {
    // A port that was just ours and is now closed: nothing listens there until we restart on it.
    const gone = await startSimulator();
    const port = Number(new URL(gone.url).port);
    await gone.close();
    const { checkout, api } = await basketReady({}, gone.url);

    const payment = value(await api['payment.start']({}));
    expect(payment.status).toBe('unknown');
    expect(payment.failureReason).toMatch(/could not be reached/);
    expect(value(await checkout.basket['session.get']({})).basket!.status).toBe('paying');
    // The watcher keeps asking; the answer stays unknown, not declined.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(stored(checkout, payment).status).toBe('unknown');

    const back = await startSimulator(port);
    extraSimulators.push(back);
    const pending = await waitForStatus(checkout, payment, 'pending', 4000);
    expect(pending.qrPayload).toMatch(new RegExp(`^${back.url}/pay/`));
    await press(pending.qrPayload!, 'approve');
    await waitForStatus(checkout, payment, 'paid');
    expect(receipts(checkout).map((r) => r.totals.total)).toEqual([2140]);
  });

  it('after a restart, a payment approved while the kiosk was down completes exactly once', async () => {
    const { checkout, flow, api } = await basketReady();
    const payment = value(await api['payment.start']({}));
    flow.close(); // the process dies with the payment in flight
    await press(payment.qrPayload!, 'approve');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stored(checkout, payment).status).toBe('pending');

    const provider = createSimulatorProvider({ baseUrl: sim.url, timeoutMs: 2000 });
    const restarted = createPaymentFlow(checkout.ctx, provider, 'simulator');
    flows.push(restarted);
    restarted.recover();
    restarted.recover(); // a second call must not start a second watcher or a second sale
    await waitForStatus(checkout, payment, 'paid');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receipts(checkout)).toHaveLength(1);
    expect(saleForBasket(checkout.db, payment.basketId)).toMatchObject({
      paymentId: payment.id,
      receiptNumber: 'S001-K01-000001',
    });
  });

  it('a payment approved while the kiosk was down completes even when the kiosk restarts after expiry', async () => {
    const { checkout, flow, api } = await basketReady({ paymentTimeoutSeconds: 1 });
    const payment = value(await api['payment.start']({}));
    flow.close();
    expect((await press(payment.qrPayload!, 'approve')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(payment.expiresAt) - Date.now() + 100));

    const restarted = paymentFlowFor(checkout, sim.url);
    flows.push(restarted);
    restarted.recover();
    // The shopper's money moved: the kiosk must record the sale, never call it declined.
    const final = await waitFor('the recovered payment to finish', () => {
      const now = stored(checkout, payment);
      return now.status !== 'created' && now.status !== 'pending' && now.status !== 'unknown' && now;
    });
    expect(final.status).toBe('paid');
    expect(receipts(checkout)).toHaveLength(1);
  });

  it('a code that expires while the provider is unreachable is cancelled as expired, not declined', async () => {
    const gone = await startSimulator();
    const port = Number(new URL(gone.url).port);
    await gone.close();
    const { checkout, api } = await basketReady({ paymentTimeoutSeconds: 1 }, gone.url);
    const payment = value(await api['payment.start']({}));
    expect(payment.status).toBe('unknown');
    await new Promise((resolve) => setTimeout(resolve, Date.parse(payment.expiresAt) - Date.now() + 100));
    extraSimulators.push(await startSimulator(port));
    const final = await waitFor(
      'the payment to finish',
      () => {
        const now = stored(checkout, payment);
        return (now.status === 'declined' || now.status === 'cancelled') && now;
      },
      4000,
    );
    expect(final).toMatchObject({ status: 'cancelled', failureReason: expect.stringMatching(/expir/i) });
    expect(value(await checkout.basket['session.get']({})).basket!.status).toBe('open');
  });

  it('approve racing cancel ends either paid with a sale or cancelled without one, as the provider says', async () => {
    for (const delayMs of [0, 1, 5, 15]) {
      const { checkout, api } = await basketReady();
      const payment = value(await api['payment.start']({}));
      const approving = new Promise<Response>((resolve) =>
        setTimeout(() => resolve(press(payment.qrPayload!, 'approve')), delayMs),
      );
      const [cancel, approve] = await Promise.all([
        api['payment.cancel']({ paymentId: payment.id }),
        approving,
      ]);
      const final = await waitFor(`payment ${payment.id} to finish`, () => {
        const now = stored(checkout, payment);
        return (now.status === 'paid' || now.status === 'cancelled') && now;
      });
      const sale = saleForBasket(checkout.db, payment.basketId);
      const basket = value(await checkout.basket['session.get']({})).basket!;
      if (final.status === 'paid') {
        expect(approve.status).toBe(200);
        expect(sale).not.toBeNull();
        expect(basket.status).toBe('paid');
      } else {
        expect(approve.status).toBe(409);
        expect(sale).toBeNull();
        expect(basket.status).toBe('open');
      }
      expect(value(cancel).status).toBe(final.status);
    }
  });
});
