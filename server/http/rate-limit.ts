// Slowing down guessing on the two open routes, POST /v1/enrol and POST /v1/token. Each failed attempt
// counts against the client's address and against the code or device it named; past a limit, that
// address, code or device is answered 429 with Retry-After until its window ends, before any database
// work or scrypt is done. Only failures count — an attempt is charged when it starts (so a burst sent
// in parallel cannot slip through before the first answers) and refunded when it succeeds — so a chain
// enrolling hundreds of terminals from one network, or renewing their tokens, is never slowed.
//
// A device's failures are counted per device AND address: counted per device alone, a stranger with five
// addresses could lock a terminal out of its tokens with five wrong secrets. Keyed on the pair, failures
// at the stranger's addresses slow only the stranger; the terminal's own address is slowed only by
// failures from that address (a guess from inside the store's network, or the terminal itself holding a
// wrong secret). A right secret is not let through a limited pair: telling it apart would take the scrypt
// check the limit is there to spare, and a guesser would learn from the answer that it found the secret.
// A guesser with many addresses gains 5 tries per address against a 256-bit secret, which stays out of
// reach; each address is still held to its 30 failures, whichever devices it names.
//
// The counts live in this process: several HQ servers behind a load balancer each keep their own, so
// the limits there are per server. Behind a reverse proxy the address is the proxy's unless Fastify is
// told to trust it (trustProxy), which is why the per-address limits are looser than the per-code and
// per-device ones.
import type { FastifyReply } from 'fastify';
import { sendFailure } from './errors';
import { fail } from '../result';

export interface Limit {
  /** Failed attempts allowed in one window. */
  max: number;
  windowMs: number;
}

/** Fixed-window failure counters, at most `maxKeys` of them (the oldest go first beyond that). */
export class FailureLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: Limit,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whole seconds until `key` may try again; 0 when it may now. */
  retryAfter(key: string): number {
    const window = this.current(key);
    if (!window || window.count < this.limit.max) return 0;
    return Math.max(1, Math.ceil((window.resetAt - this.now()) / 1000));
  }

  charge(key: string): void {
    const window = this.current(key);
    if (window) {
      window.count++;
      return;
    }
    if (this.windows.size >= this.maxKeys) this.prune();
    this.windows.set(key, { count: 1, resetAt: this.now() + this.limit.windowMs });
  }

  refund(key: string): void {
    const window = this.current(key);
    if (window && window.count > 0) window.count--;
  }

  private current(key: string) {
    const window = this.windows.get(key);
    if (window && window.resetAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  /** Drops ended windows; if many addresses are all still counting, the oldest make room. */
  private prune(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}

const QUARTER_HOUR = 15 * 60 * 1000;

/** The limits of the open routes; an 80-bit code or a 256-bit secret is out of reach at these rates. */
export function openRouteLimits() {
  return {
    enrolByAddress: new FailureLimiter({ max: 10, windowMs: QUARTER_HOUR }),
    enrolByCode: new FailureLimiter({ max: 5, windowMs: QUARTER_HOUR }),
    tokenByAddress: new FailureLimiter({ max: 30, windowMs: QUARTER_HOUR }),
    tokenByDevice: new FailureLimiter({ max: 5, windowMs: QUARTER_HOUR }),
  };
}

export type OpenRouteLimits = ReturnType<typeof openRouteLimits>;

/** One limiter, the key it counts, and how the refusal names it ("from this address"). */
export type Check = [FailureLimiter, string, string];

/**
 * Sends 429 for the first check whose limit is reached and returns true; otherwise false. `what` names
 * the attempt ("failed enrolment attempts").
 */
export function refuseIfLimited(reply: FastifyReply, what: string, checks: readonly Check[]): boolean {
  for (const [limiter, key, whose] of checks) {
    const seconds = limiter.retryAfter(key);
    if (seconds === 0) continue;
    reply.header('retry-after', String(seconds));
    sendFailure(
      reply,
      fail(429, 'too_many_attempts', `too many ${what} ${whose}; try again in ${seconds} s`),
    );
    return true;
  }
  return false;
}

/** Charges every check for an attempt about to run; the returned function refunds them on success. */
export function chargeAttempt(checks: readonly Check[]): () => void {
  for (const [limiter, key] of checks) limiter.charge(key);
  return () => {
    for (const [limiter, key] of checks) limiter.refund(key);
  };
}
