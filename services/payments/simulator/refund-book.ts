// The payment simulator's refunds: money given back on a paid payment, whole or in part, under the
// merchant's own refund reference — the rules of services/payments/provider.ts (ProviderRefunds), as
// WeChat Pay's domestic refunds keep them: one refund per refund reference however often it is asked
// ("同一退款单号多次请求只退一笔"), never more back than the payment took less its earlier refunds, only a
// paid payment, at most 50 partial refunds per payment.
//
// Each refund is kept on its payment (SimPayment.refunds), so the state file that keeps payments
// across restarts keeps refunds too; this book indexes them by refund reference.
import { randomUUID } from 'node:crypto';
import type { SimPayment, SimRefund, SimulatorStore } from './store';

export interface NewRefund {
  /** The merchant's refund reference. */
  reference: string;
  /** The payment: the simulator's id of it, or the reference it was paid under. */
  payment: string;
  /** When given, the reference the payment must have been made under. */
  paymentReference?: string;
  amount: number;
  /** When given, what the payment must have taken (as WeChat Pay checks amount.total). */
  paymentAmount?: number;
  currency: string;
  reason: string;
}

/** How the simulated bank treats this refund (the fault modes, decided by the caller). */
export interface RefundFate {
  /** Accepted but pending this long before it goes through (`refund_pending`). */
  pendingMs?: number;
  /** The bank turns it down (`decline`). */
  bankDeclines?: boolean;
}

export type RefundOutcome =
  | { kind: 'created' | 'existing'; refund: SimRefund; payment: SimPayment }
  | { kind: 'not_found'; message: string }
  | { kind: 'declined'; code: string; message: string };

/** Our refund ids look like this (payment ids start `sim_`). */
export const REFUND_ID_PREFIX = 'simr_';
/** WeChat Pay's limit on partial refunds of one payment; it also bounds what the simulator keeps. */
export const MAX_REFUNDS_PER_PAYMENT = 50;
export const BANK_REFUSED_REFUND = 'refund declined by the bank';

export function createRefundBook(store: SimulatorStore) {
  const byReference = new Map<string, { refund: SimRefund; payment: SimPayment }>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const settle = (refund: SimRefund) => {
    if (refund.status !== 'pending') return;
    refund.status = 'paid';
    delete refund.settlesAt;
    store.persist();
  };

  const armSettlement = (refund: SimRefund) => {
    if (closed || refund.settlesAt === undefined) return;
    const timer = setTimeout(
      () => (timers.delete(timer), settle(refund)),
      Math.max(refund.settlesAt - Date.now(), 0),
    );
    timer.unref();
    timers.add(timer);
  };

  /** A pending refund read after it was due has gone through, even if its timer fired late. */
  const current = (found: { refund: SimRefund; payment: SimPayment }) => {
    const { refund } = found;
    if (refund.status === 'pending' && refund.settlesAt !== undefined && Date.now() >= refund.settlesAt)
      settle(refund);
    return found;
  };

  for (const payment of store.all()) {
    for (const refund of payment.refunds ?? []) {
      byReference.set(refund.reference, { refund, payment });
      armSettlement(refund);
    }
  }

  /** Why this payment cannot give `input` back, or null when it can. */
  const refusal = (payment: SimPayment, input: NewRefund): { code: string; message: string } | null => {
    if (input.paymentReference !== undefined && input.paymentReference !== payment.reference)
      return {
        code: 'payment_mismatch',
        message: `payment ${payment.id} was made under reference "${payment.reference}", not "${input.paymentReference}"`,
      };
    if (payment.status !== 'paid') {
      const why = payment.reason ? ` (${payment.reason})` : '';
      return {
        code: 'payment_not_paid',
        message: `payment "${payment.reference}" is ${payment.status}${why}, not paid: there is nothing to refund`,
      };
    }
    if (input.currency !== payment.currency)
      return {
        code: 'currency_mismatch',
        message: `payment "${payment.reference}" was paid in ${payment.currency}; a refund in ${input.currency} cannot be made`,
      };
    if (input.paymentAmount !== undefined && input.paymentAmount !== payment.amount)
      return {
        code: 'payment_amount_mismatch',
        message: `payment "${payment.reference}" took ${payment.amount}, not ${input.paymentAmount} (minor units)`,
      };
    const refunds = payment.refunds ?? [];
    if (refunds.length >= MAX_REFUNDS_PER_PAYMENT)
      return {
        code: 'too_many_refunds',
        message: `payment "${payment.reference}" already has ${MAX_REFUNDS_PER_PAYMENT} refunds, the most one payment may have`,
      };
    const left = payment.amount - refundedSoFar(payment);
    if (input.amount > left)
      return {
        code: 'amount_exceeds_refundable',
        message: `payment "${payment.reference}" has ${left} of ${payment.amount} left to refund; ${input.amount} is more (minor units)`,
      };
    return null;
  };

  return {
    /**
     * Refunds (part of) a paid payment. A refund reference already used answers with that refund (the
     * same payment and amount) or is declined (anything else): one reference never refunds twice.
     * `fateOf` says how the simulated bank treats a refund that is made.
     */
    create(input: NewRefund, fateOf: () => RefundFate = () => ({})): RefundOutcome {
      const existing = byReference.get(input.reference);
      if (existing) {
        const { refund, payment } = current(existing);
        const samePayment = input.payment === payment.id || input.payment === payment.reference;
        if (!samePayment || refund.amount !== input.amount || refund.currency !== input.currency)
          return {
            kind: 'declined',
            code: 'reference_conflict',
            message: `refund reference "${input.reference}" was already used for ${refund.amount} ${refund.currency} (minor units) of payment "${payment.reference}"`,
          };
        refund.requests++;
        store.persist();
        return { kind: 'existing', refund, payment };
      }
      const payment = store.get(input.payment);
      if (!payment)
        return { kind: 'not_found', message: `no payment with id or reference "${input.payment}"` };
      const refused = refusal(payment, input);
      if (refused) return { kind: 'declined', ...refused };
      // Asked only now: a fault counts a use only on a refund it really shapes.
      const fate = fateOf();
      const refund: SimRefund = {
        id: `${REFUND_ID_PREFIX}${randomUUID()}`,
        reference: input.reference,
        amount: input.amount,
        currency: input.currency,
        reason: input.reason,
        status: fate.bankDeclines ? 'declined' : fate.pendingMs ? 'pending' : 'paid',
        declineReason: fate.bankDeclines ? BANK_REFUSED_REFUND : null,
        createdAt: Date.now(),
        requests: 1,
      };
      if (refund.status === 'pending') refund.settlesAt = refund.createdAt + fate.pendingMs!;
      payment.refunds = [...(payment.refunds ?? []), refund];
      byReference.set(refund.reference, { refund, payment });
      store.persist();
      armSettlement(refund);
      return { kind: 'created', refund, payment };
    },

    /** The refund under this refund reference, with its payment. */
    get(reference: string): { refund: SimRefund; payment: SimPayment } | undefined {
      const found = byReference.get(reference);
      return found ? current(found) : undefined;
    },

    /** Stops the settlement timers (a pending refund still goes through when read after its time). */
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type RefundBook = ReturnType<typeof createRefundBook>;

/** What the payment's refunds have given back, or are giving back (pending); declined ones gave nothing. */
export function refundedSoFar(payment: SimPayment): number {
  return (payment.refunds ?? []).filter((r) => r.status !== 'declined').reduce((sum, r) => sum + r.amount, 0);
}
