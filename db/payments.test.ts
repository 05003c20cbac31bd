import { beforeEach, describe, expect, it } from 'vitest';
import {
  PENCIL as pencil,
  basketWithPencils,
  refusalCode as codeOf,
  startPayment,
} from '../test/helpers/db-fixtures';
import { openTempDatabase, useTempDatabase } from '../test/helpers/temp-db';
import { addItem, currentBasket, type BasketRecord } from './baskets';
import { pendingEvents } from './outbox';
import {
  PAYMENT_MOVES,
  activePayment,
  getPayment,
  paymentsToRecover,
  updatePayment,
  type NewPayment,
  type PaymentRecord,
} from './payments';
import type { PaymentStatus } from '../core/types';

const temp = useTempDatabase();
let basket: BasketRecord;
beforeEach(() => {
  ({ basket } = basketWithPencils(temp.db, 2));
});

/** A payment of the two pencils; `input` makes it a bad one. */
const start = (input: Partial<NewPayment> = {}): PaymentRecord =>
  startPayment(temp.db, basket.id, 258, input);

describe('payments', () => {
  it('is stored as created before any network call, with the basket paying and one event', () => {
    const payment = start();
    // What a kiosk killed right now would find on restart:
    temp.reopen();
    expect(getPayment(temp.db, payment.id)).toEqual(payment);
    expect(payment).toMatchObject({ status: 'created', amount: 258, currency: 'EUR', qrPayload: null });
    expect(payment.reference).toMatch(/^OL[0-9a-f]{30}$/);
    expect(currentBasket(temp.db)?.status).toBe('paying');
    expect(activePayment(temp.db, basket.id)?.id).toBe(payment.id);
    expect(paymentsToRecover(temp.db).map((p) => p.id)).toEqual([payment.id]);
    const events = pendingEvents(temp.db, 100).filter((e) => e.type.startsWith('payment.'));
    expect(events.map((e) => e.type)).toEqual(['payment.created']);
    expect(events[0]?.payload).toMatchObject({ id: payment.id, reference: payment.reference, amount: 258 });
  });

  it('makes a fresh reference for every payment', () => {
    const refs = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const payment = start();
      refs.add(payment.reference);
      updatePayment(temp.db, payment.id, { status: 'cancelled' });
    }
    expect(refs.size).toBe(20);
  });

  it('refuses a payment for a basket that is not open, or with a bad amount or currency', () => {
    expect(codeOf(() => start({ amount: 0 }))).toBe('invalid_payment');
    expect(codeOf(() => start({ amount: 2.5 }))).toBe('invalid_payment');
    expect(codeOf(() => start({ currency: 'USD' }))).toBe('invalid_payment');
    start();
    expect(codeOf(start)).toBe('basket_not_open');
    expect(temp.db.prepare('SELECT count(*) AS n FROM payments').get()).toEqual({ n: 1 });
  });

  it('follows the allowed transitions and refuses every other one', () => {
    const all: PaymentStatus[] = ['created', 'pending', 'paid', 'declined', 'cancelled', 'unknown'];
    // Walk a payment to each `from` status by a legal path, then try every `to`.
    const pathTo: Record<PaymentStatus, PaymentStatus[]> = {
      created: [],
      pending: ['pending'],
      unknown: ['unknown'],
      paid: ['pending', 'paid'],
      declined: ['declined'],
      cancelled: ['cancelled'],
    };
    for (const from of all) {
      for (const to of all) {
        if (to === from) continue;
        const t = openTempDatabase();
        try {
          const { basket: b } = basketWithPencils(t.db, 1);
          const p = startPayment(t.db, b.id, 129);
          for (const step of pathTo[from]) updatePayment(t.db, p.id, { status: step });
          const allowed = PAYMENT_MOVES[from].includes(to);
          const code = codeOf(() => updatePayment(t.db, p.id, { status: to }));
          expect({ from, to, code }).toEqual({ from, to, code: allowed ? undefined : 'illegal_transition' });
          expect(getPayment(t.db, p.id)?.status).toBe(allowed ? to : from);
        } finally {
          t.cleanup();
        }
      }
    }
  });

  it('writes one event per status change and none for a field-only update', () => {
    const payment = start();
    updatePayment(temp.db, payment.id, { qrPayload: 'https://pay.example/abc' });
    updatePayment(temp.db, payment.id, { status: 'pending', providerRef: 'prov-1' });
    updatePayment(temp.db, payment.id, { status: 'unknown', failureReason: 'timeout' });
    const types = pendingEvents(temp.db, 100)
      .map((e) => e.type)
      .filter((t) => t.startsWith('payment.'));
    expect(types).toEqual(['payment.created', 'payment.status_changed', 'payment.status_changed']);
    expect(getPayment(temp.db, payment.id)).toMatchObject({
      status: 'unknown',
      qrPayload: 'https://pay.example/abc',
      providerRef: 'prov-1',
      failureReason: 'timeout',
    });
  });

  it('sends the basket back to open when the payment is declined or cancelled', () => {
    for (const end of ['declined', 'cancelled'] as const) {
      const payment = start();
      updatePayment(temp.db, payment.id, { status: 'pending' });
      expect(currentBasket(temp.db)?.status).toBe('paying');
      updatePayment(temp.db, payment.id, { status: end, failureReason: 'shopper gave up' });
      expect(currentBasket(temp.db)?.status).toBe('open');
      expect(activePayment(temp.db, basket.id)).toBeNull();
      expect(paymentsToRecover(temp.db)).toEqual([]);
      // The shopper can change the basket again.
      addItem(temp.db, basket.id, pencil, 1);
    }
  });

  it('keeps the basket paying while the outcome is unknown, and recovers unknown payments', () => {
    const payment = start();
    updatePayment(temp.db, payment.id, { status: 'unknown' });
    temp.reopen();
    expect(currentBasket(temp.db)?.status).toBe('paying');
    expect(paymentsToRecover(temp.db).map((p) => [p.id, p.status])).toEqual([[payment.id, 'unknown']]);
  });

  it('reports an unknown payment id', () => {
    expect(codeOf(() => updatePayment(temp.db, 'nope', { status: 'pending' }))).toBe('payment_not_found');
    expect(getPayment(temp.db, 'nope')).toBeNull();
  });

  it('stores a customer-presented payment with its masked code and its reference as provider ref', () => {
    const payment = start({ method: 'customer_presented', maskedCode: '1345****7788' });
    temp.reopen();
    expect(getPayment(temp.db, payment.id)).toEqual(payment);
    expect(payment).toMatchObject({
      status: 'created',
      method: 'customer_presented',
      maskedCode: '1345****7788',
      providerRef: payment.reference,
      qrPayload: null,
    });
    const [event] = pendingEvents(temp.db, 100).filter((e) => e.type === 'payment.created');
    expect(JSON.stringify(event)).toContain('1345****7788');
    expect(currentBasket(temp.db)?.status).toBe('paying');
  });

  it('keeps a merchant-presented payment without a code or provider ref until the provider gives one', () => {
    expect(start()).toMatchObject({ method: 'merchant_presented', maskedCode: null, providerRef: null });
  });

  it('refuses a customer-presented payment without a masked code, or with the whole code', () => {
    for (const maskedCode of [undefined, '', '134512345678907788', '1345123456789****7788']) {
      expect(codeOf(() => start({ method: 'customer_presented', maskedCode }))).toBe('invalid_payment');
    }
    expect(currentBasket(temp.db)?.status).toBe('open');
    expect(temp.db.prepare('SELECT count(*) AS n FROM payments').get()).toEqual({ n: 0 });
  });
});
