// Paying with the code the shopper's wallet shows (customer-presented), as WeChat Pay's Micropay
// does it: a wallet code scanned with items in the basket stores the payment first, then charges the
// code once under our reference. The answer is paid (the sale), declined (the basket opens again,
// with the reason), pending (the shopper confirms on the phone; the supervisor waits), or no
// answer at all (unknown; the supervisor asks by our reference, and reverses what is not final).
//
// A QR payment on screen gives way to the code: it is cancelled through the provider first, and if
// the provider says the shopper had paid it already, that sale stands and the code charges nothing.
//
// The whole code is a bearer secret. It lives in memory for the one charge call and is never stored,
// logged, shown or sent anywhere but to the provider; everything else sees its mask.
import { currentBasket, getBasket, type BasketRecord } from '../../db/baskets';
import { activePayment, isInFlight, type PaymentRecord } from '../../db/payments';
import type { ApiResult, BasketView } from '../api/contract';
import { emitBasket, refuseWalletCode } from './basket-handlers';
import { storeBasketPayment } from './basket-payment';
import type { CheckoutContext, PayByCode, WalletCode } from './context';
import type { PaymentSupervisor } from './payment-supervisor';
import { fail, ok, refusal } from './result';
import { basketView } from './views';

export interface CodePayments {
  /** Pays the current basket with a scanned wallet code. */
  payByCode: PayByCode;
}

const IN_PROGRESS = 'A payment is in progress; wait for it or cancel it first';

export function createCodePayments(
  ctx: CheckoutContext,
  supervisor: PaymentSupervisor,
  providerName: string,
): CodePayments {
  const desk: CodeDesk = { ctx, supervisor, providerName, switching: new Set() };
  return { payByCode: (wallet) => payByCode(desk, wallet) };
}

/** What paying by code works with, given when it is built. */
interface CodeDesk {
  ctx: CheckoutContext;
  supervisor: PaymentSupervisor;
  providerName: string;
  /** Baskets whose QR payment is being cancelled to make way for a code: one switch at a time. */
  switching: Set<string>;
}

function payByCode(desk: CodeDesk, wallet: WalletCode): ReturnType<PayByCode> {
  const { db } = desk.ctx;
  const basket = currentBasket(db);
  if (basket?.status === 'paying') {
    const live = activePayment(db, basket.id);
    if (live?.method !== 'merchant_presented' || desk.switching.has(basket.id))
      return { result: fail('payment_in_progress', IN_PROGRESS) };
    // The shopper chose to show their code instead of scanning ours.
    return { result: ok(viewOf(desk.ctx, basket.id)), settled: replaceQr(desk, basket, live, wallet) };
  }
  if (basket?.status !== 'open') return { result: refuseWalletCode(wallet) };
  return startCharge(desk, basket, wallet);
}

/** A basket with something to pay: store the payment (the basket pays), then charge the code. */
function startCharge(desk: CodeDesk, basket: BasketRecord, wallet: WalletCode): ReturnType<PayByCode> {
  const { ctx, supervisor } = desk;
  let payment: PaymentRecord | null;
  try {
    payment = storeBasketPayment(ctx, basket, desk.providerName, {
      method: 'customer_presented',
      maskedCode: wallet.masked,
      wallet: wallet.wallet,
    });
  } catch (error) {
    return { result: refusal(error) };
  }
  if (!payment) return { result: refuseWalletCode(wallet) };
  const view = emitBasket(ctx, basket.id);
  supervisor.announce(payment);
  // The one charge call; afterwards the code is gone and only the supervisor acts. A flow closed
  // meanwhile may have a closed store: the view from before the charge is all it says.
  const settled = supervisor
    .startCharge(payment, wallet.code)
    .then(() => ok(supervisor.isClosed() ? view : viewOf(ctx, basket.id)));
  return { result: ok(view), settled };
}

/** Cancels the QR payment on screen, then charges the code, unless the QR was paid first. */
async function replaceQr(
  desk: CodeDesk,
  basket: BasketRecord,
  live: PaymentRecord,
  wallet: WalletCode,
): Promise<ApiResult<BasketView>> {
  desk.switching.add(basket.id);
  try {
    const after = await desk.supervisor.cancel(live.id, 'Replaced by the shopper’s payment code');
    // Paid already: that sale stands and the code charges nothing.
    if (after?.status === 'paid') return ok(viewOf(desk.ctx, basket.id));
    if (!after || isInFlight(after.status)) {
      return fail(
        'payment_in_progress',
        'The payment code on screen could not be cancelled yet, so the wallet code was not charged',
      );
    }
    const open = currentBasket(desk.ctx.db);
    if (open?.id !== basket.id || open.status !== 'open') return fail('payment_in_progress', IN_PROGRESS);
    const started = startCharge(desk, open, wallet);
    return started.settled ?? started.result;
  } finally {
    desk.switching.delete(basket.id);
  }
}

function viewOf(ctx: CheckoutContext, basketId: string): BasketView {
  return basketView(ctx.db, currentBasket(ctx.db) ?? getBasket(ctx.db, basketId)!, ctx.settings);
}
