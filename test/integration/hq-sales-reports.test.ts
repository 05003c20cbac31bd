// The sales reports (issue 14, server/reports) on PGlite and on a real PostgreSQL, from real sales sent
// over real HTTP as terminals send them: figures by the store's LOCAL day and hour (a sale at 23:30 and
// one at 00:30 in Shanghai fall on two days), by department (from HQ's catalog) and tender, a refund
// beside its day, a training sale only in the training figures, a sale the batch applied event by event
// counted once, a store's zone changed (its rollups made again), and a Z report with its cash difference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireEvent } from '../../core/sync';
import { importCatalogCsv } from '../../server/catalog/import';
import { createEnrolmentCode, startServer } from '../../server';
import { BACKENDS, call, enrolDevice, startBackend } from '../helpers/postgres';
import { refundPayload } from '../helpers/refund-events';
import {
  ADMIN,
  RICE,
  SOAP,
  TEA,
  counterSale,
  refundLine,
  startRefundHq,
  type RefundHq,
} from '../helpers/refund-hq';
import { zReportEvent } from '../helpers/z-report-event';

const CATALOG = `barcode,name,price,department
${TEA},Oolong tea,1000,Drinks
${RICE},Rice 5 kg,5000,Grocery
${SOAP},Soap,500,Household
`;

/** Shanghai is UTC+8: 15:30Z is 23:30 on 1 March there, 16:30Z is 00:30 on 2 March. */
const LATE = new Date('2026-03-01T15:30:00Z');
const EARLY = new Date('2026-03-01T16:30:00Z');

function zReport(difference: number) {
  return zReportEvent({
    number: 7,
    closedAt: '2026-03-01T15:50:00.000Z',
    refunds: 889,
    expectedCash: 22_111,
    difference,
  });
}

