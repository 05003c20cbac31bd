// Serialization failures and deadlocks, retried in one place. PostgreSQL set to SERIALIZABLE, and
// CockroachDB (SERIALIZABLE by default), abort a transaction whose reads another commit overtook
// (SQLSTATE 40001); any engine aborts one side of a deadlock (40P01). Both roll the whole transaction
// back and mean "run it again": nothing was written. The node-postgres adapter runs every transaction
// and every statement outside one through `retryOnConflict`, so no route, ingest or job repeats it.
import { sqlState } from './database';

/** The SQLSTATEs that roll a transaction back whole and go away when it runs again. */
const RETRYABLE = new Set(['40001', '40P01']);

export interface RetryPolicy {
  /** Runs in all, the first included. */
  attempts: number;
  /** The first wait's upper bound, doubled each time up to `maxDelayMs`; each wait is random below it. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Eight runs, waits below 10, 20, 40 … 250 ms: at most about 0.8 s of waiting, short next to a person's
 * patience, and enough for a handful of writers on one counter row to get through in turn. The waits are
 * random ("full jitter") so writers that collided do not collide again at the same moment.
 */
export const CONFLICT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 10, maxDelayMs: 250 };

/**
 * A write that kept colliding with others until its retries ran out. Nothing of it was written; the
 * HTTP layer answers 503 `retry_later` (server/http/errors.ts), so a client sends it again later.
 */
export class RetryLater extends Error {
  constructor(
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`other writes to the same data kept colliding with this one (${attempts} tries)`, { cause });
    this.name = 'RetryLater';
  }
}

/** Whether the error rolled its transaction back and running it again may succeed. */
export function isRetryableConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && RETRYABLE.has(state);
}

/**
 * Runs `attempt` until it does not fail with a serialization failure or a deadlock, waiting a little
 * between runs; throws RetryLater when the runs are used up. Other errors pass through at once.
 * `attempt` must start from nothing each time (a fresh transaction, no state kept from a failed run).
 */
export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy = CONFLICT_RETRY,
): Promise<T> {
  for (let run = 1; ; run++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryableConflict(error)) throw error;
      if (run >= policy.attempts) throw new RetryLater(run, error);
      const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (run - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * bound));
    }
  }
}
