// The payment state machine under every fault mode of the simulator (simulator/faults.ts), in both
// directions — the kiosk's QR (merchant-presented) and the shopper's wallet code (customer-presented)
// — on real parts: the simulator over real HTTP, a real SQLite file, and restarts that close the flow
// and the connection and open both again on the same file while the fault is still on.
//
// After every test, whatever the fault: no payment is left in flight (every unknown was resolved);
// what the kiosk says about each payment is what the simulator's own record says; no basket was
// charged twice at the simulator; and each paid payment has exactly one sale and one receipt.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PRODUCTS,
  WALLET,
  confirmOnPhone,
  eventually,
  openCheckout,
  press,
  startSimulator,
  value,
  waitFor,
} from '../../test/helpers/checkout';
import {
  TIMEOUT_MS,
  TOTAL,
  atSimulator,
  expectConsistent,
  finalOf,
  flowFor,
  laneWith,
  lanes,
  payByCode,
  payByQr,
  qrShown,
  restart,
  setFault,
  simulators,
  sleep,
  type Lane,
} from '../../test/helpers/payment-lane';
import { openDatabase } from '../../db/open';
import { getPayment } from '../../db/payments';
import { createSimulatorProvider } from '../payments/simulator/provider';
import { createCheckoutContext } from './context';

afterEach(async () => {
  for (const lane of lanes.splice(0)) {
    lane.flow.close();
    await expectConsistent(lane);
    lane.checkout.cleanup();
  }
  for (const sim of simulators.splice(0)) await sim.close();
});

describe('slow answers', () => {
  it('QR: a create slower than the timeout is unknown, asked again, and the one payment is paid', async () => {
    const lane = await laneWith([{ mode: 'slow', ms: 1200, times: 1 }]);
    const payment = await payByQr(lane);
    expect(payment.status).toBe('unknown');
    const qr = await qrShown(lane, payment.id);
    await press(qr, 'approve');
    expect((await finalOf(lane, payment.id)).status).toBe('paid');
  });

  it('code: slower than usual but within the timeout, it pays as always', async () => {
    const lane = await laneWith([{ mode: 'slow', ms: 300 }]);
    const payment = payByCode(lane, WALLET.pays);
    expect((await finalOf(lane, payment.id)).status).toBe('paid');
    expect(await atSimulator(lane, payment.reference)).toMatchObject({ status: 'paid', chargeRequests: 1 });
  });

  it('code: a charge slower than the timeout is reversed before it lands, and then refused: nothing taken', async () => {
    const lane = await laneWith([{ mode: 'slow', ms: 1500, times: 1 }]);
    const payment = payByCode(lane, WALLET.pays);
    const final = await finalOf(lane, payment.id);
    expect(final).toMatchObject({ status: 'cancelled', failureReason: /nothing was taken/ });
    await sleep(1600); // the slow charge lands now, on a reference already reversed
    expect(await atSimulator(lane, payment.reference)).toMatchObject({
      status: 'cancelled',
      reason: 'reversed before any charge arrived',
      chargeRequests: 0,
    });
  });

  it('code, restart while the slow charge is on its way: the restarted kiosk reverses it, nothing taken', async () => {
    const lane = await laneWith([{ mode: 'slow', ms: 1500, times: 1 }]);
    const payment = payByCode(lane, WALLET.pays);
    await sleep(100);
    restart(lane);
    expect((await finalOf(lane, payment.id)).status).toBe('cancelled');
    await sleep(1600); // the old process's charge call ends; it must write nothing
    expect((await atSimulator(lane, payment.reference))!.status).toBe('cancelled');
  });
});

describe('timeout before charging (the request never reaches the charge)', () => {
  it('QR: the lost create is sent again under the same reference, and the payment is paid once', async () => {
    const lane = await laneWith([{ mode: 'timeout_before_charge', times: 1 }]);
    const payment = await payByQr(lane);
    expect(payment).toMatchObject({ status: 'unknown', failureReason: /could not be reached/ });
    const qr = await qrShown(lane, payment.id);
    await press(qr, 'approve');
    expect((await finalOf(lane, payment.id)).status).toBe('paid');
  });

  it('code: never charged, so the reference is reversed, nothing taken; the next code pays', async () => {
    const lane = await laneWith([{ mode: 'timeout_before_charge', times: 1 }]);
    const payment = payByCode(lane, WALLET.pays);
    const final = await finalOf(lane, payment.id);
    expect(final).toMatchObject({ status: 'cancelled', failureReason: /nothing was taken/ });
    expect(await atSimulator(lane, payment.reference)).toMatchObject({
      status: 'cancelled',
      reason: 'reversed before any charge arrived',
      chargeRequests: 0,
    });
    const next = payByCode(lane, WALLET.pays);
    expect((await finalOf(lane, next.id)).status).toBe('paid');
  });

  it('code, restart while the charge hangs: the restarted kiosk reverses the reference', async () => {
    const lane = await laneWith([{ mode: 'timeout_before_charge' }]);
    const payment = payByCode(lane, WALLET.pays);
    await sleep(100);
    restart(lane);
    expect((await finalOf(lane, payment.id)).status).toBe('cancelled');
    await sleep(TIMEOUT_MS); // the old process's charge times out; it must write nothing
  });

  it('QR, restart while the create hangs: recovered, it shows a code that pays once', async () => {
    const lane = await laneWith([{ mode: 'timeout_before_charge', times: 1 }]);
    const payment = await payByQr(lane);
    restart(lane);
    const qr = await qrShown(lane, payment.id);
    await press(qr, 'approve');
    expect((await finalOf(lane, payment.id)).status).toBe('paid');
  });
});

