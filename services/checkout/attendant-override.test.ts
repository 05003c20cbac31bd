// An attendant marking a payment paid that the provider cannot confirm, on real parts: a real SQLite
// file, the real payment simulator over HTTP (its fault modes keep the payment unknown), the real flow.
import { afterEach, describe, expect, it } from 'vitest';
import { journalEntries, verifyJournal } from '../../db/journal';
import { getPayment, type PaymentRecord } from '../../db/payments';
import { saleForBasket } from '../../db/sales';
import {
  PRODUCTS,
  chargeCounts,
  openCheckout,
  press,
  startSimulator,
  waitFor,
  type TestCheckout,
  value,
} from '../../test/helpers/checkout';
import type { Fault } from '../payments/simulator/faults';
import { createSimulatorProvider } from '../payments/simulator/provider';
import type { PaymentSimulator } from '../payments/simulator/server';
import type { Attendant } from '../settings';
import { hashPin } from '../staff/pin';
import { addScan } from './basket-handlers';
import { createPaymentFlow, type PaymentFlow } from './payment-flow';

const FAST = { N: 1024, r: 8, p: 1 };
const ATTENDANT: Attendant = {
  id: 'A01',
  name: 'Li Na',
  badge: 'STAFF-A01X',
  pinHash: hashPin('2468', FAST),
  role: 'attendant',
};
const REASON = 'Shopper’s phone shows it paid';
/** milk + bread. */
const TOTAL = 2140;

interface Lane {
  checkout: TestCheckout;
  flow: PaymentFlow;
  sim: PaymentSimulator;
}
const lanes: Lane[] = [];

afterEach(async () => {
  for (const lane of lanes.splice(0)) {
    lane.flow.close();
    lane.checkout.cleanup();
    await lane.sim.close();
  }
});

async function lane(faults: Fault[] = [], staff: Attendant[] = [ATTENDANT]): Promise<Lane> {
  const sim = await startSimulator(0, { faults });
  const checkout = openCheckout({ attendants: staff });
  const provider = createSimulatorProvider({ baseUrl: sim.url, timeoutMs: 500 });
  const flow = createPaymentFlow(checkout.ctx, provider, 'simulator');
  const made = { checkout, flow, sim };
  lanes.push(made);
  for (const item of [PRODUCTS.milk, PRODUCTS.bread])
    value(await checkout.basket['basket.addScan']({ code: item.barcode, source: 'keypad' }));
  return made;
}

/** A QR payment whose create never reaches the provider: the kiosk cannot know, so it is unknown. */
async function unknownPayment(staff?: Attendant[]): Promise<{ l: Lane; payment: PaymentRecord }> {
  const l = await lane([{ mode: 'timeout_before_charge', ms: 60_000 }], staff);
  const view = value(await l.flow.handlers['payment.start']({}));
  expect(view.status).toBe('unknown');
  return { l, payment: getPayment(l.checkout.db, view.id)! };
}

/** A QR payment shown and waiting for the shopper's phone. */
async function pendingPayment(): Promise<{ l: Lane; payment: PaymentRecord }> {
  const l = await lane();
  const view = value(await l.flow.handlers['payment.start']({}));
  const payment = await waitFor('the QR code', () => {
    const now = getPayment(l.checkout.db, view.id)!;
    return now.status === 'pending' && now.qrPayload ? now : null;
  });
  return { l, payment };
}

const markPaid = (l: Lane, paymentId: string, pin: string, badge = ATTENDANT.badge, reason = REASON) =>
  l.flow.handlers['payment.markPaid']({ paymentId, badge, pin, reason });

/** Everything a refused override must leave alone. */
function snapshot(l: Lane) {
  const { db } = l.checkout;
  return {
    journal: db.prepare('SELECT count(*) FROM journal').pluck().get(),
    outbox: db.prepare('SELECT count(*) FROM outbox').pluck().get(),
    sales: db.prepare('SELECT count(*) FROM sales').pluck().get(),
    payments: db.prepare('SELECT * FROM payments ORDER BY id').all(),
  };
}

