import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  PRODUCTS,
  UNKNOWN_EAN,
  openCheckout,
  outboxTypes,
  paymentFlowFor,
  press,
  startSimulator,
  waitFor,
  type TestCheckout,
} from '../../test/helpers/checkout';
import { pendingEvents } from '../../db/outbox';
import type { ApiResult, BasketView, TerminalEvent } from '../api/contract';
import type { PaymentSimulator } from '../payments/simulator/server';
import type { PaymentFlow } from './payment-flow';

let sim: PaymentSimulator;
let checkout: TestCheckout;
let flows: PaymentFlow[] = [];

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  checkout = openCheckout();
});
afterEach(() => {
  for (const flow of flows) flow.close();
  flows = [];
  checkout.cleanup();
});

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const scan = (code: string, weightGrams?: number) =>
  checkout.basket['basket.addScan']({
    code,
    source: 'keypad',
    ...(weightGrams === undefined ? {} : { weightGrams }),
  });

const session = async () => value(await checkout.basket['session.get']({}));

const lastBasketEvent = (): BasketView | undefined =>
  checkout.events.filter((e) => e.type === 'basket.changed').at(-1)?.basket;

/** Takes the current basket through a real payment the shopper approves on the phone. */
async function payCurrentBasket() {
  const flow = paymentFlowFor(checkout, sim.url);
  flows.push(flow);
  const payment = value(await flow.handlers['payment.start']({}));
  expect((await press(payment.qrPayload!, 'approve')).status).toBe(200);
  await waitFor('the sale', () => checkout.events.find((e) => e.type === 'sale.completed'));
  return payment;
}

describe('scanning', () => {
  it('adds a line for a known code, priced from the catalog, and tells every screen', async () => {
    const basket = value(await scan(PRODUCTS.milk.barcode));
    expect(basket.status).toBe('open');
    expect(basket.lines).toHaveLength(1);
    expect(basket.lines[0]).toMatchObject({
      barcode: PRODUCTS.milk.barcode,
      name: 'Fresh Milk 1 L',
      unit: 'each',
      unitPrice: 1290,
      quantity: 1,
      lineTotal: 1290,
    });
    expect(basket.totals.total).toBe(1290);
    expect(basket.lastChangedLineId).toBe(basket.lines[0]!.id);
    expect(lastBasketEvent()).toEqual(basket);
  });

  it('raises the quantity when the same piece is scanned again, instead of adding a line', async () => {
    const first = value(await scan(PRODUCTS.milk.barcode));
    const second = value(await scan(PRODUCTS.milk.barcode));
    expect(second.id).toBe(first.id);
    expect(second.lines).toHaveLength(1);
    expect(second.lines[0]).toMatchObject({ id: first.lines[0]!.id, quantity: 2, lineTotal: 2580 });
    expect(second.totals).toMatchObject({ total: 2580, itemCount: 2 });
    expect(lastBasketEvent()).toEqual(second);
  });

  it('finds an EAN-8 pack and ignores whitespace a keyboard wedge adds', async () => {
    const basket = value(await scan(` ${PRODUCTS.gum.barcode}\n`));
    expect(basket.lines.map((l) => l.name)).toEqual(['Mint Gum']);
  });

  it('says item_not_found for a valid EAN the catalog does not hold, and adds nothing', async () => {
    value(await scan(PRODUCTS.bread.barcode));
    const eventsBefore = checkout.events.length;
    const result = await scan(UNKNOWN_EAN);
    expect(result).toEqual({
      ok: false,
      error: { code: 'item_not_found', message: expect.stringContaining(UNKNOWN_EAN) },
    });
    expect((await session()).basket!.lines.map((l) => l.name)).toEqual(['Toast Bread']);
    expect(checkout.events.length).toBe(eventsBefore);
  });

  it('says invalid_code naming the wrong check digit, and opens no basket', async () => {
    const good = PRODUCTS.milk.barcode;
    const wrongDigit = (Number(good.at(-1)) + 1) % 10;
    const result = await scan(good.slice(0, -1) + wrongDigit);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_code');
    expect(result.error.message).toContain(`check digit ${wrongDigit}; it should be ${good.at(-1)}`);
    expect((await session()).basket).toBeNull();
    expect(checkout.events).toEqual([]);
  });

  it('says invalid_code for letters and for a wrong length, naming the problem', async () => {
    const letters = await scan('69ABC1234567');
    expect(letters.ok || letters.error).toMatchObject({
      code: 'invalid_code',
      message: expect.stringContaining('"69ABC1234567" is not a product barcode'),
    });
    const short = await scan('12345');
    expect(short.ok || short.error).toMatchObject({
      code: 'invalid_code',
      message: expect.stringContaining('has 5 digits'),
    });
    expect((await session()).basket).toBeNull();
  });

  it('asks for a weight when a kg product is scanned without one', async () => {
    const result = await scan(PRODUCTS.apples.barcode);
    expect(result.ok || result.error).toMatchObject({
      code: 'weight_required',
      message: expect.stringContaining('Fuji Apples'),
    });
    expect((await session()).basket).toBeNull();
  });

  it('prices a weighed line as grams × price per kg, rounded half up, each weighing its own line', async () => {
    value(await scan(PRODUCTS.apples.barcode, 500)); // 1001 × 0.5 = 500.5 → 501
    const basket = value(await scan(PRODUCTS.apples.barcode, 1234)); // 1235.234 → 1235
    expect(basket.lines.map((l) => [l.unit, l.quantity, l.lineTotal])).toEqual([
      ['kg', 500, 501],
      ['kg', 1234, 1235],
    ]);
    expect(basket.totals.total).toBe(501 + 1235);
  });

  it('holds an age check (18) while a restricted item is in the basket, and clears it when removed', async () => {
    expect(value(await scan(PRODUCTS.bread.barcode)).ageCheck).toBeNull();
    const withBeer = value(await scan(PRODUCTS.beer.barcode));
    expect(withBeer.ageCheck).toEqual({ state: 'needed', ageLimit: 18 });
    const beerLine = withBeer.lines.find((l) => l.name === 'Lager 500 ml')!;
    const after = value(await checkout.basket['basket.removeLine']({ lineId: beerLine.id }));
    expect(after.ageCheck).toBeNull();
  });
});

