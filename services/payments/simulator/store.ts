// The payment simulator's memory: payments (merchant-presented QR payments and customer-presented
// charges) by id and by reference, expiry, the shopper's confirmation timers, and long-poll waiters.
// It never holds a whole wallet code: a charge keeps only its masked form.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { PaymentMethod } from '../../../core/types';
import type { ProviderStatus } from '../provider';

export interface SimPayment {
  id: string;
  reference: string;
  method: PaymentMethod;
  /** The charged wallet code, masked (`1345****7788`); null for a merchant-presented payment. */
  maskedCode: string | null;
  amount: number;
  currency: string;
  description: string;
  expiresAt: Date;
  status: ProviderStatus;
  reason: string | null;
  /**
   * The notification of the latest status change (WeChat Pay's notify id): repeated deliveries of one
   * change carry the same id. `deliveries` counts the long-poll answers that carried it.
   */
  notification?: { id: string; changedAt: number; deliveries: number };
  /** Charge requests with this reference that reached the store (repeats answer the one charge). */
  chargeRequests?: number;
  /** Money given back on this payment (refund-book.ts), kept with it so the state file holds both. */
  refunds?: SimRefund[];
}

/** A refund of (part of) a paid payment, under the merchant's own refund reference. */
export interface SimRefund {
  id: string;
  reference: string;
  amount: number;
  currency: string;
  reason: string;
  status: 'pending' | 'paid' | 'declined';
  /** Why, when declined. */
  declineReason: string | null;
  createdAt: number;
  /** When a pending refund goes through (the `refund_pending` fault); absent once it has. */
  settlesAt?: number;
  /** Refund requests with this reference that reached the simulator (repeats answer the one refund). */
  requests: number;
}

export type NewPayment = Pick<SimPayment, 'reference' | 'amount' | 'currency' | 'description' | 'expiresAt'>;

/** A customer-presented charge and how the simulated wallet answers it. */
export interface NewCharge extends NewPayment {
  maskedCode: string;
  outcome: { status: 'paid' | 'pending' | 'declined'; reason: string | null };
}

/** A charge for a reference that was reversed before any charge reached us: refused, never charged. */
export type ChargeOutcome = CreateOutcome | { kind: 'closed'; payment: SimPayment; message: string };

export type CreateOutcome =
  | { kind: 'created'; payment: SimPayment }
  | { kind: 'existing'; payment: SimPayment }
  | { kind: 'conflict'; message: string }
  | { kind: 'full'; message: string };

export type TransitionOutcome =
  { ok: true; payment: SimPayment } | { ok: false; status: 404 | 409; message: string; payment?: SimPayment };

/** Enough for days of demo checkouts; past it a runaway client gets an error, not our memory. */
const MAX_PAYMENTS = 50_000;
/** setTimeout cannot wait longer than this; later expiries re-arm when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Our own ids look like this; a reference never may (see createSimulatorStore's `find`). */
export const SIM_ID_PREFIX = 'sim_';
const REVERSED_UNSEEN = 'reversed before any charge arrived';

/**
 * `file`: where the simulator keeps its payments across restarts. A real provider never forgets a
 * payment; the built-in simulator restarts with the terminal, so without this a payment approved just
 * before a crash would be unknown to it afterwards.
 */
