// An attendant's "mark as paid": the shopper's phone shows the payment went through, but the kiosk
// cannot confirm it (the provider is unreachable: the payment is `unknown`, or still `pending`). An
// attendant of settings.json authorises it with their badge and PIN; then, in ONE transaction, the
// journal's `override` entry (who, why, how much) and the sale, written exactly as a confirmed payment
// writes it (payment-sale.ts's writeSale: same receipt, tender, events and journal entries), with the
// payment row naming the attendant (confirmed_by). The payment is then final: the supervisor stops
// following it, and a late answer from the provider changes nothing.
//
// The provider is told nothing. We cannot know what it holds — that is why the attendant is here —
// and cancelling or re-charging could take the shopper's money twice or refund it behind the store's
// back. Reconciliation with the provider's statement is for the back office, from the journal.
import { appendJournal } from '../../db/journal';
import { getPayment } from '../../db/payments';
import type { ApiResult, PaymentView, TerminalApi } from '../api/contract';
import { staffGateOf, type StaffGate } from './attendants';
import type { CheckoutContext } from './context';
import type { PaymentSupervisor } from './payment-supervisor';
import { fail, ok, refusal } from './result';
import { paymentView } from './views';

export const MAX_REASON = 200;

/**
 * The handler: who may (badge and PIN), why (the reason, for the journal), and the audit entry; whether
 * the payment may be marked paid, and the sale, are the supervisor's (core's attendantStep).
 */
export function createAttendantOverride(
  ctx: CheckoutContext,
  supervisor: Pick<PaymentSupervisor, 'markPaid' | 'isClosed'>,
  gate: StaffGate = staffGateOf(ctx),
): Pick<TerminalApi, 'payment.markPaid'> {
  const { db } = ctx;
  return {
    'payment.markPaid': async ({ paymentId, badge, pin, reason }): Promise<ApiResult<PaymentView>> => {
      if (supervisor.isClosed()) return fail('terminal_closing', 'The terminal is shutting down');
      const why = reason.trim();
      if (why.length < 1 || why.length > MAX_REASON)
        return fail('invalid_reason', `The reason must be 1 to ${MAX_REASON} characters`);
      if (!getPayment(db, paymentId)) return fail('payment_not_found', `No payment ${paymentId}`);
      // Authorisation first: nothing about the payment is acted on for someone who is not staff.
      const staff = gate.check(badge, pin, 'mark_paid');
      if (!staff.ok) return fail(staff.code, staff.message);
      try {
        const marked = supervisor.markPaid(paymentId, staff.attendant.id, (payment) =>
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
          }),
        );
        return marked.ok ? ok(paymentView(marked.value)) : marked;
      } catch (error) {
        return refusal(error);
      }
    },
  };
}
