// Effective-dated prices on a real SQLite store: the shelf price, the till's price at a scan, and the
// label queue, all read at the checkout's clock — which the test sets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShelfLabel } from '../../core/labels/label';
import { upsertProducts } from '../../db/catalog';
import { savePriceChanges, type PriceChangeRow } from '../../db/price-changes';
import { openCheckout, PRODUCTS, type TestCheckout } from '../../test/helpers/checkout';
import type { ApiResult, TerminalApi } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { searchHandlers } from '../counter-tools/search';
import { labelHandlers } from '../stock/label-handlers';
import { shelfPrice } from '../stock/shelf-price';

const SIX_AM = Date.parse('2026-12-08T06:00:00Z');
const at = (iso: string) => new Date(iso);
const SIX_AM_DATE = new Date(SIX_AM);

let checkout: TestCheckout;
let now: Date;
let printed: ShelfLabel[][];
let printerAnswer: ApiResult<null>;

function send(rows: Partial<PriceChangeRow>[]) {
  savePriceChanges(
    checkout.db,
    rows.map((r, i) => ({
      hqId: i + 1,
      gtin: PRODUCTS.milk.gtin,
      price: 1190,
      effectiveAt: SIX_AM,
      storeLevel: false,
      ...r,
    })),
    String(rows.length),
    at('2026-12-07T20:00:00Z'),
  );
}

beforeEach(() => {
  checkout = openCheckout();
  now = at('2026-12-07T21:00:00Z');
  checkout.ctx.clock = () => now;
  printed = [];
  printerAnswer = { ok: true, value: null };
  checkout.ctx.labelPrinters.label = {
    print: async (labels) => {
      if (printerAnswer.ok) printed.push([...labels]);
      return printerAnswer;
    },
  };
  checkout.ctx.duty.current = { id: 'S7', name: 'Lin', role: 'supervisor' };
});
afterEach(() => checkout.cleanup());

describe('shelfPrice', () => {
  it('is the catalog price with the change coming, then the new price from its effective time', () => {
    send([{}]);
    expect(shelfPrice(checkout.db, PRODUCTS.milk, at('2026-12-08T05:59:59.999Z'))).toEqual({
      price: 1290,
      unitPrice: null,
      effectiveFrom: null,
      next: { price: 1190, effectiveFrom: '2026-12-08T06:00:00.000Z' },
    });
    expect(shelfPrice(checkout.db, PRODUCTS.milk, at('2026-12-08T06:00:00Z'))).toEqual({
      price: 1190,
      unitPrice: null,
      effectiveFrom: '2026-12-08T06:00:00.000Z',
      next: null,
    });
  });

  it("takes the store's change over the chain's at the same moment, and the latest change in force", () => {
    send([
      { price: 1100 },
      { price: 1150, storeLevel: true },
      { price: 1000, effectiveAt: SIX_AM - 86_400_000 },
    ]);
    expect(shelfPrice(checkout.db, PRODUCTS.milk, at('2026-12-08T07:00:00Z')).price).toBe(1150);
    expect(shelfPrice(checkout.db, PRODUCTS.milk, at('2026-12-07T07:00:00Z')).price).toBe(1000);
  });

  it('gives an item sold by weight its price per kg as the unit price', () => {
    send([{ gtin: PRODUCTS.apples.gtin, price: 1200 }]);
    const shelf = shelfPrice(checkout.db, PRODUCTS.apples, at('2026-12-08T06:00:00Z'));
    expect(shelf.unitPrice).toEqual({ amount: 1200, per: 'kg' });
  });

  it('gives a piece with a net content its price per litre or per kg, from the price in force', () => {
    const bottle = { ...PRODUCTS.milk, netContent: { amount: 1500, unit: 'ml' as const } };
    const pack = { ...PRODUCTS.bread, netContent: { amount: 250, unit: 'g' as const } };
    upsertProducts(checkout.db, [bottle, pack]);
    send([{ price: 599 }]);
    // 1290 for 1.5 l is 860 per l; 599 is 399.33 → 399; 850 for 250 g is 3400 per kg.
    expect(shelfPrice(checkout.db, PRODUCTS.milk, at('2026-12-08T05:00:00Z')).unitPrice).toEqual({
      amount: 860,
      per: 'l',
    });
    expect(shelfPrice(checkout.db, PRODUCTS.milk, at('2026-12-08T06:00:00Z')).unitPrice).toEqual({
      amount: 399,
      per: 'l',
    });
    expect(shelfPrice(checkout.db, PRODUCTS.bread, SIX_AM_DATE).unitPrice).toEqual({
      amount: 3400,
      per: 'kg',
    });
  });
});

describe('a scan at the till', () => {
  it('is priced at the price in force at the clock; a line scanned before keeps its price', async () => {
    send([{}]);
    now = at('2026-12-08T05:59:00Z');
    const before = await checkout.basket['basket.addScan']({ code: PRODUCTS.milk.barcode, source: 'keypad' });
    expect(before.ok && before.value.lines.map((l) => l.unitPrice)).toEqual([1290]);
    now = at('2026-12-08T06:00:00Z');
    const after = await checkout.basket['basket.addScan']({ code: PRODUCTS.milk.barcode, source: 'keypad' });
    expect(after.ok && after.value.lines.map((l) => [l.unitPrice, l.quantity])).toEqual([
      [1290, 1],
      [1190, 1],
    ]);
  });
});

