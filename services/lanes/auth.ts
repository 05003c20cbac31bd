// Every request between terminals of a store carries an HMAC-SHA256, made with the store key, of its
// method, path, time, a nonce, the sender's terminal id and the SHA-256 of its body: the key itself never travels. The receiver
// refuses a missing or wrong signature, a time more than MAX_SKEW_MS from its own clock, and a nonce it
// has already seen within that window (a replayed request). Answers are signed the same way, bound to
// the request's nonce, so a lane acts only on what the console really said.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const HEADER_TIME = 'x-openlane-time';
export const HEADER_NONCE = 'x-openlane-nonce';
export const HEADER_SIGNATURE = 'x-openlane-signature';
export const HEADER_FROM = 'x-openlane-from';

/** How far the sender's clock may be from ours: store clocks drift, a replay an hour later must not pass. */
export const MAX_SKEW_MS = 30_000;
/** The shortest store key accepted: 32 characters of a random hex or base64 string. */
export const MIN_KEY_LENGTH = 32;

export interface SignedParts {
  method: string;
  path: string;
  /** Sender's clock, ms since the epoch. */
  time: number;
  nonce: string;
  body: string;
  /** The sending terminal's id: signed, so one lane cannot pass itself off as another. */
  from: string;
}

function canonical(parts: SignedParts): string {
  const bodyHash = createHash('sha256').update(parts.body, 'utf8').digest('hex');
  return [parts.method.toUpperCase(), parts.path, String(parts.time), parts.nonce, parts.from, bodyHash].join(
    '\n',
  );
}

/** The signature of a request (or answer) in hex. */
export function sign(key: string, parts: SignedParts): string {
  return createHmac('sha256', key).update(canonical(parts)).digest('hex');
}

/** The headers a signed request carries. */
export function signedHeaders(
  key: string,
  from: string,
  parts: Omit<SignedParts, 'time' | 'nonce' | 'from'>,
  now: number = Date.now(),
): Record<string, string> {
  const nonce = randomBytes(16).toString('hex');
  const signature = sign(key, { ...parts, time: now, nonce, from });
  return {
    [HEADER_TIME]: String(now),
    [HEADER_NONCE]: nonce,
    [HEADER_SIGNATURE]: signature,
    [HEADER_FROM]: from,
  };
}

/** A request that passed names its sender, its nonce and the key it was signed with (the answer is signed with it). */
export type Verdict = { ok: true; from: string; nonce: string; key: string } | { ok: false; reason: string };

export interface Verifier {
  /** Checks one request's headers and body; a nonce that passes is remembered for the skew window. */
  verify(
    headers: Record<string, string | string[] | undefined>,
    method: string,
    path: string,
    body: string,
  ): Verdict;
}

const NONCE = /^[0-9a-f]{16,64}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
const FROM = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * `keys`: the store key, or the keys accepted now (the current one first; during a rotation the one
 * before it too, so terminals that have not synced since still get through).
 */
export function createVerifier(
  keys: string | (() => readonly string[]),
  now: () => number = Date.now,
): Verifier {
  const accepted = typeof keys === 'string' ? () => [keys] : keys;
  /** Nonces seen, with when they stop mattering (their time is then outside the window anyway). */
  const seen = new Map<string, number>();
  const forget = (t: number) => {
    for (const [nonce, until] of seen) if (until < t) seen.delete(nonce);
  };
  return {
    verify(headers, method, path, body) {
      const header = (name: string) => {
        const value = headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      const time = header(HEADER_TIME);
      const nonce = header(HEADER_NONCE);
      const signature = header(HEADER_SIGNATURE);
      const from = header(HEADER_FROM);
      if (time === undefined || nonce === undefined || signature === undefined || from === undefined)
        return { ok: false, reason: 'the request is not signed with the store key' };
      if (!/^\d{1,15}$/.test(time) || !NONCE.test(nonce) || !SIGNATURE.test(signature) || !FROM.test(from))
        return { ok: false, reason: 'the request’s signature headers are malformed' };
      const given = Buffer.from(signature, 'hex');
      const key = accepted().find((candidate) =>
        timingSafeEqual(
          Buffer.from(sign(candidate, { method, path, time: Number(time), nonce, body, from }), 'hex'),
          given,
        ),
      );
      if (key === undefined)
        return {
          ok: false,
          reason: 'the signature does not match: a different store key, or a changed request',
        };
      const t = now();
      if (Math.abs(t - Number(time)) > MAX_SKEW_MS)
        return { ok: false, reason: 'the request’s time is too far from this terminal’s clock' };
      forget(t);
      if (seen.has(nonce)) return { ok: false, reason: 'this request was already received (a replay)' };
      seen.set(nonce, t + 2 * MAX_SKEW_MS);
      return { ok: true, from, nonce, key };
    },
  };
}

/** Why a configured store key cannot be used, or null when it can. */
export function keyProblem(key: string): string | null {
  if (key.trim() !== key) return 'the store key has spaces around it';
  if (key.length < MIN_KEY_LENGTH) return `the store key must be at least ${MIN_KEY_LENGTH} characters`;
  return null;
}
