// The bulk ingest path's edge cases: a batch is written by multi-row statements, and redone event by
// event only when the database refuses a value. Whichever path runs, each event's answer and what is
// stored must be what applying the events one by one in order gives. Real HTTP, PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReceiptNumber } from '../../core/receipt';
import { saleEvent, stockEvent, wireEvent, type StockLine } from '../../core/sync';
import { uuidv7 } from '../../core/uuid7';
import { createEnrolmentCode, startServer } from '../../server';
import type { RunningServer } from '../../server';
import { BACKENDS, call, enrolDevice, startBackend } from '../helpers/postgres';
import type { TestBackend, TestDevice } from '../helpers/postgres';

const TEA = '05901234123457';
const PEN = '04006381333931';
const RICE = '06901234567892';

let sequence = 0;

/** A sale.completed with the fields HQ reads (db/sales.ts writes more; HQ keeps them as sent). */
function sale(store: string, terminal: string, lines: StockLine[]) {
  const at = new Date();
  return saleEvent(
    {
      id: uuidv7(),
      receiptNumber: formatReceiptNumber(store, terminal, ++sequence),
      storeId: store,
      terminalId: terminal,
      currency: 'CNY',
      total: 100 * lines.length,
      taxTotal: 10,
      soldAt: at.toISOString(),
      receipt: { lines: lines.map((l) => ({ name: 'Item', quantity: l.quantity })) },
      lines,
    },
    at,
  );
}

