// The counter's tenders, as TerminalApi handlers: cash handed over (with change and the store's cash
// rounding when it settles the rest), the merchant QR or the shopper's wallet code for what is still
// due, and a tender taken back before the sale completes. Each is stored before anything else happens
// (db/basket-tenders.ts), so a restart finds it; the payment supervisor follows every code tender.
import { settleCash } from '../../../core/cash';
import { basketTenders, takeCashTender, takeCodeTender } from '../../../db/basket-tenders';
import { currentBasket, type BasketRecord } from '../../../db/baskets';
import type { PaymentRecord } from '../../../db/payments';
import type { ApiResult, BasketView, TenderView, TerminalApi } from '../../api/contract';
import { requireNoAgeHold } from '../../checkout/age-hold';
import { requireNoRecalledLine } from '../../checkout/basket-recalls';
import { refuseWalletCode } from '../../checkout/basket-handlers';
import type { CheckoutContext, OnDuty, PayByCode, WalletCode } from '../../checkout/context';
import type { PaymentSupervisor } from '../../checkout/payment-supervisor';
import { fail, ok, refusal } from '../../checkout/result';
import { basketView } from '../../checkout/views';
import type { PaymentProvider } from '../../payments/provider';
import { createTenderReversals, type TenderReversals } from './tender-reversal';
import { announceTenders, completeIfCovered } from './tender-sale';
import { amountStillDue, tenderView, totalToTender } from './tender-view';

type TenderHandlers = Pick<TerminalApi, 'tender.state' | 'tender.cash' | 'tender.qr' | 'tender.remove'>;

export interface TenderFlow {
  handlers: TenderHandlers;
  /** A wallet code scanned at the counter tenders the amount still due. */
  payByCode: PayByCode;
  /** Finishes the reversals a restart left with the provider. */
  recover(): void;
  /** Stops asking the provider (a reversal left unfinished is finished on the next start). */
  close(): void;
}

/** What the tender handlers work with, given when they are built. */
interface Desk {
  ctx: CheckoutContext;
  supervisor: PaymentSupervisor;
  providerName: string;
  reversals: TenderReversals;
}

export function createTenderFlow(
  ctx: CheckoutContext,
  supervisor: PaymentSupervisor,
  provider: PaymentProvider,
): TenderFlow {
  const reversals = createTenderReversals(ctx, supervisor, provider);
  const desk: Desk = { ctx, supervisor, providerName: provider.name, reversals };
  // A code tender's payment moving (paid, declined, expired) moves the tender screen with it.
  ctx.events.subscribe((event) => {
    if (event.type === 'payment.changed' && isTenderPayment(ctx, event.payment.basketId))
      ctx.events.emit({ type: 'tender.changed', tender: tenderView(ctx) });
  });
  return {
    handlers: {
      'tender.state': async () => ok(tenderView(ctx)),
      'tender.cash': async ({ handed }) => takeCash(desk, handed),
      'tender.qr': async () => startQr(desk),
      'tender.remove': async ({ position }) => {
        const staff = onDuty(ctx);
        if (!staff.ok) return staff;
        return reversals.takeBack(position, staff.value);
      },
    },
    payByCode: (wallet) => payByCode(desk, wallet),
    recover: () => reversals.recover(),
    close: () => reversals.close(),
  };
}

/** The current basket when something is due on it and a cashier is signed in; else why not. */
function dueBasket(ctx: CheckoutContext): ApiResult<{ basket: BasketRecord; due: number; staff: OnDuty }> {
  const staff = onDuty(ctx);
  if (!staff.ok) return staff;
  const basket = currentBasket(ctx.db);
  if (!basket || (basket.status !== 'open' && basket.status !== 'paying') || totalToTender(ctx, basket) <= 0)
    return fail('nothing_due', 'There is nothing to pay: scan the items first');
  const due = amountStillDue(ctx, basket);
  if (due <= 0 && basketTenders(ctx.db, basket.id).some((t) => t.state === 'pending'))
    return fail(
      'payment_in_progress',
      'A QR or wallet payment is in progress: wait for it, or take it back first',
    );
  if (due <= 0) return fail('nothing_due', 'Nothing is left to pay');
  try {
    // An age-restricted item not yet checked holds every way of paying.
    if (basket.status === 'open') requireNoAgeHold(ctx.db, ctx.settings, basket.id);
    // A recall that reached a line since it was scanned: the cashier voids it first.
    if (basket.status === 'open') requireNoRecalledLine(ctx, basket.id);
  } catch (error) {
    return refusal(error);
  }
  return ok({ basket, due, staff: staff.value });
}

