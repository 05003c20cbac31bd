// Refunds in the shift and with HQ, on real parts (a real SQLite file, sales paid through the counter's
// tender flow at the real simulator): a cash refund lowers the X report's expected cash and shows in
// the Z, which `journal verify` still balances; HQ unreachable means a supervisor approves and the
// refund is marked offline; HQ's refused claim is the cashier's answer, line by line; another terminal's
// sale, known only from HQ, is refunded and its lines kept within what HQ said was sold. The desks here
// are tiny in-test answers standing for HQ (its real HTTP path is the HQ client's own test).
import { describe, expect, it } from 'vitest';
import type { ClaimAnswer, HqSaleView, RefundPayload } from '../../core/sync';
import { journalEntries, verifyJournal } from '../../db/journal';
import { verifyZReports } from '../../db/journal-z';
import { pendingEvents } from '../../db/outbox';
import { PRODUCTS, value } from '../../test/helpers/checkout';
import {
  cashSale,
  openRefundLane,
  qrSale,
  SUPERVISOR_APPROVAL,
  type RefundLane,
} from '../../test/helpers/refund-lane';
import { STAFF_PINS } from '../../test/helpers/staff';
import { useTenderLanes } from '../../test/helpers/tender-lane';
import { singleByteCells } from '../receipts/columns';
import { reportText } from '../shift/report-layout';
import { createShiftService } from '../shift/shift-service';
import type { HqAnswer, HqRefundDesk } from './hq-desk';

const sim = useTenderLanes();
const open = () => {
  const lane = openRefundLane(sim.url);
  sim.lanes.push(lane as never);
  return lane;
};
const ONE = [{ line: 0, quantity: 1, reason: 'changed_mind' as const, disposition: 'restock' as const }];
const away = <T>(): Promise<HqAnswer<T>> =>
  Promise.resolve({ reachable: false, why: 'connect ECONNREFUSED' });
const answers = <T>(value: T): Promise<HqAnswer<T>> => Promise.resolve({ reachable: true, value });
const OFFLINE: HqRefundDesk = { findSale: away, searchSales: away, claim: away };

async function refused(
  result: Promise<{ ok: boolean; error?: { code: string; message: string; details?: unknown } }>,
) {
  const answer = await result;
  expect(answer.ok).toBe(false);
  return answer.error!;
}

/** One milk refunded with the supervisor's approval: done, approved by S01; its refund.completed payload. */
async function approvedRefund(lane: RefundLane, receiptNumber: string): Promise<RefundPayload> {
  const refund = value(
    await lane.refunds.handlers['refund.start']({ receiptNumber, lines: ONE, approval: SUPERVISOR_APPROVAL }),
  );
  expect(refund).toMatchObject({ state: 'done', approvedBy: 'S01' });
  return pendingEvents(lane.checkout.db, 10_000).find((e) => e.type === 'refund.completed')!
    .payload as RefundPayload;
}

