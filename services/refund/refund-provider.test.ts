// A QR or wallet payment refunded through the real payment simulator over HTTP, under every fault it
// has (timeout before, timeout after, a duplicate delivery, declined, pending) and across a restart in
// the middle: each time the simulator's refund book holds exactly one refund of the payment, and the
// refund is completed (journal, outbox) exactly once.
import { describe, expect, it } from 'vitest';
import type { RefundPayload } from '../../core/sync';
import { journalEntries, verifyJournal } from '../../db/journal';
import { pendingEvents } from '../../db/outbox';
import { requireRefund } from '../../db/refunds';
import type { Fault } from '../payments/simulator/faults';
import { eventually, PRODUCTS, value, WALLET } from '../../test/helpers/checkout';
import { openRefundLane, qrSale, SUPERVISOR_APPROVAL, type RefundLane } from '../../test/helpers/refund-lane';
import { STAFF_PINS } from '../../test/helpers/staff';
import { useTenderLanes } from '../../test/helpers/tender-lane';
import type { RefundView } from '../api/contract';
import { startSaleRefund } from './refund-start';
import { createSimulatorProvider } from '../payments/simulator/provider';

const sim = useTenderLanes();
const open = () => {
  const lane = openRefundLane(sim.url);
  sim.lanes.push(lane as never);
  return lane;
};
const ONE_MILK = [{ line: 0, quantity: 1, reason: 'faulty' as const, disposition: 'write_off' as const }];

async function fault(body: Fault): Promise<void> {
  const response = await fetch(`${sim.url}/api/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
}

/** The simulator's record of a refund by our reference, with what its payment has given back in all. */
async function simulatorRefund(reference: string) {
  const response = await fetch(`${sim.url}/api/refunds/${reference}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string; requests: number; refunded: number; amount: number };
}

/** Two milk paid by QR, one refunded: 12.90 back to the payment. */
async function refundOneMilk(lane: RefundLane, faults: Fault[] = []): Promise<RefundView> {
  const receiptNumber = await qrSale(lane, [[PRODUCTS.milk.barcode, 2]]);
  for (const f of faults) await fault({ ...f, amount: 1290 });
  try {
    return value(await lane.refunds.handlers['refund.start']({ receiptNumber, lines: ONE_MILK }));
  } finally {
    await fetch(`${sim.url}/api/faults`, { method: 'DELETE' });
  }
}

/** Waits until the refund is no longer in flight; its view as the counter then reads it. */
async function settled(lane: RefundLane, id: string): Promise<RefundView> {
  return eventually(
    'the refund settled',
    async () => {
      const view = value(await lane.refunds.handlers['refund.get']({ refundId: id }));
      return view.state === 'in_progress' ? null : view;
    },
    10_000,
  );
}

/** Exactly one refund.completed event and one `refunded` journal entry for the refund. */
function completedOnce(lane: RefundLane, id: string): RefundPayload {
  const events = pendingEvents(lane.checkout.db, 10_000).filter((e) => e.type === 'refund.completed');
  expect(events).toHaveLength(1);
  const entries = journalEntries(lane.checkout.db).filter(
    (e) => e.kind === 'refund' && (e.data as { refundId?: string }).refundId === id,
  );
  expect(entries).toHaveLength(1);
  expect(verifyJournal(lane.checkout.db).ok).toBe(true);
  return events[0]!.payload as RefundPayload;
}

const reference = (lane: RefundLane, id: string) => requireRefund(lane.checkout.db, id).tenders[0]!.reference;