describe('timeout after charging (charged, the answer lost)', () => {
  it('QR: created but unanswered; created again, the simulator gives the same payment; paid once', async () => {
    const lane = await laneWith([{ mode: 'timeout_after_charge', times: 1 }]);
    const payment = await payByQr(lane);
    expect(payment.status).toBe('unknown');
    const qr = await qrShown(lane, payment.id);
    const record = (await atSimulator(lane, payment.reference))!;
    expect(qr).toBe(record.payUrl);
    await press(qr, 'approve');
    expect((await finalOf(lane, payment.id)).status).toBe('paid');
  });

  it('code: charged but unanswered; the query by reference finds it paid, charged once', async () => {
    const lane = await laneWith([{ mode: 'timeout_after_charge', times: 1 }]);
    const payment = payByCode(lane, WALLET.pays);
    expect((await finalOf(lane, payment.id)).status).toBe('paid');
    expect(await atSimulator(lane, payment.reference)).toMatchObject({ status: 'paid', chargeRequests: 1 });
    expect(
      lane.checkout.events.flatMap((e) =>
        e.type === 'payment.changed' && e.payment.id === payment.id ? [e.payment.status] : [],
      ),
    ).toEqual(['created', 'unknown', 'paid']);
  });

  it('code: the reversal’s answer lost too; asked again, the payment ends cancelled, never paid', async () => {
    const lane = await laneWith([]);
    const payment = payByCode(lane, WALLET.confirms);
    await waitFor(
      'the charge to wait for the phone',
      () => getPayment(lane.ctx.db, payment.id)!.status === 'pending',
    );
    await setFault(lane, { mode: 'timeout_after_charge', times: 1 });
    const cancelled = value(await lane.flow.handlers['payment.cancel']({ paymentId: payment.id }));
    expect(cancelled.status).toBe('unknown');
    expect((await finalOf(lane, payment.id)).status).toBe('cancelled');
    expect((await confirmOnPhone(lane.sim.url, payment.reference, 'approve')).status).toBe(409);
  });

  it('code, restart while the answer is held: the restarted kiosk finds it paid, one sale', async () => {
    // Once: were it to swallow the reversal's answer as well, nothing could be resolved until it ends.
    const lane = await laneWith([{ mode: 'timeout_after_charge', times: 1 }]);
    const payment = payByCode(lane, WALLET.pays);
    await eventually('the charge to reach the simulator', () => atSimulator(lane, payment.reference));
    restart(lane); // the old process still waits for the answer
    expect((await finalOf(lane, payment.id)).status).toBe('paid');
    await sleep(TIMEOUT_MS); // the old process's charge times out; it must write nothing
  });
});

describe('duplicate notifications (the same change delivered twice)', () => {
  it('QR: paid is delivered twice; one sale and one receipt', async () => {
    const lane = await laneWith([{ mode: 'duplicate_notify', ms: 50 }]);
    const payment = await payByQr(lane);
    await press(payment.qrPayload!, 'approve');
    expect((await finalOf(lane, payment.id)).status).toBe('paid');
    // The repeat is there for whoever asks next: a second kiosk process asking after its restart.
    await sleep(100);
    const provider = createSimulatorProvider({ baseUrl: lane.sim.url });
    expect(await provider.waitForChange(payment.reference, 'paid', new AbortController().signal)).toBe(
      'paid',
    );
    expect(await atSimulator(lane, payment.reference)).toMatchObject({ deliveries: 2 });
  });

  it('code, restart with the change in flight: old and new watcher both hear it; one sale, one receipt', async () => {
    const lane = await laneWith([{ mode: 'duplicate_notify', ms: 50 }]);
    const payment = payByCode(lane, WALLET.confirms);
    await waitFor(
      'the charge to wait for the phone',
      () => getPayment(lane.ctx.db, payment.id)!.status === 'pending',
    );
    // A second process on the same file starts watching before the first one is gone.
    const second = openDatabase(lane.checkout.temp.path);
    const secondFlow = flowFor(createCheckoutContext(second, lane.ctx.settings, lane.ctx.events), lane.sim);
    secondFlow.recover();
    await sleep(100);
    await confirmOnPhone(lane.sim.url, payment.reference, 'approve');
    expect((await finalOf(lane, payment.id)).status).toBe('paid');
    await sleep(200);
    secondFlow.close();
    second.close();
    expect((await atSimulator(lane, payment.reference))!.deliveries).toBeGreaterThanOrEqual(2);
  });
});

