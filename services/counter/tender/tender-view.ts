// What the counter's tender screen shows of the current sale: read from the store each time, so a
// restarted terminal shows exactly the tenders it had.
import { quickCashKeys, roundCash } from '../../../core/cash';
import { basketTenders, tenderingOf, type BasketTender } from '../../../db/basket-tenders';
import { currentBasket, type BasketRecord } from '../../../db/baskets';
import { activePayment, getPayment } from '../../../db/payments';
import { saleForBasket } from '../../../db/sales';
import type { TenderLineView, TenderView } from '../../api/contract';
import type { CheckoutContext } from '../../checkout/context';
import { basketView, paymentView, receiptView } from '../../checkout/views';

/** The tenders standing towards the sale: what they pay, and the rounding cash added. */
export function standingTotals(tenders: readonly BasketTender[]): { paid: number; rounding: number } {
  const standing = tenders.filter((t) => t.state === 'taken' || t.state === 'reversing');
  return {
    paid: standing.reduce((sum, t) => sum + t.amount - t.rounding, 0),
    rounding: standing.reduce((sum, t) => sum + t.rounding, 0),
  };
}

/** The basket's total to tender: fixed once tendering began, else the basket's total now. */
export function totalToTender(ctx: CheckoutContext, basket: BasketRecord): number {
  return tenderingOf(ctx.db, basket.id)?.total ?? basketView(ctx.db, basket, ctx.settings).totals.total;
}

/** What is still due on the basket, to the minor unit (pending code tenders count as paying). */
export function amountStillDue(ctx: CheckoutContext, basket: BasketRecord): number {
  const tenders = basketTenders(ctx.db, basket.id);
  const pending = tenders.filter((t) => t.state === 'pending').reduce((sum, t) => sum + t.amount, 0);
  return Math.max(0, totalToTender(ctx, basket) - standingTotals(tenders).paid - pending);
}

/** The tender screen's view of the current sale (an empty one with no basket). */
export function tenderView(ctx: CheckoutContext): TenderView {
  const basket = currentBasket(ctx.db);
  const currency = basket?.currency ?? ctx.settings.currency;
  if (!basket) return emptyView(currency);
  const tenders = basketTenders(ctx.db, basket.id);
  const total = totalToTender(ctx, basket);
  const sale = saleForBasket(ctx.db, basket.id);
  // What the shopper still owes: a QR or wallet payment on its way has not paid yet (the screen says
  // it is waiting); new tenders are bounded by amountStillDue, which counts it.
  const due = sale ? 0 : Math.max(0, total - standingTotals(tenders).paid);
  const cashDue = due > 0 ? roundedDue(ctx, due) : 0;
  const keys = cashDue > 0 ? quickCashKeys(currency, cashDue) : null;
  const live = activePayment(ctx.db, basket.id);
  const receipt = sale ? receiptView(sale.receiptJson) : null;
  return {
    basketId: basket.id,
    currency,
    total,
    due,
    cashDue,
    rounding: standingTotals(tenders).rounding,
    quickCash: keys?.ok ? keys.value : [],
    tenders: tenders.map((t) => lineView(ctx, t)),
    payment: live && tenders.some((t) => t.paymentId === live.id) ? paymentView(live) : null,
    change: changeOf(tenders),
    receipt,
  };
}

/** `due` as cash settles it: rounded to the store's increment (never to nothing: then to the unit). */
export function roundedDue(ctx: CheckoutContext, due: number): number {
  const rounded = roundCash(due, ctx.settings.counter.cashRoundingIncrement);
  return rounded.ok && rounded.value.rounded > 0 ? rounded.value.rounded : due;
}

function changeOf(tenders: readonly BasketTender[]): number {
  return tenders
    .filter((t) => t.kind === 'cash' && t.state === 'taken')
    .reduce((sum, t) => sum + (t.tendered ?? t.amount) - t.amount, 0);
}

function lineView(ctx: CheckoutContext, tender: BasketTender): TenderLineView {
  const payment = tender.paymentId ? getPayment(ctx.db, tender.paymentId) : null;
  return {
    position: tender.position,
    kind: tender.kind,
    amount: tender.amount,
    tendered: tender.tendered ?? null,
    rounding: tender.rounding,
    state: tender.state,
    maskedCode: payment?.maskedCode ?? null,
    failureReason: tender.failureReason,
  };
}

function emptyView(currency: string): TenderView {
  return {
    basketId: null,
    currency,
    total: 0,
    due: 0,
    cashDue: 0,
    rounding: 0,
    quickCash: [],
    tenders: [],
    payment: null,
    change: 0,
    receipt: null,
  };
}