describe('changing the basket', () => {
  it('sets a line quantity, re-pricing line and totals', async () => {
    const basket = value(await scan(PRODUCTS.milk.barcode));
    value(await scan(PRODUCTS.bread.barcode));
    const lineId = basket.lines[0]!.id;
    const changed = value(await checkout.basket['basket.setQuantity']({ lineId, quantity: 3 }));
    expect(changed.lines.find((l) => l.id === lineId)).toMatchObject({ quantity: 3, lineTotal: 3870 });
    expect(changed.totals.total).toBe(3870 + 850);
    expect(changed.lastChangedLineId).toBe(lineId);
    expect(lastBasketEvent()).toEqual(changed);
  });

  it('refuses a quantity of 0 with invalid_quantity and changes nothing', async () => {
    const basket = value(await scan(PRODUCTS.milk.barcode));
    const result = await checkout.basket['basket.setQuantity']({ lineId: basket.lines[0]!.id, quantity: 0 });
    expect(result.ok || result.error).toMatchObject({
      code: 'invalid_quantity',
      message: expect.stringContaining('got 0'),
    });
    expect((await session()).basket!.lines[0]!.quantity).toBe(1);
  });

  it('says line_not_found for a line that is not in the basket', async () => {
    value(await scan(PRODUCTS.milk.barcode));
    const result = await checkout.basket['basket.removeLine']({ lineId: 'no-such-line' });
    expect(result.ok || result.error).toMatchObject({ code: 'line_not_found' });
  });

  it('says basket_not_open when there is no basket to change', async () => {
    const result = await checkout.basket['basket.setQuantity']({ lineId: 'x', quantity: 2 });
    expect(result.ok || result.error).toMatchObject({ code: 'basket_not_open' });
  });

  it('removes a line from the view and records the removal in the outbox', async () => {
    const milk = value(await scan(PRODUCTS.milk.barcode)).lines[0]!;
    value(await scan(PRODUCTS.bread.barcode));
    const after = value(await checkout.basket['basket.removeLine']({ lineId: milk.id }));
    expect(after.lines.map((l) => l.name)).toEqual(['Toast Bread']);
    expect(after.totals.total).toBe(850);
    expect(lastBasketEvent()).toEqual(after);
    expect((await session()).basket!.lines.map((l) => l.id)).not.toContain(milk.id);
    const removal = pendingEvents(checkout.db, 100).filter((e) => e.type === 'basket.line_removed');
    expect(removal).toHaveLength(1);
    expect(removal[0]!.payload).toMatchObject({
      lineId: milk.id,
      basketId: after.id,
      name: 'Fresh Milk 1 L',
    });
  });

  it('cancels the basket: the session is empty and the next scan starts a new basket', async () => {
    const first = value(await scan(PRODUCTS.milk.barcode));
    const cancelled = value(await checkout.basket['basket.cancel']({}));
    expect(cancelled.basket).toBeNull();
    expect(checkout.events.at(-1)).toEqual({ type: 'session.reset', session: cancelled });
    expect(outboxTypes(checkout.db)).toContain('basket.cancelled');
    const next = value(await scan(PRODUCTS.bread.barcode));
    expect(next.id).not.toBe(first.id);
    expect(next.lines.map((l) => l.name)).toEqual(['Toast Bread']);
  });
});

