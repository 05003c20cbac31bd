// The sale path refuses what a recall covers, at the kiosk and the counter, and reports each refusal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecallFeedItem } from '../../core/recalls';
import { pendingEvents } from '../../db/outbox';
import { PRODUCTS, openCheckout, type TestCheckout } from '../../test/helpers/checkout';
import { saveTestRecall } from '../../test/helpers/recalls';

let checkout: TestCheckout;
beforeEach(() => {
  checkout = openCheckout();
});
afterEach(() => checkout.cleanup());

const MILK = PRODUCTS.milk;
const recall = (over: Partial<RecallFeedItem>) => saveTestRecall(checkout.db, over);
const scan = (code: string) => checkout.basket['basket.addScan']({ code, source: 'keypad' });
const gs1 = (lot: string) => `]d201${MILK.gtin}10${lot}`;
const blocked = () => pendingEvents(checkout.db, 100).filter((e) => e.type === 'recall.blocked');

describe('recalled items at the till', () => {
  it('refuses every pack of a GTIN recalled whole, with the reason, and reports each attempt', async () => {
    recall({});
    const refused = await scan(MILK.barcode);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'item_recalled', message: 'Fresh Milk 1 L is recalled: possible contamination' },
    });
    expect((await scan(gs1('L7'))).ok).toBe(false);
    expect(blocked().map((e) => e.payload)).toMatchObject([
      { gtin: MILK.gtin, match: 'gtin', lot: null, terminalId: 'K01', role: 'kiosk', staffId: null },
      { gtin: MILK.gtin, match: 'gtin', lot: 'L7' },
    ]);
    // Nothing else was written: no basket line.
    expect((await scan(PRODUCTS.bread.barcode)).ok).toBe(true);
    expect(pendingEvents(checkout.db, 100).filter((e) => e.type === 'basket.item_added')).toHaveLength(1);
  });

  it('refuses a recalled lot, sells another lot, and holds a plain EAN that names no lot', async () => {
    recall({ lots: ['L2411'] });
    expect(await scan(gs1('L2411'))).toMatchObject({
      ok: false,
      error: {
        code: 'item_recalled',
        message: 'Fresh Milk 1 L lot L2411 is recalled: possible contamination',
      },
    });
    expect(await scan(gs1('L2412'))).toMatchObject({ ok: true });
    expect(await scan(MILK.barcode)).toMatchObject({
      ok: false,
      error: { code: 'recall_check_lot', details: { lots: ['L2411'], reason: 'possible contamination' } },
    });
    expect(blocked().map((e) => e.payload)).toMatchObject([
      { match: 'lot', lot: 'L2411' },
      { match: 'unknown', lot: null },
    ]);
  });

  it('names the counter and its signed-in cashier in the attempt', async () => {
    checkout.cleanup();
    checkout = openCheckout({ role: 'counter', terminalId: 'C02' });
    checkout.ctx.duty.current = { id: 'S017', name: 'Li Wei', role: 'cashier' };
    recall({ serials: ['SER-7'] });
    expect(await scan(`]d201${MILK.gtin}21SER-7`)).toMatchObject({
      ok: false,
      error: { code: 'item_recalled' },
    });
    expect(blocked().map((e) => e.payload)).toMatchObject([
      { match: 'serial', serial: 'SER-7', terminalId: 'C02', role: 'counter', staffId: 'S017' },
    ]);
  });

  it('sells again once the recall has ended', async () => {
    recall({});
    expect((await scan(MILK.barcode)).ok).toBe(false);
    recall({ active: false, endedAt: '2026-12-07T10:00:00.000Z' });
    expect((await scan(MILK.barcode)).ok).toBe(true);
  });
});
