// The payment simulator's memory: payments by id and by reference, expiry, and long-poll waiters.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ProviderStatus } from './provider';

export interface SimPayment {
  id: string;
  reference: string;
  amount: number;
  currency: string;
  description: string;
  expiresAt: Date;
  status: ProviderStatus;
  reason: string | null;
}

export type NewPayment = Pick<SimPayment, 'reference' | 'amount' | 'currency' | 'description' | 'expiresAt'>;

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

  function save() {
    if (!options.file) return;
    // Write then rename: a crash mid-write leaves the previous file whole.
    const temporary = `${options.file}.tmp`;
    writeFileSync(temporary, JSON.stringify([...byId.values()]));
    renameSync(temporary, options.file);
  }

  function notify(id: string) {
    const set = waiters.get(id);
    waiters.delete(id);
    for (const wake of set ?? []) wake();
  }

  function finish(payment: SimPayment, status: ProviderStatus, reason: string | null) {
    payment.status = status;
    payment.reason = reason;
    save();
    notify(payment.id);
  }

  function armExpiry(payment: SimPayment) {
    const delay = Math.min(Math.max(payment.expiresAt.getTime() - Date.now(), 0), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (payment.status !== 'pending') return;
      if (Date.now() >= payment.expiresAt.getTime()) finish(payment, 'cancelled', 'expired');
      else armExpiry(payment);
    }, delay);
    timer.unref();
    timers.add(timer);
  }

  /** Timers can fire late; a read after expiresAt must never still say pending. */
  function current(id: string): SimPayment | undefined {
    const payment = byId.get(id);
    if (payment?.status === 'pending' && Date.now() >= payment.expiresAt.getTime()) {
      finish(payment, 'cancelled', 'expired');
    }
    return payment;
  }

  if (options.file && existsSync(options.file)) {
    let saved: (SimPayment & { expiresAt: string })[];
    try {
      saved = JSON.parse(readFileSync(options.file, 'utf8'));
    } catch (error) {
      throw new Error(`${options.file} is not the simulator's saved state: ${(error as Error).message}`);
    }
    for (const entry of saved) {
      const payment: SimPayment = { ...entry, expiresAt: new Date(entry.expiresAt) };
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
      const payment: SimPayment = { ...input, id: `sim_${randomUUID()}`, status: 'pending', reason: null };
      byId.set(payment.id, payment);
      byReference.set(payment.reference, payment);
      save();
      armExpiry(payment);
      return { kind: 'created', payment };
    },

    get: current,

    /** Moves a pending payment to a final status; anything else is a 409 that says what it is now. */
    transition(id: string, to: Exclude<ProviderStatus, 'pending'>, reason: string | null): TransitionOutcome {
      const payment = current(id);
      if (!payment) return { ok: false, status: 404, message: `no payment with id "${id}"` };
      if (payment.status !== 'pending') {
        const why = payment.reason ? ` (${payment.reason})` : '';
        return { ok: false, status: 409, message: `payment is already ${payment.status}${why}`, payment };
      }
      finish(payment, to, reason);
      return { ok: true, payment };
    },

    /** Calls `onChange` once the status leaves `known` (or at once if it already has); returns a disposer. */
    onChange(id: string, known: string, onChange: () => void): () => void {
      const payment = current(id);
      if (!payment || payment.status !== known) {
        onChange();
        return () => {};
      }
      const set = waiters.get(id) ?? new Set<() => void>();
      waiters.set(id, set);
      set.add(onChange);
      return () => set.delete(onChange);
    },

    /** Wakes every long-poll (they answer with the current status) and stops the expiry timers. */
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const id of [...waiters.keys()]) notify(id);
    },
  };
}

export type SimulatorStore = ReturnType<typeof createSimulatorStore>;
