// The counter's tenders on real parts: a real SQLite file, the real payment simulator over HTTP (its
// pay page approving the QR, its wallet codes), and a restart in the middle of a split tender.
import { describe, expect, it } from 'vitest';
import { basketTenders } from '../../../db/basket-tenders';
import { currentBasket } from '../../../db/baskets';
import { journalEntries } from '../../../db/journal';
import { getPayment } from '../../../db/payments';
import { openShift } from '../../../db/shifts';
import { saleTenders } from '../../../db/tenders';
import {
  PRODUCTS,
  WALLET,
  chargeCounts,
  press,
  simulatorRecord,
  value,
  waitFor,
} from '../../../test/helpers/checkout';
import { CASHIER, openTenderLane, useTenderLanes, type TenderLane } from '../../../test/helpers/tender-lane';
import { counterPriceHandlers } from '../../counter-price/price-handlers';
import type { PaymentProvider } from '../../payments/provider';
import { createSimulatorProvider } from '../../payments/simulator/provider';

const sim = useTenderLanes();
const { lanes } = sim;

/** A counter with milk (12.90) and 500 g of apples (5.01): 17.91 to pay, 17.90 in cash. */
async function counterWithSale(increment = 10, provider?: PaymentProvider): Promise<TenderLane> {
  const lane = openTenderLane(sim.url, increment, provider);
  lanes.push(lane);
  const { basket } = lane.checkout;
  value(await basket['basket.addScan']({ code: PRODUCTS.milk.barcode, source: 'keypad' }));
  value(
    await basket['basket.addScan']({ code: PRODUCTS.apples.barcode, source: 'keypad', weightGrams: 500 }),
  );
  return lane;
}

const api = (lane: TenderLane) => lane.tenders.handlers;

/**
 * A paid QR tender standing alone on the sale: 10.00 cash taken, the QR for the 7.91 left shown, the
 * cash handed back while the QR waits, then the QR paid on the simulator's pay page. Returns the basket.
 */
async function paidQrWithCashBack(lane: TenderLane): Promise<string> {
  value(await api(lane)['tender.cash']({ handed: 1000 }));
  const qr = value(await api(lane)['tender.qr']({}));
  value(await api(lane)['tender.remove']({ position: 1 }));
  expect((await press(qr.payment!.qrPayload!, 'approve')).ok).toBe(true);
  const basketId = currentBasket(lane.checkout.db)!.id;
  await waitFor('the QR tender paid', () => basketTenders(lane.checkout.db, basketId)[1]?.state === 'taken');
  return basketId;
}

const saleRow = (lane: TenderLane) =>
  lane.checkout.db.prepare('SELECT id, staff_id, cash_rounding, total FROM sales').get() as
    { id: string; staff_id: string; cash_rounding: number; total: number } | undefined;

