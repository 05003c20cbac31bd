// The whole checkout paying through WeChat Pay: the real payment flow (services/checkout/payment-flow.ts)
// on a real SQLite store (test/helpers/checkout.ts), the adapter, and the stand-in over HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getPayment, type PaymentRecord } from '../../../db/payments';
import { saleForBasket } from '../../../db/sales';
import {
  PRODUCTS,
  WALLET,
  chargeCounts,
  openCheckout,
  withFlow,
  waitFor,
  type TestCheckout,
} from '../../../test/helpers/checkout';
import type { ApiResult } from '../../api/contract';
import { createPaymentFlow, type PaymentFlow } from '../../checkout/payment-flow';
import { createWechatPayProvider } from './adapter';
import {
  startStandinWithMerchant,
  type StandinWithMerchant,
} from '../../../test/standins/wechatpay/standin-merchant';

let env: StandinWithMerchant;
const opened: TestCheckout[] = [];
const flows: PaymentFlow[] = [];

beforeAll(async () => {
  env = await startStandinWithMerchant();
});
afterAll(() => env.standin.close());
afterEach(() => {
  env.standin.faults.tamper = false;
  for (const flow of flows.splice(0)) flow.close();
  for (const checkout of opened.splice(0)) {
    // Whatever happened, nobody was charged twice and every paid payment is a sale.
    const counts = chargeCounts(checkout.db);
    expect(Math.max(0, ...counts.salesPerBasket)).toBeLessThanOrEqual(1);
    expect(Math.max(0, ...counts.paidPaymentsPerBasket)).toBeLessThanOrEqual(1);
    expect(counts.unmatched).toBe(0);
    checkout.cleanup();
  }
});

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Milk and bread (2140 fen) in an open basket, and a payment flow paying through WeChat Pay. */
async function basketReady() {
  const checkout = openCheckout();
  opened.push(checkout);
  for (const item of [PRODUCTS.milk, PRODUCTS.bread])
    value(await checkout.basket['basket.addScan']({ code: item.barcode, source: 'keypad' }));
  const flow = withFlow(
    checkout,
    createPaymentFlow(checkout.ctx, createWechatPayProvider(env.providerOptions()), 'wechatpay'),
  );
  flows.push(flow);
  return { checkout, api: flow.handlers };
}

const latestPayment = (checkout: TestCheckout): PaymentRecord => {
  const row = checkout.db
    .prepare('SELECT id FROM payments ORDER BY created_at DESC, id DESC LIMIT 1')
    .get() as {
    id: string;
  };
  return getPayment(checkout.db, row.id)!;
};

const waitForStatus = (checkout: TestCheckout, id: string, status: string, timeoutMs = 5000) =>
  waitFor(`payment ${id} to be ${status}`, () => getPayment(checkout.db, id)?.status === status, timeoutMs);

describe('a basket paid through WeChat Pay', () => {
  it('shows the Native order’s code_url as the QR and completes the sale when the phone pays it', async () => {
    const { checkout, api } = await basketReady();
    const payment = value(await api['payment.start']({}));
    expect(payment).toMatchObject({
      status: 'pending',
      amount: 2140,
      currency: 'CNY',
      provider: 'wechatpay',
    });
    expect(payment.qrPayload).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);

    expect(env.standin.payCodeUrl(payment.qrPayload!)).toBe(true);
    await waitForStatus(checkout, payment.id, 'paid');
    const sale = saleForBasket(checkout.db, payment.basketId)!;
    expect(sale).toMatchObject({ total: 2140, paymentId: payment.id });
    const receipt = checkout.events.flatMap((e) => (e.type === 'sale.completed' ? [e.receipt] : []))[0]!;
    expect(receipt.payments).toEqual([
      { method: 'qr', provider: 'wechatpay', amount: 2140, reference: payment.reference },
    ]);
  });

  it('closes the WeChat Pay order when the shopper cancels at the kiosk', async () => {
    const { checkout, api } = await basketReady();
    const payment = value(await api['payment.start']({}));
    const after = value(await api['payment.cancel']({ paymentId: payment.id }));
    expect(after.status).toBe('cancelled');
    expect(env.standin.order(payment.reference)!.tradeState).toBe('CLOSED');
    expect(env.standin.payCodeUrl(payment.qrPayload!)).toBe(false);
    expect(saleForBasket(checkout.db, payment.basketId)).toBeNull();
  });

  it('charges the shopper’s payment code, waiting while they confirm on the phone', async () => {
    const { checkout } = await basketReady();
    value(await checkout.basket['basket.addScan']({ code: WALLET.confirms, source: 'camera' }));
    const payment = await waitFor('a charged payment', () => {
      const p = latestPayment(checkout);
      return p.status === 'pending' && p;
    });
    expect(payment).toMatchObject({ method: 'customer_presented', provider: 'wechatpay', amount: 2140 });
    expect(env.standin.order(payment.reference)).toMatchObject({
      tradeType: 'MICROPAY',
      tradeState: 'USERPAYING',
    });

    env.standin.confirm(payment.reference, 'approve');
    await waitForStatus(checkout, payment.id, 'paid');
    expect(saleForBasket(checkout.db, payment.basketId)).toMatchObject({
      total: 2140,
      paymentId: payment.id,
    });
  });

  it('never sells on a tampered answer: the payment stays unknown until a verified answer says paid', async () => {
    const { checkout, api } = await basketReady();
    const payment = value(await api['payment.start']({}));
    env.standin.faults.tamper = true;
    await waitForStatus(checkout, payment.id, 'unknown');
    expect(saleForBasket(checkout.db, payment.basketId)).toBeNull();

    // The shopper really pays; once answers verify again, that is what the checkout learns.
    env.standin.payCodeUrl(payment.qrPayload!);
    env.standin.faults.tamper = false;
    await waitForStatus(checkout, payment.id, 'paid');
    expect(saleForBasket(checkout.db, payment.basketId)).toMatchObject({ paymentId: payment.id });
  });
});