/** Cash handed over: part of what is due, or all of it (rounded; the rest is change). */
function takeCash(desk: Desk, handed: number): ApiResult<TenderView> {
  const { ctx } = desk;
  const found = dueBasket(ctx);
  if (!found.ok) return found;
  const { basket, due, staff } = found.value;
  const increment = ctx.settings.counter.cashRoundingIncrement;
  const settled = settleCash(due, handed, increment, false);
  // Between the exact and the rounded amount (7.34 handed for 7.34 → 7.35): cash pays to the minor
  // unit, without rounding — never a sale left short.
  const exact = !settled.ok && settled.error.code === 'cash_short';
  if (!settled.ok && !exact) return settled;
  const amount = exact ? Math.min(due, handed) : settled.ok ? settled.value.tender?.amount : undefined;
  if (amount === undefined)
    return fail('invalid_cash', `What is due (${due}) rounds to nothing in cash; take it by QR instead`);
  const rounding = settled.ok ? settled.value.adjustment : 0;
  try {
    const sale = ctx.db.transaction(() => {
      takeCashTender(ctx.db, {
        basketId: basket.id,
        total: totalToTender(ctx, basket),
        currency: basket.currency,
        amount,
        tendered: handed,
        rounding,
        staffId: staff.id,
      });
      return completeIfCovered(ctx, basket.id, staff.id);
    })();
    ctx.drawer.open('cash_tender');
    announceTenders(ctx, sale);
  } catch (error) {
    return refusal(error);
  }
  return ok(tenderView(ctx));
}

/** The merchant QR for what is still due: stored, then registered at the provider, then followed. */
async function startQr(desk: Desk): Promise<ApiResult<TenderView>> {
  const stored = storeCodeTender(desk, {});
  if (!stored.ok) return stored;
  announceTenders(desk.ctx, null);
  await desk.supervisor.startQr(stored.value);
  return ok(tenderView(desk.ctx));
}

/**
 * A wallet code scanned at the counter: it pays what is still due. A merchant QR waiting for the
 * customer gives way to it: cancelled at the provider first, and if it was paid meanwhile, that stands.
 */
function payByCode(desk: Desk, wallet: WalletCode): ReturnType<PayByCode> {
  const { ctx } = desk;
  const basket = currentBasket(ctx.db);
  if (!basket || totalToTender(ctx, basket) <= 0) return { result: refuseWalletCode(wallet) };
  const waitingQr = basketTenders(ctx.db, basket.id).find(
    (t) => t.state === 'pending' && t.kind === 'merchant_qr',
  );
  if (!waitingQr) return chargeCode(desk, basket, wallet);
  const view = () => basketView(ctx.db, currentBasket(ctx.db) ?? basket, ctx.settings);
  const settled = (async (): Promise<ApiResult<BasketView>> => {
    const after = await desk.supervisor.cancel(
      waitingQr.paymentId!,
      'Replaced by the customer’s payment code',
    );
    if (after?.status === 'paid') return ok(view());
    if (!after || (after.status !== 'cancelled' && after.status !== 'declined'))
      return fail(
        'payment_in_progress',
        'The QR on screen could not be cancelled yet, so the code was not charged',
      );
    const started = chargeCode(desk, basket, wallet);
    return started.settled ?? started.result;
  })();
  return { result: ok(view()), settled };
}

/** Stores the wallet code's tender for what is due, then charges the code once under our reference. */
function chargeCode(desk: Desk, basket: BasketRecord, wallet: WalletCode): ReturnType<PayByCode> {
  const { ctx } = desk;
  const stored = storeCodeTender(desk, {
    method: 'customer_presented',
    maskedCode: wallet.masked,
    wallet: wallet.wallet,
  });
  if (!stored.ok) return { result: stored };
  const payment = stored.value;
  const view = () => basketView(ctx.db, currentBasket(ctx.db) ?? basket, ctx.settings);
  desk.supervisor.announce(payment);
  announceTenders(ctx, null);
  const before = view();
  // The one charge call; afterwards the code is gone. A flow closed meanwhile may have a closed store.
  const settled = desk.supervisor
    .startCharge(payment, wallet.code)
    .then(() => ok(desk.supervisor.isClosed() ? before : view()));
  return { result: ok(before), settled };
}

function storeCodeTender(
  desk: Desk,
  how: { method?: 'customer_presented'; maskedCode?: string; wallet?: string },
): ApiResult<PaymentRecord> {
  const { ctx } = desk;
  const found = dueBasket(ctx);
  if (!found.ok) return found;
  const { basket, due, staff } = found.value;
  const inFlight = basketTenders(ctx.db, basket.id).some((t) => t.state === 'pending');
  if (inFlight)
    return fail(
      'payment_in_progress',
      'A QR or wallet payment is in progress: wait for it, or take it back first',
    );
  try {
    const { payment } = takeCodeTender(ctx.db, {
      basketId: basket.id,
      total: totalToTender(ctx, basket),
      currency: basket.currency,
      staffId: staff.id,
      payment: {
        provider: desk.providerName,
        amount: due,
        expiresAt: new Date(Date.now() + ctx.settings.paymentTimeoutSeconds * 1000),
        ...how,
      },
    });
    return ok(payment);
  } catch (error) {
    return refusal(error);
  }
}

/** Who is signed in at the counter, or `not_signed_in`. */
export function onDuty(ctx: CheckoutContext): ApiResult<OnDuty> {
  if (ctx.settings.role !== 'counter') return fail('not_counter', 'Tenders are taken at a counter only');
  const staff = ctx.duty.current;
  return staff
    ? ok(staff)
    : fail('not_signed_in', 'Sign in first: every tender names the cashier who took it');
}

function isTenderPayment(ctx: CheckoutContext, basketId: string): boolean {
  return basketTenders(ctx.db, basketId).some((t) => t.paymentId !== undefined);
}
