// The payment state machine, as data and pure decisions; services/checkout/payment-supervisor.ts only
// carries the steps out (calls the provider, writes the store), and db/ refuses every move not allowed here.
//
// The rules, each one a row of the decision table in lifecycle.test.ts:
// - a payment is stored `created` before any call; the provider's word makes it pending, paid,
//   declined or cancelled; a call nobody answered makes it `unknown`, never declined;
// - an unknown payment is asked after (queried) by its reference; a QR whose provider never heard of it
//   cannot have been paid (declined); a charge the provider never received is reversed, so that it
//   can never succeed later;
// - at expiry, or when the shopper cancels, a QR is cancelled at the provider and a charge reversed; if
//   it finished first, how it finished is what counts;
// - a charge's own answer comes first: while it is in flight nothing else is asked;
// - an answer that arrives after the payment is final changes nothing;
// - an attendant may vouch for a payment the provider cannot confirm (pending or unknown), never while
//   the shopper's cancel is on its way: it becomes paid, naming the attendant.
import { fail, ok, type Result } from '../result';
import type { BasketStatus, PaymentDirection, PaymentMethod, PaymentStatus } from '../types';

/** The statuses a provider itself reports; `created` and `unknown` are the terminal's own. */
export type ProviderStatus = Extract<PaymentStatus, 'pending' | 'paid' | 'declined' | 'cancelled'>;

/** Money moved (paid) or definitely did not (declined, cancelled): nothing changes a final payment. */
export type FinalStatus = Extract<PaymentStatus, 'paid' | 'declined' | 'cancelled'>;

/** Statuses a payment may move to from each status; paid, declined and cancelled are final. */
export const PAYMENT_MOVES: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  created: ['pending', 'declined', 'cancelled', 'unknown'],
  pending: ['paid', 'declined', 'cancelled', 'unknown'],
  unknown: ['paid', 'declined', 'cancelled', 'pending'],
  paid: [],
  declined: [],
  cancelled: [],
};

/** True for paid, declined and cancelled. */
export function isFinal(status: PaymentStatus): status is FinalStatus {
  return PAYMENT_MOVES[status].length === 0;
}

/** True while the outcome is still to be learnt (created, pending, unknown). */
export function isInFlight(status: PaymentStatus): boolean {
  return !isFinal(status);
}

/** Why a payment may not move from `from` to `to`, or null when the move is allowed (or no move at all). */
export function paymentMoveRefusal(from: PaymentStatus, to: PaymentStatus): string | null {
  if (from === to) return null;
  if (isFinal(from)) return `is ${from}, which is final`;
  if (PAYMENT_MOVES[from].includes(to)) return null;
  return `cannot go from ${from} to ${to} (allowed: ${PAYMENT_MOVES[from].join(', ')})`;
}

/** Statuses a basket may move to: open → paying → paid → closed, and paying → open when a payment ends unpaid. */
export const BASKET_MOVES: Readonly<Record<BasketStatus, readonly BasketStatus[]>> = {
  open: ['paying'],
  paying: ['open', 'paid'],
  paid: ['closed'],
  closed: [],
};

/** Why a basket may not move from `from` to `to`, or null when it may. */
export function basketMoveRefusal(from: BasketStatus, to: BasketStatus): string | null {
  if (BASKET_MOVES[from].includes(to)) return null;
  return `cannot go from ${from} to ${to} (allowed from ${from}: ${BASKET_MOVES[from].join(', ') || 'none'})`;
}

/**
 * Where a paying basket goes when its payment reaches `payment`: paid with its sale, open again when the
 * payment ended unpaid (the shopper may change the basket or pay again); otherwise where it is.
 */
export function basketAfterPayment(basket: BasketStatus, payment: PaymentStatus): BasketStatus {
  if (basket !== 'paying') return basket;
  if (payment === 'paid') return 'paid';
  return payment === 'declined' || payment === 'cancelled' ? 'open' : basket;
}