describe("the counter's lookup", () => {
  it('lists an item at the price in force at the clock', async () => {
    send([{}]);
    const search = searchHandlers(checkout.ctx)['catalog.search'];
    const price = async () => {
      const found = await search({ query: 'Fresh Milk' });
      return found.ok ? found.value.items.map((i) => i.price) : null;
    };
    expect(await price()).toEqual([1290]);
    now = at('2026-12-08T06:00:00Z');
    expect(await price()).toEqual([1190]);
  });
});

describe('labels', () => {
  it('queues the labels of changes within the next day, prints the coming price, then leaves them out', async () => {
    const labels = labelHandlers(checkout.ctx);
    send([{}, { gtin: PRODUCTS.bread.gtin, price: 800, effectiveAt: SIX_AM + 2 * 86_400_000 }]);
    const queue = await labels['labels.queue']({});
    expect(queue).toEqual({
      ok: true,
      value: {
        labels: [
          {
            gtin: PRODUCTS.milk.gtin,
            name: 'Fresh Milk 1 L',
            price: 1190,
            unitPrice: null,
            currency: 'CNY',
            effectiveFrom: '2026-12-08T06:00:00.000Z',
            // Tomorrow's price, by the terminal's clock (the screen asks to print the coming one).
            coming: true,
          },
        ],
        printers: ['label'],
      },
    });
    const done = await labels['labels.print']({
      gtins: [PRODUCTS.milk.gtin],
      printer: 'label',
      coming: true,
    });
    expect(done).toEqual({ ok: true, value: { printed: 1 } });
    expect(printed[0]![0]).toMatchObject({ name: 'Fresh Milk 1 L', price: 'CNY 11.90' });
    const after = await labels['labels.queue']({});
    expect(after.ok && after.value.labels).toEqual([]);
  });

  it("prints a bottle's coming price per litre on its label", async () => {
    upsertProducts(checkout.db, [{ ...PRODUCTS.milk, netContent: { amount: 1500, unit: 'ml' } }]);
    send([{ price: 1200 }]);
    const labels = labelHandlers(checkout.ctx);
    const gtins = [PRODUCTS.milk.gtin];
    expect(await labels['labels.print']({ gtins, printer: 'label', coming: true })).toEqual({
      ok: true,
      value: { printed: 1 },
    });
    expect(printed[0]![0]).toMatchObject({ price: 'CNY 12.00', unitPrice: 'CNY 8.00/l' });
  });

  it('refuses a missing printer, a failing printer and an unknown item, marking nothing printed', async () => {
    const labels = labelHandlers(checkout.ctx);
    send([{}]);
    const gtins = [PRODUCTS.milk.gtin];
    const noReceipt = await labels['labels.print']({ gtins, printer: 'receipt', coming: true });
    expect(noReceipt.ok ? null : noReceipt.error.code).toBe('no_printer');
    printerAnswer = {
      ok: false,
      error: { code: 'printer_offline', message: 'the printer is not connected' },
    };
    const offline = await labels['labels.print']({ gtins, printer: 'label', coming: true });
    expect(offline.ok ? null : offline.error.code).toBe('printer_offline');
    printerAnswer = { ok: true, value: null };
    const unknown = await labels['labels.print']({
      gtins: [PRODUCTS.milk.gtin, '06900000000999'],
      printer: 'label',
    });
    expect(unknown.ok ? null : unknown.error.message).toMatch(/No item 06900000000999/);
    const notComing = await labels['labels.print']({
      gtins: [PRODUCTS.bread.gtin],
      printer: 'label',
      coming: true,
    });
    expect(notComing.ok ? null : notComing.error.code).toBe('no_coming_price');
    expect(printed).toEqual([]);
    const queue = await labels['labels.queue']({});
    expect(queue.ok && queue.value.labels.map((l) => l.gtin)).toEqual([PRODUCTS.milk.gtin]);
  });

  it('answers a hostile labels.print with the field that was wrong, printing and marking nothing', async () => {
    send([{}]);
    const api = labelHandlers(checkout.ctx) as unknown as TerminalApi;
    const cases: [unknown, string][] = [
      [{ gtins: [PRODUCTS.milk.gtin], printer: 'fax' }, 'printer: must be receipt or label'],
      [{ gtins: [], printer: 'label' }, 'gtins: must name at least one item'],
      [{ gtins: ["1' OR 1=1 --"], printer: 'label' }, 'gtins.0: must be a GTIN of 14 digits'],
      [{ gtins: PRODUCTS.milk.gtin, printer: 'label' }, 'gtins'],
      [{ gtins: [PRODUCTS.milk.gtin], printer: 'label', coming: 'yes' }, 'coming: must be true or false'],
      [{ gtins: [PRODUCTS.milk.gtin], printer: 'label', staffId: 'boss' }, 'staffId'],
      [{ gtins: Array(1001).fill(PRODUCTS.milk.gtin), printer: 'label' }, 'gtins'],
      [null, 'labels.print'],
    ];
    for (const [input, named] of cases) {
      const result = await dispatch(api, 'labels.print', input);
      expect(result.ok ? null : result.error).toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining(named),
      });
    }
    expect(printed).toEqual([]);
    const queue = await labelHandlers(checkout.ctx)['labels.queue']({});
    expect(queue.ok && queue.value.labels).toHaveLength(1);
  });

  it('needs a staff member signed in', async () => {
    checkout.ctx.duty.current = null;
    const queue = await labelHandlers(checkout.ctx)['labels.queue']({});
    expect(queue.ok ? null : queue.error.code).toBe('not_signed_in');
  });
});