export function createSimulatorStore(options: { file?: string } = {}) {
  const byId = new Map<string, SimPayment>();
  const byReference = new Map<string, SimPayment>();
  const waiters = new Map<string, Set<() => void>>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  function save() {
    if (!options.file || closed) return;
    // Write then rename: a crash mid-write leaves the previous file whole.
    const temporary = `${options.file}.tmp`;
    // Owner-only, like every file of the data directory: it names payments and their references.
    writeFileSync(temporary, JSON.stringify([...byId.values()]), { mode: 0o600 });
    renameSync(temporary, options.file);
  }

  function notify(id: string) {
    const set = waiters.get(id);
    waiters.delete(id);
    for (const wake of set ?? []) wake();
  }

  /** Fault modes hook in here (duplicate notifications); see faults.ts. */
  const changeListeners = new Set<(payment: SimPayment) => void>();
  /** Payments whose next long-poll answers at once: a repeated notification is on its way. */
  const redeliveries = new Set<string>();

  function finish(payment: SimPayment, status: ProviderStatus, reason: string | null) {
    payment.status = status;
    payment.reason = reason;
    payment.notification = {
      id: `${payment.id}#${randomUUID().slice(0, 8)}`,
      changedAt: Date.now(),
      deliveries: 0,
    };
    save();
    notify(payment.id);
    for (const listener of changeListeners) listener(payment);
  }

  function later(ms: number, run: () => void) {
    if (closed) return; // a charge answered while shutting down arms nothing
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    timers.add(timer);
  }

  function armExpiry(payment: SimPayment) {
    const delay = Math.min(Math.max(payment.expiresAt.getTime() - Date.now(), 0), MAX_TIMER_MS);
    later(delay, () => {
      if (payment.status !== 'pending') return;
      if (Date.now() >= payment.expiresAt.getTime()) finish(payment, 'cancelled', 'expired');
      else armExpiry(payment);
    });
  }

  /** By our id, else by the merchant's reference (as WeChat Pay's query takes either). */
  function find(key: string): SimPayment | undefined {
    const payment = byId.get(key) ?? byReference.get(key);
    return payment ? current(payment.id) : undefined;
  }

  function insert(payment: SimPayment) {
    byId.set(payment.id, payment);
    byReference.set(payment.reference, payment);
    save();
    if (payment.status === 'pending') armExpiry(payment);
  }

  /** Timers can fire late; a read after expiresAt must never still say pending. */
  function current(id: string): SimPayment | undefined {
    const payment = byId.get(id);
    if (payment?.status === 'pending' && Date.now() >= payment.expiresAt.getTime()) {
      finish(payment, 'cancelled', 'expired');
    }
    return payment;
  }

  /** Moves a pending payment to a final status; anything else is a 409 that says what it is now. */
  function transition(
    key: string,
    to: Exclude<ProviderStatus, 'pending'>,
    reason: string | null,
  ): TransitionOutcome {
    const payment = find(key);
    if (!payment) return { ok: false, status: 404, message: `no payment with id "${key}"` };
    if (payment.status !== 'pending') {
      const why = payment.reason ? ` (${payment.reason})` : '';
      return { ok: false, status: 409, message: `payment is already ${payment.status}${why}`, payment };
    }
    finish(payment, to, reason);
    return { ok: true, payment };
  }

  if (options.file && existsSync(options.file)) {
    let saved: (Omit<SimPayment, 'expiresAt' | 'method' | 'maskedCode'> &
      Partial<Pick<SimPayment, 'method' | 'maskedCode'>> & { expiresAt: string })[];
    try {
      saved = JSON.parse(readFileSync(options.file, 'utf8'));
    } catch (error) {
      throw new Error(`${options.file} is not the simulator's saved state: ${(error as Error).message}`);
    }
    for (const entry of saved) {
      // Files written before charges existed hold merchant-presented payments only.
      const payment: SimPayment = {
        method: 'merchant_presented',
        maskedCode: null,
        ...entry,
        expiresAt: new Date(entry.expiresAt),
      };
      byId.set(payment.id, payment);
      byReference.set(payment.reference, payment);
      if (payment.status === 'pending') armExpiry(payment);
    }
  }

  return {
    create(input: NewPayment): CreateOutcome {
      const existing = byReference.get(input.reference);
      if (existing) {
        if (existing.amount !== input.amount || existing.currency !== input.currency) {
          return {
            kind: 'conflict',
            message: `reference "${input.reference}" was already used for ${existing.amount} ${existing.currency} (minor units)`,
          };
        }
        return { kind: 'existing', payment: current(existing.id) ?? existing };
      }
      if (byId.size >= MAX_PAYMENTS)
        return { kind: 'full', message: 'the simulator holds too many payments' };
      const payment: SimPayment = {
        ...input,
        id: `${SIM_ID_PREFIX}${randomUUID()}`,
        method: 'merchant_presented',
        maskedCode: null,
        status: 'pending',
        reason: null,
      };
      insert(payment);
      return { kind: 'created', payment };
    },

    /** Charges a wallet code; a repeated reference answers with the charge it already made. */
    charge(input: NewCharge): ChargeOutcome {
      const existing = find(input.reference);
      if (existing) {
        if (existing.method === 'customer_presented' && existing.reason === REVERSED_UNSEEN) {
          return {
            kind: 'closed',
            payment: existing,
            message: `reference "${input.reference}" was cancelled before it was charged; it can never be charged`,
          };
        }
        if (
          existing.method !== 'customer_presented' ||
          existing.amount !== input.amount ||
          existing.currency !== input.currency
        ) {
          return {
            kind: 'conflict',
            message: `reference "${input.reference}" was already used for ${existing.amount} ${existing.currency} (minor units)`,
          };
        }
        existing.chargeRequests = (existing.chargeRequests ?? 1) + 1;
        save();
        return { kind: 'existing', payment: existing };
      }
      if (byId.size >= MAX_PAYMENTS)
        return { kind: 'full', message: 'the simulator holds too many payments' };
      const { outcome, ...rest } = input;
      const payment: SimPayment = {
        ...rest,
        id: `${SIM_ID_PREFIX}${randomUUID()}`,
        method: 'customer_presented',
        status: outcome.status,
        reason: outcome.reason,
        chargeRequests: 1,
      };
      if (outcome.status !== 'pending')
        payment.notification = { id: `${payment.id}#0`, changedAt: Date.now(), deliveries: 0 };
      insert(payment);
      if (outcome.status !== 'pending') for (const listener of changeListeners) listener(payment);
      return { kind: 'created', payment };
    },

    get: find,

    /**
     * Cancels (reverses) by id or reference. A reference never seen is recorded as cancelled, so a
     * charge arriving late with it is refused; an id we never issued is a 404.
     */
    cancel(key: string, reason: string): TransitionOutcome {
      if (find(key) || key.startsWith(SIM_ID_PREFIX)) return transition(key, 'cancelled', reason);
      if (byId.size >= MAX_PAYMENTS)
        return { ok: false, status: 404, message: 'the simulator holds too many payments' };
      const now = new Date();
      const payment: SimPayment = {
        id: `${SIM_ID_PREFIX}${randomUUID()}`,
        reference: key,
        method: 'customer_presented',
        maskedCode: null,
        amount: 0,
        currency: 'XXX',
        description: '',
        expiresAt: now,
        status: 'cancelled',
        reason: REVERSED_UNSEEN,
      };
      insert(payment);
      return { ok: true, payment };
    },

    /** The shopper confirms on the phone after `ms` (the simulator's `confirmAfterMs`). */
    confirmLater(id: string, ms: number) {
      later(ms, () => {
        const payment = current(id);
        if (payment?.status === 'pending') finish(payment, 'paid', null);
      });
    },

    /** Payments waiting for the shopper, newest first (the simulator's index page). */
    pending(): SimPayment[] {
      return [...byId.values()].filter((p) => current(p.id)?.status === 'pending').reverse();
    },

    transition,

    /** Calls `onChange` once the status leaves `known` (or at once if it already has); returns a disposer. */
    onChange(key: string, known: string, onChange: () => void): () => void {
      const payment = find(key);
      if (!payment || payment.status !== known) {
        onChange();
        return () => {};
      }
      const set = waiters.get(payment.id) ?? new Set<() => void>();
      waiters.set(payment.id, set);
      set.add(onChange);
      return () => set.delete(onChange);
    },

    /** Called after every status change (the simulator's fault modes listen here). */
    onAnyChange(listener: (payment: SimPayment) => void): () => void {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },

    /**
     * Delivers the latest change of a payment again (a duplicate notification, same id): the open
     * long-polls answer now, or, if none is open, the next one asked does, whatever status it knows.
     */
    redeliver(id: string) {
      if (closed || !byId.has(id)) return;
      if (waiters.get(id)?.size) notify(id);
      else redeliveries.add(id);
    },

    /** True (once) when a repeated notification of this payment is waiting for the next long-poll. */
    takeRedelivery(id: string): boolean {
      return redeliveries.delete(id);
    },

    /** Counts a long-poll answer that carried the payment's latest change. */
    delivered(id: string) {
      const notification = byId.get(id)?.notification;
      if (notification) notification.deliveries++;
    },

    /** Every payment, oldest first (the refund book indexes their refunds at start). */
    all(): SimPayment[] {
      return [...byId.values()];
    },

    /** Writes the state file now: a refund changed a payment the store itself did not touch. */
    persist() {
      save();
    },

    /** Wakes every long-poll (they answer with the current status) and stops the expiry timers. */
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const id of [...waiters.keys()]) notify(id);
    },
  };
}

export type SimulatorStore = ReturnType<typeof createSimulatorStore>;
