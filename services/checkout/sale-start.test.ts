// A sale starts empty: a member card scanned after a sale was paid (on the receipt screen) used to ride
// into the next customer's sale, because finishing the sale left the member-only basket open. On a real
// SQLite file with the real payment simulator.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { currentBasket } from '../../db/baskets';
import { pendingEvents } from '../../db/outbox';
import {
  PRODUCTS,
  WALLET,
  openCheckout,
  paymentFlowFor,
  startSimulator,
  value,
  waitFor,
  type TestCheckout,
} from '../../test/helpers/checkout';
import { CASHIER, COUNTER_STAFF, STAFF_PINS } from '../../test/helpers/staff';
import { counterDuty } from '../counter/duty';
import type { PaymentSimulator } from '../payments/simulator/server';

const MEMBER_CARD = 'MEM20260001';

let sim: PaymentSimulator;
let checkout: TestCheckout;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
afterEach(() => checkout.cleanup());

const scan = (code: string) => checkout.basket['basket.addScan']({ code, source: 'serial' });

/** One customer's sale paid by wallet code, then their member card scanned late on the receipt screen. */
async function paidSaleThenLateMemberCard(): Promise<void> {
  paymentFlowFor(checkout, sim.url);
  value(await scan(PRODUCTS.milk.barcode));
  value(await scan(WALLET.pays));
  await waitFor('the sale', () => currentBasket(checkout.db)?.status === 'paid');
  expect(value(await scan(MEMBER_CARD))).toMatchObject({ lines: [], member: { memberId: '20260001' } });
}

describe('a sale starts empty', () => {
  it('finishing a sale puts away a basket that holds only a member card; the next sale has no member', async () => {
    checkout = openCheckout();
    await paidSaleThenLateMemberCard();
    const leftover = currentBasket(checkout.db)!;
    const session = value(await checkout.basket['sale.finish']({}));
    expect(session.basket).toBeNull();
    // Recorded as what it was: the member-only basket cancelled, nothing in it.
    const cancelled = pendingEvents(checkout.db, 1000).filter((e) => e.type === 'basket.cancelled');
    expect(cancelled.at(-1)?.payload).toMatchObject({ basketId: leftover.id, removedLines: [] });
    expect(value(await scan(PRODUCTS.bread.barcode)).member).toBeNull();
  });

  it('finishing a sale keeps the next customer’s items scanned on the receipt screen, member and all', async () => {
    checkout = openCheckout();
    await paidSaleThenLateMemberCard();
    value(await scan(PRODUCTS.bread.barcode));
    const session = value(await checkout.basket['sale.finish']({}));
    expect(session.basket).toMatchObject({
      lines: [{ name: 'Toast Bread' }],
      member: { memberId: '20260001' },
    });
  });

  it('a cashier signing in at a counter starts with no member left from before', async () => {
    checkout = openCheckout({ role: 'counter', attendants: COUNTER_STAFF });
    value(await scan(MEMBER_CARD));
    const duty = counterDuty(checkout.ctx);
    value(await duty['staff.signIn']({ badge: CASHIER.badge, pin: STAFF_PINS.cashier }));
    expect(currentBasket(checkout.db)).toBeNull();
    expect(value(await scan(PRODUCTS.bread.barcode)).member).toBeNull();
  });

  it('a sale with items waits for whoever signs in next, untouched', async () => {
    checkout = openCheckout({ role: 'counter', attendants: COUNTER_STAFF });
    value(await scan(MEMBER_CARD));
    value(await scan(PRODUCTS.milk.barcode));
    const duty = counterDuty(checkout.ctx);
    value(await duty['staff.signIn']({ badge: CASHIER.badge, pin: STAFF_PINS.cashier }));
    expect(value(await scan(PRODUCTS.bread.barcode))).toMatchObject({
      lines: [{ name: 'Fresh Milk 1 L' }, { name: 'Toast Bread' }],
      member: { memberId: '20260001' },
    });
  });
});
