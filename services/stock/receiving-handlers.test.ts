// The receiving handlers on a real SQLite file: a free delivery scanned in, short / over / damaged per
// line, one outbox event at the finish, the delivery-once rule on this terminal, receiving against an
// expected delivery HQ sent down, a transfer out, and bad input refused with nothing changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaceExpectedDeliveries } from '../../db/receivings';
import { pendingEvents } from '../../db/outbox';
import { PRODUCTS, UNKNOWN_EAN, openCheckout, value, type TestCheckout } from '../../test/helpers/checkout';
import type { TransferOutInput } from '../api/contract';
import type { DeliveryDesk } from './receiving/desk';
import { receivingHandlers } from './receiving-handlers';

const { milk, bread, gum } = PRODUCTS;
let checkout: TestCheckout;
let api: ReturnType<typeof receivingHandlers>;

beforeEach(() => {
  checkout = openCheckout({ storeId: 'S001', terminalId: 'C01' });
  checkout.ctx.duty.current = { id: 'staff-7', name: 'Lin', role: 'cashier' };
  api = receivingHandlers(checkout.ctx);
});
afterEach(() => checkout.cleanup());

const outbox = () => pendingEvents(checkout.db, 100);
const count = (table: string) =>
  (checkout.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('a free delivery', () => {
  it('scans in, counts damaged apart, and books one stock.received naming staff, terminal and supplier', async () => {
    const started = value(
      await api['stock.receiveStart']({ supplier: 'Acme Dairy', reference: ' DN-0042 ' }),
    );
    expect(started).toMatchObject({
      reference: 'DN-0042',
      supplier: 'Acme Dairy',
      state: 'open',
      staffId: 'staff-7',
    });
    const id = started.id;
    await api['stock.receiveLine']({ receivingId: id, code: milk.barcode, quantity: 1 });
    await api['stock.receiveLine']({ receivingId: id, code: milk.barcode, quantity: 5 });
    const seen = value(
      await api['stock.receiveLine']({ receivingId: id, code: bread.barcode, quantity: 2, damaged: true }),
    );
    expect(seen.lines).toEqual([
      { gtin: milk.gtin, name: milk.name, unit: 'each', expected: 0, received: 6, damaged: 0 },
      { gtin: bread.gtin, name: bread.name, unit: 'each', expected: 0, received: 0, damaged: 2 },
    ]);
    expect(seen.differences).toEqual([
      { gtin: milk.gtin, short: 0, over: 6, damaged: 0 },
      { gtin: bread.gtin, short: 0, over: 2, damaged: 2 },
    ]);
    expect(outbox()).toEqual([]);
    const done = value(await api['stock.receiveFinish']({ receivingId: id }));
    expect(done.state).toBe('finished');
    const events = outbox();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'stock.received',
      payload: {
        lines: [{ gtin: milk.gtin, quantity: 6 }],
        damaged: [{ gtin: bread.gtin, quantity: 2 }],
        reference: 'DN-0042',
        supplier: 'Acme Dairy',
        receivingId: id,
        staffId: 'staff-7',
        terminalId: 'C01',
      },
    });
  });

  it('refuses the same delivery note again on this terminal, naming who took it and when', async () => {
    const first = value(await api['stock.receiveStart']({ supplier: 'Acme', reference: 'dn-7' }));
    const again = await api['stock.receiveStart']({ supplier: 'Other', reference: '  DN-7' });
    expect(again).toMatchObject({ ok: false, error: { code: 'delivery_already_received' } });
    expect(!again.ok && again.error.message).toContain('staff-7');
    expect(!again.ok && again.error.message).toContain(first.startedAt);
    // Finished, it is still taken; cancelled, it is free again.
    await api['stock.receiveLine']({ receivingId: first.id, code: gum.barcode, quantity: 1 });
    value(await api['stock.receiveFinish']({ receivingId: first.id }));
    expect((await api['stock.receiveStart']({ supplier: 'A', reference: 'DN-7' })).ok).toBe(false);
    const other = value(await api['stock.receiveStart']({ supplier: 'A', reference: 'DN-8' }));
    value(await api['stock.receiveCancel']({ receivingId: other.id }));
    expect((await api['stock.receiveStart']({ supplier: 'A', reference: 'dn-8' })).ok).toBe(true);
    expect(count('receivings')).toBe(3);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const { id } = value(await api['stock.receiveStart']({ supplier: 'Acme', reference: 'DN-1' }));
    const before = count('receiving_lines');
    expect(await api['stock.receiveLine']({ receivingId: id, code: UNKNOWN_EAN, quantity: 1 })).toMatchObject(
      {
        ok: false,
        error: { code: 'unknown_item' },
      },
    );
    expect(
      await api['stock.receiveLine']({ receivingId: id, code: milk.barcode, quantity: 0 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_quantity' },
    });
    expect(
      await api['stock.receiveLine']({ receivingId: id, code: milk.barcode, quantity: -3 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_quantity' },
    });
    const unknown = '0190f000-0000-7000-8000-000000000000';
    expect(
      await api['stock.receiveLine']({ receivingId: unknown, code: milk.barcode, quantity: 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'receiving_not_found' },
    });
    expect(await api['stock.receiveFinish']({ receivingId: id })).toMatchObject({
      ok: false,
      error: { code: 'receiving_empty' },
    });
    expect(count('receiving_lines')).toBe(before);
    await api['stock.receiveLine']({ receivingId: id, code: milk.barcode, quantity: 1 });
    value(await api['stock.receiveFinish']({ receivingId: id }));
    for (const act of [
      api['stock.receiveLine']({ receivingId: id, code: milk.barcode, quantity: 1 }),
      api['stock.receiveFinish']({ receivingId: id }),
      api['stock.receiveCancel']({ receivingId: id }),
      api['stock.receiveAll']({ receivingId: id }),
    ])
      expect(await act).toMatchObject({ ok: false, error: { code: 'receiving_not_open' } });
    expect(outbox()).toHaveLength(1);
  });

  it('does nothing for nobody signed in', async () => {
    checkout.ctx.duty.current = null;
    expect(await api['stock.receiveStart']({ supplier: 'Acme', reference: 'DN-1' })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    expect(count('receivings')).toBe(0);
  });
});

describe('against an expected delivery', () => {
  beforeEach(() =>
    replaceExpectedDeliveries(
      checkout.db,
      [
        {
          id: 'd-po-1',
          kind: 'purchase_order',
          number: 'PO-100',
          from: 'Acme Dairy',
          expectedOn: '2026-12-08',
          lines: [
            { gtin: milk.gtin, expected: 10, received: 2, damaged: 0 },
            { gtin: bread.gtin, expected: 4, received: 0, damaged: 0 },
          ],
        },
      ],
      '2026-12-07T08:00:00.000Z',
    ),
  );

  it('lists it offline, expects what is outstanding, and shows short and damaged lines', async () => {
    const list = value(await api['stock.deliveries']({}));
    expect(list.offline).toBe(true);
    expect(list.deliveries[0]).toMatchObject({
      number: 'PO-100',
      kind: 'purchase_order',
      from: 'Acme Dairy',
    });
    const r = value(await api['stock.receiveStart']({ deliveryId: 'd-po-1', reference: 'DN-PO-100' }));
    expect(r.delivery).toEqual({ id: 'd-po-1', kind: 'purchase_order', number: 'PO-100' });
    expect(r.supplier).toBe('Acme Dairy');
    await api['stock.receiveLine']({ receivingId: r.id, code: milk.barcode, quantity: 5 });
    const seen = value(
      await api['stock.receiveLine']({ receivingId: r.id, code: milk.barcode, quantity: 1, damaged: true }),
    );
    expect(seen.differences).toEqual([
      { gtin: milk.gtin, short: 2, over: 0, damaged: 1 },
      { gtin: bread.gtin, short: 4, over: 0, damaged: 0 },
    ]);
    const all = value(await api['stock.receiveAll']({ receivingId: r.id }));
    expect(all.lines.map((l) => [l.expected, l.received, l.damaged])).toEqual([
      [8, 7, 1],
      [4, 4, 0],
    ]);
    value(await api['stock.receiveFinish']({ receivingId: r.id }));
    expect(outbox()[0]!.payload).toMatchObject({
      deliveryId: 'd-po-1',
      lines: [{ quantity: 7 }, { quantity: 4 }],
    });
    // Before HQ has it, the list counts it, and a second note for the rest expects only what is left.
    const listed = value(await api['stock.deliveries']({})).deliveries[0]!;
    expect(listed.lines.map((l) => [l.expected, l.received])).toEqual([
      [10, 9],
      [4, 4],
    ]);
    const rest = value(await api['stock.receiveStart']({ deliveryId: 'd-po-1', reference: 'DN-PO-100-B' }));
    expect(rest.lines.map((l) => [l.gtin, l.expected])).toEqual([
      [milk.gtin, 1],
      [bread.gtin, 0],
    ]);
  });

  it('refuses a delivery this terminal does not know', async () => {
    expect(await api['stock.receiveStart']({ deliveryId: 'nope', reference: 'DN' })).toMatchObject({
      ok: false,
      error: { code: 'delivery_not_found' },
    });
  });
});

describe('HQ claims the reference', () => {
  const holder = {
    receivingId: 'r-x',
    terminalId: 'C02',
    staffId: 'staff-9',
    at: '2026-12-07T09:00:00.000Z',
  };
  it('refuses a note another terminal took, and goes ahead offline when HQ is out of reach', async () => {
    const asked: string[] = [];
    const desk: DeliveryDesk = {
      claim: async (claim) => {
        asked.push(claim.reference);
        return claim.reference === 'DN-TAKEN'
          ? { reachable: true, value: { granted: false, holder } }
          : { reachable: false, why: 'HQ is out of reach' };
      },
    };
    checkout.ctx.deliveryDesk = { current: desk };
    const refused = await api['stock.receiveStart']({ supplier: 'Acme', reference: 'DN-TAKEN' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'delivery_already_received' } });
    expect(!refused.ok && refused.error.message).toMatch(/staff-9.*C02/);
    expect((await api['stock.receiveStart']({ supplier: 'Acme', reference: 'DN-FREE' })).ok).toBe(true);
    expect(asked).toEqual(['DN-TAKEN', 'DN-FREE']);
    expect(count('receivings')).toBe(1);
  });
});

describe('a transfer out', () => {
  it('numbers it per terminal and sends it out with the receiving store', async () => {
    const first = value(
      await api['stock.transferOut']({
        toStore: 'S002',
        lines: [
          { code: milk.barcode, quantity: 3 },
          { code: milk.barcode, quantity: 1 },
          { code: gum.barcode, quantity: 2 },
        ],
      }),
    );
    expect(first).toMatchObject({ kind: 'transfer_out', number: 'S001-C01-T000001', toStore: 'S002' });
    expect(first.lines.map((l) => [l.gtin, l.quantity])).toEqual([
      [milk.gtin, 4],
      [gum.gtin, 2],
    ]);
    const second = value(
      await api['stock.transferOut']({ toStore: 'S003', lines: [{ code: gum.barcode, quantity: 1 }] }),
    );
    expect(second.number).toBe('S001-C01-T000002');
    expect(outbox().map((e) => e.payload)).toMatchObject([
      { direction: 'out', otherStore: 'S002', number: 'S001-C01-T000001', staffId: 'staff-7' },
      { direction: 'out', otherStore: 'S003', number: 'S001-C01-T000002' },
    ]);
  });

  it('refuses an unknown item, a transfer to itself, and a store code that is none', async () => {
    for (const [input, code] of [
      [{ toStore: 'S002', lines: [{ code: UNKNOWN_EAN, quantity: 1 }] }, 'unknown_item'],
      [{ toStore: 'S001', lines: [{ code: milk.barcode, quantity: 1 }] }, 'transfer_to_self'],
      [{ toStore: 'S 2;', lines: [{ code: milk.barcode, quantity: 1 }] }, 'invalid_store'],
      [{ toStore: 'S002', lines: [{ code: milk.barcode, quantity: 0 }] }, 'invalid_quantity'],
    ] as [TransferOutInput, string][])
      expect(await api['stock.transferOut'](input)).toMatchObject({ ok: false, error: { code } });
    expect(count('transfers_out')).toBe(0);
    expect(outbox()).toEqual([]);
  });
});
