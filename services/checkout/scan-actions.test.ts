// What the till does with codes that are more than a product code: GS1 serials and expiry, member
// cards, staff badges and wallet codes — through the TerminalApi, on a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCheckout, PRODUCTS, type TestCheckout } from '../../test/helpers/checkout';
import { pendingEvents } from '../../db/outbox';
import type { ApiResult, BasketView } from '../api/contract';

let checkout: TestCheckout;
afterEach(() => checkout.cleanup());

const milk = PRODUCTS.milk.gtin;
const scan = (code: string) => checkout.basket['basket.addScan']({ code, source: 'serial' });
const value = (result: ApiResult<BasketView>): BasketView => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};
const notices = () => checkout.events.flatMap((e) => (e.type === 'scan.notice' ? [e.notice] : []));

describe('GS1 codes at the till', () => {
  beforeEach(() => {
    checkout = openCheckout();
  });

  it('puts a serialised item in the basket once, however often it is scanned', async () => {
    const code = `]d201${milk}17301231\u001d10LOT42\u001d21SER-1`;
    const basket = value(await scan(code));
    expect(basket.lines).toEqual([
      expect.objectContaining({
        name: 'Fresh Milk 1 L',
        lot: 'LOT42',
        serial: 'SER-1',
        expiry: '2030-12-31',
      }),
    ]);
    const again = await scan(code);
    expect(again.ok || again.error).toMatchObject({
      code: 'duplicate_serial',
      message: /already in the basket/,
    });
    value(await scan(`]d201${milk}17301231\u001d10LOT42\u001d21SER-2`));
    const lines = value(await scan(`]E0${PRODUCTS.bread.barcode}`)).lines;
    expect(lines.map((l) => l.serial)).toEqual(['SER-1', 'SER-2', null]);
  });

  it('refuses an expired item by default and writes nothing', async () => {
    const before = pendingEvents(checkout.db, 1000).length;
    const result = await scan(`]d201${milk}17200101`);
    expect(result.ok || result.error).toMatchObject({
      code: 'item_expired',
      message: /expired on 2020-01-01/,
    });
    expect(pendingEvents(checkout.db, 1000)).toHaveLength(before);
  });
});

describe('a store that warns about expired items', () => {
  beforeEach(() => {
    checkout = openCheckout({ expiredItems: 'warn' });
  });

  it('adds the item and tells the screen which line is past its date', async () => {
    const basket = value(await scan(`]d201${milk}17200101`));
    expect(notices()).toEqual([
      {
        code: 'item_expired_warning',
        message: 'Fresh Milk 1 L expired on 2020-01-01',
        lineId: basket.lines[0]!.id,
      },
    ]);
  });
});

describe('codes that are not items', () => {
  beforeEach(() => {
    checkout = openCheckout();
  });

  it('attaches a member card to the basket, opening one on the welcome screen', async () => {
    const basket = value(await scan('MEM20260001'));
    expect(basket).toMatchObject({ lines: [], member: { program: 'loyalty', memberId: '20260001' } });
    expect(notices()).toEqual([expect.objectContaining({ code: 'member_attached' })]);
    expect(value(await scan(PRODUCTS.milk.barcode)).member?.memberId).toBe('20260001');
    expect(pendingEvents(checkout.db, 1000).map((e) => e.type)).toContain('basket.member_attached');
  });

  it('reads a staff badge without touching the basket', async () => {
    const result = await scan('STAFF-A170');
    expect(result.ok || result.error).toMatchObject({ code: 'staff_badge' });
    expect(notices()).toEqual([{ code: 'staff_badge', message: 'Staff badge A170 read' }]);
    expect(checkout.db.prepare('SELECT count(*) AS n FROM baskets').get()).toEqual({ n: 0 });
  });

  it('refuses a wallet payment code as an item and never repeats it whole', async () => {
    const code = '134512345678907788';
    const result = await scan(code);
    expect(result.ok || result.error).toMatchObject({ code: 'payment_code', message: /1345\*\*\*\*7788/ });
    expect(JSON.stringify(result)).not.toContain(code);
  });
});
