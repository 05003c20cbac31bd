// The PaymentProvider that talks to the payment simulator over HTTP (Node's global fetch).
import {
  networkErrorDetail,
  ProviderNotFoundError,
  ProviderRefusedError,
  ProviderUnavailableError,
} from '../provider';
import type {
  ChargeRequest,
  ChargeResult,
  CreatePaymentRequest,
  CreatedPayment,
  PaymentProvider,
  ProviderPaymentState,
  ProviderRefundState,
  ProviderRefunds,
  ProviderStatus,
  RefundRequest,
} from '../provider';
import { timeoutSignal } from '../../timeout-signal';

export interface SimulatorProviderOptions {
  baseUrl: string;
  /** Per request; a long-poll gets this on top of its poll window. */
  timeoutMs?: number;
  /** How long one waitForChange call lets the simulator hold the request. */
  longPollMs?: number;
}

const STATUSES: readonly string[] = ['pending', 'paid', 'declined', 'cancelled'];
const REFUND_STATUSES: readonly string[] = ['pending', 'paid', 'declined'];

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export function createSimulatorProvider(options: SimulatorProviderOptions): PaymentProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;
  const longPollMs = options.longPollMs ?? 25_000;
  const paymentUrl = (ref: string) => `${base}/api/payments/${encodeURIComponent(ref)}`;

  async function request(url: string, init: RequestInit & { signal: AbortSignal }): Promise<Answer> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, init);
      text = await response.text();
    } catch (error) {
      throw unavailable(error, init.signal);
    }
    if (response.status >= 500) {
      throw new ProviderUnavailableError(`payment simulator answered HTTP ${response.status}`, {
        timedOut: false,
      });
    }
    try {
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
    } catch (cause) {
      throw new ProviderUnavailableError(`payment simulator answered HTTP ${response.status} without JSON`, {
        timedOut: false,
        cause,
      });
    }
  }

  return {
    name: 'simulator',

    async create(req: CreatePaymentRequest): Promise<CreatedPayment> {
      const answer = await request(`${base}/api/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(req),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (answer.status !== 200 && answer.status !== 201)
        throw new ProviderRefusedError(errorMessage(answer));
      const { id, payUrl } = answer.body;
      if (typeof id !== 'string' || typeof payUrl !== 'string') {
        throw new ProviderUnavailableError('payment simulator answered without id and payUrl', {
          timedOut: false,
        });
      }
      return { providerRef: id, qrPayload: payUrl };
    },

    async charge(req: ChargeRequest): Promise<ChargeResult> {
      const answer = await request(`${base}/api/charges`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(req),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // A reference reversed before it was charged answers 409 with that payment: cancelled, an answer.
      const closed = answer.status === 409 ? answer.body.payment : undefined;
      const found = answer.status === 200 || answer.status === 201 ? answer.body : closed;
      if (typeof found !== 'object' || found === null) throw new ProviderRefusedError(errorMessage(answer));
      const charged = found as Record<string, unknown>;
      if (typeof charged.id !== 'string') {
        throw new ProviderUnavailableError('payment simulator answered a charge without id', {
          timedOut: false,
        });
      }
      return { providerRef: charged.id, state: stateOf(charged) };
    },

    async query(ref: string): Promise<ProviderPaymentState> {
      const answer = await request(paymentUrl(ref), { signal: AbortSignal.timeout(timeoutMs) });
      return answer.status === 200 ? stateOf(answer.body) : refused(answer);
    },

    async cancel(ref: string): Promise<ProviderPaymentState> {
      const answer = await request(`${paymentUrl(ref)}/cancel`, {
        method: 'POST',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (answer.status === 200) return stateOf(answer.body);
      // Too late to cancel: the payment already finished, and how it finished is what matters.
      const current = answer.body.payment;
      if (answer.status === 409 && typeof current === 'object' && current !== null) {
        return stateOf(current as Record<string, unknown>);
      }
      return refused(answer);
    },

    async waitForChange(
      ref: string,
      knownStatus: ProviderStatus,
      signal: AbortSignal,
    ): Promise<ProviderStatus> {
      const url = `${paymentUrl(ref)}?waitMs=${longPollMs}&status=${knownStatus}`;
      const combined = timeoutSignal(longPollMs + timeoutMs, signal);
      try {
        const answer = await request(url, { signal: combined.signal });
        return answer.status === 200 ? stateOf(answer.body).status : refused(answer).status;
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        throw error;
      } finally {
        combined.clear();
      }
    },

    refunds: simulatorRefunds(base, request, timeoutMs),
  };
}

/**
 * Refunds at the simulator (POST /api/refunds, GET /api/refunds/{reference}). The simulator's refusal
 * (not paid, more than is left, another currency…) is an answer: declined with its reason.
 */
function simulatorRefunds(
  base: string,
  request: (url: string, init: RequestInit & { signal: AbortSignal }) => Promise<Answer>,
  timeoutMs: number,
): ProviderRefunds {
  return {
    async refund(req: RefundRequest): Promise<ProviderRefundState> {
      const answer = await request(`${base}/api/refunds`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          reference: req.reference,
          payment: req.paymentProviderRef,
          paymentReference: req.paymentReference,
          amount: req.amount,
          paymentAmount: req.paymentAmount,
          currency: req.currency,
          reason: req.reason,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (answer.status === 200 || answer.status === 201) return refundStateOf(answer.body, req.reference);
      if (answer.status === 404) throw new ProviderNotFoundError(errorMessage(answer));
      return { refundRef: null, status: 'declined', reason: errorMessage(answer) };
    },

    async queryRefund(reference: string): Promise<ProviderRefundState> {
      const answer = await request(`${base}/api/refunds/${encodeURIComponent(reference)}`, {
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (answer.status === 200) return refundStateOf(answer.body, reference);
      if (answer.status === 404) throw new ProviderNotFoundError(errorMessage(answer));
      throw new ProviderUnavailableError(
        `payment simulator refused the refund query: ${errorMessage(answer)}`,
        {
          timedOut: false,
        },
      );
    },
  };
}

/** The refund an answer describes; it must be the one asked about, or it proves nothing. */
function refundStateOf(body: Record<string, unknown>, reference: string): ProviderRefundState {
  const { id, status } = body;
  if (body.reference !== reference || typeof id !== 'string' || !REFUND_STATUSES.includes(status as string)) {
    throw new ProviderUnavailableError(
      `payment simulator answered refund ${reference} with ${JSON.stringify({ reference: body.reference, status })}`,
      { timedOut: false },
    );
  }
  const state: ProviderRefundState = { refundRef: id, status: status as ProviderRefundState['status'] };
  if (typeof body.declineReason === 'string') state.reason = body.declineReason;
  return state;
}

function stateOf(body: Record<string, unknown>): ProviderPaymentState {
  const status = body.status;
  if (typeof status !== 'string' || !STATUSES.includes(status)) {
    throw new ProviderUnavailableError(
      `payment simulator answered an unknown status ${JSON.stringify(status)}`,
      {
        timedOut: false,
      },
    );
  }
  const reason = typeof body.reason === 'string' ? body.reason : undefined;
  return reason === undefined
    ? { status: status as ProviderStatus }
    : { status: status as ProviderStatus, reason };
}

/** The simulator said no (bad request): an answer, so declined with its reason. */
function refused(answer: Answer): ProviderPaymentState {
  if (answer.status === 404) throw new ProviderNotFoundError(errorMessage(answer));
  return { status: 'declined', reason: errorMessage(answer) };
}

function errorMessage(answer: Answer): string {
  const error = answer.body.error as { message?: unknown } | undefined;
  return typeof error?.message === 'string'
    ? error.message
    : `payment simulator answered HTTP ${answer.status}`;
}

function unavailable(error: unknown, signal: AbortSignal): ProviderUnavailableError {
  const timedOut =
    signal.aborted && (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
  const detail = networkErrorDetail(error);
  return new ProviderUnavailableError(
    timedOut ? 'payment simulator did not answer in time' : `payment simulator unreachable: ${detail}`,
    { timedOut, cause: error },
  );
}