describe('cash at the counter', () => {
  it('a cash sale with change: rounded to 0.10, the rounding its own line, the drawer kicked', async () => {
    const lane = await counterWithSale();
    const before = value(await api(lane)['tender.state']({}));
    expect(before).toMatchObject({ total: 1791, due: 1791, cashDue: 1790, quickCash: [2000, 5000, 10000] });
    const after = value(await api(lane)['tender.cash']({ handed: 5000 }));
    expect(after).toMatchObject({ due: 0, rounding: -1, change: 3210 });
    expect(after.receipt).toMatchObject({ cashRounding: -1, change: 3210 });
    expect(lane.drawer).toEqual(['cash_tender']);
    const sale = saleRow(lane)!;
    expect(sale).toMatchObject({ staff_id: CASHIER.id, cash_rounding: -1, total: 1791 });
    expect(saleTenders(lane.checkout.db, sale.id)).toMatchObject([
      { kind: 'cash', amount: 1790, tendered: 5000 },
    ]);
    const entry = journalEntries(lane.checkout.db).find((e) => e.kind === 'sale');
    expect(entry?.data).toMatchObject({ cashRounding: -1, staffId: CASHIER.id, tenders: [{ kind: 'cash' }] });
    expect(lane.checkout.events.some((e) => e.type === 'sale.completed')).toBe(true);
  });

  it('a sale discounted at the counter is tendered, sold and printed at its discounted total', async () => {
    const lane = await counterWithSale();
    const price = counterPriceHandlers(lane.checkout.ctx, () => {
      throw new Error('not asked for in this test');
    });
    // 10 % off the whole sale, within the cashier's own limit: 17.91 − 1.79 = 16.12.
    const discounted = value(
      await price['basket.discountSale']({ kind: 'percent', value: 10, reason: 'loyal customer' }),
    );
    expect(discounted.totals.total).toBe(1612);
    const after = value(await api(lane)['tender.cash']({ handed: 2000 }));
    expect(after).toMatchObject({ total: 1612, due: 0, rounding: -2, change: 390 });
    expect(after.receipt?.totals.total).toBe(1612);
    const sale = saleRow(lane)!;
    expect(sale).toMatchObject({ total: 1612, cash_rounding: -2 });
    expect(saleTenders(lane.checkout.db, sale.id)).toMatchObject([
      { kind: 'cash', amount: 1610, tendered: 2000 },
    ]);
  });

  it('a sale taken in an open shift names it', async () => {
    const lane = await counterWithSale();
    const { db, ctx } = lane.checkout;
    const shift = openShift(db, {
      terminalId: ctx.settings.terminalId,
      currency: 'CNY',
      staffId: CASHIER.id,
      floatCounts: {},
    });
    value(await api(lane)['tender.cash']({ handed: 2000 }));
    expect(db.prepare('SELECT shift_id FROM sales').pluck().get()).toBe(shift.id);
  });

  it('cash short of what is due is a part payment: no rounding, the rest still due', async () => {
    const lane = await counterWithSale();
    const view = value(await api(lane)['tender.cash']({ handed: 1000 }));
    expect(view).toMatchObject({ due: 791, cashDue: 790, rounding: 0, receipt: null });
    expect(view.tenders).toMatchObject([{ kind: 'cash', amount: 1000, tendered: 1000, state: 'taken' }]);
    // The basket carries them too, for the customer display.
    const told = lane.checkout.events.filter((e) => e.type === 'basket.changed').at(-1);
    expect(told?.type === 'basket.changed' && told.basket).toMatchObject({
      tenders: [{ kind: 'cash', amount: 1000, tendered: 1000, status: 'taken' }],
      cashRounding: 0,
    });
    // 7.91 handed for the 7.90 cash settles: rounded, one fen back.
    const settled = value(await api(lane)['tender.cash']({ handed: 791 }));
    expect(settled).toMatchObject({ due: 0, rounding: -1, change: 1 });
    expect(saleRow(lane)?.cash_rounding).toBe(-1);
  });

  it('cash between the exact and the rounded-up amount pays to the fen, never leaving the sale short', async () => {
    const lane = await counterWithSale();
    value(await api(lane)['tender.cash']({ handed: 996 }));
    expect(value(await api(lane)['tender.state']({}))).toMatchObject({ due: 795, cashDue: 800 });
    const settled = value(await api(lane)['tender.cash']({ handed: 795 }));
    expect(settled).toMatchObject({ due: 0, rounding: 0, change: 0 });
    expect(saleRow(lane)?.cash_rounding).toBe(0);
  });

  it('refuses with nobody signed in, at a kiosk, and with nothing to pay — writing nothing', async () => {
    const lane = await counterWithSale();
    lane.checkout.ctx.duty.current = null;
    const refused = await api(lane)['tender.cash']({ handed: 5000 });
    expect(!refused.ok && refused.error.code).toBe('not_signed_in');
    expect(basketTenders(lane.checkout.db, currentBasket(lane.checkout.db)!.id)).toEqual([]);
    expect(lane.drawer).toEqual([]);
    const empty = openTenderLane(sim.url);
    lanes.push(empty);
    const nothing = await api(empty)['tender.qr']({});
    expect(!nothing.ok && nothing.error.code).toBe('nothing_due');
  });
});

