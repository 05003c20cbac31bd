import { describe, expect, it } from 'vitest';
import type {
  BasketView,
  PaymentView,
  PublicSettings,
  ReceiptView,
  SessionView,
} from '../../services/api/contract';
import { initialState, kioskReducer, screenOf, type KioskAction, type KioskState } from './state';

const settings: PublicSettings = {
  storeName: 'Test Store',
  storeId: 'S1',
  terminalId: 'K1',
  currency: 'CNY',
  taxMode: 'inclusive',
  defaultLanguage: 'zh-CN',
  languages: ['en', 'zh-CN'],
  receiptIdleSeconds: 20,
  paymentTimeoutSeconds: 120,
};
const totals = { total: 350, taxTotal: 40, subtotal: 350, byRate: [], itemCount: 1 };
const basket = (lines = 1): BasketView => ({
  id: 'b1',
  status: 'open',
  currency: 'CNY',
  lines: Array.from({ length: lines }, (_, i) => ({
    id: `l${i}`,
    gtin: '04006381333931',
    barcode: '4006381333931',
    name: 'Water',
    unit: 'each' as const,
    unitPrice: 350,
    quantity: 1,
    lineTotal: 350,
    taxRateBp: 1300,
    ageLimit: null,
  })),
  totals,
  lastChangedLineId: lines ? `l${lines - 1}` : null,
  ageCheck: null,
});
const payment = (status: PaymentView['status'], over: Partial<PaymentView> = {}): PaymentView => ({
  id: 'p1',
  basketId: 'b1',
  reference: 'R1',
  provider: 'simulator',
  status,
  amount: 350,
  currency: 'CNY',
  qrPayload: 'http://pay/R1',
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
  failureReason: null,
  ...over,
});
const receipt = { receiptNumber: 'S1-K1-000001' } as ReceiptView;
const session = (over: Partial<SessionView> = {}): SessionView => ({
  settings,
  basket: null,
  payment: null,
  receipt: null,
  scanners: [],
  ...over,
});
const run = (...actions: KioskAction[]): KioskState => actions.reduce(kioskReducer, initialState);
const event = (e: Extract<KioskAction, { type: 'event' }>['event']): KioskAction => ({
  type: 'event',
  event: e,
});

describe('the screen follows the session after a restart', () => {
  it('shows loading until the first session, then welcome in the default language', () => {
    expect(screenOf(initialState)).toBe('loading');
    const state = run({ type: 'session', session: session() });
    expect(screenOf(state)).toBe('welcome');
    expect(state.language).toBe('zh-CN');
  });

  it('resumes the same basket, a payment in flight, or a finished sale', () => {
    expect(screenOf(run({ type: 'session', session: session({ basket: basket(2) }) }))).toBe('basket');
    const paying = session({ basket: basket(), payment: payment('pending') });
    expect(screenOf(run({ type: 'session', session: paying }))).toBe('payment');
    const done = session({ basket: basket(), payment: payment('paid'), receipt });
    expect(screenOf(run({ type: 'session', session: done }))).toBe('paid');
  });

  it('shows welcome, not an empty basket, when the last line is removed', () => {
    const state = run({ type: 'session', session: session() }, { type: 'basket', basket: basket(0) });
    expect(screenOf(state)).toBe('welcome');
  });
});

describe('scans', () => {
  it('a basket.changed event shows the basket and clears an earlier refusal', () => {
    const error = { code: 'item_not_found', message: 'No product 123' };
    const state = run(
      { type: 'session', session: session() },
      event({ type: 'scan.rejected', code: '123', source: 'serial', error }),
    );
    expect(state.scanError).toEqual(error);
    const after = kioskReducer(state, event({ type: 'basket.changed', basket: basket() }));
    expect(screenOf(after)).toBe('basket');
    expect(after.scanError).toBeNull();
  });

  it('weight_required asks for the weight of that code from that source, without a message', () => {
    const error = { code: 'weight_required', message: 'sold by weight' };
    const state = run(
      { type: 'session', session: session() },
      { type: 'scanFailed', code: '2000000000015', source: 'wedge', error },
    );
    expect(state.weightFor).toEqual({ code: '2000000000015', source: 'wedge' });
    expect(state.scanError).toBeNull();
  });
});

describe('payment outcomes', () => {
  const paying = () =>
    run(
      { type: 'session', session: session({ basket: basket() }) },
      { type: 'payment', payment: payment('pending') },
    );

  it('declined returns to the basket with a calm note', () => {
    const state = kioskReducer(paying(), event({ type: 'payment.changed', payment: payment('declined') }));
    expect(screenOf(state)).toBe('basket');
    expect(state.notice).toEqual({ kind: 'declined' });
  });

  it('cancelled by the shopper returns to the basket without a note; expired says so', () => {
    const cancelled = kioskReducer(paying(), { type: 'payment', payment: payment('cancelled') });
    expect(screenOf(cancelled)).toBe('basket');
    expect(cancelled.notice).toBeNull();
    const expired = kioskReducer(paying(), {
      type: 'payment',
      payment: payment('cancelled', { failureReason: 'expired' }),
    });
    expect(expired.notice).toEqual({ kind: 'expired' });
  });

  it('unknown stays on the payment screen; paid goes to the paid screen before the receipt arrives', () => {
    const unknown = kioskReducer(paying(), event({ type: 'payment.changed', payment: payment('unknown') }));
    expect(screenOf(unknown)).toBe('payment');
    const paid = kioskReducer(unknown, event({ type: 'payment.changed', payment: payment('paid') }));
    expect(screenOf(paid)).toBe('paid');
    expect(paid.receipt).toBeNull();
    const withReceipt = kioskReducer(paid, event({ type: 'sale.completed', receipt }));
    expect(withReceipt.receipt).toBe(receipt);
  });

  it('a late failure of an older payment does not pull the screen off the current one', () => {
    const state = kioskReducer(
      paying(),
      event({ type: 'payment.changed', payment: payment('declined', { id: 'old' }) }),
    );
    expect(screenOf(state)).toBe('payment');
    expect(state.payment?.id).toBe('p1');
  });
});

describe('language', () => {
  it('keeps the shopper’s choice during a session and returns to the default when it ends', () => {
    const chosen = run(
      { type: 'session', session: session({ basket: basket() }) },
      { type: 'language', language: 'en' },
      event({ type: 'basket.changed', basket: basket(2) }),
    );
    expect(chosen.language).toBe('en');
    const ended = kioskReducer(chosen, event({ type: 'session.reset', session: session() }));
    expect(ended.language).toBe('zh-CN');
    expect(screenOf(ended)).toBe('welcome');
  });
});

describe('scanner status', () => {
  it('replaces the status of the scanner it names', () => {
    const scanner = { id: 's1', path: '/dev/ttyACM0', baudRate: 9600, connected: true, lastError: null };
    const state = run(
      { type: 'session', session: session({ scanners: [scanner] }) },
      event({ type: 'scanner.status', scanner: { ...scanner, connected: false, lastError: 'gone' } }),
    );
    expect(state.scanners).toEqual([{ ...scanner, connected: false, lastError: 'gone' }]);
  });
});
