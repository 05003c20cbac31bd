// What every payment provider (the built-in simulator, real QR-code acquirers) offers the checkout.
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

export interface ProviderPaymentState {
  status: ProviderStatus;
  /** Why, when declined or cancelled. */
  reason?: string;
}

/**
 * Network failures and timeouts throw ProviderUnavailableError: the outcome is then unknown, and the
 * caller must treat it as `unknown`, never as `declined`. A refusal by the provider is an answer:
 * query/cancel return `declined` with a reason, and create throws ProviderRefusedError.
 */
export interface PaymentProvider {
  readonly name: string;
  create(request: CreatePaymentRequest): Promise<CreatedPayment>;
  query(providerRef: string): Promise<ProviderPaymentState>;
  /** Cancels a pending payment; if it already finished, resolves with the status it finished in. */
  cancel(providerRef: string): Promise<ProviderPaymentState>;
  /**
   * Long-polls until the status differs from `knownStatus` or the provider's poll window ends, and
   * resolves with the current status (which equals `knownStatus` when the window ended unchanged).
   * Rejects with the signal's reason when `signal` aborts.
   */
  waitForChange(
    providerRef: string,
    knownStatus: ProviderStatus,
    signal: AbortSignal,
  ): Promise<ProviderStatus>;
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
