// Slowing down guessing: enrolment codes and device secrets on the two open routes (POST /v1/enrol, POST
// /v1/token), and passwords at the back office's sign-in. Each failed attempt counts against the
// client's address and against the code, device or login name it named; past a limit, that address,
// code, device or name is answered 429 with Retry-After until its window ends, before any scrypt is
// done. Only failures count — an attempt is charged when it starts (so a burst sent in parallel cannot
// slip through before the first answers) and refunded when it succeeds — so a chain enrolling hundreds
// of terminals from one network, or renewing their tokens, is never slowed.
//
// The counters are rows of `rate_limits` (migration 0018), not process memory: several HQ processes
// behind a load balancer on one database count together, so a guesser gains nothing by spreading
// attempts over them. A charge is one upsert whose row lock orders concurrent attempts, so of a burst
// exactly `max` are let through whichever processes took them. Each counts the database's clock, so
// the processes' clocks need not agree. Counted values are kept as SHA-256 digests: a guessed code or a
// mistyped password never lands in the table.
//
// A device's failures are counted per device AND address: counted per device alone, a stranger with five
// addresses could lock a terminal out of its tokens with five wrong secrets. Keyed on the pair, failures
// at the stranger's addresses slow only the stranger. A right secret is not let through a limited pair:
// telling it apart would take the scrypt check the limit is there to spare, and a guesser would learn
// from the answer that it found the secret.
//
// Behind a reverse proxy the address is the proxy's unless Fastify is told to trust it (trustProxy),
// which is why the per-address limits are looser than the per-code, per-device and per-name ones.
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Database } from '../db/database';
import { toNumber } from '../db/database';
import { fail } from '../result';
import { sendFailure } from './errors';

export interface Limit {
  /** The counter family, as stored: `enrol_address`, `login_name`… */
  bucket: string;
  /** Failed attempts allowed in one window. */
  max: number;
  windowMs: number;
}

const QUARTER_HOUR = 15 * 60 * 1000;

/** The limits; an 80-bit code or a 256-bit secret is out of reach at these rates. */
export const LIMITS = {
  enrolByAddress: { bucket: 'enrol_address', max: 10, windowMs: QUARTER_HOUR },
  enrolByCode: { bucket: 'enrol_code', max: 5, windowMs: QUARTER_HOUR },
  tokenByAddress: { bucket: 'token_address', max: 30, windowMs: QUARTER_HOUR },
  tokenByDevice: { bucket: 'token_device', max: 5, windowMs: QUARTER_HOUR },
  // A login name is slowed after 10 wrong passwords from anywhere (a stranger can make a user wait, but
  // never guess: the admin token stays a way in), an address after 30 whichever names it tries.
  loginByName: { bucket: 'login_name', max: 10, windowMs: QUARTER_HOUR },
  loginByAddress: { bucket: 'login_address', max: 30, windowMs: QUARTER_HOUR },
} satisfies Record<string, Limit>;

/** One limit, the value it counts, and how the refusal names it ("from this address"). */
export type Check = [Limit, string, string];

interface Refusal {
  whose: string;
  seconds: number;
}

const PRUNE_EVERY_MS = 60_000;

/** The failure counters of one database. */
export class FailureCounters {
  private prunedAt = 0;

  constructor(private readonly db: Database) {}

  /** The first check whose limit is reached now, with the seconds to wait; null when none is. */
  async limited(checks: readonly Check[]): Promise<Refusal | null> {
    for (const [limit, key, whose] of checks) {
      const { rows } = await this.db.query<{ failures: number; seconds: unknown }>(
        `SELECT failures, ceil(extract(epoch FROM (resets_at - now()))) AS seconds
         FROM rate_limits WHERE bucket = $1 AND subject = $2 AND resets_at > now()`,
        [limit.bucket, subject(key)],
      );
      const row = rows[0];
      if (row && row.failures >= limit.max) return { whose, seconds: Math.max(1, toNumber(row.seconds)) };
    }
    return null;
  }