describe('split tender with code payments', () => {
  it('cash, then the merchant QR for the rest, approved on the simulator’s pay page', async () => {
    const lane = await counterWithSale();
    value(await api(lane)['tender.cash']({ handed: 1000 }));
    const qr = value(await api(lane)['tender.qr']({}));
    expect(qr.payment).toMatchObject({ amount: 791, status: 'pending' });
    // Only one code tender in flight at a time.
    const second = await api(lane)['tender.qr']({});
    expect(!second.ok && second.error.code).toBe('payment_in_progress');
    expect((await press(qr.payment!.qrPayload!, 'approve')).ok).toBe(true);
    const sale = await waitFor('the sale', () => saleRow(lane), 10_000);
    expect(saleTenders(lane.checkout.db, sale.id).map((t) => [t.kind, t.amount])).toEqual([
      ['cash', 1000],
      ['merchant_qr', 791],
    ]);
    expect(value(await api(lane)['tender.state']({})).receipt?.payments).toHaveLength(2);
  });

  it('a declined wallet code leaves the cash standing; the next code pays the rest', async () => {
    const lane = await counterWithSale();
    value(await api(lane)['tender.cash']({ handed: 1000 }));
    const basketId = currentBasket(lane.checkout.db)!.id;
    await lane.checkout.basket['basket.addScan']({ code: WALLET.declines, source: 'serial' });
    expect(basketTenders(lane.checkout.db, basketId).map((t) => t.state)).toEqual(['taken', 'failed']);
    expect(currentBasket(lane.checkout.db)?.status).toBe('paying');
    expect(value(await api(lane)['tender.state']({})).due).toBe(791);
    value(await lane.checkout.basket['basket.addScan']({ code: WALLET.pays, source: 'serial' }));
    const sale = await waitFor('the sale', () => saleRow(lane), 10_000);
    expect(saleTenders(lane.checkout.db, sale.id).map((t) => [t.kind, t.amount])).toEqual([
      ['cash', 1000],
      ['wallet_code', 791],
    ]);
  });
});

describe('taking a tender back before the sale completes', () => {
  it('cash is handed back; a QR in flight is cancelled at the provider; the basket opens again', async () => {
    const lane = await counterWithSale();
    value(await api(lane)['tender.cash']({ handed: 1000 }));
    const qr = value(await api(lane)['tender.qr']({}));
    const reference = getPayment(lane.checkout.db, qr.payment!.id)!.reference;
    const cancelled = value(await api(lane)['tender.remove']({ position: 2 }));
    expect(cancelled.tenders.map((t) => t.state)).toEqual(['taken', 'failed']);
    expect((await simulatorRecord(sim.url, reference)).body.status).toBe('cancelled');
    const back = value(await api(lane)['tender.remove']({ position: 1 }));
    expect(back.tenders.map((t) => t.state)).toEqual(['reversed', 'failed']);
    expect(back.due).toBe(1791);
    expect(currentBasket(lane.checkout.db)?.status).toBe('open');
  });

  it('a paid QR taken back is refunded at the simulator, under one refund reference stored first', async () => {
    const lane = await counterWithSale();
    const basketId = await paidQrWithCashBack(lane);
    const back = value(await api(lane)['tender.remove']({ position: 2 }));
    expect(back.tenders.map((t) => t.state)).toEqual(['reversed', 'reversed']);
    expect(back.due).toBe(1791);
    const tender = basketTenders(lane.checkout.db, basketId)[1]!;
    expect(tender.refundReference).toMatch(/^OL/);
    const refund = await fetch(`${sim.url}/api/refunds/${tender.refundReference}`);
    expect(refund.status).toBe(200);
    expect(await refund.json()).toMatchObject({ status: 'paid', amount: 791 });
    expect(currentBasket(lane.checkout.db)?.status).toBe('open');
    const journalled = journalEntries(lane.checkout.db).filter((e) => e.kind === 'refund');
    expect(journalled.map((e) => e.data)).toMatchObject([{ action: 'tender_refunded', amount: 791 }]);
    // Asked again (a restart finishing it) under the same reference: still one refund.
    const again = await fetch(`${sim.url}/api/refunds/${tender.refundReference}`);
    expect(await again.json()).toMatchObject({ status: 'paid', amount: 791 });
  });

  it('a paid QR at a provider that cannot refund is refused in the cashier’s words; it stands', async () => {
    const { refunds: _none, ...noRefunds } = createSimulatorProvider({ baseUrl: sim.url, timeoutMs: 2000 });
    const lane = await counterWithSale(10, noRefunds);
    // The cash goes back while the QR is on screen; the shopper then pays the QR (7.91 of 17.91).
    await paidQrWithCashBack(lane);
    expect(value(await api(lane)['tender.state']({}))).toMatchObject({ due: 1000, receipt: null });
    const refused = await api(lane)['tender.remove']({ position: 2 });
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'reversal_unavailable',
      message: /cannot refund: the payment stays on the sale/,
    });
    expect(value(await api(lane)['tender.state']({})).tenders.map((t) => t.state)).toEqual([
      'reversed',
      'taken',
    ]);
    // The rest in cash completes the sale with the QR and the new cash.
    value(await api(lane)['tender.cash']({ handed: 1000 }));
    const sale = saleRow(lane)!;
    expect(saleTenders(lane.checkout.db, sale.id).map((t) => [t.kind, t.amount])).toEqual([
      ['merchant_qr', 791],
      ['cash', 1000],
    ]);
  });
});

