// Terminals' outbox events arriving at HQ: applied, duplicate or rejected; dead letters that hold
// nothing back; a batch resent after a lost response; the stock ledger of two devices; clock skew;
// and hostile requests refused with nothing written. Real HTTP, on PGlite and on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockEvent, wireEvent } from '../../core/sync';
import { createEnrolmentCode, startServer } from '../../server';
import type { RunningServer } from '../../server';
import { BACKENDS, call, enrolDevice, startBackend } from '../helpers/postgres';
import type { TestBackend, TestDevice } from '../helpers/postgres';
import { sale as saleEvent } from '../helpers/sale-events';

const RICE = '06901234567892';
const BEER = '06909876543212';
const APPLES = '02400001000005';
const BODY_LIMIT = 256 * 1024;
const ADMIN = 'admin-token-for-the-events-tests';

describe.each(BACKENDS)('HQ events on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let url: string;
  let k1: TestDevice;
  let k2: TestDevice;

  const count = async (table: string): Promise<number> => {
    const { rows } = await server.db.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0]!.n);
  };
  const counts = async () => ({
    events: await count('events'),
    sales: await count('sales'),
    movements: await count('stock_movements'),
    deadLetters: await count('dead_letters'),
  });
  const send = (device: TestDevice, events: unknown[], sentAt?: string) =>
    call(url, 'POST', '/v1/events', { token: device.token, body: { sentAt, events } });
  const onHand = async (device: TestDevice, gtin: string) => {
    const reply = await call(url, 'GET', `/v1/stock?gtin=${gtin}`, { token: device.token });
    return reply.body.items[0] as { onHand: number; movements: number; negative: boolean } | undefined;
  };

  beforeAll(async () => {
    backend = await startBackend(kind);
    server = await startServer({
      port: 0,
      dataDir: backend.dataDir,
      databaseUrl: backend.databaseUrl,
      bodyLimitBytes: BODY_LIMIT,
      adminToken: ADMIN,
    });
    url = server.url;
    k1 = await enrolDevice(url, () => createEnrolmentCode(server.db, 'S001'), 'K01');
    k2 = await enrolDevice(url, () => createEnrolmentCode(server.db, 'S001'), 'K02');
  });

  afterAll(async () => {
    await server?.close();
    await backend?.stop();
  });

  it('applies a sale: the sale is stored once and its lines leave the stock', async () => {
    const event = saleEvent('S001', 'K01', [
      { gtin: RICE, name: 'Rice', quantity: 2, unitPrice: 5990 },
      { gtin: APPLES, name: 'Apples', quantity: 1250, unitPrice: 1280, unit: 'kg' },
    ]);
    const reply = await send(k1, [event]);
    expect(reply.status).toBe(200);
    expect(reply.body.results).toEqual([{ id: event.id, status: 'applied' }]);
    const { rows } = await server.db.query<Record<string, unknown>>(
      'SELECT receipt_number, terminal_id, total, device_id, sold_at, received_at FROM sales WHERE event_id = $1',
      [event.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      receipt_number: event.payload.receiptNumber,
      total: event.payload.total,
      device_id: k1.deviceId,
    });
    expect(await onHand(k1, RICE)).toMatchObject({ onHand: -2, negative: true });
    expect(await onHand(k1, APPLES)).toMatchObject({ onHand: -1250 });
    expect(reply.body.warnings).toEqual([
      { code: 'negative_stock', gtin: APPLES, onHand: -1250 },
      { code: 'negative_stock', gtin: RICE, onHand: -2 },
    ]);
  });

  it('answers a resent batch (its response was lost) with duplicates and stores no doubles', async () => {
    const batch = [
      saleEvent('S001', 'K01', [{ gtin: BEER, name: 'Beer', quantity: 3, unitPrice: 650 }]),
      stockEvent('stock.received', { lines: [{ gtin: BEER, quantity: 24 }], reference: 'DN-1' }),
      wireEvent('payment.status_changed', { id: 'p', status: 'paid' }),
    ];
    const first = await send(k1, batch);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    const before = await counts();
    const again = await send(k1, batch);
    expect(again.status).toBe(200);
    expect(again.body.results).toEqual(batch.map((e) => ({ id: e.id, status: 'duplicate' })));
    expect(await counts()).toEqual(before);
    expect(await onHand(k1, BEER)).toMatchObject({ onHand: 21, movements: 2 });
  });

  it('rejects a poison event into the dead letters without holding back the events after it', async () => {
    const good1 = stockEvent('stock.received', { lines: [{ gtin: RICE, quantity: 10 }] });
    const poison = stockEvent('stock.received', { lines: [{ gtin: '6901234567893', quantity: 5 }] });
    const unknown = wireEvent('loyalty.points_added', { points: 5 });
    const { id: _id, ...noId } = stockEvent('stock.received', { lines: [{ gtin: RICE, quantity: 5 }] });
    const good2 = stockEvent('stock.adjusted', {
      lines: [{ gtin: RICE, quantity: -1 }],
      reason: 'broken bag',
    });
    const reply = await send(k2, [good1, poison, unknown, noId, good2]);
    expect(reply.status).toBe(200);
    const [r1, r2, r3, r4, r5] = reply.body.results;
    expect(r1).toEqual({ id: good1.id, status: 'applied' });
    expect(r2).toMatchObject({ id: poison.id, status: 'rejected', code: 'bad_payload' });
    expect(r2.reason).toMatch(/payload\.lines\.0\.gtin: barcode .*check digit/);
    expect(r3).toMatchObject({ id: unknown.id, status: 'rejected', code: 'unknown_type' });
    expect(r4).toMatchObject({ id: null, status: 'rejected', code: 'malformed_event' });
    expect(r4.reason).toMatch(/id/);
    expect(r5).toEqual({ id: good2.id, status: 'applied' });
    expect(await onHand(k2, RICE)).toMatchObject({ onHand: 7 });

    const letters = await call(url, 'GET', '/v1/dead-letters', { token: k1.token });
    expect(letters.status).toBe(200);
    const mine = letters.body.items.filter((d: { deviceId: string }) => d.deviceId === k2.deviceId);
    expect(mine.map((d: { eventId: string | null; code: string }) => [d.eventId, d.code])).toEqual([
      [poison.id, 'bad_payload'],
      [unknown.id, 'unknown_type'],
      [null, 'malformed_event'],
    ]);
    expect(mine[0].event).toEqual(poison);

    // Sent again, the poison is rejected again and filed once.
    const dead = await count('dead_letters');
    const resent = await send(k2, [poison]);
    expect(resent.body.results).toMatchObject([{ status: 'rejected', code: 'bad_payload' }]);
    expect(await count('dead_letters')).toBe(dead);
  });

  it('rejects a sale of another store, a reused receipt number and a sale without GTINs', async () => {
    const elsewhere = saleEvent('S999', 'K01', [{ gtin: RICE, name: 'Rice', quantity: 1, unitPrice: 5990 }]);
    const first = saleEvent('S001', 'K01', [{ gtin: RICE, name: 'Rice', quantity: 1, unitPrice: 5990 }]);
    const reused = saleEvent('S001', 'K01', [{ gtin: BEER, name: 'Beer', quantity: 1, unitPrice: 650 }]);
    reused.payload.receiptNumber = first.payload.receiptNumber;
    const bare = saleEvent('S001', 'K01', [{ gtin: RICE, name: 'Rice', quantity: 1, unitPrice: 5990 }]);
    const { lines: _lines, ...withoutLines } = bare.payload;
    const after = stockEvent('stock.received', { lines: [{ gtin: BEER, quantity: 1 }] });
    const before = await counts();
    const reply = await send(k1, [elsewhere, first, reused, { ...bare, payload: withoutLines }, after]);
    expect(reply.body.results).toMatchObject([
      { status: 'rejected', code: 'store_mismatch', reason: expect.stringMatching(/S999.*S001/) },
      { status: 'applied' },
      { status: 'rejected', code: 'receipt_number_taken' },
      { status: 'rejected', code: 'sale_lines_without_gtin', reason: expect.stringMatching(/gtin/) },
      { status: 'applied' },
    ]);
    expect(await counts()).toEqual({
      events: before.events + 2,
      sales: before.sales + 1,
      movements: before.movements + 2,
      deadLetters: before.deadLetters + 3,
    });
  });

  it("keeps stock as the sum of both devices' movements, sent at the same time", async () => {
    const gtin = '05901234123457';
    const k1Events = [
      stockEvent('stock.received', { lines: [{ gtin, quantity: 50 }] }),
      ...Array.from({ length: 20 }, () =>
        saleEvent('S001', 'K01', [{ gtin, name: 'Tea', quantity: 1, unitPrice: 450 }]),
      ),
    ];
    const k2Events = [
      stockEvent('stock.transferred', {
        direction: 'in',
        otherStore: 'S002',
        lines: [{ gtin, quantity: 12 }],
      }),
      ...Array.from({ length: 15 }, () =>
        saleEvent('S001', 'K02', [{ gtin, name: 'Tea', quantity: 2, unitPrice: 450 }]),
      ),
      stockEvent('stock.transferred', {
        direction: 'out',
        otherStore: 'S003',
        lines: [{ gtin, quantity: 4 }],
      }),
    ];
    const replies = await Promise.all([send(k1, k1Events), send(k2, k2Events)]);
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(reply.body.results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
    }
    const { rows } = await server.db.query<{ device_id: string; total: unknown }>(
      `SELECT device_id, sum(quantity) AS total FROM stock_movements WHERE gtin = $1 GROUP BY device_id`,
      [gtin],
    );
    const byDevice = Object.fromEntries(rows.map((r) => [r.device_id, Number(r.total)]));
    expect(byDevice).toEqual({ [k1.deviceId]: 50 - 20, [k2.deviceId]: 12 - 30 - 4 });
    expect(await onHand(k1, gtin)).toEqual({
      gtin,
      onHand: 50 - 20 + 12 - 30 - 4,
      movements: 38,
      negative: false,
    });
  });

  it('turns a stock count into the adjustment that makes the ledger match the shelf', async () => {
    const gtin = '04006381333931';
    await send(k1, [stockEvent('stock.received', { lines: [{ gtin, quantity: 30 }] })]);
    await send(k2, [saleEvent('S001', 'K02', [{ gtin, name: 'Pen', quantity: 4, unitPrice: 320 }])]);
    const counted = await send(k2, [stockEvent('stock.counted', { lines: [{ gtin, counted: 20 }] })]);
    expect(counted.body.results).toMatchObject([{ status: 'applied' }]);
    expect(await onHand(k1, gtin)).toMatchObject({ onHand: 20, movements: 3 });
    const { rows } = await server.db.query<{ quantity: unknown; counted: unknown; kind: string }>(
      "SELECT quantity, counted, kind FROM stock_movements WHERE gtin = $1 AND kind = 'adjustment'",
      [gtin],
    );
    expect(rows.map((r) => [Number(r.quantity), Number(r.counted)])).toEqual([[-6, 20]]);
    // Two counts at once from two devices are computed one after the other: the last one stands.
    await Promise.all([
      send(k1, [stockEvent('stock.counted', { lines: [{ gtin, counted: 25 }] })]),
      send(k2, [stockEvent('stock.counted', { lines: [{ gtin, counted: 25 }] })]),
    ]);
    expect(await onHand(k1, gtin)).toMatchObject({ onHand: 25 });
  });

  it("stores both clocks and measures each device's clock skew", async () => {
    const terminalNow = new Date(Date.now() - 5 * 60_000); // the terminal's clock is 5 minutes slow
    const event = wireEvent('basket.opened', { basketId: randomUUID() });
    event.occurredAt = terminalNow.toISOString();
    const reply = await send(k2, [event], terminalNow.toISOString());
    expect(reply.body.clockSkewMs).toBeGreaterThanOrEqual(5 * 60_000);
    expect(reply.body.clockSkewMs).toBeLessThan(5 * 60_000 + 5000);
    const { rows } = await server.db.query<{ occurred_at: Date; received_at: Date }>(
      'SELECT occurred_at, received_at FROM events WHERE id = $1',
      [event.id],
    );
    expect(rows[0]!.occurred_at.toISOString()).toBe(event.occurredAt);
    expect(rows[0]!.received_at.getTime() - rows[0]!.occurred_at.getTime()).toBeGreaterThanOrEqual(
      5 * 60_000,
    );
    const device = await server.db.query<{ clock_skew_ms: unknown; last_seen_at: Date | null }>(
      'SELECT clock_skew_ms, last_seen_at FROM devices WHERE id = $1',
      [k2.deviceId],
    );
    expect(Number(device.rows[0]!.clock_skew_ms)).toBe(reply.body.clockSkewMs);
    expect(device.rows[0]!.last_seen_at).not.toBeNull();
    // HQ shows it per device.
    const shown = await call(url, 'GET', '/admin/v1/devices?store=S001', {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(shown.body.devices).toContainEqual(
      expect.objectContaining({ deviceId: k2.deviceId, name: 'K02', clockSkewMs: reply.body.clockSkewMs }),
    );
  });

  it('refuses hostile and malformed requests with clear errors and writes nothing', async () => {
    const before = await counts();
    const post = (options: Parameters<typeof call>[3]) =>
      call(url, 'POST', '/v1/events', { token: k1.token, ...options });
    const huge = { events: [wireEvent('basket.opened', { blob: 'x'.repeat(BODY_LIMIT) })] };
    const tooMany = { events: Array.from({ length: 1001 }, () => wireEvent('basket.opened', {})) };
    const cases: [string, Awaited<ReturnType<typeof post>>, number, string, RegExp][] = [
      ['bad JSON', await post({ rawBody: '{"events": [' }), 400, 'bad_json', /JSON/],
      [
        'empty body',
        await post({ rawBody: '', headers: { 'content-type': 'application/json' } }),
        400,
        'bad_json',
        /empty/,
      ],
      ['huge body', await post({ body: huge }), 413, 'body_too_large', /larger than/],
      [
        'not JSON',
        await post({ rawBody: 'events', headers: { 'content-type': 'text/plain' } }),
        415,
        'unsupported_media_type',
        /JSON/,
      ],
      ['events not a list', await post({ body: { events: 'all of them' } }), 400, 'bad_batch', /events/],
      ['no events', await post({ body: { events: [] } }), 400, 'bad_batch', /events/],
      [
        'unknown field',
        await post({ body: { events: [wireEvent('basket.opened', {})], store: 'S002' } }),
        400,
        'bad_batch',
        /store/,
      ],
      [
        'bad sentAt',
        await post({ body: { sentAt: 'yesterday', events: [wireEvent('basket.opened', {})] } }),
        400,
        'bad_batch',
        /sentAt/,
      ],
      ['too many', await post({ body: tooMany }), 400, 'bad_batch', /1000/],
      ['array body', await post({ body: [1, 2] }), 400, 'bad_batch', /object/],
      [
        'prototype pollution',
        await post({ rawBody: '{"__proto__": {"admin": true}, "events": []}' }),
        400,
        'bad_json',
        /JSON/,
      ],
    ];
    for (const [name, reply, status, code, message] of cases) {
      expect({ name, status: reply.status, ok: reply.body.ok, code: reply.body.error?.code }).toEqual({
        name,
        status,
        ok: false,
        code,
      });
      expect(reply.body.error.message, name).toMatch(message);
    }
    expect(await counts()).toEqual(before);
    const nulCursor = await call(url, 'GET', '/v1/stock?after=%00', { token: k1.token });
    expect(nulCursor).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/after/) } },
    });
    const lost = await call(url, 'GET', '/v1/nothing-here', { token: k1.token });
    expect(lost).toMatchObject({ status: 404, body: { ok: false, error: { code: 'not_found' } } });
  });

  it('rejects events with wrong types one by one, naming the field', async () => {
    const good = stockEvent('stock.received', { lines: [{ gtin: RICE, quantity: 1 }] });
    const cases = [
      wireEvent('stock.received', { lines: [{ gtin: RICE, quantity: '5' }] }),
      stockEvent('stock.received', { lines: [{ gtin: RICE, quantity: 1.5 }] }),
      { ...wireEvent('stock.received', {}), occurredAt: 12 },
      { ...wireEvent('stock.received', {}), id: randomUUID() }, // a v4, not a terminal's v7
      wireEvent('basket.opened', { note: 'nul \u0000 inside' }),
      'just a string',
      wireEvent('basket.opened', JSON.parse('['.repeat(200) + ']'.repeat(200)) as unknown),
    ];
    const reply = await send(k1, [...cases, good]);
    expect(reply.status).toBe(200);
    const results = reply.body.results as { status: string; code?: string; reason?: string }[];
    expect(results.map((r) => r.status)).toEqual([...cases.map(() => 'rejected'), 'applied']);
    expect(results[0]!.reason).toMatch(/payload\.lines\.0\.quantity/);
    expect(results[1]!.reason).toMatch(/quantity/);
    expect(results[2]!.reason).toMatch(/occurredAt/);
    expect(results[3]!.reason).toMatch(/UUIDv7/);
    expect(results[4]!.code).toBe('bad_value');
    expect(results[6]).toMatchObject({
      code: 'malformed_event',
      reason: expect.stringMatching(/deeper than 32/),
    });
  });

  it('keeps every on-hand equal to the sum of its ledger', async () => {
    const { rows } = await server.db.query<{
      gtin: string;
      on_hand: unknown;
      ledger: unknown;
      n: unknown;
      m: unknown;
    }>(
      `SELECT l.gtin, l.on_hand, l.movements AS m, coalesce(sum(s.quantity), 0) AS ledger, count(s.gtin) AS n
       FROM stock_levels l LEFT JOIN stock_movements s ON s.store_id = l.store_id AND s.gtin = l.gtin
       GROUP BY l.store_id, l.gtin, l.on_hand, l.movements`,
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect([row.gtin, Number(row.on_hand), Number(row.m)]).toEqual([
        row.gtin,
        Number(row.ledger),
        Number(row.n),
      ]);
    }
    const products = await server.db.query<{ n: unknown }>(
      'SELECT count(DISTINCT (store_id, gtin)) AS n FROM stock_movements',
    );
    expect(Number(products.rows[0]!.n)).toBe(rows.length);
  });
});
