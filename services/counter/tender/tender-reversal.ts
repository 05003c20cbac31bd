// Taking a tender back before the sale completes: cash is handed back (reversed at once); a code
// payment still in flight is cancelled at the provider (the supervisor's cancel); a paid one is
// refunded through the provider's refunds — the reversal stored first, under our own refund
// reference, so a restart asks again with the same reference and nothing is refunded twice.
import {
  finishCodeReversal,
  requireTender,
  reversalsToFinish,
  reverseCashTender,
  startCodeReversal,
  type BasketTender,
} from '../../../db/basket-tenders';
import { currentBasket } from '../../../db/baskets';
import { getPayment, newPaymentReference } from '../../../db/payments';
import { saleForBasket } from '../../../db/sales';
import type { ApiResult, TenderView } from '../../api/contract';
import type { CheckoutContext, OnDuty } from '../../checkout/context';
import type { PaymentSupervisor } from '../../checkout/payment-supervisor';
import { fail, ok, refusal } from '../../checkout/result';
import {
  ProviderNotFoundError,
  ProviderRefusedError,
  ProviderUnavailableError,
  type PaymentProvider,
  type ProviderRefundState,
} from '../../payments/provider';
import { announceTenders } from './tender-sale';
import { tenderView } from './tender-view';

/** How long between two questions to the provider about a refund it has not finished. */
const REFUND_RETRY_MS = 1000;
const REASON = 'Taken back at the counter before the sale completed';

export interface TenderReversals {
  takeBack(position: number, staff: OnDuty): Promise<ApiResult<TenderView>>;
  recover(): void;
  close(): void;
}

export function createTenderReversals(
  ctx: CheckoutContext,
  supervisor: PaymentSupervisor,
  provider: PaymentProvider,
): TenderReversals {
  let closed = false;
  const following = new Set<string>();

  /** Asks the provider once; a final answer is written. Returns the tender as it then stands. */
  const askOnce = async (tender: BasketTender): Promise<BasketTender> => {
    const state = await askRefund(ctx, provider, tender);
    if (closed || !state || state.status === 'pending') return tender;
    const outcome =
      state.status === 'paid'
        ? { refunded: true as const, refundRef: state.refundRef }
        : { refunded: false as const, reason: state.reason ?? 'The provider refused the refund' };
    const after = finishCodeReversal(ctx.db, tender.basketId, tender.position, outcome);
    announceTenders(ctx, null);
    return after;
  };

  /** Asks again in the background until the refund is final (or the terminal closes). */
  const follow = async (tender: BasketTender): Promise<void> => {
    const key = `${tender.basketId}/${tender.position}`;
    if (following.has(key)) return;
    following.add(key);
    try {
      while (!closed && (await askOnce(tender)).state === 'reversing')
        await new Promise((resolve) => setTimeout(resolve, REFUND_RETRY_MS));
    } finally {
      following.delete(key);
    }
  };

  const takeBack = async (position: number, staff: OnDuty): Promise<ApiResult<TenderView>> => {
    const basket = currentBasket(ctx.db);
    if (!basket) return fail('tender_not_found', 'There is no sale in progress');
    if (saleForBasket(ctx.db, basket.id))
      return fail('sale_completed', 'The sale is complete: its tenders can no longer be taken back');
    let tender: BasketTender;
    try {
      tender = requireTender(ctx.db, basket.id, position);
      if (tender.kind === 'cash') {
        reverseCashTender(ctx.db, basket.id, position, staff.id);
        announceTenders(ctx, null);
        return ok(tenderView(ctx));
      }
    } catch (error) {
      return refusal(error);
    }
    if (tender.state === 'pending') {
      await supervisor.cancel(tender.paymentId!, REASON);
      return ok(tenderView(ctx));
    }
    if (tender.state !== 'taken')
      return fail('tender_not_reversible', `Tender ${position} is ${tender.state}: nothing to take back`);
    if (!provider.refunds)
      return fail(
        'reversal_unavailable',
        'This payment provider cannot refund: the payment stays on the sale. Take only the rest.',
      );
    try {
      tender = startCodeReversal(ctx.db, basket.id, position, newPaymentReference(), staff.id);
    } catch (error) {
      return refusal(error);
    }
    announceTenders(ctx, null);
    const after = await askOnce(tender);
    // No final answer yet (the provider is slow or unreachable): asked again until it has one.
    if (after.state === 'reversing') void follow(after).catch(logged);
    if (after.state === 'taken')
      return fail(
        'reversal_refused',
        `The provider did not refund it: ${after.failureReason ?? 'no reason given'}`,
      );
    return ok(tenderView(ctx));
  };

  return {
    takeBack,
    recover: () => {
      for (const tender of reversalsToFinish(ctx.db)) void follow(tender).catch(logged);
    },
    close: () => {
      closed = true;
    },
  };
}

/**
 * The provider's word on a reversal: `refund` again under the same reference (it never refunds twice,
 * and answers how the first one stands), or null when nobody answered.
 */
async function askRefund(
  ctx: CheckoutContext,
  provider: PaymentProvider,
  tender: BasketTender,
): Promise<ProviderRefundState | null> {
  const payment = getPayment(ctx.db, tender.paymentId!)!;
  try {
    return await provider.refunds!.refund({
      reference: tender.refundReference!,
      paymentProviderRef: payment.providerRef ?? payment.reference,
      paymentReference: payment.reference,
      amount: tender.amount,
      paymentAmount: payment.amount,
      currency: payment.currency,
      reason: REASON,
    });
  } catch (error) {
    // The provider's no is an answer: the payment stands, the cashier is told why.
    if (error instanceof ProviderRefusedError || error instanceof ProviderNotFoundError)
      return { refundRef: null, status: 'declined', reason: error.reason };
    if (!(error instanceof ProviderUnavailableError)) logged(error);
    return null;
  }
}

function logged(error: unknown): void {
  console.error('tender reversal:', error);
}