describe('a QR refund at the simulator', () => {
  it('with no fault: paid back at once, one refund at the provider, the payload as the contract says', async () => {
    const lane = open();
    const refund = await refundOneMilk(lane);
    expect(refund).toMatchObject({
      state: 'done',
      tenders: [{ kind: 'merchant_qr', amount: 1290, status: 'paid' }],
    });
    expect(lane.drawer).toEqual([]);
    const ref = reference(lane, refund.id);
    expect(await simulatorRefund(ref)).toMatchObject({ status: 'paid', requests: 1, refunded: 1290 });
    const payload = completedOnce(lane, refund.id);
    expect(payload).toMatchObject({
      total: 1290,
      tenders: [{ kind: 'merchant_qr', amount: 1290, reference: ref }],
      offline: false,
    });
    expect(payload.tenders[0]!.paymentId).toEqual(expect.any(String));
    expect(payload.tenders[0]).not.toHaveProperty('status');
  });

  it('timeout before: the request never arrived; asked again under the same reference, refunded once', async () => {
    const lane = open();
    const refund = await refundOneMilk(lane, [{ mode: 'timeout_before_charge', times: 1 }]);
    expect(refund.tenders[0]!.status).toBe('unknown');
    expect((await settled(lane, refund.id)).state).toBe('done');
    expect(await simulatorRefund(reference(lane, refund.id))).toMatchObject({
      status: 'paid',
      refunded: 1290,
    });
    completedOnce(lane, refund.id);
  });

  it('timeout after: refunded, answer lost; the query finds it, and it is not refunded again', async () => {
    const lane = open();
    const refund = await refundOneMilk(lane, [{ mode: 'timeout_after_charge', times: 1 }]);
    expect(refund.tenders[0]!.status).toBe('unknown');
    expect((await settled(lane, refund.id)).state).toBe('done');
    expect(await simulatorRefund(reference(lane, refund.id))).toMatchObject({
      status: 'paid',
      requests: 1,
      refunded: 1290,
    });
    completedOnce(lane, refund.id);
  });

  it('a duplicate delivery of the refund request refunds nothing more', async () => {
    const lane = open();
    const refund = await refundOneMilk(lane, [{ mode: 'duplicate_notify', ms: 50, times: 1 }]);
    expect(refund.state).toBe('done');
    const ref = reference(lane, refund.id);
    const record = await eventually('the duplicate delivered', async () => {
      const found = await simulatorRefund(ref);
      return found.requests === 2 ? found : null;
    });
    expect(record).toMatchObject({ status: 'paid', refunded: 1290 });
    completedOnce(lane, refund.id);
  });

  it('declined by the bank: nothing went back, the counter is told, HQ is told the tender was declined', async () => {
    const lane = open();
    const refund = await refundOneMilk(lane, [{ mode: 'decline', times: 1 }]);
    expect(refund).toMatchObject({ state: 'needs_attention', tenders: [{ status: 'declined' }] });
    expect(refund.tenders[0]!.failureReason).toMatch(/declined/);
    expect(await simulatorRefund(reference(lane, refund.id))).toMatchObject({
      status: 'declined',
      refunded: 0,
    });
    expect(completedOnce(lane, refund.id).tenders).toMatchObject([
      { kind: 'merchant_qr', status: 'declined' },
    ]);
  });

  it('declined, then given back in cash instead: a supervisor approves, the drawer opens, journalled and sent to HQ once', async () => {
    const lane = open();
    const refund = await refundOneMilk(lane, [{ mode: 'decline', times: 1 }]);
    expect(refund.state).toBe('needs_attention');
    const cashInstead = lane.refunds.handlers['refund.cashInstead'];
    expect(await cashInstead({ refundId: refund.id })).toMatchObject({
      ok: false,
      error: { code: 'approval_needed', details: { approvalNeeded: 'cash_instead' } },
    });
    // The cashier's own badge approves nothing.
    const own = await cashInstead({
      refundId: refund.id,
      approval: { badge: 'STAFF-C01X', pin: STAFF_PINS.cashier },
    });
    expect(own.ok).toBe(false);
    expect(lane.drawer).toEqual([]);

    const paid = value(await cashInstead({ refundId: refund.id, approval: SUPERVISOR_APPROVAL }));
    expect(paid).toMatchObject({ state: 'done', total: 1290 });
    expect(paid.tenders).toMatchObject([
      { kind: 'merchant_qr', status: 'declined' },
      { kind: 'cash', status: 'paid', amount: 1290 },
    ]);
    expect(lane.drawer).toEqual(['cash_refund']);
    const sent = pendingEvents(lane.checkout.db, 10_000).filter((e) => e.type === 'refund.cash_instead');
    expect(sent.map((e) => e.payload)).toMatchObject([
      { refundId: refund.id, amount: 1290, staffId: 'C01', approvedBy: 'S01' },
    ]);
    const entries = journalEntries(lane.checkout.db).map((e) => e.data as { action?: string });
    expect(entries.filter((d) => d.action === 'cash_instead')).toHaveLength(1);
    expect(verifyJournal(lane.checkout.db).ok).toBe(true);

    // Nothing is owed any more: a second press gives nothing, and the provider was asked once.
    expect(await cashInstead({ refundId: refund.id, approval: SUPERVISOR_APPROVAL })).toMatchObject({
      ok: false,
      error: { code: 'nothing_declined' },
    });
    expect(lane.drawer).toEqual(['cash_refund']);
    expect(await simulatorRefund(reference(lane, refund.id))).toMatchObject({
      status: 'declined',
      requests: 1,
    });
  });

  it('pending at the provider: followed until it goes through', async () => {
    const lane = open();
    const refund = await refundOneMilk(lane, [{ mode: 'refund_pending', ms: 1200, times: 1 }]);
    expect(refund).toMatchObject({ state: 'in_progress', tenders: [{ status: 'pending' }] });
    expect((await settled(lane, refund.id)).state).toBe('done');
    expect(lane.checkout.events.filter((e) => e.type === 'refund.changed').at(-1)).toMatchObject({
      refund: { state: 'done' },
    });
    completedOnce(lane, refund.id);
  });

  it('a wallet code payment is refunded to the wallet', async () => {
    const lane = open();
    value(await lane.checkout.basket['basket.addScan']({ code: PRODUCTS.bread.barcode, source: 'keypad' }));
    value(await lane.checkout.basket['basket.addScan']({ code: WALLET.pays, source: 'keypad' }));
    const receiptNumber = await eventually('the wallet sale', async () => {
      const view = value(await lane.tenders.handlers['tender.state']({}));
      return view.receipt?.receiptNumber ?? null;
    });
    const found = value(await lane.refunds.handlers['refund.find']({ query: receiptNumber }));
    expect(found.tenders).toMatchObject([
      { kind: 'wallet_code', amount: 850, maskedCode: expect.stringContaining('*') },
    ]);
    const refund = value(
      await lane.refunds.handlers['refund.start']({
        receiptNumber,
        lines: [{ line: 0, quantity: 1, reason: 'changed_mind', disposition: 'restock' }],
      }),
    );
    expect(refund).toMatchObject({
      state: 'done',
      tenders: [{ kind: 'wallet_code', status: 'paid', amount: 850 }],
    });
    expect(refund.tenders[0]!.maskedCode).toContain('*');
    expect(await simulatorRefund(reference(lane, refund.id))).toMatchObject({ refunded: 850 });
  });
});

