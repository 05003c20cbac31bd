import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { journalEntries } from '../../db/journal';
import { receiptText } from '../../core/receipt';
import type { Attendant } from '../settings';
import { hashPin } from '../staff/pin';
import {
  PRODUCTS,
  openCheckout,
  paymentFlowFor,
  press,
  startSimulator,
  value,
  waitFor,
  type TestCheckout,
} from '../../test/helpers/checkout';
import type { PaymentSimulator } from '../payments/simulator/server';
import type { PaymentFlow } from '../checkout/payment-flow';
import { counterPriceHandlers } from './price-handlers';
import { sessionView } from '../checkout/basket-handlers';

const cheap = { N: 1024, r: 8, p: 1 };
const SUPERVISOR: Attendant = {
  id: 'S01',
  name: 'Wang Fang',
  badge: 'STAFF-S01X',
  pinHash: hashPin('1357', cheap),
  role: 'supervisor',
};
const OTHER_CASHIER: Attendant = {
  id: 'C02',
  name: 'Zhao Lei',
  badge: 'STAFF-C02X',
  pinHash: hashPin('9753', cheap),
  role: 'cashier',
};
const supervisor = { badge: SUPERVISOR.badge, pin: '1357' };

let sim: PaymentSimulator;
let checkout: TestCheckout;
let price: ReturnType<typeof counterPriceHandlers>;
let flows: PaymentFlow[] = [];

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  checkout = openCheckout({ role: 'counter', attendants: [SUPERVISOR, OTHER_CASHIER] });
  checkout.ctx.duty.current = { id: 'C01', name: 'Chen Jie', role: 'cashier' };
  price = counterPriceHandlers(checkout.ctx, () => sessionView(checkout.ctx, []));
});
afterEach(() => {
  for (const flow of flows) flow.close();
  flows = [];
  checkout.cleanup();
});

const scan = async (code: string, weightGrams?: number) =>
  value(
    await checkout.basket['basket.addScan']({
      code,
      source: 'keypad',
      ...(weightGrams === undefined ? {} : { weightGrams }),
    }),
  );
const journal = () => journalEntries(checkout.db);
const overrides = () =>
  journal()
    .filter((e) => e.kind === 'override')
    .map((e) => e.data);

describe('line discounts and price overrides at the counter', () => {
  it('gives a 10 % line discount within a cashier limit, journalled with the cashier', async () => {
    const basket = await scan(PRODUCTS.milk.barcode); // 12.90
    const lineId = basket.lines[0]!.id;
    const after = value(
      await price['basket.discountLine']({ lineId, kind: 'percent', value: 10, reason: 'dented' }),
    );
    expect(after.lines[0]).toMatchObject({
      lineTotal: 1161,
      adjustment: { originalTotal: 1290, discount: { kind: 'percent', value: 1000, amount: 129 } },
    });
    expect(after.totals).toMatchObject({ total: 1161, savings: 129 });
    expect(overrides()).toEqual([
      expect.objectContaining({
        action: 'discount',
        lineId,
        staffId: 'C01',
        approverId: null,
        amount: 129,
        percentOffBp: 1000,
        reason: 'dented',
        change: 'given',
      }),
    ]);
  });

  it('overrides a weighed line per kg, and counts the override and discount together against the limit', async () => {
    const basket = await scan(PRODUCTS.apples.barcode, 500); // 10.01/kg × 0.5 kg = 5.01 (500.5 rounded up)
    const lineId = basket.lines[0]!.id;
    const after = value(
      await price['basket.overridePrice']({ lineId, unitPrice: 950, reason: 'shelf label' }),
    );
    expect(after.lines[0]).toMatchObject({
      unitPrice: 950,
      lineTotal: 475,
      adjustment: { originalUnitPrice: 1001 },
    });
    // 5.2 % off already; another 6 % would be 10.9 % in all: above the cashier's 10 %.
    const refused = await price['basket.discountLine']({
      lineId,
      kind: 'percent',
      value: 6,
      reason: 'bruised',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'over_limit', details: { limitPercent: 10 } },
    });
    expect(overrides()).toHaveLength(1);
  });

  it('refuses a discount that is not one, and changes nothing', async () => {
    const basket = await scan(PRODUCTS.bread.barcode); // 8.50
    const lineId = basket.lines[0]!.id;
    for (const input of [
      { kind: 'amount' as const, value: 851 },
      { kind: 'amount' as const, value: 1.5 },
      { kind: 'percent' as const, value: 12.345 },
      { kind: 'percent' as const, value: 101 },
    ]) {
      const result = await price['basket.discountLine']({ lineId, ...input, reason: 'x' });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_discount' } });
    }
    expect(
      await price['basket.discountLine']({ lineId: 'nope', kind: 'amount', value: 1, reason: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'line_not_found' },
    });
    expect(overrides()).toEqual([]);
  });

  it('refuses anyone not signed in, and any terminal but a counter', async () => {
    const basket = await scan(PRODUCTS.bread.barcode);
    const input = { lineId: basket.lines[0]!.id, kind: 'amount' as const, value: 50, reason: 'x' };
    checkout.ctx.duty.current = null;
    expect(await price['basket.discountLine'](input)).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    expect(await price['sale.void']({ reason: 'customer_left' })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    checkout.ctx.duty.current = { id: 'C01', name: 'Chen Jie', role: 'cashier' };
    checkout.ctx.settings.role = 'kiosk';
    expect(await price['basket.discountLine'](input)).toMatchObject({
      ok: false,
      error: { code: 'not_counter' },
    });
    expect(journal()).toEqual([]);
  });

  it('takes a discount back without approval, journalled as removed', async () => {
    const basket = await scan(PRODUCTS.bread.barcode);
    const lineId = basket.lines[0]!.id;
    value(await price['basket.overridePrice']({ lineId, unitPrice: 800, reason: 'label' }));
    const back = value(await price['basket.removeDiscount']({ lineId, adjustment: 'price_override' }));
    expect(back.lines[0]).toMatchObject({ unitPrice: 850, lineTotal: 850 });
    expect(back.lines[0]!.adjustment).toBeUndefined();
    expect(overrides().map((o) => [o.action, 'change' in o ? o.change : null])).toEqual([
      ['price_override', 'given'],
      ['price_override', 'removed'],
    ]);
    expect(await price['basket.removeDiscount']({ lineId, adjustment: 'price_override' })).toMatchObject({
      ok: false,
      error: { code: 'no_discount' },
    });
  });
});

