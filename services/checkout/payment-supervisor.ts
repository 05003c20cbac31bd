// The payment supervisor: carries out the steps core/payment/lifecycle.ts decides, one payment at a
// time, with ONE in-flight record per payment (the shopper's cancel, the charge on its way, a code to
// fetch again after a restart, the loop following it). It calls the provider, turns what it says (or
// its silence) into an answer, and writes what nextStep says to write; it decides nothing itself.
//
// The payment row is stored before any call (by the handlers); a sale is written only when the
// provider (or an attendant, markPaid) says paid. Once closed, an answer that still arrives is dropped,
// never written: the store may be closed, and the next supervisor on it asks the provider itself.
import type { Result } from '../../core/result';
import {
  RETRY_MS,
  attendantStep,
  isFinal,
  nextStep,
  type PaymentInFlight,
  type ProviderAnswer,
  type ProviderCall,
  type Step,
} from '../../core/payment/lifecycle';
import {
  getPayment,
  markConfirmedBy,
  paymentsToRecover,
  requirePayment,
  updatePayment,
  type PaymentRecord,
} from '../../db/payments';
import {
  ProviderNotFoundError,
  ProviderRefusedError,
  ProviderUnavailableError,
  type PaymentProvider,
} from '../payments/provider';
import { settleTenderPayment } from '../counter/tender/tender-sale';
import { timeoutSignal } from '../timeout-signal';
import type { CheckoutContext } from './context';
import { announceSale, publishPayment, writeSale } from './payment-sale';
import { fail, ok } from './result';

export interface PaymentSupervisor {
  /** A payment just stored: every screen hears of it. */
  announce(payment: PaymentRecord): void;
  /** Registers a stored QR payment at the provider, then follows it; resolves with it as it then stands. */
  startQr(payment: PaymentRecord): Promise<PaymentRecord>;
  /**
   * Charges the shopper's wallet code once under the payment's reference, then follows the payment;
   * resolves once the charge's answer (or its silence: unknown) is written. The code is not kept.
   */
  startCharge(payment: PaymentRecord, authCode: string): Promise<void>;
  /** The shopper cancels: cancelled at the provider (or found paid); null when closed meanwhile. */
  cancel(paymentId: string, reason: string): Promise<PaymentRecord | null>;
  /**
   * An attendant vouches for a payment the provider cannot confirm: in one transaction `audit` (the
   * caller's journal entry), the attendant on the payment row, and the sale. Then it is no longer followed.
   */
  markPaid(
    paymentId: string,
    attendantId: string,
    audit: (payment: PaymentRecord) => void,
  ): Result<PaymentRecord>;
  isClosed(): boolean;
  /** Follows every payment a crash or restart left in flight. */
  recover(): void;
  /** Stops following (the payments stay stored and are recovered on the next start). */
  close(): void;
}

/** What the supervisor holds in memory for one payment in flight. */
interface InFlightRecord {
  cancelReason: string | null;
  /** The charge call on its way, settled once its answer is written. */
  charging: Promise<void> | null;
  staleCode: boolean;
  /** After a failed call in the loop: not asked again before this time. */
  retryAt: number | null;
  /** The loop following the payment, while one runs. */
  loop: AbortController | null;
}

type CallStep = Extract<
  Step,
  { kind: 'register' | 'query' | 'cancel' | 'reverse' | 'wait' | 'await_charge' }
>;

export function createPaymentSupervisor(ctx: CheckoutContext, provider: PaymentProvider): PaymentSupervisor {
  return new Supervisor(ctx, provider);
}

class Supervisor implements PaymentSupervisor {
  private readonly db: CheckoutContext['db'];
  private readonly records = new Map<string, InFlightRecord>();
  private closed = false;

  constructor(
    private readonly ctx: CheckoutContext,
    private readonly provider: PaymentProvider,
  ) {
    this.db = ctx.db;
  }

  private recordOf(paymentId: string): InFlightRecord {
    let record = this.records.get(paymentId);
    if (!record) {
      record = { cancelReason: null, charging: null, staleCode: false, retryAt: null, loop: null };
      this.records.set(paymentId, record);
    }
    return record;
  }

  private factsOf(payment: PaymentRecord): PaymentInFlight {
    const record = this.records.get(payment.id);
    return {
      id: payment.id,
      status: payment.status,
      method: payment.method,
      direction: 'sale',
      providerRef: payment.providerRef,
      expiresAt: payment.expiresAt,
      cancelReason: record?.cancelReason ?? null,
      charging: record?.charging != null,
      staleCode: record?.staleCode ?? false,
      retryAt: record?.retryAt ?? null,
    };
  }

  /** Decides the next step on the payment as stored now; writes it at once when it is a write. */
  private decide(paymentId: string, answer: ProviderAnswer | null): CallStep | null {
    if (this.closed) return null;
    const payment = getPayment(this.db, paymentId);
    if (!payment) return null;
    const step = nextStep(this.factsOf(payment), answer, Date.now());
    if (step.kind === 'give_up') {
      this.records.delete(paymentId);
      return null;
    }
    if (step.kind !== 'record' && step.kind !== 'settle') return step;
    this.write(payment, step);
    return null;
  }