/** What the supervisor knows of one payment: its stored row, and what is under way in memory. */
export interface PaymentInFlight {
  id: string;
  status: PaymentStatus;
  method: PaymentMethod;
  direction: PaymentDirection;
  /** The provider's ref: a QR's once registered; a charge's is our reference from the start. */
  providerRef: string | null;
  /** ISO 8601; a sale payment not final by then is cancelled (QR) or reversed (charge). */
  expiresAt: string;
  /** What the shopper is told when they asked to cancel it, or null. */
  cancelReason: string | null;
  /** The one charge call of a wallet code is on its way: its own answer comes first. */
  charging: boolean;
  /** A QR recovered after a restart: its code is fetched again, as the provider's address may have changed. */
  staleCode: boolean;
  /** A call failed just now: the provider is asked again only from this time (ms since the epoch), or null. */
  retryAt: number | null;
}

/** A call to the provider a step asks for; `wait` is the long-poll. */
export type ProviderCall = 'register' | 'charge' | 'query' | 'cancel' | 'reverse' | 'wait';

/** Why a call got no status: nobody answered, the provider said no, or it has no payment under the ref. */
export type ProviderFailure = 'unreachable' | 'refused' | 'not_found';

/** What the provider said to the last call (the long-poll answers a status only). */
export type ProviderAnswer =
  | { call: 'register'; providerRef: string; qrPayload: string }
  | {
      call: Exclude<ProviderCall, 'register'>;
      status: ProviderStatus;
      reason?: string | null;
      /** A charge's answer names the provider's own id, kept for reconciliation. */
      providerRef?: string;
      /** For a cancel or a reversal: the reason it was asked with (the step's). */
      ourReason?: string;
    }
  | { call: ProviderCall; failure: ProviderFailure; message: string };

/** What to do once a payment is final. */
export type SettleEffect = 'write_sale' | 'reopen_basket' | 'record_refund' | 'none';

/** The one thing to do next for a payment. */
export type Step =
  /** Create the payment at the provider (idempotent on our reference): a QR to show, or a refund asked. */
  | { kind: 'register' }
  /** Ask the provider how the payment stands, by its ref. */
  | { kind: 'query' }
  /** Cancel a QR payment at the provider. */
  | { kind: 'cancel'; reason: string }
  /** Cancel a charge by our reference: a reference never charged is closed, so a late charge fails. */
  | { kind: 'reverse'; reason: string }
  /** Until `until` (ms since the epoch): long-polling the provider when `listen`, else just a pause. */
  | { kind: 'wait'; until: number; listen: boolean }
  /** The charge call is on its way; its answer is the next answer. */
  | { kind: 'await_charge' }
  /** Store a status that is not final; `reason` undefined leaves the stored reason as it is. */
  | {
      kind: 'record';
      status: 'pending' | 'unknown';
      reason?: string | null;
      providerRef?: string;
      qrPayload?: string;
    }
  /** Store a final status, and do what it means (write the sale, reopen the basket…). */
  | SettleStep
  /** Nothing more to do: the payment is final (an answer that came after that changes nothing). */
  | { kind: 'give_up'; why: 'final' | 'late_answer' };

export interface SettleStep {
  kind: 'settle';
  status: FinalStatus;
  reason: string | null;
  effect: SettleEffect;
  providerRef?: string;
  /** The attendant who vouched for it, when the provider could not confirm it. */
  confirmedBy?: string;
}

/** How long the supervisor leaves a provider after a failed call before asking again (PaymentInFlight.retryAt). */
export const RETRY_MS = 1000;
/** The longest a long-poll is held before the expiry is looked at again. */
export const LISTEN_MAX_MS = 30_000;

/** What the shopper is told, by case. */
export const REASONS = {
  qrExpired: 'The payment code expired',
  chargeExpired: 'The payment was not confirmed in time',
  expiredBeforeShown: 'The payment code expired before it could be shown',
  cancelledBeforeShown: 'Cancelled before the payment code was shown',
  notCharged: 'The payment code could not be charged; nothing was taken',
  unreachable: (message: string) => `The payment provider could not be reached: ${message}`,
} as const;

