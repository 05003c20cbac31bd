// Users' passwords, hashed with scrypt: memory-hard, so a stolen table is slow to guess even on GPUs.
// N = 2^15, r = 8, p = 1 takes 32 MiB and about a tenth of a second, paid once per sign-in. The cost
// is stored with each hash (`scrypt$N$r$p$salt$hash`), so it can be raised: a hash made at a lower cost
// is made again at the current one the next time its user signs in.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const PASSWORD_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
// The most memory one check may use: 128 · N · r for the current cost, with room to raise it once.
const MAX_MEMORY = 256 * 1024 * 1024;

/** Rules for a new password: long enough to resist guessing, short enough to hash without harm. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = PASSWORD_COST;
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export interface Verified {
  ok: boolean;
  /** The hash was made at a lower cost than today's: store a new one. */
  outdated: boolean;
}

/** Whether the password matches a stored hash, in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<Verified> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const cost = [Number(n), Number(r), Number(p)] as const;
  if (scheme !== 'scrypt' || !salt || !hash || !cost.every((v) => Number.isSafeInteger(v) && v > 0)) {
    return { ok: false, outdated: false };
  }
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), ...cost);
  const ok = key.length === expected.length && timingSafeEqual(key, expected);
  const outdated = cost[0] < PASSWORD_COST.N || cost[1] < PASSWORD_COST.r || cost[2] < PASSWORD_COST.p;
  return { ok, outdated };
}

/** Checked against when the name is unknown, so a wrong name costs as long as a wrong password. */
export const DUMMY_PASSWORD_HASH = `scrypt$${PASSWORD_COST.N}$${PASSWORD_COST.r}$${PASSWORD_COST.p}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