  /** Writes what a record or settle step says, and tells every screen. */
  private write(payment: PaymentRecord, step: Extract<Step, { kind: 'record' | 'settle' }>): void {
    const ref = step.providerRef ? { providerRef: step.providerRef } : {};
    if (step.kind === 'settle' && step.status === 'paid') {
      // A charge paid at once was never pending here; the one state machine still goes through it.
      const pending = payment.status === 'created' ? { status: 'pending' as const } : {};
      const now =
        step.providerRef || pending.status
          ? updatePayment(this.db, payment.id, { ...ref, ...pending })
          : payment;
      // A counter tender pays its part; the sale is written when the tenders cover the total.
      if (settleTenderPayment(this.ctx, now)) {
        this.records.delete(now.id);
        return;
      }
      announceSale(this.ctx, now, writeSale(this.ctx, now));
      this.records.delete(now.id);
      return;
    }
    const now = updatePayment(this.db, payment.id, {
      ...ref,
      status: step.status,
      ...(step.reason !== undefined ? { failureReason: step.reason } : {}),
      ...(step.kind === 'record' && step.qrPayload !== undefined ? { qrPayload: step.qrPayload } : {}),
    });
    if (step.kind === 'record' && step.qrPayload !== undefined) this.recordOf(now.id).staleCode = false;
    publishPayment(this.ctx, now);
    if (isFinal(now.status)) this.records.delete(now.id);
  }

  /** decide(), for callers outside the loop: a write the store refuses is logged; the loop retries it. */
  private decideLogged(paymentId: string, answer: ProviderAnswer | null): CallStep | null {
    try {
      return this.decide(paymentId, answer);
    } catch (error) {
      console.error(`payment ${paymentId}:`, error);
      return null;
    }
  }

  /** Carries out a provider call (or a wait); its answer, or null when there is none to apply. */
  private async perform(payment: PaymentRecord, step: CallStep, signal: AbortSignal) {
    try {
      return await this.callProvider(payment, step, signal);
    } catch (error) {
      if (signal.aborted || this.closed) return null;
      return failure(step.kind === 'await_charge' ? 'charge' : step.kind, error, payment.id);
    }
  }

  private async callProvider(
    payment: PaymentRecord,
    step: CallStep,
    signal: AbortSignal,
  ): Promise<ProviderAnswer | null> {
    // A charge is known to the provider by our reference, even when its answer was lost.
    const ref = payment.method === 'customer_presented' ? payment.reference : payment.providerRef!;
    switch (step.kind) {
      case 'register': {
        const created = await this.provider.create(this.requestOf(payment));
        return { call: 'register', ...created };
      }
      case 'query':
        return { call: 'query', ...(await this.provider.query(ref)) };
      case 'cancel':
      case 'reverse': {
        const state = await this.provider.cancel(
          step.kind === 'cancel' ? payment.providerRef! : payment.reference,
        );
        return { call: step.kind, ...state, ourReason: step.reason };
      }
      case 'await_charge':
        await this.records.get(payment.id)?.charging;
        return null;
      case 'wait':
        return step.listen ? this.listen(ref, step.until, signal) : pause(step.until, signal);
    }
  }

  private async listen(ref: string, until: number, signal: AbortSignal): Promise<ProviderAnswer | null> {
    const wait = timeoutSignal(Math.max(0, until - Date.now()), signal);
    try {
      return { call: 'wait', status: await this.provider.waitForChange(ref, 'pending', wait.signal) };
    } catch (error) {
      if (wait.timedOut && !signal.aborted) return null; // our own timer: time to look at the expiry
      throw error;
    } finally {
      wait.clear();
    }
  }

  private requestOf(payment: PaymentRecord) {
    return {
      reference: payment.reference,
      amount: payment.amount,
      currency: payment.currency,
      description: `Self-checkout ${this.ctx.settings.terminalId}`,
      expiresAt: payment.expiresAt,
    };
  }

  /** Follows a payment until it is final, from `answer` (if any); one loop per payment. */
  private follow(paymentId: string, answer: ProviderAnswer | null = null): void {
    const record = this.recordOf(paymentId);
    if (this.closed || record.loop) return;
    const controller = new AbortController();
    record.loop = controller;
    void (async () => {
      let next = answer;
      try {
        while (!controller.signal.aborted && !this.closed) {
          const step = this.decideSafely(paymentId, next);
          next = null;
          if (step === 'stop') return;
          if (!step) continue;
          const payment = getPayment(this.db, paymentId);
          if (!payment) return;
          next = await this.perform(payment, step, controller.signal);
          // A failed call leaves the provider a moment before the next (core's retryAt rule).
          if (next) record.retryAt = 'failure' in next ? Date.now() + RETRY_MS : null;
        }
      } finally {
        if (record.loop === controller) record.loop = null;
      }
    })();
  }