/**
 * The next step for a payment, given what the provider answered to the last call (null when nothing
 * was asked since the payment was last read) and the time now (ms since the epoch).
 */
export function nextStep(payment: PaymentInFlight, answer: ProviderAnswer | null, now: number): Step {
  if (isFinal(payment.status)) return { kind: 'give_up', why: answer ? 'late_answer' : 'final' };
  const fromAnswer = answer ? stepForAnswer(payment, answer, now) : null;
  if (fromAnswer) return fromAnswer;
  // After a failed call the provider is given a moment: no tight loop against one that is down.
  if (payment.retryAt !== null && now < payment.retryAt && !payment.charging)
    return { kind: 'wait', until: payment.retryAt, listen: false };
  if (payment.direction === 'refund') return refundCall(payment, now);
  return payment.method === 'customer_presented' ? chargeCall(payment, now) : qrCall(payment, now);
}

/**
 * Whether an attendant may mark the payment paid, and if so the step that does it. The provider is
 * told nothing: what it holds is exactly what nobody knows.
 */
export function attendantStep(payment: PaymentInFlight, attendantId: string): Result<SettleStep> {
  if (payment.direction === 'refund')
    return fail('payment_not_in_flight', 'A refund is finished by the provider, never marked paid by hand');
  if (payment.status !== 'pending' && payment.status !== 'unknown') {
    const why =
      payment.status === 'created'
        ? 'it has not reached the payment provider yet'
        : `it is already ${payment.status}, which is final`;
    return fail(
      'payment_not_in_flight',
      `Payment ${payment.id} cannot be marked paid: ${why}. Only a pending or unknown payment can be`,
    );
  }
  if (payment.cancelReason !== null)
    return fail(
      'payment_cancelling',
      'The shopper asked to cancel this payment and the provider has not answered yet; it cannot be marked paid',
    );
  return ok({ kind: 'settle', status: 'paid', reason: null, effect: 'write_sale', confirmedBy: attendantId });
}

/** The step an answer calls for, or null when it changes nothing and the next call decides. */
function stepForAnswer(payment: PaymentInFlight, answer: ProviderAnswer, now: number): Step | null {
  if ('failure' in answer) return stepForFailure(payment, answer);
  if (answer.call === 'register')
    return {
      kind: 'record',
      status: 'pending',
      providerRef: answer.providerRef,
      qrPayload: answer.qrPayload,
    };
  const { status } = answer;
  const providerRef =
    answer.providerRef && answer.providerRef !== payment.providerRef ? answer.providerRef : undefined;
  const ref = providerRef ? { providerRef } : {};
  // The long-poll answers the status only: the provider's reason is asked for.
  if (answer.call === 'wait' && (status === 'declined' || status === 'cancelled')) return { kind: 'query' };
  if (status === payment.status) return providerRef ? { kind: 'record', status: 'pending', ...ref } : null;
  if (status === 'pending') return { kind: 'record', status, reason: answer.reason ?? null, ...ref };
  const reason = status === 'paid' ? null : finalReason(payment, answer, now);
  return { kind: 'settle', status, reason, effect: settleEffect(payment, status), ...ref };
}

/** Why a payment ended declined or cancelled, in the words the shopper is shown. */
function finalReason(
  payment: PaymentInFlight,
  answer: { call: ProviderCall; status: ProviderStatus; reason?: string | null; ourReason?: string },
  now: number,
): string | null {
  const ours = answer.ourReason ?? cancelReason(payment, now);
  // Our own cancel or reversal went through: the reason we had for it.
  if ((answer.call === 'cancel' || answer.call === 'reverse') && answer.status === 'cancelled') return ours;
  // The provider ran out the clock itself: the same story, in our words.
  if (answer.status === 'cancelled' && isExpired(payment, now) && payment.direction === 'sale')
    return expiryReason(payment);
  return answer.reason ?? (answer.call === 'cancel' ? ours : null);
}

