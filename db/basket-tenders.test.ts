// The counter's tenders of a sale in progress (migration 0018) and the sale they complete, through the
// store's own functions on a real SQLite file.
import { describe, expect, it } from 'vitest';
import {
  basketWithPencils,
  PAYMENT_EXPIRES_AT,
  refusalCode,
  startPayment,
} from '../test/helpers/db-fixtures';
import { useTempDatabase } from '../test/helpers/temp-db';
import {
  basketTenders,
  finishCodeReversal,
  reverseCashTender,
  startCodeReversal,
  takeCashTender,
  takeCodeTender,
} from './basket-tenders';
import { getBasket } from './baskets';
import { journalEntries } from './journal';
import { pendingEvents } from './outbox';
import { updatePayment } from './payments';
import { saleTenders } from './tenders';
import { completeTenderedSale } from './tendered-sale';

const temp = useTempDatabase();
const STAFF = 'cashier-7';

/** A basket of ten pencils (12.90 EUR) being tendered. */
function tendered() {
  const { basket } = basketWithPencils(temp.db, 10);
  return { basketId: basket.id, total: 1290, currency: 'EUR' };
}

const cash = (t: ReturnType<typeof tendered>, amount: number, handed = amount, rounding = 0) =>
  takeCashTender(temp.db, { ...t, amount, tendered: handed, rounding, staffId: STAFF });

const qr = (t: ReturnType<typeof tendered>, amount: number) =>
  takeCodeTender(temp.db, {
    ...t,
    staffId: STAFF,
    payment: { provider: 'sim', amount, expiresAt: PAYMENT_EXPIRES_AT },
  });

const paid = (paymentId: string) => {
  updatePayment(temp.db, paymentId, { status: 'pending', providerRef: `prov-${paymentId}` });
  return updatePayment(temp.db, paymentId, { status: 'paid' });
};

function sell(basketId: string) {
  return completeTenderedSale(temp.db, {
    basketId,
    storeId: 'S001',
    terminalId: 'C01',
    staffId: STAFF,
    shiftId: null,
    soldAt: new Date('2026-12-07T06:00:00.000Z'),
    makeReceipt: (receiptNumber, settled) => ({
      total: 1290,
      taxTotal: 206,
      json: { receiptNumber, settled },
    }),
  });
}

