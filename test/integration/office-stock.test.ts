// Stock, purchase orders and sync problems in the back office (issue 14), against a real HQ on PGlite and
// PostgreSQL over HTTP: a PO made on screen stays a draft no terminal sees until it is sent, then a
// device receives it through the real /v1/events and the PO shows received, short and damaged; an
// imported PO is sent at import, as before; a dead letter retried before its cause is fixed is refused
// again with the reason, after it is applied exactly once; one dismissed is kept with who and why; every
// change is audited. A store manager (an actor of the admin scope, as the users branch makes them) acts
// only in their stores: their own count review accepted, another store's dead letter and rows refused.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockEvent, type WireEvent } from '../../core/sync';
import { MAX_QUANTITY } from '../../core/sync/values';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { registerCountReviewRoutes } from '../../server/counts/routes';
import type { Actor } from '../../server/office/access';
import { registerProblemRoutes } from '../../server/problems/routes';
import { registerStockOfficeRoutes } from '../../server/stock/office-routes';
import { registerStockAdminRoutes } from '../../server/stock/routes';
import { PRODUCTS } from '../helpers/checkout';
import {
  BACKENDS,
  call,
  enrolDevice,
  startBackend,
  type HqReply,
  type TestBackend,
  type TestDevice,
} from '../helpers/postgres';

const { milk, bread, gum } = PRODUCTS;
const ADMIN = 'office-stock-admin-token-0123456789';
const CSV = [
  'barcode,name,price,tax_rate,unit,age_limit,department',
  ...[milk, bread].map((p) => `${p.barcode},${p.name},${(p.price / 100).toFixed(2)},13,each,,Test`),
].join('\n');
const MANAGER: Actor = {
  kind: 'user',
  userId: null,
  name: 'Mei Lin',
  role: 'store_manager',
  stores: ['S001'],
};

