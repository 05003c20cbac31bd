// Paying with the shopper's wallet code when the charge's answer does not come and when the kiosk
// restarts mid-payment, on real parts: a real SQLite file and the real payment simulator over HTTP,
// stopped, restarted and slowed down the way a store's network and power do it. The lane is
// test/helpers/code-payment-lane.ts, shared with code-payment.test.ts.
import { describe, expect, it } from 'vitest';
import {
  WALLET,
  confirmOnPhone,
  simulatorRecord,
  value,
  eventually,
  closedPort,
  latestPayment,
  type TestCheckout,
} from '../../test/helpers/checkout';
import {
  paymentEvents,
  receipts,
  scanCode,
  useCodePaymentLane,
  waitForStatus,
} from '../../test/helpers/code-payment-lane';
import { createPayment, getPayment, type PaymentRecord } from '../../db/payments';
import { currentBasket } from '../../db/baskets';
import { createSimulatorProvider } from '../payments/simulator/provider';

const lane = useCodePaymentLane();
const { basketReady, flowOn, ownSimulator } = lane;

describe('when the charge’s answer does not come', () => {
  it('an unreachable provider makes it unknown, never declined; back again, the charge it never got is reversed', async () => {
    const gone = await closedPort();
    const { checkout } = await basketReady({ baseUrl: gone.url });
    expect(value(await scanCode(checkout, WALLET.pays)).status).toBe('paying');
    const payment = latestPayment(checkout.db);
    expect(payment).toMatchObject({ status: 'unknown', failureReason: /could not be reached/ });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(getPayment(checkout.db, payment.id)!.status).toBe('unknown');

    const back = await lane.simulatorOn(gone.port);
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
    await confirmOnPhone(lane.sim.url, payment.reference, 'approve');

    const restarted = flowOn(checkout, lane.sim.url);
    restarted.recover();
    restarted.recover();
    await waitForStatus(checkout, payment.id, 'paid');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receipts(checkout)).toHaveLength(1);
  });

  it('stored but never sent (a crash before the charge left): the reference is reversed, nothing charged', async () => {
    const checkout = (await basketReady()).checkout;
    lane.closeFlows();
    const payment = storedCharge(checkout);

    flowOn(checkout, lane.sim.url).recover();
    const final = await waitForStatus(checkout, payment.id, 'cancelled');
    expect(final.failureReason).toMatch(/could not be charged/);
    expect((await simulatorRecord(lane.sim.url, payment.reference)).body.status).toBe('cancelled');
  });

  it('stored and sent, the answer lost in the crash: the restarted kiosk finds it paid by the reference', async () => {
    const checkout = (await basketReady()).checkout;
    lane.closeFlows();
    const payment = storedCharge(checkout);
    // What the dead process had sent before it died.
    await createSimulatorProvider({ baseUrl: lane.sim.url }).charge({
      reference: payment.reference,
      amount: payment.amount,
      currency: payment.currency,
      description: 'before the crash',
      expiresAt: payment.expiresAt,
      authCode: WALLET.pays,
    });

    flowOn(checkout, lane.sim.url).recover();
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
