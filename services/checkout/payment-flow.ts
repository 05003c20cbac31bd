// The payment side of the TerminalApi, and the watcher that learns each payment's outcome from the provider.
//
// The payment row is stored before any network call; a provider we cannot reach makes the payment
// `unknown`, never `declined`; an unknown payment is resolved by asking again; a sale is written only
// when the provider says paid, in one transaction with the payment, the receipt and the outbox event.
import { buildReceipt } from '../../core/receipt';
import type { PaymentStatus } from '../../core/types';
import { basketLines, currentBasket } from '../../db/baskets';
import {
  activePayment,
  createPayment,
  getPayment,
  paymentsToRecover,
  updatePayment,
  type PaymentRecord,
} from '../../db/payments';
import { completeSale } from '../../db/sales';
import type { ApiResult, PaymentView, TerminalApi } from '../api/contract';
import { ProviderRefusedError, ProviderUnavailableError, type PaymentProvider } from '../payments/provider';
import { emitBasket } from './basket-handlers';
import type { CheckoutContext } from './context';
import { fail, ok, refusal } from './result';
import { basketView, paymentView, receiptView } from './views';

type PaymentHandlers = Pick<TerminalApi, 'payment.start' | 'payment.get' | 'payment.cancel'>;

export interface PaymentFlow {
  handlers: PaymentHandlers;
  /** Resumes watching every payment a crash or restart left in flight. */
  recover(): void;
  /** Stops every watcher (the payments stay stored and are recovered on the next start). */
  close(): void;
}

const FINAL: ReadonlySet<PaymentStatus> = new Set(['paid', 'declined', 'cancelled']);
/** How long to wait before asking an unreachable provider again. */
const RETRY_MS = 1000;

