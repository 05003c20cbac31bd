// A recall that arrives while an item sits in the basket: the line shows it, and the basket cannot be paid
// until the line is removed; each stopped line is reported to HQ once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecallFeedItem } from '../../core/recalls';
import { pendingEvents } from '../../db/outbox';
import { saveTestRecall, TEST_RECALL_ID } from '../../test/helpers/recalls';
import {
  PRODUCTS,
  openCheckout,
  paymentFlowFor,
  startSimulator,
  value,
  type TestCheckout,
} from '../../test/helpers/checkout';
import type { PaymentFlow } from './payment-flow';
import type { PaymentSimulator } from '../payments/simulator/server';

let sim: PaymentSimulator;
let checkout: TestCheckout;
let flow: PaymentFlow;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
afterEach(() => {
  flow.close();
  checkout.cleanup();
});

const MILK = PRODUCTS.milk;
const RECALL_ID = TEST_RECALL_ID;
const recall = (over: Partial<RecallFeedItem>) => saveTestRecall(checkout.db, over);
const open = (overrides: Parameters<typeof openCheckout>[0] = {}) => {
  checkout = openCheckout(overrides);
  flow = paymentFlowFor(checkout, sim.url);
};
const scan = (code: string) => checkout.basket['basket.addScan']({ code, source: 'keypad' });
const lines = async () => value(await checkout.basket['session.get']({})).basket!.lines;
const blocked = () => pendingEvents(checkout.db, 100).filter((e) => e.type === 'recall.blocked');
const gs1 = (lot: string) => `]d201${MILK.gtin}10${lot}`;

describe('a recall reaching a basket', () => {
  it('marks the line, refuses payment until it is removed, and reports the line once', async () => {
    open();
    value(await scan(MILK.barcode));
    value(await scan(PRODUCTS.bread.barcode));
    recall({});
    const [milk, bread] = await lines();
    expect(milk!.recall).toEqual({ match: 'gtin', reason: 'possible contamination' });
    expect(bread!.recall).toBeUndefined();

    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await flow.handlers['payment.start']({});
      expect(refused.ok || refused.error).toMatchObject({
        code: 'recalled_in_basket',
        message: expect.stringContaining('Fresh Milk 1 L'),
      });
    }
    expect(blocked().map((e) => e.payload)).toEqual([
      {
        recallId: RECALL_ID,
        gtin: MILK.gtin,
        match: 'gtin',
        lot: null,
        serial: null,
        code: MILK.barcode,
        terminalId: 'K01',
        role: 'kiosk',
        staffId: null,
        lineId: milk!.id,
      },
    ]);
    expect(checkout.events.filter((e) => e.type === 'recall.blocked')).toHaveLength(1);

    value(await checkout.basket['basket.removeLine']({ lineId: milk!.id }));
    expect(value(await flow.handlers['payment.start']({}))).toMatchObject({ status: 'pending', amount: 850 });
  });

  // The test checkout pays through the simulator: it is in training mode, which holds alike.
  it('keeps selling a pack whose GS1 lot is not recalled, and holds the recalled lot and a plain EAN', async () => {
    open();
    value(await scan(gs1('L1')));
    value(await scan(gs1('L2')));
    value(await scan(MILK.barcode));
    recall({ lots: ['L2'] });
    expect((await lines()).map((line) => line.recall?.match ?? null)).toEqual([null, 'lot', 'unknown']);
    const refused = await flow.handlers['payment.start']({});
    expect(refused.ok || refused.error).toMatchObject({ code: 'recalled_in_basket' });
    expect(blocked().map((e) => (e.payload as { match: string }).match)).toEqual(['lot', 'unknown']);
  });

  it('frees the line again when HQ ends the recall', async () => {
    open();
    value(await scan(MILK.barcode));
    recall({});
    expect((await lines())[0]!.recall).toBeDefined();
    recall({ active: false, endedAt: '2026-12-07T10:00:00.000Z' });
    expect((await lines())[0]!.recall).toBeUndefined();
    expect(value(await flow.handlers['payment.start']({}))).toMatchObject({ status: 'pending' });
  });
});
