// Numbers and dates that parse as JSON but cannot be stored: each is a rejected event (a dead letter
// with its reason), never a 500 that a terminal would retry forever, and the events around it apply.
// A 5xx that does happen is logged on one line with its request id, which the answer carries too.
// Real HTTP, on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { saleEvent, stockEvent } from '../../core/sync';
import { uuidv7 } from '../../core/uuid7';
import { createEnrolmentCode, startServer } from '../../server';
import type { RunningServer } from '../../server';
import { BACKENDS, call, enrolDevice, startBackend } from '../helpers/postgres';
import type { TestBackend, TestDevice } from '../helpers/postgres';

const TEA = '06901234567892';
const PEN = '06909876543212';
const SAFE = Number.MAX_SAFE_INTEGER;

const received = (gtin: string, ...quantities: number[]) =>
  stockEvent('stock.received', { lines: quantities.map((quantity) => ({ gtin, quantity })) });

describe.each(BACKENDS)('HQ on %s refuses values it cannot store', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let device: TestDevice;

  const send = (events: unknown[], sentAt?: string) =>
    call(server.url, 'POST', '/v1/events', { token: device.token, body: { sentAt, events } });
  const stock = async (gtin: string) => {
    const reply = await call(server.url, 'GET', `/v1/stock?gtin=${gtin}`, { token: device.token });
    expect(reply.status).toBe(200);
    return (reply.body.items[0] as { onHand: number } | undefined)?.onHand ?? 0;
  };
  const deadLetter = async (id: string) => {
    const { rows } = await server.db.query<{ reason_code: string; reason: string }>(
      'SELECT reason_code, reason FROM dead_letters WHERE event_key = $1',
      [id],
    );
    return rows[0];
  };

  beforeAll(async () => {
    backend = await startBackend(kind);
    server = await startServer({ port: 0, dataDir: backend.dataDir, databaseUrl: backend.databaseUrl });
    device = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S001'), 'K01');
  });

  afterAll(async () => {
    await server?.close();
    await backend?.stop();
  });

  it('rejects times that are not on the calendar or the clock, naming the field, and applies the rest', async () => {
    const good = received(PEN, 1);
    const bad = [received(PEN, 1), received(PEN, 1), received(PEN, 1), received(PEN, 1), received(PEN, 1)];
    bad[0]!.occurredAt = '2026-13-01T00:00:00Z';
    bad[1]!.occurredAt = '2026-02-30T10:00:00.000Z';
    bad[2]!.occurredAt = '2026-03-01T24:30:00Z';
    bad[3]!.occurredAt = '2026-03-01T10:00:00+99:00';
    bad[4]!.occurredAt = '0000-01-01T00:00:00Z';
    const reply = await send([...bad, good]);
    expect(reply.status).toBe(200);
    expect(reply.body.results.map((r: { status: string }) => r.status)).toEqual([
      ...bad.map(() => 'rejected'),
      'applied',
    ]);
    for (const e of bad) {
      expect(await deadLetter(e.id)).toMatchObject({
        reason_code: 'malformed_event',
        reason: expect.stringMatching(/occurredAt: .*not a real time/),
      });
    }
    expect(await stock(PEN)).toBe(1);
  });

  it('rejects a sale sold on a day that does not exist, and refuses a batch whose sentAt is one', async () => {
    const sale = saleEvent({
      id: uuidv7(),
      receiptNumber: 'S001-K01-000001',
      terminalId: 'K01',
      currency: 'CNY',
      total: 100,
      taxTotal: 0,
      soldAt: '2026-04-31T12:00:00Z',
      receipt: { lines: [] },
      lines: [{ gtin: TEA, quantity: 1 }],
    });
    const reply = await send([sale]);
    expect(reply).toMatchObject({ status: 200, body: { results: [{ status: 'rejected' }] } });
    expect(await deadLetter(sale.id)).toMatchObject({
      reason_code: 'bad_payload',
      reason: expect.stringMatching(/payload\.soldAt/),
    });
    const refused = await send([received(TEA, 1)], '2026-13-01T00:00:00Z');
    expect(refused).toMatchObject({ status: 400, body: { ok: false, error: { code: 'bad_batch' } } });
    expect(refused.body.error.message).toMatch(/sentAt/);
  });

  it('rejects quantities whose sum is beyond what on-hand can hold, in one event or over many', async () => {
    const twoHuge = received(TEA, SAFE, SAFE);
    const negative = stockEvent('stock.adjusted', {
      lines: [
        { gtin: TEA, quantity: -SAFE },
        { gtin: TEA, quantity: -SAFE },
      ],
      reason: 'found',
    });
    const fine = received(TEA, 5);
    const reply = await send([twoHuge, negative, fine]);
    expect(reply.status).toBe(200);
    expect(reply.body.results.map((r: { status: string }) => r.status)).toEqual([
      'rejected',
      'rejected',
      'applied',
    ]);
    expect(await deadLetter(twoHuge.id)).toMatchObject({
      reason_code: 'bad_payload',
      reason: expect.stringMatching(/quantity/),
    });
    expect(await stock(TEA)).toBe(5);

    // Each batch on its own is fine; the second would take on-hand past what HQ holds.
    const big = 900_000_000_000_000;
    expect((await send([received(TEA, big)])).body.results[0].status).toBe('applied');
    const over = received(TEA, big);
    const after = received(TEA, 1);
    const second = await send([over, after]);
    expect(second.status).toBe(200);
    expect(second.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'applied']);
    expect(await deadLetter(over.id)).toMatchObject({
      reason_code: 'quantity_out_of_range',
      reason: expect.stringMatching(new RegExp(`on-hand of ${TEA}`)),
    });
    expect(await stock(TEA)).toBe(big + 5 + 1);
    // A count of an out-of-range quantity is refused too; a count in range still works.
    const hugeCount = stockEvent('stock.counted', { lines: [{ gtin: TEA, counted: SAFE }] });
    const count = stockEvent('stock.counted', { lines: [{ gtin: TEA, counted: 7 }] });
    const counted = await send([hugeCount, count]);
    expect(counted.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'applied']);
    expect(await stock(TEA)).toBe(7);
  });

  it('logs a 5xx on one line with its request id, which the answer carries', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    // The table the events go to is gone: the server cannot help failing.
    await server.db.exec('ALTER TABLE events RENAME TO events_away');
    try {
      const reply = await send([received(PEN, 1)]);
      expect(reply.status).toBe(500);
      const requestId = reply.body.error.details?.requestId as string;
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(reply.body.error.message).toContain(requestId);
      const logged = lines.filter((l) => l.includes(requestId));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/POST \/v1\/events/);
      expect(logged[0]).toMatch(/events/);
      expect(logged[0]!.trimEnd().split('\n')).toHaveLength(1);
    } finally {
      spy.mockRestore();
      await server.db.exec('ALTER TABLE events_away RENAME TO events');
    }
  });
});
