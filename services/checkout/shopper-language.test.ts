// The shopper's language through the basket handlers on a real SQLite file: kept for their session
// (their basket, a restart, their receipt), forgotten when the session ends. Lines carry the catalog's
// names in other languages, and the produce grid lists what the catalog puts in it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { upsertProducts } from '../../db/catalog';
import {
  PRODUCTS,
  openCheckout,
  paymentFlowFor,
  press,
  startSimulator,
  waitFor,
  type TestCheckout,
} from '../../test/helpers/checkout';
import type { ApiResult } from '../api/contract';
import type { PaymentSimulator } from '../payments/simulator/server';
import { basketHandlers } from './basket-handlers';
import { produceHandlers } from './produce';

let sim: PaymentSimulator;
let checkout: TestCheckout;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  checkout = openCheckout();
  const { milk } = PRODUCTS;
  upsertProducts(checkout.db, [{ ...milk, names: { 'zh-CN': '全脂牛奶' }, plu: '4011', grid: true }]);
});
afterEach(() => checkout.cleanup());

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}
const handlers = () => checkout.basket;
const language = async () => value(await handlers()['session.get']({})).language;
const scan = (code: string) => handlers()['basket.addScan']({ code, source: 'keypad' });

describe('the shopper’s language', () => {
  it('chosen before the first scan, goes onto the basket that scan opens', async () => {
    expect(await language()).toBeNull();
    value(await handlers()['session.setLanguage']({ language: 'zh-CN' }));
    expect(await language()).toBe('zh-CN');
    const basket = value(await scan(PRODUCTS.milk.barcode));
    expect(basket.lines[0]).toMatchObject({ name: PRODUCTS.milk.name, names: { 'zh-CN': '全脂牛奶' } });
    expect(checkout.db.prepare('SELECT language FROM baskets').get()).toEqual({ language: 'zh-CN' });
  });

  it('survives a restart of the terminal (new handlers on the same file)', async () => {
    value(await scan(PRODUCTS.milk.barcode));
    value(await handlers()['session.setLanguage']({ language: 'zh-CN' }));
    checkout.basket = basketHandlers({ ...checkout.ctx }, () => []);
    expect(await language()).toBe('zh-CN');
  });

  it('is forgotten when the basket is cancelled or the sale finished: the next shopper gets the default', async () => {
    value(await handlers()['session.setLanguage']({ language: 'zh-CN' }));
    value(await scan(PRODUCTS.milk.barcode));
    value(await handlers()['basket.cancel']({}));
    expect(await language()).toBeNull();

    value(await handlers()['session.setLanguage']({ language: 'zh-CN' }));
    value(await handlers()['basket.cancel']({}));
    expect(await language()).toBeNull();
  });

  it('prints on the receipt: Chinese names and the language of the sale', async () => {
    value(await handlers()['session.setLanguage']({ language: 'zh-CN' }));
    value(await scan(PRODUCTS.milk.barcode));
    const flow = paymentFlowFor(checkout, sim.url);
    try {
      const payment = value(await flow.handlers['payment.start']({}));
      expect((await press(payment.qrPayload!, 'approve')).status).toBe(200);
      const sale = await waitFor('the sale', () => checkout.events.find((e) => e.type === 'sale.completed'));
      expect(sale.receipt).toMatchObject({
        language: 'zh-CN',
        lines: [{ name: PRODUCTS.milk.name, names: { 'zh-CN': '全脂牛奶' } }],
      });
      expect(await language()).toBe('zh-CN'); // the receipt on screen is still this shopper's
      value(await handlers()['sale.finish']({}));
      expect(await language()).toBeNull();
    } finally {
      flow.close();
    }
  });

  it('refuses a language the screens have no text for, changing nothing', async () => {
    const { handlerSchemas } = await import('../api/schemas');
    expect(handlerSchemas['session.setLanguage'].safeParse({ language: 'fr' }).success).toBe(false);
    expect(handlerSchemas['session.setLanguage'].safeParse({ language: 'zh-CN' }).success).toBe(true);
  });
});

describe('the produce grid handler', () => {
  it('lists the catalog’s grid items with their names and PLUs, in the store currency', async () => {
    const grid = value(await produceHandlers(checkout.ctx)['catalog.produceGrid']({}));
    expect(grid).toEqual({
      currency: 'CNY',
      items: [
        {
          gtin: PRODUCTS.milk.gtin,
          barcode: PRODUCTS.milk.barcode,
          name: PRODUCTS.milk.name,
          names: { 'zh-CN': '全脂牛奶' },
          plu: '4011',
          price: PRODUCTS.milk.price,
          unit: PRODUCTS.milk.unit,
        },
      ],
    });
  });
});

describe('a PLU typed on the keypad', () => {
  it('adds its product; a number that is no PLU of the catalog is refused as before', async () => {
    const basket = value(await scan('4011'));
    expect(basket.lines.map((line) => line.name)).toEqual([PRODUCTS.milk.name]);
    const unknown = await scan('4999');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_code' } });
  });
});
