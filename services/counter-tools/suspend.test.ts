// Suspend, resume and void at the counter, on a real SQLite file with the test store's catalog.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalEntries } from '../../db/journal';
import { openCheckout, PRODUCTS, value, type TestCheckout } from '../../test/helpers/checkout';
import { counterPriceHandlers } from '../counter-price/price-handlers';
import { searchHandlers } from './search';
import { suspendHandlers } from './suspend';
import { sessionView } from '../checkout/basket-handlers';

let checkout: TestCheckout;
let tools: ReturnType<typeof suspendHandlers>;

beforeEach(() => {
  checkout = openCheckout({ role: 'counter' });
  checkout.ctx.duty.current = { id: 'C07', name: 'Wang Fang', role: 'cashier' };
  tools = suspendHandlers(checkout.ctx, () => sessionView(checkout.ctx, []));
});
afterEach(() => checkout.cleanup());

const scan = async (code: string, weightGrams?: number) =>
  value(await checkout.basket['basket.addScan']({ code, source: 'keypad', weightGrams }));

describe('suspend and resume at the counter', () => {
  it('suspends the sale (the counter empties), lists it with the cashier, and resumes it exactly', async () => {
    await scan(PRODUCTS.milk.barcode);
    await scan(PRODUCTS.milk.barcode);
    const before = await scan(PRODUCTS.apples.barcode, 734);
    const emptied = value(await tools['sale.suspend']({ label: 'blue coat' }));
    expect(emptied.basket).toBeNull();
    expect(checkout.events.at(-1)).toMatchObject({ type: 'session.reset' });
    const list = value(await tools['sale.suspended']({}));
    expect(list.sales).toEqual([
      expect.objectContaining({
        label: 'blue coat',
        staffId: 'C07',
        lines: 2,
        items: 3,
        total: before.totals.total,
      }),
    ]);
    // The next customer is served meanwhile, and paid; the sale comes back after.
    await scan(PRODUCTS.bread.barcode);
    const busy = await tools['sale.resume']({ id: list.sales[0]!.id });
    expect(busy.ok ? null : busy.error.code).toBe('sale_in_progress');
    value(await checkout.basket['basket.cancel']({}));
    const resumed = value(await tools['sale.resume']({ id: list.sales[0]!.id }));
    const shape = (lines: typeof resumed.lines) => lines.map((l) => [l.name, l.quantity, l.lineTotal]);
    expect(shape(resumed.lines)).toEqual(shape(before.lines));
    expect(resumed.totals).toEqual(before.totals);
    expect(value(await tools['sale.suspended']({})).sales).toEqual([]);
  });

  it.each(['inclusive', 'exclusive'] as const)(
    'lists a sale with a price override and discounts at the total the basket showed (tax %s)',
    async (taxMode) => {
      checkout.ctx.settings.taxMode = taxMode;
      const price = counterPriceHandlers(checkout.ctx, () => sessionView(checkout.ctx, []));
      const reason = 'dented';
      await scan(PRODUCTS.milk.barcode);
      const [milk, bread] = (await scan(PRODUCTS.bread.barcode)).lines;
      value(await price['basket.overridePrice']({ lineId: milk!.id, unitPrice: 1190, reason }));
      value(await price['basket.discountLine']({ lineId: bread!.id, kind: 'percent', value: 10, reason }));
      const shown = value(await price['basket.discountSale']({ kind: 'amount', value: 100, reason }));
      // 11.90 + (8.50 less 10 %) 7.65, less 1.00 off the sale: 18.55. Exclusive, tax on top of the
      // lines' shares (11.29 at 9 %: 1.02; 7.26 at 13 %: 0.94): 20.51.
      expect(shown.totals.total).toBe(taxMode === 'inclusive' ? 1855 : 2051);
      value(await tools['sale.suspend']({ label: 'trolley 4' }));
      const [waiting] = value(await tools['sale.suspended']({})).sales;
      expect(waiting?.total).toBe(shown.totals.total);
    },
  );

  it('refuses to suspend nothing, and a sale being paid, with nothing written', async () => {
    const nothing = await tools['sale.suspend']({});
    expect(nothing.ok ? null : nothing.error.code).toBe('empty_basket');
    await scan(PRODUCTS.bread.barcode);
    checkout.db.prepare("UPDATE baskets SET status = 'paying'").run();
    const paying = await tools['sale.suspend']({});
    expect(paying.ok ? null : paying.error.code).toBe('payment_in_progress');
    expect(value(await tools['sale.suspended']({})).sales).toEqual([]);
  });

  it('voids a waiting sale with a reason, journalled as a void', async () => {
    await scan(PRODUCTS.bread.barcode);
    value(await tools['sale.suspend']({}));
    const [sale] = value(await tools['sale.suspended']({})).sales;
    const after = value(await tools['sale.voidSuspended']({ id: sale!.id, reason: 'customer left' }));
    expect(after.sales).toEqual([]);
    expect(
      journalEntries(checkout.db)
        .filter((e) => e.kind === 'void')
        .map((e) => e.data),
    ).toEqual([expect.objectContaining({ reason: 'suspended_voided', amount: PRODUCTS.bread.price })]);
  });

  it('is only for a counter', async () => {
    const kiosk = openCheckout({ role: 'kiosk' });
    try {
      const refused = await suspendHandlers(kiosk.ctx, () => sessionView(kiosk.ctx, []))['sale.suspend']({});
      expect(refused.ok ? null : refused.error.code).toBe('not_counter');
    } finally {
      kiosk.cleanup();
    }
  });

  it('looks products up by a word of their name, kg items too', async () => {
    const search = searchHandlers(checkout.ctx);
    expect(value(await search['catalog.search']({ query: 'toast' })).items.map((p) => p.name)).toEqual([
      'Toast Bread',
    ]);
    expect(value(await search['catalog.search']({ query: 'apples' })).items[0]).toMatchObject({ unit: 'kg' });
  });
});
