// Refunds at HQ (issue 12), on PGlite and on a real PostgreSQL, over real HTTP: a counter sale found by
// receipt number with what each line cost the shopper; claims granted, refused beyond the sale, and
// raced; `refund.completed` events recorded once, restocked lines back in stock, an offline refund
// beyond the sale flagged with every terminal and member of staff named; the search; hostile requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReceipt, formatReceiptNumber } from '../../core/receipt';
import { saleEvent, wireEvent, type CounterSalePayload } from '../../core/sync';
import { uuidv7 } from '../../core/uuid7';
import { createEnrolmentCode, startServer, type Database, type RunningServer } from '../../server';
import { loadMigrations, migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { refundPayload } from '../helpers/refund-events';
import {
  BACKENDS,
  call,
  enrolDevice,
  startBackend,
  type TestBackend,
  type TestDevice,
} from '../helpers/postgres';

const TEA = '06900000000014';
const RICE = '06900000000021';
const SOAP = '06900000000038';
let sequence = 0;
const ADMIN = 'refund-test-admin-token-0123456789';

/** A counter sale as db/tendered-sale.ts writes it: 10.00 off, a wallet code and cash. */
function counterSale(store: string, terminal: string, soldAt: Date, options: { training?: boolean } = {}) {
  const receiptNumber = formatReceiptNumber(store, terminal, ++sequence);
  const receipt = buildReceipt({
    receiptNumber,
    storeName: 'OpenLane Market',
    storeAddress: '1 Market Road',
    soldAt: soldAt.toISOString(),
    currency: 'CNY',
    taxMode: 'inclusive',
    lines: [
      { name: 'Oolong tea', unit: 'each', quantity: 3, unitPrice: 1000, taxRateBp: 1300 },
      { name: 'Rice 5 kg', unit: 'each', quantity: 1, unitPrice: 5000, taxRateBp: 900 },
      { name: 'Soap', unit: 'each', quantity: 2, unitPrice: 500, taxRateBp: 1300 },
    ],
    saleDiscount: { kind: 'amount', value: 1000 },
    payments: [],
    eReceiptBaseUrl: 'https://r.example',
  });
  const paymentId = uuidv7();
  // 80.00 after the discount: 50.00 by wallet code, 30.00 in cash.
  receipt.payments.push(
    {
      method: 'payment_code',
      provider: 'wechat',
      amount: 5000,
      reference: 'PAY-7',
      wallet: 'WeChat Pay',
      maskedCode: '1345****7788',
    },
    { method: 'cash', provider: '', amount: 3000, reference: '', tendered: 5000 },
  );
  const payload: CounterSalePayload = {
    id: uuidv7(),
    basketId: uuidv7(),
    paymentId: null,
    receiptNumber,
    sequence,
    storeId: store,
    terminalId: terminal,
    currency: 'CNY',
    total: receipt.totals.total,
    taxTotal: receipt.totals.taxTotal,
    soldAt: soldAt.toISOString(),
    receipt,
    lines: [
      { gtin: TEA, quantity: 3 },
      { gtin: RICE, quantity: 1 },
      { gtin: SOAP, quantity: 2 },
    ],
    tenders: [
      { kind: 'wallet_code', amount: 5000, paymentId },
      { kind: 'cash', amount: 3000, tendered: 5000 },
    ],
    cashRounding: 0,
    change: 2000,
    staffId: 'S07',
    shiftId: null,
    ...(options.training ? { training: true } : {}),
  };
  return { event: saleEvent(payload, soldAt), receiptNumber, paymentId };
}

const refund = refundPayload;

const line = (
  index: number,
  quantity: number,
  amount: number,
  disposition: 'restock' | 'write_off' = 'restock',
) => ({
  line: index,
  gtin: null,
  unit: 'each' as const,
  quantity,
  amount,
  reason: 'changed_mind' as const,
  disposition,
});

describe.each(BACKENDS)('refunds at HQ on %s', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  let c01: TestDevice;
  let c02: TestDevice;
  let other: TestDevice;

  const push = async (device: TestDevice, events: unknown[]) => {
    const reply = await call(server.url, 'POST', '/v1/events', { token: device.token, body: { events } });
    expect(reply.status).toBe(200);
    return reply.body.results as { id: string; status: string; code?: string; reason?: string }[];
  };
  const get = (device: TestDevice, path: string) => call(server.url, 'GET', path, { token: device.token });
  const claim = (device: TestDevice, body: unknown) =>
    call(server.url, 'POST', '/v1/refund-claims', { token: device.token, body });
  const onHand = async (gtin: string) => {
    const { rows } = await server.db.query<{ on_hand: unknown }>(
      "SELECT l.on_hand FROM stock_levels l JOIN stores s ON s.id = l.store_id WHERE s.code = 'S001' AND l.gtin = $1",
      [gtin],
    );
    return Number(rows[0]?.on_hand ?? 0);
  };
  const sold = async (device = c01, soldAt = new Date(), options: { training?: boolean } = {}) => {
    const sale = counterSale(device.storeCode, device === c01 ? 'C01' : 'C09', soldAt, options);
    expect(await push(device, [sale.event])).toEqual([{ id: sale.event.id, status: 'applied' }]);
    return sale;
  };

  beforeAll(async () => {
    backend = await startBackend(kind);
    server = await startServer({
      port: 0,
      dataDir: backend.dataDir,
      databaseUrl: backend.databaseUrl,
      adminToken: ADMIN,
    });
    c01 = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S001'), 'C01');
    c02 = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S001'), 'C02');
    other = await enrolDevice(server.url, () => createEnrolmentCode(server.db, 'S002'), 'C01');
  });
  afterAll(async () => {
    await server?.close();
    await backend?.stop();
  });

  it('serves a sale by receipt number to another terminal: tenders, and what each line cost', async () => {
    const { receiptNumber, paymentId } = await sold();
    const reply = await get(c02, `/v1/sales/${receiptNumber}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      receiptNumber,
      storeId: 'S001',
      terminalId: 'C01',
      currency: 'CNY',
      total: 8000,
      training: false,
      tenders: [
        {
          kind: 'wallet_code',
          amount: 5000,
          paymentId,
          provider: 'wechat',
          reference: 'PAY-7',
          maskedCode: '1345****7788',
          refunded: 0,
        },
        {
          kind: 'cash',
          amount: 3000,
          paymentId: null,
          provider: null,
          reference: null,
          maskedCode: null,
          refunded: 0,
        },
      ],
    });
    // 10.00 off 90.00 by largest remainder: 3.33 of the tea's 30.00, 5.56 of the rice's 50.00, 1.11 of the soap's.
    expect(reply.body.lines).toEqual([
      {
        line: 0,
        gtin: TEA,
        name: 'Oolong tea',
        unit: 'each',
        sold: 3,
        paid: 2667,
        refundedQuantity: 0,
        refundedAmount: 0,
      },
      {
        line: 1,
        gtin: RICE,
        name: 'Rice 5 kg',
        unit: 'each',
        sold: 1,
        paid: 4444,
        refundedQuantity: 0,
        refundedAmount: 0,
      },
      {
        line: 2,
        gtin: SOAP,
        name: 'Soap',
        unit: 'each',
        sold: 2,
        paid: 889,
        refundedQuantity: 0,
        refundedAmount: 0,
      },
    ]);
    expect(reply.body.receipt.receiptNumber).toBe(receiptNumber);
  });

  it('grants a claim, refuses the next one beyond the sale, and grants the same claim again', async () => {
    const { receiptNumber } = await sold();
    const first = {
      refundId: uuidv7(),
      receiptNumber,
      terminalId: 'C01',
      staffId: 'S07',
      lines: [{ line: 0, quantity: 2 }],
    };
    expect(await claim(c01, first)).toMatchObject({ status: 200, body: { ok: true, granted: true } });
    const second = {
      ...first,
      refundId: uuidv7(),
      terminalId: 'C02',
      staffId: 'S09',
      lines: [
        { line: 0, quantity: 2 },
        { line: 1, quantity: 1 },
      ],
    };
    const refused = await claim(c02, second);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'refund_exceeds_sale',
      details: { granted: false, lines: [{ line: 0, sold: 3, refunded: 2, asked: 2 }] },
    });
    expect(refused.body.error.message).toMatch(/line 0 sold 3, 2 already back, 2 asked/);
    // Asked again after a lost answer: the same claim, granted again, counted once.
    expect((await claim(c01, first)).status).toBe(200);
    expect(await claim(c01, { ...first, lines: [{ line: 0, quantity: 1 }] })).toMatchObject({
      status: 409,
      body: { error: { code: 'refund_id_used' } },
    });
    const view = await get(c02, `/v1/sales/${receiptNumber}`);
    // A claim counts at its part's money until its refund arrives: floor(26.67 × 2 / 3).
    expect(view.body.lines[0]).toMatchObject({ refundedQuantity: 2, refundedAmount: 1778 });
    expect(view.body.lines[1]).toMatchObject({ refundedQuantity: 0 });
  });

  it('of many claims at once on the same line, only as many as were sold are granted', async () => {
    const { receiptNumber } = await sold();
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        claim(i % 2 ? c01 : c02, {
          refundId: uuidv7(),
          receiptNumber,
          terminalId: i % 2 ? 'C01' : 'C02',
          staffId: `S0${i}`,
          lines: [{ line: 0, quantity: 1 }],
        }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 409, 409, 409, 409, 409]);
    const { rows } = await server.db.query('SELECT refund_id FROM refund_claims WHERE receipt_number = $1', [
      receiptNumber,
    ]);
    expect(rows).toHaveLength(3);
  });

  it('records a refund once, moves restocked lines back into stock, and counts it per line and tender', async () => {
    const { receiptNumber } = await sold();
    const tea = await onHand(TEA);
    const soap = await onHand(SOAP);
    const refundId = uuidv7();
    expect(
      await claim(c02, {
        refundId,
        receiptNumber,
        terminalId: 'C02',
        staffId: 'S09',
        lines: [
          { line: 0, quantity: 1 },
          { line: 2, quantity: 2 },
        ],
      }),
    ).toMatchObject({ status: 200 });
    const event = wireEvent(
      'refund.completed',
      refund({ id: refundId, receiptNumber, lines: [line(0, 1, 889), line(2, 2, 889, 'write_off')] }),
    );
    expect(await push(c02, [event])).toEqual([{ id: event.id, status: 'applied' }]);
    expect(await push(c02, [event])).toEqual([{ id: event.id, status: 'duplicate' }]);
    expect(await onHand(TEA)).toBe(tea + 1);
    expect(await onHand(SOAP)).toBe(soap);
    const { rows: moves } = await server.db.query<{ kind: string; quantity: unknown }>(
      'SELECT kind, quantity FROM stock_movements WHERE event_id = $1',
      [event.id],
    );
    expect(moves.map((m) => [m.kind, Number(m.quantity)])).toEqual([['return', 1]]);
    const view = await get(c01, `/v1/sales/${receiptNumber}`);
    // The refund replaces its claim: counted once, at the money it gave back.
    expect(
      view.body.lines.map((l: { refundedQuantity: number; refundedAmount: number }) => [
        l.refundedQuantity,
        l.refundedAmount,
      ]),
    ).toEqual([
      [1, 889],
      [0, 0],
      [2, 889],
    ]);
    expect(view.body.tenders.map((t: { refunded: number }) => t.refunded)).toEqual([0, 1778]);
    const { rows: flags } = await server.db.query('SELECT 1 FROM refund_flags WHERE receipt_number = $1', [
      receiptNumber,
    ]);
    expect(flags).toHaveLength(0);
  });

  it('flags an offline refund beyond the sale, naming both terminals and staff, and still records it', async () => {
    const { receiptNumber } = await sold();
    const online = wireEvent(
      'refund.completed',
      refund({ receiptNumber, terminalId: 'C01', staffId: 'S07', lines: [line(1, 1, 4444)] }),
    );
    const offline = wireEvent(
      'refund.completed',
      refund({
        receiptNumber,
        terminalId: 'C02',
        staffId: 'S09',
        approvedBy: 'S01',
        offline: true,
        lines: [line(1, 1, 4444)],
      }),
    );
    expect(await push(c01, [online])).toMatchObject([{ status: 'applied' }]);
    expect(await push(c02, [offline])).toMatchObject([{ status: 'applied' }]);
    const { rows } = await server.db.query<Record<string, unknown>>(
      'SELECT refund_id, code, lines, excess_amount, involved, terminal_ids, staff_ids FROM refund_flags WHERE receipt_number = $1',
      [receiptNumber],
    );
    expect(rows).toHaveLength(1);
    const flag = rows[0]!;
    expect(flag).toMatchObject({ refund_id: offline.payload.id, code: 'refund_exceeds_sale' });
    expect(Number(flag.excess_amount)).toBe(4444);
    expect(flag.lines).toEqual([{ line: 1, sold: 1, before: 1, refunded: 1, excess: 1, excessAmount: 4444 }]);
    expect([...(flag.terminal_ids as string[])].sort()).toEqual(['C01', 'C02']);
    expect([...(flag.staff_ids as string[])].sort()).toEqual(['S01', 'S07', 'S09']);
    expect(flag.involved).toEqual([
      expect.objectContaining({
        kind: 'refund',
        refundId: online.payload.id,
        terminalId: 'C01',
        staffId: 'S07',
        offline: false,
      }),
      expect.objectContaining({
        kind: 'refund',
        refundId: offline.payload.id,
        terminalId: 'C02',
        staffId: 'S09',
        approvedBy: 'S01',
        offline: true,
      }),
    ]);
    const view = await get(c01, `/v1/sales/${receiptNumber}`);
    expect(view.body.lines[1]).toMatchObject({ sold: 1, refundedQuantity: 2, refundedAmount: 8888 });
    // The back office reads it over the admin API.
    const listed = await call(server.url, 'GET', '/admin/v1/refund-flags?store=S001', { token: ADMIN });
    expect(listed.status).toBe(200);
    expect(listed.body.flags[0]).toMatchObject({
      refundId: offline.payload.id,
      receiptNumber,
      code: 'refund_exceeds_sale',
      excessAmount: 4444,
      lines: [{ line: 1, excess: 1 }],
    });
    expect([...listed.body.flags[0].terminalIds].sort()).toEqual(['C01', 'C02']);
    const bad = await call(server.url, 'GET', '/admin/v1/refund-flags?store=S001&limit=0', { token: ADMIN });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/limit: must be a whole number from 1 to 1000/);
    expect(
      (await call(server.url, 'GET', '/admin/v1/refund-flags?store=S001', { token: c01.token })).status,
    ).toBe(401);
  });

  it('flags an offline refund that takes a line an online terminal has claimed, naming the claim', async () => {
    const { receiptNumber } = await sold();
    const claimId = uuidv7();
    const claimed = {
      refundId: claimId,
      receiptNumber,
      terminalId: 'C01',
      staffId: 'S07',
      lines: [{ line: 2, quantity: 2 }],
    };
    expect((await claim(c01, claimed)).status).toBe(200);
    const offline = wireEvent(
      'refund.completed',
      refund({
        receiptNumber,
        terminalId: 'C02',
        staffId: 'S09',
        approvedBy: 'S01',
        offline: true,
        lines: [line(2, 1, 444)],
      }),
    );
    expect(await push(c02, [offline])).toMatchObject([{ status: 'applied' }]);
    const { rows } = await server.db.query<{ involved: unknown; lines: unknown }>(
      'SELECT involved, lines FROM refund_flags WHERE receipt_number = $1',
      [receiptNumber],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.lines).toEqual([
      { line: 2, sold: 2, before: 2, refunded: 1, excess: 1, excessAmount: 444 },
    ]);
    expect(rows[0]!.involved).toEqual([
      {
        kind: 'claim',
        refundId: claimId,
        refundNumber: null,
        terminalId: 'C01',
        staffId: 'S07',
        approvedBy: null,
        offline: false,
      },
      expect.objectContaining({
        kind: 'refund',
        refundId: offline.payload.id,
        terminalId: 'C02',
        approvedBy: 'S01',
      }),
    ]);
  });

  it('keeps training refunds apart: no stock, no flag, counted only against the training sale', async () => {
    const { receiptNumber } = await sold(c01, new Date(), { training: true });
    const rice = await onHand(RICE);
    for (let i = 0; i < 2; i++) {
      const event = wireEvent(
        'refund.completed',
        refund({ receiptNumber, training: true, offline: true, lines: [line(1, 1, 4444)] }),
      );
      expect(await push(c02, [event])).toMatchObject([{ status: 'applied' }]);
    }
    expect(await onHand(RICE)).toBe(rice);
    const { rows } = await server.db.query('SELECT 1 FROM refund_flags WHERE receipt_number = $1', [
      receiptNumber,
    ]);
    expect(rows).toHaveLength(0);
    const view = await get(c02, `/v1/sales/${receiptNumber}`);
    expect(view.body).toMatchObject({ training: true });
    expect(view.body.lines[1]).toMatchObject({ refundedQuantity: 2 });
  });

  it('files a malformed refund event as a dead letter with its reason, and applies the rest', async () => {
    const { receiptNumber } = await sold();
    const bad = wireEvent('refund.completed', {
      ...refund({ receiptNumber, lines: [line(0, 1, 100)] }),
      lines: [{ line: 0, quantity: -1 }],
    });
    const foreign = wireEvent(
      'refund.completed',
      refund({ receiptNumber, storeId: 'S002', lines: [line(0, 1, 100)] }),
    );
    const good = wireEvent('refund.completed', refund({ receiptNumber, lines: [line(0, 1, 889)] }));
    const results = await push(c02, [bad, foreign, good]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'bad_payload' });
    expect(results[0]!.reason).toMatch(/payload\.lines\.0\.quantity/);
    expect(results[1]).toMatchObject({ status: 'rejected', code: 'store_mismatch' });
    expect(results[2]).toEqual({ id: good.id, status: 'applied' });
    const dead = await get(c02, '/v1/dead-letters');
    expect(dead.body.items.map((d: { eventId: string }) => d.eventId)).toEqual(
      expect.arrayContaining([bad.id, foreign.id]),
    );
  });

  it('searches the store’s sales by local day, amount and masked code, newest first', async () => {
    // 17:30 UTC on 1 March is 01:30 on 2 March in Shanghai.
    const late = await sold(c01, new Date('2026-03-01T17:30:00Z'));
    const early = await sold(c01, new Date('2026-03-01T09:00:00Z'));
    await sold(other, new Date('2026-03-01T10:00:00Z'));
    const find = async (query: string) => {
      const reply = await get(c02, `/v1/sales?${query}`);
      expect(reply.status).toBe(200);
      return reply.body.sales.map((s: { receiptNumber: string }) => s.receiptNumber);
    };
    expect(await find('date=2026-03-01')).toEqual([late.receiptNumber, early.receiptNumber]);
    expect(await find('date=2026-03-02&tz=Asia/Shanghai')).toEqual([late.receiptNumber]);
    expect(await find('date=2026-03-01&tz=Asia/Shanghai')).toEqual([early.receiptNumber]);
    expect(await find('date=2026-03-01&amount=8000&maskedCode=7788')).toEqual([
      late.receiptNumber,
      early.receiptNumber,
    ]);
    expect(await find('date=2026-03-01&maskedCode=1345****0000')).toEqual([]);
    const summary = (await get(c02, '/v1/sales?date=2026-03-01')).body.sales[0];
    expect(summary).toEqual({
      receiptNumber: late.receiptNumber,
      terminalId: 'C01',
      soldAt: '2026-03-01T17:30:00.000Z',
      currency: 'CNY',
      total: 8000,
      maskedCodes: ['1345****7788'],
      itemCount: 6,
    });
    const byAmount = await find('amount=8000');
    expect(byAmount.length).toBeLessThanOrEqual(20);
    expect(byAmount).not.toContain(undefined);
  });

  it('migration 0012 keeps the ledger as it was and takes return movements from then on', async () => {
    // A database of its own, migrated to 0011 first, as an HQ that ran the previous release.
    const own = await startBackend(kind);
    const db: Database = own.databaseUrl
      ? await openPostgres(own.databaseUrl)
      : await openPglite(own.dataDir!);
    try {
      const all = loadMigrations();
      expect(all[11]).toMatchObject({ version: 12, name: 'refunds' });
      await migrate(db, all.slice(0, 11));
      const move = (kind: string) =>
        db.query(
          `INSERT INTO stock_movements (store_id, event_id, line_no, gtin, quantity, kind, device_id, occurred_at,
             received_at) VALUES (gen_random_uuid(), gen_random_uuid(), 1, $1, 1, $2, gen_random_uuid(), now(), now())`,
          [TEA, kind],
        );
      await move('sale');
      await expect(move('return')).rejects.toThrow(/stock_movements_kind_check/);
      expect(await migrate(db, all.slice(0, 12))).toBe(12);
      await move('return');
      await move('transfer_in');
      await expect(move('refund')).rejects.toThrow(/stock_movements_kind_check/);
      const { rows } = await db.query<{ kind: string }>('SELECT kind FROM stock_movements ORDER BY kind');
      expect(rows.map((r) => r.kind)).toEqual(['return', 'sale', 'transfer_in']);
    } finally {
      await db.close();
      await own.stop();
    }
  });

  it('applies a sale and its refund sent in one batch, the refund after the sale', async () => {
    const sale = counterSale('S001', 'C01', new Date());
    const rice = await onHand(RICE);
    const event = wireEvent(
      'refund.completed',
      refund({
        receiptNumber: sale.receiptNumber,
        terminalId: 'C01',
        offline: true,
        lines: [line(1, 1, 4444)],
      }),
    );
    expect(await push(c01, [sale.event, event])).toEqual([
      { id: sale.event.id, status: 'applied' },
      { id: event.id, status: 'applied' },
    ]);
    // Sold and returned to the shelf: the rice is where it was, and nothing is beyond the sale.
    expect(await onHand(RICE)).toBe(rice);
    const view = await get(c02, `/v1/sales/${sale.receiptNumber}`);
    expect(view.body.lines[1]).toMatchObject({ refundedQuantity: 1, refundedAmount: 4444 });
    const { rows } = await server.db.query('SELECT 1 FROM refund_flags WHERE receipt_number = $1', [
      sale.receiptNumber,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('records a refund of a sale HQ has not got, and a return without a receipt, moving restocked stock', async () => {
    const soap = await onHand(SOAP);
    const unknown = wireEvent(
      'refund.completed',
      refund({ receiptNumber: 'S001-C07-000999', lines: [{ ...line(0, 1, 500), gtin: SOAP }] }),
    );
    const noReceipt = wireEvent(
      'refund.completed',
      refund({ receiptNumber: null, approvedBy: 'S01', lines: [{ ...line(0, 2, 900), gtin: SOAP }] }),
    );
    const blind = wireEvent('refund.completed', refund({ receiptNumber: null, lines: [line(0, 1, 100)] }));
    const results = await push(c02, [unknown, noReceipt, blind]);
    expect(results.slice(0, 2)).toEqual([
      { id: unknown.id, status: 'applied' },
      { id: noReceipt.id, status: 'applied' },
    ]);
    expect(results[2]).toMatchObject({ status: 'rejected', code: 'bad_payload' });
    expect(results[2]!.reason).toMatch(/without a receipt needs its gtin/);
    expect(await onHand(SOAP)).toBe(soap + 3);
    const { rows } = await server.db.query<{ receipt_number: string | null; line: number | null }>(
      `SELECT r.receipt_number, l.line FROM refunds r JOIN refund_lines l ON l.refund_id = r.id
       WHERE r.id = ANY($1::uuid[]) ORDER BY r.receipt_number NULLS FIRST`,
      [[unknown.payload.id, noReceipt.payload.id]],
    );
    expect(rows).toEqual([
      { receipt_number: null, line: null },
      { receipt_number: 'S001-C07-000999', line: 0 },
    ]);
  });

  it('answers hostile requests with a clear 4xx and changes nothing', async () => {
    const { receiptNumber } = await sold(other);
    const notFound = await get(c01, `/v1/sales/${receiptNumber}`);
    expect(notFound).toMatchObject({ status: 404, body: { ok: false, error: { code: 'sale_not_found' } } });
    const badNumber = await get(c01, `/v1/sales/${encodeURIComponent("x' OR 1=1 --")}`);
    expect(badNumber.status).toBe(400);
    expect(badNumber.body.error.message).toMatch(/receiptNumber: must be a receipt number/);
    const base = {
      refundId: uuidv7(),
      receiptNumber,
      terminalId: 'C01',
      staffId: 'S07',
      lines: [{ line: 0, quantity: 1 }],
    };
    expect(await claim(c01, base)).toMatchObject({
      status: 404,
      body: { error: { code: 'sale_not_found' } },
    });
    const huge = await claim(c01, { ...base, lines: [{ line: 0, quantity: 1e30 }] });
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toMatch(/lines\.0\.quantity: must be at most/);
    const twice = await claim(c01, {
      ...base,
      lines: [
        { line: 0, quantity: 1 },
        { line: 0, quantity: 1 },
      ],
    });
    expect(twice.body.error.message).toMatch(/lines: names a line twice/);
    expect((await claim(c01, { ...base, refundId: 'nope' })).body.error.message).toMatch(/refundId/);
    const none = await get(c01, '/v1/sales?tz=UTC');
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/at least one of date, amount and maskedCode/);
    expect((await get(c01, '/v1/sales?date=2026-02-30')).body.error.message).toMatch(/date: is not a day/);
    expect((await get(c01, '/v1/sales?date=2026-02-03&tz=Mars/Olympus')).body.error.message).toMatch(
      /tz: must be an IANA/,
    );
    expect((await get(c01, '/v1/sales?amount=-5')).status).toBe(400);
    const own = await sold();
    const beyond = await claim(c01, {
      ...base,
      receiptNumber: own.receiptNumber,
      lines: [{ line: 7, quantity: 1 }],
    });
    expect(beyond.status).toBe(409);
    expect(beyond.body.error.message).toMatch(/line 7 is not on the receipt \(it has 3\)/);
    const { rows } = await server.db.query('SELECT 1 FROM refund_claims WHERE receipt_number IN ($1, $2)', [
      receiptNumber,
      own.receiptNumber,
    ]);
    expect(rows).toHaveLength(0);
    expect((await call(server.url, 'GET', `/v1/sales/${own.receiptNumber}`)).status).toBe(401);
  });
});