describe.each(BACKENDS)('stock, purchase orders and sync problems in the back office on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let s001: TestDevice;
  let s002: TestDevice;
  let manager: FastifyInstance;

  const admin = (method: string, path: string, body?: unknown) =>
    call(server.url, method, path, { token: ADMIN, ...(body === undefined ? {} : { body }) });
  const send = async (device: TestDevice, event: WireEvent) => {
    const reply = await call(server.url, 'POST', '/v1/events', {
      token: device.token,
      body: { events: [event] },
    });
    expect(reply.status).toBe(200);
    return (reply.body as { results: { status: string; code?: string }[] }).results[0]!;
  };
  const onHand = async (store: string, gtin: string) => {
    const { rows } = await server.db.query<{ on_hand: unknown }>(
      'SELECT l.on_hand FROM stock_levels l JOIN stores s ON s.id = l.store_id WHERE s.code = $1 AND l.gtin = $2',
      [store, gtin],
    );
    return rows.length ? Number(rows[0]!.on_hand) : 0;
  };
  const audits = async (action: string) =>
    (
      await server.db.query<{ actor_name: string; target_id: string }>(
        'SELECT actor_name, target_id FROM office_audit WHERE action = $1 ORDER BY at',
        [action],
      )
    ).rows;
  const asManager = async (
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    type = 'application/json',
  ) => {
    const reply = await manager.inject({
      method,
      url,
      ...(body === undefined
        ? {}
        : {
            payload: typeof body === 'string' ? body : JSON.stringify(body),
            headers: { 'content-type': type },
          }),
    });
    return { status: reply.statusCode, body: reply.json() as HqReply['body'] };
  };

  beforeAll(async () => {
    backend = await startBackend(kind);
    server = await startServer({
      port: 0,
      dataDir: backend.dataDir,
      databaseUrl: backend.databaseUrl,
      adminToken: ADMIN,
    });
    expect((await importCatalogCsv(server.db, CSV, { currency: 'CNY' })).ok).toBe(true);
    s001 = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S001'), 'Lane 1');
    s002 = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S002'), 'Back door');
    // The admin scope as it runs for a signed-in store manager of S001.
    manager = Fastify();
    manager.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    manager.addHook('onRequest', async (request) => {
      request.actor = MANAGER;
    });
    registerStockAdminRoutes(manager, server.db);
    registerStockOfficeRoutes(manager, server.db);
    registerCountReviewRoutes(manager, server.db);
    registerProblemRoutes(manager, server.db);
    await manager.ready();
  });
  afterAll(async () => {
    await manager?.close();
    await server?.close();
    await backend?.stop();
  });

  it('a PO made on screen is a draft until sent; received by a device it shows received, short and damaged', async () => {
    const bad = await admin('POST', '/admin/v1/purchase-orders', {
      store: 'S001',
      number: 'PO-9',
      supplier: 'Acme',
      lines: [{ gtin: gum.gtin, quantity: 2 }],
    });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'unknown_product']);
    const made = await admin('POST', '/admin/v1/purchase-orders', {
      store: 'S001',
      number: 'PO-10',
      supplier: 'Acme Dairy',
      expectedOn: '2026-12-09',
      lines: [
        { gtin: milk.barcode, quantity: 10 },
        { gtin: bread.gtin, quantity: 4 },
      ],
    });
    expect(made.status).toBe(201);
    expect(made.body.purchaseOrder).toMatchObject({ state: 'draft', lines: 2, expected: 14 });
    const deliveries = async () =>
      (
        (await call(server.url, 'GET', '/v1/deliveries', { token: s001.token })).body as {
          deliveries: { id: string; number: string }[];
        }
      ).deliveries;
    expect((await deliveries()).map((d) => d.number)).not.toContain('PO-10');

    expect(
      (await admin('POST', '/admin/v1/purchase-orders/PO-10/send?store=S001')).body.purchaseOrder.state,
    ).toBe('sent');
    const again = await admin('POST', '/admin/v1/purchase-orders/PO-10/send?store=S001');
    expect([again.status, again.body.error.code]).toEqual([409, 'po_already_sent']);
    const po = (await deliveries()).find((d) => d.number === 'PO-10')!;
    expect(po).toBeDefined();

    const received = stockEvent('stock.received', {
      lines: [
        { gtin: milk.gtin, quantity: 6 },
        { gtin: bread.gtin, quantity: 4 },
      ],
      reference: 'DN-ACME-10',
      deliveryId: po.id,
      receivingId: '0190a5b2-1111-7000-8000-000000000010',
      damaged: [{ gtin: milk.gtin, quantity: 1 }],
      staffId: 'staff-lin',
      terminalId: 'K01',
    } as never);
    expect((await send(s001, received)).status).toBe('applied');
    const shown = await admin('GET', '/admin/v1/purchase-orders/PO-10?store=S001');
    expect(shown.body.purchaseOrder).toMatchObject({
      state: 'partly_received',
      lines: [
        { gtin: milk.gtin, expected: 10, received: 6, damaged: 1, outstanding: 4 },
        { gtin: bread.gtin, expected: 4, received: 4, damaged: 0, outstanding: 0 },
      ],
      receivings: [{ reference: 'DN-ACME-10', terminalId: 'K01', staffId: 'staff-lin' }],
    });
    const list = await admin('GET', '/admin/v1/purchase-orders?state=partly_received');
    expect(list.body.purchaseOrders.map((o: { number: string }) => o.number)).toEqual(['PO-10']);
    expect((await audits('purchase_order.create')).map((a) => a.target_id)).toEqual(['PO-10']);
    expect((await audits('purchase_order.send')).map((a) => a.actor_name)).toEqual(['admin token']);

    // The stock screen: the level, and the product's movements naming the terminal and staff.
    const moves = await admin('GET', `/admin/v1/stock/movements?store=S001&gtin=${milk.gtin}`);
    expect(moves.body.movements).toMatchObject([
      {
        kind: 'receipt',
        quantity: 6,
        reference: 'DN-ACME-10',
        terminalId: 'K01',
        staffId: 'staff-lin',
        deviceName: 'Lane 1',
      },
    ]);
    const levels = await admin('GET', '/admin/v1/stock/levels?q=milk');
    expect(levels.body.levels).toMatchObject([
      { store: 'S001', gtin: milk.gtin, name: milk.name, onHand: 6 },
    ]);
  });

  it('an imported PO is sent at import; a store manager imports only for their stores', async () => {
    const csv = ['store,po_number,supplier,barcode,quantity', `S001,PO-20,Acme,${milk.barcode},3`].join('\n');
    const imported = await call(server.url, 'POST', '/admin/v1/purchase-orders/import', {
      token: ADMIN,
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(200);
    const open = (await call(server.url, 'GET', '/v1/deliveries', { token: s001.token })).body as {
      deliveries: { number: string }[];
    };
    expect(open.deliveries.map((d) => d.number)).toContain('PO-20');

    const mixed = [
      'store,po_number,supplier,barcode,quantity',
      `S001,PO-21,Acme,${milk.barcode},3`,
      `S002,PO-22,Acme,${milk.barcode},3`,
    ].join('\n');
    const refused = await asManager('POST', '/admin/v1/purchase-orders/import', mixed, 'text/csv');
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors).toEqual([
      { line: 3, message: 'Mei Lin has no access to store S002' },
    ]);
    expect((await admin('GET', '/admin/v1/purchase-orders/PO-21?store=S001')).status).toBe(404);
    const own = await asManager(
      'POST',
      '/admin/v1/purchase-orders/import',
      mixed.split('\n').slice(0, 2).join('\n'),
      'text/csv',
    );
    expect(own.status).toBe(200);
    expect((await audits('purchase_order.import')).map((a) => [a.target_id, a.actor_name])).toEqual([
      ['PO-20', 'admin token'],
      ['PO-21', 'Mei Lin'],
    ]);
    // Another store's orders and stock are not theirs to make or read.
    const other = await asManager('POST', '/admin/v1/purchase-orders', {
      store: 'S002',
      number: 'X',
      supplier: 'Y',
      lines: [{ gtin: milk.gtin, quantity: 1 }],
    });
    expect([other.status, other.body.error.code]).toEqual([403, 'forbidden_store']);
    expect((await asManager('GET', '/admin/v1/stock/levels?store=S002')).status).toBe(403);
    const mine = await asManager('GET', '/admin/v1/purchase-orders');
    expect(new Set(mine.body.purchaseOrders.map((o: { store: string }) => o.store))).toEqual(
      new Set(['S001']),
    );
  });

  it('a dead letter retried: refused again while its cause stands, applied exactly once after it is fixed', async () => {
    expect(
      (await send(s002, stockEvent('stock.received', { lines: [{ gtin: bread.gtin, quantity: 5 }] }))).status,
    ).toBe('applied');
    // More than on-hand can hold: refused and filed.
    const tooMuch = stockEvent('stock.received', {
      lines: [{ gtin: bread.gtin, quantity: MAX_QUANTITY }],
      reference: 'DN-BIG',
      terminalId: 'B01',
      staffId: 'staff-wu',
    } as never);
    expect(await send(s002, tooMuch)).toMatchObject({ status: 'rejected', code: 'quantity_out_of_range' });
    const listed = await admin('GET', '/admin/v1/dead-letters?store=S002');
    const letter = listed.body.deadLetters[0];
    expect(letter).toMatchObject({
      eventId: tooMuch.id,
      type: 'stock.received',
      reference: 'DN-BIG',
      terminalId: 'B01',
      staffId: 'staff-wu',
      deviceName: 'Back door',
      products: [{ gtin: bread.gtin, name: bread.name }],
      state: 'open',
    });
    const seenBefore = (
      await server.db.query<{ last_seen_at: Date }>('SELECT last_seen_at FROM devices WHERE id = $1', [
        s002.deviceId,
      ])
    ).rows[0]!.last_seen_at;

    const first = await admin('POST', `/admin/v1/dead-letters/${letter.id}/retry`);
    expect(first.body).toMatchObject({
      outcome: 'refused',
      deadLetter: { state: 'open', retries: 1, code: 'quantity_out_of_range' },
    });
    // The cause fixed: the 5 counted away. The retry applies it, once.
    expect(
      (
        await send(
          s002,
          stockEvent('stock.adjusted', { lines: [{ gtin: bread.gtin, quantity: -5 }], reason: 'damaged' }),
        )
      ).status,
    ).toBe('applied');
    const second = await admin('POST', `/admin/v1/dead-letters/${letter.id}/retry`);
    expect(second.body).toMatchObject({
      outcome: 'applied',
      deadLetter: { state: 'applied', resolvedBy: 'admin token', retries: 2 },
    });
    expect(await onHand('S002', bread.gtin)).toBe(MAX_QUANTITY);
    const third = await admin('POST', `/admin/v1/dead-letters/${letter.id}/retry`);
    expect([third.status, third.body.error.code]).toEqual([409, 'dead_letter_resolved']);
    const stored = await server.db.query('SELECT 1 FROM events WHERE id = $1', [tooMuch.id]);
    expect(stored.rows).toHaveLength(1);
    expect(await onHand('S002', bread.gtin)).toBe(MAX_QUANTITY);
    // A retry from the office is not the device talking: its last contact is left as it was.
    const seenAfter = (
      await server.db.query<{ last_seen_at: Date }>('SELECT last_seen_at FROM devices WHERE id = $1', [
        s002.deviceId,
      ])
    ).rows[0]!.last_seen_at;
    expect(new Date(seenAfter).getTime()).toBeGreaterThanOrEqual(new Date(seenBefore).getTime());
    expect((await audits('dead_letter.retry')).length).toBe(2);
    expect(
      (await admin('GET', '/admin/v1/dead-letters?store=S002&state=applied')).body.deadLetters,
    ).toHaveLength(1);
  });

  it('a dead letter dismissed is kept with who and why; a store manager touches only their stores', async () => {
    const wrongStore = stockEvent('stock.adjusted', {
      lines: [{ gtin: milk.gtin, quantity: MAX_QUANTITY }],
      reason: 'found',
    });
    expect(
      await send(
        s002,
        stockEvent('stock.adjusted', { lines: [{ gtin: milk.gtin, quantity: 1 }], reason: 'found' }),
      ),
    ).toMatchObject({ status: 'applied' });
    expect(await send(s002, wrongStore)).toMatchObject({ status: 'rejected', code: 'quantity_out_of_range' });
    const letter = (await admin('GET', '/admin/v1/dead-letters?store=S002')).body.deadLetters[0];
    const byManager = await asManager('POST', `/admin/v1/dead-letters/${letter.id}/dismiss`, {
      reason: 'typo',
    });
    expect([byManager.status, byManager.body.error.code]).toEqual([403, 'forbidden_store']);
    expect((await asManager('GET', '/admin/v1/dead-letters')).body.deadLetters).toEqual([]);
    const blank = await admin('POST', `/admin/v1/dead-letters/${letter.id}/dismiss`, { reason: '  ' });
    expect(blank.status).toBe(400);
    const dismissed = await admin('POST', `/admin/v1/dead-letters/${letter.id}/dismiss`, {
      reason: 'keyed in error, counted again',
    });
    expect(dismissed.body.deadLetter).toMatchObject({
      state: 'dismissed',
      resolvedBy: 'admin token',
      note: 'keyed in error, counted again',
    });
    expect((await admin('POST', `/admin/v1/dead-letters/${letter.id}/retry`)).status).toBe(409);
    expect((await audits('dead_letter.dismiss')).map((a) => a.target_id)).toEqual([letter.id]);
    expect(
      (await admin('POST', '/admin/v1/dead-letters/0190a5b2-0000-7000-8000-000000000000/retry')).status,
    ).toBe(404);
  });

  it('a store manager accepts a count review of their own store', async () => {
    const counted = (device: string, n: number) =>
      stockEvent('stock.counted', {
        sessionId: 'CS-1',
        deviceId: device,
        staffId: `staff-${device}`,
        lines: [
          {
            gtin: bread.gtin,
            counted: n,
            location: 'Aisle 3',
            countedAt: new Date().toISOString(),
            lineId: `${device}-1`,
          },
        ],
      } as never);
    expect((await send(s001, counted('K01', 7))).status).toBe('applied');
    expect((await send(s001, counted('K02', 9))).status).toBe('applied');
    const reviews = (await asManager('GET', '/admin/v1/count-reviews?store=S001')).body.reviews;
    expect(reviews).toHaveLength(1);
    const accepted = await asManager('POST', `/admin/v1/count-reviews/${reviews[0].id}/accept`, {
      device: 'K02',
      reviewer: 'Mei Lin',
    });
    expect(accepted.body.review).toMatchObject({ state: 'accepted', acceptedDevice: 'K02' });
    expect(await onHand('S001', bread.gtin)).toBe(9);
    expect((await audits('count_review.accept')).map((a) => a.actor_name)).toEqual(['Mei Lin']);
    const sessions = await admin('GET', '/admin/v1/stock/counts?store=S001');
    expect(sessions.body.sessions).toMatchObject([{ sessionId: 'CS-1', items: 1, held: 0, added: 5 }]);
  });
});