  /**
   * The loop's next call: null after a write (decide again), 'stop' once final. A write the store
   * refuses (another process on the file finished it first) is logged, and looked at again shortly.
   */
  private decideSafely(paymentId: string, answer: ProviderAnswer | null): CallStep | null | 'stop' {
    try {
      const step = this.decide(paymentId, answer);
      if (step) return step;
    } catch (error) {
      console.error(`payment ${paymentId}:`, error);
      return { kind: 'wait', until: Date.now() + RETRY_MS, listen: false };
    }
    const payment = getPayment(this.db, paymentId);
    return !payment || isFinal(payment.status) || this.closed ? 'stop' : null;
  }

  /** One step now (outside the loop): a write, or a call whose answer is written. */
  private async actNow(paymentId: string): Promise<void> {
    const step = this.decideLogged(paymentId, null);
    if (!step || step.kind === 'wait' || step.kind === 'await_charge') return;
    const payment = getPayment(this.db, paymentId)!;
    const answer = await this.perform(payment, step, new AbortController().signal);
    if (answer) this.decideLogged(paymentId, answer);
  }

  announce(payment: PaymentRecord): void {
    publishPayment(this.ctx, payment);
  }

  async startQr(payment: PaymentRecord): Promise<PaymentRecord> {
    const answer = await this.perform(payment, { kind: 'register' }, new AbortController().signal);
    if (answer) this.decideLogged(payment.id, answer);
    this.follow(payment.id);
    return this.closed ? payment : getPayment(this.db, payment.id)!;
  }

  startCharge(payment: PaymentRecord, authCode: string): Promise<void> {
    const record = this.recordOf(payment.id);
    const charged = (async () => {
      let answer: ProviderAnswer;
      try {
        const result = await this.provider.charge({ ...this.requestOf(payment), authCode });
        answer = { call: 'charge', ...result.state, providerRef: result.providerRef };
      } catch (error) {
        answer = failure('charge', error, payment.id);
      }
      record.charging = null;
      this.decideLogged(payment.id, answer);
    })();
    record.charging = charged;
    // Pending or unknown: the loop takes it from here (it waits for the charge's answer first).
    return charged.finally(() => this.follow(payment.id));
  }

  async cancel(paymentId: string, reason: string): Promise<PaymentRecord | null> {
    const payment = getPayment(this.db, paymentId);
    if (!payment || isFinal(payment.status)) return payment;
    const record = this.recordOf(paymentId);
    record.cancelReason = reason;
    record.retryAt = null; // the shopper's cancel goes at once
    await record.charging; // a charge on its way answers first
    // Interrupt the long-poll so the cancel goes at once; the loop resumes afterwards if needed.
    record.loop?.abort();
    record.loop = null;
    await this.actNow(paymentId);
    if (this.closed) return null; // the store may be closed; the next supervisor finishes the cancel
    const after = getPayment(this.db, paymentId)!;
    if (!isFinal(after.status)) this.follow(paymentId); // still unresolved: keep trying in the background
    return after;
  }

  markPaid(
    paymentId: string,
    attendantId: string,
    audit: (payment: PaymentRecord) => void,
  ): Result<PaymentRecord> {
    if (this.closed) return fail('terminal_closing', 'The terminal is shutting down');
    const checked = (payment: PaymentRecord) => attendantStep(this.factsOf(payment), attendantId);
    const first = checked(requirePayment(this.db, paymentId));
    if (!first.ok) return first;
    const written = this.db.transaction(() => {
      // Re-read inside the transaction: the provider's answer may have arrived meanwhile.
      const payment = requirePayment(this.db, paymentId);
      const step = checked(payment);
      if (!step.ok) return step;
      audit(payment);
      const marked = markConfirmedBy(this.db, payment.id, attendantId);
      return ok({ payment: marked, sale: writeSale(this.ctx, marked) });
    })();
    if (!written.ok) return written;
    // Final now, whatever the provider says later: it is no longer followed.
    this.records.get(paymentId)?.loop?.abort();
    this.records.delete(paymentId);
    return ok(announceSale(this.ctx, written.value.payment, written.value.sale));
  }

  isClosed(): boolean {
    return this.closed;
  }

  recover(): void {
    for (const payment of paymentsToRecover(this.db)) {
      if (payment.method === 'merchant_presented' && !this.records.get(payment.id)?.loop)
        this.recordOf(payment.id).staleCode = true;
      this.follow(payment.id);
    }
  }

  close(): void {
    this.closed = true;
    for (const record of this.records.values()) record.loop?.abort();
    this.records.clear();
  }
}

/** A call that got no status, as an answer; an error no provider should throw is logged too. */
function failure(call: ProviderCall, error: unknown, paymentId: string): ProviderAnswer {
  if (error instanceof ProviderRefusedError) return { call, failure: 'refused', message: error.reason };
  if (error instanceof ProviderNotFoundError) return { call, failure: 'not_found', message: error.reason };
  if (!(error instanceof ProviderUnavailableError)) console.error(`payment ${paymentId}:`, error);
  return { call, failure: 'unreachable', message: (error as Error).message };
}

function pause(until: number, signal: AbortSignal): Promise<null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), Math.max(0, until - Date.now()));
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve(null)), { once: true });
  });
}