describe('refunds in the shift', () => {
  it('a cash refund lowers the X report’s expected cash, a QR refund is counted beside it, the Z balances with the journal', async () => {
    const lane = open();
    const shift = createShiftService(lane.checkout.ctx);
    value(shift.open({ '10000': 1 }));
    const cash = await cashSale(lane, [[PRODUCTS.milk.barcode, 2]]);
    const qr = await qrSale(lane, [[PRODUCTS.bread.barcode, 1]]);
    const before = value(shift.xReport()).figures;
    expect(before.expectedCash).toBe(10000 + 2580);
    value(await lane.refunds.handlers['refund.start']({ receiptNumber: cash, lines: ONE }));
    value(await lane.refunds.handlers['refund.start']({ receiptNumber: qr, lines: ONE }));
    const x = value(shift.xReport()).figures;
    expect(x.expectedCash).toBe(10000 + 2580 - 1290);
    expect(x.refunds).toEqual({ count: 1, total: 1290 });
    expect(x.codeRefunds).toEqual({
      merchant_qr: { count: 1, total: 850 },
      wallet_code: { count: 0, total: 0 },
    });
    const payloads = pendingEvents(lane.checkout.db, 10_000)
      .filter((e) => e.type === 'refund.completed')
      .map((e) => e.payload as RefundPayload);
    const shiftId = value(shift.state()).shift!.id;
    expect(payloads.map((p) => p.shiftId)).toEqual([shiftId, shiftId]);
    const z = value(shift.close({ '10000': 1, '1000': 1, '100': 2, '50': 1, '10': 4 }));
    expect(z.figures).toMatchObject({ refunds: { count: 1, total: 1290 }, count: { difference: 0 } });
    const printed = reportText({ kind: 'Z', z }, { columns: 42, cells: singleByteCells, storeName: 'Store' });
    expect(printed).toMatch(/Refunds in cash \(1\) +12\.90/);
    expect(printed).toMatch(/Refunds to QR \(1\) +8\.50/);
    expect(verifyZReports(lane.checkout.db)).toEqual({ ok: true, checked: 1 });
    expect(verifyJournal(lane.checkout.db).ok).toBe(true);
  });

  it('a QR refund the bank declined, given in cash instead, is a cash refund of the shift and the Z balances', async () => {
    const lane = open();
    const shift = createShiftService(lane.checkout.ctx);
    value(shift.open({ '10000': 1 }));
    const qr = await qrSale(lane, [[PRODUCTS.bread.barcode, 1]]);
    await fetch(`${sim.url}/api/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'decline', times: 1, amount: 850 }),
    });
    const declined = value(await lane.refunds.handlers['refund.start']({ receiptNumber: qr, lines: ONE }));
    expect(declined.state).toBe('needs_attention');
    expect(value(shift.xReport()).figures.refunds).toEqual({ count: 0, total: 0 });
    value(
      await lane.refunds.handlers['refund.cashInstead']({
        refundId: declined.id,
        approval: SUPERVISOR_APPROVAL,
      }),
    );
    const x = value(shift.xReport()).figures;
    expect(x.refunds).toEqual({ count: 1, total: 850 });
    expect(x.expectedCash).toBe(10000 - 850);
    const z = value(shift.close({ '5000': 1, '2000': 2, '100': 1, '50': 1 }));
    expect(z.figures).toMatchObject({ refunds: { count: 1, total: 850 }, count: { difference: 0 } });
    expect(verifyZReports(lane.checkout.db)).toEqual({ ok: true, checked: 1 });
    expect(verifyJournal(lane.checkout.db).ok).toBe(true);
  });
});

describe('refunds and HQ', () => {
  it('offline: a supervisor approves (not the cashier), the refund is marked offline and the approval journalled', async () => {
    const lane = open();
    const receiptNumber = await cashSale(lane, [[PRODUCTS.milk.barcode, 1]]);
    lane.checkout.ctx.refundDesk.current = OFFLINE;
    const found = value(await lane.refunds.handlers['refund.find']({ query: receiptNumber }));
    expect(found).toMatchObject({ offline: true, source: 'local' });
    const quote = value(await lane.refunds.handlers['refund.quote']({ receiptNumber, lines: ONE }));
    expect(quote.approvalNeeded).toBe('offline');
    const asked = await refused(lane.refunds.handlers['refund.start']({ receiptNumber, lines: ONE }));
    expect(asked).toMatchObject({ code: 'approval_needed', details: { approvalNeeded: 'offline' } });
    const cashier = { badge: 'STAFF-C01X', pin: STAFF_PINS.cashier };
    expect(
      (await refused(lane.refunds.handlers['refund.start']({ receiptNumber, lines: ONE, approval: cashier })))
        .code,
    ).toMatch(/staff_not_allowed|approver_signed_in/);
    const payload = await approvedRefund(lane, receiptNumber);
    expect(payload).toMatchObject({ offline: true, approvedBy: 'S01', staffId: 'C01' });
    const approvals = journalEntries(lane.checkout.db)
      .map((e) => e.data as { action?: string; act?: string })
      .filter((d) => d.action === 'approved');
    expect(approvals).toMatchObject([{ act: 'approve_refund' }]);
  });

  it('two refunds of the same line at once: one is made, the other refused here and its claim given back at HQ', async () => {
    const lane = open();
    const receiptNumber = await cashSale(lane, [[PRODUCTS.milk.barcode, 1]]);
    const released: string[] = [];
    const claims: string[] = [];
    // An HQ that grants every claim (as one that has not yet heard of the other) and is a moment slow,
    // so both refunds pass their quote before either is written.
    lane.checkout.ctx.refundDesk.current = {
      findSale: () => answers(null),
      searchSales: () => answers([]),
      claim: async (claim) => {
        claims.push(claim.refundId);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { reachable: true, value: { granted: true } };
      },
      release: async (refundId) => (released.push(refundId), { reachable: true, value: true }),
    };
    const [a, b] = await Promise.all([
      lane.refunds.handlers['refund.start']({ receiptNumber, lines: ONE }),
      lane.refunds.handlers['refund.start']({ receiptNumber, lines: ONE }),
    ]);
    const made = [a, b].filter((r) => r.ok);
    const lost = [a, b].filter((r) => !r.ok);
    expect(made).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(claims).toHaveLength(2);
    const madeId = (made[0] as { value: { id: string } }).value.id;
    await expect.poll(() => released).toEqual(claims.filter((id) => id !== madeId));
  });

  it('over the cashier’s refund limit: a supervisor approves, and the refund is not marked offline', async () => {
    const lane = open();
    const counter = lane.checkout.ctx.settings.counter;
    lane.checkout.ctx.settings.counter = {
      ...counter,
      limits: { ...counter.limits, cashier: { ...counter.limits.cashier, refund: 1000 } },
    };
    const receiptNumber = await cashSale(lane, [[PRODUCTS.milk.barcode, 1]]);
    const quote = value(await lane.refunds.handlers['refund.quote']({ receiptNumber, lines: ONE }));
    expect(quote.approvalNeeded).toBe('over_limit');
    const asked = await refused(lane.refunds.handlers['refund.start']({ receiptNumber, lines: ONE }));
    expect(asked).toMatchObject({ code: 'approval_needed', details: { approvalNeeded: 'over_limit' } });
    expect(asked.message).toMatch(/more than you may give back alone/);
    const payload = await approvedRefund(lane, receiptNumber);
    expect(payload).toMatchObject({ offline: false, approvedBy: 'S01' });
  });

  it('offline, another terminal’s receipt is refused naming that terminal; HQ’s refused claim names the lines and writes nothing', async () => {
    const lane = open();
    lane.checkout.ctx.refundDesk.current = OFFLINE;
    const error = await refused(lane.refunds.handlers['refund.find']({ query: 'S01-C02-000007' }));
    expect(error.code).toBe('hq_unreachable');
    expect(error.message).toContain('C02');
    const receiptNumber = await cashSale(lane, [[PRODUCTS.milk.barcode, 1]]);
    const no: ClaimAnswer = {
      granted: false,
      code: 'refund_exceeds_sale',
      lines: [{ line: 0, sold: 1, refunded: 1, asked: 1 }],
    };
    lane.checkout.ctx.refundDesk.current = {
      findSale: () => answers(null),
      searchSales: () => answers([]),
      claim: () => answers(no),
    };
    const before = pendingEvents(lane.checkout.db, 10_000).length;
    const claim = await refused(lane.refunds.handlers['refund.start']({ receiptNumber, lines: ONE }));
    expect(claim).toMatchObject({ code: 'refund_exceeds_sale', details: { lines: no.lines } });
    expect(claim.message).toMatch(/line 1: 1 sold, 1 already refunded/);
    expect(pendingEvents(lane.checkout.db, 10_000)).toHaveLength(before);
    expect(lane.drawer).toEqual(['cash_tender']);
  });

  it('another terminal’s sale, known only from HQ: refunded once with HQ’s claim, its line then refused here', async () => {
    const lane = open();
    const view: HqSaleView = {
      receiptNumber: 'S01-C02-000007',
      storeId: 'S01',
      terminalId: 'C02',
      soldAt: '2026-12-07T08:00:00.000Z',
      currency: 'CNY',
      total: 1290,
      receipt: {},
      tenders: [
        {
          kind: 'cash',
          amount: 1290,
          paymentId: null,
          provider: null,
          reference: null,
          maskedCode: null,
          refunded: 0,
        },
      ],
      lines: [
        {
          line: 0,
          gtin: PRODUCTS.milk.gtin,
          name: 'Fresh Milk 1 L',
          unit: 'each',
          sold: 1,
          paid: 1290,
          refundedQuantity: 0,
          refundedAmount: 0,
        },
      ],
      training: false,
    };
    const claims: unknown[] = [];
    lane.checkout.ctx.refundDesk.current = {
      findSale: () => answers(view),
      searchSales: () => answers([]),
      claim: (claim) => (claims.push(claim), answers({ granted: true } as ClaimAnswer)),
    };
    const found = value(await lane.refunds.handlers['refund.find']({ query: view.receiptNumber }));
    expect(found).toMatchObject({ source: 'hq', terminalId: 'C02', offline: false });
    const refund = value(
      await lane.refunds.handlers['refund.start']({ receiptNumber: view.receiptNumber, lines: ONE }),
    );
    expect(refund).toMatchObject({ state: 'done', receiptNumber: view.receiptNumber, total: 1290 });
    expect(claims).toMatchObject([
      {
        refundId: refund.id,
        receiptNumber: view.receiptNumber,
        staffId: 'C01',
        lines: [{ line: 0, quantity: 1 }],
      },
    ]);
    // HQ has not heard of it yet (the view is as before): this terminal's own refund still counts.
    const again = await refused(
      lane.refunds.handlers['refund.start']({ receiptNumber: view.receiptNumber, lines: ONE }),
    );
    expect(again.code).toBe('refund_exceeds_sale');
  });
});
