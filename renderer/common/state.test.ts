import { describe, expect, it } from 'vitest';
import type {
  BasketView,
  PaymentView,
  PublicSettings,
  ReceiptView,
  SessionView,
  SyncView,
} from '../../services/api/contract';
import {
  acceptsScans,
  initialState,
  kioskReducer,
  screenOf,
  syncFraction,
  type KioskAction,
  type KioskState,
} from './state';

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
  training: false,
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
    lot: null,
    serial: null,
    expiry: null,
  })),
  totals,
  lastChangedLineId: lines ? `l${lines - 1}` : null,
  ageCheck: null,
  member: null,
});
const payment = (status: PaymentView['status'], over: Partial<PaymentView> = {}): PaymentView => ({
  id: 'p1',
  basketId: 'b1',
  reference: 'R1',
  provider: 'simulator',
  method: 'merchant_presented',
  maskedCode: null,
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

  it('shows the basket while a pack waits for the attendant’s lot check, though it has no line yet', () => {
    const held = {
      ...basket(0),
      lotChecks: [{ checkId: 'c1', name: 'Milk', raisedAt: '2026-12-07T10:00:00Z' }],
    };
    const state = run({ type: 'session', session: session() }, { type: 'basket', basket: held });
    expect(screenOf(state)).toBe('basket');
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

  it('the same basket arriving again (the answer, then its event) keeps a refusal shown since', () => {
    const error = { code: 'item_not_found', message: 'No product 123' };
    const scanned = run({ type: 'session', session: session() }, { type: 'basket', basket: basket(2) });
    const refused = kioskReducer(scanned, { type: 'scanFailed', code: '123', source: 'keypad', error });
    const repeated = kioskReducer(refused, event({ type: 'basket.changed', basket: basket(2) }));
    expect(repeated).toBe(refused);
    expect(repeated.scanError).toEqual(error);
  });

  it('a changed basket keeps the unchanged lines as they were, so their rows need not re-render', () => {
    const before = run({ type: 'session', session: session() }, { type: 'basket', basket: basket(2) });
    const grown = kioskReducer(before, { type: 'basket', basket: basket(3) });
    expect(grown.basket!.lines).toHaveLength(3);
    expect(grown.basket!.lines[0]).toBe(before.basket!.lines[0]);
    expect(grown.basket!.lines[1]).toBe(before.basket!.lines[1]);
    expect(grown.basketRevision).toBe(before.basketRevision + 1);
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

  it('an attendant’s badge read while weighing, by any scanner, goes to the weighing', () => {
    const weighing = run(
      { type: 'session', session: session() },
      {
        type: 'scanFailed',
        code: '6901000000004',
        source: 'serial',
        error: { code: 'weight_required', message: '' },
      },
    );
    const badge = { code: 'staff_badge', message: 'Staff badge A01 read' };
    const wedge = kioskReducer(weighing, {
      type: 'scanFailed',
      code: 'STAFF-A01X',
      source: 'wedge',
      error: badge,
    });
    expect(wedge.weightFor).toEqual({ code: '6901000000004', source: 'serial', badge: 'STAFF-A01X' });
    const serial = kioskReducer(weighing, {
      type: 'event',
      event: { type: 'scan.rejected', code: 'STAFF-A01X', source: 'serial', error: badge },
    });
    expect(serial.weightFor).toEqual(wedge.weightFor);
    // Not weighing: a badge opens nothing to weigh.
    expect(
      run(
        { type: 'session', session: session() },
        { type: 'scanFailed', code: 'STAFF-A01X', source: 'wedge', error: badge },
      ).weightFor,
    ).toBeNull();
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
    // A charge the provider never answered, reversed: the shopper hears that nothing was taken.
    const reversed = kioskReducer(paying(), {
      type: 'payment',
      payment: payment('cancelled', {
        failureReason: 'The payment code could not be charged; nothing was taken',
      }),
    });
    expect(reversed.notice).toEqual({ kind: 'notCharged' });
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

  it('takes the language the backend kept for this shopper, on a reload too', () => {
    const reloaded = run({ type: 'session', session: session({ basket: basket(), language: 'en' }) });
    expect(reloaded.language).toBe('en');
    // The next shopper's session has none: the store's default.
    const next = kioskReducer(
      reloaded,
      event({ type: 'session.reset', session: session({ language: null }) }),
    );
    expect(next.language).toBe('zh-CN');
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

describe('scan notices', () => {
  const expiredNote = {
    code: 'item_expired_warning' as const,
    message: 'expired 2024-01-31',
    lineId: 'l0',
  };
  const memberNote = { code: 'member_attached' as const, message: 'member 20260001' };
  const withBasket = () => run({ type: 'session', session: session({ basket: basket() }) });

  it('shows a notice about a scan that went through and replaces an earlier refusal', () => {
    const error = { code: 'item_not_found', message: 'No product 123' };
    const refused = kioskReducer(
      withBasket(),
      event({ type: 'scan.rejected', code: '123', source: 'serial', error }),
    );
    const state = kioskReducer(
      refused,
      event({ type: 'scan.notice', source: 'serial', notice: expiredNote }),
    );
    expect(state.scanNotice).toEqual(expiredNote);
    expect(state.scanError).toBeNull();
    expect(screenOf(state)).toBe('basket');
  });

  it('keeps the notice whichever of the notice and its basket change comes first', () => {
    const noticeFirst = run(
      { type: 'session', session: session() },
      event({ type: 'scan.notice', source: 'serial', notice: expiredNote }),
      event({ type: 'basket.changed', basket: basket(1) }),
    );
    expect(noticeFirst.scanNotice).toEqual(expiredNote);
    const basketFirst = run(
      { type: 'session', session: session() },
      event({ type: 'basket.changed', basket: basket(1) }),
      event({ type: 'scan.notice', source: 'serial', notice: expiredNote }),
    );
    expect(basketFirst.scanNotice).toEqual(expiredNote);
  });

  it('drops a notice about a line once another line is the newest, or the line is gone', () => {
    const noted = kioskReducer(
      withBasket(),
      event({ type: 'scan.notice', source: 'serial', notice: expiredNote }),
    );
    const next = kioskReducer(noted, event({ type: 'basket.changed', basket: basket(2) }));
    expect(next.scanNotice).toBeNull();
    const removed = kioskReducer(noted, {
      type: 'basket',
      basket: { ...basket(0), lastChangedLineId: null },
    });
    expect(removed.scanNotice).toBeNull();
  });

  it('keeps a notice about no line (a member card) while more items are scanned', () => {
    const member = { program: 'loyalty', memberId: '20260001' };
    const state = run(
      { type: 'session', session: session({ basket: basket() }) },
      event({ type: 'scan.notice', source: 'serial', notice: memberNote }),
      event({ type: 'basket.changed', basket: { ...basket(1), member } }),
      event({ type: 'basket.changed', basket: { ...basket(2), member } }),
    );
    expect(state.scanNotice).toEqual(memberNote);
    expect(state.basket?.member).toEqual(member);
  });

  it('a later refusal replaces the notice; dismissing clears it', () => {
    const noted = kioskReducer(
      withBasket(),
      event({ type: 'scan.notice', source: 'serial', notice: memberNote }),
    );
    const error = { code: 'duplicate_serial', message: 'serial SER-1 already in basket' };
    const refused = kioskReducer(noted, { type: 'scanFailed', code: 'x', source: 'keypad', error });
    expect(refused.scanNotice).toBeNull();
    expect(refused.scanError).toEqual(error);
    expect(kioskReducer(noted, { type: 'clearScanNotice' }).scanNotice).toBeNull();
  });

  it('a staff badge on the welcome screen shows there, and a weight request is not disturbed', () => {
    const staff = { code: 'staff_badge' as const, message: 'staff 0042' };
    const state = run(
      { type: 'session', session: session() },
      {
        type: 'scanFailed',
        code: '2000000000015',
        source: 'serial',
        error: { code: 'weight_required', message: '' },
      },
      event({ type: 'scan.notice', source: 'serial', notice: staff }),
    );
    expect(screenOf(state)).toBe('welcome');
    expect(state.scanNotice).toEqual(staff);
    expect(state.weightFor).toEqual({ code: '2000000000015', source: 'serial' });
  });

  it('ends with the session, on paying, and when the sale completes', () => {
    const noted = kioskReducer(
      withBasket(),
      event({ type: 'scan.notice', source: 'serial', notice: memberNote }),
    );
    expect(kioskReducer(noted, event({ type: 'session.reset', session: session() })).scanNotice).toBeNull();
    expect(kioskReducer(noted, { type: 'payment', payment: payment('pending') }).scanNotice).toBeNull();
    expect(kioskReducer(noted, event({ type: 'sale.completed', receipt })).scanNotice).toBeNull();
    // A restart that finds the basket still open keeps what the shopper was just told.
    expect(
      kioskReducer(noted, { type: 'session', session: session({ basket: basket() }) }).scanNotice,
    ).toEqual(memberNote);
  });
});

describe('a staff badge', () => {
  const staff = { code: 'staff_badge' as const, message: 'Staff badge 0042 read' };
  const refusal = { code: 'staff_badge', message: 'Staff badge 0042 read; it adds nothing' };

  it('is a notice, not an error, in whichever order its notice and refusal arrive', () => {
    const noticeFirst = run(
      { type: 'session', session: session({ basket: basket() }) },
      event({ type: 'scan.notice', source: 'serial', notice: staff }),
      event({ type: 'scan.rejected', code: 'STAFF0042', source: 'serial', error: refusal }),
    );
    expect(noticeFirst.scanError).toBeNull();
    expect(noticeFirst.scanNotice).toEqual(staff);
    const refusalOnly = run(
      { type: 'session', session: session({ basket: basket() }) },
      { type: 'scanFailed', code: 'STAFF0042', source: 'keypad', error: refusal },
    );
    expect(refusalOnly.scanError).toBeNull();
    expect(refusalOnly.scanNotice?.code).toBe('staff_badge');
  });
});

describe('paying with the shopper’s own payment code', () => {
  const code = (status: PaymentView['status'], over: Partial<PaymentView> = {}): PaymentView =>
    payment(status, {
      id: 'p2',
      method: 'customer_presented',
      maskedCode: '1345****7788',
      qrPayload: null,
      ...over,
    });
  const basketPaying = (): BasketView => ({ ...basket(), status: 'paying' });
  const paymentChanged = (p: PaymentView): KioskAction => event({ type: 'payment.changed', payment: p });

  it('shows the payment screen while the code is charged and confirmed, then Paid', () => {
    const start = run({ type: 'session', session: session({ basket: basket(2) }) });
    const charging = run(
      { type: 'session', session: session({ basket: basket(2) }) },
      event({ type: 'basket.changed', basket: basketPaying() }),
      paymentChanged(code('created')),
    );
    expect(screenOf(start)).toBe('basket');
    expect(screenOf(charging)).toBe('payment');
    expect(charging.payment).toMatchObject({ method: 'customer_presented', maskedCode: '1345****7788' });
    const waiting = kioskReducer(charging, paymentChanged(code('pending')));
    expect(screenOf(waiting)).toBe('payment');
    expect(waiting.payment?.status).toBe('pending');
    const paid = kioskReducer(
      kioskReducer(waiting, paymentChanged(code('paid'))),
      event({ type: 'sale.completed', receipt }),
    );
    expect(screenOf(paid)).toBe('paid');
    expect(paid.receipt).toEqual(receipt);
  });

  it('a declined code goes back to the basket with the decline said calmly', () => {
    const state = run(
      { type: 'session', session: session({ basket: basketPaying(), payment: code('pending') }) },
      paymentChanged(code('declined', { failureReason: 'insufficient balance' })),
      event({ type: 'basket.changed', basket: basket() }),
    );
    expect(screenOf(state)).toBe('basket');
    expect(state.payment).toBeNull();
    expect(state.notice).toEqual({ kind: 'declined' });
  });

  it('a restart in the middle of a code payment lands on the payment screen again', () => {
    const state = run({
      type: 'session',
      session: session({ basket: basketPaying(), payment: code('unknown') }),
    });
    expect(screenOf(state)).toBe('payment');
    expect(state.payment?.method).toBe('customer_presented');
  });

  it('a code shown instead of the QR replaces the QR payment without a notice, whatever comes late', () => {
    const qr = payment('pending');
    const replaced = run(
      { type: 'session', session: session({ basket: basketPaying(), payment: qr }) },
      paymentChanged({ ...qr, status: 'cancelled', failureReason: 'Replaced by the shopper’s payment code' }),
      event({ type: 'basket.changed', basket: basket() }),
      event({ type: 'basket.changed', basket: basketPaying() }),
      paymentChanged(code('created')),
    );
    expect(screenOf(replaced)).toBe('payment');
    expect(replaced.payment?.id).toBe('p2');
    expect(replaced.notice).toBeNull();
    // A repeated word about the old QR payment must not take the new one off the screen.
    const late = kioskReducer(replaced, paymentChanged({ ...qr, status: 'cancelled' }));
    expect(late.payment?.id).toBe('p2');
  });

  it('listens for a scanned code on the QR payment screen, but not while the code is charged', () => {
    const building = run({ type: 'session', session: session({ basket: basket() }) });
    const qrShown = kioskReducer(building, { type: 'payment', payment: payment('pending') });
    const charging = kioskReducer(building, { type: 'payment', payment: code('pending') });
    expect(acceptsScans(run({ type: 'session', session: session() }))).toBe(true);
    expect(acceptsScans(building)).toBe(true);
    expect(acceptsScans(qrShown)).toBe(true);
    expect(acceptsScans(charging)).toBe(false);
    expect(acceptsScans(kioskReducer(building, event({ type: 'sale.completed', receipt })))).toBe(false);
    expect(acceptsScans(initialState)).toBe(false);
  });
});

const syncView = (over: Partial<SyncView['outbox']> = {}, online = true): SyncView => ({
  catalog: { products: 3, version: 7 },
  outbox: { pending: 0, pendingSales: 0, oldestAgeSeconds: null, stale: false, deadLetters: 0, ...over },
  sync: {
    enrolled: true,
    serverUrl: 'http://hq:8430',
    online,
    lastSyncAt: '2026-12-01T10:00:00.000Z',
    lastAttemptAt: '2026-12-01T10:00:00.000Z',
    lastError: online ? null : 'HQ cannot be reached',
    clockSkewMs: 0,
  },
});

describe('the sync status for staff', () => {
  it('comes with the session, so a restarted screen shows it at once', () => {
    const state = run({ type: 'session', session: session({ sync: syncView() }) });
    expect(state.sync?.sync.online).toBe(true);
    expect(initialState.sync).toBeNull();
  });

  it('is replaced by every sync.status event, and a session without one keeps it', () => {
    const offline = syncView(
      { pending: 40, pendingSales: 12, oldestAgeSeconds: 3 * 3600, stale: true },
      false,
    );
    const state = run(
      { type: 'session', session: session({ sync: syncView() }) },
      event({ type: 'sync.status', status: offline }),
    );
    expect(state.sync).toEqual(offline);
    // A backend that sends no sync status (older, or tests) must not wipe what the screen knows.
    expect(kioskReducer(state, { type: 'session', session: session() }).sync).toEqual(offline);
    expect(kioskReducer(state, { type: 'session', session: session({ sync: null }) }).sync).toBeNull();
  });

  it('does not touch the basket, the payment or the screen', () => {
    const building = run({ type: 'session', session: session({ basket: basket(2) }) });
    const after = kioskReducer(building, event({ type: 'sync.status', status: syncView() }));
    expect(screenOf(after)).toBe('basket');
    expect(after.basket).toBe(building.basket);
    expect(after.basketRevision).toBe(building.basketRevision);
  });

  it('shows a progress bar while a catalog of several pages downloads, and none once it is done', () => {
    const downloading = run(
      event({
        type: 'sync.progress',
        progress: { received: 5000, version: 5000, targetVersion: 20000, done: false },
      }),
    );
    expect(downloading.syncProgress).toMatchObject({ received: 5000 });
    expect(syncFraction(downloading.syncProgress!)).toBe(0.25);
    const done = kioskReducer(
      downloading,
      event({
        type: 'sync.progress',
        progress: { received: 20000, version: 20000, targetVersion: 20000, done: true },
      }),
    );
    expect(done.syncProgress).toBeNull();
    // A small download done in one page never shows a bar.
    expect(
      run(
        event({ type: 'sync.progress', progress: { received: 3, version: 9, targetVersion: 9, done: true } }),
      ).syncProgress,
    ).toBeNull();
    expect(syncFraction({ received: 0, version: 4, targetVersion: 4, done: false })).toBe(1);
  });
});

describe('the attendant’s "mark as paid"', () => {
  const offer = { badge: 'STAFF-A01X', attendantName: 'Li Na', paymentId: 'p1' };
  const paying = session({ basket: { ...basket(), status: 'paying' }, payment: payment('unknown') });

  it('opens for the payment on screen, and a badge refusal of that kind shows no error', () => {
    const state = run(
      { type: 'session', session: paying },
      event({ type: 'staff.override', offer }),
      event({
        type: 'scan.rejected',
        code: 'STAFF-A01X',
        source: 'serial',
        error: { code: 'staff_override', message: 'x' },
      }),
    );
    expect(state.staffOverride).toEqual(offer);
    expect(state.scanError).toBeNull();
    expect(screenOf(state)).toBe('payment');
  });

  it('ignores an offer about another payment, and closes when told', () => {
    const other = run(
      { type: 'session', session: paying },
      event({ type: 'staff.override', offer: { ...offer, paymentId: 'p9' } }),
    );
    expect(other.staffOverride).toBeNull();
    const closed = run({ type: 'session', session: paying }, event({ type: 'staff.override', offer }), {
      type: 'closeStaffOverride',
    });
    expect(closed.staffOverride).toBeNull();
  });

  it('closes once the payment is paid, or ends any other way', () => {
    for (const status of ['paid', 'cancelled', 'declined'] as const) {
      const state = run(
        { type: 'session', session: paying },
        event({ type: 'staff.override', offer }),
        event({ type: 'payment.changed', payment: payment(status) }),
      );
      expect(state.staffOverride, status).toBeNull();
    }
    const stillWaiting = run(
      { type: 'session', session: paying },
      event({ type: 'staff.override', offer }),
      event({ type: 'payment.changed', payment: payment('pending') }),
    );
    expect(stillWaiting.staffOverride).toEqual(offer);
  });
});
