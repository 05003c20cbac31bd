// Refunds at the counter on real parts (a real SQLite file, sales rung up and paid through the counter's
// own tender flow against the real payment simulator over HTTP): find by QR or number, partial refunds
// and the one beyond what was sold refused, a discounted sale's net share, the slip, the journal, the
// outbox event, a return without a receipt, and nobody signed in.
import { describe, expect, it } from 'vitest';
import { journalEntries, verifyJournal } from '../../db/journal';
import { pendingEvents } from '../../db/outbox';
import { PRODUCTS, value } from '../../test/helpers/checkout';
import {
  cashSale,
  openRefundLane,
  SUPERVISOR_APPROVAL,
  type RefundLane,
} from '../../test/helpers/refund-lane';
import { useTenderLanes } from '../../test/helpers/tender-lane';
import { counterPriceHandlers } from '../counter-price/price-handlers';
import type { RefundPayload } from '../../core/sync';

const sim = useTenderLanes();
const lanes: RefundLane[] = [];
const open = (increment = 1) => {
  const lane = openRefundLane(sim.url, increment);
  lanes.push(lane);
  sim.lanes.push(lane as never);
  return lane;
};
const api = (lane: RefundLane) => lane.refunds.handlers;
const refused = async (result: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const answer = await result;
  expect(answer.ok).toBe(false);
  return answer.error!.code;
};

describe('a cash refund of this terminal’s sale', () => {
  it('finds the sale by its e-receipt link, refunds 2 of 3 milk, then refuses 2 more, writing nothing', async () => {
    const lane = open();
    const receiptNumber = await cashSale(lane, [
      [PRODUCTS.milk.barcode, 3],
      [PRODUCTS.bread.barcode, 1],
    ]);
    const link = `${lane.checkout.ctx.settings.eReceiptBaseUrl}/${receiptNumber}?join=1`;
    const found = value(await api(lane)['refund.find']({ query: link }));
    expect(found).toMatchObject({ receiptNumber, source: 'local', offline: false, total: 3 * 1290 + 850 });
    expect(found.lines).toMatchObject([
      { line: 0, sold: 3, paid: 3870, refundableQuantity: 3, refundableAmount: 3870 },
      { line: 1, sold: 1, paid: 850, refundableQuantity: 1 },
    ]);
    const ask = [{ line: 0, quantity: 2, reason: 'changed_mind' as const, disposition: 'restock' as const }];
    const quote = value(await api(lane)['refund.quote']({ receiptNumber, lines: ask }));
    expect(quote).toMatchObject({
      total: 2580,
      tenders: [{ kind: 'cash', amount: 2580 }],
      approvalNeeded: null,
    });
    const refund = value(await api(lane)['refund.start']({ receiptNumber, lines: ask }));
    expect(refund).toMatchObject({ state: 'done', total: 2580, receiptNumber, printed: true });
    expect(refund.refundNumber).toMatch(/-R000001$/);
    expect(lane.drawer).toEqual(['cash_tender', 'cash_refund']);
    expect(lane.printed.at(-1)).toContain('REFUND');
    expect(lane.printed.at(-1)).toContain(refund.refundNumber);
    expect(lane.printed.at(-1)).toContain(receiptNumber);

    const before = pendingEvents(lane.checkout.db, 10_000).length;
    expect(await refused(api(lane)['refund.start']({ receiptNumber, lines: ask }))).toBe(
      'refund_exceeds_sale',
    );
    expect(pendingEvents(lane.checkout.db, 10_000)).toHaveLength(before);
    const again = value(await api(lane)['refund.find']({ query: receiptNumber }));
    expect(again.lines[0]).toMatchObject({
      refundedQuantity: 2,
      refundableQuantity: 1,
      refundableAmount: 1290,
    });
    // The last one gives back the rest, exactly.
    const last = value(
      await api(lane)['refund.start']({
        receiptNumber,
        lines: [{ ...ask[0]!, quantity: 1, reason: 'damaged' }],
      }),
    );
    expect(last.total).toBe(1290);

    const completed = pendingEvents(lane.checkout.db, 10_000).filter((e) => e.type === 'refund.completed');
    expect(completed.map((e) => e.payload as RefundPayload)).toMatchObject([
      {
        refundNumber: refund.refundNumber,
        receiptNumber,
        storeId: lane.checkout.ctx.settings.storeId,
        terminalId: lane.checkout.ctx.settings.terminalId,
        staffId: 'C01',
        approvedBy: null,
        total: 2580,
        cashRounding: 0,
        lines: [
          {
            line: 0,
            gtin: PRODUCTS.milk.gtin,
            unit: 'each',
            quantity: 2,
            amount: 2580,
            reason: 'changed_mind',
            disposition: 'restock',
          },
        ],
        tenders: [{ kind: 'cash', amount: 2580, paymentId: null, reference: null }],
        offline: false,
      },
      { total: 1290 },
    ]);
    const journalled = journalEntries(lane.checkout.db).filter((e) => e.kind === 'refund');
    expect(journalled.map((e) => e.data)).toMatchObject([
      { action: 'refunded', refundNumber: refund.refundNumber, receiptNumber, staffId: 'C01' },
      { action: 'refunded', total: 1290 },
    ]);
    expect(verifyJournal(lane.checkout.db).ok).toBe(true);
  });

  it('gives back a discounted sale’s net share of the line, and rounds the cash part to the store’s 0.10', async () => {
    const lane = open(10);
    const price = counterPriceHandlers(lane.checkout.ctx, () => {
      throw new Error('not needed');
    });
    for (const code of [PRODUCTS.milk.barcode, PRODUCTS.bread.barcode])
      value(await lane.checkout.basket['basket.addScan']({ code, source: 'keypad' }));
    // 10 % off the whole sale: 21.40 − 2.14, spread over the lines by their totals (1.29 and 0.85).
    value(await price['basket.discountSale']({ kind: 'percent', value: 10, reason: 'loyal customer' }));
    const sold = value(await lane.tenders.handlers['tender.cash']({ handed: 5000 }));
    value(await lane.checkout.basket['sale.finish']({}));
    const receiptNumber = sold.receipt!.receiptNumber;
    const found = value(await api(lane)['refund.find']({ query: receiptNumber }));
    const milkPaid = found.lines[0]!.paid;
    expect(milkPaid).toBe(1290 - 129);
    expect(found.lines[0]!.paid + found.lines[1]!.paid).toBe(found.total);
    const refund = value(
      await api(lane)['refund.start']({
        receiptNumber,
        lines: [{ line: 0, quantity: 1, reason: 'faulty', disposition: 'write_off' }],
      }),
    );
    expect(refund).toMatchObject({
      total: 1161,
      cashRounding: -1,
      tenders: [{ kind: 'cash', amount: 1160 }],
    });
  });
});

