// A kiosk holds a plain EAN under a lot recall for the attendant, who accepts (it sells) or refuses it.
import { afterEach, describe, expect, it } from 'vitest';
import { saveTestRecall } from '../../test/helpers/recalls';
import { PRODUCTS, openCheckout, value, type TestCheckout } from '../../test/helpers/checkout';
import { recalledLines } from './basket-recalls';
import { decideLotCheck, listLotChecks } from './lot-checks';

let checkout: TestCheckout;
afterEach(() => checkout.cleanup());

const MILK = PRODUCTS.milk;
const open = (role: 'kiosk' | 'counter' = 'kiosk') => {
  checkout = openCheckout({ role });
  saveTestRecall(checkout.db, { lots: ['L2411'] });
};
const scan = (code: string) => checkout.basket['basket.addScan']({ code, source: 'keypad' });
const basket = async () => value(await checkout.basket['session.get']({})).basket!;

describe('the kiosk’s lot check', () => {
  it('holds the pack once for the attendant, who accepts it: it sells, and payment is not held by it', async () => {
    open();
    for (let i = 0; i < 2; i++)
      expect(await scan(MILK.barcode)).toMatchObject({ ok: false, error: { code: 'recall_check_lot' } });
    const held = await basket();
    expect(held.lines).toEqual([]);
    expect(held.lotChecks).toEqual([
      { checkId: expect.any(String), name: MILK.name, raisedAt: expect.any(String) },
    ]);
    const [check] = listLotChecks(checkout.ctx);

    const accepted = value(
      decideLotCheck(checkout.ctx, { checkId: check!.id, attendantId: 'A1', accept: true }),
    );
    expect(accepted.lines).toMatchObject([{ gtin: MILK.gtin, quantity: 1, lot: null }]);
    expect(accepted.lines[0]!.recall).toBeUndefined();
    expect(accepted.lotChecks).toBeUndefined();
    expect(recalledLines(checkout.db, accepted.id)).toEqual([]);
    expect(checkout.events.at(-1)).toMatchObject({
      type: 'basket.changed',
      basket: { lines: [{ gtin: MILK.gtin }] },
    });
  });

  it('puts a refused pack aside: nothing is added, and the check cannot be answered twice', async () => {
    open();
    await scan(MILK.barcode);
    const [check] = listLotChecks(checkout.ctx);
    const refused = value(
      decideLotCheck(checkout.ctx, { checkId: check!.id, attendantId: 'A1', accept: false }),
    );
    expect(refused.lines).toEqual([]);
    expect(refused.lotChecks).toBeUndefined();
    expect(
      decideLotCheck(checkout.ctx, { checkId: check!.id, attendantId: 'A1', accept: true }),
    ).toMatchObject({
      ok: false,
      error: { code: 'no_lot_check' },
    });
  });

  it('calls no one at a counter, where the cashier reads the lot', async () => {
    open('counter');
    expect(await scan(MILK.barcode)).toMatchObject({ ok: false, error: { code: 'recall_check_lot' } });
    expect(listLotChecks(checkout.ctx)).toEqual([]);
  });
});
