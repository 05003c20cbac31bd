// The payment side of the TerminalApi, and the watcher that learns each payment's outcome from the provider.
//
// One state machine for both directions (the kiosk's QR, or the shopper's wallet code that
// code-payment.ts charges). The payment row is stored before any network call; a provider we cannot
// reach makes the payment `unknown`, never `declined`; an unknown payment is resolved by asking again
// (a charge by our reference) and, for a charge still not final at expiry, by cancelling (reversing)
// it; a sale is written only when the provider says paid, in one transaction with the payment, the
// receipt and the outbox event.
import { buildReceipt } from '../../core/receipt';
import type { PaymentStatus } from '../../core/types';
import { basketLines, currentBasket } from '../../db/baskets';
import {
  activePayment,
  getPayment,
  paymentsToRecover,
  updatePayment,
  type PaymentRecord,
} from '../../db/payments';
import { completeSale, type SaleRecord } from '../../db/sales';
import type { ApiResult, PaymentView, TerminalApi } from '../api/contract';
import {
  ProviderNotFoundError,
  ProviderRefusedError,
  ProviderUnavailableError,
  type PaymentProvider,
} from '../payments/provider';
import { createAttendantOverride } from './attendant-override';
import { emitBasket } from './basket-handlers';
import { storeBasketPayment } from './basket-payment';
import { createCodePayments } from './code-payment';
import type { CheckoutContext } from './context';
import { fail, ok, refusal } from './result';
import { paymentView, receiptView } from './views';
import { timeoutSignal } from '../timeout-signal';

type PaymentHandlers = Pick<
  TerminalApi,
  'payment.start' | 'payment.get' | 'payment.cancel' | 'payment.markPaid'
>;

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

/** What starting a payment from a scanned wallet code (code-payment.ts) needs of the flow. */
export interface FlowCore {
  /** Records what the provider said; a `paid` becomes a sale. */
  apply(known: PaymentRecord, status: PaymentStatus, reason?: string | null): PaymentRecord;
  publish(payment: PaymentRecord): PaymentView;
  /** After a failed call: a refusal declines the payment; anything else leaves its outcome unknown. */
  afterFailure(payment: PaymentRecord, error: unknown): PaymentRecord;
  /** Watches a payment in flight until it is final. */
  watch(paymentId: string): void;
  /** Cancels a payment in flight through the provider; resolves with it, final if the provider answered. */
  cancel(paymentId: string, reason: string): Promise<PaymentRecord | null>;
  /** Charges in flight by payment id: their own answer settles them, so the watcher waits for it. */
  charging: Map<string, Promise<void>>;
  /**
   * True once the flow is closed: an answer that arrives afterwards is dropped, never written (the store
   * may be closed, and the next flow on it learns the outcome from the provider by itself).
   */
  isClosed(): boolean;
}