describe('payment.markPaid: an attendant vouches for a payment the kiosk cannot confirm', () => {
  it('a wrong PIN is refused as staff_denied, saying so, and writes nothing', async () => {
    const { l, payment } = await unknownPayment();
    const before = snapshot(l);
    const result = await markPaid(l, payment.id, '1357');
    expect(result).toMatchObject({ ok: false, error: { code: 'staff_denied' } });
    expect(!result.ok && result.error.message).toMatch(/wrong PIN/i);
    // A PIN that is not even 4–8 digits is just as wrong.
    expect(await markPaid(l, payment.id, '12')).toMatchObject({ ok: false, error: { code: 'staff_denied' } });
    expect(snapshot(l)).toEqual(before);
    expect(l.checkout.events.some((e) => e.type === 'sale.completed')).toBe(false);
  });

  it('an unknown badge is refused, and writes nothing', async () => {
    const { l, payment } = await unknownPayment();
    const before = snapshot(l);
    expect(await markPaid(l, payment.id, '2468', 'STAFF-NOBODY')).toMatchObject({
      ok: false,
      error: { code: 'staff_unknown' },
    });
    expect(snapshot(l)).toEqual(before);
  });

  it('five wrong PINs lock the badge: even the right PIN is refused for a while', async () => {
    const { l, payment } = await unknownPayment();
    for (let i = 0; i < 5; i++)
      expect(await markPaid(l, payment.id, '0000')).toMatchObject({ error: { code: 'staff_denied' } });
    const before = snapshot(l);
    const locked = await markPaid(l, payment.id, '2468');
    expect(locked).toMatchObject({ ok: false, error: { code: 'staff_locked' } });
    expect(!locked.ok && locked.error.message).toMatch(/too many wrong PINs/i);
    expect(snapshot(l)).toEqual(before);
  });

  it('a final payment cannot be marked paid', async () => {
    const { l, payment } = await pendingPayment();
    value(await l.flow.handlers['payment.cancel']({ paymentId: payment.id }));
    expect(getPayment(l.checkout.db, payment.id)!.status).toBe('cancelled');
    const before = snapshot(l);
    const result = await markPaid(l, payment.id, '2468');
    expect(result).toMatchObject({ ok: false, error: { code: 'payment_not_in_flight' } });
    expect(!result.ok && result.error.message).toMatch(/already cancelled.*only a pending or unknown/i);
    expect(snapshot(l)).toEqual(before);
    expect(await markPaid(l, 'no-such-payment', '2468')).toMatchObject({
      error: { code: 'payment_not_found' },
    });
  });

  it('an unknown payment marked paid: one sale, one receipt, the journal whole with the override first', async () => {
    const { l, payment } = await unknownPayment();
    const journalBefore = journalEntries(l.checkout.db).length;
    const view = value(await markPaid(l, payment.id, '2468'));
    expect(view).toMatchObject({ id: payment.id, status: 'paid', amount: TOTAL });
    const { db } = l.checkout;
    expect(getPayment(db, payment.id)).toMatchObject({ status: 'paid', confirmedBy: 'A01' });
    expect(saleForBasket(db, payment.basketId)).toMatchObject({ paymentId: payment.id, total: TOTAL });
    const receipts = l.checkout.events.filter((e) => e.type === 'sale.completed');
    expect(receipts).toHaveLength(1);
    expect(l.checkout.events.at(-1)).toMatchObject({ type: 'basket.changed', basket: { status: 'paid' } });

    expect(verifyJournal(db)).toMatchObject({ ok: true });
    const added = journalEntries(db).slice(journalBefore);
    expect(added.map((e) => e.kind)).toEqual(['override', 'payment', 'sale']);
    expect(added[0]!.data).toEqual({
      action: 'mark_paid',
      basketId: payment.basketId,
      paymentId: payment.id,
      attendantId: 'A01',
      reason: REASON,
      amount: TOTAL,
      currency: 'CNY',
    });
    expect(added[1]!.data).toMatchObject({
      paymentId: payment.id,
      status: 'paid',
      previousStatus: 'unknown',
    });
    // Exactly the outbox a confirmed payment leaves: the sale once, each journal entry's copy.
    const types = db.prepare('SELECT type FROM outbox ORDER BY rowid').pluck().all() as string[];
    expect(types.filter((t) => t === 'sale.completed')).toHaveLength(1);
    expect(chargeCounts(db)).toMatchObject({ unmatched: 0 });
    // Marking it again is refused: it is final.
    expect(await markPaid(l, payment.id, '2468')).toMatchObject({ error: { code: 'payment_not_in_flight' } });
  });

  it('a pending payment marked paid, then the phone’s "paid" arrives late: nothing is doubled', async () => {
    const { l, payment } = await pendingPayment();
    value(await markPaid(l, payment.id, '2468'));
    const { db } = l.checkout;
    const after = snapshot(l);
    const receipts = () => l.checkout.events.filter((e) => e.type === 'sale.completed').length;
    expect(receipts()).toBe(1);
    // The shopper's approval reaches the provider only now; the kiosk no longer listens, and the
    // payment is final anyway.
    expect((await press(payment.qrPayload!, 'approve')).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(snapshot(l)).toEqual(after);
    expect(receipts()).toBe(1);
    expect(chargeCounts(db)).toEqual({ salesPerBasket: [1], paidPaymentsPerBasket: [1], unmatched: 0 });
    // A restarted flow has nothing to recover: the payment is final.
    l.flow.close();
    l.flow = createPaymentFlow(
      l.checkout.ctx,
      createSimulatorProvider({ baseUrl: l.sim.url, timeoutMs: 500 }),
      'simulator',
    );
    l.flow.recover();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(snapshot(l)).toEqual(after);
    expect(verifyJournal(db)).toMatchObject({ ok: true });
  });
});

describe('payment.markPaid by role', () => {
  const CASHIER: Attendant = {
    id: 'C01',
    name: 'Zhao Min',
    badge: 'STAFF-C01X',
    pinHash: hashPin('1357', FAST),
    role: 'cashier',
  };
  const SUPERVISOR: Attendant = { ...CASHIER, id: 'S01', badge: 'STAFF-S01X', role: 'supervisor' };

  it('a cashier’s right badge and PIN are refused as staff_not_allowed, and write nothing', async () => {
    const { l, payment } = await unknownPayment([CASHIER, SUPERVISOR]);
    const before = snapshot(l);
    const result = await markPaid(l, payment.id, '1357', CASHIER.badge);
    expect(result).toMatchObject({ ok: false, error: { code: 'staff_not_allowed' } });
    expect(!result.ok && result.error.message).toBe('A cashier may not mark a payment as paid');
    expect(snapshot(l)).toEqual(before);
    expect(getPayment(l.checkout.db, payment.id)!.status).toBe('unknown');
    // The supervisor's badge then marks the same payment paid, and the journal names them.
    expect(value(await markPaid(l, payment.id, '1357', SUPERVISOR.badge))).toMatchObject({ status: 'paid' });
    expect(getPayment(l.checkout.db, payment.id)).toMatchObject({ status: 'paid', confirmedBy: 'S01' });
    const override = journalEntries(l.checkout.db).find((e) => e.kind === 'override');
    expect(override!.data).toMatchObject({ action: 'mark_paid', attendantId: 'S01' });
  });

  it('a cashier’s badge scanned during the payment offers nothing, only the quiet note', async () => {
    const { l } = await unknownPayment([CASHIER]);
    expect(addScan(l.checkout.ctx, CASHIER.badge, 'serial')).toMatchObject({
      error: { code: 'staff_badge' },
    });
    expect(l.checkout.events.some((e) => e.type === 'staff.override')).toBe(false);
  });
});

describe('a staff badge scanned', () => {
  it('during a payment the kiosk cannot confirm: a known attendant is offered "mark as paid"', async () => {
    const { l, payment } = await unknownPayment();
    const result = addScan(l.checkout.ctx, ATTENDANT.badge, 'serial');
    expect(result).toMatchObject({ ok: false, error: { code: 'staff_override' } });
    expect(l.checkout.events.at(-1)).toEqual({
      type: 'staff.override',
      offer: { badge: ATTENDANT.badge, attendantName: 'Li Na', paymentId: payment.id },
    });
    // Someone else's badge keeps today's quiet note, and offers nothing.
    expect(addScan(l.checkout.ctx, 'STAFF-B02Y', 'serial')).toMatchObject({ error: { code: 'staff_badge' } });
    expect(l.checkout.events.filter((e) => e.type === 'staff.override')).toHaveLength(1);
  });

  it('outside a payment: the quiet note, nothing offered', async () => {
    const l = await lane();
    expect(addScan(l.checkout.ctx, ATTENDANT.badge, 'serial')).toMatchObject({
      error: { code: 'staff_badge' },
    });
    expect(l.checkout.events.at(-1)).toMatchObject({ type: 'scan.notice', notice: { code: 'staff_badge' } });
    expect(l.checkout.events.some((e) => e.type === 'staff.override')).toBe(false);
  });
});
