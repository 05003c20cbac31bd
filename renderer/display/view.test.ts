// What the customer display derives from the session: its screen, the lines in the shopper's language,
// and the fields other parts of the counter add to the basket later (tenders, change, cash rounding,
// discounts), read when present and ignored when absent or malformed.
import { describe, expect, it } from 'vitest';
import type { BasketLineView, BasketView, PaymentView, PublicSettings } from '../../services/api/contract';
import { initialState, type KioskState } from '../common/state';
import { displayScreen, fromBasket } from './view';

const settings = { storeName: 'Lakeside Market', training: false } as PublicSettings;
const line = (id: string, over: Partial<BasketLineView> = {}): BasketLineView =>
  ({
    id,
    name: 'Fresh Milk 1 L',
    names: { 'zh-CN': '鲜牛奶 1升' },
    unit: 'each',
    unitPrice: 1290,
    quantity: 1,
    lineTotal: 1290,
    ...over,
  }) as BasketLineView;
const basket = (over: Record<string, unknown> = {}): BasketView =>
  ({
    id: 'b1',
    status: 'open',
    currency: 'CNY',
    lines: [
      line('l1'),
      line('l2', { name: 'Bread', names: null, quantity: 2, lineTotal: 1700, unitPrice: 850 }),
    ],
    totals: { total: 2990, itemCount: 3 },
    lastChangedLineId: 'l2',
    ...over,
  }) as unknown as BasketView;
const state = (over: Partial<KioskState>): KioskState => ({ ...initialState, settings, ...over });

describe('displayScreen', () => {
  it('waits for the settings, then welcomes with the store’s name while there is no sale', () => {
    expect(displayScreen(initialState)).toEqual({ kind: 'loading' });
    expect(displayScreen(state({}))).toEqual({ kind: 'idle', storeName: 'Lakeside Market' });
    expect(displayScreen(state({ basket: basket({ lines: [] }) })).kind).toBe('idle');
  });

  it('shows the sale, in the shopper’s language where the catalog has it', () => {
    const screen = displayScreen(state({ basket: basket(), language: 'zh-CN' }));
    expect(screen.kind).toBe('sale');
    if (screen.kind !== 'sale') return;
    expect(screen.sale.lines.map((l) => l.name)).toEqual(['鲜牛奶 1升', 'Bread']);
    expect(screen.sale).toMatchObject({ total: 2990, itemCount: 3, tenders: [], change: 0, rounding: 0 });
  });

  it('shows the QR of a merchant-presented payment, and no QR for a wallet code the shopper showed', () => {
    const payment = {
      id: 'p1',
      status: 'pending',
      method: 'merchant_presented',
      qrPayload: 'https://pay.example/p1',
      amount: 2990,
    } as PaymentView;
    const paying = displayScreen(state({ basket: basket({ status: 'paying' }), payment }));
    expect(paying).toMatchObject({ kind: 'paying', qr: 'https://pay.example/p1', amount: 2990 });
    const wallet = { ...payment, method: 'customer_presented', qrPayload: null } as PaymentView;
    expect(displayScreen(state({ basket: basket({ status: 'paying' }), payment: wallet }))).toMatchObject({
      kind: 'paying',
      qr: null,
    });
  });
});

describe('fromBasket with the fields still to come', () => {
  it('reads tenders (taken ones only), the change of cash handed over, rounding and what is still due', () => {
    const sale = fromBasket(
      basket({
        cashRounding: -1,
        tenders: [
          { kind: 'merchant_qr', amount: 1000, status: 'paid' },
          { kind: 'merchant_qr', amount: 500, status: 'reversed' },
          { kind: 'cash', amount: 1000, tendered: 2000 },
        ],
      }),
      'en',
    );
    expect(sale.tenders).toEqual([
      { kind: 'merchant_qr', amount: 1000 },
      { kind: 'cash', amount: 1000 },
    ]);
    expect(sale.rounding).toBe(-1);
    expect(sale.due).toBe(2990 - 1 - 2000);
    expect(sale.change).toBe(1000);
    // A basket that says its own change and due is believed.
    expect(fromBasket(basket({ change: 30, due: 0 }), 'en')).toMatchObject({ change: 30, due: 0 });
  });

  it('adds up discounts of lines and of the whole sale, or takes the totals’ own figure', () => {
    const lines = [line('l1', { discount: 100 } as Partial<BasketLineView>), line('l2')];
    expect(fromBasket(basket({ lines, discount: { amount: 200 } }), 'en').discount).toBe(300);
    const totals = { total: 2990, itemCount: 2, discount: 450 };
    expect(fromBasket(basket({ lines, totals }), 'en').discount).toBe(450);
    // The counter's price tools report what they took off in all as totals.savings.
    const counted = { total: 2990, itemCount: 2, savings: 320, saleDiscount: 100 };
    expect(fromBasket(basket({ lines, totals: counted }), 'en').discount).toBe(320);
  });

  it('ignores what it cannot read: wrong types, fractions, tenders without a kind', () => {
    const sale = fromBasket(
      basket({
        tenders: [{ amount: 5 }, { kind: 'cash', amount: '10' }, null, 7],
        change: 1.5,
        cashRounding: 'x',
      }),
      'en',
    );
    expect(sale).toMatchObject({ tenders: [], change: 0, rounding: 0, discount: 0, due: 2990 });
    expect(fromBasket(basket({ tenders: 'cash' }), 'en').tenders).toEqual([]);
  });
});