describe('a weighed line', () => {
  it('comes back by weight: 200 g of 500 g gets its floor share, the last 300 g the rest', async () => {
    const lane = open();
    const receiptNumber = await cashSale(lane, [[`kg:${PRODUCTS.apples.barcode}`, 500]]);
    const found = value(await api(lane)['refund.find']({ query: receiptNumber }));
    expect(found.lines[0]).toMatchObject({ unit: 'kg', sold: 500, paid: 501 });
    const grams = (quantity: number) => [
      { line: 0, quantity, reason: 'expired' as const, disposition: 'write_off' as const },
    ];
    const first = value(await api(lane)['refund.start']({ receiptNumber, lines: grams(200) }));
    expect(first.total).toBe(200); // floor(501 × 200 / 500)
    expect(await refused(api(lane)['refund.start']({ receiptNumber, lines: grams(301) }))).toBe(
      'refund_exceeds_sale',
    );
    const rest = value(await api(lane)['refund.start']({ receiptNumber, lines: grams(300) }));
    expect(rest.total).toBe(301);
  });
});

describe('finding a sale without its receipt', () => {
  it('searches this terminal’s sales by day, amount and masked wallet code', async () => {
    const lane = open();
    const milk = await cashSale(lane, [[PRODUCTS.milk.barcode, 1]]);
    const bread = await cashSale(lane, [[PRODUCTS.bread.barcode, 2]]);
    const today = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const date = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
    const search = api(lane)['refund.search'];
    expect(value(await search({ date })).sales.map((s) => s.receiptNumber)).toEqual([bread, milk]);
    expect(value(await search({ amount: 1700 })).sales).toMatchObject([
      { receiptNumber: bread, itemCount: 2 },
    ]);
    expect(value(await search({ date: '2001-01-01' })).sales).toEqual([]);
    expect(value(await search({ maskedCode: '1345****1230' })).sales).toEqual([]);
    expect(value(await search({})).offline).toBe(false);
  });
});

describe('what a refund refuses', () => {
  it('refuses everything with nobody signed in, a garbled query, and a receipt this terminal never sold', async () => {
    const lane = open();
    expect(await refused(api(lane)['refund.find']({ query: 'hello' }))).toBe('invalid_receipt');
    expect(await refused(api(lane)['refund.find']({ query: 'S01-K09-000001' }))).toBe('sale_not_found');
    lane.checkout.ctx.duty.current = null;
    for (const name of Object.keys(api(lane)) as (keyof ReturnType<typeof api>)[])
      expect(await refused((api(lane)[name] as (i: unknown) => Promise<never>)({}))).toBe('not_signed_in');
  });

  it('takes a return without a receipt only with a supervisor, in cash, journalled with the approval', async () => {
    const lane = open(10);
    const lines = [
      {
        code: PRODUCTS.bread.barcode,
        quantity: 2,
        reason: 'damaged' as const,
        disposition: 'write_off' as const,
      },
    ];
    expect(
      await refused(api(lane)['refund.noReceipt']({ lines, approval: { badge: 'STAFF-C01X', pin: '1357' } })),
    ).toBe('staff_not_allowed');
    expect(
      await refused(
        api(lane)['refund.noReceipt']({
          lines: [{ ...lines[0]!, code: '6900000000990' }],
          approval: SUPERVISOR_APPROVAL,
        }),
      ),
    ).toBe('item_not_found');
    const refund = value(await api(lane)['refund.noReceipt']({ lines, approval: SUPERVISOR_APPROVAL }));
    expect(refund).toMatchObject({
      state: 'done',
      receiptNumber: null,
      total: 1700,
      approvedBy: 'S01',
      tenders: [{ kind: 'cash', amount: 1700 }],
    });
    expect(lane.drawer).toEqual(['cash_refund']);
    const entries = journalEntries(lane.checkout.db).map((e) => e.data as { action?: string; act?: string });
    expect(entries.filter((e) => e.action === 'approved').map((e) => e.act)).toEqual(['approve_refund']);
    expect(entries.some((e) => e.action === 'refunded')).toBe(true);
  });
});
