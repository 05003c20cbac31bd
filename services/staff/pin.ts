// Attendant PINs: kept in settings.json only as scrypt hashes, `scrypt$N$r$p$salt$hash` (salt and hash
// base64url), so a copied settings file does not give away the PINs. A PIN is only 4–8 digits, so
// the hash is slow on purpose (N = 2^15) and salted per attendant; verifying compares in constant time.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** What an attendant's PIN may be: 4 to 8 digits, typed on the kiosk's keypad. */
export const PIN_PATTERN = /^\d{4,8}$/;

/** The shape of a stored hash (settings.json validates it with this). */
export const PIN_HASH_PATTERN = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{32,}$/;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt minimum is N = 2^17 for passwords; 2^15 keeps a kiosk's check under ~100 ms. */
export const DEFAULT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Refuse hashes that would make one check eat the kiosk's memory (a hostile settings file). */
const MAX_N = 2 ** 20;

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

/** Hashes a PIN for settings.json; throws on a PIN that is not 4–8 digits. */
export function hashPin(pin: string, cost: ScryptCost = DEFAULT_COST): string {
  if (!isValidPin(pin)) throw new Error('A PIN is 4 to 8 digits');
  const salt = randomBytes(SALT_BYTES);
  const key = derive(pin, salt, cost, KEY_BYTES);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `pin` is the PIN `stored` was made from; false (never a throw) for a malformed hash. */
export function verifyPin(pin: string, stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  // Hash even an ill-formed PIN, so a wrong guess costs the same time whatever it looks like.
  const key = derive(pin, parsed.salt, parsed.cost, parsed.key.length);
  return timingSafeEqual(key, parsed.key) && isValidPin(pin);
}

function parseHash(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  if (!PIN_HASH_PATTERN.test(stored)) return null;
  const [, n, r, p, salt, key] = stored.split('$') as [string, string, string, string, string, string];
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = cost.N > 1 && (cost.N & (cost.N - 1)) === 0;
  if (!powerOfTwo || cost.N > MAX_N || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16) return null;
  return { cost, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

function derive(pin: string, salt: Buffer, cost: ScryptCost, bytes: number): Buffer {
  const maxmem = 256 * cost.N * cost.r + 1024 * 1024;
  return scryptSync(pin.normalize('NFC'), salt, bytes, { ...cost, maxmem });
}
