// Finding a sale to refund and claiming its lines at HQ (issue 12), on PGlite and on a real PostgreSQL,
// over real HTTP: a counter sale found by receipt number with what each line cost the shopper; claims
// granted, refused beyond the sale, asked again, and raced; the search by day, amount and masked code;
// hostile requests answered with a clear 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../core/uuid7';
import { BACKENDS, call } from '../helpers/postgres';
import { RICE, SOAP, TEA, counterSale, startRefundHq, type RefundHq } from '../helpers/refund-hq';

describe.each(BACKENDS)('refund routes at HQ on %s', (kind) => {
  let hq: RefundHq;
  beforeAll(async () => {
    hq = await startRefundHq(kind);
  });
  afterAll(async () => {
    await hq?.close();
  });

  it('serves a sale by receipt number to another terminal: tenders, and what each line cost', async () => {
    const { receiptNumber, paymentId } = await hq.sold();
    const reply = await hq.get(hq.c02, `/v1/sales/${receiptNumber}`);
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
    const { receiptNumber } = await hq.sold();
    const first = {
      refundId: uuidv7(),
      receiptNumber,
      terminalId: 'C01',
      staffId: 'S07',
      lines: [{ line: 0, quantity: 2 }],
    };
    expect(await hq.claim(hq.c01, first)).toMatchObject({ status: 200, body: { ok: true, granted: true } });
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
    const refused = await hq.claim(hq.c02, second);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'refund_exceeds_sale',
      details: { granted: false, lines: [{ line: 0, sold: 3, refunded: 2, asked: 2 }] },
    });
    expect(refused.body.error.message).toMatch(/line 0 sold 3, 2 already back, 2 asked/);
    // Asked again after a lost answer: the same claim, granted again, counted once.
    expect((await hq.claim(hq.c01, first)).status).toBe(200);
    expect(await hq.claim(hq.c01, { ...first, lines: [{ line: 0, quantity: 1 }] })).toMatchObject({
      status: 409,
      body: { error: { code: 'refund_id_used' } },
    });
    const view = await hq.get(hq.c02, `/v1/sales/${receiptNumber}`);
    // A claim counts at its part's money until its refund arrives: floor(26.67 × 2 / 3).
    expect(view.body.lines[0]).toMatchObject({ refundedQuantity: 2, refundedAmount: 1778 });
    expect(view.body.lines[1]).toMatchObject({ refundedQuantity: 0 });

    // The refund will not happen: only the device that claimed gives the claim back, and the line is free.
    const release = (device: typeof hq.c01, id: string) =>
      call(hq.server.url, 'DELETE', `/v1/refund-claims/${id}`, { token: device.token });
    expect(await release(hq.c02, first.refundId)).toMatchObject({ status: 200, body: { released: false } });
    expect(await release(hq.c01, first.refundId)).toMatchObject({
      status: 200,
      body: { ok: true, released: true },
    });
    expect(await release(hq.c01, first.refundId)).toMatchObject({ status: 200, body: { released: false } });
    expect((await release(hq.c01, 'not-a-uuid')).body.error.message).toMatch(
      /refundId: must be the refund id/,
    );
    expect((await hq.get(hq.c02, `/v1/sales/${receiptNumber}`)).body.lines[0]).toMatchObject({
      refundedQuantity: 0,
    });
    expect((await hq.claim(hq.c02, second)).status).toBe(200);
  });

  it('a claim whose refund never came stops holding its lines after a day; asked again, it is decided afresh', async () => {
    const { receiptNumber } = await hq.sold();
    const whole = (terminalId: string) => ({
      refundId: uuidv7(),
      receiptNumber,
      terminalId,
      staffId: 'S07',
      lines: [{ line: 0, quantity: 3 }],
    });
    const stale = whole('C01');
    expect((await hq.claim(hq.c01, stale)).status).toBe(200);
    const fresh = whole('C02');
    expect((await hq.claim(hq.c02, fresh)).status).toBe(409);
    // C01 died between its claim and its refund, a day ago.
    await hq.server.db.query(
      "UPDATE refund_claims SET claimed_at = now() - interval '25 hours' WHERE refund_id = $1",
      [stale.refundId],
    );
    expect((await hq.get(hq.c02, `/v1/sales/${receiptNumber}`)).body.lines[0]).toMatchObject({
      refundedQuantity: 0,
    });
    expect(await hq.claim(hq.c02, fresh)).toMatchObject({ status: 200, body: { granted: true } });
    // C01 comes back and asks its old claim again: the lines are C02's now.
    expect(await hq.claim(hq.c01, stale)).toMatchObject({
      status: 409,
      body: { error: { code: 'refund_exceeds_sale' } },
    });
  });

  it('of many claims at once on the same line, only as many as were sold are granted', async () => {
    const { receiptNumber } = await hq.sold();
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        hq.claim(i % 2 ? hq.c01 : hq.c02, {
          refundId: uuidv7(),
          receiptNumber,
          terminalId: i % 2 ? 'C01' : 'C02',
          staffId: `S0${i}`,
          lines: [{ line: 0, quantity: 1 }],
        }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 409, 409, 409, 409, 409]);
    const { rows } = await hq.server.db.query(
      'SELECT refund_id FROM refund_claims WHERE receipt_number = $1',
      [receiptNumber],
    );
    expect(rows).toHaveLength(3);
  });

  it('of two terminals claiming the same whole line at the same moment, one wins, every time', async () => {
    for (let round = 0; round < 5; round++) {
      const { receiptNumber } = await hq.sold();
      const ask = (device: typeof hq.c01, terminalId: string) =>
        hq.claim(device, {
          refundId: uuidv7(),
          receiptNumber,
          terminalId,
          staffId: 'S07',
          lines: [{ line: 0, quantity: 3 }],
        });
      const replies = await Promise.all([ask(hq.c01, 'C01'), ask(hq.c02, 'C02')]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = replies.find((r) => r.status === 409)!;
      expect(loser.body.error.details.lines).toEqual([{ line: 0, sold: 3, refunded: 3, asked: 3 }]);
    }
  });

  it('searches the store’s sales by local day, amount and masked code, newest first', async () => {
    // 17:30 UTC on 1 March is 01:30 on 2 March in Shanghai.
    const late = await hq.sold(hq.c01, new Date('2026-03-01T17:30:00Z'));
    const early = await hq.sold(hq.c01, new Date('2026-03-01T09:00:00Z'));
    await hq.sold(hq.other, new Date('2026-03-01T10:00:00Z'));
    const find = async (query: string) => {
      const reply = await hq.get(hq.c02, `/v1/sales?${query}`);
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
    const summary = (await hq.get(hq.c02, '/v1/sales?date=2026-03-01')).body.sales[0];
    expect(summary).toEqual({
      receiptNumber: late.receiptNumber,
      terminalId: 'C01',
      soldAt: '2026-03-01T17:30:00.000Z',
      currency: 'CNY',
      total: 8000,
      maskedCodes: ['1345****7788'],
      itemCount: 6,
    });
    // Without a day: the last 90 days, newest first, at most 20 (earlier tests sold more at 80.00).
    const recent = await hq.sold();
    const byAmount = await find('amount=8000');
    expect(byAmount[0]).toBe(recent.receiptNumber);
    expect(byAmount.length).toBeLessThanOrEqual(20);
    expect(byAmount).not.toContain(late.receiptNumber);
    expect(await find('maskedCode=7788')).not.toContain(early.receiptNumber);
    expect(await find('amount=8001')).toEqual([]);
    // A busy day: 22 sales, the 20 newest come back, newest first.
    const busy = Array.from({ length: 22 }, (_, i) =>
      counterSale('S001', 'C01', new Date(Date.UTC(2026, 5, 1, 8, i))),
    );
    await hq.push(
      hq.c01,
      busy.map((sale) => sale.event),
    );
    const day = await find('date=2026-06-01');
    expect(day).toEqual(
      busy
        .slice(2)
        .reverse()
        .map((sale) => sale.receiptNumber),
    );
  });

  it('answers hostile requests with a clear 4xx and changes nothing', async () => {
    const { receiptNumber } = await hq.sold(hq.other);
    const notFound = await hq.get(hq.c01, `/v1/sales/${receiptNumber}`);
    expect(notFound).toMatchObject({ status: 404, body: { ok: false, error: { code: 'sale_not_found' } } });
    const badNumber = await hq.get(hq.c01, `/v1/sales/${encodeURIComponent("x' OR 1=1 --")}`);
    expect(badNumber.status).toBe(400);
    expect(badNumber.body.error.message).toMatch(/receiptNumber: must be a receipt number/);
    const base = {
      refundId: uuidv7(),
      receiptNumber,
      terminalId: 'C01',
      staffId: 'S07',
      lines: [{ line: 0, quantity: 1 }],
    };
    expect(await hq.claim(hq.c01, base)).toMatchObject({
      status: 404,
      body: { error: { code: 'sale_not_found' } },
    });
    const huge = await hq.claim(hq.c01, { ...base, lines: [{ line: 0, quantity: 1e30 }] });
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toMatch(/lines\.0\.quantity: must be at most/);
    const twice = await hq.claim(hq.c01, {
      ...base,
      lines: [
        { line: 0, quantity: 1 },
        { line: 0, quantity: 1 },
      ],
    });
    expect(twice.body.error.message).toMatch(/lines: names a line twice/);
    expect((await hq.claim(hq.c01, { ...base, refundId: 'nope' })).body.error.message).toMatch(/refundId/);
    const none = await hq.get(hq.c01, '/v1/sales?tz=UTC');
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/at least one of date, amount and maskedCode/);
    expect((await hq.get(hq.c01, '/v1/sales?date=2026-02-30')).body.error.message).toMatch(
      /date: is not a day/,
    );
    expect((await hq.get(hq.c01, '/v1/sales?date=2026-02-03&tz=Mars/Olympus')).body.error.message).toMatch(
      /tz: must be an IANA/,
    );
    expect((await hq.get(hq.c01, '/v1/sales?amount=-5')).status).toBe(400);
    const own = await hq.sold();
    const beyond = await hq.claim(hq.c01, {
      ...base,
      receiptNumber: own.receiptNumber,
      lines: [{ line: 7, quantity: 1 }],
    });
    expect(beyond.status).toBe(409);
    expect(beyond.body.error.message).toMatch(/line 7 is not on the receipt \(it has 3\)/);
    const { rows } = await hq.server.db.query(
      'SELECT 1 FROM refund_claims WHERE receipt_number IN ($1, $2)',
      [receiptNumber, own.receiptNumber],
    );
    expect(rows).toHaveLength(0);
    expect((await call(hq.server.url, 'GET', `/v1/sales/${own.receiptNumber}`)).status).toBe(401);
  });
});