/**
 * A late notification is held LATE_MS; each test waits up to FINAL_MS for the final status, so on a
 * loaded machine it is never a race between the two. (Known: run after the other tests of this file,
 * the kiosk's own step at expiry sometimes does not settle a late-notified QR payment, and the late
 * notification does; found when these tests were made strict, not yet explained. See the closing note.)
 */
const LATE_MS = 30_000;
const FINAL_MS = 10_000;

describe('late notifications (the change arrives after the kiosk gave up)', () => {
  it('QR: approved, the news late past expiry; the kiosk’s cancel at expiry learns it was paid', async () => {
    const lane = await laneWith([{ mode: 'late_notify', ms: LATE_MS }], { paymentTimeoutSeconds: 2 });
    const payment = await payByQr(lane);
    await press(payment.qrPayload!, 'approve');
    const final = await finalOf(lane, payment.id, FINAL_MS);
    expect(final.status).toBe('paid');
  });

  it('code: confirmed on the phone, the news late past expiry; the reversal at expiry finds it paid', async () => {
    const lane = await laneWith([{ mode: 'late_notify', ms: LATE_MS }], { paymentTimeoutSeconds: 2 });
    const payment = payByCode(lane, WALLET.confirms);
    await waitFor(
      'the charge to wait for the phone',
      () => getPayment(lane.ctx.db, payment.id)!.status === 'pending',
    );
    await confirmOnPhone(lane.sim.url, payment.reference, 'approve');
    expect((await finalOf(lane, payment.id, FINAL_MS)).status).toBe('paid');
  });

  it('QR, restart after the approval: the recovered kiosk is paid once, before the late news comes', async () => {
    const lane = await laneWith([{ mode: 'late_notify', ms: LATE_MS }], { paymentTimeoutSeconds: 2 });
    const payment = await payByQr(lane);
    await press(payment.qrPayload!, 'approve');
    restart(lane);
    expect((await finalOf(lane, payment.id, FINAL_MS)).status).toBe('paid');
  });
});

describe('decline', () => {
  it('code: a code that would pay is declined by the bank; the next code, fault off, pays', async () => {
    // Limited to this basket's amount, as a demo would aim it at one payment.
    const lane = await laneWith([{ mode: 'decline', times: 1, amount: TOTAL }]);
    const payment = payByCode(lane, WALLET.pays);
    expect(await finalOf(lane, payment.id)).toMatchObject({
      status: 'declined',
      failureReason: 'declined by the bank',
    });
    const next = payByCode(lane, WALLET.pays);
    expect((await finalOf(lane, next.id)).status).toBe('paid');
  });

  it('QR, restart while declined: the recovered kiosk says declined, with the bank’s reason', async () => {
    const lane = await laneWith([{ mode: 'decline' }]);
    const payment = await payByQr(lane);
    lane.flow.close();
    await press(payment.qrPayload!, 'approve');
    restart(lane);
    expect(await finalOf(lane, payment.id)).toMatchObject({
      status: 'declined',
      failureReason: 'declined by the bank',
    });
  });
});

describe('a long-poll cut off while the payment is still pending', () => {
  it('QR: the kiosk asks at once and shows the code again, not "checking" for a whole poll window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openlane-sim-'));
    const stateFile = join(dir, 'simulator.json');
    const sim = await startSimulator(0, { stateFile });
    const port = Number(new URL(sim.url).port);
    const checkout = openCheckout();
    for (const item of [PRODUCTS.milk, PRODUCTS.bread, PRODUCTS.gum])
      value(await checkout.basket['basket.addScan']({ code: item.barcode, source: 'keypad' }));
    const lane: Lane = { checkout, ctx: checkout.ctx, flow: flowFor(checkout.ctx, sim), sim };
    lanes.push(lane);
    const payment = await payByQr(lane);
    await sleep(100); // the watcher's long-poll is open
    // The simulator restarts: the long-poll's connection is cut, the payment is still pending there.
    await sim.close();
    lane.sim = await startSimulator(port, { stateFile });
    simulators.push(lane.sim);
    await waitFor(
      'the cut long-poll to be noticed',
      () => getPayment(lane.ctx.db, payment.id)!.status === 'unknown',
    );
    // The provider says pending: so must the screen, with its QR and its Cancel, at once.
    await waitFor(
      'the payment to be pending again',
      () => getPayment(lane.ctx.db, payment.id)!.status === 'pending',
    );
    await press(payment.qrPayload!, 'approve');
    expect((await finalOf(lane, payment.id)).status).toBe('paid');
    rmSync(dir, { recursive: true, force: true });
  });
});