describe.each(BACKENDS)('sales reports on %s', (kind) => {
  let hq: RefundHq;
  const admin = (method: string, path: string, body?: unknown) =>
    call(hq.server.url, method, path, { token: ADMIN, body });
  const report = async (query: string) => {
    const reply = await admin('GET', `/admin/v1/reports/sales?${query}`);
    expect(reply.status).toBe(200);
    return reply.body;
  };

  beforeAll(async () => {
    hq = await startRefundHq(kind);
    expect((await importCatalogCsv(hq.server.db, CATALOG, { currency: 'CNY' })).ok).toBe(true);
    const zone = await admin('PUT', '/admin/v1/stores/S001/time-zone', { timeZone: 'Asia/Shanghai' });
    expect(zone).toMatchObject({ status: 200, body: { store: { code: 'S001', timeZone: 'Asia/Shanghai' } } });
  });
  afterAll(async () => {
    await hq?.close();
  });

  it('counts sales on the store’s local days and hours, by department and tender, refunds and training apart', async () => {
    const late = await hq.sold(hq.c01, LATE);
    await hq.sold(hq.c01, EARLY);
    await hq.sold(hq.c01, new Date('2026-03-01T05:00:00Z'), { training: true });
    await hq.sold(hq.other, LATE); // store S002: not in S001's report
    // A batch HQ must apply event by event (its second sale reuses a receipt number): the first counts once.
    const good = counterSale('S001', 'C01', LATE);
    const clash = counterSale('S001', 'C01', LATE);
    clash.event.payload.receiptNumber = late.receiptNumber;
    expect(await hq.push(hq.c01, [good.event, clash.event])).toMatchObject([
      { status: 'applied' },
      { status: 'rejected', code: 'receipt_number_taken' },
    ]);
    expect(await hq.push(hq.c01, [good.event])).toMatchObject([{ status: 'duplicate' }]);
    const refund = wireEvent(
      'refund.completed',
      refundPayload({
        receiptNumber: late.receiptNumber,
        terminalId: 'C01',
        refundedAt: '2026-03-01T15:45:00.000Z',
        lines: [refundLine(0, 1, 889)],
      }),
    );
    expect(await hq.push(hq.c01, [refund])).toMatchObject([{ status: 'applied' }]);

    const paid = (late.event.payload.receipt.lines as { paid: number }[]).map((l) => l.paid);
    const body = await report('from=2026-03-01&to=2026-03-02&stores=S001');
    expect(body.stores).toEqual([{ code: 'S001', timeZone: 'Asia/Shanghai' }]);
    expect(body.days).toEqual([
      {
        day: '2026-03-01',
        currency: 'CNY',
        sales: 2,
        total: 16_000,
        taxTotal: 2 * late.event.payload.taxTotal,
        lines: 6,
      },
      {
        day: '2026-03-02',
        currency: 'CNY',
        sales: 1,
        total: 8000,
        taxTotal: late.event.payload.taxTotal,
        lines: 3,
      },
    ]);
    expect(body.hours).toEqual([
      { hour: 0, currency: 'CNY', sales: 1, total: 8000 },
      { hour: 23, currency: 'CNY', sales: 2, total: 16_000 },
    ]);
    expect(body.byStore).toEqual([
      { store: 'S001', currency: 'CNY', sales: 3, total: 24_000, taxTotal: 3 * late.event.payload.taxTotal },
    ]);
    expect(paid.reduce((a, b) => a + b, 0)).toBe(8000);
    expect(body.departments).toEqual(
      [
        { department: 'Grocery', currency: 'CNY', lines: 3, amount: 3 * paid[1]! },
        { department: 'Drinks', currency: 'CNY', lines: 3, amount: 3 * paid[0]! },
        { department: 'Household', currency: 'CNY', lines: 3, amount: 3 * paid[2]! },
      ].sort((a, b) => b.amount - a.amount),
    );
    expect(body.tenders).toEqual([
      { kind: 'wallet_code', currency: 'CNY', payments: 3, amount: 15_000 },
      { kind: 'cash', currency: 'CNY', payments: 3, amount: 9000 },
    ]);
    expect(body.refunds).toEqual([{ day: '2026-03-01', currency: 'CNY', refunds: 1, total: 889 }]);

    // The training sale is in the training figures only (5:00Z is 13:00 in Shanghai).
    const training = await report('from=2026-03-01&to=2026-03-02&stores=S001&training=true');
    expect(training.days).toEqual([
      {
        day: '2026-03-01',
        currency: 'CNY',
        sales: 1,
        total: 8000,
        taxTotal: late.event.payload.taxTotal,
        lines: 3,
      },
    ]);
    expect(training.hours).toEqual([{ hour: 13, currency: 'CNY', sales: 1, total: 8000 }]);
    expect(training.refunds).toEqual([]);

    const refunds = await admin('GET', '/admin/v1/reports/refunds?from=2026-03-01&to=2026-03-01&stores=S001');
    expect(refunds.body.refunds).toMatchObject([
      { store: 'S001', day: '2026-03-01', receiptNumber: late.receiptNumber, total: 889, flagged: false },
    ]);

    // In UTC every one of these sales was on 1 March: the zone's change re-adds them all, exactly.
    expect(await admin('PUT', '/admin/v1/stores/S001/time-zone', { timeZone: 'UTC' })).toMatchObject({
      status: 200,
    });
    const utc = await report('from=2026-03-01&to=2026-03-02&stores=S001');
    expect(utc.days).toEqual([
      {
        day: '2026-03-01',
        currency: 'CNY',
        sales: 3,
        total: 24_000,
        taxTotal: 3 * late.event.payload.taxTotal,
        lines: 9,
      },
    ]);
    expect(utc.departments).toEqual(body.departments);
    expect(utc.tenders).toEqual(body.tenders);
    expect(
      await admin('PUT', '/admin/v1/stores/S001/time-zone', { timeZone: 'asia/shanghai' }),
    ).toMatchObject({
      status: 200,
      body: { store: { timeZone: 'Asia/Shanghai' } },
    });
    expect((await report('from=2026-03-01&to=2026-03-02&stores=S001')).days).toEqual(body.days);
  });

  it('lists a Z report with its cash difference and who approved it, on the store’s local day', async () => {
    const z = zReport(-3000);
    expect(await hq.push(hq.c01, [z])).toMatchObject([{ status: 'applied' }]);
    const reply = await admin('GET', '/admin/v1/reports/z-reports?from=2026-03-01&to=2026-03-01&stores=S001');
    expect(reply.body.zReports).toEqual([
      expect.objectContaining({
        store: 'S001',
        day: '2026-03-01',
        terminalId: 'C01',
        number: 7,
        approvedBy: 'S01',
        expectedCash: 22_111,
        countedCash: 19_111,
        difference: -3000,
        salesTotal: 8000,
      }),
    ]);
    // 15:50Z is 23:50 on 1 March in Shanghai: not on the 2nd.
    const next = await admin('GET', '/admin/v1/reports/z-reports?from=2026-03-02&to=2026-03-02&stores=S001');
    expect(next.body.zReports).toEqual([]);
  });

  it('refuses a bad range, an unknown store and an unknown zone with a sentence saying what was wrong', async () => {
    const backwards = await admin('GET', '/admin/v1/reports/sales?from=2026-03-02&to=2026-03-01');
    expect(backwards).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect(JSON.stringify(backwards.body)).toContain('must not be after');
    const notADay = await admin('GET', '/admin/v1/reports/sales?from=2026-02-30&to=2026-03-01');
    expect(JSON.stringify(notADay.body)).toContain('is not a real day');
    const unknown = await admin('GET', '/admin/v1/reports/sales?from=2026-03-01&to=2026-03-01&stores=S404');
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: { code: 'unknown_store', message: 'there is no store S404' } },
    });
    const zone = await admin('PUT', '/admin/v1/stores/S001/time-zone', { timeZone: 'Mars/Olympus' });
    expect(zone).toMatchObject({ status: 400, body: { error: { code: 'unknown_time_zone' } } });
    const { rows } = await hq.server.db.query<{ time_zone: string }>(
      "SELECT time_zone FROM stores WHERE code = 'S001'",
    );
    expect(rows[0]!.time_zone).toBe('Asia/Shanghai');
  });
});

