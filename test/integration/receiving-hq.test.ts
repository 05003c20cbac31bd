// Receiving deliveries at real terminals (SQLite files, the stock screen's own handlers) against a real
// HQ over HTTP, on PGlite and on PostgreSQL (issue 13): a purchase order imported at HQ and received in
// part (a short and a damaged line) shows received and outstanding exactly on the admin route; one
// delivery note started on two online terminals is refused on the second; taken on two offline
// terminals it is flagged at HQ once both sync, and on hand is not doubled; the CLI obeys the same rule;
// a transfer out of S001 arrives at S002 as an expected delivery and is received there as transfer_in.
// Bad events and hostile requests to the new routes are refused, never a 500.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stockCommand } from '../../cli/commands/stock';
import { stockEvent } from '../../core/sync';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { createCheckoutContext, type CheckoutContext } from '../../services/checkout/context';
import { createEventHub } from '../../services/events';
import { receivingHandlers } from '../../services/stock/receiving-handlers';
import { openTerminalStore, type TerminalStore } from '../../services/store';
import {
  createHqClient,
  createHqDeliveryDesk,
  enrolTerminal,
  loadCredentials,
  syncOnce,
} from '../../services/sync';
import { PRODUCTS, closedPort, value } from '../helpers/checkout';
import { BACKENDS, call, startBackend, type TestBackend } from '../helpers/postgres';