describe('basket tenders', () => {
  it('cash then a QR for the rest: the sale names the cashier and its tenders, one transaction', () => {
    const t = tendered();
    cash(t, 500);
    expect(getBasket(temp.db, t.basketId)?.status).toBe('paying');
    // Never a code payment beyond what is still due (7.90), nor a second one in flight.
    expect(refusalCode(() => qr(t, 791))).toBe('invalid_payment');
    const { payment } = qr(t, 790);
    expect(refusalCode(() => qr(t, 100))).toBe('invalid_payment');
    expect(refusalCode(() => sell(t.basketId))).toBe('tenders_not_settled');
    paid(payment.id);
    expect(basketTenders(temp.db, t.basketId).map((x) => x.state)).toEqual(['taken', 'taken']);
    const sale = sell(t.basketId);
    expect(getBasket(temp.db, t.basketId)?.status).toBe('paid');
    const row = temp.db.prepare('SELECT staff_id, shift_id, cash_rounding, payment_id FROM sales').get();
    expect(row).toEqual({ staff_id: STAFF, shift_id: null, cash_rounding: 0, payment_id: null });
    expect(saleTenders(temp.db, sale.id).map((x) => [x.kind, x.amount])).toEqual([
      ['cash', 500],
      ['merchant_qr', 790],
    ]);
    const entry = journalEntries(temp.db).find((e) => e.kind === 'sale');
    expect(entry?.data).toMatchObject({ staffId: STAFF, cashRounding: 0, paymentIds: [payment.id] });
    const event = pendingEvents(temp.db, 100).find((e) => e.type === 'sale.completed');
    expect(event?.payload).toMatchObject({ paymentId: null, cashRounding: 0, change: 0, staffId: STAFF });
    // Written once: the tenders of the sale are history now.
    expect(() => temp.db.prepare("UPDATE basket_tenders SET state = 'reversed'").run()).toThrow(/immutable/);
  });

  it('cash settling the rest carries the rounding; the sale adds it up as its own figure', () => {
    const t = tendered();
    const { payment } = qr(t, 286);
    paid(payment.id);
    // 10.04 left; rounded to 10.05 (+1) and 20.00 handed: 9.95 change.
    cash(t, 1005, 2000, 1);
    const sale = sell(t.basketId);
    expect(temp.db.prepare('SELECT cash_rounding FROM sales').pluck().get()).toBe(1);
    expect(saleTenders(temp.db, sale.id).at(-1)).toMatchObject({
      kind: 'cash',
      amount: 1005,
      tendered: 2000,
    });
    const event = pendingEvents(temp.db, 100).find((e) => e.type === 'sale.completed');
    expect(event?.payload).toMatchObject({ cashRounding: 1, change: 995 });
  });

  it('a declined QR leaves the cash standing and the basket paying; taking the cash back opens it', () => {
    const t = tendered();
    cash(t, 500);
    const { payment } = qr(t, 790);
    updatePayment(temp.db, payment.id, { status: 'declined', failureReason: 'insufficient funds' });
    expect(basketTenders(temp.db, t.basketId).map((x) => [x.state, x.failureReason])).toEqual([
      ['taken', null],
      ['failed', 'insufficient funds'],
    ]);
    expect(getBasket(temp.db, t.basketId)?.status).toBe('paying');
    reverseCashTender(temp.db, t.basketId, 1, STAFF);
    expect(getBasket(temp.db, t.basketId)?.status).toBe('open');
    expect(refusalCode(() => reverseCashTender(temp.db, t.basketId, 1, STAFF))).toBe('tender_not_reversible');
  });

  it('a paid QR taken back is stored reversing first; refused, it stands again; refunded, it is reversed', () => {
    const t = tendered();
    const { payment } = qr(t, 1290);
    paid(payment.id);
    startCodeReversal(temp.db, t.basketId, 1, 'RF1', STAFF);
    // While the provider is asked, it still counts: no new payment may take its amount.
    expect(refusalCode(() => qr(t, 1))).toBe('invalid_payment');
    finishCodeReversal(temp.db, t.basketId, 1, { refunded: false, reason: 'refund window closed' });
    expect(basketTenders(temp.db, t.basketId)[0]).toMatchObject({
      state: 'taken',
      failureReason: 'refund window closed',
    });
    startCodeReversal(temp.db, t.basketId, 1, 'RF2', STAFF);
    finishCodeReversal(temp.db, t.basketId, 1, { refunded: true, refundRef: 'R-9' });
    expect(basketTenders(temp.db, t.basketId)[0]).toMatchObject({
      state: 'reversed',
      refundRef: 'R-9',
      reversedBy: STAFF,
    });
    // The refund is journalled as money back, naming who took the tender back.
    const refunds = journalEntries(temp.db).filter((e) => e.kind === 'refund');
    expect(refunds.map((e) => e.data)).toMatchObject([
      {
        action: 'tender_refunded',
        position: 1,
        amount: 1290,
        refundReference: 'RF2',
        refundRef: 'R-9',
        staffId: STAFF,
      },
    ]);
    expect(getBasket(temp.db, t.basketId)?.status).toBe('open');
    // The basket may be paid again now, in full.
    expect(qr(t, 1290).tender.state).toBe('pending');
  });

  it('the tenders survive a restart exactly as taken', () => {
    const t = tendered();
    cash(t, 500, 500);
    qr(t, 790);
    const before = basketTenders(temp.db, t.basketId);
    temp.reopen();
    expect(basketTenders(temp.db, t.basketId)).toEqual(before);
  });

  it('keeps the kiosk’s guarantee: a basket not tendered is paid once, one payment in flight', () => {
    const { basket } = basketWithPencils(temp.db, 1);
    const first = startPayment(temp.db, basket.id, 129);
    expect(() => startPayment(temp.db, basket.id, 129, { tendering: true })).toThrow(/UNIQUE/);
    paid(first.id);
    const insert = () =>
      temp.db
        .prepare(
          `INSERT INTO payments (id, basket_id, reference, provider, status, amount, currency, expires_at,
             created_at, updated_at) VALUES ('p2', ?, 'OLp2', 'sim', 'created', 129, 'EUR', 'T', 'T', 'T')`,
        )
        .run(basket.id);
    expect(insert).toThrow(/paid once/);
  });
});