export function createPaymentFlow(
  ctx: CheckoutContext,
  provider: PaymentProvider,
  providerName: string,
): PaymentFlow {
  const watchers = new Map<string, AbortController>();
  /** Payments to cancel, with what the shopper is told. */
  const cancelRequested = new Map<string, string>();
  const charging = new Map<string, Promise<void>>();
  /** Payments recovered after a restart: their code is fetched again, as the provider's address may have changed. */
  const refreshCode = new Set<string>();
  let closed = false;
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
    if (closed) return known; // see FlowCore.isClosed
    // Re-read: a cancel at the kiosk and the watcher may both have news; the first to commit wins.
    const payment = getPayment(db, known.id)!;
    if (FINAL.has(payment.status) || payment.status === status) return payment;
    if (status === 'paid') {
      // A charge paid at once was never pending here; the one state machine still goes through it.
      const pending =
        payment.status === 'created' ? updatePayment(db, payment.id, { status: 'pending' }) : payment;
      return finishSale(pending);
    }
    const updated = updatePayment(db, payment.id, { status, failureReason: reason });
    publish(updated);
    return updated;
  };

  const finishSale = (payment: PaymentRecord): PaymentRecord => announceSale(payment, writeSale(payment));

  /** The sale of a payment now paid, in one transaction (or the caller's: an attendant's override). */
  const writeSale = (payment: PaymentRecord): SaleRecord => {
    const soldAt = new Date();
    return completeSale(db, {
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
              method: payment.method === 'customer_presented' ? 'payment_code' : 'qr',
              provider: payment.provider,
              amount: payment.amount,
              reference: payment.reference,
              ...(payment.wallet ? { wallet: payment.wallet } : {}),
              ...(payment.maskedCode ? { maskedCode: payment.maskedCode } : {}),
            },
          ],
          eReceiptBaseUrl: ctx.settings.eReceiptBaseUrl,
        });
        // completeSale refuses (and rolls back) a receipt whose total is not the amount paid.
        return { total: receipt.totals.total, taxTotal: receipt.totals.taxTotal, json: receipt };
      },
    });
  };

  /** After the sale committed: every screen hears of it. */
  const announceSale = (payment: PaymentRecord, sale: SaleRecord): PaymentRecord => {
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
    if (closed) return payment; // see FlowCore.isClosed
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
    if (closed) return payment; // see FlowCore.isClosed
    if (error instanceof ProviderRefusedError) return apply(payment, 'declined', error.reason);
    // A QR payment the provider never heard of cannot have been paid; a charge it never heard of may
    // still arrive, so that one stays unknown until it is reversed.
    if (error instanceof ProviderNotFoundError && payment.method === 'merchant_presented')
      return apply(payment, 'declined', error.reason);
    if (payment.status === 'unknown') return payment;
    return apply(
      payment,
      'unknown',
      `The payment provider could not be reached: ${(error as Error).message}`,
    );
  };

  /** One step of the watcher: bring the stored payment one move closer to a final status. */
  const step = (payment: PaymentRecord, signal: AbortSignal): Promise<void> =>
    payment.method === 'customer_presented' ? stepCharge(payment, signal) : stepQr(payment, signal);

  const stepQr = async (payment: PaymentRecord, signal: AbortSignal): Promise<void> => {
    const expired = isExpired(payment);
    const cancelReason = cancelRequested.get(payment.id);
    if (!payment.providerRef && (expired || cancelReason !== undefined)) {
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
    if (expired || cancelReason !== undefined) {
      const result = await provider.cancel(payment.providerRef);
      apply(payment, result.status, expired ? expiryReason(payment) : cancelReason);
      return;
    }
    if (payment.status === 'unknown') {
      // A long-poll cut off (or an answer lost) says nothing about the payment: ask now, rather than
      // leave the shopper on "checking", without Cancel, until the next poll window ends.
      const state = await provider.query(payment.providerRef);
      apply(payment, state.status, state.reason ?? null);
      return;
    }
    await awaitChange(payment, payment.providerRef, signal);
  };

  /**
   * A charged wallet code: never a QR. The provider knows the charge by our reference even when the
   * charge's answer was lost, so an unanswered charge is asked after by it; one the provider never
   * received, and one still not final at expiry, is cancelled (reversed), so it can never succeed later.
   */
  const stepCharge = async (payment: PaymentRecord, signal: AbortSignal): Promise<void> => {
    const inFlight = charging.get(payment.id);
    if (inFlight) return inFlight; // the charge's own answer comes first
    const ref = payment.reference;
    const cancelReason = isExpired(payment) ? expiryReason(payment) : cancelRequested.get(payment.id);
    try {
      if (cancelReason !== undefined) return await reverse(payment, cancelReason);
      if (payment.status !== 'pending') {
        // Stored, charge unanswered (a timeout, a crash mid-charge): how did it end?
        const state = await provider.query(ref);
        apply(payment, state.status, state.reason ?? null);
        return;
      }
      await awaitChange(payment, ref, signal);
    } catch (error) {
      if (!(error instanceof ProviderNotFoundError)) throw error;
      // The charge never reached the provider, or is still on its way there.
      await reverse(payment, 'The payment code could not be charged; nothing was taken');
    }
  };

  /** Cancels a charge by our reference; if it finished first, how it finished is what counts. */
  const reverse = async (payment: PaymentRecord, reason: string): Promise<void> => {
    const result = await provider.cancel(payment.reference);
    apply(payment, result.status, result.status === 'cancelled' ? reason : (result.reason ?? null));
  };

  /** Long-polls a pending payment until it changes, or until it is time to look at the expiry again. */
  const awaitChange = async (payment: PaymentRecord, ref: string, signal: AbortSignal): Promise<void> => {
    const untilExpiry = Math.max(50, Date.parse(payment.expiresAt) - Date.now());
    const wait = timeoutSignal(Math.min(untilExpiry, 30_000), signal);
    try {
      const status = await provider.waitForChange(ref, 'pending', wait.signal);
      if (status === 'declined' || status === 'cancelled') {
        // The long-poll answers only the status; the provider's reason is what the shopper is told,
        // unless the provider ran out the clock itself: then ours is the same story, in our words.
        const state = await provider.query(ref);
        const reason =
          state.status === 'cancelled' && isExpired(payment) ? expiryReason(payment) : state.reason;
        apply(payment, state.status, reason ?? null);
      } else apply(payment, status);
    } catch (error) {
      if (wait.timedOut && !signal.aborted) return; // our own timer: loop to check expiry
      throw error;
    } finally {
      wait.clear();
    }
  };

  const watch = (paymentId: string): void => {
    if (closed || watchers.has(paymentId)) return;
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
            const expected =
              error instanceof ProviderUnavailableError ||
              error instanceof ProviderRefusedError ||
              error instanceof ProviderNotFoundError;
            if (!expected) console.error(`payment ${paymentId}:`, error);
            afterFailure(getPayment(db, paymentId)!, error);
            await sleep(RETRY_MS, controller.signal);
          }
        }
      } finally {
        if (watchers.get(paymentId) === controller) watchers.delete(paymentId);
      }
    })();
  };

  const cancel = async (paymentId: string, reason: string): Promise<PaymentRecord | null> => {
    const payment = getPayment(db, paymentId);
    if (!payment || FINAL.has(payment.status)) return payment;
    cancelRequested.set(paymentId, reason);
    await charging.get(paymentId); // a charge on its way answers first
    // Interrupt the long-poll so the watcher cancels at once; it answers with the outcome.
    watchers.get(paymentId)?.abort();
    watchers.delete(paymentId);
    try {
      const now = getPayment(db, paymentId)!;
      if (!FINAL.has(now.status)) await step(now, new AbortController().signal);
    } catch (error) {
      if (!closed) afterFailure(getPayment(db, paymentId)!, error);
    }
    if (closed) return null; // the store may be closed; the next flow finishes the cancel
    const after = getPayment(db, paymentId)!;
    if (!FINAL.has(after.status))
      watch(paymentId); // still unresolved: keep trying in the background
    else cancelRequested.delete(paymentId);
    return after;
  };

  const codes = createCodePayments(ctx, provider, providerName, {
    apply,
    publish,
    afterFailure,
    watch,
    cancel,
    charging,
    isClosed: () => closed,
  });
  ctx.payByCode = codes.payByCode;

  // An attendant vouching for a payment the provider cannot confirm (attendant-override.ts).
  const override = createAttendantOverride(ctx, {
    writeSale,
    announceSale,
    forget: (paymentId) => {
      watchers.get(paymentId)?.abort();
      watchers.delete(paymentId);
      refreshCode.delete(paymentId);
    },
    cancelling: (paymentId) => cancelRequested.has(paymentId),
    isClosed: () => closed,
  });

  const start = async (): Promise<ApiResult<PaymentView>> => {
    const basket = currentBasket(db);
    if (basket?.status === 'paying') {
      const live = activePayment(db, basket.id);
      if (live) return ok(paymentView(live)); // a second tap on Pay shows the same code
    }
    if (!basket || basket.status !== 'open') return fail('basket_empty', 'There is nothing to pay for yet');
    let stored: PaymentRecord | null;
    try {
      stored = storeBasketPayment(ctx, basket, providerName);
    } catch (error) {
      return refusal(error);
    }
    if (!stored) return fail('basket_empty', 'There is nothing to pay for yet');
    let payment = stored;
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
        const after = await cancel(paymentId, 'Cancelled at the kiosk');
        return after ? ok(paymentView(after)) : fail('payment_not_found', `No payment ${paymentId}`);
      },
      ...override,
    },
    recover() {
      for (const payment of paymentsToRecover(db)) {
        if (payment.method === 'merchant_presented') refreshCode.add(payment.id);
        watch(payment.id);
      }
    },
    close() {
      closed = true;
      if (ctx.payByCode === codes.payByCode) delete ctx.payByCode;
      for (const controller of watchers.values()) controller.abort();
      watchers.clear();
    },
  };
}

function isExpired(payment: PaymentRecord): boolean {
  return Date.parse(payment.expiresAt) <= Date.now();
}

/** What the shopper is told when the time ran out, by the way they were paying. */
function expiryReason(payment: PaymentRecord): string {
  return payment.method === 'customer_presented'
    ? 'The payment was not confirmed in time'
    : 'The payment code expired';
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
