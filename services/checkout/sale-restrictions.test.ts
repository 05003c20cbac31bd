// The store's sale rules at the till, on a real SQLite file: refused at the scan (and at a quantity
// change) with the reason, nothing written; the hour read in the store's time zone.
import { afterEach, describe, expect, it } from 'vitest';
import type { SaleRule } from '../../core/restrictions';
import { PRODUCTS, openCheckout, value, type TestCheckout } from '../../test/helpers/checkout';
import type { Settings } from '../settings';

const opened: TestCheckout[] = [];
afterEach(() => opened.splice(0).forEach((checkout) => checkout.cleanup()));

function lane(rules: SaleRule[], timeZone: string | null = 'UTC') {
  const restrictions: Settings['restrictions'] = { ageApprovalCovers: 'later_items', timeZone, rules };
  const checkout = openCheckout({ restrictions });
  opened.push(checkout);
  const scan = (code: string) => checkout.basket['basket.addScan']({ code, source: 'keypad' });
  const rows = () => checkout.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
  return { checkout, scan, rows };
}

/** "HH:MM" of the UTC clock `offset` minutes from now. */
function utcClock(offset: number): string {
  const now = new Date(Date.now() + offset * 60_000);
  return `${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`;
}

describe('no-sale hours', () => {
  it('refuse an item of the department at the scan, with the window, and write nothing', async () => {
    // A window around this very minute (it crosses midnight when the test runs near it).
    const window = { from: utcClock(-30), to: utcClock(30) };
    const { scan, rows } = lane([{ department: 'test', noSale: [window] }]);
    const before = rows();
    const refused = await scan(PRODUCTS.milk.barcode);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'restricted_hours',
        message: `Fresh Milk 1 L is not sold from ${window.from} to ${window.to}`,
        details: { name: 'Fresh Milk 1 L', ...window },
      },
    });
    expect(rows()).toBe(before);
  });

  it('let it through outside the window, and a GTIN rule frees one item of its department', async () => {
    const later = { from: utcClock(60), to: utcClock(120) };
    const now = { from: utcClock(-30), to: utcClock(30) };
    const { scan } = lane([
      { department: 'Test', noSale: [now] },
      { gtin: PRODUCTS.bread.gtin, noSale: [later] },
    ]);
    expect(value(await scan(PRODUCTS.bread.barcode)).lines).toHaveLength(1);
    expect(await scan(PRODUCTS.milk.barcode)).toMatchObject({
      ok: false,
      error: { code: 'restricted_hours' },
    });
  });

  it('are read in the store time zone: the same instant is inside in one zone and outside in another', async () => {
    // Whatever UTC says now, Kiritimati (UTC+14) is 14 hours on: a window around UTC's minute misses it.
    const window = { from: utcClock(-30), to: utcClock(30) };
    const { scan } = lane([{ department: 'Test', noSale: [window] }], 'Pacific/Kiritimati');
    expect(value(await scan(PRODUCTS.milk.barcode)).lines).toHaveLength(1);
  });
});

describe('the most per basket', () => {
  it('refuses the scan that would pass it and the quantity change that would, with the limit', async () => {
    const { scan, checkout } = lane([{ gtin: PRODUCTS.gum.gtin, maxPerBasket: 2 }]);
    value(await scan(PRODUCTS.gum.barcode));
    const two = value(await scan(PRODUCTS.gum.barcode));
    expect(two.lines[0]!.quantity).toBe(2);
    expect(await scan(PRODUCTS.gum.barcode)).toMatchObject({
      ok: false,
      error: { code: 'restricted_quantity', details: { name: 'Mint Gum', max: 2 } },
    });
    const lineId = two.lines[0]!.id;
    expect(await checkout.basket['basket.setQuantity']({ lineId, quantity: 3 })).toMatchObject({
      ok: false,
      error: { code: 'restricted_quantity' },
    });
    // Lowering is always allowed; then one more fits again.
    expect(
      value(await checkout.basket['basket.setQuantity']({ lineId, quantity: 1 })).lines[0]!.quantity,
    ).toBe(1);
    expect(value(await scan(PRODUCTS.gum.barcode)).lines[0]!.quantity).toBe(2);
  });

  it("counts a department's items together", async () => {
    const { scan } = lane([{ department: 'Test', maxPerBasket: 2 }]);
    value(await scan(PRODUCTS.milk.barcode));
    value(await scan(PRODUCTS.bread.barcode));
    expect(await scan(PRODUCTS.gum.barcode)).toMatchObject({
      ok: false,
      error: { code: 'restricted_quantity' },
    });
  });
});