export function createPaymentFlow(
  ctx: CheckoutContext,
  provider: PaymentProvider,
  providerName: string,
): PaymentFlow {
  const watchers = new Map<string, AbortController>();
  const cancelRequested = new Set<string>();
  /** Payments recovered after a restart: their code is fetched again, as the provider's address may have changed. */
  const refreshCode = new Set<string>();
  const { db } = ctx;

  const publish = (payment: PaymentRecord): PaymentView => {
    const view = paymentView(payment);
    ctx.events.emit({ type: 'payment.changed', payment: view });
    if (payment.status === 'declined' || payment.status === 'cancelled') emitBasket(ctx, payment.basketId);
    return view;
  };

  /** Records what the provider said; a `paid` becomes a sale. */
  const apply = (
    known: PaymentRecord,
    status: PaymentStatus,
    reason: string | null = null,
  ): PaymentRecord => {
    // Re-read: a cancel at the kiosk and the watcher may both have news; the first to commit wins.
    const payment = getPayment(db, known.id)!;
    if (FINAL.has(payment.status) || payment.status === status) return payment;
    if (status === 'paid') return finishSale(payment);
    const updated = updatePayment(db, payment.id, { status, failureReason: reason });
    publish(updated);
    return updated;
  };

  const finishSale = (payment: PaymentRecord): PaymentRecord => {
    const soldAt = new Date();
    const sale = completeSale(db, {
      basketId: payment.basketId,
      paymentId: payment.id,
      storeId: ctx.settings.storeId,
      terminalId: ctx.settings.terminalId,
      soldAt,
      makeReceipt: (receiptNumber) => {
        const receipt = buildReceipt({
          receiptNumber,
          storeName: ctx.settings.storeName,
          storeAddress: ctx.settings.storeAddress,
          soldAt: soldAt.toISOString(),
          currency: payment.currency,
          taxMode: ctx.settings.taxMode,
          lines: basketLines(db, payment.basketId),
          payments: [
            {
              method: 'qr',
              provider: payment.provider,
              amount: payment.amount,
              reference: payment.reference,
            },
          ],
          eReceiptBaseUrl: ctx.settings.eReceiptBaseUrl,
        });
        // completeSale refuses (and rolls back) a receipt whose total is not the amount paid.
        return { total: receipt.totals.total, taxTotal: receipt.totals.taxTotal, json: receipt };
      },
    });
    const paid = getPayment(db, payment.id)!;
    publish(paid);
    ctx.events.emit({ type: 'sale.completed', receipt: receiptView(sale.receiptJson) });
    emitBasket(ctx, payment.basketId);
    return paid;
  };

  /** Registers the payment with the provider; idempotent on our reference, so safe to repeat after a crash. */
  const register = async (payment: PaymentRecord): Promise<PaymentRecord> => {
    const created = await provider.create({
      reference: payment.reference,
      amount: payment.amount,
      currency: payment.currency,
      description: `Self-checkout ${ctx.settings.terminalId}`,
      expiresAt: payment.expiresAt,
    });
    refreshCode.delete(payment.id);
    const updated = updatePayment(db, payment.id, {
      status: payment.status === 'pending' ? undefined : 'pending',
      providerRef: created.providerRef,
      qrPayload: created.qrPayload,
    });
    publish(updated);
    return updated;
  };

  /** After a failed call: a refusal declines the payment; anything else leaves its outcome unknown. */
  const afterFailure = (payment: PaymentRecord, error: unknown): PaymentRecord => {
    if (error instanceof ProviderRefusedError) return apply(payment, 'declined', error.reason);
    if (payment.status === 'unknown') return payment;
    return apply(
      payment,
      'unknown',
      `The payment provider could not be reached: ${(error as Error).message}`,
    );
  };

  /** One step of the watcher: bring the stored payment one move closer to a final status. */
  const step = async (payment: PaymentRecord, signal: AbortSignal): Promise<void> => {
    const expired = Date.parse(payment.expiresAt) <= Date.now();
    if (!payment.providerRef && (expired || cancelRequested.has(payment.id))) {
      // The provider never gave us a code, so the shopper cannot have paid: cancelling here is safe.
      apply(
        payment,
        'cancelled',
        expired
          ? 'The payment code expired before it could be shown'
          : 'Cancelled before the payment code was shown',
      );
      return;
    }
    // An expired code needs no fresh QR (and the provider refuses to create one): ask how it ended instead.
    if (!payment.providerRef || (refreshCode.has(payment.id) && !expired)) {
      await register(payment);
      return;
    }
    if (expired || cancelRequested.has(payment.id)) {
      const result = await provider.cancel(payment.providerRef);
      apply(payment, result.status, expired ? 'The payment code expired' : 'Cancelled at the kiosk');
      return;
    }
    const untilExpiry = Math.max(50, Date.parse(payment.expiresAt) - Date.now());
    const wait = AbortSignal.any([signal, AbortSignal.timeout(Math.min(untilExpiry, 30_000))]);
    try {
      const status = await provider.waitForChange(payment.providerRef, 'pending', wait);
      if (status === 'declined' || status === 'cancelled') {
        // The long-poll answers only the status; the provider's reason is what the shopper is told.
        const state = await provider.query(payment.providerRef);
        apply(payment, state.status, state.reason ?? null);
      } else apply(payment, status);
    } catch (error) {
      if (wait.aborted && !signal.aborted) return; // our own timer: loop to check expiry
      throw error;
    }
  };

  const watch = (paymentId: string): void => {
    if (watchers.has(paymentId)) return;
    const controller = new AbortController();
    watchers.set(paymentId, controller);
    void (async () => {
      try {
        while (!controller.signal.aborted) {
          const payment = getPayment(db, paymentId);
          if (!payment || FINAL.has(payment.status)) return;
          try {
            await step(payment, controller.signal);
          } catch (error) {
            if (controller.signal.aborted) return;
            if (!(error instanceof ProviderUnavailableError || error instanceof ProviderRefusedError))
              console.error(`payment ${paymentId}:`, error);
            afterFailure(getPayment(db, paymentId)!, error);
            await sleep(RETRY_MS, controller.signal);
          }
        }
      } finally {
        if (watchers.get(paymentId) === controller) watchers.delete(paymentId);
      }
    })();
  };

  const start = async (): Promise<ApiResult<PaymentView>> => {
    const basket = currentBasket(db);
    if (basket?.status === 'paying') {
      const live = activePayment(db, basket.id);
      if (live) return ok(paymentView(live)); // a second tap on Pay shows the same code
    }
    if (!basket || basket.status !== 'open') return fail('basket_empty', 'There is nothing to pay for yet');
    const { totals, lines } = basketView(db, basket, ctx.settings);
    if (lines.length === 0 || totals.total <= 0)
      return fail('basket_empty', 'There is nothing to pay for yet');

    let payment: PaymentRecord;
    try {
      payment = createPayment(db, {
        basketId: basket.id,
        provider: providerName,
        amount: totals.total,
        currency: basket.currency,
        expiresAt: new Date(Date.now() + ctx.settings.paymentTimeoutSeconds * 1000),
      });
    } catch (error) {
      return refusal(error);
    }
    emitBasket(ctx, basket.id);
    try {
      payment = await register(payment);
    } catch (error) {
      payment = afterFailure(payment, error);
    }
    watch(payment.id);
    return ok(paymentView(payment));
  };

  return {
    handlers: {
      'payment.start': start,
      'payment.get': async ({ paymentId }) => {
        const payment = getPayment(db, paymentId);
        return payment ? ok(paymentView(payment)) : fail('payment_not_found', `No payment ${paymentId}`);
      },
      'payment.cancel': async ({ paymentId }) => {
        const payment = getPayment(db, paymentId);
        if (!payment) return fail('payment_not_found', `No payment ${paymentId}`);
        if (FINAL.has(payment.status)) return ok(paymentView(payment));
        cancelRequested.add(paymentId);
        // Interrupt the long-poll so the watcher cancels at once; it answers with the outcome.
        watchers.get(paymentId)?.abort();
        watchers.delete(paymentId);
        try {
          await step(getPayment(db, paymentId)!, new AbortController().signal);
        } catch (error) {
          afterFailure(getPayment(db, paymentId)!, error);
        }
        const after = getPayment(db, paymentId)!;
        if (!FINAL.has(after.status))
          watch(paymentId); // still unresolved: keep trying in the background
        else cancelRequested.delete(paymentId);
        return ok(paymentView(after));
      },
    },
    recover() {
      for (const payment of paymentsToRecover(db)) {
        refreshCode.add(payment.id);
        watch(payment.id);
      }
    },
    close() {
      for (const controller of watchers.values()) controller.abort();
      watchers.clear();
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
