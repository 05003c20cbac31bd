// The item card, counting and adjusting on a real SQLite file: on hand is HQ's level plus what HQ has
// not acknowledged, count sessions keep running totals per item, location and device, and bad input
// is refused with nothing written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvent } from '../../db/outbox';
import { applyStockPage, currentAckMark } from '../../db/stock-levels';
import { recordAnswers } from '../../db/sync';
import { openCheckout, PRODUCTS, UNKNOWN_EAN, value, type TestCheckout } from '../../test/helpers/checkout';
import type { TerminalApi } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { countingHandlers } from './counting-handlers';

const { milk, bread, apples } = PRODUCTS;
const T0 = Date.parse('2026-12-07T09:00:00.000Z');

describe('stock counting handlers', () => {
  let checkout: TestCheckout;
  let api: ReturnType<typeof countingHandlers>;
  let clock: number;
  const outbox = () =>
    checkout.db.prepare('SELECT type, payload FROM outbox ORDER BY rowid').all() as {
      type: string;
      payload: string;
    }[];
  const sell = (gtin: string, quantity: number, training = false) =>
    checkout.db.transaction(() =>
      appendEvent(checkout.db, 'sale.completed', {
        lines: [{ gtin, quantity }],
        ...(training ? { training } : {}),
      }),
    )();
  const hqSends = (levels: { gtin: string; onHand: number }[]) => {
    const after = (checkout.db.prepare('SELECT cursor FROM hq_stock_feed').get() as { cursor: string })
      .cursor;
    const mark = currentAckMark(checkout.db);
    applyStockPage(
      checkout.db,
      {
        after,
        levels: levels.map((l, i) => ({ ...l, version: i + 1 })),
        nextCursor: `9:${milk.gtin}`,
        complete: true,
      },
      mark,
      new Date(clock),
    );
  };
  const onHand = async (code: string) => value(await api['stock.item']({ code })).onHand;

  beforeEach(() => {
    checkout = openCheckout();
    clock = T0;
    api = countingHandlers(checkout.ctx, () => new Date((clock += 1000)));
    checkout.ctx.duty.current = { id: 'M01', name: 'Chen Jing', role: 'manager' };
  });
  afterEach(() => checkout.cleanup());

  it('needs a staff member signed in for every act', async () => {
    checkout.ctx.duty.current = null;
    expect(await api['stock.item']({ code: milk.barcode })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    expect(await api['stock.adjust']({ code: milk.barcode, quantity: -1, reason: 'damaged' })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    expect(outbox()).toEqual([]);
  });

  it('shows the item a barcode, a GS1 element string or a Digital Link names, with its price and unit', async () => {
    const card = value(await api['stock.item']({ code: milk.barcode }));
    expect(card).toMatchObject({
      gtin: milk.gtin,
      name: 'Fresh Milk 1 L',
      unit: 'each',
      department: 'Test',
      currency: 'CNY',
      shelf: { price: 1290, unitPrice: null },
      onHand: { hq: null, local: 0, total: 0, asOf: null },
    });
    expect(value(await api['stock.item']({ code: `]C101${milk.gtin}` })).gtin).toBe(milk.gtin);
    expect(value(await api['stock.item']({ code: `https://id.gs1.org/01/${bread.gtin}` })).gtin).toBe(
      bread.gtin,
    );
    expect(value(await api['stock.item']({ code: apples.barcode })).shelf.unitPrice).toEqual({
      amount: 1001,
      per: 'kg',
    });
  });

  it('finds loose produce by the PLU typed on the keypad', async () => {
    checkout.db.prepare("UPDATE products SET plu = '4011' WHERE gtin = ?").run(apples.gtin);
    expect(value(await api['stock.item']({ code: '4011' }))).toMatchObject({ gtin: apples.gtin, unit: 'kg' });
    expect(await api['stock.item']({ code: '4012' })).toMatchObject({ ok: false });
  });

  it('names the item in the store language when the catalog has that name', async () => {
    checkout.db.prepare('UPDATE products SET names = ? WHERE gtin = ?').run('{"zh-CN":"鲜牛奶"}', milk.gtin);
    checkout.ctx.settings = { ...checkout.ctx.settings, defaultLanguage: 'zh-CN' };
    expect(value(await api['stock.item']({ code: milk.barcode }))).toMatchObject({
      name: '鲜牛奶',
      names: { 'zh-CN': '鲜牛奶' },
    });
  });

  it('refuses an unknown item and a code that names no item, clearly', async () => {
    expect(await api['stock.item']({ code: UNKNOWN_EAN })).toMatchObject({
      ok: false,
      error: { code: 'unknown_item', message: expect.stringContaining(UNKNOWN_EAN) },
    });
    expect(await api['stock.item']({ code: 'hello' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_code' },
    });
  });

  it('counts on hand as HQ level plus the movements HQ has not acknowledged', async () => {
    const before = sell(milk.gtin, 2); // answered before HQ's level was read: in it
    recordAnswers(checkout.db, [{ eventId: before, status: 'applied' }]);
    const rejected = sell(milk.gtin, 50); // HQ refused it: it moves nothing anywhere
    recordAnswers(checkout.db, [{ eventId: rejected, status: 'rejected', reasonCode: 'x', reason: 'x' }]);
    hqSends([{ gtin: milk.gtin, onHand: 10 }]);
    expect(await onHand(milk.barcode)).toMatchObject({ hq: 10, local: 0, total: 10 });

    const answeredAfter = sell(milk.gtin, 3); // answered after the read: not in HQ's level yet
    recordAnswers(checkout.db, [{ eventId: answeredAfter, status: 'applied' }]);
    sell(milk.gtin, 1); // not sent at all
    sell(milk.gtin, 4, true); // a training sale moves no stock
    checkout.db.transaction(() =>
      appendEvent(checkout.db, 'refund.completed', {
        lines: [
          { gtin: milk.gtin, quantity: 1, disposition: 'restock' },
          { gtin: milk.gtin, quantity: 5, disposition: 'write_off' },
        ],
      }),
    )();
    expect(await onHand(milk.barcode)).toMatchObject({ hq: 10, local: -3, total: 7 });

    // The next read includes what HQ had answered by then.
    hqSends([{ gtin: milk.gtin, onHand: 7 }]);
    expect(await onHand(milk.barcode)).toMatchObject({ hq: 7, local: -1 + 1, total: 7 });
    // A product HQ sent no level for is at 0 once a pull has gone through.
    expect(await onHand(bread.barcode)).toMatchObject({ hq: 0, local: 0, total: 0 });
  });

  it('adjusts with a reason: the event names reason, note, staff and device, and on hand moves at once', async () => {
    hqSends([{ gtin: milk.gtin, onHand: 10 }]);
    const moved = value(
      await api['stock.adjust']({
        code: milk.barcode,
        quantity: -3,
        reason: 'damaged',
        note: ' crushed ',
        device: 'hh1',
      }),
    );
    expect(moved).toMatchObject({
      kind: 'adjustment',
      reason: 'damaged',
      staffId: 'M01',
      lines: [{ gtin: milk.gtin, quantity: -3 }],
    });
    expect(outbox().map((e) => [e.type, JSON.parse(e.payload)])).toEqual([
      [
        'stock.adjusted',
        {
          lines: [{ gtin: milk.gtin, quantity: -3 }],
          reason: 'damaged',
          note: 'crushed',
          staffId: 'M01',
          deviceId: 'K01:hh1',
        },
      ],
    ]);
    expect(await onHand(milk.barcode)).toMatchObject({ hq: 10, local: -3, total: 7 });
    expect(await api['stock.adjust']({ code: UNKNOWN_EAN, quantity: 2, reason: 'found' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_item' },
    });
    expect(
      await api['stock.adjust']({ code: milk.barcode, quantity: 2, reason: 'found', note: 'shelf\u0000B' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_note' } });
    expect(outbox()).toHaveLength(1);
  });

  it('starts a count or joins the open one with the same scope, and keeps running totals per item and location', async () => {
    const scope = { kind: 'department' as const, department: 'Test' };
    const session = value(await api['stock.countStart']({ scope }));
    expect(value(await api['stock.countStart']({ scope })).id).toBe(session.id);
    expect(session).toMatchObject({ state: 'open', lines: [], uncounted: Object.keys(PRODUCTS).length });

    const line = (code: string, quantity: number, location: string, device?: string) =>
      api['stock.countLine']({
        sessionId: session.id,
        code,
        quantity,
        location,
        ...(device ? { device } : {}),
      });
    value(await line(milk.barcode, 1, 'A1'));
    value(await line(milk.barcode, 4, 'A1', 'hh2'));
    value(await line(milk.barcode, 2, 'Back'));
    const view = value(await line(bread.barcode, 6, 'A1'));
    expect(view.lines).toEqual([
      { gtin: milk.gtin, name: milk.name, unit: 'each', location: 'A1', counted: 5, devices: 2 },
      { gtin: milk.gtin, name: milk.name, unit: 'each', location: 'Back', counted: 2, devices: 1 },
      { gtin: bread.gtin, name: bread.name, unit: 'each', location: 'A1', counted: 6, devices: 1 },
    ]);
    expect(view.uncounted).toBe(Object.keys(PRODUCTS).length - 2);

    // Each line is its own event: the device's running total there, who, where and when.
    const counted = outbox().map((e) => JSON.parse(e.payload) as Record<string, unknown>);
    expect(counted[1]).toMatchObject({
      sessionId: session.id,
      deviceId: 'K01:hh2',
      staffId: 'M01',
      lines: [
        {
          gtin: milk.gtin,
          counted: 4,
          added: 4,
          location: 'A1',
          countedAt: new Date(T0 + 4000).toISOString(),
        },
      ],
    });
    // The count sets on hand: HQ said 10, the session counts 7 of milk so far.
    hqSends([{ gtin: milk.gtin, onHand: 10 }]);
    expect(await onHand(milk.barcode)).toMatchObject({ hq: 10, total: 7 });
    sell(milk.gtin, 1);
    expect(await onHand(milk.barcode)).toMatchObject({ hq: 10, total: 6 });

    expect(value(await api['stock.countSessions']({})).sessions.map((s) => s.id)).toEqual([session.id]);
  });

  it('refuses lines for an unknown or finished count, out of scope, or of an unknown item, writing nothing', async () => {
    const session = value(await api['stock.countStart']({ scope: { kind: 'location', location: 'A1' } }));
    const events = outbox().length;
    const bad = [
      [
        {
          sessionId: '0190a5b2-0000-7000-8000-000000000000',
          code: milk.barcode,
          quantity: 1,
          location: 'A1',
        },
        'unknown_count',
      ],
      [{ sessionId: session.id, code: UNKNOWN_EAN, quantity: 1, location: 'A1' }, 'unknown_item'],
      [{ sessionId: session.id, code: milk.barcode, quantity: 1, location: 'B2' }, 'not_in_count'],
      [{ sessionId: session.id, code: milk.barcode, quantity: 1, location: 'A1\u0000' }, 'invalid_location'],
    ] as const;
    for (const [input, code] of bad)
      expect(await api['stock.countLine']({ ...input })).toMatchObject({ ok: false, error: { code } });
    const finished = value(await api['stock.countFinish']({ sessionId: session.id }));
    expect(finished.state).toBe('finished');
    expect(
      await api['stock.countLine']({
        sessionId: session.id,
        code: milk.barcode,
        quantity: 1,
        location: 'A1',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'count_finished' },
    });
    expect(await api['stock.countFinish']({ sessionId: session.id })).toMatchObject({
      ok: false,
      error: { code: 'count_finished' },
    });
    expect(outbox()).toHaveLength(events);
    // A new count of the same scope starts once the old one is finished.
    expect(value(await api['stock.countStart']({ scope: { kind: 'location', location: 'A1' } })).id).not.toBe(
      session.id,
    );
  });

  it('refuses, through the dispatcher, a negative or zero count, a hostile device name and a bad reason', async () => {
    const session = value(await api['stock.countStart']({ scope: { kind: 'location', location: 'A1' } }));
    const call = (name: string, input: unknown) => dispatch(api as unknown as TerminalApi, name, input);
    const line = { sessionId: session.id, code: milk.barcode, location: 'A1' };
    for (const input of [
      { ...line, quantity: -2 },
      { ...line, quantity: 0 },
      { ...line, quantity: 1.5 },
      { ...line, quantity: 1, device: '../../etc' },
      { ...line, quantity: 1, extra: true },
    ])
      expect(await call('stock.countLine', input)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    expect(await call('stock.adjust', { code: milk.barcode, quantity: 1, reason: 'gift' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('reason') },
    });
    expect(await call('stock.adjust', { code: milk.barcode, quantity: 0, reason: 'found' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(outbox()).toEqual([]);
  });

  it('keeps a list count to its items', async () => {
    const session = value(
      await api['stock.countStart']({ scope: { kind: 'list', gtins: [bread.gtin, milk.gtin, milk.gtin] } }),
    );
    expect(session.uncounted).toBe(2);
    expect(
      await api['stock.countLine']({
        sessionId: session.id,
        code: apples.barcode,
        quantity: 1,
        location: 'A',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_in_count' },
    });
    expect(
      value(await api['stock.countStart']({ scope: { kind: 'list', gtins: [milk.gtin, bread.gtin] } })).id,
    ).toBe(session.id);
  });
});
