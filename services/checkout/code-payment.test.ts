// Paying with the shopper's wallet code (customer-presented), on real parts: a real SQLite file and
// the real payment simulator over HTTP. What happens when the answer does not come or the kiosk
// restarts is in code-payment-recovery.test.ts; the lane both use is test/helpers/code-payment-lane.ts.
import { describe, expect, it } from 'vitest';
import {
  PRODUCTS,
  WALLET,
  confirmOnPhone,
  outboxTypes,
  press,
  simulatorRecord,
  waitFor,
  value,
  latestPayment,
} from '../../test/helpers/checkout';
import {
  paymentEvents,
  receipts,
  scanCode,
  useCodePaymentLane,
  waitForStatus,
} from '../../test/helpers/code-payment-lane';
import { getPayment } from '../../db/payments';
import { saleForBasket } from '../../db/sales';
import { saleTenders } from '../../db/tenders';
import { currentBasket } from '../../db/baskets';
import { addScan } from './basket-handlers';

const lane = useCodePaymentLane();
const { basketReady, flowOn, ownSimulator } = lane;

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
    expect((await simulatorRecord(lane.sim.url, payment.reference)).body).toMatchObject({
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

    expect((await confirmOnPhone(lane.sim.url, payment.reference, 'approve')).status).toBe(200);
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
    expect((await confirmOnPhone(lane.sim.url, payment.reference, 'approve')).status).toBe(409);
    expect(currentBasket(checkout.db)!.status).toBe('open');
  });

  it('refuses a code with nothing to pay for, and a second code while one is being paid', async () => {
    const checkout = lane.openEmpty();
    flowOn(checkout, lane.sim.url);
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
    flowOn(checkout, lane.sim.url);

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
