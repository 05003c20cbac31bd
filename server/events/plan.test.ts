import { describe, expect, it } from 'vitest';
import { saleEvent, wireEvent } from '../../core/sync';
import { uuidv7 } from '../../core/uuid7';
import { planEvent } from './plan';

const at = '2025-03-01T09:30:00.000Z';
/** Any event at `at`; its payload may be wrong on purpose. */
const event = (type: string, payload: unknown) => wireEvent(type, payload, new Date(at));
const sale = (extra: Record<string, unknown> = {}) =>
  saleEvent(
    {
      id: uuidv7(),
      receiptNumber: 'S001-K01-000001',
      storeId: 'S001',
      terminalId: 'K01',
      currency: 'CNY',
      total: 1300,
      taxTotal: 150,
      soldAt: at,
      receipt: { lines: [{ name: 'Tea', quantity: 2, gtin: '5901234123457' }] },
      ...extra,
    },
    new Date(at),
  );

describe('planning an incoming event', () => {
  it('turns a sale into its row and one negative movement per line, GTINs normalised', () => {
    const planned = planEvent(sale(), 'S001');
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    expect(planned.plan.sale).toMatchObject({ receiptNumber: 'S001-K01-000001', total: 1300 });
    expect(planned.plan.movements).toEqual([{ gtin: '05901234123457', quantity: -2, kind: 'sale' }]);
  });

  it('accepts a counter sale: no one payment, split tenders, the cash rounding and the cashier', () => {
    const counter = sale({
      paymentId: null,
      tenders: [
        { kind: 'merchant_qr', amount: 800, paymentId: uuidv7() },
        { kind: 'cash', amount: 496, tendered: 1000 },
      ],
      cashRounding: -4,
      change: 504,
      staffId: 'C07',
      shiftId: null,
    });
    const planned = planEvent(counter, 'S001');
    expect(planned.ok && planned.plan.sale).toMatchObject({ receiptNumber: 'S001-K01-000001', total: 1300 });
    expect(planned.ok && planned.plan.movements).toEqual([
      { gtin: '05901234123457', quantity: -2, kind: 'sale' },
    ]);
  });

  it('prefers the explicit stock lines of a sale over its receipt lines', () => {
    const planned = planEvent(sale({ lines: [{ gtin: '06901234567892', quantity: 1250 }] }), 'S001');
    expect(planned.ok && planned.plan.movements).toEqual([
      { gtin: '06901234567892', quantity: -1250, kind: 'sale' },
    ]);
  });

  it('rejects a sale of another store, and one whose lines have no GTIN', () => {
    expect(planEvent(sale(), 'S002')).toMatchObject({ ok: false, rejection: { code: 'store_mismatch' } });
    const bare = sale({ receipt: { lines: [{ name: 'Tea', quantity: 2 }] } });
    expect(planEvent(bare, 'S001')).toMatchObject({
      ok: false,
      rejection: { code: 'sale_lines_without_gtin' },
    });
  });

  it('signs stock movements by what happened', () => {
    const lines = [{ gtin: '06901234567892', quantity: 5 }];
    const kinds = (type: string, payload: object) => {
      const planned = planEvent(event(type, { lines, ...payload }), 'S001');
      return planned.ok ? planned.plan.movements.map((m) => [m.kind, m.quantity]) : planned.rejection.code;
    };
    expect(kinds('stock.received', {})).toEqual([['delivery', 5]]);
    expect(kinds('stock.transferred', { direction: 'out', otherStore: 'S002' })).toEqual([
      ['transfer_out', -5],
    ]);
    expect(kinds('stock.transferred', { direction: 'in', otherStore: 'S002' })).toEqual([['transfer_in', 5]]);
    expect(kinds('stock.adjusted', { reason: 'found' })).toEqual([['adjustment', 5]]);
    expect(kinds('stock.adjusted', {})).toBe('bad_payload');
  });

  it('keeps a count as counted quantities, refusing a product counted twice in one count', () => {
    const once = planEvent(
      event('stock.counted', { lines: [{ gtin: '06901234567892', counted: 4 }] }),
      'S001',
    );
    expect(once.ok && once.plan.counts).toEqual([{ gtin: '06901234567892', counted: 4 }]);
    const twice = event('stock.counted', {
      lines: [
        { gtin: '6901234567892', counted: 4 },
        { gtin: '06901234567892', counted: 5 },
      ],
    });
    expect(planEvent(twice, 'S001')).toMatchObject({ ok: false, rejection: { code: 'bad_payload' } });
  });

  it("records the terminal's basket, payment and journal events, and rejects unknown types", () => {
    expect(planEvent(event('basket.item_added', { basketId: 'b' }), 'S001').ok).toBe(true);
    expect(planEvent(event('payment.created', {}), 'S001').ok).toBe(true);
    // The terminal's journal copy: stored as received, for HQ to re-verify the chain.
    const journal = planEvent(event('journal.appended', { seq: 1, kind: 'sale', hash: 'h' }), 'S001');
    expect(journal.ok && journal.plan).toMatchObject({ sale: null, movements: [], counts: [] });
    // A shift's close carries its Z report to HQ (db/shifts.ts).
    expect(planEvent(event('shift.closed', { zReport: { number: 1 } }), 'S001').ok).toBe(true);
    expect(planEvent(event('coupon.redeemed', {}), 'S001')).toMatchObject({
      rejection: { code: 'unknown_type' },
    });
  });

  it('refuses a NUL character anywhere in an event, in a value or a key, before the database sees it', () => {
    for (const raw of [
      sale({ receipt: { lines: [], footer: 'thank\u0000you' } }),
      event('basket.opened', { ['k\u0000ey']: 1 }),
    ]) {
      expect(planEvent(raw, 'S001')).toEqual({
        ok: false,
        rejection: { code: 'bad_value', reason: expect.stringMatching(/NUL character/) },
      });
    }
    expect(planEvent(sale({ note: 'no NUL here' }), 'S001').ok).toBe(true);
  });

  it('names the field of a malformed event', () => {
    const { payload: _payload, ...withoutPayload } = event('basket.opened', {});
    const cases: [unknown, RegExp][] = [
      [{ ...event('basket.opened', {}), id: 'not-a-uuid' }, /^id: must be a UUIDv7/],
      [{ ...event('basket.opened', {}), occurredAt: 'yesterday' }, /^occurredAt: must be an ISO 8601 time/],
      [{ ...event('basket.opened', {}), type: 'Sale Completed' }, /^type: must be like sale.completed/],
      [{ ...event('basket.opened', {}), extra: 1 }, /extra/],
      [withoutPayload, /^payload/],
      [null, /object/],
    ];
    for (const [raw, reason] of cases) {
      const planned = planEvent(raw, 'S001');
      expect(planned.ok ? 'planned' : planned.rejection.reason).toMatch(reason);
    }
  });
});