describe('a restart in the middle of a refund', () => {
  it('unknown when the terminal closed: recovered at start by the query, refunded once', async () => {
    let lane = open();
    const refund = await refundOneMilk(lane, [{ mode: 'timeout_after_charge', ms: 60_000, times: 1 }]);
    expect(refund.tenders[0]!.status).toBe('unknown');
    lane = lane.restart();
    sim.lanes.push(lane as never);
    expect((await settled(lane, refund.id)).state).toBe('done');
    expect(await simulatorRefund(reference(lane, refund.id))).toMatchObject({ requests: 1, refunded: 1290 });
    completedOnce(lane, refund.id);
  });

  it('written but never sent when the terminal closed: sent at start under its reference, refunded once', async () => {
    let lane = open();
    const receiptNumber = await qrSale(lane, [[PRODUCTS.milk.barcode, 2]]);
    const staff = lane.checkout.ctx.duty.current!;
    const provider = createSimulatorProvider({ baseUrl: sim.url, timeoutMs: 1500 });
    const written = value(
      await startSaleRefund(lane.checkout.ctx, provider, staff, { receiptNumber, lines: ONE_MILK }),
    );
    expect(written.tenders[0]!.status).toBe('created');
    expect((await fetch(`${sim.url}/api/refunds/${written.tenders[0]!.reference}`)).status).toBe(404);
    lane = lane.restart();
    sim.lanes.push(lane as never);
    expect((await settled(lane, written.id)).state).toBe('done');
    expect(await simulatorRefund(written.tenders[0]!.reference)).toMatchObject({
      requests: 1,
      refunded: 1290,
    });
    completedOnce(lane, written.id);
  });
});