describe('the basket during and after payment', () => {
  it('refuses a scan while a payment is in progress and adds nothing', async () => {
    value(await scan(PRODUCTS.milk.barcode));
    const flow = paymentFlowFor(checkout, sim.url);
    flows.push(flow);
    value(await flow.handlers['payment.start']({}));
    const result = await scan(PRODUCTS.bread.barcode);
    expect(result.ok || result.error).toMatchObject({ code: 'payment_in_progress' });
    const removed = await checkout.basket['basket.cancel']({});
    expect(removed.ok || removed.error).toMatchObject({ code: 'basket_not_open' });
    const now = await session();
    expect(now.basket!.status).toBe('paying');
    expect(now.basket!.lines.map((l) => l.name)).toEqual(['Fresh Milk 1 L']);
  });

  it('shows the right screen in session.get: open basket, then paying with its payment, then the receipt', async () => {
    expect(await session()).toMatchObject({ basket: null, payment: null, receipt: null, scanners: [] });

    value(await scan(PRODUCTS.milk.barcode));
    const open = await session();
    expect(open).toMatchObject({ basket: { status: 'open' }, payment: null, receipt: null });
    expect(open.settings).toMatchObject({ storeId: 'S001', terminalId: 'K01', currency: 'CNY' });

    const flow = paymentFlowFor(checkout, sim.url);
    flows.push(flow);
    const payment = value(await flow.handlers['payment.start']({}));
    const paying = await session();
    expect(paying.basket!.status).toBe('paying');
    expect(paying.payment).toMatchObject({ id: payment.id, status: 'pending', amount: 1290 });
    expect(paying.payment!.qrPayload).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\//);
    expect(paying.receipt).toBeNull();

    await press(payment.qrPayload!, 'approve');
    await waitFor('the sale', () => checkout.events.find((e) => e.type === 'sale.completed'));
    const paid = await session();
    expect(paid.basket!.status).toBe('paid');
    expect(paid.payment).toBeNull();
    expect(paid.receipt).toMatchObject({ receiptNumber: 'S001-K01-000001', totals: { total: 1290 } });
  });

  it('a scan on the receipt screen puts the paid sale away and starts the next shopper’s basket', async () => {
    const paidBasket = value(await scan(PRODUCTS.milk.barcode));
    await payCurrentBasket();
    const next = value(await scan(PRODUCTS.bread.barcode));
    expect(next.id).not.toBe(paidBasket.id);
    expect(next.status).toBe('open');
    expect(next.lines.map((l) => l.name)).toEqual(['Toast Bread']);
    const now = await session();
    expect(now.receipt).toBeNull();
    expect(now.basket!.id).toBe(next.id);
    // The earlier sale is still there to reprint.
    const receipt = value(await checkout.basket['receipt.get']({ receiptNumber: 'S001-K01-000001' }));
    expect(receipt.lines.map((l) => l.name)).toEqual(['Fresh Milk 1 L']);
  });

  it('sale.finish returns to the welcome screen; an unknown receipt number is receipt_not_found', async () => {
    value(await scan(PRODUCTS.bread.barcode));
    await payCurrentBasket();
    const finished = value(await checkout.basket['sale.finish']({}));
    expect(finished).toMatchObject({ basket: null, payment: null, receipt: null });
    expect(checkout.events.at(-1)).toEqual({ type: 'session.reset', session: finished });
    const missing = await checkout.basket['receipt.get']({ receiptNumber: 'S001-K01-000999' });
    expect(missing.ok || missing.error).toMatchObject({
      code: 'receipt_not_found',
      message: expect.stringContaining('S001-K01-000999'),
    });
  });

  it('emits basket.changed with the new view for every change', async () => {
    const seen: TerminalEvent[] = checkout.events;
    const views = [value(await scan(PRODUCTS.milk.barcode)), value(await scan(PRODUCTS.apples.barcode, 250))];
    views.push(
      value(await checkout.basket['basket.setQuantity']({ lineId: views[0]!.lines[0]!.id, quantity: 2 })),
    );
    views.push(value(await checkout.basket['basket.removeLine']({ lineId: views[1]!.lines[1]!.id })));
    expect(seen).toEqual(views.map((basket) => ({ type: 'basket.changed', basket })));
  });
});