describe('the sale discount', () => {
  it('refuses 30 % from a cashier, then takes it with a supervisor badge and PIN; the sale and receipt agree', async () => {
    await scan(PRODUCTS.milk.barcode); // 12.90 at 9 %
    await scan(PRODUCTS.bread.barcode); // 8.50 at 13 %
    const input = { kind: 'percent' as const, value: 30, reason: 'loyal customer' };
    expect(await price['basket.discountSale'](input)).toMatchObject({
      ok: false,
      error: { code: 'over_limit', details: { limitPercent: 10, percentOff: 30, approver: false } },
    });
    expect(
      await price['basket.discountSale']({ ...input, approval: { ...supervisor, pin: '0000' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'staff_denied' },
    });
    expect(
      await price['basket.discountSale']({ ...input, approval: { badge: OTHER_CASHIER.badge, pin: '9753' } }),
    ).toMatchObject({ ok: false, error: { code: 'staff_not_allowed' } });
    // Above the supervisor's own 50 % too.
    expect(await price['basket.discountSale']({ ...input, value: 60, approval: supervisor })).toMatchObject({
      ok: false,
      error: { code: 'over_limit', details: { limitPercent: 50, approver: true } },
    });
    expect(overrides()).toEqual([]);

    const basket = value(await price['basket.discountSale']({ ...input, approval: supervisor }));
    // 30 % of 21.40 is 6.42, spread 12.90 : 8.50 → 3.87 and 2.55.
    expect(basket.saleDiscount).toMatchObject({
      kind: 'percent',
      value: 3000,
      amount: 642,
      approverId: 'S01',
    });
    expect(basket.totals).toMatchObject({ subtotal: 2140, saleDiscount: 642, total: 1498, savings: 642 });
    // Tax per rate on the discounted sums: 9.03 incl. 9 % → 0.75; 5.95 incl. 13 % → 0.68.
    expect(basket.totals.byRate.map((r) => r.tax)).toEqual([75, 68]);
    expect(overrides()).toEqual([
      expect.objectContaining({
        action: 'discount',
        lineId: null,
        staffId: 'C01',
        approverId: 'S01',
        amount: 642,
      }),
    ]);

    // The supervisor's approval is journalled with the discount, in its transaction.
    expect(
      journal()
        .filter((e) => e.kind === 'staff')
        .map((e) => e.data),
    ).toEqual([
      expect.objectContaining({
        action: 'approved',
        staffId: 'S01',
        act: 'discount_over_limit',
        forStaffId: 'C01',
      }),
    ]);
    const flow = paymentFlowFor(checkout, sim.url);
    flows.push(flow);
    const payment = value(await flow.handlers['payment.start']({}));
    expect(payment.amount).toBe(1498);
    expect((await press(payment.qrPayload!, 'approve')).status).toBe(200);
    const sold = await waitFor('the sale', () => checkout.events.find((e) => e.type === 'sale.completed'));
    const receipt = sold.type === 'sale.completed' ? sold.receipt : null;
    expect(receipt?.totals).toEqual(basket.totals);
    const text = receiptText(receipt!).join('\n');
    expect(text).toMatch(/Sale discount\s+-6\.42/);
    expect(text).toMatch(/TOTAL CNY\s+14\.98/);
    expect(text).toMatch(/You saved\s+6\.42/);
    const sale = journal().find((e) => e.kind === 'sale')!.data as { total: number; taxTotal: number };
    expect(sale).toMatchObject({ total: 1498, taxTotal: 143 });
  });
});

describe('voiding the sale', () => {
  it('needs a reason; voids every line at its discounted worth, names the cashier, and empties the counter', async () => {
    const first = await scan(PRODUCTS.milk.barcode);
    await scan(PRODUCTS.gum.barcode);
    value(
      await price['basket.discountLine']({
        lineId: first.lines[0]!.id,
        kind: 'amount',
        value: 90,
        reason: 'dent',
      }),
    );
    expect(await price['sale.void']({ reason: 'other', note: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_reason' },
    });
    const session = value(await price['sale.void']({ reason: 'other', note: 'drawer jammed' }));
    expect(session.basket).toBeNull();
    expect(checkout.events.at(-1)).toMatchObject({ type: 'session.reset' });
    const voids = journal()
      .filter((e) => e.kind === 'void')
      .map((e) => e.data);
    expect(voids).toEqual([
      {
        reason: 'sale_voided',
        basketId: first.id,
        currency: 'CNY',
        lines: [
          expect.objectContaining({ gtin: PRODUCTS.milk.gtin, quantity: 1, amount: 1200 }),
          expect.objectContaining({ gtin: PRODUCTS.gum.gtin, quantity: 1, amount: 250 }),
        ],
        amount: 1450,
        staffId: 'C01',
        note: 'other: drawer jammed',
      },
    ]);
    expect(await price['sale.void']({ reason: 'customer_left' })).toMatchObject({
      ok: false,
      error: { code: 'basket_empty' },
    });
  });
});