  /**
   * Counts an attempt about to run against every check. Refused (and counted nowhere) when one of them
   * is past its limit; otherwise the returned function refunds the attempt when it succeeded.
   */
  async charge(
    checks: readonly Check[],
  ): Promise<{ refused: Refusal; refund?: undefined } | { refused: null; refund(): Promise<void> }> {
    await this.prune();
    // One order for every process, so two attempts never wait on each other's rows crosswise.
    const sorted = [...checks].sort(([a, x], [b, y]) =>
      a.bucket === b.bucket ? subject(x).localeCompare(subject(y)) : a.bucket.localeCompare(b.bucket),
    );
    const charged: { limit: Limit; subject: string; resetsAt: Date }[] = [];
    let refused: Refusal | null = null;
    for (const [limit, key, whose] of sorted) {
      const { rows } = await this.db.query<{ failures: number; resets_at: Date; seconds: unknown }>(
        `INSERT INTO rate_limits AS r (bucket, subject, failures, resets_at)
         VALUES ($1, $2, 1, date_trunc('milliseconds', now()) + $3 * interval '1 millisecond')
         ON CONFLICT (bucket, subject) DO UPDATE SET
           failures = CASE WHEN r.resets_at <= now() THEN 1 ELSE r.failures + 1 END,
           resets_at = CASE WHEN r.resets_at <= now() THEN excluded.resets_at ELSE r.resets_at END
         RETURNING failures, resets_at, ceil(extract(epoch FROM (resets_at - now()))) AS seconds`,
        [limit.bucket, subject(key), limit.windowMs],
      );
      const row = rows[0]!;
      charged.push({ limit, subject: subject(key), resetsAt: row.resets_at });
      if (row.failures > limit.max) {
        refused ??= { whose, seconds: Math.max(1, toNumber(row.seconds)) };
        break;
      }
    }
    const refund = async () => {
      for (const c of charged) {
        await this.db.query(
          `UPDATE rate_limits SET failures = failures - 1
           WHERE bucket = $1 AND subject = $2 AND resets_at = $3 AND failures > 0`,
          [c.limit.bucket, c.subject, c.resetsAt],
        );
      }
    };
    if (refused) {
      await refund();
      return { refused };
    }
    return { refused: null, refund };
  }

  /** Ended windows are deleted now and then (at most once a minute per process). */
  private async prune(): Promise<void> {
    const now = Date.now();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    await this.db.query(`DELETE FROM rate_limits WHERE resets_at < now()`);
  }
}

function subject(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Sends the 429 with Retry-After; `what` names the attempts ("failed enrolment attempts"). */
export function sendLimited(reply: FastifyReply, what: string, refusal: Refusal): FastifyReply {
  reply.header('retry-after', String(refusal.seconds));
  return sendFailure(
    reply,
    fail(429, 'too_many_attempts', `too many ${what} ${refusal.whose}; try again in ${refusal.seconds} s`, {
      retryAfterSeconds: refusal.seconds,
    }),
  );
}

/** Sends 429 and returns true when a check is past its limit now (nothing is charged). */
export async function refuseIfLimited(
  counters: FailureCounters,
  reply: FastifyReply,
  what: string,
  checks: readonly Check[],
): Promise<boolean> {
  const refusal = await counters.limited(checks);
  if (!refusal) return false;
  sendLimited(reply, what, refusal);
  return true;
}

/**
 * Charges the checks for an attempt about to run: null (the 429 sent) when one is past its limit,
 * otherwise the function that refunds the attempt on success.
 */
export async function chargeAttempt(
  counters: FailureCounters,
  reply: FastifyReply,
  what: string,
  checks: readonly Check[],
): Promise<(() => Promise<void>) | null> {
  const charged = await counters.charge(checks);
  if (charged.refused) {
    sendLimited(reply, what, charged.refused);
    return null;
  }
  return charged.refund;
}