describe.each(BACKENDS)('bulk ingest on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let s1: TestDevice;
  let s1b: TestDevice;
  let s2: TestDevice;

  const send = (device: TestDevice, events: unknown[]) =>
    call(server.url, 'POST', '/v1/events', { token: device.token, body: { events } });
  const statuses = (reply: Awaited<ReturnType<typeof send>>) =>
    (reply.body.results as { status: string; code?: string }[]).map((r) => r.code ?? r.status);
  const rowsOf = async (table: string, eventId: string) => {
    const column = table === 'events' ? 'id' : 'event_id';
    const { rows } = await server.db.query<{ n: unknown }>(
      `SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`,
      [eventId],
    );
    return Number(rows[0]!.n);
  };
  const onHand = async (device: TestDevice, gtin: string) => {
    const reply = await call(server.url, 'GET', `/v1/stock?gtin=${gtin}`, { token: device.token });
    return (reply.body.items[0] as { onHand: number; movements: number } | undefined) ?? null;
  };
  const totals = async () => {
    const { rows } = await server.db.query<Record<string, unknown>>(
      `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM sales) AS sales,
              (SELECT count(*) FROM stock_movements) AS movements, (SELECT count(*) FROM dead_letters) AS dead`,
    );
    return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
  };

  beforeAll(async () => {
    backend = await startBackend(kind);
    server = await startServer({ port: 0, dataDir: backend.dataDir, databaseUrl: backend.databaseUrl });
    s1 = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S001'), 'K01');
    s1b = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S001'), 'K02');
    s2 = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S002'), 'K01');
  });

  afterAll(async () => {
    await server?.close();
    await backend?.stop();
  });

  it('stores an event sent twice in one batch once, and answers the second duplicate', async () => {
    const gtin = '00012345600012';
    const twice = sale('S001', 'K01', [{ gtin, quantity: 2 }]);
    // The same id in capitals is the same UUID to the database.
    const shouted = { ...twice, id: twice.id.toUpperCase() };
    const other = sale('S001', 'K01', [{ gtin, quantity: 1 }]);
    const reply = await send(s1, [twice, other, twice, shouted]);
    expect(reply.status).toBe(200);
    expect(reply.body.results).toEqual([
      { id: twice.id, status: 'applied' },
      { id: other.id, status: 'applied' },
      { id: twice.id, status: 'duplicate' },
      { id: shouted.id, status: 'duplicate' },
    ]);
    expect([await rowsOf('events', twice.id), await rowsOf('sales', twice.id)]).toEqual([1, 1]);
    expect(await rowsOf('stock_movements', twice.id)).toBe(1);
    expect(await onHand(s1, gtin)).toEqual({ gtin, onHand: -3, movements: 2, negative: true });
  });

  it('answers a batch of new, already stored and poison events each as one by one would', async () => {
    const stored = sale('S001', 'K01', [{ gtin: TEA, quantity: 1 }]);
    const taken = sale('S001', 'K01', [{ gtin: TEA, quantity: 1 }]);
    expect(statuses(await send(s1, [stored, taken]))).toEqual(['applied', 'applied']);
    const before = await totals();
    const teaBefore = (await onHand(s1, TEA))!.onHand;

    const fresh1 = sale('S001', 'K01', [{ gtin: TEA, quantity: 3 }]);
    const badGtin = stockEvent('stock.received', { lines: [{ gtin: '6901234567893', quantity: 5 }] });
    // Refused before the database: PostgreSQL text cannot hold NUL.
    const nul = wireEvent('basket.opened', { note: 'a \u0000 inside' });
    // Planned fine, refused by the database (receipt numbers are unique per store): this one sends
    // the batch down the event-by-event path.
    const reusedNumber = sale('S001', 'K01', [{ gtin: TEA, quantity: 7 }]);
    reusedNumber.payload.receiptNumber = taken.payload.receiptNumber;
    const fresh2 = stockEvent('stock.received', { lines: [{ gtin: TEA, quantity: 10 }] });
    const reply = await send(s1, [fresh1, stored, badGtin, nul, reusedNumber, taken, fresh2]);
    expect(reply.status).toBe(200);
    expect(statuses(reply)).toEqual([
      'applied',
      'duplicate',
      'bad_payload',
      'bad_value',
      'receipt_number_taken',
      'duplicate',
      'applied',
    ]);
    expect(await totals()).toEqual({
      events: before.events! + 2,
      sales: before.sales! + 1,
      movements: before.movements! + 2,
      dead: before.dead! + 3,
    });
    expect((await onHand(s1, TEA))!.onHand).toBe(teaBefore - 3 + 10);
    for (const refused of [nul, reusedNumber]) expect(await rowsOf('events', refused.id)).toBe(0);

    // The same batch again: the applied ones are now duplicates, the poison is refused again and
    // filed once.
    const again = await send(s1, [fresh1, stored, badGtin, nul, reusedNumber, taken, fresh2]);
    expect(statuses(again)).toEqual([
      'duplicate',
      'duplicate',
      'bad_payload',
      'bad_value',
      'receipt_number_taken',
      'duplicate',
      'duplicate',
    ]);
    expect(await totals()).toEqual({
      events: before.events! + 2,
      sales: before.sales! + 1,
      movements: before.movements! + 2,
      dead: before.dead! + 3,
    });
  });

  it('applies a poison event id resent valid, and a sale whose id another event already used is refused', async () => {
    const good = stockEvent('stock.received', { lines: [{ gtin: RICE, quantity: 4 }] });
    const poisonFirst = { ...good, payload: { lines: [{ gtin: RICE, quantity: 'four' }] } };
    const first = sale('S001', 'K02', [{ gtin: RICE, quantity: 1 }]);
    const sameSale = sale('S001', 'K02', [{ gtin: RICE, quantity: 1 }]);
    sameSale.payload.id = first.payload.id;
    const reply = await send(s1b, [poisonFirst, good, first, sameSale]);
    expect(statuses(reply)).toEqual(['bad_payload', 'applied', 'applied', 'sale_already_recorded']);
    expect(await onHand(s1b, RICE)).toMatchObject({ onHand: 3 });
  });

  it('keeps the same event id sent by devices of two stores apart, even at the same moment', async () => {
    const id = uuidv7();
    const inS1 = { ...sale('S001', 'K01', [{ gtin: PEN, quantity: 1 }]), id };
    const inS2 = { ...sale('S002', 'K01', [{ gtin: PEN, quantity: 2 }]), id };
    const [r1, r2] = await Promise.all([send(s1, [inS1]), send(s2, [inS2])]);
    expect(r1.body.results).toEqual([{ id, status: 'applied' }]);
    expect(r2.body.results).toEqual([{ id, status: 'applied' }]);
    const { rows } = await server.db.query<{ code: string; receipt_number: string }>(
      `SELECT st.code, s.receipt_number FROM sales s JOIN stores st ON st.id = s.store_id
       WHERE s.event_id = $1 ORDER BY st.code`,
      [id],
    );
    expect(rows).toEqual([
      { code: 'S001', receipt_number: inS1.payload.receiptNumber },
      { code: 'S002', receipt_number: inS2.payload.receiptNumber },
    ]);
    expect(await onHand(s1, PEN)).toMatchObject({ onHand: -1 });
    expect(await onHand(s2, PEN)).toMatchObject({ onHand: -2 });
    // Resent to its own store it is a duplicate there, and still new nowhere else.
    expect((await send(s2, [inS2])).body.results).toEqual([{ id, status: 'duplicate' }]);
  });

  it('applies a count at its place in the batch, between runs of sales', async () => {
    const gtin = '00012345600029';
    const reply = await send(s1, [
      stockEvent('stock.received', { lines: [{ gtin, quantity: 10 }] }),
      sale('S001', 'K01', [{ gtin, quantity: 2 }]),
      stockEvent('stock.counted', { lines: [{ gtin, counted: 20 }] }),
      sale('S001', 'K01', [{ gtin, quantity: 1 }]),
    ]);
    expect(statuses(reply)).toEqual(['applied', 'applied', 'applied', 'applied']);
    // 10 − 2 = 8 on the shelf; counted 20 is an adjustment of +12; then one more sold.
    expect(await onHand(s1, gtin)).toEqual({ gtin, onHand: 19, movements: 4, negative: false });
    const { rows } = await server.db.query<{ quantity: unknown }>(
      "SELECT quantity FROM stock_movements WHERE gtin = $1 AND kind = 'adjustment'",
      [gtin],
    );
    expect(rows.map((r) => Number(r.quantity))).toEqual([12]);
  });

  it('warns of the stock a batch leaves below zero, as it stands after the whole batch', async () => {
    const [fixed, short] = ['00012345600043', '00012345600050'];
    const reply = await send(s1, [
      sale('S001', 'K01', [
        { gtin: fixed, quantity: 3 },
        { gtin: short, quantity: 1 },
      ]),
      // The count puts `fixed` back above zero: only `short` is still below when the batch ends.
      stockEvent('stock.counted', { lines: [{ gtin: fixed, counted: 5 }] }),
      sale('S001', 'K01', [{ gtin: short, quantity: 2 }]),
    ]);
    expect(statuses(reply)).toEqual(['applied', 'applied', 'applied']);
    expect(reply.body.warnings).toEqual([{ code: 'negative_stock', gtin: short, onHand: -3 }]);
    // A batch of sales alone (one statement) warns the same way.
    const alone = await send(s1, [sale('S001', 'K01', [{ gtin: fixed, quantity: 6 }])]);
    expect(alone.body.warnings).toEqual([{ code: 'negative_stock', gtin: fixed, onHand: -1 }]);
  });

  it("keeps each sale's receipt once, in its event, and reads it back with the sale", async () => {
    const event = sale('S002', 'K01', [{ gtin: TEA, quantity: 1 }]);
    expect(statuses(await send(s2, [event]))).toEqual(['applied']);
    const { rows } = await server.db.query<{ receipt_number: string; receipt: unknown }>(
      'SELECT receipt_number, receipt FROM sale_receipts WHERE sale_id = $1',
      [event.payload.id],
    );
    expect(rows).toEqual([{ receipt_number: event.payload.receiptNumber, receipt: event.payload.receipt }]);
  });

  it('compresses event payloads with lz4 where the database has it, else with its default', async () => {
    // A receipt of 60 lines is a few kB of JSON: large enough for PostgreSQL to compress.
    const lines = Array.from({ length: 60 }, () => ({ gtin: PEN, quantity: 1 }));
    const event = sale('S002', 'K01', lines);
    expect(statuses(await send(s2, [event]))).toEqual(['applied']);
    const { rows } = await server.db.query<{ method: string | null }>(
      'SELECT pg_column_compression(payload) AS method FROM events WHERE id = $1',
      [event.id],
    );
    // The PostgreSQL 15 that CI installs is built with lz4; PGlite has only pglz.
    expect(rows).toEqual([{ method: kind === 'postgres' ? 'lz4' : 'pglz' }]);
  });

  it('takes many batches of one store at once without losing or doubling a movement', async () => {
    const gtin = '00012345600036';
    const batches = Array.from({ length: 12 }, (_, b) =>
      Array.from({ length: 25 }, () => sale('S001', b % 2 ? 'K01' : 'K02', [{ gtin, quantity: 1 }])),
    );
    const replies = await Promise.all(batches.map((events, b) => send(b % 2 ? s1 : s1b, events)));
    for (const reply of replies) expect(new Set(statuses(reply))).toEqual(new Set(['applied']));
    // Resent all at once: every event a duplicate, the stock unchanged.
    const resent = await Promise.all(batches.map((events, b) => send(b % 2 ? s1 : s1b, events)));
    for (const reply of resent) expect(new Set(statuses(reply))).toEqual(new Set(['duplicate']));
    expect(await onHand(s1, gtin)).toEqual({ gtin, onHand: -300, movements: 300, negative: true });
  });
});
