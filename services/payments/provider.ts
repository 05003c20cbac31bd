// What every payment provider (the built-in simulator, real QR-code acquirers) offers the checkout, in
// both directions: merchant-presented (create → the kiosk shows the provider's QR → the shopper's
// phone pays) and customer-presented (charge → the shopper's wallet code, scanned at the kiosk, is
// charged; the protocol of WeChat Pay's Micropay / Alipay's pay: SUCCESS, a definite failure, or
// USERPAYING while the shopper confirms on the phone).
import type { PaymentStatus } from '../../core/types';

/** The statuses a provider itself can report; `created` and `unknown` are the terminal's own. */
export type ProviderStatus = Extract<PaymentStatus, 'pending' | 'paid' | 'declined' | 'cancelled'>;

export interface CreatePaymentRequest {
  /** Our reference; the provider must never charge the same reference twice. */
  reference: string;
  /** Integer minor units. */
  amount: number;
  /** ISO 4217, e.g. `CNY`. */
  currency: string;
  description: string;
  /** ISO 8601; after this the provider cancels the payment. */
  expiresAt: string;
}

export interface CreatedPayment {
  providerRef: string;
  /** What the kiosk's QR encodes (for the simulator: the URL of its pay page). */
  qrPayload: string;
}

/** A customer-presented charge: the shopper's wallet code (a bearer secret: held in memory for this call only). */
export interface ChargeRequest extends CreatePaymentRequest {
  authCode: string;
}

export interface ChargeResult {
  providerRef: string;
  /** `paid` at once, `pending` while the shopper confirms on the phone, or a definite `declined`. */
  state: ProviderPaymentState;
}

export interface ProviderPaymentState {
  status: ProviderStatus;
  /** Why, when declined or cancelled. */
  reason?: string;
}

/**
 * Network failures and timeouts throw ProviderUnavailableError: the outcome is then unknown, and the
 * caller must treat it as `unknown`, never as `declined`. A refusal by the provider is an answer:
 * query/cancel return `declined` with a reason, and create/charge throw ProviderRefusedError. A
 * provider that has no payment under the ref at all says so with ProviderNotFoundError.
 *
 * `providerRef` is the provider's own id, or, for a customer-presented charge, our reference: the
 * provider looks both up (as WeChat Pay's order query takes transaction_id or out_trade_no), so a
 * charge whose answer was lost can still be queried and cancelled.
 */
export interface PaymentProvider {
  readonly name: string;
  create(request: CreatePaymentRequest): Promise<CreatedPayment>;
  /**
   * Charges the shopper's wallet code. Idempotent on the reference: a repeat returns the existing
   * charge, never a second one; a reference that was cancelled before any charge is never charged.
   */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** Throws ProviderNotFoundError when the provider has no payment under `providerRef`. */
  query(providerRef: string): Promise<ProviderPaymentState>;
  /**
   * Cancels a pending payment; if it already finished, resolves with the status it finished in. For a
   * customer-presented charge this is the reversal: a reference the provider has never seen is
   * recorded as cancelled, so a charge arriving late with it can never succeed.
   */
  cancel(providerRef: string): Promise<ProviderPaymentState>;
  /**
   * Long-polls until the status differs from `knownStatus` or the provider's poll window ends, and
   * resolves with the current status (which equals `knownStatus` when the window ended unchanged).
   * Rejects with the signal's reason when `signal` aborts, and with ProviderNotFoundError like query.
   */
  waitForChange(
    providerRef: string,
    knownStatus: ProviderStatus,
    signal: AbortSignal,
  ): Promise<ProviderStatus>;
  /**
   * Money back on a paid payment, whole or in part (a split tender taken back, a return): absent on a
   * provider that cannot refund, and the caller then says so rather than pretend.
   */
  readonly refunds?: ProviderRefunds;
}

/** A refund of (part of) a paid payment, under our own refund reference. */
export interface RefundRequest {
  /** Our refund reference (≤ 32 characters); the provider never refunds the same reference twice. */
  reference: string;
  /** The paid payment: the provider's id for it, and our reference it was paid under. */
  paymentProviderRef: string;
  paymentReference: string;
  /** Minor units to give back (≤ what the payment took less its earlier refunds), and what it took. */
  amount: number;
  paymentAmount: number;
  currency: string;
  /** Why, in the staff's words; the provider may show it to the shopper. */
  reason: string;
}

/** `pending` while the provider processes it; `paid` once the money went back; `declined` with why. */
export interface ProviderRefundState {
  /** The provider's id of the refund, once it has one. */
  refundRef: string | null;
  status: Extract<ProviderStatus, 'pending' | 'paid' | 'declined'>;
  reason?: string;
}

/**
 * Same rules as payments: a network failure or timeout throws ProviderUnavailableError (the outcome is
 * unknown: ask again with queryRefund, or repeat `refund` with the same reference, which never refunds
 * twice); ProviderNotFoundError for a reference the provider never saw.
 */
export interface ProviderRefunds {
  refund(request: RefundRequest): Promise<ProviderRefundState>;
  queryRefund(reference: string): Promise<ProviderRefundState>;
}

/** The provider could not be reached or did not answer in time: nobody knows what happened to the money. */
export class ProviderUnavailableError extends Error {
  readonly code = 'provider_unavailable';
  /** True when the request timed out (the provider may have acted on it). */
  readonly timedOut: boolean;

  constructor(message: string, options: { timedOut: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'ProviderUnavailableError';
    this.timedOut = options.timedOut;
  }
}

/** The provider answered and said no to creating the payment (bad amount, reused reference…). */
export class ProviderRefusedError extends Error {
  readonly code = 'provider_refused';

  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ProviderRefusedError';
  }
}

/**
 * The provider has no payment under that ref. For a charge whose answer never came, the charge did not
 * arrive (or has not arrived yet): the caller cancels the reference so that it never succeeds later.
 */
export class ProviderNotFoundError extends Error {
  readonly code = 'provider_not_found';

  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ProviderNotFoundError';
  }
}

/** What a failed fetch says of the network: undici puts the socket's own error in `cause`. */
export function networkErrorDetail(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}