describe('sales rollups with two HQ processes on one PostgreSQL', () => {
  it('adds every sale exactly once when terminals of one store send to both at once, resends included', async () => {
    const backend = await startBackend('postgres');
    const first = await startServer({ port: 0, databaseUrl: backend.databaseUrl });
    const second = await startServer({ port: 0, databaseUrl: backend.databaseUrl });
    try {
      const lanes = await Promise.all(
        [first, second, first, second].map((hq, i) =>
          enrolDevice(hq.url, () => createEnrolmentCode(hq.db, 'S001'), `C0${i + 1}`).then((d) => ({
            hq,
            d,
            i,
          })),
        ),
      );
      const sent = await Promise.all(
        lanes.map(async ({ hq, d, i }) => {
          const batches = Array.from({ length: 6 }, () =>
            Array.from({ length: 5 }, () => counterSale('S001', `C0${i + 1}`, LATE).event),
          );
          for (const events of batches) {
            // Each batch goes to this lane's HQ, and once more to the other one (a resend after a lost answer).
            const other = hq === first ? second : first;
            for (const target of [hq, other]) {
              const reply = await call(target.url, 'POST', '/v1/events', {
                token: d.token,
                body: { events },
              });
              expect(reply.status).toBe(200);
            }
          }
          return batches.flat().reduce((sum, e) => sum + e.payload.total, 0);
        }),
      );
      const { rows } = await first.db.query<{ sales: unknown; total: unknown; lines: unknown }>(
        'SELECT sum(sales) AS sales, sum(total) AS total, sum(lines) AS lines FROM sales_by_hour',
      );
      expect(rows.map((r) => [Number(r.sales), Number(r.total), Number(r.lines)])).toEqual([
        [4 * 30, sent.reduce((a, b) => a + b, 0), 4 * 30 * 3],
      ]);
      const { rows: tenders } = await first.db.query<{ payments: unknown }>(
        'SELECT sum(payments) AS payments FROM sales_by_tender',
      );
      expect(Number(tenders[0]!.payments)).toBe(4 * 30 * 2);
    } finally {
      await first.close();
      await second.close();
      await backend.stop();
    }
  });
});
