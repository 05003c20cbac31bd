// An attendant's "mark as paid": the shopper's phone shows the payment went through, but the kiosk
// cannot confirm it (the provider is unreachable: the payment is `unknown`, or still `pending`). An
// attendant of settings.json authorises it with their badge and PIN; then, in ONE transaction, the
// journal's `override` entry (who, why, how much) and the sale, written exactly as a confirmed payment
// writes it (the flow's own sale path: same receipt, events and journal entries), with the payment
// row naming the attendant (confirmed_by). The payment is then final: its watcher stops, and a late
// answer from the provider changes nothing.
//
// The provider is told nothing. We cannot know what it holds — that is why the attendant is here —
// and cancelling or re-charging could take the shopper's money twice or refund it behind the store's
// back. Reconciliation with the provider's statement is for the back office, from the journal.
import { appendJournal } from '../../db/journal';
import { getPayment, markConfirmedBy, requirePayment, type PaymentRecord } from '../../db/payments';
import type { SaleRecord } from '../../db/sales';
import type { ApiResult, PaymentView, TerminalApi } from '../api/contract';
import { createStaffGate, type StaffGate } from './attendants';
import type { CheckoutContext } from './context';
import { fail, ok, refusal } from './result';
import { paymentView } from './views';

/** What the override needs of the payment flow (payment-flow.ts). */
export interface OverrideHooks {
  /** Writes the sale of a payment as a confirmed payment's is written; inside the caller's transaction. */
  writeSale(payment: PaymentRecord): SaleRecord;
  /** After commit: tells every screen, as a confirmed payment does. */
  announceSale(payment: PaymentRecord, sale: SaleRecord): PaymentRecord;
  /** Stops watching the payment: it is final now, whatever the provider says later. */
  forget(paymentId: string): void;
  /** The shopper asked to cancel it and the cancel is still on its way to the provider. */
  cancelling(paymentId: string): boolean;
  isClosed(): boolean;
}

export const MAX_REASON = 200;

export function createAttendantOverride(
  ctx: CheckoutContext,
  hooks: OverrideHooks,
  gate: StaffGate = createStaffGate(ctx.settings),
): Pick<TerminalApi, 'payment.markPaid'> {
  const { db } = ctx;
  return {
    'payment.markPaid': async ({ paymentId, badge, pin, reason }): Promise<ApiResult<PaymentView>> => {
      if (hooks.isClosed()) return fail('terminal_closing', 'The terminal is shutting down');
      const why = reason.trim();
      if (why.length < 1 || why.length > MAX_REASON)
        return fail('invalid_reason', `The reason must be 1 to ${MAX_REASON} characters`);
      const known = getPayment(db, paymentId);
      if (!known) return fail('payment_not_found', `No payment ${paymentId}`);
      // Authorisation first: nothing about the payment is acted on for someone who is not staff.
      const staff = gate.check(badge, pin);
      if (!staff.ok) return fail(staff.code, staff.message);
      const refused = notMarkable(known) ?? (hooks.cancelling(paymentId) ? CANCELLING : null);
      if (refused) return refused;
      let written: { payment: PaymentRecord; sale: SaleRecord } | { refused: ReturnType<typeof fail> };
      try {
        written = db.transaction(() => {
          // Re-read inside the transaction: the provider's answer may have arrived meanwhile.
          const payment = requirePayment(db, paymentId);
          const stale = notMarkable(payment);
          if (stale) return { refused: stale };
          appendJournal(db, {
            kind: 'override',
            data: {
              action: 'mark_paid',
              basketId: payment.basketId,
              paymentId: payment.id,
              attendantId: staff.attendant.id,
              reason: why,
              amount: payment.amount,
              currency: payment.currency,
            },
          });
          const marked = markConfirmedBy(db, payment.id, staff.attendant.id);
          return { payment: marked, sale: hooks.writeSale(marked) };
        })();
      } catch (error) {
        return refusal(error);
      }
      if ('refused' in written) return written.refused;
      hooks.forget(paymentId);
      return ok(paymentView(hooks.announceSale(written.payment, written.sale)));
    },
  };
}

const CANCELLING = fail(
  'payment_cancelling',
  'The shopper asked to cancel this payment and the provider has not answered yet; it cannot be marked paid',
);

/** Only a payment whose outcome the kiosk is still waiting for can be vouched for. */
function notMarkable(payment: PaymentRecord): ReturnType<typeof fail> | null {
  if (payment.status === 'pending' || payment.status === 'unknown') return null;
  const why =
    payment.status === 'created'
      ? 'it has not reached the payment provider yet'
      : `it is already ${payment.status}, which is final`;
  return fail(
    'payment_not_in_flight',
    `Payment ${payment.id} cannot be marked paid: ${why}. Only a pending or unknown payment can be`,
  );
}