function stepForFailure(
  payment: PaymentInFlight,
  answer: { call: ProviderCall; failure: ProviderFailure; message: string },
): Step | null {
  const effect = settleEffect(payment, 'declined');
  if (answer.failure === 'refused')
    return { kind: 'settle', status: 'declined', reason: answer.message, effect };
  if (answer.failure === 'not_found') {
    // A refund the provider never received is asked again, under the same reference.
    if (payment.direction === 'refund') return { kind: 'register' };
    // A QR payment the provider never heard of cannot have been paid.
    if (payment.method === 'merchant_presented')
      return { kind: 'settle', status: 'declined', reason: answer.message, effect };
    // A charge it never heard of may still arrive: close the reference, so it never succeeds.
    if (answer.call !== 'reverse') return { kind: 'reverse', reason: REASONS.notCharged };
  }
  // Nobody knows what happened: unknown, never declined; already unknown, the next call decides.
  if (payment.status !== 'unknown')
    return { kind: 'record', status: 'unknown', reason: REASONS.unreachable(answer.message) };
  return null;
}

function qrCall(payment: PaymentInFlight, now: number): Step {
  const expired = isExpired(payment, now);
  const cancelling = payment.cancelReason !== null;
  if (!payment.providerRef && (expired || cancelling)) {
    // The provider never gave us a code, so the shopper cannot have paid: cancelling here is safe.
    const reason = expired ? REASONS.expiredBeforeShown : REASONS.cancelledBeforeShown;
    return { kind: 'settle', status: 'cancelled', reason, effect: 'reopen_basket' };
  }
  // An expired code needs no fresh QR (the provider refuses to create one): ask how it ended instead.
  if (!payment.providerRef || (payment.staleCode && !expired)) return { kind: 'register' };
  if (expired || cancelling) return { kind: 'cancel', reason: cancelReason(payment, now) };
  // A long-poll cut off says nothing of the payment: ask now, rather than show "checking" for a window.
  if (payment.status === 'unknown') return { kind: 'query' };
  return listen(payment, now);
}

function chargeCall(payment: PaymentInFlight, now: number): Step {
  if (payment.charging) return { kind: 'await_charge' };
  if (isExpired(payment, now) || payment.cancelReason !== null)
    return { kind: 'reverse', reason: cancelReason(payment, now) };
  // Stored, its charge unanswered (a timeout, a crash mid-charge): how did it end?
  if (payment.status !== 'pending') return { kind: 'query' };
  return listen(payment, now);
}

/** A refund cannot be taken back once asked, and does not expire: it is asked, then followed to its end. */
function refundCall(payment: PaymentInFlight, now: number): Step {
  if (!payment.providerRef) return { kind: 'register' };
  if (payment.status !== 'pending') return { kind: 'query' };
  return { kind: 'wait', until: now + LISTEN_MAX_MS, listen: true };
}

/** Long-poll until the payment changes, or until it is time to look at the expiry again. */
function listen(payment: PaymentInFlight, now: number): Step {
  const untilExpiry = Math.max(50, Date.parse(payment.expiresAt) - now);
  return { kind: 'wait', until: now + Math.min(untilExpiry, LISTEN_MAX_MS), listen: true };
}

function settleEffect(payment: PaymentInFlight, status: FinalStatus): SettleEffect {
  if (payment.direction === 'refund') return status === 'paid' ? 'record_refund' : 'none';
  return status === 'paid' ? 'write_sale' : 'reopen_basket';
}

function cancelReason(payment: PaymentInFlight, now: number): string {
  return isExpired(payment, now) ? expiryReason(payment) : (payment.cancelReason ?? expiryReason(payment));
}

function isExpired(payment: PaymentInFlight, now: number): boolean {
  return payment.direction === 'sale' && Date.parse(payment.expiresAt) <= now;
}

/** What the shopper is told when the time ran out, by the way they were paying. */
function expiryReason(payment: PaymentInFlight): string {
  return payment.method === 'customer_presented' ? REASONS.chargeExpired : REASONS.qrExpired;
}
