// The payment side of the TerminalApi, put together: the supervisor that follows each payment to its
// end (payment-supervisor.ts, carrying out core/payment/lifecycle.ts), the kiosk's QR (here), the
// shopper's wallet code (code-payment.ts) and an attendant's "mark as paid" (attendant-override.ts).
// Each handler is built with what it needs; the scan side gets `payByCode` from here the same way.
import { currentBasket } from '../../db/baskets';
import { activePayment, getPayment, type PaymentRecord } from '../../db/payments';
import type { ApiResult, PaymentView, TerminalApi } from '../api/contract';
import type { PaymentProvider } from '../payments/provider';
import { createAttendantOverride } from './attendant-override';
import { emitBasket } from './basket-handlers';
import { storeBasketPayment } from './basket-payment';
import { createCodePayments } from './code-payment';
import type { CheckoutContext, PayByCode } from './context';
import { createPaymentSupervisor, type PaymentSupervisor } from './payment-supervisor';
import { fail, ok, refusal } from './result';
import { paymentView } from './views';

type PaymentHandlers = Pick<
  TerminalApi,
  'payment.start' | 'payment.get' | 'payment.cancel' | 'payment.markPaid'
>;

export interface PaymentFlow {
  handlers: PaymentHandlers;
  /** Pays the current basket with a scanned wallet code: give it to the scan side (basketHandlers, addScan). */
  payByCode: PayByCode;
  /** Resumes following every payment a crash or restart left in flight. */
  recover(): void;
  /** Stops following (the payments stay stored and are recovered on the next start). */
  close(): void;
  /** The one supervisor of this terminal's payments: the counter's code tenders go through it too. */
  supervisor: PaymentSupervisor;
}

export function createPaymentFlow(
  ctx: CheckoutContext,
  provider: PaymentProvider,
  providerName: string,
): PaymentFlow {
  const supervisor = createPaymentSupervisor(ctx, provider);
  const codes = createCodePayments(ctx, supervisor, providerName);
  return {
    handlers: {
      'payment.start': () => startQr(ctx, supervisor, providerName),
      'payment.get': async ({ paymentId }) => {
        const payment = getPayment(ctx.db, paymentId);
        return payment ? ok(paymentView(payment)) : fail('payment_not_found', `No payment ${paymentId}`);
      },
      'payment.cancel': async ({ paymentId }) => {
        const after = await supervisor.cancel(paymentId, 'Cancelled at the kiosk');
        return after ? ok(paymentView(after)) : fail('payment_not_found', `No payment ${paymentId}`);
      },
      ...createAttendantOverride(ctx, supervisor),
    },
    payByCode: codes.payByCode,
    recover: () => supervisor.recover(),
    close: () => supervisor.close(),
    supervisor,
  };
}

/** Pay: the basket's payment is stored, then registered at the provider for the QR the kiosk shows. */
async function startQr(
  ctx: CheckoutContext,
  supervisor: PaymentSupervisor,
  providerName: string,
): Promise<ApiResult<PaymentView>> {
  const basket = currentBasket(ctx.db);
  if (basket?.status === 'paying') {
    const live = activePayment(ctx.db, basket.id);
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
  emitBasket(ctx, basket.id);
  return ok(paymentView(await supervisor.startQr(stored)));
}