const { milk, bread, gum } = PRODUCTS;
const ADMIN = 'receiving-test-admin-token-0123456789';
const CSV = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  ...[milk, bread, gum].map(
    (p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},${p.taxRateBp / 100},each,,Test`,
  ),
].join('\n');

interface Terminal {
  store: TerminalStore;
  ctx: CheckoutContext;
  api: ReturnType<typeof receivingHandlers>;
  sync(): ReturnType<typeof syncOnce>;
  /** HQ out of reach for claims (the sync is simply not run meanwhile). */
  offline(): Promise<void>;
  online(): void;
}

describe.each(BACKENDS)('receiving deliveries with a real HQ on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  const dirs: string[] = [];
  const terminals: Terminal[] = [];

  async function terminal(storeId: string, terminalId: string, staffId: string): Promise<Terminal> {
    const dir = mkdtempSync(join(tmpdir(), `openlane-receive-${terminalId}-`));
    dirs.push(dir);
    openTerminalStore(dir).db.close();
    const settingsPath = join(dir, 'settings.json');
    const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(settingsPath, JSON.stringify({ ...settings, storeId, terminalId, role: 'counter' }));
    const { code } = await createEnrolmentCode(server.db, storeId);
    await enrolTerminal({ dataDir: dir, serverUrl: server.url, code, terminalName: terminalId });
    const store = openTerminalStore(dir);
    const ctx = createCheckoutContext(store.db, store.settings, createEventHub());
    ctx.duty.current = { id: staffId, name: staffId, role: 'cashier' };
    const credentials = loadCredentials(dir)!;
    const desk = createHqDeliveryDesk(credentials);
    ctx.deliveryDesk = { current: desk };
    const t: Terminal = {
      store,
      ctx,
      api: receivingHandlers(ctx),
      sync: () => syncOnce(store.db, createHqClient(credentials), { currency: store.settings.currency }),
      async offline() {
        const closed = await closedPort();
        ctx.deliveryDesk = { current: createHqDeliveryDesk({ ...credentials, serverUrl: closed.url }) };
      },
      online: () => void (ctx.deliveryDesk = { current: desk }),
    };
    terminals.push(t);
    expect(await t.sync()).toMatchObject({ rejected: 0 });
    return t;
  }

  const onHand = async (store: string, gtin: string) => {
    const { rows } = await server.db.query<{ on_hand: unknown }>(
      `SELECT l.on_hand FROM stock_levels l JOIN stores s ON s.id = l.store_id WHERE s.code = $1 AND l.gtin = $2`,
      [store, gtin],
    );
    return rows.length ? Number(rows[0]!.on_hand) : 0;
  };
  const admin = (method: string, path: string, rawBody?: string) =>
    call(server.url, method, path, {
      token: ADMIN,
      ...(rawBody === undefined ? {} : { rawBody, headers: { 'content-type': 'text/csv' } }),
    });

  beforeAll(async () => {
    backend = await startBackend(kind);
    server = await startServer({
      port: 0,
      dataDir: backend.dataDir,
      databaseUrl: backend.databaseUrl,
      adminToken: ADMIN,
    });
    expect((await importCatalogCsv(server.db, CSV, { currency: 'CNY' })).ok).toBe(true);
  });
  afterAll(async () => {
    for (const t of terminals.splice(0)) if (t.store.db.open) t.store.db.close();
    await server?.close();
    await backend?.stop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('a purchase order received in part shows received and outstanding per line at HQ', async () => {
    const t = await terminal('S001', 'C01', 'staff-lin');
    // A malformed file is refused whole, each bad row named by its line.
    const bad = await admin(
      'POST',
      '/admin/v1/purchase-orders/import',
      [
        'store,po_number,supplier,barcode,quantity,expected_on',
        `S001,PO-1,Acme Dairy,${milk.barcode},10,2026-12-08`,
        `S001,PO-1,Acme Dairy,12345,4,2026-12-08`,
        `S001,PO-1,Acme Dairy,${bread.barcode},-4,2026-12-31`,
      ].join('\n'),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('po_invalid');
    expect(bad.body.error.details.errors).toEqual([
      { line: 3, message: expect.stringMatching(/^barcode /) },
      { line: 4, message: expect.stringMatching(/^quantity "-4"/) },
    ]);
    expect((await admin('GET', '/admin/v1/purchase-orders/PO-1?store=S001')).status).toBe(404);

    const good = await admin(
      'POST',
      '/admin/v1/purchase-orders/import',
      [
        'store,po_number,supplier,barcode,quantity,expected_on',
        `S001,PO-1,Acme Dairy,${milk.barcode},10,2026-12-08`,
        `S001,PO-1,Acme Dairy,${bread.barcode},4,2026-12-08`,
      ].join('\n'),
    );
    expect(good.status).toBe(200);
    await t.sync();
    const { deliveries } = value(await t.api['stock.deliveries']({}));
    const po = deliveries.find((d) => d.number === 'PO-1')!;
    expect(po).toMatchObject({ kind: 'purchase_order', from: 'Acme Dairy', expectedOn: '2026-12-08' });

    const r = value(await t.api['stock.receiveStart']({ deliveryId: po.id, reference: 'DN-ACME-1' }));
    await t.api['stock.receiveLine']({ receivingId: r.id, code: milk.barcode, quantity: 6 });
    await t.api['stock.receiveLine']({ receivingId: r.id, code: milk.barcode, quantity: 1, damaged: true });
    await t.api['stock.receiveLine']({ receivingId: r.id, code: bread.barcode, quantity: 3 });
    const done = value(await t.api['stock.receiveFinish']({ receivingId: r.id }));
    expect(done.differences).toEqual([
      { gtin: milk.gtin, short: 3, over: 0, damaged: 1 },
      { gtin: bread.gtin, short: 1, over: 0, damaged: 0 },
    ]);
    expect(await t.sync()).toMatchObject({ pushed: 1, rejected: 0 });

    const shown = await admin('GET', '/admin/v1/purchase-orders/PO-1?store=S001');
    expect(shown.status).toBe(200);
    expect(shown.body.purchaseOrder.lines).toEqual([
      { gtin: milk.gtin, name: milk.name, expected: 10, received: 6, damaged: 1, outstanding: 4 },
      { gtin: bread.gtin, name: bread.name, expected: 4, received: 3, damaged: 0, outstanding: 1 },
    ]);
    expect(shown.body.purchaseOrder.receivings).toMatchObject([
      { reference: 'DN-ACME-1', receivingId: r.id, terminalId: 'C01', staffId: 'staff-lin' },
    ]);
    expect(await onHand('S001', milk.gtin)).toBe(6);
    // The terminal's next sync brings what is still outstanding.
    const after = value(await t.api['stock.deliveries']({})).deliveries.find((d) => d.number === 'PO-1')!;
    expect(after.lines.map((l) => [l.expected, l.received])).toEqual([
      [10, 6],
      [4, 3],
    ]);
  });

  it('the same delivery note on two online terminals: the second is refused, naming the first', async () => {
    const a = await terminal('S001', 'C02', 'staff-a');
    const b = await terminal('S001', 'C03', 'staff-b');
    value(await a.api['stock.receiveStart']({ supplier: 'Bakery', reference: 'BK-77' }));
    const refused = await b.api['stock.receiveStart']({ supplier: 'Bakery', reference: ' bk-77 ' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'delivery_already_received' } });
    expect(!refused.ok && refused.error.message).toMatch(/staff-a on terminal C02/);
    expect(b.store.db.prepare('SELECT count(*) AS n FROM receivings').get()).toEqual({ n: 0 });
    // Both at the same moment: exactly one gets the note.
    const both = await Promise.all([
      a.api['stock.receiveStart']({ supplier: 'Bakery', reference: 'BK-78' }),
      b.api['stock.receiveStart']({ supplier: 'Bakery', reference: 'BK-78' }),
    ]);
    expect(both.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(both.find((r) => !r.ok)).toMatchObject({ error: { code: 'delivery_already_received' } });
  });

  it('taken on two offline terminals, both booked offline: HQ flags it and books the stock once', async () => {
    const a = await terminal('S001', 'C04', 'staff-x');
    const b = await terminal('S001', 'C05', 'staff-y');
    await a.offline();
    await b.offline();
    const before = await onHand('S001', gum.gtin);
    for (const t of [a, b]) {
      const r = value(await t.api['stock.receiveStart']({ supplier: 'Sweets Co', reference: 'SW-9' }));
      await t.api['stock.receiveLine']({ receivingId: r.id, code: gum.barcode, quantity: 12 });
      value(await t.api['stock.receiveFinish']({ receivingId: r.id }));
    }
    expect(await a.sync()).toMatchObject({ pushed: 1, rejected: 0 });
    expect(await b.sync()).toMatchObject({ pushed: 1, rejected: 0 });
    expect(await onHand('S001', gum.gtin)).toBe(before + 12);
    const flags = await admin('GET', '/admin/v1/stock-flags?store=S001');
    expect(flags.status).toBe(200);
    expect(flags.body.flags).toHaveLength(1);
    expect(flags.body.flags[0]).toMatchObject({
      code: 'delivery_received_twice',
      reference: 'SW-9',
      details: {
        first: { terminalId: 'C04', staffId: 'staff-x' },
        second: { terminalId: 'C05', staffId: 'staff-y' },
        notBooked: [{ gtin: gum.gtin, quantity: 12 }],
      },
    });
    // Online again, the note is refused at once on a third terminal.
    a.online();
    const c = await terminal('S001', 'C06', 'staff-z');
    expect(await c.api['stock.receiveStart']({ supplier: 'Sweets Co', reference: 'sw-9' })).toMatchObject({
      ok: false,
      error: { code: 'delivery_already_received' },
    });
  });

  it("the CLI's stock receive --reference obeys the same rule, here and at HQ", async () => {
    const t = await terminal('S001', 'C08', 'staff-cli');
    const dir = dirs.at(-1)!;
    const csv = join(dir, 'delivery.csv');
    writeFileSync(csv, `barcode,quantity\n${milk.barcode},2\n`);
    const printed: string[] = [];
    const receive = async (reference: string) => {
      const keep = (text: string) => void printed.push(text);
      vi.spyOn(console, 'log').mockImplementation(keep);
      vi.spyOn(console, 'error').mockImplementation(keep);
      try {
        return await stockCommand([
          'receive',
          csv,
          '--reference',
          reference,
          '--staff',
          'staff-cli',
          '--data',
          dir,
        ]);
      } finally {
        vi.restoreAllMocks();
      }
    };
    // Taken at HQ by C02 (the online test above): refused, naming C02.
    expect(await receive('BK-77')).toBe(1);
    expect(printed.join('\n')).toMatch(/staff-a on terminal C02/);
    expect(await receive('CLI-1')).toBe(0);
    printed.length = 0;
    expect(await receive(' cli-1')).toBe(1);
    expect(printed.join('\n')).toMatch(/received here by staff-cli/);
    // The screen on this terminal refuses it too, and HQ has it booked once.
    expect(await t.api['stock.receiveStart']({ supplier: 'X', reference: 'CLI-1' })).toMatchObject({
      ok: false,
      error: { code: 'delivery_already_received' },
    });
    expect(await t.sync()).toMatchObject({ pushed: 1, rejected: 0 });
    const { rows } = await server.db.query(
      `SELECT terminal_id, staff_id FROM delivery_receipts WHERE reference_key = 'cli-1'`,
    );
    expect(rows).toEqual([{ terminal_id: 'C08', staff_id: 'staff-cli' }]);
  });

  it('a transfer out of S001 becomes an expected delivery at S002, received there as transfer_in', async () => {
    const sender = await terminal('S001', 'C07', 'staff-send');
    const receiver = await terminal('S002', 'C01', 'staff-recv');
    const sentBefore = await onHand('S001', bread.gtin);
    const out = value(
      await sender.api['stock.transferOut']({
        toStore: 'S002',
        lines: [{ code: bread.barcode, quantity: 5 }],
      }),
    );
    expect(out.number).toBe('S001-C07-T000001');
    expect(await sender.sync()).toMatchObject({ pushed: 1, rejected: 0 });
    expect(await onHand('S001', bread.gtin)).toBe(sentBefore - 5);

    await receiver.sync();
    const { deliveries } = value(await receiver.api['stock.deliveries']({}));
    expect(deliveries).toMatchObject([
      {
        kind: 'transfer',
        number: 'S001-C07-T000001',
        from: 'S001',
        lines: [{ gtin: bread.gtin, expected: 5 }],
      },
    ]);
    const r = value(
      await receiver.api['stock.receiveStart']({ deliveryId: deliveries[0]!.id, reference: out.number! }),
    );
    value(await receiver.api['stock.receiveAll']({ receivingId: r.id }));
    value(await receiver.api['stock.receiveFinish']({ receivingId: r.id }));
    expect(await receiver.sync()).toMatchObject({ pushed: 1, rejected: 0 });
    expect(await onHand('S002', bread.gtin)).toBe(5);
    const { rows } = await server.db.query<{ kind: string }>(
      `SELECT m.kind FROM stock_movements m JOIN stores s ON s.id = m.store_id WHERE s.code = 'S002'`,
    );
    expect(rows.map((m) => m.kind)).toEqual(['transfer_in']);
    // Received in full, it is no longer expected.
    expect(value(await receiver.api['stock.deliveries']({})).deliveries).toEqual([]);
  });

  it('checks the new stock.received fields at ingest: a bad one is rejected alone, nothing booked', async () => {
    const credentials = loadCredentials(join(dirs[0]!))!;
    const token = (
      await call(server.url, 'POST', '/v1/token', {
        body: { deviceId: credentials.deviceId, secret: credentials.secret },
      })
    ).body.token as string;
    const before = await onHand('S001', bread.gtin);
    const events = [
      stockEvent('stock.received', {
        lines: [{ gtin: bread.gtin, quantity: 1 }],
        reference: 'EV-1',
        damaged: [{ gtin: '123', quantity: 1 }],
      }),
      stockEvent('stock.received', { lines: [], reference: 'EV-2' }),
      stockEvent('stock.received', {
        lines: [],
        reference: 'EV-3',
        damaged: [{ gtin: bread.gtin, quantity: 2 }],
      }),
      stockEvent('stock.received', {
        lines: [{ gtin: bread.gtin, quantity: 3 }],
        reference: 'EV-4',
        deliveryId: 'not-a-delivery',
      }),
    ];
    const reply = await call(server.url, 'POST', '/v1/events', { token, body: { events } });
    expect(reply.status).toBe(200);
    expect(reply.body.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([
      'bad_payload',
      'bad_payload',
      'applied',
      'applied',
    ]);
    expect(await onHand('S001', bread.gtin)).toBe(before + 3);
    const { rows } = await server.db.query<{ reference: string }>(
      `SELECT reference FROM delivery_receipts WHERE reference LIKE 'EV-%' ORDER BY reference`,
    );
    expect(rows.map((r) => r.reference)).toEqual(['EV-3', 'EV-4']);
  });

  it('refuses hostile requests to the new routes with a clear error, never a 500', async () => {
    const t = terminals[0]!;
    const credentials = loadCredentials(join(dirs[0]!))!;
    const token = (
      await call(server.url, 'POST', '/v1/token', {
        body: { deviceId: credentials.deviceId, secret: credentials.secret },
      })
    ).body.token as string;
    const replies = await Promise.all([
      call(server.url, 'POST', '/v1/delivery-claims', { body: { reference: 'X' } }),
      call(server.url, 'POST', '/v1/delivery-claims', {
        token,
        body: { receivingId: 'nope', reference: '' },
      }),
      call(server.url, 'POST', '/v1/delivery-claims', {
        token,
        body: {
          receivingId: '0190f000-0000-7000-8000-000000000000',
          reference: 'A\u0000B',
          terminalId: 'C01',
          staffId: 's',
        },
      }),
      call(server.url, 'POST', '/v1/delivery-claims', { token, rawBody: '{not json' }),
      call(server.url, 'DELETE', '/v1/delivery-claims/..%2F..', { token }),
      call(server.url, 'GET', '/v1/deliveries?store=S002', { token }),
      admin('GET', '/admin/v1/purchase-orders/PO-1?store=../S001'),
      admin('GET', '/admin/v1/purchase-orders/NOPE?store=S001'),
      admin('GET', '/admin/v1/stock-flags?store=S001&limit=0'),
      admin('GET', '/admin/v1/purchase-orders/PO%00X?store=S001'),
      admin('POST', '/admin/v1/purchase-orders/import', ''),
      call(server.url, 'GET', '/admin/v1/stock-flags?store=S001', { token }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([
      401, 400, 400, 400, 400, 400, 400, 404, 400, 400, 400, 401,
    ]);
    for (const r of replies) expect(r.body).toMatchObject({ ok: false, error: { code: expect.any(String) } });
    expect(t.store.db.open).toBe(true);
  });
});