describe('a restart in the middle of a split tender', () => {
  it('a refund whose answer was lost is asked again after the restart, under the same reference: once', async () => {
    const lane = await counterWithSale();
    const basketId = await paidQrWithCashBack(lane);
    // The simulator refunds, and the answer never comes back (once).
    const fault = { mode: 'timeout_after_charge', ms: 5000, times: 1, amount: 791 };
    await fetch(`${sim.url}/api/faults`, {
      method: 'POST',
      body: JSON.stringify(fault),
      headers: { 'content-type': 'application/json' },
    });
    const lost = value(await api(lane)['tender.remove']({ position: 2 }));
    expect(lost.tenders[1]?.state).toBe('reversing');
    const reference = basketTenders(lane.checkout.db, basketId)[1]!.refundReference!;
    lanes.splice(lanes.indexOf(lane), 1);
    const again = lane.restart();
    lanes.push(again);
    await waitFor(
      'the reversal finished',
      () => basketTenders(again.checkout.db, basketId)[1]?.state === 'reversed',
      10_000,
    );
    expect(basketTenders(again.checkout.db, basketId)[1]?.refundReference).toBe(reference);
    const refund = await fetch(`${sim.url}/api/refunds/${reference}`);
    expect(await refund.json()).toMatchObject({ status: 'paid', amount: 791 });
    const journalled = journalEntries(again.checkout.db).filter((e) => e.kind === 'refund');
    expect(journalled).toHaveLength(1);
    expect(currentBasket(again.checkout.db)?.status).toBe('open');
  });

  it('resumes with the same tenders; the QR paid after the restart completes the sale, charged once', async () => {
    const lane = await counterWithSale();
    value(await api(lane)['tender.cash']({ handed: 1000 }));
    const qr = value(await api(lane)['tender.qr']({}));
    const before = value(await api(lane)['tender.state']({}));
    lanes.splice(lanes.indexOf(lane), 1);
    const again = lane.restart();
    lanes.push(again);
    const resumed = value(await api(again)['tender.state']({}));
    expect(resumed.tenders).toEqual(before.tenders);
    expect(resumed.payment?.id).toBe(qr.payment!.id);
    // The restarted terminal fetched the QR again; the shopper pays it.
    const reference = getPayment(again.checkout.db, qr.payment!.id)!.reference;
    const { body } = await simulatorRecord(sim.url, reference);
    expect((await press(body.payUrl!, 'approve')).ok).toBe(true);
    const sale = await waitFor('the sale', () => saleRow(again), 10_000);
    expect(saleTenders(again.checkout.db, sale.id).map((t) => [t.kind, t.amount])).toEqual([
      ['cash', 1000],
      ['merchant_qr', 791],
    ]);
    expect(chargeCounts(again.checkout.db)).toMatchObject({
      salesPerBasket: [1],
      paidPaymentsPerBasket: [1],
    });
    expect(again.drawer).toEqual([]);
  });
});
